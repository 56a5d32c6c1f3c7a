"""The graph player: canvas, transport controls, seek slider, speed and the step's caption.

A thin view of a ``tutor_app.graph.player.Player``: every button, key, slider move and
timer tick calls the player; the player's change notice calls ``show_frame(k)``, the one
path that applies a frame and updates the canvas: a step repaints only the rectangle it
changed (``RegionPainter``) and blits it, anything else (first frame, zoom, resize) goes
through ``draw_idle()``. The QTimer lives here and only here.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from tutor_app.graph.fold import fold
from tutor_app.graph.layout import display_layout
from tutor_app.graph.player import SPEEDS, Player
from tutor_app.i18n import tr
from tutor_app.qt.export_menu import ExportMenuButton, save_gif
from tutor_app.qt.mpl_canvas import MplCanvas
from tutor_app.qt.panels.panel_canvas import PanelCanvas
from tutor_app.viz.graph_geometry import Y_SPACING
from tutor_app.viz.graph_navigation import MouseNavigation
from tutor_app.viz.graph_region import RegionPainter
from tutor_app.viz.graph_view import FONT, X_SPACING, GraphView
from tutor_app.viz.graph_viewport import READABLE_EM

# Transport buttons show symbols, not words (narrow enough for the lesson host); their
# tooltips are the words (``player.*`` in resources/i18n/widgets.toml).
SYMBOL = {"reset": "↺", "back": "◀|", "play": "▶", "pause": "‖", "forward": "|▶"}


def _noop() -> None:
    pass


class GraphPlayerWidget(QWidget):
    """Plays a ``Timeline`` on a ``GraphView``; ``set_graph`` loads one, ``show_frame`` shows."""

    frame_shown = Signal(int)

    def __init__(self, lang: str = "zh", parent: QWidget | None = None, *,
                 theme: str | None = None, basename: str = "graph", compact: bool = False,
                 readable_em: float = READABLE_EM):
        """``compact``: one row of controls (no loop and speed), for two players stacked.
        ``theme``: "light" or "dark"; by default the app's (``MplCanvas.default_theme``)."""
        super().__init__(parent)
        self.lang, self.compact = lang, compact
        self.readable_em = readable_em   # the scale below which the graph is too small to read
        self.theme = "dark" if (theme or MplCanvas.default_theme) == "dark" else "light"
        self.player = Player()
        self.timeline = None
        self.view: GraphView | None = None
        self.navigation: MouseNavigation | None = None
        self.painter: RegionPainter | None = None
        self.canvas = PanelCanvas(self, figsize=(8.0, 4.2), layout=None)  # steady size hint
        self.canvas.set_theme(self.theme)
        self.timer = QTimer(self)
        self.timer.timeout.connect(self._on_timer_tick)
        self._build(basename)
        self.player.subscribe(self._on_model_change)
        self.setFocusPolicy(Qt.StrongFocus)  # so its keys work once the learner clicks it
        self.retranslate()
        self.show_frame(0)

    # -- widgets --------------------------------------------------------------------------
    def _build(self, basename: str) -> None:
        self.caption = QLabel(self)
        self.caption.setWordWrap(True)
        self.caption.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.caption.setMinimumHeight(34)   # two lines; longer captions grow it
        self.reset_button, self.back_button = QPushButton(self), QPushButton(self)
        self.play_button, self.forward_button = QPushButton(self), QPushButton(self)
        self.fit_button = QPushButton(self)
        self.expand_button = QPushButton(self)   # a folded loop drawn whole, and back
        self.expand_button.setCheckable(True)
        self.expand_button.hide()
        self.whole, self.folding = None, None
        self.loop_box = QCheckBox(self)
        self.speed_label = QLabel(self)
        self.speed_box = QComboBox(self)
        for s in SPEEDS:
            self.speed_box.addItem(f"{s:g}×", s)
        self.speed_box.setCurrentIndex(SPEEDS.index(1.0))
        self.slider = QSlider(Qt.Horizontal, self)
        self.position = QLabel(self)
        self.status = QLabel(self)
        self.hint = QLabel(self)
        # Export (GIF, PNG, SVG, copy) folds into one menu button: two rows of controls
        # instead of four leave the graph the room it needs.
        self.export_button = ExportMenuButton(self.canvas, self.status,
                                              lambda: self._on_gif_click(), self.lang, self,
                                              basename=basename)
        self.toolbar = self.export_button.toolbar
        self.export_menu = self.export_button.menu_
        transport = QHBoxLayout()
        for w in (self.reset_button, self.back_button, self.play_button, self.forward_button):
            transport.addWidget(w)
        transport.addWidget(self.slider, 1)
        transport.addWidget(self.position)
        options = transport if self.compact else QHBoxLayout()
        for w in (self.loop_box, self.speed_label, self.speed_box):
            if self.compact:
                w.hide()
            else:
                options.addWidget(w)
        for w in (self.fit_button, self.expand_button, self.export_button):
            options.addWidget(w)
        options.addWidget(self.status, 0 if self.compact else 1)
        self.slider.setMinimumWidth(80)
        self.hint.setWordWrap(True)
        self.hint.hide()  # the keys are in the tooltips of the canvas and the buttons
        self.canvas.setMinimumSize(QSize(240, 150))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.canvas, 1)
        layout.addWidget(self.caption)
        layout.addLayout(transport)
        if options is not transport:
            layout.addLayout(options)
        layout.addWidget(self.hint)
        self.reset_button.clicked.connect(self._on_reset_click)
        self.back_button.clicked.connect(self._on_back_click)
        self.play_button.clicked.connect(self._on_play_click)
        self.forward_button.clicked.connect(self._on_forward_click)
        self.loop_box.toggled.connect(self._on_loop_change)
        self.speed_box.currentIndexChanged.connect(self._on_speed_change)
        self.slider.valueChanged.connect(self._on_slider_change)
        self.fit_button.clicked.connect(self._on_fit_click)
        self.expand_button.toggled.connect(self._on_expand_toggle)
        for w in (self.reset_button, self.back_button, self.play_button, self.forward_button,
                  self.fit_button, self.expand_button, self.export_button):
            w.setFocusPolicy(Qt.NoFocus)
        for w in (self.reset_button, self.back_button, self.play_button, self.forward_button):
            w.setMaximumWidth(44)  # keys stay with the player, not a focused button
        self.keys = {Qt.Key_Space: self._on_play_click, Qt.Key_Right: self._on_forward_click,
                     Qt.Key_Left: self._on_back_click, Qt.Key_Home: self._on_reset_click,
                     Qt.Key_End: self._on_end_key}
        mpl_keys = {" ": Qt.Key_Space, "right": Qt.Key_Right, "left": Qt.Key_Left,
                    "home": Qt.Key_Home, "end": Qt.Key_End}
        # The canvas swallows key presses; route Matplotlib's key events to the same slots.
        self.canvas.mpl_connect("key_press_event",
                                lambda e: self.keys.get(mpl_keys.get(e.key), _noop)())

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt's name
        slot = self.keys.get(event.key())
        if slot is None:
            super().keyPressEvent(event)
            return
        slot()
        event.accept()

    def _t(self, key: str) -> str:
        return tr(f"player.{key}", self.lang)

    def set_language(self, lang: str) -> None:
        self.lang = lang
        self.export_button.set_language(lang)
        self.retranslate()

    def retranslate(self) -> None:
        for key, button in (("reset", self.reset_button), ("back", self.back_button),
                            ("forward", self.forward_button)):
            button.setText(SYMBOL[key])
            button.setToolTip(self._t(key))
        for key, widget in (("loop", self.loop_box), ("fit", self.fit_button),
                            ("speed", self.speed_label),
                            ("hint", self.hint)):
            widget.setText(self._t(key))
        self.canvas.setToolTip(self._t("hint"))
        self._retranslate_expand()
        self._sync_controls()
        self._show_caption()

    def _retranslate_expand(self) -> None:
        key = "fold" if self.expand_button.isChecked() else "expand"
        self.expand_button.setText(self._t(key))
        self.expand_button.setToolTip(self._t(key + "_tip"))

    def set_theme(self, theme: str) -> None:
        """Draw in ``theme`` from now on: the graph drawn and every frame stepped to later
        (a step's region repaint uses the view's colours, so they must be the theme's)."""
        self.theme = "dark" if theme == "dark" else "light"
        self.canvas.set_theme(self.theme)
        if self.view is not None:
            self.view.set_theme(self.theme)
            if self.painter is not None:
                self.painter.invalidate()   # the buffer is in the old colours
        self.canvas.draw_idle()

    # -- model ----------------------------------------------------------------------------
    def set_graph(self, graph, timeline, positions=None) -> None:
        """Draw ``graph`` once and load its ``timeline``; shows the first frame, paused.

        A long loop's middle iterations are drawn folded into one glyph (``graph.fold``)
        unless ``positions`` are given; the expand button draws the whole graph."""
        self.whole = (graph, timeline)
        self.folding = fold(graph, timeline) if positions is None else None
        self.expand_button.setVisible(self.folding is not None)
        self.expand_button.blockSignals(True)
        self.expand_button.setChecked(False)
        self.expand_button.blockSignals(False)
        self._retranslate_expand()
        shown = self.whole if self.folding is None else (self.folding.graph,
                                                         self.folding.timeline)
        self._draw_graph(*shown, positions)
        self.player.set_frames(len(timeline))

    def _draw_graph(self, graph, timeline, positions=None) -> None:
        self.timer.stop()
        self._release_view()
        figure = self.canvas.figure
        figure.clear()
        ax = figure.add_axes((0.01, 0.01, 0.98, 0.98))
        self.timeline = timeline
        if positions is None:
            positions = display_layout(graph, *self._readable_cells(ax))
        self.view = GraphView(ax, graph, positions, theme=self.theme,
                              readable_em=self.readable_em)
        self.navigation = MouseNavigation(self.view, self.canvas)
        self.painter = RegionPainter(self.view, self.canvas)
        self.slider.setRange(0, max(len(timeline) - 1, 0))

    @property
    def expanded(self) -> bool:
        """True when a graph with folded loops is drawn whole."""
        return self.folding is not None and self.expand_button.isChecked()

    def _on_expand_toggle(self, on: bool) -> None:
        """Draw the loops whole (or folded again) at the same frame."""
        if self.folding is None:
            return
        self.player.pause()
        index = self.player.index
        shown = self.whole if on else (self.folding.graph, self.folding.timeline)
        self._draw_graph(*shown)
        self._retranslate_expand()
        self.show_frame(index)

    def _readable_cells(self, ax) -> tuple[int, int]:
        """How many graph columns and rows the canvas shows at the readable scale (a longer
        graph is wrapped into bands to fit them)."""
        unit = self.readable_em * FONT * self.canvas.figure.dpi / 72
        return int(ax.bbox.width // (X_SPACING * unit)), int(ax.bbox.height // (Y_SPACING * unit))

    def _release_view(self) -> None:
        """Disconnect the old view's canvas callbacks before its figure is cleared."""
        for part in (self.navigation, self.painter, self.view):
            if part is not None:
                part.disconnect()

    def clear(self) -> None:
        """No graph: an empty canvas and the hint to run code."""
        self.whole, self.folding = None, None
        self.expand_button.hide()
        self.timer.stop()
        self._release_view()
        self.timeline, self.view, self.painter, self.navigation = None, None, None, None
        self.canvas.figure.clear()
        self.player.set_frames(0)

    def show_frame(self, k: int) -> None:
        """The one path to the screen: apply frame ``k``, sync the controls, ``draw_idle()``."""
        region = None
        if self.timeline is not None and len(self.timeline):
            k = min(max(k, 0), len(self.timeline) - 1)
            frame = self.timeline[k]
            moved = self.view.focus(frame)  # keep the step (and at the end the output) in view
            self.view.apply_frame(frame)
            if self.painter is not None and not moved:  # only the changed rectangle
                region = self.painter.paint()
        self._sync_controls()
        self._show_caption()
        if region is None:
            self.canvas.draw_idle()
        elif region.width > 0:
            self.canvas.blit(region)
        self.frame_shown.emit(k)

    def _on_model_change(self, player: Player) -> None:
        if player.playing:
            self.timer.start(player.interval_ms)
        else:
            self.timer.stop()
        self.show_frame(player.index)

    def _sync_controls(self) -> None:
        p = self.player
        self.slider.blockSignals(True)
        self.slider.setValue(p.index)
        self.slider.blockSignals(False)
        self.position.setText(f"{p.index + 1 if p.n_frames else 0} / {p.n_frames}")
        state = "pause" if p.playing else "play"
        self.play_button.setText(SYMBOL[state])
        self.play_button.setToolTip(self._t(state))
        for w in (self.back_button, self.reset_button):
            w.setEnabled(p.index > 0)
        self.forward_button.setEnabled(p.n_frames > 0 and not p.at_end)
        self.play_button.setEnabled(p.n_frames > 1)
        self.slider.setEnabled(p.n_frames > 1)
        self.export_button.set_gif_enabled(p.n_frames > 0)

    def _show_caption(self) -> None:
        if self.timeline is None or not len(self.timeline):
            self.caption.setText(self._t("empty"))
        else:
            self.caption.setText(self.timeline[self.player.index].caption_in(self.lang))

    # -- UI → model -----------------------------------------------------------------------
    def _on_timer_tick(self) -> None:
        self.player.tick()

    def _on_end_key(self) -> None:
        self.player.pause()
        self.player.seek(self.player.n_frames - 1)

    def _on_reset_click(self) -> None:
        self.player.reset()

    def _on_back_click(self) -> None:
        self.player.pause()
        self.player.previous()

    def _on_forward_click(self) -> None:
        self.player.pause()
        self.player.next()

    def _on_play_click(self) -> None:
        self.player.toggle()

    def _on_loop_change(self, on: bool) -> None:
        self.player.loop = bool(on)

    def _on_speed_change(self, index: int) -> None:
        self.player.set_speed(self.speed_box.itemData(index))

    def _on_slider_change(self, value: int) -> None:
        self.player.pause()
        self.player.seek(value)

    def _on_fit_click(self) -> None:
        if self.view is not None:
            self.view.fit()
            self.canvas.draw_idle()

    def _on_gif_click(self, path: str | None = None) -> int:
        """Ask where to save (unless ``path`` is given), then write the GIF. Returns frames."""
        if self.view is None:
            return 0
        count = save_gif(self, self.view, self.timeline, path, self.lang,
                         self.player.interval_ms / 1000, self.status)
        self.canvas.draw_idle()
        return count

    def export_gif(self, path: str) -> int:
        """Write the animation to ``path`` without a dialog (tests, scripted exports)."""
        return self._on_gif_click(path)

    def suspend(self) -> None:
        """Pause playing (the panel was hidden but kept)."""
        self.player.pause()
        self.timer.stop()

    def shutdown(self) -> None:
        """Stop the timer and let go of the canvas callbacks."""
        self.timer.stop()
        self.player.pause()
        self._release_view()
        self.navigation = self.painter = None
