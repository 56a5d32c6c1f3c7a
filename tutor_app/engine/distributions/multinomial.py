"""``torch.distributions.multinomial.Multinomial``: counts of each outcome in
``total_count`` independent draws from a Categorical (D2L §2.6 rolls dice with it)."""

from __future__ import annotations

import numpy as np

from ..core import new_like
from .categorical import Categorical
from .distribution import Distribution, lgamma, sample_count


class Multinomial(Distribution):
    _torch_module = "multinomial"
    arg_constraints = {"probs": "simplex", "logits": "real_vector"}

    def __init__(self, total_count=1, probs=None, logits=None, validate_args=None) -> None:
        if not isinstance(total_count, int):
            raise NotImplementedError("inhomogeneous total_count is not supported")
        self.total_count = total_count
        self._categorical = Categorical(probs=probs, logits=logits,
                                        validate_args=validate_args)
        shape = self._categorical.param_shape
        super().__init__(shape[:-1], shape[-1:])

    @property
    def probs(self):
        return self._categorical.probs

    @property
    def logits(self):
        return self._categorical.logits

    @property
    def mean(self):
        return self.probs * self.total_count

    @property
    def variance(self):
        return self.total_count * self.probs * (1 - self.probs)

    def sample(self, sample_shape=()):
        """Counts shaped ``sample_shape + batch_shape + (K,)``, summing to ``total_count``
        along the last dim, in the probabilities' dtype. The draws are PyTorch's: one
        Categorical sample of shape ``(total_count, *sample_shape, *batch_shape)``."""
        shape = sample_count(sample_shape)
        drawn = self._categorical.sample((self.total_count, *shape))._data
        drawn = np.moveaxis(drawn, 0, -1)  # (*sample_shape, *batch_shape, total_count)
        k = self._event_shape[0]
        rows = drawn.reshape(-1, drawn.shape[-1])
        offsets = (np.arange(rows.shape[0]) * k)[:, None]
        counts = np.bincount((rows + offsets).ravel(), minlength=rows.shape[0] * k)
        out = counts.reshape(self._extended_shape(shape)).astype(self.probs._data.dtype)
        return new_like(self.probs, out)

    def log_prob(self, value):
        """``log P(counts = value)``: the multinomial coefficient plus Σ xᵢ log pᵢ."""
        logits = self.logits._data
        counts = np.asarray(value._data if hasattr(value, "_data") else value,
                            dtype=logits.dtype)
        logits, counts = np.broadcast_arrays(logits, counts)
        logits = np.where((counts == 0) & (logits == -np.inf), 0, logits)
        out = lgamma(counts.sum(-1) + 1) - lgamma(counts + 1).sum(-1) + (logits * counts).sum(-1)
        return new_like(self.probs, np.asarray(out, dtype=self.probs._data.dtype))
