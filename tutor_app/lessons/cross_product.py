"""Lesson 5 logic: the cross product as an oriented area (3D) and the signed area det[v w] (2D).

Every number comes from the engine (float64): ``torch.linalg.cross``, ``torch.linalg.norm``,
``torch.linalg.det``, ``torch.dot``. Parallel (or zero) vectors are a normal case with a note,
never a division by zero.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import tutor_app.engine as torch
from tutor_app.lessons.dot_projection import fmt, fmt_vec

# |v × w| ≤ tol·|v||w| (sin θ ≤ 1e-6, θ < 0.0001°) counts as parallel: far below the digits
# shown, and above the rounding of inputs like 0.1 or 0.3 that have no exact binary form.
PARALLEL_TOL = 1e-6

PRESETS_3D: dict[str, tuple[tuple[float, float, float], tuple[float, float, float]]] = {
    "preset_xy": ((1.0, 0.0, 0.0), (0.0, 1.0, 0.0)),
    "preset_general": ((2.0, 0.5, 0.5), (0.5, 2.0, 1.0)),
    "preset_steep": ((1.5, -1.0, 1.0), (0.0, 2.0, 1.5)),
    "preset_parallel": ((1.0, 1.0, 0.5), (-2.0, -2.0, -1.0)),
}


def _vec(values: Sequence[float]):
    return torch.tensor([float(x) for x in values], dtype=torch.float64)


@dataclass(frozen=True)
class Cross3D:
    """v, w, v × w and the three equal readings of the parallelogram's area."""

    v: tuple[float, float, float]
    w: tuple[float, float, float]
    cross: tuple[float, float, float]
    area: float              # |v × w|
    norms_sin: float         # |v| |w| sin θ
    det_with_normal: float   # det[v, w, n̂], n̂ the unit normal along v × w (0 if parallel)
    theta_deg: float | None  # None if v or w is zero
    parallel: bool

    @property
    def note(self) -> str | None:
        return "parallel_note" if self.parallel else None


@dataclass(frozen=True)
class SignedArea2D:
    v: tuple[float, float]
    w: tuple[float, float]
    det: float               # det[v w], v and w as columns
    orientation: str         # "ccw", "cw" or "parallel"
    cross_z: float = 0.0     # z of (v₁, v₂, 0) × (w₁, w₂, 0): the same number, seen in 3D

    @property
    def colour_key(self) -> str:
        return {"ccw": "positive", "cw": "negative"}.get(self.orientation, "zero")


def cross_3d(v: Sequence[float], w: Sequence[float]) -> Cross3D:
    """v × w with its length, |v||w| sin θ and det[v, w, n̂], all from the engine."""
    if len(v) != 3 or len(w) != 3:
        raise ValueError("the cross product needs two 3-component vectors")
    vt, wt = _vec(v), _vec(w)
    ct = torch.linalg.cross(vt, wt)
    area = torch.linalg.norm(ct).item()
    norm_v, norm_w = torch.linalg.norm(vt).item(), torch.linalg.norm(wt).item()
    parallel = area <= PARALLEL_TOL * max(norm_v * norm_w, 1e-300)
    theta = theta_t = None
    if norm_v > 0 and norm_w > 0:
        # atan2(|v × w|, v·w) stays accurate near 0° and 180°, where acos(cos θ) does not.
        theta_t = torch.atan2(torch.linalg.norm(ct), torch.dot(vt, wt))
        theta = theta_t.item()
    norms_sin = 0.0 if theta_t is None else (
        torch.linalg.norm(vt) * torch.linalg.norm(wt) * torch.sin(theta_t)).item()
    # The third column: the unit normal (or any unit vector when v, w span no plane; the
    # determinant is 0 then whatever it is, and computing it shows that).
    normal = ct / torch.linalg.norm(ct) if not parallel else _vec((0.0, 0.0, 1.0))
    det = torch.linalg.det(torch.stack([vt, wt, normal], dim=1)).item()
    cross = tuple(float(x) for x in ct.tolist())
    if parallel:
        # What is left is rounding of inputs like 0.1 (no exact binary form): report the exact
        # 0 it stands for, so no stray sign or hair-thin arrow appears.
        area = norms_sin = det = 0.0
        cross = (0.0, 0.0, 0.0)
    return Cross3D(tuple(float(x) for x in v), tuple(float(x) for x in w), cross,
                   area, norms_sin, det,
                   None if theta is None else math.degrees(theta), parallel)


def signed_area_2d(v: Sequence[float], w: Sequence[float]) -> SignedArea2D:
    """det[v w] (v and w as columns): positive when w lies counter-clockwise of v."""
    if len(v) != 2 or len(w) != 2:
        raise ValueError("the signed area needs two 2-component vectors")
    vt, wt = _vec(v), _vec(w)
    det = torch.linalg.det(torch.stack([vt, wt], dim=1)).item()
    scale = max(torch.linalg.norm(vt).item() * torch.linalg.norm(wt).item(), 1e-300)
    cross_z = torch.linalg.cross(_vec((*v, 0.0)), _vec((*w, 0.0)))[2].item()
    if abs(det) <= PARALLEL_TOL * scale:
        orientation, det, cross_z = "parallel", 0.0, 0.0
    else:
        orientation = "ccw" if det > 0 else "cw"
    return SignedArea2D(tuple(float(x) for x in v), tuple(float(x) for x in w), det, orientation,
                        cross_z)


def readout_3d(c: Cross3D, t: Callable[[str], str]) -> list[str]:
    theta = "—" if c.theta_deg is None else f"{fmt(c.theta_deg, 1)}°"
    lines = [
        f"v × w = {fmt_vec(c.cross)}",
        f"{t('area')} = |v × w| = {fmt(c.area)}",
        f"|v| |w| sin θ = {fmt(c.norms_sin)}    (θ = {theta})",
        f"det[v  w  n̂] = {fmt(c.det_with_normal)}",
    ]
    if c.note:
        lines.append(t(c.note))
    return lines


def figure_info_3d(c: Cross3D, t: Callable[[str], str]) -> str:
    text = f"v × w = {fmt_vec(c.cross)}\n{t('area')} = |v × w| = {fmt(c.area)}"
    return text + ("\n" + t("parallel_short") if c.parallel else "")


def readout_2d(s: SignedArea2D, t: Callable[[str], str]) -> list[str]:
    return [
        f"det[v w] = {fmt(s.v[0])}·{fmt(s.w[1])} − {fmt(s.v[1])}·{fmt(s.w[0])} = {fmt(s.det)}",
        f"{t('area')} = |det| = {fmt(abs(s.det))}",
        f"(v₁, v₂, 0) × (w₁, w₂, 0) = (0, 0, {fmt(s.cross_z)})",
        t("orientation_" + s.orientation),
    ]


def figure_info_2d(s: SignedArea2D, t: Callable[[str], str]) -> str:
    return f"det[v w] = {fmt(s.det)}\n{t('orientation_' + s.orientation)}"
