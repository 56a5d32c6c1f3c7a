"""Contour plots with a gradient probe: ∇f (uphill), −∇f (downhill), the level line, a path.

Drawn once; ``update_probe`` and ``update_path`` only move existing artists, so a dragged
point can be blitted. Arrows have a fixed on-screen length: their *direction* is the lesson
(perpendicular to the level line); the gradient's size is shown as text.
"""

from __future__ import annotations

from dataclasses import dataclass

import contourpy
import numpy as np
from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.patches import FancyArrowPatch
from matplotlib.text import Text
from matplotlib.ticker import MaxNLocator
from matplotlib.transforms import offset_copy

from tutor_app.viz.style import FONT_SIZE, Palette, palette


@dataclass(frozen=True)
class FieldPlot:
    """Handles of a contour plot and its probe (kept to move them without redrawing)."""

    ax: Axes
    x: np.ndarray
    y: np.ndarray
    z: np.ndarray
    level_line: Line2D        # the contour through the probe point
    point: Line2D
    uphill: FancyArrowPatch   # +∇f
    downhill: FancyArrowPatch  # −∇f
    path: Line2D              # gradient-descent iterates
    label: Text

    def moving(self) -> list:
        """Artists that change when the probe moves (for blitting)."""
        return [self.level_line, self.point, self.uphill, self.downhill, self.path, self.label]


def level_lines(x: np.ndarray, y: np.ndarray, z: np.ndarray, level: float) -> np.ndarray:
    """Vertices of the contour ``z = level`` as one (k, 2) array, pieces split by NaN rows."""
    pieces = contourpy.contour_generator(x, y, z).lines(level)
    if not pieces:
        return np.empty((0, 2))
    nan = np.full((1, 2), np.nan)
    return np.concatenate([np.vstack([p, nan]) for p in pieces])


def draw_field(ax: Axes, x: np.ndarray, y: np.ndarray, z: np.ndarray, *, levels: int = 18,
               title: str = "", colours: Palette | None = None) -> FieldPlot:
    """Filled contours of z on the grid (x, y), with an (initially hidden) gradient probe."""
    colours = colours or palette()
    ax.contourf(x, y, z, levels=levels, cmap="Blues", alpha=0.55)
    ax.contour(x, y, z, levels=levels, colors=colours.cell_edge, linewidths=0.5, alpha=0.6)
    ax.set_aspect("equal")  # perpendicular must look perpendicular
    ax.set_xlim(float(x.min()), float(x.max()))
    ax.set_ylim(float(y.min()), float(y.max()))
    for axis in (ax.xaxis, ax.yaxis):  # whole numbers: -2 … 2 rather than every 0.5
        axis.set_major_locator(MaxNLocator(nbins=5, steps=[1, 2, 5, 10]))
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    if title:
        ax.set_title(title, fontsize=FONT_SIZE)
    (level,) = ax.plot([], [], color=colours.accent, lw=2.0, zorder=4)
    (path,) = ax.plot([], [], "o-", color=colours.negative, ms=3, lw=1.2, zorder=5)
    (point,) = ax.plot([], [], "o", color=colours.text, ms=7, zorder=7)
    # shrinkA/B = 0: no Bézier clipping at the ends, which dominated a blitted frame.
    style = dict(arrowstyle="-|>", mutation_scale=16, lw=2.2, zorder=6, shrinkA=0, shrinkB=0)
    uphill = FancyArrowPatch((0, 0), (0, 0), color=colours.grad, **style)
    downhill = FancyArrowPatch((0, 0), (0, 0), color=colours.result, **style)
    for arrow in (uphill, downhill):
        arrow.set_visible(False)
        ax.add_patch(arrow)
    # ∇f at the probe: under the plot, on the row of the x label but right-aligned, so it
    # never hides the probe, its arrows or the descent path (it sat in a corner of the plot).
    below = offset_copy(ax.transAxes, fig=ax.figure, x=0, y=-16, units="points")
    label = ax.text(1.0, 0.0, "", transform=below, fontsize=FONT_SIZE - 1, ha="right",
                    color=colours.text, va="top", zorder=8)
    label.set_in_layout(False)  # the x label's row already makes room; no jump when hidden
    return FieldPlot(ax, x, y, z, level, point, uphill, downhill, path, label)


EDGE_MARGIN = 0.03   # an arrow's tip keeps this share of the view away from the frame


def arrow_length(plot: FieldPlot, fraction: float = 0.16) -> float:
    """A fixed arrow length in data units: a fraction of the shorter side of the view."""
    x0, x1 = plot.ax.get_xlim()
    y0, y1 = plot.ax.get_ylim()
    return fraction * min(abs(x1 - x0), abs(y1 - y0))


def room_along(ax: Axes, start: tuple[float, float], direction: np.ndarray,
               margin: float = EDGE_MARGIN) -> float:
    """How far from ``start`` along unit ``direction`` an arrow may reach and stay inside
    the view, ``margin`` (a fraction of the shorter side) away from the frame: near the
    edge a full-length arrow was cut off by the frame, head and all."""
    (x0, x1), (y0, y1) = sorted(ax.get_xlim()), sorted(ax.get_ylim())
    pad = margin * min(x1 - x0, y1 - y0)
    lows, highs = (x0 + pad, y0 + pad), (x1 - pad, y1 - pad)
    room = np.inf
    for k in range(2):
        if direction[k] > 1e-12:
            room = min(room, (highs[k] - start[k]) / direction[k])
        elif direction[k] < -1e-12:
            room = min(room, (lows[k] - start[k]) / direction[k])
    return max(0.0, float(room))


def update_probe(plot: FieldPlot, point: tuple[float, float], value: float,
                 grad: tuple[float, float], text: str = "") -> list:
    """Put the probe at ``point``: its level line, ∇f uphill and −∇f downhill."""
    px, py = point
    plot.point.set_data([px], [py])
    vertices = level_lines(plot.x, plot.y, plot.z, value)
    plot.level_line.set_data(vertices[:, 0], vertices[:, 1])
    g = np.asarray(grad, dtype=float)
    size = float(np.hypot(*g))
    shown = size > 0 and np.isfinite(size)
    if shown:
        unit = g / size
        for arrow, direction in ((plot.uphill, unit), (plot.downhill, -unit)):
            length = min(arrow_length(plot), room_along(plot.ax, (px, py), direction))
            arrow.set_positions((px, py), (px + length * direction[0],
                                           py + length * direction[1]))
            arrow.set_visible(length > 0)
    else:
        for arrow in (plot.uphill, plot.downhill):
            arrow.set_visible(False)
    plot.label.set_text(text)
    return plot.moving()


def update_path(plot: FieldPlot, points: np.ndarray) -> Line2D:
    """Show gradient-descent iterates (k, 2); an empty array hides the path."""
    pts = np.asarray(points, dtype=float).reshape(-1, 2)
    plot.path.set_data(pts[:, 0], pts[:, 1])
    return plot.path
