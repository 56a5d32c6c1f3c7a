"""Folding a long loop's middle iterations into one glyph (``graph.fold``)."""

from __future__ import annotations

import networkx as nx
import numpy as np

from graph.region_check import repaint_matches_full_draw
from tutor_app.graph.fold import FOLD_MIN, KEEP, fold, runs
from tutor_app.lessons import graph_lab as logic


def _lab(source: str):
    run = logic.run_program(source)
    graph, timeline, problem = logic.graph_for(run, None)
    assert problem is None
    return run, graph, timeline


LOOP_60 = """\
x = torch.tensor(1.0, requires_grad=True)
h = x
for t in range(60):
    h = torch.tanh(h + x)
h.backward()
"""


def test_runs_find_a_repeated_body_and_ignore_short_repeats():
    body = ["add", "tanh"]
    names = ["mul"] + body * 20 + ["sum"]
    assert runs(names) == [(1, 2, 20)]
    assert runs(["mul"] + body * (FOLD_MIN - 1)) == []
    assert runs(["a", "b", "c", "d"]) == []


def test_a_60_iteration_loop_folds_to_its_ends_and_one_glyph():
    run, graph, timeline = _lab(LOOP_60)
    folding = fold(graph, timeline)
    assert folding is not None
    (glyph, count), = folding.counts.items()
    assert count == 60 - 2 * KEEP
    shown = folding.graph
    assert nx.is_directed_acyclic_graph(shown)
    ops = [d["op"] for _, d in shown.nodes(data=True) if d["kind"] == "op"]
    assert ops.count("tanh") == 2 * KEEP and shown.nodes[glyph]["label"] == f"⋯ ×{count} ⋯"
    # the leaf keeps its gradient; the output and its value are drawn as they were
    x = next(n for n, d in graph.nodes(data=True) if d.get("name") == "x")
    assert x in shown and x not in folding.fold_of
    out = ("value", graph.graph["output"])
    assert shown.nodes[out]["value"] == graph.nodes[out]["value"]
    np.testing.assert_allclose(folding.timeline[-1].grad(x), run.live["x"].grad._data)


def test_the_folded_timeline_keeps_every_frame_and_lights_the_glyph_inside():
    _run, graph, timeline = _lab(LOOP_60)
    folding = fold(graph, timeline)
    (glyph, _count), = folding.counts.items()
    assert len(folding.timeline) == len(timeline)
    lit = [k for k in range(len(timeline)) if glyph in folding.timeline[k].active_nodes]
    inside = [k for k in range(len(timeline))
              if any(n in folding.fold_of for n in timeline[k].active_nodes)]
    assert lit == inside and len(lit) > 100
    for k in (0, lit[len(lit) // 2], len(timeline) - 1):   # same frame, same words
        for lang in ("en", "zh"):
            said, whole = folding.timeline[k].caption_in(lang), timeline[k].caption_in(lang)
            assert said.startswith(whole)
            assert (said != whole) == (k in lit)   # inside: it says so, in both languages
        # nothing folded is drawn: every node a frame lights or changes is on the graph
        assert folding.timeline[k].active_nodes <= set(folding.graph.nodes)
    for e in (e for s in folding.timeline.steps for e in s.active_edges):
        assert folding.graph.has_edge(*e)


def test_short_loops_and_straight_programs_are_not_folded():
    for source in ("x = torch.ones(2, requires_grad=True)\ny = (x * 3).sum()\ny.backward()\n",
                   "x = torch.tensor(1.0, requires_grad=True)\ny = x\n"
                   "for i in range(5):\n    y = y * 2 + 1\ny.backward()\n"):
        _run, graph, timeline = _lab(source)
        assert fold(graph, timeline) is None


def test_a_folded_graph_repaints_its_steps_as_a_full_draw_would():
    """The fold glyph (a wide pill) and its edges go through the region painter too."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    from tutor_app.graph.layout import display_layout
    from tutor_app.viz.graph_region import RegionPainter
    from tutor_app.viz.graph_view import GraphView

    _run, graph, timeline = _lab(LOOP_60)
    folding = fold(graph, timeline)
    fig = Figure(figsize=(12.2, 4.2), dpi=100)
    FigureCanvasAgg(fig)
    view = GraphView(fig.add_axes((0.01, 0.01, 0.98, 0.98)), folding.graph,
                     display_layout(folding.graph))
    painter = RegionPainter(view, fig.canvas)
    tl = folding.timeline
    view.apply_frame(tl[0])
    fig.canvas.draw()
    painted = 0
    for k in range(1, len(tl), 7):
        moved = view.focus(tl[k])
        view.apply_frame(tl[k])
        if moved:  # the view moved: only a full draw is right
            fig.canvas.draw()
            continue
        painted += repaint_matches_full_draw(fig, painter, k)
    assert painted >= 10
