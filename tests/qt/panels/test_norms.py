"""Lesson 7 panel as a learner uses it: drag the tip, the p slider by keyboard, edit a matrix."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from tests.qt.panels.render import assert_renders
from tutor_app.lessons.base import load_spec
from tutor_app.paths import resource
from tutor_app.qt.panels.norms import NormsPanel


@pytest.fixture
def panel(qtbot):
    widget = NormsPanel(load_spec(resource("lessons", "norms.toml")), "zh")
    qtbot.addWidget(widget)
    widget.resize(800, 900)
    widget.show()
    widget.canvas.draw()
    yield widget
    widget.shutdown()


def _pixel(canvas, ax, xy) -> QPoint:
    px, py = ax.transData.transform(xy)
    ratio = canvas.device_pixel_ratio or 1
    return QPoint(int(round(px / ratio)), int(round(canvas.height() - py / ratio)))


def test_drag_the_tip_and_read_the_norms(panel, qtbot):
    canvas, ax = panel.canvas, panel.ax
    start = _pixel(canvas, ax, panel.v)
    qtbot.mousePress(canvas, Qt.MouseButton.LeftButton, pos=start)
    assert panel.drag.dragging == "v"
    for target in [(0.5, 2.0), (-1.5, 0.75), (2.0, -1.0)]:
        qtbot.mouseMove(canvas, pos=_pixel(canvas, ax, target))
        assert panel.drag.frame_seconds > 0
    qtbot.mouseRelease(canvas, Qt.MouseButton.LeftButton, pos=_pixel(canvas, ax, (2.0, -1.0)))
    assert panel.v == pytest.approx((2.0, -1.0), abs=0.06)
    assert panel.plot.readout.get_visible()                     # back after the blitted drag
    v = np.array(panel.v)
    n = panel.norms
    assert n.l1 == pytest.approx(np.linalg.norm(v, 1), rel=1e-6)
    assert n.l2 == pytest.approx(np.linalg.norm(v), rel=1e-6)
    assert n.linf == pytest.approx(np.abs(v).max(), rel=1e-6)
    assert f"{np.linalg.norm(v):.4g}" in panel.readout.text()
    assert panel.v_editor.value() == pytest.approx(panel.v)      # model → spin boxes


def test_spin_boxes_move_the_vector(panel, qtbot):
    spin = panel.v_editor.spins[0]
    spin.setFocus()
    spin.setValue(-2.0)                                         # emits like a user edit
    assert panel.v[0] == pytest.approx(-2.0)
    assert panel.drag.points["v"][0] == pytest.approx(-2.0)     # UI → drag handle
    spin.setValue(0.0)
    panel.v_editor.spins[1].setValue(0.0)                       # the zero vector
    assert (panel.norms.l1, panel.norms.l2, panel.norms.linf, panel.norms.lp) == (0, 0, 0, 0)
    panel.canvas.draw()


def test_p_slider_by_keyboard(panel, qtbot):
    panel.p_slider.setFocus()
    qtbot.keyClick(panel.p_slider, Qt.Key.Key_Home)
    assert panel.p == 0.25
    assert panel.plot.note.get_text() != ""                     # "not a norm" on the figure
    assert "4" in panel.p_note.text() or "16" in panel.p_note.text()
    qtbot.keyClick(panel.p_slider, Qt.Key.Key_End)
    assert panel.p == float("inf") and panel.plot.note.get_text() == ""
    assert panel.norms.lp == pytest.approx(np.abs(np.array(panel.v)).max(), rel=1e-6)
    qtbot.keyClick(panel.p_slider, Qt.Key.Key_Left)
    assert panel.p == 10.0


def test_frobenius_edit_and_bad_input(panel):
    item = panel.matrix_table.item(0, 0)
    item.setText("4")
    m = np.array(panel.matrix)
    assert m[0, 0] == 4
    assert panel.frobenius.norm == pytest.approx(np.linalg.norm(m), rel=1e-6)
    before = panel.frobenius
    item.setText("four")
    assert item.text() == "4" and panel.frobenius == before
    assert "four" in panel.frob_error.text()


def test_language_switch_and_export(panel, tmp_path):
    assert_renders(panel)                                             # zh
    other = "en" if panel.lang == "zh" else "zh"
    panel.set_language(other)
    assert_renders(panel)                                             # en
    assert panel.frob_box.title() == panel.spec.string("frobenius_title", other)
    assert panel.toolbar.save_as(tmp_path / "norms.svg")
    assert (tmp_path / "norms.svg").stat().st_size > 1000


def test_readouts_write_norms_with_subscripts_never_underscores(panel):
    """p = 3: "‖v‖₃ = 1.721" on screen and in the figure, not ``||v||_3``."""
    from PySide6.QtGui import QTextDocument

    panel.p_slider.setValue(panel.p_slider.minimum())   # p < 1: the note has a "<" too
    panel.p_slider.setValue(11)                          # P_VALUES[11] == 3
    assert panel.p == 3.0
    figure = panel.plot.readout.get_text()
    assert r"$\Vert v \Vert_{3}$ = 1.721" in figure and "_3 " not in figure
    doc = QTextDocument()
    doc.setHtml(panel.readout.text())
    shown = doc.toPlainText()
    assert "‖v‖3 = 1.721" in shown and "<sub>" not in shown    # the 3 is a subscript
    assert "‖v‖_" not in panel.readout.text()
    panel.p_slider.setValue(0)
    doc.setHtml(panel.p_note.text())
    assert "0.25 < 1" in doc.toPlainText() and "16 > " in doc.toPlainText()
    doc.setHtml(panel.frob_result.text())
    assert "‖X‖F = √15.25 = 3.9051" in doc.toPlainText()


def _placement(panel, qtbot):
    """Where the plot is on screen: the canvas's rectangle and the Axes' pixel box."""
    QApplication.processEvents()
    panel.canvas.draw()
    return panel.canvas.geometry().getRect(), tuple(np.round(panel.ax.bbox.bounds, 1))


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("size", [(640, 800), (900, 900)])
def test_axes_stay_put_while_p_and_the_vector_change(qtbot, lang, size):
    widget = NormsPanel(load_spec(resource("lessons", "norms.toml")), lang)
    qtbot.addWidget(widget)
    widget.resize(*size)
    widget.show()
    qtbot.waitExposed(widget)
    first = _placement(widget, qtbot)
    widget.p_slider.setFocus()
    qtbot.keyClick(widget.p_slider, Qt.Key.Key_Home)
    seen = set()
    for _ in range(widget.p_slider.maximum() + 1):
        assert _placement(widget, qtbot) == first, f"moved at p = {widget.p}"
        seen.add(widget.p_note.text())
        qtbot.keyClick(widget.p_slider, Qt.Key.Key_Right)
    assert len(seen) > 2                       # the note really changed under the plot
    for v in [(-2.9, 2.9), (0.05, -0.05), (2.87, -2.91)]:
        widget.v_editor.set_value(v)
        widget._on_editor_change()
        assert _placement(widget, qtbot) == first, f"moved at v = {v}"
    widget.shutdown()
