"""A Matplotlib canvas that owns its ``Figure`` (never pyplot) and can export it."""

from __future__ import annotations

import io
import logging

from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from matplotlib.figure import Figure
from PySide6.QtCore import QSize
from PySide6.QtGui import QGuiApplication, QImage

from tutor_app.viz.style import restyle_figure

log = logging.getLogger(__name__)


class MplCanvas(FigureCanvasQTAgg):
    """One figure, one canvas. Lessons draw on ``canvas.figure`` with ``viz`` functions.

    ``set_theme("dark")`` makes every later draw recolour the figure's theme colours first
    (``viz.style.restyle_figure``), so artists a panel re-creates on each redraw with
    Matplotlib's light defaults come out dark too. A canvas starts in ``default_theme``
    (the app's theme, set by the lesson host), so figures made later (an exercise's plot)
    follow it as well.
    """

    default_theme = "light"
    _draw_when_shown = False  # a draw asked for while hidden (class default: set early)

    def __init__(self, parent=None, *, figsize=(6.0, 4.5), dpi=100, layout="constrained"):
        super().__init__(Figure(figsize=figsize, dpi=dpi, layout=layout))
        self.setParent(parent)
        self.setMinimumSize(QSize(320, 240))
        self.theme = "light"
        self._restyle_pending = False
        self._follow_up = False
        if MplCanvas.default_theme != "light":
            self.set_theme(MplCanvas.default_theme)

    @classmethod
    def use_default_theme(cls, theme: str) -> None:
        """The theme canvases made from now on start in (the lesson host sets the app's)."""
        cls.default_theme = "dark" if theme == "dark" else "light"

    def set_theme(self, theme: str) -> None:
        """Follow ``"light"`` or ``"dark"`` from the next draw on (and ask for one)."""
        theme = "dark" if theme == "dark" else "light"
        if theme != self.theme:
            self.theme = theme
            self._restyle_pending = True
            self.draw_idle()

    def draw_idle(self) -> None:
        """Draw in the next event-loop turn, or, while the canvas is not on screen (a tab
        not chosen, a lesson kept hidden, a panel not attached yet), when it is shown: a
        hidden figure drawn now costs the learner time for nothing (lesson 13's cost plots,
        in a second tab: ~0.3 s of a first visit)."""
        if self.isVisible():
            super().draw_idle()
        else:
            self._draw_when_shown = True

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if self._draw_when_shown:
            self._draw_when_shown = False
            super().draw_idle()  # drawn by the first paint (paintEvent draws what is pending)

    def restyle(self) -> int:
        """Recolour the figure for the canvas's theme now (without drawing); returns how
        many colours changed."""
        if self.theme == "dark" or self._restyle_pending:
            self._restyle_pending = False
            try:
                return restyle_figure(self.figure, self.theme)
            except Exception:  # noqa: BLE001 - colours are cosmetic; the figure must draw
                log.exception("could not restyle a figure for the %s theme", self.theme)
        return 0

    def draw(self) -> None:
        self.restyle()
        super().draw()
        # Artists made *during* the draw (labels placed by a draw callback) missed the
        # restyle: if there are any, one more draw shows them in the theme's colours.
        if self.theme == "dark" and not self._follow_up and self.restyle():
            self._follow_up = True
            self.draw_idle()
        else:
            self._follow_up = False

    def export(self, path: str) -> None:
        """Save the figure; the format follows the suffix (.png, .svg, .pdf)."""
        self.restyle()
        self.figure.savefig(path, dpi=150)

    def to_png_bytes(self, dpi: int = 150) -> bytes:
        self.restyle()
        buf = io.BytesIO()
        self.figure.savefig(buf, format="png", dpi=dpi)
        return buf.getvalue()

    def copy_to_clipboard(self) -> None:
        """Put the figure on the clipboard as an image, for pasting into notes."""
        image = QImage.fromData(self.to_png_bytes())
        QGuiApplication.clipboard().setImage(image)
