"""Vectors in space (mplot3d): projection (lesson 4) and cross product with the right-hand rule
(lesson 5).

A 3D view redraws fully on every change or rotation, so these functions simply draw the
state and return their artists; the caller passes them to ``remove_artists`` before
drawing the next state. The Axes must be a ``projection="3d"`` Axes.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
from matplotlib.artist import Artist
from matplotlib.ticker import Locator, MaxNLocator
from mpl_toolkits.mplot3d import proj3d
from mpl_toolkits.mplot3d.art3d import Poly3DCollection

from tutor_app.viz.sidebar import SquareWithSidebar, sidebar_text, wrap_lines
from tutor_app.viz.style import FONT_SIZE, Palette
from tutor_app.viz.style import palette as default_palette

Vec = Sequence[float]
TINY = 1e-12


SIDEBAR_GAP_3D_PT = 34.0  # the z tick labels stand out to the right of a 3D Axes
ZOOM = 1.25              # Matplotlib leaves a wide empty margin around a 3D box
PX_PER_TICK = 34.0       # on screen, tick labels of one axis are at least this far apart


def projected_length_px(ax, index: int) -> float:
    """On-screen length, in pixels, of the 3D Axes' x (0), y (1) or z (2) range as the
    current view draws it: short when the learner looks along that axis."""
    limits = [ax.get_xlim3d(), ax.get_ylim3d(), ax.get_zlim3d()]
    middle = [sum(lim) / 2 for lim in limits]
    ends = np.array([middle, middle], dtype=float)
    ends[:, index] = limits[index]
    xs, ys, _ = proj3d.proj_transform(ends[:, 0], ends[:, 1], ends[:, 2], ax.get_proj())
    (x0, y0), (x1, y1) = ax.transData.transform(np.column_stack([xs, ys]))
    return float(np.hypot(x1 - x0, y1 - y0))


class ForeshortenedLocator(Locator):
    """Ticks for one axis of a 3D Axes, fewer as the view foreshortens it: looked at end-on,
    a fixed set of ticks piled its labels on one spot. Asked at draw time, so it follows
    every rotation (slider or mouse)."""

    def __init__(self, index: int, px_per_tick: float = PX_PER_TICK):
        self.index = index
        self.px_per_tick = px_per_tick

    def __call__(self):
        low, high = self.axis.get_view_interval()
        return self.tick_values(low, high)

    def tick_values(self, vmin, vmax):
        slots = int(projected_length_px(self.axis.axes, self.index) // self.px_per_tick)
        if slots < 2:
            return []       # seen end-on: no room for two labels
        return MaxNLocator(nbins=slots, steps=[1, 2, 5, 10]).tick_values(vmin, vmax)


def setup_space(ax, limit: float, palette: Palette | None = None) -> None:
    """A cube of half-width ``limit`` around the origin, equal scale on x, y, z."""
    pal = palette or default_palette()
    ax.set_xlim(-limit, limit)
    ax.set_ylim(-limit, limit)
    ax.set_zlim(-limit, limit)
    ax.set_box_aspect((1, 1, 1), zoom=ZOOM)
    ax.set_xlabel("x")
    ax.set_ylabel("y")
    ax.set_zlabel("z")
    for index, axis in enumerate((ax.xaxis, ax.yaxis, ax.zaxis)):
        axis.pane.set_alpha(0.04)
        axis.set_major_locator(ForeshortenedLocator(index))
    for start, end in (((-limit, 0, 0), (limit, 0, 0)), ((0, -limit, 0), (0, limit, 0)),
                       ((0, 0, -limit), (0, 0, limit))):
        ax.plot(*zip(start, end, strict=True), color=pal.muted, linewidth=0.7)


def space_limit(*vectors: Vec, minimum: float = 2.0) -> float:
    """A round half-width that fits every vector (and their sums), so the view stays still."""
    biggest = max([minimum] + [float(np.max(np.abs(v))) for v in vectors if len(v)])
    return float(np.ceil(biggest * 1.15))


def parallelogram_limit(v: Vec, w: Vec, cross: Vec) -> float:
    """``space_limit`` for the parallelogram of v and w (its far corner v + w) and v × w."""
    return space_limit(v, w, cross, np.add(v, w))


def remove_artists(artists: Iterable[Artist]) -> None:
    for artist in artists:
        artist.remove()


def arrow_3d(ax, end: Vec, colour: str, *, start: Vec = (0, 0, 0), lw: float = 2.4,
             label: str | None = None) -> list[Artist]:
    """An arrow (quiver) from ``start`` to ``end``; nothing for a zero vector."""
    d = np.asarray(end, float) - np.asarray(start, float)
    if np.linalg.norm(d) < TINY:
        return []
    out: list[Artist] = [ax.quiver(*start, *d, color=colour, linewidth=lw,
                                   arrow_length_ratio=0.12)]
    if label:
        out.append(ax.text(*(np.asarray(end, float) * 1.06), label, color=colour,
                           fontsize=FONT_SIZE + 2, fontweight="bold"))
    return out


def turn_arc_3d(a: Vec, b: Vec, radius: float, n: int = 40) -> np.ndarray | None:
    """Points (n, 3) of the arc from direction ``a`` to ``b`` in their plane; None if parallel."""
    a, b = np.asarray(a, float), np.asarray(b, float)
    na, nb = np.linalg.norm(a), np.linalg.norm(b)
    if na < TINY or nb < TINY:
        return None
    e1 = a / na
    perp = b / nb - np.dot(b / nb, e1) * e1
    if np.linalg.norm(perp) < 1e-9:
        return None
    e2 = perp / np.linalg.norm(perp)
    angle = np.arctan2(np.dot(b / nb, e2), np.dot(b / nb, e1))
    t = np.linspace(0.0, angle, n)[:, None]
    return radius * (np.cos(t) * e1 + np.sin(t) * e2)


def _curved_arrow(ax, pts: np.ndarray, colour: str) -> list[Artist]:
    line = ax.plot(pts[:, 0], pts[:, 1], pts[:, 2], color=colour, linewidth=2.2)[0]
    tangent = pts[-1] - pts[-3]
    head = ax.quiver(*pts[-3], *tangent, color=colour, linewidth=2.2, arrow_length_ratio=1.0)
    return [line, head]


def draw_projection_3d(ax, v: Vec, w: Vec, foot: Vec | None, *, sign_key: str = "muted",
                       palette: Palette | None = None) -> list[Artist]:
    """v, w, the projection of v on w (to ``foot``), the dashed perpendicular and θ's arc."""
    pal = palette or default_palette()
    colour = getattr(pal, sign_key, pal.muted)
    out = arrow_3d(ax, v, pal.v, label="v") + arrow_3d(ax, w, pal.w, label="w")
    if foot is not None:
        out += arrow_3d(ax, foot, pal.result, lw=4.0)
        out += ax.plot(*zip(v, foot, strict=True), linestyle="--", color=pal.muted, linewidth=1.5)
        out += ax.plot([foot[0]], [foot[1]], [foot[2]], "o", color=pal.result, markersize=5)
    radius = 0.3 * min(np.linalg.norm(v), np.linalg.norm(w))
    arc = turn_arc_3d(w, v, max(radius, 0.15))
    if arc is not None:
        out += ax.plot(arc[:, 0], arc[:, 1], arc[:, 2], color=colour, linewidth=2.0)
    return out


def draw_cross_3d(ax, v: Vec, w: Vec, cross: Vec, *, show_hand: bool = True,
                  labels: dict[str, str] | None = None, info: str = "",
                  palette: Palette | None = None) -> list[Artist]:
    """v, w, v × w, the shaded parallelogram of v and w and the right-hand rule.

    The rule is drawn as the curl of the fingers (a curved arrow from v to w) and a ring
    turning the same way around the thumb, which points along v × w.
    """
    pal = palette or default_palette()
    names = {"v": "v", "w": "w", "cross": "v × w", **(labels or {})}
    v, w, cross = (np.asarray(x, float) for x in (v, w, cross))
    corners = np.array([np.zeros(3), v, v + w, w])
    area = Poly3DCollection([corners], facecolor=pal.result, edgecolor=pal.result, alpha=0.25)
    ax.add_collection3d(area)
    out: list[Artist] = [area]
    out += arrow_3d(ax, v, pal.v, label=names["v"]) + arrow_3d(ax, w, pal.w, label=names["w"])
    out += arrow_3d(ax, cross, pal.accent, lw=3.0, label=names["cross"])
    if info:  # the numbers travel with an exported figure
        if isinstance(ax.get_axes_locator(), SquareWithSidebar):  # beside the cube
            text = sidebar_text(ax, gap_pt=SIDEBAR_GAP_3D_PT, color=pal.text, linespacing=1.5)
            text.set_text(wrap_lines(info, 32))
            out.append(text)
        else:
            out.append(ax.text2D(0.02, 0.98, info, transform=ax.transAxes, ha="left",
                                 va="top", fontsize=FONT_SIZE, color=pal.text))
    if not show_hand:
        return out
    radius = 0.35 * min(np.linalg.norm(v), np.linalg.norm(w))
    fingers = turn_arc_3d(v, w, max(radius, 0.2))
    if fingers is not None:
        out += _curved_arrow(ax, fingers, pal.accent)
    n = np.linalg.norm(cross)
    if n > TINY and np.linalg.norm(v) > TINY:
        axis = cross / n
        e1 = v / np.linalg.norm(v)
        e2 = np.cross(axis, e1)
        ring_r = 0.12 * space_limit(v, w, cross)
        t = np.linspace(0.0, 1.7 * np.pi, 40)[:, None]
        ring = 0.6 * cross + ring_r * (np.cos(t) * e1 + np.sin(t) * e2)
        out += _curved_arrow(ax, ring, pal.accent)
    return out
