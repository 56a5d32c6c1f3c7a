"""Products: dot, mv, mm, matmul, outer, cross, det (``torch.linalg`` re-exports some).

Shape and dtype checks raise PyTorch's messages before any op runs.
"""

from __future__ import annotations

import math

import numpy as np

from . import functional as F
from .core import apply
from .ops import OPS

_CPP_NAMES = {"Long": "long int", "Float": "float", "Double": "double", "Int": "int",
              "Bool": "bool", "Half": "c10::Half", "Short": "short int", "Char": "signed char",
              "Byte": "unsigned char"}


def _same_dtype(a, b, message):
    if a._data.dtype != b._data.dtype:
        raise RuntimeError(message(a.dtype.short, b.dtype.short))


def dot(input, other):
    a, b = F.operands(input, other)
    if a._data.ndim != 1 or b._data.ndim != 1:
        raise RuntimeError(f"1D tensors expected, but got {a._data.ndim}D and {b._data.ndim}D "
                           "tensors")
    _same_dtype(a, b, lambda x, y: f"dot : expected both vectors to have same dtype, but found "
                                   f"{x} and {y}")
    n, m = a._data.shape[0], b._data.shape[0]
    if n != m:
        raise RuntimeError(f"inconsistent tensor size, expected tensor [{n}] and src [{m}] to "
                           f"have the same number of elements, but got {n} and {m} elements "
                           "respectively")
    return apply(OPS["dot"], (a, b))


inner = vdot = dot


def mv(input, vec):
    a, v = F.operands(input, vec)
    if a._data.ndim != 2 or v._data.ndim != 1:
        raise RuntimeError(f"vector + matrix @ vector expected, got {v._data.ndim}, "
                           f"{a._data.ndim}, {v._data.ndim}")
    if a._data.shape[1] != v._data.shape[0]:
        r, c = a._data.shape
        raise RuntimeError(f"size mismatch, got input ({r}), mat ({r}x{c}), vec "
                           f"({v._data.shape[0]})")
    _same_dtype(a, v, lambda x, y: f"expected m1 and m2 to have the same dtype, but got: "
                                   f"{_CPP_NAMES[x]} != {_CPP_NAMES[y]}")
    return apply(OPS["mv"], (a, v))


def mm(input, mat2):
    a, b = F.operands(input, mat2)
    if a._data.ndim != 2:
        raise RuntimeError("self must be a matrix")
    if b._data.ndim != 2:
        raise RuntimeError("mat2 must be a matrix")
    if a._data.shape[1] != b._data.shape[0]:
        (r1, c1), (r2, c2) = a._data.shape, b._data.shape
        raise RuntimeError(f"mat1 and mat2 shapes cannot be multiplied ({r1}x{c1} and "
                           f"{r2}x{c2})")
    _same_dtype(a, b, lambda x, y: f"expected m1 and m2 to have the same dtype, but got: "
                                   f"{_CPP_NAMES[x]} != {_CPP_NAMES[y]}")
    return apply(OPS["mm"], (a, b))


def matmul(input, other):
    a, b = F.operands(input, other)
    na, nb = a._data.ndim, b._data.ndim
    if na == 0 or nb == 0:
        raise RuntimeError(f"both arguments to matmul need to be at least 1D, but they are "
                           f"{na}D and {nb}D")
    if na == 1 and nb == 1:
        return dot(a, b)
    if na == 2 and nb == 1:
        return mv(a, b)
    if na == 2 and nb == 2:
        return mm(a, b)
    _same_dtype(a, b, lambda x, y: f"expected m1 and m2 to have the same dtype, but got: "
                                   f"{_CPP_NAMES[x]} != {_CPP_NAMES[y]}")
    k1 = a._data.shape[-1]
    k2 = b._data.shape[-2] if nb > 1 else b._data.shape[0]
    if k1 != k2:
        left = math.prod(a._data.shape[:-1]) if na > 1 else 1
        right = b._data.shape[-1] if nb > 1 else 1
        raise RuntimeError(f"mat1 and mat2 shapes cannot be multiplied ({left}x{k1} and "
                           f"{k2}x{right})")
    name = "vecmat" if na == 1 and nb == 2 else "matmul"
    return apply(OPS[name], (a, b))


def outer(input, vec2):
    a, b = F.operands(input, vec2)
    if a._data.ndim != 1 or b._data.ndim != 1:
        raise RuntimeError(f"outer: Expected 1-D argument self, but got {a._data.ndim}-D")
    a, b, arrays = F.promoted_pair(a, b)  # any two lengths: no broadcasting check
    if arrays is not None:
        return F.apply_cast(OPS["outer"], (a, b), arrays, {})
    return apply(OPS["outer"], (a, b))


ger = outer


def cross(input, other, dim=None):
    """``torch.cross``: with no ``dim``, the first axis of size 3 (PyTorch's old default)."""
    a, b = F.operands(input, other)
    if a._data.ndim != b._data.ndim:
        raise RuntimeError("linalg.cross: inputs must have the same number of dimensions.")
    if dim is None:
        pairs = zip(a._data.shape, b._data.shape, strict=False)
        dims = [i for i, (x, y) in enumerate(pairs) if x == y == 3]
        if not dims:
            raise RuntimeError("no dimension of size 3 in input")
        dim = dims[0]
    return _cross(a, b, dim)


def linalg_cross(input, other, *, dim=-1):
    a, b = F.operands(input, other)
    if a._data.ndim != b._data.ndim:
        raise RuntimeError("linalg.cross: inputs must have the same number of dimensions.")
    return _cross(a, b, dim)


def _cross(a, b, dim):
    d = F.wrap_dim(dim, a._data.ndim)
    if a._data.shape[d] != 3 or b._data.shape[d] != 3:
        raise RuntimeError(f"linalg.cross: inputs dimension {dim} must have length 3. Got "
                           f"{a._data.shape[d]} and {b._data.shape[d]}")
    return F.binary("cross", a, b, {"dim": d})


def det(A):
    a = F.to_tensor(A, caller="linalg_det", arg="A")
    if a._data.ndim < 2:
        raise RuntimeError("linalg.det: The input tensor A must have at least 2 dimensions.")
    r, c = a._data.shape[-2:]
    if r != c:
        raise RuntimeError(f"linalg.det: A must be batches of square matrices, but they are "
                           f"{r} by {c} matrices")
    F.prod_check_float(a, "linalg.det")
    return F.unary("det", a)


def inv(A):
    """``torch.linalg.inv``: the inverse of a square matrix (or of each in a batch)."""
    a = F.to_tensor(A, caller="linalg_inv", arg="A")
    if a._data.ndim < 2:
        raise RuntimeError("linalg.inv: The input tensor A must have at least 2 dimensions.")
    r, c = a._data.shape[-2:]
    if r != c:
        raise RuntimeError(f"linalg.inv: A must be batches of square matrices, but they are "
                           f"{r} by {c} matrices")
    F.prod_check_float(a, "linalg.inv")
    if np.any(np.linalg.matrix_rank(a._data) < r):
        raise RuntimeError("linalg.inv: The diagonal element 1 is zero, the inversion could "
                           "not be completed because the input matrix is singular.")
    return F.unary("inv", a)
