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
from matplotlib.patches import FancyBboxPatch
from matplotlib.path import Path
from matplotlib.text import Text
from matplotlib.transforms import AffineDeltaTransform

from tutor_app.graph import fmt
from tutor_app.graph.build import DETACH
from tutor_app.graph.frames import Frame
from tutor_app.graph.gcpause import gc_paused
from tutor_app.graph.labels import fits, greedy_non_overlapping, text_extent
from tutor_app.viz.cached_text import CachedText
from tutor_app.viz.style import palette

X_SPACING = 1.7          # data units between columns (the layout's unit grid is stretched)
BOX_W, BOX_H = 0.9, 0.56
OP_R = 0.2
DUP_OFFSET = 0.09        # duplicate edges (x * x) drawn side by side
HIDDEN_FACE = "#eef0f2"
FONT = 8.0
CUT_MARK = "✂"           # drawn in a detach() op's circle; its edges are dashed and red


class GraphView:
    """A drawn graph on ``ax``; keep it and call ``apply_frame`` for every step."""

    def __init__(self, ax: Axes, graph: nx.MultiDiGraph, positions: dict, *,
                 theme: str = "light"):
        with gc_paused():  # thousands of small objects: the collector's scans would triple it
            self._setup(ax, graph, positions, theme)

    def _setup(self, ax: Axes, graph: nx.MultiDiGraph, positions: dict, theme: str) -> None:
        self.ax, self.graph, self.pal = ax, graph, palette(theme)
        self.pos = {n: np.array([p[0] * X_SPACING, p[1]]) for n, p in positions.items()}
        self.values = [n for n, d in graph.nodes(data=True) if d["kind"] == "value"]
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
        ax.set_axis_off()
        ax.set_aspect("equal", adjustable="box")
        ax.set_facecolor(self.pal.background)
        self._draw_edges()
        self._draw_nodes()
        self.fit()
        self._cid = ax.callbacks.connect("xlim_changed", lambda _ax: self.update_labels())
        canvas = ax.figure.canvas
        self._resize_cid = canvas.mpl_connect("resize_event", self._on_resize) if canvas else None

    # -- drawing once ---------------------------------------------------------------------
    def _edge_geometry(self) -> tuple[np.ndarray, np.ndarray]:
        """Segments (E, 2, 2) from box or circle border to border, and arrowheads (E, 3, 2)."""
        if not self.edges:
            return np.zeros((0, 2, 2)), np.zeros((0, 3, 2))
        kinds = self.graph.nodes
        start = np.array([self.pos[u] for u, _, _ in self.edges], dtype=float)
        end = np.array([self.pos[v] for _, v, _ in self.edges], dtype=float)
        shift = np.zeros(len(self.edges))
        parallel: dict[tuple, list] = {}
        for i, (u, v, _key) in enumerate(self.edges):
            parallel.setdefault((u, v), []).append(i)
        for group in parallel.values():  # spread parallel edges (x * x) so both are visible
            for rank, i in enumerate(group):
                shift[i] = (rank - (len(group) - 1) / 2) * 2 * DUP_OFFSET
        start[:, 1] += shift
        end[:, 1] += shift
        start[:, 0] += [BOX_W / 2 if kinds[u]["kind"] == "value" else OP_R
                        for u, _, _ in self.edges]
        end[:, 0] -= [BOX_W / 2 if kinds[v]["kind"] == "value" else OP_R
                      for _, v, _ in self.edges]
        d = end - start
        d /= np.maximum(np.hypot(d[:, 0], d[:, 1]), 1e-9)[:, None]
        n = np.column_stack([-d[:, 1], d[:, 0]])
        heads = np.stack([end, end - 0.09 * d + 0.04 * n, end - 0.09 * d - 0.04 * n], axis=1)
        return np.stack([start, end], axis=1), heads

    def _draw_edges(self) -> None:
        self.segments, self.heads = self._edge_geometry()
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
        mids = self.segments.mean(axis=1)
        self.mid = {e: mids[i] for i, e in enumerate(self.edges)}

    def _shapes(self, path, offsets) -> PathCollection:
        """One path stamped at every offset, sized in data units (fast for 2,000 nodes)."""
        coll = PathCollection([path], offsets=offsets, offset_transform=self.ax.transData,
                              transform=AffineDeltaTransform(self.ax.transData), zorder=2,
                              linewidths=1.2)
        coll.set_snap(False)  # a region repaint of one node must land on the same subpixels
        self.ax.add_collection(coll, autolim=False)
        return coll

    def _draw_nodes(self) -> None:
        box = FancyBboxPatch((-BOX_W / 2, -BOX_H / 2), BOX_W, BOX_H,
                             boxstyle="round,pad=0,rounding_size=0.08").get_path()
        self.value_patches = self._shapes(box, self.value_xy)
        self.op_patches = self._shapes(Path.circle((0, 0), OP_R), self.op_xy)
        self._value_edge = np.array([to_rgba(self._rest_edge_color(n)) for n in self.values]
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
        opts = dict(ha="center", va="center", fontsize=FONT, color=self.pal.text, zorder=4,
                    clip_on=True)
        opts.update(kw)
        t = CachedText(xy[0], xy[1], "", **opts)  # stepping redraws labels: cache rasters
        t.set_parse_math(False)
        t.set_clip_path(self.ax.patch)
        self.ax._add_text(t)
        return t

    def _text_for(self, role: str, key) -> Text:
        """The label ``role`` of a node or edge, made the first time it is needed."""
        t = self.texts.get((role, key))
        if t is not None:
            return t
        if role == "edge":
            box = dict(boxstyle="round,pad=0.2", fc=self.pal.background, ec=self.pal.grad,
                       lw=0.6)
            t = self._new_text(self.mid[key], fontsize=FONT - 1, color=self.pal.grad, bbox=box,
                               zorder=5)
        elif role == "op" and self._is_detach(key):  # scissors in the circle, name below
            t = self._new_text(self.pos[key], fontsize=FONT + 3, color=self.pal.negative)
            t.set_text(CUT_MARK)
        elif role == "op":
            label = self.graph.nodes[key]["label"]
            size = FONT + 1 if len(label) <= 2 else FONT - 1.5 if len(label) <= 4 else FONT - 3
            t = self._new_text(self.pos[key], fontweight="bold", fontsize=size)
            t.set_text(label)
        elif role == "op_note":
            x, y = self.pos[key]
            t = self._new_text((x, y - OP_R - 0.04), va="top", fontsize=FONT - 1,
                               color=self.pal.negative)
            t.set_text("detach()")
        else:
            x, y = self.pos[key]
            if role == "name":
                t = self._new_text((x, y + BOX_H / 2 + 0.08), fontweight="bold", va="bottom")
                d = self.graph.nodes[key]
                t.set_text(d["name"] + ("" if not d["shape"] else " " + fmt.shape_text(d["shape"])))
            elif role == "value":
                t = self._new_text((x, y), family="monospace")
            else:
                t = self._new_text((x, y - BOX_H / 2 - 0.06), va="top", family="monospace",
                                   color=self.pal.grad)
        self.texts[(role, key)] = t
        self._refresh_text(role, key)
        return t

    def _refresh_text(self, role: str, key) -> None:
        t, f = self.texts.get((role, key)), self.frame
        if t is None or f is None:
            return
        if role == "value":
            t.set_text(fmt.block(self.graph.nodes[key]["value"]) if f.shown(key) else "?")
        elif role == "grad":
            g = f.grad(key)
            t.set_text("" if g is None else f"{f.timeline.grad_symbol} {fmt.short(g, 18)}")
        elif role == "edge":
            t.set_text(f.edge_text(key) or "")

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
            for n in nodes:
                self._refresh_text("value", n)
                self._refresh_text("grad", n)
            for e in edges:
                self._refresh_text("edge", e)
            self.dirty = (set(nodes), set(edges))
        self._recolour(frame)
        before = {k for k, t in self.texts.items() if t.get_visible()}
        self.update_labels()
        if self.dirty is not None:  # labels that appeared or vanished are dirty too
            after = {k for k, t in self.texts.items() if t.get_visible()}
            for role, key in before ^ after:
                (self.dirty[1] if role == "edge" else self.dirty[0]).add(key)

    def _rgba(self, colour: str) -> np.ndarray:
        return np.array(to_rgba(colour))

    def _recolour(self, frame: Frame) -> None:
        """Colours and widths as numpy arrays (string lists cost ms per step at 2,000 nodes)."""
        pal, rgba = self.pal, self._rgba
        shown = np.array([frame.shown(n) for n in self.values], dtype=bool)
        faces = np.where(shown[:, None], rgba(pal.cell), rgba(HIDDEN_FACE)).reshape(-1, 4)
        edge_colors = self._value_edge.copy()
        widths = np.full(len(self.values), 1.2)
        op_faces = np.tile(rgba(pal.background), (len(self.ops), 1))
        op_edges = np.tile(rgba(pal.cell_edge), (len(self.ops), 1))
        for n in frame.active_nodes:
            if n in self.value_index:
                edge_colors[self.value_index[n]] = rgba(pal.accent)
                widths[self.value_index[n]] = 2.6
            elif n in self.op_index:
                op_faces[self.op_index[n]] = rgba(pal.accent)
        colours = np.tile(rgba(pal.muted), (len(self.edges), 1))
        widths_e = np.full(len(self.edges), 1.2)
        colours[self.detach_edges] = rgba(pal.negative)
        if frame.is_backward:
            for (role, e), t in self.texts.items():
                if role == "edge" and t.get_text():
                    colours[self.edge_index[e]] = rgba(pal.grad)
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

    # -- zoom, pan and label culling --------------------------------------------------------
    def pixels_per_unit(self) -> float:
        (x0, _), (x1, _) = self.ax.transData.transform([(0, 0), (1, 0)])
        return abs(x1 - x0)

    def _on_screen(self, xy: np.ndarray, margin: float = 1.0) -> np.ndarray:
        x0, x1 = sorted(self.ax.get_xlim())
        y0, y1 = sorted(self.ax.get_ylim())
        return ((xy[:, 0] >= x0 - margin) & (xy[:, 0] <= x1 + margin)
                & (xy[:, 1] >= y0 - margin) & (xy[:, 1] <= y1 + margin))

    def update_labels(self) -> None:
        """Show only labels that fit their box, lie on screen and do not overlap."""
        was = {k for k, t in self.texts.items() if t.get_visible()}
        for k in was:
            self.texts[k].set_visible(False)
        ppu = self.pixels_per_unit()
        font_px = FONT * self.ax.figure.dpi / 72
        if ppu * OP_R * 2 < font_px:  # too far out for any label: boxes and lines only
            return
        exists = self.frame.exists if self.frame is not None else (lambda n: True)
        for i in np.flatnonzero(self._on_screen(self.op_xy)):
            if exists(self.ops[i]):
                self._text_for("op", self.ops[i]).set_visible(True)
                if self._is_detach(self.ops[i]):
                    self._text_for("op_note", self.ops[i]).set_visible(True)
        box_px = (BOX_W * ppu, BOX_H * ppu)
        wide = (X_SPACING * ppu * 0.95, ppu)
        for i in np.flatnonzero(self._on_screen(self.value_xy)):
            n = self.values[i]
            if not exists(n):
                continue
            for role, room in (("name", wide), ("value", box_px),
                               ("grad", (wide[0], 0.4 * ppu))):
                t = self._text_for(role, n)
                t.set_visible(bool(t.get_text()) and fits(t.get_text(), font_px, room))
        if self.frame is not None and self.frame.is_backward:
            self._cull_edge_labels(font_px * (FONT - 1) / FONT)

    def _cull_edge_labels(self, font_px: float) -> None:
        mids = np.array([self.mid[e] for e in self.labelled_edges]).reshape(-1, 2)
        live = [self.labelled_edges[i] for i in np.flatnonzero(self._on_screen(mids))
                if self.frame.edge_text(self.labelled_edges[i])]
        if not live:
            return
        texts = [self._text_for("edge", e) for e in live]
        centres = self.ax.transData.transform(np.array([self.mid[e] for e in live]))
        sizes = np.array([text_extent(t.get_text(), font_px) for t in texts])
        priority = np.array([1.0 if e in self.frame.active_edges else 0.0 for e in live])
        keep = greedy_non_overlapping(centres, sizes, priority, obstacles=self._obstacles(),
                                      ignore_obstacles=priority > 0)
        for t, k in zip(texts, keep, strict=True):
            t.set_visible(bool(k))

    def _obstacles(self) -> tuple[np.ndarray, np.ndarray]:
        """Pixel boxes of the nodes on screen (value boxes with their name and gradient)."""
        ppu = self.pixels_per_unit()
        vals = self.value_xy[self._on_screen(self.value_xy)]
        ops = self.op_xy[self._on_screen(self.op_xy)]
        centres = self.ax.transData.transform(np.concatenate([vals, ops]).reshape(-1, 2))
        sizes = np.concatenate([np.tile((BOX_W * ppu, (BOX_H + 0.45) * ppu), (len(vals), 1)),
                                np.tile((2 * OP_R * ppu, 2 * OP_R * ppu), (len(ops), 1))])
        return centres, sizes.reshape(-1, 2)

    def fit(self) -> None:
        """Show the whole graph."""
        pts = np.array(list(self.pos.values())) if self.pos else np.zeros((1, 2))
        lo, hi = pts.min(axis=0) - (BOX_W, 0.9), pts.max(axis=0) + (BOX_W, 0.9)
        # Pad the shorter side to the axes' pixel shape, so the graph fills the canvas.
        fig_w, fig_h = self.ax.figure.get_size_inches()
        box = self.ax.get_position(original=True)
        want = (box.height * fig_h) / max(box.width * fig_w, 1e-9)
        span = hi - lo
        if span[1] / span[0] < want:
            pad = (span[0] * want - span[1]) / 2
            lo[1], hi[1] = lo[1] - pad, hi[1] + pad
        else:
            pad = (span[1] / want - span[0]) / 2
            lo[0], hi[0] = lo[0] - pad, hi[0] + pad
        self.ax.set_ylim(lo[1], hi[1])
        self.ax.set_xlim(lo[0], hi[0])  # last: its callback updates the labels
        self._fitted = True

    def follow(self, nodes) -> bool:
        """Pan so that ``nodes`` (the step's action) are on screen; True if the view moved."""
        pts = np.array([self.pos[n] for n in nodes if n in self.pos]).reshape(-1, 2)
        if self._fitted or not len(pts) or self._on_screen(pts, margin=0.0).all():
            return False
        (x0, x1), (y0, y1) = self.ax.get_xlim(), self.ax.get_ylim()
        cx, cy = pts.mean(axis=0)
        self.pan(cx - (x0 + x1) / 2, cy - (y0 + y1) / 2)
        return True

    def _on_resize(self, _event) -> None:
        """A new canvas size: keep the whole graph in view unless the learner zoomed."""
        if self._fitted:
            self.fit()
        else:
            self.update_labels()

    def zoom(self, factor: float, centre: tuple[float, float] | None = None) -> None:
        """Zoom in (``factor`` > 1) or out around ``centre`` (data coordinates)."""
        self._fitted = False
        (x0, x1), (y0, y1) = self.ax.get_xlim(), self.ax.get_ylim()
        cx, cy = centre if centre is not None else ((x0 + x1) / 2, (y0 + y1) / 2)
        self.ax.set_ylim(cy + (y0 - cy) / factor, cy + (y1 - cy) / factor)
        self.ax.set_xlim(cx + (x0 - cx) / factor, cx + (x1 - cx) / factor)

    def pan(self, dx: float, dy: float) -> None:
        """Move the view by (dx, dy) data units."""
        self._fitted = False
        (x0, x1), (y0, y1) = self.ax.get_xlim(), self.ax.get_ylim()
        self.ax.set_ylim(y0 + dy, y1 + dy)
        self.ax.set_xlim(x0 + dx, x1 + dx)

    def disconnect(self) -> None:
        self.ax.callbacks.disconnect(self._cid)
        if self._resize_cid is not None:
            self.ax.figure.canvas.mpl_disconnect(self._resize_cid)
