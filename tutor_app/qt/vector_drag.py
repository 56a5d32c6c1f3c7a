"""Drag named points (vector tips, a point on a contour plot...) on a 2D Axes, blitted.

A full redraw of a figure costs 21–36 ms here; a blitted update ≈ 1.5 ms. So while a
point is dragged only the *moving* artists are redrawn over a saved background
(Matplotlib's BlitManager pattern: ``restore_region`` → ``draw_artist`` → ``blit``).

Usage::

    drag = PointDragController(
        canvas, ax,
        points={"v": (2, 1), "w": (1, 3)},       # draggable handles, data coordinates
        on_move=self._on_tip_change,            # (name, (x, y)) -> None: update model + artists
        moving_artists=lambda: self.artists.moving(),   # what changes while dragging
        on_press=self._on_tip_press,            # optional (name) -> None, before the capture
        on_release=self._on_tip_release,        # optional (name, (x, y)) -> None
    )
    drag.set_point("v", (3, 0))                 # keep in sync when a spin box moves it

Rules it follows:

- Qt's ``mouseMoveEvent`` (and pytest-qt's ``qtbot.mouseMove``) carries no pressed
  button, so the controller keeps its own ``dragging`` state set on press and cleared on
  release; it never reads ``event.button`` during a move.
- Positions are clamped to the Axes' current limits, optionally snapped to ``snap``.
- On press the moving artists are marked ``animated`` and the canvas is drawn once
  without them to capture the background; on release they are un-animated and a normal
  ``draw_idle()`` follows, so exports and later redraws are complete.
- A redraw during a drag (e.g. a resize) re-captures the background via ``draw_event``.
- ``frame_seconds`` keeps the duration of the last blitted frame, for benchmarks.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Mapping

import numpy as np
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.backend_tools import Cursors

Point = tuple[float, float]


class PointDragController:
    """Press near a handle, move, release: the handle follows the mouse, blitted."""

    def __init__(
        self,
        canvas,
        ax: Axes,
        points: Mapping[str, Point],
        on_move: Callable[[str, Point], None],
        moving_artists: Callable[[], Iterable[Artist]],
        *,
        on_press: Callable[[str], None] | None = None,
        on_release: Callable[[str, Point], None] | None = None,
        pick_radius_px: float = 12.0,
        snap: float | None = None,
    ):
        self.canvas = canvas
        self.ax = ax
        self.points: dict[str, Point] = {k: (float(x), float(y)) for k, (x, y) in points.items()}
        self._on_move = on_move
        self._moving_artists = moving_artists
        self._on_press_cb = on_press
        self._on_release = on_release
        self.pick_radius_px = pick_radius_px
        self.snap = snap
        self.dragging: str | None = None
        self._hovering = False
        self.enabled = True
        self.frame_seconds: float = 0.0
        self._background = None
        self._animated: list[Artist] = []
        self._cids = [
            canvas.mpl_connect("button_press_event", self._on_press),
            canvas.mpl_connect("motion_notify_event", self._on_motion),
            canvas.mpl_connect("button_release_event", self._on_release_event),
            canvas.mpl_connect("draw_event", self._on_draw),
        ]

    # -- public --------------------------------------------------------------------------
    def set_point(self, name: str, xy: Point) -> None:
        """Move a handle programmatically (spin boxes, presets); no callback is fired."""
        self.points[name] = (float(xy[0]), float(xy[1]))

    def pick(self, x_px: float, y_px: float) -> str | None:
        """The handle within ``pick_radius_px`` display pixels of ``(x_px, y_px)``, if any."""
        best, best_dist = None, self.pick_radius_px
        for name, xy in self.points.items():
            hx, hy = self.ax.transData.transform(xy)
            dist = float(np.hypot(hx - x_px, hy - y_px))
            if dist <= best_dist:
                best, best_dist = name, dist
        return best

    def disconnect(self) -> None:
        for cid in self._cids:
            self.canvas.mpl_disconnect(cid)
        self._cids = []

    # -- event handlers --------------------------------------------------------------------
    def _on_press(self, event) -> None:
        if not self.enabled or event.inaxes is not self.ax or event.button != 1:
            return
        name = self.pick(event.x, event.y)
        if name is None:
            return
        self.dragging = name
        if self._on_press_cb is not None:
            self._on_press_cb(name)
        self._animated = list(self._moving_artists())
        for artist in self._animated:
            artist.set_animated(True)
        self.canvas.draw()  # background without the moving artists; _on_draw captures it
        self._move_to(name, event)

    def _on_motion(self, event) -> None:
        # No event.button check: a Qt move event carries no button (see module docstring).
        if self.dragging is not None:
            self._move_to(self.dragging, event)
        elif self.enabled and event.x is not None:
            # A hand over a handle says "you can drag this".
            over = event.inaxes is self.ax and self.pick(event.x, event.y) is not None
            if over != self._hovering:
                self._hovering = over
                self.canvas.set_cursor(Cursors.HAND if over else Cursors.POINTER)

    def _on_release_event(self, event) -> None:
        name = self.dragging
        if name is None:
            return
        self.dragging = None
        for artist in self._animated:
            artist.set_animated(False)
        self._animated = []
        self._background = None
        if self._on_release is not None:
            self._on_release(name, self.points[name])
        self.canvas.draw_idle()

    def _on_draw(self, event) -> None:
        if self.dragging is None:
            return
        self._background = self.canvas.copy_from_bbox(self.canvas.figure.bbox)
        self._draw_moving()

    # -- internals -------------------------------------------------------------------------
    def _data_point(self, event) -> Point | None:
        if event.x is None or event.y is None:
            return None
        x, y = self.ax.transData.inverted().transform((event.x, event.y))
        x0, x1 = sorted(self.ax.get_xlim())
        y0, y1 = sorted(self.ax.get_ylim())
        x, y = float(np.clip(x, x0, x1)), float(np.clip(y, y0, y1))
        if self.snap:
            # round twice: 3 * 0.1 is 0.30000000000000004; "+ 0.0" turns -0.0 into 0.0
            x = round(round(x / self.snap) * self.snap, 10) + 0.0
            y = round(round(y / self.snap) * self.snap, 10) + 0.0
        return x, y

    def _move_to(self, name: str, event) -> None:
        start = time.perf_counter()
        xy = self._data_point(event)
        if xy is None:
            return
        self.points[name] = xy
        self._on_move(name, xy)
        # The callback may have replaced artists; ask again so new ones are blitted too.
        current = list(self._moving_artists())
        for artist in current:
            if artist not in self._animated:
                artist.set_animated(True)
                self._animated.append(artist)
        if self._background is None:
            self.canvas.draw()
        else:
            self.canvas.restore_region(self._background)
            self._draw_moving()
            self.canvas.blit(self.canvas.figure.bbox)
        self.frame_seconds = time.perf_counter() - start

    def _draw_moving(self) -> None:
        figure = self.canvas.figure
        for artist in self._animated:
            if artist.get_visible() and artist.figure is not None:
                figure.draw_artist(artist)
