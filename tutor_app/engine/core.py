"""Reverse mode's forward half: grad_fn nodes, grad mode, and the op-application hot path.

Every op goes through ``apply`` (or its inlined twins for the common one- and two-input
cases): run the table's forward, wrap the result, and — only if grad mode is on and an
input requires grad — attach a node holding what the VJPs need. The walk back over those
nodes is in ``backward.py``, which builds on this module (never the other way round).
Tape recording, forward-mode tangents and cost counters are observers that cost one bit
test when none is active.
"""

from __future__ import annotations

import functools

import numpy as np

from . import hooks
from .ops import OPS
from .uids import COUNTER, new_uid  # noqa: F401 - new_uid is part of core's API

ndarray = np.ndarray
_F32, _F64 = np.dtype(np.float32), np.dtype(np.float64)  # the float dtypes of the fast paths
Tensor = None  # set by tensor.py (the class lives there; this module only creates instances)
_uid = COUNTER  # next(_uid) inline on the hot paths
_EMPTY: dict = {}


class Node:
    """A grad_fn: one evaluated op, what its VJPs need, and where its gradients go.

    ``args`` are the input arrays (the input shapes for ops that save nothing, ``()`` for
    ops whose VJPs read only ``out``) and ``out`` the output; backward sets both to None
    once it has used them (unless retain_graph).
    ``shapes`` are the input shapes for ``unbroadcast``, None when every input has the
    output's shape (the elementwise fast paths).
    Rarely used fields (``retained``, ``record``) live in ``__dict__`` with class defaults
    so the hot path does not pay for them.
    """

    __slots__ = ("args", "out", "next", "shapes", "seq", "__dict__", "__weakref__")
    op = None         # each op's node class holds its table entry, and its ``vjps``/``saves``
    vjps = ()         # (class attributes: one less store per op, one less hop per backward)
    saves = False
    params = _EMPTY   # the op's non-tensor arguments, set only when there are some
    retained = None   # weakref to the tensor that called retain_grad()
    record = None     # (tape, op index) when the op was recorded
    cast_back = None  # per input: the dtype its gradient returns to, when promotion cast it
    special = False   # True when retained or cast_back is set (one test in the hot loop)

    def name(self) -> str:
        return type(self).__name__

    @property
    def next_functions(self) -> tuple:
        return tuple((_edge_function(e), 0) for e in self.next)

    def __repr__(self) -> str:
        return f"<{type(self).__name__} object at {hex(id(self))}>"


class AccumulateGrad:
    """What PyTorch shows in ``next_functions`` for a leaf that requires grad."""

    __slots__ = ("variable",)

    def __init__(self, variable) -> None:
        self.variable = variable

    def name(self) -> str:
        return "torch::autograd::AccumulateGrad"

    next_functions = ()

    def __repr__(self) -> str:
        return f"<AccumulateGrad object at {hex(id(self))}>"


def _edge_function(edge):
    if edge is None or isinstance(edge, Node):
        return edge
    return AccumulateGrad(edge)


def node_class(op) -> type:
    """The grad_fn class of one op, named as PyTorch names it (``MulBackward0``)."""
    return type(op.grad_fn, (Node,), {"__slots__": (), "op": op, "vjps": op.vjps,
                                      "saves": op.saves})


for _op in OPS.values():
    _op.node_cls = node_class(_op)

# --- grad mode ---------------------------------------------------------------------------
_state = hooks.STATE  # per-thread: grad mode and observers (see hooks._ThreadState)
_uniform = hooks.UNIFORM  # 1 while every thread is in the default mode (hooks.UNIFORM)


def _on_uniform(value: int) -> None:
    global _uniform
    _uniform = value


hooks.UNIFORM_LISTENERS.append(_on_uniform)


def is_grad_enabled() -> bool:
    return _state.grad_enabled


class set_grad_enabled:  # noqa: N801 - PyTorch's name
    """Switch gradient recording on or off; a context manager and a decorator."""

    def __init__(self, mode: bool = True) -> None:
        self.prev = _state.grad_enabled
        self.mode = bool(mode)
        _state.grad_enabled = self.mode

    def __enter__(self):
        return None

    def __exit__(self, *exc) -> None:
        _state.grad_enabled = self.prev

    def __call__(self, fn):
        mode = self.mode

        @functools.wraps(fn)
        def wrapper(*a, **k):
            with set_grad_enabled(mode):
                return fn(*a, **k)
        return wrapper


class _GradMode:
    """Base of no_grad / enable_grad: set the mode on enter, restore on exit."""

    mode = False

    def __enter__(self):
        self.prev = _state.grad_enabled
        _state.grad_enabled = self.mode

    def __exit__(self, *exc) -> None:
        _state.grad_enabled = self.prev

    def __call__(self, fn):
        cls = type(self)

        @functools.wraps(fn)
        def wrapper(*a, **k):
            with cls():
                return fn(*a, **k)
        return wrapper


class no_grad(_GradMode):  # noqa: N801
    """``with torch.no_grad():`` or ``@torch.no_grad()``: ops record no graph."""

    mode = False


class enable_grad(_GradMode):  # noqa: N801
    mode = True


inference_mode = no_grad

# --- the hot path ------------------------------------------------------------------------


def make_tensor(data: ndarray, requires_grad: bool = False):
    """A new Tensor around ``data`` (no copy); every tensor is born here or in ``apply``."""
    t = _new(Tensor)
    t._data = data
    t.requires_grad = requires_grad
    t.grad_fn = None
    t.uid = next(_uid)
    return t


_new = object.__new__


def apply(op, inputs: tuple, params: dict = _EMPTY):
    """Evaluate one table entry on tensors; build its node if a gradient can flow."""
    if len(inputs) == 1:
        return apply1(op, inputs[0], params)
    arrays = tuple([t._data for t in inputs])
    if op.may_warn:
        with np.errstate(all="ignore"):
            out = op.forward(*arrays, **params)
    else:
        out = op.forward(*arrays, **params)
    if out.__class__ is not ndarray:
        out = np.asarray(out)
    mode = _uniform or _state.mode
    result = _new(Tensor)
    result._data = out
    result.uid = uid = next(_uid)
    for t in inputs:
        if t.requires_grad and mode & 1:
            node = _new(op.node_cls)
            if params:
                node.params = params
            node.seq = uid
            node.next = tuple([t.grad_fn or (t if t.requires_grad else None) for t in inputs])
            node.shapes = tuple([x.shape for x in arrays])
            if op.saves:
                node.args = arrays
                node.out = out
            else:
                node.args = node.shapes
                node.out = None
            result.requires_grad = True
            result.grad_fn = node
            break
    else:
        result.requires_grad = False
        result.grad_fn = None
    if mode & 2:
        hooks.after_op(op, inputs, arrays, params, result)
    return result


def apply1(op, a, params: dict = _EMPTY):
    """``apply`` for one input: the same steps with less bookkeeping (the hot path)."""
    x = a._data
    if op.may_warn:
        with np.errstate(all="ignore"):
            out = op.forward(x, **params)
    elif params:
        out = op.forward(x, **params)
    else:
        out = op.forward(x)
    if out.__class__ is not ndarray:
        out = np.asarray(out)
    mode = _uniform or _state.mode
    result = _new(Tensor)
    result._data = out
    result.uid = uid = next(_uid)
    if a.requires_grad and mode & 1:
        node = _new(op.node_cls)
        if params:
            node.params = params
        node.seq = uid
        node.next = (a.grad_fn or a,)
        if op.saves:
            node.args = () if op.out_only else (x,)
            node.out = out
            node.shapes = (x.shape,)
        else:
            node.args = node.shapes = (x.shape,)
            node.out = None
        result.requires_grad = True
        result.grad_fn = node
    else:
        result.requires_grad = False
        result.grad_fn = None
    if mode & 2:
        hooks.after_op(op, (a,), (x,), params, result)
    return result


def apply2(op, a, b):
    """``apply`` for two same-dtype inputs and no parameters (arithmetic operators)."""
    x, y = a._data, b._data
    if op.may_warn:
        with np.errstate(all="ignore"):
            out = op.forward(x, y)
    else:
        out = op.forward(x, y)
    if out.__class__ is not ndarray:
        out = np.asarray(out)
    mode = _uniform or _state.mode
    result = _new(Tensor)
    result._data = out
    result.uid = uid = next(_uid)
    if (a.requires_grad or b.requires_grad) and mode & 1:
        node = _new(op.node_cls)
        node.seq = uid
        node.next = (a.grad_fn or (a if a.requires_grad else None),
                     b.grad_fn or (b if b.requires_grad else None))
        if op.saves:
            node.args = (x, y)
            node.out = out
            node.shapes = (x.shape, y.shape)
        else:
            node.args = node.shapes = (x.shape, y.shape)
            node.out = None
        result.requires_grad = True
        result.grad_fn = node
    else:
        result.requires_grad = False
        result.grad_fn = None
    if mode & 2:
        hooks.after_op(op, (a, b), (x, y), _EMPTY, result)
    return result


def fast_binary(op, slow):
    """A Tensor operator for ``op``: two same-dtype, same-shape tensors are handled right
    here (``apply2`` inlined: this is the per-op cost every chain pays), anything else goes
    to ``slow(op, a, b)``, which promotes, checks broadcasting and calls ``apply``."""
    forward, node_cls, saves = op.forward, op.node_cls, op.saves
    if op.may_warn:  # needs np.errstate around the forward: take the general path
        return lambda a, b: slow(op, a, b)

    def operator_method(a, b):  # ``a`` is the Tensor whose operator this is
        if b.__class__ is not Tensor:
            return slow(op, a, b)
        x, y = a._data, b._data
        dtype = x.dtype
        if dtype is not y.dtype or (dtype is not _F32 and dtype is not _F64) \
                or x.shape != y.shape:
            return slow(op, a, b)
        out = forward(x, y)
        if out.__class__ is not ndarray:
            out = np.asarray(out)
        mode = _uniform or _state.mode
        result = _new(Tensor)
        result._data = out
        result.uid = uid = next(_uid)
        if (a.requires_grad or b.requires_grad) and mode & 1:
            node = _new(node_cls)
            node.seq = uid
            node.next = (a.grad_fn or (a if a.requires_grad else None),
                         b.grad_fn or (b if b.requires_grad else None))
            node.shapes = None  # same shapes in and out: nothing to unbroadcast
            if saves:
                node.args = (x, y)
                node.out = out
            else:
                node.args = ()
                node.out = None
            result.requires_grad = True
            result.grad_fn = node
        else:
            result.requires_grad = False
            result.grad_fn = None
        if mode & 2:
            hooks.after_op(op, (a, b), (x, y), _EMPTY, result)
        return result
    return operator_method


def fast_unary(op, slow):
    """``torch.sin(x)`` / ``x.sin()``: a float tensor is handled here, anything else by
    ``slow(op, a)`` (integer inputs promote to float32 there)."""
    forward, node_cls, saves = op.forward, op.node_cls, op.saves
    keep_input = not op.out_only  # tanh's VJP reads only its output: drop the input
    wide = getattr(forward, "wide", None)  # float32 computed in float64 (ops.rounded_once)
    if op.may_warn:  # needs np.errstate around the forward: take the general path
        return lambda a: slow(op, a)

    def function(a):
        if a.__class__ is not Tensor:
            return slow(op, a)
        x = a._data
        dtype = x.dtype
        if dtype is _F32:
            out = wide(x.astype(_F64)).astype(_F32) if wide is not None else forward(x)
        elif dtype is _F64:
            out = forward(x)
        else:
            return slow(op, a)
        if out.__class__ is not ndarray:
            out = np.asarray(out)
        mode = _uniform or _state.mode
        result = _new(Tensor)
        result._data = out
        result.uid = uid = next(_uid)
        if a.requires_grad and mode & 1:
            node = _new(node_cls)
            node.seq = uid
            node.next = (a.grad_fn or a,)
            node.shapes = None  # elementwise: the gradient already has the input's shape
            if saves:
                node.args = (x,) if keep_input else ()
                node.out = out
            else:
                node.args = ()
                node.out = None
            result.requires_grad = True
            result.grad_fn = node
        else:
            result.requires_grad = False
            result.grad_fn = None
        if mode & 2:
            hooks.after_op(op, (a,), (x,), _EMPTY, result)
        return result
    return function

