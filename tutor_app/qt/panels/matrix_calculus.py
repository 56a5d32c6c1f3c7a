"""Lesson 9 panel: drag a point on a contour plot to see ∇f and −∇f; descend; layouts.

A thin view: f, ∇f (engine autograd), descent paths, layout shapes and identity checks come
from ``tutor_app.lessons.matrix_calculus``; pictures from ``tutor_app.viz``.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QSlider,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from tutor_app.lessons import matrix_calculus as logic
from tutor_app.qt.figure_toolbar import FigureToolbar
from tutor_app.qt.lesson_panel import LessonPanel
from tutor_app.qt.panels.axis_sums import monospace_view
from tutor_app.qt.panels.panel_canvas import PanelCanvas
from tutor_app.qt.panels.tab_figures import TabFigures
from tutor_app.qt.vector_drag import PointDragController
from tutor_app.viz import fields
from tutor_app.viz.layout_table import draw_layout_table, update_layout_table

LAYOUTS = ("numerator", "denominator")


class MatrixCalculusPanel(LessonPanel):
    """Tab 1: gradient probe and descent on a contour plot. Tab 2: layouts and identities."""

    def __init__(self, spec, lang: str = "zh", parent: QWidget | None = None):
        super().__init__(spec, lang, parent)
        self.field = logic.FIELDS["bowl"]
        self.point = self.field.start
        self.probe: logic.PointGradient | None = None
        self.path: logic.DescentPath | None = None
        self.plot: fields.FieldPlot | None = None
        self.drag: PointDragController | None = None
        self.seed = 0
        self.checks: list[logic.IdentityCheck] = []
        self.tabs = QTabWidget()
        self.tabs.addTab(self._build_gradient_tab(), "")
        self.layout_page = self._build_layout_tab()
        self.tabs.addTab(self.layout_page, "")
        self.tab_figures = TabFigures(self.tabs)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        self._draw_field()
        self.retranslate()
        # The identities are checked by running the engine: for the tab that shows them.
        self.tab_figures.draw(self.layout_page, lambda: self._on_identities_refresh(reseed=False),
                              part="identities")

    # -- building ----------------------------------------------------------------------
    def _build_gradient_tab(self) -> QWidget:
        page = QWidget()
        self.field_caption, self.lr_caption, self.steps_caption = QLabel(), QLabel(), QLabel()
        self.field_box = QComboBox()
        for key in logic.FIELDS:
            self.field_box.addItem(key, key)
        self.field_caption.setBuddy(self.field_box)
        self.lr_slider = QSlider(Qt.Orientation.Horizontal)
        self.lr_slider.setRange(0, len(logic.LEARNING_RATES) - 1)
        self.lr_slider.setValue(logic.DEFAULT_LR_INDEX)
        self.lr_caption.setBuddy(self.lr_slider)
        self.lr_value = QLabel()
        self.steps_box = QSpinBox()
        self.steps_box.setRange(0, 200)
        self.steps_box.setValue(20)
        self.steps_caption.setBuddy(self.steps_box)
        self.field_box.currentIndexChanged.connect(self._on_field_change)
        self.lr_slider.valueChanged.connect(self._on_descent_change)
        self.steps_box.valueChanged.connect(self._on_descent_change)
        controls = QHBoxLayout()
        for widget in (self.field_caption, self.field_box, self.lr_caption, self.lr_slider,
                       self.lr_value, self.steps_caption, self.steps_box):
            controls.addWidget(widget)
        self.canvas = PanelCanvas(figsize=(6.5, 5.5))
        self.ax = self.canvas.figure.subplots()
        self.canvas.mpl_connect("button_press_event", self._on_canvas_press)
        self.toolbar = FigureToolbar(self.canvas, self.lang, basename="gradient")
        self.readout = QLabel()
        self.readout.setWordWrap(True)
        self.readout.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        column = QVBoxLayout(page)
        column.addLayout(controls)
        column.addWidget(self.canvas, 1)
        column.addWidget(self.toolbar)
        column.addWidget(self.readout)
        return page

    def _build_layout_tab(self) -> QWidget:
        page = QWidget()
        self.layout_buttons = QButtonGroup(page)
        radios = QHBoxLayout()
        for index, _name in enumerate(LAYOUTS):
            button = QRadioButton()
            self.layout_buttons.addButton(button, index)
            radios.addWidget(button)
        self.layout_buttons.button(0).setChecked(True)
        self.layout_buttons.idToggled.connect(self._on_layout_change)
        radios.addStretch(1)
        self.table_canvas = PanelCanvas(figsize=(6.5, 2.6))
        self.table_ax = self.table_canvas.figure.subplots()
        self.table = None
        self.table_toolbar = FigureToolbar(self.table_canvas, self.lang, basename="layouts")
        self.identities_caption = QLabel()
        self.identities_caption.setWordWrap(True)
        self.reseed_button = QPushButton()
        self.reseed_button.clicked.connect(self._on_identities_refresh)
        self.identities_view = monospace_view()
        column = QVBoxLayout(page)
        column.addLayout(radios)
        column.addWidget(self.table_canvas, 1)
        column.addWidget(self.table_toolbar)
        row = QHBoxLayout()
        row.addWidget(self.identities_caption, 1)
        row.addWidget(self.reseed_button)
        column.addLayout(row)
        column.addWidget(self.identities_view, 1)
        return page

    # -- LessonPanel -------------------------------------------------------------------
    def retranslate(self) -> None:
        self.tabs.setTabText(0, self.t("tab_gradient"))
        self.tabs.setTabText(1, self.t("tab_layouts"))
        self.field_caption.setText(self.t("function"))
        for index, key in enumerate(logic.FIELDS):
            self.field_box.setItemText(index, self.t(f"field_{key}"))
        self.lr_caption.setText(self.t("learning_rate"))
        self.steps_caption.setText(self.t("steps"))
        for index, name in enumerate(LAYOUTS):
            self.layout_buttons.button(index).setText(self.t(f"layout_{name}"))
        self.identities_caption.setText(self.t("identities_caption"))
        self.reseed_button.setText(self.t("reseed"))
        self.toolbar.set_language(self.lang)
        self.table_toolbar.set_language(self.lang)
        self._draw_table()
        self._on_descent_change()
        if self.checks:
            self._show_identities()

    def canvases(self) -> list:
        return [self.canvas, self.table_canvas]

    def shutdown(self) -> None:
        if self.drag is not None:
            self.drag.disconnect()

    # -- gradient tab ------------------------------------------------------------------
    def _draw_field(self) -> None:
        self.ax.clear()
        grid = logic.sample(self.field)
        self.plot = fields.draw_field(self.ax, grid.x, grid.y, grid.z, title=self.field.formula)
        if self.drag is not None:
            self.drag.disconnect()
        self.drag = PointDragController(self.canvas, self.ax, {"p": self.point},
                                        self._on_point_drag, self.plot.moving,
                                        on_release=self._on_point_release)

    def _on_field_change(self, *_args) -> None:
        self.field = logic.FIELDS[self.field_box.currentData()]
        self.point = self.field.start
        self._draw_field()
        self._on_descent_change()

    def _on_canvas_press(self, event) -> None:
        """A click away from the point moves it there (a press on it starts a drag)."""
        if self.drag.dragging is not None or event.inaxes is not self.ax or event.button != 1:
            return
        self.move_point((event.xdata, event.ydata))

    def _on_point_drag(self, _name: str, xy) -> None:
        self.point = xy
        # Text is the costliest artist of a blitted frame; the readout below shows the
        # live numbers and the in-figure label comes back on release.
        self.plot.label.set_visible(False)
        self._update_probe()

    def _on_point_release(self, _name: str, _xy) -> None:
        self.plot.label.set_visible(True)

    def move_point(self, xy) -> None:
        """Put the probe at ``xy`` (data coordinates) and redraw."""
        self.point = (float(xy[0]), float(xy[1]))
        self.drag.set_point("p", self.point)
        self._on_descent_change()

    def _on_descent_change(self, *_args) -> None:
        self.lr_value.setText(f"{logic.learning_rate(self.lr_slider.value()):g}")
        self._update_probe()
        self.canvas.draw_idle()

    def _update_probe(self) -> None:
        self.probe = logic.gradient_at(self.field, self.point)
        lr = logic.learning_rate(self.lr_slider.value())
        self.path = logic.descend(self.field, self.point, lr, self.steps_box.value())
        p, g = self.probe, self.probe.grad
        fields.update_probe(self.plot, p.point, p.value, g,
                            f"∇f = ({g[0]:.3g}, {g[1]:.3g})   |∇f| = {p.norm:.3g}")
        fields.update_path(self.plot, self.path.points)
        end, f_end = self.path.points[-1], self.path.values[-1]
        key = "readout_diverged" if self.path.diverged else "readout"
        self.readout.setText(self.t(key).format(
            x=f"({p.point[0]:.3g}, {p.point[1]:.3g})", f=f"{p.value:.4g}",
            g=f"({g[0]:.4g}, {g[1]:.4g})", n=f"{p.norm:.4g}", steps=len(self.path.points) - 1,
            end=f"({end[0]:.3g}, {end[1]:.3g})", fend=f"{f_end:.4g}"))

    # -- layout tab --------------------------------------------------------------------
    def _layout(self) -> str:
        return LAYOUTS[max(self.layout_buttons.checkedId(), 0)]

    def _draw_table(self) -> None:
        self.tab_figures.draw(self.layout_page, self._build_table)

    def _build_table(self) -> None:
        cells = logic.layout_table(self._layout())
        title = self.t(f"layout_{self._layout()}")
        if self.table is None:
            rows = [self.t(f"y_{k}") for k in logic.KINDS]
            cols = [self.t(f"x_{k}") for k in logic.KINDS]
            self.table = draw_layout_table(self.table_ax, cells, rows, cols, title=title)
        else:
            update_layout_table(self.table, cells, title=title)
            for i, k in enumerate(logic.KINDS):
                self.table.table[i + 1, -1].get_text().set_text(self.t(f"y_{k}"))
                self.table.table[0, i].get_text().set_text(self.t(f"x_{k}"))
        self.table_canvas.draw_idle()

    def _on_layout_change(self, _id: int, checked: bool) -> None:
        if checked:
            self._draw_table()

    def _on_identities_refresh(self, *_args, reseed: bool = True) -> None:
        if reseed:
            self.seed += 1
        self.checks = logic.check_identities(self.seed)
        self._show_identities()

    def _show_identities(self) -> None:
        inputs = logic.identity_inputs(self.seed)
        lines = [f"{'✓' if c.holds else '✗'} {self.t('identity_' + c.key)}" for c in self.checks]
        lines += [""] + [f"{name} =\n{text}" for name, text in inputs.items()]
        for check in self.checks:
            mark = "✓" if check.holds else "✗"
            lines.append(f"\n{mark} {self.t('identity_' + check.key)}")
            lines.append(f"  {self.t('engine_gradient')}\n{check.gradient_printed}")
            lines.append(f"  {self.t('formula_value')}\n{check.formula_printed}")
        self.identities_view.setPlainText("\n".join(lines))
