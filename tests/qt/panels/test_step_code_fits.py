"""The chain-rule and autograd lessons' "code of this step" box shows every line whole at
1280×800 (a comment broken over two lines was read as two statements), with its comments
in the learner's language."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from tutor_app.lessons import autograd, chain_rule
from tutor_app.lessons.graph_steps import code_in, note_names

LESSONS = {"chain_rule": chain_rule, "autograd": autograd}


def wrapped_lines(view) -> list[str]:
    """The lines of a QPlainTextEdit that its layout breaks over more than one row."""
    doc = view.document()
    broken = []
    block = doc.begin()
    while block.isValid():
        layout = block.layout()
        if layout is not None and layout.lineCount() > 1:
            broken.append(block.text())
        block = block.next()
    return broken


@pytest.mark.parametrize("lesson", list(LESSONS))
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_step_code_line_fits_the_box_at_1280x800(make_window, lang, lesson):
    logic = LESSONS[lesson]
    window = make_window(lesson=lesson, lang=lang)
    panel = window.host.panel
    QApplication.processEvents()
    assert panel.code.isVisible()
    for key in logic.STEP_KEYS:
        panel.select_step(key)
        QApplication.processEvents()
        shown = panel.code.toPlainText()
        assert shown == code_in(logic.step(key).code, lambda n: panel.t(f"note_{n}"))
        assert "«" not in shown
        assert wrapped_lines(panel.code) == [], f"{key} [{lang}]: lines wrap in the code box"


def test_comments_in_words_have_both_languages():
    """Every «name» in a step's code has a zh and an en note, and they differ (the zh code
    showed English comments)."""
    from tutor_app import paths
    from tutor_app.lessons.base import load_spec

    found = 0
    for lesson, logic in LESSONS.items():
        spec = load_spec(paths.resource("lessons", f"{lesson}.toml"))
        for step in logic.STEPS:
            for name in note_names(step.code):
                zh, en = (spec.string(f"note_{name}", lang) for lang in ("zh", "en"))
                assert zh and en and zh != en, f"{lesson} note {name}"
                assert any("\u4e00" <= ch <= "\u9fff" for ch in zh), f"{lesson} note {name}"
                found += 1
    assert found >= 3


def test_wrapped_step_titles_get_rows_tall_enough_for_chinese_lines(qapp, qtbot):
    """A title wrapped over two lines, one with Chinese in it, needs two CJK-tall lines;
    Qt gave it two Latin-tall lines and elided it ("5. 非标量输出：…")."""
    from PySide6.QtGui import QFont, QFontMetrics

    from tutor_app import paths
    from tutor_app.lessons.base import load_spec
    from tutor_app.qt.fonts import register_qt_fonts
    from tutor_app.qt.panels.autograd import AutogradPanel
    from tutor_app.viz.fonts import CJK_FAMILY

    register_qt_fonts(qapp)   # the app's families: Latin first, the CJK font after
    panel = AutogradPanel(load_spec(paths.resource("lessons", "autograd.toml")), "zh")
    qtbot.addWidget(panel)
    steps = panel.step_list
    steps.setFixedWidth(160)
    panel.show()
    QApplication.processEvents()
    steps.doItemsLayout()
    cjk = QFont(steps.font())
    cjk.setFamilies([CJK_FAMILY])
    cjk_line = QFontMetrics(cjk).lineSpacing()
    row = next(i for i in range(steps.count()) if "y.sum().backward()" in steps.item(i).text())
    text_width = QFontMetrics(steps.font()).horizontalAdvance(steps.item(row).text())
    assert text_width > steps.viewport().width(), "the title fits one line: narrow the list"
    assert steps.visualItemRect(steps.item(row)).height() >= 2 * cjk_line
    panel.shutdown()
