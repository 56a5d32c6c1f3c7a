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
        app, window, reporter = create_window(lang="zh")
        window.resize(1280, 800)
        window.show()
        app.processEvents()
        ids = [s.id for s in window.specs]

        def switch(lid: str) -> float:
            start = time.perf_counter()
            window.show_lesson(lid)
            app.processEvents()  # paint, including the canvases' draw_idle
            return time.perf_counter() - start

        # First visit of each lesson in this window: its widgets are built and drawn.
        fresh = [switch(lid) for lid in ids[1:] + ids[:1]]
        per_lesson = dict(zip(ids[1:] + ids[:1], fresh, strict=True))
        # Next/previous among lessons already visited: kept widgets are shown again.
        back = []
        for _round in range(2):
            for here, there in zip(ids, ids[1:], strict=False):
                back.append(switch(there))
                back.append(switch(here))

        def bare_canvas():
            canvas = MplCanvas()
            canvas.figure.add_subplot().plot([0, 1, 2], [0, 1, 4])
            canvas.resize(600, 450)
            canvas.draw()
            canvas.deleteLater()
            QApplication.processEvents()

        base = median_seconds(bare_canvas, repeat=7)
        report(f"lesson switch, first visit (built afresh), median of {len(fresh)}",
               statistics.median(fresh), "s", baseline=base, target="<= 0.100 s")
        report(f"lesson switch, next/previous among visited, median of {len(back)}",
               statistics.median(back), "s", baseline=base, target="<= 0.100 s")
        report("  baseline: create and draw one bare Matplotlib canvas", base, "s")
        report("  what_dl_does (lesson 1) built afresh", per_lesson.get("what_dl_does", 0), "s",
               baseline=base)
        slowest = max(per_lesson, key=per_lesson.get)
        report(f"  slowest lesson to build: {slowest}", per_lesson[slowest], "s", baseline=base)
        reporter.uninstall()
        window.close()


def main() -> None:
    cold_start()
    lesson_switch()


if __name__ == "__main__":
    main()
