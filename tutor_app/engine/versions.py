"""Version counters: a value saved for backward and then changed in place is an error.

PyTorch counts in-place changes per storage and checks, at backward time, that every
tensor an op saved is still at the version it had then. Here the hot path pays nothing:
only in-place writes register, keyed by the array that owns the memory (views share it, as
PyTorch's views share one counter), with the "time" (a uid) of each change. ``backward``
looks at saved arrays only while something is registered, and only at those the VJPs that
will run actually read — as each op-table entry declares in its ``reads``.
"""

from __future__ import annotations

import bisect
import re
import weakref

import numpy as np

from . import core

# id(owner array) -> (weakref to it, its _Versions)
MODIFIED: dict[int, tuple[weakref.ref, _Versions]] = {}

HINT = ("Hint: enable anomaly detection to find the operation that failed to compute its "
        "gradient, with torch.autograd.set_detect_anomaly(True, check_nan=False).")
_TYPE_NAMES = {"float32": "FloatTensor", "float64": "DoubleTensor", "float16": "HalfTensor",
               "int64": "LongTensor", "int32": "IntTensor", "int16": "ShortTensor",
               "int8": "CharTensor", "uint8": "ByteTensor", "bool": "BoolTensor"}


class _Versions:
    """The changes made to one piece of memory: sorted change times, and the grad_fn the
    changed tensor got when the change was recorded in the graph (``b += 1`` → Add)."""

    __slots__ = ("times", "grad_fn")

    def __init__(self) -> None:
        self.times: list[float] = []
        self.grad_fn: str | None = None


def _owner(arr):
    while isinstance(arr.base, np.ndarray):
        arr = arr.base
    return arr


def _entry(arr) -> _Versions | None:
    found = MODIFIED.get(id(_owner(arr)))
    if found is None or found[0]() is not _owner(arr):
        return None
    return found[1]


def _register(arr, info: _Versions) -> None:
    owner = _owner(arr)
    key = id(owner)

    def forget(ref, key=key):
        if MODIFIED.get(key, (None,))[0] is ref:
            del MODIFIED[key]

    MODIFIED[key] = (weakref.ref(owner, forget), info)


def bump(tensor, new_data=None, grad_fn=None) -> None:
    """Count one in-place change of ``tensor``.

    Call it after writing into ``tensor._data``, or — when the change was recorded as a
    graph op and ``tensor`` was rebound to that op's output — with the old array still in
    ``tensor._data`` and the new one as ``new_data`` (its counter carries over, and the
    op's own node, which saved the old value legitimately, is not flagged).
    """
    if tensor._untracked:  # ``x.data``: PyTorch gives it a counter of its own
        return
    info = _entry(tensor._data)
    if info is None:
        info = _Versions()
        _register(tensor._data, info)
    if new_data is None:
        info.times.append(core.new_uid())
    else:
        info.times.append(grad_fn.seq - 0.5 if grad_fn is not None else core.new_uid())
        info.grad_fn = None if grad_fn is None else type(grad_fn).__name__
        _register(new_data, info)


def version(tensor) -> int:
    """``tensor._version``: how many in-place changes its memory has seen."""
    info = _entry(tensor._data)
    return 0 if info is None else len(info.times)


# --- at backward time --------------------------------------------------------------------

def _short(grad_fn: str) -> str:
    return re.sub(r"Backward\d*$", "", grad_fn)


def _fail(arr, info: _Versions, expected: int, producer: str | None):
    kind = _TYPE_NAMES.get(arr.dtype.name, "Tensor")
    which = "" if producer is None else f", which is output 0 of {_short(producer)},"
    raise RuntimeError(
        "one of the variables needed for gradient computation has been modified by an "
        f"inplace operation: [torch.{kind} {list(arr.shape)}]{which} is at version "
        f"{len(info.times)}; expected version {expected} instead. {HINT}")


def _check_array(arr, seq, producer) -> None:
    info = _entry(arr)
    if info is None:
        return
    expected = bisect.bisect_left(info.times, seq)
    if expected != len(info.times):
        _fail(arr, info, expected, info.grad_fn or producer)


def check(nodes) -> None:
    """Raise PyTorch's error if a value some node will read was changed after it was saved."""
    node_class = core.Node
    for node in nodes:
        op, args = node.op, node.args
        if not op.saves or args is None:
            continue
        reads = op.reads
        reads_out, indices = False, set()
        for i, edge in enumerate(node.next):
            if edge is None:
                continue
            out_i, idx = reads[0] if op.variadic else reads[i]
            reads_out = reads_out or out_i
            indices |= idx
        if reads_out and node.out is not None:
            info = _entry(node.out)
            if info is not None:
                expected = bisect.bisect_left(info.times, node.seq)
                if expected != len(info.times):
                    _fail(node.out, info, expected, type(node).__name__)
        for j in sorted(indices):
            if j >= len(args):
                continue
            edge = node.next[j] if j < len(node.next) else None
            producer = type(edge).__name__ if isinstance(edge, node_class) else None
            _check_array(args[j], node.seq, producer)
