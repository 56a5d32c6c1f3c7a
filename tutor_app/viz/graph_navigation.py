"""Zoom and pan a ``GraphView`` with the mouse on any Matplotlib canvas (no Qt here)."""

from __future__ import annotations

from tutor_app.viz.graph_view import GraphView


class MouseNavigation:
    """Wheel zooms around the pointer, a left-button drag pans; works on any Matplotlib canvas."""

    def __init__(self, view: GraphView, canvas) -> None:
        self.view, self.canvas = view, canvas
        self._press: tuple[float, float] | None = None
        self._cids = [canvas.mpl_connect("scroll_event", self._on_scroll),
                      canvas.mpl_connect("button_press_event", self._on_press),
                      canvas.mpl_connect("motion_notify_event", self._on_move),
                      canvas.mpl_connect("button_release_event", self._on_release)]

    def _on_scroll(self, event) -> None:
        if event.inaxes is not self.view.ax:
            return
        self.view.zoom(1.25 ** (event.step or 0), (event.xdata, event.ydata))
        self.canvas.draw_idle()

    def _on_press(self, event) -> None:
        if event.inaxes is self.view.ax and event.button == 1:
            self._press = (event.x, event.y)

    def _on_move(self, event) -> None:
        if self._press is None:
            return  # our own drag state: Qt moves carry no button during a drag
        ppu = self.view.pixels_per_unit() or 1.0
        dx, dy = (event.x - self._press[0]) / ppu, (event.y - self._press[1]) / ppu
        self._press = (event.x, event.y)
        self.view.pan(-dx, -dy)
        self.canvas.draw_idle()

    def _on_release(self, event) -> None:
        self._press = None

    def disconnect(self) -> None:
        for cid in self._cids:
            self.canvas.mpl_disconnect(cid)
