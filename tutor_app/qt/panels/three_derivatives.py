"""Lesson 10 panel: one function, differentiated three ways, with the digits that agree.

A thin view of ``tutor_app.lessons.three_derivatives``: controls (function, x), a results
table, the log-log error curve of finite differences and the graph player for autodiff.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from tutor_app.lessons import three_derivatives as logic
from tutor_app.lessons.base import LessonSpec
from tutor_app.qt.figure_toolbar import FigureToolbar
from tutor_app.qt.graph_player import GraphPlayerWidget
from tutor_app.qt.lesson_panel import LessonPanel
from tutor_app.qt.mpl_canvas import MplCanvas
from tutor_app.viz.derivatives import draw_error_vs_h
from tutor_app.viz.fonts import register_matplotlib_fonts

METHODS = ("symbolic", "automatic", "central", "forward")


class ThreeDerivativesPanel(LessonPanel):
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
        self.derivation = QPlainTextEdit()
        self.derivation.setReadOnly(True)
        self.table = QTableWidget(len(METHODS), 3)
        self.verdict = QLabel()
        self.verdict.setWordWrap(True)
        self.canvas = MplCanvas(figsize=(6.0, 4.0))
        self.toolbar = FigureToolbar(self.canvas, lang, basename="three_derivatives")
        self.player = GraphPlayerWidget(lang, basename="three_derivatives_graph")
        self.tabs = QTabWidget()
        curve = QWidget()
        col = QVBoxLayout(curve)
        col.addWidget(self.canvas, 1)
        col.addWidget(self.toolbar)
        self.tabs.addTab(curve, "")
        self.tabs.addTab(self.player, "")
        controls = QHBoxLayout()
        for w in (self.function_label, self.function_box, self.x_label, self.x_box):
            controls.addWidget(w)
        controls.addStretch(1)
        left = QVBoxLayout()
        left.addWidget(self.derivation, 1)
        left.addWidget(self.table)
        left.addWidget(self.verdict)
        body = QHBoxLayout()
        body.addLayout(left, 2)
        body.addWidget(self.tabs, 3)
        layout = QVBoxLayout(self)
        layout.addLayout(controls)
        layout.addLayout(body, 1)
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
        self.player.set_graph(auto.graph, auto.timeline)

    def _show(self) -> None:
        c = self.comparison
        exact = c.symbolic.value
        lines = [self.t("formula") + f"  f'(x) = {c.symbolic.formula}", "",
                 self.t("steps")] + [f"  {s}" for s in c.symbolic.steps]
        self.derivation.setPlainText("\n".join(lines))
        values = {"symbolic": exact, "automatic": c.automatic.value,
                  "central": c.best_value["central"], "forward": c.best_value["forward"]}
        for i, method in enumerate(METHODS):
            name = self.t(f"method_{method}")
            if method in c.best_h:
                name += f"  (h = {c.best_h[method]:.1e})"
            cells = (name, f"{values[method]:.17g}", f"{logic.digits(values[method], exact):.1f}")
            for j, text in enumerate(cells):
                self.table.setItem(i, j, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
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

    def retranslate(self) -> None:
        self.function_label.setText(self.t("function"))
        self.x_label.setText("x =")
        self.table.setHorizontalHeaderLabels([self.t("col_method"), self.t("col_value"),
                                              self.t("col_digits")])
        self.tabs.setTabText(0, self.t("tab_curve"))
        self.tabs.setTabText(1, self.t("tab_graph"))
        self.toolbar.set_language(self.lang)
        self.player.set_language(self.lang)
        self._show()

    def canvases(self) -> list:
        return [self.canvas, self.player.canvas]

    def suspend(self) -> None:
        self.player.suspend()

    def shutdown(self) -> None:
        self.player.shutdown()
