"""Register the bundled CJK font with Matplotlib so Chinese renders where no CJK font exists.

Call ``register_matplotlib_fonts()`` before any figure is drawn (the Qt shell does it at
start-up; tests and scripts that draw zh text call it too). No Qt here.
"""

from __future__ import annotations

import logging
import os
from functools import lru_cache
from pathlib import Path

from tutor_app import paths

FONT_FILE = "NotoSansSC-TensorTutor.otf"
CJK_FAMILY = "Noto Sans CJK SC"
LATIN_FIRST = "DejaVu Sans"  # Matplotlib's own font: Latin glyphs and maths look as usual


def font_path() -> Path:
    """The bundled subset of Noto Sans CJK SC."""
    return paths.resource("fonts", FONT_FILE)


@lru_cache(maxsize=1)
def register_matplotlib_fonts() -> str | None:
    """Add the bundled font to Matplotlib's font manager and make it the CJK fallback.

    Returns the family name, or None if the font file is missing (zh then shows boxes, but
    nothing fails). Idempotent: repeated calls cost nothing.
    """
    import matplotlib
    from matplotlib import font_manager

    path = font_path()
    family = None
    # A cached entry whose file was uninstalled makes findfont rebuild the whole font
    # manager, which forgets fonts added with addfont: drop stale entries first.
    manager = font_manager.fontManager
    manager.ttflist = [f for f in manager.ttflist if os.path.exists(f.fname)]
    if path.exists():
        # addfont, not the cache: a cache built before the font appeared would not see it.
        font_manager.fontManager.addfont(str(path))
        family = font_manager.FontProperties(fname=str(path)).get_name()
    sans = [f for f in matplotlib.rcParams["font.sans-serif"] if f not in (LATIN_FIRST, family)]
    fallback = [LATIN_FIRST] + ([family] if family else []) + sans
    matplotlib.rcParams["font.sans-serif"] = fallback
    # Per-glyph fallback happens across the *family list*, not within font.sans-serif, so
    # name the CJK family after the generic one: Latin from DejaVu, Chinese from the subset.
    matplotlib.rcParams["font.family"] = ["sans-serif"] + ([family] if family else [])
    # CJK fonts lack U+2212 MINUS SIGN in many builds; the ASCII hyphen-minus always exists.
    matplotlib.rcParams["axes.unicode_minus"] = False
    if family:
        logging.getLogger("matplotlib.font_manager").addFilter(_SingleWeightFilter(family))
    return family


class _SingleWeightFilter(logging.Filter):
    """The subset has one weight; bold CJK text uses it. Say so once, not per draw."""

    def __init__(self, family: str):
        super().__init__()
        self.family = family

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        return not (self.family in message and "Failed to find font weight" in message)
