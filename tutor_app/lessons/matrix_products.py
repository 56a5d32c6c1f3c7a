"""Matrix–vector and matrix–matrix products: row × column cells, the shape rule, and a 2×2 A
as a map of the plane.

Every product, printed form and shape error comes from the engine (``torch.mv``,
``torch.mm``, ``@``), so the learner sees what PyTorch prints; which cells a result cell
reads (a row of A, a column of B) is index bookkeeping, done here with numpy masks.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

import tutor_app.engine as torch

MAX_SIDE = 4
OPERATIONS = ("matmul", "mm", "mv")
CODE = {"matmul": "A @ B", "mm": "torch.mm(A, B)", "mv": "torch.mv(A, x)"}
DEFAULT_SHAPES = {"a": (2, 3), "b": (3, 2)}


def operand(shape: tuple[int, ...], start: int = 0) -> np.ndarray:
    """``torch.arange(start, start + size).reshape(shape)`` as floats: the learner can type
    the same tensors in the console."""
    size = int(np.prod(shape))
    return np.arange(start, start + size, dtype=float).reshape(shape)


def operands(op: str, a_shape: tuple[int, int], b_rows: int,
             b_cols: int) -> tuple[np.ndarray, np.ndarray]:
    """A of ``a_shape`` and B of ``(b_rows, b_cols)`` — or, for ``torch.mv``, x of
    ``(b_rows,)``; B starts at 1 so that no product is all zeros."""
    b_shape = (b_rows,) if op == "mv" else (b_rows, b_cols)
    return operand(a_shape), operand(b_shape, start=1)


@dataclass(frozen=True)
class Product:
    """The engine's result of ``CODE[op]``, or its error for these shapes."""

    op: str
    code: str
    a: np.ndarray
    b: np.ndarray
    result: np.ndarray | None
    printed: str
    error: str | None

    @property
    def cells(self) -> int:
        return 0 if self.result is None else self.result.size

    @property
    def shape_rule(self) -> str:
        """``(2×3)(3×2) → (2×2)``: the inner sizes must agree, the outer ones remain."""
        a = "×".join(map(str, self.a.shape))
        b = "×".join(map(str, self.b.shape))
        out = "?" if self.result is None else "×".join(map(str, self.result.shape))
        return f"({a})({b}) → ({out})"


def multiply(op: str, a: np.ndarray, b: np.ndarray) -> Product:
    """Run ``CODE[op]`` with the engine on float32 tensors made from ``a`` and ``b``."""
    if op not in OPERATIONS:
        raise ValueError(f"unknown operation {op!r}")
    A = torch.tensor(np.asarray(a, dtype=float).tolist())
    B = torch.tensor(np.asarray(b, dtype=float).tolist())
    try:
        if op == "mv":
            out = torch.mv(A, B)
        elif op == "mm":
            out = torch.mm(A, B)
        else:
            out = A @ B
    except RuntimeError as exc:
        return Product(op, CODE[op], np.asarray(a, float), np.asarray(b, float), None, "",
                       str(exc))
    return Product(op, CODE[op], np.asarray(a, float), np.asarray(b, float),
                   np.asarray(out.tolist()), repr(out), None)


@dataclass(frozen=True)
class CellReads:
    """For result cell ``(i, j)``: the row of A and the column of B (or all of x) it reads."""

    index: tuple[int, ...]
    a: np.ndarray
    b: np.ndarray
    result: np.ndarray


def reads(product: Product, k: int) -> CellReads:
    """The cells result cell ``k`` (row-major) is made from: row i of A, column j of B."""
    a_mask = np.zeros(product.a.shape, dtype=bool)
    b_mask = np.zeros(product.b.shape, dtype=bool)
    if product.result is None:
        return CellReads((), a_mask, b_mask, np.zeros((), dtype=bool))
    index = tuple(int(v) for v in np.unravel_index(k % product.result.size,
                                                    product.result.shape))
    out_mask = np.zeros(product.result.shape, dtype=bool)
    out_mask[index] = True
    a_mask[index[0], :] = True
    if product.b.ndim == 1:
        b_mask[:] = True
    else:
        b_mask[:, index[1]] = True
    return CellReads(index, a_mask, b_mask, out_mask)


def describe_cell(product: Product, k: int) -> str:
    """``C[0,1] = A[0,:]·B[:,1] = 0·2 + 1·4 + 2·6 = 16``, with the engine's numbers."""
    if product.result is None:
        return ""
    cell = reads(product, k)
    i = cell.index[0]
    row = product.a[i]
    if product.b.ndim == 1:
        column, name, where = product.b, f"y[{i}]", "x"
    else:
        j = cell.index[1]
        column, name, where = product.b[:, j], f"C[{i},{j}]", f"B[:,{j}]"
    terms = " + ".join(f"{p:g}·{q:g}" for p, q in zip(row, column, strict=True))
    return f"{name} = A[{i},:]·{where} = {terms} = {product.result[cell.index]:g}"


# --- a 2×2 A as a map of the plane ----------------------------------------------------------

DEFAULT_MAP = np.array([[2.0, 1.0], [0.5, 1.5]])      # columns a₁ = (2, 0.5), a₂ = (1, 1.5)
DEFAULT_X = (-1.0, 1.5)
UNIT_SQUARE = np.array([[0.0, 0.0], [1.0, 0.0], [1.0, 1.0], [0.0, 1.0]])


@dataclass(frozen=True)
class PlaneMap:
    """Ax two ways (columns, rows), where the unit square goes, and det A — all from the
    engine (``torch.mv``, ``torch.linalg.det``)."""

    a: np.ndarray                  # (2, 2): its columns are where ê₁ and ê₂ land
    x: np.ndarray                  # (2,)
    ax: np.ndarray                 # A x
    by_columns: tuple[np.ndarray, np.ndarray]    # x₁·a₁ and x₂·a₂, which add up to Ax
    by_rows: tuple[float, float]                 # row₁·x and row₂·x, the two entries of Ax
    square_image: np.ndarray       # (4, 2): A applied to the unit square's corners
    det: float

    @property
    def area(self) -> float:
        """The parallelogram's area: |det A| (the unit square's area is 1)."""
        return abs(self.det)


def plane_map(a: np.ndarray, x: tuple[float, float]) -> PlaneMap:
    """A 2×2 ``a`` applied to ``x`` and to the unit square."""
    A = torch.tensor(np.asarray(a, dtype=float).tolist())
    X = torch.tensor([float(x[0]), float(x[1])])
    ax = np.asarray(torch.mv(A, X).tolist())
    a_np, x_np = np.asarray(A.tolist()), np.asarray(X.tolist())
    by_columns = (x_np[0] * a_np[:, 0], x_np[1] * a_np[:, 1])
    by_rows = tuple(float(torch.dot(A[i], X).item()) for i in range(2))
    corners = torch.tensor(UNIT_SQUARE.tolist())
    square_image = np.asarray(torch.mm(corners, A.T).tolist())    # each corner c → A c
    det = float(torch.linalg.det(A).item())
    return PlaneMap(a_np, x_np, ax, by_columns, by_rows, square_image, det)


def with_column(a: np.ndarray, column: int, tip: tuple[float, float]) -> np.ndarray:
    """``a`` with column ``column`` moved to ``tip`` (dragging a₁ or a₂ changes A)."""
    out = np.array(a, dtype=float)
    out[:, column] = tip
    return out
