"""Tensors drawn as grids of cells: one square per element, its value written inside.

Shared by the tensor, linear-algebra and axis-sum lessons. The grid is drawn once;
``update_cells`` only changes texts and colours, so an animation or a highlight that
follows the mouse never re-creates artists.

Geometry (data coordinates, one unit per cell): ``origin`` is the *top-left* corner of
the grid; row ``i`` spans ``y ∈ [oy - i - 1, oy - i]`` and column ``j`` spans
``x ∈ [ox + j, ox + j + 1]``, so rows read downwards on an ordinary (y-up) Axes.
A 1-D array is drawn as a single row. Call ``ax.set_aspect("equal")`` for square cells.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from matplotlib.axes import Axes
from matplotlib.patches import Rectangle
from matplotlib.text import Text

from tutor_app.viz.style import FONT_SIZE, Palette
from tutor_app.viz.style import palette as default_palette

COPIED_HATCH = "//"


@dataclass(frozen=True)
class CellArtists:
    """Handles of a drawn grid, kept so callers can recolour or rewrite cells in place.

    ``rects[i][j]`` and ``texts[i][j]`` belong to element ``(i, j)`` (``(0, j)`` for 1-D).
    """

    rects: tuple[tuple[Rectangle, ...], ...]
    texts: tuple[tuple[Text, ...], ...]
    shape: tuple[int, int]
    origin: tuple[float, float]
    fmt: str
    palette: Palette
    highlighted: np.ndarray  # current bool masks, updated in place by ``update_cells``
    copied: np.ndarray
    fontsize: float = FONT_SIZE  # for short values; longer ones shrink to fit the cell

    @property
    def extent(self) -> tuple[float, float, float, float]:
        """``(x0, x1, y0, y1)`` of the whole grid, for setting axis limits."""
        ox, oy = self.origin
        rows, cols = self.shape
        return ox, ox + cols, oy - rows, oy

    def center(self, i: int, j: int) -> tuple[float, float]:
        """Centre of cell ``(i, j)`` in data coordinates (for arrows and labels)."""
        return cell_center(self.origin, i, j)

    def artists(self) -> list:
        """Every artist of the grid, rectangles first (for blitting or removal)."""
        return [r for row in self.rects for r in row] + [t for row in self.texts for t in row]

    def remove(self) -> None:
        """Take the grid off its Axes."""
        for artist in self.artists():
            artist.remove()


def cell_center(origin: tuple[float, float], i: int, j: int) -> tuple[float, float]:
    """Centre of cell ``(i, j)`` of a grid whose top-left corner is ``origin``."""
    return origin[0] + j + 0.5, origin[1] - i - 0.5


def _as_grid(values: np.ndarray) -> np.ndarray:
    grid = np.asarray(values)
    if grid.ndim == 0:
        return grid.reshape(1, 1)
    if grid.ndim == 1:
        return grid.reshape(1, -1)
    if grid.ndim == 2:
        return grid
    raise ValueError(f"draw_cells takes 1-D or 2-D values, got {grid.ndim}-D")


def _as_mask(mask: np.ndarray | None, shape: tuple[int, int]) -> np.ndarray:
    if mask is None:
        return np.zeros(shape, dtype=bool)
    return np.array(mask, dtype=bool).reshape(shape)  # a copy: the record owns it


def format_value(value: object, fmt: str) -> str:
    """Format one element; booleans print as PyTorch does (True/False)."""
    if isinstance(value, (bool, np.bool_)):
        return str(bool(value))
    try:
        return fmt.format(value)
    except (TypeError, ValueError):
        return str(value)


FITTING_CHARS = 4.5  # characters a cell holds at the full font size (cells of ~46 px, 10 pt)
SMALLEST_FONT = 6.0


def fitted_fontsize(text: str, fontsize: float = FONT_SIZE) -> float:
    """The font size at which ``text`` fits across one cell: long values (``1.77778``,
    ``-0.0625``) shrink instead of spilling into the next cell."""
    if len(text) <= FITTING_CHARS:
        return fontsize
    return max(SMALLEST_FONT, fontsize * FITTING_CHARS / len(text))


def _style(rect: Rectangle, text: Text, highlighted: bool, copied: bool, pal: Palette) -> None:
    if highlighted:
        rect.set_facecolor(pal.accent)
        rect.set_alpha(None)
        rect.set_edgecolor(pal.text)
        rect.set_linewidth(2.0)
    elif copied:
        rect.set_facecolor(pal.background)
        rect.set_edgecolor(pal.muted)
        rect.set_linewidth(1.0)
    else:
        rect.set_facecolor(pal.cell)
        rect.set_edgecolor(pal.cell_edge)
        rect.set_linewidth(1.0)
    rect.set_hatch(COPIED_HATCH if copied else None)
    rect.set_linestyle("--" if copied else "-")
    # A copy's value stays readable over the hatching: a darker grey than the hatch, on a
    # small patch of background (the hatch marks the cell, the number must still be read).
    text.set_color(pal.cell_edge if copied and not highlighted else pal.text)
    text.set_fontstyle("italic" if copied else "normal")
    text.set_bbox({"boxstyle": "square,pad=0.1", "facecolor": pal.background,
                   "edgecolor": "none"} if copied and not highlighted else None)


def draw_cells(
    ax: Axes,
    values: np.ndarray,
    *,
    origin: tuple[float, float] = (0.0, 0.0),
    highlight: np.ndarray | None = None,
    copied: np.ndarray | None = None,
    fmt: str = "{:g}",
    palette: Palette | None = None,
    fontsize: float = FONT_SIZE,
) -> CellArtists:
    """Draw ``values`` (1-D or 2-D) as a grid of labelled cells.

    Parameters
    ----------
    ax : Axes to draw on; its limits are not changed (use ``CellArtists.extent``).
    values : the numbers to write, one per cell.
    origin : top-left corner of the grid in data coordinates.
    highlight : bool mask of cells to emphasise (e.g. the cells an operation reads).
    copied : bool mask of cells that are broadcast copies, drawn hatched, dashed and muted.
    fmt : ``str.format`` pattern for each value.
    palette : colours; the light palette by default.

    Returns
    -------
    CellArtists holding every rectangle and text.
    """
    pal = palette or default_palette()
    grid = _as_grid(values)
    shape = (int(grid.shape[0]), int(grid.shape[1]))
    high = _as_mask(highlight, shape)
    copy = _as_mask(copied, shape)
    ox, oy = float(origin[0]), float(origin[1])
    rects: list[tuple[Rectangle, ...]] = []
    texts: list[tuple[Text, ...]] = []
    for i in range(shape[0]):
        row_rects, row_texts = [], []
        for j in range(shape[1]):
            rect = Rectangle((ox + j, oy - i - 1), 1.0, 1.0, zorder=2)
            ax.add_patch(rect)
            cx, cy = cell_center((ox, oy), i, j)
            label = format_value(grid[i, j], fmt)
            text = ax.text(cx, cy, label, ha="center", va="center",
                           fontsize=fitted_fontsize(label, fontsize), zorder=3)
            # fitted inside its cell, so it never widens the figure's layout: measuring
            # every label for the constrained layout was most of a first draw
            text.set_in_layout(False)
            _style(rect, text, bool(high[i, j]), bool(copy[i, j]), pal)
            row_rects.append(rect)
            row_texts.append(text)
        rects.append(tuple(row_rects))
        texts.append(tuple(row_texts))
    return CellArtists(tuple(rects), tuple(texts), shape, (ox, oy), fmt, pal, high, copy,
                       fontsize)


def update_cells(
    artists: CellArtists,
    values: np.ndarray | None = None,
    highlight: np.ndarray | None = None,
    copied: np.ndarray | None = None,
) -> None:
    """Rewrite values and/or restyle cells of a drawn grid in place (no new artists).

    ``None`` leaves that aspect as it is; a mask restyles every cell. Shapes must match
    the drawn grid (``ValueError`` otherwise).
    """
    shape = artists.shape
    if values is not None:
        grid = _as_grid(values)
        if grid.shape != shape:
            raise ValueError(f"values of shape {grid.shape} do not fit a grid of {shape}")
        for i in range(shape[0]):
            for j in range(shape[1]):
                label = format_value(grid[i, j], artists.fmt)
                artists.texts[i][j].set_text(label)
                artists.texts[i][j].set_fontsize(fitted_fontsize(label, artists.fontsize))
    if highlight is None and copied is None:
        return
    if highlight is not None:
        artists.highlighted[...] = _as_mask(highlight, shape)
    if copied is not None:
        artists.copied[...] = _as_mask(copied, shape)
    for i in range(shape[0]):
        for j in range(shape[1]):
            _style(artists.rects[i][j], artists.texts[i][j], bool(artists.highlighted[i, j]),
                   bool(artists.copied[i, j]), artists.palette)
