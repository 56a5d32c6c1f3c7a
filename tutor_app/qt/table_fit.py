"""Columns sized to their contents with room to breathe, for tables and trees.

Qt's ``ResizeToContents`` leaves a column exactly as wide as its widest text plus the
style's 2-pixel header margin: the last column's text then touches the table's edge and
neighbouring headers run together ("名称形状"). ``pad_columns`` sizes them once the cells
are filled, with ``PADDING`` pixels more.
"""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QHeaderView

PADDING = 12   # pixels added to a column's content width: about one space either side


def content_width(view: QAbstractItemView, header: QHeaderView, column: int) -> int:
    """The width column ``column`` needs for its widest cell and its header text."""
    return max(view.sizeHintForColumn(column), header.sectionSizeHint(column))


def pad_columns(view: QAbstractItemView, header: QHeaderView, columns,
                padding: int = PADDING) -> None:
    """Size each of ``columns`` to its contents plus ``padding``; call after a refill."""
    for column in columns:
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(column, content_width(view, header, column) + padding)
