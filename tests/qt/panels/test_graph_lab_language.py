"""The graph lab's default program follows the language until the learner edits it, and
reads whole in the code box at 1280×800 (no sideways scrolling)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from tutor_app import paths
from tutor_app.lessons.base import load_spec
from tutor_app.qt.panels.graph_lab import GraphLabPanel


def test_the_untouched_default_program_changes_language_an_edited_one_stays(qtbot):
    spec = load_spec(paths.resource("lessons", "graph_lab.toml"))
    panel = GraphLabPanel(spec, "zh")
    qtbot.addWidget(panel)
    assert panel.code.toPlainText() == spec.try_it_in("zh")
    panel.set_language("en")
    assert panel.code.toPlainText() == spec.try_it_in("en")
    assert "第二次" not in panel.code.toPlainText()
    panel.code.setPlainText("x = torch.ones(2)  # 我的代码")
    panel.set_language("zh")
    assert panel.code.toPlainText() == "x = torch.ones(2)  # 我的代码"
    panel.shutdown()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_default_program_needs_no_sideways_scrolling_at_1280x800(make_window, lang):
    window = make_window(lesson="graph_lab", lang=lang)
    QApplication.processEvents()
    code = window.host.panel.code
    assert code.isVisible()
    assert code.toPlainText() == window.host.panel.spec.try_it_in(lang)
    assert code.horizontalScrollBar().maximum() == 0, "the code box scrolls sideways"
