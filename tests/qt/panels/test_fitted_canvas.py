"""Cell drawings get a canvas sized to their content: no thin strip in a tall empty figure."""

from __future__ import annotations

import pytest

from tutor_app.lessons.base import load_spec
from tutor_app.paths import resource
from tutor_app.qt.panels.fitted_canvas import CELL_PX, PAD_PX, SMALLEST_PX, fitted_height
from tutor_app.qt.panels.linalg_basics import LinalgBasicsPanel
from tutor_app.qt.panels.tensors_broadcasting import TensorsBroadcastingPanel
from tutor_app.viz.cells import fitted_fontsize


def test_fitted_height_keeps_cells_at_their_size_when_the_drawing_fits():
    assert fitted_height(12.8, 2.6, 800) == pytest.approx(2.6 * CELL_PX + PAD_PX, abs=1)


def test_fitted_height_shrinks_cells_to_fit_a_wide_drawing():
    # 40 cells across 416 px: cells of 10 px, so 5 rows take 50 px (but never < SMALLEST_PX)
    assert fitted_height(40, 30, 416) == 30 * 10 + PAD_PX
    assert fitted_height(40, 2, 416) == SMALLEST_PX


def test_long_values_shrink_to_fit_a_cell():
    assert fitted_fontsize("12") == 10
    assert fitted_fontsize("1.77778") < fitted_fontsize("1.778") < 10


def _cell_px(canvas, ax) -> float:
    """Width of one data unit (one cell) on screen, in pixels."""
    x0, _ = ax.transData.transform((0, 0))
    x1, _ = ax.transData.transform((1, 0))
    return (x1 - x0) / canvas.devicePixelRatioF()


@pytest.fixture
def tensors(qtbot):
    panel = TensorsBroadcastingPanel(
        load_spec(resource("lessons", "tensors_broadcasting.toml")), "en")
    qtbot.addWidget(panel)
    panel.resize(800, 700)
    panel.show()
    qtbot.waitExposed(panel)
    return panel


def test_a_one_row_example_gets_a_short_canvas_with_readable_cells(tensors, qtbot):
    tensors.examples.setCurrentIndex(tensors.examples.findData("ex_arange"))
    qtbot.waitUntil(lambda: tensors.canvas_examples.height() < 200)
    tensors.canvas_examples.draw()
    assert 30 <= _cell_px(tensors.canvas_examples, tensors.ax_examples) <= CELL_PX * 1.1


def test_a_3d_example_gets_a_taller_canvas_than_a_row(tensors, qtbot):
    tensors.examples.setCurrentIndex(tensors.examples.findData("ex_arange"))
    row = tensors.canvas_examples.preferred_height()
    tensors.examples.setCurrentIndex(tensors.examples.findData("ex_zeros"))
    assert tensors.canvas_examples.preferred_height() > row + 2 * 30


def test_a_scalar_is_one_ordinary_cell_not_a_huge_square(qtbot):
    panel = LinalgBasicsPanel(load_spec(resource("lessons", "linalg_basics.toml")), "en")
    qtbot.addWidget(panel)
    panel.resize(800, 700)
    panel.show()
    qtbot.waitExposed(panel)
    panel.kinds.setCurrentIndex(panel.kinds.findData("scalar"))
    qtbot.waitUntil(lambda: panel.canvas_kinds.height() < 200)
    panel.canvas_kinds.draw()
    assert _cell_px(panel.canvas_kinds, panel.ax_kinds) <= CELL_PX * 1.1
