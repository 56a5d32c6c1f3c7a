"""A word-wrapped label whose height does not follow every change of its text.

A label under a figure that takes one line for one message and three for the next makes the
layout give the figure a different height each time: the plot jumps while the learner moves
a slider or drags a vector. ``SteadyLabel`` asks for the height of the tallest text it may
show (``set_candidates``) and never shrinks below the tallest text it has shown, at the
width it has; only a change of width (the learner resizing the window) lets it shrink.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QEvent, Qt
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
        # Texts are measured in a document, not in a hidden QLabel: a parentless label is a
        # top-level widget that Qt restyles with every other one and Python may free at any
        # time (the suite crashed in a theme switch while one existed).
        self._document = QTextDocument()
        self._document.setDocumentMargin(0)
        self._candidates: list[str] = []
        self._tallest: dict[int, int] = {}   # width -> tallest height asked for there
        self._candidate_height: dict[int, int] = {}   # width -> tallest candidate, measured

    def set_candidates(self, texts: Iterable[str]) -> None:
        """Texts the label may show (e.g. every message for every slider position): room
        is kept for the tallest from the start."""
        self._candidates = list(texts)
        self._tallest.clear()
        self._candidate_height.clear()
        self.updateGeometry()

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._tallest.clear()          # measured in the old font: measure again
            self._candidate_height.clear()
        super().changeEvent(event)

    def setText(self, text: str) -> None:  # noqa: N802 - Qt's name
        super().setText(text)
        self.updateGeometry()

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt's name
        if len(self._tallest) > MAX_REMEMBERED_WIDTHS:
            self._tallest.clear()
            self._candidate_height.clear()
        height = super().heightForWidth(width)
        if self._candidates:
            if width not in self._candidate_height:
                self._candidate_height[width] = max(self._measure(t, width)
                                                    for t in self._candidates)
            # the tallest candidate's extra height over the shown text, both measured alike
            height += max(0, self._candidate_height[width] - self._measure(self.text(), width))
        height = max(height, self._tallest.get(width, 0))
        self._tallest[width] = height
        return height

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
