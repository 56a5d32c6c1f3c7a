"""Every lesson panel fits the host's panel area (about 800×700 at a 1280×800 window), and the
graph panels give the graph most of it."""

from __future__ import annotations

import importlib

import pytest
from PySide6.QtWidgets import QApplication

from tutor_app.lessons.base import load_all

PANEL_AREA = (800, 700)
SPECS = [s for s in load_all() if s.panel]


def _make(spec, qtbot):
    module, name = spec.panel.split(":")
    panel = getattr(importlib.import_module(module), name)(spec, "zh")
    qtbot.addWidget(panel)
    return panel


def _close(panel) -> None:
    """Let queued redraws run while the canvases still exist, then stop timers."""
    QApplication.processEvents()
    panel.shutdown()


@pytest.mark.parametrize("spec", SPECS, ids=[s.id for s in SPECS])
def test_the_panel_fits_the_default_panel_area(spec, qtbot):
    panel = _make(spec, qtbot)
    need = panel.minimumSizeHint()
    assert need.width() <= PANEL_AREA[0] and need.height() <= PANEL_AREA[1], (
        f"{spec.id} needs {need.width()}×{need.height()}: the host would add scroll bars")
    _close(panel)


@pytest.mark.parametrize("lesson", ["autograd", "graph_lab", "forward_reverse"])
def test_graphs_get_the_width_of_the_panel(lesson, qtbot):
    spec = next(s for s in SPECS if s.id == lesson)
    panel = _make(spec, qtbot)
    panel.resize(*PANEL_AREA)
    panel.show()
    qtbot.waitExposed(panel)
    canvas = panel.canvases()[0]
    assert canvas.width() >= 0.9 * (PANEL_AREA[0] - 40)     # the whole width, not a column
    assert canvas.height() >= (150 if lesson == "forward_reverse" else 300)
    _close(panel)
