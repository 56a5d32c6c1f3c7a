"""The op table's symbols renamed after the learner's variables in captions."""

from __future__ import annotations

import tutor_app.engine as torch
from tutor_app.graph.build import build_graph
from tutor_app.graph.symbols import expression, localise


def _graph(program):
    with torch.record() as tape:
        names = program()
    return build_graph(tape, names={t.uid: k for k, t in names.items()})


def test_squared_symbols_are_renamed_too():
    def program():
        x = torch.tensor([1.0, 2.0], requires_grad=True)
        y = torch.tensor([3.0, 4.0], requires_grad=True)
        return {"x": x, "y": y, "q": x / y}
    graph = _graph(program)
    op = next(n for n, d in graph.nodes(data=True) if d.get("op") == "div")
    assert localise(graph, op, "∂out/∂b = −a/b²") == "∂q/∂y = −x/y²"
    assert localise(graph, op, "∂out/∂a = 1/(1 + a²)") == "∂q/∂x = 1/(1 + x²)"
    assert localise(graph, op, "arccos a, abs(b)") == "arccos x, abs(y)"


def test_new_ops_read_well_in_captions():
    def program():
        a = torch.tensor([1.0, -2.0], requires_grad=True)
        b = torch.tensor([2.0, 1.0], requires_grad=True)
        return {"a": a, "b": b, "t": torch.atan2(a, b), "u": torch.acos(a / 4)}
    graph = _graph(program)
    atan2 = next(n for n, d in graph.nodes(data=True) if d.get("op") == "atan2")
    assert expression(graph, atan2) == "t = atan2(a, b)"
    local = torch.OPS["atan2"].local[0]
    assert localise(graph, atan2, local) == "∂t/∂a = b/(a² + b²)"


def test_superscripts_and_matrix_symbols_are_renamed():
    def program():
        a = torch.tensor([0.5, -1.0], requires_grad=True)
        W = torch.ones(2, 3, requires_grad=True)
        v = torch.ones(3)
        return {"h": a, "W": W, "v": v, "t": torch.tanh(a), "m": torch.mv(W, v),
                "M": W.T @ W}
    graph = _graph(program)
    tanh = next(n for n, d in graph.nodes(data=True) if d.get("op") == "tanh")
    assert localise(graph, tanh, torch.OPS["tanh"].local[0]) == "∂t/∂h = 1 − tanh²h"
    mv = next(n for n, d in graph.nodes(data=True) if d.get("op") == "mv")
    assert localise(graph, mv, "∂out/∂A = xᵀ (outer)") == "∂m/∂W = vᵀ (outer)"
    assert localise(graph, mv, "∂out/∂x = A") == "∂m/∂v = W"
    mm = next(n for n, d in graph.nodes(data=True) if d.get("op") in ("mm", "matmul"))
    local = localise(graph, mm, "∂out/∂B = Aᵀ (left)")
    assert local.startswith("∂M/∂W = ") and local.endswith("ᵀ (left)")
    assert "A" not in local and "B" not in local
