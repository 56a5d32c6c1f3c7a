"""Broadcasting: PyTorch's shape rule and error text, and the one ``unbroadcast``.

Every binary VJP hands its product to ``unbroadcast``; the rules never think about shapes.
"""

from __future__ import annotations

import numpy as np


def broadcast_shapes(a: tuple[int, ...], b: tuple[int, ...]) -> tuple[int, ...]:
    """The broadcast shape of ``a`` and ``b``, or PyTorch's RuntimeError."""
    if a == b:
        return a
    na, nb = len(a), len(b)
    n = max(na, nb)
    out = [0] * n
    for i in range(n - 1, -1, -1):  # PyTorch reports the rightmost mismatch
        da = a[na - n + i] if na - n + i >= 0 else 1
        db = b[nb - n + i] if nb - n + i >= 0 else 1
        if da == db or db == 1:
            out[i] = da
        elif da == 1:
            out[i] = db
        else:
            raise RuntimeError(
                f"The size of tensor a ({da}) must match the size of tensor b ({db}) "
                f"at non-singleton dimension {i}")
    return tuple(out)


def reduction_axes(shape_from: tuple[int, ...], shape_to: tuple[int, ...]) -> tuple[int, ...]:
    """Axes of ``shape_from`` that broadcasting created or stretched to reach ``shape_to``."""
    lead = len(shape_from) - len(shape_to)
    axes = list(range(lead))
    for i, d in enumerate(shape_to):
        if d == 1 and shape_from[lead + i] != 1:
            axes.append(lead + i)
    return tuple(axes)


def unbroadcast(g: np.ndarray, shape: tuple[int, ...]) -> np.ndarray:
    """Sum ``g`` back to ``shape``: the gradient of an input that broadcasting stretched."""
    gshape = g.shape
    if gshape == shape:
        return g
    lead = len(gshape) - len(shape)
    if lead > 0 and gshape[lead:] == shape:  # only leading axes were added (bias rows)
        return g.sum(axis=tuple(range(lead)))
    axes = reduction_axes(gshape, shape)
    if axes:
        g = g.sum(axis=axes, keepdims=True)
    if g.shape != shape:  # drop the leading axes broadcasting added
        g = g.reshape(shape)
    return g
