"""Where a widget's own text is cut: combo boxes, buttons and one-line labels measured
against the room their style gives the text (used by the every-screen geometry test)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QLabel,
    QStyle,
    QStyleOptionButton,
    QStyleOptionComboBox,
    QWidget,
)

SLACK = 1   # pixels of rounding
# Full-width closing punctuation draws in the left half of its em: a text ending in it is
# whole when its last half-em is cut (the measure stays pixel-strict elsewhere).
FULL_WIDTH_CLOSING = "）」』】》〉，。：；"


def _ink_width(metrics, text: str) -> int:
    """The advance of ``text``, less the blank half of a trailing full-width mark."""
    width = metrics.horizontalAdvance(text)
    if text and text[-1] in FULL_WIDTH_CLOSING:
        width -= metrics.horizontalAdvance(text[-1]) // 2
    return width


def _combo_cut(combo: QComboBox) -> str | None:
    option = QStyleOptionComboBox()
    combo.initStyleOption(option)
    field = combo.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, option,
                                         QStyle.SubControl.SC_ComboBoxEditField, combo)
    need = _ink_width(combo.fontMetrics(), combo.currentText())
    if need > field.width() + SLACK:
        return (f"combo box {combo.currentText()!r}: {field.width()} px of {combo.width()} "
                f"for {need}")
    return None


def _button_cut(button: QAbstractButton) -> str | None:
    text = button.text().replace("&&", "\0").replace("&", "").replace("\0", "&")
    if not text:
        return None
    need = _ink_width(button.fontMetrics(), text)
    room = button.width()
    if isinstance(button, QAbstractButton) and button.metaObject().className() == "QPushButton":
        option = QStyleOptionButton()
        button.initStyleOption(option)
        margin = button.style().pixelMetric(QStyle.PixelMetric.PM_ButtonMargin, option, button)
        room -= margin
    else:   # check boxes, radio buttons: the indicator and its spacing come first
        room -= button.style().pixelMetric(QStyle.PixelMetric.PM_IndicatorWidth) + 4
    if need > room + SLACK:
        return f"button {text!r}: {room} px for {need}"
    return None


def _label_cut(label: QLabel) -> str | None:
    if label.wordWrap() or not label.text() or label.textFormat() == Qt.TextFormat.RichText:
        return None
    if GuiQt.mightBeRichText(label.text()) or "\n" in label.text():
        return None
    if label.sizePolicy().horizontalPolicy().name == "Ignored":   # elides on purpose
        return None
    margins = label.contentsMargins()
    room = label.width() - margins.left() - margins.right() - 2 * label.margin()
    need = _ink_width(label.fontMetrics(), label.text())
    if need > room + SLACK:
        return f"label {label.text()!r}: {room} px for {need}"
    return None


def cut_texts(root: QWidget) -> list[str]:
    """Every visible combo box, button and one-line label under ``root`` whose text is
    wider than the room it is given."""
    found = []
    for widget in root.findChildren(QWidget):
        if not widget.isVisible() or widget.width() <= 1:
            continue
        if isinstance(widget, QComboBox):
            cut = _combo_cut(widget)
        elif isinstance(widget, QAbstractButton):
            cut = _button_cut(widget)
        elif isinstance(widget, QLabel):
            cut = _label_cut(widget)
        else:
            continue
        if cut:
            found.append(f"{widget.objectName() or type(widget).__name__}: {cut}")
    return found
