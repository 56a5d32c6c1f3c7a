"""Reverse mode's walk: collect the graph, run each node's VJPs, accumulate, free.

Nodes run in reverse creation order (creation order is topological), so there is no
recursion and a 100,000-op chain runs. Gradients meet in one dict; ``unbroadcast`` is
applied once per input; observers (tape, counters) get their own copy of the loop so the
plain one stays minimal.
"""

from __future__ import annotations

import gc
import operator
from heapq import heappop, heappush, heappushpop

import numpy as np

from . import core, hooks, versions
from .broadcast import unbroadcast
from .core import Node, make_tensor

ndarray = np.ndarray
_state = hooks.STATE

FREED_MESSAGE = (
    "Trying to backward through the graph a second time (or directly access saved tensors "
    "after they have already been freed). Saved intermediate values of the graph are freed "
    "when you call .backward() or core.grad(). Specify retain_graph=True if you need to "
    "backward through the graph a second time or if you need to access saved tensors after "
    "calling backward.")


_by_seq = operator.attrgetter("seq")
DEFER_SIZE = 256    # leaf gradients up to this many elements are summed once, at the end
DEFER_PARTS = 256   # ... in batches of at most this many parts (bounded memory)


def _collect(root: Node) -> list:
    """Every node reachable from ``root``, latest first (reverse creation order)."""
    tensor_class = core.Tensor  # edges are nodes, leaf tensors or None
    seen = {root}
    add = seen.add
    stack = [root]
    pop, push = stack.pop, stack.append
    nodes = []
    keep = nodes.append
    ordered = True  # a chain comes out in order already: then skip the sort
    last = root.seq + 1
    while stack:
        n = pop()
        keep(n)
        seq = n.seq
        if seq > last:
            ordered = False
        last = seq
        for e in n.next:
            if e is not None and e.__class__ is not tensor_class and e not in seen:
                add(e)
                push(e)
    if not ordered:
        nodes.sort(key=_by_seq, reverse=True)
    return nodes


def accumulate_leaf(leaf, g) -> None:
    """Add ``g`` into ``leaf.grad`` (PyTorch accumulates until ``grad.zero_()``)."""
    target = leaf._data.dtype
    grad = leaf._grad
    before = None if grad is None else grad._data
    if grad is None:
        if g.__class__ is not ndarray or g.dtype != target or not g.flags.owndata \
                or not g.flags.writeable or g.base is not None:
            g = np.array(g, dtype=target)
        leaf._grad = make_tensor(g)
    else:
        grad._data = before + g if g.dtype == target else before + g.astype(target)
    if _state.mode & 2:
        hooks.after_leaf_grad(leaf, before)


def run_backward(root: Node, g: ndarray, retain_graph: bool) -> None:
    """Reverse accumulation from ``root`` with upstream ``g``; frees saved values unless told.

    Gradients meet in one dict keyed by node (non-leaves) or by tensor (leaves), so each
    leaf's ``.grad`` changes once per backward. The cyclic GC is paused meanwhile: the loop
    allocates many short-lived objects and no cycles.
    """
    if versions.MODIFIED:  # something was changed in place: were saved values among them?
        versions.check(_collect(root))
    grads = {root: g}
    gc_was_on = gc.isenabled()
    gc.disable()
    try:
        if _state.mode & 2:
            _observed_loop(_collect(root), grads, retain_graph)
        else:
            _loop(root, grads, retain_graph)
    finally:
        if gc_was_on:
            gc.enable()
    tensor_class = core.Tensor
    for edge, g in grads.items():  # only leaves are left
        if edge.__class__ is tensor_class:
            accumulate_leaf(edge, np.add.reduce(g) if g.__class__ is list else g)


def _loop(root: Node, grads: dict, retain_graph: bool) -> None:
    """The backward loop when nobody observes it (kept minimal: it runs once per node).

    Finds the graph as it goes: the next node is always the pending one created last (the
    largest ``seq``), so every consumer has sent its gradient before a node runs. Pending
    nodes wait in a heap; along a chain the one new input is next and skips the heap.
    """
    pop, get = grads.pop, grads.get
    free = not retain_graph
    tensor_class = core.Tensor
    heap: list = []
    node = root
    while True:
        g = pop(node)
        args = node.args
        if args is None:
            raise RuntimeError(FREED_MESSAGE)
        special = node.special
        if special and node.retained is not None:
            _retain(node, g)
        out, params, shapes, vjps = node.out, node.params, node.shapes, node.vjps
        new = None  # the first input node this step made pending
        i = 0
        for edge in node.next:
            if edge is not None:
                gi = vjps[i](g, out, args, params)
                if shapes is not None and gi.shape != shapes[i]:
                    gi = unbroadcast(gi, shapes[i])
                prev = get(edge)
                if prev is None:
                    grads[edge] = gi
                    if edge.__class__ is not tensor_class:
                        if new is None:
                            new = edge
                        else:
                            heappush(heap, (-edge.seq, edge))
                elif prev.__class__ is list:  # a small leaf's deferred parts (see below)
                    prev.append(gi)
                    if len(prev) >= DEFER_PARTS:
                        grads[edge] = [np.add.reduce(prev)]
                elif edge.__class__ is tensor_class and gi.size <= DEFER_SIZE:
                    # a small leaf used many times (a weight in a chain): keep its parts and
                    # add them in one call at the end, not one tiny ufunc per use
                    grads[edge] = [prev, gi]
                else:
                    grads[edge] = prev + gi
            i += 1
        if special and node.cast_back is not None:
            _cast_back(node, grads)
        if free and node.saves:
            node.args = node.out = None
        if new is not None and (not heap or new.seq > -heap[0][0]):
            node = new
        elif heap:
            node = heappop(heap)[1] if new is None else heappushpop(heap, (-new.seq, new))[1]
        else:
            return


def _observed_loop(nodes: list, grads: dict, retain_graph: bool) -> None:
    """The same loop, also reporting every product to the tape and the counters."""
    pop, get = grads.pop, grads.get
    for node in nodes:
        g = pop(node)
        args = node.args
        if args is None:
            raise RuntimeError(FREED_MESSAGE)
        op = node.op
        if node.special and node.retained is not None:
            _retain(node, g)
        out, params, shapes, vjps = node.out, node.params, node.shapes, op.vjps
        products = []
        for i, edge in enumerate(node.next):
            if edge is None:
                products.append(None)
                continue
            gi = vjps[i](g, out, args, params)
            reduced = gi if shapes is None or gi.shape == shapes[i] else \
                unbroadcast(gi, shapes[i])
            products.append((gi, reduced))
            prev = get(edge)
            grads[edge] = reduced if prev is None else prev + reduced
        if node.special and node.cast_back is not None:
            _cast_back(node, grads)
        hooks.after_node_backward(node, g, products)
        if op.saves and not retain_graph:
            node.args = node.out = None
            hooks.after_release(node)


def _cast_back(node: Node, grads: dict) -> None:
    """Return promoted gradients to their inputs' dtypes (float32 leaf in a float64 op)."""
    for edge, dtype in zip(node.next, node.cast_back, strict=True):
        if edge is None or dtype is None:
            continue
        g = grads[edge]
        if g.__class__ is list:  # a leaf's deferred parts: the newest one is this node's
            if g[-1].dtype != dtype:
                g[-1] = g[-1].astype(dtype)
        elif g.dtype != dtype:
            grads[edge] = g.astype(dtype)


def _retain(node: Node, g) -> None:
    kept = node.retained()
    if kept is not None:
        g = np.array(g)
        kept._grad = make_tensor(g) if kept._grad is None else make_tensor(kept._grad._data + g)


def backward(tensor, gradient=None, retain_graph=None, create_graph=False, inputs=None) -> None:
    """``tensor.backward()``: seed the output gradient, then run reverse mode."""
    Tensor = core.Tensor
    if not tensor.requires_grad:
        raise RuntimeError("element 0 of tensors does not require grad and does not have a "
                           "grad_fn")
    data = tensor._data
    if gradient is None:
        if data.size != 1:
            raise RuntimeError("grad can be implicitly created only for scalar outputs")
        g = np.ones_like(data)
    else:
        g = np.asarray(gradient._data if isinstance(gradient, Tensor) else gradient)
        if g.shape != data.shape:
            raise RuntimeError(
                f"Mismatch in shape: grad_output[0] has a shape of torch.Size({list(g.shape)}) "
                f"and output[0] has a shape of torch.Size({list(data.shape)}).")
        if g.dtype != data.dtype:
            g = g.astype(data.dtype)
    if _state.mode & 2:
        hooks.before_backward()
    if tensor.grad_fn is None:
        accumulate_leaf(tensor, g)
        return
    run_backward(tensor.grad_fn, g, bool(retain_graph))
