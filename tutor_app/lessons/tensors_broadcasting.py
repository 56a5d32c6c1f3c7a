"""Lesson 2 logic: tensor creation, reshape and indexing examples, and the broadcasting explorer.

The numbers, shapes, printed forms and error messages all come from the engine, so what
the learner sees is what ``torch`` would say. Only bookkeeping that the engine has no
notion of (which result cells are broadcast copies) is plain index arithmetic here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

import tutor_app.engine as torch

MAX_DIMS = 4
MAX_SIZE = 6          # per axis, so every cell stays readable
MAX_DRAWN_CELLS = 144


class ShapeError(ValueError):
    """Shape text the explorer cannot use; ``key`` names the lesson string explaining why."""

    def __init__(self, key: str, detail: str = ""):
        super().__init__(f"{key}: {detail}" if detail else key)
        self.key = key
        self.detail = detail


_SIZE_WRAPPER = re.compile(r"^\s*(?:torch\.Size\s*)?[\(\[]*\s*(.*?)\s*[\)\]]*\s*$")


def parse_shape(text: str) -> tuple[int, ...]:
    """``"2, 3"``, ``"(2, 3)"``, ``"[2,3]"``, ``"2x3"``, ``"torch.Size([2, 3])"`` → ``(2, 3)``.

    ``""`` or ``"()"`` is the 0-d shape. Raises ``ShapeError`` for anything else.
    """
    inner = _SIZE_WRAPPER.match(text).group(1)
    inner = re.sub(r"(?<=\d)\s*[xX×*]\s*(?=\d)", ",", inner)  # "2x3" and "2 × 3" too
    parts = [p for p in re.split(r"[,\s]+", inner) if p]
    if not parts:
        return ()
    if not all(p.isdigit() for p in parts):
        bad = next(p for p in parts if not p.isdigit())
        raise ShapeError("shape_not_numbers", bad)
    shape = tuple(int(p) for p in parts)
    if len(shape) > MAX_DIMS:
        raise ShapeError("shape_too_many_dims", str(len(shape)))
    if any(n < 1 or n > MAX_SIZE for n in shape):
        raise ShapeError("shape_size_range", str(shape))
    return shape


def format_shape(shape: tuple[int, ...]) -> str:
    return f"torch.Size({list(shape)})"


@dataclass(frozen=True)
class Broadcast:
    """Two tensors, their right-aligned shapes and either the result or the engine's error."""

    a: np.ndarray
    b: np.ndarray
    a_shape: tuple[int, ...]
    b_shape: tuple[int, ...]
    ndim: int                          # length of the right-aligned frame
    result: np.ndarray | None          # a + b from the engine, or None on error
    a_stretched: np.ndarray | None     # a expanded to the result shape (engine values)
    b_stretched: np.ndarray | None
    a_copied: np.ndarray | None        # bool masks: cells that are broadcast copies
    b_copied: np.ndarray | None
    error: str | None                  # the engine's exact message
    offending_axis: int | None         # axis of the right-aligned frame named by the error

    @property
    def result_shape(self) -> tuple[int, ...] | None:
        return None if self.result is None else tuple(self.result.shape)

    def aligned(self, which: str) -> list[int | None]:
        """The shape padded on the left with ``None`` to the common length (for display)."""
        shape = self.a_shape if which == "a" else self.b_shape
        return [None] * (self.ndim - len(shape)) + list(shape)


def _operand(shape: tuple[int, ...], scale: int):
    n = int(np.prod(shape)) if shape else 1
    return (torch.arange(n) * scale).reshape(shape)


def _copied_mask(shape: tuple[int, ...], out_shape: tuple[int, ...]) -> np.ndarray:
    """True where a cell of the expanded tensor is not the original element but a copy."""
    aligned = (1,) * (len(out_shape) - len(shape)) + tuple(shape)
    mask = np.zeros(out_shape, dtype=bool)
    for axis, (size, out) in enumerate(zip(aligned, out_shape, strict=True)):
        if size == 1 and out > 1:
            index = np.arange(out).reshape([-1 if k == axis else 1 for k in range(len(out_shape))])
            mask |= index > 0
    return mask


_DIMENSION = re.compile(r"at non-singleton dimension (\d+)")


def broadcast(a_shape: tuple[int, ...], b_shape: tuple[int, ...],
              a=None, b=None) -> Broadcast:
    """Add ``a`` (default ``arange``) and ``b`` (default ``10 * arange``) with the engine."""
    a_t = _operand(a_shape, 1) if a is None else a
    b_t = _operand(b_shape, 10) if b is None else b
    ndim = max(len(a_shape), len(b_shape))
    a_np, b_np = np.asarray(a_t.tolist()), np.asarray(b_t.tolist())
    try:
        result = a_t + b_t
    except RuntimeError as exc:
        found = _DIMENSION.search(str(exc))
        return Broadcast(a_np, b_np, a_shape, b_shape, ndim, None, None, None, None, None,
                         str(exc), int(found.group(1)) if found else None)
    out_shape = tuple(result.shape)
    zeros = torch.zeros(out_shape, dtype=result.dtype)
    return Broadcast(
        a_np, b_np, a_shape, b_shape, ndim, np.asarray(result.tolist()),
        np.asarray((a_t + zeros).tolist()), np.asarray((b_t + zeros).tolist()),
        _copied_mask(a_shape, out_shape), _copied_mask(b_shape, out_shape), None, None)


def expected_offending_axis(a_shape: tuple[int, ...], b_shape: tuple[int, ...]) -> int | None:
    """The axis PyTorch names: it compares from the last axis, so the right-most clash."""
    ndim = max(len(a_shape), len(b_shape))
    a = (1,) * (ndim - len(a_shape)) + a_shape
    b = (1,) * (ndim - len(b_shape)) + b_shape
    clashes = [i for i in range(ndim) if a[i] != b[i] and 1 not in (a[i], b[i])]
    return clashes[-1] if clashes else None


def clash_mask(shape: tuple[int, ...], ndim: int, axis: int | None) -> np.ndarray | None:
    """Cells of one fibre along aligned ``axis`` (all other indices 0): the sizes that clash."""
    own = None if axis is None else axis - (ndim - len(shape))
    if own is None or own < 0:
        return None
    index = np.indices(shape)
    others = [index[k] == 0 for k in range(len(shape)) if k != own]
    return np.logical_and.reduce(others) if others else np.ones(shape, dtype=bool)


# Presets: (key, a-shape, b-shape); D2L §2.1.4 first.
PRESETS: tuple[tuple[str, tuple[int, ...], tuple[int, ...]], ...] = (
    ("preset_d2l", (3, 1), (1, 2)),
    ("preset_row", (2, 3), (3,)),
    ("preset_scalar", (2, 3), ()),
    ("preset_column_row", (4, 1), (3,)),
    ("preset_3d", (2, 1, 3), (2, 1)),
    ("preset_4d", (2, 1, 2, 1), (3, 1, 2)),
    ("preset_error", (2, 4), (3, 5)),
    ("preset_error_3d", (2, 3, 4), (3, 2)),
)


# -- creation, reshape, indexing ------------------------------------------------------------
@dataclass(frozen=True)
class TensorExample:
    """One line of D2L §2.1 run on the engine: what it reads (highlighted) and what it gives."""

    key: str                              # lesson-string key of the explanation
    code: str
    source: np.ndarray | None             # the tensor the line reads, if any
    source_highlight: np.ndarray | None   # the cells it reads
    result: np.ndarray | None             # None when the line raises
    result_highlight: np.ndarray | None   # cells an assignment changed
    printed: str                          # the engine's repr of the result (or of x.shape)
    error: str | None = None              # the engine's exact error, for lines that fail


def _values(t) -> np.ndarray:
    return np.asarray(t.tolist())


def _read_mask(shape: tuple[int, ...], index) -> np.ndarray:
    """Which cells ``X[index]`` reads, found by indexing a tensor of cell ids with the engine."""
    n = int(np.prod(shape))
    ids = torch.arange(n).reshape(shape)
    chosen = np.asarray(ids[index].tolist()).ravel()
    return np.isin(np.arange(n), chosen).reshape(shape)


def _X():
    return torch.arange(12, dtype=torch.float32).reshape(3, 4)


def _view(key, code, result, source=None, index=None, printed=None) -> TensorExample:
    mask = None if source is None or index is None else _read_mask(tuple(source.shape), index)
    return TensorExample(key, code, None if source is None else _values(source), mask,
                         _values(result), None, printed or repr(result))


def _fails(key, code, source, line) -> TensorExample:
    """A line that raises: the source, and the engine's error in PyTorch's words."""
    try:
        line()
    except RuntimeError as exc:
        return TensorExample(key, code, _values(source), None, None, None,
                             f"RuntimeError: {exc}", f"RuntimeError: {exc}")
    raise AssertionError(f"{code} was expected to fail")


def _assign(key, code, index, value) -> TensorExample:
    X = _X()
    before = _values(X)
    X[index] = value
    after = _values(X)
    return TensorExample(key, code, before, _read_mask((3, 4), index), after, after != before,
                         repr(X))


@lru_cache(maxsize=1)
def _examples() -> dict[str, TensorExample]:
    x = torch.arange(12)
    X = _X()
    made = [
        _view("ex_arange", "x = torch.arange(12)", x),
        _view("ex_shape", "x.shape", x, printed=f"{x.shape!r}   x.numel() = {x.numel()}"),
        _view("ex_reshape", "X = x.reshape(3, 4)", x.reshape(3, 4), source=x),
        _view("ex_reshape_infer", "x.reshape(-1, 6)", x.reshape(-1, 6), source=x),
        _fails("ex_reshape_error", "x.reshape(5, 3)", x, lambda: x.reshape(5, 3)),
        _view("ex_zeros", "torch.zeros((2, 3, 4))", torch.zeros((2, 3, 4))),
        _view("ex_ones", "torch.ones(2, 3)", torch.ones(2, 3)),
        _view("ex_tensor", "torch.tensor([[2, 1, 4, 3], [1, 2, 3, 4], [4, 3, 2, 1]])",
              torch.tensor([[2, 1, 4, 3], [1, 2, 3, 4], [4, 3, 2, 1]])),
        _view("ex_last_row", "X[-1]", X[-1], source=X, index=-1),
        _view("ex_rows", "X[1:3]", X[1:3], source=X, index=slice(1, 3)),
        _view("ex_column", "X[:, 1]", X[:, 1], source=X, index=(slice(None), 1)),
        _view("ex_element", "X[1, 2]", X[1, 2], source=X, index=(1, 2)),
        _assign("ex_set_element", "X[1, 2] = 17", (1, 2), 17.0),
        _assign("ex_set_rows", "X[0:2, :] = 12", (slice(0, 2), slice(None)), 12.0),
    ]
    return {example.key: example for example in made}


EXAMPLE_KEYS = ("ex_arange", "ex_shape", "ex_reshape", "ex_reshape_infer", "ex_reshape_error",
                "ex_zeros", "ex_ones", "ex_tensor", "ex_last_row", "ex_rows", "ex_column",
                "ex_element", "ex_set_element", "ex_set_rows")


def example(key: str) -> TensorExample:
    """The example ``key`` (computed by the engine once, then kept: it never changes)."""
    return _examples()[key]


def example_code(key: str) -> str:
    return _examples()[key].code


def shape_rows(bc: Broadcast, t) -> list:
    """The right-aligned shape table: a, b and the result (or "error"), stretches marked."""
    from tutor_app.viz.broadcasting import ShapeRow

    out_shape = bc.result_shape
    rows = []
    for name in ("a", "b"):
        aligned = bc.aligned(name)
        entries, stretched = [], []
        for k, size in enumerate(aligned):
            target = None if out_shape is None else out_shape[k]
            grows = target is not None and (size is None or size == 1) and target > 1
            shown = "" if size is None and not grows else str(size or "")
            entries.append(f"{size or '·'}→{target}" if grows else shown)
            stretched.append(grows)
        rows.append(ShapeRow(f"{name}", entries, stretched))
    if out_shape is not None:
        rows.append(ShapeRow("a + b", [str(n) for n in out_shape], [False] * len(out_shape)))
    return rows


def titles(bc: Broadcast, t) -> dict[str, str]:
    if bc.error is None:
        return {"a": f"a {t('stretched_to')} {list(bc.result_shape)}",
                "b": f"b {t('stretched_to')} {list(bc.result_shape)}",
                "result": f"a + b: {format_shape(bc.result_shape)}"}
    return {"a": f"a: {format_shape(bc.a_shape)}", "b": f"b: {format_shape(bc.b_shape)}"}
