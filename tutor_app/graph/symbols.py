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
# a symbol is not part of a longer word; a superscript after it (b², a³) still ends it
_SYMBOL = re.compile(r"(?<![\w.])(a|b|c|out)(?![^\W²³]|\()")


def symbol_names(graph: nx.MultiDiGraph, op: object) -> dict[str, str]:
    """``{"a": "x", "b": "x", "out": "t1"}`` for ``op``."""
    names = {"out": graph.nodes[op_output(graph, op)]["name"]}
    for (node, _), symbol in zip(op_inputs(graph, op), ("a", "b", "c"), strict=False):
        names[symbol] = graph.nodes[node]["name"]
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
