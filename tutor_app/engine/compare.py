"""Comparisons: ``torch.eq/ne/lt/le/gt/ge`` and their long names, ``isclose``, ``allclose``,
``equal``. They carry no gradient and give bool tensors (``equal``/``allclose``: a bool)."""

from __future__ import annotations

import builtins

import numpy as np

from . import functional as F
from .broadcast import broadcast_shapes
from .core import TensorBase, new_like


def _is_tensor(value) -> bool:
    return isinstance(value, TensorBase)


def _type_name(value) -> str:
    return "Tensor" if _is_tensor(value) else type(value).__name__


def _comparison(ufunc, name):
    def compare(input, other):
        if not _is_tensor(input):
            raise TypeError(
                f"{name}() received an invalid combination of arguments - got "
                f"({_type_name(input)}, {_type_name(other)}), but expected one of:\n"
                " * (Tensor input, Tensor other, *, Tensor out = None)\n"
                " * (Tensor input, Number other, *, Tensor out = None)\n")
        a, b, arrays = F.promoted_pair(input, other)
        x, y = arrays or (a._data, b._data)
        broadcast_shapes(x.shape, y.shape)
        return new_like(a, np.asarray(ufunc(x, y)))
    compare.__name__ = name
    compare.__doc__ = f"``torch.{name}``: elementwise, a bool tensor (no gradient)."
    return compare


eq = _comparison(np.equal, "eq")
ne = _comparison(np.not_equal, "ne")
lt = _comparison(np.less, "lt")
le = _comparison(np.less_equal, "le")
gt = _comparison(np.greater, "gt")
ge = _comparison(np.greater_equal, "ge")
not_equal, less, less_equal, greater, greater_equal = ne, lt, le, gt, ge


def _tensor_pair(name, input, other):
    for position, value, arg in ((1, input, "input"), (2, other, "other")):
        if not _is_tensor(value):
            raise TypeError(f"{name}(): argument '{arg}' (position {position}) must be Tensor, "
                            f"not {type(value).__name__}")


def isclose(input, other, rtol=1e-05, atol=1e-08, equal_nan=False):
    """``|input − other| ≤ atol + rtol·|other|`` elementwise; same dtypes required."""
    _tensor_pair("isclose", input, other)
    x, y = input._data, other._data
    if x.dtype != y.dtype:
        raise RuntimeError(f"{input.dtype.short} did not match {other.dtype.short}")
    broadcast_shapes(x.shape, y.shape)
    if x.dtype.kind == "b":
        return new_like(input, np.asarray(x == y))
    return new_like(input, np.asarray(np.isclose(x, y, rtol=rtol, atol=atol, equal_nan=equal_nan)))


def allclose(input, other, rtol=1e-05, atol=1e-08, equal_nan=False) -> bool:
    _tensor_pair("allclose", input, other)
    return builtins.bool(isclose(input, other, rtol, atol, equal_nan)._data.all())


def equal(input, other) -> bool:
    """True when both have the same shape and the same values (dtypes may differ)."""
    _tensor_pair("equal", input, other)
    x, y = input._data, other._data
    return builtins.bool(x.shape == y.shape and (x == y).all())


# --- predicates, logic, and what is nonzero (bool or int64 results, no gradient) --------
def _predicate(ufunc, name):
    def predicate(input):
        return new_like(input, np.asarray(ufunc(input._data)))
    predicate.__name__ = name
    predicate.__doc__ = f"``torch.{name}``: elementwise, a bool tensor."
    return predicate


isnan = _predicate(np.isnan, "isnan")
isinf = _predicate(np.isinf, "isinf")
isfinite = _predicate(np.isfinite, "isfinite")
logical_not = _predicate(np.logical_not, "logical_not")


def _logical(ufunc, name):
    def logical(input, other):
        a, b = F.operands(input, other)
        broadcast_shapes(a._data.shape, b._data.shape)
        return new_like(a, np.asarray(ufunc(a._data, b._data)))
    logical.__name__ = name
    logical.__doc__ = f"``torch.{name}``: elementwise on truth values, a bool tensor."
    return logical


logical_and = _logical(np.logical_and, "logical_and")
logical_or = _logical(np.logical_or, "logical_or")
logical_xor = _logical(np.logical_xor, "logical_xor")


def _reduce_truth(fn, name):
    def reduce(input, dim=None, keepdim=False):
        if dim is None:
            return new_like(input, np.asarray(fn(input._data)))
        d = F.wrap_dim(dim, input._data.ndim)
        return new_like(input, np.asarray(fn(input._data, axis=d, keepdims=keepdim)))
    reduce.__name__ = name
    reduce.__doc__ = f"``torch.{name}``: a bool tensor, over every entry or along ``dim``."
    return reduce


all = _reduce_truth(np.all, "all")  # noqa: A001
any = _reduce_truth(np.any, "any")  # noqa: A001


def count_nonzero(input, dim=None):
    """``torch.count_nonzero``: how many entries are not zero (int64)."""
    axis = None if dim is None else F.wrap_dims(dim, input._data.ndim)
    return new_like(input, np.asarray(np.count_nonzero(input._data, axis=axis), np.int64))


def nonzero(input):
    """``torch.nonzero``: the index of each nonzero entry, one row per entry (int64)."""
    return new_like(input, np.argwhere(input._data).astype(np.int64))


def argsort(input, dim=-1, descending=False, stable=False):
    """``torch.argsort``: the indices that sort ``input`` along ``dim`` (int64)."""
    d = F.wrap_dim(dim, builtins.max(input._data.ndim, 1))
    data = -input._data if descending and input._data.dtype.kind != "b" else input._data
    order = np.argsort(data, axis=d if input._data.ndim else None, kind="stable")
    return new_like(input, np.asarray(order, np.int64).reshape(input._data.shape))


def unique(input, sorted=True, return_inverse=False, return_counts=False, dim=None):  # noqa: A002
    """``torch.unique``: the distinct values, sorted; with the inverse indices and the
    counts when asked (no gradient, as in PyTorch)."""
    values, inverse, counts = np.unique(input._data, return_inverse=True, return_counts=True)
    out = [new_like(input, values)]
    if return_inverse:
        out.append(new_like(input, inverse.reshape(input._data.shape).astype(np.int64)))
    if return_counts:
        out.append(new_like(input, counts.astype(np.int64)))
    return out[0] if len(out) == 1 else tuple(out)
