"""The op table's machinery: ``Op``, ``OPS``, ``register`` — and nothing registered here.

An entry holds the forward (numpy in, numpy out), one VJP per input, the JVP, the saved
values its VJPs read, and the label, formula and local derivatives the graph lab shows.
Tensor methods and operators are one-line calls into the table; backward and forward mode
both walk it. The entries live in ``ops`` (elementwise), ``ops_math``, ``ops_reduce``,
``ops_shape``, ``ops_linalg`` and ``ops_backward``, each of which imports only this module:
the floor the rest of the engine stands on (it imports numpy and nothing of ours).

Conventions in the rules: ``g`` is the upstream gradient (shaped like the output), ``out``
the forward output, ``args`` the input arrays, ``p`` the op's non-tensor parameters. A VJP
returns the product *before* broadcasting is undone; the backward loop calls
``unbroadcast`` once for every input. A JVP maps one input's tangent ``t`` to its
contribution to the output's tangent (shapes broadcast by the caller).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence

import numpy as np


class Op:
    """One primitive. ``node_cls`` is the grad_fn class named as PyTorch names it."""

    __slots__ = ("name", "grad_fn", "label", "formula", "forward", "vjps", "jvps", "jvp",
                 "local", "saves", "float_result", "may_warn", "promotes", "samples",
                 "domain", "node_cls", "variadic", "out_only", "reads", "twice",
                 "recorded_vjp", "backward_name", "size")

    def __init__(self, name, grad_fn, label, formula, forward, vjps, jvps, jvp, local,
                 reads, float_result, may_warn, promotes, samples, domain, variadic,
                 twice=True, recorded_vjp=None, backward_name=None, size=None):
        self.name = name
        self.grad_fn = grad_fn
        self.label = label
        self.formula = formula
        self.forward = forward
        self.vjps = vjps
        self.jvps = jvps
        self.jvp = jvp
        self.local = local
        self.reads = reads  # per VJP: (reads out?, indices of the inputs it reads)
        # Saved for backward: the inputs' arrays when some VJP reads a value (``args``
        # otherwise holds the input shapes); only ``out`` when no VJP reads an input.
        self.saves = any(out or idx for out, idx in reads)
        self.out_only = self.saves and not any(idx for _, idx in reads)
        self.float_result = float_result
        self.may_warn = may_warn
        self.promotes = promotes
        self.samples = samples
        self.domain = domain
        self.variadic = variadic
        self.twice = twice  # its VJP can be recorded (create_graph): derivatives of order ≥ 2
        # create_graph: the entry (inputs g, out) that computes this VJP as one node, as
        # PyTorch records tanh's as TanhBackwardBackward0 …
        self.recorded_vjp = recorded_vjp
        # … and the grad_fn name of the recorded VJP of an entry that saves nothing
        # (sum's is ExpandBackward0); default: PyTorch's "<Name>BackwardBackward0"
        self.backward_name = backward_name or re.sub(r"Backward\d*$", "", grad_fn) + \
            "BackwardBackward0"
        self.node_cls = None  # set by autograd when the grad_fn classes are made
        # (input shapes, params) → (output elements, multiply-adds): how big the result
        # will be, asked before the forward runs (the sandbox's budgets); see output_size
        self.size = size

    def __repr__(self) -> str:
        return f"<op {self.name}: {self.formula}>"


OPS: dict[str, Op] = {}


class Each:
    """VJPs (or JVPs) of a variadic op: one rule that also receives the input's position."""

    __slots__ = ("rule",)

    def __init__(self, rule: Callable) -> None:
        self.rule = rule

    def __getitem__(self, i: int) -> Callable:
        rule = self.rule
        return lambda g, out, args, p: rule(g, out, args, p, i)


_INPUT_NAMES = "abcdefgh"
# "all": every input, however many a variadic op gets (einsum's operand i reads the others);
# an index past the node's inputs is skipped where the set is used (versions.check)
_EVERY_INPUT = frozenset(range(64))


def _parse_reads(declared: str) -> tuple[bool, frozenset]:
    """``"out b"`` → (True, {1}): the saved values one VJP reads, by name."""
    words = declared.split()
    if "all" in words:
        return "out" in words, _EVERY_INPUT
    unknown = [w for w in words if w != "out" and w not in _INPUT_NAMES]
    if unknown:
        raise ValueError(f"reads: unknown names {unknown} (use out, a, b, …, or all)")
    return "out" in words, frozenset(_INPUT_NAMES.index(w) for w in words if w != "out")


def register(name: str, grad_fn: str, label: str, formula: str, forward: Callable,
             vjps: Sequence[Callable] | Each, *, reads: Sequence[str],
             jvps: Sequence[Callable] | None = None,
             jvp: Callable | None = None, local: Sequence[str] = (),
             float_result: bool = False, may_warn: bool = False, promotes: bool = False,
             samples: Sequence[tuple] = (), domain: str = "real",
             variadic: bool = False, twice: bool = True, recorded_vjp: str | None = None,
             backward_name: str | None = None, size: Callable | None = None) -> Op:
    """Add one primitive to the table.

    ``jvps`` defaults to ``vjps``: for an elementwise rule ``g * f'(x)`` is also ``t * f'(x)``.
    ``reads`` declares, one string per VJP (one for all inputs of a variadic op), the
    saved values that VJP reads: ``"out"`` and the inputs by position ``"a"``, ``"b"`` …
    (``"out b"``, or ``""`` for none). Reading an input's shape or dtype does not count.
    It decides what a node keeps alive and what the in-place check (versions.py) guards:
    data written next to the rule, never guessed from its code.
    ``samples`` lists ``(inputs, params)`` that the gradient check runs, each input a shape
    (drawn at random from ``domain``: "real", "positive", "away_from_zero", "distinct",
    "away_from_bounds", "invertible") or an explicit array. ``twice=False``: the VJP
    cannot be recorded with ``create_graph`` (no second derivative). ``recorded_vjp`` and
    ``backward_name``: how a recorded backward pass names this entry's VJP (see Op).
    ``size(shapes, params) -> (elements, multiply-adds)``: how big the output will be,
    for an entry whose output can outgrow its inputs broadcast together (products,
    joins, ``expand``); the default, ``output_size``'s, is right for every other entry.
    """
    n_rules = 1 if isinstance(vjps, Each) else len(vjps)
    if len(reads) != n_rules:
        raise ValueError(f"{name}: reads declares {len(reads)} VJPs, the entry has {n_rules}")
    entry = Op(name, grad_fn, label, formula, forward, vjps, vjps if jvps is None else jvps,
               jvp, tuple(local), tuple(_parse_reads(r) for r in reads), float_result,
               may_warn, promotes, tuple(samples), domain, variadic, twice, recorded_vjp,
               backward_name, size)
    OPS[name] = entry
    return entry


def output_size(op: Op, shapes: tuple, params: dict) -> tuple[int, int]:
    """(elements, multiply-adds) of ``op``'s output for inputs of these shapes, before it
    is computed: the entry's own ``size`` rule, else the inputs broadcast together (or
    the largest input, when they do not broadcast: reductions, views and indexing never
    make more than that)."""
    if op.size is not None:
        return op.size(shapes, params)
    try:
        return math.prod(np.broadcast_shapes(*shapes)), 0
    except ValueError:
        return max(math.prod(s) for s in shapes), 0


def matmul_size(a: tuple, b: tuple) -> tuple[int, int]:
    """(elements, multiply-adds) of ``a @ b`` for shapes that multiply (1-D operands as
    ``torch.matmul`` reads them)."""
    a2 = a if len(a) > 1 else (1, *a)
    b2 = b if len(b) > 1 else (*b, 1)
    batch = np.broadcast_shapes(a2[:-2], b2[:-2])
    out = math.prod(batch) * a2[-2] * b2[-1]
    return out, out * a2[-1]


# --- float32 digits as PyTorch prints them -----------------------------------------------
_WIDE = np.dtype(np.float64)
_NARROW = (np.dtype(np.float32), np.dtype(np.float16))


def rounded_once(fn: Callable) -> Callable:
    """``fn`` on float32 (or float16) arrays computed in float64 and rounded once.

    NumPy's float32 kernels for exp, log, sin … are fast approximations that are often one
    unit in the last place off; PyTorch's are nearly always the correctly rounded value, so
    a printed float32 result can differ in its fourth digit (D2L: ``torch.exp`` of a float32
    12 prints 162754.7969, NumPy's float32 exp gives 162754.7812). Float64 has enough spare
    digits that rounding its result once gives the correctly rounded float32.
    Entries whose float32 result can overflow (exp(100.) is inf) are ``may_warn``: the
    engine silences NumPy's warning around their forward, as PyTorch prints none.
    """
    f32 = _NARROW[0]

    def forward(a, *rest, **params):
        if a.__class__ is not np.ndarray:  # a Tensor in a recorded backward (interop.py)
            return fn(a, *rest, **params)
        dtype = a.dtype
        if dtype is f32 and not rest and not params:  # the hot case: one float32 array
            return fn(a.astype(_WIDE)).astype(f32)
        if dtype in _NARROW:
            return fn(a.astype(_WIDE), *[np.asarray(r, _WIDE) for r in rest],
                      **params).astype(dtype)
        return fn(a, *rest, **params)
    forward.__name__ = getattr(fn, "__name__", "forward")
    forward.__doc__ = rounded_once.__doc__
    forward.wide = fn  # the hot path (core.fast_unary) calls it directly on float32
    return forward


def passes(g, out, args, p):
    """The VJP that hands ``g`` on unchanged (``+``, copies, ``expand`` before unbroadcast).
    Named, so that a recorded backward pass (create_graph) adds no node for it."""
    return g


def negates(g, out, args, p):
    """The VJP ``−g`` (the second operand of ``−``)."""
    return -g


# Shapes every binary elementwise entry is checked on: scalar, vector, matrix, broadcasts.
BINARY_SAMPLES = [((), ()), ((3,), (3,)), ((2, 3), (2, 3)), ((1, 3), (2, 3)), ((2, 3), (3,)),
                  ((2, 1), (1, 3)), ((), (2, 3))]
UNARY_SAMPLES = [((),), ((3,),), ((2, 3),)]


# ``1 - x`` with a Python 1 takes numpy's slow weak-scalar path (~2x a plain ufunc on small
# arrays); a 0-d one of x's dtype gives the same bits at the plain cost (W1 runs this a lot).
_ONE = {np.dtype(t): np.ones((), t) for t in (np.float16, np.float32, np.float64)}
_ONE_WIDE = _ONE[_WIDE]


def one_minus_square(y):
    """1 − y² rounded once for float32 (PyTorch's tanh backward uses a fused multiply-add:
    near |y| = 1 the two roundings of float32 1 − y·y lose digits that print)."""
    if y.dtype in _NARROW:  # a 0-d one, not a Python 1: NumPy's weak-scalar path is slow
        return (_ONE_WIDE - np.square(y.astype(_WIDE))).astype(y.dtype)
    return 1 - y * y
