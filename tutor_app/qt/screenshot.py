"""``--screenshot DIR``: every lesson, in both languages, as PNGs of the whole window."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtWidgets import QApplication

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


def grab_lesson(window, lid: str, lang: str, path: Path,
                exercises: bool = False) -> str | None:
    """Render one lesson to ``path``; return a failure message or None."""
    if window.lang != lang:
        window.set_language(lang)
    if not window.show_lesson(lid):
        return f"{lid} [{lang}]: could not open"
    QApplication.processEvents()
    if exercises and not show_exercise_verdict(window):
        return None  # no exercise to demonstrate: no picture
    for canvas in window.host.canvases():
        canvas.draw()
    image = window.grab().toImage()
    if is_blank(image):
        return f"{lid} [{lang}]: blank image"
    if not image.save(str(path)):
        return f"{lid} [{lang}]: could not write {path}"
    if window.host.panel_error:
        return f"{lid} [{lang}]: panel failed:\n{window.host.panel_error}"
    return None


def render_all(folder: str, *, lesson: str | None = None, lang: str | None = None,
               theme: str | None = None, exercises: bool = False,
               size: tuple[int, int] | None = None) -> int:
    """Screenshots of the default layout (console folded, text and lesson list shown) at
    the default text size — or, with ``exercises``, of the exercises strip open after a
    Check, verdict in view; the learner's saved progress and settings are left unchanged."""
    with tempfile.TemporaryDirectory() as scratch:
        return _render_all(folder, lesson, lang, theme, Path(scratch) / "progress.json",
                           exercises, size or SIZE)


def _render_all(folder: str, lesson: str | None, lang: str | None, theme: str | None,
                progress_path: Path, exercises: bool = False,
                size: tuple[int, int] = SIZE) -> int:
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
            suffix = "_exercises" if exercises else ""
            path = out / f"{lid}_{code}{suffix}.png"
            try:
                failure = grab_lesson(window, lid, code, path, exercises)
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
