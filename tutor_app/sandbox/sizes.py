"""Estimate, before a call runs, how many elements it would allocate: for what the
engine does not size itself.

The engine sizes its own work before it allocates, from its own declarations: every op
by its op-table entry (``ops_table.output_size``: products, joins and ``expand`` declare
theirs), every creation function (``zeros``, ``tensor``, ``arange`` …) by the size rule it
declares where it is defined (``hooks.sized``). runner.py installs the run's budgets as
the engine's op budget, and guards.py counts each call's result once it returns. No
PyTorch shape rule is copied here. What is left:

- NumPy's functions the console allows (``policy.NUMPY_NAMES``, ``NUMPY_ARRAY_ATTRS``):
  NumPy has no op table, so ``NUMPY_SIZES``, a small table keyed by the NumPy function
  objects themselves (not by name), says how big their results are.
- Any other call that takes arrays (an engine function without an entry of its own, such
  as ``torch.diag``, whose ops are sized again inside): its array operands broadcast
  together, the size of an elementwise result. ``None`` means "cannot tell": the call
  runs, the engine's own checks apply, and its result is counted.
- Shapes and broadcasting for the operators (``a @ b``, ``a + b``, indexing).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from numbers import Integral, Real

import numpy as np


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


# --- NumPy's functions: (args as if called unbound, kwargs) -> (elements or None, flops) ---

Estimate = tuple[int | None, int]


def _np_shape(args: tuple, kwargs: dict) -> Estimate:
    """``np.zeros(shape)``, ``np.ones((2, 3))``."""
    shape = args[0] if args else kwargs.get("shape")
    dims = _ints(shape if isinstance(shape, list | tuple) else (shape,))
    return (math.prod(max(d, 0) for d in dims) if dims is not None else None), 0


def _np_arange(args: tuple, kwargs: dict) -> Estimate:
    """``np.arange(stop)``, ``(start, stop)``, ``(start, stop, step)``."""
    bounds = list(args[:3])
    if len(bounds) == 1:
        bounds = [kwargs.get("start", 0), bounds[0]]
    elif not bounds:
        bounds = [kwargs.get("start", 0), kwargs.get("stop")]
    start, stop = bounds[0], bounds[1]
    step = bounds[2] if len(bounds) > 2 else kwargs.get("step", 1)
    if not all(isinstance(v, Real) for v in (start, stop, step)) or step == 0:
        return None, 0
    try:
        return max(0, math.ceil((float(stop) - float(start)) / float(step))), 0
    except (OverflowError, ValueError):
        return None, 0


def _np_linspace(args: tuple, kwargs: dict) -> Estimate:
    num = args[2] if len(args) > 2 else kwargs.get("num", 50)
    return (int(num) if isinstance(num, Integral) else None), 0


def _np_eye(args: tuple, kwargs: dict) -> Estimate:
    n = args[0] if args else kwargs.get("N")
    m = args[1] if len(args) > 1 else kwargs.get("M")
    dims = _ints([n, n if m is None else m])
    return (dims[0] * dims[1] if dims is not None else None), 0


def _np_array(args: tuple, kwargs: dict) -> Estimate:
    data = args[0] if args else kwargs.get("object")
    return nested_size(data), 0


def _np_outer(args: tuple, kwargs: dict) -> Estimate:
    return math.prod(numel(shape_of(v) or ()) for v in args[:2] if is_array_like(v)), 0


def _np_product(args: tuple, kwargs: dict) -> Estimate:
    shapes = [shape_of(v) for v in args[:2]]
    if len(shapes) == 2 and all(shapes):
        cost = matmul_cost(*shapes)
        if cost is not None:
            return cost
    return _broadcast(list(args)), 0


NUMPY_SIZES: dict[object, Callable[[tuple, dict], Estimate]] = {
    np.zeros: _np_shape, np.ones: _np_shape, np.arange: _np_arange,
    np.linspace: _np_linspace, np.eye: _np_eye, np.array: _np_array,
    np.outer: _np_outer, np.dot: _np_product, np.matmul: _np_product,
    np.ndarray.dot: _np_product,
}


def _broadcast(operands: list) -> int | None:
    """Elements of the array operands broadcast together (the largest, if they do not
    broadcast); None when no operand is an array."""
    shapes = [shape_of(v) for v in operands if is_array_like(v)]
    shapes = [s for s in shapes if s is not None]
    if not shapes:
        return None
    joined = broadcast_shape(shapes)
    return numel(joined) if joined is not None else max(numel(s) for s in shapes)


def _numpy_rule(name: str, fn: object, owner: object):
    """The NUMPY_SIZES rule of ``fn`` (a method is looked up on its owner's class)."""
    key = getattr(type(owner), name, None) if owner is not None else fn
    try:
        return NUMPY_SIZES.get(key)
    except TypeError:  # an unhashable callable: no rule
        return None


def estimate(name: str, fn: object, owner: object, args: tuple, kwargs: dict) -> Estimate:
    """(elements the call would produce or None, multiply-adds) for ``fn`` called as
    ``name``; ``owner`` is the value a method is bound to (``a.dot(b)``), or None."""
    operands = ((owner,) if owner is not None else ()) + tuple(args)
    rule = _numpy_rule(name, fn, owner)
    if rule is not None:
        return rule(operands, kwargs)
    return _broadcast(list(operands)), 0
