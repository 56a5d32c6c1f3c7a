"""The main window: navigator on the left, lesson host in the middle, menus, status banner."""

from __future__ import annotations

import logging

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from tutor_app.i18n import is_language, tr
from tutor_app.lessons.base import LessonSpec
from tutor_app.qt import themes
from tutor_app.qt.app import install_qt_translations
from tutor_app.qt.lesson_host import LessonHost
from tutor_app.qt.navigator import LessonNavigator
from tutor_app.sandbox import console_process

log = logging.getLogger(__name__)
GRAPH_LAB = "graph_lab"
NAVIGATOR_WIDTH = 240
ZOOM_STEPS = (0.8, 0.9, 1.0, 1.15, 1.3, 1.5, 1.75, 2.0)

# (key, shortcut(s)) of every action; texts come from resources/i18n/strings.toml.
ACTIONS = {
    "export_png": None, "export_svg": None, "copy_figure": None,
    "quit": QKeySequence.StandardKey.Quit,
    "lang_zh": None, "lang_en": None, "theme_light": None, "theme_dark": None,
    "zoom_in": ["Ctrl++", "Ctrl+="], "zoom_out": ["Ctrl+-"], "zoom_reset": ["Ctrl+0"],
    "focus_navigator": ["Ctrl+L", "F6"],
    "toggle_bottom": ["Ctrl+`", "F4"], "focus_figure": ["F8"], "show_navigator": ["F9"],
    "prev": ["Alt+Left", "Ctrl+PgUp"], "next": ["Alt+Right", "Ctrl+PgDown"],
    "graph_lab": ["Ctrl+G"], "about": ["F1"], "about_qt": None,
}
MENUS = {
    "file": ["export_png", "export_svg", "copy_figure", None, "quit"],
    "view": ["@language", "@theme", None, "zoom_in", "zoom_out", "zoom_reset", None,
             "toggle_bottom", "focus_figure", "show_navigator", "focus_navigator"],
    "go": ["prev", "next"],
    "tools": ["graph_lab"],
    "help": ["about", "about_qt"],
}


class MainWindow(QMainWindow):
    """Holds the learner's place; every lesson change goes through ``show_lesson``."""

    def __init__(self, specs: list[LessonSpec], progress, lang: str, *,
                 warning: str | None = None, load_errors: list[str] | None = None):
        super().__init__()
        self.specs = specs
        self.by_id = {s.id: s for s in specs}
        self.progress = progress
        self.lang = lang
        self.theme = progress.settings.get("theme") or "light"
        self.zoom = float(progress.settings.get("zoom") or 1.0)
        self.current_id: str | None = None
        self._banner_source: tuple[str, dict] | None = None
        self.load_errors = list(load_errors or [])
        self._build()
        self._build_menus()
        self.restore_layout(progress.settings)
        self.apply_style()
        self.retranslate()
        if warning:
            self._show_progress_warning(warning)
        progress.subscribe(self.navigator.refresh_marks)

    # ---- construction ---------------------------------------------------------------
    def _build(self) -> None:
        self.navigator = LessonNavigator(self.specs, self.progress, self.lang, self)
        self.navigator.lesson_chosen.connect(self.show_lesson)
        self.host = LessonHost(self.progress, self.lang, self)
        self.host.graph_requested.connect(self.open_graph_program)
        self.host.solved_changed.connect(self.navigator.refresh_marks)
        self.host.layout_changed.connect(self._on_layout_changed)
        self.banner = QWidget(self)
        self.banner.setObjectName("banner")
        row = QHBoxLayout(self.banner)
        row.setContentsMargins(8, 4, 8, 4)
        self.banner_label = QLabel(self.banner)
        self.banner_label.setWordWrap(True)
        close = QToolButton(self.banner)
        close.setText("×")
        close.clicked.connect(self.banner.hide)
        row.addWidget(self.banner_label, 1)
        row.addWidget(close)
        self.banner.hide()
        self.splitter = splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.navigator)
        splitter.addWidget(self.host)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setCollapsible(1, False)
        splitter.setSizes([NAVIGATOR_WIDTH, 1000])
        self._navigator_dragged = False  # once the learner sets the width, it is theirs
        splitter.splitterMoved.connect(self._on_navigator_dragged)
        central = QWidget(self)
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.banner)
        column.addWidget(splitter, 1)
        self.setCentralWidget(central)
        self.statusBar()

    def _build_menus(self) -> None:
        self.actions_by_key: dict[str, QAction] = {}
        for key, shortcut in ACTIONS.items():
            action = QAction(self)
            if isinstance(shortcut, list):
                action.setShortcuts([QKeySequence(s) for s in shortcut])
            elif shortcut is not None:
                action.setShortcut(QKeySequence(shortcut))
            self.actions_by_key[key] = action
            self.addAction(action)  # shortcuts work even with the menu bar hidden
        a = self.actions_by_key
        a["export_png"].triggered.connect(lambda: self.host.exporter.export("png"))
        a["export_svg"].triggered.connect(lambda: self.host.exporter.export("svg"))
        a["copy_figure"].triggered.connect(self.host.exporter.copy_to_clipboard)
        a["quit"].triggered.connect(self.close)
        a["zoom_in"].triggered.connect(lambda: self.step_zoom(+1))
        a["zoom_out"].triggered.connect(lambda: self.step_zoom(-1))
        a["zoom_reset"].triggered.connect(lambda: self.set_zoom(1.0))
        a["focus_navigator"].triggered.connect(self.focus_navigator)
        for key in ("toggle_bottom", "focus_figure", "show_navigator"):
            a[key].setCheckable(True)
        a["toggle_bottom"].triggered.connect(self.host.toggle_bottom)
        a["focus_figure"].toggled.connect(lambda on: self.host.set_text_visible(not on))
        a["show_navigator"].toggled.connect(self.set_navigator_visible)
        a["prev"].triggered.connect(lambda: self.step_lesson(-1))
        a["next"].triggered.connect(lambda: self.step_lesson(+1))
        a["graph_lab"].triggered.connect(lambda: self.show_lesson(GRAPH_LAB))
        a["about"].triggered.connect(self.show_about)
        a["about_qt"].triggered.connect(lambda: QMessageBox.aboutQt(self))
        self.lang_group = self._exclusive([a["lang_zh"], a["lang_en"]], self.lang == "zh")
        a["lang_zh"].triggered.connect(lambda: self.set_language("zh"))
        a["lang_en"].triggered.connect(lambda: self.set_language("en"))
        self.theme_group = self._exclusive([a["theme_light"], a["theme_dark"]],
                                           self.theme != "dark")
        a["theme_light"].triggered.connect(lambda: self.set_theme("light"))
        a["theme_dark"].triggered.connect(lambda: self.set_theme("dark"))
        self.menus: dict[str, object] = {}
        for name, entries in MENUS.items():
            menu = self.menuBar().addMenu("")
            self.menus[name] = menu
            for entry in entries:
                if entry is None:
                    menu.addSeparator()
                elif entry.startswith("@"):
                    sub = menu.addMenu("")
                    self.menus[entry[1:]] = sub
                    group = self.lang_group if entry == "@language" else self.theme_group
                    sub.addActions(group.actions())
                else:
                    menu.addAction(a[entry])

    def _exclusive(self, actions: list[QAction], first_checked: bool) -> QActionGroup:
        group = QActionGroup(self)
        for action in actions:
            action.setCheckable(True)
            group.addAction(action)
        actions[0 if first_checked else 1].setChecked(True)
        return group

    # ---- lessons --------------------------------------------------------------------
    def show_lesson(self, lid: str) -> bool:
        """Open lesson ``lid``; an unknown id leaves the current lesson and says so."""
        spec = self.by_id.get(lid)
        if spec is None:
            self.statusBar().showMessage(tr("host.lesson_missing", self.lang, lid=lid), 8000)
            return False
        self.current_id = lid
        self.navigator.select(lid)
        self.host.show_lesson(spec)
        self.host.prebuild(self._neighbours(lid))
        self.progress.mark_visited(lid)
        self.progress.last_lesson = lid
        self._update_nav_actions()
        self.setWindowTitle(f"{spec.title_in(self.lang)} — {tr('app_name', self.lang)}")
        return True

    def step_lesson(self, delta: int) -> None:
        ids = [s.id for s in self.specs]
        if not ids:
            return
        index = ids.index(self.current_id) if self.current_id in ids else -delta
        target = index + delta
        if 0 <= target < len(ids):
            self.show_lesson(ids[target])

    def _neighbours(self, lid: str) -> list[LessonSpec]:
        """The next and the previous lesson: where the learner most likely goes next."""
        ids = [s.id for s in self.specs]
        index = ids.index(lid)
        return [self.specs[i] for i in (index + 1, index - 1) if 0 <= i < len(ids)]

    def _update_nav_actions(self) -> None:
        ids = [s.id for s in self.specs]
        index = ids.index(self.current_id) if self.current_id in ids else -1
        self.actions_by_key["prev"].setEnabled(index > 0)
        self.actions_by_key["next"].setEnabled(0 <= index < len(ids) - 1)
        self.actions_by_key["graph_lab"].setEnabled(GRAPH_LAB in self.by_id)

    def open_graph_program(self, request, var_name: str) -> None:
        """Route the console's "show graph" to the graph lab lesson's panel: it draws the
        tape of the run that made the variable (a ``GraphRequest``), nothing runs again."""
        if not self.show_lesson(GRAPH_LAB):
            return
        # The lab shows the code and its output itself; an open strip would only squeeze
        # its code box (and hold the graph lab's own console, not the learner's session).
        self.host.set_bottom_expanded(False)
        panel = self.host.panel
        if panel is None:
            return
        if isinstance(request, str):  # plain code (e.g. from a lesson's text)
            panel.load_program(request, var_name or None)
        else:
            panel.load_recorded(request.source, request.run, var_name or None)

    # ---- layout ---------------------------------------------------------------------
    def focus_navigator(self) -> None:
        self.set_navigator_visible(True)
        self.navigator.setFocus()

    def set_navigator_visible(self, visible: bool) -> None:
        if visible != (not self.navigator.isHidden()):
            self.navigator.setVisible(visible)
            if visible and self.splitter.sizes()[0] < 80:
                total = sum(self.splitter.sizes())
                self.splitter.setSizes([NAVIGATOR_WIDTH, max(0, total - NAVIGATOR_WIDTH)])
            self._on_layout_changed()

    def _on_navigator_dragged(self, _pos: int, _index: int) -> None:
        self._navigator_dragged = True

    def fit_navigator(self, window_width: int | None = None) -> None:
        """Widen the lesson list so whole titles show (English ones are long), up to a quarter
        of the window; never narrower than the default, never against the learner's drag.

        ``window_width`` comes from a resize event, which arrives before the splitter has
        been laid out; the splitter keeps the list's width when it grows (stretch 0)."""
        if self._navigator_dragged or self.navigator.isHidden():
            return
        sizes = self.splitter.sizes()
        total = window_width or sum(sizes)
        limit = max(NAVIGATOR_WIDTH, total // 4)
        width = max(NAVIGATOR_WIDTH, min(self.navigator.fitting_width(), limit))
        if width != sizes[0]:
            self.splitter.blockSignals(True)
            self.splitter.setSizes([width, max(1, total - width)])
            self.splitter.blockSignals(False)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self.fit_navigator(event.size().width())

    def restore_layout(self, settings: dict) -> None:
        """The splits and folded parts of the window as saved (defaults for missing ones)."""
        settings = dict(settings)
        self.host.restore_layout(settings)
        self.set_navigator_visible(settings.get("navigator_hidden") is not True)
        self._on_layout_changed()

    def layout_state(self) -> dict:
        state = self.host.layout_state()
        state["navigator_hidden"] = self.navigator.isHidden()
        return state

    def _on_layout_changed(self) -> None:
        a = self.actions_by_key
        for key, on in (("toggle_bottom", self.host.bottom_expanded),
                        ("focus_figure", not self.host.text_visible),
                        ("show_navigator", not self.navigator.isHidden())):
            if a[key].isChecked() != on:
                a[key].blockSignals(True)
                a[key].setChecked(on)
                a[key].blockSignals(False)
        self.progress.update_settings(**self.layout_state())

    # ---- language, theme, zoom ------------------------------------------------------
    def set_language(self, lang: str) -> None:
        if not is_language(lang):
            return
        self.lang = lang
        install_qt_translations(QApplication.instance(), lang)
        if f"lang_{lang}" in self.actions_by_key:  # a test's pseudo-language has no action
            self.actions_by_key[f"lang_{lang}"].setChecked(True)
        self.navigator.retranslate(lang)
        self.fit_navigator()
        self.host.set_language(lang)
        self.retranslate()
        self.progress.update_settings(lang=lang)

    def set_theme(self, theme: str) -> None:
        self.theme = "dark" if theme == "dark" else "light"
        self.actions_by_key[f"theme_{self.theme}"].setChecked(True)
        self.apply_style()
        self.progress.update_settings(theme=self.theme)

    def step_zoom(self, direction: int) -> None:
        nearest = min(range(len(ZOOM_STEPS)), key=lambda i: abs(ZOOM_STEPS[i] - self.zoom))
        index = max(0, min(len(ZOOM_STEPS) - 1, nearest + direction))
        self.set_zoom(ZOOM_STEPS[index])

    def set_zoom(self, zoom: float) -> None:
        self.zoom = max(ZOOM_STEPS[0], min(ZOOM_STEPS[-1], float(zoom)))
        self.host.set_style(self.theme == "dark", self.zoom)
        self.progress.update_settings(zoom=self.zoom)

    def apply_style(self) -> None:
        themes.apply(QApplication.instance(), self.theme)
        themes.tint(self.banner, self.theme)
        self.host.set_style(self.theme == "dark", self.zoom)

    def retranslate(self) -> None:
        lang = self.lang
        for key, action in self.actions_by_key.items():
            action.setText(tr(f"action.{key}", lang))
        for name, menu in self.menus.items():
            menu.setTitle(tr(f"menu.{name}", lang))
        spec = self.by_id.get(self.current_id or "")
        title = tr("app_name", lang)
        self.setWindowTitle(f"{spec.title_in(lang)} — {title}" if spec else title)
        if self._banner_source:
            key, fields = self._banner_source
            self.banner_label.setText(tr(key, lang, **fields))

    # ---- messages -------------------------------------------------------------------
    def _show_progress_warning(self, warning: str) -> None:
        moved = getattr(self.progress, "moved_to", None)
        if moved:
            reason = getattr(self.progress, "moved_reason", "") or ""
            key = ("status.progress_partial" if getattr(self.progress, "partial", False)
                   else "status.progress_moved")
            self._banner_source = (key, {"reason": reason, "path": moved})
            self.banner_label.setText(tr(key, self.lang, reason=reason, path=moved))
        else:
            self._banner_source = None
            self.banner_label.setText(warning)
        self.banner.show()

    def show_about(self) -> QMessageBox:
        from tutor_app.qt.about import about_box

        box = about_box(self, self.lang)
        box.show()
        return box

    # ---- persistence ----------------------------------------------------------------
    def restore_geometry(self) -> None:
        saved = self.progress.settings.get("geometry")
        if isinstance(saved, str) and saved:
            self.restoreGeometry(QByteArray.fromBase64(saved.encode("ascii")))
        else:
            self.resize(1280, 800)

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt override
        geometry = bytes(self.saveGeometry().toBase64()).decode("ascii")
        self.progress.update_settings(geometry=geometry, **self.layout_state())
        self.host.shutdown()
        console_process.shutdown()  # a running console loop never delays quitting
        super().closeEvent(event)
