"""Immutable frames of the forward and backward passes: a frame is a complete state.

``build_timeline(graph, tape)`` turns the graph and the tape's backward events into steps:

- ``start``: leaves show their values;
- ``forward``: one per op, its inputs highlighted and its output value appearing;
- ``seed`` / ``backward`` / ``reduce`` / ``accumulate`` / ``done`` per backward pass: the
  upstream gradient arriving at an op, the product sent along each input edge, the sum
  broadcasting forces (its own step), the addition where a value fans out, and finally the
  leaves' ``.grad`` exactly as the engine left it.

Each node's state is kept as a short history (step → value), so ``timeline[k]`` is an index
and a bisect, never a replay, and memory stays linear in the graph (2,000 nodes ≈ 5,000 steps).
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import networkx as nx
import numpy as np

from tutor_app.engine.tape import Tape
from tutor_app.graph import fmt
from tutor_app.graph.backward_steps import backward_steps
from tutor_app.graph.build import DETACH, OUT, op_inputs, op_output, ops_in_order
from tutor_app.graph.captions import Lazy, caption, join
from tutor_app.graph.gcpause import gc_paused
from tutor_app.graph.step import Step
from tutor_app.graph.symbols import expression, localise
from tutor_app.i18n import pick

FORWARD_PHASES = ("formula", "feed", "record", "start", "empty", "forward")
START_LIT = 6   # more leaves than this: the first frame highlights the first op's only


class _History:
    """Per key, the steps at which its state changed and the new states."""

    def __init__(self) -> None:
        self._steps: dict[object, list[int]] = {}
        self._states: dict[object, list[object]] = {}

    def set(self, key: object, step: int, state: object) -> None:
        steps = self._steps.setdefault(key, [])
        states = self._states.setdefault(key, [])
        if steps and steps[-1] == step:
            states[-1] = state
        else:
            steps.append(step)
            states.append(state)

    def at(self, key: object, step: int, default: object = None) -> object:
        steps = self._steps.get(key)
        if not steps:
            return default
        i = bisect.bisect_right(steps, step) - 1
        return self._states[key][i] if i >= 0 else default

    def keys(self):
        return self._steps.keys()


@dataclass(frozen=True)
class Frame:
    """The complete state at one step; ``timeline[k]`` makes it, so seek is an index."""

    index: int
    phase: str
    caption: Mapping[str, str]
    active_nodes: frozenset
    active_edges: frozenset
    timeline: Timeline = field(repr=False, compare=False)

    def caption_in(self, lang: str) -> str:
        return pick(self.caption, lang)

    def shown(self, node: object) -> bool:
        """True once the value of ``node`` has been computed."""
        return bool(self.timeline._shown.at(node, self.index, False))

    def exists(self, node: object) -> bool:
        """False while an eagerly built graph has not reached ``node`` yet."""
        return bool(self.timeline._exists.at(node, self.index, False))

    def grad(self, node: object) -> np.ndarray | None:
        """The gradient shown on ``node`` (∂root/∂node), or None."""
        return self.timeline._grads.at(node, self.index)

    def edge_text(self, edge: tuple) -> str | None:
        """The local derivative and product shown on ``edge`` (u, v, key), or None."""
        text = self.timeline._edges.at(edge, self.index)
        return None if text is None else str(text)

    @property
    def grads(self) -> dict[object, np.ndarray]:
        """Every gradient shown at this frame."""
        out = {}
        for node in self.timeline._grads.keys():
            g = self.grad(node)
            if g is not None:
                out[node] = g
        return out

    @property
    def is_backward(self) -> bool:
        return self.phase not in FORWARD_PHASES


class Timeline(Sequence):
    """All frames of one graph, forward then every recorded backward pass."""

    def __init__(self, graph: nx.MultiDiGraph, steps: list[Step], *, grad_symbol: str = "∇"):
        self.graph = graph
        self.steps = steps
        self.grad_symbol = grad_symbol  # "∇" for gradients, "ṫ" for forward-mode tangents
        self._shown, self._grads, self._edges = _History(), _History(), _History()
        self._exists = _History()
        self.grows = any(step.appear for step in steps[1:])  # implicit construction
        for k, step in enumerate(steps):
            for node in step.appear:
                self._exists.set(node, k, True)
            for node in step.hidden:
                self._shown.set(node, k, False)
            for node in step.shown:
                self._shown.set(node, k, True)
            for node, g in step.grads:
                self._grads.set(node, k, g)
            for edge, text in step.edge_text:
                self._edges.set(edge, k, text)

    def __len__(self) -> int:
        return len(self.steps)

    def __getitem__(self, k):  # type: ignore[override]
        if isinstance(k, slice):
            return [self[i] for i in range(*k.indices(len(self)))]
        if k < 0:
            k += len(self)
        if not 0 <= k < len(self):
            raise IndexError(f"frame {k} out of range 0..{len(self) - 1}")
        s = self.steps[k]
        return Frame(k, s.phase, s.caption, s.active_nodes, s.active_edges, self)

    def touched(self, a: int, b: int) -> tuple[set, set]:
        """Nodes and edges whose state may differ between frames ``a`` and ``b``."""
        lo, hi = sorted((a, b))
        nodes: set = set()
        edges: set = set()
        nodes.update(self.steps[lo].active_nodes)   # its highlight goes away
        edges.update(self.steps[lo].active_edges)
        for k in range(lo + 1, hi + 1):              # every change made after ``lo``
            s = self.steps[k]
            nodes.update(s.active_nodes, s.shown, s.hidden, s.appear, (n for n, _ in s.grads))
            edges.update(s.active_edges, (e for e, _ in s.edge_text))
        return nodes, edges

    def first_backward(self) -> int | None:
        return next((k for k, s in enumerate(self.steps) if s.phase == "seed"), None)


CONSTRUCTIONS = ("whole", "explicit", "implicit")


def build_timeline(graph: nx.MultiDiGraph, tape: Tape | None = None, *,
                   construction: str = "whole", failure: str | None = None) -> Timeline:
    """The frames of ``graph``; backward passes come from ``tape.backward``/``leaf_grads``.

    ``construction`` says how the graph comes to be: ``"whole"`` draws it complete from the
    first frame; ``"explicit"`` adds a first frame with the formula only (no value, not even
    the inputs', as in define-then-run frameworks); ``"implicit"`` grows it op by op, as
    PyTorch records it while computing. ``failure``: the error the program stopped with
    (a ``backward()`` that raised is drawn as a failed pass, with this message).
    """
    if construction not in CONSTRUCTIONS:
        raise ValueError(f"construction must be one of {CONSTRUCTIONS}, got {construction!r}")
    with gc_paused():
        steps = _forward_steps(graph, construction)
        if tape is not None:
            steps.extend(backward_steps(graph, tape, failure))
        return Timeline(graph, steps)


def _forward_steps(graph: nx.MultiDiGraph, construction: str = "whole") -> list[Step]:
    ops = ops_in_order(graph)
    leaves = tuple(n for n, d in graph.nodes(data=True)
                   if d["kind"] == "value" and graph.in_degree(n) == 0)
    output = graph.graph.get("output")
    if output is not None:
        out_name = graph.nodes[("value", output)]["name"]
    else:  # the whole tape: name its results (the values nothing else used)
        sinks = [d["name"] for n, d in graph.nodes(data=True)
                 if d["kind"] == "value" and graph.out_degree(n) == 0]
        out_name = ", ".join(sinks[:4]) + (", …" if len(sinks) > 4 else "")
    kind = "start" if ops else "empty"
    implicit = construction == "implicit"
    everything = tuple(graph.nodes)
    steps = []
    if construction == "explicit" and ops:
        steps.append(Step("formula", caption("formula", output=out_name, n=len(ops)),
                          appear=everything))
        kind = "feed"
    elif implicit and ops:
        kind = "record"
    # every leaf shows its value; a long program highlights only those of its first op
    # (where stepping starts: the view can hold them), a short one all of them
    lit = leaves
    if len(leaves) > START_LIT and ops:
        lit = tuple(u for u, _ in op_inputs(graph, ops[0]) if u in set(leaves)) or leaves
    steps.append(Step(kind, caption(kind, output=out_name, n=len(ops)), frozenset(lit),
                      frozenset(), shown=leaves, appear=leaves if implicit else everything))
    for i, op in enumerate(ops, start=1):
        args = op_inputs(graph, op)
        out = op_output(graph, op)
        d, od = graph.nodes[op], graph.nodes[out]
        parts = [caption("forward", i=i, n=len(ops), expr=Lazy(expression, graph, op),
                         formula=Lazy(localise, graph, op, d["formula"]),
                         out=od["name"], value=Lazy(fmt.compact, od["value"]))]
        if d["op"] == DETACH:
            parts.append(caption("cut_detach", out=od["name"],
                                 src=graph.nodes[args[0][0]]["name"]))
        elif not od["requires_grad"] and any(graph.nodes[u]["requires_grad"] for u, _ in args):
            parts.append(caption("cut", out=od["name"]))
        edges = frozenset((u, op, k) for u, k in args) | {(op, out, OUT)}
        steps.append(Step("forward", join(parts), frozenset({op, out, *(u for u, _ in args)}),
                          edges, shown=(out,), appear=(op, out) if implicit else ()))
    return steps

