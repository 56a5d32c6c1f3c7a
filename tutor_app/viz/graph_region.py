"""Repaint only the part of a drawn graph that one step changed (a dirty rectangle).

A full Agg draw of a graph with labels costs tens of milliseconds, most of it text; a
step changes a few nodes and edges. After ``GraphView.apply_frame`` the painter fills the
changed rectangle with the background and draws, clipped to it and in z-order, the edge and
node collections and the labels near it, straight into the canvas's buffer; the Qt canvas
then ``blit``s that rectangle. Anything it cannot do exactly (no full draw yet, the view
moved or was resized, a large change) it refuses, and the caller draws in full.
"""

from __future__ import annotations

import numpy as np
from matplotlib.collections import LineCollection, PathCollection, PolyCollection
from matplotlib.patches import Rectangle
from matplotlib.transforms import Bbox, IdentityTransform

from tutor_app.graph.labels import text_extent
from tutor_app.graph.layout import is_echo
from tutor_app.viz.graph_view import BOX_H, ECHO_DASHES, FONT, OP_R, X_SPACING, GraphView

MARGIN_PX = 4.0
MAX_SHARE = 0.8   # above this share of the axes a full draw is as cheap


class RegionPainter:
    """Dirty-rectangle updates for one ``GraphView`` on one canvas."""

    def __init__(self, view: GraphView, canvas) -> None:
        self.view, self.canvas = view, canvas
        self._state = None
        self._cid = canvas.mpl_connect("draw_event", self._on_full_draw)
        self._background = Rectangle((0, 0), 1, 1, transform=IdentityTransform(),
                                     facecolor=view.ax.figure.patch.get_facecolor(),
                                     edgecolor="none")
        self._background.set_figure(view.ax.figure)

    def invalidate(self) -> None:
        """Refuse to paint until the next full draw (the theme changed, say)."""
        self._state = None

    def _view_state(self):
        ax = self.view.ax
        return (tuple(ax.get_xlim()), tuple(ax.get_ylim()),
                tuple(self.canvas.get_width_height(physical=True)))

    def _on_full_draw(self, _event) -> None:
        self._state = self._view_state()

    def paint(self) -> Bbox | None:
        """Repaint what the last frame changed; the rectangle painted, or None if refused."""
        view = self.view
        if view.dirty is None or self._state is None or self._state != self._view_state():
            return None
        box = self._dirty_box(*view.dirty)
        if box is None:
            return Bbox([[0, 0], [0, 0]])
        texts = [t for t in view.texts.values() if t.get_visible() and t.get_text()]
        label_boxes = _text_boxes(texts, view)
        box = self._swallow_labels(box, label_boxes)
        axes_box = view.ax.bbox
        if box.width * box.height > MAX_SHARE * axes_box.width * axes_box.height:
            return None
        renderer = self.canvas.get_renderer()
        # what is under the graph: the figure's face (an axis-off axes draws no patch),
        # read each time because the theme may have changed it
        self._background.set_facecolor(view.ax.figure.patch.get_facecolor())
        # Fill through the same clip as the artists (Agg's clip box is inclusive at the far
        # edges), so every pixel they redraw was erased first.
        self._background.set_bounds(box.x0 - 2, box.y0 - 2, box.width + 4, box.height + 4)
        self._background.set_clip_box(box)
        self._background.draw(renderer)
        for artist in self._artists_near(box, texts, label_boxes):
            artist.set_clip_box(box)
            artist.draw(renderer)
            artist.set_clip_box(view.ax.bbox)
        return box.padded(1)  # what to blit: the clip reaches one pixel past the far edges

    def _swallow_labels(self, box: Bbox, labels: np.ndarray) -> Bbox:
        """Grow the box over every label it cuts: a label is redrawn whole or not at all
        (cached labels are images, and Agg clips images and paths a pixel apart)."""
        ax_box = self.view.ax.bbox
        b = np.array([box.x0, box.y0, box.x1, box.y1], dtype=float)
        for _ in range(4):
            hit = _overlapping(labels, b)
            if not hit.any():
                break
            grown = np.concatenate([np.minimum(b[:2], labels[hit, :2].min(axis=0)),
                                    np.maximum(b[2:], labels[hit, 2:].max(axis=0))])
            grown = np.floor(np.maximum(grown[:2], [ax_box.x0, ax_box.y0])).tolist() + \
                np.ceil(np.minimum(grown[2:], [ax_box.x1, ax_box.y1])).tolist()
            if np.allclose(grown, b):
                break
            b = np.array(grown)
        return Bbox([[b[0], b[1]], [b[2], b[3]]])

    def _dirty_box(self, nodes: set, edges: set) -> Bbox | None:
        view = self.view
        ppu = view.pixels_per_unit()
        boxes = []
        pts = [view.pos[n] for n in nodes if n in view.pos]
        half = [(X_SPACING * 0.5 * ppu, (BOX_H / 2 + 0.5) * ppu)
                if n in view.value_index or n in view.pos and is_echo(n)
                else (view.op_half.get(n, OP_R) * ppu, OP_R * ppu + 20) for n in nodes
                if n in view.pos]
        if pts:
            centres = view.ax.transData.transform(np.array(pts))
            h = np.array(half) + MARGIN_PX
            boxes.append(np.hstack([centres - h, centres + h]))
        segments = view.segments
        font_px = (FONT - 1) * view.ax.figure.dpi / 72
        for e in edges:
            i = view.edge_index.get(e)
            if i is None:
                continue
            ends = view.ax.transData.transform(segments[i])
            boxes.append(np.hstack([ends.min(axis=0) - MARGIN_PX,
                                    ends.max(axis=0) + MARGIN_PX])[None, :])
            text = view.texts.get(("edge", e))
            if text is not None and text.get_text():
                mid = view.ax.transData.transform(text.get_position())
                w, h = text_extent(text.get_text(), font_px)
                ext = np.array([w / 2 + 3 * MARGIN_PX, h / 2 + 3 * MARGIN_PX])
                boxes.append(np.hstack([mid - ext, mid + ext])[None, :])
        if view.dirty_px:  # labels that moved or vanished: erase where they were
            boxes.append(np.array(view.dirty_px, dtype=float).reshape(-1, 4))
        if not boxes:
            return None
        allb = np.vstack(boxes)
        ax_box = view.ax.bbox
        x0, y0 = max(allb[:, 0].min(), ax_box.x0), max(allb[:, 1].min(), ax_box.y0)
        x1, y1 = min(allb[:, 2].max(), ax_box.x1), min(allb[:, 3].max(), ax_box.y1)
        if x1 <= x0 or y1 <= y0:
            return None
        return Bbox([[np.floor(x0), np.floor(y0)], [np.ceil(x1), np.ceil(y1)]])

    def _artists_near(self, box: Bbox, texts: list, label_boxes: np.ndarray) -> list:
        """Copies of the collections holding only items near ``box``, then the labels, by z."""
        view = self.view
        reach = X_SPACING * view.pixels_per_unit()
        grown = box.padded(reach)
        (x0, y0), (x1, y1) = view.ax.transData.inverted().transform(
            [(grown.x0, grown.y0), (grown.x1, grown.y1)])
        # only labels whose (estimated) extent meets the box: drawing labels is the cost
        hit = _overlapping(label_boxes, np.array([box.x0, box.y0, box.x1, box.y1]))
        texts = [t for t, ok in zip(texts, hit, strict=True) if ok]
        seg = view.segments
        lo, hi = seg.min(axis=1), seg.max(axis=1)
        edges = (lo[:, 0] <= x1) & (hi[:, 0] >= x0) & (lo[:, 1] <= y1) & (hi[:, 1] >= y0)
        artists = [self._lines(edges), self._heads(edges),
                   self._stamps(view.value_patches, _inside(view.value_xy, x0, y0, x1, y1)),
                   self._stamps(view.op_patches, _inside(view.op_xy, x0, y0, x1, y1))]
        if view.echoes:
            artists.append(self._stamps(view.echo_patches,
                                        _inside(view.echo_xy, x0, y0, x1, y1)))
        return sorted([a for a in artists if a is not None] + texts, key=lambda a: a.get_zorder())

    def _finish(self, coll):
        coll.set_figure(self.view.ax.figure)
        coll.set_zorder(1)
        return coll

    def _lines(self, mask: np.ndarray):
        view = self.view
        if not mask.any():
            return None
        idx = np.flatnonzero(mask)
        coll = LineCollection(view.segments[idx], colors=_pick(view.edge_lines.get_color(), idx),
                              linewidths=_pick(view.edge_lines.get_linewidth(), idx),
                              linestyles=[view.edge_styles[i] for i in idx],
                              transform=view.ax.transData)
        return self._finish(coll)

    def _heads(self, mask: np.ndarray):
        view = self.view
        if not mask.any():
            return None
        idx = np.flatnonzero(mask)
        faces = _pick(view.edge_heads.get_facecolor(), idx)
        coll = PolyCollection(view.heads[idx], facecolors=faces, edgecolors="none",
                              transform=view.ax.transData)
        return self._finish(coll)

    def _stamps(self, source: PathCollection, mask: np.ndarray):
        if not mask.any():
            return None
        idx = np.flatnonzero(mask)
        paths = source.get_paths()
        if len(idx) == 1 and len(mask) > 1 and len(paths) == 1:
            # One stamp would take Agg's marker path, which snaps to whole pixels while the
            # full draw does not: add a second (clipped away or correct anyway) to match it.
            idx = np.array(sorted({int(idx[0]), 0 if idx[0] else 1}))
        if len(paths) > 1:  # one path per item (op glyphs of several widths)
            paths = [paths[i] for i in idx]
        coll = PathCollection(paths, offsets=source.get_offsets()[idx],
                              offset_transform=source.get_offset_transform(),
                              transform=source.get_transform(),
                              facecolors=_pick(source.get_facecolor(), idx),
                              edgecolors=_pick(source.get_edgecolor(), idx),
                              linewidths=np.resize(_pick(source.get_linewidth(), idx),
                                                   max(2, len(idx))))
        self._finish(coll)
        coll.set_zorder(2)
        coll.set_snap(source.get_snap())
        if source is self.view.echo_patches:   # echoes are dashed copies
            coll.set_linestyle(ECHO_DASHES)
        return coll

    def disconnect(self) -> None:
        self.canvas.mpl_disconnect(self._cid)


def _inside(xy: np.ndarray, x0: float, y0: float, x1: float, y1: float) -> np.ndarray:
    return (xy[:, 0] >= x0) & (xy[:, 0] <= x1) & (xy[:, 1] >= y0) & (xy[:, 1] <= y1)


def _pick(values, idx: np.ndarray):
    """Per-item properties for the chosen items (a single shared value stays as it is)."""
    arr = np.asarray(values)
    return arr[idx] if len(arr) > 1 else arr


def _text_boxes(texts: list, view: GraphView) -> np.ndarray:
    """Pixel extents (x0, y0, x1, y1) of labels, estimated from characters and alignment."""
    if not texts:
        return np.zeros((0, 4))
    dpi = view.ax.figure.dpi
    anchors = view.ax.transData.transform(np.array([t.get_position() for t in texts]))
    sizes = np.array([text_extent(t.get_text(), t.get_fontsize() * dpi / 72) for t in texts])
    ha = np.array([{"center": 0.5, "left": 0.0, "right": 1.0}[t.get_horizontalalignment()]
                   for t in texts])
    va = np.array([{"center": 0.5, "bottom": 0.0, "top": 1.0}.get(t.get_verticalalignment(), 0.5)
                   for t in texts])
    lo = anchors - sizes * np.column_stack([ha, va])
    pad = 3 * MARGIN_PX  # the box around edge labels, and the estimate's slack
    return np.hstack([lo - pad, lo + sizes + pad])


def _overlapping(boxes: np.ndarray, b: np.ndarray) -> np.ndarray:
    return ((boxes[:, 0] < b[2]) & (boxes[:, 2] > b[0])
            & (boxes[:, 1] < b[3]) & (boxes[:, 3] > b[1]))
