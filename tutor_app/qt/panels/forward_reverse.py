"""Lesson 13 panel: forward and reverse mode side by side, then the costs the engine measured.

A thin view of ``tutor_app.lessons.forward_reverse`` (numbers) and ``tutor_app.viz.derivatives``
(pictures); the two graphs play in two ``GraphPlayerWidget``s.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from tutor_app.lessons import forward_reverse as logic
from tutor_app.lessons.base import LessonSpec
from tutor_app.qt.figure_toolbar import FigureToolbar
from tutor_app.qt.graph_player import GraphPlayerWidget
from tutor_app.qt.lesson_panel import LessonPanel
from tutor_app.qt.mpl_canvas import MplCanvas
from tutor_app.viz.derivatives import draw_costs
from tutor_app.viz.fonts import register_matplotlib_fonts
from tutor_app.viz.text_fit import wrap_titles_to_columns

# Layered graphs are several times wider than tall: two of them side by side are drawn
# tiny with every label culled, so they stack unless the panel is very wide.
WIDE_PX = 1600
COST_TITLE_PT = 9    # as viz.derivatives.draw_costs draws them
COST_XLABEL_PT = 8
COLUMNS = ("vary", "n", "m", "depth", "fwd_passes", "fwd_ops", "fwd_peak", "rev_passes",
           "rev_ops", "rev_peak")


class ForwardReversePanel(LessonPanel):
    """Tab 1: the same graph in both modes. Tab 2: passes, ops and memory as n, m, depth grow."""

    def __init__(self, spec: LessonSpec, lang: str = "zh", parent: QWidget | None = None):
        super().__init__(spec, lang, parent)
        register_matplotlib_fonts()  # idempotent; the plots' titles may be Chinese
        self.tabs = QTabWidget(self)
        QVBoxLayout(self).addWidget(self.tabs)
        self._build_side_by_side()
        self._build_costs()
        self._sweeps: dict | None = None
        self._costs_shown = False  # the cost tab is filled when first chosen
        self.tabs.currentChanged.connect(self._on_tab_changed)
        self.retranslate()
        self._on_size_change()

    # -- tab 1 ----------------------------------------------------------------------------
    def _build_side_by_side(self) -> None:
        page = QWidget()
        self.n_label, self.m_label = QLabel(), QLabel()
        self.n_box, self.m_box = QSpinBox(), QSpinBox()
        for box, value in ((self.n_box, 2), (self.m_box, 2)):
            box.setRange(1, 4)
            box.setValue(value)
            box.valueChanged.connect(self._on_size_change)
        self.both_back, self.both_next = QPushButton(), QPushButton()
        self.both_reset = QPushButton()
        self.forward_title, self.reverse_title = QLabel(), QLabel()
        # compact: one row of controls each, so the two stacked graphs get the height
        self.forward_player = GraphPlayerWidget(self.lang, page, basename="forward_mode",
                                                compact=True)
        self.reverse_player = GraphPlayerWidget(self.lang, page, basename="reverse_mode",
                                                compact=True)
        controls = QHBoxLayout()
        for w in (self.n_label, self.n_box, self.m_label, self.m_box, self.both_reset,
                  self.both_back, self.both_next):
            controls.addWidget(w)
        controls.addStretch(1)
        # One above the other until resizeEvent finds room side by side: starting
        # horizontal would make the panel's minimum width that of two players.
        self.players = QSplitter(Qt.Vertical)
        self.players.setChildrenCollapsible(False)
        for title, player in ((self.forward_title, self.forward_player),
                              (self.reverse_title, self.reverse_player)):
            holder = QWidget()
            col = QVBoxLayout(holder)
            col.setContentsMargins(0, 0, 0, 0)
            title.setWordWrap(True)
            col.addWidget(title)
            col.addWidget(player, 1)
            self.players.addWidget(holder)
        layout = QVBoxLayout(page)
        layout.addLayout(controls)
        layout.addWidget(self.players, 1)
        self.both_back.clicked.connect(lambda: self._on_both(lambda p: p.previous()))
        self.both_next.clicked.connect(lambda: self._on_both(lambda p: p.next()))
        self.both_reset.clicked.connect(lambda: self._on_both(lambda p: p.reset()))
        self.tabs.addTab(page, "")

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        """Side by side when there is room, one above the other in a narrow host."""
        wide = event.size().width() >= WIDE_PX
        self.players.setOrientation(Qt.Horizontal if wide else Qt.Vertical)
        super().resizeEvent(event)

    def _on_both(self, move) -> None:
        for widget in (self.forward_player, self.reverse_player):
            widget.player.pause()
            move(widget.player)

    def _on_size_change(self, *_args) -> None:
        pair = logic.side_by_side(self.n_box.value(), self.m_box.value())
        self.forward_player.set_graph(pair.graph, pair.forward)
        self.reverse_player.set_graph(pair.graph, pair.reverse)
        self._set_titles()

    def _set_titles(self) -> None:
        self.forward_title.setText(self.t("forward_title").format(n=self.n_box.value()))
        self.reverse_title.setText(self.t("reverse_title").format(m=self.m_box.value()))

    # -- tab 2 ----------------------------------------------------------------------------
    @property
    def sweeps(self) -> dict:
        """The engine's measured costs as n, m and depth grow (computed on first use)."""
        if self._sweeps is None:
            self._sweeps = {vary: logic.sweep(vary) for vary in ("n", "m", "depth")}
        return self._sweeps

    def _on_tab_changed(self, index: int) -> None:
        if index == 1 and not self._costs_shown:
            self._costs_shown = True
            self._fill_costs()

    def _fill_costs(self) -> None:
        """Measure, plot and tabulate the costs. Only once the tab is chosen: the sweeps,
        three log plots and the table were ~60% of this lesson's first visit, unseen."""
        self._draw_costs()
        self._fill_table()

    def _build_costs(self) -> None:
        page = QWidget()
        self.cost_canvas = MplCanvas(page, figsize=(9.0, 3.2))
        self.cost_toolbar = FigureToolbar(self.cost_canvas, self.lang, page,
                                          basename="forward_reverse_costs")
        self.table = QTableWidget(0, len(COLUMNS), page)
        self.note = QLabel(page)
        self.note.setWordWrap(True)
        layout = QVBoxLayout(page)
        layout.addWidget(self.note)
        layout.addWidget(self.cost_canvas, 2)
        layout.addWidget(self.cost_toolbar)
        layout.addWidget(self.table, 1)
        self.tabs.addTab(page, "")
        self.cost_axes: list = []
        self.cost_canvas.mpl_connect("resize_event", lambda _event: self._wrap_cost_titles())

    def _draw_costs(self) -> None:
        fig = self.cost_canvas.figure
        fig.clear()
        axes = fig.subplots(1, 3)
        labels = (self.t("forward_mode"), self.t("reverse_mode"))
        specs = (("n", "ops_evaluated", "plot_ops_n", "axis_n"),
                 ("m", "ops_evaluated", "plot_ops_m", "axis_m"),
                 ("depth", "peak_live_intermediates", "plot_peak_depth", "axis_depth"))
        for ax, (vary, field, title, xlabel) in zip(axes, specs, strict=True):
            rows = self.sweeps[vary]
            xs = [getattr(f, vary) for f, _ in rows]
            draw_costs(ax, xs, [getattr(f, field) for f, _ in rows],
                       [getattr(r, field) for _, r in rows], title=self.t(title),
                       xlabel=self.t(xlabel), labels=labels, log=True)
        self.cost_axes = [(ax, self.t(title), self.t(xlabel))
                          for ax, (_, _, title, xlabel) in zip(axes, specs, strict=True)]
        self._wrap_cost_titles()
        self.cost_canvas.draw_idle()

    def _wrap_cost_titles(self) -> None:
        """Fit each subplot's title and x label to its third of the canvas, again on every
        resize: on one line they ran into each other and the third was cut at the edge."""
        if not self.cost_axes:
            return
        figure = self.cost_canvas.figure
        titles = wrap_titles_to_columns(figure, [t for _, t, _ in self.cost_axes],
                                        COST_TITLE_PT)
        xlabels = wrap_titles_to_columns(figure, [x for _, _, x in self.cost_axes],
                                         COST_XLABEL_PT)
        for (ax, _, _), title, xlabel in zip(self.cost_axes, titles, xlabels, strict=True):
            ax.set_title(title, fontsize=COST_TITLE_PT)
            ax.set_xlabel(xlabel, fontsize=COST_XLABEL_PT)

    def _fill_table(self) -> None:
        rows = [(vary, f, r) for vary, pairs in self.sweeps.items() for f, r in pairs]
        self.table.setRowCount(len(rows))
        self.table.setHorizontalHeaderLabels([self.t(f"col_{c}") for c in COLUMNS])
        for i, (vary, f, r) in enumerate(rows):
            cells = (vary, f.n, f.m, f.depth, f.passes, f.ops_evaluated,
                     f.peak_live_intermediates, r.passes, r.ops_evaluated,
                     r.peak_live_intermediates)
            for j, value in enumerate(cells):
                self.table.setItem(i, j, QTableWidgetItem(str(value)))
        self.table.resizeColumnsToContents()

    # -- host seams -----------------------------------------------------------------------
    def retranslate(self) -> None:
        self.tabs.setTabText(0, self.t("tab_side"))
        self.tabs.setTabText(1, self.t("tab_costs"))
        self.n_label.setText(self.t("n_inputs"))
        self.m_label.setText(self.t("m_outputs"))
        self.both_back.setText(self.t("both_back"))
        self.both_next.setText(self.t("both_next"))
        self.both_reset.setText(self.t("both_reset"))
        self.note.setText(self.t("notes_swap"))
        self.cost_toolbar.set_language(self.lang)
        for player in (self.forward_player, self.reverse_player):
            player.set_language(self.lang)
        self._set_titles()
        if self._costs_shown:
            self._fill_costs()

    def retheme(self) -> None:
        """The graphs are drawn with the theme's palette (every later step too);
        the other canvases get their chrome recoloured."""
        self.forward_player.set_theme(self.theme)
        self.reverse_player.set_theme(self.theme)
        super().retheme()

    def canvases(self) -> list:
        """The two graphs, and the cost plots once their tab has been opened (exports
        save the figures the learner has seen)."""
        costs = [self.cost_canvas] if self._costs_shown else []
        return [self.forward_player.canvas, self.reverse_player.canvas, *costs]

    def suspend(self) -> None:
        self.forward_player.suspend()
        self.reverse_player.suspend()

    def shutdown(self) -> None:
        self.forward_player.shutdown()
        self.reverse_player.shutdown()
