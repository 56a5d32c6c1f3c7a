"""``torch.autograd.grad`` and ``torch.autograd.backward``: PyTorch's arguments and errors
on top of ``backward.differentiate``. (``autograd.py`` is the public namespace; the
function transforms in ``autograd_functional`` and ``func`` build on these.)
"""

from __future__ import annotations

import numpy as np

from . import core
from .backward import CYCLE_WARNING, differentiate


def _tensors(value, what: str) -> list:
    if isinstance(value, core.TensorBase):
        return [value]
    items = list(value)
    for item in items:
        if not isinstance(item, core.TensorBase):
            raise TypeError(f"{what} must be a Tensor or a sequence of Tensors, not "
                            f"{type(item).__name__}")
    return items


def _grad_outputs(grad_outputs, n: int) -> list:
    if grad_outputs is None:
        return [None] * n
    items = [grad_outputs] if isinstance(grad_outputs, core.TensorBase) else list(grad_outputs)
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
            result.append(core.new_like(t, _zeros(t)) if materialize_grads else None)
            continue
        if isinstance(g, core.TensorBase):  # recorded: a cast back is a node (ToCopyBackward0)
            result.append(g if g._data.dtype == t._data.dtype else g.to(t.dtype))
        else:
            result.append(_as_tensor(g, t))
    return tuple(result)


def _zeros(t):
    return np.zeros_like(t._data)


def _as_tensor(g, like):
    g = np.add.reduce(g) if g.__class__ is list else g
    return core.new_like(like, np.array(g, dtype=like._data.dtype))


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
