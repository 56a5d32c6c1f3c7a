"""No line of a lesson's text starts with the closing punctuation of a formula: Qt broke
between a formula image and the "。" or ":" after it (lesson 9's "… 是 −∇f" then
"。梯度下降 …")."""

from __future__ import annotations

import pytest

from tutor_app.lessons.base import load_available
from tutor_app.qt.fonts import register_qt_fonts
from tutor_app.qt.text_view import LessonTextView

SPECS, _ERRORS = load_available()
CLOSING = tuple("。，、；：？！）」』】》.,;:!?)]")


def _breaks_after_formulas(view: LessonTextView, width: int):
    """The start of each line whose previous line ends with a formula (an image)."""
    document = view.document()
    document.setTextWidth(width)
    block = document.begin()
    while block.isValid():
        layout, text = block.layout(), block.text()
        for i in range(1, layout.lineCount()):
            line = layout.lineAt(i)
            before = text[:line.textStart()].rstrip(" \ufeff")
            if before.endswith("\ufffc"):
                yield text[line.textStart():line.textStart() + line.textLength()]
        block = block.next()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_line_starts_with_the_punctuation_after_a_formula(qapp, lang):
    register_qt_fonts(qapp)
    view = LessonTextView()
    view.set_style(False, 1.0)
    found = []
    for spec in SPECS:
        view.show_lesson(spec, lang, "")
        for width in range(300, 560, 5):   # the text column at 1280×800 is ~330 px wide
            found += [(spec.id, width, start[:16]) for start in _breaks_after_formulas(view, width)
                      if start.startswith(CLOSING)]
    assert found == [], found[:5]
