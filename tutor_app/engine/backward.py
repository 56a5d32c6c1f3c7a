"""Reverse mode's walk: run each node's VJPs, accumulate, free.

Nodes run in reverse creation order (creation order is topological), so there is no
recursion and a 100,000-op chain runs. Gradients meet in one dict; ``unbroadcast`` is
applied once per input. One loop (``_backward_loop``) serves ``backward``,
``autograd.grad`` and ``create_graph``, observed or not: what differs is passed to it.
"""

from __future__ import annotations

import gc
import operator
import warnings
from heapq import heapify, heappop, heappush, heappushpop

import numpy as np

from . import core, graph_backward, hooks, versions
from . import functional as F
from .broadcast import unbroadcast
from .core import ARGS, OUT, SEQ, Node, new_like
from .ops_table import passes

ndarray = np.ndarray
_state = hooks.STATE

FREED_MESSAGE = (
    "Trying to backward through the graph a second time (or directly access saved tensors "
    "after they have already been freed). Saved intermediate values of the graph are freed "
    "when you call .backward() or autograd.grad(). Specify retain_graph=True if you need to "
    "backward through the graph a second time or if you need to access saved tensors after "
    "calling backward.")


_by_seq = operator.attrgetter("seq")
DEFER_SIZE = 256    # leaf gradients up to this many elements are summed once, at the end
DEFER_PARTS = 256   # ... in batches of at most this many parts (bounded memory)


def _collect(roots: list, tensor_class: type) -> list:
    """Every node reachable from the roots, latest first (reverse creation order): what the
    in-place check (versions.py) looks through before a backward pass starts."""
    root, *more = roots
    seen = {root, *more}
    add = seen.add
    stack = [*reversed(more), root]
    pop, push = stack.pop, stack.append
    nodes = []
    keep = nodes.append
    ordered = not more  # a chain comes out in order already: then skip the sort
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
        leaf._grad = new_like(leaf, g)
    else:
        total = before + g if g.dtype == target else before + g.astype(target)
        # numpy turns a 0-d sum into a scalar; .grad must stay an array (zero_() writes into it)
        grad._data = total if total.__class__ is ndarray else np.asarray(total)
    if _state.mode & 2:
        hooks.after_leaf_grad(leaf, before)


def _backward_loop(roots: list, grads: dict, tensor_class: type, retain_graph: bool, *,
                   recorded: bool = False, observe: bool = False, wanted: dict) -> None:
    """The one backward loop: run each reached node's VJPs and add up what every input gets.

    Finds the graph as it goes: the next node is always the pending one created last (the
    largest ``seq``), so every consumer has sent its gradient before a node runs. Pending
    nodes wait in a heap; along a chain the one new input is next and skips the heap.
    Gradients meet in ``grads``, keyed by node (non-leaves) or by tensor (leaves); leaves
    are left there for the caller to accumulate into ``.grad``.

    What varies is passed in, not copied: ``recorded`` (``create_graph``) computes each VJP
    with recorded engine ops (graph_backward.py) instead of the table's NumPy rule;
    ``observe`` reports every node's products and releases to the observers (tape,
    counters); ``wanted`` collects the gradient reaching the nodes it lists (non-leaf
    inputs of ``autograd.grad``). The plain case pays one test per option.
    """
    pop, get = grads.pop, grads.get
    free = not retain_graph
    defer = not recorded  # summing a small leaf's parts at the end needs plain arrays
    reduce_to = graph_backward.unbroadcast if recorded else unbroadcast
    recorded_vjp = graph_backward.vjp
    heap = [(-r.seq, r) for r in roots]
    heapify(heap)
    node = heappop(heap)[1]
    products = None
    while True:
        g = pop(node)
        if wanted and node in wanted:
            wanted[node] = g
        state = node.state  # one read of the node: its fields are items of this list
        args, out, edges, shapes, _, vjps, params, special = state
        if args is None:
            raise RuntimeError(FREED_MESSAGE)
        if special and node.retained is not None:
            _retain(node, g)
        if observe:
            products = []
        new = None  # the first input node this step made pending
        i = 0
        for edge in edges:
            if edge is not None:
                if recorded:
                    gi = recorded_vjp(node, i, g)
                else:
                    rule = vjps[i]  # ``passes`` (+, views, copies) hands g on: no call
                    gi = g if rule is passes else rule(g, out, args, params)
                reduced = gi if shapes is None or gi.shape == shapes[i] else \
                    reduce_to(gi, shapes[i])
                if observe:
                    products.append((gi, reduced))
                prev = get(edge)
                if prev is None:
                    grads[edge] = reduced
                    if edge.__class__ is not tensor_class:
                        if new is None:
                            new = edge
                        else:
                            heappush(heap, (-edge.state[SEQ], edge))
                elif prev.__class__ is list:  # a small leaf's deferred parts (see below)
                    prev.append(reduced)
                    if len(prev) >= DEFER_PARTS:
                        grads[edge] = [np.add.reduce(prev)]
                elif defer and edge.__class__ is tensor_class and reduced.size <= DEFER_SIZE:
                    # a small leaf used many times (a weight in a chain): keep its parts and
                    # add them in one call at the end, not one tiny ufunc per use
                    grads[edge] = [prev, reduced]
                else:
                    grads[edge] = prev + reduced
            elif observe:
                products.append(None)
            i += 1
        if special and node.cast_back is not None:
            _cast_back(node, grads)
        if observe:
            hooks.after_node_backward(node, _array(g), [
                None if p is None else (_array(p[0]), _array(p[1])) for p in products])
        if free and out is not None:  # the node saved values (``out`` is None otherwise)
            state[ARGS] = state[OUT] = None
            if observe:
                hooks.after_release(node)
        if new is not None and (not heap or new.state[SEQ] > -heap[0][0]):
            node = new
        elif heap:
            node = heappop(heap)[1] if new is None else \
                heappushpop(heap, (-new.state[SEQ], new))[1]
        else:
            return


def _array(g):
    return g._data if isinstance(g, core.TensorBase) else g


def _cast_back(node: Node, grads: dict) -> None:
    """Return promoted gradients to their inputs' dtypes (float32 leaf in a float64 op)."""
    for edge, dtype in zip(node.next, node.cast_back, strict=True):
        if edge is None or dtype is None:
            continue
        g = grads[edge]
        if g.__class__ is list:  # a leaf's deferred parts: the newest one is this node's
            if g[-1].dtype != dtype:
                g[-1] = g[-1].astype(dtype)
        elif isinstance(g, core.TensorBase):  # create_graph: the cast is a recorded op
            if g._data.dtype != dtype:
                grads[edge] = F.to_dtype(g, F.from_numpy_dtype(dtype))
        elif g.dtype != dtype:
            grads[edge] = g.astype(dtype)


def _retain(node: Node, g) -> None:
    kept = node.retained()
    if kept is None:
        return
    if isinstance(g, core.TensorBase):  # create_graph: the gradient keeps its graph
        kept._grad = g if kept._grad is None else kept._grad + g
        return
    g = np.array(g)
    kept._grad = (new_like(kept, g) if kept._grad is None
                  else new_like(kept, np.asarray(kept._grad._data + g)))


def _seed(i: int, output, gradient, create_graph: bool):
    """The gradient an output starts from: ones for a scalar, else the one given."""
    data = output._data
    if gradient is None:
        if data.size != 1:
            raise RuntimeError("grad can be implicitly created only for scalar outputs")
        g = np.ones_like(data)
        return new_like(output, g) if create_graph else g
    if isinstance(gradient, core.TensorBase):
        if gradient._data.shape != data.shape:
            raise RuntimeError(
                f"Mismatch in shape: grad_output[{i}] has a shape of "
                f"torch.Size({list(gradient._data.shape)}) and output[{i}] has a shape of "
                f"torch.Size({list(data.shape)}).")
        if create_graph:
            return gradient if gradient._data.dtype == data.dtype else \
                F.to_dtype(gradient, output.dtype)
        gradient = gradient._data
    g = np.asarray(gradient)
    if g.shape != data.shape:
        raise RuntimeError(
            f"Mismatch in shape: grad_output[{i}] has a shape of torch.Size({list(g.shape)}) "
            f"and output[{i}] has a shape of torch.Size({list(data.shape)}).")
    if g.dtype != data.dtype:
        g = g.astype(data.dtype)
    return new_like(output, g) if create_graph else g


def differentiate(outputs, grad_outputs, retain_graph, create_graph: bool, inputs,
                  accumulate: bool):
    """Reverse mode from several outputs: what ``backward`` and ``autograd.grad`` share.

    ``accumulate``: add into ``.grad`` (of ``inputs`` only, when given) as ``backward``
    does; otherwise return the gradients of ``inputs`` (None where none arrived).
    """
    for i, out in enumerate(outputs):
        if not out.requires_grad:
            raise RuntimeError(f"element {i} of tensors does not require grad and does not "
                               "have a grad_fn")
    retain_graph = create_graph if retain_graph is None else bool(retain_graph)
    seeds = [_seed(i, out, g, create_graph)
             for i, (out, g) in enumerate(zip(outputs, grad_outputs, strict=True))]
    observe = bool(_state.mode & 2)
    if observe:
        hooks.before_backward()
    grads: dict = {}
    for out, g in zip(outputs, seeds, strict=True):
        edge = out.grad_fn or out
        grads[edge] = g if edge not in grads else grads[edge] + g
    tensor_class = outputs[0].__class__  # edges are nodes, leaf tensors (this class) or None
    roots = [e for e in grads if e.__class__ is not tensor_class]
    wanted = {t.grad_fn: None for t in inputs or () if t.grad_fn is not None}
    if roots:
        if versions.MODIFIED:  # something was changed in place: were saved values among them?
            versions.check(_collect(roots, tensor_class))
        # The cyclic GC is paused meanwhile: the loop allocates many short-lived objects
        # and makes no cycles.
        gc_was_on = gc.isenabled()
        gc.disable()
        try:
            with core.set_grad_enabled(create_graph):
                _backward_loop(roots, grads, tensor_class, retain_graph, recorded=create_graph,
                               observe=observe, wanted=wanted)
        finally:
            if gc_was_on:
                gc.enable()
    if accumulate:
        _accumulate(grads, wanted, inputs, tensor_class)
        return None
    return [wanted.get(t.grad_fn) if t.grad_fn is not None else _summed(grads.get(t))
            for t in inputs]


def _summed(g):
    """A leaf's gradient: its deferred parts (a list) added up."""
    return np.add.reduce(g) if g.__class__ is list else g


def _accumulate(grads: dict, wanted: dict, inputs, tensor_class: type) -> None:
    if inputs is None:
        targets = [(e, g) for e, g in grads.items() if e.__class__ is tensor_class]
    else:
        targets = [(t, wanted.get(t.grad_fn) if t.grad_fn is not None else grads.get(t))
                   for t in inputs]
    for leaf, g in targets:
        if g is None:
            continue
        if isinstance(g, core.TensorBase):
            _accumulate_graph(leaf, g)
        else:
            accumulate_leaf(leaf, _summed(g))


def _accumulate_graph(leaf, g) -> None:
    """``create_graph``: ``.grad`` keeps the graph of its computation (PyTorch does too)."""
    before = leaf._grad
    if g._data.dtype != leaf._data.dtype:
        g = F.to_dtype(g, leaf.dtype)
    with core.enable_grad():
        leaf._grad = F.unary("copy_grad", g) if before is None else before + g
    if _state.mode & 2:
        hooks.after_leaf_grad(leaf, None if before is None else before._data)


CYCLE_WARNING = (
    "Using backward() with create_graph=True will create a reference cycle between the "
    "parameter and its gradient which can cause a memory leak. We recommend using "
    "autograd.grad when creating the graph to avoid this. If you have to use this function, "
    "make sure to reset the .grad fields of your parameters to None after use to break the "
    "cycle and avoid the leak.")


def backward(tensor, gradient=None, retain_graph=None, create_graph=False, inputs=None) -> None:
    """``tensor.backward()``: seed the output gradient, then run reverse mode."""
    if create_graph:
        warnings.warn(CYCLE_WARNING, UserWarning, stacklevel=3)
    if inputs is not None:
        inputs = _as_inputs(inputs)
    differentiate([tensor], [gradient], retain_graph, bool(create_graph), inputs,
                  accumulate=True)


def _as_inputs(inputs) -> list:
    items = [inputs] if isinstance(inputs, core.TensorBase) else list(inputs)
    if not items:
        raise RuntimeError("`inputs` argument to `backward()` cannot be empty.")
    return items
