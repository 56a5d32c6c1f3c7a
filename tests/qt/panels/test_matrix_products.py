"""Matrix products panel as a learner uses it: change shapes, pick cells, drag x and a column,
switch language and theme, export."""

from __future__ import annotations

import numpy as np
import pytest

from tests.qt.panels.mouse import drag
from tests.qt.panels.render import assert_renders, render_both_languages
from tutor_app.lessons.base import load_spec
from tutor_app.paths import resource
from tutor_app.qt.panels.matrix_products import MatrixProductsPanel


@pytest.fixture
def panel(qtbot):
    widget = MatrixProductsPanel(load_spec(resource("lessons", "matrix_products.toml")), "en")
    qtbot.addWidget(widget)
    widget.resize(800, 700)
    widget.show()
    qtbot.waitExposed(widget)
    yield widget
    widget.shutdown()


def test_pick_a_row_and_a_column_and_see_their_cell(panel, qtbot):
    panel.row_pick.setValue(1)
    panel.col_pick.setValue(1)                       # (1, 1) of the (2, 2) result
    assert panel.cell_index == 3
    assert panel.arithmetic.text().startswith("C[1,1] = A[1,:]·B[:,1]")
    assert "52" in panel.arithmetic.text()
    assert "(2×3)(3×2) → (2×2)" in panel.rule.text()
    assert panel.printed.text().startswith("tensor([[13., 16.]")


def test_mismatched_inner_sizes_show_pytorchs_error(panel):
    panel.operations.setCurrentIndex(panel.operations.findData("mm"))
    panel.spins["n_b"].setValue(2)
    assert panel.product.error == "mat1 and mat2 shapes cannot be multiplied (2x3 and 2x2)"
    assert "RuntimeError: mat1 and mat2" in panel.arithmetic.text()
    assert panel.row_pick.maximum() == 0 and panel.col_pick.maximum() == 0
    panel.spins["n"].setValue(2)                     # (2×2)(2×2): fits again
    assert panel.product.error is None and panel.col_pick.maximum() == 1


def test_mv_takes_a_vector(panel):
    panel.operations.setCurrentIndex(panel.operations.findData("mv"))
    assert not panel.spins["p"].isEnabled()
    assert panel.product.b.shape == (3,)
    assert panel.printed.text() == "tensor([ 8., 26.])"
    assert not panel.col_pick.isEnabled() and panel.row_pick.maximum() == 1
    panel.row_pick.setValue(1)
    assert panel.arithmetic.text().startswith("y[1] = A[1,:]·x")


def test_clicking_a_result_cell_picks_its_row_and_column(panel, qtbot):
    from PySide6.QtCore import Qt

    from tests.qt.panels.mouse import to_widget

    panel.canvas_cells.draw()
    rect = panel.result_cells.blocks[0].rects[1][0]          # row 1, column 0 of A @ B
    x0, y0 = rect.get_xy()
    centre = (x0 + rect.get_width() / 2, y0 + rect.get_height() / 2)
    qtbot.mouseClick(panel.canvas_cells, Qt.MouseButton.LeftButton,
                     pos=to_widget(panel.canvas_cells, panel.ax_cells, centre))
    assert (panel.row_pick.value(), panel.col_pick.value()) == (1, 0)
    assert panel.arithmetic.text().startswith("C[1,0]")


def test_drag_x_and_a_column_moves_ax(panel, qtbot):
    panel.tabs.setCurrentIndex(1)
    panel.canvas_plane.draw()
    drag(qtbot, panel.canvas_plane, panel.ax_plane, panel.x, (2.0, -1.0))
    assert panel.x == pytest.approx((2.0, -1.0), abs=0.06)
    np.testing.assert_allclose(panel.mapped.ax, panel.a_map @ np.array(panel.x), atol=1e-5)
    a1 = tuple(panel.a_map[:, 0])
    drag(qtbot, panel.canvas_plane, panel.ax_plane, a1, (1.0, -2.0))
    assert tuple(panel.a_map[:, 0]) == pytest.approx((1.0, -2.0), abs=0.06)
    assert panel.mapped.det == pytest.approx(np.linalg.det(panel.a_map), abs=1e-5)
    assert f"{panel.mapped.ax[0]:.3g}" in panel.columns_text.text()
    assert panel.det_text.text() == panel.t("det_positive").format(
        det=f"{panel.mapped.det:.3g}", area=f"{panel.mapped.area:.3g}")


def test_both_languages_themes_and_export(panel, qtbot, tmp_path):
    assert not render_both_languages(MatrixProductsPanel, "matrix_products", qtbot, tmp_path)
    panel.set_theme("dark")
    assert_renders(panel)
    panel.set_language("zh")
    assert panel.tabs.tabText(1) == "平面"
    assert panel.toolbar_plane.save_as(tmp_path / "map.svg")
    assert (tmp_path / "map.svg").stat().st_size > 1000
