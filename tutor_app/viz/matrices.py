"""Small matrices and the operations of lesson 3, drawn as cells with the read cells lit.

Builds on ``viz.broadcasting``'s layout of tensors in a row (operands, operator signs,
result), so every cell picture in the app looks the same.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from matplotlib.axes import Axes

from tutor_app.viz.broadcasting import (
    TITLE_ROOM,
    TensorArtists,
    draw_sequence,
    frame,
    tensor_size,
)
from tutor_app.viz.style import FONT_SIZE, Palette
from tutor_app.viz.style import palette as default_palette


def draw_operation(ax: Axes, operands: Sequence[tuple[np.ndarray, str, np.ndarray | None]],
                   symbol: str, *, result: np.ndarray | None, result_title: str = "",
                   result_highlight: np.ndarray | None = None, note: str = "",
                   fmt: str = "{:g}",
                   palette: Palette | None = None) -> TensorArtists | None:
    """``operands`` as ``(values, title, highlight)``, joined by ``symbol``, then ``= result``.

    With one operand ``symbol`` is written before it (e.g. ``Aᵀ`` has none, ``sum`` is a
    function) — pass ``""`` to just draw an arrow to the result. ``result=None`` draws the
    operands and ``note`` (an error, say) underneath. Clears the Axes first.
    """
    pal = palette or default_palette()
    ax.clear()
    items: list[tuple[str, dict]] = []
    for k, (values, title, highlight) in enumerate(operands):
        if k:
            items.append(("op", {"symbol": symbol}))
        items.append(("tensor", {"values": values, "title": title, "highlight": highlight,
                                 "fmt": fmt}))
    if result is not None:
        items.append(("op", {"symbol": "=" if len(operands) > 1 else "→"}))
        items.append(("tensor", {"values": result, "title": result_title,
                                 "highlight": result_highlight, "fmt": fmt}))
    width, tensors = draw_sequence(ax, items, top=0.0, palette=pal)
    heights = [tensor_size(np.shape(kw["values"]))[1] for kind, kw in items if kind == "tensor"]
    bottom = -TITLE_ROOM - max(heights)
    if note:
        ax.text(0.0, bottom - 0.5, note, ha="left", va="top", fontsize=FONT_SIZE,
                color=pal.negative if result is None else pal.text, wrap=True)
        bottom -= 1.6
    frame(ax, 0.0, max(width, 6.0), bottom, 0.3)
    return tensors[-1] if result is not None else None


def cell_at(drawn: TensorArtists, x: float, y: float) -> int | None:
    """Row-major index of the cell of a drawn 0–2-D tensor containing data point (x, y)."""
    for block in drawn.blocks:
        for i, row in enumerate(block.rects):
            for j, rect in enumerate(row):
                x0, y0 = rect.get_xy()
                if x0 <= x <= x0 + rect.get_width() and y0 <= y <= y0 + rect.get_height():
                    return i * block.shape[1] + j
    return None
