"""Lesson 4 logic: the dot product as a projection, in 2D and 3D.

Every number the panel shows is computed here with the engine (``tutor_app.engine``,
PyTorch-style, float64 so the readouts agree with numpy to the last digit shown).
Degenerate inputs never produce NaN: a zero vector gives ``None`` for the undefined
quantities and a note key the panel translates.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import tutor_app.engine as torch

ZERO_NORM = 1e-12     # below this a vector counts as the zero vector
RIGHT_ANGLE_COS = 1e-6  # |cos θ| below this (θ within 0.0001° of 90°) is a right angle

ACUTE, RIGHT, OBTUSE, UNDEFINED = "acute", "right", "obtuse", "undefined"

PRESETS_3D: dict[str, tuple[tuple[float, float, float], tuple[float, float, float]]] = {
    "preset_acute": ((2.5, 0.5, 1.0), (0.5, 2.5, 0.5)),
    "preset_right": ((1.0, 1.0, 0.0), (-1.0, 1.0, 2.0)),
    "preset_obtuse": ((2.0, 0.5, 1.0), (-1.5, 1.0, -0.5)),
    "preset_parallel": ((1.0, 2.0, 1.0), (2.0, 4.0, 2.0)),
    "preset_zero_w": ((1.0, 2.0, 1.0), (0.0, 0.0, 0.0)),
}


@dataclass(frozen=True)
class DotProjection:
    """v, w and everything the lesson reads off them; ``None`` where undefined."""

    v: tuple[float, ...]
    w: tuple[float, ...]
    dot: float
    norm_v: float
    norm_w: float
    cos_theta: float | None
    theta_deg: float | None
    norms_cos: float | None          # |v| |w| cos θ, recomputed from θ
    scalar_projection: float | None  # v·w / |w|, the signed length of the shadow
    projection: tuple[float, ...] | None   # (v·w / w·w) w, the foot point
    perpendicular: tuple[float, ...] | None  # v − projection
    kind: str                        # ACUTE, RIGHT, OBTUSE or UNDEFINED
    note: str | None                 # lesson-string key explaining an undefined case
    perpendicular_dot: float | None = None   # (v − projection)·w, 0 up to rounding

    @property
    def colour_key(self) -> str:
        """The palette field for the sign of v·w."""
        return {ACUTE: "positive", RIGHT: "zero", OBTUSE: "negative"}.get(self.kind, "muted")


def _vec(values: Sequence[float]):
    return torch.tensor([float(x) for x in values], dtype=torch.float64)


def _tuple(t) -> tuple[float, ...]:
    return tuple(float(x) for x in t.tolist())


def project(v: Sequence[float], w: Sequence[float]) -> DotProjection:
    """The projection of ``v`` onto ``w`` with θ, v·w and |v||w|cos θ, from the engine."""
    if len(v) != len(w) or len(v) not in (2, 3):
        raise ValueError("v and w must both have 2 or 3 components")
    vt, wt = _vec(v), _vec(w)
    dot = torch.dot(vt, wt).item()
    norm_v = torch.linalg.norm(vt).item()
    norm_w = torch.linalg.norm(wt).item()
    v_t, w_t = tuple(float(x) for x in v), tuple(float(x) for x in w)
    if norm_w < ZERO_NORM:
        return DotProjection(v_t, w_t, dot, norm_v, norm_w, None, None, None, None, None, None,
                             UNDEFINED, "zero_w")
    w_dot_w = torch.dot(wt, wt)
    proj_t = (torch.dot(vt, wt) / w_dot_w) * wt
    projection, perpendicular = _tuple(proj_t), _tuple(vt - proj_t)
    perpendicular_dot = torch.dot(vt - proj_t, wt).item()
    scalar_projection = dot / norm_w
    if norm_v < ZERO_NORM:
        return DotProjection(v_t, w_t, dot, norm_v, norm_w, None, None, None, scalar_projection,
                             projection, perpendicular, UNDEFINED, "zero_v", perpendicular_dot)
    cos_t = torch.clamp(torch.dot(vt, wt) / (torch.linalg.norm(vt) * torch.linalg.norm(wt)),
                        -1.0, 1.0)
    cos_theta = cos_t.item()
    theta_t = torch.acos(cos_t)  # θ from the engine too, then checked by cos below
    theta = theta_t.item()
    norms_cos = (torch.linalg.norm(vt) * torch.linalg.norm(wt) * torch.cos(theta_t)).item()
    if abs(cos_theta) <= RIGHT_ANGLE_COS:
        kind = RIGHT
    else:
        kind = ACUTE if cos_theta > 0 else OBTUSE
    return DotProjection(v_t, w_t, dot, norm_v, norm_w, cos_theta, math.degrees(theta), norms_cos,
                         scalar_projection, projection, perpendicular, kind, None,
                         perpendicular_dot)


def fmt(x: float | None, digits: int = 3) -> str:
    """A number for the screen: fixed digits, no ``-0.000``, an em dash for undefined."""
    if x is None or not math.isfinite(x):
        return "—"
    text = f"{x:.{digits}f}"
    return text[1:] if text.startswith("-") and float(text) == 0 else text


def fmt_angle(degrees: float | None) -> str:
    return "—" if degrees is None else f"{fmt(degrees, 1)}°"


def fmt_vec(xs: Sequence[float] | None, digits: int = 2) -> str:
    if xs is None:
        return "—"
    return "(" + ", ".join(fmt(x, digits) for x in xs) + ")"


def readout_lines(p: DotProjection, t: Callable[[str], str]) -> list[str]:
    """The readout shown beside the figure; ``t`` translates lesson-string keys."""
    lines = [
        f"v = {fmt_vec(p.v)}    w = {fmt_vec(p.w)}",
        f"v·w = {fmt(p.dot)}",
        f"|v| |w| cos θ = {fmt(p.norm_v)} × {fmt(p.norm_w)} × {fmt(p.cos_theta)} = "
        f"{fmt(p.norms_cos)}",
        f"θ = {fmt_angle(p.theta_deg)}    {t('kind_' + p.kind)}",
        f"{t('projection')} = {fmt_vec(p.projection)}    "
        f"{t('scalar_projection')} = {fmt(p.scalar_projection)}    "
        f"(v − proj)·w = {fmt(p.perpendicular_dot)}",
    ]
    if p.note:
        lines.append(t(p.note))
    return lines


def figure_info(p: DotProjection, t: Callable[[str], str]) -> str:
    """The box drawn on the figure itself, so an exported figure carries its numbers."""
    lines = [f"v·w = {fmt(p.dot)}", f"|v||w| cos θ = {fmt(p.norms_cos)}",
             f"θ = {fmt_angle(p.theta_deg)}", t("kind_" + p.kind)]
    if p.note:
        lines.append(t(p.note))
    return "\n".join(lines)
