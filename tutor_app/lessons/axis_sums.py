"""Lesson 8 logic: summing a (2, 3, 4) tensor along axes, and ``A / A.sum(axis=1)``.

Every value and every message shown comes from the engine (``tutor_app.engine``), which
behaves like PyTorch; numpy is used only for index bookkeeping (which cells collapse).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

import tutor_app.engine as torch

SHAPE = (2, 3, 4)
AXIS_CHOICES: tuple[tuple[int, ...], ...] = ((0,), (1,), (2,), (0, 1), (0, 2), (1, 2), (0, 1, 2))


def make_tensor():
    """The lesson's tensor, ``torch.arange(24).reshape(2, 3, 4)`` (int64, as in PyTorch)."""
    return torch.arange(24).reshape(*SHAPE)


def sum_code(axes: tuple[int, ...], keepdims: bool) -> str:
    """The PyTorch line the learner would type for this choice."""
    axis = str(axes[0]) if len(axes) == 1 else "(" + ", ".join(map(str, axes)) + ")"
    keep = ", keepdims=True" if keepdims else ""
    return f"X.sum(axis={axis}{keep})"


@dataclass(frozen=True)
class AxisSum:
    """One sum of the lesson tensor: what was asked and what the engine returned."""

    axes: tuple[int, ...]
    keepdims: bool
    code: str
    shape: tuple[int, ...]
    printed_shape: str       # ``torch.Size([3, 4])``, the engine's repr of ``out.shape``
    values: np.ndarray       # the engine's result as an array (for drawing)
    printed: str             # the engine's repr, as PyTorch prints it
    groups: np.ndarray       # shape (2, 3, 4): flat index of the output cell each input lands in


def collapse_groups(shape: tuple[int, ...], axes: tuple[int, ...]) -> np.ndarray:
    """For every input cell, the flat index of the output cell it is summed into.

    Cells with equal numbers collapse together: their coordinates agree on every kept axis.
    """
    kept = [ax for ax in range(len(shape)) if ax not in axes]
    kept_shape = tuple(shape[ax] for ax in kept)
    index = np.indices(shape)
    if not kept:
        return np.zeros(shape, dtype=int)
    return np.ravel_multi_index(tuple(index[ax] for ax in kept), kept_shape)


def sum_along(axes: tuple[int, ...], keepdims: bool) -> AxisSum:
    """Sum the lesson tensor with the engine along ``axes`` (an int tuple)."""
    axes = tuple(sorted(set(axes)))
    if not axes or any(ax not in (0, 1, 2) for ax in axes):
        raise ValueError(f"axes must be a non-empty subset of (0, 1, 2), got {axes}")
    X = make_tensor()
    dim = axes[0] if len(axes) == 1 else axes
    out = X.sum(axis=dim, keepdims=keepdims)
    return AxisSum(
        axes=axes,
        keepdims=keepdims,
        code=sum_code(axes, keepdims),
        shape=tuple(out.shape),
        printed_shape=repr(out.shape),
        values=np.array(out.tolist()),
        printed=repr(out),
        groups=collapse_groups(SHAPE, axes),
    )


# --- A / A.sum(axis=1) ----------------------------------------------------------------------

@dataclass(frozen=True)
class Division:
    """The outcome of ``A / A.sum(axis=1[, keepdims=True])`` for one A."""

    code: str                # "A / A.sum(axis=1, keepdims=True)"
    sums_code: str           # "A.sum(axis=1, keepdims=True)"
    a_printed: str
    sums_printed: str        # A.sum(axis=1[, keepdims]) as printed
    sums_shape: tuple[int, ...]
    ok: bool
    error: str | None        # "RuntimeError: The size of tensor a ..." when it fails
    printed: str | None      # the quotient as printed
    row_sums: str | None     # (A / ...).sum(axis=1) as printed: all ones only when right
    rows_sum_to_one: bool
    a_values: np.ndarray     # A, for drawing
    sums_values: np.ndarray  # A.sum(axis=1[, keepdims]), for drawing


def matrix_for(rows: int) -> object:
    """The book's A: ``torch.arange(rows * 4, dtype=torch.float32).reshape(rows, 4)``."""
    return torch.arange(rows * 4, dtype=torch.float32).reshape(rows, 4)


def divide_by_row_sums(rows: int, keepdims: bool) -> Division:
    """Run ``A / A.sum(axis=1, keepdims=...)`` with the engine for a ``rows`` × 4 matrix A."""
    if rows not in (4, 5):
        raise ValueError("rows must be 5 (the book's A) or 4 (a square A)")
    A = matrix_for(rows)
    keep = ", keepdims=True" if keepdims else ""
    sums_code = f"A.sum(axis=1{keep})"
    sums = A.sum(axis=1, keepdims=keepdims)
    common = dict(code=f"A / {sums_code}", sums_code=sums_code, a_printed=repr(A),
                  sums_printed=repr(sums), sums_shape=tuple(sums.shape),
                  a_values=np.array(A.tolist()), sums_values=np.array(sums.tolist()))
    try:
        quotient = A / sums
    except RuntimeError as exc:
        return Division(**common, ok=False, error=f"RuntimeError: {exc}", printed=None,
                        row_sums=None, rows_sum_to_one=False)
    row_sums = quotient.sum(axis=1)
    ones = torch.ones(rows)
    # The engine decides; the tolerance is float32's.
    close = bool((row_sums - ones).abs().max().item() < 1e-5)
    return Division(**common, ok=True, error=None, printed=repr(quotient),
                    row_sums=repr(row_sums), rows_sum_to_one=close)


def members(result: AxisSum, group: int) -> list[tuple[int, ...]]:
    """The input cells (i, j, k) that are summed into output cell ``group`` (row-major)."""
    return [tuple(int(v) for v in idx) for idx in np.argwhere(result.groups == group)]


def output_value(result: AxisSum, group: int) -> float:
    """The engine's value of output cell ``group`` (row-major over the result)."""
    return float(np.asarray(result.values).reshape(-1)[group])


@dataclass(frozen=True)
class DivisorPicture:
    """How broadcasting lays the row sums against A: the grid to draw and what is copied."""

    values: np.ndarray       # 2-D grid of the divisor as broadcasting sees it
    copied: np.ndarray       # bool: cells that broadcasting copies (not stored)
    fits: bool               # False: the trailing axes clash, nothing is copied


def divisor_picture(d: Division) -> DivisorPicture:
    """The divisor as broadcast against A (right-aligned shapes), for the figure.

    (r, 1) is copied across the columns; (n,) is read as one row (1, n) and copied down
    when n equals A's column count — the square case — and clashes otherwise.
    """
    rows, cols = d.a_values.shape
    sums = np.asarray(d.sums_values, dtype=float)
    if sums.ndim == 2:                                   # keepdims: (rows, 1)
        grid = np.repeat(sums, cols, axis=1)
        copied = np.ones_like(grid, dtype=bool)
        copied[:, 0] = False
        return DivisorPicture(grid, copied, True)
    row = sums.reshape(1, -1)
    if row.shape[1] != cols:                              # (5,) against 4 columns
        return DivisorPicture(row, np.zeros_like(row, dtype=bool), False)
    grid = np.repeat(row, rows, axis=0)                   # square A: the sums run along a row
    copied = np.ones_like(grid, dtype=bool)
    copied[0, :] = False
    return DivisorPicture(grid, copied, True)
