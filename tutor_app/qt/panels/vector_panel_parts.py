"""Parts shared by the two-vector panels of lessons 4 (dot product, projection) and 5 (cross
product, signed area): the v/w editor pair and the 3D preset chooser."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from PySide6.QtWidgets import QComboBox

from tutor_app.qt.vector_editor import VectorEditor
from tutor_app.viz.style import Palette

Vec = Sequence[float]


def vector_editor_pair(v: Vec, w: Vec, palette: Palette, on_change: Callable[..., object], *,
                       limit: float = 5.0) -> tuple[VectorEditor, VectorEditor]:
    """Editors for v and w in their palette colours; an edit of either calls ``on_change``."""
    editors = (VectorEditor("v", v, limit=limit, colour=palette.v),
               VectorEditor("w", w, limit=limit, colour=palette.w))
    for editor in editors:
        editor.value_changed.connect(on_change)
    return editors


def fill_presets(combo: QComboBox, keys: Sequence[str], t: Callable[[str], str], *,
                 fallback: int) -> None:
    """(Re)fill the preset chooser in the current language, keeping the chosen row
    (``fallback`` when none is chosen yet)."""
    current = combo.currentIndex()
    combo.clear()
    for key in keys:
        combo.addItem(t(key), key)
    combo.setCurrentIndex(current if current >= 0 else fallback)


def apply_preset(combo: QComboBox, index: int, presets: Mapping[str, tuple[Vec, Vec]],
                 v_editor: VectorEditor, w_editor: VectorEditor) -> None:
    """Set v and w to the preset in row ``index`` of ``combo``."""
    v, w = presets[combo.itemData(index)]
    v_editor.set_value(v)
    w_editor.set_value(w)
