"""Tensors of 0–4 dimensions as blocks of cells, and the broadcasting picture of lesson 2.

An N-D tensor is drawn as 2-D slices: a 3-D tensor as its ``shape[0]`` slices side by side,
a 4-D tensor as ``shape[0]`` rows of ``shape[1]`` slices. Broadcast copies are hatched
(``cells.draw_cells(copied=...)``); the axis an error names is highlighted in the shape table.
"""

from __future__ import annotations

import itertools
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from matplotlib.axes import Axes
from matplotlib.text import Text

from tutor_app.viz.cells import CellArtists, draw_cells
from tutor_app.viz.style import FONT_SIZE, Palette
from tutor_app.viz.style import palette as default_palette
from tutor_app.viz.text_fit import text_measure, wrap_to_width

SLICE_GAP = 0.6
TITLE_ROOM = 0.9   # space above a tensor for its title
OPERATOR_ROOM = 1.6


def _slice_grid(shape: tuple[int, ...]) -> tuple[int, int, int, int]:
    """(slice rows, slices per row, cell rows, cell columns) of an N-D shape."""
    padded = (1,) * (4 - len(shape)) + tuple(shape)
    if len(shape) <= 2:
        return 1, 1, padded[2], padded[3]
    return padded[0], padded[1], padded[2], padded[3]


def tensor_size(shape: tuple[int, ...]) -> tuple[float, float]:
    """Width and height the drawing of a tensor of ``shape`` takes, in cells."""
    slice_rows, per_row, rows, cols = _slice_grid(shape)
    width = per_row * cols + (per_row - 1) * SLICE_GAP
    return width, slice_rows * rows + (slice_rows - 1) * SLICE_GAP


@dataclass(frozen=True)
class TensorArtists:
    blocks: tuple[CellArtists, ...]   # one grid per 2-D slice, in row-major slice order
    title: Text | None
    extent: tuple[float, float, float, float]   # x0, x1, y0, y1 of the cells


def draw_tensor(ax: Axes, values: np.ndarray, *, origin: tuple[float, float] = (0.0, 0.0),
                highlight: np.ndarray | None = None, copied: np.ndarray | None = None,
                title: str | None = None, fmt: str = "{:g}",
                palette: Palette | None = None) -> TensorArtists:
    """Draw a 0–4-D tensor with its top-left corner at ``origin``; masks match ``values``."""
    pal = palette or default_palette()
    values = np.asarray(values)
    if values.ndim > 4:
        raise ValueError(f"draw_tensor draws up to 4-D tensors, got {values.ndim}-D")
    slice_rows, per_row, rows, cols = _slice_grid(values.shape)
    grid = values.reshape(slice_rows, per_row, rows, cols)

    def _mask(mask):
        return None if mask is None else np.asarray(mask, bool).reshape(grid.shape)

    high, copy = _mask(highlight), _mask(copied)
    ox, oy = origin
    blocks = []
    for i, j in itertools.product(range(slice_rows), range(per_row)):
        corner = (ox + j * (cols + SLICE_GAP), oy - i * (rows + SLICE_GAP))
        blocks.append(draw_cells(ax, grid[i, j], origin=corner, fmt=fmt, palette=pal,
                                 highlight=None if high is None else high[i, j],
                                 copied=None if copy is None else copy[i, j]))
        if values.ndim >= 3:  # name each slice by its leading indices, as X[i] / X[i, j]
            index = f"[{i}, {j}]" if values.ndim == 4 else f"[{j}]"
            ax.text(corner[0] + cols / 2, corner[1] - rows - 0.05, index, ha="center",
                    va="top", fontsize=FONT_SIZE - 3, color=pal.muted)
    width, height = tensor_size(values.shape)
    label = None
    if title:
        label = ax.text(ox, oy + 0.25, title, ha="left", va="bottom", fontsize=FONT_SIZE,
                        color=pal.text)
    return TensorArtists(tuple(blocks), label, (ox, ox + width, oy - height, oy))


@dataclass(frozen=True)
class ShapeRow:
    """One row of the right-aligned shape table: a label and one entry per aligned axis."""

    label: str
    entries: Sequence[str]        # "" for an axis the tensor lacks
    stretched: Sequence[bool]     # size 1 (or missing) stretched to the result's size


def draw_shape_table(ax: Axes, rows: Sequence[ShapeRow], *, offending_axis: int | None,
                     origin: tuple[float, float], palette: Palette | None = None,
                     label_width: float = 2.5) -> tuple[float, float]:
    """Shapes right-aligned in columns (axis 0 … n-1); returns the table's (width, height).

    The header says "dim" once, over the row labels, and numbers the columns: a "dim k"
    over every column overlapped its neighbours ("dim 0dim 1…") once a wide 4-D picture
    shrank the cells.
    """
    pal = palette or default_palette()
    ncols = max(len(r.entries) for r in rows) if rows else 0
    ox, oy = origin
    if ncols:
        ax.text(ox, oy + 0.15, "dim", ha="left", va="bottom", fontsize=FONT_SIZE - 2,
                color=pal.muted)
    for k in range(ncols):
        ax.text(ox + label_width + k * 1.6 + 0.7, oy + 0.15, str(k), ha="center",
                va="bottom", fontsize=FONT_SIZE - 2, color=pal.muted)
    for r, row in enumerate(rows):
        y = oy - r * 1.1
        ax.text(ox, y - 0.5, row.label, ha="left", va="center", fontsize=FONT_SIZE,
                color=pal.text)
        entries = np.array([[e for e in row.entries]], dtype=object)
        cells = draw_cells(ax, entries, origin=(ox + label_width, y), fmt="{}", palette=pal,
                           copied=np.array([row.stretched]),
                           highlight=np.array([[k == offending_axis for k in range(ncols)]]))
        for k, text in enumerate(row.entries):
            rect = cells.rects[0][k]
            rect.set_width(1.4)
            rect.set_x(ox + label_width + k * 1.6)
            cells.texts[0][k].set_x(ox + label_width + k * 1.6 + 0.7)
            if not text:
                rect.set_visible(False)
    return label_width + ncols * 1.6, len(rows) * 1.1


def draw_operator(ax: Axes, xy: tuple[float, float], symbol: str,
                  palette: Palette | None = None) -> Text:
    pal = palette or default_palette()
    return ax.text(*xy, symbol, ha="center", va="center", fontsize=FONT_SIZE + 8,
                   color=pal.text)


def draw_error(ax: Axes, xy: tuple[float, float], message: str, width_chars: int = 60,
               palette: Palette | None = None) -> Text:
    """The engine's message, wrapped, in the negative colour."""
    pal = palette or default_palette()
    lines = [w for part in message.split("\n") for w in textwrap.wrap(part, width_chars)]
    return ax.text(*xy, "\n".join(lines), ha="left", va="top",
                   fontsize=FONT_SIZE, color=pal.negative, family="monospace")


def draw_sequence(ax: Axes, items: Sequence[tuple[str, dict]], *, top: float,
                  palette: Palette | None = None) -> tuple[float, list[TensorArtists]]:
    """Tensors and operators left to right: ``("tensor", kwargs)`` or ``("op", {"symbol"})``.

    Tensors are top-aligned at ``top - TITLE_ROOM``. Returns the total width and the drawn
    tensors in order (for hit-testing clicks on cells).
    """
    x = 0.0
    tensors: list[TensorArtists] = []
    heights = [tensor_size(np.shape(kw["values"]))[1] for kind, kw in items if kind == "tensor"]
    middle = top - TITLE_ROOM - (max(heights) if heights else 1) / 2
    for kind, kwargs in items:
        if kind == "op":
            draw_operator(ax, (x + OPERATOR_ROOM / 2, middle), kwargs["symbol"], palette)
            x += OPERATOR_ROOM
        else:
            drawn = draw_tensor(ax, origin=(x, top - TITLE_ROOM), palette=palette, **kwargs)
            tensors.append(drawn)
            x = max(drawn.extent[1], x + (len(kwargs.get("title") or "") * 0.18))
    return x, tensors


NOTE_MARGIN_PX = 24      # the note keeps clear of the canvas edge by this much
NOTE_LINE_CELLS = 0.5    # one line of 10 pt text, in cells of ~40 px

MAX_DRAWN_WIDTH = 42.0   # cells across: wider, and the cells of an ~800 px canvas get too small


def broadcast_width(a_shape: tuple[int, ...], b_shape: tuple[int, ...],
                    result_shape: tuple[int, ...] | None) -> float:
    """Width, in cells, of ``draw_broadcast``'s row of tensors (a + b = result, or a + b)."""
    if result_shape is None:
        return tensor_size(a_shape)[0] + OPERATOR_ROOM + tensor_size(b_shape)[0]
    return 3 * tensor_size(result_shape)[0] + 2 * OPERATOR_ROOM


def frame(ax: Axes, x0: float, x1: float, y0: float, y1: float, margin: float = 0.4) -> None:
    """Fit the limits to the drawing, square cells, no axes."""
    ax.set_xlim(x0 - margin, x1 + margin)
    ax.set_ylim(y0 - margin, y1 + margin)
    ax.set_aspect("equal")
    ax.set_axis_off()


def draw_broadcast(ax: Axes, *, rows: Sequence[ShapeRow], a: np.ndarray, b: np.ndarray,
                   titles: dict[str, str], result: np.ndarray | None = None,
                   a_stretched: np.ndarray | None = None, b_stretched: np.ndarray | None = None,
                   a_copied: np.ndarray | None = None, b_copied: np.ndarray | None = None,
                   error: str | None = None, offending_axis: int | None = None,
                   a_clash: np.ndarray | None = None, b_clash: np.ndarray | None = None,
                   palette: Palette | None = None) -> None:
    """The whole explorer picture on a cleared Axes: shape table, then a + b = result.

    On success a and b are drawn stretched to the result's shape with their copies hatched;
    on error they are drawn as they are, the clashing fibres (``a_clash``/``b_clash`` masks)
    highlighted, followed by the error message.
    """
    pal = palette or default_palette()
    ax.clear()
    table_w, table_h = draw_shape_table(ax, rows, offending_axis=offending_axis,
                                        origin=(0.0, 0.0), palette=pal)
    top = -table_h - 0.8
    if error is None:
        items = [("tensor", {"values": a_stretched, "copied": a_copied, "title": titles["a"]}),
                 ("op", {"symbol": "+"}),
                 ("tensor", {"values": b_stretched, "copied": b_copied, "title": titles["b"]}),
                 ("op", {"symbol": "="}),
                 ("tensor", {"values": result, "title": titles["result"]})]
    else:
        items = [("tensor", {"values": a, "highlight": a_clash, "title": titles["a"]}),
                 ("op", {"symbol": "+"}),
                 ("tensor", {"values": b, "highlight": b_clash, "title": titles["b"]})]
    width, _ = draw_sequence(ax, items, top=top, palette=pal)
    heights = [tensor_size(np.shape(kw["values"]))[1] for kind, kw in items if kind == "tensor"]
    bottom = top - TITLE_ROOM - max(heights)
    if error is not None:
        message = draw_error(ax, (0.0, bottom - 0.6), error, 56, pal)
        bottom -= 0.8 + 0.75 * (message.get_text().count("\n") + 1)
    frame(ax, 0.0, max(width, table_w), bottom, 0.9)


def draw_read_and_result(ax: Axes, *, result: np.ndarray | None, result_title: str,
                         source: np.ndarray | None = None, source_title: str = "",
                         read: np.ndarray | None = None, changed: np.ndarray | None = None,
                         error: str | None = None, fmt: str = "{:g}",
                         palette: Palette | None = None) -> None:
    """``source`` with the cells a line reads highlighted, an arrow, and the result.

    ``changed`` highlights result cells an assignment wrote. With ``error`` (and no result)
    the source is followed by the error message. Clears the Axes first.
    """
    ax.clear()
    items: list[tuple[str, dict]] = []
    if source is not None:
        items.append(("tensor", {"values": source, "highlight": read, "title": source_title,
                                 "fmt": fmt}))
    if result is not None:
        if items:
            items.append(("op", {"symbol": "→"}))
        items.append(("tensor", {"values": result, "highlight": changed, "title": result_title,
                                 "fmt": fmt}))
    width, _ = draw_sequence(ax, items, top=0.0, palette=palette)
    heights = [tensor_size(np.shape(kw["values"]))[1] for kind, kw in items if kind == "tensor"]
    bottom = -TITLE_ROOM - max(heights, default=0)
    if error:
        draw_error(ax, (0.0, bottom - 0.5), f"{result_title}\n{error}", 56, palette)
        bottom -= 2.2
    frame(ax, 0.0, max(width, 8.0 if error else 0.0), bottom, 0.3)


def draw_shapes_only(ax: Axes, rows: Sequence[ShapeRow], note: str,
                     palette: Palette | None = None) -> None:
    """Just the shape table and a note (a result too big to draw cell by cell).

    The note wraps to the figure's width (on one line it ran off the right edge), and the
    frame grows a line's height per line of it.
    """
    pal = palette or default_palette()
    ax.clear()
    width, height = draw_shape_table(ax, rows, offending_axis=None, origin=(0.0, 0.0),
                                     palette=pal)
    wrapped = wrap_to_width(note, ax.figure.bbox.width - 2 * NOTE_MARGIN_PX,
                            text_measure(ax.figure, FONT_SIZE))
    ax.text(0.0, -height - 0.6, wrapped, ha="left", va="top", fontsize=FONT_SIZE,
            color=pal.text)
    extra_lines = wrapped.count("\n")
    frame(ax, 0.0, max(width, 12.0), -height - 2.0 - NOTE_LINE_CELLS * extra_lines, 0.9)
