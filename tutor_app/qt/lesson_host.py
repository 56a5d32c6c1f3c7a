"""The lesson host: the text on the left, the lesson's panel on the right, console and
exercises in tabs below the panel. It owns none of them: it creates, swaps and retranslates.
"""

from __future__ import annotations

import html
import logging

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from tutor_app.i18n import tr
from tutor_app.lessons.base import LessonSpec
from tutor_app.qt import plugins
from tutor_app.qt.figure_export import FigureExporter
from tutor_app.qt.text_view import LessonTextView

log = logging.getLogger(__name__)
CONSOLE = "tutor_app.qt.console:ConsoleWidget"
EXERCISES = "tutor_app.qt.exercises_view:ExercisesWidget"


def _error_view(title: str, details: str) -> QPlainTextEdit:
    view = QPlainTextEdit(f"{title}\n\n{details}")
    view.setReadOnly(True)
    view.setObjectName("errorView")
    return view


def _scrolling(widget: QWidget) -> QScrollArea:
    """Wrap a tab so its minimum size cannot squeeze the lesson text or the panel."""
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidget(widget)
    return area


class LessonHost(QWidget):
    """Shows one lesson at a time. ``panel_error`` is set when the panel failed to load."""

    graph_requested = Signal(str, str)   # from the console: (source, variable name)
    solved_changed = Signal()            # from the exercises tab

    def __init__(self, progress, lang: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.progress = progress
        self.lang = lang
        self.spec: LessonSpec | None = None
        self.panel = None
        self.panel_error: str | None = None
        self.console = None
        self.exercises = None
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
        self.title_label = QLabel(right)
        self.title_label.setObjectName("lessonTitle")
        self.try_button = QPushButton(right)
        self.try_button.clicked.connect(self.try_it)
        self.export_button = QToolButton(right)
        self.export_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.export_menu = QMenu(self.export_button)
        self.export_button.setMenu(self.export_menu)
        self.exporter.fill_menu(self.export_menu)
        bar.addWidget(self.title_label, 1)
        bar.addWidget(self.try_button)
        bar.addWidget(self.export_button)
        self.panel_area.addLayout(bar)
        # A scroll area honours each panel's minimum size instead of squashing its figure.
        self.panel_scroll = QScrollArea(right)
        self.panel_scroll.setWidgetResizable(True)
        self.panel_scroll.setFrameShape(QFrame.Shape.NoFrame)
        holder = QWidget()
        self.panel_slot = QVBoxLayout(holder)
        self.panel_slot.setContentsMargins(0, 0, 0, 0)
        self.panel_scroll.setWidget(holder)
        self.panel_area.addWidget(self.panel_scroll, 1)
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)

        self.vertical = QSplitter(Qt.Orientation.Vertical, self)
        self.vertical.addWidget(right)
        self.vertical.addWidget(self.tabs)
        self.vertical.setStretchFactor(0, 3)
        self.vertical.setStretchFactor(1, 2)
        self.horizontal = QSplitter(Qt.Orientation.Horizontal, self)
        self.horizontal.addWidget(self.text)
        self.horizontal.addWidget(self.vertical)
        self.horizontal.setStretchFactor(0, 2)
        self.horizontal.setStretchFactor(1, 3)
        self.horizontal.setSizes([420, 600])
        self._text_fraction = 0.4  # the learner's split, kept across lessons
        self.horizontal.splitterMoved.connect(self._on_splitter_moved)
        self.vertical.setSizes([640, 260])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.horizontal)
        self.retranslate()

    # ---- lessons --------------------------------------------------------------------
    def show_lesson(self, spec: LessonSpec) -> None:
        """Swap in ``spec``: text, a fresh panel, fresh console and exercises tabs."""
        self._discard_widgets()
        self.spec = spec
        self._show_text()
        self._create_panel()
        self._create_tabs()
        self.retranslate()
        self._keep_split()

    def _on_splitter_moved(self, _pos: int, _index: int) -> None:
        sizes = self.horizontal.sizes()
        if sum(sizes) > 0:
            self._text_fraction = sizes[0] / sum(sizes)

    def _keep_split(self) -> None:
        """A new panel's size hints must not squeeze the text: restore the learner's split."""
        total = sum(self.horizontal.sizes())
        if total > 0:
            text = round(total * self._text_fraction)
            self.horizontal.setSizes([text, total - text])

    def _show_text(self) -> None:
        spec = self.spec
        section = tr("host.section", self.lang, section=spec.section) if spec.section else ""
        heading = f"<h1>{html.escape(spec.title_in(self.lang))}</h1>"
        if section:
            heading += f'<p style="color:#80868b">{html.escape(section)}</p>'
        self.text.show_lesson(spec, self.lang, heading)

    def _create_panel(self) -> None:
        spec = self.spec
        self.panel_error = None
        if not spec.panel:
            widget = QLabel(tr("host.no_panel", self.lang))
            widget.setAlignment(Qt.AlignmentFlag.AlignCenter)
            widget.setObjectName("noPanel")
        else:
            loaded = plugins.create(spec.panel, spec, self.lang)
            if loaded.widget is not None:
                self.panel = loaded.widget
                widget = loaded.widget
            else:
                self.panel_error = loaded.error
                widget = _error_view(tr("host.panel_failed", self.lang), loaded.error or "")
        self.panel_widget = widget
        self.panel_slot.addWidget(widget)
        widget.show()  # otherwise Qt shows it only on the next event-loop turn

    def _create_tabs(self) -> None:
        self._tab_errors.clear()
        for target, attr, key in ((CONSOLE, "console", "host.tab_console"),
                                  (EXERCISES, "exercises", "host.tab_exercises")):
            loaded = plugins.create(target, self.spec, self.progress, self.lang)
            if loaded.absent:
                continue
            if loaded.widget is not None:
                setattr(self, attr, loaded.widget)
                index = self.tabs.addTab(_scrolling(loaded.widget), "")
                self._connect_tab(attr, loaded.widget)
            else:
                index = self.tabs.addTab(_error_view(tr("host.tab_failed", self.lang),
                                                     loaded.error or ""), "")
            self._tab_errors[index] = (key, attr)
        self.tabs.setVisible(self.tabs.count() > 0)

    def _connect_tab(self, attr: str, widget: QWidget) -> None:
        signal = "show_graph_requested" if attr == "console" else "solved_changed"
        target = self.graph_requested if attr == "console" else self.solved_changed
        if hasattr(widget, signal):
            getattr(widget, signal).connect(target.emit)

    def _discard_widgets(self) -> None:
        if self.panel is not None:
            try:
                self.panel.shutdown()
            except Exception:  # noqa: BLE001 - a failing shutdown must not block navigation
                log.exception("panel shutdown failed")
        for widget in (getattr(self, "panel_widget", None),):
            if widget is not None:
                self.panel_slot.removeWidget(widget)
                widget.hide()  # deleteLater waits for the event loop; never paint it again
                widget.deleteLater()
        while self.tabs.count():
            widget = self.tabs.widget(0)
            self.tabs.removeTab(0)
            widget.hide()
            widget.deleteLater()
        self.panel = self.console = self.exercises = self.panel_widget = None

    # ---- actions --------------------------------------------------------------------
    def try_it(self) -> None:
        """Put the lesson's snippet into the console and show the console tab."""
        if self.console is None or not self.spec or not self.spec.try_it:
            return
        self.console.load_snippet(self.spec.try_it)
        self.tabs.setCurrentIndex(self._tab_index("console"))
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
        if self.spec is None:
            self.retranslate()
            return
        self._show_text()
        if self.panel is not None and hasattr(self.panel, "set_language"):
            self.panel.set_language(lang)
        elif self.panel_widget is not None and self.panel_error is None:
            self.panel_widget.setText(tr("host.no_panel", lang))
        for widget in (self.console, self.exercises):
            if widget is not None and hasattr(widget, "set_language"):
                widget.set_language(lang)
        self.retranslate()

    def set_style(self, dark: bool, zoom: float) -> None:
        self.text.set_style(dark, zoom)
        if self.spec is not None:
            self._show_text()

    def retranslate(self) -> None:
        lang = self.lang
        self.title_label.setText(self.spec.title_in(lang) if self.spec else "")
        self.try_button.setText(tr("host.try_it", lang))
        self.try_button.setToolTip(tr("host.try_it_tip", lang))
        self.try_button.setEnabled(bool(self.console is not None and self.spec
                                        and self.spec.try_it))
        self.try_button.setVisible(self.console is not None)
        self.export_button.setText(tr("host.export", lang))
        self.export_button.setEnabled(bool(self.canvases()))
        self.exporter.retranslate(lang)
        for index, (key, _attr) in self._tab_errors.items():
            self.tabs.setTabText(index, tr(key, lang))
