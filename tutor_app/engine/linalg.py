"""``torch.linalg``: the subset chapter 2 and the lessons use."""

from __future__ import annotations

from . import functional as _F
from .products import det, matmul
from .products import linalg_cross as cross
from .products import linalg_norm as norm

vector_norm = _F.vector_norm


def vecdot(x, y, *, dim=-1):
    return _F.sum(x * y, dim=dim)


__all__ = ["cross", "det", "matmul", "norm", "vecdot", "vector_norm"]
