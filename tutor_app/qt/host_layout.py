"""How the lesson host shares its room: the text's share of the width, the folding
console/exercises strip under the figure, "focus on the figure", and saving all of it.

A mixin of ``LessonHost`` (which owns ``text``, ``tabs``, ``horizontal`` and ``vertical``).
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QScrollArea, QSplitter, QWidget

TEXT_FRACTION = 0.36      # of the width right of the navigator, by default


def scrolling(widget: QWidget, parent: QWidget | None = None) -> QScrollArea:
    """Wrap a tab so its minimum size cannot squeeze the lesson text or the panel.

    ``parent``: where the page will live. Made there first, the widget is reparented once
    (into the area) instead of twice (into a parentless area, then the area into its
    place): each reparenting under the app's style sheet restyles the whole subtree."""
    area = QScrollArea(parent)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidget(widget)
    return area


class KeepingSplitter(QSplitter):
    """A splitter that says when it has shared out a new size (``resized``), so the host
    can restore its own split in the same step. Deferring that to the next event-loop
    turn laid the lesson out twice at start-up: its figure was drawn at the splitter's
    proportional share, then again at the strip's real height (~60 ms of a launch)."""

    resized = Signal()

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self.resized.emit()


class HostLayout:
    """Splitter bookkeeping for ``LessonHost``; emits ``layout_changed`` on a toggle."""

    BOTTOM_HEIGHT = 280   # the console/exercises tabs when expanded, by default

    def _on_splitter_moved(self, _pos: int, _index: int) -> None:
        sizes = self.horizontal.sizes()
        if sum(sizes) > 0 and self.text.isVisible():
            self._text_fraction = sizes[0] / sum(sizes)

    def _connect_splitters(self) -> None:
        # A splitter shares out a new height in proportion (and ignores its widgets'
        # maximum sizes the first time): the strip keeps its own height instead, folded or
        # open, so a window restored at its full size does not inflate an open strip; the
        # text keeps its share of the width. Both right after the splitter's share-out.
        self.vertical.resized.connect(self._keep_bottom)
        self.horizontal.resized.connect(self._keep_text_share)

    def _on_vertical_moved(self, _pos: int, _index: int) -> None:
        if self.tabs.expanded:
            self._bottom_height = self.vertical.sizes()[1]

    def _keep_split(self) -> None:
        """A new panel's size hints must not squeeze the text: restore the learner's split."""
        self._keep_text_share()
        self._keep_bottom()

    def _keep_text_share(self) -> None:
        total = sum(self.horizontal.sizes())
        if total > 0 and self.text_visible:
            text = round(total * self._text_fraction)
            if abs(self.horizontal.sizes()[0] - text) > 1:
                self.horizontal.setSizes([text, total - text])

    def _keep_bottom(self) -> None:
        total = sum(self.vertical.sizes())
        if total <= 0:
            return
        strip = self.tabs.strip_height()
        bottom = (max(strip, min(self._bottom_height, total * 2 // 3)) if self.tabs.expanded
                  else strip)
        self.vertical.setSizes([total - bottom, bottom])

    # ---- layout the learner controls ---------------------------------------------------
    @property
    def bottom_expanded(self) -> bool:
        return self.tabs.expanded

    def set_bottom_expanded(self, expanded: bool) -> None:
        """Fold the console/exercises tabs to their tab bar, or open them."""
        self.tabs.set_expanded(expanded)

    def toggle_bottom(self) -> None:
        self.tabs.toggle()
        if self.tabs.expanded and self.tabs.currentWidget() is not None:
            self.tabs.currentWidget().setFocus()

    def _on_bottom_toggled(self, expanded: bool) -> None:
        self.vertical.handle(1).setEnabled(expanded)
        self._keep_bottom()
        self.layout_changed.emit()

    @property
    def text_visible(self) -> bool:
        return not self.text.isHidden()

    def set_text_visible(self, visible: bool) -> None:
        """Hide the lesson text to give the figure the whole width ("focus on the figure")."""
        if visible == self.text_visible:
            return
        self.text.setVisible(visible)
        if visible:
            self._keep_split()
        self.layout_changed.emit()

    def layout_state(self) -> dict:
        """What ``restore_layout`` needs, for the progress settings."""
        return {"text_fraction": round(self._text_fraction, 4),
                "bottom_height": int(self._bottom_height),
                "bottom_open": self.tabs.expanded, "text_hidden": not self.text_visible}

    def restore_layout(self, settings: dict) -> None:
        """Apply saved ``layout_state()`` values; anything missing or odd keeps the default."""
        settings = dict(settings)  # applying a value saves the settings being read
        fraction = settings.get("text_fraction")
        if isinstance(fraction, (int, float)) and 0.1 <= fraction <= 0.8:
            self._text_fraction = float(fraction)
        height = settings.get("bottom_height")
        if isinstance(height, int) and 60 <= height <= 2000:
            self._bottom_height = height
        self.blockSignals(True)  # one layout_changed at the end, not one per value
        try:
            self.tabs.set_expanded(settings.get("bottom_open") is True)
            self.set_text_visible(settings.get("text_hidden") is not True)
        finally:
            self.blockSignals(False)
        self._keep_split()

