"""Base class of every lesson's interactive panel (the seam between the host and lessons).

The host creates a panel from the ``panel`` field of the lesson file, passing the
``LessonSpec`` and the current language. A panel:

- builds its controls and ``MplCanvas`` objects in ``__init__`` and draws once;
- keeps arithmetic out of the widget: it calls ``tutor_app.lessons`` logic and
  ``tutor_app.viz`` drawing functions;
- updates every visible string in ``retranslate()`` (called on a language switch);
- lists its canvases in ``canvases()`` so the host can export them and
  ``--screenshot`` can render them;
- stops any timer in ``shutdown()`` (called before the host discards it).
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from tutor_app.lessons.base import LessonSpec


class LessonPanel(QWidget):
    """A lesson's figure and controls. Subclasses override ``retranslate`` and ``canvases``."""

    def __init__(self, spec: LessonSpec, lang: str = "zh", parent: QWidget | None = None):
        super().__init__(parent)
        self.spec = spec
        self.lang = lang

    def t(self, key: str) -> str:
        """A string of this lesson's file in the current language."""
        return self.spec.string(key, self.lang)

    def set_language(self, lang: str) -> None:
        self.lang = lang
        self.retranslate()

    def retranslate(self) -> None:
        """Re-set every visible string (labels, buttons, figure titles)."""

    def canvases(self) -> list:
        """The ``MplCanvas`` objects of this panel, for export and screenshots."""
        return []

    def shutdown(self) -> None:
        """Stop timers and release resources before the host discards the panel."""
