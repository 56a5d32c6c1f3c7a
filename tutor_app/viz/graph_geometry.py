"""Shapes and edge paths of a drawn graph, in data units: pure numpy, computed once per graph.

Op glyphs grow with their label (``×`` a circle, ``tanh`` and ``log_softmax`` wider pills),
so a name never spills over its node. Edges that skip columns — a leaf reused by every
layer of a loop — are drawn as arcs whose bulge grows with each reuse, so they leave the
main chain and can be told apart; the others are straight. Every edge is a polyline of the
same number of points, so the collections and the region painter index them alike.
"""

from __future__ import annotations

import numpy as np
from matplotlib.patches import FancyBboxPatch
from matplotlib.path import Path

X_SPACING = 1.7          # data units between columns (the layout's unit grid is stretched)
Y_SPACING = 1.35         # between rows: a name above a box clears the gradient below the next
BOX_W, BOX_H = 0.9, 0.56
OP_R = 0.2
DUP_OFFSET = 0.09        # duplicate edges (x * x) drawn side by side
CURVE_POINTS = 12        # points per edge polyline
ARC_BASE, ARC_STEP, ARC_MAX = 0.5, 0.32, 2.6   # bulge of a column-skipping edge, per reuse


def op_text(node: dict) -> str:
    """The text drawn in an op's glyph: the op table's label, with the constant a power keeps
    as a parameter. ``x ** 3`` records no node for the 3, so a bare "^" would hide the
    exponent; the glyph reads "^3" (and ``2 ** x`` reads "2^")."""
    params = node.get("params") or {}
    if node.get("op") == "pow" and "exponent" in params:
        return f"^{params['exponent']:g}"
    if node.get("op") == "rpow" and "base" in params:
        return f"{params['base']:g}^"
    return node["label"]


def _is_symbol(label: str) -> bool:
    """``×``, ``@``, ``**``: drawn in a circle; a name (``mv``, ``exp``) gets a pill."""
    return len(label) <= 1 or (len(label) == 2 and not any(c.isalpha() for c in label))


def op_half_width(label: str) -> float:
    """Half the width of an op glyph: a circle for symbols, a pill for names."""
    n = len(label)
    return OP_R if _is_symbol(label) else 0.36 if n <= 5 else 0.5


def op_font_size(label: str, base: float) -> float:
    return base + 1 if _is_symbol(label) else base - 1 if len(label) <= 5 else base - 2.5


def op_path(label: str) -> Path:
    half = op_half_width(label)
    if half == OP_R:
        return Path.circle((0, 0), OP_R)
    return FancyBboxPatch((-half, -OP_R), 2 * half, 2 * OP_R,
                          boxstyle=f"round,pad=0,rounding_size={OP_R}").get_path()


def box_path() -> Path:
    return FancyBboxPatch((-BOX_W / 2, -BOX_H / 2), BOX_W, BOX_H,
                          boxstyle="round,pad=0,rounding_size=0.08").get_path()


def edge_paths(edges: list, pos: dict, half_width: dict) -> tuple[np.ndarray, np.ndarray]:
    """Polylines (E, CURVE_POINTS, 2) from border to border, and arrowheads (E, 3, 2).

    ``half_width[node]`` is how far the node's border is from its centre horizontally.
    """
    if not edges:
        return np.zeros((0, CURVE_POINTS, 2)), np.zeros((0, 3, 2))
    start = np.array([pos[u] for u, _, _ in edges], dtype=float)
    end = np.array([pos[v] for _, v, _ in edges], dtype=float)
    shift = np.zeros(len(edges))
    parallel: dict[tuple, list] = {}
    for i, (u, v, _key) in enumerate(edges):
        parallel.setdefault((u, v), []).append(i)
    for group in parallel.values():  # spread parallel edges (x * x) so both are visible
        for rank, i in enumerate(group):
            shift[i] = (rank - (len(group) - 1) / 2) * 2 * DUP_OFFSET
    start[:, 1] += shift
    end[:, 1] += shift
    start[:, 0] += [half_width[u] for u, _, _ in edges]
    end[:, 0] -= [half_width[v] for _, v, _ in edges]
    bulge = _bulges(edges, start, end)
    t = np.linspace(0.0, 1.0, CURVE_POINTS)[None, :, None]
    d = end - start
    length = np.maximum(np.hypot(d[:, 0], d[:, 1]), 1e-9)
    normal = np.column_stack([-d[:, 1], d[:, 0]]) / length[:, None]
    control = (start + end) / 2 + normal * (2 * bulge)[:, None]   # peak = bulge
    s, c, e = start[:, None, :], control[:, None, :], end[:, None, :]
    lines = (1 - t) ** 2 * s + 2 * (1 - t) * t * c + t ** 2 * e
    tip = lines[:, -1]
    back = lines[:, -2] - tip
    back /= np.maximum(np.hypot(back[:, 0], back[:, 1]), 1e-9)[:, None]
    n = np.column_stack([-back[:, 1], back[:, 0]])
    heads = np.stack([tip, tip + 0.09 * back + 0.04 * n, tip + 0.09 * back - 0.04 * n], axis=1)
    return lines, heads


def _bulges(edges: list, start: np.ndarray, end: np.ndarray) -> np.ndarray:
    """Signed bulge per edge: 0 for neighbours, growing arcs for edges that skip columns."""
    bulge = np.zeros(len(edges))
    rank: dict = {}
    for i, (u, _v, _k) in enumerate(edges):
        span = end[i, 0] - start[i, 0]
        if span <= X_SPACING * 1.6:
            continue
        r = rank.get(u, 0)
        rank[u] = r + 1
        size = min(ARC_BASE + ARC_STEP * r, ARC_MAX, 0.3 * span)
        # the normal of a left-to-right edge points up: bow away from the target's side
        bulge[i] = size if start[i, 1] >= end[i, 1] else -size
    return bulge
