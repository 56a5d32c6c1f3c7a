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

A page waiting for its figure keeps its ``FittedCanvas`` hidden until then: such a canvas
fits its height to the cells drawn, and empty it would ask for more room than drawn
(lesson 3's operations: the panel then needed 704 px of 684 and scrolled). A hidden
widget takes no room in its layout. ``finish()`` runs whatever is still waiting: an
export saves every figure of the panel, opened or not.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QTabWidget, QWidget

from tutor_app.qt.panels.fitted_canvas import FittedCanvas


class TabFigures:
    """The figure builds a panel's hidden tabs are waiting for, one per tab page."""

    def __init__(self, tabs: QTabWidget):
        self.tabs = tabs
        self._waiting: dict[tuple[int, str], tuple[QWidget, Callable[[], None]]] = {}
        self._hidden: dict[int, list] = {}  # the fitted canvases hidden, per waiting page
        tabs.currentChanged.connect(self._on_current_changed)

    def draw(self, page: QWidget, build: Callable[[], None], part: str = "figure") -> None:
        """Build ``page``'s figure now if it is the current tab, else when it becomes so."""
        if self.tabs.currentWidget() is page:
            self._waiting.pop((id(page), part), None)
            self._show_canvases(page)
            build()
        else:
            if id(page) not in self._hidden:
                self._hidden[id(page)] = [canvas for canvas in page.findChildren(FittedCanvas)
                                          if canvas.isVisibleTo(page)]
                for canvas in self._hidden[id(page)]:
                    canvas.hide()
            self._waiting[(id(page), part)] = (page, build)

    def waiting(self, page: QWidget) -> bool:
        return any(key[0] == id(page) for key in self._waiting)

    def finish(self) -> None:
        """Build every figure still waiting (before an export of all of them)."""
        while self._waiting:
            _key, (page, build) = self._waiting.popitem()
            self._show_canvases(page)
            build()

    def _on_current_changed(self, _index: int) -> None:
        page = self.tabs.currentWidget()
        if page is None:
            return
        for key in [key for key in self._waiting if key[0] == id(page)]:
            _page, build = self._waiting.pop(key)
            self._show_canvases(page)
            build()

    def _show_canvases(self, page: QWidget) -> None:
        """The canvases hidden while ``page`` waited take their room again."""
        for canvas in self._hidden.pop(id(page), []):
            canvas.show()
