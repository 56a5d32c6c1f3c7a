"""Readouts beside the plot, never over it: the sidebar layout and its line wrapping."""

from __future__ import annotations

import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from tutor_app.viz import vectors
from tutor_app.viz.sidebar import SquareWithSidebar, display_width, wrap_lines


def test_the_square_leaves_the_sidebar_free_and_fits_the_figure():
    layout = SquareWithSidebar(sidebar_pt=160)
    x0, y0, side, _ = layout.box(560, 300)
    assert side == pytest.approx(300 - layout.bottom_pt - layout.top_pt)
    assert x0 + side + 160 <= 560 and y0 >= layout.bottom_pt - 1e-9
    # a narrow figure shrinks the square rather than the sidebar
    x0, _y0, side, _ = layout.box(300, 300)
    assert x0 + side + 160 + layout.right_pt <= 300 + 1e-9


@pytest.mark.parametrize("v, w", [((2, 1), (1, 3)), ((3.5, -0.5), (-3.8, 3.9)),
                                  ((-3.9, 3.9), (3.9, 3.9)), ((0, 0), (-2, 3.9))])
def test_the_readout_box_never_covers_the_plot(v, w):
    fig = Figure(figsize=(7.5, 4.0), dpi=100)
    ax = fig.add_subplot()
    vectors.setup_plane(ax, 4.0)
    a = vectors.draw_projection_2d(ax, v, w, None, sign_key="positive",
                                   info="v·w = -15.250\n|v||w| cos θ = -15.250\nθ = 142.4°\n"
                                        "v·w < 0: obtuse angle")
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    renderer = canvas.get_renderer()
    box = a.info.get_bbox_patch().get_window_extent(renderer)
    plot = ax.get_window_extent(renderer)
    assert box.x0 > plot.x1                       # beside the Axes, not on it
    assert box.x1 <= fig.bbox.x1 and box.y0 >= 0  # and still inside the figure


def test_long_lines_wrap_for_the_sidebar_in_both_languages():
    en = wrap_lines("w is the zero vector: projection onto the zero vector is undefined", 27)
    assert all(display_width(line) <= 27 for line in en.split("\n"))
    assert en.replace("\n", " ") == ("w is the zero vector: projection onto the zero vector "
                                     "is undefined")
    zh = wrap_lines("w 是零向量：向零向量的投影没有定义", 20)
    assert all(display_width(line) <= 20 for line in zh.split("\n"))
    assert zh.replace("\n", "") == "w 是零向量：向零向量的投影没有定义"
    assert wrap_lines("v·w = 5.000\nθ = 45.0°", 27) == "v·w = 5.000\nθ = 45.0°"


def test_the_3d_cross_readout_sits_beside_the_cube():
    from tutor_app.viz import vectors3d
    from tutor_app.viz.sidebar import use_sidebar

    fig = Figure(figsize=(7.5, 3.8), dpi=100)
    ax = fig.add_subplot(projection="3d")
    vectors3d.setup_space(ax, 5.0)
    use_sidebar(ax, left_pt=4, bottom_pt=4, top_pt=4, sidebar_pt=190)
    artists = vectors3d.draw_cross_3d(ax, (1.5, -1, 1), (0, 2, 1.5), (-3.5, -2.25, 3.0),
                                      info="v × w = (-3.50, -2.25, 3.00)\narea = 5.130")
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    renderer = canvas.get_renderer()
    info = next(a for a in artists if getattr(a, "get_text", lambda: "")().startswith("v × w ="))
    box = info.get_window_extent(renderer)
    assert box.x0 > ax.get_window_extent(renderer).x1 and box.x1 <= fig.bbox.x1
