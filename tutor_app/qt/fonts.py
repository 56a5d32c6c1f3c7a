"""Register the bundled CJK font with Qt and make it the application's fallback for Chinese."""

from __future__ import annotations

import logging
import re

from PySide6.QtGui import QFont, QFontDatabase, QFontInfo
from PySide6.QtWidgets import QApplication

from tutor_app.viz.fonts import font_path

log = logging.getLogger(__name__)
_registered: list[str] = []

# Names fontconfig and Qt treat as aliases, not as a font: listed before the CJK family they
# lose to it, and Qt then draws Latin and maths signs (‖, ², ×) with the CJK font's full-width
# glyphs ("‖ Ax ‖ ²" in the chain-rule lesson's step list).
_GENERIC = {"sans serif", "sans-serif", "serif", "monospace", "system-ui", "ms shell dlg 2"}


def latin_families(font: QFont) -> list[str]:
    """The concrete font families the platform draws ``font`` with, CJK fonts left out.

    A generic name such as "Sans Serif" is replaced by the family it resolves to (DejaVu
    Sans on most Linux systems, Segoe UI on Windows), so it can stand first in a families
    list and keep Latin glyphs ahead of the CJK fallback.
    """
    families = [f for f in font.families() if f not in _registered] or [font.family()]
    resolved = QFontInfo(QFont(families)).family()
    concrete = [f for f in families if f.lower() not in _GENERIC]
    if resolved and resolved not in _registered and resolved not in concrete:
        concrete.insert(0, resolved)
    return concrete or families


def register_qt_fonts(app: QApplication) -> list[str]:
    """Load the bundled font and put it after the platform's Latin family in the app font.

    Listing both families makes Qt pick Latin glyphs (letters, ‖, ², ×) from the platform
    font and Chinese ones from the bundled font, even on a machine with no CJK font
    installed.
    """
    latin = latin_families(app.font())   # resolved before the CJK font can win the match
    if not _registered:
        path = font_path()
        font_id = QFontDatabase.addApplicationFont(str(path)) if path.exists() else -1
        if font_id < 0:
            log.warning("could not load the CJK font %s; Chinese may show as boxes", path)
            return []
        _registered.extend(QFontDatabase.applicationFontFamilies(font_id))
    font = QFont(app.font())
    font.setFamilies(latin + _registered)
    app.setFont(font)
    return list(_registered)


def cjk_families() -> list[str]:
    return list(_registered)


_MARKED = re.compile(r"\w[\u0300-\u036f]+")   # a letter and its combining marks, e.g. n̂


def marks_in_cjk_font(html: str) -> str:
    """Rich text whose accented letters (n̂: n + U+0302) are drawn with the bundled font.

    With a Latin family first, Qt draws such a pair with it; DejaVu Sans places the
    combining circumflex a line too high (over "sin θ" above "det[v w n̂]"), while the
    bundled Noto font positions it over its letter. Only those letters change font.
    """
    if not _registered:
        return html
    family = _registered[0]
    return _MARKED.sub(lambda m: f"<span style=\"font-family:'{family}'\">{m.group()}</span>",
                       html)
