"""Lesson 10 panel: keyboard through the list, run an exercise, hide it, switch language."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from tests.qt.panels.render import assert_renders
from tutor_app.lessons.base import load_spec
from tutor_app.paths import resource
from tutor_app.qt.panels.exercises_2_3 import Exercises23Panel


@pytest.fixture
def panel(qtbot):
    widget = Exercises23Panel(load_spec(resource("lessons", "exercises_2_3.toml")),
                              "zh")
    qtbot.addWidget(widget)
    widget.show()
    return widget


def test_predict_then_run_then_hide(panel, qtbot):
    assert panel.output_view.toPlainText() == panel.t("predict")
    assert panel.answer.text() == ""
    panel.list.setFocus()
    for _ in range(6):
        qtbot.keyClick(panel.list, Qt.Key.Key_Down)
    assert panel.exercise.id == "ex2_3_7"
    assert "ex2_3_7" in panel.id_label.text()
    qtbot.mouseClick(panel.run_button, Qt.MouseButton.LeftButton)
    text = panel.output_view.toPlainText()
    assert "(torch.Size([3, 4]), torch.Size([2, 4]), torch.Size([2, 3]))" in text
    assert panel.notes.text() and not panel.run_button.isEnabled()
    qtbot.keyClick(panel.list, Qt.Key.Key_Up)                  # other pages stay hidden
    assert panel.output_view.toPlainText() == panel.t("predict")
    qtbot.keyClick(panel.list, Qt.Key.Key_Down)                # this one stays revealed
    assert "torch.Size([2, 3])" in panel.output_view.toPlainText()
    panel.hide_button.click()
    assert panel.output_view.toPlainText() == panel.t("predict")


def test_language_switch_keeps_the_page(panel):
    panel.list.setCurrentRow(5)
    panel.run_button.click()
    assert_renders(panel)                                             # zh
    other = "en" if panel.lang == "zh" else "zh"
    panel.set_language(other)
    assert_renders(panel)                                             # en
    assert panel.list.item(0).text() == panel.spec.string("item", other).format(n=1)
    assert "must match the size of tensor b (5)" in panel.output_view.toPlainText()
    assert panel.spec.string("answer_6", other)[:10] in panel.answer.text()
