"""Lesson 12 — three ways to differentiate the same function, and how many digits agree.

- symbolic: the derivative formula, assembled by the chain rule from the op table's own
  local-derivative strings (``∂out/∂a = cos a`` …) along the recorded ops;
- numerical: forward and central differences over a sweep of h, whose error against the
  exact value has the truncation/round-off valley;
- automatic: the engine's reverse mode (``y.backward()``), frames for the graph player.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import numpy as np

import tutor_app.engine as torch
from tutor_app.engine.ops import OPS
from tutor_app.engine.tape import Tape
from tutor_app.graph.build import build_graph
from tutor_app.graph.frames import Timeline, build_timeline

FUNCTIONS = {
    "cubic": ("x³ − 2x", lambda x: x ** 3 - 2 * x),
    "sin_exp": ("sin(x) · exp(x)", lambda x: torch.sin(x) * torch.exp(x)),
    "log_square": ("log(1 + x²)", lambda x: torch.log(1 + x * x)),
}
H_VALUES = np.logspace(-15, -1, 57)

# The value of each op's local derivatives (numpy mirrors of the op table's strings).
LOCAL_VALUES = {
    "add": (lambda a, b, p: 1.0, lambda a, b, p: 1.0),
    "sub": (lambda a, b, p: 1.0, lambda a, b, p: -1.0),
    "rsub": (lambda a, b, p: 1.0, lambda a, b, p: -1.0),
    "mul": (lambda a, b, p: b, lambda a, b, p: a),
    "div": (lambda a, b, p: 1 / b, lambda a, b, p: -a / b ** 2),
    "neg": (lambda a, b, p: -1.0,),
    "pow": (lambda a, b, p: p["exponent"] * a ** (p["exponent"] - 1),),
    "exp": (lambda a, b, p: math.exp(a),),
    "log": (lambda a, b, p: 1 / a,),
    "sin": (lambda a, b, p: math.cos(a),),
    "cos": (lambda a, b, p: -math.sin(a),),
}
_SYMBOL = re.compile(r"(?<![\w.])(a|b|n)(?![\w(])")


def _x(value: float, requires_grad: bool = False):
    t = torch.from_numpy(np.array(float(value), dtype=np.float64))  # exact float64 x
    return t.requires_grad_(True) if requires_grad else t


def evaluate(key: str, x: float) -> float:
    """f(x) in float64 through the engine."""
    return FUNCTIONS[key][1](_x(x)).item()


@dataclass(frozen=True)
class SymbolicStep:
    """One recorded op on the way to f'(x): the chain rule applied once."""

    op: str                     # the op table's name (pow, mul, sin …)
    expression: str             # what this node computes, in x
    local: tuple[str, ...]      # the op table's local derivatives, ∂out/∂a = …
    derivative: str             # d(this node)/dx so far: Σ local · d(input)/dx
    value: float                # that derivative at x


@dataclass(frozen=True)
class Symbolic:
    formula: str                # f'(x) assembled from the op table
    steps: tuple[str, ...]      # one line per op: what it computes and its local derivative
    value: float                # the formula evaluated at x
    rows: tuple[SymbolicStep, ...] = ()   # the same steps, structured, with d/dx so far


def _paren(s: str) -> str:
    return f"({s})" if any(c in s for c in " +−") and not (s[0] == "(" and s[-1] == ")") else s


def _term(local: str, d: str) -> str | None:
    if d == "0":
        return None
    if local == "1":
        return d
    if local == "−1":
        return "−" + _paren(d)
    if d == "1":
        return local
    return f"{_paren(local)}·{_paren(d)}"


def _join(terms: list[str]) -> str:
    if not terms:
        return "0"
    text = " + ".join(terms)
    return text.replace("+ −", "− ")


def _substitute(text: str, names: dict[str, str]) -> str:
    out = _SYMBOL.sub(lambda m: _paren(names.get(m.group(1), m.group(1))), text)
    return re.sub(r"\((\d+)−1\)", lambda m: str(int(m.group(1)) - 1), out)  # n−1 with n known


def symbolic(key: str, x: float) -> Symbolic:
    """Walk the recorded ops in order, building f and f' as text and f'(x) as a number."""
    xt = _x(x, requires_grad=True)
    with torch.record() as tape:
        FUNCTIONS[key][1](xt)
    expr: dict[int, str] = {xt.uid: "x"}
    deriv: dict[int, str] = {xt.uid: "1"}
    dval: dict[int, float] = {xt.uid: 1.0}
    steps, rows = [], []
    for op in tape.ops:
        for uid in op.inputs:
            if uid not in expr:  # a constant the engine wrapped
                expr[uid] = f"{float(tape.values[uid].value):g}"
                deriv[uid], dval[uid] = "0", 0.0
        args = [expr[u] for u in op.inputs]
        names = dict(zip("ab", args, strict=False))
        if "exponent" in op.params:
            names["n"] = f"{op.params['exponent']:g}"
        rhs = op.formula.split("=", 1)[1].strip()
        expr[op.output] = _substitute(rhs, names)
        locals_text = [_substitute(loc.split("=", 1)[1].strip(), names)
                       for loc in OPS[op.op].local]
        deriv[op.output] = _join([t for t in (_term(loc, deriv[u]) for loc, u in
                                              zip(locals_text, op.inputs, strict=False)) if t])
        vals = [float(tape.values[u].value) for u in op.inputs] + [0.0]
        rules = LOCAL_VALUES[op.op]
        dval[op.output] = sum(rule(vals[0], vals[1], op.params) * dval[u]
                              for rule, u in zip(rules, op.inputs, strict=False))
        steps.append(f"{expr[op.output]}    [{op.op}: " + ", ".join(OPS[op.op].local) + "]")
        rows.append(SymbolicStep(op.op, expr[op.output], tuple(OPS[op.op].local),
                                 deriv[op.output], dval[op.output]))
    last = tape.ops[-1].output
    return Symbolic(deriv[last], tuple(steps), dval[last], tuple(rows))


@dataclass(frozen=True)
class Numerical:
    h: np.ndarray
    forward: np.ndarray         # (f(x+h) − f(x)) / h
    central: np.ndarray         # (f(x+h) − f(x−h)) / 2h


def numerical(key: str, x: float, h: np.ndarray = H_VALUES) -> Numerical:
    fx = evaluate(key, x)
    plus = np.array([evaluate(key, x + s) for s in h])
    minus = np.array([evaluate(key, x - s) for s in h])
    return Numerical(h, (plus - fx) / h, (plus - minus) / (2 * h))


@dataclass(frozen=True)
class Automatic:
    value: float
    tape: Tape
    graph: object
    timeline: Timeline


def automatic(key: str, x: float) -> Automatic:
    """``y.backward()`` on the engine, recorded so the graph player can step it."""
    xt = _x(x, requires_grad=True)
    with torch.record() as tape:
        y = FUNCTIONS[key][1](xt)
        y.backward()
    graph = build_graph(tape, output=y.uid, names={xt.uid: "x", y.uid: "y"})
    return Automatic(xt.grad.item(), tape, graph, build_timeline(graph, tape))


def digits(value: float, exact: float) -> float:
    """How many significant digits ``value`` shares with ``exact`` (16 = all of float64)."""
    if value == exact:
        return 16.0
    scale = abs(exact) if exact != 0 else 1.0
    return float(min(16.0, max(0.0, -math.log10(abs(value - exact) / scale))))


def _running_median(values: np.ndarray, width: int = 5) -> np.ndarray:
    padded = np.pad(values, width // 2, mode="edge")
    windows = np.lib.stride_tricks.sliding_window_view(padded, width)
    return np.median(windows, axis=1)


@dataclass(frozen=True)
class Comparison:
    symbolic: Symbolic
    numerical: Numerical
    automatic: Automatic
    forward_error: np.ndarray
    central_error: np.ndarray
    best_h: dict[str, float]
    best_value: dict[str, float]


def compare(key: str, x: float) -> Comparison:
    """All three at ``x``; errors of the differences are measured against the symbolic value."""
    sym, num, auto = symbolic(key, x), numerical(key, x), automatic(key, x)
    fe, ce = np.abs(num.forward - sym.value), np.abs(num.central - sym.value)
    # The bottom of the valley, not a lucky round-off dip: minimise a 5-point running median.
    i, j = int(np.argmin(_running_median(fe))), int(np.argmin(_running_median(ce)))
    return Comparison(sym, num, auto, fe, ce, {"forward": float(num.h[i]),
                                                "central": float(num.h[j])},
                      {"forward": float(num.forward[i]), "central": float(num.central[j])})
