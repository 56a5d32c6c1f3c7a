"""Mouse helpers for canvas tests: data → widget pixels, and a press-move-release drag."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt


def to_widget(canvas, ax, xy) -> QPoint:
    """Data coordinates → widget pixels (logical pixels, y measured from the top)."""
    x, y = ax.transData.transform(xy)
    ratio = canvas.devicePixelRatioF()
    height = canvas.figure.bbox.height
    return QPoint(int(round(x / ratio)), int(round((height - y) / ratio)))


def drag(qtbot, canvas, ax, start, end, steps=4):
    qtbot.mousePress(canvas, Qt.MouseButton.LeftButton, pos=to_widget(canvas, ax, start))
    for k in range(1, steps + 1):
        t = k / steps
        point = (start[0] + t * (end[0] - start[0]), start[1] + t * (end[1] - start[1]))
        qtbot.mouseMove(canvas, to_widget(canvas, ax, point))
    qtbot.mouseRelease(canvas, Qt.MouseButton.LeftButton, pos=to_widget(canvas, ax, end))
