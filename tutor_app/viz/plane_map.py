"""A 2×2 matrix A as a map of the plane: the unit square and its image (the parallelogram
spanned by A's columns a₁, a₂), a vector x and Ax built tip to tail as x₁·a₁ + x₂·a₂.

Drawn once and updated in place (``update_plane_map``), so a blitted drag of x, a₁ or a₂
only changes artist properties; ``PlaneMapArtists.moving()`` lists what a drag redraws.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.patches import FancyArrowPatch, Polygon
from matplotlib.text import Text

from tutor_app.viz.sidebar import sidebar_text
from tutor_app.viz.style import FONT_SIZE, Palette
from tutor_app.viz.style import palette as default_palette
from tutor_app.viz.vectors import arrow_2d, set_arrow_2d, setup_plane

LIMIT = 4.0


@dataclass
class PlaneMapArtists:
    square: Polygon               # the unit square (faint)
    image: Polygon                # A applied to it: the parallelogram of a₁, a₂
    a1: FancyArrowPatch
    a2: FancyArrowPatch
    x: FancyArrowPatch
    part1: FancyArrowPatch        # x₁·a₁ from the origin
    part2: FancyArrowPatch        # x₂·a₂ from the tip of x₁·a₁
    ax_arrow: FancyArrowPatch     # Ax
    tips: Line2D                  # rings on the draggable tips (x, a₁, a₂)
    labels: dict[str, Text]
    area: Text                    # "det A = …, area = |det A| …" in the sidebar

    def moving(self) -> list[Artist]:
        return [self.image, self.a1, self.a2, self.x, self.part1, self.part2, self.ax_arrow,
                self.tips, *self.labels.values(), self.area]


def draw_plane_map(ax: Axes, palette: Palette | None = None) -> PlaneMapArtists:
    """The empty picture on a square plane; ``update_plane_map`` places everything."""
    pal = palette or default_palette()
    ax.clear()
    setup_plane(ax, LIMIT, pal)
    square = Polygon(np.zeros((4, 2)), closed=True, facecolor=pal.muted, alpha=0.18,
                     edgecolor=pal.muted, linestyle="--", zorder=2)
    image = Polygon(np.zeros((4, 2)), closed=True, facecolor=pal.accent, alpha=0.22,
                    edgecolor=pal.accent, linewidth=1.2, zorder=2)
    ax.add_patch(square)
    ax.add_patch(image)
    zero = (0.0, 0.0)
    a1 = arrow_2d(ax, zero, zero, pal.v)
    a2 = arrow_2d(ax, zero, zero, pal.w)
    part1 = arrow_2d(ax, zero, zero, pal.v, lw=1.2, zorder=3)
    part2 = arrow_2d(ax, zero, zero, pal.w, lw=1.2, zorder=3)
    for part in (part1, part2):
        part.set_linestyle("--")
    x = arrow_2d(ax, zero, zero, pal.muted, lw=1.8)
    ax_arrow = arrow_2d(ax, zero, zero, pal.result, lw=2.6, zorder=5)
    tips = ax.plot([], [], linestyle="none", marker="o", markersize=11, markerfacecolor="none",
                   markeredgecolor=pal.accent, markeredgewidth=1.6, zorder=6)[0]
    names = {"a1": ("a₁", pal.v), "a2": ("a₂", pal.w), "x": ("x", pal.text),
             "ax": ("Ax", pal.result)}
    labels = {key: ax.text(0, 0, text, color=colour, fontsize=FONT_SIZE + 1, fontweight="bold",
                           ha="center", va="center", zorder=7)
              for key, (text, colour) in names.items()}
    area = sidebar_text(ax, color=pal.text, linespacing=1.5)
    return PlaneMapArtists(square, image, a1, a2, x, part1, part2, ax_arrow, tips, labels,
                           area)


def _beyond(tip: np.ndarray, room: float = 0.35) -> tuple[float, float]:
    """A label's place just past a vector's tip, kept inside the plane."""
    length = float(np.hypot(*tip))
    direction = tip / length if length > 1e-12 else np.array([0.7, 0.7])
    x, y = tip + room * direction
    edge = LIMIT - 0.25
    return float(np.clip(x, -edge, edge)), float(np.clip(y, -edge, edge))


def update_plane_map(art: PlaneMapArtists, a: np.ndarray, x: np.ndarray, ax_value: np.ndarray,
                     parts: tuple[np.ndarray, np.ndarray], square_image: np.ndarray,
                     area_text: str) -> None:
    """Place A's columns, the parallelogram, x, the two column parts of Ax and Ax itself."""
    a1, a2 = a[:, 0], a[:, 1]
    art.square.set_xy(np.array([[0, 0], [1, 0], [1, 1], [0, 1]], float))
    art.image.set_xy(square_image)
    zero = (0.0, 0.0)
    set_arrow_2d(art.a1, zero, a1)
    set_arrow_2d(art.a2, zero, a2)
    set_arrow_2d(art.x, zero, x)
    set_arrow_2d(art.part1, zero, parts[0])
    set_arrow_2d(art.part2, parts[0], parts[0] + parts[1])
    set_arrow_2d(art.ax_arrow, zero, ax_value)
    art.tips.set_data([x[0], a1[0], a2[0]], [x[1], a1[1], a2[1]])
    for key, tip in (("a1", a1), ("a2", a2), ("x", x), ("ax", ax_value)):
        art.labels[key].set_position(_beyond(np.asarray(tip, float)))
    art.area.set_text(area_text)
