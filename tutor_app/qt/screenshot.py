"""``--screenshot DIR``: every lesson, in both languages, as PNGs of the whole window.

Besides the default layout it can show what a first look misses: every inner tab of a
lesson's panel (``--tabs``, one PNG per tab after the first) and the console open after a
few commands, its variable table filled (``--console``).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QDeadlineTimer, QThread
from PySide6.QtWidgets import QApplication, QTabWidget

from tutor_app.i18n import LANGUAGES

SIZE = (1280, 800)


def is_blank(image) -> bool:
    """True if every sampled pixel has the same colour (nothing was painted)."""
    if image.isNull():
        return True
    first = image.pixel(0, 0)
    step_x = max(1, image.width() // 64)
    step_y = max(1, image.height() // 64)
    return all(image.pixel(x, y) == first
               for y in range(0, image.height(), step_y)
               for x in range(0, image.width(), step_x))


def show_exercise_verdict(window) -> bool:
    """Open the exercises strip and check the first exercise that has a demo answer, so the
    screenshot shows a verdict; False when the lesson has none."""
    exercises = window.host.exercises
    card = next((c for c in getattr(exercises, "cards", []) if c.exercise.demo), None)
    if card is None:
        return False
    tabs = window.host.tabs
    tabs.setCurrentIndex(next(i for i in range(tabs.count())
                              if tabs.widget(i).isAncestorOf(exercises)))
    tabs.set_expanded(True)
    QApplication.processEvents()
    card.check_now(card.exercise.demo)
    for _ in range(3):  # the verdict is scrolled into view after a layout pass
        QApplication.processEvents()
    return True


# What the console shows with ``--console``: a tensor that requires grad, a result with a
# grad_fn, a matrix and a plain number: every column of the variable table has something.
CONSOLE_DEMO = ("x = torch.arange(4.0, requires_grad=True)",
                "y = (x * x).sum()",
                "A = torch.ones(2, 3)",
                "n = 3",
                "print(A @ x[:3])")
RUN_WAIT_MS = 20_000


def _select_bottom_tab(window, widget) -> None:
    """Open the bottom strip on the tab that holds ``widget``."""
    tabs = window.host.tabs
    tabs.setCurrentIndex(next(i for i in range(tabs.count())
                              if tabs.widget(i).isAncestorOf(widget)
                              or tabs.widget(i) is widget))
    tabs.set_expanded(True)
    QApplication.processEvents()


def show_console_variables(window) -> bool:
    """Open the console and run ``CONSOLE_DEMO`` in it, so the screenshot shows the
    transcript and the variable table; False when a command did not finish in time."""
    console = window.host.console
    if console is None:
        return False
    _select_bottom_tab(window, console)
    if console.variables.names():
        return True   # the lesson's session ran them already (the other language's picture)
    for source in CONSOLE_DEMO:
        console.run_source(source)
        deadline = QDeadlineTimer(RUN_WAIT_MS)
        while console.running and not deadline.hasExpired():
            QApplication.processEvents()
            QThread.msleep(10)
        if console.running:
            return False
    QApplication.processEvents()
    return True


def inner_tabs(widget) -> list[tuple[QTabWidget, int]]:
    """Every (tab widget, index) of the lesson panel's own tabs but the first of each:
    those pages are shown only when the learner picks them."""
    if widget is None:
        return []
    return [(tabs, i) for tabs in widget.findChildren(QTabWidget)
            for i in range(1, tabs.count())]


def _save(window, lid: str, lang: str, path: Path) -> str | None:
    """Draw the lesson's figures, grab the window and write it to ``path``."""
    for canvas in window.host.canvases():
        canvas.draw()
    image = window.grab().toImage()
    if is_blank(image):
        return f"{lid} [{lang}]: blank image"
    if not image.save(str(path)):
        return f"{lid} [{lang}]: could not write {path}"
    return None


def grab_lesson(window, lid: str, lang: str, path: Path,
                exercises: bool = False, console: bool = False) -> str | None:
    """Render one lesson to ``path``; return a failure message or None."""
    if window.lang != lang:
        window.set_language(lang)
    if not window.show_lesson(lid):
        return f"{lid} [{lang}]: could not open"
    QApplication.processEvents()
    if exercises and not show_exercise_verdict(window):
        return None  # no exercise to demonstrate: no picture
    if console and not show_console_variables(window):
        return f"{lid} [{lang}]: the console did not finish its commands"
    failure = _save(window, lid, lang, path)
    if failure is None and window.host.panel_error:
        failure = f"{lid} [{lang}]: panel failed:\n{window.host.panel_error}"
    return failure


def grab_inner_tabs(window, lid: str, lang: str, folder: Path) -> tuple[int, list[str]]:
    """After ``grab_lesson``: one PNG per inner tab page (``<id>_<lang>_tab<k>.png``, k
    from 2), the first page shown again afterwards; returns (written, failures)."""
    written, failures = 0, []
    for k, (tabs, index) in enumerate(inner_tabs(window.host.panel_widget), start=2):
        tabs.setCurrentIndex(index)
        QApplication.processEvents()
        failure = _save(window, lid, lang, folder / f"{lid}_{lang}_tab{k}.png")
        tabs.setCurrentIndex(0)
        if failure:
            failures.append(failure)
        else:
            written += 1
    return written, failures


def render_all(folder: str, *, lesson: str | None = None, lang: str | None = None,
               theme: str | None = None, exercises: bool = False,
               size: tuple[int, int] | None = None, tabs: bool = False,
               console: bool = False) -> int:
    """Screenshots of the default layout (console folded, text and lesson list shown) at
    the default text size — or, with ``exercises``, of the exercises strip open after a
    Check, verdict in view; with ``console``, of the console open after ``CONSOLE_DEMO``;
    with ``tabs``, every inner tab of the panel too. The learner's saved progress and
    settings are left unchanged."""
    with tempfile.TemporaryDirectory() as scratch:
        return _render_all(folder, lesson, lang, theme, Path(scratch) / "progress.json",
                           exercises, size or SIZE, tabs, console)


def _render_all(folder: str, lesson: str | None, lang: str | None, theme: str | None,
                progress_path: Path, exercises: bool = False,
                size: tuple[int, int] = SIZE, tabs: bool = False,
                console: bool = False) -> int:
    from tutor_app.qt.launch import create_window

    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    app, window, reporter = create_window(lang=lang or "zh", theme=theme or "light",
                                          progress_path=progress_path)
    window.restore_layout({})
    window.set_zoom(1.0)
    window.resize(*size)
    window.show()
    failures = [f"lesson file: {e}" for e in window.load_errors]
    ids = [lesson] if lesson else [s.id for s in window.specs]
    langs = [lang] if lang else list(LANGUAGES)
    written = 0
    for lid in ids:
        for code in langs:
            suffix = "_exercises" if exercises else "_console" if console else ""
            path = out / f"{lid}_{code}{suffix}.png"
            try:
                failure = grab_lesson(window, lid, code, path, exercises, console)
                if tabs and failure is None:
                    extra, tab_failures = grab_inner_tabs(window, lid, code, out)
                    written += extra
                    failures += tab_failures
            except Exception as exc:  # noqa: BLE001 - report every lesson, then fail
                failure = f"{lid} [{code}]: {type(exc).__name__}: {exc}"
            if failure:
                failures.append(failure)
            if path.exists():
                written += 1
    if reporter.count:
        failures.append(f"{reporter.count} unhandled exception(s); see the log")
    reporter.uninstall()
    window.close()
    print(f"wrote {written} screenshot(s) to {out}")
    for failure in failures:
        print(f"FAILED {failure}", file=sys.stderr)
    app.processEvents()
    return 1 if failures else 0
