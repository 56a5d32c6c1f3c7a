"""Lesson 3 logic: scalars, vectors, matrices and tensors; transpose, A + Aᵀ, Hadamard product,
sum and mean on small editable matrices.

Values, printed forms and errors come from the engine (float32, as the book's tensors are).
Which input cells a result cell reads is index bookkeeping, done here with numpy masks.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

import tutor_app.engine as torch

MAX_SIDE = 4
OPERATIONS = ("transpose", "symmetric", "hadamard", "sum", "mean")
CODE = {
    "transpose": "A.T",
    "symmetric": "A + A.T",
    "hadamard": "A * B",
    "sum": "A.sum()",
    "mean": "A.mean()",
}
KINDS = ("scalar", "vector", "matrix", "tensor")
KIND_CODE = {
    "scalar": "x = torch.tensor(3.0)",
    "vector": "x = torch.arange(4)",
    "matrix": "A = torch.arange(6).reshape(3, 2)",
    "tensor": "X = torch.arange(24).reshape(2, 3, 4)",
}


@dataclass(frozen=True)
class KindExample:
    key: str
    code: str
    values: np.ndarray
    printed: str
    shape: str
    ndim: int
    length: int | None      # len(x); None for a 0-d tensor (len() raises TypeError)


def kind_example(key: str) -> KindExample:
    """One of scalar / vector / matrix / tensor, made and described by the engine."""
    make = {
        "scalar": lambda: torch.tensor(3.0),
        "vector": lambda: torch.arange(4),
        "matrix": lambda: torch.arange(6).reshape(3, 2),
        "tensor": lambda: torch.arange(24).reshape(2, 3, 4),
    }[key]
    t = make()
    try:
        length = len(t)
    except TypeError:
        length = None
    return KindExample(key, KIND_CODE[key], np.asarray(t.tolist()), repr(t), repr(t.shape),
                       t.ndim, length)


@dataclass(frozen=True)
class Operation:
    """The result of one operation on A (and B), or the engine's error for these shapes."""

    op: str
    code: str
    a: np.ndarray
    b: np.ndarray | None
    result: np.ndarray | None
    printed: str
    error: str | None
    symmetric: bool | None = None     # for A + Aᵀ: the engine's (S == S.T).all()

    @property
    def cells(self) -> int:
        return 0 if self.result is None else max(1, self.result.size)


def apply(op: str, a: np.ndarray, b: np.ndarray | None = None) -> Operation:
    """Run ``CODE[op]`` with the engine on float32 tensors made from ``a`` and ``b``."""
    if op not in OPERATIONS:
        raise ValueError(f"unknown operation {op!r}")
    A = torch.tensor(np.asarray(a, dtype=float).tolist())
    B = None if b is None else torch.tensor(np.asarray(b, dtype=float).tolist())
    try:
        if op == "transpose":
            out = A.T
        elif op == "symmetric":
            out = A + A.T
        elif op == "hadamard":
            if B is None:
                raise ValueError("the Hadamard product needs B")
            out = A * B
        elif op == "sum":
            out = A.sum()
        else:
            out = A.mean()
    except RuntimeError as exc:
        return Operation(op, CODE[op], np.asarray(A.tolist()), None if B is None else
                         np.asarray(B.tolist()), None, "", str(exc))
    symmetric = bool((out == out.T).all().item()) if op == "symmetric" else None
    return Operation(op, CODE[op], np.asarray(A.tolist()),
                     None if B is None else np.asarray(B.tolist()), np.asarray(out.tolist()),
                     repr(out), None, symmetric)


@dataclass(frozen=True)
class Reads:
    """For one result cell: the cells of A and B it reads, and the cell itself."""

    a: np.ndarray
    b: np.ndarray | None
    result: np.ndarray


def _source(shape: tuple[int, ...], i: int, j: int) -> tuple[int, int]:
    """The cell of an operand of ``shape`` that broadcasting sends to result cell (i, j).

    An axis of length 1 is stretched, so every result row (or column) reads its only entry;
    this is what makes ``A + A.T`` of shape (3, 1) + (1, 3) a (3, 3) result.
    """
    return (i if shape[0] > 1 else 0, j if shape[1] > 1 else 0)


def _symmetric_sources(a_shape: tuple[int, int], i: int, j: int) -> tuple[tuple[int, int], ...]:
    """The two cells of A that ``(A + A.T)[i, j]`` adds: A's own cell and the cell Aᵀ takes
    from A (Aᵀ[p, q] = A[q, p]); equal to (i, j) and (j, i) when A is square."""
    p, q = _source(a_shape, i, j)
    r, s = _source((a_shape[1], a_shape[0]), i, j)
    return (p, q), (s, r)


def reads(operation: Operation, k: int) -> Reads:
    """The cells result cell ``k`` (row-major) is computed from."""
    a_shape = operation.a.shape
    a_mask = np.zeros(a_shape, dtype=bool)
    b_mask = None if operation.b is None else np.zeros(operation.b.shape, dtype=bool)
    if operation.result is None:
        return Reads(a_mask, b_mask, np.zeros((), dtype=bool))
    out_mask = np.zeros(operation.result.shape, dtype=bool)
    if operation.result.ndim == 0:          # sum and mean read every cell
        a_mask[...] = True
        return Reads(a_mask, b_mask, np.ones((), dtype=bool))
    i, j = np.unravel_index(k % operation.result.size, operation.result.shape)
    out_mask[i, j] = True
    if operation.op == "transpose":
        a_mask[j, i] = True
    elif operation.op == "symmetric":
        for cell in _symmetric_sources(a_shape, i, j):
            a_mask[cell] = True
    else:
        a_mask[_source(a_shape, i, j)] = True
        if b_mask is not None:
            b_mask[_source(b_mask.shape, i, j)] = True
    return Reads(a_mask, b_mask, out_mask)


def describe_read(operation: Operation, k: int) -> str:
    """The arithmetic of result cell ``k``, with the numbers the engine used."""
    if operation.result is None:
        return ""
    a = operation.a
    if operation.result.ndim == 0:
        terms = " + ".join(f"{x:g}" for x in a.ravel()).replace("+ -", "− ")
        if operation.op == "sum":
            return f"{terms} = {operation.result.item():g}"
        return f"({terms}) / {a.size} = {operation.result.item():g}"
    i, j = np.unravel_index(k % operation.result.size, operation.result.shape)
    value = f"{operation.result[i, j]:g}"
    if operation.op == "transpose":
        return f"(Aᵀ)[{i},{j}] = A[{j},{i}] = {value}"
    if operation.op == "symmetric":
        (p, q), (r, s) = _symmetric_sources(a.shape, i, j)
        return f"A[{p},{q}] + A[{r},{s}] = {a[p, q]:g} + {a[r, s]:g} = {value}"
    p, q = _source(a.shape, i, j)
    r, s = _source(operation.b.shape, i, j)
    return f"A[{p},{q}] · B[{r},{s}] = {a[p, q]:g} · {operation.b[r, s]:g} = {value}"


def parse_entry(text: str) -> float | None:
    """A table entry as a float, or None if it is not a finite number."""
    try:
        value = float(text.strip().replace("−", "-"))
    except ValueError:
        return None
    return value if np.isfinite(value) else None


def resized(matrix: np.ndarray, shape: tuple[int, int]) -> np.ndarray:
    """``matrix`` cut or zero-padded to ``shape``: the entries the learner typed are kept."""
    out = np.zeros(shape)
    rows, cols = min(shape[0], matrix.shape[0]), min(shape[1], matrix.shape[1])
    out[:rows, :cols] = matrix[:rows, :cols]
    return out


DEFAULT_A = np.array([[1.0, 2.0, 0.0], [3.0, -1.0, 4.0], [0.0, 5.0, 2.0]])
DEFAULT_B = np.array([[2.0, 0.5, 1.0], [1.0, 3.0, -2.0], [0.0, 1.0, 1.0]])
