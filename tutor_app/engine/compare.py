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
