"""The op table's elementwise entries (arithmetic, powers, exp/log, trig, activations).

The table's machinery is in ``ops_table``; the other entries are in ``ops_math``,
``ops_reduce``, ``ops_shape``, ``ops_linalg`` and ``ops_backward``. Importing this module
imports them all, so ``OPS`` here is the whole table.
"""

from __future__ import annotations

import math

import numpy as np

from . import ops_backward, ops_linalg, ops_math, ops_reduce, ops_shape  # noqa: F401
from .ops_table import (  # noqa: F401  (OPS and the helpers, for the modules using them)
    _NARROW,
    _ONE,
    _WIDE,
    BINARY_SAMPLES,
    OPS,
    UNARY_SAMPLES,
    Each,
    Op,
    negates,
    one_minus_square,
    passes,
    register,
    rounded_once,
)


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
def _where_size(shapes, p):
    return math.prod(np.broadcast_shapes(*shapes, p["cond"].shape)), 0


register("where", "WhereBackward0", "where", "out = where(cond, a, b)",
         lambda a, b, cond: np.where(cond, a, b),
         (lambda g, out, a, p: np.where(p["cond"], g, 0),
          lambda g, out, a, p: np.where(p["cond"], 0, g)),
         local=("∂out/∂a = [cond]", "∂out/∂b = [not cond]"), promotes=True,
         samples=[(((2, 3), (2, 3)), {"cond": np.array([[True, False, True]] * 2)}),
                  (((3,), ()), {"cond": np.array([False, True, True])})],
         reads=("", ""), size=_where_size, backward_name="WhereBackward0")

# --- unary elementwise -------------------------------------------------------------------
register("neg", "NegBackward0", "−", "out = −a", np.negative,
         (negates,), local=("∂out/∂a = −1",), samples=_u({}),
         reads=("",))
# Exponents PyTorch computes by multiplication, division or a square root (same digits).
_EXACT_POWERS = {2: lambda a: a * a, 3: lambda a: a * a * a, -1: lambda a: 1 / a,
                 -2: lambda a: 1 / (a * a), 0.5: np.sqrt, -0.5: lambda a: 1 / np.sqrt(a)}
_rounded_power = rounded_once(np.power)


def _power(a, exponent):
    if (isinstance(exponent, int) and exponent < 0 and a.__class__ is np.ndarray
            and a.dtype.kind in "iu"):
        raise RuntimeError("Integers to negative integer powers are not allowed.")
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
# sin's and cos's VJPs keep NumPy's float32 cos/sin: at most 1 ulp off PyTorch's, which no
# printed gradient showed over 5,000 random inputs, and they are W1's per-op cost.
register("exp", "ExpBackward0", "exp", "out = exp(a)", rounded_once(np.exp),
         (lambda g, out, a, p: g * out,), local=("∂out/∂a = exp(a)",), float_result=True,
         may_warn=True, samples=_u({}),
         reads=("out",))
register("log", "LogBackward0", "log", "out = ln a", rounded_once(np.log),
         (lambda g, out, a, p: g / a[0],), local=("∂out/∂a = 1/a",), float_result=True,
         may_warn=True, samples=_u({}), domain="positive",
         reads=("a",))
register("sin", "SinBackward0", "sin", "out = sin a", rounded_once(np.sin),
         (lambda g, out, a, p: g * np.cos(a[0]),), local=("∂out/∂a = cos a",),
         float_result=True, samples=_u({}),
         reads=("a",))
register("cos", "CosBackward0", "cos", "out = cos a", rounded_once(np.cos),
         (lambda g, out, a, p: g * -np.sin(a[0]),), local=("∂out/∂a = −sin a",),
         float_result=True, samples=_u({}),
         reads=("a",))
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
# Integer dtypes of a float's width: a float's bits as integers of the same size.
_BITS = {2: np.dtype(np.int16), 4: np.dtype(np.int32), 8: np.dtype(np.int64)}


def _where_positive(g, out):
    """``g`` where ``out > 0``, else +0: PyTorch's ReLU gradient (threshold_backward), which
    gives 0, never −0 and never NaN, where the input was ≤ 0, whatever ``g`` holds there.
    ``np.where(out > 0, g, 0)`` computes that at three times the cost of a multiply (W3's
    (64, 256) ReLU); multiplying ``g``'s bits, read as integers, by the 0/1 mask keeps them
    or clears them to +0 in one integer multiply, with the same result bit for bit."""
    g = np.asarray(g)
    dtype = g.dtype
    bits = _BITS.get(dtype.itemsize) if dtype.kind == "f" else None
    if bits is None:  # not a float of a usual width: the general form
        return np.where(out > 0, g, 0)
    return np.asarray(g.view(bits) * (out > 0)).view(dtype)


register("relu", "ReluBackward0", "relu", "out = max(a, 0)",
         lambda a: np.maximum(a, 0).astype(a.dtype, copy=False),
         (lambda g, out, a, p: _where_positive(g, out),), local=("∂out/∂a = [a > 0]",),
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
