"""Estimate, before computing, how many elements an operation would allocate.

The estimates follow the shape rules of PyTorch (broadcasting, matmul, creation
functions). ``None`` means "cannot tell": the op runs and its own errors apply.

This is the call-level check, by the called function's name: it also serves NumPy's
functions and the engine's creation functions, which have no op-table entry. Every op the
engine then runs is sized again by its op-table entry before it allocates
(``engine.hooks.op_budget``, installed by runner.py): that figure, not these names, is
what bounds the ops inside one engine call and the sizes hidden from a call's arguments
(``x.expand(-1, n)``).
"""

from __future__ import annotations

import math
from numbers import Integral, Real

import numpy as np

CREATION_BY_SIZE = frozenset({
    "zeros", "ones", "empty", "rand", "randn", "full", "randint", "normal", "Tensor",
    "FloatTensor", "LongTensor", "DoubleTensor", "BoolTensor", "new_zeros", "new_ones",
    "new_full", "new_empty", "rand_like", "randperm",
})
FROM_DATA = frozenset({"tensor", "as_tensor", "array", "asarray", "new_tensor", "from_numpy"})
JOINS = frozenset({"cat", "concat", "concatenate", "stack", "hstack", "vstack", "dstack",
                   "column_stack", "row_stack"})
MATMULS = frozenset({"matmul", "mm", "bmm", "mv", "dot", "inner", "vdot"})
OUTERS = frozenset({"outer", "ger", "kron", "cartesian_prod", "cdist"})
EXPANDS = frozenset({"expand", "broadcast_to"})
TILES = frozenset({"repeat", "tile"})


def is_array_like(value: object) -> bool:
    """Tensors of the engine and NumPy arrays: anything with a shape and a dtype."""
    return hasattr(type(value), "__module__") and (
        isinstance(value, np.ndarray)
        or type(value).__module__.startswith("tutor_app.engine") and hasattr(value, "shape")
        and hasattr(value, "dtype"))


def shape_of(value: object) -> tuple[int, ...] | None:
    if is_array_like(value):
        try:
            return tuple(int(d) for d in value.shape)
        except (TypeError, ValueError):
            return None
    if isinstance(value, bool | int | float | complex | np.generic):
        return ()
    return None


def numel(shape: tuple[int, ...]) -> int:
    return math.prod(shape)


def broadcast_shape(shapes: list[tuple[int, ...]]) -> tuple[int, ...] | None:
    """Right-aligned broadcasting; ``None`` when the shapes do not broadcast."""
    ndim = max((len(s) for s in shapes), default=0)
    out = []
    for axis in range(-ndim, 0):
        sizes = {s[axis] for s in shapes if len(s) >= -axis} - {1}
        if len(sizes) > 1:
            return None
        out.append(sizes.pop() if sizes else 1)
    return tuple(out)


def matmul_cost(a: tuple[int, ...], b: tuple[int, ...]) -> tuple[int, int] | None:
    """(result elements, multiply-adds) of ``a @ b``; None if the shapes do not fit."""
    if not a or not b:
        return None
    a2 = a if len(a) > 1 else (1, *a)
    b2 = b if len(b) > 1 else (*b, 1)
    if a2[-1] != b2[-2]:
        return None
    batch = broadcast_shape([a2[:-2], b2[:-2]])
    if batch is None:
        return None
    out = numel(batch) * a2[-2] * b2[-1]
    return out, out * a2[-1]


def nested_size(data: object, depth: int = 0) -> int:
    """Elements of nested lists/tuples/ranges, following the first element at each level."""
    if is_array_like(data):
        return numel(shape_of(data) or ())
    if isinstance(data, list | tuple | range) and depth < 64:
        if len(data) == 0:
            return 0
        return len(data) * max(1, nested_size(data[0], depth + 1))
    return 1


def _ints(values) -> list[int] | None:
    if all(isinstance(v, Integral) and not isinstance(v, bool) for v in values):
        return [int(v) for v in values]
    return None


def _shape_arg(args: tuple, kwargs: dict) -> list[int] | None:
    """The size a creation function was given: ``size=``, a tuple, or leading ints."""
    if "size" in kwargs:
        size = kwargs["size"]
        return _ints(size) if isinstance(size, list | tuple) else _ints([size])
    for arg in args:
        if isinstance(arg, list | tuple) and not any(isinstance(a, list | tuple) for a in arg):
            return _ints(arg)
    leading = []
    for arg in args:
        if isinstance(arg, Integral) and not isinstance(arg, bool):
            leading.append(int(arg))
        else:
            break
    return leading or None


def _arange_count(args: tuple, kwargs: dict) -> int | None:
    nums = list(args[:3])
    if not nums:
        nums = [kwargs.get("start", 0), kwargs.get("end")]
    if len(nums) == 1:
        nums = [0, nums[0]]
    start, end = nums[0], nums[1]
    step = nums[2] if len(nums) > 2 else kwargs.get("step", 1)
    if not all(isinstance(v, Real) for v in (start, end, step)) or step == 0:
        return None
    try:
        return max(0, math.ceil((float(end) - float(start)) / float(step)))
    except (OverflowError, ValueError):
        return None


def _outer_size(values: list) -> int:
    return math.prod(numel(shape_of(v) or ()) for v in values if is_array_like(v))


def estimate(name: str, owner: object, args: tuple, kwargs: dict) -> tuple[int | None, int]:
    """(elements the call would produce or None, multiply-adds) for a call named ``name``.

    ``owner`` is the tensor a method is bound to (``x.repeat(...)``), or None.
    """
    operands = ([owner] if owner is not None else []) + list(args)
    flops = 0
    if name in CREATION_BY_SIZE:
        if name.endswith("_like") or name == "randperm":
            sizes = _ints(args[:1]) if name == "randperm" else None
            return (sizes[0] if sizes else None), 0
        shape = _shape_arg(args, kwargs)
        return (math.prod(max(s, 0) for s in shape) if shape else None), 0
    if name == "arange":
        return _arange_count(args, kwargs), 0
    if name in ("linspace", "logspace"):
        steps = args[2] if len(args) > 2 else kwargs.get("steps")
        return (int(steps) if isinstance(steps, Integral) else None), 0
    if name == "eye":
        dims = _ints([a for a in args[:2]]) or []
        return (dims[0] * (dims[1] if len(dims) > 1 else dims[0]) if dims else None), 0
    if name in FROM_DATA:
        return (nested_size(args[0]) if args else None), 0
    if name in JOINS:
        seq = args[0] if args else kwargs.get("tensors", ())
        if isinstance(seq, list | tuple):
            return sum(numel(shape_of(t) or ()) for t in seq if is_array_like(t)), 0
        return None, 0
    if name in ("meshgrid",):
        tensors = [t for t in (args[0] if args and isinstance(args[0], list | tuple) else args)
                   if is_array_like(t)]
        return _outer_size(tensors) * max(1, len(tensors)), 0
    if name in OUTERS:
        return _outer_size(operands), 0
    if name in MATMULS:
        shapes = [shape_of(v) for v in operands if shape_of(v) is not None]
        if len(shapes) == 2:
            cost = matmul_cost(*shapes) if shapes[0] and shapes[1] else None
            if cost:
                return cost
    if name in TILES and owner is not None:
        reps = _shape_arg(args, kwargs) or []
        base = shape_of(owner) or ()
        return numel(base) * math.prod(max(r, 0) for r in reps), 0
    if name in EXPANDS:
        sizes = _shape_arg(args if owner is not None else args[1:], kwargs) or []
        return math.prod(max(s, 1) for s in sizes), 0
    if name == "repeat_interleave" and operands:
        reps = args[0] if owner is not None and args else kwargs.get("repeats", 1)
        count = int(reps) if isinstance(reps, Integral) else nested_size(reps)
        return numel(shape_of(operands[0]) or ()) * max(count, 1), 0
    if name in ("diag", "diag_embed", "diagflat"):
        n = numel(shape_of(operands[0]) or ()) if operands else 0
        return n * n, 0
    shapes = [s for s in (shape_of(v) for v in operands) if s is not None]
    if any(is_array_like(v) for v in operands) and shapes:
        joined = broadcast_shape(shapes)
        if joined is not None:
            return numel(joined), flops
        return max(numel(s) for s in shapes), flops
    return None, flops
