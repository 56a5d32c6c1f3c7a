"""A row of buttons under a figure: save as PNG, save as SVG, copy to the clipboard.

Reusable by every lesson panel::

    self.toolbar = FigureToolbar(self.canvas, lang, basename="dot_projection_2d")
    ...
    self.toolbar.set_language(lang)          # from the panel's retranslate()

``save_as(path)`` is the dialog-free path the buttons end in (tests call it directly).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from tutor_app.i18n import tr
from tutor_app.qt.save_dialog import ask_save_path


class FigureToolbar(QWidget):
    """Export buttons for one ``MplCanvas`` (anything with ``export`` and ``copy_to_clipboard``)."""

    exported = Signal(str)  # the path written

    def __init__(self, canvas, lang: str = "zh", parent: QWidget | None = None, *,
                 basename: str = "figure"):
        super().__init__(parent)
        self.canvas = canvas
        self.lang = lang
        self.basename = basename
        self.png_button = QPushButton(self)
        self.svg_button = QPushButton(self)
        self.copy_button = QPushButton(self)
        self.status = QLabel(self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for button in (self.png_button, self.svg_button, self.copy_button):
            layout.addWidget(button)
        layout.addWidget(self.status, 1)
        self.png_button.clicked.connect(lambda: self._on_save_clicked("png"))
        self.svg_button.clicked.connect(lambda: self._on_save_clicked("svg"))
        self.copy_button.clicked.connect(self._on_copy_clicked)
        self.set_language(lang)

    def _t(self, key: str, **fields: object) -> str:
        """A word of the row (``figure.*`` in resources/i18n/widgets.toml)."""
        return tr(f"figure.{key}", self.lang, **fields)

    def set_language(self, lang: str) -> None:
        self.lang = lang
        self.png_button.setText(self._t("png"))
        self.svg_button.setText(self._t("svg"))
        self.copy_button.setText(self._t("copy"))
        self.status.clear()

    def save_as(self, path: str | Path) -> bool:
        """Write the figure to ``path`` (format from the suffix); report success in the row."""
        try:
            self.canvas.export(str(path))
        except (OSError, ValueError) as exc:
            self.status.setText(self._t("failed", error=exc))
            return False
        self.status.setText(self._t("saved", name=Path(path).name))
        self.exported.emit(str(path))
        return True

    def _on_save_clicked(self, fmt: str) -> None:
        path = ask_save_path(self, self._t(fmt), f"{self.basename}.{fmt}",
                             self._t(f"filter_{fmt}"), kind="pictures", lang=self.lang)
        if not path:
            return
        if not path.lower().endswith(f".{fmt}"):
            path += f".{fmt}"
        self.save_as(path)

    def _on_copy_clicked(self) -> None:
        self.canvas.copy_to_clipboard()
        self.status.setText(self._t("copied"))
