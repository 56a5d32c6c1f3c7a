"""Operators and math methods of ``Tensor``: each a one-line call into the op table.

Kept apart from tensor.py so that file stays about state, conversion and autograd.
"""

from __future__ import annotations

import numpy as np

from . import compare, core, indexing, norms, products, shapes, versions
from . import functional as F
from .broadcast import broadcast_shapes
from .core import make_tensor
from .dtypes import result_type
from .ops import OPS
from .tensor import Tensor


def _method(fn):
    setattr(Tensor, fn.__name__, fn)
    return fn


# --- arithmetic operators ----------------------------------------------------------------
_ADD, _SUB, _RSUB, _MUL, _DIV, _RDIV = (OPS[n] for n in ("add", "sub", "rsub", "mul", "div",
                                                          "rdiv"))
_binary = F.binary_op
Tensor.__add__ = core.fast_binary(_ADD, _binary)
Tensor.__radd__ = lambda self, other: _binary(_ADD, other, self)
Tensor.__sub__ = core.fast_binary(_SUB, _binary)
Tensor.__rsub__ = lambda self, other: _binary(_RSUB, other, self)
Tensor.__mul__ = core.fast_binary(_MUL, _binary)
Tensor.__rmul__ = lambda self, other: _binary(_MUL, other, self)
Tensor.__truediv__ = lambda self, other: _binary(_DIV, self, other)
Tensor.__rtruediv__ = lambda self, other: _binary(_RDIV, other, self)
Tensor.__pow__ = lambda self, other: F.pow(self, other)
Tensor.__rpow__ = lambda self, other: F.pow(other, self)
Tensor.__matmul__ = lambda self, other: products.matmul(self, other)
Tensor.__rmatmul__ = lambda self, other: products.matmul(other, self)
Tensor.__neg__ = lambda self: F.unary("neg", self)
Tensor.__pos__ = lambda self: self
Tensor.__abs__ = lambda self: F.unary("abs", self)
Tensor.__floordiv__ = lambda self, other: F.div(self, other, rounding_mode="floor")
Tensor.__rfloordiv__ = lambda self, other: F.div(F.to_tensor(other), self,
                                                   rounding_mode="floor")


def _mod(a, b):
    a, b, arrays = F.promoted_pair(a, b)
    x, y = arrays or (a._data, b._data)
    return make_tensor(np.asarray(np.mod(x, y)))


Tensor.__mod__ = lambda self, other: _mod(self, other)
Tensor.__rmod__ = lambda self, other: _mod(other, self)


# --- comparisons and logic (no gradient, bool results) -----------------------------------
for _name, _fn in (("__eq__", compare.eq), ("__ne__", compare.ne), ("__lt__", compare.lt),
                   ("__le__", compare.le), ("__gt__", compare.gt), ("__ge__", compare.ge)):
    setattr(Tensor, _name, _fn)
for _name in ("eq", "ne", "lt", "le", "gt", "ge", "not_equal", "less", "less_equal",
              "greater", "greater_equal", "isclose", "allclose", "equal"):
    setattr(Tensor, _name, getattr(compare, _name))


def _logic(ufunc):
    def logic(self, other):
        a, b, arrays = F.promoted_pair(self, other)
        x, y = arrays or (a._data, b._data)
        broadcast_shapes(x.shape, y.shape)
        return make_tensor(np.asarray(ufunc(x, y)))
    return logic


for _name, _ufunc in (("__and__", np.logical_and), ("__or__", np.logical_or),
                      ("__xor__", np.logical_xor)):
    setattr(Tensor, _name, _logic(_ufunc))
Tensor.__invert__ = lambda self: make_tensor(np.asarray(
    ~self._data if self._data.dtype.kind in "bi" else np.logical_not(self._data)))


# --- in-place operators: keep id(), write into the same array when no gradient flows ----
def _inplace(name):
    def op(self, other):
        indexing.check_inplace(self)
        other_t = other if isinstance(other, Tensor) else None
        if core.is_grad_enabled() and (self.requires_grad or (
                other_t is not None and other_t.requires_grad)):
            result = F.binary(name, self, other)
            versions.bump(self, result._data, result.grad_fn)
            indexing.rebind(self, result)
            return self
        if isinstance(other, Tensor):
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
    return op


Tensor.__iadd__ = _inplace("add")
Tensor.__isub__ = _inplace("sub")
Tensor.__imul__ = _inplace("mul")
Tensor.__itruediv__ = _inplace("div")
for _name, _bin in (("add_", "add"), ("sub_", "sub"), ("mul_", "mul"), ("div_", "div")):
    setattr(Tensor, _name, _inplace(_bin))


# --- math methods ------------------------------------------------------------------------
Tensor.add = lambda self, other, *, alpha=1: F.add(self, other, alpha=alpha)
Tensor.sub = lambda self, other, *, alpha=1: F.sub(self, other, alpha=alpha)
Tensor.mul = lambda self, other: F.mul(self, other)
Tensor.div = lambda self, other, *, rounding_mode=None: F.div(self, other,
                                                               rounding_mode=rounding_mode)
Tensor.pow = lambda self, exponent: F.pow(self, exponent)
for _name in ("exp", "log", "sin", "cos", "tanh", "sigmoid", "relu", "sqrt", "neg", "abs",
              "square", "clone"):
    setattr(Tensor, _name, getattr(F, _name))
for _name in F.UNARY_MATH + ("arccos", "arcsin", "arctan", "atan2", "arctan2"):
    setattr(Tensor, _name, getattr(F, _name))
Tensor.round = lambda self, *, decimals=0: F.round(self, decimals=decimals)
Tensor.maximum = F.maximum
Tensor.minimum = F.minimum
Tensor.clamp = lambda self, min=None, max=None: F.clamp(self, min, max)  # noqa: A006
Tensor.clip = Tensor.clamp
Tensor.sum = F.sum_method
Tensor.mean = F.mean_method
Tensor.max = F.max
Tensor.min = F.min
Tensor.argmax = F.argmax
Tensor.argmin = F.argmin
Tensor.cumsum = lambda self, dim=None, *, dtype=None, axis=None: F.cumsum(
    self, dim if dim is not None else axis, dtype=dtype)
Tensor.softmax = F.softmax
Tensor.log_softmax = F.log_softmax
Tensor.norm = norms.torch_norm
Tensor.amax = norms.amax
Tensor.amin = norms.amin
Tensor.dot = products.dot
Tensor.mv = products.mv
Tensor.mm = products.mm
Tensor.matmul = products.matmul
Tensor.outer = products.outer
Tensor.cross = products.cross
Tensor.where = lambda self, condition, other: F.where(condition, self, other)

# --- shape methods -----------------------------------------------------------------------
Tensor.reshape = shapes.reshape
Tensor.view = shapes.view
Tensor.flatten = shapes.flatten
Tensor.permute = shapes.permute
Tensor.t = shapes.t
Tensor.transpose = shapes.transpose
Tensor.unsqueeze = shapes.unsqueeze
Tensor.squeeze = shapes.squeeze
Tensor.expand = shapes.expand
Tensor.expand_as = lambda self, other: shapes.expand(self, other._data.shape)
Tensor.reshape_as = lambda self, other: shapes.reshape(self, other._data.shape)
Tensor.view_as = lambda self, other: shapes.view(self, other._data.shape)


# --- logical reductions (no gradient) ----------------------------------------------------
def _logical(fn):
    def reduce(self, dim=None, keepdim=False):
        if dim is None:
            return make_tensor(np.asarray(fn(self._data)))
        d = F.wrap_dim(dim, self._data.ndim)
        return make_tensor(np.asarray(fn(self._data, axis=d, keepdims=keepdim)))
    return reduce


Tensor.all = _logical(np.all)
Tensor.any = _logical(np.any)
