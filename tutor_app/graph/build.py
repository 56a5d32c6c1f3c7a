"""Engine tape → networkx graph of value nodes and op nodes (record first, draw later).

Node keys are tuples: ``("value", uid)`` for a tensor, ``("op", index)`` for an evaluated op.
Edges run value → op (one per argument, keyed by the argument's position, so ``x * x`` has
two edges) and op → value (key ``"out"``). The graph is a ``MultiDiGraph`` and keeps the
tape's order, which makes everything downstream deterministic.
"""

from __future__ import annotations

from collections.abc import Mapping

import networkx as nx

from tutor_app.engine.tape import OpRecord, Tape, ValueRecord
from tutor_app.graph import fmt
from tutor_app.graph.gcpause import gc_paused

OUT = "out"
DETACH = "detach"  # the tape's op name for ``detach()``/``detach_()``: an edge that is cut


def value_node(uid: int) -> tuple[str, int]:
    return ("value", uid)


def op_node(index: int) -> tuple[str, int]:
    return ("op", index)


class GraphBuildError(ValueError):
    """The chosen output is not on the tape (a clear message for the learner)."""


def _ancestors_ops(tape: Tape, output_uid: int) -> list[OpRecord]:
    """The ops the output depends on, in tape order (walk backwards; no recursion)."""
    producer = {op.output: op for op in tape.ops}
    needed: set[int] = set()
    stack = [output_uid]
    seen: set[int] = set()
    while stack:
        uid = stack.pop()
        if uid in seen:
            continue
        seen.add(uid)
        op = producer.get(uid)
        if op is not None:
            needed.add(op.index)
            stack.extend(op.inputs)
    return [op for op in tape.ops if op.index in needed]


def build_graph(tape: Tape, output: int | None = None,
                names: Mapping[int, str] | None = None) -> nx.MultiDiGraph:
    """Build the computation graph of ``tape``.

    Parameters
    ----------
    tape : Tape
        What ``engine.record()`` saw.
    output : int, optional
        The uid of the value whose graph to draw; only its ancestors are kept.
        ``None`` keeps every op on the tape.
    names : mapping of uid to str, optional
        Variable names from the learner's namespace (``{x.uid: "x"}``); other values are
        named ``t1``, ``t2``… in order of appearance (scalar constants by their value).

    Returns
    -------
    networkx.MultiDiGraph
        Value nodes carry ``kind="value"``, ``uid``, ``name``, ``shape``, ``dtype``, ``value``,
        ``requires_grad``, ``is_leaf``, ``grad_fn``, ``constant``; op nodes carry
        ``kind="op"``, ``index``, ``op``, ``grad_fn``, ``label``, ``formula``, ``params``;
        edges carry ``arg`` (argument position or ``"out"``) and ``cut`` (the gradient
        cannot flow along it: ``detach()``, ``no_grad()`` or a constant). A ``detach`` op
        node's edges are always cut; its output is a leaf.
    """
    with gc_paused():
        return _build(tape, output, dict(names or {}))


def _build(tape: Tape, output: int | None, names: dict[int, str]) -> nx.MultiDiGraph:
    if output is not None and output not in tape.values:
        raise GraphBuildError(f"value {output} is not on the tape")
    ops = _ancestors_ops(tape, output) if output is not None else list(tape.ops)
    graph = nx.MultiDiGraph(output=output)
    counter = 0

    def add_value(uid: int) -> tuple[str, int]:
        nonlocal counter
        node = value_node(uid)
        if node in graph:
            return node
        rec: ValueRecord = tape.values[uid]
        name = names.get(uid)
        if name is None and rec.is_leaf and not rec.requires_grad and rec.value.ndim == 0:
            name = fmt.number(rec.value)  # a Python scalar the engine wrapped: show "2"
        if name is None:
            counter += 1
            name = f"t{counter}"
        graph.add_node(node, kind="value", uid=uid, name=name, shape=tuple(rec.shape),
                       dtype=rec.dtype, value=rec.value, requires_grad=rec.requires_grad,
                       is_leaf=rec.is_leaf, grad_fn=rec.grad_fn,
                       constant=rec.is_leaf and not rec.requires_grad)
        return node

    op_io: dict = {}  # op node -> ([(value node, key)], output node): asked for thousands of times
    for op in ops:
        in_nodes = [add_value(uid) for uid in op.inputs]
        out_rec = tape.values[op.output]
        onode = op_node(op.index)
        graph.add_node(onode, kind="op", index=op.index, op=op.op, grad_fn=op.grad_fn,
                       label=op.label, formula=op.formula, params=dict(op.params),
                       tracked=out_rec.requires_grad)
        detached = op.op == DETACH  # a cut even if the copy later calls requires_grad_()
        for position, node in enumerate(in_nodes):
            flows = graph.nodes[node]["requires_grad"] and out_rec.requires_grad
            graph.add_edge(node, onode, key=position, arg=position,
                           cut=detached or not flows)
        out = add_value(op.output)
        graph.add_edge(onode, out, key=OUT, arg=OUT,
                       cut=detached or not out_rec.requires_grad)
        op_io[onode] = ([(node, position) for position, node in enumerate(in_nodes)], out)
    graph.graph["op_io"] = op_io
    if output is not None:
        add_value(output)  # a leaf chosen as output is a graph of one node
    return graph


def ops_in_order(graph: nx.MultiDiGraph) -> list[tuple[str, int]]:
    """The op nodes in evaluation order."""
    return sorted((n for n, d in graph.nodes(data=True) if d["kind"] == "op"),
                  key=lambda n: n[1])


def op_inputs(graph: nx.MultiDiGraph, op: tuple[str, int]) -> list[tuple]:
    """``(value node, edge key)`` per argument of ``op``, in argument order."""
    cached = graph.graph.get("op_io", {}).get(op)
    if cached is not None:
        return list(cached[0])
    edges = [(u, k) for u, _, k in graph.in_edges(op, keys=True)]
    return sorted(edges, key=lambda e: e[1])


def op_output(graph: nx.MultiDiGraph, op: tuple[str, int]) -> tuple[str, int]:
    """The value node ``op`` produced."""
    cached = graph.graph.get("op_io", {}).get(op)
    if cached is not None:
        return cached[1]
    return next(v for _, v in graph.out_edges(op))


def find_value(graph: nx.MultiDiGraph, name: str) -> tuple[str, int] | None:
    """The value node named ``name`` (the last one if a name was rebound), or None."""
    found = [n for n, d in graph.nodes(data=True) if d["kind"] == "value" and d["name"] == name]
    return found[-1] if found else None
