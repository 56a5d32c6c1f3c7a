"""Break a label into lines that fit a width in pixels, measured with the figure's fonts.

Matplotlib's own ``wrap=True`` wraps to the figure's edge, not to a subplot's column, so
three titles side by side ran into each other and the last was cut at the edge. Here a
label is cut into pieces that must stay together (a Latin word, a bracketed aside, one CJK
character) and filled greedily into lines no wider than asked.
"""

from __future__ import annotations

import re

from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties

# A full-width or Latin bracketed aside stays whole; a Latin word keeps its trailing space;
# any other character (CJK) may start a new line on its own.
_PIECES = re.compile(r"（[^）]*）|\([^)]*\)\s*|[^\s（(\u2e80-\u9fff\uff00-\uffef]+\s*|\s+|.")


def pieces(text: str) -> list[str]:
    """``text`` cut where a line may break."""
    return _PIECES.findall(text)


def wrap_to_width(text: str, max_px: float, measure) -> str:
    """``text`` with newlines so no line is wider than ``max_px`` by ``measure(str) -> px``.

    A piece wider than the whole width gets a line of its own (it cannot be helped).
    """
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for piece in pieces(paragraph):
            candidate = line + piece
            if line.strip() and measure(candidate.rstrip()) > max_px:
                lines.append(line.rstrip())
                line = piece.lstrip()
            else:
                line = candidate
        lines.append(line.rstrip())
    return "\n".join(lines)


def text_measure(figure: Figure, fontsize: float, weight: str = "normal"):
    """A ``measure(str) -> pixels`` for text of ``fontsize`` points on ``figure``'s canvas.

    Falls back to an estimate (half an em per Latin character, a full em per CJK one) when
    the canvas has no Agg renderer (a vector export).
    """
    prop = FontProperties(size=fontsize, weight=weight)
    get_renderer = getattr(figure.canvas, "get_renderer", None)
    if get_renderer is None:
        em = fontsize * figure.dpi / 72
        return lambda s: sum(em if ord(ch) > 0x2E80 else em * 0.55 for ch in s)
    renderer = get_renderer()
    return lambda s: renderer.get_text_width_height_descent(s, prop, ismath=False)[0]


def wrap_titles_to_columns(figure: Figure, texts: list[str], fontsize: float,
                           share: float = 0.6) -> list[str]:
    """Wrap each of ``texts`` (titles of side-by-side subplots, one per column) to
    ``share`` of its column's part of the figure's width: a title is centred on its axes,
    which the tick labels on its left push right of the column's centre."""
    column = figure.bbox.width / max(len(texts), 1) * share
    measure = text_measure(figure, fontsize)
    return [wrap_to_width(text, column, measure) for text in texts]
