"""A Matplotlib canvas that owns its ``Figure`` (never pyplot) and can export it."""

from __future__ import annotations

import io

from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from matplotlib.figure import Figure
from PySide6.QtCore import QSize
from PySide6.QtGui import QGuiApplication, QImage


class MplCanvas(FigureCanvasQTAgg):
    """One figure, one canvas. Lessons draw on ``canvas.figure`` with ``viz`` functions."""

    def __init__(self, parent=None, *, figsize=(6.0, 4.5), dpi=100, layout="constrained"):
        super().__init__(Figure(figsize=figsize, dpi=dpi, layout=layout))
        self.setParent(parent)
        self.setMinimumSize(QSize(320, 240))

    def export(self, path: str) -> None:
        """Save the figure; the format follows the suffix (.png, .svg, .pdf)."""
        self.figure.savefig(path, dpi=150)

    def to_png_bytes(self, dpi: int = 150) -> bytes:
        buf = io.BytesIO()
        self.figure.savefig(buf, format="png", dpi=dpi)
        return buf.getvalue()

    def copy_to_clipboard(self) -> None:
        """Put the figure on the clipboard as an image, for pasting into notes."""
        image = QImage.fromData(self.to_png_bytes())
        QGuiApplication.clipboard().setImage(image)
