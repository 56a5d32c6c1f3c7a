"""Light and dark themes: a Fusion palette, one theme-independent style sheet
(resources/styles/app.qss) and a few fixed colours per theme (``TINTS``).

A switch changes the application palette only. The style sheet is set once: setting one
re-polishes every widget of the app, kept lessons included (1-5 s with a dozen lessons),
and re-polishing from Python is no way out (PySide 6.12 crashes after thousands of
``unpolish``/``update`` calls). For the palette to reach widgets the style-sheet style has
polished, ``AA_UseStyleSheetPropagationInWidgetStyles`` is on (``enable_palette_follow``):
without it that style freezes a copy of the palette into every widget it polishes.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
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

# Widgets whose colours no palette role gives, by object name: their own small style
# sheet per theme (re-polishes that widget only).
TINTS = {
    "light": {
        "banner": "#banner { background: #fef7e0; border-bottom: 1px solid #f9ab00; }"
                  " #banner QLabel { color: #5f4700; }",
        "errorView": "color: #b3261e;",
        "noPanel": "color: #5f6368;",
    },
    "dark": {
        "banner": "#banner { background: #3c3200; border-bottom: 1px solid #f9ab00; }"
                  " #banner QLabel { color: #fde293; }",
        "errorView": "color: #f28b82;",
        "noPanel": "color: #9aa0a6;",
    },
}


def style_sheet() -> str:
    path = paths.resource("styles", "app.qss")
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        return ""


def enable_palette_follow() -> None:
    """Let palette changes reach widgets polished by the style-sheet style (see above).
    Read by Qt at each polish, so it may be set after the application exists."""
    QCoreApplication.setAttribute(
        Qt.ApplicationAttribute.AA_UseStyleSheetPropagationInWidgetStyles, True)


def palette(app: QApplication, theme: str) -> QPalette:
    palette = app.style().standardPalette()
    if theme == "dark":
        for role, color in DARK_COLORS.items():
            palette.setColor(role, QColor(color))
        for role, color in DARK_DISABLED.items():
            palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(color))
    return palette


def apply(app: QApplication, theme: str) -> None:
    """Switch the application to ``"light"`` or ``"dark"``: a new palette; the style
    sheet only the first time. Fixed colours follow through ``tint``."""
    enable_palette_follow()
    app.setPalette(palette(app, theme))
    sheet = style_sheet()
    if app.styleSheet() != sheet:
        app.setStyleSheet(sheet)  # once per process: this re-polishes every widget


def tint(widget: QWidget, theme: str) -> None:
    """Give a widget named in ``TINTS`` its fixed colours for ``theme`` (no-op if it
    has them already or is not named there)."""
    sheet = TINTS["dark" if theme == "dark" else "light"].get(widget.objectName())
    if sheet is not None and widget.styleSheet() != sheet:
        widget.setStyleSheet(sheet)
