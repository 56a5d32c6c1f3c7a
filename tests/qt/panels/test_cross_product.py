"""Lesson 5 panel as a learner uses it: set and swap vectors, parallel note, drag in 2D, rotate."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from tutor_app.lessons.base import load_spec
from tutor_app.lessons.cross_product import PRESETS_3D
from tutor_app.paths import resource
from tutor_app.qt.panels.cross_product import CrossProductPanel

from .mouse import drag
from .render import register_matplotlib_fonts, render_both_languages


@pytest.fixture
def panel(qtbot):
    register_matplotlib_fonts()  # zh figure text renders as in the app
    widget = CrossProductPanel(load_spec(resource("lessons", "cross_product.toml")), "en")
    qtbot.addWidget(widget)
    widget.resize(800, 900)
    widget.show()
    qtbot.waitExposed(widget)
    yield widget
    widget.shutdown()


def test_spin_boxes_set_v_and_readout_matches_numpy(panel, qtbot):
    spin = panel.v_3d.spins[2]
    spin.setFocus()
    qtbot.keyClick(spin, Qt.Key.Key_Up)        # v = (2, 0.5, 0.6)
    v, w = np.array(panel.v_3d.value()), np.array(panel.w_3d.value())
    assert v[2] == pytest.approx(0.6)
    c = panel.result_3d
    np.testing.assert_allclose(c.cross, np.cross(v, w), atol=1e-6)
    area = np.linalg.norm(np.cross(v, w))
    assert f"|v × w| = {area:.3f}" in panel.readout_3d.text()
    panel.canvas_3d.draw()


def test_swap_flips_the_normal(panel, qtbot):
    before = np.array(panel.result_3d.cross)
    qtbot.mouseClick(panel.swap_3d, Qt.MouseButton.LeftButton)
    np.testing.assert_allclose(panel.result_3d.cross, -before, atol=1e-6)
    assert panel.result_3d.area == pytest.approx(np.linalg.norm(before), rel=1e-6)
    panel.swap_3d.setFocus()
    qtbot.keyClick(panel.swap_3d, Qt.Key.Key_Space)   # keyboard: swap back
    np.testing.assert_allclose(panel.result_3d.cross, before, atol=1e-6)


def test_parallel_preset_shows_area_zero_and_note(panel):
    index = panel.presets.findData("preset_parallel")
    panel.presets.setCurrentIndex(index)
    panel.presets.activated.emit(index)
    assert panel.result_3d.parallel and panel.result_3d.area == 0.0
    assert "parallel" in panel.readout_3d.text() and "nan" not in panel.readout_3d.text()
    panel.canvas_3d.draw()


def test_hand_toggle_and_mouse_rotation_sync_sliders(panel, qtbot):
    with_hand = len(panel._artists_3d)
    panel.show_hand.setFocus()
    qtbot.keyClick(panel.show_hand, Qt.Key.Key_Space)
    assert not panel.show_hand.isChecked() and len(panel._artists_3d) < with_hand
    canvas, ax = panel.canvas_3d, panel.ax_3d
    canvas.draw()
    azim = ax.azim
    centre = canvas.rect().center()
    qtbot.mousePress(canvas, Qt.MouseButton.LeftButton, pos=centre)
    for dx in (10, 20, 40):
        qtbot.mouseMove(canvas, centre + type(centre)(dx, 0))
    qtbot.mouseRelease(canvas, Qt.MouseButton.LeftButton, pos=centre + type(centre)(40, 0))
    assert ax.azim != pytest.approx(azim)
    assert panel.view.azimuth.value() == int(round((ax.azim + 180) % 360 - 180))


def test_2d_drag_changes_orientation_sign(panel, qtbot):
    panel.tabs.setCurrentIndex(1)
    panel.canvas_2d.draw()
    assert panel.result_2d.orientation == "ccw"
    drag(qtbot, panel.canvas_2d, panel.ax_2d, (1.0, 2.0), (2.0, -1.5))
    v, w = np.array(panel.v_2d.value()), np.array(panel.w_2d.value())
    assert panel.result_2d.det == pytest.approx(np.linalg.det(np.column_stack([v, w])), abs=1e-6)
    assert panel.result_2d.orientation == "cw"
    assert "clockwise" in panel.readout_2d.text()
    drag(qtbot, panel.canvas_2d, panel.ax_2d, tuple(w), (4.0, 1.0))   # collinear with v
    assert panel.result_2d.orientation == "parallel" and panel.result_2d.det == 0.0


def test_2d_swap_and_language(panel, qtbot, tmp_path):
    panel.tabs.setCurrentIndex(1)
    det = panel.result_2d.det
    qtbot.mouseClick(panel.swap_2d, Qt.MouseButton.LeftButton)
    assert panel.result_2d.det == pytest.approx(-det)
    assert panel.drag.points["v"] == panel.v_2d.value()
    assert panel.toolbar_2d.save_as(tmp_path / "area.svg")
    panel.set_language("zh")
    assert panel.swap_2d.text() == "交换 v 和 w"
    assert "顺时针" in panel.readout_2d.text()


def test_renders_in_zh_and_en_without_missing_glyphs(qtbot, tmp_path):
    assert render_both_languages(CrossProductPanel, "cross_product", qtbot, tmp_path) == []


def test_a_clockwise_readout_keeps_its_less_than_sign(panel):
    """``det < 0`` must not be read as an HTML tag by the rich-text label."""
    from PySide6.QtGui import QTextDocument

    panel.v_2d.set_value((1.0, 2.0))
    panel.w_2d.set_value((2.0, 0.5))
    panel._on_vectors_2d_change()
    doc = QTextDocument()
    doc.setHtml(panel.readout_2d.text())
    assert "det < 0" in doc.toPlainText()


def _placement(canvas, ax):
    QGuiApplication.processEvents()
    canvas.draw()
    return canvas.geometry().getRect(), tuple(np.round(ax.bbox.bounds, 1))


CASES_3D = [*PRESETS_3D.values(), ((0.0, 0.0, 0.0), (1.0, 2.0, 3.0)),
            ((-4.9, -4.7, -4.3), (4.1, -3.9, 4.8)), ((1.0, 2.0, 3.0), (1.0, 2.0, 3.0))]
CASES_2D = [((2.0, 0.5), (1.0, 2.0)), ((1.0, 2.0), (2.0, 0.5)), ((1.0, 1.0), (2.0, 2.0)),
            ((0.0, 0.0), (1.0, 1.0)), ((-3.9, 3.8), (3.7, -3.6))]


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("size", [(640, 780), (900, 900)])
def test_figures_stay_put_while_the_message_changes(qtbot, lang, size):
    register_matplotlib_fonts()
    widget = CrossProductPanel(load_spec(resource("lessons", "cross_product.toml")), lang)
    qtbot.addWidget(widget)
    widget.resize(*size)
    widget.show()
    qtbot.waitExposed(widget)
    first = _placement(widget.canvas_3d, widget.ax_3d)
    messages = set()
    for v, w in CASES_3D:
        widget.v_3d.set_value(v)
        widget.w_3d.set_value(w)
        widget._on_vectors_3d_change()
        messages.add(widget.readout_3d.text())
        assert _placement(widget.canvas_3d, widget.ax_3d) == first, (v, w)
    widget.tabs.setCurrentIndex(1)
    first = _placement(widget.canvas_2d, widget.ax_2d)
    for v, w in CASES_2D:
        widget.v_2d.set_value(v)
        widget.w_2d.set_value(w)
        widget._on_vectors_2d_change()
        messages.add(widget.readout_2d.text())
        assert _placement(widget.canvas_2d, widget.ax_2d) == first, (v, w)
    assert len(messages) >= len(CASES_3D) + 3
    widget.shutdown()
