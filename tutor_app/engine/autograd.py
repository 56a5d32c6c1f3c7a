"""``torch.autograd``: PyTorch's public reverse-mode entry points.

``backward`` adds gradients into ``.grad``; ``grad`` returns them and touches no ``.grad``.
With ``create_graph=True`` the backward pass is recorded from engine ops
(graph_backward.py), so its result can be differentiated again: second and third
derivatives, Hessians, ``torch.func.grad(torch.func.grad(f))``.
"""

from __future__ import annotations

from . import autograd_functional as functional  # noqa: F401  (torch.autograd.functional)
from . import core
from .backward import CYCLE_WARNING, differentiate
from .core import (  # noqa: F401  (PyTorch re-exports the grad modes here too)
    enable_grad,
    inference_mode,
    is_grad_enabled,
    no_grad,
    set_grad_enabled,
)


def _tensors(value, what: str) -> list:
    if isinstance(value, core.Tensor):
        return [value]
    items = list(value)
    for item in items:
        if not isinstance(item, core.Tensor):
            raise TypeError(f"{what} must be a Tensor or a sequence of Tensors, not "
                            f"{type(item).__name__}")
    return items


def _grad_outputs(grad_outputs, n: int) -> list:
    if grad_outputs is None:
        return [None] * n
    items = [grad_outputs] if isinstance(grad_outputs, core.Tensor) else list(grad_outputs)
    if len(items) != n:
        raise RuntimeError(f"grad requires one grad_output per output: got {len(items)} "
                           f"grad_outputs for {n} outputs")
    return items


def grad(outputs, inputs, grad_outputs=None, retain_graph=None, create_graph=False,
         allow_unused=None, is_grads_batched=False, materialize_grads=False):
    """The gradients of ``outputs`` with respect to ``inputs``, as a tuple (no ``.grad``).

    ``grad_outputs`` weighs each output (needed when one is not a scalar);
    ``create_graph`` records the computation so the result can be differentiated again;
    ``allow_unused`` returns None for an input the outputs do not depend on.
    """
    outs = _tensors(outputs, "outputs")
    ins = _tensors(inputs, "inputs")
    for t in ins:
        if not t.requires_grad:
            raise RuntimeError("One of the differentiated Tensors does not require grad")
    if allow_unused is None:
        allow_unused = materialize_grads
    found = differentiate(outs, _grad_outputs(grad_outputs, len(outs)), retain_graph,
                          bool(create_graph), ins, accumulate=False)
    result = []
    for i, (t, g) in enumerate(zip(ins, found, strict=True)):
        if g is None:
            if not allow_unused:
                raise RuntimeError(
                    f"The differentiated Tensor at index {i} appears to not have been used in "
                    "the graph. Set allow_unused=True if this is the desired behavior.")
            result.append(core.make_tensor(_zeros(t)) if materialize_grads else None)
            continue
        if g.__class__ is core.Tensor:  # recorded: a cast back is a node (ToCopyBackward0)
            result.append(g if g._data.dtype == t._data.dtype else g.to(t.dtype))
        else:
            result.append(_as_tensor(g, t))
    return tuple(result)


def _zeros(t):
    import numpy as np
    return np.zeros_like(t._data)


def _as_tensor(g, like):
    import numpy as np
    g = np.add.reduce(g) if g.__class__ is list else g
    return core.make_tensor(np.array(g, dtype=like._data.dtype))


def backward(tensors, grad_tensors=None, retain_graph=None, create_graph=False,
             inputs=None) -> None:
    """``torch.autograd.backward``: ``backward`` of several outputs at once."""
    outs = _tensors(tensors, "tensors")
    if create_graph:
        import warnings
        warnings.warn(CYCLE_WARNING, UserWarning, stacklevel=2)
    differentiate(outs, _grad_outputs(grad_tensors, len(outs)), retain_graph,
                  bool(create_graph), None if inputs is None else _tensors(inputs, "inputs"),
                  accumulate=True)
