"""Zoom, pan, Fit and the readable scale of a ``GraphView`` (its viewport, apart from drawing).

``fit`` shows the whole graph however small; ``fit_readable`` (how a graph opens) keeps a
scale at which a box still holds a short value, centred on the action, and ``follow`` pans
to each step's nodes once the view is not the whole graph.
"""

from __future__ import annotations

import numpy as np

from tutor_app.viz.graph_geometry import BOX_W

READABLE_EM = 3.2        # below this many font sizes per data unit, values stop fitting


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
        return READABLE_EM * self.font_px()

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
        if len(pts):
            cx, cy = pts.mean(axis=0)
        else:  # the start: the first columns, vertically centred
            cx, cy = lo[0] + span / 2, (lo[1] + hi[1]) / 2
        self.ax.set_ylim(cy - height / 2, cy + height / 2)
        self.ax.set_xlim(cx - span / 2, cx + span / 2)
        self._fitted, self._auto = False, True

    def follow(self, nodes) -> bool:
        """Pan so that ``nodes`` (the step's action) are on screen; True if the view moved.

        The step's op is the centre when there is one: a leaf reused far back (``x`` in a
        loop) would otherwise pull the view between the two and show neither.
        """
        nodes = [n for n in nodes if n in self.pos]
        ops = [n for n in nodes if self.graph.nodes[n]["kind"] == "op"]
        pts = np.array([self.pos[n] for n in ops or nodes]).reshape(-1, 2)
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

