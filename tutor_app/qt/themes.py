"""Light and dark themes: a Fusion palette plus a small style sheet from resources/styles."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from tutor_app import paths

DARK_COLORS = {
    QPalette.ColorRole.Window: "#202124", QPalette.ColorRole.WindowText: "#e8eaed",
    QPalette.ColorRole.Base: "#17181a", QPalette.ColorRole.AlternateBase: "#2a2b2e",
    QPalette.ColorRole.Text: "#e8eaed", QPalette.ColorRole.Button: "#2d2f31",
    QPalette.ColorRole.ButtonText: "#e8eaed", QPalette.ColorRole.Highlight: "#8ab4f8",
    QPalette.ColorRole.HighlightedText: "#202124", QPalette.ColorRole.ToolTipBase: "#303134",
    QPalette.ColorRole.ToolTipText: "#e8eaed", QPalette.ColorRole.Link: "#8ab4f8",
    QPalette.ColorRole.PlaceholderText: "#9aa0a6",
}


# Greyed-out text of disabled controls: without it a disabled button looks enabled.
DARK_DISABLED = {
    QPalette.ColorRole.WindowText: "#6f7378", QPalette.ColorRole.Text: "#6f7378",
    QPalette.ColorRole.ButtonText: "#6f7378", QPalette.ColorRole.Button: "#26272a",
}


def style_sheet(theme: str) -> str:
    path = paths.resource("styles", f"{theme}.qss")
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        return ""


def apply(app: QApplication, theme: str) -> None:
    """Switch the whole application to ``"light"`` or ``"dark"``."""
    palette = app.style().standardPalette()
    if theme == "dark":
        for role, color in DARK_COLORS.items():
            palette.setColor(role, QColor(color))
        for role, color in DARK_DISABLED.items():
            palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(color))
    app.setPalette(palette)
    app.setStyleSheet(style_sheet(theme))
