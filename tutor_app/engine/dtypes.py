"""PyTorch dtypes over numpy dtypes, and PyTorch's type-promotion rule.

Promotion follows PyTorch, not numpy: operands are ranked as dimensioned tensors,
zero-dim tensors, then Python numbers; a lower rank only changes the result when it
belongs to a higher category (bool < integer < floating).
"""

from __future__ import annotations

import numpy as np

from .printing import TorchClass


class dtype(metaclass=TorchClass):  # noqa: N801 - PyTorch's spelling
    """A PyTorch dtype: ``torch.float32`` prints as such and maps to one numpy dtype."""

    __slots__ = ("name", "np", "short", "category", "is_floating_point", "itemsize")

    def __init__(self, name: str, np_dtype: type, short: str, category: int) -> None:
        self.name = name
        self.np = np.dtype(np_dtype)
        self.short = short          # the name PyTorch's messages use: Float, Long, ...
        self.category = category    # 0 bool, 1 integer, 2 floating
        self.is_floating_point = category == 2
        self.itemsize = self.np.itemsize

    def __repr__(self) -> str:
        return f"torch.{self.name}"

    def __reduce__(self):
        return (_by_name, (self.name,))

    @property
    def is_signed(self) -> bool:
        return self.name != "uint8" and self.name != "bool"


float16 = dtype("float16", np.float16, "Half", 2)
float32 = dtype("float32", np.float32, "Float", 2)
float64 = dtype("float64", np.float64, "Double", 2)
uint8 = dtype("uint8", np.uint8, "Byte", 1)
int8 = dtype("int8", np.int8, "Char", 1)
int16 = dtype("int16", np.int16, "Short", 1)
int32 = dtype("int32", np.int32, "Int", 1)
int64 = dtype("int64", np.int64, "Long", 1)
bool_ = dtype("bool", np.bool_, "Bool", 0)

half, float, double = float16, float32, float64  # noqa: A001 - PyTorch aliases
short, int, long = int16, int32, int64  # noqa: A001

ALL = (float16, float32, float64, uint8, int8, int16, int32, int64, bool_)
_FROM_NP = {d.np: d for d in ALL}
_FROM_NP_TYPE = {d.np.type: d for d in ALL}


def _by_name(name: str) -> dtype:
    return {d.name: d for d in ALL}[name]


def from_numpy_dtype(np_dtype) -> dtype:
    """The PyTorch dtype of a numpy dtype; unsupported ones raise TypeError as PyTorch does."""
    try:
        return _FROM_NP[np_dtype]
    except KeyError:
        pass
    try:
        return _FROM_NP[np.dtype(np_dtype)]
    except (KeyError, TypeError):
        raise TypeError(
            f"can't convert np.ndarray of type numpy.{np.dtype(np_dtype).name}. The only "
            "supported types are: float64, float32, float16, complex64, complex128, int64, "
            "int32, int16, int8, uint8, and bool.") from None


def to_dtype(d) -> dtype:
    """Accept a torch dtype, a numpy dtype or a Python type (``float`` → float64, as numpy)."""
    if isinstance(d, dtype):
        return d
    import builtins
    if d is builtins.float:
        return float64
    if d is builtins.int:
        return int64
    if d is builtins.bool:
        return bool_
    return from_numpy_dtype(d)


def promote_types(a: dtype, b: dtype) -> dtype:
    """PyTorch's ``promote_types`` for the dtypes we support."""
    if a is b:
        return a
    if a.category != b.category:
        return a if a.category > b.category else b
    if a.category == 2:
        return a if a.itemsize >= b.itemsize else b
    # integers: uint8 with a signed type goes to the next signed type that holds both
    return _FROM_NP[np.promote_types(a.np, b.np)]


def category_of_scalar(value) -> int:
    if isinstance(value, bool):
        return 0
    if isinstance(value, (builtins_int, np.integer)):
        return 1
    return 2


builtins_int = __import__("builtins").int


def default_for_category(category: int) -> dtype:
    return (bool_, int64, float32)[category]


def result_type(dimensioned: list[dtype], zero_dim: list[dtype], scalars: list) -> dtype:
    """Result dtype of an op, ranking operands as PyTorch's ``result_type`` does."""
    result = None
    for d in dimensioned:
        result = d if result is None else promote_types(result, d)
    zd = None
    for d in zero_dim:
        zd = d if zd is None else promote_types(zd, d)
    if zd is not None and (result is None or zd.category > result.category):
        result = zd
    if scalars:
        cat = max(category_of_scalar(s) for s in scalars)
        if result is None:
            result = default_for_category(cat)
            if cat == 2 and any(isinstance(s, np.floating) for s in scalars):
                result = float32
        elif cat > result.category:
            result = default_for_category(cat)
    return result
