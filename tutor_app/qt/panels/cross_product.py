"""Lesson 5 panel: v × w in space with its parallelogram and the right-hand rule; det[v w] in
the plane with its orientation."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from tutor_app.lessons import cross_product as logic
from tutor_app.lessons.base import LessonSpec
from tutor_app.qt.figure_toolbar import FigureToolbar
from tutor_app.qt.fonts import marks_in_cjk_font
from tutor_app.qt.lesson_panel import LessonPanel
from tutor_app.qt.panels.panel_canvas import PanelCanvas
from tutor_app.qt.panels.rich_text import html_line
from tutor_app.qt.panels.steady_label import SteadyLabel
from tutor_app.qt.panels.vector_panel_parts import (
    apply_preset,
    fill_presets,
    vector_editor_pair,
)
from tutor_app.qt.vector_drag import PointDragController
from tutor_app.qt.view_controls import ViewAngleSliders
from tutor_app.viz import vectors, vectors3d
from tutor_app.viz.sidebar import use_sidebar
from tutor_app.viz.style import palette

PLANE_LIMIT = 4.0
START_2D = {"v": (2.0, 0.5), "w": (1.0, 2.0)}
START_3D = logic.PRESETS_3D["preset_general"]


# Vectors whose readouts are the longest (a zero vector, parallel vectors, long negative
# numbers): the readouts keep room for them, so the figure above never jumps.
READOUT_CASES_3D = (*logic.PRESETS_3D.values(), ((0.0, 0.0, 0.0), (1.0, 1.0, 1.0)),
                    ((-4.9, -4.7, -4.3), (4.1, -3.9, 4.8)))
READOUT_CASES_2D = (((-3.9, 3.8), (3.7, -3.6)), ((1.0, 1.0), (2.0, 2.0)),
                    ((0.0, 0.0), (1.0, 1.0)), ((2.0, 0.5), (1.0, 2.0)))


def _selectable_label(parent: QWidget) -> SteadyLabel:
    label = SteadyLabel(parent)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class CrossProductPanel(LessonPanel):
    """Two tabs: 3D (cross product) and 2D (signed area), each with editors and export."""

    def __init__(self, spec: LessonSpec, lang: str = "zh", parent: QWidget | None = None):
        super().__init__(spec, lang, parent)
        self.palette = palette()
        self.tabs = QTabWidget(self)
        QVBoxLayout(self).addWidget(self.tabs)
        self.tabs.addTab(self._build_3d(), "")
        self.tabs.addTab(self._build_2d(), "")
        self.result_3d = self.result_2d = None
        self._artists_3d: list = []
        self.retranslate()

    # -- construction ----------------------------------------------------------------------
    def _build_3d(self) -> QWidget:
        page = QWidget(self)
        self.canvas_3d = PanelCanvas(page, figsize=(5.5, 5.0))
        self.ax_3d = self.canvas_3d.figure.add_subplot(projection="3d")
        vectors3d.setup_space(self.ax_3d, 5.0, self.palette)
        # v × w and the area beside the cube, not over its corner
        use_sidebar(self.ax_3d, left_pt=4, bottom_pt=4, top_pt=4, sidebar_pt=190)
        # zoom < 1: at the default view the bottom corner's tick labels and the x label reach
        # below the box; shrinking the cube keeps them inside the canvas
        self.ax_3d.set_box_aspect((1, 1, 1), zoom=0.88)
        self.toolbar_3d = FigureToolbar(self.canvas_3d, self.lang, page, basename="cross_3d")
        self.v_3d, self.w_3d = vector_editor_pair(*START_3D, self.palette,
                                                  self._on_vectors_3d_change)
        self.swap_3d = QPushButton(page)
        self.swap_3d.clicked.connect(self._on_swap_3d_change)
        self.show_hand = QCheckBox(page)
        self.show_hand.setChecked(True)
        self.show_hand.toggled.connect(self._on_vectors_3d_change)
        self.presets = QComboBox(page)
        self.presets.activated.connect(self._on_preset_change)
        self.presets_label = QLabel(page)
        self.view = ViewAngleSliders(self.canvas_3d, self.ax_3d, parent=page)
        self.readout_3d = _selectable_label(page)
        row = QHBoxLayout()
        for widget in (self.swap_3d, self.show_hand, self.presets_label):
            row.addWidget(widget)
        row.addWidget(self.presets, 1)
        box = QVBoxLayout(page)
        box.addWidget(self.canvas_3d, 1)
        for widget in (self.toolbar_3d, self.v_3d, self.w_3d):
            box.addWidget(widget)
        box.addLayout(row)
        box.addWidget(self.view)
        box.addWidget(self.readout_3d)
        return page

    def _build_2d(self) -> QWidget:
        page = QWidget(self)
        self.canvas_2d = PanelCanvas(page, figsize=(5.5, 5.0))
        self.ax_2d = self.canvas_2d.figure.add_subplot()
        vectors.setup_plane(self.ax_2d, PLANE_LIMIT, self.palette)
        self.artists_2d = vectors.draw_signed_area_2d(self.ax_2d, START_2D["v"], START_2D["w"],
                                                      palette=self.palette)
        self.drag = PointDragController(self.canvas_2d, self.ax_2d, START_2D, self._on_tip_change,
                                        self.artists_2d.moving, snap=0.1,
                                        on_release=self._on_tip_release)
        self.toolbar_2d = FigureToolbar(self.canvas_2d, self.lang, page, basename="signed_area")
        self.v_2d, self.w_2d = vector_editor_pair(START_2D["v"], START_2D["w"], self.palette,
                                                  self._on_vectors_2d_change, limit=PLANE_LIMIT)
        self.swap_2d = QPushButton(page)
        self.swap_2d.clicked.connect(self._on_swap_2d_change)
        self.hint_2d = QLabel(page)
        self.readout_2d = _selectable_label(page)
        box = QVBoxLayout(page)
        box.addWidget(self.canvas_2d, 1)
        for widget in (self.toolbar_2d, self.hint_2d, self.v_2d, self.w_2d, self.swap_2d,
                       self.readout_2d):
            box.addWidget(widget)
        return page

    # -- UI → model ------------------------------------------------------------------------
    def _on_vectors_3d_change(self, *_args) -> None:
        self._update_3d()

    def _on_swap_3d_change(self) -> None:
        v, w = self.v_3d.value(), self.w_3d.value()
        self.v_3d.set_value(w)
        self.w_3d.set_value(v)
        self._update_3d()

    def _on_preset_change(self, index: int) -> None:
        apply_preset(self.presets, index, logic.PRESETS_3D, self.v_3d, self.w_3d)
        self._update_3d()

    def _on_tip_change(self, name: str, xy: tuple[float, float]) -> None:
        (self.v_2d if name == "v" else self.w_2d).set_value(xy)
        self._update_2d(draw=False)  # the drag controller blits

    def _on_tip_release(self, _name: str, _xy: tuple[float, float]) -> None:
        self._update_2d()

    def _on_vectors_2d_change(self) -> None:
        self.drag.set_point("v", self.v_2d.value())
        self.drag.set_point("w", self.w_2d.value())
        self._update_2d()

    def _on_swap_2d_change(self) -> None:
        v, w = self.v_2d.value(), self.w_2d.value()
        self.v_2d.set_value(w)
        self.w_2d.set_value(v)
        self._on_vectors_2d_change()

    # -- model → figure --------------------------------------------------------------------
    def _update_3d(self) -> None:
        c = logic.cross_3d(self.v_3d.value(), self.w_3d.value())
        self.result_3d = c
        vectors3d.remove_artists(self._artists_3d)
        limit = vectors3d.parallelogram_limit(c.v, c.w, c.cross)
        for setter in (self.ax_3d.set_xlim, self.ax_3d.set_ylim, self.ax_3d.set_zlim):
            setter(-limit, limit)
        self._artists_3d = vectors3d.draw_cross_3d(
            self.ax_3d, c.v, c.w, c.cross, show_hand=self.show_hand.isChecked(),
            labels={"cross": self.t("thumb")}, info=logic.figure_info_3d(c, self.t),
            palette=self.palette)
        self.readout_3d.setText(self._readout_3d_html(c))
        self.canvas_3d.draw_idle()

    def _readout_3d_html(self, c) -> str:
        lines = [marks_in_cjk_font(html_line(line)) for line in logic.readout_3d(c, self.t)]
        return "<br>".join(lines[:4]) + "".join(
            f"<br><b style='color:{self.palette.accent}'>{line}</b>" for line in lines[4:])

    def _readout_2d_html(self, s) -> str:
        lines = [html_line(line) for line in logic.readout_2d(s, self.t)]
        colour = getattr(self.palette, s.colour_key)
        return "<br>".join(lines[:-1]) + f"<br><b style='color:{colour}'>{lines[-1]}</b>"

    def _reserve_readout_room(self) -> None:
        """Readouts keep the height of their longest text (layout steadiness only)."""
        self.readout_3d.set_candidates(self._readout_3d_html(logic.cross_3d(v, w))
                                       for v, w in READOUT_CASES_3D)
        self.readout_2d.set_candidates(self._readout_2d_html(logic.signed_area_2d(v, w))
                                       for v, w in READOUT_CASES_2D)

    def _update_2d(self, draw: bool = True) -> None:
        s = logic.signed_area_2d(self.v_2d.value(), self.w_2d.value())
        self.result_2d = s
        # While dragging, the readout under the figure is live and the box is hidden: text
        # layout is the dearest part of a blitted frame.
        info = "" if self.drag.dragging else logic.figure_info_2d(s, self.t)
        vectors.update_signed_area_2d(self.artists_2d, s.v, s.w, sign_key=s.colour_key,
                                      info=info)
        self.readout_2d.setText(self._readout_2d_html(s))
        if draw:
            self.canvas_2d.draw_idle()

    # -- LessonPanel -----------------------------------------------------------------------
    def retranslate(self) -> None:
        self.tabs.setTabText(0, self.t("tab_3d"))
        self.tabs.setTabText(1, self.t("tab_2d"))
        self.swap_3d.setText(self.t("swap"))
        self.swap_2d.setText(self.t("swap"))
        self.show_hand.setText(self.t("show_hand"))
        self.hint_2d.setText(self.t("drag_hint"))
        self.presets_label.setText(self.t("presets"))
        self._reserve_readout_room()
        self.view.set_labels(self.t("azimuth"), self.t("elevation"))
        fill_presets(self.presets, list(logic.PRESETS_3D), self.t, fallback=1)
        for toolbar in (self.toolbar_3d, self.toolbar_2d):
            toolbar.set_language(self.lang)
        self._update_3d()
        self._update_2d()

    def canvases(self) -> list:
        return [self.canvas_3d, self.canvas_2d]

    def shutdown(self) -> None:
        self.drag.disconnect()
        self.view.disconnect_canvas()
