"""Matrix products logic against numpy: products, PyTorch's shape errors, cell reads, the
plane map (Ax by columns and by rows, the unit square's image, det A)."""

from __future__ import annotations

import numpy as np
import pytest

from tutor_app.lessons import matrix_products as logic


@pytest.mark.parametrize("op", ["matmul", "mm"])
def test_matrix_product_matches_numpy_and_prints_like_pytorch(op):
    a, b = logic.operands(op, (2, 3), 3, 2)
    p = logic.multiply(op, a, b)
    assert p.error is None
    np.testing.assert_allclose(p.result, a @ b)
    assert p.printed == "tensor([[13., 16.],\n        [40., 52.]])"
    assert p.shape_rule == "(2×3)(3×2) → (2×2)"


def test_matrix_vector_product_is_rows_dotted_with_x():
    a, x = logic.operands("mv", (2, 3), 3, 99)
    assert x.shape == (3,)
    p = logic.multiply("mv", a, x)
    np.testing.assert_allclose(p.result, [a[0] @ x, a[1] @ x])
    assert logic.describe_cell(p, 1) == "y[1] = A[1,:]·x = 3·1 + 4·2 + 5·3 = 26"
    r = logic.reads(p, 1)
    assert r.a[1].all() and r.a.sum() == 3 and r.b.all()


@pytest.mark.parametrize("op, b_rows, message", [
    ("mm", 2, "mat1 and mat2 shapes cannot be multiplied (2x3 and 2x2)"),
    ("matmul", 4, "mat1 and mat2 shapes cannot be multiplied (2x3 and 4x2)"),
    ("mv", 2, "size mismatch, got input (2), mat (2x3), vec (2)"),
])
def test_inner_sizes_that_differ_give_pytorchs_exact_error(op, b_rows, message):
    p = logic.multiply(op, *logic.operands(op, (2, 3), b_rows, 2))
    assert p.result is None and p.error == message and p.cells == 0
    assert p.shape_rule.endswith("→ (?)")
    assert logic.describe_cell(p, 0) == ""
    assert logic.reads(p, 0).a.sum() == 0


def test_a_cell_reads_one_row_and_one_column():
    p = logic.multiply("matmul", *logic.operands("matmul", (3, 2), 2, 4))
    r = logic.reads(p, 6)                       # row-major: (1, 2) of a (3, 4) result
    assert r.index == (1, 2) and r.result[1, 2] and r.result.sum() == 1
    assert r.a[1].all() and r.a.sum() == 2
    assert r.b[:, 2].all() and r.b.sum() == 2
    text = logic.describe_cell(p, 6)
    assert text.startswith("C[1,2] = A[1,:]·B[:,2] = ")
    assert text.endswith(f"= {p.result[1, 2]:g}")


def test_unknown_operation_is_refused():
    with pytest.raises(ValueError):
        logic.multiply("kron", np.eye(2), np.eye(2))


@pytest.mark.parametrize("a, x", [
    (logic.DEFAULT_MAP, logic.DEFAULT_X),
    (np.array([[0.0, -1.0], [1.0, 0.0]]), (2.0, 0.5)),       # a quarter turn: det 1
    (np.array([[1.0, 2.0], [2.0, 1.0]]), (-1.0, 3.0)),       # flips the plane: det −3
    (np.array([[1.0, 2.0], [0.5, 1.0]]), (1.0, 1.0)),        # collinear columns: det 0
])
def test_ax_by_columns_equals_by_rows_and_area_is_abs_det(a, x):
    m = logic.plane_map(a, x)
    np.testing.assert_allclose(m.ax, a @ np.asarray(x), atol=1e-6)
    np.testing.assert_allclose(m.by_columns[0] + m.by_columns[1], m.ax, atol=1e-6)
    np.testing.assert_allclose(m.by_rows, m.ax, atol=1e-6)
    np.testing.assert_allclose(m.square_image, logic.UNIT_SQUARE @ a.T, atol=1e-6)
    assert m.det == pytest.approx(np.linalg.det(a), abs=1e-5)
    corners = m.square_image        # shoelace area of the image = |det A|
    shoelace = 0.5 * abs(sum(corners[k, 0] * corners[k - 3, 1] - corners[k - 3, 0]
                             * corners[k, 1] for k in range(4)))
    assert m.area == pytest.approx(shoelace, abs=1e-5)


def test_dragging_a_column_changes_that_column_only():
    a = logic.with_column(logic.DEFAULT_MAP, 1, (-1.0, 2.0))
    np.testing.assert_array_equal(a[:, 1], [-1.0, 2.0])
    np.testing.assert_array_equal(a[:, 0], logic.DEFAULT_MAP[:, 0])
