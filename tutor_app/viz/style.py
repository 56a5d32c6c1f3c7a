"""The palette and sizes every figure shares, so lessons look like one app."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Palette:
    v: str = "#1f77b4"          # first vector / input
    w: str = "#d62728"          # second vector
    result: str = "#2ca02c"     # v × w, projections, results
    accent: str = "#ff7f0e"     # highlights, current step
    muted: str = "#9aa0a6"      # guides, dashed helpers, copied (broadcast) cells
    positive: str = "#2ca02c"   # acute angle, v·w > 0
    zero: str = "#7f7f7f"       # right angle
    negative: str = "#d62728"   # obtuse angle, v·w < 0
    grad: str = "#9467bd"       # gradients in the graph lab and contour plots
    text: str = "#202124"
    background: str = "#ffffff"
    cell: str = "#e8f0fe"       # tensor cells
    cell_edge: str = "#5f6368"


LIGHT = Palette()
DARK = Palette(text="#e8eaed", background="#202124", cell="#303134", cell_edge="#9aa0a6",
               muted="#80868b")

FONT_SIZE = 10
ARROW_WIDTH = 0.012


def palette(theme: str = "light") -> Palette:
    """The palette for ``"light"`` or ``"dark"``."""
    return DARK if theme == "dark" else LIGHT
