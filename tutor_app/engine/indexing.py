"""Indexing and index assignment with PyTorch's bounds errors and grad_fn names.

``x[1]`` is a SelectBackward0, ``x[1:3]`` a SliceBackward0 (the last index applied names
the node, as in PyTorch), masks and integer lists an IndexBackward0. Assignment writes in
place (``id()`` and shared numpy memory kept) unless a gradient must flow through it.
"""

from __future__ import annotations

import numpy as np

from . import core, versions
from . import functional as F
from .core import apply
from .ops import OPS


def _normalise(key):
    """The key as numpy understands it; tensors and lists become arrays."""
    items = key if isinstance(key, tuple) else (key,)
    out = []
    for k in items:
        if isinstance(k, core.TensorBase):
            k = k._data
        elif isinstance(k, list):
            k = np.asarray([x.item() if isinstance(x, core.TensorBase) else x for x in k])
        if isinstance(k, np.ndarray) and k.ndim == 0 and k.dtype.kind in "iu":
            k = int(k)
        out.append(k)
    return out


def _check(items, shape) -> bool:
    """Raise PyTorch's IndexError for a bad key; return whether indexing is advanced."""
    if not shape and any(isinstance(k, (int, np.integer)) for k in items):
        raise IndexError("invalid index of a 0-dim tensor. Use `tensor.item()` in Python or "
                         "`tensor.item<T>()` in C++ to convert a 0-dim tensor to a number")
    consumed = sum(1 if not isinstance(k, np.ndarray) or k.dtype != bool else max(k.ndim, 1)
                   for k in items if k is not None and k is not Ellipsis)
    if consumed > len(shape):
        raise IndexError(f"too many indices for tensor of dimension {len(shape)}")
    advanced = False
    dim = 0
    for pos, k in enumerate(items):
        if k is Ellipsis:
            rest = sum(1 for j in items[pos + 1:] if j is not None)
            dim = len(shape) - rest
            continue
        if k is None:
            continue
        if isinstance(k, np.ndarray):
            advanced = True
            if k.dtype == bool:
                want = shape[dim:dim + k.ndim]
                for j, (m, s) in enumerate(zip(k.shape, want, strict=False)):
                    if m != s:
                        raise IndexError(f"The shape of the mask {list(k.shape)} at index {j} "
                                         f"does not match the shape of the indexed tensor "
                                         f"{list(shape[dim:dim + k.ndim])} at index {j}")
                dim += max(k.ndim, 1)
                continue
            size = shape[dim]
            bad = k[(k >= size) | (k < -size)]
            if bad.size:
                raise IndexError(f"index {int(bad.flat[0])} is out of bounds for dimension "
                                 f"{dim} with size {size}")
        elif isinstance(k, (int, np.integer)):
            size = shape[dim]
            if not -size <= k < size:
                raise IndexError(f"index {k} is out of bounds for dimension {dim} with size "
                                 f"{size}")
        dim += 1
    return advanced


def _kind(items, advanced: bool) -> str:
    if advanced:
        return "index"
    for k in reversed(items):
        if isinstance(k, (int, np.integer)):
            return "select"
        if isinstance(k, slice) and k != slice(None):
            return "slice"
    return "slice"


def getitem(tensor, key):
    items = _normalise(key)
    advanced = _check(items, tensor._data.shape)
    np_key = tuple(items) if len(items) != 1 else items[0]
    params = {"key": np_key, "advanced": advanced}
    return apply(OPS[_kind(items, advanced)], (tensor,), params)


def setitem(tensor, key, value) -> None:
    items = _normalise(key)
    _check(items, tensor._data.shape)
    np_key = tuple(items) if len(items) != 1 else items[0]
    value_t = value if isinstance(value, core.TensorBase) else None
    tracking = core.is_grad_enabled() and (
        tensor.requires_grad or (value_t is not None and value_t.requires_grad))
    if tracking:
        check_inplace(tensor)
        if value_t is None:
            value_t = F.constant(value, tensor.dtype, tensor)
        elif value_t._data.dtype != tensor._data.dtype:
            value_t = F.to_dtype(value_t, tensor.dtype)
        result = apply(OPS["index_put"], (tensor, value_t), {"key": np_key})
        versions.bump(tensor, result._data, result.grad_fn)
        rebind(tensor, result)
        return
    data = value_t._data if value_t is not None else value
    tensor._data[np_key] = data
    versions.bump(tensor)


def check_inplace(tensor) -> None:
    if core.is_grad_enabled() and tensor.requires_grad and tensor.grad_fn is None:
        raise RuntimeError("a leaf Variable that requires grad is being used in an in-place "
                           "operation.")


def rebind(tensor, result) -> None:
    """Make ``tensor`` (same Python object) the output of ``result``'s op."""
    tensor._data = result._data
    tensor.requires_grad = result.requires_grad
    tensor.grad_fn = result.grad_fn
    tensor.uid = result.uid
    tensor._tangent = result._tangent
