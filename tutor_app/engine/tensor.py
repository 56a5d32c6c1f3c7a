"""``Tensor``: a numpy array plus autograd state, with PyTorch's methods and operators.

Methods and operators are one-line calls into ``functional``/``shapes``/``linalg``, which
make one op-table call each. Conversions and autograd entry points raise PyTorch's errors.
"""

from __future__ import annotations

import warnings

import numpy as np

from . import backward as reverse_mode
from . import core, hooks, indexing, interop, printing, shapes, versions
from . import functional as F
from .data import legacy_array
from .dtypes import _FROM_NP, bool_, float32, float64, int32, int64, to_dtype
from .tensor_methods import Comparisons, InPlace, MathMethods, Operators, ShapeMethods

_NON_LEAF_GRAD = (
    "The .grad attribute of a Tensor that is not a leaf Tensor is being accessed. Its .grad "
    "attribute won't be populated during autograd.backward(). If you indeed want the .grad "
    "field to be populated for a non-leaf Tensor, use .retain_grad() on the non-leaf Tensor. "
    "If you access the non-leaf Tensor by mistake, make sure you access the leaf Tensor "
    "instead. See github.com/pytorch/pytorch/pull/30531 for more information.")


class Tensor(core.TensorBase, Operators, Comparisons, InPlace, MathMethods, ShapeMethods,
             metaclass=printing.TorchClass):
    """A multi-dimensional array that can record how it was computed.

    Its state (array, ``requires_grad``, ``grad_fn``, ``uid``) is declared in
    ``core.TensorBase``; results of ops take the class of their input, so the core makes
    ``Tensor`` objects without ever being told about this class.
    """

    __slots__ = ()

    # NumPy's functions on a Tensor run the engine's ops (see interop.py): this is how the
    # op table's NumPy-written VJPs record a differentiable backward pass.
    def __array_ufunc__(self, ufunc, method, *inputs, **kwargs):
        return interop.array_ufunc(self, ufunc, method, *inputs, **kwargs)

    def __array_function__(self, func, types, args, kwargs):
        return interop.array_function(self, func, types, args, kwargs)

    def __init__(self, *args, **kwargs) -> None:  # torch.Tensor(2, 3) / torch.Tensor([1, 2])
        self._data, self.requires_grad, self.grad_fn = legacy_array(*args, **kwargs), False, None
        self.uid = core.new_uid()

    # --- attributes ------------------------------------------------------------------------
    @property
    def grad(self):
        """The accumulated gradient (leaves, or tensors that called ``retain_grad()``)."""
        if self.grad_fn is not None and not self._retain and self._grad is None:
            warnings.warn(_NON_LEAF_GRAD, UserWarning, stacklevel=2)
        return self._grad

    @grad.setter
    def grad(self, value) -> None:
        if value is not None and not isinstance(value, core.TensorBase):
            raise TypeError(f"assigned grad expected to be a Tensor or None but got grad of "
                            f"type {type(value).__name__}")
        self._grad = value

    @property
    def data(self):
        """PyTorch's ``.data``: a tensor sharing this one's memory, outside the graph."""
        view = core.new_like(self, self._data)
        view._untracked = True  # changing it bumps no version (PyTorch's documented hazard)
        return view

    @data.setter
    def data(self, value) -> None:
        if not isinstance(value, core.TensorBase):
            raise TypeError(f"data must be a Tensor, not {type(value).__name__}")
        self._data = value._data

    @property
    def dtype(self):
        return _FROM_NP[self._data.dtype]

    @property
    def shape(self):
        return printing.Size(self._data.shape)

    def size(self, dim=None):
        if dim is None:
            return printing.Size(self._data.shape)
        return self._data.shape[F.wrap_dim(dim, self._data.ndim)]

    @property
    def ndim(self) -> int:
        return self._data.ndim

    def dim(self) -> int:
        return self._data.ndim

    ndimension = dim

    def numel(self) -> int:
        return int(self._data.size)

    nelement = numel

    @property
    def is_leaf(self) -> bool:
        return self.grad_fn is None

    @property
    def device(self):
        return "cpu"

    @property
    def T(self):  # noqa: N802
        return shapes.T(self)

    @property
    def mT(self):  # noqa: N802
        return shapes.transpose(self, -2, -1)

    def is_floating_point(self) -> bool:
        return self._data.dtype.kind == "f"

    def element_size(self) -> int:
        return self._data.itemsize

    def is_contiguous(self) -> bool:
        return bool(self._data.flags.c_contiguous)

    def contiguous(self):
        return self

    # --- printing and conversion -----------------------------------------------------------
    def __repr__(self) -> str:
        return printing.tensor_repr(self)

    __str__ = __repr__

    def __format__(self, spec: str) -> str:
        if self._data.ndim == 0:
            return self.item().__format__(spec)
        return repr(self).__format__(spec)

    def numpy(self, *, force: bool = False) -> np.ndarray:
        if self.requires_grad and not force:
            raise RuntimeError("Can't call numpy() on Tensor that requires grad. Use "
                               "tensor.detach().numpy() instead.")
        return self._data

    def __array__(self, dtype=None, copy=None):
        return self._data if dtype is None else self._data.astype(dtype)

    def item(self):
        if self._data.size != 1:
            raise RuntimeError(f"a Tensor with {self._data.size} elements cannot be converted "
                               "to Scalar")
        return self._data.reshape(()).item()

    def tolist(self):
        return self._data.tolist()

    def _scalar(self, kind):
        if self._data.size != 1:
            raise ValueError("only one element tensors can be converted to Python scalars")
        return kind(self._data.reshape(()).item())

    def __float__(self) -> float:
        return self._scalar(float)

    def __int__(self) -> int:
        return self._scalar(int)

    def __index__(self) -> int:
        if self._data.dtype.kind not in "iub" or self._data.size != 1:
            raise TypeError("only integer tensors of a single element can be converted to an "
                            "index")
        return int(self._data.reshape(()).item())

    def __bool__(self) -> bool:
        if self._data.size != 1:
            raise RuntimeError("Boolean value of Tensor with more than one value is ambiguous")
        return bool(self._data.reshape(()).item())

    def __len__(self) -> int:
        if self._data.ndim == 0:
            raise TypeError("len() of a 0-d tensor")
        return self._data.shape[0]

    def __iter__(self):
        if self._data.ndim == 0:
            raise TypeError("iteration over a 0-d tensor")
        return (self[i] for i in range(self._data.shape[0]))

    __hash__ = object.__hash__

    def __reduce__(self):
        return (_rebuild, (self._data.copy(), self.requires_grad))

    # --- dtype -----------------------------------------------------------------------------
    def to(self, *args, dtype=None, **kwargs):
        for a in args:
            if not isinstance(a, str) and a is not None and not hasattr(a, "type"):
                dtype = a
        return self if dtype is None else F.to_dtype(self, to_dtype(dtype))

    def type(self, dtype=None):
        if dtype is None:  # torch.FloatTensor, torch.LongTensor, torch.HalfTensor …
            return f"torch.{self.dtype.short}Tensor"
        return F.to_dtype(self, to_dtype(dtype))

    def float(self):
        return F.to_dtype(self, float32)

    def double(self):
        return F.to_dtype(self, float64)

    def long(self):
        return F.to_dtype(self, int64)

    def int(self):
        return F.to_dtype(self, int32)

    def bool(self):
        return F.to_dtype(self, bool_)

    def cpu(self):
        return self

    # --- autograd --------------------------------------------------------------------------
    def backward(self, gradient=None, retain_graph=None, create_graph=False, inputs=None):
        reverse_mode.backward(self, gradient, retain_graph, create_graph, inputs)

    def requires_grad_(self, requires_grad: bool = True):
        if self.grad_fn is not None and not requires_grad:
            raise RuntimeError(
                "you can only change requires_grad flags of leaf variables. If you want to use "
                "a computed variable in a subgraph that doesn't require differentiation use "
                "var_no_grad = var.detach().")
        if requires_grad and self._data.dtype.kind not in "fc":
            raise RuntimeError("only Tensors of floating point dtype can require gradients")
        if self.grad_fn is None:
            self.requires_grad = bool(requires_grad)
        return self

    def retain_grad(self) -> None:
        if not self.requires_grad:
            raise RuntimeError("can't retain_grad on Tensor that has requires_grad=False")
        if self.grad_fn is not None:
            import weakref
            self.grad_fn.retained = weakref.ref(self)
            self.grad_fn.special = True
            self._retain = True

    @property
    def _version(self) -> int:
        """In-place changes seen by this tensor's memory (PyTorch's version counter)."""
        return versions.version(self)

    @property
    def retains_grad(self) -> bool:
        return self._retain

    def detach(self):
        out = core.new_like(self, self._data)
        if core._state.mode & 2:  # the graph lab draws the cut
            hooks.after_detach(self, out)
        return out

    def detach_(self):
        before = hooks.value_record(self) if core._state.mode & 2 else None
        self.grad_fn, self.requires_grad = None, False
        self.uid = core.new_uid()  # a new value for the tape, as in-place ops make
        if before is not None:
            hooks.after_detach(before, self)
        return self

    def clone(self, *, memory_format=None):
        return F.clone(self)

    def zero_(self):
        indexing.check_inplace(self)
        self._data[...] = 0
        versions.bump(self)
        return self

    def fill_(self, value):
        indexing.check_inplace(self)
        self._data[...] = value
        versions.bump(self)
        return self

    # --- indexing --------------------------------------------------------------------------
    def __getitem__(self, key):
        return indexing.getitem(self, key)

    def __setitem__(self, key, value) -> None:
        indexing.setitem(self, key, value)


def _rebuild(data, requires_grad):
    return core.new_tensor(Tensor, data, requires_grad)
