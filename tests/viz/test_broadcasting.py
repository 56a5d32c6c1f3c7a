"""Broadcasting drawings without Qt: N-D layout, copies hatched, shape table, error picture."""

from __future__ import annotations

import numpy as np
import pytest
from matplotlib.figure import Figure

from tutor_app.viz import broadcasting as viz
from tutor_app.viz.cells import COPIED_HATCH
from tutor_app.viz.style import LIGHT


@pytest.fixture
def ax():
    return Figure().add_subplot()


@pytest.mark.parametrize("shape, blocks, size", [
    ((), 1, (1, 1)), ((4,), 1, (4, 1)), ((2, 3), 1, (3, 2)),
    ((2, 3, 4), 2, (2 * 4 + viz.SLICE_GAP, 3)),
    ((2, 3, 1, 2), 6, (3 * 2 + 2 * viz.SLICE_GAP, 2 * 1 + viz.SLICE_GAP)),
])
def test_tensor_layout_by_dimension(ax, shape, blocks, size):
    values = np.arange(int(np.prod(shape))).reshape(shape)
    drawn = viz.draw_tensor(ax, values, origin=(1, 0), title="t")
    assert len(drawn.blocks) == blocks
    assert viz.tensor_size(shape) == pytest.approx(size)
    x0, x1, y0, y1 = drawn.extent
    assert (x1 - x0, y1 - y0) == pytest.approx(size) and (x0, y1) == (1, 0)
    texts = [t.get_text() for block in drawn.blocks for row in block.texts for t in row]
    assert texts == [str(v) for v in values.ravel()]   # row-major, slice by slice


def test_tensor_masks_reach_the_right_cells(ax):
    values = np.zeros((2, 1, 3))
    copied = np.zeros((2, 1, 3), bool)
    copied[1] = True
    drawn = viz.draw_tensor(ax, values, copied=copied)
    assert drawn.blocks[0].rects[0][0].get_hatch() is None
    assert all(r.get_hatch() == COPIED_HATCH for r in drawn.blocks[1].rects[0])


def test_five_dimensions_are_refused(ax):
    with pytest.raises(ValueError):
        viz.draw_tensor(ax, np.zeros((1, 1, 1, 1, 2)))


def test_shape_table_highlights_the_offending_axis(ax):
    rows = [viz.ShapeRow("a", ["2", "4"], [False, False]),
            viz.ShapeRow("b", ["3", "5"], [False, False])]
    width, height = viz.draw_shape_table(ax, rows, offending_axis=1, origin=(0, 0))
    assert width > 0 and height == pytest.approx(2.2)
    highlighted = [p for p in ax.patches if p.get_facecolor()[:3] == pytest.approx(
        tuple(int(LIGHT.accent[i:i + 2], 16) / 255 for i in (1, 3, 5)))]
    assert len(highlighted) == 2


def test_broadcast_picture_success_and_error(ax):
    a, b = np.arange(3).reshape(3, 1), 10 * np.arange(2).reshape(1, 2)
    result = a + b
    rows = [viz.ShapeRow("a", ["3", "1→2"], [False, True]),
            viz.ShapeRow("b", ["1→3", "2"], [True, False]),
            viz.ShapeRow("a + b", ["3", "2"], [False, False])]
    viz.draw_broadcast(ax, rows=rows, a=a, b=b, result=result,
                       a_stretched=np.broadcast_to(a, (3, 2)),
                       b_stretched=np.broadcast_to(b, (3, 2)),
                       a_copied=np.array([[0, 1]] * 3, bool),
                       b_copied=np.array([[0, 0], [1, 1], [1, 1]], bool),
                       titles={"a": "a", "b": "b", "result": "a + b"})
    hatched = [p for p in ax.patches if p.get_hatch() == COPIED_HATCH]
    assert len(hatched) == 3 + 4 + 2      # a's copies, b's copies, two stretched table entries
    assert "12" in [t.get_text() for t in ax.texts]
    message = "The size of tensor a (4) must match the size of tensor b (5) at non-singleton " \
              "dimension 1"
    viz.draw_broadcast(ax, rows=rows[:2], a=np.zeros((2, 4)), b=np.zeros((3, 5)),
                       titles={"a": "a", "b": "b"}, error=message, offending_axis=1)
    shown = " ".join(t.get_text().replace("\n", " ") for t in ax.texts)
    assert message in shown
    assert not ax.axison
    Figure.draw_without_rendering(ax.figure)


def test_read_and_result(ax):
    source = np.arange(12).reshape(3, 4)
    viz.draw_read_and_result(ax, source=source, read=source >= 8, result=source[-1],
                             result_title="X[-1]", source_title="X")
    assert "→" in [t.get_text() for t in ax.texts]
    assert len(ax.patches) == 12 + 4


def test_read_without_result_shows_the_error(ax):
    viz.draw_read_and_result(ax, source=np.arange(4), result=None, result_title="x.reshape(5)",
                             error="RuntimeError: shape '[5]' is invalid for input of size 4")
    assert len(ax.patches) == 4
    assert any("is invalid" in t.get_text() for t in ax.texts)
