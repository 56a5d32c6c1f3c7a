"""A word-wrapped label whose height does not follow every change of its text.

A label under a figure that takes one line for one message and three for the next makes the
layout give the figure a different height each time: the plot jumps while the learner moves
a slider or drags a vector. ``SteadyLabel`` asks for the height of the tallest text it may
show (``set_candidates``) and never shrinks below the tallest text it has shown, at the
width it has; only a change of width (the learner resizing the window) lets it shrink.

It does so through its minimum height, set whenever its text or width changes, and does
not override ``heightForWidth``: a Python override of that virtual, called by Qt's layouts
at any moment, crashed the interpreter in the main-window tests.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QLabel, QWidget

MAX_REMEMBERED_WIDTHS = 64


class SteadyLabel(QLabel):
    """A word-wrapped ``QLabel`` with a steady height at a given width."""

    def __init__(self, parent: QWidget | None = None,
                 text_format: Qt.TextFormat = Qt.TextFormat.AutoText):
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextFormat(text_format)
        self._document = QTextDocument(self)   # measures texts; owned by the label
        self._document.setDocumentMargin(0)
        self._candidates: list[str] = []
        # (width, font) -> tallest height needed there / tallest candidate, measured
        self._tallest: dict[tuple[int, str], int] = {}
        self._candidate_height: dict[tuple[int, str], int] = {}

    def set_candidates(self, texts: Iterable[str]) -> None:
        """Texts the label may show (e.g. every message for every slider position): room
        is kept for the tallest from the start."""
        self._candidates = list(texts)
        self._tallest.clear()
        self._candidate_height.clear()
        self._reserve()

    def setText(self, text: str) -> None:  # noqa: N802 - Qt's name
        super().setText(text)
        self._reserve()

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self._reserve()

    def _reserve(self) -> None:
        width = self.width()
        if width <= 0 or not self.isVisible():
            return
        if len(self._tallest) > MAX_REMEMBERED_WIDTHS:
            self._tallest.clear()
            self._candidate_height.clear()
        key = (width, self.font().key())   # the font changes when the style polishes it
        reserved = self.minimumHeight()
        self.setMinimumHeight(0)           # QLabel's heightForWidth includes the minimum
        height = super().heightForWidth(width)
        self.setMinimumHeight(reserved)
        if self._candidates:
            if key not in self._candidate_height:
                self._candidate_height[key] = max(self._measure(t, width)
                                                  for t in self._candidates)
            # the tallest candidate's extra height over the shown text, both measured alike
            height += max(0, self._candidate_height[key] - self._measure(self.text(), width))
        height = max(height, self._tallest.get(key, 0))
        self._tallest[key] = height
        if height != self.minimumHeight():
            self.setMinimumHeight(height)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        self._reserve()

    def _measure(self, text: str, width: int) -> int:
        """Height of ``text`` laid out at ``width`` pixels in the label's font and format."""
        document = self._document
        document.setDefaultFont(self.font())
        # AutoText: tags make it rich text (the readouts' <br> and <b>), as QLabel decides
        rich = self.textFormat() == Qt.TextFormat.RichText or (
            self.textFormat() == Qt.TextFormat.AutoText and "<" in text and ">" in text)
        if rich:
            document.setHtml(text)
        else:
            document.setPlainText(text)
        margins = self.contentsMargins()
        document.setTextWidth(max(1, width - margins.left() - margins.right()
                                  - 2 * self.margin()))
        return int(round(document.size().height()))
