"""The console at 1280×800, open after a few commands: its variable table shows every
column whole (the dtype column was cut, the grad column off to the right)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from tutor_app.qt.screenshot import CONSOLE_DEMO, show_console_variables
from tutor_app.qt.table_fit import PADDING, content_width


@pytest.mark.usefixtures("fresh_sessions")
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_variable_table_fits_beside_the_console_at_1280x800(make_window, lang):
    window = make_window(lesson="norms", lang=lang)
    assert show_console_variables(window)
    tree = window.host.console.variables.tree
    QApplication.processEvents()
    assert tree.isVisible()
    assert tree.topLevelItemCount() == 4          # x, y, A, n from CONSOLE_DEMO
    assert "print(A @ x[:3])" in CONSOLE_DEMO
    header = tree.header()
    assert header.length() <= tree.viewport().width(), "the columns need a scroll bar"
    assert tree.horizontalScrollBar().maximum() == 0
    for column in range(tree.columnCount()):
        need = content_width(tree, header, column)
        assert header.sectionSize(column) >= need + PADDING // 2, (
            f"column {tree.headerItem().text(column)!r} is cut: "
            f"{header.sectionSize(column)} px for {need} px of text")
