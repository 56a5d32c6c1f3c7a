"""Shape functions: reshape/view, transposes, (un)squeeze, expand, cat/stack, indexing.

Arguments are parsed as PyTorch parses them (``reshape(2, 3)``, ``reshape((2, 3))``, -1)
and bad ones raise PyTorch's messages; each call then makes one op-table call.
"""

from __future__ import annotations

import math

from . import functional as F
from . import statistics
from .core import apply
from .dtypes import result_type
from .ops import OPS
from .printing import parse_shape


def _infer(shape: tuple, size: int) -> tuple:
    if shape.count(-1) > 1:
        raise RuntimeError("only one dimension can be inferred")
    known = math.prod(d for d in shape if d != -1)
    if -1 in shape:
        if known == 0 or size % known:
            raise RuntimeError(f"shape '{list(shape)}' is invalid for input of size {size}")
        return tuple(size // known if d == -1 else d for d in shape)
    if known != size:
        raise RuntimeError(f"shape '{list(shape)}' is invalid for input of size {size}")
    return shape


def reshape(input, *shape):
    shape = _infer(parse_shape(shape), input._data.size)
    return apply(OPS["view"], (input,), {"shape": shape})


def view(input, *shape):
    if len(shape) == 1 and not isinstance(shape[0], (int, tuple, list)) and \
            type(shape[0]).__name__ != "Size":
        return F.to_dtype(input, shape[0])
    target = _infer(parse_shape(shape), input._data.size)
    data = input._data
    if data.ndim > 1 and not data.flags.c_contiguous and target != data.shape:
        raise RuntimeError("view size is not compatible with input tensor's size and stride (at "
                           "least one dimension spans across two contiguous subspaces). Use "
                           ".reshape(...) instead.")
    return apply(OPS["view"], (input,), {"shape": target})


def flatten(input, start_dim=0, end_dim=-1):
    n = input._data.ndim
    if n == 0:
        return reshape(input, 1)
    s, e = F.wrap_dim(start_dim, n), F.wrap_dim(end_dim, n)
    shape = input._data.shape
    new = shape[:s] + (math.prod(shape[s:e + 1]),) + shape[e + 1:]
    return reshape(input, new) if new != shape else input


def permute(input, *dims):
    dims = parse_shape(dims)
    n = input._data.ndim
    if len(dims) != n:
        raise RuntimeError(f"permute(sparse_coo): number of dimensions in the tensor input does "
                           f"not match the length of the desired ordering of dimensions i.e. "
                           f"input.dim() = {n} is not equal to len(dims) = {len(dims)}")
    return apply(OPS["permute"], (input,), {"dims": tuple(F.wrap_dim(d, n) for d in dims)})


def t(input):
    n = input._data.ndim
    if n > 2:
        raise RuntimeError(f"t() expects a tensor with <= 2 dimensions, but self is {n}D")
    return apply(OPS["t"], (input,), {"dims": tuple(range(n))[::-1]})


def T(input):  # noqa: N802 - PyTorch's property name
    n = input._data.ndim
    return apply(OPS["permute"], (input,), {"dims": tuple(range(n))[::-1]})


def transpose(input, dim0, dim1):
    n = input._data.ndim
    d0, d1 = F.wrap_dim(dim0, n), F.wrap_dim(dim1, n)
    dims = list(range(n))
    if n:
        dims[d0], dims[d1] = dims[d1], dims[d0]
    return apply(OPS["transpose"], (input,), {"dims": tuple(dims)})


def unsqueeze(input, dim):
    return apply(OPS["unsqueeze"], (input,), {"dim": F.wrap_dim(dim, input._data.ndim + 1)})


def squeeze(input, dim=None):
    if dim is None:
        return apply(OPS["squeeze"], (input,))
    return apply(OPS["squeeze_dim"], (input,), {"dim": F.wrap_dim(dim, input._data.ndim)})


def expand(input, *sizes):
    sizes = parse_shape(sizes)
    shape = input._data.shape
    lead = len(sizes) - len(shape)
    if lead < 0:
        raise RuntimeError(f"expand(torch.FloatTensor{{{list(shape)}}}, size={list(sizes)}): "
                           f"the number of sizes provided ({len(sizes)}) must be greater or "
                           f"equal to the number of dimensions in the tensor ({len(shape)})")
    target = tuple(shape[i - lead] if s == -1 else s for i, s in enumerate(sizes))
    for i, d in enumerate(shape):
        if d != 1 and d != target[lead + i]:
            raise RuntimeError(f"The expanded size of the tensor ({target[lead + i]}) must match "
                               f"the existing size ({d}) at non-singleton dimension {lead + i}.  "
                               f"Target sizes: {list(sizes)}.  Tensor sizes: {list(shape)}")
    return apply(OPS["expand"], (input,), {"shape": target})


def _promoted_many(tensors):
    tensors = F.operands(*tensors)
    dtypes = {x._data.dtype for x in tensors}
    if len(dtypes) == 1:
        return tensors, None
    res = result_type([x.dtype for x in tensors], [], []).np
    return tensors, tuple(x._data.astype(res, copy=False) for x in tensors)


def cat(tensors, dim=0, *, axis=None):
    if axis is not None:
        dim = axis
    if len(tensors) == 0:
        raise RuntimeError("torch.cat(): expected a non-empty list of Tensors")
    tensors, arrays = _promoted_many(tensors)
    first = tensors[0]._data
    d = F.wrap_dim(dim, first.ndim)
    for i, x in enumerate(tensors[1:], 1):
        if x._data.ndim != first.ndim:
            raise RuntimeError(f"Tensors must have same number of dimensions: got {first.ndim} "
                               f"and {x._data.ndim}")
        for k in range(first.ndim):
            if k != d and x._data.shape[k] != first.shape[k]:
                raise RuntimeError(f"Sizes of tensors must match except in dimension {d}. "
                                   f"Expected size {first.shape[k]} but got size "
                                   f"{x._data.shape[k]} for tensor number {i} in the list.")
    if arrays is not None:
        return F.apply_cast(OPS["cat"], tensors, arrays, {"dim": d})
    return apply(OPS["cat"], tensors, {"dim": d})


concat = concatenate = cat


def _at_least(t, ndim: int):
    """``t`` with leading axes of length 1 up to ``ndim`` axes (``atleast_1d/2d``)."""
    shape = t._data.shape
    return t if len(shape) >= ndim else reshape(t, (1,) * (ndim - len(shape)) + shape)


def hstack(tensors):
    """``torch.hstack``: side by side — vectors end to end, matrices along dim 1."""
    parts = [_at_least(t, 1) for t in tensors]
    return cat(parts, 0 if parts and parts[0]._data.ndim == 1 else 1)


def vstack(tensors):
    """``torch.vstack``: one on top of the other — vectors become rows, along dim 0."""
    return cat([_at_least(t, 2) for t in tensors], 0)


def stack(tensors, dim=0):
    if len(tensors) == 0:
        raise RuntimeError("stack expects a non-empty TensorList")
    tensors, arrays = _promoted_many(tensors)
    first = tensors[0]._data
    for i, x in enumerate(tensors[1:], 1):
        if x._data.shape != first.shape:
            raise RuntimeError(f"stack expects each tensor to be equal size, but got "
                               f"{list(first.shape)} at entry 0 and {list(x._data.shape)} at "
                               f"entry {i}")
    d = F.wrap_dim(dim, first.ndim + 1)
    if arrays is not None:
        return F.apply_cast(OPS["stack"], tensors, arrays, {"dim": d})
    return apply(OPS["stack"], tensors, {"dim": d})


# --- reversal, triangles, broadcasting and tiling ---------------------------------------
def flip(input, dims):
    """``torch.flip(x, dims)``: the entries in reverse order along each of ``dims``."""
    if not isinstance(dims, (tuple, list)):
        raise TypeError(f"flip(): argument 'dims' (position 2) must be tuple of ints, not "
                        f"{type(dims).__name__}")
    wrapped = [F.wrap_dim(d, input._data.ndim) for d in dims]
    for d in wrapped:
        if wrapped.count(d) > 1:
            raise RuntimeError(f"dim {d} appears multiple times in the list of dims")
    return F.unary("flip", input, {"dims": tuple(wrapped)})


def flip_method(self, *dims):
    """``x.flip(0, 1)`` or ``x.flip((0, 1))``."""
    if not dims:
        raise TypeError('flip() missing 1 required positional arguments: "dims"')
    return flip(self, list(dims[0]) if len(dims) == 1 and isinstance(dims[0], (tuple, list))
                else list(dims))


def _triangle(name):
    def triangle(input, diagonal=0):
        if input._data.ndim < 2:
            raise RuntimeError(f"{name}: input tensor must have at least 2 dimensions")
        return F.unary(name, input, {"diagonal": int(diagonal)})
    triangle.__name__ = name
    triangle.__doc__ = (f"``torch.{name}``: the {'upper' if name == 'triu' else 'lower'} "
                        "triangle from diagonal ``diagonal`` on, the rest zero.")
    return triangle


triu, tril = _triangle("triu"), _triangle("tril")


def broadcast_to(input, size):
    """``torch.broadcast_to``: ``input.expand(size)``."""
    return expand(input, size)


def tile(input, dims):
    """``torch.tile``: ``repeat``, with ``dims`` padded by 1s on the left to ``input``'s."""
    reps = tuple(dims)
    reps = (1,) * (input._data.ndim - len(reps)) + reps
    return statistics.repeat(input, reps)


def movedim(input, source, destination):
    """``torch.movedim``: the axes ``source`` moved to the positions ``destination``, the
    others keeping their order."""
    ndim = input._data.ndim
    src = [F.wrap_dim(d, ndim) for d in ([source] if isinstance(source, int) else source)]
    dst = [F.wrap_dim(d, ndim)
           for d in ([destination] if isinstance(destination, int) else destination)]
    order = [d for d in range(ndim) if d not in src]
    for d, s in sorted(zip(dst, src, strict=True)):
        order.insert(d, s)
    return permute(input, *order)


moveaxis = movedim
