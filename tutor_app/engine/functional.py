"""The ``torch.*`` math functions: argument parsing, dtype promotion, PyTorch's errors.

Each function checks and normalises its arguments the way PyTorch does, then makes one
call into the op table through ``core.apply``. Tensor methods call these.
"""

from __future__ import annotations

import builtins
import collections

import numpy as np

from . import core
from .broadcast import broadcast_shapes
from .core import TensorBase, apply, fast_unary, new_like
from .data import from_python
from .dtypes import float32, from_numpy_dtype, promote_types, result_type
from .ops import OPS

_F32 = np.dtype(np.float32)
Tensor = TensorBase  # for isinstance checks and annotations (the class is tensor.Tensor)


def _op(name):
    return OPS[name]


# --- operands and promotion --------------------------------------------------------------


def constant(value, dtype, like) -> Tensor:
    """A Python number as a constant tensor (so the tape can show it as a value node), of
    the class of ``like``, the tensor it meets."""
    return new_like(like, np.asarray(value, dtype=dtype.np))


def to_tensor(value, like=None, *, caller: str = "", arg: str = "input") -> Tensor:
    """``value`` as a tensor: a tensor as it is; other data (a list, an array) copied as
    ``torch.tensor`` would, when it meets a tensor ``like``. With no tensor anywhere
    PyTorch refuses (``torch.linalg.norm([1., 2.])``), and so does this, in its words
    (``caller`` and ``arg`` name the function and the argument)."""
    if isinstance(value, Tensor):
        return value
    if like is None:
        raise TypeError(f"{caller or 'function'}(): argument '{arg}' (position 1) must be "
                        f"Tensor, not {type(value).__name__}")
    return new_like(like, from_python(value))


def operands(*values) -> tuple:
    """Each value as a tensor, lists and arrays converted against the first tensor among
    them (``torch.dot(x, [1., 2.])``)."""
    like = tensor_among(*values)
    return tuple(to_tensor(v, like) for v in values)


def tensor_among(*values):
    """The first tensor among ``values`` (the one other operands are converted against)."""
    for v in values:
        if isinstance(v, Tensor):
            return v
    return None


def _is_number(v) -> bool:
    return isinstance(v, (builtins.int, builtins.float, builtins.bool, np.number, np.bool_))


def promoted_pair(a, b):
    """Both operands as tensors plus their arrays cast to PyTorch's result dtype."""
    if not isinstance(a, Tensor):
        if not _is_number(a):
            a = to_tensor(a, b if isinstance(b, Tensor) else None)
        else:
            res = result_type([b.dtype] if b._data.ndim else [], [] if b._data.ndim else [b.dtype],
                              [a])
            a = constant(a, res, b)
    elif not isinstance(b, Tensor):
        if not _is_number(b):
            b = to_tensor(b, a)
        else:
            res = result_type([a.dtype] if a._data.ndim else [], [] if a._data.ndim else [a.dtype],
                              [b])
            b = constant(b, res, a)
    da, db = a._data, b._data
    if da.dtype == db.dtype:
        return a, b, None
    tensors = (a, b)
    dims = [t.dtype for t in tensors if t._data.ndim]
    zero = [t.dtype for t in tensors if not t._data.ndim]
    res = result_type(dims, zero, []).np
    return a, b, (da.astype(res, copy=False), db.astype(res, copy=False))


def binary(name: str, a, b, params=core._EMPTY) -> Tensor:
    return binary_op(OPS[name], a, b, params)


def binary_op(op, a, b, params=core._EMPTY) -> Tensor:
    """A binary table entry on two operands: PyTorch's promotion and broadcasting checks."""
    if a.__class__ is b.__class__ and isinstance(a, Tensor):  # the common case, kept short
        da, db = a._data, b._data
        if da.dtype is db.dtype and (not op.float_result or da.dtype.kind == "f"):
            if da.shape != db.shape:
                broadcast_shapes(da.shape, db.shape)
            return apply(op, (a, b), params)
    a, b, arrays = promoted_pair(a, b)
    if a._data.shape != b._data.shape:
        broadcast_shapes(a._data.shape, b._data.shape)
    if op.float_result and (arrays or (a._data, b._data))[0].dtype.kind not in "fc":
        arrays = tuple(x.astype(_F32) for x in (arrays or (a._data, b._data)))
    if arrays is not None:
        return apply_cast(op, (a, b), arrays, params)
    return apply(op, (a, b), params)


def apply_cast(op, inputs, arrays, params):
    """Apply ``op`` to cast copies of the inputs while keeping the original tensors as edges."""
    proxies = []
    for t, arr in zip(inputs, arrays, strict=False):
        if arr is t._data:
            proxies.append(t)
        else:
            p = new_like(t, arr, t.requires_grad)
            p.grad_fn = t.grad_fn
            p.uid = t.uid
            if t._tangent is not None:  # forward mode: the cast value keeps its tangent
                p._tangent = t._tangent.astype(arr.dtype)
            proxies.append(p)
    out = apply(op, tuple(proxies), params)
    node = out.grad_fn
    if node is not None:  # point the edges back at the real tensors (leaf grads land there)
        node.next = tuple(t.grad_fn or (t if t.requires_grad else None) for t in inputs)
        node.cast_back = tuple(None if arr is t._data else t._data.dtype
                               for t, arr in zip(inputs, arrays, strict=True))
        node.special = True
    return out


def unary(name: str, a: Tensor, params=core._EMPTY) -> Tensor:
    return unary_op(OPS[name], a, params)


def unary_op(op, a: Tensor, params=core._EMPTY) -> Tensor:
    if op.float_result and a._data.dtype.kind not in "fc":
        return apply_cast(op, (a,), (a._data.astype(_F32),), params)
    return apply(op, (a,), params)


# --- dims --------------------------------------------------------------------------------


def wrap_dim(dim, ndim: int) -> int:
    """A possibly negative dim as an index, or PyTorch's IndexError."""
    n = builtins.max(ndim, 1)
    if not -n <= dim < n:
        raise IndexError(f"Dimension out of range (expected to be in range of [{-n}, {n - 1}], "
                         f"but got {dim})")
    return dim % n if ndim else 0


def wrap_dims(dim, ndim: int) -> tuple[int, ...]:
    dims = (dim,) if isinstance(dim, (builtins.int, np.integer)) else tuple(dim)
    out = []
    for d in dims:
        w = wrap_dim(builtins.int(d), ndim)
        if w in out:
            raise RuntimeError(f"dim {w} appears multiple times in the list of dims")
        out.append(w)
    return tuple(out) if ndim else ()


def _pick_dim(dim, axis):
    return axis if dim is None else dim


_UNSET = object()  # "not passed": PyTorch refuses keepdim without dim even when False


def _pick_keep(keepdim, keepdims):
    if keepdims is not None:
        return builtins.bool(keepdims)
    return keepdim is not _UNSET and builtins.bool(keepdim)


# PyTorch's overloads of sum/mean without a dim, as its argument parser lists them.
_NO_DIM_OVERLOADS = {
    ("sum", True): "(*, torch.dtype dtype = None)",
    ("mean", True): "(*, torch.dtype dtype = None)",
    ("sum", False): "(Tensor input, *, torch.dtype dtype = None)",
    ("mean", False): "(Tensor input, *, torch.dtype dtype = None, Tensor out = None)",
}
_DIM_OVERLOAD = "tuple of ints dim, bool keepdim = False, *, torch.dtype dtype = None"


def _check_keep_needs_dim(name, method, keepdim, keepdims, dtype):
    """``X.sum(keepdims=True)``: PyTorch's TypeError (keepdim means nothing without dim)."""
    given = {k: v for k, v in (("keepdim", keepdim), ("keepdims", keepdims))
             if v is not _UNSET and v is not None}
    if not given:
        return
    if dtype is not None:
        raise TypeError(f'{name}() missing 1 required positional arguments: "dim"')
    kinds = ", ".join(f"{k}={type(v).__name__}" for k, v in given.items())
    got = f"({kinds}, )" if method else f"(Tensor, {kinds})"
    dim_form = (f"({_DIM_OVERLOAD})" if method
                else f"(Tensor input, {_DIM_OVERLOAD}, Tensor out = None)")
    raise TypeError(f"{name}() received an invalid combination of arguments - got {got}, but "
                    f"expected one of:\n * {_NO_DIM_OVERLOADS[name, method]}\n * {dim_form}\n")


# --- reductions --------------------------------------------------------------------------


def _sum(input, dim, keepdim, dtype, axis, keepdims, method):
    if dim is None and axis is None:
        _check_keep_needs_dim("sum", method, keepdim, keepdims, dtype)
    dim, keepdim = _pick_dim(dim, axis), _pick_keep(keepdim, keepdims)
    if dtype is not None:
        input = input.to(dtype)
    if input._data.dtype.kind in "bui":  # PyTorch sums integers and bools as int64
        input = input.to(from_numpy_dtype(np.int64)) if input._data.dtype != np.int64 else input
    if dim is None or (not isinstance(dim, builtins.int) and len(dim) == 0):
        return unary("sum", input)
    dims = wrap_dims(dim, input._data.ndim)
    return unary("sum_dim", input, {"dim": dims, "keepdim": keepdim})


def _mean(input, dim, keepdim, dtype, axis, keepdims, method):
    if dim is None and axis is None:
        _check_keep_needs_dim("mean", method, keepdim, keepdims, dtype)
    dim, keepdim = _pick_dim(dim, axis), _pick_keep(keepdim, keepdims)
    if dtype is not None:
        input = input.to(dtype)
    if input._data.dtype.kind not in "fc":
        raise RuntimeError("mean(): could not infer output dtype. Input dtype must be either a "
                           f"floating point or complex dtype. Got: {input.dtype.short}")
    if dim is None or (not isinstance(dim, builtins.int) and len(dim) == 0):
        return unary("mean", input)
    return unary("mean_dim", input, {"dim": wrap_dims(dim, input._data.ndim), "keepdim": keepdim})


def sum(input, dim=None, keepdim=_UNSET, *, dtype=None, axis=None, keepdims=None):  # noqa: A001
    return _sum(input, dim, keepdim, dtype, axis, keepdims, method=False)


def mean(input, dim=None, keepdim=_UNSET, *, dtype=None, axis=None, keepdims=None):
    return _mean(input, dim, keepdim, dtype, axis, keepdims, method=False)


def sum_method(self, dim=None, keepdim=_UNSET, *, dtype=None, axis=None, keepdims=None):
    """``Tensor.sum``: as ``torch.sum``, with the method's wording in errors."""
    return _sum(self, dim, keepdim, dtype, axis, keepdims, method=True)


def mean_method(self, dim=None, keepdim=_UNSET, *, dtype=None, axis=None, keepdims=None):
    return _mean(self, dim, keepdim, dtype, axis, keepdims, method=True)


def _return_type_repr(self):
    return (f"torch.return_types.{type(self).__name__}(\nvalues={self.values!r},\n"
            f"indices={self.indices!r})")


def _return_type(name: str) -> type:
    """``torch.return_types.max``/``min``: a (values, indices) named tuple printed as
    PyTorch prints it (the repr is part of the class body, not assigned afterwards)."""
    fields = collections.namedtuple(name, ["values", "indices"])
    return type(name, (fields,), {"__slots__": (), "__repr__": _return_type_repr,
                                  "__module__": __name__})


MaxResult = _return_type("max")
MinResult = _return_type("min")


def _extreme(kind, input, dim, keepdim, other):
    if isinstance(dim, Tensor) and other is None:
        dim, other = None, dim
    if other is not None:
        return binary("maximum" if kind == "max" else "minimum", input, other)
    if dim is None:
        if input._data.size == 0:
            raise RuntimeError(f"{kind}(): Expected reduction dim to be specified for "
                               "input.numel() == 0. Specify the reduction dim with the 'dim' "
                               "argument.")
        return unary(kind, input)
    d = wrap_dim(dim, input._data.ndim)
    arg = np.argmax if kind == "max" else np.argmin
    if input._data.ndim == 0:
        indices = np.zeros((), np.int64)
    else:
        indices = arg(input._data, axis=d, keepdims=keepdim)
    values = unary(f"{kind}_dim", input, {"dim": d, "keepdim": builtins.bool(keepdim),
                                          "indices": indices})
    result = MaxResult if kind == "max" else MinResult
    return result(values, new_like(input, np.asarray(indices, dtype=np.int64)))


def max(input, dim=None, keepdim=False, *, other=None):  # noqa: A001
    return _extreme("max", input, dim, keepdim, other)


def min(input, dim=None, keepdim=False, *, other=None):  # noqa: A001
    return _extreme("min", input, dim, keepdim, other)


def maximum(input, other):
    return binary("maximum", input, other)


def minimum(input, other):
    return binary("minimum", input, other)


def argmax(input, dim=None, keepdim=False):
    return _arg(np.argmax, input, dim, keepdim)


def argmin(input, dim=None, keepdim=False):
    return _arg(np.argmin, input, dim, keepdim)


def _arg(fn, input, dim, keepdim):
    if dim is None:
        res = np.asarray(fn(input._data), dtype=np.int64)
        return new_like(input, res.reshape((1,) * input._data.ndim) if keepdim else res)
    d = wrap_dim(dim, input._data.ndim)
    return new_like(input, np.asarray(fn(input._data, axis=d, keepdims=keepdim), dtype=np.int64))


def cumsum(input, dim, *, dtype=None):
    if dtype is not None:
        input = input.to(dtype)
    elif input._data.dtype.kind in "bui" and input._data.dtype != np.int64:
        input = input.to(from_numpy_dtype(np.int64))
    return unary("cumsum", input, {"dim": wrap_dim(dim, input._data.ndim)})


def softmax(input, dim, dtype=None):
    return unary("softmax", input, {"dim": wrap_dim(dim, input._data.ndim)})


def log_softmax(input, dim, dtype=None):
    return unary("log_softmax", input, {"dim": wrap_dim(dim, input._data.ndim)})


def prod_check_float(input, what: str):
    if input._data.dtype.kind not in "fc":
        raise RuntimeError(f"{what}: Expected a floating point or complex tensor as input. "
                           f"Got {input.dtype.short}")


def vector_norm(input, ord=2, dim=None, keepdim=False, *, dtype=None):  # noqa: A002
    prod_check_float(input, "linalg.vector_norm")
    if ord in ("fro", None):
        ord = 2  # noqa: A001
    dims = None if dim is None else wrap_dims(dim, input._data.ndim)
    return unary("norm", input, {"ord": builtins.float(ord), "dim": dims,
                                 "keepdim": builtins.bool(keepdim)})


# --- elementwise -------------------------------------------------------------------------


def add(input, other, *, alpha=1):
    return binary("add", input, other if alpha == 1 else other * alpha)


def sub(input, other, *, alpha=1):
    return binary("sub", input, other if alpha == 1 else other * alpha)


def mul(input, other):
    return binary("mul", input, other)


def div(input, other, *, rounding_mode=None):
    if rounding_mode is not None:
        with core.no_grad():
            q = binary("div", input, other)._data
            q = np.floor(q) if rounding_mode == "floor" else np.trunc(q)
        a = promoted_pair(input, other)[0]
        return new_like(a, q.astype(a._data.dtype))
    return binary("div", input, other)


def pow(input, exponent):  # noqa: A001
    if isinstance(input, Tensor) and _is_number(exponent):
        if input._data.dtype.kind in "bui" and isinstance(exponent, builtins.float):
            input = input.to(float32)
        return unary("pow", input, {"exponent": exponent})
    if not isinstance(input, Tensor) and isinstance(exponent, Tensor) and _is_number(input):
        if exponent._data.dtype.kind in "bui" and isinstance(input, builtins.float):
            exponent = exponent.to(float32)  # 2.5 ** int tensor is float32; 2 ** it stays int
        return unary("rpow", exponent, {"base": input})
    return binary("pow_tensor", input, exponent)


def where(condition, input=None, other=None):
    like = tensor_among(condition, input, other)
    cond = to_tensor(condition, like)._data.astype(bool)
    if input is None:
        return tuple(new_like(like, np.asarray(i, np.int64)) for i in np.nonzero(cond))
    a, b, arrays = promoted_pair(input, other)
    shape = np.broadcast_shapes(cond.shape, a._data.shape, b._data.shape)
    params = {"cond": np.broadcast_to(cond, shape)}
    if arrays is not None:
        return apply_cast(OPS["where"], (a, b), arrays, params)
    return apply(OPS["where"], (a, b), params)


def clamp(input, min=None, max=None):  # noqa: A002
    if min is None and max is None:
        raise RuntimeError("torch.clamp: At least one of 'min' or 'max' must not be None")
    if input._data.dtype.kind in "biu" and builtins.any(
            isinstance(b, builtins.float) for b in (min, max)):
        input = input.to(float32)  # an integer tensor clamped to 2.5 becomes float, as in PyTorch
    return unary("clamp", input, {"min": min, "max": max})


def _unary_fn(name):
    def slow(op, input):
        return unary_op(op, to_tensor(input, caller=op.name))
    fn = fast_unary(OPS[name], slow)
    fn.__name__ = name
    fn.__doc__ = OPS[name].formula
    return fn


exp, log, sin, cos, tanh, sigmoid, relu, sqrt, neg = (
    _unary_fn(n) for n in ("exp", "log", "sin", "cos", "tanh", "sigmoid", "relu", "sqrt", "neg"))
UNARY_MATH = ("acos", "asin", "atan", "sinh", "cosh", "log2", "log10", "log1p", "expm1",
              "reciprocal", "rsqrt", "sign", "floor", "ceil", "tan", "exp2", "rad2deg",
              "deg2rad", "erf")
(acos, asin, atan, sinh, cosh, log2, log10, log1p, expm1, reciprocal, rsqrt, sign, floor,
 ceil, tan, exp2, rad2deg, deg2rad, erf) = (_unary_fn(n) for n in UNARY_MATH)
arccos, arcsin, arctan = acos, asin, atan


def round(input, *, decimals=0):  # noqa: A001
    if decimals:
        return unary("round_decimals", input, {"decimals": builtins.int(decimals)})
    return unary("round", input)


def atan2(input, other):
    return binary("atan2", input, other)


arctan2 = atan2


def abs(input):  # noqa: A001
    return unary("abs", input)


def square(input):
    return unary("pow", input, {"exponent": 2})


def clone(input):
    return unary("clone", input)


def to_dtype(input, dtype):
    if input.dtype is dtype:
        return input
    if not dtype.is_floating_point:  # integers and bools carry no gradient in PyTorch
        with core.no_grad():
            return apply(OPS["to_copy"], (input,), {"dtype": dtype.np})
    return apply(OPS["to_copy"], (input,), {"dtype": dtype.np})


def promote_types_of(a, b):
    return promote_types(a.dtype, b.dtype)
