"""Qt fixtures: a main window on a hermetic data directory, closed and collected after use;
a fresh progress file and an empty sandbox session table for the console/exercises widgets."""

from __future__ import annotations

import pytest


@pytest.fixture
def make_window(qapp, qtbot):
    """Factory: ``make_window(lesson=None, lang="zh")`` → a shown MainWindow (lang=None: saved)."""
    from tutor_app.qt.launch import create_window

    made = []

    def factory(lesson: str | None = None, lang: str | None = "zh"):
        _app, window, reporter = create_window(lesson=lesson, lang=lang, app=qapp)
        reporter.uninstall()  # let pytest-qt see exceptions instead of a dialog
        qtbot.addWidget(window)
        window.resize(1280, 800)
        window.show()
        qtbot.waitExposed(window)
        made.append(window)
        return window

    yield factory
    for window in made:
        window.close()  # shuts down every live panel


@pytest.fixture(scope="module")
def shared_window(qapp, tmp_path_factory):
    """One window for a module's many per-lesson cases (a window per case is slow)."""
    import os

    from tutor_app.qt.launch import create_window

    previous = os.environ.get("TENSOR_TUTOR_HOME")
    os.environ["TENSOR_TUTOR_HOME"] = str(tmp_path_factory.mktemp("shared-home"))
    try:
        _app, window, reporter = create_window(lang="zh", app=qapp)
    finally:
        if previous is None:
            os.environ.pop("TENSOR_TUTOR_HOME", None)
        else:
            os.environ["TENSOR_TUTOR_HOME"] = previous
    reporter.uninstall()
    window.resize(1280, 800)
    window.show()
    yield window
    window.close()
    window.deleteLater()


@pytest.fixture
def fresh_sessions():
    """No sandbox session left over from another test, none left behind for the next."""
    from tutor_app.sandbox import session as sessions

    sessions._SESSIONS.clear()
    yield
    sessions._SESSIONS.clear()


@pytest.fixture
def progress(tmp_path):
    """A Progress on an empty file in the test's temp dir."""
    from tutor_app.progress import Progress

    return Progress.load(tmp_path / "progress.json")[0]
