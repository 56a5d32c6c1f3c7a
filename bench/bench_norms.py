"""Lesson 6: one blitted drag frame of the norms vector vs a full redraw, same run.

A frame is one Qt mouse-move event dispatched to the canvas: the engine computes the four
norms, the balls through the tip and the arrow move, then restore_region / draw_artist /
blit. The baseline does the same update through the spin-box path plus a full
``canvas.draw()``. Target: drag ≤ 8 ms median.
"""

from __future__ import annotations

import itertools
import math
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bench.timing import median_cpu_seconds, median_seconds, report  # noqa: E402


def _panel():
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    from tutor_app.lessons.base import load_spec
    from tutor_app.paths import resource
    from tutor_app.qt.panels.norms import NormsPanel

    panel = NormsPanel(load_spec(resource("lessons", "norms.toml")), "en")
    panel.resize(800, 900)
    panel.show()
    app.processEvents()
    return app, panel


def _widget_point(canvas, ax, xy):
    from PySide6.QtCore import QPoint

    x, y = ax.transData.transform(xy)
    ratio = canvas.devicePixelRatioF()
    return QPoint(int(round(x / ratio)), int(round((canvas.figure.bbox.height - y) / ratio)))



def _circle(n=24, radius=2.0):
    return itertools.cycle([(radius * math.cos(2 * math.pi * k / n),
                             radius * math.sin(2 * math.pi * k / n)) for k in range(n)])


def main() -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    app, panel = _panel()
    canvas, ax = panel.canvas, panel.ax
    canvas.draw()
    repeat = 60
    positions = _circle()

    def full_redraw():
        panel.v_editor.set_value(next(positions))
        panel._on_editor_change()
        canvas.draw()
        canvas.repaint()

    base = median_seconds(full_redraw, repeat=repeat, warmup=3)
    base_cpu = median_cpu_seconds(full_redraw, repeat=repeat, warmup=2)

    QTest.mousePress(canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     _widget_point(canvas, ax, panel.v))
    assert panel.drag.dragging == "v", "the press did not pick the tip of v"
    points = _circle()

    def drag_frame():
        QTest.mouseMove(canvas, _widget_point(canvas, ax, next(points)))

    frame = median_seconds(drag_frame, repeat=repeat, warmup=3)
    frame_cpu = median_cpu_seconds(drag_frame, repeat=repeat, warmup=2)
    QTest.mouseRelease(canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                       _widget_point(canvas, ax, (1.0, 1.0)))
    report("norms drag frame, blitted (Qt move event → blit)", frame * 1e3, "ms",
           baseline=base * 1e3, target="<= 8 ms")
    report("norms full redraw per frame (baseline)", base * 1e3, "ms")
    report("norms drag frame, blitted, CPU time", frame_cpu * 1e3, "ms",
           baseline=base_cpu * 1e3, target="<= 8 ms")
    report("norms full redraw per frame, CPU time (baseline)", base_cpu * 1e3, "ms")
    panel.shutdown()
    panel.close()


if __name__ == "__main__":
    main()
