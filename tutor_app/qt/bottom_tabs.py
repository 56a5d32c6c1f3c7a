"""The console/exercises tabs under a lesson's figure, collapsible to their tab bar.

Collapsed (the default) the tabs take a thin strip, so the figure gets the height; clicking
a tab, the ▴ button or the host's shortcut expands them. The host owns the splitter sizes.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QTabWidget, QToolButton, QWidget

QWIDGETSIZE_MAX = (1 << 24) - 1


class CollapsibleTabs(QTabWidget):
    """A ``QTabWidget`` whose pages can fold away, leaving the tab bar and a ▴/▾ button."""

    expanded_changed = Signal(bool)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setDocumentMode(True)
        self.setObjectName("bottomTabs")
        self._expanded = True
        self.toggle_button = QToolButton(self)
        self.toggle_button.setObjectName("bottomToggle")
        self.toggle_button.setAutoRaise(True)
        self.toggle_button.clicked.connect(self.toggle)
        self.setCornerWidget(self.toggle_button, Qt.Corner.TopRightCorner)
        self.tabBarClicked.connect(self._on_tab_clicked)
        self.currentChanged.connect(self._keep_folded)
        self._tips = ("", "")
        self._update_button()

    @property
    def expanded(self) -> bool:
        return self._expanded

    def strip_height(self) -> int:
        """The height of the collapsed strip: the tab bar (or the button if taller)."""
        return max(self.tabBar().sizeHint().height(),
                   self.toggle_button.sizeHint().height()) + 2

    def set_expanded(self, expanded: bool) -> None:
        expanded = bool(expanded)
        if expanded == self._expanded:
            return
        self._expanded = expanded
        if not expanded and self.isAncestorOf(self.focusWidget() or self):
            self.window().setFocus()  # keep keystrokes out of a folded-away console
        self._apply_height()
        page = self.currentWidget()
        if page is not None:
            page.setVisible(expanded)
        self._update_button()
        self.expanded_changed.emit(expanded)

    def toggle(self) -> None:
        self.set_expanded(not self._expanded)

    def set_tips(self, collapse: str, expand: str) -> None:
        self._tips = (collapse, expand)
        self._update_button()

    def tabInserted(self, index: int) -> None:  # noqa: N802 - Qt override
        super().tabInserted(index)
        if not self._expanded:
            self.widget(index).setVisible(False)
        self._apply_height()

    def _apply_height(self) -> None:
        strip = self.strip_height()
        self.setMinimumHeight(strip)
        self.setMaximumHeight(QWIDGETSIZE_MAX if self._expanded else strip)

    def _keep_folded(self, _index: int) -> None:
        page = self.currentWidget()
        if page is not None and not self._expanded:
            page.setVisible(False)

    def _on_tab_clicked(self, index: int) -> None:
        if index >= 0:
            self.setCurrentIndex(index)
            self.set_expanded(True)
            page = self.currentWidget()
            if page is not None:
                page.setVisible(True)

    def _update_button(self) -> None:
        self.toggle_button.setText("▾" if self._expanded else "▴")
        self.toggle_button.setToolTip(self._tips[0] if self._expanded else self._tips[1])
        self._apply_height()
