"""Figures of lessons 12 and 13: finite-difference error against h, and measured costs.

Drawing functions take axes and data and return the artists they made (no pyplot).
"""

from __future__ import annotations

import numpy as np
from matplotlib.axes import Axes
from matplotlib.ticker import FuncFormatter, LogLocator, NullFormatter

from tutor_app.viz.style import palette

FORWARD_COLOUR = "#1f77b4"
REVERSE_COLOUR = "#d62728"
_SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def _decade_label(value: float, _pos=None) -> str:
    """``10⁻⁵`` as plain text: Matplotlib's default log labels are mathtext, and parsing
    a dozen of them cost ~0.1-0.2 s of lesson 12's first visit."""
    if value <= 0:
        return ""
    exponent = np.log10(value)
    if not np.isclose(exponent, round(exponent)):
        return f"{value:g}"
    return "10" + str(int(round(exponent))).translate(_SUPERSCRIPT)


def draw_error_vs_h(ax: Axes, h: np.ndarray, errors: dict[str, np.ndarray],
                    best: dict[str, float], *, labels: dict[str, str], title: str,
                    xlabel: str, ylabel: str, theme: str = "light") -> list:
    """Log-log error of each difference scheme against the step h, best h marked."""
    pal = palette(theme)
    colours = {"forward": pal.w, "central": pal.v}
    artists = []
    for key, err in errors.items():
        safe = np.where(err > 0, err, np.nan)
        (line,) = ax.loglog(h, safe, marker="o", ms=3, lw=1.4, color=colours.get(key, pal.text),
                            label=labels[key])
        artists.append(line)
        if key in best:
            artists.append(ax.axvline(best[key], color=colours.get(key, pal.text), ls=":",
                                      lw=1))
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.set_title(title, fontsize=10, wrap=True)
    ax.grid(True, which="major", alpha=0.3)
    # Every third decade labelled: 15 decades of labels overlap in a narrow canvas.
    ax.xaxis.set_major_locator(LogLocator(base=10.0, numticks=6))
    ax.xaxis.set_minor_locator(LogLocator(base=10.0, subs=(1.0,), numticks=20))
    ax.xaxis.set_minor_formatter(NullFormatter())
    ax.xaxis.set_major_formatter(FuncFormatter(_decade_label))
    ax.yaxis.set_major_formatter(FuncFormatter(_decade_label))
    # The legend goes under the plot: inside, it sat on the valley it explains.
    ax.legend(fontsize=8, loc="upper center", bbox_to_anchor=(0.5, -0.2), frameon=False)
    return artists


def draw_costs(ax: Axes, xs: list[int], forward: list[float], reverse: list[float], *,
               title: str, xlabel: str, labels: tuple[str, str], log: bool = False) -> list:
    """Forward- and reverse-mode costs against a growing size, as two marked lines."""
    a = ax.plot(xs, forward, marker="o", color=FORWARD_COLOUR, label=labels[0])
    b = ax.plot(xs, reverse, marker="s", color=REVERSE_COLOUR, label=labels[1])
    if log:
        ax.set_xscale("log", base=2)
        ax.set_yscale("log", base=2)
    ax.set_xticks(xs, [str(x) for x in xs])
    ax.set_title(title, fontsize=9)
    ax.set_xlabel(xlabel, fontsize=8)
    ax.tick_params(labelsize=7)
    ax.grid(True, alpha=0.3)
    ax.legend(fontsize=7)
    return a + b
