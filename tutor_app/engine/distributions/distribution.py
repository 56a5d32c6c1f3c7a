"""What every distribution shares: shapes, PyTorch's printed form, argument checks."""

from __future__ import annotations

import math

import numpy as np

from ..printing import Size, TorchClass


class DistributionClass(TorchClass):
    """Prints a distribution class under PyTorch's module path
    (``<class 'torch.distributions.multinomial.Multinomial'>``)."""

    def __repr__(cls) -> str:
        return f"<class 'torch.distributions.{cls._torch_module}.{cls.__qualname__}'>"


class Distribution(metaclass=DistributionClass):
    """Base class: ``batch_shape`` (independent distributions side by side) and
    ``event_shape`` (the shape of one draw)."""

    _torch_module = "distribution"
    arg_constraints: dict = {}

    def __init__(self, batch_shape=(), event_shape=()) -> None:
        self._batch_shape = Size(batch_shape)
        self._event_shape = Size(event_shape)

    @property
    def batch_shape(self) -> Size:
        return self._batch_shape

    @property
    def event_shape(self) -> Size:
        return self._event_shape

    def _extended_shape(self, sample_shape=()) -> Size:
        return Size(tuple(sample_shape) + self._batch_shape + self._event_shape)

    def __repr__(self) -> str:
        # PyTorch lists the parameters stored on the object itself, by size when not scalar
        shown = []
        for name in self.arg_constraints:
            value = self.__dict__.get(name)
            if value is not None:
                shown.append(f"{name}: {value if value.numel() == 1 else value.size()}")
        return f"{type(self).__name__}({', '.join(shown)})"


def sample_count(sample_shape) -> tuple[int, ...]:
    """``sample_shape`` as a tuple, refused as ``torch.Size(3)`` refuses an int."""
    shape = tuple(sample_shape)  # an int raises "'int' object is not iterable", as in PyTorch
    return tuple(int(d) for d in shape)


def check_simplex(dist, name: str, value) -> None:
    """PyTorch's argument validation for probabilities: each row ≥ 0 and summing to 1."""
    data = value._data
    rows_ok = np.all(data >= 0, axis=-1) & (np.abs(data.sum(-1) - 1) < 1e-6)
    if not np.all(rows_ok):
        raise ValueError(f"Expected parameter {name} (Tensor of shape {tuple(data.shape)}) of "
                         f"distribution {dist!r} to satisfy the constraint Simplex(), but "
                         f"found invalid values:\n{value}")


def lgamma(x: np.ndarray) -> np.ndarray:
    """``log Γ(x)`` elementwise, in ``x``'s dtype (multinomial coefficients)."""
    return np.vectorize(math.lgamma, otypes=[np.float64])(x).astype(x.dtype)
