"""A word-wrapped label whose height does not follow every change of its text.

A label under a figure that takes one line for one message and three for the next makes the
layout give the figure a different height each time: the plot jumps while the learner moves
a slider or drags a vector. ``SteadyLabel`` asks for the height of the tallest text it may
show (``set_candidates``) and never shrinks below the tallest text it has shown, at the
width it has; only a change of width (the learner resizing the window) lets it shrink.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

MAX_REMEMBERED_WIDTHS = 64


class SteadyLabel(QLabel):
    """A word-wrapped ``QLabel`` with a steady height at a given width."""

    def __init__(self, parent: QWidget | None = None,
                 text_format: Qt.TextFormat = Qt.TextFormat.AutoText):
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextFormat(text_format)
        self._probe = QLabel()           # measures candidate texts without showing them
        self._probe.setWordWrap(True)
        self._candidates: list[str] = []
        self._tallest: dict[int, int] = {}   # width -> tallest height asked for there

    def set_candidates(self, texts: Iterable[str]) -> None:
        """Texts the label may show (e.g. every message for every slider position): room
        is kept for the tallest from the start."""
        self._candidates = list(texts)
        self._tallest.clear()
        self.updateGeometry()

    def setText(self, text: str) -> None:  # noqa: N802 - Qt's name
        super().setText(text)
        self.updateGeometry()

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt's name
        if len(self._tallest) > MAX_REMEMBERED_WIDTHS:
            self._tallest.clear()
        if width not in self._tallest:
            self._tallest[width] = self._tallest_candidate(width)
        height = max(super().heightForWidth(width), self._tallest[width])
        self._tallest[width] = height
        return height

    def _tallest_candidate(self, width: int) -> int:
        probe = self._probe
        probe.setFont(self.font())
        probe.setTextFormat(self.textFormat())
        probe.setContentsMargins(self.contentsMargins())
        probe.setIndent(self.indent())
        probe.setMargin(self.margin())
        height = 0
        for text in self._candidates:
            probe.setText(text)
            height = max(height, probe.heightForWidth(width))
        return height
