"""Start the app: load progress and lessons, create the window, run the event loop."""

from __future__ import annotations

import logging
import os
import sys
import time

from PySide6.QtCore import QEvent, QObject, QTimer

from tutor_app.i18n import normalise_language

log = logging.getLogger(__name__)
EXIT_ON_PAINT = "TENSOR_TUTOR_EXIT_ON_PAINT"  # used by bench/bench_app.py


def create_window(*, lesson: str | None = None, lang: str | None = None, app=None,
                  theme: str | None = None, progress_path=None):
    """Build the main window with its first lesson shown; returns (app, window, reporter).

    ``progress_path``: save progress there instead of the learner's file (screenshots read
    the learner's file but must not change it).
    """
    from PySide6.QtCore import QLocale

    from tutor_app.lessons.base import load_available
    from tutor_app.progress import Progress
    from tutor_app.qt.app import get_app, install_qt_translations
    from tutor_app.qt.errors import ErrorReporter, configure_logging
    from tutor_app.qt.main_window import MainWindow
    from tutor_app.viz.fonts import register_matplotlib_fonts

    app = app or get_app(sys.argv[:1])
    configure_logging()
    progress, warning = Progress.load()
    if progress_path is not None:
        progress.path = progress_path
    chosen = lang or progress.settings.get("lang") or normalise_language(QLocale.system().name())
    chosen = normalise_language(chosen)
    install_qt_translations(app, chosen)
    register_matplotlib_fonts()
    specs, errors = load_available()
    for error in errors:
        log.error("lesson file skipped: %s", error)
    window = MainWindow(specs, progress, chosen, warning=warning, load_errors=errors)
    reporter = ErrorReporter(lambda: window, lambda: window.lang)
    reporter.install()
    window.restore_geometry()
    if lang:
        progress.update_settings(lang=chosen)
    if theme:
        window.set_theme(theme)
    first = lesson or progress.last_lesson
    if not (first and window.show_lesson(first)) and specs:
        window.show_lesson(specs[0].id)
    return app, window, reporter


class _FirstPaint(QObject):
    """Prints the time of the first paint of the lesson panel, then quits (benchmarks)."""

    def __init__(self, app, started: float):
        super().__init__()
        self.app = app
        self.started = started

    def eventFilter(self, obj, event):  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.Paint:
            obj.removeEventFilter(self)
            # Let this paint finish, then report and quit.
            QTimer.singleShot(0, self._report)
        return False

    def _report(self) -> None:
        print(f"first-paint {time.perf_counter() - self.started:.4f} {time.time():.6f}",
              flush=True)
        self.app.quit()


def run(*, lesson: str | None = None, lang: str | None = None, theme: str | None = None,
        started: float = 0.0) -> int:
    app, window, _reporter = create_window(lesson=lesson, lang=lang, theme=theme)
    if os.environ.get(EXIT_ON_PAINT):
        watcher = _FirstPaint(app, started)
        target = window.host.panel_widget or window.host.text.viewport()
        target.installEventFilter(watcher)
    window.show()
    return app.exec()
