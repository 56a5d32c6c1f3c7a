"""THE op table: one entry per primitive.

An entry holds the forward (numpy in, numpy out), one VJP per input, the JVP, and the
label, formula and local derivatives the graph lab shows. Tensor methods and operators
are one-line calls into this table, and backward and forward mode both walk it.

Conventions in the rules: ``g`` is the upstream gradient (shaped like the output), ``out``
the forward output, ``args`` the input arrays, ``p`` the op's non-tensor parameters. A VJP
returns the product *before* broadcasting is undone; the backward loop calls
``unbroadcast`` once for every input. A JVP maps one input's tangent ``t`` to its
contribution to the output's tangent (shapes broadcast by the caller).

This module holds the elementwise entries; reductions, shape ops and linear algebra are
registered into the same table by ``ops_reduce``, ``ops_shape`` and ``ops_linalg``.
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
                 "recorded_vjp", "backward_name")

    def __init__(self, name, grad_fn, label, formula, forward, vjps, jvps, jvp, local,
                 reads, float_result, may_warn, promotes, samples, domain, variadic,
                 twice=True, recorded_vjp=None, backward_name=None):
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


def _parse_reads(declared: str) -> tuple[bool, frozenset]:
    """``"out b"`` → (True, {1}): the saved values one VJP reads, by name."""
    words = declared.split()
    unknown = [w for w in words if w != "out" and w not in _INPUT_NAMES]
    if unknown:
        raise ValueError(f"reads: unknown names {unknown} (use out, a, b, …)")
    return "out" in words, frozenset(_INPUT_NAMES.index(w) for w in words if w != "out")


def register(name: str, grad_fn: str, label: str, formula: str, forward: Callable,
             vjps: Sequence[Callable] | Each, *, reads: Sequence[str],
             jvps: Sequence[Callable] | None = None,
             jvp: Callable | None = None, local: Sequence[str] = (),
             float_result: bool = False, may_warn: bool = False, promotes: bool = False,
             samples: Sequence[tuple] = (), domain: str = "real",
             variadic: bool = False, twice: bool = True, recorded_vjp: str | None = None,
             backward_name: str | None = None) -> Op:
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
    """
    n_rules = 1 if isinstance(vjps, Each) else len(vjps)
    if len(reads) != n_rules:
        raise ValueError(f"{name}: reads declares {len(reads)} VJPs, the entry has {n_rules}")
    entry = Op(name, grad_fn, label, formula, forward, vjps, vjps if jvps is None else jvps,
               jvp, tuple(local), tuple(_parse_reads(r) for r in reads), float_result,
               may_warn, promotes, tuple(samples), domain, variadic, twice, recorded_vjp,
               backward_name)
    OPS[name] = entry
    return entry


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


def _u(d):  # samples with params {} for unary shapes
    return [(s, d) for s in UNARY_SAMPLES]


_B = [(s, {}) for s in BINARY_SAMPLES]

# --- binary arithmetic -------------------------------------------------------------------
register("add", "AddBackward0", "+", "out = a + b", np.add,
         (passes, passes),
         local=("∂out/∂a = 1", "∂out/∂b = 1"), promotes=True, samples=_B,
         reads=("", ""))
register("sub", "SubBackward0", "−", "out = a − b", np.subtract,
         (passes, negates),
         local=("∂out/∂a = 1", "∂out/∂b = −1"), promotes=True, samples=_B,
         reads=("", ""))
register("rsub", "RsubBackward1", "−", "out = a − b", np.subtract,
         (passes, negates),
         local=("∂out/∂a = 1", "∂out/∂b = −1"), promotes=True, samples=_B,
         reads=("", ""))
register("mul", "MulBackward0", "×", "out = a · b", np.multiply,
         (lambda g, out, a, p: g * a[1], lambda g, out, a, p: g * a[0]),
         local=("∂out/∂a = b", "∂out/∂b = a"), promotes=True, samples=_B,
         reads=("b", "a"))
def _div_vjp_b(g, out, a, p):
    t = g * out  # −g·out/b with a single full-size temporary (this array can be large)
    t /= -a[1]
    return t


register("div", "DivBackward0", "÷", "out = a / b", np.true_divide,
         (lambda g, out, a, p: g / a[1], _div_vjp_b),
         local=("∂out/∂a = 1/b", "∂out/∂b = −a/b²"), float_result=True, may_warn=True,
         promotes=True, samples=_B, domain="away_from_zero",
         reads=("b", "out b"))
# PyTorch evaluates ``2 / x`` as ``2 * x.reciprocal()`` and so names it MulBackward0.
register("rdiv", "MulBackward0", "÷", "out = a / b", np.true_divide,
         (lambda g, out, a, p: g / a[1], _div_vjp_b),
         local=("∂out/∂a = 1/b", "∂out/∂b = −a/b²"), float_result=True, may_warn=True,
         promotes=True, samples=_B, domain="away_from_zero",
         reads=("b", "out b"))
def _share_ties(g, wins, ties):
    """The gradient of max/min: all of it where an input wins, half of it on a tie (as
    PyTorch splits it)."""
    return np.where(ties, g * 0.5, np.where(wins, g, 0))  # 0, not −0, where it loses


register("maximum", "MaximumBackward0", "max", "out = max(a, b)", np.maximum,
         (lambda g, out, a, p: _share_ties(g, a[0] > a[1], a[0] == a[1]),
          lambda g, out, a, p: _share_ties(g, a[1] > a[0], a[0] == a[1])),
         local=("∂out/∂a = [a > b] + ½[a = b]", "∂out/∂b = [b > a] + ½[a = b]"),
         promotes=True, samples=_B, domain="distinct", reads=("a b", "a b"))
register("minimum", "MinimumBackward0", "min", "out = min(a, b)", np.minimum,
         (lambda g, out, a, p: _share_ties(g, a[0] < a[1], a[0] == a[1]),
          lambda g, out, a, p: _share_ties(g, a[1] < a[0], a[0] == a[1])),
         local=("∂out/∂a = [a < b] + ½[a = b]", "∂out/∂b = [b < a] + ½[a = b]"),
         promotes=True, samples=_B, domain="distinct", reads=("a b", "a b"))


_pow_forward = rounded_once(np.power)


register("pow_tensor", "PowBackward1", "^", "out = a ** b", _pow_forward,
         (lambda g, out, a, p: g * a[1] * np.power(a[0], a[1] - 1),
          lambda g, out, a, p: g * out * np.log(a[0])),
         local=("∂out/∂a = b·a^(b−1)", "∂out/∂b = a^b·ln a"), float_result=False,
         may_warn=True, promotes=True, samples=_B, domain="positive",
         reads=("a b", "out a"))
register("where", "WhereBackward0", "where", "out = where(cond, a, b)",
         lambda a, b, cond: np.where(cond, a, b),
         (lambda g, out, a, p: np.where(p["cond"], g, 0),
          lambda g, out, a, p: np.where(p["cond"], 0, g)),
         local=("∂out/∂a = [cond]", "∂out/∂b = [not cond]"), promotes=True,
         samples=[(((2, 3), (2, 3)), {"cond": np.array([[True, False, True]] * 2)}),
                  (((3,), ()), {"cond": np.array([False, True, True])})],
         reads=("", ""), backward_name="WhereBackward0")

# --- unary elementwise -------------------------------------------------------------------
# ``1 - x`` with a Python 1 takes numpy's slow weak-scalar path (~2x a plain ufunc on small
# arrays); a 0-d one of x's dtype gives the same bits at the plain cost (W1 runs this a lot).
_ONE = {np.dtype(t): np.ones((), t) for t in (np.float16, np.float32, np.float64)}
register("neg", "NegBackward0", "−", "out = −a", np.negative,
         (negates,), local=("∂out/∂a = −1",), samples=_u({}),
         reads=("",))
# Exponents PyTorch computes by multiplication, division or a square root (same digits).
_EXACT_POWERS = {2: lambda a: a * a, 3: lambda a: a * a * a, -1: lambda a: 1 / a,
                 -2: lambda a: 1 / (a * a), 0.5: np.sqrt, -0.5: lambda a: 1 / np.sqrt(a)}
_rounded_power = rounded_once(np.power)


def _power(a, exponent):
    if a.__class__ is np.ndarray and a.dtype in _NARROW:
        exact = _EXACT_POWERS.get(exponent)
        if exact is not None:
            return exact(a).astype(a.dtype, copy=False)
        return _rounded_power(a, exponent)
    return np.power(a, exponent)


register("pow", "PowBackward0", "^", "out = a ** n",
         lambda a, exponent: _power(a, exponent),
         (lambda g, out, a, p: g * (p["exponent"] * _power(a[0], p["exponent"] - 1)),),
         local=("∂out/∂a = n·a^(n−1)",), may_warn=True,
         samples=_u({"exponent": 2}) + _u({"exponent": 3}) + _u({"exponent": 0.5}),
         domain="positive",
         reads=("a",))
register("rpow", "PowBackward2", "^", "out = c ** a",
         rounded_once(lambda a, base: np.power(base, a)),
         (lambda g, out, a, p: g * (out * math.log(p["base"])),),
         local=("∂out/∂a = c^a·ln c",), may_warn=True,
         samples=_u({"base": 2.0}),
         reads=("out",))
# The VJPs use PyTorch's float32 digits too (cos in sin's VJP, …).
_sin, _cos = rounded_once(np.sin), rounded_once(np.cos)
register("exp", "ExpBackward0", "exp", "out = exp(a)", rounded_once(np.exp),
         (lambda g, out, a, p: g * out,), local=("∂out/∂a = exp(a)",), float_result=True,
         may_warn=True, samples=_u({}),
         reads=("out",))
register("log", "LogBackward0", "log", "out = ln a", rounded_once(np.log),
         (lambda g, out, a, p: g / a[0],), local=("∂out/∂a = 1/a",), float_result=True,
         may_warn=True, samples=_u({}), domain="positive",
         reads=("a",))
register("sin", "SinBackward0", "sin", "out = sin a", rounded_once(np.sin),
         (lambda g, out, a, p: g * _cos(a[0]),), local=("∂out/∂a = cos a",),
         float_result=True, samples=_u({}),
         reads=("a",))
register("cos", "CosBackward0", "cos", "out = cos a", rounded_once(np.cos),
         (lambda g, out, a, p: g * -_sin(a[0]),), local=("∂out/∂a = −sin a",),
         float_result=True, samples=_u({}),
         reads=("a",))
def one_minus_square(y):
    """1 − y² rounded once for float32 (PyTorch's tanh backward uses a fused multiply-add:
    near |y| = 1 the two roundings of float32 1 − y·y lose digits that print)."""
    if y.dtype in _NARROW:
        return (1 - np.square(y.astype(_WIDE))).astype(y.dtype)
    return 1 - y * y


register("tanh", "TanhBackward0", "tanh", "out = tanh a", rounded_once(np.tanh),
         (lambda g, out, a, p: g * one_minus_square(out),),
         local=("∂out/∂a = 1 − tanh²a",),
         float_result=True, samples=_u({}),
         reads=("out",), recorded_vjp="tanh_backward")


def _sigmoid(a):
    if a.dtype.kind == "f" and a.dtype.itemsize < 8:
        # PyTorch's float32 formula: 1 / (1 + exp(−a)), its exp correctly rounded; exp(−a)
        # overflows to inf for a ≪ 0 and gives 0, as in PyTorch (may_warn: no warning)
        e = np.exp(-a.astype(_WIDE)).astype(a.dtype)
        one = _ONE[a.dtype]
        return one / (one + e)
    # exp(-logaddexp(0, -a)) never overflows, so no warning on large |a| (PyTorch prints none)
    return np.exp(-np.logaddexp(0, -a))


register("sigmoid", "SigmoidBackward0", "σ", "out = 1 / (1 + exp(−a))", _sigmoid,
         # PyTorch's order of the float32 products: (g · (1 − σ)) · σ
         (lambda g, out, a, p: g * (_ONE.get(out.dtype, 1) - out) * out,),
         local=("∂out/∂a = σ(a)(1 − σ(a))",),
         float_result=True, may_warn=True, samples=_u({}),
         reads=("out",), recorded_vjp="sigmoid_backward")
register("relu", "ReluBackward0", "relu", "out = max(a, 0)",
         lambda a: np.maximum(a, 0).astype(a.dtype, copy=False),
         (lambda g, out, a, p: np.where(out > 0, g, 0),), local=("∂out/∂a = [a > 0]",),
         samples=_u({}), domain="away_from_zero",
         reads=("out",), recorded_vjp="threshold_backward")
register("abs", "AbsBackward0", "|·|", "out = |a|", np.abs,
         (lambda g, out, a, p: g * np.sign(a[0]),), local=("∂out/∂a = sign a",),
         samples=_u({}), domain="away_from_zero",
         reads=("a",))
register("sqrt", "SqrtBackward0", "√", "out = √a", np.sqrt,
         (lambda g, out, a, p: g / (2 * out),), local=("∂out/∂a = 1/(2√a)",),
         float_result=True, may_warn=True, samples=_u({}), domain="positive",
         reads=("out",))
register("clamp", "ClampBackward1", "clamp", "out = min(max(a, lo), hi)",
         lambda a, min, max: np.clip(a, min, max),  # noqa: A006
         (lambda g, out, a, p: np.where(_inside(a[0], p["min"], p["max"]), g, 0),),
         local=("∂out/∂a = [lo ≤ a ≤ hi]",),
         samples=_u({"min": -0.5, "max": 0.5}) + _u({"min": 0.1, "max": None}),
         domain="away_from_bounds",
         reads=("a",))


def _inside(a, lo, hi):
    mask = np.ones(a.shape, dtype=bool)
    if lo is not None:
        mask &= a >= lo
    if hi is not None:
        mask &= a <= hi
    return mask


register("to_copy", "ToCopyBackward0", "to", "out = a (new dtype)",
         lambda a, dtype: a.astype(dtype),
         (passes,), local=("∂out/∂a = 1",),
         samples=_u({"dtype": np.float64}),
         reads=("",))
# ``backward(create_graph=True)`` copies the first gradient into a leaf's ``.grad``.
register("copy_grad", "CopyBackwards", "copy", "out = a (into .grad)", lambda a: a.copy(),
         (passes,), local=("∂out/∂a = 1",), samples=_u({}), reads=("",))
register("clone", "CloneBackward0", "clone", "out = a (copy)", lambda a: a.copy(),
         (passes,), local=("∂out/∂a = 1",), samples=_u({}),
         reads=("",))

from . import ops_backward, ops_linalg, ops_math, ops_reduce, ops_shape  # noqa: E402,F401
