"""Lesson 7 panel: drag a vector against the L1/L2/L∞/Lp balls; Frobenius norm of a matrix.

A thin view: norms come from ``tutor_app.lessons.norms`` (the engine), pictures from
``tutor_app.viz.norms``; the drag is the shared blitted ``PointDragController``.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QSlider,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from tutor_app.lessons import norms as logic
from tutor_app.qt.figure_toolbar import FigureToolbar
from tutor_app.qt.lesson_panel import LessonPanel
from tutor_app.qt.panels.panel_canvas import PanelCanvas
from tutor_app.qt.panels.steady_label import SteadyLabel
from tutor_app.qt.vector_drag import PointDragController
from tutor_app.qt.vector_editor import VectorEditor
from tutor_app.viz import norms as viz

START_V = (1.6, 1.0)
START_M = [[1.0, -2.0, 0.5], [3.0, 0.0, -1.0]]
# Vectors whose readouts print the longest numbers (negative, three or four digits): the
# readout keeps room for them so it never grows under the learner's drag.
WIDEST_READOUTS = ((-2.95, -2.85), (-0.123, -0.234), (-1.05, 2.95))


class NormsPanel(LessonPanel):
    """The norms figure with its p slider, a vector editor and a Frobenius matrix editor."""

    def __init__(self, spec, lang: str = "zh", parent: QWidget | None = None):
        super().__init__(spec, lang, parent)
        self.v = START_V
        self.p = logic.p_at(logic.DEFAULT_P_INDEX)
        self.norms: logic.VectorNorms | None = None
        self.matrix = [row[:] for row in START_M]

        self.canvas = PanelCanvas(figsize=(6.0, 6.0))
        self.ax = self.canvas.figure.subplots()
        balls = {name: logic.unit_ball(q) for name, q in
                 (("l1", 1.0), ("l2", 2.0), ("linf", logic.INF), ("lp", self.p))}
        self.plot = viz.draw_norms(self.ax, balls, {})
        self.drag = PointDragController(self.canvas, self.ax, {"v": self.v},
                                        self._on_tip_drag, self.plot.moving, snap=0.05,
                                        on_release=self._on_tip_release)
        self.toolbar = FigureToolbar(self.canvas, lang, basename="norms")

        self.v_editor = VectorEditor("v", self.v, limit=3.0, step=0.1)
        self.v_editor.value_changed.connect(self._on_editor_change)
        self.p_caption = QLabel()
        self.p_slider = QSlider(Qt.Orientation.Horizontal)
        self.p_slider.setRange(0, len(logic.P_VALUES) - 1)
        self.p_slider.setValue(logic.DEFAULT_P_INDEX)
        self.p_caption.setBuddy(self.p_slider)
        self.p_value = QLabel()
        self.p_slider.valueChanged.connect(self._on_p_change)
        # the lesson strings write subscripts as <sub>: ‖v‖₃, ‖X‖_F, never ||v||_3.
        # Steady heights: a note one line longer for some p moved the plot up and down.
        self.readout = SteadyLabel(text_format=Qt.TextFormat.RichText)
        self.p_note = SteadyLabel(text_format=Qt.TextFormat.RichText)

        self.frob_box = QGroupBox()
        self.matrix_table = QTableWidget(len(START_M), len(START_M[0]))
        # 0-based headers, as the code indexes: X[i, j]
        self.matrix_table.setHorizontalHeaderLabels([str(j) for j in range(len(START_M[0]))])
        self.matrix_table.setVerticalHeaderLabels([str(i) for i in range(len(START_M))])
        for i, row in enumerate(self.matrix):
            for j, value in enumerate(row):
                self.matrix_table.setItem(i, j, QTableWidgetItem(f"{value:g}"))
        self.matrix_table.setMaximumHeight(90)
        self.matrix_table.itemChanged.connect(self._on_matrix_edit)
        self.frob_result = QLabel()
        self.frob_result.setTextFormat(Qt.TextFormat.RichText)
        self.frob_result.setWordWrap(True)
        self.frob_result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.frob_error = QLabel()
        frob_layout = QVBoxLayout(self.frob_box)
        frob_layout.addWidget(self.matrix_table)
        frob_layout.addWidget(self.frob_result)
        frob_layout.addWidget(self.frob_error)

        controls = QHBoxLayout()
        controls.addWidget(self.v_editor)
        controls.addWidget(self.p_caption)
        controls.addWidget(self.p_slider, 1)
        controls.addWidget(self.p_value)
        layout = QVBoxLayout(self)
        layout.addLayout(controls)
        layout.addWidget(self.canvas, 1)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.readout)
        layout.addWidget(self.p_note)
        layout.addWidget(self.frob_box)
        self.retranslate()

    # -- LessonPanel -------------------------------------------------------------------
    def retranslate(self) -> None:
        self.p_caption.setText(self.t("p_slider"))
        self.p_note.set_candidates(self._p_note(p)[0] for p in logic.P_VALUES)
        self.readout.set_candidates(self._readout(logic.vector_norms(v, p), p)
                                    for p in logic.P_VALUES for v in WIDEST_READOUTS)
        widest_p = max((f"p = {logic.p_label(p)}" for p in logic.P_VALUES),
                       key=self.p_value.fontMetrics().horizontalAdvance)
        # the slider keeps its length when "p = 3" becomes "p = 0.25"
        self.p_value.setMinimumWidth(self.p_value.fontMetrics().horizontalAdvance(widest_p))
        self.frob_box.setTitle(self.t("frobenius_title"))
        self.toolbar.set_language(self.lang)
        for name, key in (("l1", "ball_l1"), ("l2", "ball_l2"), ("linf", "ball_linf")):
            self.plot.unit[name].set_label(self.t(key))
        self._on_p_change()
        self._show_frobenius()

    def canvases(self) -> list:
        return [self.canvas]

    def shutdown(self) -> None:
        self.drag.disconnect()

    # -- the vector ----------------------------------------------------------------------
    def _on_tip_drag(self, _name: str, xy) -> None:
        self.v = (float(xy[0]), float(xy[1]))
        self.v_editor.set_value(self.v)
        # Rendering the in-figure text costs more than the rest of a blitted frame; the
        # label under the figure shows the live numbers, the figure text returns on release.
        self.plot.readout.set_visible(False)
        self._update_vector()

    def _on_tip_release(self, _name: str, _xy) -> None:
        self.plot.readout.set_visible(True)

    def _on_editor_change(self) -> None:
        self.v = tuple(self.v_editor.value())
        self.drag.set_point("v", self.v)
        self._update_vector()
        self.canvas.draw_idle()

    @staticmethod
    def _values(n: logic.VectorNorms, p: float) -> dict[str, str]:
        return dict(l1=f"{n.l1:.4g}", l2=f"{n.l2:.4g}", linf=f"{n.linf:.4g}",
                    p=logic.p_label(p), lp=f"{n.lp:.4g}", v=f"({n.v[0]:.3g}, {n.v[1]:.3g})")

    def _readout(self, n: logic.VectorNorms, p: float) -> str:
        return self.t("readout").format(**self._values(n, p))

    def _update_vector(self) -> None:
        n = self.norms = logic.vector_norms(self.v, self.p)
        values = self._values(n, self.p)
        figure_text = "\n".join(f"{logic.norm_name(q, 'math')} = {values[key]}" for q, key in
                                ((1.0, "l1"), (2.0, "l2"), (logic.INF, "linf"), (self.p, "lp")))
        viz.update_vector(self.plot, n.v, {"l1": n.l1, "l2": n.l2, "linf": n.linf,
                                           "lp": n.lp}, figure_text)
        self.readout.setText(self._readout(n, self.p))

    # -- p -------------------------------------------------------------------------------
    def _p_note(self, p: float) -> tuple[str, str]:
        """(the note under the figure, the short note in it) for ``p``."""
        label = logic.p_label(p)
        if logic.is_norm(p):
            return self.t("p_is_norm").format(p=label), ""
        check = logic.triangle_check(p)
        return (self.t("p_not_norm").format(p=label, lhs=f"{check.lhs:.4g}",
                                            rhs=f"{check.rhs:.4g}"),
                self.t("p_not_norm_short").format(p=label))

    def _on_p_change(self, *_args) -> None:
        self.p = logic.p_at(self.p_slider.value())
        label = logic.p_label(self.p)
        self.p_value.setText(f"p = {label}")
        note, figure_note = self._p_note(self.p)
        self.p_note.setText(note)
        viz.update_p(self.plot, logic.unit_ball(self.p),
                     self.t("ball_lp").format(p=label), figure_note)
        self._update_vector()
        self.canvas.draw_idle()

    # -- Frobenius -------------------------------------------------------------------------
    def _on_matrix_edit(self, item: QTableWidgetItem) -> None:
        i, j = item.row(), item.column()
        value = logic.parse_entry(item.text())
        self.matrix_table.blockSignals(True)
        if value is None:
            self.frob_error.setText(self.t("bad_entry").format(text=item.text()))
            item.setText(f"{self.matrix[i][j]:g}")     # bad input changes nothing
        else:
            self.frob_error.clear()
            self.matrix[i][j] = value
        self.matrix_table.blockSignals(False)
        self._show_frobenius()

    def _show_frobenius(self) -> None:
        self.frobenius = f = logic.frobenius(self.matrix)
        self.frob_result.setText(self.t("frobenius_result").format(
            squares=f"{f.squares_sum:g}", norm=f"{f.norm:.4f}", printed=html.escape(f.printed)))
