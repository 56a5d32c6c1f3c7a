"""Lesson 9 panel as a learner uses it: click and drag on the contour plot, keyboard controls."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt

from tests.lessons.test_matrix_calculus import analytic_gradient
from tests.qt.panels.geometry import drawn, inside
from tests.qt.panels.render import assert_renders
from tutor_app.lessons.base import load_spec
from tutor_app.paths import resource
from tutor_app.qt.panels.matrix_calculus import MatrixCalculusPanel


@pytest.fixture
def panel(qtbot):
    spec = load_spec(resource("lessons", "matrix_calculus.toml"))
    widget = MatrixCalculusPanel(spec, "zh")
    qtbot.addWidget(widget)
    widget.resize(900, 800)
    widget.show()
    widget.canvas.draw()
    yield widget
    widget.shutdown()


def _pixel(canvas, ax, xy) -> QPoint:
    px, py = ax.transData.transform(xy)
    ratio = canvas.device_pixel_ratio or 1
    return QPoint(int(round(px / ratio)), int(round(canvas.height() - py / ratio)))


def _tangent_at(panel) -> np.ndarray:
    """The direction of the drawn level line at the vertex nearest the probe point."""
    xs, ys = panel.plot.level_line.get_data()
    verts = np.column_stack([xs, ys])
    d = np.hypot(*(verts - np.array(panel.point)).T)
    d[~np.isfinite(d)] = np.inf
    k = int(np.argmin(d))
    lo, hi = max(k - 1, 0), min(k + 1, len(verts) - 1)
    if not np.all(np.isfinite(verts[[lo, hi]])):
        lo, hi = k, k + 1 if np.all(np.isfinite(verts[k + 1])) else k - 1
    t = verts[hi] - verts[lo]
    return t / np.hypot(*t)


@pytest.mark.parametrize("key", ["bowl", "valley", "gaussians"])
def test_click_gives_the_analytic_gradient_perpendicular_to_the_contour(panel, qtbot, key):
    panel.field_box.setCurrentIndex(panel.field_box.findData(key))
    panel.canvas.draw()
    qtbot.mouseClick(panel.canvas, Qt.MouseButton.LeftButton,
                     pos=_pixel(panel.canvas, panel.ax, (0.55, 0.9)))
    assert panel.point == pytest.approx((0.55, 0.9), abs=0.05)
    grad = np.array(panel.probe.grad)
    np.testing.assert_allclose(grad, analytic_gradient(key, *panel.point), rtol=1e-9)
    unit = grad / np.hypot(*grad)
    assert abs(unit @ _tangent_at(panel)) < 0.05
    # The uphill arrow follows +∇f, the downhill arrow −∇f.
    (x0, y0), (x1, y1) = panel.plot.uphill._posA_posB
    assert np.array([x1 - x0, y1 - y0]) @ grad > 0
    (x0, y0), (x1, y1) = panel.plot.downhill._posA_posB
    assert np.array([x1 - x0, y1 - y0]) @ grad < 0
    assert f"{panel.probe.value:.4g}" in panel.readout.text()


def test_drag_the_point(panel, qtbot):
    start = _pixel(panel.canvas, panel.ax, panel.point)
    end = _pixel(panel.canvas, panel.ax, (-1.0, 0.5))
    qtbot.mousePress(panel.canvas, Qt.MouseButton.LeftButton, pos=start)
    assert panel.drag.dragging == "p"
    qtbot.mouseMove(panel.canvas, pos=QPoint((start.x() + end.x()) // 2, start.y()))
    qtbot.mouseMove(panel.canvas, pos=end)
    assert not panel.plot.label.get_visible()                   # text waits for the release
    qtbot.mouseRelease(panel.canvas, Qt.MouseButton.LeftButton, pos=end)
    assert panel.plot.label.get_visible()
    assert panel.point == pytest.approx((-1.0, 0.5), abs=0.05)
    np.testing.assert_allclose(panel.probe.grad, analytic_gradient("bowl", *panel.point))


def test_learning_rate_and_steps_by_keyboard(panel, qtbot):
    panel.lr_slider.setFocus()
    before = panel.lr_value.text()
    qtbot.keyClick(panel.lr_slider, Qt.Key.Key_Right)
    assert panel.lr_value.text() != before
    qtbot.keyClick(panel.lr_slider, Qt.Key.Key_End)
    assert panel.lr_value.text() == "1"
    assert panel.path.diverged
    qtbot.keyClick(panel.lr_slider, Qt.Key.Key_Home)
    assert not panel.path.diverged
    panel.steps_box.setFocus()
    qtbot.keyClick(panel.steps_box, Qt.Key.Key_Up)
    assert len(panel.path.points) == panel.steps_box.value() + 1


def test_layout_switch_and_identities(panel, qtbot):
    panel.tabs.setCurrentIndex(1)
    assert panel.table.text(0, 1) == "(1, n)"
    panel.layout_buttons.button(1).click()
    assert panel.table.text(0, 1) == "(n, 1)"
    summary = panel.identities_view.toPlainText().splitlines()[:4]
    assert [line[0] for line in summary] == ["✓", "✓", "✗", "✓"]
    seed = panel.seed
    qtbot.mouseClick(panel.reseed_button, Qt.MouseButton.LeftButton)
    assert panel.seed == seed + 1
    assert all(c.holds for c in panel.checks if c.key != "xax_wrong")


def test_language_switch_retranslates(panel):
    assert_renders(panel)                                             # zh
    other = "en" if panel.lang == "zh" else "zh"
    panel.set_language(other)
    assert_renders(panel)                                             # en
    assert panel.tabs.tabText(1) == panel.spec.string("tab_layouts", other)
    assert panel.field_box.itemText(0) == panel.spec.string("field_bowl", other)


@pytest.mark.parametrize("key", ["bowl", "saddle", "valley", "gaussians"])
def test_gradient_arrows_stay_inside_the_frame(panel, key):
    """Probe points all over the plot, up to its edges: both arrows, heads included, are
    drawn inside the Axes (a full-length arrow near the edge was cut off by the frame)."""
    panel.field_box.setCurrentIndex(panel.field_box.findData(key))
    (x0, x1), (y0, y1) = panel.ax.get_xlim(), panel.ax.get_ylim()
    shown = 0
    for fx in (0.01, 0.05, 0.3, 0.5, 0.7, 0.95, 0.99):
        for fy in (0.01, 0.05, 0.5, 0.95, 0.99):
            panel.move_point((x0 + fx * (x1 - x0), y0 + fy * (y1 - y0)))
            renderer = drawn(panel.canvas)
            for arrow in (panel.plot.uphill, panel.plot.downhill):
                if arrow.get_visible():
                    shown += 1
                    assert inside(arrow.get_window_extent(renderer), panel.ax.bbox, slack=1.0), \
                        (key, fx, fy)
    assert shown > 35            # most probes show both arrows: the test saw arrows
