"""Lesson 4 figures: a blitted 2D drag frame vs a full redraw, and a 3D vector change.

Both run the real panel offscreen. A drag frame is one Qt mouse-move event dispatched to
the canvas (model update, artist update, restore_region / draw_artist / blit, repaint).
Targets: drag ≤ 8 ms median; 3D change ≤ 50 ms to the redrawn frame.
"""

from __future__ import annotations

import itertools
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bench.panel_drag import open_panel, report_blitted_drag  # noqa: E402
from bench.timing import median_cpu_seconds, median_seconds, report  # noqa: E402


def main() -> None:
    app, panel = open_panel("tutor_app.qt.panels.dot_projection:DotProjectionPanel",
                            "dot_projection")

    def set_v(xy):
        panel.v_2d.set_value(xy)
        panel._on_vectors_2d_change()  # the spin-box path: model, handles, artists

    report_blitted_drag("2D", panel, panel.canvas_2d, panel.ax_2d, set_v=set_v,
                        tip=lambda: tuple(panel.v_2d.value()), radius=2.5)

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
