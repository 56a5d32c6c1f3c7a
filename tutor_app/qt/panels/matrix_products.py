"""Matrix products panel: pick a row and a column and see the cell they make (or PyTorch's
error for shapes that do not fit); drag x, a₁ or a₂ and see a 2×2 A map the plane.

A thin view: products, errors and det A come from ``tutor_app.lessons.matrix_products``
(the engine); cells from ``tutor_app.viz.matrices``; the plane from ``viz.plane_map``.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QLabel,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from tutor_app.lessons import matrix_products as logic
from tutor_app.lessons.base import LessonSpec
from tutor_app.qt.figure_toolbar import FigureToolbar
from tutor_app.qt.lesson_panel import LessonPanel
from tutor_app.qt.panels.fitted_canvas import FittedCanvas
from tutor_app.qt.panels.panel_canvas import PanelCanvas
from tutor_app.qt.panels.rich_text import html_line
from tutor_app.qt.vector_drag import PointDragController
from tutor_app.viz import matrices, plane_map
from tutor_app.viz.style import palette


def _label(parent: QWidget, mono: bool = False) -> QLabel:
    label = QLabel(parent)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText)     # html_line keeps runs of spaces
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if mono:
        label.setFont(QFont("monospace"))
    return label


class MatrixProductsPanel(LessonPanel):
    """Tab 1: A @ B, torch.mm, torch.mv cell by cell. Tab 2: a 2×2 A as a map of the plane."""

    def __init__(self, spec: LessonSpec, lang: str = "zh", parent: QWidget | None = None):
        super().__init__(spec, lang, parent)
        self.product: logic.Product | None = None
        self.a_map = logic.DEFAULT_MAP.copy()
        self.x = logic.DEFAULT_X
        self.mapped: logic.PlaneMap | None = None
        self.tabs = QTabWidget(self)
        QVBoxLayout(self).addWidget(self.tabs)
        self.tabs.addTab(self._build_cells(), "")
        self.tabs.addTab(self._build_plane(), "")
        self.retranslate()

    # -- construction ----------------------------------------------------------------------
    def _build_cells(self) -> QWidget:
        page = QWidget(self)
        self.operations = QComboBox(page)
        self.operations.currentIndexChanged.connect(self._on_shape_change)
        self.spins: dict[str, QSpinBox] = {}
        starts = {"m": 2, "n": 3, "n_b": 3, "p": 2}
        for key, value in starts.items():
            spin = QSpinBox(page)
            spin.setRange(1, logic.MAX_SIDE)
            spin.setValue(value)
            spin.valueChanged.connect(self._on_shape_change)
            self.spins[key] = spin
        # the learner picks a row of A and a column of B; the cell they make lights up
        self.row_pick, self.col_pick = QSpinBox(page), QSpinBox(page)
        for spin in (self.row_pick, self.col_pick):
            spin.valueChanged.connect(self._on_cell_change)
        self.labels = {key: QLabel(page) for key in ("operation", "m", "n", "n_b", "p", "row",
                                                      "col")}
        grid = QGridLayout()
        grid.addWidget(self.labels["operation"], 0, 0)
        grid.addWidget(self.operations, 0, 1, 1, 3)
        grid.addWidget(self.labels["row"], 0, 4)
        grid.addWidget(self.row_pick, 0, 5)
        grid.addWidget(self.labels["col"], 0, 6)
        grid.addWidget(self.col_pick, 0, 7)
        for col, key in enumerate(("m", "n", "n_b", "p")):
            grid.addWidget(self.labels[key], 1, 2 * col)
            grid.addWidget(self.spins[key], 1, 2 * col + 1)
        self.canvas_cells = FittedCanvas(page, figsize=(7.0, 3.0))
        self.ax_cells = self.canvas_cells.figure.add_subplot()
        self.result_cells = None
        self.canvas_cells.mpl_connect("button_press_event", self._on_result_click)
        self.toolbar_cells = FigureToolbar(self.canvas_cells, self.lang, page,
                                           basename="matrix_product")
        self.rule, self.arithmetic, self.printed = (_label(page), _label(page, True),
                                                    _label(page, True))
        self.printed.setTextFormat(Qt.TextFormat.PlainText)   # the engine's repr, line by line
        box = QVBoxLayout(page)
        box.addLayout(grid)
        box.addWidget(self.canvas_cells, 1)
        for widget in (self.toolbar_cells, self.rule, self.arithmetic, self.printed):
            box.addWidget(widget)
        box.addStretch(0)
        return page

    def _build_plane(self) -> QWidget:
        page = QWidget(self)
        self.plane_hint = _label(page)
        self.canvas_plane = PanelCanvas(page, figsize=(6.0, 6.0))
        self.ax_plane = self.canvas_plane.figure.subplots()
        self.plane = plane_map.draw_plane_map(self.ax_plane, palette(self.theme))
        self.drag = PointDragController(self.canvas_plane, self.ax_plane, self._handles(),
                                        self._on_handle_drag, self.plane.moving, snap=0.05)
        self.toolbar_plane = FigureToolbar(self.canvas_plane, self.lang, page,
                                           basename="matrix_map")
        self.columns_text, self.rows_text, self.det_text = (_label(page, True),
                                                            _label(page, True), _label(page))
        box = QVBoxLayout(page)
        box.addWidget(self.plane_hint)
        box.addWidget(self.canvas_plane, 1)
        for widget in (self.toolbar_plane, self.columns_text, self.rows_text, self.det_text):
            box.addWidget(widget)
        return page

    def _handles(self) -> dict[str, tuple[float, float]]:
        a = self.a_map
        return {"x": tuple(self.x), "a1": (a[0, 0], a[1, 0]), "a2": (a[0, 1], a[1, 1])}

    # -- tab 1: row × column ---------------------------------------------------------------
    def _on_shape_change(self, *_args) -> None:
        op = self.operations.currentData() or logic.OPERATIONS[0]
        self.spins["p"].setEnabled(op != "mv")
        a, b = logic.operands(op, (self.spins["m"].value(), self.spins["n"].value()),
                              self.spins["n_b"].value(), self.spins["p"].value())
        self.product = logic.multiply(op, a, b)
        shape = self.product.result.shape if self.product.result is not None else (0, 0)
        for spin, size in ((self.row_pick, shape[0]),
                           (self.col_pick, shape[1] if len(shape) > 1 else 1)):
            spin.blockSignals(True)
            spin.setRange(0, max(size - 1, 0))
            spin.blockSignals(False)
        self.col_pick.setEnabled(op != "mv")
        self._show_cell()

    @property
    def cell_index(self) -> int:
        """The picked (row, column) as the row-major index of the result cell."""
        if self.product is None or self.product.result is None:
            return 0
        columns = self.product.result.shape[1] if self.product.result.ndim > 1 else 1
        return self.row_pick.value() * columns + self.col_pick.value()

    def _on_cell_change(self, _value: int) -> None:
        self._show_cell()

    def _on_result_click(self, event) -> None:
        """A click on a result cell picks it (the spin box follows)."""
        if event.inaxes is not self.ax_cells or self.result_cells is None:
            return
        k = matrices.cell_at(self.result_cells, event.xdata, event.ydata)
        if k is not None and self.product.result is not None:
            columns = self.product.result.shape[1] if self.product.result.ndim > 1 else 1
            self.col_pick.blockSignals(True)
            self.col_pick.setValue(k % columns)
            self.col_pick.blockSignals(False)
            self.row_pick.setValue(k // columns)
            self._show_cell()

    def _show_cell(self) -> None:
        p = self.product
        read = logic.reads(p, self.cell_index)
        second = "x" if p.op == "mv" else "B"
        note = "" if p.error is None else f"RuntimeError: {p.error}\n{self.t('shape_rule_hint')}"
        self.result_cells = matrices.draw_operation(
            self.ax_cells, [(p.a, "A", read.a), (p.b, second, read.b)], "@" if p.op != "mv"
            else "·", result=p.result, result_title=p.code, result_highlight=read.result,
            note=note, palette=palette(self.theme))
        self.rule.setText(html_line(self.t("shape_rule").format(rule=p.shape_rule)))
        self.arithmetic.setText(html_line(note if p.error else logic.describe_cell(
            p, self.cell_index)))
        self.printed.setText(p.printed)
        self.canvas_cells.fit_to(self.ax_cells)
        self.canvas_cells.draw_idle()

    # -- tab 2: the plane --------------------------------------------------------------------
    def _on_handle_drag(self, name: str, xy) -> None:
        tip = (float(xy[0]), float(xy[1]))
        if name == "x":
            self.x = tip
        else:
            self.a_map = logic.with_column(self.a_map, 0 if name == "a1" else 1, tip)
        self._show_plane()

    def _show_plane(self) -> None:
        m = self.mapped = logic.plane_map(self.a_map, self.x)
        plane_map.update_plane_map(self.plane, m.a, m.x, m.ax, m.by_columns, m.square_image,
                                   f"A = [[{m.a[0, 0]:.3g}, {m.a[0, 1]:.3g}],\n"
                                   f"     [{m.a[1, 0]:.3g}, {m.a[1, 1]:.3g}]]\n"
                                   f"det A = {m.det:.3g}\n|det A| = {m.area:.3g}")
        (x1, x2), (r1, r2) = m.x, m.by_rows
        a = m.a
        self.columns_text.setText(html_line(self.t("by_columns").format(
            x1=f"{x1:.3g}", x2=f"{x2:.3g}", a1=f"({a[0, 0]:.3g}, {a[1, 0]:.3g})",
            a2=f"({a[0, 1]:.3g}, {a[1, 1]:.3g})", ax=f"({m.ax[0]:.3g}, {m.ax[1]:.3g})")))
        self.rows_text.setText(html_line(self.t("by_rows").format(
            r1=f"{r1:.3g}", r2=f"{r2:.3g}", row1=f"({a[0, 0]:.3g}, {a[0, 1]:.3g})",
            row2=f"({a[1, 0]:.3g}, {a[1, 1]:.3g})")))
        key = "det_positive" if m.det > 1e-9 else "det_negative" if m.det < -1e-9 else "det_zero"
        self.det_text.setText(self.t(key).format(det=f"{m.det:.3g}", area=f"{m.area:.3g}"))
        self.canvas_plane.draw_idle()

    # -- LessonPanel -----------------------------------------------------------------------
    def retranslate(self) -> None:
        self.tabs.setTabText(0, self.t("tab_cells"))
        self.tabs.setTabText(1, self.t("tab_plane"))
        for key, label in self.labels.items():
            label.setText(self.t("label_" + key))
        current = max(self.operations.currentIndex(), 0)
        self.operations.blockSignals(True)
        self.operations.clear()
        for key in logic.OPERATIONS:
            self.operations.addItem(logic.CODE[key], key)
        self.operations.setCurrentIndex(current)
        self.operations.blockSignals(False)
        self.plane_hint.setText(self.t("plane_hint"))
        for toolbar in (self.toolbar_cells, self.toolbar_plane):
            toolbar.set_language(self.lang)
        self._on_shape_change()
        self._show_plane()

    def retheme(self) -> None:
        """Both figures draw with the theme's palette: redraw them."""
        self.drag.disconnect()
        self.plane = plane_map.draw_plane_map(self.ax_plane, palette(self.theme))
        self.drag = PointDragController(self.canvas_plane, self.ax_plane, self._handles(),
                                        self._on_handle_drag, self.plane.moving, snap=0.05)
        super().retheme()
        self._show_cell()
        self._show_plane()

    def canvases(self) -> list:
        return [self.canvas_cells, self.canvas_plane]

    def shutdown(self) -> None:
        self.drag.disconnect()
