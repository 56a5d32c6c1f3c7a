"""draw_cells / update_cells without Qt: geometry, texts, masks, in-place updates."""

from __future__ import annotations

import numpy as np
import pytest
from matplotlib.figure import Figure

from tutor_app.viz.cells import COPIED_HATCH, draw_cells, update_cells
from tutor_app.viz.style import LIGHT


@pytest.fixture
def ax():
    return Figure().add_subplot()


def test_grid_geometry_and_texts(ax):
    values = np.arange(6).reshape(2, 3)
    cells = draw_cells(ax, values, origin=(1, 5))
    assert cells.shape == (2, 3)
    assert cells.extent == (1, 4, 3, 5)
    assert cells.rects[1][2].get_xy() == (3, 3)  # row 1 spans y 3..4, column 2 spans x 3..4
    assert [t.get_text() for t in cells.texts[1]] == ["3", "4", "5"]
    assert cells.center(0, 0) == (1.5, 4.5)
    assert len(ax.patches) == 6 and len(ax.texts) == 6


def test_one_dimensional_is_one_row(ax):
    cells = draw_cells(ax, np.array([0.5, 1.25, -2.0]), fmt="{:.2f}")
    assert cells.shape == (1, 3)
    assert [t.get_text() for t in cells.texts[0]] == ["0.50", "1.25", "-2.00"]


def test_three_dimensional_is_refused(ax):
    with pytest.raises(ValueError, match="1-D or 2-D"):
        draw_cells(ax, np.zeros((2, 2, 2)))


def test_highlight_and_copied_are_visible(ax):
    high = np.array([[True, False], [False, False]])
    copied = np.array([[False, False], [True, True]])
    cells = draw_cells(ax, np.ones((2, 2)), highlight=high, copied=copied)
    assert cells.rects[0][0].get_linewidth() > cells.rects[0][1].get_linewidth()
    assert cells.rects[1][0].get_hatch() == COPIED_HATCH
    assert cells.rects[0][1].get_hatch() is None
    assert cells.texts[1][1].get_fontstyle() == "italic"
    assert np.array_equal(cells.highlighted, high) and np.array_equal(cells.copied, copied)
    high[1, 1] = True  # the record owns a copy of the mask
    assert not cells.highlighted[1, 1]


def test_update_in_place_keeps_artists(ax):
    cells = draw_cells(ax, np.zeros((2, 2)))
    before = cells.artists()
    update_cells(cells, values=np.array([[1, 2], [3, 4]]), highlight=np.eye(2, dtype=bool))
    assert cells.artists() == before and len(ax.patches) == 4
    assert cells.texts[1][0].get_text() == "3"
    assert cells.rects[1][1].get_facecolor()[:3] != cells.rects[0][1].get_facecolor()[:3]
    update_cells(cells, copied=np.array([[0, 1], [0, 0]]))  # highlight kept, copies added
    assert cells.highlighted[0, 0] and cells.rects[0][1].get_hatch() == COPIED_HATCH
    update_cells(cells, highlight=np.zeros((2, 2)))
    assert not cells.highlighted.any()
    assert cells.rects[0][0].get_linewidth() == cells.rects[1][0].get_linewidth()


def test_update_with_wrong_shape_is_refused(ax):
    cells = draw_cells(ax, np.zeros((2, 2)))
    with pytest.raises(ValueError, match="do not fit"):
        update_cells(cells, values=np.zeros(3))
    assert cells.texts[0][0].get_text() == "0"


def test_bools_print_like_pytorch_and_palette_is_used(ax):
    cells = draw_cells(ax, np.array([True, False]), palette=LIGHT)
    assert [t.get_text() for t in cells.texts[0]] == ["True", "False"]
    cells.remove()
    assert not ax.patches and not ax.texts
