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
from tutor_app.graph.step import Step
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


def backward_steps(graph: nx.MultiDiGraph, tape: Tape, failure: str | None = None
                   ) -> list[Step]:
    """Every backward pass on ``tape`` that touches ``graph``, as steps.

    ``failure`` is the error the program stopped with, if any. The last ``backward()``
    call on the tape raised when it did not reach every op it had to (or reached none):
    that pass ends on a "failed" step with the engine's message, and the leaves keep the
    gradients the engine left them (a failed pass accumulates nothing).
    """
    in_graph = {d["index"] for _, d in graph.nodes(data=True) if d["kind"] == "op"}
    leaf_events: dict[int, dict[int, list[LeafGradEvent]]] = defaultdict(dict)
    for ev in tape.leaf_grads:  # pass -> leaf uid -> its events in that pass
        leaf_events[ev.pass_index].setdefault(ev.uid, []).append(ev)
    steps: list[Step] = []
    edges_with_text: set = set()
    shown_leaf_grads: dict = {}   # leaf node -> the .grad the last drawn pass left on it
    number = 0
    last_call = tape.backward_calls - 1
    reached_last = False
    for events in split_passes(tape.backward):
        pass_index = events[0].pass_index
        mine_by_uid = leaf_events.get(pass_index, {})
        all_ops = {e.op_index for e in events}
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
        error = None
        if failure and pass_index == last_call:
            reached_last = True
            if not _completed(graph, events[0].op_index, all_ops, finals):
                error = error_line(failure)
        builder = _PassBuilder(graph, number, finals, edges_with_text, shown_leaf_grads,
                               error)
        steps.extend(builder.run(events))
    before_start = last_call >= 0 and not reached_last and \
        not any(e.pass_index == last_call for e in tape.backward)
    # a backward() that raised before the engine counted it (a non-scalar output)
    uncounted = failure and raised_by_backward(failure) and \
        not any(step.phase == "failed" for step in steps)
    if failure and _tracks_something(graph) and (before_start or uncounted):
        steps.append(_failed_before_start(graph, number + 1, error_line(failure),
                                          shown_leaf_grads))
    return steps


def raised_by_backward(failure: str) -> bool:
    """True when the program stopped in a ``backward()`` call: the last line of code the
    sandbox's traceback quotes calls it."""
    lines = [line for line in failure.splitlines() if line.strip()]
    code = [line.strip() for line in lines[:-1] if line.startswith("    ")]
    return bool(code) and ".backward(" in code[-1]


def error_line(failure: str) -> str:
    """The engine's message from a sandbox error: its last line (``RuntimeError: …``)."""
    lines = [line.strip() for line in failure.strip().splitlines() if line.strip()]
    return lines[-1] if lines else failure


def _tracks_something(graph: nx.MultiDiGraph) -> bool:
    return any(d["kind"] == "op" and d["tracked"] for _, d in graph.nodes(data=True))


def _completed(graph: nx.MultiDiGraph, root_op: int, visited: set, finals: dict) -> bool:
    """True when the pass reached every op behind its root along edges a gradient takes,
    and accumulated into every leaf it had to (a raising pass stops half-way)."""
    root = op_output(graph, op_node(root_op))
    stack, seen = [root], set()
    while stack:
        node = stack.pop()
        if node in seen:
            continue
        seen.add(node)
        for u, _v, _k, d in graph.in_edges(node, keys=True, data=True):
            if d["cut"]:
                continue
            if graph.nodes[u]["kind"] == "op":
                if graph.nodes[u]["index"] not in visited:
                    return False
            stack.append(u)
    needs = [n for n in seen if graph.nodes[n]["kind"] == "value" and _is_leaf(graph, n)
             and graph.nodes[n]["requires_grad"] and n != root]
    return all(n in finals for n in needs)


def _failed_before_start(graph, number: int, message: str, shown: dict) -> Step:
    """A ``backward()`` that raised before sending anything: one step saying so."""
    grads = tuple(shown.items())
    return Step("failed", caption("failed_start", p=number, error=message),
                frozenset(), frozenset(), grads=grads)


def _edge_label(local, upstream, product) -> str:
    return f"{local}\n× {fmt.short(upstream)} = {fmt.short(product)}"


def _holds_something(grad) -> bool:
    """A ``.grad`` that is set and not all zeros (after ``zero_()`` nothing accumulates)."""
    return grad is not None and bool(np.any(np.asarray(grad) != 0))


class _PassBuilder:
    """Turns one pass's events into steps, tracking the running gradient of each node."""

    def __init__(self, graph, number, finals, edges_with_text, shown_leaf_grads, error=None):
        self.graph, self.number, self.finals = graph, number, finals
        self.edges_with_text = edges_with_text
        self.shown_leaf_grads = shown_leaf_grads   # shared by the passes: leaf -> its .grad
        self.error = error   # the engine's message when this pass raised
        self.current: dict = {}
        self.contributions: dict = defaultdict(int)

    def name(self, node) -> str:
        return self.graph.nodes[node]["name"]

    def run(self, events: list[BackwardEvent]) -> list[Step]:
        steps = [self._seed(events[0])]
        for ev in events:
            steps.extend(self._op_steps(ev))
        steps.append(self._failed() if self.error else self._done())
        return steps

    def _seed(self, first: BackwardEvent) -> Step:
        graph = self.graph
        root = op_output(graph, op_node(first.op_index))
        self.root = self.name(root)
        # intermediate gradients belong to the pass that computed them; a leaf keeps its
        # .grad (the engine's ``before`` when this pass reaches it)
        grads = [(n, None) for n, d in graph.nodes(data=True)
                 if d["kind"] == "value" and n not in self.shown_leaf_grads]
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
        self.shown_leaf_grads.update(grads)
        cap = join([caption("done", p=self.number, grads=", ".join(texts)), *extra])
        return Step("done", cap, frozenset(n for n, _ in grads), frozenset(), grads=tuple(grads))

    def _failed(self) -> Step:
        """The pass raised: the engine's message; every leaf back to the .grad it had
        before (a raising backward accumulates nothing), the partial products stay drawn."""
        grads = [(leaf, ev.after) for leaf, ev in self.finals.items()]
        done = {leaf for leaf, _ in grads}
        grads += [(leaf, g) for leaf, g in self.shown_leaf_grads.items() if leaf not in done]
        grads += [(n, None) for n in self.current
                  if _is_leaf(self.graph, n) and n not in done and n not in self.shown_leaf_grads]
        self.shown_leaf_grads.update((n, g) for n, g in grads if g is not None)
        cap = caption("failed", p=self.number, root=self.root, error=self.error)
        return Step("failed", cap, frozenset(), frozenset(), grads=tuple(grads))
