"""Name the symbols of the op table's formulas after the learner's variables.

The op table writes formulas with ``a``, ``b`` for the arguments and ``out`` for the result
(``∂out/∂a = b``); captions read better as ``∂t1/∂x = x``. Substitution happens in one
pass, so a variable called ``b`` cannot be renamed twice.
"""

from __future__ import annotations

import re

import networkx as nx

from tutor_app.graph.build import op_inputs, op_output

INFIX = {"+", "-", "−", "×", "*", "/", "÷", "@", "**", "^", "·"}
# A symbol is not part of a longer word: no letter or digit (nor ".") right before or after
# it. Superscripts are not letters here: "tanh²a", "b²", "Aᵀ", "A⁻ᵀ" end or start a symbol.
_MARKS = "²³ᵀ⁻"
_SYMBOL = re.compile(rf"(?<![^\W{_MARKS}]|\.)(a|b|c|A|B|x|out)(?![^\W{_MARKS}]|\()")
MATRIX_SYMBOLS = ("A", "B", "x")


def _matrix_order(formula: str) -> list[str]:
    """The argument symbols of a matrix op's formula in argument order: ``out = A x`` →
    ``["A", "x"]``, ``out = xᵀ A`` → ``["x", "A"]``; empty for the other ops (a, b, c)."""
    rhs = formula.split("=", 1)[-1]
    order = [m.group(1) for m in _SYMBOL.finditer(rhs) if m.group(1) in MATRIX_SYMBOLS]
    return list(dict.fromkeys(order)) if {"A", "B"} & set(order) else []


def symbol_names(graph: nx.MultiDiGraph, op: object) -> dict[str, str]:
    """``{"a": "x", "b": "x", "out": "t1"}`` for ``op`` (``A``, ``B``, ``x`` for mm, mv…)."""
    names = {"out": graph.nodes[op_output(graph, op)]["name"]}
    args = [graph.nodes[node]["name"] for node, _ in op_inputs(graph, op)]
    for arg, symbol in zip(args, ("a", "b", "c"), strict=False):
        names[symbol] = arg
    for arg, symbol in zip(args, _matrix_order(graph.nodes[op].get("formula", "")),
                           strict=False):
        names[symbol] = arg
    return names


def localise(graph: nx.MultiDiGraph, op: object, text: str) -> str:
    """``text`` with the table's symbols replaced by the variables of ``op``."""
    names = symbol_names(graph, op)
    return _SYMBOL.sub(lambda m: names.get(m.group(1), m.group(1)), text)


def _param_text(params: dict) -> str:
    return ", ".join(f"{k}={v}" for k, v in params.items())


def expression(graph: nx.MultiDiGraph, op: object) -> str:
    """``t1 = x × x`` or ``t2 = sum(t1, dim=0)``."""
    d = graph.nodes[op]
    out = graph.nodes[op_output(graph, op)]["name"]
    args = [graph.nodes[n]["name"] for n, _ in op_inputs(graph, op)]
    label = d["label"]
    if d["op"] == "detach":
        return f"{out} = {args[0]}.detach()"
    if d["op"] == "pow" and set(d["params"]) == {"exponent"}:  # x ** 3: the exponent is no node
        return f"{out} = {args[0]} ** {d['params']['exponent']:g}"
    if label in INFIX and len(args) == 2 and not d["params"]:
        return f"{out} = {args[0]} {label} {args[1]}"
    inner = ", ".join(args + ([_param_text(d["params"])] if d["params"] else []))
    return f"{out} = {label}({inner})"
