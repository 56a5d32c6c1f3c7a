"""NumPy's functions applied to Tensors run the engine op of the same name.

The op table's VJPs are written once, in NumPy's vocabulary (``g * np.cos(a[0])``). With
``create_graph=True`` the backward pass hands them Tensors instead of arrays; NumPy then
asks the Tensor how to compute (its ``__array_ufunc__``/``__array_function__`` protocols,
NEP 13 and NEP 18) and this module answers with the engine's own ops, so the backward pass
is itself recorded and can be differentiated again.

Functions without a gradient (comparisons, ``sign``, ``count_nonzero``, ``zeros_like`` …)
run on the plain arrays. A NumPy function with no engine counterpart, reached by a Tensor
that requires grad, raises instead of silently dropping the gradient.

A NumPy array meeting a Tensor in the learner's code is PyTorch's business, not the
backward pass's: PyTorch's Tensor has no ``__array_ufunc__``, so ``t + a`` and
``np.exp(t)`` are computed by NumPy (NumPy's dtype rules, no gradient, a bool result as
uint8) and ``a + t`` is a TypeError. ``with_arrays`` gives those answers outside a
recorded backward pass.
"""

from __future__ import annotations

import contextlib
import threading

import numpy as np

from . import compare, core, products, shapes
from . import functional as F
from .core import TensorBase

# Differentiable ufuncs: NumPy's name → the engine function taking the same operands.
_UFUNCS = {
    np.add: F.add, np.subtract: F.sub, np.multiply: F.mul, np.true_divide: F.div,
    np.negative: F.neg, np.power: F.pow, np.exp: F.exp, np.log: F.log, np.sin: F.sin,
    np.cos: F.cos, np.tanh: F.tanh, np.sqrt: F.sqrt, np.absolute: F.abs,
    np.arccos: F.acos, np.arcsin: F.asin, np.arctan: F.atan, np.arctan2: F.atan2,
    np.sinh: F.sinh, np.cosh: F.cosh, np.log2: F.log2, np.log10: F.log10,
    np.log1p: F.log1p, np.expm1: F.expm1, np.tan: F.tan, np.exp2: F.exp2,
    np.reciprocal: F.reciprocal,
    np.maximum: F.maximum, np.minimum: F.minimum, np.matmul: products.matmul,
    np.square: F.square, np.sign: F.sign,  # sign: zero gradient, but a node (as PyTorch)
    # comparisons give bool tensors, as the Tensor's own operators do
    np.equal: compare.eq, np.not_equal: compare.ne, np.less: compare.lt,
    np.less_equal: compare.le, np.greater: compare.gt, np.greater_equal: compare.ge,
}


def _expand_dims(a, axis):
    axes = (axis,) if isinstance(axis, int) else tuple(axis)
    ndim = a.ndim + len(axes)
    for d in sorted(x % ndim for x in axes):
        a = shapes.unsqueeze(a, d)
    return a


def _transpose(a, axes=None):
    return shapes.permute(a, *(range(a.ndim)[::-1] if axes is None else axes))


def _where(condition, x, y):
    return F.where(condition, x, y)


def _sum(a, axis=None, dtype=None, keepdims=False):
    return F.sum(a, axis, keepdims) if axis is not None else F.sum(a)


def _mean(a, axis=None, dtype=None, keepdims=False):
    return F.mean(a, axis, keepdims) if axis is not None else F.mean(a)


def _cross(a, b, axis=-1):
    a, b = F.operands(a, b)
    shape = np.broadcast_shapes(a.shape, b.shape)  # np.cross broadcasts; torch.cross
    return products.cross(a.expand(shape), b.expand(shape), dim=axis)  # wants equal ndim


def _einsum(equation, *operands, optimize=False):
    """A VJP's einsum: its NumPy constants (bool masks, ones) take the Tensors' dtype."""
    like = F.tensor_among(*operands)
    return products.einsum(equation, *(x if isinstance(x, TensorBase)
                                       else F.constant(x, like.dtype, like) for x in operands))


def _inv(a):
    return F.unary("inv", a)


_FUNCTIONS = {
    np.where: _where, np.sum: _sum, np.mean: _mean,
    np.broadcast_to: lambda a, shape: shapes.expand(a, tuple(shape)),
    np.reshape: lambda a, shape: shapes.reshape(a, tuple(shape) if not isinstance(shape, int)
                                                else (shape,)),
    np.expand_dims: _expand_dims, np.transpose: _transpose,
    np.swapaxes: lambda a, axis1, axis2: shapes.transpose(a, axis1, axis2),
    np.outer: lambda a, b: products.outer(*F.operands(a, b)),
    np.cross: _cross, np.linalg.inv: _inv, np.einsum: _einsum,
    np.dot: lambda a, b: products.matmul(*F.operands(a, b)),
}
# Results without a gradient: computed on the arrays, whatever requires grad.
_NO_GRADIENT = {np.count_nonzero, np.zeros_like, np.ones_like, np.isnan,
                np.isfinite, np.logical_and, np.logical_or, np.logical_not, np.bitwise_and,
                np.bitwise_or, np.bitwise_not, np.floor, np.ceil, np.shape, np.ndim}


def _plain(value):
    """Tensors inside ``value`` (also in lists and tuples) replaced by their arrays."""
    if isinstance(value, TensorBase):
        return value._data
    if isinstance(value, (list, tuple)):
        return type(value)(_plain(v) for v in value)
    return value


def _needs_graph(values) -> bool:
    return any(isinstance(v, TensorBase) and v.requires_grad for v in values)


def _refuse(name: str):
    raise RuntimeError(f"numpy.{name} has no engine op: its derivative cannot be recorded "
                       "(create_graph=True reached an op the engine cannot differentiate "
                       "twice)")


_RECORDING = threading.local()  # .depth > 0 while a VJP runs on Tensors (create_graph)


@contextlib.contextmanager
def recording():
    """Around a VJP run on Tensors: its NumPy calls, arrays mixed in too, are engine ops."""
    _RECORDING.depth = getattr(_RECORDING, "depth", 0) + 1
    try:
        yield
    finally:
        _RECORDING.depth -= 1


# ``a OP t`` with a NumPy array first: PyTorch's Tensor makes NumPy defer, declines the
# reflected operator too, and Python reports the pair (``a + t``: NumPy's concatenation).
_SYMBOLS = {np.subtract: "-", np.multiply: "*", np.matmul: "@", np.power: "** or pow()",
            np.floor_divide: "//", np.remainder: "%"}
_IN_PLACE = {np.add: "+=", np.subtract: "-=", np.multiply: "*=", np.matmul: "@=",
             np.power: "**=", np.floor_divide: "//=", np.remainder: "%="}
_ORDERINGS = {np.less: "<", np.less_equal: "<=", np.greater: ">", np.greater_equal: ">="}
_CONCATENATION = ("Concatenation operation is not implemented for NumPy arrays, use "
                  "np.concatenate() instead. Please do not rely on this error; it may not be "
                  "given on all Python implementations.")
_NEEDS_GRAD = ("Can't call numpy() on Tensor that requires grad. Use tensor.detach().numpy() "
               "instead.")


def _as_numpy_computes(tensor, ufunc, inputs):
    """``ufunc`` by NumPy on the arrays, wrapped as PyTorch's ``__array_wrap__`` wraps it."""
    if _needs_graph(inputs):
        raise RuntimeError(_NEEDS_GRAD)
    out = np.asarray(ufunc(*_plain(inputs)))
    return core.new_like(tensor, out.astype(np.uint8) if out.dtype == bool else out)


def with_arrays(tensor, ufunc, inputs, kwargs):
    """A ufunc called on Tensors in the learner's code, answered as PyTorch answers it:
    ``np.exp(t)`` is NumPy's (its dtypes, no gradient, refused when ``t`` requires grad);
    with a NumPy array, as PyTorch answers the operator that led here. None — the engine
    op — inside a recorded backward pass, and for a NumPy scalar meeting a Tensor
    (``np.float64(2.) * t``: NumPy defers to the Tensor's own operator in PyTorch)."""
    if getattr(_RECORDING, "depth", 0) or "out" in kwargs and not any(
            type(x) is np.ndarray for x in inputs):
        return None
    if not any(type(x) is np.ndarray for x in inputs):
        if any(isinstance(x, np.generic) for x in inputs) and ufunc in _UFUNCS:
            return None
        return _as_numpy_computes(tensor, ufunc, inputs)
    if len(inputs) != 2:
        return _as_numpy_computes(tensor, ufunc, inputs)
    first, second = inputs
    if type(first) is not np.ndarray:  # ``t OP a``: Tensor's operator declined, NumPy's ran
        return _as_numpy_computes(tensor, ufunc, inputs)
    if "out" in kwargs and ufunc in _IN_PLACE:  # ``a += t``
        if ufunc is np.add:
            raise TypeError(_CONCATENATION)
        raise TypeError(f"unsupported operand type(s) for {_IN_PLACE[ufunc]}: "
                        "'numpy.ndarray' and 'Tensor'")
    if ufunc is np.add:
        raise TypeError(_CONCATENATION)
    if ufunc in _SYMBOLS:
        raise TypeError(f"unsupported operand type(s) for {_SYMBOLS[ufunc]}: 'numpy.ndarray' "
                        "and 'Tensor'")
    if ufunc in _ORDERINGS:
        raise TypeError(f"'{_ORDERINGS[ufunc]}' not supported between instances of "
                        "'numpy.ndarray' and 'Tensor'")
    if ufunc is np.equal:  # reflected to Tensor.__eq__, which takes an array
        return compare.eq(second, first)
    if ufunc is np.not_equal:  # Tensor.__ne__ declines too: Python's identity fallback
        return True
    if ufunc is np.true_divide:  # Tensor.__rtruediv__: the reciprocal times the array
        if _needs_graph(inputs):
            raise RuntimeError(_NEEDS_GRAD)
        return _as_numpy_computes(tensor, np.multiply, (F.reciprocal(second), first))
    return _as_numpy_computes(tensor, ufunc, inputs)


def array_ufunc(tensor, ufunc, method, *inputs, **kwargs):
    """``Tensor.__array_ufunc__``: engine op for differentiable ufuncs, arrays otherwise."""
    if method == "__call__":
        answer = with_arrays(tensor, ufunc, inputs, kwargs)
        if answer is not None:
            return answer
    engine = _UFUNCS.get(ufunc)
    if engine is not None and method == "__call__" and not kwargs:
        return engine(*inputs)
    if ufunc not in _NO_GRADIENT and engine is None and _needs_graph(inputs):
        _refuse(ufunc.__name__)
    plain = {k: _plain(v) for k, v in kwargs.items()}
    return getattr(ufunc, method)(*_plain(inputs), **plain)


def array_function(tensor, func, types, args, kwargs):
    """``Tensor.__array_function__``: the same rule for NumPy's other functions."""
    engine = _FUNCTIONS.get(func)
    if engine is not None and (_needs_graph(args) or _needs_graph(kwargs.values())):
        return engine(*args, **kwargs)
    if func not in _NO_GRADIENT and (_needs_graph(args) or _needs_graph(kwargs.values())):
        _refuse(func.__name__)
    return func(*_plain(args), **{k: _plain(v) for k, v in kwargs.items()})
