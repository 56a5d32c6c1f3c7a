"""Forward mode over the same op table: ``jvp(fn, primals, tangents)`` as ``torch.func.jvp``.

Each primal travels with its tangent; every op pushes the tangent through its JVP while it
computes the value. Nothing is stored for later: one pass gives one directional derivative,
so a gradient of n inputs needs n passes (the counters show it).
"""

from __future__ import annotations

import numpy as np

from . import hooks
from .core import TensorBase, new_like


def _as_tuple(x):
    return tuple(x) if isinstance(x, (tuple, list)) else (x,)


def jvp(fn, primals, tangents):
    """``(fn(*primals), J·tangents)``: the output and its directional derivative."""
    primals, tangents = _as_tuple(primals), _as_tuple(tangents)
    if len(primals) != len(tangents):
        raise RuntimeError(f"jvp(f, primals, tangents): Expected primals and tangents to have "
                           f"the same length, but got {len(primals)} and {len(tangents)}")
    duals = []
    for p, t in zip(primals, tangents, strict=False):
        if not isinstance(p, TensorBase) or not isinstance(t, TensorBase):
            raise RuntimeError("jvp(f, primals, tangents): Expected primals and tangents to be "
                               "Tensors")
        if p._data.shape != t._data.shape:
            raise RuntimeError(f"jvp(f, primals, tangents): Expected primals and tangents to "
                               f"have the same shape, but got {tuple(p._data.shape)} and "
                               f"{tuple(t._data.shape)}")
        d = new_like(p, p._data)
        d._tangent = np.asarray(t._data, dtype=p._data.dtype)
        duals.append(d)
    if hooks.STATE.meter is not None:
        hooks.STATE.meter.passes += 1
    with hooks.forward_mode():
        out = fn(*duals)
    outs = _as_tuple(out)
    tangents_out = []
    for o in outs:
        tan = o._tangent
        tangents_out.append(new_like(o, np.zeros_like(o._data) if tan is None else
                                     np.array(tan, copy=True)))
        o._tangent = None
    if isinstance(out, (tuple, list)):
        return tuple(outs), tuple(tangents_out)
    return out, tangents_out[0]
