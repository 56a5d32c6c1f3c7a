"""Creation functions: ``tensor``, ``arange``, ``zeros``, ``randn``… with PyTorch's dtypes.

Python floats become float32 (PyTorch's default), ints int64, bools bool; numpy arrays
keep their dtype. Every function parses the requested shape before allocating anything,
and declares how many elements it will make (``@sized``, a rule next to it that reads the
call's arguments as the function does): under an op budget (the console's) the budget is
asked before anything is allocated, as for an op-table entry.
The arrays come from ``data.py``; this module sits on top of ``tensor.py`` because a
tensor made from bare data has no input to take its class from.
"""

from __future__ import annotations

import builtins
import math

import numpy as np

from .core import TensorBase, new_tensor
from .data import data_size, filled_array, from_python, shape_size, sizes
from .dtypes import bool_, float32, from_numpy_dtype, int64, to_dtype
from .hooks import sized
from .printing import parse_shape
from .tensor import Tensor
from .torch_random import TorchRandom


class Generator:
    """``torch.Generator``: a random stream with PyTorch's numbers (``torch_random``); it
    prints as PyTorch's does, never as numpy's."""

    __slots__ = ("_random",)

    def __init__(self, device="cpu") -> None:
        self._random: TorchRandom | None = None  # made on first draw: importing numpy.random
                                                 # costs start-up time most programs never use

    @property
    def random(self) -> TorchRandom:
        if self._random is None:
            self._random = TorchRandom()
        return self._random

    def manual_seed(self, seed: int) -> Generator:
        self.random.manual_seed(int(seed))
        return self

    def initial_seed(self) -> int:
        return self.random.seed

    def __repr__(self) -> str:
        return f"<torch._C.Generator object at {id(self):#x}>"


default_generator = Generator()


def manual_seed(seed: int) -> Generator:
    """Seed the default generator: the numbers that follow are PyTorch's for that seed."""
    return default_generator.manual_seed(seed)


def initial_seed() -> int:
    return default_generator.initial_seed()


def _stream(generator: Generator | None) -> TorchRandom:
    return (generator or default_generator).random


seed = manual_seed


def _finish(data: np.ndarray, dtype, requires_grad: bool):
    if dtype is not None:
        data = data.astype(to_dtype(dtype).np, copy=False)
    if requires_grad and data.dtype.kind not in "fc":  # the factories' wording, not the method's
        raise RuntimeError("Only Tensors of floating point and complex dtype can require "
                           "gradients")
    t = new_tensor(Tensor, data)
    if requires_grad:
        t.requires_grad_(True)
    return t


# --- declared sizes: each rule takes its function's arguments (see hooks.sized) ---------


def _size_of_data(data, *_, **__) -> int:
    return data_size(data)


def _size_given(*size, **kwargs) -> int:
    """``zeros(2, 3)``, ``randn((2, 3))``, ``ones(size=(2, 3))``: the sizes as given."""
    given = {"size": kwargs["size"]} if "size" in kwargs else {}
    return shape_size(parse_shape(sizes(size, given)))


def _size_of_one_shape(size, *_, **__) -> int:
    return shape_size(parse_shape((size,)))


def _size_of_input(input, *_, **__) -> int:
    return shape_size(input.shape)


def _arange_bounds(start, end, step) -> tuple:
    if end is None:
        start, end = 0, start
    start, end, step = (v.item() if hasattr(v, "item") else v for v in (start, end, step))
    return start, end, step


def _arange_size(start, end=None, step=1, **_) -> int:
    start, end, step = _arange_bounds(start, end, step)
    return builtins.max(0, math.ceil((end - start) / step))


def _linspace_size(start, end, steps, *_, **__) -> int:
    return int(steps)


def _eye_size(n, m=None, **_) -> int:
    return shape_size((n, n if m is None else m))


def _randint_args(low, high=None, size=None) -> tuple:
    """``randint(high, size)`` or ``randint(low, high, size)``, PyTorch's two forms, as
    (low, high, shape)."""
    if size is None and isinstance(high, (tuple, list)):
        low, high, size = 0, low, high
    elif high is None:
        low, high = 0, low
    return low, high, parse_shape((size,))


def _randint_size(low, high=None, size=None, **_) -> int:
    return shape_size(_randint_args(low, high, size)[2])


def _normal_size(mean=0.0, std=1.0, size=None, **_) -> int:
    if size is None:
        return shape_size(np.broadcast_shapes(np.shape(getattr(mean, "_data", mean)),
                                              np.shape(getattr(std, "_data", std))))
    return shape_size(parse_shape((size,)))


# --- the functions -----------------------------------------------------------------------


@sized(_size_of_data)
def tensor(data, *, dtype=None, device=None, requires_grad=False, pin_memory=False):
    """``torch.tensor``: always copies; infers float32 / int64 / bool from Python data."""
    return _finish(from_python(data, target_given=dtype is not None), dtype, requires_grad)


@sized(_size_of_data)
def as_tensor(data, dtype=None, device=None):
    if isinstance(data, TensorBase) and (dtype is None or to_dtype(dtype) is data.dtype):
        return data
    if isinstance(data, np.ndarray):
        return _finish(data, dtype, False)
    return tensor(data, dtype=dtype)


def from_numpy(array: np.ndarray):
    """Shares memory with ``array``, as PyTorch does."""
    if not isinstance(array, np.ndarray):
        raise TypeError(f"expected np.ndarray (got {type(array).__name__})")
    from_numpy_dtype(array.dtype)
    return new_tensor(Tensor, array)


@sized(_arange_size)
def arange(start, end=None, step=1, *, dtype=None, device=None, requires_grad=False):
    start, end, step = _arange_bounds(start, end, step)
    if step == 0:
        raise RuntimeError("step must be nonzero")
    if (end - start) * step < 0:
        raise RuntimeError("upper bound and larger bound inconsistent with step sign")
    floating = any(isinstance(v, float) for v in (start, end, step))
    n = _arange_size(start, end, step)
    data = start + step * np.arange(n, dtype=np.float64 if floating else np.int64)
    default = float32 if floating else int64
    return _finish(data.astype(default.np), dtype, requires_grad)


@sized(_linspace_size)
def linspace(start, end, steps, *, dtype=None, requires_grad=False):
    data = np.linspace(float(start), float(end), int(steps))
    return _finish(data.astype(to_dtype(dtype or float32).np), None, requires_grad)


@sized(_linspace_size)
def logspace(start, end, steps, base=10.0, *, dtype=None, requires_grad=False):
    """``torch.logspace``: ``base ** linspace(start, end, steps)``."""
    data = float(base) ** np.linspace(float(start), float(end), int(steps))
    return _finish(data.astype(to_dtype(dtype or float32).np), None, requires_grad)


def _filled(value, size, dtype, requires_grad, default=float32):
    return _finish(filled_array(value, size, default if dtype is None else dtype), None,
                   requires_grad)


@sized(_size_given)
def zeros(*size, dtype=None, device=None, requires_grad=False, out=None, **kwargs):
    return _filled(0, sizes(size, kwargs), dtype, requires_grad)


@sized(_size_given)
def ones(*size, dtype=None, device=None, requires_grad=False, out=None, **kwargs):
    return _filled(1, sizes(size, kwargs), dtype, requires_grad)


@sized(_size_given)
def empty(*size, dtype=None, device=None, requires_grad=False, **kwargs):
    return _filled(0, sizes(size, kwargs), dtype, requires_grad)


@sized(_size_of_one_shape)
def full(size, fill_value, *, dtype=None, device=None, requires_grad=False):
    default = bool_ if isinstance(fill_value, bool) else (
        int64 if isinstance(fill_value, int) else float32)
    return _filled(fill_value, (size,), dtype, requires_grad, default)


def _like(fill, input, dtype, requires_grad):
    d = input.dtype if dtype is None else to_dtype(dtype)
    return _filled(fill, (input._data.shape,), d, requires_grad)


@sized(_size_of_input)
def empty_like(input, *, dtype=None, device=None, requires_grad=False):
    """``torch.empty_like``: uninitialised in PyTorch, zeros here."""
    return zeros_like(input, dtype=dtype, requires_grad=requires_grad)


@sized(_size_of_input)
def zeros_like(input, *, dtype=None, device=None, requires_grad=False):
    return _like(0, input, dtype, requires_grad)


@sized(_size_of_input)
def ones_like(input, *, dtype=None, device=None, requires_grad=False):
    return _like(1, input, dtype, requires_grad)


@sized(_size_of_input)
def full_like(input, fill_value, *, dtype=None, requires_grad=False):
    return _like(fill_value, input, dtype, requires_grad)


@sized(_eye_size)
def eye(n, m=None, *, dtype=None, device=None, requires_grad=False):
    return _finish(np.eye(n, n if m is None else m, dtype=np.float32), dtype, requires_grad)


def _random(draw, size, dtype, requires_grad):
    """``draw(n, numpy_dtype)`` fills a new tensor of ``size`` (float32 unless asked)."""
    shape = parse_shape(size)
    d = float32 if dtype is None else to_dtype(dtype)
    if d.np.kind != "f":
        raise RuntimeError(f'"normal_kernel_cpu" not implemented for \'{d.short}\'')
    data = draw(math.prod(shape), d.np).reshape(shape)
    return _finish(data, None, requires_grad)


@sized(_size_given)
def randn(*size, generator=None, dtype=None, device=None, requires_grad=False,
          **kwargs):
    stream = _stream(generator)
    return _random(stream.normal, sizes(size, kwargs), dtype, requires_grad)


@sized(_size_given)
def rand(*size, generator=None, dtype=None, device=None, requires_grad=False,
          **kwargs):
    stream = _stream(generator)
    return _random(stream.uniform, sizes(size, kwargs), dtype, requires_grad)


@sized(_size_of_input)
def randn_like(input, *, dtype=None, requires_grad=False):
    return randn(input._data.shape, dtype=dtype or input.dtype, requires_grad=requires_grad)


@sized(_size_of_input)
def rand_like(input, *, dtype=None, requires_grad=False):
    return rand(input._data.shape, dtype=dtype or input.dtype, requires_grad=requires_grad)


@sized(_randint_size)
def randint(low, high=None, size=None, *, generator=None, dtype=None, requires_grad=False):
    low, high, shape = _randint_args(low, high, size)
    data = _stream(generator).randint(math.prod(shape), int(low), int(high)).reshape(shape)
    return _finish(data, dtype, requires_grad)


@sized(_normal_size)
def normal(mean=0.0, std=1.0, size=None, *, generator=None, dtype=None, requires_grad=False):
    stream = _stream(generator)
    if size is None and (isinstance(mean, TensorBase) or isinstance(std, TensorBase)):
        m = mean._data if isinstance(mean, TensorBase) else mean
        s = std._data if isinstance(std, TensorBase) else std
        shape = np.broadcast_shapes(np.shape(m), np.shape(s))
        unit = stream.normal(math.prod(shape), np.float32).reshape(shape)
        return _finish((m + s * unit).astype(np.float32), dtype, requires_grad)
    shape = parse_shape((size,)) if size is not None else ()
    d = float32 if dtype is None else to_dtype(dtype)
    data = stream.normal(math.prod(shape), d.np, float(mean), float(std)).reshape(shape)
    return _finish(data, None, requires_grad)


def _multinomial_size(input, num_samples, *_, **__) -> int:
    """One index per sample per row of weights (what Categorical/Multinomial.sample draw
    through this function too)."""
    shape = tuple(input.shape)
    return math.prod(shape[:-1]) * int(num_samples)


@sized(_multinomial_size)
def multinomial(input, num_samples, replacement=False, *, generator=None):
    """``torch.multinomial``: indices drawn by the weights in each row of ``input`` (1-D or
    2-D, not necessarily summing to 1), PyTorch's numbers for the same seed (torch_random).
    """
    probs = input._data
    if not 0 < probs.ndim <= 2:
        raise RuntimeError("prob_dist must be 1 or 2 dim")
    if probs.dtype.kind != "f":
        raise RuntimeError(f"multinomial only supports floating-point dtypes for input, got: "
                           f"{input.dtype.short}")
    n = int(num_samples)
    if n <= 0:
        raise RuntimeError("cannot sample n_sample <= 0 samples")
    if not replacement and n > probs.shape[-1]:
        raise RuntimeError("cannot sample n_sample > prob_dist.size(-1) samples without "
                           "replacement")
    rows = probs.reshape(-1, probs.shape[-1])
    stream = _stream(generator)
    if replacement and n > 1:
        if np.any(rows < 0):
            raise RuntimeError("invalid multinomial distribution (encountering probability "
                               "entry < 0)")
        if not np.all(np.isfinite(rows)):
            raise RuntimeError("invalid multinomial distribution (encountering probability "
                               "entry = infinity or NaN)")
        if np.any(rows.sum(-1) <= 0):
            raise RuntimeError("invalid multinomial distribution (sum of probabilities <= 0)")
        drawn = stream.categorical(rows, n)
    else:  # PyTorch's fast path: the largest p / q, q ~ Exp(1), one draw per entry
        if not (np.all(rows >= 0) and np.all(rows < np.inf)):
            raise RuntimeError("probability tensor contains either `inf`, `nan` or element < 0")
        if np.any(rows.sum(-1) == 0):
            raise RuntimeError("invalid multinomial distribution (sum of probabilities <= 0)")
        q = rows / stream.exponential(rows.size, rows.dtype).reshape(rows.shape)
        drawn = np.argsort(-q, axis=-1, kind="stable")[:, :n]
    return new_tensor(Tensor, drawn.reshape(*probs.shape[:-1], n).astype(np.int64))
