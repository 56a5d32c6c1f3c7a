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


DARK_SCOPE = '*[theme="dark"]'
POLISHED = "polishedTheme"   # dynamic property: the theme a widget was last polished for


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
    a theme switch changes a property and re-polishes the widgets on screen."""
    return style_sheet("light") + "\n" + _scoped(style_sheet("dark"), DARK_SCOPE)


def _polished_for(widget: QWidget) -> str | None:
    """The theme ``widget`` was last polished for. Asks for the property only when it
    exists: reading a missing dynamic property returns None with its reference count not
    raised (PySide 6.12), and enough of those crash the interpreter."""
    if POLISHED.encode() not in [bytes(name) for name in widget.dynamicPropertyNames()]:
        return None
    return widget.property(POLISHED)


def repolish(root: QWidget, theme: str, *, visible_only: bool = False) -> int:
    """Polish ``root`` and its descendants again for ``theme``, skipping those already
    polished for it. Qt's style-sheet style copies the palette into a widget when it
    polishes it, so after a palette change a widget shows the old colours until this.
    Returns how many widgets were polished."""
    count = 0
    for widget in (root, *root.findChildren(QWidget)):
        if visible_only and not widget.isVisible() or _polished_for(widget) == theme:
            continue
        style = widget.style()
        style.unpolish(widget)
        style.polish(widget)
        widget.setProperty(POLISHED, theme)
        widget.update()
        count += 1
    return count


def apply(app: QApplication, theme: str) -> None:
    """Switch the application to ``"light"`` or ``"dark"``: the palette at once, the
    widgets on screen now; widgets hidden now (lessons kept for later) are polished when
    they are shown (``repolish``, called by the lesson host)."""
    palette = app.style().standardPalette()
    if theme == "dark":
        for role, color in DARK_COLORS.items():
            palette.setColor(role, QColor(color))
        for role, color in DARK_DISABLED.items():
            palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(color))
    app.setPalette(palette)
    sheet = combined_style_sheet()
    if app.styleSheet() != sheet:
        app.setStyleSheet(sheet)  # once: it polishes every widget
    for window in app.topLevelWidgets():
        window.setProperty("theme", theme)
        # A window on screen: what is visible now. One not shown yet: all of it.
        repolish(window, theme, visible_only=window.isVisible())
