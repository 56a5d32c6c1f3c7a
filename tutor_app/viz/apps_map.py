"""Lesson 1 drawings: AI ⊃ ML ⊃ DL as nested sets, the application map, and the tensors that
go in and out of a model, one cell per axis. Axes in, artists out; no Qt, no pyplot.
"""

from __future__ import annotations

import textwrap
import unicodedata
from dataclasses import dataclass

from matplotlib.axes import Axes
from matplotlib.patches import ConnectionPatch, Ellipse, FancyArrowPatch, FancyBboxPatch, Rectangle

from tutor_app.viz.style import FONT_SIZE, Palette, palette

SET_COLORS = ("#e8f0fe", "#d2e3fc", "#aecbfa")   # AI, ML, DL fills, outer to inner
SET_EDGES = ("#5f6368", "#1967d2", "#174ea6")


@dataclass(frozen=True)
class TensorView:
    """One tensor to draw: a title, (axis label, size text) per axis and a caption."""

    title: str
    axes: tuple[tuple[str, str], ...]
    caption: str


def _columns(label: str) -> int:
    """Display width in Latin-letter columns: a CJK character is two columns wide."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in label)


def _wrap(label: str, width: int) -> str:
    """Break a label wider than ``width`` columns: Latin text on spaces, CJK text before a
    full-width bracket ("文字生成（GPT-3）" overflowed its tile on one line)."""
    if _columns(label) <= width:
        return label
    if " " in label:
        return "\n".join(textwrap.wrap(label, width, break_long_words=False))
    head, bracket, tail = label.partition("（")
    return f"{head}\n{bracket}{tail}" if bracket and head else label


def _blank(ax: Axes, pal: Palette) -> None:
    ax.set_xlim(0, 100)
    ax.set_ylim(0, 100)
    ax.set_axis_off()
    ax.set_facecolor(pal.background)


def draw_nested_sets(ax: Axes, labels: tuple[str, str, str], *,
                     pal: Palette | None = None) -> list:
    """Three nested ellipses, outermost first: AI ⊃ ML ⊃ DL.

    Each label sits in the middle of its own ring (between its ellipse's top and the next
    one's), a long Latin label one word a line: on one line "Artificial intelligence" was
    wider than the ring and the circles crossed it.
    """
    pal = pal or palette()
    _blank(ax, pal)
    artists = []
    boxes = ((50, 48, 96, 92), (50, 36, 78, 64), (50, 26, 56, 38))
    tops = [cy + h / 2 for _, cy, _, h in boxes]
    for k, ((cx, cy, w, h), fill, edge, label) in enumerate(
            zip(boxes, SET_COLORS, SET_EDGES, labels, strict=True)):
        artists.append(ax.add_patch(Ellipse((cx, cy), w, h, facecolor=fill, edgecolor=edge,
                                            linewidth=1.5)))
        y = (tops[k] + tops[k + 1]) / 2 if k + 1 < len(boxes) else cy
        text = label.replace(" ", "\n") if _columns(label) > 8 else label
        artists.append(ax.text(cx, y, text, ha="center", va="center",
                               fontsize=FONT_SIZE + 1, color=edge, fontweight="bold",
                               linespacing=1.1))
    return artists


def draw_application_map(ax: Axes, entries: list[tuple[str, str, int, int]],
                         group_labels: list[str], selected: str, title: str, *,
                         pal: Palette | None = None) -> dict[str, FancyBboxPatch]:
    """A grid of clickable tiles, one column per group.

    ``entries`` are ``(key, label, column, row)``. Returns the tiles by key; each has
    ``picker=True`` and its key as ``gid`` so a canvas can tell which one was clicked.
    """
    pal = pal or palette()
    _blank(ax, pal)
    ax.set_title(title, fontsize=FONT_SIZE, color=pal.text)
    columns = max(len(group_labels), 1)
    col_w = 100 / columns
    for col, label in enumerate(group_labels):
        ax.text(col * col_w + col_w / 2, 95, _wrap(label, 14), ha="center", va="center",
                fontsize=FONT_SIZE - 1, color=pal.muted, fontweight="bold")
    tiles: dict[str, FancyBboxPatch] = {}
    for key, label, col, row in entries:
        x0 = col * col_w + 1.5
        y0 = 62 - row * 29
        chosen = key == selected
        tile = FancyBboxPatch((x0, y0), col_w - 3, 24, boxstyle="round,pad=0,rounding_size=3",
                              facecolor=pal.accent if chosen else pal.cell,
                              edgecolor=pal.cell_edge, linewidth=2.0 if chosen else 1.0,
                              picker=True, gid=key)
        ax.add_patch(tile)
        ax.text(x0 + (col_w - 3) / 2, y0 + 12, _wrap(label, 12), ha="center", va="center",
                fontsize=FONT_SIZE - 2, color="#ffffff" if chosen else pal.text)
        tiles[key] = tile
    return tiles


def _draw_tensor(ax: Axes, tensor: TensorView, x0: float, x1: float, y: float,
                 color: str, pal: Palette) -> None:
    n = len(tensor.axes)
    cell_w = min(12.0, (x1 - x0) / max(n, 1))
    start = (x0 + x1) / 2 - cell_w * n / 2
    ax.text((x0 + x1) / 2, y + 13, tensor.title, ha="center", va="bottom",
            fontsize=FONT_SIZE - 1, color=pal.text)
    for i, (name, size) in enumerate(tensor.axes):
        left = start + i * cell_w
        ax.add_patch(Rectangle((left, y), cell_w, 12, facecolor=pal.cell, edgecolor=color,
                               linewidth=1.4))
        ax.text(left + cell_w / 2, y + 8.3, size, ha="center", va="center",
                fontsize=FONT_SIZE, color=color, fontweight="bold")
        ax.text(left + cell_w / 2, y + 3.2, name, ha="center", va="center",
                fontsize=FONT_SIZE - 3, color=pal.text)
    ax.text((x0 + x1) / 2, y - 2, tensor.caption, ha="center", va="top",
            fontsize=FONT_SIZE - 2, color=pal.muted)


def draw_tensor_flow(ax: Axes, inputs: list[TensorView], outputs: list[TensorView],
                     labels: tuple[str, str, str], *, pal: Palette | None = None) -> None:
    """Inputs on the left, the model in the middle, outputs on the right.

    ``labels`` are the words for (input, model, output).
    """
    pal = pal or palette()
    _blank(ax, pal)
    in_word, model_word, out_word = labels
    rows = max(len(inputs), len(outputs), 1)
    band = 30.0
    # Top-aligned under the headings: centred in the Axes, one row of tensors left a wide
    # empty band between the application map and the headings.
    heading_y = 97.0
    top = heading_y - 4
    middle = top - band * rows / 2 - 2   # the model sits level with the middle of the stack
    # Tensors stay clear of the arrows (a wide output used to sit under the arrow head) and
    # of the Axes edge (which clipped half of the first cell's border).
    for tensors, (x0, x1), color in ((inputs, (0.6, 40.5), pal.v),
                                     (outputs, (59.5, 99.4), pal.result)):
        offset = band * (rows - len(tensors)) / 2
        for k, tensor in enumerate(tensors):
            y = top - offset - band * (k + 1) + 9
            _draw_tensor(ax, tensor, x0, x1, y, color, pal)
    ax.text(21, heading_y, in_word, ha="center", va="top", fontsize=FONT_SIZE, color=pal.v,
            fontweight="bold")
    ax.text(79, heading_y, out_word, ha="center", va="top", fontsize=FONT_SIZE,
            color=pal.result, fontweight="bold")
    ax.add_patch(FancyBboxPatch((44.5, middle - 8), 11, 16,
                                boxstyle="round,pad=0,rounding_size=2",
                                facecolor=pal.muted, edgecolor=pal.cell_edge))
    ax.text(50, middle, model_word, ha="center", va="center", fontsize=FONT_SIZE - 1,
            color="#ffffff")
    for start, end in (((41, middle), (44.5, middle)), ((55.5, middle), (59, middle))):
        ax.add_patch(FancyArrowPatch(start, end, arrowstyle="-|>", mutation_scale=12,
                                     color=pal.cell_edge))


def link_sets_to_map(ax_sets: Axes, ax_map: Axes, *, pal: Palette | None = None):
    """A dashed arrow from the DL set to the application map: "these are deep learning"."""
    pal = pal or palette()
    arrow = ConnectionPatch(xyA=(78, 26), coordsA=ax_sets.transData, xyB=(0, 45),
                            coordsB=ax_map.transData, arrowstyle="-|>", linestyle="--",
                            color=SET_EDGES[2], mutation_scale=14, linewidth=1.2)
    arrow.set_in_layout(False)  # an arrow between axes must not squeeze them
    ax_map.add_artist(arrow)
    return arrow
