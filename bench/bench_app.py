"""App shell benchmarks: cold start to the first painted lesson, and switching lessons.

Cold start runs in fresh subprocesses (offscreen) and is compared with a bare PySide6 +
Matplotlib window measured the same way in the same run. Times are read, never asserted.
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
RUNS = 5

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

class FirstPaint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            obj.removeEventFilter(self)
            QTimer.singleShot(0, lambda: (print(f"first-paint 0 {time.time():.6f}", flush=True),
                                          app.quit()))
        return False

watcher = FirstPaint()
canvas.installEventFilter(watcher)
window.show()
app.exec()
"""


def _first_paint(cmd: list[str], home: str) -> float:
    """Seconds from spawning ``cmd`` to the first paint it reports on stdout."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", TENSOR_TUTOR_HOME=home,
               TENSOR_TUTOR_EXIT_ON_PAINT="1", PYTHONPATH=str(ROOT))
    start = time.time()
    result = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=ROOT, timeout=120)
    for line in result.stdout.splitlines():
        if line.startswith("first-paint"):
            return float(line.split()[2]) - start
    raise RuntimeError(f"no first paint reported by {cmd[1:]}:\n{result.stderr[-2000:]}")


def cold_start() -> None:
    app_times, bare_times = [], []
    for _ in range(RUNS):  # interleaved, so both see the same machine load
        with tempfile.TemporaryDirectory() as home:
            app_times.append(_first_paint(
                [sys.executable, "-m", "tutor_app", "--lesson", "what_dl_does", "--lang", "zh"],
                home))
        with tempfile.TemporaryDirectory() as home:
            bare_times.append(_first_paint([sys.executable, "-c", BARE_WINDOW], home))
    app, bare = statistics.median(app_times), statistics.median(bare_times)
    report("cold start to first painted lesson (what_dl_does, zh)", app, "s", baseline=bare,
           target="<= 1.2 s")
    report("  baseline: bare PySide6 + Matplotlib window", bare, "s")


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
               statistics.median(fresh), "s", baseline=base, target="<= 0.100 s")
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


def main() -> None:
    cold_start()
    lesson_switch()


if __name__ == "__main__":
    main()
