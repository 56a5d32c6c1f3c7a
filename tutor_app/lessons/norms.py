"""Lesson 7 logic: L1, L2, L∞ and Lp norms of a 2D vector, unit balls, Frobenius norms.

Every number shown comes from the engine (``tutor_app.engine``, PyTorch's API). numpy only
traces the outlines of the balls, which are pictures, not readouts.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

import tutor_app.engine as torch

INF = math.inf
# Slider positions for p; p < 1 is allowed so the learner sees why it is not a norm.
P_VALUES: tuple[float, ...] = (0.25, 0.33, 0.5, 0.67, 0.75, 1.0, 1.25, 1.5, 1.75, 2.0, 2.5,
                               3.0, 4.0, 5.0, 6.0, 8.0, 10.0, INF)
DEFAULT_P_INDEX = P_VALUES.index(3.0)


def p_at(index: int) -> float:
    """The p of slider position ``index`` (clamped)."""
    return P_VALUES[int(np.clip(index, 0, len(P_VALUES) - 1))]


def p_label(p: float) -> str:
    return "∞" if math.isinf(p) else f"{p:g}"


_SUBSCRIPTS = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")


def norm_name(p: float | str, style: str = "text", of: str = "v") -> str:
    """The name ‖v‖ₚ with p as a subscript, never ``||v||_3``.

    ``style``: ``"html"`` (``<sub>``, for rich-text labels), ``"math"`` (Matplotlib
    mathtext, for figures) or ``"text"`` (plain Unicode: subscript digits and ∞ where
    Unicode has them, ``‖v‖ (p = 0.5)`` where it has no subscript decimal point).
    """
    label = p if isinstance(p, str) else p_label(p)
    if style == "html":
        return f"‖{of}‖<sub>{label}</sub>"
    if style == "math":
        sub = r"\infty" if label == "∞" else label
        return rf"$\Vert {of} \Vert_{{{sub}}}$"
    if label.isdigit():
        return f"‖{of}‖{label.translate(_SUBSCRIPTS)}"
    return f"‖{of}‖∞" if label == "∞" else f"‖{of}‖ (p = {label})"


def is_norm(p: float) -> bool:
    """‖·‖_p is a norm only for p ≥ 1; below 1 the triangle inequality fails."""
    return p >= 1


def unit_ball(p: float, n: int = 401) -> np.ndarray:
    """Points (n, 2) on the boundary {x : ‖x‖_p = 1}, counter-clockwise, closed.

    Uses x = sgn(cos t)|cos t|^(2/p), y = sgn(sin t)|sin t|^(2/p), which satisfies
    |x|^p + |y|^p = cos²t + sin²t = 1; p = ∞ is the square.
    """
    if not p > 0:
        raise ValueError("p must be positive")
    t = np.linspace(0.0, 2 * np.pi, n)
    c, s = np.cos(t), np.sin(t)
    if math.isinf(p):
        scale = np.maximum(np.abs(c), np.abs(s))
        return np.column_stack([c / scale, s / scale])
    e = 2.0 / p
    return np.column_stack([np.sign(c) * np.abs(c) ** e, np.sign(s) * np.abs(s) ** e])


def lp_norm(v, p: float):
    """‖v‖_p with the engine: ``torch.linalg.norm(v, ord=p)`` for 1, 2, ∞, else the formula
    (Σ|vᵢ|^p)^(1/p), which is also what it computes for p < 1 (where it is not a norm)."""
    if p in (1.0, 2.0) or math.isinf(p):
        return torch.linalg.norm(v, ord=p)
    return (v.abs() ** p).sum() ** (1.0 / p)


@dataclass(frozen=True)
class VectorNorms:
    """The norms of one vector, as the engine computed them."""

    v: tuple[float, float]
    l1: float
    l2: float
    linf: float
    p: float
    lp: float


def vector_norms(v: tuple[float, float], p: float) -> VectorNorms:
    """‖v‖₁, ‖v‖₂, ‖v‖∞ and ‖v‖_p of a 2D vector."""
    t = torch.tensor([float(v[0]), float(v[1])])
    return VectorNorms((float(v[0]), float(v[1])), lp_norm(t, 1.0).item(),
                       lp_norm(t, 2.0).item(), lp_norm(t, INF).item(), p, lp_norm(t, p).item())


@dataclass(frozen=True)
class TriangleCheck:
    """‖u + w‖_p against ‖u‖_p + ‖w‖_p for u = (1, 0), w = (0, 1)."""

    p: float
    lhs: float          # ‖u + w‖_p = 2^(1/p)
    rhs: float          # ‖u‖_p + ‖w‖_p = 2
    holds: bool


def triangle_check(p: float) -> TriangleCheck:
    """The triangle inequality on the simplest pair; it fails exactly when p < 1."""
    u, w = torch.tensor([1.0, 0.0]), torch.tensor([0.0, 1.0])
    lhs = lp_norm(u + w, p).item()
    rhs = lp_norm(u, p).item() + lp_norm(w, p).item()
    return TriangleCheck(p, lhs, rhs, lhs <= rhs + 1e-6)


@dataclass(frozen=True)
class Frobenius:
    """‖M‖_F of an editable matrix: the engine's value and the formula's pieces."""

    shape: tuple[int, int]
    squares_sum: float         # Σ m_ij²
    norm: float                # torch.linalg.norm(M)
    printed: str               # as PyTorch prints it


def frobenius(values: list[list[float]]) -> Frobenius:
    """``torch.linalg.norm(M)`` (the Frobenius norm for a matrix) and Σ m_ij²."""
    M = torch.tensor(values, dtype=torch.float32)
    if len(M.shape) != 2:
        raise ValueError("the Frobenius norm here takes a matrix")
    norm = torch.linalg.norm(M)
    return Frobenius(tuple(M.shape), (M * M).sum().item(), norm.item(), repr(norm))


def parse_entry(text: str) -> float | None:
    """A matrix cell typed by the learner: a finite number, or None (rejected)."""
    try:
        value = float(text.strip())
    except ValueError:
        return None
    return value if math.isfinite(value) else None
