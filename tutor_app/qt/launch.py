"""Start the app: load progress and lessons, create the window, run the event loop."""

from __future__ import annotations

import logging
import os
import sys
import time

from PySide6.QtCore import QEvent, QObject, QTimer

from tutor_app.i18n import normalise_language

log = logging.getLogger(__name__)
# Used by bench/bench_app.py: "1" quits right after the first paint; "close" closes the
# window there as a learner does; "close-running" first starts an endless console loop.
EXIT_ON_PAINT = "TENSOR_TUTOR_EXIT_ON_PAINT"
# Long within the console's budgets: `while True: pass` is stopped by the step budget
# (2,000,000 steps) within a fraction of a second, so it was no loop to quit over. A small
# product per step keeps it going until the wall budget (10 s) ends it.
CONSOLE_LOOP = ("a = torch.ones(1, 20000)\nb = torch.ones(20000, 1)\n"
                "while True:\n    c = a @ b")
LOOP_START_WAIT = 30.0  # seconds the benchmark waits for that loop to be under way


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
    """Prints the time of the first paint of the lesson panel, then quits or closes the
    window (benchmarks: start-up and quit times)."""

    def __init__(self, app, started: float, window=None, mode: str = "1"):
        super().__init__()
        self.app = app
        self.started = started
        self.window = window
        self.mode = mode

    def eventFilter(self, obj, event):  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.Paint:
            obj.removeEventFilter(self)
            # Let this paint finish, then report and quit.
            QTimer.singleShot(0, self._report)
        return False

    def _report(self) -> None:
        print(f"first-paint {time.perf_counter() - self.started:.4f} {time.time():.6f}",
              flush=True)
        if self.mode == "close-running" and self.window.host.console is not None:
            self.window.host.set_bottom_expanded(True)
            self.window.host.console.run_source(CONSOLE_LOOP)
            self._waited_until = time.monotonic() + LOOP_START_WAIT
            QTimer.singleShot(100, self._close_when_running)
        elif self.mode in ("close", "close-running"):
            self._close()
        else:
            self.app.quit()

    def _close_when_running(self) -> None:
        from tutor_app.sandbox import console_process

        if console_process.shared().started and self.window.host.console.running:
            QTimer.singleShot(300, self._close)  # the loop is under way in the child
        elif time.monotonic() > self._waited_until:  # the loop never started: say so
            print("console-loop-not-running", flush=True)
            self._close()
        else:
            QTimer.singleShot(100, self._close_when_running)

    def _close(self) -> None:
        print(f"quit-start {time.time():.6f}", flush=True)
        self.window.close()


def run(*, lesson: str | None = None, lang: str | None = None, theme: str | None = None,
        started: float = 0.0) -> int:
    app, window, _reporter = create_window(lesson=lesson, lang=lang, theme=theme)
    if os.environ.get(EXIT_ON_PAINT):
        watcher = _FirstPaint(app, started, window, os.environ[EXIT_ON_PAINT])
        target = window.host.panel_widget or window.host.text.viewport()
        target.installEventFilter(watcher)
    window.show()
    return _leave(app.exec())


def _leave(code: int) -> int:
    """End the process as soon as the window has closed and everything is saved.

    Progress and settings are written when the window closes (``closeEvent``) and the
    console's process is ended there too. What is left is the interpreter tearing down
    Qt, NumPy and Matplotlib object by object: 1-2 s of nothing the learner needs, so the
    process ends here instead (after flushing the log and the standard streams)."""
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass
    os._exit(code)
