"""One "Export" button with a menu (GIF, PNG, SVG, copy) for a canvas: a row of four
buttons folded into one, where controls compete with a figure for room."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QLabel, QMenu, QToolButton, QWidget

from tutor_app.qt.figure_toolbar import FigureToolbar

LABELS = {"export": {"zh": "导出", "en": "Export"},
          "gif": {"zh": "导出 GIF…", "en": "Save GIF…"}}


class ExportMenuButton(QToolButton):
    """Exports ``canvas``; ``on_gif`` writes the animation (the player knows its frames).

    The save dialogs and clipboard copy are ``FigureToolbar``'s (kept hidden, reachable as
    ``toolbar`` for dialog-free saving); results are reported in ``status``.
    """

    def __init__(self, canvas, status: QLabel, on_gif: Callable[[], object],
                 lang: str = "zh", parent: QWidget | None = None, *, basename: str = "graph"):
        super().__init__(parent)
        self.lang = lang
        self.status = status
        self.toolbar = FigureToolbar(canvas, lang, parent, basename=basename)
        self.toolbar.hide()
        self.toolbar.exported.connect(lambda _path: status.setText(self.toolbar.status.text()))
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.menu_ = QMenu(self)
        self.setMenu(self.menu_)
        self.actions_ = {
            "gif": self.menu_.addAction("", on_gif),
            "png": self.menu_.addAction("", lambda: self.toolbar._on_save_clicked("png")),
            "svg": self.menu_.addAction("", lambda: self.toolbar._on_save_clicked("svg")),
            "copy": self.menu_.addAction("", self._on_copy_click)}
        self.set_language(lang)

    def set_language(self, lang: str) -> None:
        self.lang = lang
        self.toolbar.set_language(lang)
        self.setText(LABELS["export"].get(lang, LABELS["export"]["en"]))
        self.actions_["gif"].setText(LABELS["gif"].get(lang, LABELS["gif"]["en"]))
        for key in ("png", "svg", "copy"):
            self.actions_[key].setText(self.toolbar._t(key))

    def set_gif_enabled(self, enabled: bool) -> None:
        self.actions_["gif"].setEnabled(enabled)

    def _on_copy_click(self) -> None:
        self.toolbar._on_copy_clicked()
        self.status.setText(self.toolbar.status.text())
