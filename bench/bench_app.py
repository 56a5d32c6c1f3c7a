"""App shell benchmarks: first and warm launch to the first painted lesson, quitting,
first visits of every lesson, switching lessons and themes.

Launches run in fresh subprocesses (offscreen), each with its own home folder (empty for a
first launch), and are compared with a bare PySide6 + Matplotlib window measured the same
way in the same run. Times are read, never asserted.

What each row measures:

- launch: from spawning the process to the end of the first paint of the lesson panel
  (``TENSOR_TUTOR_EXIT_ON_PAINT``), its figure drawn (a canvas draws in its first paint).
  Python may write its bytecode caches as on a learner's machine: the shell running the
  bench may forbid them (``PYTHONDONTWRITEBYTECODE``), and then every launch would compile
  our ~100 modules again, which no launch of the learner's does after the first.
- quit: from the window's close to the process's end (a console loop running, or not).
- first visit: ``show_lesson`` plus one pass of the event loop, nothing built ahead: the
  panel built, the text, controls and figures of what is on screen laid out, drawn and
  painted. What is not on screen is built or drawn when first shown and is not counted:
  a panel's other tabs (lesson 9's layouts, lesson 13's cost plots) and the exercise cards
  of the folded strip.
- theme switch: ``set_theme`` plus one pass of the event loop with every lesson visited
  before (kept, hidden): the lesson on screen restyled and repainted; kept lessons follow
  when shown again (their first return is in the "first return after a switch" row).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.timing import median_seconds, report

ROOT = Path(__file__).resolve().parent.parent
RUNS = int(os.environ.get("BENCH_APP_RUNS", "5"))

BARE_WINDOW = r"""
import sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from matplotlib.figure import Figure

app = QApplication(sys.argv[:1])
window = QMainWindow()
canvas = FigureCanvasQTAgg(Figure(figsize=(6, 4)))
canvas.figure.add_subplot().plot([0, 1, 2], [0, 1, 4])
window.setCentralWidget(canvas)
window.resize(1280, 800)

def report():
    print(f"first-paint 0 {time.time():.6f}", flush=True)
    print(f"quit-start {time.time():.6f}", flush=True)
    window.close()

class FirstPaint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            obj.removeEventFilter(self)
            QTimer.singleShot(0, report)
        return False

watcher = FirstPaint()
canvas.installEventFilter(watcher)
window.show()
app.exec()
"""
APP = [sys.executable, "-m", "tutor_app", "--lang", "zh"]
FIRST_LESSON = "what_dl_does"
CONSOLE_LESSON = "tensors_broadcasting"


def _launch(cmd: list[str], home: str, mode: str = "close") -> tuple[float, float]:
    """(seconds from spawning ``cmd`` to its first paint, seconds from the window's close to
    the process's end). ``home`` is the whole home: Matplotlib's, fontconfig's and our
    caches all start from what is in it (an empty folder: a first launch)."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("MPLCONFIGDIR", "XDG_CACHE_HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME",
                        "PYTHONDONTWRITEBYTECODE")}
    env.update(QT_QPA_PLATFORM="offscreen", HOME=home, TENSOR_TUTOR_HOME=f"{home}/tutor",
               TENSOR_TUTOR_EXIT_ON_PAINT=mode, PYTHONPATH=str(ROOT))
    start = time.time()
    result = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=ROOT, timeout=180)
    ended = time.time()
    stamps = {}
    for line in result.stdout.splitlines():
        if line.startswith(("first-paint", "quit-start")):
            stamps[line.split()[0]] = float(line.split()[-1])  # the wall-clock stamp
    if "first-paint" not in stamps:
        raise RuntimeError(f"no first paint reported by {cmd[1:]}:\n{result.stderr[-2000:]}")
    quit_time = ended - stamps["quit-start"] if "quit-start" in stamps else float("nan")
    if "console-loop-not-running" in result.stdout:  # nothing ran to quit from
        quit_time = float("nan")
    return stamps["first-paint"] - start, quit_time


def start_and_quit() -> None:
    """First launch (empty home), warm launch (the same home again) and quit, for the app
    and the bare window, interleaved so both see the same machine load."""
    first, warm, quits = ([], []), ([], []), ([], [])
    app_cmd = [*APP, "--lesson", FIRST_LESSON]
    for _ in range(RUNS):
        for which, cmd in enumerate((app_cmd, [sys.executable, "-c", BARE_WINDOW])):
            with tempfile.TemporaryDirectory() as home:
                paint, _ = _launch(cmd, home)
                first[which].append(paint)
                paint, quit_time = _launch(cmd, home)
                warm[which].append(paint)
                quits[which].append(quit_time)
    running = []
    with tempfile.TemporaryDirectory() as home:
        _launch([*APP, "--lesson", CONSOLE_LESSON], home)
        for _ in range(RUNS):
            running.append(_launch([*APP, "--lesson", CONSOLE_LESSON], home,
                                   "close-running")[1])
    median = statistics.median
    report("first launch, empty home, to first painted lesson", median(first[0]), "s",
           baseline=median(first[1]), target="<= 1.5x")
    report("  baseline: bare PySide6 + Matplotlib window, empty home", median(first[1]), "s")
    report("warm launch to first painted lesson", median(warm[0]), "s",
           baseline=median(warm[1]), target="<= 1.3x")
    report("  baseline: bare window, warm", median(warm[1]), "s")
    report("quit: window closed to process gone", median(quits[0]), "s",
           baseline=median(quits[1]), target="<= 0.5 s")
    measured = [t for t in running if t == t]  # NaN: the loop did not start in time
    report(f"quit while a console loop runs ({len(measured)} of {len(running)} started)",
           median(measured) if measured else float("nan"), "s",
           baseline=median(quits[1]), target="<= 0.5 s")
    report("  baseline: bare window, closed to gone", median(quits[1]), "s")


def _settle(app, window, turns: int = 10) -> None:
    """Let the window go idle: lessons being built ahead are built and drawn."""
    deadline = time.perf_counter() + 30
    while window.host.prebuild_pending and time.perf_counter() < deadline:
        app.processEvents()
        time.sleep(0.005)
    for _ in range(turns):  # their canvases draw in the following event-loop turns
        app.processEvents()
        time.sleep(0.002)


def lesson_switch() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory() as home:
        os.environ["TENSOR_TUTOR_HOME"] = home
        from PySide6.QtWidgets import QApplication

        from tutor_app.qt.launch import create_window
        from tutor_app.qt.mpl_canvas import MplCanvas

        app, warm, reporter = create_window(lang="zh")
        for spec in warm.specs:  # imports, formula cache and font caches, in another window
            warm.show_lesson(spec.id)
            app.processEvents()
        reporter.uninstall()
        warm.close()

        def open_window(prebuild: bool, lesson: str | None = None):
            app, window, reporter = create_window(lang="zh", lesson=lesson)
            window.host.prebuild_enabled = prebuild
            window.resize(1280, 800)
            window.show()
            app.processEvents()
            return window, reporter

        def switch(window, lid: str) -> float:
            start = time.perf_counter()
            window.show_lesson(lid)
            app.processEvents()  # paint, including the canvases' draw_idle
            return time.perf_counter() - start

        # First visit of each lesson, going "next" from lesson 1, nothing built ahead.
        window, reporter = open_window(prebuild=False)
        ids = [s.id for s in window.specs]
        window.show_lesson(ids[0])
        app.processEvents()
        fresh = [switch(window, lid) for lid in ids[1:]]
        per_lesson = dict(zip(ids[1:], fresh, strict=True))
        # Next/previous among lessons already visited: kept widgets are shown again.
        back = []
        for _round in range(2):
            for here, there in zip(ids, ids[1:], strict=False):
                back.append(switch(window, there))
                back.append(switch(window, here))
        reporter.uninstall()
        window.close()
        app.processEvents()

        # The same first visits, but the window is left idle before each "next", as a
        # learner reading the lesson does: the next lesson was built ahead meanwhile.
        window, reporter = open_window(prebuild=True, lesson=ids[0])
        ahead = []
        for lid in ids[1:]:
            _settle(app, window)
            ahead.append(switch(window, lid))
        prebuilt = window.host.prebuilt
        reporter.uninstall()
        window.close()
        app.processEvents()

        def bare_canvas():
            canvas = MplCanvas()
            canvas.figure.add_subplot().plot([0, 1, 2], [0, 1, 4])
            canvas.resize(600, 450)
            canvas.draw()
            canvas.deleteLater()
            QApplication.processEvents()

        base = median_seconds(bare_canvas, repeat=7)
        report(f"first visit of the next lesson, nothing built ahead, median of {len(fresh)}",
               statistics.median(fresh), "s", baseline=base, target="<= 0.150 s")
        for lid, seconds in per_lesson.items():
            report(f"  first visit of {lid}", seconds, "s", baseline=base, target="<= 0.150 s")
        report(f"first visit of the next lesson, built ahead in idle time ({prebuilt} built), "
               f"median of {len(ahead)}", statistics.median(ahead), "s", baseline=base,
               target="<= 0.100 s")
        slowest_ahead = max(range(len(ahead)), key=ahead.__getitem__)
        report(f"  slowest built-ahead visit: {ids[1:][slowest_ahead]}", ahead[slowest_ahead],
               "s", baseline=base)
        report(f"lesson switch, next/previous among visited, median of {len(back)}",
               statistics.median(back), "s", baseline=base, target="<= 0.100 s")
        report("  baseline: create and draw one bare Matplotlib canvas", base, "s")
        slowest = max(per_lesson, key=per_lesson.get)
        report(f"  slowest lesson to build: {slowest}", per_lesson[slowest], "s", baseline=base)


def theme_switch() -> None:
    """Light to dark and back with a lesson on screen and the lessons visited before kept
    hidden, until the window has painted. The first switch of a lesson renders its formulas
    for the new theme; later ones reuse them. Then, after one more switch, each kept lesson
    is shown again: what a switch left for later (restyling its figures)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory() as home:
        os.environ["TENSOR_TUTOR_HOME"] = home
        from tutor_app.qt.launch import create_window

        app, window, reporter = create_window(lang="zh")
        window.host.prebuild_enabled = False
        window.resize(1280, 800)
        window.show()
        app.processEvents()

        def switch(theme: str) -> float:
            start = time.perf_counter()
            window.set_theme(theme)
            app.processEvents()
            return time.perf_counter() - start

        firsts, agains, slowest = [], [], ("", 0.0)
        for spec in window.specs:
            window.show_lesson(spec.id)
            app.processEvents()
            firsts.append(switch("dark"))
            agains.append(switch("light"))
            agains.append(switch("dark"))
            if firsts[-1] > slowest[1]:
                slowest = (spec.id, firsts[-1])
            switch("light")
        # Every lesson is kept now; after one more switch each follows when shown again.
        switch("dark")
        returns = {}
        for spec in window.specs:
            start = time.perf_counter()
            window.show_lesson(spec.id)
            app.processEvents()
            returns[spec.id] = time.perf_counter() - start
        switch("light")
        reporter.uninstall()
        window.close()
        app.processEvents()
    report(f"theme switch, first time on a lesson, median of {len(firsts)}",
           statistics.median(firsts), "s", target="<= 0.300 s")
    report(f"  slowest first switch: {slowest[0]}", slowest[1], "s", target="<= 0.300 s")
    report(f"theme switch, again, median of {len(agains)}", statistics.median(agains), "s",
           target="<= 0.300 s")
    report(f"return to a kept lesson after a switch, median of {len(returns)}",
           statistics.median(returns.values()), "s", target="<= 0.150 s")
    slowest_return = max(returns, key=returns.get)
    report(f"  slowest return: {slowest_return}", returns[slowest_return], "s",
           target="<= 0.150 s")


def main() -> None:
    print(f"machine load (uptime): {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} "
          f"{os.getloadavg()[2]:.2f} on {os.cpu_count()} cores", flush=True)
    start_and_quit()
    lesson_switch()
    theme_switch()


if __name__ == "__main__":
    main()
