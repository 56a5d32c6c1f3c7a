"""Build a tab's figure when the learner opens the tab, not while the tab is hidden.

A panel with two tabs used to fill both figures with artists when it was built: the
hidden tab's cells, arrows and labels (20-40 ms of matplotlib per figure) were part of
the lesson's first visit although the learner may never open that tab. The canvas
already waits to *draw* until it is shown (``MplCanvas.draw_idle``); this waits to
*build* as well.

``TabFigures.draw(page, build)`` runs ``build`` at once when ``page`` is the current tab,
otherwise keeps it (the latest wins: a language switch on a hidden tab asks again) and
runs it when the tab becomes current; ``part`` names a page's separate builds (a figure
and a computed text), each kept on its own.

``finish()`` runs whatever is still waiting: an export saves every figure of the panel,
opened or not.

Not for a page whose canvas sizes itself by its drawing (``FittedCanvas``): empty, it
asks for more height than drawn, and ``QTabWidget`` sizes itself by every page, hidden
or not (lesson 3's operations tab made its panel scroll at 1280x800).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QTabWidget, QWidget


class TabFigures:
    """The figure builds a panel's hidden tabs are waiting for, one per tab page."""

    def __init__(self, tabs: QTabWidget):
        self.tabs = tabs
        self._waiting: dict[tuple[int, str], tuple[QWidget, Callable[[], None]]] = {}
        tabs.currentChanged.connect(self._on_current_changed)

    def draw(self, page: QWidget, build: Callable[[], None], part: str = "figure") -> None:
        """Build ``page``'s figure now if it is the current tab, else when it becomes so."""
        if self.tabs.currentWidget() is page:
            self._waiting.pop((id(page), part), None)
            build()
        else:
            self._waiting[(id(page), part)] = (page, build)

    def waiting(self, page: QWidget) -> bool:
        return any(key[0] == id(page) for key in self._waiting)

    def finish(self) -> None:
        """Build every figure still waiting (before an export of all of them)."""
        while self._waiting:
            _key, (_page, build) = self._waiting.popitem()
            build()

    def _on_current_changed(self, _index: int) -> None:
        page = self.tabs.currentWidget()
        if page is None:
            return
        for key in [key for key in self._waiting if key[0] == id(page)]:
            _page, build = self._waiting.pop(key)
            build()
