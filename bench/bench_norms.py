"""Lesson 6: one blitted drag frame of the norms vector vs a full redraw, same run.

A frame is one Qt mouse-move event dispatched to the canvas: the engine computes the four
norms, the balls through the tip and the arrow move, then restore_region / draw_artist /
blit. The baseline does the same update through the spin-box path plus a full
``canvas.draw()``. Target: drag ≤ 8 ms median.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bench.panel_drag import open_panel, report_blitted_drag  # noqa: E402


def main() -> None:
    _app, panel = open_panel("tutor_app.qt.panels.norms:NormsPanel", "norms")

    def set_v(xy):
        panel.v_editor.set_value(xy)
        panel._on_editor_change()

    report_blitted_drag("norms", panel, panel.canvas, panel.ax, set_v=set_v,
                        tip=lambda: panel.v, radius=2.0)
    panel.shutdown()
    panel.close()


if __name__ == "__main__":
    main()
