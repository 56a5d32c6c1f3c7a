"""Every text a learner can see on a screen: widgets, menus, tooltips and figure artists.

Used by the pseudo-language and Chinese screen walks (test_pseudo_language.py). Each text
comes with where it was found, so a failure names the widget to fix. Code and data widgets
(the code editors, printed output) are left out; the console transcript keeps only the
lines that are not the learner's echoed code.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from matplotlib.text import Text
from PySide6.QtCore import QAbstractProxyModel, Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QFileSystemModel,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QMenuBar,
    QPlainTextEdit,
    QTabBar,
    QTableView,
    QTextBrowser,
    QTextEdit,
    QToolButton,
    QTreeView,
    QWidget,
)

_TAG = re.compile(r"<[A-Za-z/!][^>]*>|&[a-z]+;")
_MATH = re.compile(r"\$[^$]*\$")  # mathtext formulas in figure texts are maths, not words


def plain(text: str) -> str:
    """Rich text as the learner reads it (tags and entities resolved)."""
    if _TAG.search(text):
        doc = QTextDocument()
        doc.setHtml(text)
        return doc.toPlainText()
    return text


def _name(widget: QWidget) -> str:
    return f"{type(widget).__name__}({widget.objectName() or '-'})"


def _menu_texts(menu: QMenu, where: str) -> Iterator[tuple[str, str]]:
    for action in menu.actions():
        if action.isSeparator() or not action.isVisible():
            continue
        yield f"{where} ▸ action", action.text().replace("&", "")
        if action.toolTip() and action.toolTip() != action.text().replace("&", ""):
            yield f"{where} ▸ action tooltip", action.toolTip()
        if action.menu() is not None:
            yield from _menu_texts(action.menu(), f"{where} ▸ {action.text()}")


def _lists_files(model) -> bool:
    source = model.sourceModel() if isinstance(model, QAbstractProxyModel) else model
    return isinstance(source, QFileSystemModel)


def _item_view_texts(view: QAbstractItemView, where: str) -> Iterator[tuple[str, str]]:
    model = view.model()
    if model is None:
        return
    headers = []
    if isinstance(view, QTableView):
        headers = [(view.horizontalHeader(), Qt.Orientation.Horizontal, model.columnCount()),
                   (view.verticalHeader(), Qt.Orientation.Vertical, model.rowCount())]
    elif isinstance(view, QTreeView):
        headers = [(view.header(), Qt.Orientation.Horizontal, model.columnCount())]
    for header, orientation, count in headers:
        if header.isHidden():
            continue
        for i in range(count):
            value = model.headerData(i, orientation, Qt.ItemDataRole.DisplayRole)
            if value:
                yield f"{where} header", str(value)

    if _lists_files(model):  # a file dialog's folder: file names are the learner's data
        return

    def rows(parent) -> Iterator[tuple[str, str]]:
        for r in range(model.rowCount(parent)):
            index = model.index(r, 0, parent)
            for role, kind in ((Qt.ItemDataRole.DisplayRole, "item"),
                               (Qt.ItemDataRole.ToolTipRole, "item tooltip")):
                value = model.data(index, role)
                if value:
                    yield f"{where} {kind}", str(value)
            yield from rows(index)

    yield from rows(view.rootIndex())


def widget_texts(widget: QWidget, where: str) -> Iterator[tuple[str, str]]:
    """The texts ``widget`` itself shows (not its children's)."""
    if widget.isWindow() and widget.windowTitle():
        yield f"{where} window title", widget.windowTitle()
    if widget.toolTip():
        yield f"{where} tooltip", plain(widget.toolTip())
    if isinstance(widget, QLabel):
        yield where, plain(widget.text())
    elif isinstance(widget, QAbstractButton):
        yield where, widget.text().replace("&", "")
        if isinstance(widget, QToolButton) and widget.menu() is not None:
            yield from _menu_texts(widget.menu(), where)
    elif isinstance(widget, QTabBar):
        for i in range(widget.count()):
            yield f"{where} tab", widget.tabText(i).replace("&", "")
            if widget.tabToolTip(i):
                yield f"{where} tab tooltip", widget.tabToolTip(i)
    elif isinstance(widget, QGroupBox):
        yield where, widget.title()
    elif isinstance(widget, QComboBox):
        for i in range(widget.count()):
            yield f"{where} choice", widget.itemText(i)
    elif isinstance(widget, QLineEdit):
        yield f"{where} placeholder", widget.placeholderText()
    elif isinstance(widget, QTextBrowser):
        yield where, widget.toPlainText()
    elif isinstance(widget, (QPlainTextEdit, QTextEdit)):
        yield f"{where} placeholder", widget.placeholderText()  # the text itself is code/data
    elif isinstance(widget, QMenuBar):
        for action in widget.actions():
            yield f"{where} menu", action.text().replace("&", "")
            if action.menu() is not None:
                yield from _menu_texts(action.menu(), f"{where} {action.text()}")
    elif isinstance(widget, QAbstractItemView) and not isinstance(widget, QHeaderView):
        yield from _item_view_texts(widget, where)  # a header is read with its view


def figure_texts(canvas: FigureCanvasQTAgg, where: str) -> Iterator[tuple[str, str]]:
    """Visible Matplotlib text artists (titles, labels, legends, ticks, annotations)."""
    canvas.draw()  # some panels set their texts in a draw callback
    for artist in canvas.figure.findobj(Text):
        if artist.get_visible() and artist.get_text().strip():
            yield f"{where} figure text", _MATH.sub(" ", artist.get_text())


def screen_texts(root: QWidget, where: str = "") -> list[tuple[str, str]]:
    """Every text visible in ``root`` and its visible descendants."""
    found: list[tuple[str, str]] = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisible():
            continue
        name = f"{where}{_name(widget)}"
        found.extend((w, t) for w, t in widget_texts(widget, name) if t.strip())
        if isinstance(widget, FigureCanvasQTAgg):
            found.extend(figure_texts(widget, name))
    return found
