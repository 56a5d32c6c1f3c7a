"""Vectors in the plane and in space: projections (lesson 4) and parallelograms (lesson 5).

2D drawings are made once and updated in place (``update_*``), so a blitted drag only
changes artist properties; ``*.moving()`` lists what a drag redraws. 3D drawings are
cheap to rebuild and a 3D view redraws fully anyway, so ``draw_*_3d`` return a list the
caller removes with ``remove_artists`` before drawing the next state.
Geometry for drawing (arcs, arrow heads) is computed here; lesson numbers are not.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.patches import FancyArrowPatch, Polygon
from matplotlib.text import Text

from tutor_app.viz.sidebar import sidebar_text, use_sidebar, wrap_lines
from tutor_app.viz.style import Palette
from tutor_app.viz.style import palette as default_palette

Vec = Sequence[float]
INFO_COLUMNS = 27  # what the sidebar holds at 10 pt


def _colour(pal: Palette, key: str) -> str:
    return getattr(pal, key, pal.muted)


# -- 2D building blocks ----------------------------------------------------------------------
def setup_plane(ax: Axes, limit: float, palette: Palette | None = None) -> None:
    """Square, gridded axes centred on the origin with half-width ``limit``, with a sidebar
    on the right for the readout (so it never covers a vector)."""
    pal = palette or default_palette()
    use_sidebar(ax)
    ax.set_xlim(-limit, limit)
    ax.set_ylim(-limit, limit)
    ax.set_aspect("equal")
    ax.grid(True, color=pal.muted, alpha=0.3, linewidth=0.6)
    ax.axhline(0, color=pal.muted, linewidth=0.8, zorder=1)
    ax.axvline(0, color=pal.muted, linewidth=0.8, zorder=1)


def arrow_2d(ax: Axes, start: Vec, end: Vec, colour: str, *, lw: float = 2.2,
             zorder: float = 4) -> FancyArrowPatch:
    arrow = FancyArrowPatch(tuple(start), tuple(end), arrowstyle="-|>", mutation_scale=16,
                            shrinkA=0, shrinkB=0, color=colour, linewidth=lw, zorder=zorder)
    ax.add_patch(arrow)
    set_arrow_2d(arrow, start, end)
    return arrow


def set_arrow_2d(arrow: FancyArrowPatch, start: Vec, end: Vec) -> None:
    """Move an arrow; a zero-length arrow is hidden (it has no direction to draw)."""
    arrow.set_positions(tuple(map(float, start)), tuple(map(float, end)))
    arrow.set_visible(math.dist(start, end) > 1e-12)


def turn_arc_points(a: Vec, b: Vec, radius: float, n: int = 40) -> np.ndarray:
    """Points of the short arc from direction ``a`` to direction ``b`` (2D), shape (n, 2)."""
    start = math.atan2(a[1], a[0])
    delta = (math.atan2(b[1], b[0]) - start + math.pi) % (2 * math.pi) - math.pi
    t = start + np.linspace(0.0, delta, n)
    return radius * np.column_stack([np.cos(t), np.sin(t)])


def right_angle_points(v: Vec, w: Vec, foot: Vec, size: float = 0.18) -> np.ndarray | None:
    """The little square marking the right angle at the foot point, or None when v lies on
    the line of w (no perpendicular to mark)."""
    drop = np.subtract(v, foot)
    along = np.asarray(w, float)
    if np.hypot(*drop) < 2 * size or np.hypot(*along) < 1e-12:
        return None
    d = size * drop / np.hypot(*drop)
    # the leg along w points back towards the origin side of the foot, inside the triangle
    a = -size * along / np.hypot(*along) if np.dot(foot, along) > 0 else size * along / np.hypot(
        *along)
    f = np.asarray(foot, float)
    return np.array([f + a, f + a + d, f + d])


def _arc_radius(a: Vec, b: Vec) -> float:
    return max(0.15, min(0.8, 0.3 * min(math.hypot(*a), math.hypot(*b))))


def _set_turn(arc: Line2D, head: Line2D, a: Vec, b: Vec, visible: bool) -> None:
    arc.set_visible(visible)
    head.set_visible(visible)
    if not visible:
        return
    pts = turn_arc_points(a, b, _arc_radius(a, b))
    arc.set_data(pts[:, 0], pts[:, 1])
    dx, dy = pts[-1] - pts[-2]
    head.set_data([pts[-1, 0]], [pts[-1, 1]])
    head.set_marker((3, 0, math.degrees(math.atan2(dy, dx)) - 90))


def _label(ax: Axes, xy: Vec, text: str, colour: str) -> Line2D:
    """A vector's name as a mathtext *marker*: its glyph path is built once, so redrawing it
    in every drag frame costs a path fill, not a text layout."""
    label = ax.plot([], [], linestyle="none", marker=f"$\\mathbf{{{text}}}$", markersize=11,
                    color=colour, zorder=6)[0]
    _place_label(label, xy)
    return label


def _place_label(label: Line2D, xy: Vec) -> None:
    """Just beyond the tip, along the vector (up-right for the zero vector)."""
    length = math.hypot(*xy)
    dx, dy = (xy[0] / length, xy[1] / length) if length > 1e-12 else (0.7, 0.7)
    x, y = xy[0] + 0.3 * dx, xy[1] + 0.3 * dy
    if label.axes is not None:  # a tip near the edge keeps its name inside the plot
        (x0, x1), (y0, y1) = sorted(label.axes.get_xlim()), sorted(label.axes.get_ylim())
        margin = 0.04 * (x1 - x0)
        x = min(max(x, x0 + margin), x1 - margin)
        y = min(max(y, y0 + margin), y1 - margin)
    label.set_data([x], [y])


def _info(ax: Axes, pal: Palette) -> Text:
    """The readout box, beside the plot (``viz.sidebar``), not over it."""
    return sidebar_text(ax, color=pal.text, linespacing=1.5,
                        bbox={"boxstyle": "round,pad=0.5", "facecolor": pal.background,
                              "edgecolor": pal.muted})


def _place_vector_pair(a: Projection2DArtists | SignedArea2DArtists, v: Vec, w: Vec) -> None:
    """v and w from the origin, the rings on their tips and their labels (lessons 4 and 5)."""
    set_arrow_2d(a.v, (0, 0), v)
    set_arrow_2d(a.w, (0, 0), w)
    a.tips.set_data([v[0], w[0]], [v[1], w[1]])
    _place_label(a.v_label, v)
    _place_label(a.w_label, w)


def _show_info(box: Text, info: str, colour: str) -> None:
    """The figure's info box: wrapped text, framed in the sign colour."""
    box.set_text(wrap_lines(info, INFO_COLUMNS))
    box.set_visible(bool(info))  # an empty info box is hidden (e.g. while dragging)
    box.get_bbox_patch().set_edgecolor(colour)


# -- lesson 4: projection in 2D --------------------------------------------------------------
@dataclass(frozen=True)
class Projection2DArtists:
    v: FancyArrowPatch
    w: FancyArrowPatch
    projection: FancyArrowPatch
    perpendicular: Line2D
    foot: Line2D
    right_angle: Line2D
    w_line: Line2D
    arc: Line2D
    arc_head: Line2D
    tips: Line2D
    v_label: Line2D
    w_label: Line2D
    info: Text
    palette: Palette

    def moving(self) -> list[Artist]:
        """Everything a drag changes."""
        return [self.w_line, self.perpendicular, self.right_angle, self.projection, self.foot,
                self.arc,
                self.arc_head, self.w,
                self.v, self.tips, self.v_label, self.w_label, self.info]


def draw_projection_2d(ax: Axes, v: Vec, w: Vec, foot: Vec | None, *, sign_key: str = "muted",
                       info: str = "", palette: Palette | None = None) -> Projection2DArtists:
    """v, w, the projection of v on w (arrow to ``foot``), the dashed perpendicular, θ's arc.

    ``foot`` is ``None`` when the projection is undefined (w = 0); ``sign_key`` names the
    palette colour of the sign of v·w (``positive``/``zero``/``negative``/``muted``).
    """
    pal = palette or default_palette()
    artists = Projection2DArtists(
        v=arrow_2d(ax, (0, 0), v, pal.v),
        w=arrow_2d(ax, (0, 0), w, pal.w),
        projection=arrow_2d(ax, (0, 0), foot or (0, 0), pal.result, lw=4.0, zorder=5),
        perpendicular=ax.plot([], [], linestyle="--", color=pal.muted, lw=1.5, zorder=3)[0],
        foot=ax.plot([], [], "o", color=pal.result, markersize=6, zorder=6)[0],
        right_angle=ax.plot([], [], color=pal.muted, lw=1.2, zorder=3)[0],
        w_line=ax.plot([], [], linestyle=":", color=pal.w, alpha=0.5, lw=1.0, zorder=1)[0],
        arc=ax.plot([], [], color=pal.muted, lw=2.0, zorder=5)[0],
        arc_head=ax.plot([], [], linestyle="none", color=pal.muted, markersize=7, zorder=5)[0],
        tips=ax.plot([], [], "o", color=pal.text, markersize=7, markerfacecolor="none",
                     zorder=6)[0],
        v_label=_label(ax, v, "v", pal.v),
        w_label=_label(ax, w, "w", pal.w),
        info=_info(ax, pal),
        palette=pal,
    )
    update_projection_2d(artists, v, w, foot, sign_key=sign_key, info=info)
    return artists


def update_projection_2d(a: Projection2DArtists, v: Vec, w: Vec, foot: Vec | None, *,
                         sign_key: str = "muted", info: str = "") -> None:
    colour = _colour(a.palette, sign_key)
    _place_vector_pair(a, v, w)
    has_foot = foot is not None
    if has_foot:
        set_arrow_2d(a.projection, (0, 0), foot)
        a.perpendicular.set_data([v[0], foot[0]], [v[1], foot[1]])
        a.foot.set_data([foot[0]], [foot[1]])
    else:
        a.projection.set_visible(False)
    # the whole line through w, so a foot point behind the origin still sits on something
    length = math.hypot(*w)
    if length > 1e-12:
        far = 1e3 / length
        a.w_line.set_data([-far * w[0], far * w[0]], [-far * w[1], far * w[1]])
    a.w_line.set_visible(length > 1e-12)
    corner = right_angle_points(v, w, foot) if has_foot else None
    if corner is not None:
        a.right_angle.set_data(corner[:, 0], corner[:, 1])
    a.right_angle.set_visible(corner is not None)
    a.perpendicular.set_visible(has_foot)
    a.foot.set_visible(has_foot)
    both = math.hypot(*v) > 1e-12 and math.hypot(*w) > 1e-12
    _set_turn(a.arc, a.arc_head, w, v, both)
    a.arc.set_color(colour)
    a.arc_head.set_color(colour)
    _show_info(a.info, info, colour)


# -- lesson 5: signed area in 2D -------------------------------------------------------------
@dataclass(frozen=True)
class SignedArea2DArtists:
    v: FancyArrowPatch
    w: FancyArrowPatch
    area: Polygon
    turn: Line2D
    turn_head: Line2D
    tips: Line2D
    v_label: Line2D
    w_label: Line2D
    info: Text
    palette: Palette

    def moving(self) -> list[Artist]:
        return [self.area, self.turn, self.turn_head, self.w, self.v, self.tips, self.v_label,
                self.w_label, self.info]


def draw_signed_area_2d(ax: Axes, v: Vec, w: Vec, *, sign_key: str = "muted", info: str = "",
                        palette: Palette | None = None) -> SignedArea2DArtists:
    """The parallelogram of v and w, shaded by the sign of det[v w], with the turn v → w."""
    pal = palette or default_palette()
    artists = SignedArea2DArtists(
        v=arrow_2d(ax, (0, 0), v, pal.v),
        w=arrow_2d(ax, (0, 0), w, pal.w),
        area=ax.add_patch(Polygon(np.zeros((4, 2)), closed=True, alpha=0.3, zorder=2)),
        turn=ax.plot([], [], lw=2.0, zorder=5)[0],
        turn_head=ax.plot([], [], linestyle="none", markersize=8, zorder=5)[0],
        tips=ax.plot([], [], "o", color=pal.text, markersize=7, markerfacecolor="none",
                     zorder=6)[0],
        v_label=_label(ax, v, "v", pal.v),
        w_label=_label(ax, w, "w", pal.w),
        info=_info(ax, pal),
        palette=pal,
    )
    update_signed_area_2d(artists, v, w, sign_key=sign_key, info=info)
    return artists


def update_signed_area_2d(a: SignedArea2DArtists, v: Vec, w: Vec, *, sign_key: str = "muted",
                          info: str = "") -> None:
    colour = _colour(a.palette, sign_key)
    _place_vector_pair(a, v, w)
    a.area.set_xy([(0, 0), tuple(v), (v[0] + w[0], v[1] + w[1]), tuple(w)])
    a.area.set_facecolor(colour)
    a.area.set_edgecolor(colour)
    both = math.hypot(*v) > 1e-12 and math.hypot(*w) > 1e-12
    _set_turn(a.turn, a.turn_head, v, w, both)
    a.turn.set_color(colour)
    a.turn_head.set_color(colour)
    _show_info(a.info, info, colour)
