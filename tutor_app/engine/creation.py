"""Creation functions: ``tensor``, ``arange``, ``zeros``, ``randn``… with PyTorch's dtypes.

Python floats become float32 (PyTorch's default), ints int64, bools bool; numpy arrays
keep their dtype. Every function parses the requested shape before allocating anything.
"""

from __future__ import annotations

import builtins
import math

import numpy as np

from . import core
from .core import make_tensor
from .dtypes import bool_, float32, from_numpy_dtype, int64, to_dtype
from .printing import parse_shape

_rng = None  # made on first use: importing numpy.random costs start-up time


class Generator:
    """What ``manual_seed`` returns; it prints as PyTorch's does, never as numpy's."""

    __slots__ = ("rng",)

    def __init__(self, rng) -> None:
        self.rng = rng

    def __repr__(self) -> str:
        return f"<torch._C.Generator object at {id(self):#x}>"


def manual_seed(seed: int):
    """Seed the engine's generator (values differ from PyTorch's; the sequence is repeatable)."""
    global _rng
    _rng = np.random.default_rng(int(seed))
    return Generator(_rng)


def _generator():
    if _rng is None:
        manual_seed(0)
    return _rng


seed = manual_seed


def _finish(data: np.ndarray, dtype, requires_grad: bool):
    if dtype is not None:
        data = data.astype(to_dtype(dtype).np, copy=False)
    t = make_tensor(data)
    if requires_grad:
        t.requires_grad_(True)
    return t


def _check_ragged(data, dim=0):
    """PyTorch's message for a ragged nested list."""
    if isinstance(data, (list, tuple)) and data and isinstance(data[0], (list, tuple)):
        n = len(data[0])
        for item in data:
            if not isinstance(item, (list, tuple)) or len(item) != n:
                got = len(item) if isinstance(item, (list, tuple)) else type(item).__name__
                raise ValueError(f"expected sequence of length {n} at dim {dim + 1} (got {got})")
        for item in data:
            _check_ragged(item, dim + 1)


def _from_python(data, *, target_given: bool = False) -> np.ndarray:
    """Python data as an array; floats stay float64 when a dtype follows (no float32 detour)."""
    Tensor = core.Tensor
    if isinstance(data, Tensor):
        return data._data.copy()
    if isinstance(data, np.ndarray):
        from_numpy_dtype(data.dtype)
        return data.copy()
    if isinstance(data, (list, tuple)):
        _check_ragged(data)
        if any(isinstance(x, Tensor) for x in _flat(data)):
            data = _unwrap(data)
    arr = np.array(data)
    if arr.dtype.kind == "f" and not isinstance(data, np.floating):
        if not target_given:
            arr = arr.astype(np.float32)
    elif arr.dtype.kind in "iu":
        arr = arr.astype(np.int64)
    elif arr.dtype.kind not in "bf":
        raise TypeError(f"Could not infer dtype of {type(data).__name__}")
    return arr


def _flat(data):
    for x in data:
        if isinstance(x, (list, tuple)):
            yield from _flat(x)
        else:
            yield x


def _unwrap(data):
    Tensor = core.Tensor
    if isinstance(data, (list, tuple)):
        return [_unwrap(x) for x in data]
    if isinstance(data, Tensor):
        return data.item() if data._data.ndim == 0 else data._data.tolist()
    return data


def tensor(data, *, dtype=None, device=None, requires_grad=False, pin_memory=False):
    """``torch.tensor``: always copies; infers float32 / int64 / bool from Python data."""
    return _finish(_from_python(data, target_given=dtype is not None), dtype, requires_grad)


def as_tensor(data, dtype=None, device=None):
    Tensor = core.Tensor
    if isinstance(data, Tensor) and (dtype is None or to_dtype(dtype) is data.dtype):
        return data
    if isinstance(data, np.ndarray):
        return _finish(data, dtype, False)
    return tensor(data, dtype=dtype)


def from_numpy(array: np.ndarray):
    """Shares memory with ``array``, as PyTorch does."""
    if not isinstance(array, np.ndarray):
        raise TypeError(f"expected np.ndarray (got {type(array).__name__})")
    from_numpy_dtype(array.dtype)
    return make_tensor(array)


def legacy_tensor(*args, **kwargs):
    """``torch.Tensor(...)``: sizes make an uninitialised float32 tensor, data is copied."""
    if len(args) == 1 and not isinstance(args[0], (int, np.integer)):
        return tensor(args[0], dtype=float32)
    return zeros(*args, dtype=float32)


def arange(start, end=None, step=1, *, dtype=None, device=None, requires_grad=False):
    if end is None:
        start, end = 0, start
    vals = [v.item() if hasattr(v, "item") else v for v in (start, end, step)]
    start, end, step = vals
    if step == 0:
        raise RuntimeError("step must be nonzero")
    if (end - start) * step < 0:
        raise RuntimeError("upper bound and larger bound inconsistent with step sign")
    floating = any(isinstance(v, float) for v in vals)
    n = builtins.max(0, math.ceil((end - start) / step))
    data = start + step * np.arange(n, dtype=np.float64 if floating else np.int64)
    default = float32 if floating else int64
    return _finish(data.astype(default.np), dtype, requires_grad)


def linspace(start, end, steps, *, dtype=None, requires_grad=False):
    data = np.linspace(float(start), float(end), int(steps)).astype(np.float32)
    return _finish(data, dtype, requires_grad)


def _size(args: tuple, kwargs: dict) -> tuple:
    """Sizes given positionally, as one tuple, or as ``size=`` (``torch.randn(size=())``)."""
    if "size" in kwargs:
        if args:
            raise TypeError("size given both positionally and as size=")
        return (kwargs.pop("size"),)
    if kwargs:
        raise TypeError(f"got an unexpected keyword argument '{next(iter(kwargs))}'")
    return args


def _filled(value, size, dtype, requires_grad, default=float32):
    shape = parse_shape(size)
    if any(d < 0 for d in shape):
        raise RuntimeError(f"Trying to create tensor with negative dimension {min(shape)}: "
                           f"{list(shape)}")
    d = default if dtype is None else to_dtype(dtype)
    return _finish(np.full(shape, value, dtype=d.np), None, requires_grad)


def zeros(*size, dtype=None, device=None, requires_grad=False, out=None, **kwargs):
    return _filled(0, _size(size, kwargs), dtype, requires_grad)


def ones(*size, dtype=None, device=None, requires_grad=False, out=None, **kwargs):
    return _filled(1, _size(size, kwargs), dtype, requires_grad)


def empty(*size, dtype=None, device=None, requires_grad=False, **kwargs):
    return _filled(0, _size(size, kwargs), dtype, requires_grad)


def full(size, fill_value, *, dtype=None, device=None, requires_grad=False):
    default = bool_ if isinstance(fill_value, bool) else (
        int64 if isinstance(fill_value, int) else float32)
    return _filled(fill_value, (size,), dtype, requires_grad, default)


def _like(fill, input, dtype, requires_grad):
    d = input.dtype if dtype is None else to_dtype(dtype)
    return _filled(fill, (input._data.shape,), d, requires_grad)


def zeros_like(input, *, dtype=None, device=None, requires_grad=False):
    return _like(0, input, dtype, requires_grad)


def ones_like(input, *, dtype=None, device=None, requires_grad=False):
    return _like(1, input, dtype, requires_grad)


def full_like(input, fill_value, *, dtype=None, requires_grad=False):
    return _like(fill_value, input, dtype, requires_grad)


def eye(n, m=None, *, dtype=None, device=None, requires_grad=False):
    return _finish(np.eye(n, n if m is None else m, dtype=np.float32), dtype, requires_grad)


def _random(sampler, size, dtype, requires_grad):
    shape = parse_shape(size)
    d = float32 if dtype is None else to_dtype(dtype)
    return _finish(sampler(shape).astype(d.np), None, requires_grad)


def randn(*size, generator=None, dtype=None, device=None, requires_grad=False,
          **kwargs):
    return _random(lambda s: _generator().standard_normal(s), _size(size, kwargs), dtype,
                   requires_grad)


def rand(*size, generator=None, dtype=None, device=None, requires_grad=False,
          **kwargs):
    return _random(lambda s: _generator().random(s), _size(size, kwargs), dtype, requires_grad)


def randn_like(input, *, dtype=None, requires_grad=False):
    return randn(input._data.shape, dtype=dtype or input.dtype, requires_grad=requires_grad)


def rand_like(input, *, dtype=None, requires_grad=False):
    return rand(input._data.shape, dtype=dtype or input.dtype, requires_grad=requires_grad)


def randint(low, high=None, size=None, *, dtype=None, requires_grad=False):
    if high is None:
        low, high = 0, low
    shape = parse_shape((size,))
    data = _generator().integers(low, high, size=shape, dtype=np.int64)
    return _finish(data, dtype, requires_grad)


def normal(mean=0.0, std=1.0, size=None, *, generator=None, dtype=None, requires_grad=False):
    Tensor = core.Tensor
    if size is None and (isinstance(mean, Tensor) or isinstance(std, Tensor)):
        m = mean._data if isinstance(mean, Tensor) else mean
        s = std._data if isinstance(std, Tensor) else std
        shape = np.broadcast_shapes(np.shape(m), np.shape(s))
        data = (m + s * _generator().standard_normal(shape)).astype(np.float32)
        return _finish(data, dtype, requires_grad)
    shape = parse_shape((size,)) if size is not None else ()
    data = (mean + std * _generator().standard_normal(shape)).astype(np.float32)
    return _finish(data, dtype, requires_grad)

