"""Graph lab speed: build + layout, one step applied and drawn, at 200 and 2,000 nodes; and
opening and stepping every program of the sweep's corpus (tests/graph/corpus.py) as the lab
does (run, graph, long loops folded, display layout with echoes and bands, first frame drawn;
then each step through focus, apply and the changed-region repaint, else a full draw).

Baselines from the same run: the bare layered layout (topological generations +
multipartite_layout, no ordering) and a bare canvas draw of an empty figure of the same size.
The corpus rows are CPU times of this process (the machine is shared: wall time counts other
processes' turns too).
"""

from __future__ import annotations

import statistics
import time

import networkx as nx
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from bench.timing import median_cpu_seconds, median_seconds, report
from tutor_app.engine.tape import BackwardEvent, LeafGradEvent, OpRecord, Tape, ValueRecord
from tutor_app.graph.build import build_graph
from tutor_app.graph.frames import build_timeline
from tutor_app.graph.layout import layered_layout
from tutor_app.viz.graph_region import RegionPainter
from tutor_app.viz.graph_view import GraphView


def synthetic_tape(n_nodes: int, width: int = 8) -> Tape:
    """About ``n_nodes`` nodes: ``width`` lanes of ``mul`` ops mixing neighbours, with backward."""
    tape = Tape()
    n_ops = max(1, (n_nodes - width) // 2)
    heads = []
    for uid in range(1, width + 1):
        v = np.array([0.5 + uid], np.float32)
        tape.values[uid] = ValueRecord(uid, (1,), "torch.float32", v, True, True, None)
        heads.append(uid)
    uid = width
    for i in range(n_ops):
        lane = i % width
        uid += 1
        v = np.array([0.1 * i], np.float32)
        tape.values[uid] = ValueRecord(uid, (1,), "torch.float32", v, True, False, "MulBackward0")
        tape.ops.append(OpRecord(i, "mul", "MulBackward0", "×", "out = a · b",
                                 (heads[lane], heads[(lane + 1) % width]), uid))
        heads[lane] = uid
    g = np.ones(1, np.float32)
    for op in reversed(tape.ops):
        tape.backward.append(BackwardEvent(op.index, g, ("∂out/∂a = b", "∂out/∂b = a"),
                                           (g, g), (g, g), (None, None)))
    for leaf in range(1, width + 1):
        tape.leaf_grads.append(LeafGradEvent(leaf, None, g))
    return tape


def _bare_layout(graph: nx.MultiDiGraph) -> dict:
    for depth, gen in enumerate(nx.topological_generations(graph)):
        for node in gen:
            graph.nodes[node]["layer"] = depth
    return nx.multipartite_layout(graph, subset_key="layer")


def _canvas() -> tuple[Figure, FigureCanvasAgg]:
    fig = Figure(figsize=(9, 5), dpi=100)
    return fig, FigureCanvasAgg(fig)


def _measure(n_nodes: int, open_target: str, step_target: str) -> None:
    tape = synthetic_tape(n_nodes)
    graph = build_graph(tape)
    bare_layout = median_seconds(lambda: _bare_layout(graph.copy()), repeat=5)
    build = median_seconds(lambda: layered_layout(build_graph(tape)), repeat=5)
    report(f"{len(graph)} nodes: build + layered layout", build * 1e3, "ms",
           baseline=bare_layout * 1e3, target=open_target if n_nodes <= 200 else "")

    empty_fig, empty_canvas = _canvas()
    empty_fig.add_subplot()
    bare_draw = median_seconds(empty_canvas.draw, repeat=7)

    def open_graph():
        fig, canvas = _canvas()
        g = build_graph(tape)
        tl = build_timeline(g, tape)
        view = GraphView(fig.add_axes((0, 0, 1, 1)), g, layered_layout(g))
        view.apply_frame(tl[0])
        canvas.draw()
        return fig, canvas, view, tl

    opened = median_seconds(open_graph, repeat=3)
    report(f"{len(graph)} nodes: open (build, layout, frames, draw)", opened * 1e3, "ms",
           baseline=bare_draw * 1e3, target=open_target if n_nodes > 200 else "")
    fig, canvas, view, tl = open_graph()
    painter = RegionPainter(view, canvas)
    state = {"i": 0, "ks": list(range(len(tl)))}

    def advance():
        state["i"] = (state["i"] + 1) % len(state["ks"])
        view.apply_frame(tl[state["ks"][state["i"]]])

    def full_step():
        advance()
        canvas.draw()

    def region_step():  # what the player does: repaint the changed rectangle, else draw all
        advance()
        if painter.paint() is None:
            canvas.draw()

    for label, zoom in (("fit view", 1.0), ("zoomed in", len(graph) / 40)):
        view.fit()
        if zoom > 1:
            view.zoom(zoom)
            # Step through frames whose action is on screen (a learner follows the action).
            state["ks"] = [k for k in range(len(tl)) if _on_screen(view, tl[k].active_nodes)]
        canvas.draw()
        full = median_seconds(full_step, repeat=15, warmup=2)
        report(f"{len(graph)} nodes: one step, full redraw ({label})", full * 1e3, "ms",
               baseline=bare_draw * 1e3, target=step_target)
        canvas.draw()
        part = median_seconds(region_step, repeat=25, warmup=3)
        report(f"{len(graph)} nodes: one step, changed region only ({label})", part * 1e3,
               "ms", baseline=full * 1e3, target=step_target)


def _on_screen(view: GraphView, nodes) -> bool:
    pts = np.array([view.pos[n] for n in nodes if n in view.pos]).reshape(-1, 2)
    return bool(len(pts)) and bool(view._on_screen(pts, margin=0.0).all())


LAB_CANVAS = (12.2, 4.2)   # inches at 100 dpi: the lab's graph canvas in a 1280×760 panel


def _open_program(source: str):
    """Run, graph, fold long loops, lay out for the canvas and draw, as the lab's player."""
    from tutor_app.graph.fold import fold
    from tutor_app.graph.layout import display_layout
    from tutor_app.lessons import graph_lab as logic
    from tutor_app.viz.graph_viewport import LAB_READABLE_EM

    run = logic.run_program(source)
    graph, timeline, _problem = logic.graph_for(run, None)
    folding = fold(graph, timeline)
    if folding is not None:
        graph, timeline = folding.graph, folding.timeline
    fig = Figure(figsize=LAB_CANVAS, dpi=100)
    canvas = FigureCanvasAgg(fig)
    ax = fig.add_axes((0.01, 0.01, 0.98, 0.98))
    unit = LAB_READABLE_EM * 8.0 * fig.dpi / 72
    columns, rows = int(ax.bbox.width // (1.7 * unit)), int(ax.bbox.height // (1.35 * unit))
    view = GraphView(ax, graph, display_layout(graph, columns, rows),
                     readable_em=LAB_READABLE_EM)
    view.apply_frame(timeline[0])
    canvas.draw()
    return canvas, view, timeline


def _step_times(canvas, view, timeline) -> list[float]:
    """CPU seconds of every step forward, as the player makes it."""
    painter = RegionPainter(view, canvas)
    times = []
    for k in range(1, len(timeline)):
        start = time.process_time()
        frame = timeline[k]
        moved = view.focus(frame)
        view.apply_frame(frame)
        if moved or painter.paint() is None:
            canvas.draw()
        times.append(time.process_time() - start)
    return times


def _measure_corpus() -> None:
    from tests.graph.corpus import PROGRAMS

    empty_fig = Figure(figsize=LAB_CANVAS, dpi=100)
    empty_canvas = FigureCanvasAgg(empty_fig)
    empty_fig.add_subplot()
    bare_draw = median_cpu_seconds(empty_canvas.draw, repeat=7)
    opens, steps = [], []
    for name, source, _error in PROGRAMS:
        opened = median_cpu_seconds(lambda source=source: _open_program(source), repeat=3)
        step = statistics.median(_step_times(*_open_program(source)))
        opens.append((opened, name))
        steps.append((step, name))
    for label, rows, target in (("open", opens, "≤ 400 ms"), ("median step", steps, "≤ 40 ms")):
        worst, name = max(rows)
        report(f"corpus ({len(rows)} programs): worst {label} ({name})", worst * 1e3, "ms",
               baseline=bare_draw * 1e3, target=target)
        report(f"corpus ({len(rows)} programs): median {label}",
               statistics.median(r[0] for r in rows) * 1e3, "ms", baseline=bare_draw * 1e3,
               target=target)


def main() -> None:
    _measure(200, "≤ 50 ms", "≤ 16 ms")
    _measure(2000, "≤ 1000 ms", "≤ 50 ms")
    _measure_corpus()


if __name__ == "__main__":
    main()
