"""A lesson panel built around one ``GraphPlayerWidget`` (``self.player``).

The autograd lesson and the graph lab hand the player their theme, pauses and shutdown the
same way; that plumbing lives here once. A subclass sets ``self.player`` in ``__init__``.
"""

from __future__ import annotations

from tutor_app.qt.graph_player import GraphPlayerWidget
from tutor_app.qt.lesson_panel import LessonPanel


class GraphPlayerPanel(LessonPanel):
    """Forwards theme, suspend and shutdown to ``self.player``; its canvas is the panel's."""

    player: GraphPlayerWidget

    def retheme(self) -> None:
        """The graphs are drawn with the theme's palette (every later step too);
        the other canvases get their chrome recoloured."""
        self.player.set_theme(self.theme)
        super().retheme()

    def canvases(self) -> list:
        return [self.player.canvas]

    def suspend(self) -> None:
        self.player.suspend()

    def shutdown(self) -> None:
        self.player.shutdown()
