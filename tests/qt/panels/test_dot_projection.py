"""Lesson 4 panel as a learner uses it: drag tips, type numbers, pick presets, turn the 3D view."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from tests.qt.panels.geometry import drawn, overlapping_pairs
from tutor_app.lessons.base import load_spec
from tutor_app.paths import resource
from tutor_app.qt.panels.dot_projection import DotProjectionPanel

from .mouse import drag
from .render import register_matplotlib_fonts, render_both_languages


@pytest.fixture
def panel(qtbot):
    register_matplotlib_fonts()  # zh figure text renders as in the app
    spec = load_spec(resource("lessons", "dot_projection.toml"))
    widget = DotProjectionPanel(spec, "en")
    qtbot.addWidget(widget)
    widget.resize(800, 900)
    widget.show()
    qtbot.waitExposed(widget)
    widget.canvas_2d.draw()
    yield widget
    widget.shutdown()


def test_drag_v_tip_updates_spins_readouts_and_figure(panel, qtbot):
    drag(qtbot, panel.canvas_2d, panel.ax_2d, (2.0, 1.0), (-1.5, 2.0))
    v = np.array(panel.v_2d.value())
    w = np.array(panel.w_2d.value())
    np.testing.assert_allclose(v, (-1.5, 2.0), atol=0.11)      # snapped to the 0.1 grid
    assert panel.drag.points["v"] == tuple(v)                    # exactly on the grid
    assert panel.drag.dragging is None
    p = panel.result_2d
    assert p.dot == pytest.approx(float(v @ w))
    assert f"v·w = {float(v @ w):.3f}" in panel.readout_2d.text()
    cos = float(v @ w) / (np.linalg.norm(v) * np.linalg.norm(w))
    assert p.theta_deg == pytest.approx(np.degrees(np.arccos(cos)))
    assert panel.artists_2d.v._posA_posB[1] == pytest.approx(tuple(v))
    assert not panel.artists_2d.v.get_animated()   # back to normal drawing after release


def test_drag_w_to_obtuse_colours_the_readout(panel, qtbot):
    drag(qtbot, panel.canvas_2d, panel.ax_2d, (1.0, 3.0), (-3.0, -1.0))
    assert panel.result_2d.kind == "obtuse" and panel.result_2d.dot < 0
    assert "obtuse" in panel.readout_2d.text()


def test_press_away_from_tips_does_nothing(panel, qtbot):
    before = panel.v_2d.value(), panel.w_2d.value()
    drag(qtbot, panel.canvas_2d, panel.ax_2d, (-3.0, -3.0), (0.0, 0.0))
    assert (panel.v_2d.value(), panel.w_2d.value()) == before


def test_dragging_w_onto_the_origin_shows_the_zero_vector_note(panel, qtbot):
    drag(qtbot, panel.canvas_2d, panel.ax_2d, (1.0, 3.0), (0.0, 0.0))
    assert panel.w_2d.value() == (0.0, 0.0)
    text = panel.readout_2d.text()
    assert "projection onto the zero vector is undefined" in text
    assert "nan" not in text.lower()
    assert not panel.artists_2d.projection.get_visible()


def test_keyboard_sets_vectors(panel, qtbot):
    spin = panel.w_2d.spins[1]
    spin.setFocus()
    qtbot.keyClick(spin, Qt.Key.Key_Down)     # w = (1, 2.9)
    assert panel.w_2d.value() == (1.0, 2.9)
    assert panel.result_2d.dot == pytest.approx(2 * 1 + 1 * 2.9)
    assert panel.drag.points["w"] == (1.0, 2.9)  # the drag handle follows the spin box


def test_3d_set_vectors_preset_and_zero(panel, qtbot):
    panel.tabs.setCurrentIndex(1)
    panel.v_3d.spins[2].setValue(-2.0)
    v, w = np.array(panel.v_3d.value()), np.array(panel.w_3d.value())
    assert panel.result_3d.dot == pytest.approx(float(v @ w))
    index = panel.presets.findData("preset_zero_w")
    panel.presets.setCurrentIndex(index)
    panel.presets.activated.emit(index)
    assert panel.w_3d.value() == (0.0, 0.0, 0.0)
    assert "projection onto the zero vector is undefined" in panel.readout_3d.text()
    panel.canvas_3d.draw()   # draws without error or NaN warnings


def test_3d_rotation_by_keyboard_and_mouse_sync(panel, qtbot):
    panel.tabs.setCurrentIndex(1)
    view = panel.view
    view.azimuth.setFocus()
    qtbot.keyClick(view.azimuth, Qt.Key.Key_PageUp)
    assert panel.ax_3d.azim == pytest.approx(view.azimuth.value()) != -50
    qtbot.keyClick(view.elevation, Qt.Key.Key_Right)
    assert panel.ax_3d.elev == pytest.approx(21)
    panel.ax_3d.view_init(elev=40, azim=190)   # as a mouse rotation leaves it
    view._on_model_view_change()
    assert (view.azimuth.value(), view.elevation.value()) == (-170, 40)


def test_export_and_language_switch(panel, tmp_path):
    for suffix in ("png", "svg"):
        path = tmp_path / f"fig.{suffix}"
        assert panel.toolbar_2d.save_as(path)
        assert path.stat().st_size > 1000
    assert panel.toolbar_3d.save_as(tmp_path / "fig3d.png")
    assert not panel.toolbar_2d.save_as(tmp_path / "no such folder" / "fig.png")
    assert panel.toolbar_2d.status.text().startswith("Could not save")
    panel.toolbar_2d.copy_button.click()
    assert not QGuiApplication.clipboard().image().isNull()
    panel.set_language("zh")
    assert panel.tabs.tabText(0) == "平面 (2D)"
    assert "锐角" in panel.readout_2d.text()
    assert panel.toolbar_2d.png_button.text() == "导出 PNG…"


def test_renders_in_zh_and_en_without_missing_glyphs(qtbot, tmp_path):
    assert render_both_languages(DotProjectionPanel, "dot_projection", qtbot, tmp_path) == []


def test_figure_box_hides_while_dragging_and_returns(panel, qtbot):
    from .mouse import to_widget

    canvas, ax, info = panel.canvas_2d, panel.ax_2d, panel.artists_2d.info
    qtbot.mousePress(canvas, Qt.MouseButton.LeftButton, pos=to_widget(canvas, ax, (2.0, 1.0)))
    qtbot.mouseMove(canvas, to_widget(canvas, ax, (2.5, 0.5)))
    assert panel.drag.dragging == "v" and not info.get_visible()
    assert "v·w = 4.000" in panel.readout_2d.text()       # (2.5, 0.5)·(1, 3), live
    assert panel.drag.frame_seconds > 0
    qtbot.mouseRelease(canvas, Qt.MouseButton.LeftButton, pos=to_widget(canvas, ax, (2.5, 0.5)))
    assert info.get_visible() and "v·w = 4.000" in info.get_text()


def test_hovering_a_tip_shows_a_hand(panel, qtbot):
    from .mouse import to_widget

    canvas, ax = panel.canvas_2d, panel.ax_2d
    qtbot.mouseMove(canvas, to_widget(canvas, ax, (2.0, 1.0)))
    assert canvas.cursor().shape() == Qt.CursorShape.PointingHandCursor
    qtbot.mouseMove(canvas, to_widget(canvas, ax, (-3.0, -3.0)))
    assert canvas.cursor().shape() == Qt.CursorShape.ArrowCursor


def test_the_obtuse_readout_keeps_its_less_than_sign(panel):
    """``v·w < 0`` must not be read as an HTML tag by the rich-text label."""
    from PySide6.QtGui import QTextDocument

    panel.v_2d.set_value((2.0, 1.0))
    panel.w_2d.set_value((-3.0, 1.0))
    panel._on_vectors_2d_change()
    doc = QTextDocument()
    doc.setHtml(panel.readout_2d.text())
    shown = doc.toPlainText()
    assert "v·w < 0" in shown and "obtuse" in shown
    assert "signed length = -1.581" in shown


def _placement(canvas, ax):
    QGuiApplication.processEvents()
    canvas.draw()
    return canvas.geometry().getRect(), tuple(np.round(ax.bbox.bounds, 1))


PAIRS_2D = [((2.0, 1.0), (1.0, 3.0)), ((-3.9, 3.7), (3.3, -0.1)), ((0.0, 0.0), (1.0, 1.0)),
            ((-0.1, 0.1), (3.9, 3.9)), ((1.0, 1.0), (0.0, 0.0))]


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("size", [(640, 780), (900, 900)])
def test_the_2d_plot_stays_put_as_the_numbers_change(qtbot, lang, size):
    register_matplotlib_fonts()
    widget = DotProjectionPanel(load_spec(resource("lessons", "dot_projection.toml")), lang)
    qtbot.addWidget(widget)
    widget.resize(*size)
    widget.show()
    qtbot.waitExposed(widget)
    first = _placement(widget.canvas_2d, widget.ax_2d)
    for v, w in PAIRS_2D:
        widget.v_2d.set_value(v)
        widget.w_2d.set_value(w)
        widget._on_vectors_2d_change()
        assert _placement(widget.canvas_2d, widget.ax_2d) == first, (v, w)
    widget.shutdown()


def _drawn_tick_labels(axis, renderer):
    """Tick labels of a 3-D axis as drawn: visible, non-empty, inside the view interval."""
    low, high = sorted(axis.get_view_interval())
    return [tick.label1 for tick in axis.get_major_ticks()
            if tick.label1.get_visible() and tick.label1.get_text()
            and low - 1e-9 <= tick.get_loc() <= high + 1e-9]


VIEWS = [(elev, azim) for elev in (0, 30, 60, 90) for azim in (-180, -135, -90, -45, 0, 45, 90)]


@pytest.mark.parametrize("size", [(640, 780), (900, 900)])
def test_3d_axis_labels_never_pile_up_when_the_view_turns(qtbot, size):
    register_matplotlib_fonts()
    widget = DotProjectionPanel(load_spec(resource("lessons", "dot_projection.toml")), "en")
    qtbot.addWidget(widget)
    widget.resize(*size)
    widget.show()
    widget.tabs.setCurrentIndex(1)
    qtbot.waitExposed(widget)
    ax, canvas = widget.ax_3d, widget.canvas_3d
    for elev, azim in VIEWS:
        widget.view.elevation.setValue(elev)
        widget.view.azimuth.setValue(azim)
        renderer = drawn(canvas)
        for axis in (ax.xaxis, ax.yaxis, ax.zaxis):
            labels = _drawn_tick_labels(axis, renderer)
            shown = labels + ([axis.label] if axis.label.get_visible() else [])
            assert not overlapping_pairs(shown, renderer), (elev, azim, axis.axis_name)
    widget.shutdown()
