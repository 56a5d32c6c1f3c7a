"""Lesson 13 — forward vs reverse accumulation, measured by the engine's own counters.

The function: ``n`` scalar inputs, ``h = Σ sin(xᵢ)``, ``depth`` layers ``h = tanh(0.9 h)``,
then ``m`` outputs ``yⱼ = (j + 1) h``. The full Jacobian is computed both ways:

- forward mode: one ``jvp`` pass per input (tangent eᵢ), nothing kept for later;
- reverse mode: one forward pass that stores what backward needs, then one ``backward``
  per output.

The notes swap the two modes' costs; the counters below show which is which.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

import tutor_app.engine as torch
from tutor_app.graph.build import build_graph
from tutor_app.graph.forward_mode import forward_mode_timeline
from tutor_app.graph.frames import Timeline, build_timeline

SIZES = (1, 2, 4, 8, 16)
DEPTHS = (1, 4, 16, 64)


def function(xs, m: int, depth: int) -> tuple:
    """The lesson's f: Rⁿ → Rᵐ (also returns nothing else: intermediates stay internal)."""
    h = torch.sin(xs[0])
    for x in xs[1:]:
        h = h + torch.sin(x)
    for _ in range(depth):
        h = torch.tanh(h * 0.9)
    return tuple(h * (j + 1.0) for j in range(m))


def inputs(n: int) -> list:
    return [torch.tensor(0.3 * i + 0.1, dtype=torch.float64) for i in range(n)]


@dataclass(frozen=True)
class Costs:
    """What one mode cost for the full Jacobian of f at (n, m, depth)."""

    mode: str
    n: int
    m: int
    depth: int
    passes: int
    ops_evaluated: int
    peak_live_intermediates: int
    jacobian: np.ndarray


def forward_costs(n: int, m: int, depth: int = 1) -> Costs:
    """Forward mode: one jvp per input; column i of the Jacobian per pass."""
    xs = inputs(n)
    jac = np.zeros((m, n))
    with torch.counters() as c:
        for i in range(n):
            tangents = tuple(torch.tensor(float(i == k), dtype=torch.float64) for k in range(n))
            _, tan = torch.jvp(lambda *a: function(a, m, depth), tuple(xs), tangents)
            jac[:, i] = [t.item() for t in tan]
    return Costs("forward", n, m, depth, c.passes, c.ops_evaluated,
                 c.peak_live_intermediates, jac)


def reverse_costs(n: int, m: int, depth: int = 1) -> Costs:
    """Reverse mode: one forward pass (intermediates stored), then one backward per output."""
    xs = [x.requires_grad_(True) for x in inputs(n)]
    jac = np.zeros((m, n))
    with torch.counters() as c:
        ys = function(xs, m, depth)
        for j, y in enumerate(ys):
            for x in xs:
                x.grad = None
            y.backward(retain_graph=j < m - 1)
            jac[j] = [x.grad.item() for x in xs]
        del ys
    return Costs("reverse", n, m, depth, c.passes, c.ops_evaluated,
                 c.peak_live_intermediates, jac)


def sweep(vary: str, values=None) -> list[tuple[Costs, Costs]]:
    """(forward, reverse) costs as ``vary`` ("n", "m" or "depth") grows, the others at 1."""
    values = values or (DEPTHS if vary == "depth" else SIZES)
    rows = []
    for v in values:
        kw = {"n": 1, "m": 1, "depth": 1, vary: v}
        rows.append((forward_costs(**kw), reverse_costs(**kw)))
    return rows


@dataclass(frozen=True)
class SideBySide:
    """The same small graph played in forward mode and in reverse mode."""

    graph: object
    forward: Timeline
    reverse: Timeline


def side_by_side(n: int = 2, m: int = 2, depth: int = 1) -> SideBySide:
    """Record f once (reverse, with m backward passes) and run it in forward mode (n passes)."""
    xs = [x.requires_grad_(True) for x in inputs(n)]
    with torch.record() as tape:
        ys = function(xs, m, depth)
        for j, y in enumerate(ys):
            for x in xs:  # each pass gives one row of the Jacobian, not a running sum
                x.grad = None
            y.backward(retain_graph=j < m - 1)
    names = {x.uid: f"x{i + 1}" for i, x in enumerate(xs)}
    names.update({y.uid: f"y{j + 1}" for j, y in enumerate(ys)})
    graph = build_graph(tape, names=names)
    reverse = build_timeline(graph, tape)
    tangents = []
    order = [op.output for op in tape.ops]
    for i in range(n):
        seed = tuple(torch.tensor(float(i == k), dtype=torch.float64) for k in range(n))
        plain = [x.detach() for x in xs]
        _, tan = torch.jvp(lambda *a: _all_intermediates(a, m, depth), tuple(plain), seed)
        tangents.append({uid: t.numpy() for uid, t in zip(order, tan, strict=True)})
    leaves = [x.uid for x in xs]
    forward = forward_mode_timeline(graph, leaves, tangents)
    return SideBySide(graph, forward, reverse)


def _all_intermediates(xs, m: int, depth: int) -> tuple:
    """f again, returning every op's result in evaluation order (the tape's order)."""
    out = []

    def keep(t):
        out.append(t)
        return t

    s0 = keep(torch.sin(xs[0]))
    h = s0
    for x in xs[1:]:
        s = keep(torch.sin(x))
        h = keep(h + s)
    for _ in range(depth):
        h = keep(torch.tanh(keep(h * 0.9)))
    for j in range(m):
        keep(h * (j + 1.0))
    return tuple(out)
