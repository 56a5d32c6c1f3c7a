"""Hand-written tapes (the engine's record contract, filled by hand) for graph tests."""

from __future__ import annotations

import numpy as np

from tutor_app.engine.tape import BackwardEvent, LeafGradEvent, OpRecord, Tape, ValueRecord


def _value(tape, uid, value, *, rg, leaf, grad_fn=None):
    value = np.asarray(value, dtype=np.float32)
    tape.values[uid] = ValueRecord(uid, value.shape, "torch.float32", value, rg, leaf, grad_fn)


def dot_tape(backwards: int = 1, zero_between: bool = False) -> Tape:
    """``x = arange(4.); y = 2 * torch.dot(x, x)`` then ``y.backward()`` ``backwards`` times."""
    tape = Tape()
    x = np.arange(4.0, dtype=np.float32)
    _value(tape, 1, x, rg=True, leaf=True)
    _value(tape, 2, 14.0, rg=True, leaf=False, grad_fn="DotBackward0")
    _value(tape, 3, 2.0, rg=False, leaf=True)
    _value(tape, 4, 28.0, rg=True, leaf=False, grad_fn="MulBackward0")
    tape.ops.append(OpRecord(0, "dot", "DotBackward0", "dot", "out = Σᵢ aᵢ bᵢ", (1, 1), 2))
    tape.ops.append(OpRecord(1, "mul", "MulBackward0", "×", "out = a · b", (3, 2), 4))
    grad = None
    for k in range(backwards):
        one, two = np.float32(1.0), np.float32(2.0)
        tape.backward.append(BackwardEvent(1, one, ("∂out/∂a = b", "∂out/∂b = a"),
                                           (None, two), (None, two), (None, None), k))
        tape.backward.append(BackwardEvent(0, two, ("∂out/∂a = b", "∂out/∂b = a"),
                                           (2 * x, 2 * x), (2 * x, 2 * x), (None, None), k))
        before = None if grad is None else (np.zeros(4, np.float32) if zero_between else grad)
        middle = 2 * x if before is None else before + 2 * x
        tape.leaf_grads.append(LeafGradEvent(1, before, middle, k))  # two events in one pass
        tape.leaf_grads.append(LeafGradEvent(1, middle, middle + 2 * x, k))  # span first..last
        grad = middle + 2 * x
    return tape


def broadcast_tape() -> Tape:
    """``A`` (2, 3) + ``b`` (3,) → ``s``; ``L = s.sum()``; ``L.backward()``."""
    tape = Tape()
    a = np.arange(6.0, dtype=np.float32).reshape(2, 3)
    b = np.array([1.0, 2.0, 3.0], np.float32)
    _value(tape, 10, a, rg=True, leaf=True)
    _value(tape, 11, b, rg=True, leaf=True)
    _value(tape, 12, a + b, rg=True, leaf=False, grad_fn="AddBackward0")
    _value(tape, 13, (a + b).sum(), rg=True, leaf=False, grad_fn="SumBackward0")
    tape.ops.append(OpRecord(0, "add", "AddBackward0", "+", "out = a + b", (10, 11), 12))
    tape.ops.append(OpRecord(1, "sum", "SumBackward0", "sum", "out = Σ a", (12,), 13))
    ones = np.ones((2, 3), np.float32)
    tape.backward.append(BackwardEvent(1, np.float32(1.0), ("∂out/∂a = 1",), (ones,), (ones,),
                                       (None,)))
    tape.backward.append(BackwardEvent(0, ones, ("∂out/∂a = 1", "∂out/∂b = 1"), (ones, ones),
                                       (ones, np.full(3, 2.0, np.float32)),
                                       (None, ((2, 3), (3,)))))
    tape.leaf_grads.append(LeafGradEvent(10, None, ones))
    tape.leaf_grads.append(LeafGradEvent(11, None, np.full(3, 2.0, np.float32)))
    return tape


def chain_tape(n_ops: int, width: int = 1) -> Tape:
    """A forward-only graph of ``n_ops`` ops: ``width`` chains of sin/mul mixing neighbours."""
    tape = Tape()
    uid = 0
    heads = []
    for _ in range(width):
        uid += 1
        _value(tape, uid, np.float32(0.5), rg=True, leaf=True)
        heads.append(uid)
    for i in range(n_ops):
        lane = i % width
        uid += 1
        other = heads[(lane + 1) % width]
        _value(tape, uid, np.float32(0.1 * i), rg=True, leaf=False, grad_fn="MulBackward0")
        tape.ops.append(OpRecord(i, "mul", "MulBackward0", "×", "out = a · b",
                                 (heads[lane], other), uid))
        heads[lane] = uid
    return tape
