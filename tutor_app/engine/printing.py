"""PyTorch's printed form of a tensor, reimplemented on numpy.

The rules PyTorch follows (and learners see in the book): one formatter per tensor chosen
from its nonzero finite values — integer-valued floats print as ``1.``, others with 4
decimals, scientific notation when max/min > 1000, max > 1e8 or min < 1e-4; every entry
padded to the widest; rows wrapped at 80 columns; more than 1000 elements summarised
with 3 edge items; ``dtype=`` only for non-default dtypes; then ``requires_grad=True`` or
``grad_fn=<...>``.
"""

from __future__ import annotations

import math

import numpy as np

LINEWIDTH = 80
PRECISION = 4
THRESHOLD = 1000
EDGEITEMS = 3
_DEFAULT_DTYPES = ("float32", "int64", "bool")


class _Formatter:
    """Chooses one number format for a whole tensor, as PyTorch's ``_Formatter``."""

    def __init__(self, values: np.ndarray) -> None:
        self.floating = values.dtype.kind == "f"
        self.int_mode = True
        self.sci_mode = False
        self.max_width = 1
        flat = values.reshape(-1)
        if not self.floating:
            for v in flat.tolist():
                self.max_width = max(self.max_width, len(f"{v}"))
            return
        wide = flat.astype(np.float64)
        finite = wide[np.isfinite(wide) & (wide != 0)]
        if finite.size == 0:
            return
        magnitudes = np.abs(finite)
        lo, hi = float(magnitudes.min()), float(magnitudes.max())
        self.int_mode = bool(np.all(finite == np.ceil(finite)))
        self.sci_mode = hi / lo > 1000.0 or hi > 1.0e8 or lo < 1.0e-4
        items = finite.tolist()
        if self.sci_mode:
            widths = (len(f"{v:.{PRECISION}e}") for v in items)
        elif self.int_mode:
            widths = (len(f"{v:.0f}") + 1 for v in items)
        else:
            widths = (len(f"{v:.{PRECISION}f}") for v in items)
        self.max_width = max(self.max_width, max(widths))

    def format(self, value) -> str:
        if self.floating:
            if self.sci_mode:
                text = f"{value:{self.max_width}.{PRECISION}e}"
            elif self.int_mode:
                text = f"{value:.0f}"
                if not (math.isinf(value) or math.isnan(value)):
                    text += "."
            else:
                text = f"{value:.{PRECISION}f}"
        else:
            text = f"{value}"
        return (self.max_width - len(text)) * " " + text


def _summarised(a: np.ndarray) -> np.ndarray:
    """The entries PyTorch looks at when choosing the format of a summarised tensor."""
    if a.ndim == 0:
        return a
    if a.ndim == 1:
        return np.concatenate((a[:EDGEITEMS], a[-EDGEITEMS:])) if len(a) > 2 * EDGEITEMS else a
    rows = list(a[:EDGEITEMS]) + list(a[-EDGEITEMS:]) if len(a) > 2 * EDGEITEMS else list(a)
    return np.stack([_summarised(r) for r in rows])


def _vector(a: np.ndarray, indent: int, summarise: bool, fmt: _Formatter) -> str:
    per_line = max(1, math.floor((LINEWIDTH - indent) / (fmt.max_width + 2)))
    if summarise and len(a) > 2 * EDGEITEMS:
        items = ([fmt.format(v) for v in a[:EDGEITEMS].tolist()] + [" ..."]
                 + [fmt.format(v) for v in a[-EDGEITEMS:].tolist()])
    else:
        items = [fmt.format(v) for v in a.tolist()]
    lines = [", ".join(items[i:i + per_line]) for i in range(0, len(items), per_line)]
    return "[" + (",\n" + " " * (indent + 1)).join(lines) + "]"


def _nested(a: np.ndarray, indent: int, summarise: bool, fmt: _Formatter) -> str:
    if a.ndim == 0:
        return fmt.format(a.item())
    if a.ndim == 1:
        return _vector(a, indent, summarise, fmt)
    n = a.shape[0]
    if summarise and n > 2 * EDGEITEMS:
        parts = ([_nested(a[i], indent + 1, summarise, fmt) for i in range(EDGEITEMS)] + ["..."]
                 + [_nested(a[i], indent + 1, summarise, fmt) for i in range(n - EDGEITEMS, n)])
    else:
        parts = [_nested(a[i], indent + 1, summarise, fmt) for i in range(n)]
    return "[" + ("," + "\n" * (a.ndim - 1) + " " * (indent + 1)).join(parts) + "]"


def array_str(a: np.ndarray, indent: int) -> str:
    """The bracketed body of a tensor's repr (what ``str`` shows between the parentheses)."""
    if a.size == 0:
        return "[]"
    summarise = a.size > THRESHOLD
    fmt = _Formatter(_summarised(a) if summarise else a)
    return _nested(a, indent, summarise, fmt)


def _add_suffixes(body: str, suffixes: list[str], indent: int) -> str:
    parts = [body]
    last_line = len(body) - body.rfind("\n") + 1
    for suffix in suffixes:
        if last_line + len(suffix) + 2 > LINEWIDTH:
            parts.append(",\n" + " " * indent + suffix)
            last_line = indent + len(suffix)
        else:
            parts.append(", " + suffix)
            last_line += len(suffix) + 2
    parts.append(")")
    return "".join(parts)


def tensor_repr(t) -> str:
    """``repr(tensor)`` exactly as PyTorch 2.x prints it on the CPU."""
    prefix = "tensor("
    indent = len(prefix)
    a = t._data
    name = t.dtype.name
    suffixes = []
    if a.size == 0:
        if a.ndim != 1:
            suffixes.append("size=" + str(tuple(a.shape)))
        if name != "float32":
            suffixes.append(f"dtype=torch.{name}")
        body = "[]"
    else:
        if name not in _DEFAULT_DTYPES:
            suffixes.append(f"dtype=torch.{name}")
        body = array_str(a, indent)
    if t.grad_fn is not None:
        suffixes.append(f"grad_fn=<{type(t.grad_fn).__name__}>")
    elif t.requires_grad:
        suffixes.append("requires_grad=True")
    return _add_suffixes(prefix + body, suffixes, indent)


def parse_shape(args) -> tuple:
    """A shape as PyTorch accepts it: ``(2, 3)``, ``((2, 3),)``, ``(torch.Size([2, 3]),)``."""
    if len(args) == 1 and isinstance(args[0], (tuple, list)):
        args = tuple(args[0])
    return tuple(int(a) for a in args)


class TorchClass(type):
    """Metaclass of the classes a learner meets by name: ``type(x)`` prints
    ``<class 'torch.Tensor'>`` as in PyTorch. Only the printed form changes; ``__module__``
    stays ours (the console's guards recognise engine objects by it)."""

    def __repr__(cls) -> str:
        return f"<class 'torch.{cls.__qualname__}'>"


class Size(tuple, metaclass=TorchClass):
    """``torch.Size``: a tuple that prints as ``torch.Size([2, 3])``."""

    __slots__ = ()

    def __repr__(self) -> str:
        return f"torch.Size({list(self)})"

    __str__ = __repr__

    def numel(self) -> int:
        return math.prod(self)

    def __getitem__(self, item):
        res = tuple.__getitem__(self, item)
        return Size(res) if isinstance(item, slice) else res
