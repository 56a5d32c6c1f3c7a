"""Unit balls of L1, L2, L∞ and Lp, and a vector with the balls through its tip.

Drawn once; ``update_vector`` and ``update_p`` move existing artists (``NormsPlot.moving``
lists what a drag changes, for blitting). The ball through the tip for norm q is the unit
ball scaled by ‖v‖_q: the tip lies on it, which *is* the picture of ‖v‖_q.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.patches import FancyArrowPatch
from matplotlib.text import Text

from tutor_app.viz.sidebar import sidebar_legend, sidebar_text, use_sidebar, wrap_lines
from tutor_app.viz.style import FONT_SIZE, Palette, palette

NOTE_COLUMNS = 28  # what the sidebar holds at 10 pt
BALL_COLOURS = {"l1": "#d62728", "l2": "#1f77b4", "linf": "#2ca02c", "lp": "#9467bd"}


@dataclass(frozen=True)
class NormsPlot:
    """Handles of the norms figure."""

    ax: Axes
    unit: dict[str, Line2D]       # fixed unit balls (l1, l2, linf) and the p ball
    through: dict[str, Line2D]    # the balls scaled to pass through the tip
    arrow: FancyArrowPatch
    tip: Line2D
    readout: Text
    note: Text

    def moving(self) -> list:
        """What changes while the tip is dragged."""
        return [*self.through.values(), self.arrow, self.tip, self.readout]


def draw_norms(ax: Axes, balls: dict[str, np.ndarray], labels: dict[str, str], *,
               limit: float = 3.0, colours: Palette | None = None) -> NormsPlot:
    """Draw the unit balls ``balls[name]`` ((n, 2) outlines) and an empty vector probe.

    ``balls`` has keys ``l1``, ``l2``, ``linf`` and ``lp``; ``labels`` the legend texts.
    """
    colours = colours or palette()
    ax.axhline(0, color=colours.muted, lw=0.6)
    ax.axvline(0, color=colours.muted, lw=0.6)
    unit, through = {}, {}
    for name, outline in balls.items():
        colour = BALL_COLOURS[name]
        style = "--" if name == "lp" else "-"
        (unit[name],) = ax.plot(outline[:, 0], outline[:, 1], style, color=colour, lw=1.6,
                                alpha=0.9, label=labels.get(name, name))
        (through[name],) = ax.plot([], [], ":", color=colour, lw=1.4)
    through["lp"].set_visible(False)  # the p ball through the tip would crowd the picture
    arrow = FancyArrowPatch((0, 0), (1, 1), arrowstyle="-|>", mutation_scale=18, lw=2.2,
                            color=colours.text, zorder=5, shrinkA=0, shrinkB=0)
    ax.add_patch(arrow)
    (tip,) = ax.plot([1], [1], "o", color=colours.accent, ms=9, zorder=6)
    # Legend, note and readout sit beside the plot: the balls through the tip fill the
    # whole square, so anything drawn inside it would hide part of them.
    use_sidebar(ax)
    readout = sidebar_text(ax, 0.0, va="bottom", color=colours.text, linespacing=1.6,
                           fontsize=FONT_SIZE + 1)
    note = sidebar_text(ax, 0.5, va="center", color=colours.negative)
    ax.set_xlim(-limit, limit)
    ax.set_ylim(-limit, limit)
    ax.set_aspect("equal")
    ax.grid(True, alpha=0.25)
    sidebar_legend(ax)
    return NormsPlot(ax, unit, through, arrow, tip, readout, note)


def update_vector(plot: NormsPlot, v: tuple[float, float], sizes: dict[str, float],
                  text: str = "") -> list:
    """Move the vector to ``v``; ``sizes[name]`` scales unit ball ``name`` through the tip."""
    plot.arrow.set_positions((0.0, 0.0), (float(v[0]), float(v[1])))
    plot.tip.set_data([v[0]], [v[1]])
    for name, line in plot.through.items():
        outline = np.column_stack(plot.unit[name].get_data())
        scaled = outline * float(sizes.get(name, 0.0))
        line.set_data(scaled[:, 0], scaled[:, 1])
    plot.readout.set_text(text)
    return plot.moving()


def update_p(plot: NormsPlot, outline: np.ndarray, label: str, note: str = "") -> list:
    """Replace the Lp ball's outline and legend label; show ``note`` (e.g. "not a norm")."""
    plot.unit["lp"].set_data(outline[:, 0], outline[:, 1])
    plot.unit["lp"].set_label(label)
    plot.note.set_text(wrap_lines(note, NOTE_COLUMNS))
    legend = plot.ax.get_legend()
    if legend is not None:
        for text, line in zip(legend.get_texts(), plot.unit.values(), strict=False):
            text.set_text(line.get_label())
    return [plot.unit["lp"], plot.note]
