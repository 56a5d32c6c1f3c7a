"""Plain records of what the engine did, for the graph lab (record first, draw later).

This module is the contract between ``engine`` (which fills a tape) and ``graph``
(which reads it). Records are frozen and hold numpy copies, never live tensors, so
nothing downstream can feed back into the engine.

Usage::

    with engine.record() as tape:          # tutor_app.engine.record
        y = 2 * torch.dot(x, x)
        y.backward()
    tape.values     # {uid: ValueRecord}   every tensor the ops touched, in creation order
    tape.ops        # [OpRecord]           one per op evaluated, in evaluation order
    tape.backward   # [BackwardEvent]      one per op visited by backward, in visiting order
    tape.leaf_grads # [LeafGradEvent]      one per leaf per backward() call
    # both carry ``pass_index``: 0 for the first backward() call in the block, 1 for the next…

Outside a ``record()`` block no record is made and recording costs nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np


@dataclass(frozen=True)
class ValueRecord:
    """A tensor as the graph lab shows it: a value node."""

    uid: int                      # engine-assigned, unique for the life of the process
    shape: tuple[int, ...]
    dtype: str                    # PyTorch spelling: "torch.float32"
    value: np.ndarray             # a copy, taken when the tensor was produced
    requires_grad: bool
    is_leaf: bool
    grad_fn: str | None           # "MulBackward0", or None for leaves


@dataclass(frozen=True)
class OpRecord:
    """One evaluated primitive: an op node between its inputs and its output."""

    index: int                    # position on the tape (0, 1, 2, ...)
    op: str                       # key in the op table, e.g. "mul"
    grad_fn: str                  # PyTorch class name, e.g. "MulBackward0"
    label: str                    # short node label, e.g. "×", "dot", "sum"
    formula: str                  # e.g. "out = a · b" (the same string the op's docstring has)
    inputs: tuple[int, ...]       # ValueRecord uids in argument order; duplicates kept (x * x)
    output: int                   # ValueRecord uid
    params: dict = field(default_factory=dict)  # non-tensor arguments: dim, keepdim, exponent...


@dataclass(frozen=True)
class BackwardEvent:
    """One step of reverse mode: an op receives its upstream gradient and sends products."""

    op_index: int                           # OpRecord.index
    upstream: np.ndarray                    # ∂L/∂out arriving at this op
    local: tuple[str, ...]                  # per input: the local derivative as text, "∂out/∂a = b"
    products: tuple[np.ndarray | None, ...]  # per input: the VJP before unbroadcast (None: no grad)
    reduced: tuple[np.ndarray | None, ...]  # per input: after unbroadcast (equal when no broadcast)
    reductions: tuple[tuple[tuple[int, ...], tuple[int, ...]] | None, ...]
    # per input: (shape before, shape after) when broadcasting forced a sum, else None
    pass_index: int = 0                     # which backward() call on this tape: 0, 1, 2...


@dataclass(frozen=True)
class LeafGradEvent:
    """A gradient accumulated into a leaf's ``.grad`` (shows accumulation across backwards)."""

    uid: int
    before: np.ndarray | None     # .grad before this backward (None if it was None)
    after: np.ndarray
    pass_index: int = 0           # which backward() call on this tape (as BackwardEvent's)


@dataclass
class Tape:
    """What one ``record()`` block saw. Mutable only while recording."""

    values: dict[int, ValueRecord] = field(default_factory=dict)
    ops: list[OpRecord] = field(default_factory=list)
    backward: list[BackwardEvent] = field(default_factory=list)
    leaf_grads: list[LeafGradEvent] = field(default_factory=list)
    backward_calls: int = 0       # backward() calls seen; events carry pass_index = call − 1
