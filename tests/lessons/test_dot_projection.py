"""Lesson 4 logic against numpy: v·w, |v||w|cos θ, θ, the projection, and degenerate vectors."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tutor_app.lessons import dot_projection as logic


def _check_against_numpy(v, w):
    p = logic.project(v, w)
    nv, nw = np.asarray(v, float), np.asarray(w, float)
    scale = max(1.0, float(np.linalg.norm(nv) * np.linalg.norm(nw)))  # cancellation in v·w
    assert p.dot == pytest.approx(float(nv @ nw), rel=1e-6, abs=1e-6 * scale)
    assert p.norm_v == pytest.approx(np.linalg.norm(nv))
    assert p.norm_w == pytest.approx(np.linalg.norm(nw))
    return p, nv, nw


@pytest.mark.parametrize("v, w, kind", [
    ((2, 1), (1, 3), logic.ACUTE),
    ((1, 2), (-2, 1), logic.RIGHT),
    ((0.3, 0.1), (-0.1, 0.3), logic.RIGHT),   # 0.1-grid values: rounding must not break it
    ((0.7, 0.3, 0.1), (-0.3, 0.7, 0.0), logic.RIGHT),
    ((2, 0.5), (-1, 1), logic.OBTUSE),
    ((1, 2, 1), (2, 4, 2), logic.ACUTE),
    ((1, 0, 0), (0, 0, 5), logic.RIGHT),
])
def test_kinds_angles_and_projection(v, w, kind):
    p, nv, nw = _check_against_numpy(v, w)
    assert p.kind == kind
    cos = float(nv @ nw) / (np.linalg.norm(nv) * np.linalg.norm(nw))
    assert p.theta_deg == pytest.approx(math.degrees(math.acos(np.clip(cos, -1, 1))), abs=1e-6)
    assert p.norms_cos == pytest.approx(p.dot, rel=1e-6, abs=1e-6)
    expected = (nv @ nw) / (nw @ nw) * nw
    np.testing.assert_allclose(p.projection, expected, atol=1e-6)
    np.testing.assert_allclose(p.perpendicular, nv - expected, atol=1e-6)
    assert abs(np.dot(p.perpendicular, nw)) < 1e-6
    assert p.perpendicular_dot == pytest.approx(0.0, abs=1e-6)
    assert p.scalar_projection == pytest.approx(float(nv @ nw) / np.linalg.norm(nw))
    assert p.colour_key == {"acute": "positive", "right": "zero", "obtuse": "negative"}[kind]


def test_zero_w_is_undefined_not_nan():
    p, _, _ = _check_against_numpy((1.0, 2.0), (0.0, 0.0))
    assert p.kind == logic.UNDEFINED and p.note == "zero_w"
    assert p.projection is None and p.theta_deg is None and p.cos_theta is None
    lines = logic.readout_lines(p, lambda key: key)
    assert "zero_w" in lines and not any("nan" in line.lower() for line in lines)
    assert "θ = —" in logic.figure_info(p, lambda key: key)


def test_zero_v_projects_to_zero_but_has_no_angle():
    p, _, _ = _check_against_numpy((0, 0, 0), (1, 2, 2))
    assert p.note == "zero_v" and p.theta_deg is None
    assert p.projection == (0.0, 0.0, 0.0)
    assert p.dot == 0.0


def test_bad_dimensions_are_refused():
    with pytest.raises(ValueError):
        logic.project((1, 2), (1, 2, 3))
    with pytest.raises(ValueError):
        logic.project((1,), (2,))


def test_presets_cover_every_kind():
    kinds = {logic.project(*pair).kind for pair in logic.PRESETS_3D.values()}
    assert kinds == {logic.ACUTE, logic.RIGHT, logic.OBTUSE, logic.UNDEFINED}


def test_formatting_never_shows_minus_zero_or_nan():
    assert logic.fmt(-0.0001) == "0.000"
    assert logic.fmt(float("nan")) == "—"
    assert logic.fmt_vec((1, -2.5)) == "(1.00, -2.50)"


finite = st.floats(-5, 5, allow_nan=False, allow_infinity=False)


@settings(max_examples=60, deadline=None, derandomize=True, database=None)
@given(st.lists(finite, min_size=3, max_size=3), st.lists(finite, min_size=3, max_size=3))
def test_random_vectors_match_numpy(v, w):
    p, nv, nw = _check_against_numpy(v, w)
    if p.kind != logic.UNDEFINED:
        scale = max(1.0, p.norm_v * p.norm_w)
        assert p.norms_cos == pytest.approx(p.dot, rel=1e-6, abs=1e-6 * scale)
        assert abs(np.dot(p.perpendicular, nw)) <= 1e-6 * max(1.0, np.linalg.norm(nv) ** 2 *
                                                                np.linalg.norm(nw))
