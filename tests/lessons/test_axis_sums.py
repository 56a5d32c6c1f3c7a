"""Lesson 8 logic against numpy: every axis choice with and without keepdims, and A / A.sum."""

from __future__ import annotations

import numpy as np
import pytest

from tutor_app.lessons import axis_sums

X = np.arange(24).reshape(2, 3, 4)


@pytest.mark.parametrize("keepdims", [False, True])
@pytest.mark.parametrize("axes", axis_sums.AXIS_CHOICES)
def test_every_axis_choice_matches_numpy(axes, keepdims):
    result = axis_sums.sum_along(axes, keepdims)
    expected = X.sum(axis=axes, keepdims=keepdims)
    assert result.shape == expected.shape
    np.testing.assert_array_equal(np.asarray(result.values).reshape(expected.shape), expected)
    assert result.printed.startswith("tensor(")
    assert result.printed_shape == f"torch.Size({list(expected.shape)})"


def test_notes_exercise_7_true_shapes():
    shapes = [axis_sums.sum_along((k,), False).shape for k in range(3)]
    assert shapes == [(3, 4), (2, 4), (2, 3)]


@pytest.mark.parametrize("axes", axis_sums.AXIS_CHOICES)
def test_collapsed_groups_sum_to_the_output_cell(axes):
    result = axis_sums.sum_along(axes, False)
    n_out = int(np.prod(result.shape)) if result.shape else 1
    assert sorted(set(result.groups.ravel())) == list(range(n_out))
    for group in range(n_out):
        cells = axis_sums.members(result, group)
        assert len(cells) == 24 // n_out
        assert sum(X[c] for c in cells) == axis_sums.output_value(result, group)


def test_code_line_reads_like_pytorch():
    assert axis_sums.sum_code((1,), False) == "X.sum(axis=1)"
    assert axis_sums.sum_code((0, 2), True) == "X.sum(axis=(0, 2), keepdims=True)"


def test_bad_axes_are_refused():
    with pytest.raises(ValueError):
        axis_sums.sum_along((3,), False)
    with pytest.raises(ValueError):
        axis_sums.sum_along((), False)


def test_book_A_without_keepdims_gives_the_real_error():
    d = axis_sums.divide_by_row_sums(5, keepdims=False)
    assert not d.ok
    assert d.sums_shape == (5,)
    assert d.error == ("RuntimeError: The size of tensor a (4) must match the size of tensor b "
                       "(5) at non-singleton dimension 1")


def test_keepdims_makes_rows_sum_to_one():
    d = axis_sums.divide_by_row_sums(5, keepdims=True)
    assert d.ok and d.rows_sum_to_one
    assert d.sums_shape == (5, 1)
    A = np.arange(20, dtype=np.float32).reshape(5, 4)
    assert "tensor([[" in d.printed
    np.testing.assert_allclose((A / A.sum(1, keepdims=True)).sum(1), 1, rtol=1e-6)


def test_square_A_is_silently_wrong():
    d = axis_sums.divide_by_row_sums(4, keepdims=False)
    assert d.ok and not d.rows_sum_to_one
    A = np.arange(16, dtype=np.float32).reshape(4, 4)
    wrong = A / A.sum(axis=1)                      # column j divided by the sum of row j
    assert not np.allclose(wrong.sum(1), 1)
    assert axis_sums.divide_by_row_sums(4, keepdims=True).rows_sum_to_one


def test_square_A_numbers_match_numpy():
    torch = pytest.importorskip("tutor_app.engine")
    A = axis_sums.matrix_for(4)
    out = (A / A.sum(axis=1)).tolist()
    a = np.arange(16, dtype=np.float32).reshape(4, 4)
    np.testing.assert_allclose(out, a / a.sum(axis=1), rtol=1e-6)
    assert torch is not None


def test_divisor_pictures_follow_broadcasting():
    keep = axis_sums.divisor_picture(axis_sums.divide_by_row_sums(5, keepdims=True))
    A = np.arange(20.0).reshape(5, 4)
    np.testing.assert_array_equal(keep.values, np.broadcast_to(A.sum(1, keepdims=True), (5, 4)))
    assert keep.fits and not keep.copied[:, 0].any() and keep.copied[:, 1:].all()

    clash = axis_sums.divisor_picture(axis_sums.divide_by_row_sums(5, keepdims=False))
    assert not clash.fits and clash.values.shape == (1, 5) and not clash.copied.any()

    square = axis_sums.divisor_picture(axis_sums.divide_by_row_sums(4, keepdims=False))
    S = np.arange(16.0).reshape(4, 4)
    np.testing.assert_array_equal(square.values, np.broadcast_to(S.sum(1), (4, 4)))
    assert square.fits and square.copied[1:].all() and not square.copied[0].any()
