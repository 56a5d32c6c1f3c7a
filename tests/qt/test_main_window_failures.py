"""The host survives broken plug-ins; unexpected exceptions become a dialog and a log entry."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QLabel, QWidget

from tutor_app.lessons.base import LessonSpec
from tutor_app.qt import plugins
from tutor_app.qt.errors import ErrorReporter, log_path
from tutor_app.qt.lesson_panel import LessonPanel


def _spec(lid: str, panel: str | None) -> LessonSpec:
    both = {"zh": "测试课", "en": "Test lesson"}
    return LessonSpec(id=lid, order=99, chapter="ch2", section="", title=both,
                      body={"zh": "正文", "en": "Body"}, panel=panel, try_it="x = 1")


class ExplodingPanel(LessonPanel):
    def __init__(self, spec, lang="zh", parent=None):
        raise RuntimeError("boom in the panel")


class FakeGraphLab(LessonPanel):
    loaded: list = []

    def load_program(self, source, output=None):
        FakeGraphLab.loaded.append((source, output))


class FakeConsole(QWidget):
    from PySide6.QtCore import Signal

    show_graph_requested = Signal(str, str)

    def __init__(self, spec, progress, lang, parent=None):
        super().__init__(parent)
        self.snippets = []
        self.lang = lang

    def set_language(self, lang):
        self.lang = lang

    def load_snippet(self, code):
        self.snippets.append(code)


def _patch_classes(monkeypatch, table):
    real = plugins.load_class
    real_exists = plugins.module_exists
    monkeypatch.setattr(plugins, "load_class", lambda t: table.get(t) or real(t))
    monkeypatch.setattr(plugins, "module_exists",
                        lambda name: any(k.startswith(name + ":") for k in table)
                        or real_exists(name))


def test_missing_and_exploding_panels_show_their_error(make_window, monkeypatch):
    _patch_classes(monkeypatch, {"tests.fake:Exploding": ExplodingPanel})
    window = make_window()
    host = window.host
    host.show_lesson(_spec("missing", "tutor_app.qt.panels.no_such_panel:Nope"))
    assert "no_such_panel" in host.panel_error
    assert host.panel_widget.isVisibleTo(window)
    host.show_lesson(_spec("exploding", "tests.fake:Exploding"))
    assert "boom in the panel" in host.panel_error
    assert "boom in the panel" in host.panel_widget.toPlainText()
    host.show_lesson(_spec("plain", None))
    assert host.panel_error is None and isinstance(host.panel_widget, QLabel)
    assert not host.export_button.isEnabled()


def test_console_tab_try_it_and_show_graph_routing(make_window, monkeypatch):
    FakeGraphLab.loaded.clear()
    _patch_classes(monkeypatch, {"tutor_app.qt.console:ConsoleWidget": FakeConsole,
                                 "tests.fake:GraphLab": FakeGraphLab})
    window = make_window()
    lab = _spec("graph_lab", "tests.fake:GraphLab")
    window.by_id["graph_lab"] = lab  # the navigator need not list it
    window.host.show_lesson(_spec("console_lesson", None))
    console = window.host.console
    assert isinstance(console, FakeConsole)
    assert window.host.tabs.isVisible()
    window.host.try_button.click()
    assert console.snippets == ["x = 1"]
    window.set_language("en")
    assert console.lang == "en"
    console.show_graph_requested.emit("y = x * x", "y")
    assert window.current_id == "graph_lab"
    assert FakeGraphLab.loaded == [("y = x * x", "y")]


def test_unexpected_exception_shows_a_dialog_and_is_logged(make_window):
    window = make_window(lang="en")
    reporter = ErrorReporter(lambda: window, lambda: window.lang)
    try:
        raise ValueError("a slot went wrong")
    except ValueError:
        reporter(*sys.exc_info())
    dialog = reporter.dialog
    assert dialog is not None and dialog.isVisible() and not dialog.isModal()
    assert "a slot went wrong" in dialog.detailedText()
    assert str(log_path()) in dialog.text()
    assert "a slot went wrong" in log_path().read_text(encoding="utf-8")
    # The window still works afterwards.
    assert window.show_lesson(window.specs[0].id)
    dialog.close()


def test_reporter_replaces_and_restores_the_excepthook():
    previous = sys.excepthook
    reporter = ErrorReporter(lambda: None, lambda: "zh")
    reporter.install()
    assert sys.excepthook is reporter
    reporter.uninstall()
    assert sys.excepthook is previous


class CountingPanel(LessonPanel):
    events: list = []

    def suspend(self):
        CountingPanel.events.append(("suspend", self.spec.id))

    def resume(self):
        CountingPanel.events.append(("resume", self.spec.id))

    def set_language(self, lang):
        CountingPanel.events.append(("lang", self.spec.id, lang))
        super().set_language(lang)

    def shutdown(self):
        CountingPanel.events.append(("shutdown", self.spec.id))


def test_recent_lessons_are_kept_alive_and_old_ones_shut_down(make_window, monkeypatch):
    from tutor_app.qt.lesson_host import CACHED_LESSONS

    CountingPanel.events.clear()
    _patch_classes(monkeypatch, {"tests.fake:Counting": CountingPanel})
    window = make_window(lang="zh")
    host = window.host
    host.show_lesson(_spec("a", "tests.fake:Counting"))
    first = host.panel
    host.show_lesson(_spec("b", "tests.fake:Counting"))
    window.set_language("en")
    host.show_lesson(_spec("a", "tests.fake:Counting"))
    assert host.panel is first, "returning to a lesson reuses its panel"
    assert first.lang == "en"
    assert ("suspend", "a") in CountingPanel.events and ("resume", "a") in CountingPanel.events
    assert ("lang", "a", "en") in CountingPanel.events
    for i in range(CACHED_LESSONS + 1):
        host.show_lesson(_spec(f"other{i}", "tests.fake:Counting"))
    assert ("shutdown", "a") in CountingPanel.events, "the oldest lesson is released"
    window.close()
    assert ("shutdown", f"other{CACHED_LESSONS}") in CountingPanel.events
