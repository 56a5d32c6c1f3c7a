"""``var``, ``std``, ``prod``, ``trace``, ``diag`` and ``repeat``: torch-style functions over
their op-table entries (``ops_reduce``, ``ops_linalg``, ``ops_shape``).

Each checks its arguments the way PyTorch does, with PyTorch's words, then makes one node,
so the graph lab shows ``VarBackward0`` where PyTorch's ``grad_fn`` says so.
"""

from __future__ import annotations

import builtins
import warnings

import numpy as np

from .dtypes import from_numpy_dtype
from .functional import _pick_dim, operands, unary, wrap_dim, wrap_dims


def _spread(name: str, input, dim, unbiased, keepdim, correction, axis):
    (input,) = operands(input)
    if input._data.dtype.kind not in "fc":
        raise RuntimeError("std and var only support floating point and complex dtypes")
    if isinstance(dim, builtins.bool):  # var(x, True): the old (input, unbiased) overload
        dim, unbiased = None, dim
    dim = _pick_dim(dim, axis)
    if correction is None:
        correction = 0 if unbiased is False else 1
    dims = None if dim is None else wrap_dims(dim, input._data.ndim)
    kept = input._data.size if dims is None else int(np.prod([input.shape[d] for d in dims]))
    if kept - correction <= 0:
        warnings.warn(f"{name}(): degrees of freedom is <= 0. Correction should be strictly "
                      "less than the reduction factor (input numel divided by output numel).",
                      UserWarning, stacklevel=3)
    return unary(name, input, {"dim": dims, "correction": correction,
                               "keepdim": builtins.bool(keepdim)})


def var(input, dim=None, unbiased=None, keepdim=False, *, correction=None, axis=None):
    return _spread("var", input, dim, unbiased, keepdim, correction, axis)


def std(input, dim=None, unbiased=None, keepdim=False, *, correction=None, axis=None):
    return _spread("std", input, dim, unbiased, keepdim, correction, axis)


def prod(input, dim=None, keepdim=False, *, dtype=None):
    (input,) = operands(input)
    if dtype is not None:
        input = input.to(dtype)
    if input._data.dtype.kind in "bui" and input._data.dtype != np.int64:
        input = input.to(from_numpy_dtype(np.int64))  # PyTorch multiplies integers as int64
    if dim is None:
        return unary("prod", input)
    if not isinstance(dim, (builtins.int, np.integer)):
        raise TypeError(f"prod() received an invalid combination of arguments - got (Tensor, "
                        f"dim={type(dim).__name__}), but expected one of:")
    return unary("prod_dim", input, {"dim": (wrap_dim(builtins.int(dim), input._data.ndim),),
                                     "keepdim": builtins.bool(keepdim)})


def trace(input):
    (input,) = operands(input)
    if input._data.ndim != 2:
        raise RuntimeError(f"trace: expected a matrix, but got tensor with dim "
                           f"{input._data.ndim}")
    return unary("trace", input)


def diag(input, diagonal=0):
    (input,) = operands(input)
    ndim = input._data.ndim
    if ndim not in (1, 2):
        raise RuntimeError(f"diag(): Supports 1D or 2D tensors. Got {ndim}D")
    if diagonal:
        raise NotImplementedError("diag(): only the main diagonal (diagonal=0) is supported")
    return unary("diag_embed" if ndim == 1 else "diagonal", input)


def repeat(input, *repeats):
    """``x.repeat(2, 3)`` or ``x.repeat((2, 3))``: copies of ``x`` along each axis."""
    if len(repeats) == 1 and not isinstance(repeats[0], (builtins.int, np.integer)):
        repeats = tuple(repeats[0])
    repeats = tuple(builtins.int(r) for r in repeats)
    if len(repeats) < input._data.ndim:
        raise RuntimeError("Number of dimensions of repeat dims can not be smaller than number "
                           "of dimensions of tensor")
    if any(r < 0 for r in repeats):
        raise RuntimeError(f"Trying to create tensor with negative dimension "
                           f"{min(repeats)}: {list(repeats)}")
    return unary("repeat", input, {"repeats": repeats})
