"""A lesson canvas whose size hint does not follow its current size.

Matplotlib's Qt canvas reports its figure's current pixel size as its ``sizeHint``. A panel
with a word-wrapped label has a height-for-width layout, and the host's scroll area then
asks the layout for the height it *prefers* (the sum of the size hints), not its minimum:

- a figure made with a tall ``figsize`` makes that preferred height exceed the panel
  area at 1280×800, and the scroll area adds a vertical scroll bar;
- once laid out, each canvas's hint becomes its new size, the preferred height changes
  with it, and the scroll area resizes the panel again (a few pixels), which redraws
  every canvas when a panel built ahead is shown.

``PanelCanvas`` answers a fixed, modest hint instead; the layout's stretch still gives
the canvas all the room there is.
"""

from __future__ import annotations

from PySide6.QtCore import QSize

from tutor_app.qt.mpl_canvas import MplCanvas

HINT = QSize(480, 300)   # preferred size; the minimum stays MplCanvas's 320×240


class PanelCanvas(MplCanvas):
    """An ``MplCanvas`` with a steady ``sizeHint`` (``hint`` pixels, default 480×300)."""

    def __init__(self, parent=None, *, hint: QSize | None = None, **kwargs):
        super().__init__(parent, **kwargs)
        self._hint = QSize(hint) if hint is not None else QSize(HINT)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(self._hint)
