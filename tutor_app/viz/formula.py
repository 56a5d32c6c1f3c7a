"""Formulas ($...$ in lesson text) rendered offline with Matplotlib mathtext, cached as PNG.

The cache lives in the user's data directory, keyed by the formula, size and colour, so a
lesson seen once opens later without importing Matplotlib's mathtext parser (≈0.5 s first
call). No Qt, no pyplot.
"""

from __future__ import annotations

import hashlib
import logging
import os
import struct
from dataclasses import dataclass
from pathlib import Path

from tutor_app import paths

log = logging.getLogger(__name__)
CACHE_VERSION = "2"  # bump when the rendering changes


@dataclass(frozen=True)
class FormulaImage:
    """A rendered formula: the PNG file and its size in logical (1x) pixels."""

    path: Path
    width: int
    height: int


class FormulaError(ValueError):
    """The formula is not valid mathtext; the text shows it raw instead."""


def cache_dir() -> Path:
    folder = paths.user_data_dir() / "cache" / "formulas"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _png_size(path: Path) -> tuple[int, int]:
    with open(path, "rb") as fh:
        header = fh.read(24)
    if header[:8] != b"\x89PNG\r\n\x1a\n":
        raise FormulaError(f"{path.name} is not a PNG")
    width, height = struct.unpack(">II", header[16:24])
    return width, height


def render_formula(tex: str, *, size_pt: float = 12.0, color: str = "#202124",
                   scale: int = 2) -> FormulaImage:
    """Render ``tex`` (without dollars) to a cached PNG at ``scale`` × 96 dpi.

    Raises FormulaError if mathtext cannot parse it.
    """
    dpi = 96 * scale
    path = _cached_path(tex, size_pt, color, dpi)
    if not path.exists():
        ink = _cached_path(tex, size_pt, INK, dpi)
        if not ink.exists():
            _render_to(ink, tex, size_pt, INK, dpi)
        _recolour(ink, path, color)
    width, height = _png_size(path)
    return FormulaImage(path, max(1, round(width / scale)), max(1, round(height / scale)))


# Every formula is rendered once, in this colour; each theme's colour is made from it by
# replacing the colour and keeping the coverage (alpha). A theme switch then costs a few
# milliseconds per formula instead of a mathtext parse and a savefig (~40 ms each; a
# lesson has up to 60: seconds of frozen window on the first switch to dark).
INK = "#000000"


def _cached_path(tex: str, size_pt: float, color: str, dpi: int) -> Path:
    key = "|".join((CACHE_VERSION, tex, f"{size_pt:.2f}", color, str(dpi)))
    digest = hashlib.sha1(key.encode("utf-8")).hexdigest()[:20]
    return cache_dir() / f"{digest}.png"


def _recolour(ink: Path, path: Path, color: str) -> None:
    """``ink`` in ``color``: on a transparent background Agg leaves every drawn pixel in
    the text colour with its coverage as alpha, so this equals a render in ``color``."""
    from matplotlib.colors import to_rgb
    from PIL import Image

    with Image.open(ink) as source:
        alpha = source.convert("RGBA").getchannel("A")
    rgb = tuple(round(255 * c) for c in to_rgb(color))
    image = Image.new("RGBA", alpha.size, (*rgb, 0))
    image.putalpha(alpha)
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    try:
        image.save(tmp, format="PNG")
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()


def _render_to(path: Path, tex: str, size_pt: float, color: str, dpi: int) -> None:
    """Like ``mathtext.math_to_image`` but on a transparent background (dark theme)."""
    from matplotlib.figure import Figure
    from matplotlib.font_manager import FontProperties
    from matplotlib.mathtext import MathTextParser

    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    prop = FontProperties(size=size_pt)
    try:
        width, height, depth, _, _ = MathTextParser("path").parse(f"${tex}$", dpi=72,
                                                                    prop=prop)
        figure = Figure(figsize=(max(width, 1) / 72, max(height, 1) / 72))
        figure.text(0, depth / max(height, 1), f"${tex}$", fontproperties=prop, color=color)
        figure.savefig(str(tmp), dpi=dpi, format="png", transparent=True)
        os.replace(tmp, path)
    except ValueError as exc:
        lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
        raise FormulaError(lines[-1] if lines else "invalid formula") from exc
    finally:
        if tmp.exists():
            tmp.unlink()
