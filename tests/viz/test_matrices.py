"""Lesson 3 drawing without Qt: operands, operator, result, highlights and notes."""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from tutor_app.viz.matrices import draw_operation
from tutor_app.viz.style import LIGHT


def _accent_cells(ax):
    accent = tuple(int(LIGHT.accent[i:i + 2], 16) / 255 for i in (1, 3, 5))
    return [p for p in ax.patches if tuple(p.get_facecolor()[:3]) == accent]


def test_binary_operation_with_highlights():
    ax = Figure().add_subplot()
    a, b = np.ones((2, 2)), 2 * np.ones((2, 2))
    mask = np.array([[True, False], [False, False]])
    draw_operation(ax, [(a, "A", mask), (b, "B", mask)], "⊙", result=a * b, result_title="A*B",
                   result_highlight=mask)
    texts = [t.get_text() for t in ax.texts]
    assert "⊙" in texts and "=" in texts and "A*B" in texts
    assert len(ax.patches) == 12 and len(_accent_cells(ax)) == 3


def test_scalar_result_and_error_note():
    ax = Figure().add_subplot()
    draw_operation(ax, [(np.arange(6.0).reshape(2, 3), "A", None)], "",
                   result=np.array(15.0), result_title="A.sum()")
    assert "15" in [t.get_text() for t in ax.texts] and len(ax.patches) == 7
    draw_operation(ax, [(np.zeros((2, 3)), "A", None)], "", result=None, note="RuntimeError: x")
    assert "RuntimeError: x" in [t.get_text() for t in ax.texts] and len(ax.patches) == 6
    Figure.draw_without_rendering(ax.figure)


def test_cell_at_hit_tests_the_result():
    from tutor_app.viz.matrices import cell_at

    ax = Figure().add_subplot()
    drawn = draw_operation(ax, [(np.zeros((2, 3)), "A", None)], "", result=np.zeros((3, 2)))
    x0, y0 = drawn.blocks[0].rects[1][1].get_xy()
    assert cell_at(drawn, x0 + 0.5, y0 + 0.5) == 3
    assert cell_at(drawn, -50, -50) is None
    assert draw_operation(ax, [(np.zeros((2, 3)), "A", None)], "", result=None) is None
