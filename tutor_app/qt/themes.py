"""Light and dark themes: a Fusion palette plus a small style sheet from resources/styles."""

from __future__ import annotations

import re

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QWidget

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


# Widgets whose style-sheet rules differ between the themes (see resources/styles/).
THEMED_NAMES = frozenset({"banner", "errorView", "noPanel"})
DARK_SCOPE = '*[theme="dark"]'


def style_sheet(theme: str) -> str:
    path = paths.resource("styles", f"{theme}.qss")
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        return ""


def _scoped(sheet: str, scope: str) -> str:
    """Every rule of ``sheet`` limited to widgets inside ``scope``."""
    sheet = re.sub(r"/\*.*?\*/", "", sheet, flags=re.S)
    rules = []
    for chunk in sheet.split("}"):
        if "{" not in chunk:
            continue
        selectors, body = chunk.split("{", 1)
        scoped = ", ".join(f"{scope} {sel.strip()}" for sel in selectors.split(",")
                           if sel.strip())
        rules.append(f"{scoped} {{{body}}}")
    return "\n".join(rules)


def combined_style_sheet() -> str:
    """Both themes in one style sheet: the light rules, and the dark ones limited to
    windows whose ``theme`` property is "dark". Setting a style sheet on the application
    re-polishes every widget (seconds with a few lessons kept); this one is set once, and
    a theme switch changes a property and re-polishes only ``THEMED_NAMES``."""
    return style_sheet("light") + "\n" + _scoped(style_sheet("dark"), DARK_SCOPE)


def apply(app: QApplication, theme: str) -> None:
    """Switch the whole application to ``"light"`` or ``"dark"``."""
    palette = app.style().standardPalette()
    if theme == "dark":
        for role, color in DARK_COLORS.items():
            palette.setColor(role, QColor(color))
        for role, color in DARK_DISABLED.items():
            palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(color))
    app.setPalette(palette)
    sheet = combined_style_sheet()
    if app.styleSheet() != sheet:
        app.setStyleSheet(sheet)
    for window in app.topLevelWidgets():
        window.setProperty("theme", theme)
    for widget in app.allWidgets():
        if widget.objectName() in THEMED_NAMES:
            for part in (widget, *widget.findChildren(QWidget)):
                part.style().unpolish(part)
                part.style().polish(part)
                part.update()
