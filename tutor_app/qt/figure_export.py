"""Export the current lesson's figures as PNG or SVG, or copy them to the clipboard."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import QMenu, QMessageBox

from tutor_app.i18n import tr
from tutor_app.qt.save_dialog import ask_save_path

log = logging.getLogger(__name__)


class FigureExporter:
    """Owns the three export actions; asks the host for its canvases when triggered."""

    def __init__(self, host):
        self.host = host
        self.lang = "zh"
        self.png = QAction(host)
        self.svg = QAction(host)
        self.copy = QAction(host)
        self.png.triggered.connect(lambda: self.export("png"))
        self.svg.triggered.connect(lambda: self.export("svg"))
        self.copy.triggered.connect(self.copy_to_clipboard)
        self.last_message = ""

    def fill_menu(self, menu: QMenu) -> None:
        menu.addActions([self.png, self.svg, self.copy])

    def retranslate(self, lang: str) -> None:
        self.lang = lang
        self.png.setText(tr("action.export_png", lang))
        self.svg.setText(tr("action.export_svg", lang))
        self.copy.setText(tr("action.copy_figure", lang))

    def _canvases(self) -> list:
        panel = getattr(self.host, "panel", None)
        if hasattr(panel, "finish_figures"):  # tabs never opened still build theirs
            panel.finish_figures()
        canvases = self.host.canvases()
        if not canvases:
            self._tell(tr("host.no_figure", self.lang))
        return canvases

    def export(self, fmt: str, path: str | None = None) -> list[Path]:
        """Save every canvas of the panel; with several, ``name-1.png``, ``name-2.png``…"""
        canvases = self._canvases()
        if not canvases:
            return []
        if path is None:
            lesson = self.host.spec.id if self.host.spec else "figure"
            path = ask_save_path(self.host, tr(f"action.export_{fmt}", self.lang),
                                 f"{lesson}.{fmt}", f"{fmt.upper()} (*.{fmt})",
                                 kind="pictures", lang=self.lang)
            if not path:
                return []
        base = Path(path).with_suffix(f".{fmt}")
        targets = [base] if len(canvases) == 1 else [
            base.with_name(f"{base.stem}-{i}{base.suffix}") for i in range(1, len(canvases) + 1)]
        try:
            for canvas, target in zip(canvases, targets, strict=True):
                if hasattr(canvas, "restyle"):  # the export looks like the screen
                    canvas.restyle()
                canvas.figure.savefig(str(target), format=fmt, dpi=150)
        except (OSError, ValueError) as exc:
            self._tell(tr("host.export_failed", self.lang, error=exc), error=True)
            return []
        self._tell(tr("host.exported", self.lang, path=", ".join(map(str, targets))))
        return targets

    def copy_to_clipboard(self) -> None:
        canvases = self._canvases()
        if not canvases:
            return
        canvas = canvases[0]
        if hasattr(canvas, "copy_to_clipboard"):
            canvas.copy_to_clipboard()
        else:  # a plain FigureCanvasQTAgg: copy what is on screen
            QGuiApplication.clipboard().setImage(canvas.grab().toImage())
        self._tell(tr("host.copied", self.lang))

    def _tell(self, message: str, error: bool = False) -> None:
        self.last_message = message
        window = self.host.window()
        if error:
            QMessageBox.warning(window, tr("app_name", self.lang), message)
        elif hasattr(window, "statusBar"):
            window.statusBar().showMessage(message, 8000)
