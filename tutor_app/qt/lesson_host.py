"""The lesson host: the text on the left, the lesson's panel on the right, console and
exercises in collapsible tabs below the panel. It owns none of them: it creates, swaps,
retranslates and rethemes them, and builds the neighbouring lessons in idle time.
"""

from __future__ import annotations

import html
import logging
from collections import OrderedDict
from dataclasses import dataclass, field

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from tutor_app.i18n import tr
from tutor_app.lessons.base import LessonSpec
from tutor_app.qt import collector, plugins, themes
from tutor_app.qt.bottom_tabs import CollapsibleTabs
from tutor_app.qt.build_ahead import BuildAhead
from tutor_app.qt.figure_export import FigureExporter
from tutor_app.qt.host_layout import TEXT_FRACTION, HostLayout, KeepingSplitter, scrolling
from tutor_app.qt.menu_button import MenuButton
from tutor_app.qt.mpl_canvas import MplCanvas
from tutor_app.qt.text_view import LessonTextView

log = logging.getLogger(__name__)
# Lessons kept alive (hidden) besides the visible one. The app has 13; keeping them all
# measured *lower* peak memory than rebuilding (258 vs 326 MB after two passes), and a
# return is ~25 ms instead of a full build.
CACHED_LESSONS = 16
CONSOLE = "tutor_app.qt.console:ConsoleWidget"
EXERCISES = "tutor_app.qt.exercises_view:ExercisesWidget"


def _scroll_into_view(widget: QWidget) -> None:
    """Every scroll area around ``widget``, innermost first, scrolls it into view."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QScrollArea):
            parent.ensureWidgetVisible(widget, 0, 24)
        parent = parent.parentWidget()


def _error_view(title: str, details: str) -> QPlainTextEdit:
    view = QPlainTextEdit(f"{title}\n\n{details}")
    view.setReadOnly(True)
    view.setObjectName("errorView")
    return view


@dataclass(eq=False)
class _Mounted:
    """The live widgets of one lesson (mutable: its language follows the app's)."""

    spec: LessonSpec
    lang: str
    panel: QWidget | None = None
    panel_widget: QWidget | None = None
    page: QWidget | None = None                 # the scroll area holding panel_widget
    parking: QWidget | None = None              # off-screen holder of a page built ahead
    panel_error: str | None = None
    console: QWidget | None = None
    exercises: QWidget | None = None
    tabs: list = field(default_factory=list)   # (page, string key, attribute name)


class LessonHost(HostLayout, BuildAhead, QWidget):
    """Shows one lesson at a time. ``panel_error`` is set when the panel failed to load."""

    graph_requested = Signal(object, str)  # from the console: (GraphRequest, variable name)
    solved_changed = Signal()            # from the exercises tab
    layout_changed = Signal()            # bottom tabs folded/opened, text hidden/shown

    def __init__(self, progress, lang: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.progress = progress
        self.lang = lang
        self.spec: LessonSpec | None = None
        self.panel = None
        self.panel_error: str | None = None
        self.console = None
        self.exercises = None
        self.panel_widget = None
        self.theme = "light"
        self._mounted: _Mounted | None = None
        self._cache: OrderedDict[str, _Mounted] = OrderedDict()
        self._tab_errors: dict[int, tuple[str, str]] = {}
        self.exporter = FigureExporter(self)
        self._build()

    # ---- layout ---------------------------------------------------------------------
    def _build(self) -> None:
        self.text = LessonTextView(self)
        right = QWidget(self)
        self.panel_area = QVBoxLayout(right)
        self.panel_area.setContentsMargins(0, 0, 0, 0)
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 6, 0)  # the last button's frame stays inside the window
        self.title_label = QLabel(right)
        self.title_label.setObjectName("lessonTitle")
        self.try_button = QPushButton(right)
        self.try_button.clicked.connect(self.try_it)
        self.export_button = MenuButton(right)
        self.export_menu = QMenu(self.export_button)
        self.export_button.setMenu(self.export_menu)
        self.exporter.fill_menu(self.export_menu)
        bar.addWidget(self.title_label, 1)
        bar.addWidget(self.try_button)
        bar.addWidget(self.export_button)
        self.panel_area.addLayout(bar)
        # Each kept panel is a page of this stack, inside its own scroll area: the scroll area
        # honours the panel's minimum size instead of squashing its figure, and showing a
        # page again changes no geometry, so its canvases need no redraw.
        self.panel_stack = QStackedWidget(right)
        self.panel_area.addWidget(self.panel_stack, 1)
        self.tabs = CollapsibleTabs(self)
        self.tabs.expanded_changed.connect(self._on_bottom_toggled)

        self.vertical = KeepingSplitter(Qt.Orientation.Vertical, self)
        self.vertical.addWidget(right)
        self.vertical.addWidget(self.tabs)
        self.vertical.setStretchFactor(0, 1)
        self.vertical.setStretchFactor(1, 0)
        self.vertical.setCollapsible(0, False)
        self.vertical.setCollapsible(1, False)
        self.vertical.splitterMoved.connect(self._on_vertical_moved)
        self.horizontal = KeepingSplitter(Qt.Orientation.Horizontal, self)
        self.horizontal.addWidget(self.text)
        self.horizontal.addWidget(self.vertical)
        self.horizontal.setStretchFactor(0, 0)
        self.horizontal.setStretchFactor(1, 1)
        self.horizontal.setCollapsible(1, False)
        self._text_fraction = TEXT_FRACTION  # the learner's split, kept across lessons
        self._bottom_height = self.BOTTOM_HEIGHT
        self.horizontal.setSizes([round(1000 * TEXT_FRACTION), round(1000 * (1 - TEXT_FRACTION))])
        self.horizontal.splitterMoved.connect(self._on_splitter_moved)
        self._connect_splitters()
        self.tabs.set_expanded(False)
        self._prebuild_queue: list[LessonSpec] = []
        self._prebuild_generation = 0
        self.prebuilt = 0  # lessons built ahead of a visit (read by tests and the benchmark)
        self.prebuild_enabled = True
        self.painted = False  # set by the first paint; building ahead waits for it
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.horizontal)
        self.retranslate()

    # ---- lessons --------------------------------------------------------------------
    def show_lesson(self, spec: LessonSpec) -> None:
        """Show ``spec``: its text, its panel and its console/exercises tabs.

        The widgets of the last few lessons stay alive (hidden), so going back to a lesson
        is instant and keeps its state (dragged vectors, console session).
        """
        collector.busy()
        self.cancel_prebuild()
        self._detach()
        self.spec = spec
        self._show_text()
        mounted = self._cache.pop(spec.id, None)
        if mounted is None or mounted.spec != spec:
            if mounted is not None:
                self._destroy(mounted)
            mounted = self._create(spec)
        self._attach(mounted)
        self.retranslate()
        self._keep_split()

    def _heading(self, spec: LessonSpec) -> str:
        section = tr("host.section", self.lang, section=spec.section) if spec.section else ""
        heading = f"<h1>{html.escape(spec.title_in(self.lang))}</h1>"
        if section:
            heading += f'<p style="color:#80868b">{html.escape(section)}</p>'
        return heading

    def _show_text(self) -> None:
        self.text.show_lesson(self.spec, self.lang, self._heading(self.spec))

    def _create(self, spec: LessonSpec) -> _Mounted:
        """Create the panel and the tabs of ``spec``; failures become error views."""
        collector.building()  # no full garbage collection in the middle of this build
        mounted = _Mounted(spec=spec, lang=self.lang)
        if not spec.panel:
            widget = QLabel(tr("host.no_panel", self.lang))
            widget.setAlignment(Qt.AlignmentFlag.AlignCenter)
            widget.setObjectName("noPanel")
            themes.tint(widget, self.theme)
        else:
            loaded = plugins.create(spec.panel, spec, self.lang)
            if loaded.widget is not None:
                mounted.panel = widget = loaded.widget
            else:
                mounted.panel_error = loaded.error
                widget = _error_view(tr("host.panel_failed", self.lang), loaded.error or "")
                themes.tint(widget, self.theme)
        mounted.panel_widget = widget
        for target, attr, key in ((CONSOLE, "console", "host.tab_console"),
                                  (EXERCISES, "exercises", "host.tab_exercises")):
            loaded = plugins.create(target, spec, self.progress, self.lang)
            if loaded.absent:
                continue
            if loaded.widget is not None:
                setattr(mounted, attr, loaded.widget)
                self._connect_tab(attr, loaded.widget)
                page = scrolling(loaded.widget)
            else:
                page = _error_view(tr("host.tab_failed", self.lang), loaded.error or "")
                themes.tint(page, self.theme)
            mounted.tabs.append((page, key, attr))
        return mounted

    def _add_page(self, mounted: _Mounted) -> None:
        if mounted.page is None:
            mounted.page = scrolling(mounted.panel_widget, self.panel_stack)
        if self.panel_stack.indexOf(mounted.page) < 0:
            self.panel_stack.addWidget(mounted.page)  # built ahead: same size, no redraw
        if mounted.parking is not None:
            mounted.parking.hide()
            mounted.parking.deleteLater()
            mounted.parking = None

    def _attach(self, mounted: _Mounted) -> None:
        self._mounted = mounted
        self.panel, self.panel_widget = mounted.panel, mounted.panel_widget
        self.panel_error = mounted.panel_error
        self.console, self.exercises = mounted.console, mounted.exercises
        self._add_page(mounted)
        self.panel_stack.setCurrentWidget(mounted.page)
        self._tab_errors.clear()
        for page, key, attr in mounted.tabs:
            self._tab_errors[self.tabs.addTab(page, "")] = (key, attr)
        self.tabs.setVisible(self.tabs.count() > 0)
        self.vertical.handle(1).setEnabled(self.tabs.expanded)
        if mounted.lang != self.lang:
            self._translate_mounted(mounted)
        self._retheme_mounted(mounted)  # a no-op when the theme did not change
        if mounted.panel is not None and hasattr(mounted.panel, "resume"):
            mounted.panel.resume()

    def _detach(self) -> None:
        """Hide the current lesson's widgets and keep them for a later visit."""
        mounted = self._mounted
        if mounted is None:
            return
        if mounted.panel is not None and hasattr(mounted.panel, "suspend"):
            mounted.panel.suspend()
        # Last tab first: taking out the current first tab would make the next one current
        # and show it for a moment (building and laying out a folded exercises tab).
        while self.tabs.count():
            self.tabs.removeTab(self.tabs.count() - 1)
        self._mounted = None
        self.panel = self.console = self.exercises = self.panel_widget = None
        self._keep(mounted)

    def _keep(self, mounted: _Mounted) -> None:
        """Keep a hidden lesson as the most recent; the least recently used go beyond N."""
        self._cache[mounted.spec.id] = mounted
        while len(self._cache) > CACHED_LESSONS:
            _lid, oldest = self._cache.popitem(last=False)
            self._destroy(oldest)

    def _destroy(self, mounted: _Mounted) -> None:
        if mounted.panel is not None:
            try:
                mounted.panel.shutdown()
            except Exception:  # noqa: BLE001 - a failing shutdown must not block navigation
                log.exception("panel shutdown failed")
        if mounted.page is not None and mounted.page.parentWidget() is self.panel_stack:
            self.panel_stack.removeWidget(mounted.page)
        for widget in [mounted.page or mounted.panel_widget] + [p for p, _k, _a in mounted.tabs]:
            widget.hide()
            widget.setParent(None)
            widget.deleteLater()
        if mounted.parking is not None:  # a lesson built ahead and never shown
            mounted.parking.hide()
            mounted.parking.deleteLater()
            mounted.parking = None

    def shutdown(self) -> None:
        """Stop every live panel (the window is closing)."""
        MplCanvas.use_default_theme("light")  # the app's theme ends with its window
        collector.release()
        self.cancel_prebuild()
        self._detach()
        while self._cache:
            self._destroy(self._cache.popitem()[1])

    def _translate_mounted(self, mounted: _Mounted) -> None:
        for widget in (mounted.panel, mounted.console, mounted.exercises):
            if widget is not None and hasattr(widget, "set_language"):
                widget.set_language(self.lang)
        if mounted.panel is None and mounted.panel_error is None:
            mounted.panel_widget.setText(tr("host.no_panel", self.lang))
        mounted.lang = self.lang

    def _connect_tab(self, attr: str, widget: QWidget) -> None:
        signal = "show_graph_requested" if attr == "console" else "solved_changed"
        target = self.graph_requested if attr == "console" else self.solved_changed
        if hasattr(widget, signal):
            getattr(widget, signal).connect(target.emit)
        if attr == "exercises" and hasattr(widget, "checked"):
            widget.checked.connect(lambda exercise_id, _ok, w=widget:
                                   self.reveal_verdict(w, exercise_id))

    def reveal_verdict(self, exercises: QWidget, exercise_id: str) -> None:
        """Scroll the exercises tab so the verdict just given is in view (the strip is
        short; the verdict sits under the answer box and the buttons)."""
        card = exercises.findChild(QWidget, f"card_{exercise_id}")
        result = getattr(card, "result", None)
        if result is not None:  # after the verdict's text has been laid out
            QTimer.singleShot(0, lambda: _scroll_into_view(result))

    # ---- actions --------------------------------------------------------------------
    def try_it(self) -> None:
        """Put the lesson's snippet into the console and show the console tab."""
        if self.console is None or not self.spec or not self.spec.try_it:
            return
        self.tabs.setCurrentIndex(self._tab_index("console"))
        self.tabs.set_expanded(True)
        self.console.load_snippet(self.spec.try_it_in(self.lang))
        self.console.setFocus()

    def _tab_index(self, attr: str) -> int:
        for index, (_key, name) in self._tab_errors.items():
            if name == attr:
                return index
        return 0

    def canvases(self) -> list:
        if self.panel is None or not hasattr(self.panel, "canvases"):
            return []
        return list(self.panel.canvases())

    # ---- language and style ---------------------------------------------------------
    def set_language(self, lang: str) -> None:
        self.lang = lang
        if self.spec is not None:
            self._show_text()
        if self._mounted is not None:
            self._translate_mounted(self._mounted)
        self.retranslate()

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt override
        if not self.painted:
            self.painted = True
            collector.launched()  # a launch's first paint: the collector may run again
        super().paintEvent(event)

    def set_style(self, dark: bool, zoom: float) -> None:
        self.theme = "dark" if dark else "light"
        collector.busy()
        MplCanvas.use_default_theme(self.theme)  # figures made from now on start in it
        self.text.set_style(dark, zoom)
        if self.spec is not None:
            self._show_text()
        if self._mounted is not None:
            self._retheme_mounted(self._mounted)

    def _retheme_mounted(self, mounted: _Mounted) -> None:
        """The panel follows the theme (a no-op if it already does), and so do the figures
        in the console/exercises tabs and the fixed colours of error views. Called for
        the lesson on screen at a switch and for a kept lesson when it is shown again, so
        a switch costs one lesson, not every lesson kept."""
        if mounted.panel is not None and hasattr(mounted.panel, "set_theme"):
            mounted.panel.set_theme(self.theme)
        themes.tint(mounted.panel_widget, self.theme)
        for page, _key, _attr in mounted.tabs:
            themes.tint(page, self.theme)
            for canvas in page.findChildren(MplCanvas):
                canvas.set_theme(self.theme)

    def retranslate(self) -> None:
        lang = self.lang
        self.title_label.setText(self.spec.title_in(lang) if self.spec else "")
        self.try_button.setText(tr("host.try_it", lang))
        self.try_button.setToolTip(tr("host.try_it_tip", lang))
        self.try_button.setEnabled(bool(self.console is not None and self.spec
                                        and self.spec.try_it))
        self.try_button.setVisible(self.console is not None)
        self.tabs.set_tips(tr("host.collapse_tip", lang), tr("host.expand_tip", lang))
        self.export_button.setText(tr("host.export", lang))
        self.export_button.setEnabled(bool(self.canvases()))
        self.exporter.retranslate(lang)
        for index, (key, _attr) in self._tab_errors.items():
            self.tabs.setTabText(index, tr(key, lang))
