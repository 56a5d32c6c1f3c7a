"""Lesson 8 panel, driven as a learner would: keyboard on the controls, clicks on cells."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt

from tests.qt.panels.render import assert_renders
from tutor_app.lessons.base import load_spec
from tutor_app.paths import resource
from tutor_app.qt.panels.axis_sums import AxisSumsPanel

X = np.arange(24).reshape(2, 3, 4)


@pytest.fixture
def panel(qtbot):
    spec = load_spec(resource("lessons", "axis_sums.toml"))
    widget = AxisSumsPanel(spec, "zh")
    qtbot.addWidget(widget)
    widget.resize(900, 800)
    widget.show()
    return widget


def _click_data(qtbot, canvas, ax, xy):
    canvas.draw()
    px, py = ax.transData.transform(xy)
    ratio = canvas.device_pixel_ratio or 1
    pos = QPoint(int(px / ratio), int(canvas.height() - py / ratio))
    qtbot.mouseClick(canvas, Qt.MouseButton.LeftButton, pos=pos)


def test_every_choice_by_keyboard_matches_numpy(panel, qtbot):
    panel.axes_box.setFocus()
    panel.axes_box.setCurrentIndex(0)
    for index in range(panel.axes_box.count()):
        axes = panel.axes_box.currentData()
        for keep in (False, True):
            if panel.keepdims_box.isChecked() != keep:
                qtbot.keyClick(panel.keepdims_box, Qt.Key.Key_Space)
            expected = X.sum(axis=axes, keepdims=keep)
            assert panel.result.shape == expected.shape
            np.testing.assert_array_equal(panel.result.values.reshape(expected.shape), expected)
            text = panel.output_view.toPlainText()
            assert f"torch.Size({list(expected.shape)})" in text
        if index + 1 < panel.axes_box.count():
            qtbot.keyClick(panel.axes_box, Qt.Key.Key_Down)
    assert panel.axes_box.currentIndex() == panel.axes_box.count() - 1


def test_clicking_a_cell_highlights_what_collapses_with_it(panel, qtbot):
    panel.axes_box.setCurrentIndex(2)                     # axis 2: rows collapse
    block, _ = panel._blocks[0]
    x, y = block.rects[1, 2, 0].get_xy()
    _click_data(qtbot, panel.canvas, panel.ax_input, (x + 0.5, y + 0.5))
    assert panel.selected == 5                            # output cell [1, 2]
    assert "X[1, 2, 3]" in panel.hint.text()
    assert str(X[1, 2].sum()) in panel.hint.text()
    assert block.rects[1, 2, 3].get_linewidth() > 2
    _click_data(qtbot, panel.canvas, panel.ax_input, (x + 0.5, y + 0.5))
    assert panel.selected is None


def test_division_tab_cases(panel, qtbot):
    panel.tabs.setCurrentIndex(1)
    assert "must match the size of tensor b (5) at non-singleton dimension 1" in \
        panel.division_view.toPlainText()
    assert panel.div_artists.sign.get_text() == "≠"
    qtbot.keyClick(panel.div_keepdims_box, Qt.Key.Key_Space)
    assert panel.division.rows_sum_to_one
    assert panel.verdict.text().startswith("✓")
    assert panel.div_artists.sign.get_text() == "÷"
    assert panel.div_artists.divisor.shape == (5, 4)
    qtbot.keyClick(panel.div_keepdims_box, Qt.Key.Key_Space)
    panel.matrix_box.setFocus()
    qtbot.keyClick(panel.matrix_box, Qt.Key.Key_Down)     # square 4x4 A
    assert panel.division.ok and not panel.division.rows_sum_to_one
    assert panel.verdict.text().startswith("✗")


def test_language_switch_and_export(panel, tmp_path):
    assert_renders(panel)                                             # zh
    other = "en" if panel.lang == "zh" else "zh"
    panel.set_language(other)
    assert_renders(panel)                                             # en
    assert panel.tabs.tabText(0) == panel.spec.string("tab_axes", other)
    for suffix in ("png", "svg"):
        path = tmp_path / f"axes.{suffix}"
        assert panel.toolbar.save_as(path)
        assert path.stat().st_size > 1000
    panel.toolbar.copy_button.click()
