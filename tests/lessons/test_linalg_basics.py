"""Lesson 3 logic against numpy: the four kinds, transpose, A + Aᵀ, Hadamard, sum, mean, reads."""

from __future__ import annotations

import numpy as np
import pytest

from tutor_app.lessons import linalg_basics as logic

A = np.array([[1.0, 2.0, 0.0], [3.0, -1.0, 4.0]])
B = np.array([[2.0, 0.5, 1.0], [1.0, 3.0, -2.0]])


@pytest.mark.parametrize("key, shape, ndim, length", [
    ("scalar", (), 0, None), ("vector", (4,), 1, 4), ("matrix", (3, 2), 2, 3),
    ("tensor", (2, 3, 4), 3, 2),
])
def test_kinds(key, shape, ndim, length):
    e = logic.kind_example(key)
    assert e.values.shape == shape and e.ndim == ndim and e.length == length
    assert e.shape == f"torch.Size({list(shape)})"
    assert e.printed.startswith("tensor(")


@pytest.mark.parametrize("op, expected", [
    ("transpose", A.T), ("hadamard", A * B), ("sum", A.sum()), ("mean", A.mean()),
])
def test_operations_match_numpy(op, expected):
    o = logic.apply(op, A, B if op == "hadamard" else None)
    assert o.error is None
    np.testing.assert_allclose(o.result, expected, rtol=1e-6)
    assert o.printed.startswith("tensor(")


def test_symmetric_needs_square_and_is_symmetric():
    o = logic.apply("symmetric", A)
    assert o.result is None and "must match the size" in o.error and o.cells == 0
    square = np.array([[1.0, 2.0], [3.0, 4.0]])
    o = logic.apply("symmetric", square)
    np.testing.assert_allclose(o.result, square + square.T)
    assert o.symmetric is True


def test_reads_masks():
    o = logic.apply("transpose", A)
    r = logic.reads(o, 1)                 # (Aᵀ)[0, 1] = A[1, 0]
    assert r.a[1, 0] and r.a.sum() == 1 and r.result[0, 1]
    assert logic.describe_read(o, 1) == "(Aᵀ)[0,1] = A[1,0] = 3"
    o = logic.apply("symmetric", np.arange(9.0).reshape(3, 3))
    r = logic.reads(o, 5)                 # S[1, 2] = A[1, 2] + A[2, 1]
    assert r.a[1, 2] and r.a[2, 1] and r.a.sum() == 2
    o = logic.apply("hadamard", A, B)
    r = logic.reads(o, 5)
    assert r.a[1, 2] and r.b[1, 2] and r.a.sum() == r.b.sum() == 1
    assert logic.describe_read(o, 5) == "A[1,2] · B[1,2] = 4 · -2 = -8"
    o = logic.apply("mean", A)
    assert logic.reads(o, 0).a.all()
    assert logic.describe_read(o, 0) == "(1 + 2 + 0 + 3 − 1 + 4) / 6 = 1.5"


def test_hadamard_without_b_is_refused_and_unknown_op():
    with pytest.raises(ValueError):
        logic.apply("hadamard", A)
    with pytest.raises(ValueError):
        logic.apply("inverse", A)


@pytest.mark.parametrize("text, value", [("2.5", 2.5), (" -3 ", -3.0), ("−1", -1.0),
                                         ("abc", None), ("nan", None), ("inf", None)])
def test_parse_entry(text, value):
    assert logic.parse_entry(text) == value


def test_resized_keeps_typed_entries():
    grown = logic.resized(A, (3, 4))
    np.testing.assert_array_equal(grown[:2, :3], A)
    assert grown[2].sum() == 0 and grown[:, 3].sum() == 0
    np.testing.assert_array_equal(logic.resized(A, (1, 2)), A[:1, :2])


@pytest.mark.parametrize("shape", [(3, 1), (1, 3), (1, 1)])
def test_a_plus_a_t_with_a_side_of_one_broadcasts_and_every_cell_reads(shape):
    """(3, 1) + (1, 3) is not an error in PyTorch: both sides stretch to (3, 3)."""
    a = np.array([2.0, -1.0, 5.0])[: shape[0] * shape[1]].reshape(shape)
    o = logic.apply("symmetric", a)
    assert o.error is None
    np.testing.assert_allclose(o.result, a + a.T)
    side = max(shape)
    assert o.result.shape == (side, side) and o.symmetric is True
    flat = a.ravel()
    for k in range(o.result.size):
        i, j = divmod(k, side)
        r = logic.reads(o, k)
        assert r.result[i, j] and r.result.sum() == 1
        assert r.a.sum() == (1 if i == j or side == 1 else 2)
        assert logic.describe_read(o, k).endswith(f"= {flat[i] + flat[j]:g}")
    text = logic.describe_read(o, 1 if side > 1 else 0)
    if shape == (3, 1):
        assert text == "A[0,0] + A[1,0] = 2 + -1 = 1"
    elif shape == (1, 3):
        assert text == "A[0,1] + A[0,0] = -1 + 2 = 1"     # A[0, j] + (Aᵀ)[i, 0]
