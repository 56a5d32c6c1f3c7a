"""Lesson 1 panel: AI ⊃ ML ⊃ DL, the application map, and the tensors of the chosen application.

Click a tile in the map (or pick from the list, for the keyboard) and the bottom of the
figure redraws that application's input and output tensors, one cell per axis.
"""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from tutor_app.lessons import what_dl_does as lesson
from tutor_app.lessons.base import LessonSpec
from tutor_app.qt.lesson_panel import LessonPanel
from tutor_app.qt.mpl_canvas import MplCanvas
from tutor_app.viz.apps_map import (
    TensorView,
    draw_application_map,
    draw_nested_sets,
    draw_tensor_flow,
    link_sets_to_map,
)
from tutor_app.viz.style import palette


class WhatDlDoesPanel(LessonPanel):
    """A thin view: the selected application key is the only state."""

    def __init__(self, spec: LessonSpec, lang: str = "zh", parent: QWidget | None = None):
        super().__init__(spec, lang, parent)
        self.selected = lesson.DEFAULT_APP
        # Every axes is axis-off in fixed 0-100 coordinates: a fixed grid replaces the
        # constrained-layout solver, which cost more than half of each draw.
        self.canvas = MplCanvas(self, figsize=(8.0, 6.2), layout=None)
        self.canvas.setMinimumSize(560, 540)  # below this the tensor rows overlap
        self.canvas.mpl_connect("pick_event", self._on_pick)
        self.chooser_label = QLabel(self)
        self.chooser = QComboBox(self)
        self.chooser.currentIndexChanged.connect(self._on_chooser_change)
        row = QHBoxLayout()
        row.addWidget(self.chooser_label)
        row.addWidget(self.chooser, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.canvas, 1)
        figure = self.canvas.figure
        grid = figure.add_gridspec(2, 2, height_ratios=[0.95, 1.05], width_ratios=[1.0, 1.35],
                                   left=0.01, right=0.99, bottom=0.01, top=0.9, hspace=0.08,
                                   wspace=0.04)
        self.ax_sets = figure.add_subplot(grid[0, 0])
        self.ax_map = figure.add_subplot(grid[0, 1])
        self.ax_flow = figure.add_subplot(grid[1, :])
        self.retranslate()

    # ---- UI -> model ----------------------------------------------------------------
    def _on_pick(self, event) -> None:
        key = event.artist.get_gid()
        if key and key != self.selected:
            self.select(key)

    def _on_chooser_change(self, index: int) -> None:
        key = self.chooser.itemData(index)
        if key and key != self.selected:
            self.select(key)

    def select(self, key: str) -> None:
        """Show application ``key`` (an unknown key falls back to image classification)."""
        self.selected = lesson.application(key).key
        self._sync_chooser()
        self._draw_map()
        self._draw_flow()
        self.canvas.draw_idle()

    # ---- model -> UI ----------------------------------------------------------------
    def _sync_chooser(self) -> None:
        self.chooser.blockSignals(True)
        self.chooser.setCurrentIndex(self.chooser.findData(self.selected))
        self.chooser.blockSignals(False)

    def retranslate(self) -> None:
        self.chooser_label.setText(self.t("choose"))
        self.chooser.blockSignals(True)
        self.chooser.clear()
        for app in lesson.APPLICATIONS:
            self.chooser.addItem(self.t(f"app_{app.key}"), app.key)
        self.chooser.blockSignals(False)
        self._sync_chooser()
        pal = palette(self.theme)
        self.canvas.figure.set_facecolor(pal.background)
        self.canvas.figure.suptitle(self.t("figure_title"), fontsize=12, color=pal.text)
        self.ax_sets.clear()
        draw_nested_sets(self.ax_sets, (self.t("ai"), self.t("ml"), self.t("dl")), pal=pal)
        self._draw_map()
        self._draw_flow()
        self.canvas.draw_idle()

    def _draw_map(self) -> None:
        self.ax_map.clear()
        entries = [(app.key, self.t(f"app_{app.key}"), *lesson.grid_position(app.key))
                   for app in lesson.APPLICATIONS]
        self.tiles = draw_application_map(
            self.ax_map, entries, [self.t(f"group_{g}") for g in lesson.GROUPS],
            self.selected, self.t("apps_title"), pal=palette(self.theme))
        link_sets_to_map(self.ax_sets, self.ax_map, pal=palette(self.theme))

    def _tensor_view(self, tensor: lesson.TensorSpec) -> TensorView:
        count = tensor.numel()
        caption = f"{tensor.shape_text}\n" + self.t("ndim_one" if count == 1 else "ndim").format(
            n=tensor.ndim, count=f"{count:,}")
        axes = tuple((self.t(f"axis_{a.name}"), str(a.size)) for a in tensor.axes)
        return TensorView(self.t(f"t_{tensor.label}"), axes, caption)

    def _draw_flow(self) -> None:
        app = lesson.application(self.selected)
        self.ax_flow.clear()
        draw_tensor_flow(self.ax_flow, [self._tensor_view(t) for t in app.inputs],
                         [self._tensor_view(t) for t in app.outputs],
                         (self.t("input"), self.t("model"), self.t("output")),
                         pal=palette(self.theme))

    def retheme(self) -> None:
        self.retranslate()  # every drawing reads the palette of the current theme

    def canvases(self) -> list:
        return [self.canvas]
