"""Lesson 4 panel: drag v and w in the plane, or set them in space, and watch the projection."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QTabWidget, QVBoxLayout, QWidget

from tutor_app.lessons import dot_projection as logic
from tutor_app.lessons.base import LessonSpec
from tutor_app.qt.figure_toolbar import FigureToolbar
from tutor_app.qt.lesson_panel import LessonPanel
from tutor_app.qt.panels.panel_canvas import PanelCanvas
from tutor_app.qt.panels.rich_text import html_line
from tutor_app.qt.panels.steady_label import SteadyLabel
from tutor_app.qt.panels.tab_figures import TabFigures
from tutor_app.qt.panels.vector_panel_parts import (
    apply_preset,
    fill_presets,
    vector_editor_pair,
)
from tutor_app.qt.vector_drag import PointDragController
from tutor_app.qt.view_controls import ViewAngleSliders
from tutor_app.viz import vectors, vectors3d
from tutor_app.viz.style import palette

PLANE_LIMIT = 4.0
START_2D = {"v": (2.0, 1.0), "w": (1.0, 3.0)}
START_3D = logic.PRESETS_3D["preset_acute"]
# Vectors whose readouts are the longest: long negative numbers, and each zero-vector note.
READOUT_CASES_2D = (((-3.9, -3.7), (3.3, -3.1)), ((0.0, 0.0), (1.0, 1.0)),
                    ((1.0, 1.0), (0.0, 0.0)), ((0.0, 0.0), (0.0, 0.0)))
READOUT_CASES_3D = tuple(((*v, -4.9), (*w, 4.7)) for v, w in READOUT_CASES_2D[:1]) + tuple(
    ((*v, 0.0), (*w, 0.0)) for v, w in READOUT_CASES_2D[1:])


class DotProjectionPanel(LessonPanel):
    """Two tabs (2D, 3D), each: figure, export row, vector editors, readout."""

    def __init__(self, spec: LessonSpec, lang: str = "zh", parent: QWidget | None = None):
        super().__init__(spec, lang, parent)
        self.palette = palette()
        self.tabs = QTabWidget(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        self.tabs.addTab(self._build_2d(), "")
        self.page_3d = self._build_3d()
        self.tabs.addTab(self.page_3d, "")
        self.tab_figures = TabFigures(self.tabs)
        self.result_2d = self.result_3d = None
        self._artists_3d: list = []
        self.retranslate()  # fills both tabs

    # -- construction ----------------------------------------------------------------------
    def _build_2d(self) -> QWidget:
        page = QWidget(self)
        self.canvas_2d = PanelCanvas(page, figsize=(5.5, 5.0))
        self.ax_2d = self.canvas_2d.figure.add_subplot()
        vectors.setup_plane(self.ax_2d, PLANE_LIMIT, self.palette)
        self.artists_2d = vectors.draw_projection_2d(self.ax_2d, START_2D["v"], START_2D["w"],
                                                     None, palette=self.palette)
        self.drag = PointDragController(self.canvas_2d, self.ax_2d, START_2D, self._on_tip_change,
                                        self.artists_2d.moving, snap=0.1,
                                        on_release=self._on_tip_release)
        self.toolbar_2d = FigureToolbar(self.canvas_2d, self.lang, page, basename="dot_2d")
        self.v_2d, self.w_2d = vector_editor_pair(START_2D["v"], START_2D["w"], self.palette,
                                                  self._on_vectors_2d_change, limit=PLANE_LIMIT)
        self.hint_2d = QLabel(page)
        self.readout_2d = SteadyLabel(page)
        self.readout_2d.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box = QVBoxLayout(page)
        for widget in (self.canvas_2d, self.toolbar_2d, self.hint_2d, self.v_2d, self.w_2d,
                       self.readout_2d):
            box.addWidget(widget, 1 if widget is self.canvas_2d else 0)
        return page

    def _build_3d(self) -> QWidget:
        page = QWidget(self)
        self.canvas_3d = PanelCanvas(page, figsize=(5.5, 5.0))
        self.ax_3d = self.canvas_3d.figure.add_subplot(projection="3d")
        self.toolbar_3d = FigureToolbar(self.canvas_3d, self.lang, page, basename="dot_3d")
        self.v_3d, self.w_3d = vector_editor_pair(*START_3D, self.palette,
                                                  self._on_vectors_3d_change)
        self.presets = QComboBox(page)
        self.presets.activated.connect(self._on_preset_change)
        self.presets_label = QLabel(page)
        self.view = ViewAngleSliders(self.canvas_3d, self.ax_3d, parent=page)
        self.readout_3d = SteadyLabel(page)
        self.readout_3d.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        row = QHBoxLayout()
        row.addWidget(self.presets_label)
        row.addWidget(self.presets, 1)
        box = QVBoxLayout(page)
        box.addWidget(self.canvas_3d, 1)
        for widget in (self.toolbar_3d, self.v_3d, self.w_3d):
            box.addWidget(widget)
        box.addLayout(row)
        box.addWidget(self.view)
        box.addWidget(self.readout_3d)
        vectors3d.setup_space(self.ax_3d, 5.0, self.palette)
        return page

    # -- UI → model ------------------------------------------------------------------------
    def _on_tip_change(self, name: str, xy: tuple[float, float]) -> None:
        editor = self.v_2d if name == "v" else self.w_2d
        editor.set_value(xy)
        self._update_2d(draw=False)  # the drag controller blits

    def _on_tip_release(self, _name: str, _xy: tuple[float, float]) -> None:
        self._update_2d()  # the full figure box again

    def _on_vectors_2d_change(self) -> None:
        self.drag.set_point("v", self.v_2d.value())
        self.drag.set_point("w", self.w_2d.value())
        self._update_2d()

    def _on_vectors_3d_change(self) -> None:
        self._update_3d()

    def _on_preset_change(self, index: int) -> None:
        apply_preset(self.presets, index, logic.PRESETS_3D, self.v_3d, self.w_3d)
        self._update_3d()

    # -- model → figure --------------------------------------------------------------------
    def _update_2d(self, draw: bool = True) -> None:
        p = logic.project(self.v_2d.value(), self.w_2d.value())
        self.result_2d = p
        # While dragging, the readout under the figure is live and the box is hidden: text
        # layout is the dearest part of a blitted frame.
        info = "" if self.drag.dragging else logic.figure_info(p, self.t)
        vectors.update_projection_2d(self.artists_2d, p.v, p.w, p.projection,
                                     sign_key=p.colour_key, info=info)
        self._show_readout(self.readout_2d, p)
        if draw:
            self.canvas_2d.draw_idle()

    def _update_3d(self) -> None:
        p = logic.project(self.v_3d.value(), self.w_3d.value())
        self.result_3d = p
        self._show_readout(self.readout_3d, p)
        self.tab_figures.draw(self.page_3d, lambda: self._draw_3d(p))

    def _draw_3d(self, p: logic.DotProjection) -> None:
        vectors3d.remove_artists(self._artists_3d)
        limit = vectors3d.space_limit(p.v, p.w)
        for setter in (self.ax_3d.set_xlim, self.ax_3d.set_ylim, self.ax_3d.set_zlim):
            setter(-limit, limit)
        self._artists_3d = vectors3d.draw_projection_3d(
            self.ax_3d, p.v, p.w, p.projection, sign_key=p.colour_key, palette=self.palette)
        self.canvas_3d.draw_idle()

    def _show_readout(self, label: QLabel, p: logic.DotProjection) -> None:
        label.setText(self._readout_html(p))

    def _readout_html(self, p: logic.DotProjection) -> str:
        colour = getattr(self.palette, p.colour_key)
        lines = [html_line(line) for line in logic.readout_lines(p, self.t)]
        note = "".join(f"<br><b style='color:{self.palette.negative}'>{line}</b>"
                       for line in lines[5:])   # the zero-vector note, if any
        return ("<br>".join(lines[:3]) + f"<br><b style='color:{colour}'>{lines[3]}</b>"
                + f"<br>{lines[4]}" + note)

    def _reserve_readout_room(self) -> None:
        """The readouts keep the height of their longest text (the zero-vector note): the
        figure above them no longer jumps when a note appears or a number grows."""
        for label, cases in ((self.readout_2d, READOUT_CASES_2D),
                             (self.readout_3d, READOUT_CASES_3D)):
            label.set_candidates(self._readout_html(logic.project(v, w)) for v, w in cases)

    # -- LessonPanel -----------------------------------------------------------------------
    def retranslate(self) -> None:
        self.tabs.setTabText(0, self.t("tab_2d"))
        self.tabs.setTabText(1, self.t("tab_3d"))
        self.hint_2d.setText(self.t("drag_hint"))
        self._reserve_readout_room()
        self.presets_label.setText(self.t("presets"))
        self.view.set_labels(self.t("azimuth"), self.t("elevation"))
        fill_presets(self.presets, list(logic.PRESETS_3D), self.t, fallback=0)
        for toolbar in (self.toolbar_2d, self.toolbar_3d):
            toolbar.set_language(self.lang)
        self._update_2d()
        self._update_3d()

    def canvases(self) -> list:
        return [self.canvas_2d, self.canvas_3d]

    def shutdown(self) -> None:
        self.drag.disconnect()
        self.view.disconnect_canvas()
