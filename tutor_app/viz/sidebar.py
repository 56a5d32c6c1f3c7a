"""A square plot with a column beside it for readouts and legends, so no box hides the data.

A readout drawn *inside* the Axes sooner or later sits on a vector the learner dragged under
it. ``use_sidebar(ax)`` instead keeps the square Axes on the left of the figure and leaves a
column of ``sidebar_pt`` points on its right; ``sidebar_text`` and ``sidebar_legend`` put
artists there. The Axes is placed at draw time from the figure's current size (an Axes
locator), so a resized canvas and an export at another dpi look the same.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from matplotlib.axes import Axes
from matplotlib.legend import Legend
from matplotlib.text import Text
from matplotlib.transforms import Bbox, offset_copy

from tutor_app.viz.style import FONT_SIZE

GAP_PT = 10.0      # between the Axes and the sidebar's text
SIDEBAR_PT = 160.0


@dataclass(frozen=True)
class SquareWithSidebar:
    """Axes locator: the largest square that leaves the margins and the sidebar free.

    Margins are in points (tick labels need ``left_pt``/``bottom_pt``); the square and the
    sidebar together are centred horizontally, the square is top-aligned.
    """

    sidebar_pt: float = SIDEBAR_PT
    left_pt: float = 34.0
    bottom_pt: float = 24.0
    top_pt: float = 10.0
    right_pt: float = 6.0

    def box(self, width_pt: float, height_pt: float) -> tuple[float, float, float, float]:
        """``(x0, y0, side, side)`` of the square in points, for a figure of that size."""
        room_w = width_pt - self.left_pt - self.sidebar_pt - self.right_pt
        room_h = height_pt - self.bottom_pt - self.top_pt
        side = max(20.0, min(room_w, room_h))
        block = self.left_pt + side + self.sidebar_pt + self.right_pt
        x0 = max(0.0, (width_pt - block) / 2) + self.left_pt
        y0 = height_pt - self.top_pt - side
        return x0, y0, side, side

    def __call__(self, ax: Axes, renderer=None) -> Bbox:
        width_in, height_in = ax.figure.get_size_inches()
        width_pt, height_pt = 72.0 * width_in, 72.0 * height_in
        x0, y0, w, h = self.box(width_pt, height_pt)
        return Bbox.from_bounds(x0 / width_pt, y0 / height_pt, w / width_pt, h / height_pt)


def use_sidebar(ax: Axes, **margins: float) -> SquareWithSidebar:
    """Place ``ax`` as a square with a sidebar on its right (turns the figure's layout
    engine off: the locator decides the Axes' place)."""
    locator = SquareWithSidebar(**margins)
    ax.figure.set_layout_engine("none")
    ax.set_axes_locator(locator)
    return locator


def sidebar_text(ax: Axes, y: float = 1.0, *, va: str = "top", gap_pt: float = GAP_PT,
                 **kwargs) -> Text:
    """An empty text in the sidebar, left-aligned, at height ``y`` (Axes fraction).

    ``gap_pt`` is the distance from the Axes (a 3D Axes' tick labels stick out further).
    """
    transform = offset_copy(ax.transAxes, fig=ax.figure, x=gap_pt, y=0, units="points")
    style = {"fontsize": FONT_SIZE, "ha": "left", "va": va, "zorder": 7}
    style.update(kwargs)
    write = getattr(ax, "text2D", ax.text)   # a 3D Axes' text() wants x, y and z
    text = write(1.0, y, "", transform=transform, **style)
    text.set_clip_on(False)
    return text


def sidebar_legend(ax: Axes, **kwargs) -> Legend:
    """The Axes' legend at the top of the sidebar."""
    style = {"loc": "upper left", "bbox_to_anchor": (1.0, 1.0), "borderaxespad": 0.0,
             "fontsize": FONT_SIZE - 1, "frameon": False}
    style.update(kwargs)
    legend = ax.legend(**style)
    # bbox_to_anchor is in Axes fractions; shift by the gap so it lines up with the texts
    legend.set_bbox_to_anchor((1.0, 1.0), transform=offset_copy(
        ax.transAxes, fig=ax.figure, x=GAP_PT - 4, y=0, units="points"))
    return legend


def display_width(text: str) -> int:
    """Columns ``text`` takes: Chinese characters count twice."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _tokens(line: str) -> list[str]:
    """Words, spaces and single Chinese characters: the places a line may break."""
    tokens: list[str] = []
    word = ""
    for char in line:
        if char == " " or display_width(char) == 2:
            if word:
                tokens.append(word)
                word = ""
            tokens.append(char)
        else:
            word += char
    if word:
        tokens.append(word)
    return tokens


def wrap_lines(text: str, columns: int = 30) -> str:
    """Wrap each line of ``text`` to ``columns`` (Chinese counted double), for the sidebar.

    Breaks at spaces and between Chinese characters; a word longer than a line stays whole.
    """
    out: list[str] = []
    for line in text.split("\n"):
        current = ""
        for token in _tokens(line):
            if current and display_width(current + token) > columns:
                out.append(current.rstrip())
                current = "" if token == " " else token
            else:
                current += token
        out.append(current.rstrip())
    return "\n".join(out)
