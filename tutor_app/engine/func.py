"""``torch.func``: transforms that turn a function into its derivative.

``grad(f)`` is a new function returning ∂f/∂x (nest it for higher orders: ``grad(grad(f))``),
``vjp(f, *x)`` gives the output and a function for ``vᵀJ``, and ``jvp`` is the engine's
forward mode (one pass carries the tangent alongside the value, forward.py).
"""

from __future__ import annotations

import numpy as np

from . import core
from .forward import jvp  # noqa: F401  (torch.func.jvp)
from .reverse import grad as autograd_grad


def _differentiable(x):
    """A copy of ``x`` to differentiate; joined to ``x``'s graph when one is being recorded
    (so that ``grad(grad(f))`` sees the inner gradient as a function of the outer input)."""
    if not isinstance(x, core.TensorBase):
        raise RuntimeError(f"grad(f)(*args): Expected args[argnums] to be a Tensor, got "
                           f"{type(x).__name__}")
    if x.requires_grad and core.is_grad_enabled():
        return x.view_as(x)
    return x.detach().requires_grad_(True)


def _visible(g, fresh: set):
    """``g`` as the caller should see it: joined to the caller's graph if it depends on a
    tensor the caller tracks, detached if it depends only on this call's own copies (as
    PyTorch's function transforms keep their levels apart)."""
    if not g.requires_grad:
        return g
    stack, seen = [g.grad_fn or g], set()
    while stack:
        edge = stack.pop()
        if isinstance(edge, core.TensorBase):
            if id(edge) not in fresh:
                return g
            continue
        if edge is None or id(edge) in seen:
            continue
        seen.add(id(edge))
        stack.extend(edge.next)
    return g.detach()


def grad(func, argnums=0, has_aux=False):
    """``torch.func.grad``: ``lambda *args: ∂func(*args)/∂args[argnums]`` (func → scalar)."""
    nums = (argnums,) if isinstance(argnums, int) else tuple(argnums)

    def gradient(*args, **kwargs):
        args = list(args)
        nested = any(isinstance(args[n], core.TensorBase) and args[n].requires_grad
                     and core.is_grad_enabled() for n in nums)
        for n in nums:
            args[n] = _differentiable(args[n])
        with core.enable_grad():
            out = func(*args, **kwargs)
            aux = None
            if has_aux:
                out, aux = out
            if not isinstance(out, core.TensorBase) or out._data.size != 1 or out._data.ndim:
                dims = out._data.ndim if isinstance(out, core.TensorBase) else 0
                raise RuntimeError(
                    f"grad_and_value(f)(*args): Expected f(*args) to return a scalar Tensor, "
                    f"got tensor with {dims} dims. Maybe you wanted to use the vjp or jacrev "
                    "APIs instead?")
            found = autograd_grad(out, [args[n] for n in nums], create_graph=nested,
                                  allow_unused=True) if out.requires_grad else [None] * len(nums)
        fresh = {id(args[n]) for n in nums}
        grads = tuple(core.new_like(args[n], np.zeros_like(args[n]._data)) if g is None
                      else _visible(g, fresh) for n, g in zip(nums, found, strict=True))
        result = grads[0] if isinstance(argnums, int) else grads
        return (result, aux) if has_aux else result

    return gradient


def vjp(func, *primals, has_aux=False):
    """``torch.func.vjp``: ``(func(*primals), vjp_fn)`` with ``vjp_fn(v) = vᵀJ`` per primal."""
    xs = [_differentiable(x) for x in primals]
    with core.enable_grad():
        out = func(*xs)
    aux = None
    if has_aux:
        out, aux = out
    outs = list(out) if isinstance(out, (tuple, list)) else [out]
    nested = any(x.requires_grad and core.is_grad_enabled() for x in primals)

    def vjp_fn(cotangents):
        vs = list(cotangents) if isinstance(cotangents, (tuple, list)) else [cotangents]
        found = autograd_grad(outs, xs, vs, retain_graph=True, create_graph=nested,
                              allow_unused=True)
        fresh = {id(x) for x in xs}
        return tuple(core.new_like(x, np.zeros_like(x._data)) if g is None
                     else _visible(g, fresh) for x, g in zip(xs, found, strict=True))

    shown = out if nested else (tuple(o.detach() for o in outs)
                                if isinstance(out, (tuple, list)) else out.detach())
    return (shown, vjp_fn, aux) if has_aux else (shown, vjp_fn)
