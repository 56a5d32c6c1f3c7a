"""Reverse mode: grad_fn nodes, the op-application hot path, backward, grad mode.

Every op goes through ``apply``: run the table's forward, wrap the result, and — only if
grad mode is on and an input requires grad — attach a node holding what the VJPs need.
``backward`` walks nodes in reverse creation order (creation order is topological), so
there is no recursion and a 100,000-op chain runs. Tape recording, forward-mode tangents
and cost counters are observers that cost one ``if`` when none is active.
"""

from __future__ import annotations

import functools
import itertools

import numpy as np

from . import hooks
from .broadcast import unbroadcast
from .ops import OPS

ndarray = np.ndarray
Tensor = None  # set by tensor.py (the class lives there; this module only creates instances)
_seq = itertools.count()
_uid = itertools.count(1)
_EMPTY: dict = {}

FREED_MESSAGE = (
    "Trying to backward through the graph a second time (or directly access saved tensors "
    "after they have already been freed). Saved intermediate values of the graph are freed "
    "when you call .backward() or autograd.grad(). Specify retain_graph=True if you need to "
    "backward through the graph a second time or if you need to access saved tensors after "
    "calling backward.")


class Node:
    """A grad_fn: one evaluated op, what its VJPs need, and where its gradients go."""

    __slots__ = ("op", "args", "out", "params", "next", "shapes", "seq", "dtype", "saved",
                 "freed", "retained", "record", "__weakref__")

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


for _op in OPS.values():
    _op.node_cls = type(_op.grad_fn, (Node,), {"__slots__": ()})

# --- grad mode ---------------------------------------------------------------------------
grad_enabled = True


def is_grad_enabled() -> bool:
    return grad_enabled


class set_grad_enabled:  # noqa: N801 - PyTorch's name
    """Switch gradient recording on or off; a context manager and a decorator."""

    def __init__(self, mode: bool = True) -> None:
        global grad_enabled
        self.prev = grad_enabled
        self.mode = bool(mode)
        grad_enabled = self.mode

    def __enter__(self):
        return None

    def __exit__(self, *exc) -> None:
        global grad_enabled
        grad_enabled = self.prev

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
        global grad_enabled
        self.prev = grad_enabled
        grad_enabled = self.mode

    def __exit__(self, *exc) -> None:
        global grad_enabled
        grad_enabled = self.prev

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
    """A new Tensor around ``data`` (no copy); every tensor is born here."""
    t = Tensor.__new__(Tensor)
    t.data = data
    t.requires_grad = requires_grad
    t.grad = None
    t.grad_fn = None
    t.uid = next(_uid)
    t._retain = False
    t._tangent = None
    return t


def apply(op, inputs: tuple, params: dict = _EMPTY, saves: bool = True):
    """Evaluate one table entry on tensors; build its node if a gradient can flow."""
    arrays = tuple([t.data for t in inputs])
    if op.may_warn:
        with np.errstate(all="ignore"):
            out = op.forward(*arrays, **params)
    else:
        out = op.forward(*arrays, **params)
    if out.__class__ is not ndarray:
        out = np.asarray(out)
    result = make_tensor(out)
    if grad_enabled:
        for t in inputs:
            if t.requires_grad:
                node = op.node_cls()
                node.op = op
                node.params = params
                node.seq = next(_seq)
                node.next = tuple([t.grad_fn or (t if t.requires_grad else None)
                                   for t in inputs])
                node.shapes = tuple([a.shape for a in arrays])
                if op.saves:
                    node.args = arrays
                    node.out = out
                    node.saved = saves
                else:
                    node.args = node.shapes
                    node.out = None
                    node.saved = False
                node.dtype = out.dtype
                node.freed = False
                node.retained = None
                node.record = None
                result.requires_grad = True
                result.grad_fn = node
                break
    if hooks.active:
        hooks.after_op(op, inputs, arrays, params, result)
    return result


# --- backward ----------------------------------------------------------------------------


def _collect(root: Node) -> list:
    """Every node reachable from ``root``, latest first (reverse creation order)."""
    seen = {root}
    stack = [root]
    nodes = []
    while stack:
        n = stack.pop()
        nodes.append(n)
        for e in n.next:
            if e is not None and e.__class__ is not Tensor and e not in seen:
                seen.add(e)
                stack.append(e)
    nodes.sort(key=lambda n: n.seq, reverse=True)
    return nodes


def accumulate_leaf(leaf, g: ndarray, fresh: bool) -> None:
    """Add ``g`` into ``leaf.grad`` (PyTorch accumulates until ``grad.zero_()``)."""
    if g.dtype != leaf.data.dtype:
        g = g.astype(leaf.data.dtype)
        fresh = True
    grad = leaf.grad
    before = None if grad is None else grad.data
    if grad is None:
        if not fresh or not g.flags.owndata or not g.flags.writeable:
            g = np.array(g, copy=True)
        leaf.grad = make_tensor(g)
    else:
        grad.data = before + g
    if hooks.active:
        hooks.after_leaf_grad(leaf, before)


def run_backward(root: Node, g: ndarray, retain_graph: bool) -> None:
    """Reverse accumulation from ``root`` with upstream ``g``; frees saved values unless told."""
    nodes = _collect(root)
    grads = {root: g}
    observe = hooks.active
    for node in nodes:
        g = grads.pop(node, None)
        if g is None:
            continue
        if node.freed:
            raise RuntimeError(FREED_MESSAGE)
        if node.retained is not None:
            kept = node.retained()
            if kept is not None:
                kept.grad = make_tensor(np.array(g, copy=True)) if kept.grad is None \
                    else make_tensor(kept.grad.data + g)
        op, args, out, params, shapes = node.op, node.args, node.out, node.params, node.shapes
        vjps = op.vjps
        products = [] if observe else None
        for i, edge in enumerate(node.next):
            if edge is None:
                if observe:
                    products.append(None)
                continue
            gi = vjps[i](g, out, args, params)
            if gi.__class__ is not ndarray:
                gi = np.asarray(gi)
            reduced = unbroadcast(gi, shapes[i])
            if observe:
                products.append((gi, reduced))
            if edge.__class__ is Tensor:
                accumulate_leaf(edge, reduced, reduced is not g)
            else:
                if reduced.dtype != edge.dtype:
                    reduced = reduced.astype(edge.dtype)
                prev = grads.get(edge)
                grads[edge] = reduced if prev is None else prev + reduced
        if observe:
            hooks.after_node_backward(node, g, products)
        if not retain_graph and node.saved:
            node.freed = True
            node.args = shapes
            node.out = None
            if observe:
                hooks.after_release(node)


def backward(tensor, gradient=None, retain_graph=None, create_graph=False, inputs=None) -> None:
    """``tensor.backward()``: seed the output gradient, then run reverse mode."""
    if not tensor.requires_grad:
        raise RuntimeError("element 0 of tensors does not require grad and does not have a "
                           "grad_fn")
    data = tensor.data
    if gradient is None:
        if data.size != 1:
            raise RuntimeError("grad can be implicitly created only for scalar outputs")
        g = np.ones_like(data)
    else:
        g = np.asarray(gradient.data if isinstance(gradient, Tensor) else gradient)
        if g.shape != data.shape:
            raise RuntimeError(
                f"Mismatch in shape: grad_output[0] has a shape of torch.Size({list(g.shape)}) "
                f"and output[0] has a shape of torch.Size({list(data.shape)}).")
        if g.dtype != data.dtype:
            g = g.astype(data.dtype)
    if hooks.active:
        hooks.before_backward()
    if tensor.grad_fn is None:
        accumulate_leaf(tensor, g, False)
        return
    run_backward(tensor.grad_fn, g, bool(retain_graph))
