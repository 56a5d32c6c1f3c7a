"""Lesson 2 panel: D2L §2.1 examples drawn as cells, and the broadcasting explorer."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from tutor_app.lessons import tensors_broadcasting as logic
from tutor_app.lessons.base import LessonSpec
from tutor_app.qt.figure_toolbar import FigureToolbar
from tutor_app.qt.lesson_panel import LessonPanel
from tutor_app.qt.panels.fitted_canvas import FittedCanvas
from tutor_app.viz import broadcasting as viz
from tutor_app.viz.style import palette


def _mono_label(parent: QWidget) -> QLabel:
    label = QLabel(parent)
    label.setFont(QFont("monospace"))
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class TensorsBroadcastingPanel(LessonPanel):
    """Tab 1: pick an example line. Tab 2: type or pick two shapes and add them."""

    def __init__(self, spec: LessonSpec, lang: str = "zh", parent: QWidget | None = None):
        super().__init__(spec, lang, parent)
        self.palette = palette()
        self.tabs = QTabWidget(self)
        QVBoxLayout(self).addWidget(self.tabs)
        self.tabs.addTab(self._build_examples(), "")
        self.tabs.addTab(self._build_explorer(), "")
        self.example = None
        self.broadcast = None
        self.shapes = logic.PRESETS[0][1:]
        self.retranslate()

    # -- construction ----------------------------------------------------------------------
    def _build_examples(self) -> QWidget:
        page = QWidget(self)
        self.examples = QComboBox(page)
        self.examples.currentIndexChanged.connect(self._on_example_change)
        self.example_label = QLabel(page)
        self.explanation = QLabel(page)
        self.explanation.setWordWrap(True)
        self.canvas_examples = FittedCanvas(page, figsize=(7.0, 3.2))
        self.ax_examples = self.canvas_examples.figure.add_subplot()
        self.toolbar_examples = FigureToolbar(self.canvas_examples, self.lang, page,
                                              basename="tensor_example")
        self.printed_label = QLabel(page)
        self.printed = _mono_label(page)
        form = QFormLayout()
        form.addRow(self.example_label, self.examples)
        box = QVBoxLayout(page)
        box.addLayout(form)
        box.addWidget(self.explanation)
        box.addWidget(self.canvas_examples, 1)
        for widget in (self.toolbar_examples, self.printed_label, self.printed):
            box.addWidget(widget)
        box.addStretch(0)  # takes what the canvas, only as tall as its cells need, leaves
        return page

    def _build_explorer(self) -> QWidget:
        page = QWidget(self)
        self.presets = QComboBox(page)
        self.presets.activated.connect(self._on_preset_change)
        self.shape_a = QLineEdit(page)
        self.shape_b = QLineEdit(page)
        for edit in (self.shape_a, self.shape_b):
            edit.returnPressed.connect(self._on_shapes_change)
        self.apply = QPushButton(page)
        self.apply.clicked.connect(self._on_shapes_change)
        self.input_message = QLabel(page)
        self.input_message.setWordWrap(True)
        self.input_message.setStyleSheet(f"color: {self.palette.negative};")
        self.canvas_broadcast = FittedCanvas(page, figsize=(7.0, 4.5), cell_px=40)
        self.ax_broadcast = self.canvas_broadcast.figure.add_subplot()
        self.toolbar_broadcast = FigureToolbar(self.canvas_broadcast, self.lang, page,
                                               basename="broadcasting")
        self.legend = QLabel(page)
        self.outcome = _mono_label(page)
        self.presets_label, self.shape_a_label, self.shape_b_label = (QLabel(page) for _ in "abc")
        form = QFormLayout()
        form.addRow(self.presets_label, self.presets)
        # both shapes and the button on one row: the cells keep the height (fits 1280×800)
        shapes = QHBoxLayout()
        for widget, stretch in ((self.shape_a_label, 0), (self.shape_a, 1),
                                (self.shape_b_label, 0), (self.shape_b, 1), (self.apply, 0)):
            shapes.addWidget(widget, stretch)
        box = QVBoxLayout(page)
        box.addLayout(form)
        box.addLayout(shapes)
        box.addWidget(self.input_message)
        box.addWidget(self.canvas_broadcast, 1)
        for widget in (self.toolbar_broadcast, self.legend, self.outcome):
            box.addWidget(widget)
        box.addStretch(0)
        return page

    # -- UI → model ------------------------------------------------------------------------
    def _on_example_change(self, index: int) -> None:
        key = self.examples.itemData(index)
        if key is None:
            return
        self.example = logic.example(key)
        self._show_example()

    def _on_preset_change(self, index: int) -> None:
        _key, a, b = logic.PRESETS[index]
        self.shape_a.setText(", ".join(map(str, a)))
        self.shape_b.setText(", ".join(map(str, b)))
        self._on_shapes_change()

    def _on_shapes_change(self) -> None:
        """Parse both shapes; on bad text say why and keep the last good picture."""
        try:
            shapes = (logic.parse_shape(self.shape_a.text()),
                      logic.parse_shape(self.shape_b.text()))
        except logic.ShapeError as exc:
            self.input_message.setText(self.t(exc.key).format(exc.detail))
            return
        self.input_message.clear()
        self.shapes = shapes
        self.broadcast = logic.broadcast(*shapes)
        self._show_broadcast()

    # -- model → figure --------------------------------------------------------------------
    def _show_example(self) -> None:
        e = self.example
        self.explanation.setText(f"<code>{e.code}</code> — {self.t(e.key)}")
        shape = "" if e.result is None else f"  →  {logic.format_shape(e.result.shape)}"
        viz.draw_read_and_result(
            self.ax_examples, result=e.result, changed=e.result_highlight, error=e.error,
            result_title=f"{e.code}{shape}", source=e.source, read=e.source_highlight,
            source_title="" if e.source is None else logic.format_shape(e.source.shape),
            palette=self.palette)
        self.printed.setText(e.printed)
        self.canvas_examples.fit_to(self.ax_examples)
        self.canvas_examples.draw_idle()

    def _show_broadcast(self) -> None:
        bc = self.broadcast
        cells = 0 if bc.result is None else bc.result.size
        # Too many cells, or too wide a row of them (a 4-D result drawn three times): the
        # cells would be a few pixels wide, so show the shapes alone.
        too_wide = viz.broadcast_width(bc.a_shape, bc.b_shape, bc.result_shape) > \
            viz.MAX_DRAWN_WIDTH
        if cells > logic.MAX_DRAWN_CELLS or (too_wide and bc.result is not None):
            note = self.t("too_big").format(cells, logic.format_shape(bc.result_shape))
            viz.draw_shapes_only(self.ax_broadcast, logic.shape_rows(bc, self.t), note,
                                 self.palette)
            self.outcome.setText(note)
            self.canvas_broadcast.fit_to(self.ax_broadcast)
            self.canvas_broadcast.draw_idle()
            return
        viz.draw_broadcast(
            self.ax_broadcast, rows=logic.shape_rows(bc, self.t), a=bc.a, b=bc.b,
            titles=logic.titles(bc, self.t), result=bc.result, a_stretched=bc.a_stretched,
            b_stretched=bc.b_stretched, a_copied=bc.a_copied, b_copied=bc.b_copied,
            error=bc.error, offending_axis=bc.offending_axis,
            a_clash=logic.clash_mask(bc.a_shape, bc.ndim, bc.offending_axis),
            b_clash=logic.clash_mask(bc.b_shape, bc.ndim, bc.offending_axis),
            palette=self.palette)
        if bc.error is None:
            self.outcome.setText(self.t("result_shape").format(
                logic.format_shape(bc.result_shape)))
        else:
            self.outcome.setText(f"{self.t('error_heading')}\nRuntimeError: {bc.error}")
        self.canvas_broadcast.fit_to(self.ax_broadcast)
        self.canvas_broadcast.draw_idle()

    # -- LessonPanel -----------------------------------------------------------------------
    def retranslate(self) -> None:
        self.tabs.setTabText(0, self.t("tab_tensors"))
        self.tabs.setTabText(1, self.t("tab_broadcast"))
        self.example_label.setText(self.t("example"))
        self.printed_label.setText(self.t("printed"))
        for label, key in ((self.presets_label, "presets"), (self.shape_a_label, "shape_a"),
                           (self.shape_b_label, "shape_b"), (self.legend, "legend")):
            label.setText(self.t(key))
        self.apply.setText(self.t("apply"))
        self._fill_combos()
        for toolbar in (self.toolbar_examples, self.toolbar_broadcast):
            toolbar.set_language(self.lang)
        if self.broadcast is None:
            self.shape_a.setText(", ".join(map(str, self.shapes[0])))
            self.shape_b.setText(", ".join(map(str, self.shapes[1])))
            self._on_shapes_change()
        else:
            self._show_broadcast()
        self._on_example_change(self.examples.currentIndex())

    def _fill_combos(self) -> None:
        for combo, keys in ((self.examples, logic.EXAMPLE_KEYS),
                            (self.presets, [p[0] for p in logic.PRESETS])):
            current = max(combo.currentIndex(), 0)
            combo.blockSignals(True)
            combo.clear()
            for key in keys:
                text = (logic.example_code(key) if combo is self.examples else self.t(key))
                combo.addItem(text, key)
            combo.setCurrentIndex(current)
            combo.blockSignals(False)

    def canvases(self) -> list:
        return [self.canvas_examples, self.canvas_broadcast]
