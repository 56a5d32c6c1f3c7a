"""``torch.distributions.Categorical``: one of K outcomes, with given probabilities."""

from __future__ import annotations

import math

import numpy as np

from .. import functional as F
from ..core import new_like
from ..creation import multinomial
from .distribution import Distribution, check_simplex, sample_count


class Categorical(Distribution):
    """``probs`` (normalised to sum to 1 along the last dim) or ``logits`` (log-odds)."""

    _torch_module = "categorical"
    arg_constraints = {"probs": "simplex", "logits": "real_vector"}

    def __init__(self, probs=None, logits=None, validate_args=None) -> None:
        if (probs is None) == (logits is None):
            raise ValueError("Either `probs` or `logits` must be specified, but not both.")
        if probs is not None:
            if probs.dim() < 1:
                raise ValueError("`probs` parameter must be at least one-dimensional.")
            self.probs = probs / probs.sum(-1, keepdim=True)
            param = self.probs
        else:
            if logits.dim() < 1:
                raise ValueError("`logits` parameter must be at least one-dimensional.")
            # log Σ exp, shifted by the (constant) largest logit so that exp cannot overflow
            shift = new_like(logits, logits._data.max(-1, keepdims=True))
            self.logits = logits - ((logits - shift).exp().sum(-1, keepdim=True).log() + shift)
            param = self.logits
        self._num_events = param.size()[-1]
        super().__init__(param.size()[:-1])
        if probs is not None and validate_args is not False:
            check_simplex(self, "probs", self.probs)

    def __getattr__(self, name):
        # the parameter not given is derived on first use (PyTorch's lazy_property)
        if name == "probs":
            self.probs = F.softmax(self.__dict__["logits"], -1)
            return self.probs
        if name == "logits":
            probs = self.__dict__["probs"]
            eps = float(np.finfo(probs._data.dtype).eps)
            self.logits = F.clamp(probs, eps, 1 - eps).log()
            return self.logits
        raise AttributeError(f"'{type(self).__name__}' object has no attribute '{name}'")

    @property
    def param_shape(self):
        return self.__dict__.get("probs", self.__dict__.get("logits")).size()

    def sample(self, sample_shape=()):
        """Outcome indices shaped ``sample_shape + batch_shape`` (int64)."""
        shape = sample_count(sample_shape)
        rows = self.probs.detach().reshape(-1, self._num_events)
        drawn = multinomial(rows, math.prod(shape), True)._data.T
        return new_like(self.probs, np.array(drawn).reshape(self._extended_shape(shape)))

    def log_prob(self, value):
        """``log p(value)`` for outcome indices ``value`` (no gradient)."""
        logits = self.logits._data
        index = np.asarray(value._data if hasattr(value, "_data") else value, dtype=np.int64)
        index, logits = np.broadcast_arrays(index[..., None], logits)
        picked = np.take_along_axis(logits, index[..., :1], axis=-1)[..., 0]
        return new_like(self.logits, np.array(picked))  # a copy, 0-d kept 0-d
