"""Lesson 12 panel: one function, differentiated three ways, with the digits that agree.

A thin view of ``tutor_app.lessons.three_derivatives``: controls (function, x), a results
table, the log-log error curve of finite differences and the graph player for autodiff.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from tutor_app.lessons import three_derivatives as logic
from tutor_app.lessons.base import LessonSpec
from tutor_app.qt.figure_toolbar import FigureToolbar
from tutor_app.qt.graph_player import GraphPlayerWidget
from tutor_app.qt.panels.graph_player_panel import GraphPlayerPanel
from tutor_app.qt.panels.panel_canvas import PanelCanvas
from tutor_app.qt.panels.rich_text import maths_html
from tutor_app.qt.panels.tab_figures import TabFigures
from tutor_app.qt.table_fit import pad_columns
from tutor_app.viz.derivatives import draw_error_vs_h
from tutor_app.viz.fonts import register_matplotlib_fonts

METHODS = ("symbolic", "automatic", "central", "forward")


class ThreeDerivativesPanel(GraphPlayerPanel):
    """Function and x on top; derivation and agreement on the left; curve and graph on the right."""

    def __init__(self, spec: LessonSpec, lang: str = "zh", parent: QWidget | None = None):
        super().__init__(spec, lang, parent)
        register_matplotlib_fonts()  # idempotent; axis labels may be Chinese
        self.comparison: logic.Comparison | None = None
        self.function_label, self.x_label = QLabel(), QLabel()
        self.function_box = QComboBox()
        for key, (text, _) in logic.FUNCTIONS.items():
            self.function_box.addItem(f"f(x) = {text}", key)
        self.x_box = QDoubleSpinBox()
        self.x_box.setRange(-3.0, 3.0)
        self.x_box.setSingleStep(0.1)
        self.x_box.setValue(0.7)
        self.derivation = QTextBrowser()   # rich text: x², italics, one block per op
        self.table = QTableWidget(len(METHODS), 4)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.verdict = QLabel()
        self.verdict.setWordWrap(True)
        self.canvas = PanelCanvas(figsize=(6.0, 4.0))
        self.canvas.setMinimumHeight(300)   # room for title, legend and the h axis
        self.toolbar = FigureToolbar(self.canvas, lang, basename="three_derivatives")
        self.player = GraphPlayerWidget(lang, basename="three_derivatives_graph")
        self.tabs = QTabWidget()
        curve = QWidget()
        col = QVBoxLayout(curve)
        col.addWidget(self.canvas, 1)
        col.addWidget(self.toolbar)
        self.tabs.addTab(curve, "")
        self.tabs.addTab(self.player, "")
        self.tab_figures = TabFigures(self.tabs)
        controls = QHBoxLayout()
        for w in (self.function_label, self.function_box, self.x_label, self.x_box):
            controls.addWidget(w)
        controls.addStretch(1)
        # The learner can give the curve or the derivation more room; the table of the
        # three results spans the whole width underneath, so no column is cut off.
        self.body = QSplitter(Qt.Orientation.Horizontal)
        self.body.addWidget(self.derivation)
        self.body.addWidget(self.tabs)
        self.body.setChildrenCollapsible(False)
        self.body.setSizes([2000, 3000])   # 2 : 3, scaled to the real width when shown
        self.table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout = QVBoxLayout(self)
        layout.addLayout(controls)
        layout.addWidget(self.body, 1)
        layout.addWidget(self.table)
        layout.addWidget(self.verdict)
        self.function_box.currentIndexChanged.connect(self._on_function_change)
        self.x_box.valueChanged.connect(self._on_x_change)
        self._recompute()
        self.retranslate()

    def _on_function_change(self, _index: int) -> None:
        self._recompute()
        self._show()

    def _on_x_change(self, _value: float) -> None:
        self._recompute()
        self._show()

    def _recompute(self) -> None:
        key = self.function_box.currentData()
        self.comparison = logic.compare(key, self.x_box.value())
        auto = self.comparison.automatic
        self.tab_figures.draw(self.player, lambda: self.player.set_graph(auto.graph, auto.timeline))

    def _show(self) -> None:
        c = self.comparison
        exact = c.symbolic.value
        self.derivation.setHtml(self._derivation_html(c.symbolic))
        values = {"symbolic": exact, "automatic": c.automatic.value,
                  "central": c.best_value["central"], "forward": c.best_value["forward"]}
        for i, method in enumerate(METHODS):
            h = f"{c.best_h[method]:.1e}" if method in c.best_h else "—"
            cells = (self.t(f"method_{method}"), h, f"{values[method]:.17g}",
                     f"{logic.digits(values[method], exact):.1f}")
            for j, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)   # the name column may be elided in a narrow panel
                self.table.setItem(i, j, item)
        self._fit_table_height()
        # h, f'(x) and digits as wide as their text and a margin (sized to the contents
        # alone, the last column's text touched the table's right edge); the method's
        # name takes the rest of the width
        pad_columns(self.table, self.table.horizontalHeader(), (1, 2, 3))
        self.verdict.setText(self.t("verdict"))
        fig = self.canvas.figure
        fig.clear()
        ax = fig.add_subplot()
        draw_error_vs_h(ax, c.numerical.h, {"forward": c.forward_error, "central": c.central_error},
                        c.best_h, labels={"forward": self.t("curve_forward"),
                                          "central": self.t("curve_central")},
                        title=self.t("plot_title"), xlabel=self.t("axis_h"),
                        ylabel=self.t("axis_error"))
        self.canvas.draw_idle()

    def _fit_table_height(self) -> None:
        """Show all four rows, never a scrolled, half-cut table."""
        self.table.resizeRowsToContents()
        rows = sum(self.table.rowHeight(i) for i in range(self.table.rowCount()))
        frame = 2 * self.table.frameWidth()
        self.table.setFixedHeight(self.table.horizontalHeader().sizeHint().height() + rows
                                  + frame)

    def _derivation_html(self, sym: logic.Symbolic) -> str:
        """f'(x) large, then one block per recorded op: what it computes, its local
        derivative from the op table, and d/dx so far (the chain rule applied once)."""
        x = f"{self.x_box.value():g}"
        parts = [f"<p>{self.t('formula')}<br>"
                 f"<span style='font-size:large'>f′(<i>x</i>) = {maths_html(sym.formula)}</span>"
                 f"<br>{self.t('value_at').format(x=x)}f′({x}) = {sym.value:.6g}</p>",
                 f"<p><b>{self.t('steps')}</b></p>"]
        for k, row in enumerate(sym.rows, start=1):
            local = ", ".join(maths_html(text) for text in row.local)
            parts.append(
                f"<p style='margin-left:0'><b>{k}. {row.op}</b>&nbsp;&nbsp;"
                f"{maths_html(row.expression)}<br>"
                f"&nbsp;&nbsp;{self.t('step_local')}: {local}<br>"
                f"&nbsp;&nbsp;{self.t('step_chain')}: {maths_html(row.derivative)}"
                f" = {row.value:.6g}</p>")
        return "".join(parts)

    def retranslate(self) -> None:
        self.function_label.setText(self.t("function"))
        self.x_label.setText("x =")
        self.table.setHorizontalHeaderLabels([self.t("col_method"), "h", self.t("col_value"),
                                              self.t("col_digits")])
        self.tabs.setTabText(0, self.t("tab_curve"))
        self.tabs.setTabText(1, self.t("tab_graph"))
        self.toolbar.set_language(self.lang)
        self.player.set_language(self.lang)
        self._show()

    def canvases(self) -> list:
        return [self.canvas, *super().canvases()]
