"""Zoom, pan, Fit and the readable scale of a ``GraphView`` (its viewport, apart from drawing).

``fit`` shows the whole graph however small; ``fit_readable`` (how a graph opens) keeps a
scale at which a box still holds a short value, centred on the action, and ``follow`` pans
to each step's nodes once the view is not the whole graph.
"""

from __future__ import annotations

import numpy as np

from tutor_app.viz.graph_geometry import BOX_H, BOX_W, OP_R

READABLE_EM = 3.2        # below this many font sizes per data unit, values stop fitting
LAB_READABLE_EM = 4.0    # the graph lab's: two-number vectors fit in a box
START_PHASES = ("start", "empty", "formula", "feed", "record")
START_FOLLOW = 6         # a first frame lighting more leaves than this keeps the opening view
FOLLOW_PAD = np.array([BOX_W / 2 + 0.35, BOX_H / 2 + 0.55])   # a box with its name and ∇
FOLLOW_MIN = 0.8         # following zooms out to no less than this share of readable
OVERVIEW = 0.6           # a whole-graph view below this share of readable is an overview
EDGE_CLEAR_PX = 3.0      # a node this close to the canvas's edge counts as cut
LABEL_ROW_EM = 2.4       # font sizes above and below a box its name and gradient take
CLEAR_SCALES = (1.0, 1.03, 0.97, 1.06, 0.94, 1.1, 0.9, 1.15, 1.2)   # zooms clearing may use
CLEAR_TRIES = 400        # window offsets tried when clearing the edges (nearest first)


def _clear_offset(start: float, span: float, lo: np.ndarray, hi: np.ndarray,
                  keep: tuple[float, float] | None) -> float:
    """The start of a window of ``span``, nearest ``start``, whose two ends cut none of the
    intervals [lo, hi] (each lies fully inside or fully outside) and that holds ``keep``;
    ``start`` when there is none."""
    near = (hi > start - span) & (lo < start + 2 * span)
    lo, hi = lo[near], hi[near]
    cands = np.concatenate([[start], hi, lo, hi - span, lo - span])
    if keep is not None:
        cands = cands[(cands <= keep[0]) & (cands + span >= keep[1])]
    for s in cands[np.argsort(np.abs(cands - start), kind="stable")][:CLEAR_TRIES]:
        if _clear(s, span, lo, hi):
            return float(s)
    return start


def _clear(s: float, span: float, lo: np.ndarray, hi: np.ndarray) -> bool:
    """True when neither end of the window [s, s + span] cuts an interval [lo, hi]."""
    eps = 1e-9 * max(1.0, span)
    e = s + span
    return not (((lo < s - eps) & (hi > s + eps)) | ((lo < e - eps) & (hi > e + eps))).any()


def _shift(v0: float, v1: float, lo: float, hi: float, span: float) -> float:
    """The new centre on one axis: unchanged when [lo, hi] is inside a window of ``span``,
    else centred on it — a pan that brings the step to the middle leaves room for the next
    steps, where the least move would pan (and redraw everything) at every step after."""
    centre = (v0 + v1) / 2
    if lo >= centre - span / 2 and hi <= centre + span / 2:
        return centre
    return (lo + hi) / 2


class Viewport:
    """Mixed into ``GraphView``: needs ``ax``, ``graph``, ``pos``, ``frame``, ``font_px`` and
    ``update_labels``."""

    def pixels_per_unit(self) -> float:
        (x0, _), (x1, _) = self.ax.transData.transform([(0, 0), (1, 0)])
        return abs(x1 - x0)

    def _on_screen(self, xy: np.ndarray, margin: float = 1.0) -> np.ndarray:
        x0, x1 = sorted(self.ax.get_xlim())
        y0, y1 = sorted(self.ax.get_ylim())
        return ((xy[:, 0] >= x0 - margin) & (xy[:, 0] <= x1 + margin)
                & (xy[:, 1] >= y0 - margin) & (xy[:, 1] <= y1 + margin))

    def _whole_limits(self) -> tuple[np.ndarray, np.ndarray]:
        """Limits showing the whole graph, the shorter side padded to the axes' pixel shape."""
        pts = np.array(list(self.pos.values())) if self.pos else np.zeros((1, 2))
        lo, hi = pts.min(axis=0) - (BOX_W, 0.9), pts.max(axis=0) + (BOX_W, 0.9)
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
        return lo, hi

    def fit(self) -> None:
        """Show the whole graph (the Fit button), however small it gets."""
        lo, hi = self._whole_limits()
        self.ax.set_ylim(lo[1], hi[1])
        self.ax.set_xlim(lo[0], hi[0])  # last: its callback updates the labels
        self._fitted, self._auto = True, False

    def readable_ppu(self) -> float:
        """Pixels per data unit below which a box cannot hold a short value."""
        return getattr(self, "readable_em", READABLE_EM) * self.font_px()

    def fit_readable(self) -> None:
        """The whole graph if it stays readable; else a readable scale around the action.

        A long chain (a 37-layer loop) fitted whole draws 15-pixel boxes with every label
        hidden; it opens at the smallest readable scale instead, at the current step (the
        graph's start before any frame), and ``follow`` keeps the action in view.
        """
        lo, hi = self._whole_limits()
        width_px = self.ax.bbox.width or 1.0
        if width_px / (hi[0] - lo[0]) >= self.readable_ppu():
            self.fit()
            return
        span = width_px / self.readable_ppu()
        height = span * (self.ax.bbox.height or 1.0) / width_px
        nodes = [n for n in (self.frame.active_nodes if self.frame is not None else ())
                 if n in self.pos]
        ops = [n for n in nodes if self.graph.nodes[n]["kind"] == "op"]
        pts = np.array([self.pos[n] for n in ops or nodes]).reshape(-1, 2)
        first = min((n for n, d in self.graph.nodes(data=True) if d["kind"] == "op"),
                    key=lambda n: n[1], default=None)
        start = min(p[0] for p in self.pos.values()) - BOX_W   # lo is padded to the shape
        if len(pts):
            cx, cy = pts.mean(axis=0)
        elif first is not None:   # the start: the first columns, at the height of the first op
            cx, cy = start + span / 2, self.pos[first][1]
        else:
            cx, cy = start + span / 2, (lo[1] + hi[1]) / 2
        self.ax.set_ylim(cy - height / 2, cy + height / 2)
        self.ax.set_xlim(cx - span / 2, cx + span / 2)
        self._fitted, self._auto = False, True

    def focus(self, frame) -> bool:
        """Bring ``frame``'s action into view; True if the view moved.

        The first frame shows the leaves it lights when they are few (a long graph lights
        its first op's), else keeps the opening view. A pass's last frame shows the output
        beside the leaves' gradients; any other frame its nodes.
        """
        nodes = set(frame.active_nodes)
        if frame.phase in START_PHASES:   # the leaves it lights (a long graph's first op's)
            if len(nodes) > START_FOLLOW:
                return False
        if frame.phase in ("done", "failed"):
            out = self.graph.graph.get("output")
            if out is not None:
                nodes.add(("value", out))
        moved = self.follow(nodes)
        if moved or frame.phase in ("done", "failed"):   # the end of the story: no box cut
            moved = self.clear_edges(self._anchors(nodes)) or moved
        return moved

    def _anchors(self, nodes) -> np.ndarray:
        """Where to look for ``nodes``: each value at its own place or at the echo nearest
        the step's ops (a leaf used in every iteration is also drawn next to each use)."""
        nodes = [n for n in nodes if n in self.pos]
        ops = [n for n in nodes if self.graph.nodes[n]["kind"] == "op"]
        plain = [n for n in nodes if n not in self.echoes_of]
        ref = np.array([self.pos[n] for n in (ops or plain)]).reshape(-1, 2)
        centre = ref.mean(axis=0) if len(ref) else None
        pts = []
        for n in nodes:
            options = [self.pos[n]] + [self.pos[e] for e in self.echoes_of.get(n, ())]
            if centre is None or len(options) == 1:
                pts.append(options[0])
            else:
                pts.append(min(options, key=lambda p, c=centre: float(np.hypot(*(p - c)))))
        return np.array(pts).reshape(-1, 2)

    def follow(self, nodes) -> bool:
        """Make ``nodes`` (the step's action) fully visible, labels included; True if the
        view moved.

        Pans (to centre them) when they fit at this scale; zooms out (never below
        ``FOLLOW_MIN`` of the readable scale) when they do not; if even that is too small,
        keeps the step's ops and their nearest nodes. A whole-graph view about legible is
        left alone; an overview (below ``OVERVIEW`` of readable) zooms back in here.
        """
        pts = self._anchors(nodes)
        if not len(pts):
            return False
        if self._fitted and self.pixels_per_unit() >= self.readable_ppu() * OVERVIEW:
            return False   # the whole graph, near enough to readable: nothing to follow
        lo, hi = pts.min(axis=0) - FOLLOW_PAD, pts.max(axis=0) + FOLLOW_PAD
        (x0, x1), (y0, y1) = self.ax.get_xlim(), self.ax.get_ylim()
        if self._fitted:   # an unreadable overview: back to a readable scale at the step
            self._fitted, self._auto = False, True
            w = (self.ax.bbox.width or 1.0) / self.readable_ppu()
            h = w * (self.ax.bbox.height or 1.0) / (self.ax.bbox.width or 1.0)
            cx, cy = (lo + hi) / 2
            x0, x1, y0, y1 = cx - w / 2, cx + w / 2, cy - h / 2, cy + h / 2
        if lo[0] >= x0 and hi[0] <= x1 and lo[1] >= y0 and hi[1] <= y1:
            if (x0, x1, y0, y1) != (*self.ax.get_xlim(), *self.ax.get_ylim()):
                self._set_view(x0, x1, y0, y1)
                return True
            return False
        w, h = x1 - x0, y1 - y0
        need = max((hi[0] - lo[0]) / w, (hi[1] - lo[1]) / h)
        if need > 1:   # zoom out to fit, down to a floor; then keep what matters most
            ppu = self.pixels_per_unit() / need
            floor = FOLLOW_MIN * self.readable_ppu()
            if ppu < floor:
                need = self.pixels_per_unit() / floor
            w, h = w * max(need, 1.0), h * max(need, 1.0)
        cx = _shift(x0, x1, lo[0], hi[0], w)
        cy = _shift(y0, y1, lo[1], hi[1], h)
        self._set_view(cx - w / 2, cx + w / 2, cy - h / 2, cy + h / 2)
        return True

    def _node_spans(self) -> tuple[np.ndarray, np.ndarray]:
        """Centres and half-extents (data units) of every drawn box and op glyph."""
        spans = getattr(self, "_spans", None)
        if spans is None:
            keys = list(self.boxes) + list(self.ops)
            centres = np.array([self.pos[n] for n in keys], dtype=float).reshape(-1, 2)
            halves = np.array([(BOX_W / 2, BOX_H / 2)] * len(self.boxes)
                              + [(self.op_half[n], OP_R) for n in self.ops]).reshape(-1, 2)
            spans = self._spans = (centres, halves)
        return spans

    def clear_edges(self, keep: np.ndarray | None = None) -> bool:
        """Pan the least so that the canvas's edges cut no node (each is fully in view or
        out of it: a box sliced at the edge reads as a different box), keeping the points
        ``keep`` (with their names and gradients) in view; True if the view moved.

        When no pan will do (rows of two bands a fraction of a row out of step), the view
        zooms a little out or in (``CLEAR_SCALES``, never below ``FOLLOW_MIN`` of the
        readable scale) around its centre and tries again."""
        if not len(self._node_spans()[0]):
            return False
        (x0, x1), (y0, y1) = self.ax.get_xlim(), self.ax.get_ylim()
        cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
        ppu = max(self.pixels_per_unit(), 1e-9)
        floor = FOLLOW_MIN * self.readable_ppu()
        for scale in CLEAR_SCALES:
            if scale > 1 and ppu / scale < floor:
                continue
            w, h = (x1 - x0) * scale, (y1 - y0) * scale
            found = self._clear_window(cx - w / 2 if scale != 1 else x0, w,
                                       cy - h / 2 if scale != 1 else y0, h, keep, ppu / scale)
            if found is not None:
                nx0, ny0 = found
                if (nx0, ny0, w, h) == (x0, y0, x1 - x0, y1 - y0):
                    return False
                self._set_view(nx0, nx0 + w, ny0, ny0 + h)
                return True
        return False

    def _clear_window(self, x0: float, w: float, y0: float, h: float, keep, ppu: float
                      ) -> tuple[float, float] | None:
        """The nearest window start (x, y) of this size whose edges cut no node, or None:
        with the rows of names and gradients if it can keep them whole, else the boxes
        alone; keeping ``keep`` with its labels, else its boxes."""
        centres, halves = self._node_spans()
        m = EDGE_CLEAR_PX / ppu
        row = LABEL_ROW_EM * self.font_px() / ppu
        box = np.array([BOX_W / 2, BOX_H / 2])
        boxes = len(self.boxes)   # a box's name above it and gradient below go with it
        for extra, pad in ((row, FOLLOW_PAD), (0.0, FOLLOW_PAD), (0.0, box)):
            k_x = k_y = None
            if keep is not None and len(keep):
                k_lo, k_hi = keep.min(axis=0) - pad, keep.max(axis=0) + pad
                k_x, k_y = (k_lo[0], k_hi[0]), (k_lo[1], k_hi[1])
            lo, hi = centres - halves - m, centres + halves + m
            lo[:boxes, 1] -= extra
            hi[:boxes, 1] += extra
            across = (hi[:, 0] > x0) & (lo[:, 0] < x0 + w)    # rows first, nodes across
            ny0 = _clear_offset(y0, h, lo[across, 1], hi[across, 1], k_y)
            along = (hi[:, 1] > ny0) & (lo[:, 1] < ny0 + h)
            nx0 = _clear_offset(x0, w, lo[along, 0], hi[along, 0], k_x)
            across = (hi[:, 0] > nx0) & (lo[:, 0] < nx0 + w)
            if _clear(ny0, h, lo[across, 1], hi[across, 1]) and \
                    _clear(nx0, w, lo[along, 0], hi[along, 0]) and \
                    (k_y is None or (ny0 <= k_y[0] and ny0 + h >= k_y[1]
                                     and nx0 <= k_x[0] and nx0 + w >= k_x[1])):
                return nx0, ny0
        return None

    def _set_view(self, x0, x1, y0, y1) -> None:
        self.ax.set_ylim(y0, y1)
        self.ax.set_xlim(x0, x1)   # last: its callback updates the labels

    def _on_resize(self, _event) -> None:
        """A new canvas size: keep the whole graph in view unless the learner zoomed."""
        if self._fitted:
            self.fit()
        elif self._auto:
            self.fit_readable()
        else:
            self.update_labels()

    def zoom(self, factor: float, centre: tuple[float, float] | None = None) -> None:
        """Zoom in (``factor`` > 1) or out around ``centre`` (data coordinates)."""
        self._fitted = self._auto = False
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

