"""``torch.autograd.functional``: derivatives of a whole function — ``vjp``, ``jvp``,
``jacobian``, ``hessian``, ``hvp`` — built on ``autograd.grad``.

Each call differentiates fresh copies of the inputs (``x.detach().requires_grad_()``), so
the caller's tensors and their ``.grad`` are left alone; with ``create_graph=True`` the
copies stay joined to the caller's graph and the results can be differentiated again
(that is how ``hessian`` is the Jacobian of the gradient).
"""

from __future__ import annotations

import numpy as np

from . import core, shapes
from .reverse import grad


def _as_tuple(value):
    return (tuple(value), True) if isinstance(value, (tuple, list)) else ((value,), False)


def _fresh(inputs, create_graph: bool):
    return tuple(x.view_as(x) if create_graph and x.requires_grad
                 else x.detach().requires_grad_(True) for x in inputs)


def _grads(outputs, inputs, grad_outputs, create_graph):
    needing = [(o, g) for o, g in zip(outputs, grad_outputs, strict=True) if o.requires_grad]
    if not needing:
        return [core.new_like(x, np.zeros_like(x._data)) for x in inputs]
    found = grad([o for o, _ in needing], inputs, [g for _, g in needing], retain_graph=True,
                 create_graph=create_graph, allow_unused=True)
    return [core.new_like(x, np.zeros_like(x._data)) if g is None else g
            for x, g in zip(inputs, found, strict=True)]


def _finish(values, create_graph: bool, is_tuple: bool):
    values = tuple(v if create_graph else v.detach() for v in values)
    return values if is_tuple else values[0]


def _default_v(outputs, what: str):
    if len(outputs) != 1 or outputs[0]._data.size != 1:
        raise RuntimeError("The vector v can only be None if the user-provided function "
                           "returns a single Tensor with a single element.")
    return (core.new_like(outputs[0], np.ones_like(outputs[0]._data)),)


def vjp(func, inputs, v=None, create_graph=False, strict=False):
    """``(func(inputs), vᵀ J)``: one reverse pass."""
    ins, in_tuple = _as_tuple(inputs)
    ins = _fresh(ins, create_graph)
    with core.enable_grad():
        out = func(*ins)
    outs, out_tuple = _as_tuple(out)
    vs = _default_v(outs, "vjp") if v is None else _as_tuple(v)[0]
    grads = _grads(outs, ins, list(vs), create_graph)
    return _finish(outs, create_graph, out_tuple), _finish(grads, create_graph, in_tuple)


def jvp(func, inputs, v=None, create_graph=False, strict=False):
    """``(func(inputs), J v)`` by the double-VJP trick: ``J v`` is the VJP, with respect to
    ``u``, of ``uᵀ J`` — two reverse passes, the second over the recorded first."""
    ins, in_tuple = _as_tuple(inputs)
    ins = _fresh(ins, create_graph)
    with core.enable_grad():
        out = func(*ins)
    outs, out_tuple = _as_tuple(out)
    if v is None:
        if len(ins) != 1 or ins[0]._data.size != 1:
            raise RuntimeError("The vector v can only be None if the input to the "
                               "user-provided function is a single Tensor with a single "
                               "element.")
        v = core.new_like(ins[0], np.ones_like(ins[0]._data))
    vs = _as_tuple(v)[0]
    us = [core.new_like(o, np.zeros_like(o._data), True) for o in outs]
    with core.enable_grad():
        grads = _grads(outs, ins, us, True)
        result = _grads(grads, us, list(vs), create_graph)
    return _finish(outs, create_graph, out_tuple), _finish(result, create_graph, out_tuple)


def jacobian(func, inputs, create_graph=False, strict=False, vectorize=False,
             strategy="reverse-mode"):
    """∂out/∂in: one reverse pass per output entry; shape ``out.shape + in.shape``."""
    ins, in_tuple = _as_tuple(inputs)
    ins = _fresh(ins, create_graph)
    with core.enable_grad():
        out = func(*ins)
    outs, out_tuple = _as_tuple(out)
    blocks = []
    for o in outs:
        rows: list[list] = [[] for _ in ins]
        for k in range(o._data.size):
            onehot = np.zeros(o._data.size, o._data.dtype)
            onehot[k] = 1
            weights = [core.new_like(o, onehot.reshape(o._data.shape)) if q is o
                       else core.new_like(q, np.zeros_like(q._data)) for q in outs]
            with core.enable_grad():
                for j, g in enumerate(_grads(outs, ins, weights, create_graph)):
                    rows[j].append(g)
        per_input = []
        for x, parts in zip(ins, rows, strict=True):
            shape = tuple(o._data.shape) + tuple(x._data.shape)
            if not parts:
                block = core.new_like(x, np.zeros(shape, x._data.dtype))
            else:
                with core.enable_grad():
                    block = shapes.stack(parts).reshape(shape)
            per_input.append(block if create_graph else block.detach())
        blocks.append(tuple(per_input) if in_tuple else per_input[0])
    return tuple(blocks) if out_tuple else blocks[0]


def hessian(func, inputs, create_graph=False, strict=False, vectorize=False,
            outer_jacobian_strategy="reverse-mode"):
    """∂²f/∂in²: the Jacobian of the gradient (the gradient recorded with create_graph)."""
    ins, in_tuple = _as_tuple(inputs)

    def scalar(*xs):
        out = func(*xs)
        if not isinstance(out, core.TensorBase) or out._data.size != 1:
            raise RuntimeError("The Tensor returned by the function given to hessian should "
                               "contain a single element")
        return out.reshape(())

    def gradient(*xs):
        return jacobian(scalar, xs if in_tuple else xs[0], create_graph=True)

    return jacobian(gradient, ins if in_tuple else ins[0], create_graph=create_graph)


def hvp(func, inputs, v=None, create_graph=False, strict=False):
    """``(func(inputs), H v)``: the VJP of the gradient (H is symmetric)."""
    ins, in_tuple = _as_tuple(inputs)
    ins = _fresh(ins, True)
    with core.enable_grad():
        out = func(*ins)
        grads = _grads([out], ins, [None], True)
        vs = _as_tuple(v)[0] if v is not None else _default_v([out], "hvp")
        result = _grads(grads, ins, list(vs), create_graph)
    return _finish([out], create_graph, False), _finish(result, create_graph, in_tuple)
