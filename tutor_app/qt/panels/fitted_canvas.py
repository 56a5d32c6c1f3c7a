"""A canvas for cell drawings whose height follows what is drawn.

Cell pictures (``viz.broadcasting``, ``viz.matrices``) use square cells (equal aspect). In a
canvas that simply stretches, a one-row tensor ends up as a thin strip in the middle of a
tall, empty figure, and a scalar as one huge square. ``FittedCanvas`` instead aims at cells
of ``cell_px`` pixels (smaller when the drawing is too wide for the canvas) and caps its
own height at what the drawing then needs; the layout gives the rest of the page to the
widgets below (put a stretch after them).
"""

from __future__ import annotations

import math

from matplotlib.axes import Axes
from PySide6.QtCore import QSize

from tutor_app.qt.panels.panel_canvas import PanelCanvas

CELL_PX = 46        # a readable cell: a 10 pt number with room around it
PAD_PX = 16         # the constrained layout's padding around the Axes
SMALLEST_PX = 90    # never shorter than this, even for a single cell


def fitted_height(x_span: float, y_span: float, width: int, cell_px: float = CELL_PX) -> int:
    """Pixel height that shows a drawing ``x_span`` × ``y_span`` cells wide/high in ``width``.

    Cells are ``cell_px`` wide unless the drawing would not fit across ``width``; then they
    shrink so it does (equal aspect), and the height shrinks with them.
    """
    if x_span <= 0 or y_span <= 0 or width <= 0:
        return SMALLEST_PX
    cell = min(cell_px, max(width - PAD_PX, 1) / x_span)
    return max(SMALLEST_PX, int(math.ceil(y_span * cell + PAD_PX)))


class FittedCanvas(PanelCanvas):
    """A ``PanelCanvas`` whose maximum height is the height its cell drawing needs.

    Call ``fit_to(ax)`` after drawing (the Axes limits give the drawing's size in cells).
    """

    def __init__(self, parent=None, *, figsize=(7.0, 3.0), cell_px: float = CELL_PX):
        super().__init__(parent, figsize=figsize)
        self.cell_px = cell_px
        self._span: tuple[float, float] | None = None
        self.setMinimumSize(QSize(320, SMALLEST_PX))

    def fit_to(self, ax: Axes) -> None:
        x0, x1 = ax.get_xlim()
        y0, y1 = ax.get_ylim()
        self._span = (abs(x1 - x0), abs(y1 - y0))
        self._apply(self.width())

    def preferred_height(self, width: int | None = None) -> int:
        if self._span is None:
            return self.maximumHeight()
        return fitted_height(*self._span, self.width() if width is None else width,
                             self.cell_px)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        hint = super().sizeHint()
        if self._span is None:
            return hint
        return QSize(hint.width(), self.preferred_height())  # at the width it has

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self._apply(event.size().width())

    def _apply(self, width: int) -> None:
        if self._span is None:
            return
        height = fitted_height(*self._span, width, self.cell_px)
        if height != self.maximumHeight():
            self.setMaximumHeight(height)
            self.updateGeometry()
