"""Draw a computation graph once with Matplotlib primitives; frames only change artists.

Value nodes are rounded boxes (one ``PatchCollection``), op nodes circles (another), edges one
``LineCollection`` plus arrowheads; texts are one ``Text`` per label, kept as handles.
``apply_frame`` touches only what changed since the last frame; ``update_labels`` hides
labels that would not fit or would overlap at the current zoom. Never pyplot, never
networkx's drawing helpers.
"""

from __future__ import annotations

import networkx as nx
import numpy as np
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection, PathCollection, PolyCollection
from matplotlib.colors import to_rgba
from matplotlib.text import Text
from matplotlib.transforms import AffineDeltaTransform

from tutor_app.graph.build import DETACH
from tutor_app.graph.frames import Frame
from tutor_app.graph.gcpause import gc_paused
from tutor_app.graph.layout import echo_key, is_echo
from tutor_app.viz import graph_labels
from tutor_app.viz.cached_text import CachedText
from tutor_app.viz.graph_geometry import (
    BOX_H,
    BOX_W,
    OP_R,
    X_SPACING,
    Y_SPACING,
    box_path,
    edge_paths,
    op_font_size,
    op_half_width,
    op_path,
    op_text,
)
from tutor_app.viz.graph_viewport import READABLE_EM, Viewport
from tutor_app.viz.style import palette, themed_colour

__all__ = ["BOX_H", "BOX_W", "ECHO_DASHES", "FONT", "OP_R", "X_SPACING", "GraphView"]

HIDDEN_FACE = {"light": "#eef0f2", "dark": "#26272a"}   # a value not computed yet
FONT = 8.0
ECHO_DASHES = (0, (2, 2))   # the outline of an echo (a copy of a value drawn near a far use)
CUT_MARK = "✂"           # drawn in a detach() op's circle; its edges are dashed and red


class GraphView(Viewport):
    """A drawn graph on ``ax``; keep it and call ``apply_frame`` for every step.

    ``theme`` ("light" or "dark") picks the palette every frame is coloured with;
    ``set_theme`` switches it for the artists already drawn and every later frame.
    """

    def __init__(self, ax: Axes, graph: nx.MultiDiGraph, positions: dict, *,
                 theme: str = "light", readable_em: float = READABLE_EM):
        """``readable_em``: font sizes per data unit below which the view counts as too
        small to read (how it opens, when following zooms back in)."""
        self.readable_em = readable_em
        with gc_paused():  # thousands of small objects: the collector's scans would triple it
            self._setup(ax, graph, positions, theme)

    def _setup(self, ax: Axes, graph: nx.MultiDiGraph, positions: dict, theme: str) -> None:
        self.ax, self.graph = ax, graph
        self.theme, self.pal = _theme_name(theme), palette(theme)
        self.pos = {n: np.array([p[0] * X_SPACING, p[1] * Y_SPACING])
                    for n, p in positions.items()}
        # echoes (graph.layout.display_layout): dashed copies of a value before its far uses
        self.echo_of = {e: echo_key(e) for e in graph.edges(keys=True)
                        if echo_key(e) in positions}
        self.echoes = list(self.echo_of.values())
        self.echoes_of: dict = {}
        for e, echo in self.echo_of.items():
            self.echoes_of.setdefault(e[0], []).append(echo)
        self.values = [n for n, d in graph.nodes(data=True) if d["kind"] == "value"]
        self.boxes = self.values + self.echoes   # everything drawn as a value box
        self.box_xy = np.array([self.pos[n] for n in self.boxes]).reshape(-1, 2)
        self.ops = [n for n, d in graph.nodes(data=True) if d["kind"] == "op"]
        self.value_index = {n: i for i, n in enumerate(self.values)}
        self.op_index = {n: i for i, n in enumerate(self.ops)}
        self.value_xy = np.array([self.pos[n] for n in self.values]).reshape(-1, 2)
        self.op_xy = np.array([self.pos[n] for n in self.ops]).reshape(-1, 2)
        self.edges = list(graph.edges(keys=True))
        self.edge_index = {e: i for i, e in enumerate(self.edges)}
        self.labelled_edges = [e for e in self.edges if e[2] != "out"]
        self.frame: Frame | None = None
        self.dirty: tuple[set, set] | None = None  # what the last apply_frame changed
        self.texts: dict[tuple, Text] = {}   # (role, node or edge) -> Text, made when first seen
        self._forms: dict[tuple, list[str]] = {}  # (role, node) -> its ladder of forms
        self.dirty_px: list[tuple] = []  # pixel boxes of labels that moved or went away
        self.op_half = {n: op_half_width(op_text(graph.nodes[n])) for n in self.ops}
        self.label_font = FONT   # a small value's numbers may take a smaller size to fit
        self._fitted = self._auto = False
        ax.set_axis_off()
        ax.set_aspect("equal", adjustable="box")
        ax.set_facecolor(self.pal.background)
        self._draw_edges()
        self._draw_nodes()
        self.fit_readable()
        self._cid = ax.callbacks.connect("xlim_changed", lambda _ax: self.update_labels())
        canvas = ax.figure.canvas
        self._resize_cid = canvas.mpl_connect("resize_event", self._on_resize) if canvas else None

    # -- drawing once ---------------------------------------------------------------------
    def source(self, key):
        """The graph node a drawn box stands for: itself, or the value an echo copies."""
        return key[1] if is_echo(key) else key

    def _draw_edges(self) -> None:
        half = {n: BOX_W / 2 for n in self.boxes} | self.op_half
        drawn = [(self.echo_of.get(e, e[0]), e[1], e[2]) for e in self.edges]
        self.segments, self.heads = edge_paths(drawn, self.pos, half)
        heads = self.heads
        data = self.graph.get_edge_data
        styles = [(0, (3, 3)) if data(*e)["cut"] else "solid" for e in self.edges]
        # a detach() edge is cut for good: its own colour, and no gradient ever lights it
        self.detach_edges = [i for i, (u, v, _k) in enumerate(self.edges)
                             if self._is_detach(u) or self._is_detach(v)]
        self.edge_styles = styles
        self.edge_lines = LineCollection(self.segments, colors=self.pal.muted, linewidths=1.2,
                                         linestyles=styles or "solid", zorder=1)
        self.edge_heads = PolyCollection(heads, facecolors=self.pal.muted, edgecolors="none",
                                         zorder=1)
        self.ax.add_collection(self.edge_lines, autolim=False)
        self.ax.add_collection(self.edge_heads, autolim=False)
        k = self.segments.shape[1]
        mids = (self.segments[:, (k - 1) // 2] + self.segments[:, k // 2]) / 2
        self.mid = {e: mids[i] for i, e in enumerate(self.edges)}

    def set_theme(self, theme: str) -> None:
        """Recolour everything drawn for ``theme``; later frames use its palette too.

        Labels get the theme's colours (their cached rasters are keyed on colour, so they
        are rendered again), and the next region repaint is refused: draw in full."""
        theme = _theme_name(theme)
        if theme == self.theme:
            return
        self.theme, self.pal = theme, palette(theme)
        self.ax.set_facecolor(self.pal.background)
        self._value_edge = np.array([self._rgba(self._rest_edge_color(n)) for n in self.values]
                                    ).reshape(-1, 4)
        for (role, key), t in self.texts.items():
            t.set_color(self._text_colour(role, key))
            if role == "edge":
                box = t.get_bbox_patch()
                box.set_facecolor(self.pal.background)
                box.set_edgecolor(self.pal.grad)
                box.set_alpha(0.92)
        if self.frame is not None:
            self._recolour(self.frame)
        self.dirty = None

    def _text_colour(self, role: str, key) -> str:
        if role in ("edge", "grad"):
            return self.pal.grad
        if role == "op_note" or (role == "op" and self._is_detach(key)):
            return self.pal.negative
        return self.pal.text

    def _shapes(self, paths, offsets) -> PathCollection:
        """Paths stamped at the offsets, sized in data units (one path: fast at 2,000 nodes)."""
        coll = PathCollection(paths, offsets=offsets, offset_transform=self.ax.transData,
                              transform=AffineDeltaTransform(self.ax.transData), zorder=2,
                              linewidths=1.2)
        coll.set_snap(False)  # a region repaint of one node must land on the same subpixels
        self.ax.add_collection(coll, autolim=False)
        return coll

    def _draw_nodes(self) -> None:
        self.value_patches = self._shapes([box_path()], self.value_xy)
        self.echo_xy = np.array([self.pos[n] for n in self.echoes]).reshape(-1, 2)
        self.echo_patches = self._shapes([box_path()], self.echo_xy)
        self.echo_patches.set_linestyle(ECHO_DASHES)
        self.echo_patches.set_linewidth(np.full(max(2, len(self.echoes)), 1.2))
        shapes = {}  # one Path per glyph width: circles for symbols, pills for names
        paths = [shapes.setdefault(self.op_half[n], op_path(op_text(self.graph.nodes[n])))
                 for n in self.ops]
        self.op_patches = self._shapes(paths if len(shapes) > 1 else paths[:1], self.op_xy)
        # two widths: never Agg's marker path (it places a lone pill a subpixel apart from
        # the region painter's copy)
        self.op_patches.set_linewidth(np.full(max(2, len(self.ops)), 1.2))
        self._value_edge = np.array([self._rgba(self._rest_edge_color(n)) for n in self.values]
                                    ).reshape(-1, 4)
        self._widths: dict[int, np.ndarray] = {}

    def _rest_edge_color(self, node) -> str:
        d = self.graph.nodes[node]
        if d["constant"]:
            return self.pal.muted
        return self.pal.v if d["is_leaf"] and d["requires_grad"] else self.pal.cell_edge

    def _is_detach(self, node) -> bool:
        return self.graph.nodes[node].get("op") == DETACH

    def _new_text(self, xy, **kw) -> Text:
        opts = dict(ha="center", va="center", fontsize=FONT, zorder=4,
                    clip_on=True)
        opts.update(kw)
        t = CachedText(xy[0], xy[1], "", **opts)  # stepping redraws labels: cache rasters
        t.set_parse_math(False)
        t.set_visible(False)  # update_labels shows it once it has a free place
        t.set_clip_path(self.ax.patch)
        self.ax._add_text(t)
        return t

    def _text_for(self, role: str, key) -> Text:
        """The label ``role`` of a node or edge, made the first time it is needed."""
        t = self.texts.get((role, key))
        if t is not None:
            return t
        xy = self.mid[key] if role == "edge" else self.pos[key]
        colour = self._text_colour(role, key)
        if role == "edge":  # a box of the background's colour keeps it legible over lines
            box = dict(boxstyle="round,pad=0.2", fc=self.pal.background, ec=self.pal.grad,
                       lw=0.6, alpha=0.92)
            t = self._new_text(xy, fontsize=FONT - 1, color=colour, bbox=box, zorder=5)
        elif role == "op" and self._is_detach(key):  # scissors in the circle, name below
            t = self._new_text(xy, fontsize=self.op_font(key), color=colour)
            t.set_text(CUT_MARK)
        elif role == "op":
            t = self._new_text(xy, fontweight="bold", fontsize=self.op_font(key), color=colour)
            t.set_text(op_text(self.graph.nodes[key]))
        elif role == "op_note":
            t = self._new_text(xy, fontsize=FONT - 1, color=colour)
            t.set_text("detach()")
        elif role == "name":
            t = self._new_text(xy, fontweight="bold", color=colour)
            self._forms[(role, key)] = graph_labels.name_forms(self, self.source(key))
            t.set_text(self._forms[(role, key)][0])
        else:  # value, grad
            t = self._new_text(xy, family="monospace", color=colour)
        self.texts[(role, key)] = t
        self._refresh_text(role, key)
        return t

    def _refresh_text(self, role: str, key) -> None:
        """A new state: the label's ladder of forms, and its richest form as the text."""
        t, f = self.texts.get((role, key)), self.frame
        if t is None or f is None:
            return
        if role == "value":
            forms = graph_labels.value_forms(self, self.source(key))
        elif role == "grad":
            forms = graph_labels.grad_forms(self, self.source(key)) or [""]
        elif role == "edge":
            forms = [f.edge_text(key) or ""]
        else:
            return
        self._forms[(role, key)] = forms
        t.set_text(forms[0])

    def op_font(self, node) -> float:
        """The natural font size of an op's name (a smaller one if the glyph is small)."""
        if self._is_detach(node):
            return FONT + 3
        return op_font_size(op_text(self.graph.nodes[node]), FONT)

    def forms(self, role: str, key) -> list[str]:
        """A label's ladder of forms, richest first (made with the label on first use: a
        name asked for before its label existed got only its first, widest form)."""
        text = self._text_for(role, key)
        return self._forms.get((role, key)) or [text.get_text()]

    def set_label(self, t: Text, text: str, xy=None) -> None:
        """Change a label's text and place only when they differ (each set marks it stale)."""
        if t.get_text() != text:
            t.set_text(text)
        if xy is not None and tuple(t.get_position()) != (xy[0], xy[1]):
            t.set_position((xy[0], xy[1]))

    def segments_px(self) -> np.ndarray:
        """Edge polylines in pixels, transformed once per view (zoom, pan, resize)."""
        key = (self.ax.get_xlim(), self.ax.get_ylim(), tuple(self.ax.bbox.bounds))
        if getattr(self, "_seg_px_key", None) != key:
            n, k = self.segments.shape[:2]
            self._seg_px = self.ax.transData.transform(self.segments.reshape(-1, 2)
                                                       ).reshape(n, k, 2)
            self._seg_px_key = key
        return self._seg_px

    def font_px(self) -> float:
        return FONT * self.ax.figure.dpi / 72

    # -- frames ---------------------------------------------------------------------------
    def apply_frame(self, frame: Frame) -> None:
        """Show ``frame``: colours of every node and edge, texts of what changed."""
        previous, self.frame = self.frame, frame
        if previous is None or previous.timeline is not frame.timeline:
            for role, key in self.texts:
                self._refresh_text(role, key)
            self.dirty = None  # everything
        else:
            nodes, edges = frame.timeline.touched(previous.index, frame.index)
            nodes = set(nodes)
            nodes.update(echo for e in edges if e in self.echo_of for echo in (self.echo_of[e],))
            nodes.update(echo for n in list(nodes) for echo in self.echoes_of.get(n, ()))
            for n in nodes:
                self._refresh_text("value", n)
                self._refresh_text("grad", n)
            for e in edges:
                self._refresh_text("edge", e)
            self.dirty = (set(nodes), set(edges))
        self._recolour(frame)
        before = self._label_state()
        self.update_labels()
        self.dirty_px = []
        if self.dirty is not None:  # labels that appeared, vanished, moved or changed too
            after = self._label_state()
            for k in before.keys() | after.keys():
                if before.get(k) != after.get(k):
                    role, key = k
                    (self.dirty[1] if role == "edge" else self.dirty[0]).add(key)
                    if k in before:
                        self.dirty_px.append(self._label_px(k, *before[k]))

    def _label_state(self) -> dict:
        return {k: (t.get_text(), tuple(t.get_position()), t.get_fontsize())
                for k, t in self.texts.items() if t.get_visible()}

    def _label_px(self, k, text: str, xy, fontsize: float) -> tuple:
        """Pixel box of a label as it was (text, place, size), so a repaint erases it."""
        w, h = graph_labels.extent(self, k[0], text, fontsize)
        x, y = self.ax.transData.transform(xy)
        return (x - w / 2 - 4, y - h / 2 - 4, x + w / 2 + 4, y + h / 2 + 4)

    def _rgba(self, colour: str, fill: bool = False) -> np.ndarray:
        """``colour`` as the canvas's restyle before a full draw would leave it (the dark
        cell edge is also the light muted grey), so a region repaint matches a full draw."""
        return np.array(themed_colour(colour, self.pal, fill=fill) or to_rgba(colour))

    def _recolour(self, frame: Frame) -> None:
        """Colours and widths as numpy arrays (string lists cost ms per step at 2,000 nodes)."""
        pal, rgba = self.pal, self._rgba
        shown = np.array([frame.shown(n) for n in self.values], dtype=bool)
        faces = np.where(shown[:, None], rgba(pal.cell, True),
                         rgba(HIDDEN_FACE[self.theme], True)).reshape(-1, 4)
        edge_colors = self._value_edge.copy()
        widths = np.full(len(self.values), 1.2)
        op_faces = np.tile(rgba(pal.background, True), (len(self.ops), 1))
        op_edges = np.tile(rgba(pal.cell_edge), (len(self.ops), 1))
        for n in frame.active_nodes:
            if n in self.value_index:
                edge_colors[self.value_index[n]] = rgba(pal.accent)
                widths[self.value_index[n]] = 2.6
            elif n in self.op_index:
                op_faces[self.op_index[n]] = rgba(pal.accent, True)
        colours = np.tile(rgba(pal.muted), (len(self.edges), 1))
        widths_e = np.full(len(self.edges), 1.2)
        colours[self.detach_edges] = rgba(pal.negative)
        if frame.is_backward:   # every edge a gradient went along, labelled or not yet
            grad = rgba(pal.grad)
            text = frame.edge_text
            for e in self.labelled_edges:
                if text(e):
                    colours[self.edge_index[e]] = grad
        for e in frame.active_edges:
            if e in self.edge_index:
                colours[self.edge_index[e]] = rgba(pal.accent)
                widths_e[self.edge_index[e]] = 2.4
        if frame.timeline.grows:  # eager construction: nodes not recorded yet are invisible
            for n, i in self.value_index.items():
                if not frame.exists(n):
                    faces[i] = edge_colors[i] = 0.0
            for n, i in self.op_index.items():
                if not frame.exists(n):
                    op_faces[i] = op_edges[i] = 0.0
            for (u, v, _k), i in self.edge_index.items():
                if not (frame.exists(u) and frame.exists(v)):
                    colours[i] = 0.0
        self.value_patches.set_facecolor(faces)
        self.value_patches.set_edgecolor(edge_colors)
        if self.echoes:   # an echo looks like its value; lit when its own edge is the step's
            src = [self.value_index[self.source(n)] for n in self.echoes]
            e_faces, e_edges = faces[src].copy(), self._value_edge[src].copy()
            for i, (e, _echo) in enumerate(self.echo_of.items()):
                if e in frame.active_edges:
                    e_edges[i] = rgba(pal.accent)
                if frame.timeline.grows and not frame.exists(e[1]):
                    e_faces[i] = e_edges[i] = 0.0
            self.echo_patches.set_facecolor(e_faces)
            self.echo_patches.set_edgecolor(e_edges)
        self.op_patches.set_facecolor(op_faces)
        self.op_patches.set_edgecolor(op_edges)
        self.edge_lines.set_color(colours)
        self.edge_heads.set_facecolor(colours)
        self._set_widths(self.value_patches, widths)
        self._set_widths(self.edge_lines, widths_e)

    def _set_widths(self, coll, widths: np.ndarray) -> None:
        """Only when they changed: a dashed LineCollection re-scales its dashes on every set."""
        old = self._widths.get(id(coll))
        if old is None or not np.array_equal(old, widths):
            coll.set_linewidth(widths)
            self._widths[id(coll)] = widths

    def update_labels(self) -> None:
        """Show only labels that fit, lie on screen and overlap nothing (``graph_labels``)."""
        graph_labels.update_labels(self)

    def disconnect(self) -> None:
        self.ax.callbacks.disconnect(self._cid)
        if self._resize_cid is not None:
            self.ax.figure.canvas.mpl_disconnect(self._resize_cid)


def _theme_name(theme: str) -> str:
    return "dark" if theme == "dark" else "light"
