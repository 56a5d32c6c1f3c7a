"""Azimuth and elevation sliders for a 3D Axes: the keyboard way to turn a mplot3d view.

The mouse still rotates the view (mplot3d's own handling); after a mouse rotation the
sliders are updated with signals blocked, so the two stay in sync both ways.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QLabel, QSlider, QWidget


class ViewAngleSliders(QWidget):
    """Two labelled sliders bound to ``ax.view_init(elev, azim)`` of a 3D Axes on ``canvas``."""

    def __init__(self, canvas, ax, *, azim: int = -50, elev: int = 20,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.canvas, self.ax = canvas, ax
        self.azimuth = QSlider(Qt.Orientation.Horizontal, self)
        self.azimuth.setRange(-180, 180)
        self.azimuth.setValue(azim)
        self.elevation = QSlider(Qt.Orientation.Horizontal, self)
        self.elevation.setRange(-90, 90)
        self.elevation.setValue(elev)
        self.azimuth_label, self.elevation_label = QLabel(self), QLabel(self)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.azimuth_label, self.azimuth)
        form.addRow(self.elevation_label, self.elevation)
        self.azimuth.valueChanged.connect(self._on_view_change)
        self.elevation.valueChanged.connect(self._on_view_change)
        self._cid = canvas.mpl_connect("button_release_event", self._on_model_view_change)
        ax.view_init(elev=elev, azim=azim)

    def set_labels(self, azimuth: str, elevation: str) -> None:
        self.azimuth_label.setText(azimuth)
        self.elevation_label.setText(elevation)

    def _on_view_change(self, _value: int = 0) -> None:
        self.ax.view_init(elev=self.elevation.value(), azim=self.azimuth.value())
        self.canvas.draw_idle()

    def _on_model_view_change(self, _event=None) -> None:
        """The mouse turned the view: show its angles (wrapped into the slider ranges)."""
        azim = int(round((self.ax.azim + 180) % 360 - 180))
        elev = int(round(max(-90.0, min(90.0, self.ax.elev))))
        for slider, value in ((self.azimuth, azim), (self.elevation, elev)):
            slider.blockSignals(True)
            slider.setValue(value)
            slider.blockSignals(False)

    def disconnect_canvas(self) -> None:
        self.canvas.mpl_disconnect(self._cid)
