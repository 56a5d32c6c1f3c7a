"""The backward part of the timeline: one step per op visited, plus reductions and sums.

Passes are the engine's ``pass_index`` (one per ``backward()`` call on the tape). The
leaves' final gradients come from the engine's ``LeafGradEvent.after``, so the last frame
of a pass holds exactly what ``x.grad`` holds.
"""

from __future__ import annotations

from collections import defaultdict

import networkx as nx
import numpy as np

from tutor_app.engine.tape import BackwardEvent, LeafGradEvent, Tape
from tutor_app.graph import fmt
from tutor_app.graph.build import OUT, op_inputs, op_node, op_output
from tutor_app.graph.captions import JOINER, Lazy, caption, join
from tutor_app.graph.frames import Step
from tutor_app.graph.symbols import localise


def split_passes(events: list[BackwardEvent]) -> list[list[BackwardEvent]]:
    """Group events into backward passes by the engine's ``pass_index``, in call order."""
    passes: dict[int, list[BackwardEvent]] = {}
    for ev in events:
        passes.setdefault(ev.pass_index, []).append(ev)
    return [passes[k] for k in sorted(passes)]


def _is_leaf(graph: nx.MultiDiGraph, node: object) -> bool:
    """No producer on the graph, or a cut one (``detach()``, ``no_grad()``): a leaf."""
    return graph.in_degree(node) == 0 or bool(graph.nodes[node]["is_leaf"])


def backward_steps(graph: nx.MultiDiGraph, tape: Tape) -> list[Step]:
    """Every backward pass on ``tape`` that touches ``graph``, as steps."""
    in_graph = {d["index"] for _, d in graph.nodes(data=True) if d["kind"] == "op"}
    leaf_events: dict[int, dict[int, list[LeafGradEvent]]] = defaultdict(dict)
    for ev in tape.leaf_grads:  # pass -> leaf uid -> its events in that pass
        leaf_events[ev.pass_index].setdefault(ev.uid, []).append(ev)
    steps: list[Step] = []
    edges_with_text: set = set()
    number = 0
    for events in split_passes(tape.backward):
        mine_by_uid = leaf_events.get(events[0].pass_index, {})
        events = [e for e in events if e.op_index in in_graph]
        if not events:
            continue
        number += 1
        finals = {}
        for uid, mine in mine_by_uid.items():
            node = ("value", uid)
            if node in graph:  # several events in one pass: the pass spans first..last
                finals[node] = LeafGradEvent(uid, mine[0].before, mine[-1].after,
                                             mine[0].pass_index)
        builder = _PassBuilder(graph, number, finals, edges_with_text)
        steps.extend(builder.run(events))
    return steps


def _edge_label(local, upstream, product) -> str:
    return f"{local}\n× {fmt.short(upstream)} = {fmt.short(product)}"


def _holds_something(grad) -> bool:
    """A ``.grad`` that is set and not all zeros (after ``zero_()`` nothing accumulates)."""
    return grad is not None and bool(np.any(np.asarray(grad) != 0))


class _PassBuilder:
    """Turns one pass's events into steps, tracking the running gradient of each node."""

    def __init__(self, graph, number, finals, edges_with_text):
        self.graph, self.number, self.finals = graph, number, finals
        self.edges_with_text = edges_with_text
        self.current: dict = {}
        self.contributions: dict = defaultdict(int)

    def name(self, node) -> str:
        return self.graph.nodes[node]["name"]

    def run(self, events: list[BackwardEvent]) -> list[Step]:
        steps = [self._seed(events[0])]
        for ev in events:
            steps.extend(self._op_steps(ev))
        steps.append(self._done())
        return steps

    def _seed(self, first: BackwardEvent) -> Step:
        graph = self.graph
        root = op_output(graph, op_node(first.op_index))
        self.root = self.name(root)
        grads = [(n, None) for n, d in graph.nodes(data=True) if d["kind"] == "value"]
        edges = [(e, None) for e in sorted(self.edges_with_text, key=repr)]
        self.edges_with_text.clear()
        earlier = []
        for leaf, ev in self.finals.items():
            self.current[leaf] = ev.before
            grads.append((leaf, ev.before))
            if _holds_something(ev.before):
                earlier.append(self.name(leaf))
        self.current[root] = first.upstream
        grads.append((root, first.upstream))
        parts = [caption("seed", p=self.number, root=self.root, seed=fmt.compact(first.upstream))]
        if earlier:
            parts.append(caption("seed_accumulate", leaves=", ".join(earlier)))
        return Step("seed", join(parts), frozenset({root}), frozenset(), grads=tuple(grads),
                    edge_text=tuple(edges))

    def _op_steps(self, ev: BackwardEvent) -> list[Step]:
        graph = self.graph
        op = op_node(ev.op_index)
        out = op_output(graph, op)
        args = op_inputs(graph, op)
        parts, edge_text, grads, later = [], [], [], []
        up = Lazy(fmt.compact, ev.upstream)
        for i, (node, key) in enumerate(args):
            prod = ev.products[i] if i < len(ev.products) else None
            edge = (node, op, key)
            if prod is None:
                parts.append(caption("part_none", arg=self.name(node)))
                continue
            local = Lazy(localise, graph, op, ev.local[i] if i < len(ev.local) else "?")
            parts.append(caption("part", local=local, upstream=up,
                                 product=Lazy(fmt.compact, prod)))
            edge_text.append((edge, Lazy(_edge_label, local, ev.upstream, prod)))
            self.edges_with_text.add(edge)
            reduced = ev.reduced[i] if i < len(ev.reduced) else prod
            reduction = ev.reductions[i] if i < len(ev.reductions) else None
            if reduction is None and self.current.get(node) is None:
                grads.append((node, reduced))
                self._arrive(node, reduced)
            else:
                later.append((node, reduced, reduction, edge))
        cap = join([caption("backward", grad_fn=graph.nodes[op]["grad_fn"], root=self.root,
                            out=self.name(out), upstream=up, parts=""),
                    join(parts, JOINER)])
        steps = [Step("backward", cap, frozenset({op, out, *(n for n, _ in args)}),
                      frozenset((n, op, k) for n, k in args) | {(op, out, OUT)},
                      grads=tuple(grads), edge_text=tuple(edge_text))]
        for node, reduced, reduction, edge in later:
            if reduction is not None:
                steps.append(self._reduce_step(node, reduced, reduction, edge, op))
                if self.current.get(node) is None:
                    self._arrive(node, reduced)
                    continue
            steps.append(self._accumulate_step(node, reduced, edge, op))
        return steps

    def _arrive(self, node, value) -> None:
        self.current[node] = value
        self.contributions[node] += 1

    def _reduce_step(self, node, reduced, reduction, edge, op) -> Step:
        before, after = reduction
        cap = caption("reduce", name=self.name(node), before=fmt.shape_text(before),
                      after=fmt.shape_text(after), value=Lazy(fmt.compact, reduced))
        grads = ((node, reduced),) if self.current.get(node) is None else ()
        return Step("reduce", cap, frozenset({node, op}), frozenset({edge}), grads=grads)

    def _accumulate_step(self, node, new, edge, op) -> Step:
        old = self.current[node]
        total = np.asarray(old) + np.asarray(new)
        kind = "accumulate" if self.contributions[node] else "accumulate_grad"
        cap = caption(kind, name=self.name(node), old=Lazy(fmt.compact, old),
                      new=Lazy(fmt.compact, new), total=Lazy(fmt.compact, total))
        self._arrive(node, total)
        return Step("accumulate", cap, frozenset({node, op}), frozenset({edge}),
                    grads=((node, total),))

    def _done(self) -> Step:
        grads, texts, extra = [], [], []
        for leaf in self.current:
            if not _is_leaf(self.graph, leaf):
                continue
            ev = self.finals.get(leaf)
            final = ev.after if ev is not None else self.current[leaf]
            grads.append((leaf, final))
            texts.append(f"{self.name(leaf)}.grad = {fmt.compact(final)}")
            if ev is not None and _holds_something(ev.before):
                delta = np.asarray(ev.after) - np.asarray(ev.before)
                extra.append(caption("done_accumulated", name=self.name(leaf),
                                     before=fmt.compact(ev.before), delta=fmt.compact(delta)))
        cap = join([caption("done", p=self.number, grads=", ".join(texts)), *extra])
        return Step("done", cap, frozenset(n for n, _ in grads), frozenset(), grads=tuple(grads))
