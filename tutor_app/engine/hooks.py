"""Observers of the engine: the tape, forward-mode tangents and the cost counters.

``autograd`` and ``backward`` call in here only while this thread's ``STATE.active`` bit
is set, i.e. inside ``record()``, ``jvp(...)`` or ``counters()``; otherwise an op pays one
bit test. Records are copies (see tape.py): nothing here feeds back into the engine.
"""

from __future__ import annotations

import functools
import threading
import weakref
from contextlib import contextmanager

import numpy as np

from .ops_table import output_size
from .tape import BackwardEvent, LeafGradEvent, OpRecord, Tape, ValueRecord
from .uids import new_uid


class _ThreadState(threading.local):
    """Per-thread engine state, as PyTorch keeps grad mode per thread: the console runs
    learner code on a worker thread while lessons compute on the GUI thread, and neither
    may switch the other's grad mode or land on the other's tape. Class attributes are
    every thread's starting values."""

    mode = 1                        # bit 1: grad mode on; bit 2: an observer below is on;
    tape: Tape | None = None        # bit 4: a budget is asked before each op (op_budget)
    forward_level = 0
    meter: Counters | None = None
    budget = None                   # check(op, elements, multiply_adds), see op_budget


    @property
    def grad_enabled(self) -> bool:
        return bool(self.mode & 1)

    @grad_enabled.setter
    def grad_enabled(self, on: bool) -> None:
        _set_mode(self, (self.mode | 1) if on else (self.mode & ~1))

    @property
    def active(self) -> bool:
        return bool(self.mode & 2)

    @active.setter
    def active(self, on: bool) -> None:
        _set_mode(self, (self.mode | 2) if on else (self.mode & ~2))

    @property
    def budgeted(self) -> bool:
        return bool(self.mode & 4)

    @budgeted.setter
    def budgeted(self, on: bool) -> None:
        _set_mode(self, (self.mode | 4) if on else (self.mode & ~4))


STATE = _ThreadState()

# Reading a threading.local attribute costs a few percent of a small op. While every thread
# is in the default mode (grad on, no observer) the hot path reads one plain global instead:
# ``UNIFORM`` is 1 then, and 0 ("ask your thread") as soon as any thread leaves the default.
# Listeners (autograd) mirror it into their own globals.
DEFAULT_MODE = 1
UNIFORM = DEFAULT_MODE
UNIFORM_LISTENERS: list = []
_off_default = 0  # threads whose mode is not the default
_lock = threading.Lock()


def _set_mode(state: _ThreadState, mode: int) -> None:
    """Change this thread's mode and keep ``UNIFORM`` true to every thread."""
    global _off_default
    with _lock:
        was = state.mode != DEFAULT_MODE
        now = mode != DEFAULT_MODE
        if now and not was:  # leave the shared fast value before this thread runs an op
            _off_default += 1
            _publish(0)
        state.mode = mode
        if was and not now:
            _off_default -= 1
            if _off_default == 0:
                _publish(DEFAULT_MODE)


def _publish(value: int) -> None:
    global UNIFORM
    UNIFORM = value
    for listener in UNIFORM_LISTENERS:
        listener(value)


def _refresh() -> None:
    STATE.active = STATE.tape is not None or STATE.forward_level > 0 or STATE.meter is not None


class Counters:
    """Costs measured while a ``counters()`` block runs (shown by the forward/reverse lesson).

    passes: forward-mode ``jvp`` calls plus reverse-mode ``backward`` calls.
    ops_evaluated: every op evaluation, forward (with its tangent in forward mode) and
    backward (one per node visited). peak_live_intermediates: the most values alive at
    once that were kept for later — saved for backward in reverse mode, carrying a tangent
    in forward mode.
    """

    def __init__(self) -> None:
        self.passes = 0
        self.ops_evaluated = 0
        self.peak_live_intermediates = 0
        self.forward_ops = 0
        self.backward_ops = 0
        self.live_intermediates = 0
        self._live: set[int] = set()

    def _keep(self, obj) -> None:
        key = id(obj)
        self._live.add(key)
        weakref.finalize(obj, self._drop, key)
        n = len(self._live)
        self.live_intermediates = n
        if n > self.peak_live_intermediates:
            self.peak_live_intermediates = n

    def _drop(self, key: int) -> None:
        self._live.discard(key)
        self.live_intermediates = len(self._live)

    def __repr__(self) -> str:
        return (f"Counters(passes={self.passes}, ops_evaluated={self.ops_evaluated}, "
                f"peak_live_intermediates={self.peak_live_intermediates})")


@contextmanager
def counters():
    """``with engine.counters() as c:`` — measure passes, ops and live intermediates."""
    prev, STATE.meter = STATE.meter, Counters()
    _refresh()
    try:
        yield STATE.meter
    finally:
        STATE.meter = prev
        _refresh()


@contextmanager
def record():
    """``with engine.record() as tape:`` — every op and backward step lands on the tape."""
    prev, STATE.tape = STATE.tape, Tape()
    _refresh()
    try:
        yield STATE.tape
    finally:
        STATE.tape = prev
        _refresh()


@contextmanager
def forward_mode():
    STATE.forward_level += 1
    _refresh()
    try:
        yield
    finally:
        STATE.forward_level -= 1
        _refresh()


# --- called by autograd ------------------------------------------------------------------


@contextmanager
def op_budget(check):
    """While the block runs (on this thread), ``check(op, elements, multiply_adds)`` is
    called before every op of the general path runs, with the sizes its op-table entry
    declares (``ops_table.output_size``), and before every creation function allocates,
    with the size it declares (``sized``; ``op`` is then a ``Making``): the sandbox refuses
    what is too big for the run's budgets before anything is allocated. (The elementwise
    fast paths make nothing larger than an input that already exists: not asked.)"""
    prev, STATE.budget = STATE.budget, check
    STATE.budgeted = True
    try:
        yield
    finally:
        STATE.budget = prev
        STATE.budgeted = prev is not None


class Making:
    """A function that makes a tensor from scratch (``zeros``, ``tensor``, ``arange`` …) as
    an op budget hears of it: its name and its size rule. An op-table entry declares its
    output size in the table; these have no entry, so they declare it with ``sized``.
    (A backward pass is heard of as one too, of no size: ``BACKWARD_PASS``.)"""

    __slots__ = ("name", "size")

    def __init__(self, name: str, size) -> None:
        self.name = name
        self.size = size

    def __repr__(self) -> str:
        return f"<making {self.name}>"


def sized(size, name: str | None = None):
    """Declare, where a creation function is defined, how many elements it will make.

    ``size`` takes the function's own arguments and returns the element count, parsed as
    the function parses them. While an op budget is installed (``op_budget``) it is asked,
    ``check(Making, elements, 0)``, before the function allocates anything, as
    ``before_op`` asks for an op-table entry; otherwise the rule is never run. ``name``:
    the name the learner calls it by, when the function's own differs.
    """
    def declare(fn):
        making = Making(name or fn.__name__, size)

        @functools.wraps(fn)
        def checked(*args, **kwargs):
            if STATE.budget is not None:
                before_making(making, args, kwargs)
            return fn(*args, **kwargs)
        return checked
    return declare


# An observed backward pass, as the op budget hears of it (see before_backward).
BACKWARD_PASS = Making("backward", lambda *args, **kwargs: 0)


def before_making(making: Making, args: tuple, kwargs: dict) -> None:
    """Ask the budget about a creation call. A rule that cannot tell (its parsing of the
    arguments fails) asks nothing: the function then runs and raises its own error."""
    check = STATE.budget
    if check is None:
        return
    try:
        elements = making.size(*args, **dict(kwargs))
    except Exception:  # noqa: BLE001 - the function's own error, not the rule's, is shown
        return
    if elements is not None:
        check(making, int(elements), 0)


def before_op(op, shapes: tuple, params: dict) -> None:
    check = STATE.budget
    if check is not None:
        elements, flops = output_size(op, shapes, params)
        check(op, elements, flops)


def after_op(op, inputs, arrays, params, result) -> None:
    meter, tape = STATE.meter, STATE.tape
    if STATE.forward_level:
        _propagate_tangent(op, inputs, arrays, params, result)
    if meter is not None:
        meter.ops_evaluated += 1
        meter.forward_ops += 1
        node = result.grad_fn
        if node is not None and op.saves:
            meter._keep(node)
        elif result._tangent is not None:
            meter._keep(result)
    if tape is not None:
        _record_op(tape, op, inputs, params, result)


def _propagate_tangent(op, inputs, arrays, params, result) -> None:
    tangents = [t._tangent for t in inputs]
    if all(t is None for t in tangents):
        return
    out = result._data
    args = arrays if op.saves else tuple(a.shape for a in arrays)
    if op.jvp is not None:
        tangent = op.jvp(tangents, out, args, params)
    else:
        tangent = None
        for i, t in enumerate(tangents):
            if t is not None:
                part = op.jvps[i](t, out, args, params)
                tangent = part if tangent is None else tangent + part
    tangent = np.asarray(tangent)
    if tangent.shape != out.shape:
        tangent = np.broadcast_to(tangent, out.shape)
    if tangent.dtype != out.dtype:
        tangent = tangent.astype(out.dtype)
    result._tangent = tangent


def before_backward() -> None:
    check = STATE.budget
    if check is not None:  # nothing to allocate: the budget's clock and Stop are read
        check(BACKWARD_PASS, 0, 0)  # between two passes (a Jacobian runs one per entry)
    if STATE.meter is not None:
        STATE.meter.passes += 1
    if STATE.tape is not None:
        STATE.tape.backward_calls += 1


def after_node_backward(node, upstream, products) -> None:
    meter, tape = STATE.meter, STATE.tape
    if meter is not None:
        meter.ops_evaluated += 1
        meter.backward_ops += 1
    if tape is None or node.record is None or node.record[0] is not tape:
        return
    local = node.op.local
    if len(local) < len(products):
        local = local + (local[-1],) * (len(products) - len(local))
    tape.backward.append(BackwardEvent(
        op_index=node.record[1],
        upstream=np.array(upstream, copy=True),
        local=tuple(local[: len(products)]),
        products=tuple(None if p is None else np.array(p[0], copy=True) for p in products),
        reduced=tuple(None if p is None else np.array(p[1], copy=True) for p in products),
        reductions=tuple(None if p is None or p[0].shape == p[1].shape
                         else (tuple(p[0].shape), tuple(p[1].shape)) for p in products),
        pass_index=tape.backward_calls - 1))


def after_release(node) -> None:
    if STATE.meter is not None:
        STATE.meter._drop(id(node))


def after_leaf_grad(leaf, before) -> None:
    tape = STATE.tape
    if tape is not None:
        tape.leaf_grads.append(LeafGradEvent(
            uid=leaf.uid, before=None if before is None else np.array(before, copy=True),
            after=np.array(leaf._grad._data, copy=True), pass_index=tape.backward_calls - 1))


# --- the tape ----------------------------------------------------------------------------


def value_record(t) -> ValueRecord:
    fn = t.grad_fn
    return ValueRecord(uid=t.uid, shape=tuple(t._data.shape), dtype=f"torch.{t.dtype.name}",
                       value=np.array(t._data, copy=True), requires_grad=t.requires_grad,
                       is_leaf=fn is None, grad_fn=None if fn is None else type(fn).__name__)


def _plain(value):
    if isinstance(value, np.ndarray):
        return value.copy()
    if isinstance(value, np.dtype):
        return str(value)
    return value


def _record_inputs(values: dict, inputs) -> None:
    """Record inputs not seen yet, or seen before ``requires_grad_()`` changed them.

    An input changed in place since it was recorded (``w -= lr * w.grad`` under
    ``no_grad``, ``w.mul_(2)``: its version counter moved, or its recorded copy no longer
    matches, as after a ``.data`` write the counter does not see) is a new value: it gets a
    new uid, as an in-place op recorded in the graph gives it, so the graph draws the value
    each op really used and the old node keeps the old value. Only tensors without a
    ``grad_fn`` are split so: a new uid for a computed one would cut it from its producer.
    """
    for t in inputs:
        rec = values.get(t.uid)
        if rec is not None and t.grad_fn is None and _changed_in_place(rec, t):
            t.uid = new_uid()
            rec = None
        if rec is None or rec.requires_grad != t.requires_grad:
            values[t.uid] = value_record(t)
            t.__dict__["_taped"] = (t.uid, t._version)


def _changed_in_place(rec: ValueRecord, t) -> bool:
    taped = t.__dict__.get("_taped")
    if taped is not None and taped[0] == t.uid and taped[1] != t._version:
        return True
    data = t._data
    return rec.value.shape != data.shape or not np.array_equal(
        rec.value, data, equal_nan=data.dtype.kind in "fc")


def _record_op(tape, op, inputs, params, result) -> None:
    values = tape.values
    _record_inputs(values, inputs)
    values[result.uid] = value_record(result)
    index = len(tape.ops)
    tape.ops.append(OpRecord(index=index, op=op.name, grad_fn=op.grad_fn, label=op.label,
                             formula=op.formula, inputs=tuple(t.uid for t in inputs),
                             output=result.uid,
                             params={k: _plain(v) for k, v in params.items()}))
    if result.grad_fn is not None:
        result.grad_fn.record = (tape, index)


# ``detach()`` is no op-table entry (no gradient to check): the tape still shows it, as an
# op whose output is a new leaf, so the graph lab can draw the cut instead of a lone leaf.
DETACH = {"op": "detach", "grad_fn": "", "label": "✂ detach",
          "formula": "out = a ✂"}


def after_detach(source, result) -> None:
    """Record ``result = source.detach()``; ``source`` may be the ValueRecord of a tensor
    that ``detach_()`` has just cut (same object, new uid)."""
    tape = STATE.tape
    if tape is None:
        return
    values = tape.values
    if isinstance(source, ValueRecord):
        values.setdefault(source.uid, source)
    else:
        _record_inputs(values, (source,))
    values[result.uid] = value_record(result)
    tape.ops.append(OpRecord(index=len(tape.ops), op=DETACH["op"], grad_fn=DETACH["grad_fn"],
                             label=DETACH["label"], formula=DETACH["formula"],
                             inputs=(source.uid,), output=result.uid))
