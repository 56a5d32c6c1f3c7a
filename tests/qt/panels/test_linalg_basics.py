"""Lesson 3 panel as a learner uses it: edit cells, resize, pick operations and cells."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt

from tutor_app.lessons.base import load_spec
from tutor_app.paths import resource
from tutor_app.qt.panels.linalg_basics import LinalgBasicsPanel

from .render import register_matplotlib_fonts, render_both_languages


@pytest.fixture
def panel(qtbot):
    register_matplotlib_fonts()  # zh figure text renders as in the app
    widget = LinalgBasicsPanel(load_spec(resource("lessons", "linalg_basics.toml")), "en")
    qtbot.addWidget(widget)
    widget.resize(900, 1000)
    widget.show()
    qtbot.waitExposed(widget)
    widget.tabs.setCurrentIndex(1)
    return widget


def _edit_cell(qtbot, table, row, col, text):
    """Open the cell's editor from the keyboard (F2), then commit ``text`` into the item.

    Offscreen, the delegate's Return handling does not reach the view, so the commit is the
    item change the delegate would make (the same itemChanged signal the panel listens to).
    """
    table.setFocus()
    table.setCurrentCell(row, col)
    qtbot.keyClick(table, Qt.Key.Key_F2)
    assert table.state() == table.State.EditingState
    table.item(row, col).setText(text)


def _select_operation(panel, key):
    panel.operations.setCurrentIndex(panel.operations.findData(key))


def test_editing_a_cell_recomputes_the_transpose(panel, qtbot):
    _edit_cell(qtbot, panel.table_a, 0, 1, "7.5")
    assert panel.a[0, 1] == 7.5
    np.testing.assert_allclose(panel.operation.result, panel.a.T)
    assert "7.5" in panel.printed.text()


def test_bad_entry_is_explained_and_reverted(panel, qtbot):
    before = panel.a.copy()
    _edit_cell(qtbot, panel.table_a, 1, 1, "two")
    assert "\"two\" is not a number" in panel.message.text()
    assert panel.table_a.item(1, 1).text() == "-1"
    np.testing.assert_array_equal(panel.a, before)


def test_hadamard_cell_by_keyboard(panel, qtbot):
    _select_operation(panel, "hadamard")
    panel.cell.setFocus()
    for _ in range(4):
        qtbot.keyClick(panel.cell, Qt.Key.Key_Up)
    assert panel.cell.value() == 4
    np.testing.assert_allclose(panel.operation.result, panel.a * panel.b)
    assert panel.arithmetic.text() == (f"A[1,1] · B[1,1] = {panel.a[1, 1]:g} · "
                                       f"{panel.b[1, 1]:g} = {panel.a[1, 1] * panel.b[1, 1]:g}")


def test_non_square_symmetric_shows_the_error_then_square_again(panel, qtbot):
    _select_operation(panel, "symmetric")
    assert panel.operation.symmetric is True
    panel.cols.setFocus()
    qtbot.keyClick(panel.cols, Qt.Key.Key_Down)      # 3×2: A + A.T cannot work
    assert panel.a.shape == (3, 2) and panel.table_a.columnCount() == 2
    assert panel.operation.result is None
    assert "RuntimeError: The size of tensor a" in panel.arithmetic.text()
    assert "square" in panel.arithmetic.text()
    qtbot.keyClick(panel.cols, Qt.Key.Key_Up)
    np.testing.assert_allclose(panel.operation.result, panel.a + panel.a.T)


def test_sum_and_mean(panel):
    _select_operation(panel, "sum")
    assert panel.operation.result == pytest.approx(panel.a.sum())
    assert panel.cell.maximum() == 0
    _select_operation(panel, "mean")
    assert panel.operation.result == pytest.approx(panel.a.mean())
    assert panel.arithmetic.text().endswith(f"/ 9 = {panel.a.mean():g}")


def test_kinds_tab_and_language(panel, qtbot, tmp_path):
    panel.tabs.setCurrentIndex(0)
    panel.kinds.setFocus()
    qtbot.keyClick(panel.kinds, Qt.Key.Key_Down)
    assert "len = 4" in panel.kind_facts.text()
    panel.kinds.setCurrentIndex(0)
    assert "TypeError" in panel.kind_facts.text()
    panel.set_language("zh")
    assert panel.tabs.tabText(1) == "运算" and panel.kinds.currentText() == "标量"
    assert "0 维张量没有长度" in panel.kind_facts.text()  # PyTorch's words stay in English
    assert "len() of" not in panel.kind_facts.text()
    assert panel.toolbar_ops.save_as(tmp_path / "op.png")


def test_renders_in_zh_and_en_without_missing_glyphs(qtbot, tmp_path):
    assert render_both_languages(LinalgBasicsPanel, "linalg_basics", qtbot, tmp_path) == []


def test_clicking_a_result_cell_selects_it(panel, qtbot):
    from .mouse import to_widget

    _select_operation(panel, "transpose")
    panel.canvas_ops.draw()
    target = panel.result_cells.blocks[0].rects[2][1]      # (Aᵀ)[2, 1] = A[1, 2]
    x0, y0 = target.get_xy()
    qtbot.mouseClick(panel.canvas_ops, Qt.MouseButton.LeftButton,
                     pos=to_widget(panel.canvas_ops, panel.ax_ops, (x0 + 0.5, y0 + 0.5)))
    assert panel.cell.value() == 2 * 3 + 1
    assert panel.arithmetic.text().startswith("(Aᵀ)[2,1] = A[1,2]")


@pytest.mark.parametrize("rows, cols", [(3, 1), (1, 3)])
def test_a_plus_a_t_with_one_row_or_column_shows_every_cell(panel, rows, cols):
    """(3, 1) + (1, 3) broadcasts to (3, 3): every result cell can be picked without an error."""
    panel.operations.setCurrentIndex(panel.operations.findData("symmetric"))
    panel.rows.setValue(rows)
    panel.cols.setValue(cols)
    assert panel.operation.error is None and panel.operation.result.shape == (3, 3)
    assert panel.cell.maximum() == 8
    for k in range(9):
        panel.cell.setValue(k)
        assert " + " in panel.arithmetic.text()
