"""The three-derivatives lesson's method table: every column whole, with a margin, and
nothing past the table's right edge (at 1920 the digits column touched it)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from tutor_app.qt.table_fit import PADDING, content_width


@pytest.mark.parametrize(("lang", "size"), [("zh", (1920, 1080)), ("en", (1280, 800)),
                                            ("zh", (1280, 800))])
def test_the_method_table_fits_its_width(make_window, lang, size):
    window = make_window(lesson="three_derivatives", lang=lang)
    window.resize(*size)
    QApplication.processEvents()
    table = window.host.panel.table
    header = table.horizontalHeader()
    assert table.isVisible()
    assert header.length() <= table.viewport().width()
    assert table.horizontalScrollBar().maximum() == 0
    for column in range(table.columnCount()):
        need = content_width(table, header, column)
        assert header.sectionSize(column) >= need + PADDING // 2, (
            f"column {column} [{lang} {size}]: {header.sectionSize(column)} px for {need}")
    right = header.sectionViewportPosition(3) + header.sectionSize(3)
    assert right <= table.viewport().width()
