"""``torch.autograd``: PyTorch's public reverse-mode entry points.

``backward`` adds gradients into ``.grad``; ``grad`` returns them and touches no ``.grad``
(both in reverse.py). With ``create_graph=True`` the backward pass is recorded from engine
ops (graph_backward.py), so its result can be differentiated again: second and third
derivatives, Hessians (``autograd.functional``), ``torch.func.grad(torch.func.grad(f))``.
"""

from __future__ import annotations

from . import autograd_functional as functional  # noqa: F401  (torch.autograd.functional)
from .core import (  # noqa: F401  (PyTorch re-exports the grad modes here too)
    enable_grad,
    inference_mode,
    is_grad_enabled,
    no_grad,
    set_grad_enabled,
)
from .reverse import backward, grad  # noqa: F401
