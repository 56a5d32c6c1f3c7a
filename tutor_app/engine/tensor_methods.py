"""Operators and math methods of ``Tensor``, as mixins it inherits: each a one-line call
into the op table (through ``functional``, ``products``, ``shapes`` …).

Kept apart from tensor.py so that file stays about state, conversion and autograd. Nothing
here is attached to ``Tensor`` from outside: ``class Tensor(Operators, Comparisons, …)``.
"""

from __future__ import annotations

import numbers

import numpy as np

from . import compare, core, indexing, norms, products, shapes, statistics, versions
from . import functional as F
from .broadcast import broadcast_shapes
from .core import new_like
from .dtypes import result_type
from .ops import OPS

_ADD, _SUB, _RSUB, _MUL, _DIV, _RDIV = (OPS[n] for n in ("add", "sub", "rsub", "mul", "div",
                                                          "rdiv"))
_binary = F.binary_op


def _mod(a, b):
    a, b, arrays = F.promoted_pair(a, b)
    x, y = arrays or (a._data, b._data)
    return new_like(a, np.asarray(np.mod(x, y)))


# What PyTorch's operators take: a tensor or a number (NumPy scalars count).
_OPERANDS = (core.TensorBase, numbers.Number, np.generic)


def _operator(op, a, b):
    """An operator's general path. Anything but a tensor or a number (a list, a NumPy array)
    gets NotImplemented, as from PyTorch, so Python asks the other side: ``t + [1.]`` is
    Python's TypeError, ``t + np.ones(2)`` NumPy's sum (interop.with_arrays)."""
    return _binary(op, a, b) if isinstance(b, _OPERANDS) else NotImplemented


def _declines(fn):
    """``fn(self, other)`` as an operator: NotImplemented for what is not an operand."""
    def operator_method(self, other):
        return fn(self, other) if isinstance(other, _OPERANDS) else NotImplemented
    operator_method.__name__ = fn.__name__
    return operator_method


class Operators:
    """``+ − × ÷ ** @``, unary ``−``/``abs``, ``//`` and ``%``."""

    __slots__ = ()
    __add__ = core.fast_binary(_ADD, _operator)
    __sub__ = core.fast_binary(_SUB, _operator)
    __mul__ = core.fast_binary(_MUL, _operator)

    @_declines
    def __radd__(self, other):
        return _binary(_ADD, other, self)

    @_declines
    def __rsub__(self, other):
        return _binary(_RSUB, other, self)

    @_declines
    def __rmul__(self, other):
        return _binary(_MUL, other, self)

    @_declines
    def __truediv__(self, other):
        return _binary(_DIV, self, other)

    @_declines
    def __rtruediv__(self, other):
        return _binary(_RDIV, other, self)

    @_declines
    def __pow__(self, other):
        return F.pow(self, other)

    @_declines
    def __rpow__(self, other):
        return F.pow(other, self)

    @_declines
    def __matmul__(self, other):
        return products.matmul(self, other)

    @_declines
    def __rmatmul__(self, other):
        return products.matmul(other, self)

    def __neg__(self):
        return F.unary("neg", self)

    def __pos__(self):
        return self

    def __abs__(self):
        return F.unary("abs", self)

    @_declines
    def __floordiv__(self, other):
        return F.div(self, other, rounding_mode="floor")

    @_declines
    def __rfloordiv__(self, other):
        return F.div(F.to_tensor(other, self), self, rounding_mode="floor")

    @_declines
    def __mod__(self, other):
        return _mod(self, other)

    @_declines
    def __rmod__(self, other):
        return _mod(other, self)


def _logic(ufunc):
    def logic(self, other):
        a, b, arrays = F.promoted_pair(self, other)
        x, y = arrays or (a._data, b._data)
        broadcast_shapes(x.shape, y.shape)
        return new_like(a, np.asarray(ufunc(x, y)))
    return logic


def _logical(fn):
    def reduce(self, dim=None, keepdim=False):
        if dim is None:
            return new_like(self, np.asarray(fn(self._data)))
        d = F.wrap_dim(dim, self._data.ndim)
        return new_like(self, np.asarray(fn(self._data, axis=d, keepdims=keepdim)))
    return reduce


def _equality(fn, takes_arrays: bool):
    """``==``/``!=`` as PyTorch's: a tensor or a number, and for ``==`` a NumPy array too;
    anything else declined (Python then compares identities: ``t == [1.]`` is False)."""
    def method(self, other):
        if isinstance(other, _OPERANDS) or (takes_arrays and isinstance(other, np.ndarray)):
            return fn(self, other)
        return NotImplemented
    method.__name__ = fn.__name__
    return method


def _ordering(fn, symbol: str):
    """``< <= > >=`` as PyTorch's: a tensor or a number; a NumPy array is refused here in
    the order written (declining would let NumPy answer with the mirrored symbol)."""
    def method(self, other):
        if isinstance(other, _OPERANDS):
            return fn(self, other)
        if isinstance(other, np.ndarray):
            raise TypeError(f"'{symbol}' not supported between instances of 'Tensor' and "
                            "'numpy.ndarray'")
        return NotImplemented
    method.__name__ = fn.__name__
    return method


class Comparisons:
    """``== != < <= > >=`` and their names, closeness, logic (no gradient, bool results)."""

    __slots__ = ()
    __eq__ = _equality(compare.eq, takes_arrays=True)
    __ne__ = _equality(compare.ne, takes_arrays=False)
    __lt__, __le__ = _ordering(compare.lt, "<"), _ordering(compare.le, "<=")
    __gt__, __ge__ = _ordering(compare.gt, ">"), _ordering(compare.ge, ">=")
    eq, ne, lt, le, gt, ge = compare.eq, compare.ne, compare.lt, compare.le, compare.gt, \
        compare.ge
    not_equal, less, less_equal = compare.not_equal, compare.less, compare.less_equal
    greater, greater_equal = compare.greater, compare.greater_equal
    isclose, allclose, equal = compare.isclose, compare.allclose, compare.equal
    isnan, isinf, isfinite = compare.isnan, compare.isinf, compare.isfinite
    logical_and, logical_or, logical_xor = compare.logical_and, compare.logical_or, \
        compare.logical_xor
    logical_not, nonzero, count_nonzero = compare.logical_not, compare.nonzero, \
        compare.count_nonzero
    argsort, unique = compare.argsort, compare.unique
    __and__ = _logic(np.logical_and)
    __or__ = _logic(np.logical_or)
    __xor__ = _logic(np.logical_xor)
    all = _logical(np.all)
    any = _logical(np.any)

    def __invert__(self):
        data = self._data
        return new_like(self, np.asarray(~data if data.dtype.kind in "bi"
                                            else np.logical_not(data)))


# --- in-place operators: keep id(), write into the same array when no gradient flows ----
def _inplace(name):
    def op(self, other):
        indexing.check_inplace(self)
        tensor_class = core.TensorBase
        other_t = other if isinstance(other, tensor_class) else None
        if core.is_grad_enabled() and (self.requires_grad or (
                other_t is not None and other_t.requires_grad)):
            result = F.binary(name, self, other)
            versions.bump(self, result._data, result.grad_fn)
            indexing.rebind(self, result)
            return self
        if other_t is not None:
            res = result_type([other.dtype] if other._data.ndim else [],
                              [self.dtype] + ([] if other._data.ndim else [other.dtype]), [])
        else:
            res = result_type([self.dtype] if self._data.ndim else [],
                              [] if self._data.ndim else [self.dtype], [other])
        if name == "div" and res.category < 2:
            res = F.float32
        if res.category > self.dtype.category:
            raise RuntimeError(f"result type {res.short} can't be cast to the desired output "
                               f"type {self.dtype.short}")
        with core.no_grad():
            value = F.binary(name, self, other)._data
        self._data[...] = value
        versions.bump(self)
        return self
    op.__name__ = f"{name}_"
    return op


class InPlace:
    """``+= −= *= /=`` and ``add_ sub_ mul_ div_``."""

    __slots__ = ()
    add_, sub_, mul_, div_ = _inplace("add"), _inplace("sub"), _inplace("mul"), \
        _inplace("div")
    # ``t += [1.]`` / ``t += np.ones(2)``: declined, so Python falls back to ``t = t + …``
    __iadd__, __isub__ = _declines(add_), _declines(sub_)
    __imul__, __itruediv__ = _declines(mul_), _declines(div_)


class MathMethods:
    """``x.exp()``, ``x.sum(dim)``, ``x.norm()``, ``x.mm(y)`` …: the functions as methods."""

    __slots__ = ()
    exp, log, sin, cos, tanh, sigmoid = F.exp, F.log, F.sin, F.cos, F.tanh, F.sigmoid
    relu, sqrt, neg, abs, square, clone = F.relu, F.sqrt, F.neg, F.abs, F.square, F.clone
    acos, asin, atan, sinh, cosh = F.acos, F.asin, F.atan, F.sinh, F.cosh
    log2, log10, log1p, expm1 = F.log2, F.log10, F.log1p, F.expm1
    tan, exp2, rad2deg, deg2rad, erf = F.tan, F.exp2, F.rad2deg, F.deg2rad, F.erf
    var, std, prod, trace, diag = (statistics.var, statistics.std, statistics.prod,
                                   statistics.trace, statistics.diag)
    repeat = statistics.repeat
    reciprocal, rsqrt, sign, floor, ceil = F.reciprocal, F.rsqrt, F.sign, F.floor, F.ceil
    arccos, arcsin, arctan, atan2, arctan2 = F.arccos, F.arcsin, F.arctan, F.atan2, F.arctan2
    maximum, minimum = F.maximum, F.minimum
    sum, mean, max, min = F.sum_method, F.mean_method, F.max, F.min
    argmax, argmin = F.argmax, F.argmin
    softmax, log_softmax = F.softmax, F.log_softmax
    norm, amax, amin = norms.torch_norm, norms.amax, norms.amin
    dot, mv, mm, matmul = products.dot, products.mv, products.mm, products.matmul
    outer, cross = products.outer, products.cross

    def add(self, other, *, alpha=1):
        return F.add(self, other, alpha=alpha)

    def sub(self, other, *, alpha=1):
        return F.sub(self, other, alpha=alpha)

    def mul(self, other):
        return F.mul(self, other)

    def div(self, other, *, rounding_mode=None):
        return F.div(self, other, rounding_mode=rounding_mode)

    def pow(self, exponent):
        return F.pow(self, exponent)

    def round(self, *, decimals=0):
        return F.round(self, decimals=decimals)

    def clamp(self, min=None, max=None):  # noqa: A002
        return F.clamp(self, min, max)

    clip = clamp

    def cumsum(self, dim=None, *, dtype=None, axis=None):
        return F.cumsum(self, dim if dim is not None else axis, dtype=dtype)

    def where(self, condition, other):
        return F.where(condition, self, other)


class ShapeMethods:
    """``reshape``, ``view``, ``permute``, ``T`` … (shapes.py)."""

    __slots__ = ()
    reshape, view, flatten, permute = shapes.reshape, shapes.view, shapes.flatten, \
        shapes.permute
    t, transpose, unsqueeze, squeeze = shapes.t, shapes.transpose, shapes.unsqueeze, \
        shapes.squeeze
    expand = shapes.expand
    flip, tril, triu = shapes.flip_method, shapes.tril, shapes.triu

    def expand_as(self, other):
        return shapes.expand(self, other._data.shape)

    def reshape_as(self, other):
        return shapes.reshape(self, other._data.shape)

    def view_as(self, other):
        return shapes.view(self, other._data.shape)
