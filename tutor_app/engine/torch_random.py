"""PyTorch's CPU random numbers, bit for bit.

PyTorch draws from a 32-bit Mersenne Twister seeded with the low 32 bits of the seed (the
classic ``init_genrand``), and turns its words into numbers with fixed recipes. Using the same
generator and the same recipes, ``torch.manual_seed(0); torch.randn(3)`` prints
``tensor([ 1.5410, -0.2934, -2.1788])`` here as in PyTorch, and a learner who seeds can compare
their numbers with the book's or a classmate's. NumPy supplies the twister itself
(``numpy.random.MT19937``, whose state we set directly); the recipes are below:

- ``rand`` float32: the low 24 bits of one word times 2⁻²⁴; float64: the low 53 bits of
  two words (first word high) times 2⁻⁵³.
- ``randn`` with fewer than 16 elements: Box–Muller on two float64 uniforms, ``r·cos θ`` now
  and ``r·sin θ`` kept for the next draw; with 16 or more: uniforms fill the tensor, then
  each block of 16 becomes 8 cosines and 8 sines, and a ragged tail redraws the last 16.
- ``randint``: one word modulo the range (two words when the range needs 64 bits).
- ``multinomial``: with replacement and more than one sample, a float64 uniform per sample
  against the normalised running sum; otherwise ``argmax``/``topk`` of ``p / q`` with
  ``q ~ Exp(1)``, ``q = −log(1 − u)`` (the Gumbel trick, as PyTorch's fast path).

PyTorch computes the 16-element blocks with vectorised float32 ``log``/``sin``/``cos`` that
may differ from NumPy's in the last bit, so a ``randn`` of 16 or more float32 values can, very
rarely, print one element 0.0001 apart (measured: 9 printed digits in 81,920 values); fewer
than 16 values, and float64, agree exactly.
"""

from __future__ import annotations

import math
import os

import numpy as np

_LOW24 = np.uint64((1 << 24) - 1)
_LOW53 = np.uint64((1 << 53) - 1)
_FILL_BLOCK = 16


def _twister_key(seed: int) -> np.ndarray:
    """The 624-word state ``init_genrand(seed)`` produces (Matsumoto and Nishimura)."""
    key = [seed & 0xFFFFFFFF]
    for i in range(1, 624):
        prev = key[-1]
        key.append((1812433253 * (prev ^ (prev >> 30)) + i) & 0xFFFFFFFF)
    return np.array(key, dtype=np.uint32)


class TorchRandom:
    """One generator's state and PyTorch's ways of turning it into tensors' data."""

    def __init__(self, seed: int | None = None):
        # unseeded, PyTorch starts from a seed the OS picks; so do we
        self.manual_seed(int.from_bytes(os.urandom(8), "little") >> 1 if seed is None else seed)

    def manual_seed(self, seed: int) -> None:
        self.seed = int(seed)
        self._bits = np.random.MT19937()
        self._bits.state = {"bit_generator": "MT19937",
                            "state": {"key": _twister_key(self.seed), "pos": 624}}
        self._next_normal: float | None = None  # Box–Muller's second value, kept

    # ---- raw words ---------------------------------------------------------------------
    def _words(self, n: int) -> np.ndarray:
        return self._bits.random_raw(n).astype(np.uint64)

    def _uniform64(self, n: int) -> np.ndarray:
        return (self._words64(n) & _LOW53) * 2.0 ** -53

    def _words64(self, n: int) -> np.ndarray:
        words = self._words(2 * n)
        return (words[0::2] << np.uint64(32)) | words[1::2]  # the first word is the high half

    def _uniform32(self, n: int) -> np.ndarray:
        return ((self._words(n) & _LOW24) * 2.0 ** -24).astype(np.float32)

    def _unit(self, n: int, dtype) -> np.ndarray:
        return self._uniform32(n) if np.dtype(dtype) == np.float32 else self._uniform64(n)

    # ---- PyTorch's recipes ---------------------------------------------------------------
    def uniform(self, n: int, dtype=np.float32, low: float = 0.0, high: float = 1.0) -> np.ndarray:
        """``rand`` / ``uniform_(low, high)``: ``n`` values in [low, high)."""
        unit = self._unit(n, dtype).astype(np.float64)
        return (unit * (high - low) + low).astype(dtype)

    def normal(self, n: int, dtype=np.float32, mean: float = 0.0, std: float = 1.0) -> np.ndarray:
        """``randn`` / ``normal(mean, std)``: ``n`` values, PyTorch's two paths by size."""
        dtype = np.dtype(dtype)
        if n >= _FILL_BLOCK:
            scale, shift = dtype.type(std), dtype.type(mean)
            return (self._normal_fill(n, dtype) * scale + shift).astype(dtype)
        values = [self._one_normal() * std + mean for _ in range(n)]
        return np.array(values, dtype=np.float64).astype(dtype)

    def randint(self, n: int, low: int, high: int) -> np.ndarray:
        """``randint(low, high)``: ``n`` integers in [low, high) as int64."""
        span = high - low
        if span <= 0:
            raise RuntimeError(f"random_ expects 'from' to be less than 'to', but got "
                               f"from={low} >= to={high}")
        draws = self._words64(n) if span >= 1 << 32 else self._words(n)
        return (draws % np.uint64(span)).astype(np.int64) + low

    def exponential(self, n: int, dtype=np.float32) -> np.ndarray:
        """``exponential_(1)``: ``−log(1 − u)`` of a float64 uniform, rounded to ``dtype``."""
        return (-np.log1p(-self._uniform64(n))).astype(dtype)

    def categorical(self, probs: np.ndarray, n: int) -> np.ndarray:
        """``multinomial(probs, n, replacement=True)`` for ``n`` > 1, one row of ``probs``
        at a time: the running sum in the probabilities' own precision, divided by the
        total, its last entry set to 1; each float64 uniform picks the first entry not
        below it (PyTorch's binary search)."""
        rows = []
        for row in probs:
            cum = np.cumsum(row)  # sequential, in row's dtype, as PyTorch's loop adds
            cum = cum / cum[-1]
            cum[-1] = 1
            rows.append(np.searchsorted(cum.astype(np.float64), self._uniform64(n),
                                        side="left"))
        return np.array(rows, dtype=np.int64)

    def _one_normal(self) -> float:
        if self._next_normal is not None:
            value, self._next_normal = self._next_normal, None
            return value
        u1, u2 = self._uniform64(2)
        radius = math.sqrt(-2.0 * math.log1p(-float(u2)))
        theta = 2.0 * math.pi * float(u1)
        self._next_normal = radius * math.sin(theta)
        return radius * math.cos(theta)

    def _normal_fill(self, n: int, dtype: np.dtype) -> np.ndarray:
        data = self._unit(n, dtype)
        for start in range(0, n - _FILL_BLOCK + 1, _FILL_BLOCK):
            _box_muller_16(data, start)
        if n % _FILL_BLOCK:
            data[n - _FILL_BLOCK:] = self._unit(_FILL_BLOCK, dtype)
            _box_muller_16(data, n - _FILL_BLOCK)
        return data


def _box_muller_16(data: np.ndarray, start: int) -> None:
    """Turn 16 uniforms into 16 normals in place, in the data's own precision."""
    half = _FILL_BLOCK // 2
    one, two = data.dtype.type(1), data.dtype.type(2)
    u1 = one - data[start:start + half]
    u2 = data[start + half:start + _FILL_BLOCK].copy()
    radius = np.sqrt(-two * np.log(u1))
    theta = (two * data.dtype.type(np.pi)) * u2
    data[start:start + half] = radius * np.cos(theta)
    data[start + half:start + _FILL_BLOCK] = radius * np.sin(theta)
