"""``torch.linalg``: the subset chapter 2 and the lessons use."""

from __future__ import annotations

from . import functional as _F
from .norms import matrix_norm, norm, svdvals, vector_norm
from .products import det, inv, matmul
from .products import linalg_cross as cross


def vecdot(x, y, *, dim=-1):
    return _F.sum(x * y, dim=dim)


__all__ = ["cross", "det", "inv", "matmul", "matrix_norm", "norm", "svdvals", "vecdot",
           "vector_norm"]
