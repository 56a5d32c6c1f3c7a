"""Lesson 4 figures: a blitted 2D drag frame vs a full redraw, and a 3D vector change.

Both run the real panel offscreen. A drag frame is one Qt mouse-move event dispatched to
the canvas (model update, artist update, restore_region / draw_artist / blit, repaint).
Targets: drag ≤ 8 ms median; 3D change ≤ 50 ms to the redrawn frame.
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
    from tutor_app.qt.panels.dot_projection import DotProjectionPanel

    panel = DotProjectionPanel(load_spec(resource("lessons", "dot_projection.toml")), "en")
    panel.resize(800, 900)
    panel.show()
    app.processEvents()
    return app, panel


def _widget_point(canvas, ax, xy):
    from PySide6.QtCore import QPoint

    x, y = ax.transData.transform(xy)
    ratio = canvas.devicePixelRatioF()
    return QPoint(int(round(x / ratio)), int(round((canvas.figure.bbox.height - y) / ratio)))



def _circle(n=24, radius=2.5):
    return itertools.cycle([(radius * math.cos(2 * math.pi * k / n),
                             radius * math.sin(2 * math.pi * k / n)) for k in range(n)])


def main() -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    app, panel = _panel()
    canvas, ax = panel.canvas_2d, panel.ax_2d
    canvas.draw()
    repeat = 60

    # Baseline: the same update followed by a full canvas.draw(), no blitting.
    positions = _circle()

    def full_redraw():
        xy = next(positions)
        panel.v_2d.set_value(xy)
        panel._on_vectors_2d_change()  # the spin-box path: model, handles, artists
        canvas.draw()
        canvas.repaint()

    base = median_seconds(full_redraw, repeat=repeat, warmup=3)
    base_cpu = median_cpu_seconds(full_redraw, repeat=repeat, warmup=2)

    start = tuple(panel.v_2d.value())
    QTest.mousePress(canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     _widget_point(canvas, ax, start))
    assert panel.drag.dragging == "v", "the press did not pick the tip of v"
    points = _circle()

    def drag_frame():
        QTest.mouseMove(canvas, _widget_point(canvas, ax, next(points)))

    frame = median_seconds(drag_frame, repeat=repeat, warmup=3)
    frame_cpu = median_cpu_seconds(drag_frame, repeat=repeat, warmup=2)
    QTest.mouseRelease(canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                       _widget_point(canvas, ax, (1.0, 1.0)))
    report("2D drag frame, blitted (Qt move event → blit)", frame * 1e3, "ms",
           baseline=base * 1e3, target="<= 8 ms")
    report("2D full redraw per frame (baseline)", base * 1e3, "ms")
    report("2D drag frame, blitted, CPU time", frame_cpu * 1e3, "ms",
           baseline=base_cpu * 1e3, target="<= 8 ms")
    report("2D full redraw per frame, CPU time (baseline)", base_cpu * 1e3, "ms")

    panel.tabs.setCurrentIndex(1)
    app.processEvents()
    canvas3d = panel.canvas_3d
    canvas3d.draw()
    bare = median_seconds(canvas3d.draw, repeat=15, warmup=2)
    values = itertools.cycle([(2.0, 1.0, 1.0), (-1.0, 2.0, 0.5), (0.5, -2.0, 2.0)])

    def change_3d():
        panel.v_3d.set_value(next(values))
        panel._on_vectors_3d_change()
        canvas3d.draw()

    change = median_seconds(change_3d, repeat=15, warmup=2)
    change_cpu = median_cpu_seconds(change_3d, repeat=15, warmup=2)
    bare_cpu = median_cpu_seconds(canvas3d.draw, repeat=15, warmup=2)
    report("3D vector change → redrawn frame", change * 1e3, "ms", baseline=bare * 1e3,
           target="<= 50 ms")
    report("3D bare canvas.draw() (baseline)", bare * 1e3, "ms")
    report("3D vector change → redrawn frame, CPU time", change_cpu * 1e3, "ms",
           baseline=bare_cpu * 1e3, target="<= 50 ms")
    report("3D bare canvas.draw(), CPU time (baseline)", bare_cpu * 1e3, "ms")
    panel.shutdown()
    panel.close()


if __name__ == "__main__":
    main()
