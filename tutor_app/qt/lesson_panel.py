"""Base class of every lesson's interactive panel (the seam between the host and lessons).

The host creates a panel from the ``panel`` field of the lesson file, passing the
``LessonSpec`` and the current language. A panel:

- builds its controls and ``MplCanvas`` objects in ``__init__`` and draws once;
- keeps arithmetic out of the widget: it calls ``tutor_app.lessons`` logic and
  ``tutor_app.viz`` drawing functions;
- updates every visible string in ``retranslate()`` (called on a language switch);
- lists its canvases in ``canvases()`` so the host can export them and
  ``--screenshot`` can render them;
- stops any timer in ``shutdown()`` (called before the host discards it);
- follows the theme in ``retheme()``: the default recolours every canvas's chrome for
  ``self.theme`` (see ``tutor_app.viz.style.restyle_figure``); override it to redraw
  with ``palette(self.theme)`` instead;
- may pause animations in ``suspend()`` and restart them in ``resume()``: the host keeps
  the panels of the last few lessons alive but hidden, so returning to a lesson is instant
  and keeps its state (it calls ``suspend()`` when the learner leaves, ``resume()`` on return,
  and ``set_language()`` on return if the language changed meanwhile).
"""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QWidget

from tutor_app.lessons.base import LessonSpec
from tutor_app.viz.style import restyle_figure


def refit_combo_boxes(root: QWidget) -> None:
    """Size every combo box under ``root`` to its items' text from now on.

    Qt sizes a combo box to its items once, when first shown: after a switch from zh to
    en it kept the Chinese width and cut "Quadratic form xᵀAx (bowl)". Called after a
    language switch has renamed the items."""
    for combo in root.findChildren(QComboBox):
        if combo.sizeAdjustPolicy() != QComboBox.SizeAdjustPolicy.AdjustToContents:
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        combo.updateGeometry()


class LessonPanel(QWidget):
    """A lesson's figure and controls. Subclasses override ``retranslate`` and ``canvases``."""

    def __init__(self, spec: LessonSpec, lang: str = "zh", parent: QWidget | None = None):
        super().__init__(parent)
        self.spec = spec
        self.lang = lang
        self.theme = "light"  # the host calls set_theme() right after creating the panel

    def t(self, key: str) -> str:
        """A string of this lesson's file in the current language."""
        return self.spec.string(key, self.lang)

    def set_language(self, lang: str) -> None:
        self.lang = lang
        self.retranslate()
        refit_combo_boxes(self)

    def retranslate(self) -> None:
        """Re-set every visible string (labels, buttons, figure titles)."""

    def set_theme(self, theme: str) -> None:
        """``"light"`` or ``"dark"``; panels that draw with ``viz.style.palette`` redraw."""
        if theme != self.theme:
            self.theme = theme
            self.retheme()

    def retheme(self) -> None:
        """Follow ``self.theme`` in every figure of the panel.

        The default recolours the theme colours of each canvas (backgrounds, spines, ticks,
        labels, titles, legend frames, 3D panes, neutral text and cells) from
        ``tutor_app.viz.style``'s palette before each of its draws, and asks for a redraw;
        data colours are left alone. A panel that draws with ``palette(self.theme)``
        itself may override this (and call ``super().retheme()`` to keep the chrome).
        """
        for canvas in self.themed_canvases():
            if hasattr(canvas, "set_theme"):
                canvas.set_theme(self.theme)
            else:  # a plain Matplotlib canvas: recolour once
                restyle_figure(canvas.figure, self.theme)
                canvas.draw_idle()

    def themed_canvases(self) -> list:
        """``canvases()`` plus any other Matplotlib canvas inside the panel."""
        from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg

        found = list(self.canvases())
        for canvas in self.findChildren(FigureCanvasQTAgg):
            if not any(canvas is c for c in found):
                found.append(canvas)
        return found

    def canvases(self) -> list:
        """The ``MplCanvas`` objects of this panel, for export and screenshots."""
        return []

    # A panel whose hidden tabs build their figures when opened sets its ``TabFigures``.
    tab_figures = None

    def finish_figures(self) -> None:
        """Build the figures hidden tabs are still waiting for (an export saves them all)."""
        if self.tab_figures is not None:
            self.tab_figures.finish()

    def suspend(self) -> None:
        """The lesson was left but the panel is kept (hidden): pause timers here."""

    def resume(self) -> None:
        """The lesson is shown again after ``suspend()``."""

    def shutdown(self) -> None:
        """Stop timers and release resources before the host discards the panel."""
