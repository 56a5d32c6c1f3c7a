"""Register the bundled CJK font with Qt and make it the application's fallback for Chinese."""

from __future__ import annotations

import logging

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from tutor_app.viz.fonts import font_path

log = logging.getLogger(__name__)
_registered: list[str] = []


def register_qt_fonts(app: QApplication) -> list[str]:
    """Load the bundled font and put it after the default family in the app font.

    Listing both families makes Qt pick Latin glyphs from the platform font and Chinese ones
    from the bundled font, even on a machine with no CJK font installed.
    """
    if not _registered:
        path = font_path()
        font_id = QFontDatabase.addApplicationFont(str(path)) if path.exists() else -1
        if font_id < 0:
            log.warning("could not load the CJK font %s; Chinese may show as boxes", path)
            return []
        _registered.extend(QFontDatabase.applicationFontFamilies(font_id))
    font = QFont(app.font())
    families = [f for f in font.families() if f not in _registered] or [font.family()]
    font.setFamilies(families + _registered)
    app.setFont(font)
    return list(_registered)


def cjk_families() -> list[str]:
    return list(_registered)
