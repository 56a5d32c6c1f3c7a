"""Lesson 8 panel: pick axes and keepdims, see which cells collapse; then A / A.sum(axis=1).

A thin view: numbers come from ``tutor_app.lessons.axis_sums`` (the engine), pictures from
``tutor_app.viz.axes_sum``.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtGui import QFont, QFontDatabase, QTextOption
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from tutor_app.lessons import axis_sums as logic
from tutor_app.qt.figure_toolbar import FigureToolbar
from tutor_app.qt.lesson_panel import LessonPanel
from tutor_app.qt.panels.panel_canvas import PanelCanvas
from tutor_app.qt.panels.tab_figures import TabFigures
from tutor_app.viz import axes_sum as viz


def monospace_view() -> QPlainTextEdit:
    """A read-only text box in a fixed-width font, for printed tensors.

    Long lines (an error message, a wide tensor) wrap at the box's width: a learner in a
    narrow window read them cut off, with a scroll bar that was easy to miss.
    """
    view = QPlainTextEdit()
    view.setReadOnly(True)
    view.setFont(QFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)))
    view.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
    view.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    return view


def axes_label(axes: tuple[int, ...]) -> str:
    return str(axes[0]) if len(axes) == 1 else "(" + ", ".join(map(str, axes)) + ")"


class AxisSumsPanel(LessonPanel):
    """Two tabs: sums of the (2, 3, 4) tensor; row normalisation with and without keepdims."""

    def __init__(self, spec, lang: str = "zh", parent: QWidget | None = None):
        super().__init__(spec, lang, parent)
        self.result: logic.AxisSum | None = None
        self.selected: int | None = None
        self._blocks: list[tuple[viz.CellBlock, np.ndarray]] = []

        self.tabs = QTabWidget()
        self.tabs.addTab(self._build_sum_tab(), "")
        self.divide_page = self._build_divide_tab()
        self.tabs.addTab(self.divide_page, "")
        self.tab_figures = TabFigures(self.tabs)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)

        self.canvas.mpl_connect("button_press_event", self._on_canvas_click)
        self.retranslate()  # fills the division tab too
        self._on_choice_change()

    # -- building ----------------------------------------------------------------------
    def _build_sum_tab(self) -> QWidget:
        page = QWidget()
        self.axes_caption = QLabel()
        self.axes_box = QComboBox()
        for axes in logic.AXIS_CHOICES:
            self.axes_box.addItem(axes_label(axes), axes)
        self.axes_box.setCurrentIndex(1)
        self.keepdims_box = QCheckBox()
        self.axes_caption.setBuddy(self.axes_box)
        self.axes_box.currentIndexChanged.connect(self._on_choice_change)
        self.keepdims_box.toggled.connect(self._on_choice_change)
        controls = QHBoxLayout()
        controls.addWidget(self.axes_caption)
        controls.addWidget(self.axes_box)
        controls.addWidget(self.keepdims_box)
        controls.addStretch(1)

        self.canvas = PanelCanvas(figsize=(7.0, 5.0))
        figure = self.canvas.figure
        self.ax_input, self.ax_result = figure.subplots(2, 1, height_ratios=[3, 2])
        self.output_view = monospace_view()
        self.output_view.setMaximumHeight(150)
        self.hint = QLabel()
        self.hint.setWordWrap(True)

        column = QVBoxLayout(page)
        column.addLayout(controls)
        column.addWidget(self.canvas, 1)
        self.toolbar = FigureToolbar(self.canvas, self.lang, basename="axis_sums")
        column.addWidget(self.toolbar)
        column.addWidget(self.hint)
        column.addWidget(self.output_view)
        return page

    def _build_divide_tab(self) -> QWidget:
        page = QWidget()
        self.matrix_caption = QLabel()
        self.matrix_box = QComboBox()
        # its items are named in retranslate(): size to their text whenever it changes (sized
        # once, the box kept the width of its first texts and cut "5×4 (the book's A)")
        self.matrix_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.matrix_box.addItem("", 5)
        self.matrix_box.addItem("", 4)
        self.matrix_caption.setBuddy(self.matrix_box)
        self.div_keepdims_box = QCheckBox()
        self.matrix_box.currentIndexChanged.connect(self._on_division_change)
        self.div_keepdims_box.toggled.connect(self._on_division_change)
        controls = QHBoxLayout()
        controls.addWidget(self.matrix_caption)
        controls.addWidget(self.matrix_box)
        controls.addWidget(self.div_keepdims_box)
        controls.addStretch(1)
        self.division_view = monospace_view()
        self.verdict = QLabel()
        self.verdict.setWordWrap(True)
        self.div_canvas = PanelCanvas(figsize=(7.0, 3.0))
        self.div_ax = self.div_canvas.figure.subplots()
        self.div_toolbar = FigureToolbar(self.div_canvas, self.lang, basename="row_sums")
        column = QVBoxLayout(page)
        column.addLayout(controls)
        column.addWidget(self.div_canvas, 2)
        column.addWidget(self.div_toolbar)
        column.addWidget(self.verdict)
        column.addWidget(self.division_view, 2)
        return page

    # -- LessonPanel -------------------------------------------------------------------
    def retranslate(self) -> None:
        self.toolbar.set_language(self.lang)
        self.div_toolbar.set_language(self.lang)
        self.tabs.setTabText(0, self.t("tab_axes"))
        self.tabs.setTabText(1, self.t("tab_divide"))
        self.axes_caption.setText(self.t("axes"))
        self.keepdims_box.setText(self.t("keepdims"))
        self.div_keepdims_box.setText(self.t("keepdims"))
        self.matrix_caption.setText(self.t("matrix"))
        self.matrix_box.setItemText(0, self.t("matrix_5x4"))
        self.matrix_box.setItemText(1, self.t("matrix_4x4"))
        if self.result is not None:
            self._draw()
            self._show_selection()
        self._on_division_change()

    def canvases(self) -> list:
        return [self.canvas, self.div_canvas]

    # -- sums --------------------------------------------------------------------------
    def _on_choice_change(self, *_args) -> None:
        axes = self.axes_box.currentData()
        self.result = logic.sum_along(axes, self.keepdims_box.isChecked())
        self.selected = None
        r = self.result
        self.output_view.setPlainText(
            f">>> X = torch.arange(24).reshape(2, 3, 4)\n>>> {r.code}\n{r.printed}\n"
            f">>> {r.code}.shape\n{r.printed_shape}")
        self._draw()
        self._show_selection()

    def _draw(self) -> None:
        r = self.result
        for ax in (self.ax_input, self.ax_result):
            ax.clear()
        values = logic.make_tensor().tolist()
        names = tuple(self.t(f"axis_{k}") for k in range(3))
        block = viz.draw_tensor_block(self.ax_input, np.array(values), r.groups,
                                      axis_names=names)
        self.ax_input.set_title(self.t("input_title"), fontsize=9)
        result_block = viz.draw_result_grid(
            self.ax_result, r.values, title=f"{r.code}  →  {self.t('shape')} {r.shape}")
        result_groups = np.arange(result_block.rects.size).reshape(result_block.rects.shape)
        self._blocks = [(block, r.groups), (result_block, result_groups)]
        self.canvas.draw_idle()

    def _on_canvas_click(self, event) -> None:
        if event.inaxes is None or event.xdata is None:
            return
        for block, groups in self._blocks:
            if event.inaxes is not block.rects.flat[0].axes:
                continue
            idx = viz.cell_at(block, event.xdata, event.ydata)
            if idx is not None:
                self.select_group(int(groups[idx]))
            return

    def select_group(self, group: int | None) -> None:
        """Highlight the input cells summed into output cell ``group``; same group clears."""
        self.selected = None if group == self.selected else group
        self._show_selection()

    def _show_selection(self) -> None:
        for block, groups in self._blocks:
            viz.highlight_group(block, groups, self.selected)
        if self.selected is None:
            self.hint.setText(self.t("click_hint"))
        else:
            cells = ", ".join(f"X[{i}, {j}, {k}]" for i, j, k in
                              logic.members(self.result, self.selected))
            total = f"{logic.output_value(self.result, self.selected):g}"
            self.hint.setText(self.t("collapsed").format(cells=cells, total=total))
        self.canvas.draw_idle()

    # -- division ----------------------------------------------------------------------
    def _on_division_change(self, *_args) -> None:
        d = logic.divide_by_row_sums(self.matrix_box.currentData(),
                                     self.div_keepdims_box.isChecked())
        lines = [f">>> A\n{d.a_printed}", f">>> {d.sums_code}\n{d.sums_printed}",
                 f">>> {d.code}"]
        shape = str(d.sums_shape)
        if not d.ok:
            lines.append(d.error)
            self.verdict.setText(self.t("verdict_error").format(sums=shape))
        else:
            lines.append(d.printed)
            lines.append(f">>> ({d.code}).sum(axis=1)\n{d.row_sums}")
            key = "verdict_ok" if d.rows_sum_to_one else "verdict_silent"
            self.verdict.setText(self.t(key).format(sums=shape))
        self.division = d
        self.division_view.setPlainText("\n".join(lines))
        self.tab_figures.draw(self.divide_page, self._draw_division)

    def _draw_division(self) -> None:
        d = self.division
        picture = logic.divisor_picture(d)
        self.div_ax.clear()
        self.div_artists = viz.draw_division(
            self.div_ax, d.a_values, picture.values, picture.copied, fits=picture.fits,
            a_title=f"A {tuple(d.a_values.shape)}",
            divisor_title=self.t("divisor_title").format(code=d.sums_code,
                                                         shape=d.sums_shape))
        self.div_canvas.draw_idle()
