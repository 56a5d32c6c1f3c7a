"""A row of spin boxes editing one small vector: the keyboard way to set what a drag sets."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDoubleSpinBox, QHBoxLayout, QLabel, QWidget


class VectorEditor(QWidget):
    """``name = (x, y[, z])`` as spin boxes; emits ``value_changed`` on a user edit only."""

    value_changed = Signal()

    def __init__(self, name: str, value: Sequence[float], *, limit: float = 5.0,
                 step: float = 0.1, decimals: int = 2, colour: str | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.label = QLabel(f"{name} =", self)
        if colour:
            self.label.setStyleSheet(f"color: {colour}; font-weight: bold;")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        self.spins: list[QDoubleSpinBox] = []
        for axis, x in zip("xyz", value, strict=False):
            spin = QDoubleSpinBox(self)
            spin.setRange(-limit, limit)
            spin.setSingleStep(step)
            spin.setDecimals(decimals)
            spin.setValue(float(x))
            spin.setAccessibleName(f"{name}.{axis}")
            spin.setKeyboardTracking(False)
            spin.valueChanged.connect(self._on_component_change)
            layout.addWidget(spin)
            self.spins.append(spin)
        layout.addStretch(1)

    def value(self) -> tuple[float, ...]:
        return tuple(spin.value() for spin in self.spins)

    def set_value(self, value: Sequence[float]) -> None:
        """Show ``value`` without emitting (model → UI)."""
        for spin, x in zip(self.spins, value, strict=True):
            spin.blockSignals(True)
            spin.setValue(float(x))
            spin.blockSignals(False)

    def _on_component_change(self, _value: float) -> None:
        self.value_changed.emit()
