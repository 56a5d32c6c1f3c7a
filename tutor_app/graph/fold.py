"""Fold the middle of a long loop into one glyph, so a 60-iteration loop reads at a glance.

A loop body repeated many times (``for t in range(60): h = torch.tanh(h + x)``) draws the
same few ops sixty times. ``fold`` finds runs of at least ``FOLD_MIN`` repetitions of a
body (the same op names, period 1 to ``MAX_PERIOD``, in tape order) and keeps the first and
last ``KEEP`` iterations drawn; the iterations between become one op glyph ("⋯ ×58 ⋯"), fed by
the values they use and feeding the values used after them. Leaves that require a gradient
are never folded (their gradient is what the learner came for); constants used only inside
the fold go with it.

The timeline is folded alike (``Folding.timeline``): frames keep their number and
captions, a step inside the fold lights the fold glyph and says so after its caption
(``INSIDE``), and values inside it show nothing —
so stepping follows the action and every number drawn is still the engine's. The player's
"expand" control switches back to the whole graph at the same frame.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

import networkx as nx

from tutor_app.graph.build import OUT, ops_in_order
from tutor_app.graph.frames import Timeline
from tutor_app.graph.gcpause import gc_paused
from tutor_app.i18n import pick, tr

FOLD_MIN = 8       # a body repeated at least this many times is folded
KEEP = 1           # iterations drawn at each end of a folded run (the pattern, the end)
MAX_PERIOD = 8     # ops per loop body looked for
FOLD_OP = "fold"   # the op name of a fold glyph (its node key is ("fold", first op index))


INSIDE = "graph.fold.inside"  # said after a step's caption when the step is inside a fold


class _Noted(Mapping):
    """A step's caption with ``INSIDE`` after it, joined only when it is shown."""

    __slots__ = ("caption",)

    def __init__(self, caption: Mapping) -> None:
        self.caption = caption

    def __getitem__(self, lang: str) -> str:
        text = pick(self.caption, lang)
        return f"{text} {tr(INSIDE, lang)}"

    def __iter__(self):
        return iter(self.caption)

    def __len__(self) -> int:
        return len(self.caption)


@dataclass(frozen=True)
class Folding:
    """A graph with loop bodies folded, and its timeline."""

    graph: nx.MultiDiGraph          # the graph drawn
    timeline: Timeline              # the same frames, on ``graph``
    fold_of: dict                   # original node -> the fold glyph that stands for it
    counts: dict                    # fold glyph -> iterations it holds


def runs(names: list[str]) -> list[tuple[int, int, int]]:
    """(start, period, repetitions) of every run of a repeated body in ``names`` with at
    least ``FOLD_MIN`` repetitions, left to right, not overlapping; the longest at each
    start wins."""
    out = []
    i, n = 0, len(names)
    while i < n:
        best = None
        for p in range(1, MAX_PERIOD + 1):
            j = i
            while j + p < n and names[j] == names[j + p]:
                j += 1
            reps = 1 + (j - i) // p
            if reps >= FOLD_MIN and (best is None or reps * p > best[1] * best[2]):
                best = (i, p, reps)
        if best is None:
            i += 1
            continue
        out.append(best)
        i += best[1] * best[2]
    return out


def fold(graph: nx.MultiDiGraph, timeline: Timeline) -> Folding | None:
    """``graph`` and ``timeline`` with every long run of a loop body folded; None when
    there is nothing to fold."""
    with gc_paused():
        ops = ops_in_order(graph)
        names = [graph.nodes[o]["op"] for o in ops]
        fold_of: dict = {}
        counts: dict = {}
        for start, period, reps in runs(names):
            inner = ops[start + KEEP * period:start + (reps - KEEP) * period]
            if not inner:
                continue
            glyph = ("fold", graph.nodes[inner[0]]["index"])
            counts[glyph] = reps - 2 * KEEP
            for member in _members(graph, set(inner)):
                fold_of[member] = glyph
        if not fold_of:
            return None
        shown, edge_of = _folded_graph(graph, fold_of, counts)
        return Folding(shown, _folded_timeline(timeline, shown, fold_of, edge_of),
                       fold_of, counts)


def _members(graph: nx.MultiDiGraph, inner: set) -> set:
    """The ops of the folded iterations, the values only they use (their results and
    constants), but never a leaf that requires a gradient."""
    members = set(inner)
    candidates = {v for op in inner for v in graph.successors(op)}
    candidates |= {u for op in inner for u in graph.predecessors(op)
                   if graph.in_degree(u) == 0 and not graph.nodes[u]["requires_grad"]}
    for v in candidates:
        uses = set(graph.successors(v))
        if uses and uses <= inner and v != ("value", graph.graph.get("output")):
            members.add(v)
    return members


def _folded_graph(graph: nx.MultiDiGraph, fold_of: dict, counts: dict
                  ) -> tuple[nx.MultiDiGraph, dict]:
    """The graph drawn, and where each original edge went (an edge inside a fold: None)."""
    shown = nx.MultiDiGraph()
    shown.graph.update({k: v for k, v in graph.graph.items() if k != "op_io"})
    first = {}
    for n, d in graph.nodes(data=True):   # tape order: a fold sits where its first op was
        glyph = fold_of.get(n)
        if glyph is None:
            shown.add_node(n, **d)
        elif glyph not in first:
            first[glyph] = n
            shown.add_node(glyph, kind="op", index=glyph[1], op=FOLD_OP, grad_fn="",
                           label=f"⋯ ×{counts[glyph]} ⋯", formula="", params={},
                           tracked=True, folded=counts[glyph])
    edge_of: dict = {}
    cut: dict = {}
    for u, v, k, d in graph.edges(keys=True, data=True):
        a, b = fold_of.get(u, u), fold_of.get(v, v)
        if a == b and a in counts:
            edge_of[(u, v, k)] = None
            continue
        if a == u and b == v:
            shown.add_edge(u, v, key=k, **d)
            continue
        key = OUT if a in counts else "in"
        edge_of[(u, v, k)] = (a, b, key)
        cut[(a, b, key)] = cut.get((a, b, key), True) and bool(d.get("cut"))
    for (a, b, key), is_cut in cut.items():
        shown.add_edge(a, b, key=key, arg=key, cut=is_cut)
    return shown, edge_of


def _folded_timeline(timeline: Timeline, shown: nx.MultiDiGraph, fold_of: dict,
                     edge_of: dict) -> Timeline:
    """The same steps on the folded graph: a folded node's part goes to its glyph (lit when
    it is), a folded value's value and gradient and a folded edge's text are not drawn."""
    def node(n):
        return fold_of.get(n, n)

    def edge(e):
        return edge_of.get(e, e)

    steps = []
    for s in timeline.steps:
        inside = any(n in fold_of for n in s.active_nodes)
        steps.append(replace(
            s,
            caption=_Noted(s.caption) if inside else s.caption,
            active_nodes=frozenset(node(n) for n in s.active_nodes),
            active_edges=frozenset(e for e in map(edge, s.active_edges) if e is not None),
            shown=tuple(n for n in s.shown if n not in fold_of),
            hidden=tuple(n for n in s.hidden if n not in fold_of),
            grads=tuple((n, g) for n, g in s.grads if n not in fold_of),
            edge_text=tuple((e, t) for e, t in s.edge_text if e not in edge_of),
            appear=tuple(dict.fromkeys(node(n) for n in s.appear))))
    return Timeline(shown, steps, grad_symbol=timeline.grad_symbol)
