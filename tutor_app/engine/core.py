"""Reverse mode's forward half: grad_fn nodes, grad mode, and the op-application hot path.

Every op runs the table's forward and hands the array to ``make_result``, the one place a
result is wrapped and — only if grad mode is on and an input requires grad — given a node
holding what the VJPs need. ``apply`` is the general path; ``fast_binary``/``fast_unary``
only skip argument handling (same dtype and shape, float) before calling it. The walk
back over the nodes is in ``backward.py``, which builds on this module (never the other
way round).
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
_uid = COUNTER  # next(_uid) inline on the hot paths
_EMPTY: dict = {}


# Positions in ``Node.state``, the one list that holds what make_result and the backward
# loop read and write for every node.
ARGS, OUT, NEXT, SHAPES, SEQ, VJPS, PARAMS, SPECIAL = range(8)


def _field(index: int, name: str) -> property:
    """``node.<name>``: item ``index`` of ``node.state``, for the code off the hot path."""
    def get(node):
        return node.state[index]

    def put(node, value):
        node.state[index] = value
    return property(get, put, doc=f"node.state[{index}] ({name})")


class Node:
    """A grad_fn: one evaluated op, what its VJPs need, and where its gradients go.

    ``args`` are the input arrays (the input shapes for ops that save nothing, ``()`` for
    ops whose VJPs read only ``out``) and ``out`` the output; backward sets both to None
    once it has used them (unless retain_graph).
    ``shapes`` are the input shapes for ``unbroadcast``, None when every input has the
    output's shape (the elementwise fast paths).
    All of these, with ``next``, ``seq``, ``vjps``, ``params`` and ``special``, are items
    of one list, ``state``, which ``make_result`` builds in one go and the backward loop
    unpacks in one go (positions ``ARGS`` … ``SPECIAL``; the properties below read them
    for everyone else). Why a list and not one slot per field: every op has its own node
    class (PyTorch's names), and CPython specialises an attribute access for one class
    only, so a slot read or write in code that sees nodes of many ops takes the slow
    generic path; one ``state`` access per node instead of eighteen cut W1's instruction
    count by 5%.
    Rarely used fields (``retained``, ``record``, ``cast_back``) live in ``__dict__`` with
    class defaults so the hot path does not pay for them.
    """

    __slots__ = ("state", "__dict__", "__weakref__")
    op = None         # each op's node class holds its table entry and ``saves``
    saves = False
    retained = None   # weakref to the tensor that called retain_grad()
    record = None     # (tape, op index) when the op was recorded
    cast_back = None  # per input: the dtype its gradient returns to, when promotion cast it

    args = _field(ARGS, "args")
    out = _field(OUT, "out")
    next = _field(NEXT, "next")
    shapes = _field(SHAPES, "shapes")
    seq = _field(SEQ, "seq")
    vjps = _field(VJPS, "vjps")
    params = _field(PARAMS, "params")
    special = _field(SPECIAL, "special")  # True when retained or cast_back is set

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
    return type(op.grad_fn, (Node,), {"__slots__": (), "op": op, "saves": op.saves})


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

# --- tensors and the hot path ------------------------------------------------------------


class TensorBase:
    """What every tensor carries: its array and its autograd state (no methods).

    ``tensor.Tensor`` inherits it and adds PyTorch's methods. The core never names that
    class: a result takes the class of its first input (``make_result``), and code that
    makes a tensor from bare data says which class (``new_tensor``). So no module has to
    hand the core a class after import, and the core stays below everything that uses it.
    """

    __slots__ = ("_data", "requires_grad", "grad_fn", "uid", "__dict__", "__weakref__")
    _grad = None      # set on leaves by backward (kept out of the per-op stores)
    _retain = False   # rare fields live in __dict__, defaulting here (see Node)
    _tangent = None
    _untracked = False  # True for ``.data`` views: in-place changes are not counted


def new_tensor(cls: type, data: ndarray, requires_grad: bool = False):
    """A new tensor of class ``cls`` around ``data`` (no copy)."""
    t = _new(cls)
    t._data = data
    t.requires_grad = requires_grad
    t.grad_fn = None
    t.uid = next(_uid)
    return t


def new_like(like, data: ndarray, requires_grad: bool = False):
    """A new tensor of ``like``'s class around ``data``: how code below ``tensor.py`` makes
    a tensor that is not an op's result (an index array, a gradient, a constant)."""
    return new_tensor(like.__class__, data, requires_grad)


_new = object.__new__


def make_result(op, out, a, b, more: tuple, arrays, shapes, params: dict):
    """The one place an op's result and its node are made (every path below calls it).

    The op's inputs are ``a``, then ``b`` (None for a one-input op), then the tuple
    ``more`` (empty unless the op takes three or more, as ``cat`` can): the one- and
    two-input ops that every chain is made of pass no tuple to build and unpack.
    ``out`` is what ``op.forward`` returned for the inputs' arrays. ``arrays`` are those
    arrays as a tuple, or None to have them read from the inputs only when needed (the
    fast paths: most elementwise nodes keep no input array). ``shapes`` are the inputs'
    shapes when the backward must undo broadcasting, None when every input has the
    output's shape. The node is made only if grad mode is on and an input requires grad;
    observers (tape, counters, forward mode) hear of the op when one is on.
    """
    if out.__class__ is not ndarray:
        out = np.asarray(out)
    result = _new(a.__class__)
    result._data = out
    result.uid = uid = next(_uid)
    mode = _uniform or _state.mode
    edges = None
    if mode & 1:
        if more:
            inputs = (a, b, *more)
            if any(t.requires_grad for t in inputs):
                edges = tuple([t.grad_fn or (t if t.requires_grad else None) for t in inputs])
        elif b is None:
            if a.requires_grad:
                edges = (a.grad_fn or a,)
        elif a.requires_grad or b.requires_grad:
            edges = (a.grad_fn or (a if a.requires_grad else None),
                     b.grad_fn or (b if b.requires_grad else None))
    if edges is None:
        result.requires_grad = False
        result.grad_fn = None
    else:
        node = _new(op.node_cls)
        if not op.saves:  # the VJPs read no value: keep the shapes only (graph_backward)
            node.state = [shapes or (), None, edges, shapes, uid, op.vjps, params, False]
        elif op.out_only:
            node.state = [(), out, edges, shapes, uid, op.vjps, params, False]
        else:
            if arrays is None:  # only the fast paths (one or two inputs) leave it to us
                arrays = (a._data,) if b is None else (a._data, b._data)
            node.state = [arrays, out, edges, shapes, uid, op.vjps, params, False]
        result.requires_grad = True
        result.grad_fn = node
    if mode & 2:
        inputs = (a,) if b is None else (a, b, *more)
        hooks.after_op(op, inputs, arrays or tuple([t._data for t in inputs]), params, result)
    return result


def apply(op, inputs: tuple, params: dict = _EMPTY):
    """Evaluate one table entry on tensors (of any shapes: the backward unbroadcasts)."""
    arrays = tuple([t._data for t in inputs])
    shapes = tuple([x.shape for x in arrays])
    if (_uniform or _state.mode) & 4:  # a budget (the sandbox's) wants to know first
        hooks.before_op(op, shapes, params)
    if op.may_warn:
        with np.errstate(all="ignore"):
            out = op.forward(*arrays, **params)
    else:
        out = op.forward(*arrays, **params)
    if len(inputs) == 1:
        return make_result(op, out, inputs[0], None, (), arrays, shapes, params)
    return make_result(op, out, inputs[0], inputs[1], inputs[2:], arrays, shapes, params)


def fast_binary(op, slow):
    """A Tensor operator for ``op``: two same-dtype, same-shape float tensors go straight
    to the forward and ``make_result`` (the per-op cost every chain pays); anything else
    goes to ``slow(op, a, b)``, which promotes, checks broadcasting and calls ``apply``."""
    forward = op.forward
    if op.may_warn:  # needs np.errstate around the forward: take the general path
        return lambda a, b: slow(op, a, b)

    def operator_method(a, b):  # ``a`` is the Tensor whose operator this is
        if b.__class__ is not a.__class__:
            return slow(op, a, b)
        x, y = a._data, b._data
        dtype = x.dtype
        if dtype is not y.dtype or (dtype is not _F32 and dtype is not _F64) \
                or x.shape != y.shape:
            return slow(op, a, b)
        return make_result(op, forward(x, y), a, b, (), None, None, _EMPTY)
    return operator_method


def fast_unary(op, slow):
    """``torch.sin(x)`` / ``x.sin()``: a float tensor goes straight to the forward and
    ``make_result``; anything else to ``slow(op, a)`` (integer inputs promote to float32
    there)."""
    forward = op.forward
    wide = getattr(forward, "wide", None)  # float32 computed in float64 (ops.rounded_once)
    if op.may_warn:  # needs np.errstate around the forward: take the general path
        return lambda a: slow(op, a)

    tensor_base = TensorBase

    def function(a):
        if not isinstance(a, tensor_base):
            return slow(op, a)
        x = a._data
        dtype = x.dtype
        if dtype is _F32:
            out = wide(x.astype(_F64)).astype(_F32) if wide is not None else forward(x)
        elif dtype is _F64:
            out = forward(x)
        else:
            return slow(op, a)
        return make_result(op, out, a, None, (), None, None, _EMPTY)
    return function
