"""Frames of forward-mode accumulation: one pass per input, tangents flowing with values.

The tangents come from the engine's ``jvp`` (one dict ``{uid: tangent}`` per pass); this
module only arranges them into frames on the same graph the reverse mode uses, so the two
can be played side by side.
"""

from __future__ import annotations

import networkx as nx
import numpy as np

from tutor_app.graph import fmt
from tutor_app.graph.build import OUT, op_inputs, op_output, ops_in_order, value_node
from tutor_app.graph.captions import Lazy, caption
from tutor_app.graph.frames import Timeline
from tutor_app.graph.step import Step
from tutor_app.graph.symbols import expression


def forward_mode_timeline(graph: nx.MultiDiGraph, inputs: list[int],
                          tangents: list[dict[int, np.ndarray]]) -> Timeline:
    """Frames for ``len(tangents)`` passes; pass i seeds input ``inputs[i]`` with 1."""
    ops = ops_in_order(graph)
    values = [n for n, d in graph.nodes(data=True) if d["kind"] == "value"]
    leaves = tuple(n for n in values if graph.in_degree(n) == 0)
    produced = tuple(n for n in values if graph.in_degree(n) > 0)
    outputs = [n for n in values if graph.out_degree(n) == 0 and graph.in_degree(n) > 0]
    n = len(tangents)
    steps = [Step("start", caption("fm_start", n=n), frozenset(leaves), frozenset(),
                  shown=leaves, appear=tuple(graph.nodes))]
    for i, (seed_uid, tangent) in enumerate(zip(inputs, tangents, strict=True), start=1):
        seed_node = value_node(seed_uid)
        seeds = tuple((value_node(u), np.asarray(1.0 if u == seed_uid else 0.0))
                      for u in inputs if value_node(u) in graph)
        clear = tuple((v, None) for v in values)
        steps.append(Step("seed", caption("fm_seed", i=i, n=n, name=_name(graph, seed_node)),
                          frozenset({seed_node}), frozenset(), hidden=produced,
                          grads=clear + seeds))
        for op in ops:
            out = op_output(graph, op)
            args = op_inputs(graph, op)
            t = tangent.get(graph.nodes[out]["uid"])
            cap = caption("fm_op", i=i, expr=Lazy(expression, graph, op), out=_name(graph, out),
                          value=Lazy(fmt.compact, graph.nodes[out]["value"]),
                          tangent=Lazy(fmt.compact, t))
            edges = frozenset((u, op, k) for u, k in args) | {(op, out, OUT)}
            steps.append(Step("forward", cap, frozenset({op, out, *(u for u, _ in args)}),
                              edges, shown=(out,), grads=((out, t),)))
        column = ", ".join(f"∂{_name(graph, o)}/∂{_name(graph, seed_node)} = "
                           f"{fmt.compact(tangent.get(graph.nodes[o]['uid']))}" for o in outputs)
        steps.append(Step("done", caption("fm_done", i=i, column=column),
                          frozenset(outputs), frozenset()))
    return Timeline(graph, steps, grad_symbol="ṫ")


def _name(graph: nx.MultiDiGraph, node) -> str:
    return graph.nodes[node]["name"]
