"""The axis-sum drawing without Qt: one artist per cell, colours follow the groups."""

from __future__ import annotations

import numpy as np
import pytest
from matplotlib.colors import to_rgba
from matplotlib.figure import Figure

from tutor_app.viz import axes_sum


def _groups(axes):
    from tutor_app.lessons.axis_sums import collapse_groups
    return collapse_groups((2, 3, 4), axes)


def test_block_has_a_rect_and_text_per_cell():
    ax = Figure().subplots()
    values = np.arange(24).reshape(2, 3, 4)
    block = axes_sum.draw_tensor_block(ax, values, _groups((1,)), axis_names=("a0", "a1", "a2"))
    assert block.rects.shape == (2, 3, 4)
    assert block.texts[1, 2, 3].get_text() == "23"
    assert {t.get_text() for t in ax.texts} >= {"X[0]", "X[1]", "a0", "a1", "a2"}


def test_cells_that_collapse_share_a_colour():
    ax = Figure().subplots()
    groups = _groups((0,))
    block = axes_sum.draw_tensor_block(ax, np.arange(24).reshape(2, 3, 4), groups)
    assert block.rects[0, 1, 2].get_facecolor() == block.rects[1, 1, 2].get_facecolor()
    assert block.rects[0, 1, 2].get_facecolor() != block.rects[0, 1, 3].get_facecolor()


def test_highlight_outlines_one_group_and_fades_the_rest():
    ax = Figure().subplots()
    groups = _groups((2,))
    block = axes_sum.draw_tensor_block(ax, np.arange(24).reshape(2, 3, 4), groups)
    axes_sum.highlight_group(block, groups, 4)
    assert block.rects[1, 1, 0].get_linewidth() > 2      # group 4 = slab 1, row 1
    assert block.rects[0, 0, 0].get_facecolor()[3] < 0.5
    axes_sum.highlight_group(block, groups, None)
    assert block.rects[0, 0, 0].get_facecolor() == to_rgba(axes_sum.group_colour(0))


def test_result_grid_keeps_a_kept_axis_and_cell_at_finds_cells():
    ax = Figure().subplots()
    block = axes_sum.draw_result_grid(ax, np.arange(12).reshape(1, 3, 4), title="t {x}")
    assert block.rects.shape == (1, 3, 4)      # a leading kept axis of 1: one slab, 3×4
    x, y = block.rects[0, 2, 1].get_xy()
    assert axes_sum.cell_at(block, x + 0.5, y + 0.5) == (0, 2, 1)
    column = axes_sum.draw_result_grid(Figure().subplots(), np.arange(3).reshape(1, 3, 1))
    assert column.rects.shape == (1, 3, 1)     # (1, 3, 1) stays a column, not a row
    assert axes_sum.cell_at(block, -5, -5) is None


def test_wrong_shapes_are_refused():
    ax = Figure().subplots()
    with pytest.raises(ValueError):
        axes_sum.draw_tensor_block(ax, np.zeros((3, 4)), np.zeros((3, 4), int))


def test_division_marks_copies_and_clashes():
    ax = Figure().subplots()
    a = np.arange(20).reshape(5, 4)
    copied = np.ones((5, 4), dtype=bool)
    copied[:, 0] = False
    art = axes_sum.draw_division(ax, a, np.repeat(a.sum(1, keepdims=True), 4, 1), copied,
                                 fits=True, a_title="A", divisor_title="sums")
    assert art.sign.get_text() == "÷"
    assert art.divisor.rects[0][1].get_hatch() and not art.divisor.rects[0][0].get_hatch()
    ax = Figure().subplots()
    art = axes_sum.draw_division(ax, a, a.sum(1).reshape(1, 5), np.zeros((1, 5), bool),
                                 fits=False, a_title="A", divisor_title="sums")
    assert art.sign.get_text() == "≠"
    assert art.divisor.highlighted.all()


def test_a_keepdims_result_is_drawn_in_slabs_like_x():
    """(2, 3, 1): two 3×1 columns, one per slab of X, not a squeezed 2×3 grid."""
    from matplotlib.figure import Figure

    from tutor_app.viz.axes_sum import draw_result_grid

    ax = Figure().add_subplot()
    values = np.arange(24).reshape(2, 3, 4).sum(axis=2, keepdims=True)
    block = draw_result_grid(ax, values, title="X.sum(axis=2, keepdims=True)")
    assert block.rects.shape == (2, 3, 1)
    (x00, y00), (x10, _), (_, y01) = (block.rects[0, 0, 0].get_xy(), block.rects[1, 0, 0].get_xy(),
                                      block.rects[0, 1, 0].get_xy())
    assert x10 > x00 + 1 and y01 < y00                    # slabs side by side, rows downwards
    assert [t.get_text() for t in block.texts[:, :, 0].ravel()] == ["6", "22", "38", "54", "70",
                                                                     "86"]
    assert any("keepdims=True" in t.get_text() for t in ax.texts)


def test_division_titles_do_not_run_into_each_other():
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    fig = Figure(figsize=(7, 3), layout="constrained")
    ax = fig.add_subplot()
    a = np.arange(20).reshape(5, 4)
    divisor = np.repeat(a.sum(axis=1, keepdims=True), 4, axis=1)
    copied = np.zeros((5, 4), bool)
    copied[:, 1:] = True
    axes_sum.draw_division(ax, a, divisor, copied, fits=True, a_title="A (5, 4)",
                           divisor_title="A.sum(axis=1, keepdims=True) (5, 1)\n"
                                         "as broadcasting lines it up (hatched = copied)")
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    renderer = canvas.get_renderer()
    first, second = (t.get_window_extent(renderer) for t in ax.texts if "A" in t.get_text())
    assert not first.overlaps(second)
