"""Shared by the blitted-drag benchmarks (lessons 4 and 6): open a lesson panel offscreen,
and time one Qt mouse-move drag frame of v's tip against a full redraw, in the same run."""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Sequence

from bench.timing import median_cpu_seconds, median_seconds, report


def open_panel(panel_class_path: str, lesson_id: str):
    """``(app, panel)``: the panel of ``module:Class``, in English, shown at 800 x 900."""
    import importlib

    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    from tutor_app.lessons.base import load_spec
    from tutor_app.paths import resource

    module, name = panel_class_path.split(":")
    panel_class = getattr(importlib.import_module(module), name)
    panel = panel_class(load_spec(resource("lessons", f"{lesson_id}.toml")), "en")
    panel.resize(800, 900)
    panel.show()
    app.processEvents()
    return app, panel


def widget_point(canvas, ax, xy):
    """Data coordinates → the canvas widget's logical pixel."""
    from PySide6.QtCore import QPoint

    x, y = ax.transData.transform(xy)
    ratio = canvas.devicePixelRatioF()
    return QPoint(int(round(x / ratio)), int(round((canvas.figure.bbox.height - y) / ratio)))


def circle(radius: float, n: int = 24):
    """Endless points round a circle of ``radius`` about the origin."""
    return itertools.cycle([(radius * math.cos(2 * math.pi * k / n),
                             radius * math.sin(2 * math.pi * k / n)) for k in range(n)])


def report_blitted_drag(name: str, panel, canvas, ax, *, set_v: Callable[[Sequence[float]], None],
                        tip: Callable[[], Sequence[float]], radius: float,
                        repeat: int = 60) -> None:
    """Baseline: ``set_v`` (the spin-box path) plus a full ``canvas.draw()`` per frame. Then a
    press on v's ``tip()`` and mouse moves round a circle, each blitted by the drag
    controller. Prints wall and CPU rows for both, named ``name``."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    canvas.draw()
    positions = circle(radius)

    def full_redraw():
        set_v(next(positions))
        canvas.draw()
        canvas.repaint()

    base = median_seconds(full_redraw, repeat=repeat, warmup=3)
    base_cpu = median_cpu_seconds(full_redraw, repeat=repeat, warmup=2)

    QTest.mousePress(canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     widget_point(canvas, ax, tip()))
    assert panel.drag.dragging == "v", "the press did not pick the tip of v"
    points = circle(radius)

    def drag_frame():
        QTest.mouseMove(canvas, widget_point(canvas, ax, next(points)))

    frame = median_seconds(drag_frame, repeat=repeat, warmup=3)
    frame_cpu = median_cpu_seconds(drag_frame, repeat=repeat, warmup=2)
    QTest.mouseRelease(canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                       widget_point(canvas, ax, (1.0, 1.0)))
    report(f"{name} drag frame, blitted (Qt move event → blit)", frame * 1e3, "ms",
           baseline=base * 1e3, target="<= 8 ms")
    report(f"{name} full redraw per frame (baseline)", base * 1e3, "ms")
    report(f"{name} drag frame, blitted, CPU time", frame_cpu * 1e3, "ms",
           baseline=base_cpu * 1e3, target="<= 8 ms")
    report(f"{name} full redraw per frame, CPU time (baseline)", base_cpu * 1e3, "ms")
