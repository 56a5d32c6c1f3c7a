"""More elementwise entries of the op table: inverse trig, hyperbolic, logs, rounding.

Same conventions as ``ops``. Rounding ops (``sign``, ``floor``, ``ceil``, ``round``) are
piecewise constant: PyTorch gives them a grad_fn and a zero gradient, and so do we. The
inverse sine and cosine are checked on explicit samples inside (−1, 1).
"""

from __future__ import annotations

import math

import numpy as np

from .ops_table import BINARY_SAMPLES, UNARY_SAMPLES, register, rounded_once

_LN2, _LN10 = math.log(2.0), math.log(10.0)
_sinh, _cosh = rounded_once(np.sinh), rounded_once(np.cosh)


def _u(d=None):
    return [(s, d or {}) for s in UNARY_SAMPLES]


# inside (−1, 1) and away from its ends, where the derivative blows up
_UNIT = [((np.array(0.3),), {}), ((np.array([-0.6, 0.1, 0.7]),), {}),
         ((np.array([[0.5, -0.2, 0.0], [-0.8, 0.35, 0.6]]),), {})]


def _zero(g, out, a, p):
    return np.zeros_like(g)


def _keep_int(fn):
    """A rounding forward that leaves integer tensors as they are (PyTorch keeps the dtype)."""
    return lambda a: fn(a) if a.dtype.kind == "f" else a.copy()


# --- inverse trigonometric ---------------------------------------------------------------
register("acos", "AcosBackward0", "acos", "out = arccos a", rounded_once(np.arccos),
         (lambda g, out, a, p: g * -(1 / np.sqrt(-(a[0] * a[0]) + 1)),),
         local=("∂out/∂a = −1/√(1 − a²)",), float_result=True, may_warn=True, samples=_UNIT,
         reads=("a",))
register("asin", "AsinBackward0", "asin", "out = arcsin a", rounded_once(np.arcsin),
         (lambda g, out, a, p: g * (1 / np.sqrt(-(a[0] * a[0]) + 1)),),
         local=("∂out/∂a = 1/√(1 − a²)",), float_result=True, may_warn=True, samples=_UNIT,
         reads=("a",))
register("atan", "AtanBackward0", "atan", "out = arctan a", rounded_once(np.arctan),
         (lambda g, out, a, p: g / (1 + a[0] * a[0]),),
         local=("∂out/∂a = 1/(1 + a²)",), float_result=True, samples=_u(),
         reads=("a",))


def _atan2_vjp_a(g, out, a, p):
    return g * a[1] / (a[0] * a[0] + a[1] * a[1])


def _atan2_vjp_b(g, out, a, p):
    return -g * a[0] / (a[0] * a[0] + a[1] * a[1])


register("atan2", "Atan2Backward0", "atan2", "out = atan2(a, b)", rounded_once(np.arctan2),
         (_atan2_vjp_a, _atan2_vjp_b),
         local=("∂out/∂a = b/(a² + b²)", "∂out/∂b = −a/(a² + b²)"), float_result=True,
         may_warn=True, promotes=True, samples=[(s, {}) for s in BINARY_SAMPLES],
         domain="away_from_zero",
         reads=("a b", "a b"))

# --- hyperbolic --------------------------------------------------------------------------
register("sinh", "SinhBackward0", "sinh", "out = sinh a", rounded_once(np.sinh),
         (lambda g, out, a, p: g * _cosh(a[0]),), local=("∂out/∂a = cosh a",),
         float_result=True, may_warn=True, samples=_u(),
         reads=("a",))
register("cosh", "CoshBackward0", "cosh", "out = cosh a", rounded_once(np.cosh),
         (lambda g, out, a, p: g * _sinh(a[0]),), local=("∂out/∂a = sinh a",),
         float_result=True, may_warn=True, samples=_u(),
         reads=("a",))

# --- logarithms and exponentials ---------------------------------------------------------
register("log2", "Log2Backward0", "log₂", "out = log₂ a", rounded_once(np.log2),
         (lambda g, out, a, p: g / (a[0] * _LN2),), local=("∂out/∂a = 1/(a ln 2)",),
         float_result=True, may_warn=True, samples=_u(), domain="positive",
         reads=("a",))
register("log10", "Log10Backward0", "log₁₀", "out = log₁₀ a", rounded_once(np.log10),
         (lambda g, out, a, p: g / (a[0] * _LN10),), local=("∂out/∂a = 1/(a ln 10)",),
         float_result=True, may_warn=True, samples=_u(), domain="positive",
         reads=("a",))
register("log1p", "Log1PBackward0", "log1p", "out = ln(1 + a)", rounded_once(np.log1p),
         (lambda g, out, a, p: g / (1 + a[0]),), local=("∂out/∂a = 1/(1 + a)",),
         float_result=True, may_warn=True, samples=_u(), domain="positive",
         reads=("a",))
register("expm1", "Expm1Backward0", "expm1", "out = exp(a) − 1", rounded_once(np.expm1),
         (lambda g, out, a, p: g * (out + 1),), local=("∂out/∂a = exp(a)",),
         float_result=True, may_warn=True, samples=_u(),
         reads=("out",))
register("reciprocal", "ReciprocalBackward0", "1/·", "out = 1 / a", np.reciprocal,
         (lambda g, out, a, p: -g * (out * out),), local=("∂out/∂a = −1/a²",),
         float_result=True, may_warn=True, samples=_u(), domain="away_from_zero",
         reads=("out",))


def _rsqrt(a):
    return 1 / np.sqrt(a)


register("rsqrt", "RsqrtBackward0", "1/√", "out = 1 / √a", _rsqrt,
         (lambda g, out, a, p: -0.5 * g * (out * out * out),),
         local=("∂out/∂a = −1/(2a√a)",),
         float_result=True, may_warn=True, samples=_u(), domain="positive",
         reads=("out",))

# --- piecewise constant: a grad_fn, a zero gradient --------------------------------------
def _sign(a):
    if a.dtype.kind == "b":  # numpy has no sign for bools; PyTorch returns them as they are
        return a.copy()
    return np.sign(a) + a.dtype.type(0)  # + 0 turns −0 into 0, as PyTorch prints it


register("sign", "SignBackward0", "sign", "out = sign a", _sign,
         (_zero,), local=("∂out/∂a = 0",), samples=_u(), domain="away_from_zero",
         reads=("",))
register("floor", "FloorBackward0", "⌊·⌋", "out = ⌊a⌋", _keep_int(np.floor),
         (_zero,), local=("∂out/∂a = 0",), samples=_u(),
         reads=("",))
register("ceil", "CeilBackward0", "⌈·⌉", "out = ⌈a⌉", _keep_int(np.ceil),
         (_zero,), local=("∂out/∂a = 0",), samples=_u(),
         reads=("",))
register("round", "RoundBackward0", "round", "out = round(a)", _keep_int(np.round),
         (_zero,), local=("∂out/∂a = 0",), samples=_u(),
         reads=("",))
register("round_decimals", "RoundBackward1", "round", "out = round(a, decimals)",
         lambda a, decimals: np.round(a, decimals) if a.dtype.kind == "f" else a.copy(),
         (_zero,), local=("∂out/∂a = 0",), samples=_u({"decimals": 2}),
         reads=("",))

# --- tangent, powers of two, angle units -------------------------------------------------
register("tan", "TanBackward0", "tan", "out = tan a", rounded_once(np.tan),
         (lambda g, out, a, p: g * (out * out + 1),), local=("∂out/∂a = 1 + tan² a",),
         float_result=True, may_warn=True, samples=_UNIT,
         reads=("out",))
register("exp2", "Exp2Backward0", "2^·", "out = 2^a", rounded_once(np.exp2),
         (lambda g, out, a, p: g * out * _LN2,), local=("∂out/∂a = 2^a ln 2",),
         float_result=True, may_warn=True, samples=_u(),
         reads=("out",))
_DEGREES = 180.0 / math.pi
register("rad2deg", "Rad2DegBackward0", "rad→deg", "out = a · 180/π",
         lambda a: a * a.dtype.type(_DEGREES),
         (lambda g, out, a, p: g * _DEGREES,), local=("∂out/∂a = 180/π",),
         float_result=True, samples=_u(),
         reads=("",))
register("deg2rad", "Deg2RadBackward0", "deg→rad", "out = a · π/180",
         lambda a: a * a.dtype.type(1 / _DEGREES),
         (lambda g, out, a, p: g / _DEGREES,), local=("∂out/∂a = π/180",),
         float_result=True, samples=_u(),
         reads=("",))

# --- the error function (NumPy has none; math.erf element by element, rounded once) -------
_erf_each = np.vectorize(math.erf, otypes=[np.float64])
_TWO_OVER_ROOT_PI = 2.0 / math.sqrt(math.pi)
register("erf", "ErfBackward0", "erf", "out = (2/√π) ∫₀ᵃ e^(−t²) dt", rounded_once(_erf_each),
         (lambda g, out, a, p: g * (np.exp(-(a[0] * a[0])) * _TWO_OVER_ROOT_PI),),
         local=("∂out/∂a = (2/√π) e^(−a²)",), float_result=True, samples=_u(),
         reads=("a",))
