"""Lesson 3 panel: the four kinds of tensors, and operations on small matrices you edit."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from tutor_app.lessons import linalg_basics as logic
from tutor_app.lessons.base import LessonSpec
from tutor_app.qt.figure_toolbar import FigureToolbar
from tutor_app.qt.lesson_panel import LessonPanel
from tutor_app.qt.panels.fitted_canvas import FittedCanvas
from tutor_app.viz import broadcasting, matrices
from tutor_app.viz.style import palette


def _label(parent: QWidget, mono: bool = False) -> QLabel:
    label = QLabel(parent)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if mono:
        label.setFont(QFont("monospace"))
    return label


class LinalgBasicsPanel(LessonPanel):
    """Tab 1: scalar/vector/matrix/tensor. Tab 2: A (and B) in tables, an operation, a cell."""

    def __init__(self, spec: LessonSpec, lang: str = "zh", parent: QWidget | None = None):
        super().__init__(spec, lang, parent)
        self.palette = palette()
        self.a = logic.DEFAULT_A.copy()
        self.b = logic.DEFAULT_B.copy()
        self.operation: logic.Operation | None = None
        self.tabs = QTabWidget(self)
        QVBoxLayout(self).addWidget(self.tabs)
        self.tabs.addTab(self._build_kinds(), "")
        self.tabs.addTab(self._build_operations(), "")
        self._fill_table(self.table_a, self.a)
        self._fill_table(self.table_b, self.b)
        self.retranslate()

    # -- construction ----------------------------------------------------------------------
    def _build_kinds(self) -> QWidget:
        page = QWidget(self)
        self.kinds = QComboBox(page)
        self.kinds.currentIndexChanged.connect(self._on_kind_change)
        self.canvas_kinds = FittedCanvas(page, figsize=(7.0, 3.0))
        self.ax_kinds = self.canvas_kinds.figure.add_subplot()
        self.toolbar_kinds = FigureToolbar(self.canvas_kinds, self.lang, page, basename="kinds")
        self.kind_text, self.kind_facts, self.kind_printed = (_label(page), _label(page, True),
                                                              _label(page, True))
        box = QVBoxLayout(page)
        for widget in (self.kinds, self.kind_text):
            box.addWidget(widget)
        box.addWidget(self.canvas_kinds, 1)
        for widget in (self.toolbar_kinds, self.kind_facts, self.kind_printed):
            box.addWidget(widget)
        box.addStretch(0)  # what the canvas, only as tall as its cells need, leaves
        return page

    def _build_operations(self) -> QWidget:
        page = QWidget(self)
        self.rows, self.cols = QSpinBox(page), QSpinBox(page)
        for spin, value in ((self.rows, self.a.shape[0]), (self.cols, self.a.shape[1])):
            spin.setRange(1, logic.MAX_SIDE)
            spin.setValue(value)
            spin.valueChanged.connect(self._on_size_change)
        self.table_a, self.table_b = QTableWidget(page), QTableWidget(page)
        self.table_a.itemChanged.connect(lambda item: self._on_entry_change("a", item))
        self.table_b.itemChanged.connect(lambda item: self._on_entry_change("b", item))
        self.operations = QComboBox(page)
        self.operations.currentIndexChanged.connect(self._on_operation_change)
        self.cell = QSpinBox(page)
        self.cell.valueChanged.connect(self._on_cell_change)
        self.labels = {key: QLabel(page) for key in ("rows", "cols", "operation", "cell",
                                                      "matrix_a", "matrix_b")}
        self.message = _label(page)
        self.message.setStyleSheet(f"color: {self.palette.negative};")
        self.canvas_ops = FittedCanvas(page, figsize=(7.0, 3.2))
        self.ax_ops = self.canvas_ops.figure.add_subplot()
        self.result_cells = None
        self.canvas_ops.mpl_connect("button_press_event", self._on_result_click_change)
        self.toolbar_ops = FigureToolbar(self.canvas_ops, self.lang, page, basename="matrix_op")
        self.arithmetic, self.printed = _label(page, True), _label(page, True)
        grid = QGridLayout()
        controls = [("rows", self.rows), ("cols", self.cols), ("operation", self.operations),
                    ("cell", self.cell)]
        for col, (key, widget) in enumerate(controls):
            grid.addWidget(self.labels[key], 0, 2 * col)
            grid.addWidget(widget, 0, 2 * col + 1)
        tables = QHBoxLayout()
        for key, table in (("matrix_a", self.table_a), ("matrix_b", self.table_b)):
            column = QVBoxLayout()
            column.addWidget(self.labels[key])
            column.addWidget(table)
            table.setMaximumHeight(150)
            tables.addLayout(column)
        box = QVBoxLayout(page)
        box.addLayout(grid)
        box.addLayout(tables)
        box.addWidget(self.message)
        box.addWidget(self.canvas_ops, 1)
        for widget in (self.toolbar_ops, self.arithmetic, self.printed):
            box.addWidget(widget)
        box.addStretch(0)
        return page

    # -- UI → model ------------------------------------------------------------------------
    def _on_kind_change(self, index: int) -> None:
        key = self.kinds.itemData(index)
        if key is None:
            return
        e = logic.kind_example(key)
        self.kind_text.setText(f"<code>{e.code}</code> — {self.t('kind_' + key)}")
        length = self.t("no_length") if e.length is None else str(e.length)
        self.kind_facts.setText(f"shape = {e.shape}    ndim = {e.ndim}    len = {length}")
        self.kind_printed.setText(e.printed)
        broadcasting.draw_read_and_result(self.ax_kinds, result=e.values,
                                          result_title=f"{e.code}   {e.shape}",
                                          palette=self.palette)
        self.canvas_kinds.fit_to(self.ax_kinds)
        self.canvas_kinds.draw_idle()

    def _on_size_change(self, _value: int = 0) -> None:
        shape = (self.rows.value(), self.cols.value())
        self.a, self.b = (logic.resized(m, shape) for m in (self.a, self.b))
        self._fill_table(self.table_a, self.a)
        self._fill_table(self.table_b, self.b)
        self._recompute()

    def _on_entry_change(self, which: str, item: QTableWidgetItem) -> None:
        matrix = self.a if which == "a" else self.b
        value = logic.parse_entry(item.text())
        if value is None:
            self.message.setText(self.t("bad_entry").format(item.text()))
            table = self.table_a if which == "a" else self.table_b
            table.blockSignals(True)
            item.setText(f"{matrix[item.row(), item.column()]:g}")
            table.blockSignals(False)
            return
        self.message.clear()
        matrix[item.row(), item.column()] = value
        self._recompute()

    def _on_operation_change(self, _index: int) -> None:
        self._recompute()

    def _on_cell_change(self, _value: int) -> None:
        self._show_operation()

    def _on_result_click_change(self, event) -> None:
        """A click on a result cell selects it (the spin box follows)."""
        if event.inaxes is not self.ax_ops or self.result_cells is None:
            return
        k = matrices.cell_at(self.result_cells, event.xdata, event.ydata)
        if k is not None:
            self.cell.setValue(k)

    # -- model → UI ------------------------------------------------------------------------
    def _fill_table(self, table: QTableWidget, matrix: np.ndarray) -> None:
        table.blockSignals(True)
        table.setRowCount(matrix.shape[0])
        table.setColumnCount(matrix.shape[1])
        # 0-based headers, as the code indexes: A[i, j]
        table.setHorizontalHeaderLabels([str(j) for j in range(matrix.shape[1])])
        table.setVerticalHeaderLabels([str(i) for i in range(matrix.shape[0])])
        for (i, j), value in np.ndenumerate(matrix):
            table.setItem(i, j, QTableWidgetItem(f"{value:g}"))
        table.resizeColumnsToContents()
        table.blockSignals(False)

    def _recompute(self) -> None:
        op = self.operations.currentData() or logic.OPERATIONS[0]
        self.operation = logic.apply(op, self.a, self.b if op == "hadamard" else None)
        self.cell.blockSignals(True)
        self.cell.setRange(0, max(self.operation.cells - 1, 0))
        self.cell.blockSignals(False)
        self._show_operation()

    def _show_operation(self) -> None:
        o = self.operation
        k = self.cell.value()
        read = logic.reads(o, k)
        operands = [(o.a, "A", read.a)]
        if o.b is not None:
            operands.append((o.b, "B", read.b))
        note = ""
        if o.error:
            note = f"RuntimeError: {o.error}\n{self.t('needs_square')}"
        elif o.symmetric is not None:
            note = self.t("is_symmetric") if o.symmetric else ""
        self.result_cells = matrices.draw_operation(self.ax_ops, operands, "⊙", result=o.result,
                                                    result_title=o.code, note=note,
                                                    result_highlight=read.result,
                                                    fmt="{:.4g}", palette=self.palette)
        self.arithmetic.setText(note if o.error else logic.describe_read(o, k))
        self.printed.setText(o.printed)
        self.canvas_ops.fit_to(self.ax_ops)
        self.canvas_ops.draw_idle()

    # -- LessonPanel -----------------------------------------------------------------------
    def retranslate(self) -> None:
        self.tabs.setTabText(0, self.t("tab_kinds"))
        self.tabs.setTabText(1, self.t("tab_operations"))
        for key, label in self.labels.items():
            label.setText(self.t(key))
        for combo, keys, prefix in ((self.kinds, logic.KINDS, "name_"),
                                    (self.operations, logic.OPERATIONS, "op_")):
            current = max(combo.currentIndex(), 0)
            combo.blockSignals(True)
            combo.clear()
            for key in keys:
                combo.addItem(self.t(prefix + key), key)
            combo.setCurrentIndex(current)
            combo.blockSignals(False)
        for toolbar in (self.toolbar_kinds, self.toolbar_ops):
            toolbar.set_language(self.lang)
        self._on_kind_change(self.kinds.currentIndex())
        self._recompute()

    def canvases(self) -> list:
        return [self.canvas_kinds, self.canvas_ops]
