"""Draw a 3-axis tensor as slabs of cells, coloured by the output cell each one is summed into.

``(ax, data) -> handles``: the caller keeps the returned ``CellBlock`` and recolours it with
``highlight_group`` instead of redrawing (matplotlib's "change artists, then draw_idle").
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from matplotlib.axes import Axes
from matplotlib.colors import to_rgba
from matplotlib.text import Text

from tutor_app.viz.cells import CellArtists, draw_cells
from tutor_app.viz.style import FONT_SIZE, Palette, palette

# Twelve light, distinguishable fills (at most 12 output cells in this lesson).
GROUP_COLOURS = (
    "#aec7e8", "#ffbb78", "#98df8a", "#ff9896", "#c5b0d5", "#c49c94",
    "#f7b6d2", "#dbdb8d", "#9edae5", "#d9d9d9", "#fdd0a2", "#c7e9c0",
)
SLAB_GAP = 1.0


def group_colour(group: int) -> str:
    """The fill of output cell ``group`` (and of every input cell summed into it)."""
    return GROUP_COLOURS[int(group) % len(GROUP_COLOURS)]


@dataclass(frozen=True)
class CellBlock:
    """Handles of a drawn block: ``rects[i, j, k]`` and ``texts[i, j, k]`` for a 3-axis block."""

    rects: np.ndarray      # object array of Rectangle, same shape as the data
    texts: np.ndarray      # object array of Text
    extent: tuple[float, float, float, float]   # x0, x1, y0, y1 in data coordinates


def _cell_xy(i: int, j: int, k: int, cols: int) -> tuple[float, float]:
    """Lower-left corner of cell (i, j, k): slab i left to right, row j downwards, column k."""
    return i * (cols + SLAB_GAP) + k, -(j + 1)


def draw_tensor_block(ax: Axes, values: np.ndarray, groups: np.ndarray, *,
                      colours: Palette | None = None, slab_label: str = "X[{i}]",
                      axis_names: tuple[str, str, str] | None = None) -> CellBlock:
    """Draw a (slabs, rows, cols) array as side-by-side slabs of cells with their values.

    Parameters
    ----------
    values : array of shape (s, r, c)
    groups : int array of the same shape; equal numbers share a fill colour.
    slab_label : format string for the title above each slab (``{i}`` is the slab index).
    axis_names : labels of axes 0, 1, 2 (across slabs, down rows, along columns), or None.
    """
    colours = colours or palette()
    values = np.asarray(values)
    if values.ndim != 3 or groups.shape != values.shape:
        raise ValueError("draw_tensor_block needs a 3-axis array and groups of the same shape")
    s, r, c = values.shape
    rects = np.empty(values.shape, dtype=object)
    texts = np.empty(values.shape, dtype=object)
    for i in range(s):
        grid = draw_cells(ax, values[i], origin=_cell_xy(i, -1, 0, c), palette=colours)
        for j in range(r):
            for k in range(c):
                rects[i, j, k] = grid.rects[j][k]
                texts[i, j, k] = grid.texts[j][k]
                rects[i, j, k].set_facecolor(group_colour(groups[i, j, k]))
    for i in range(s):
        x0, _ = _cell_xy(i, 0, 0, c)
        ax.text(x0 + c / 2, 0.35, slab_label.format(i=i), ha="center", va="bottom",
                fontsize=FONT_SIZE, color=colours.text)
    width = s * c + (s - 1) * SLAB_GAP
    if axis_names:
        _label_axes(ax, s, r, c, axis_names, colours)
    ax.set_xlim(-1.0, width + 0.3)
    ax.set_ylim(-r - (0.9 if axis_names else 0.3), 1.2)
    ax.set_aspect("equal")
    ax.set_axis_off()
    return CellBlock(rects=rects, texts=texts, extent=(0.0, width, -float(r), 0.0))


def draw_result_grid(ax: Axes, values: np.ndarray, *, colours: Palette | None = None,
                     title: str = "") -> CellBlock:
    """Draw a sum's result; cell n (row-major) gets ``group_colour(n)``.

    A 3-axis result (``keepdims=True`` on the 3-axis X) is drawn in slabs like X itself, so
    (2, 3, 1) shows as two 3×1 columns beside the rows they summed, not as a 2×3 grid.
    Fewer axes are drawn as one grid (a row for 1-D, one cell for 0-D).
    """
    colours = colours or palette()
    values = np.asarray(values)
    if values.ndim == 3 and values.shape[0] > 1:
        groups = np.arange(values.size).reshape(values.shape)
        block = draw_tensor_block(ax, values, groups, colours=colours, slab_label="[{i}]")
        x0, x1, _, _ = block.extent
        ax.text((x0 + x1) / 2, 1.05, title, ha="center", va="bottom", fontsize=FONT_SIZE,
                color=colours.text)
        ax.set_ylim(ax.get_ylim()[0], 1.9)
        return block
    flat2d = np.atleast_2d(np.squeeze(values, axis=0) if values.ndim == 3 else values)
    if flat2d.ndim > 2:
        raise ValueError("a result grid shows at most two non-trivial axes")
    grid = flat2d.reshape(1, *flat2d.shape)
    groups = np.arange(grid.size).reshape(grid.shape)
    label = title.replace("{", "{{").replace("}", "}}")
    return draw_tensor_block(ax, grid, groups, colours=colours, slab_label=label)


def _label_axes(ax: Axes, s: int, r: int, c: int, names: tuple[str, str, str],
                colours: Palette) -> None:
    """Arrows naming the three axes: 0 across the slabs, 1 down the rows, 2 along a row."""
    arrow = dict(arrowstyle="->", color=colours.muted, lw=1.2)
    ax.annotate("", xy=(c, -r - 0.45), xytext=(0, -r - 0.45), arrowprops=arrow)
    ax.text(c / 2, -r - 0.55, names[2], ha="center", va="top", fontsize=FONT_SIZE - 1,
            color=colours.muted)
    ax.annotate("", xy=(-0.45, -r), xytext=(-0.45, 0), arrowprops=arrow)
    ax.text(-0.55, -r / 2, names[1], ha="right", va="center", rotation=90,
            fontsize=FONT_SIZE - 1, color=colours.muted)
    if s > 1:
        x1 = (s - 1) * (c + SLAB_GAP) + c / 2
        ax.annotate("", xy=(x1, 0.95), xytext=(c / 2, 0.95), arrowprops=arrow)
        ax.text((c / 2 + x1) / 2, 1.0, names[0], ha="center", va="bottom",
                fontsize=FONT_SIZE - 1, color=colours.muted)


def highlight_group(block: CellBlock, groups: np.ndarray, selected: int | None, *,
                    colours: Palette | None = None) -> list:
    """Outline the cells of group ``selected`` (thick accent edge) and fade the others.

    ``selected=None`` shows every group at full strength. Returns the changed artists.
    """
    colours = colours or palette()
    changed = []
    for idx, rect in np.ndenumerate(block.rects):
        group = groups[idx]
        fill = to_rgba(group_colour(group))
        on = selected is None or group == selected
        rect.set_facecolor(fill if on else (*fill[:3], 0.25))
        rect.set_edgecolor(colours.accent if (selected is not None and on) else colours.cell_edge)
        rect.set_linewidth(2.6 if (selected is not None and on) else 0.8)
        text: Text = block.texts[idx]
        text.set_alpha(1.0 if on else 0.35)
        changed += [rect, text]
    return changed


def cell_at(block: CellBlock, x: float, y: float) -> tuple[int, ...] | None:
    """The index of the cell containing data point (x, y), or None (for clicks)."""
    for idx, rect in np.ndenumerate(block.rects):
        rx, ry = rect.get_xy()
        if rx <= x < rx + 1 and ry <= y < ry + 1:
            return idx
    return None


@dataclass(frozen=True)
class DivisionArtists:
    """Handles of ``A ÷ divisor`` drawn side by side."""

    a: CellArtists
    divisor: CellArtists
    sign: Text


def draw_division(ax: Axes, a: np.ndarray, divisor: np.ndarray, copied: np.ndarray, *,
                  fits: bool, a_title: str, divisor_title: str,
                  colours: Palette | None = None) -> DivisionArtists:
    """Draw A and its divisor as broadcasting lines them up; copies hatched, clashes marked.

    ``divisor`` is already laid out as broadcasting sees it (see
    ``lessons.axis_sums.divisor_picture``); when ``fits`` is False its cells are
    highlighted and the sign between the grids is "≠".
    """
    colours = colours or palette()
    a = np.atleast_2d(np.asarray(a))
    divisor = np.atleast_2d(np.asarray(divisor))
    rows, cols = a.shape
    gap = 2.0
    a_cells = draw_cells(ax, a, origin=(0.0, 0.0), palette=colours)
    d_origin = (cols + gap, 0.0)
    d_cells = draw_cells(ax, divisor, origin=d_origin, copied=copied,
                         highlight=None if fits else np.ones(divisor.shape, dtype=bool),
                         palette=colours)
    sign = ax.text(cols + gap / 2, -min(rows, divisor.shape[0]) / 2, "÷" if fits else "≠",
                   ha="center", va="center", fontsize=FONT_SIZE + 8,
                   color=colours.text if fits else colours.negative)
    # Left-aligned over their own grid: centred, a long divisor title ran into A's.
    for x, title in ((0.0, a_title), (d_origin[0], divisor_title)):
        ax.text(x, 0.25, title, ha="left", va="bottom", fontsize=FONT_SIZE - 1,
                color=colours.text)
    width = d_origin[0] + divisor.shape[1]
    ax.set_xlim(-0.3, width + 0.3)
    ax.set_ylim(-max(rows, divisor.shape[0]) - 0.3, 1.3)
    ax.set_aspect("equal")
    ax.set_axis_off()
    return DivisionArtists(a_cells, d_cells, sign)
