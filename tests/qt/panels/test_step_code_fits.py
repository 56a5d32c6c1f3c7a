"""The chain-rule lesson's "code of this step" box shows every line whole at 1280×800: a
comment broken over two lines was read as two statements."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from tutor_app.lessons import chain_rule


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


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_step_code_line_fits_the_box_at_1280x800(make_window, lang):
    window = make_window(lesson="chain_rule", lang=lang)
    panel = window.host.panel
    QApplication.processEvents()
    assert panel.code.isVisible()
    for key in chain_rule.STEP_KEYS:
        panel.select_step(key)
        QApplication.processEvents()
        assert panel.code.toPlainText() == chain_rule.step(key).code
        assert wrapped_lines(panel.code) == [], f"{key} [{lang}]: lines wrap in the code box"
