"""Build the lessons next to the current one in idle time, so next/previous is instant.

A mixin of ``LessonHost``: it uses the host's ``_create``, ``_retheme_mounted``, ``_keep``,
``_cache``, ``_mounted`` and ``panel_stack``. A lesson built ahead is laid out and drawn
in an off-screen stack the size of the panel area, then moved into the real one when shown
(same size: no new layout, no redraw).
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QStackedWidget

from tutor_app.lessons.base import LessonSpec
from tutor_app.qt.host_layout import scrolling

log = logging.getLogger(__name__)
PREBUILD_DELAY_MS = 150   # after a lesson is shown, let it paint (and the learner act) first


class BuildAhead:
    """``prebuild(specs)``: one lesson per event-loop turn, cancelled by the next call."""

    def prebuild(self, specs: list[LessonSpec]) -> None:
        """Build these lessons' widgets hidden, in idle time, one per event-loop turn.

        Starts shortly after the current lesson was shown (so it paints first); a new
        ``show_lesson`` or ``prebuild`` cancels what is left. Next/previous then only
        shows a kept page instead of building and drawing a panel.
        """
        self.cancel_prebuild()
        if not self.prebuild_enabled:
            return
        self._prebuild_queue = [s for s in specs if not self.is_built(s.id)]
        if self._prebuild_queue:
            generation = self._prebuild_generation
            QTimer.singleShot(PREBUILD_DELAY_MS, lambda: self._prebuild_step(generation))

    def cancel_prebuild(self) -> None:
        self._prebuild_generation += 1
        self._prebuild_queue = []

    @property
    def prebuild_pending(self) -> bool:
        return bool(self._prebuild_queue)

    def is_built(self, lid: str) -> bool:
        current = self._mounted is not None and self._mounted.spec.id == lid
        return current or lid in self._cache

    def _prebuild_step(self, generation: int) -> None:
        if generation != self._prebuild_generation or not self._prebuild_queue:
            return
        if not self.painted:  # a slow start: the shown lesson paints before anything else
            QTimer.singleShot(PREBUILD_DELAY_MS, lambda: self._prebuild_step(generation))
            return
        spec = self._prebuild_queue.pop(0)
        if not self.is_built(spec.id):
            try:
                self.text.prepare(spec, self.lang, self._heading(spec))  # text + formulas
                mounted = self._create(spec)
                self._retheme_mounted(mounted)
                self._park(mounted)
                if mounted.panel is not None and hasattr(mounted.panel, "suspend"):
                    mounted.panel.suspend()
            except Exception:  # noqa: BLE001 - building ahead is an optimisation only
                log.exception("building %s ahead failed", spec.id)
            else:
                self._keep(mounted)
                self.prebuilt += 1
        if self._prebuild_queue:
            QTimer.singleShot(0, lambda: self._prebuild_step(generation))

    def _park(self, mounted) -> None:
        """Lay out and draw a lesson built ahead without showing it: its page goes into an
        off-screen stack the size of the panel area; ``_add_page`` moves it in later."""
        mounted.page = scrolling(mounted.panel_widget)
        mounted.parking = parking = QStackedWidget()
        parking.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
        parking.setAttribute(Qt.WidgetAttribute.WA_QuitOnClose, False)  # not a real window
        parking.addWidget(mounted.page)
        parking.resize(self.panel_stack.size())
        parking.show()

