"""Python data and sizes as NumPy arrays, with PyTorch's dtype rules (no tensors made here).

Python floats become float32 (PyTorch's default), ints int64, bools bool; numpy arrays and
numpy scalars keep their dtype, also inside a list (the items' dtypes promoted together, as
PyTorch does); a ragged list raises PyTorch's message. ``creation`` (``torch.tensor``,
``torch.zeros`` …) wraps these arrays into tensors; ``tensor.Tensor.__init__``
(``torch.Tensor(2, 3)``) uses ``legacy_array`` directly, which is why this sits below both.
"""

from __future__ import annotations

import numpy as np

from .core import TensorBase
from .dtypes import bool_, float32, from_numpy_dtype, int64, promote_types, to_dtype
from .hooks import sized
from .printing import parse_shape

_DEEPEST = 64  # nesting levels data_size follows (NumPy itself stops at 64 dimensions)


def check_ragged(data, dim=0):
    """PyTorch's message for a ragged nested list."""
    if isinstance(data, (list, tuple)) and data and isinstance(data[0], (list, tuple)):
        n = len(data[0])
        for item in data:
            if not isinstance(item, (list, tuple)) or len(item) != n:
                got = len(item) if isinstance(item, (list, tuple)) else type(item).__name__
                raise ValueError(f"expected sequence of length {n} at dim {dim + 1} (got {got})")
        for item in data:
            check_ragged(item, dim + 1)


def from_python(data, *, target_given: bool = False) -> np.ndarray:
    """Python data as an array; floats stay float64 when a dtype follows (no float32 detour)."""
    if isinstance(data, TensorBase):
        return data._data.copy()
    if isinstance(data, np.ndarray):
        from_numpy_dtype(data.dtype)
        return data.copy()
    if isinstance(data, np.generic):  # np.float64(1.) → float64, np.int32(1) → int32
        from_numpy_dtype(data.dtype)
        return np.array(data)
    if isinstance(data, (list, tuple)):
        check_ragged(data)
        typed = [x for x in _flat(data) if isinstance(x, (TensorBase, np.ndarray, np.generic))]
        if typed:  # items that carry a dtype: PyTorch promotes the items' dtypes
            inferred = _sequence_dtype(data)
            arr = np.array(_unwrap(data))
            if target_given and arr.dtype.kind == "f" and inferred.category == 2:
                return arr  # a dtype follows: no detour through a narrower float
            return arr.astype(inferred.np)
    arr = np.array(data)
    if arr.dtype.kind == "f" and not isinstance(data, np.floating):
        if not target_given:
            arr = arr.astype(np.float32)
    elif arr.dtype.kind in "iu":
        arr = arr.astype(np.int64)
    elif arr.dtype.kind in "US":
        raise TypeError("new(): invalid data type 'str'")
    elif arr.dtype.kind not in "bf":
        raise TypeError(f"Could not infer dtype of {type(data).__name__}")
    return arr


def data_size(data) -> int:
    """Elements ``from_python`` would make of ``data``, counted before any is made: a
    tensor's or an array's size, else the lengths down the first element of each level
    (a ragged list is refused by ``check_ragged`` anyway). The declared size of every
    function that makes a tensor from data (``torch.tensor``, ``torch.Tensor([...])``)."""
    count = 1
    for _ in range(_DEEPEST):
        if isinstance(data, TensorBase):
            return count * data._data.size
        if isinstance(data, np.ndarray):
            return count * data.size
        if not isinstance(data, (list, tuple, range)):
            return count
        if len(data) == 0:
            return 0
        count *= len(data)
        data = data[0]
    return count


def shape_size(shape) -> int:
    """Elements of a tensor of a parsed ``shape`` (a negative size makes none: the maker
    raises PyTorch's message for it)."""
    count = 1
    for d in shape:
        count *= max(int(d), 0)
    return count


def _item_dtype(item):
    """PyTorch's ``infer_scalar_type`` for one item of a nested list."""
    if isinstance(item, TensorBase):
        return item.dtype
    if isinstance(item, np.ndarray) and item.ndim == 0:
        raise TypeError("len() of unsized object")  # a 0-d array is read as a sequence
    if isinstance(item, (np.ndarray, np.generic)):  # before float: np.float64 is a float
        return from_numpy_dtype(item.dtype)
    if isinstance(item, bool):
        return bool_
    if isinstance(item, int):
        return int64
    if isinstance(item, float):
        return float32  # the default dtype
    if isinstance(item, str):
        raise TypeError("new(): invalid data type 'str'")
    raise TypeError(f"Could not infer dtype of {type(item).__name__}")


def _sequence_dtype(data):
    """The items' dtypes promoted together, as PyTorch infers a nested list's dtype
    (``[1., np.float64(2.)]`` is float64: a NumPy scalar brings its own dtype); an empty
    list has the default dtype."""
    result = None
    for item in data:
        d = _sequence_dtype(item) if isinstance(item, (list, tuple)) else _item_dtype(item)
        result = d if result is None else promote_types(result, d)
    return float32 if result is None else result


def _flat(data):
    for x in data:
        if isinstance(x, (list, tuple)):
            yield from _flat(x)
        else:
            yield x


def _unwrap(data):
    if isinstance(data, (list, tuple)):
        return [_unwrap(x) for x in data]
    if isinstance(data, TensorBase):
        return data.item() if data._data.ndim == 0 else data._data.tolist()
    return data


def sizes(args: tuple, kwargs: dict) -> tuple:
    """Sizes given positionally, as one tuple, or as ``size=`` (``torch.randn(size=())``)."""
    if "size" in kwargs:
        if args:
            raise TypeError("size given both positionally and as size=")
        return (kwargs.pop("size"),)
    if kwargs:
        raise TypeError(f"got an unexpected keyword argument '{next(iter(kwargs))}'")
    return args


def filled_array(value, size, dtype) -> np.ndarray:
    """``np.full`` of PyTorch's parsed ``size`` in ``dtype`` (an engine dtype), with
    PyTorch's message for a negative dimension."""
    shape = parse_shape(size)
    if any(d < 0 for d in shape):
        raise RuntimeError(f"Trying to create tensor with negative dimension {min(shape)}: "
                           f"{list(shape)}")
    return np.full(shape, value, dtype=to_dtype(dtype).np)


def _legacy_size(*args, **kwargs) -> int:
    if len(args) == 1 and not isinstance(args[0], (int, np.integer)):
        return data_size(args[0])
    return shape_size(parse_shape(args))


@sized(_legacy_size, name="Tensor")
def legacy_array(*args, **kwargs) -> np.ndarray:
    """``torch.Tensor(...)``'s data: sizes give an uninitialised (here: zero) float32 array,
    anything else is copied as float32 (keyword arguments are accepted and ignored)."""
    if len(args) == 1 and not isinstance(args[0], (int, np.integer)):
        return from_python(args[0], target_given=True).astype(float32.np, copy=False)
    return filled_array(0, args, float32)
