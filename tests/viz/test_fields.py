"""Contour probe and layout table drawing, without Qt."""

from __future__ import annotations

import numpy as np
import pytest
from matplotlib.figure import Figure

from tutor_app.viz import fields
from tutor_app.viz.layout_table import draw_layout_table, update_layout_table


def _circle_plot():
    ax = Figure().subplots()
    x, y = np.meshgrid(np.linspace(-2, 2, 81), np.linspace(-2, 2, 81))
    return fields.draw_field(ax, x, y, x ** 2 + y ** 2, title="r²")


def test_level_lines_of_a_circle():
    plot = _circle_plot()
    verts = fields.level_lines(plot.x, plot.y, plot.z, 1.0)
    finite = verts[np.isfinite(verts[:, 0])]
    np.testing.assert_allclose(np.hypot(finite[:, 0], finite[:, 1]), 1.0, atol=2e-3)
    assert fields.level_lines(plot.x, plot.y, plot.z, 100.0).shape == (0, 2)


def test_probe_arrows_point_up_and_down_the_gradient():
    plot = _circle_plot()
    changed = fields.update_probe(plot, (1.0, 0.0), 1.0, (2.0, 0.0), "∇f")
    assert plot.uphill in changed and plot.uphill.get_visible()
    (x0, y0), (x1, y1) = plot.uphill._posA_posB
    assert (x0, y0) == (1.0, 0.0) and x1 > 1.0 and y1 == pytest.approx(0.0)
    (_, _), (dx, _) = plot.downhill._posA_posB
    assert dx < 1.0
    assert plot.label.get_text() == "∇f"
    assert len(plot.level_line.get_xdata()) > 10


def test_zero_gradient_hides_the_arrows():
    plot = _circle_plot()
    fields.update_probe(plot, (0.0, 0.0), 0.0, (0.0, 0.0))
    assert not plot.uphill.get_visible() and not plot.downhill.get_visible()


def test_path_is_shown_and_hidden():
    plot = _circle_plot()
    fields.update_path(plot, np.array([[1, 1], [0.5, 0.5]]))
    assert list(plot.path.get_xdata()) == [1, 0.5]
    fields.update_path(plot, np.empty((0, 2)))
    assert len(plot.path.get_xdata()) == 0


def test_layout_table_rewrites_cells_in_place():
    ax = Figure().subplots()
    handle = draw_layout_table(ax, [["a", "b"], ["c", "d"]], ["r1", "r2"], ["c1", "c2"],
                               title="t")
    assert handle.text(1, 0) == "c"
    update_layout_table(handle, [["w", "x"], ["y", "z"]], title="u")
    assert handle.text(1, 0) == "y" and ax.get_title() == "u"
    with pytest.raises(ValueError):
        update_layout_table(handle, [["only one"]])


def test_the_gradient_readout_sits_under_the_plot_not_on_it():
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    fig = Figure(figsize=(6, 5), layout="constrained")
    ax = fig.add_subplot()
    x, y = np.meshgrid(np.linspace(-2, 2, 41), np.linspace(-2, 2, 41))
    plot = fields.draw_field(ax, x, y, x ** 2 + y ** 2, title="f")
    fields.update_probe(plot, (-1.9, -1.9), 7.22, (-3.8, -3.8), "∇f = (-3.8, -3.8)")
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    renderer = canvas.get_renderer()
    label, axes = plot.label.get_window_extent(renderer), ax.get_window_extent(renderer)
    assert label.y1 <= axes.y0 and label.y0 >= 0          # below the plot, inside the figure
