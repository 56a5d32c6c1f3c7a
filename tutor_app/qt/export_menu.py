"""One "Export" button with a menu (GIF, PNG, SVG, copy) for a canvas: a row of four
buttons folded into one, where controls compete with a figure for room."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QLabel, QMenu, QWidget

from tutor_app.i18n import tr
from tutor_app.qt.figure_toolbar import FigureToolbar
from tutor_app.qt.menu_button import MenuButton
from tutor_app.qt.save_dialog import ask_save_path
from tutor_app.viz.gif_export import export_gif


def save_gif(parent: QWidget, view, timeline, path: str | None, lang: str,
             seconds_per_frame: float, status: QLabel) -> int:
    """Write ``timeline`` played on ``view`` as a GIF at ``path`` (asked for when None).

    Returns the number of frames written, 0 when cancelled or failed (said in ``status``).
    """
    if path is None:
        path = ask_save_path(parent, tr("export.gif", lang), "graph.gif", "GIF (*.gif)",
                             kind="pictures", lang=lang)
        if not path:
            return 0
    try:
        count = export_gif(view, timeline, path, lang=lang, seconds_per_frame=seconds_per_frame)
    except (OSError, ValueError) as exc:
        status.setText(tr("export.gif_failed", lang, error=exc))
        return 0
    status.setText(tr("export.gif_saved", lang, path=path))
    return count


class ExportMenuButton(MenuButton):
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
        self.setText(tr("export.export", lang))
        self.actions_["gif"].setText(tr("export.gif", lang))
        for key in ("png", "svg", "copy"):
            self.actions_[key].setText(self.toolbar._t(key))

    def set_gif_enabled(self, enabled: bool) -> None:
        self.actions_["gif"].setEnabled(enabled)

    def _on_copy_click(self) -> None:
        self.toolbar._on_copy_clicked()
        self.status.setText(self.toolbar.status.text())
