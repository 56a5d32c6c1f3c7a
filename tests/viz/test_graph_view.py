"""GraphView: drawn once, frames only change artists; labels hide when they would not fit."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from graph.graph_tapes import broadcast_tape, chain_tape, dot_tape  # noqa: E402
from graph.region_check import repaint_matches_full_draw  # noqa: E402

from tutor_app.graph.build import build_graph  # noqa: E402
from tutor_app.graph.frames import build_timeline  # noqa: E402
from tutor_app.graph.labels import greedy_non_overlapping  # noqa: E402
from tutor_app.graph.layout import layered_layout  # noqa: E402
from tutor_app.viz.gif_export import export_gif  # noqa: E402
from tutor_app.viz.graph_navigation import MouseNavigation  # noqa: E402
from tutor_app.viz.graph_view import GraphView  # noqa: E402

X, Y = ("value", 1), ("value", 4)


def _view(tape=None, output=4, names=None, size=(8, 4.5)):
    tape = tape or dot_tape()
    graph = build_graph(tape, output=output, names=names or {1: "x", 4: "y"})
    fig = Figure(figsize=size)
    FigureCanvasAgg(fig)
    view = GraphView(fig.add_axes((0, 0, 1, 1)), graph, layered_layout(graph))
    return view, build_timeline(graph, tape), fig


def test_frames_change_artist_properties_never_the_artist_set():
    view, tl, fig = _view()
    view.apply_frame(tl[0])
    fig.canvas.draw()
    collections = list(view.ax.collections)
    for frame in tl:
        view.apply_frame(frame)
    view.apply_frame(tl[2])
    assert list(view.ax.collections) == collections
    assert view.texts[("value", Y)].get_text() == "28"
    view.apply_frame(tl[0])
    assert view.texts[("value", Y)].get_text() == "?"  # seeking back restores the state


def test_values_are_compact_and_gradients_appear_in_backward_frames():
    view, tl, fig = _view()
    view.apply_frame(tl[-1])
    fig.canvas.draw()
    assert view.texts[("value", X)].get_text() == "0  1  2  3"
    assert view.texts[("grad", X)].get_text() == "∇ [0, 4, 8, 12]"
    acc = next(f for f in tl if f.phase == "accumulate")
    view.apply_frame(acc)
    assert view.texts[("grad", X)].get_text() == "∇ [0, 4, 8, 12]"


def test_edge_labels_show_local_derivative_and_product_in_backward():
    view, tl, fig = _view()
    step = next(f for f in tl if f.phase == "backward" and ("op", 0) in f.active_nodes)
    view.apply_frame(step)
    fig.canvas.draw()
    shown = [t.get_text() for (role, _), t in view.texts.items()
             if role == "edge" and t.get_visible()]
    assert any("∂t1/∂x = x" in s and "[0, 2, 4, 6]" in s for s in shown)
    view.apply_frame(tl[1])  # forward: no edge label is visible
    assert not any(t.get_visible() for (role, _), t in view.texts.items() if role == "edge")


def test_large_value_shows_shape_and_summary():
    view, tl, fig = _view(broadcast_tape(), 13, {10: "A", 11: "b", 13: "L"})
    view.apply_frame(tl[0])
    assert view.texts[("name", ("value", 10))].get_text() == "A (2, 3)"
    assert view.texts[("value", ("value", 10))].get_text() == "0  1  2\n3  4  5"


def test_labels_hide_when_zoomed_out_and_return_when_zoomed_in():
    view, tl, fig = _view(chain_tape(300, 6), None, {})
    view.apply_frame(tl[0])
    view.fit()   # the whole graph (it opened at a readable scale)
    fig.canvas.draw()
    assert not any(t.get_visible() for t in view.texts.values())
    centre = view.pos[("value", 1)]
    view.zoom(40.0, tuple(centre))
    fig.canvas.draw()
    visible = [t for t in view.texts.values() if t.get_visible()]
    assert visible and len(visible) < 60                    # only what is on screen
    view.pan(3.0, 0.0)
    view.fit()
    assert not any(t.get_visible() for t in view.texts.values())


def test_greedy_label_culling_keeps_priority_and_avoids_obstacles():
    centres = np.array([[0, 0], [5, 0], [100, 0]], float)
    sizes = np.array([[20, 10]] * 3, float)
    keep = greedy_non_overlapping(centres, sizes, np.array([0.0, 1.0, 0.0]))
    assert keep.tolist() == [False, True, True]
    obstacles = (np.array([[100.0, 0.0]]), np.array([[10.0, 10.0]]))
    keep = greedy_non_overlapping(centres, sizes, obstacles=obstacles)
    assert keep.tolist() == [True, False, False]


def test_mouse_wheel_zooms_and_drag_pans():
    view, tl, fig = _view()
    view.apply_frame(tl[0])
    nav = MouseNavigation(view, fig.canvas)
    fig.canvas.draw()
    width = np.diff(view.ax.get_xlim())[0]

    class Event:  # the attributes Matplotlib's MouseEvent carries
        def __init__(self, x, y, step=0, button=None):
            self.inaxes, self.x, self.y, self.step, self.button = view.ax, x, y, step, button
            self.xdata, self.ydata = view.ax.transData.inverted().transform((x, y))

    nav._on_scroll(Event(400, 220, step=1))
    assert np.diff(view.ax.get_xlim())[0] < width
    x0 = view.ax.get_xlim()[0]
    nav._on_press(Event(400, 220, button=1))
    nav._on_move(Event(300, 220))
    nav._on_release(Event(300, 220))
    assert view.ax.get_xlim()[0] > x0  # dragging left moves the view right
    nav.disconnect()


def test_png_svg_and_gif_export(tmp_path):
    view, tl, fig = _view()
    view.apply_frame(tl[3])
    fig.savefig(tmp_path / "frame.png")
    fig.savefig(tmp_path / "frame.svg")
    assert (tmp_path / "frame.svg").read_text().lstrip().startswith("<?xml")
    n = export_gif(view, tl, tmp_path / "a.gif", lang="zh")
    with Image.open(tmp_path / "a.gif") as im:
        assert im.n_frames == n == len(tl)
    assert view.frame.index == 3


def test_region_repaint_matches_a_full_redraw():
    from tutor_app.viz.graph_region import RegionPainter

    view, tl, fig = _view(dot_tape(backwards=2))
    painter = RegionPainter(view, fig.canvas)
    assert painter.paint() is None               # nothing drawn yet: the caller draws in full
    view.apply_frame(tl[0])
    fig.canvas.draw()
    painted = 0
    for frame in tl[1:]:
        view.apply_frame(frame)
        painted += repaint_matches_full_draw(fig, painter, frame.phase)
    assert painted >= 3
    view.zoom(2.0)                                # the view moved: refuse until a full draw
    view.apply_frame(tl[1])
    assert painter.paint() is None


def test_follow_pans_to_the_action_only_when_zoomed_in_and_off_screen():
    small, tl_small, _fig = _view(chain_tape(2, 2), None, {})
    small.fit()                                        # Fit, legible: left alone
    assert small.pixels_per_unit() >= small.readable_ppu()
    assert not small.follow(tl_small[-1].active_nodes)
    view, tl, fig = _view(chain_tape(120, 3), None, {})
    last = tl[-1]
    view.zoom(20.0, tuple(view.pos[("value", 1)]))
    assert view.follow(last.active_nodes)
    pts = np.array([view.pos[n] for n in last.active_nodes])
    assert view._on_screen(pts, margin=0.5).all()
    assert not view.follow(last.active_nodes)          # already there


def test_fit_of_a_graph_too_big_to_read_is_an_overview_and_stepping_zooms_back_in():
    view, tl, fig = _view(chain_tape(120, 3), None, {})
    view.fit()
    assert view.pixels_per_unit() < view.readable_ppu()     # the overview
    step = tl[len(tl) // 2]
    assert view.follow(step.active_nodes)
    assert view.pixels_per_unit() >= view.readable_ppu() * 0.99
    pts = np.array([view.pos[n] for n in step.active_nodes])
    assert view._on_screen(pts, margin=0.0).all()


def test_detach_is_drawn_as_a_red_dashed_cut_with_scissors():
    from matplotlib.colors import to_rgba

    import tutor_app.engine as torch

    with torch.record() as tape:
        x = torch.arange(3.0, requires_grad=True)
        y = x * x
        u = y.detach()
        z = (u * x).sum()
        z.backward()
    graph = build_graph(tape, output=z.uid, names={x.uid: "x", y.uid: "y", u.uid: "u"})
    fig = Figure(figsize=(8, 4.5))
    FigureCanvasAgg(fig)
    view = GraphView(fig.add_axes((0, 0, 1, 1)), graph, layered_layout(graph))
    tl = build_timeline(graph, tape)
    (op,) = [n for n, d in graph.nodes(data=True) if d.get("op") == "detach"]
    cut = [view.edge_index[e] for e in view.edges if op in e[:2]]
    assert len(cut) == 2 and sorted(cut) == sorted(view.detach_edges)
    red = np.array(to_rgba(view.pal.negative))
    for frame in tl:
        if not frame.is_backward:
            continue
        view.apply_frame(frame)
        colours = view.edge_lines.get_colors()
        for i in cut:  # no gradient ever lights a detached edge
            np.testing.assert_allclose(colours[i], red)
    fig.canvas.draw()
    assert view.texts[("op", op)].get_text() == "✂" and view.texts[("op", op)].get_visible()
    assert view.texts[("op_note", op)].get_text() == "detach()"
    assert all(view.edge_styles[i] != "solid" for i in cut)


def _overlaps(boxes) -> list:
    return [(a, b) for i, (a, ea) in enumerate(boxes) for b, eb in boxes[i + 1:]
            if ea.overlaps(eb)]


def test_a_3x4_value_that_does_not_fit_shows_a_short_form_not_an_empty_box():
    import tutor_app.engine as torch

    with torch.record() as tape:
        x = torch.arange(12.0).reshape(3, 4)
        w = torch.ones(4, 2, requires_grad=True)
        y = x @ w
    graph = build_graph(tape, output=y.uid, names={x.uid: "X", w.uid: "W", y.uid: "Y"})
    fig = Figure(figsize=(6.6, 3.0))
    FigureCanvasAgg(fig)
    view = GraphView(fig.add_axes((0, 0, 1, 1)), graph, layered_layout(graph))
    view.apply_frame(build_timeline(graph, tape)[-1])
    fig.canvas.draw()
    label = view.texts[("value", ("value", x.uid))]
    assert label.get_visible() and label.get_text() in ("0…11 (3, 4)", "0…11", "(3, 4)")
    assert view.texts[("value", ("value", w.uid))].get_text() in ("ones(4, 2)", "≡ 1")


@pytest.mark.parametrize("size", [(9.5, 2.6), (7.6, 1.9)])   # 1000 and 800 px panels
def test_lesson_11_frames_show_no_overlapping_labels_and_active_edge_labels_clear_nodes(size):
    from tutor_app.lessons import forward_reverse

    pair = forward_reverse.side_by_side(2, 2)
    fig = Figure(figsize=size, dpi=100)
    FigureCanvasAgg(fig)
    view = GraphView(fig.add_axes((0.01, 0.01, 0.98, 0.98)), pair.graph,
                     layered_layout(pair.graph))
    ppu = view.pixels_per_unit()
    shown_edges = 0
    for timeline in (pair.forward, pair.reverse):
        for frame in timeline:
            view.apply_frame(frame)
            fig.canvas.draw()
            r = fig.canvas.get_renderer()
            shown = [(k, t.get_window_extent(r)) for k, t in view.texts.items()
                     if t.get_visible() and t.get_text()]
            assert not _overlaps(shown), frame.index
            outside = [(k, box) for k, box in shown if k[0] not in ("value", "op")]
            nodes = view.ax.transData.transform(view.value_xy)
            for k, box in outside:
                if k[0] != "edge" or k[1] not in frame.active_edges:
                    continue
                shown_edges += 1
                for cx, cy in nodes:   # no value box under the active edge's label
                    assert not (abs(box.x0 + box.x1 - 2 * cx) < box.width + 0.9 * ppu
                                and abs(box.y0 + box.y1 - 2 * cy) < box.height + 0.56 * ppu)
    assert shown_edges > 0


def test_a_37_layer_chain_opens_at_a_readable_scale_and_follows_the_steps():
    import tutor_app.engine as torch

    with torch.record() as tape:
        x = torch.tensor(0.5, requires_grad=True)
        y = torch.tensor(1.0)
        for _ in range(37):
            y = torch.sin(y) * 2 + x
    graph = build_graph(tape, output=y.uid, names={x.uid: "x", y.uid: "y"})
    fig = Figure(figsize=(8, 4.5))
    FigureCanvasAgg(fig)
    view = GraphView(fig.add_axes((0, 0, 1, 1)), graph, layered_layout(graph))
    tl = build_timeline(graph, tape)
    view.apply_frame(tl[0])
    assert view.pixels_per_unit() >= view.readable_ppu() * 0.99
    fig.canvas.draw()
    assert any(t.get_visible() for (role, _), t in view.texts.items() if role == "value")
    far = tl[len(tl) // 2]
    assert view.follow(far.active_nodes)
    pts = np.array([view.pos[n] for n in far.active_nodes])
    assert view._on_screen(pts, margin=0.5).all()
    view.fit()
    assert view.pixels_per_unit() < view.readable_ppu()   # Fit still shows everything
    # the reused leaf's edges are arcs, not lines along the chain
    arcs = [view.segments[i] for i, (u, _v, _k) in enumerate(view.edges) if u == ("value", x.uid)]
    bows = [np.abs(s[:, 1] - np.linspace(s[0, 1], s[-1, 1], len(s))).max() for s in arcs]
    assert sum(b > 0.3 for b in bows) >= len(arcs) - 2


def test_op_names_stay_inside_their_glyphs():
    import tutor_app.engine as torch

    with torch.record() as tape:
        a = torch.tensor([1.0, -2.0, 3.0], requires_grad=True)
        d = torch.relu(torch.tanh(a)).view(3, 1).sum()
    graph = build_graph(tape, output=d.uid, names={a.uid: "a", d.uid: "d"})
    fig = Figure(figsize=(9, 3))
    FigureCanvasAgg(fig)
    view = GraphView(fig.add_axes((0, 0, 1, 1)), graph, layered_layout(graph))
    view.apply_frame(build_timeline(graph, tape)[0])
    fig.canvas.draw()
    r, ppu = fig.canvas.get_renderer(), view.pixels_per_unit()
    shown = {t.get_text() for (role, _), t in view.texts.items()
             if role == "op" and t.get_visible()}
    assert shown == {"tanh", "relu", "view", "sum"}
    for n in view.ops:
        box = view.texts[("op", n)].get_window_extent(r)
        cx, _cy = view.ax.transData.transform(view.pos[n])
        assert box.width <= 2 * view.op_half[n] * ppu
        assert abs((box.x0 + box.x1) / 2 - cx) < 2


@pytest.mark.parametrize("size", [(9.5, 2.6), (6.2, 1.75), (5.0, 1.5)])
def test_every_op_of_lesson_11_shows_its_name_inside_its_glyph(size):
    """The glyph is sized for its name: at small scales the name shrinks, never vanishes."""
    from tutor_app.lessons import forward_reverse

    pair = forward_reverse.side_by_side(2, 2)
    fig = Figure(figsize=size, dpi=100)
    FigureCanvasAgg(fig)
    view = GraphView(fig.add_axes((0.01, 0.01, 0.98, 0.98)), pair.graph,
                     layered_layout(pair.graph))
    for frame in (pair.forward[0], pair.forward[5], pair.reverse[-1]):
        view.apply_frame(frame)
        fig.canvas.draw()
        r, ppu = fig.canvas.get_renderer(), view.pixels_per_unit()
        on_screen = [n for n, ok in zip(view.ops, view._on_screen(view.op_xy), strict=True)
                     if ok]
        assert len(on_screen) >= 4
        for n in on_screen:
            t = view.texts[("op", n)]
            assert t.get_visible() and t.get_text() == view.graph.nodes[n]["label"]
            box = t.get_window_extent(r)
            assert 0 < box.width <= 2 * view.op_half[n] * ppu
            assert box.height <= 2 * 0.2 * ppu * 1.3   # glyph height, line spacing allowed
    labels = {view.graph.nodes[n]["label"] for n in view.ops}
    assert {"sin", "tanh"} <= labels


def test_set_theme_recolours_the_drawn_graph_and_every_later_frame():
    from matplotlib.colors import to_hex

    from tutor_app.viz.graph_region import RegionPainter
    from tutor_app.viz.style import DARK, LIGHT, restyle_figure

    view, tl, fig = _view(dot_tape(backwards=2))
    painter = RegionPainter(view, fig.canvas)
    view.apply_frame(tl[1])
    fig.canvas.draw()
    label = next(t for (role, _), t in view.texts.items() if role == "value" and t.get_visible())
    light_raster = label._raster(fig.dpi)[0]
    view.set_theme("dark")
    assert painter.paint() is None              # the buffer is light: draw in full first

    def draw():   # what MplCanvas does in the dark theme: recolour the chrome, then draw
        restyle_figure(fig, "dark")
        fig.canvas.draw()

    draw()
    assert to_hex(view.ax.get_facecolor()) == DARK.background
    assert to_hex(label.get_color()) == DARK.text
    dark_raster = label._raster(fig.dpi)[0]     # the cached image was made again, light text
    def ink(raster):
        return raster[raster[..., 3] >= raster[..., 3].max()][:, :3].mean()   # inkiest

    assert ink(light_raster) < 100 < ink(dark_raster)
    painted = 0
    for frame in tl[2:]:
        view.apply_frame(frame)
        faces = {to_hex(c) for c, n in zip(view.value_patches.get_facecolor(), view.values,
                                            strict=True) if frame.shown(n)}
        assert faces == {DARK.cell}
        box = painter.paint()
        if box is None:
            draw()
            continue
        painted += 1
        partial = np.asarray(fig.canvas.buffer_rgba()).astype(int)
        draw()
        full = np.asarray(fig.canvas.buffer_rgba()).astype(int)
        assert np.abs(partial - full).max() <= 2, frame.phase
    assert painted >= 3
    view.set_theme("light")
    view.apply_frame(tl[0])
    assert to_hex(view.ax.get_facecolor()) == LIGHT.background
    assert to_hex(label.get_color()) == LIGHT.text


def test_named_two_letter_ops_get_a_pill_that_holds_their_name():
    from tutor_app.viz.graph_geometry import OP_R, op_half_width

    assert op_half_width("×") == OP_R and op_half_width("**") == OP_R
    assert op_half_width("mv") > OP_R          # "mv" is wider than a symbol's circle


def test_echoes_draw_a_reused_value_by_each_far_use_and_repaint_exactly():
    import tutor_app.engine as torch
    from tutor_app.graph.layout import display_layout
    from tutor_app.viz.graph_region import RegionPainter

    with torch.record() as tape:
        x = torch.tensor([1.0, 2.0], requires_grad=True)
        s = x * 0
        for k in range(6):
            s = s + x * k
        total = s.sum()
        total.backward()
    graph = build_graph(tape, output=total.uid, names={x.uid: "x", total.uid: "total"})
    fig = Figure(figsize=(12, 4))
    FigureCanvasAgg(fig)
    view = GraphView(fig.add_axes((0, 0, 1, 1)), graph, display_layout(graph))
    xnode = ("value", x.uid)
    assert len(view.echoes_of[xnode]) >= 4                   # x drawn again by its far uses
    for (u, v, _k), i in view.edge_index.items():            # every edge is short now
        start, end = view.segments[i][0], view.segments[i][-1]
        assert end[0] - start[0] < 2.5 * 1.7, (u, v)
    tl = build_timeline(graph, tape)
    view.fit()
    view.apply_frame(tl[-1])
    fig.canvas.draw()
    grads = [view.texts[("grad", m)].get_text() for m in [xnode, *view.echoes_of[xnode]]
             if ("grad", m) in view.texts and view.texts[("grad", m)].get_visible()]
    assert grads and all("15" in g for g in grads)           # x.grad = 0+1+…+5 = [15, 15]
    painter = RegionPainter(view, fig.canvas)
    view.apply_frame(tl[0])
    fig.canvas.draw()
    painted = 0
    for frame in tl[1:]:
        view.apply_frame(frame)
        if painter.paint() is None:
            fig.canvas.draw()
            continue
        painted += 1
        partial = np.asarray(fig.canvas.buffer_rgba()).astype(int)
        fig.canvas.draw()
        full = np.asarray(fig.canvas.buffer_rgba()).astype(int)
        assert np.abs(partial - full).max() <= 2, frame.phase
    assert painted >= 3
