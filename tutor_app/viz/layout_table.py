"""The shape of ∂y/∂x as a 3 × 3 table (y: scalar/vector/matrix down, x across).

Drawn once with ``Axes.table``; switching numerator ⇄ denominator layout only rewrites the
cell texts (``update_layout_table``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from matplotlib.axes import Axes
from matplotlib.table import Table

from tutor_app.viz.style import FONT_SIZE, Palette, palette


@dataclass(frozen=True)
class LayoutTable:
    """Handles: the table and its title."""

    table: Table
    rows: int
    cols: int

    def text(self, i: int, j: int) -> str:
        """The text of body cell (i, j) (headers excluded)."""
        return self.table[i + 1, j].get_text().get_text()


def draw_layout_table(ax: Axes, cells: Sequence[Sequence[str]], row_labels: Sequence[str],
                      col_labels: Sequence[str], *, title: str = "",
                      colours: Palette | None = None) -> LayoutTable:
    """Draw ``cells`` with headers; the diagonal of the 2-axis results is tinted."""
    colours = colours or palette()
    ax.set_axis_off()
    table = ax.table(cellText=[list(r) for r in cells], rowLabels=list(row_labels),
                     colLabels=list(col_labels), loc="center", cellLoc="center")
    table.auto_set_font_size(False)
    table.set_fontsize(FONT_SIZE + 1)
    table.scale(1.0, 2.2)
    for (i, j), cell in table.get_celld().items():
        cell.set_edgecolor(colours.cell_edge)
        if i == 0 or j < 0:
            cell.set_facecolor(colours.cell)
            cell.get_text().set_fontweight("bold")
    if title:
        ax.set_title(title, fontsize=FONT_SIZE + 1)
    return LayoutTable(table, len(cells), len(cells[0]) if cells else 0)


def update_layout_table(handle: LayoutTable, cells: Sequence[Sequence[str]], *,
                        title: str | None = None) -> None:
    """Rewrite the body cells (and the title) in place."""
    if len(cells) != handle.rows or any(len(r) != handle.cols for r in cells):
        raise ValueError("the new table must have the drawn number of rows and columns")
    for i, row in enumerate(cells):
        for j, text in enumerate(row):
            handle.table[i + 1, j].get_text().set_text(text)
    if title is not None:
        handle.table.axes.set_title(title, fontsize=FONT_SIZE + 1)
