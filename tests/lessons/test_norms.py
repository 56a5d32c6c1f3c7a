"""Lesson 7 logic: engine norms against numpy, unit balls, the p < 1 counterexample."""

from __future__ import annotations

import math

import numpy as np
import pytest

from tutor_app.lessons import norms


@pytest.mark.parametrize("v", [(3.0, -4.0), (0.0, 0.0), (-1.25, 0.5), (2.0, 2.0)])
@pytest.mark.parametrize("p", [0.5, 1.0, 2.0, 3.0, math.inf])
def test_vector_norms_match_numpy(v, p):
    n = norms.vector_norms(v, p)
    a = np.array(v)
    assert n.l1 == pytest.approx(np.linalg.norm(a, 1), rel=1e-6)
    assert n.l2 == pytest.approx(np.linalg.norm(a, 2), rel=1e-6)
    assert n.linf == pytest.approx(np.linalg.norm(a, np.inf), rel=1e-6)
    expected = np.abs(a).max() if math.isinf(p) else (np.abs(a) ** p).sum() ** (1 / p)
    assert n.lp == pytest.approx(expected, rel=1e-5, abs=1e-7)


@pytest.mark.parametrize("p", [0.5, 1.0, 1.5, 2.0, 4.0, math.inf])
def test_unit_ball_points_have_norm_one(p):
    pts = norms.unit_ball(p, n=101)
    values = np.abs(pts).max(1) if math.isinf(p) else (np.abs(pts) ** p).sum(1) ** (1 / p)
    np.testing.assert_allclose(values, 1.0, rtol=1e-9)
    np.testing.assert_allclose(pts[0], pts[-1], atol=1e-6)         # closed outline
    with pytest.raises(ValueError):
        norms.unit_ball(0.0)


def test_triangle_inequality_fails_exactly_below_one():
    assert not norms.triangle_check(0.5).holds
    assert norms.triangle_check(0.5).lhs == pytest.approx(4.0)
    assert norms.triangle_check(0.5).rhs == pytest.approx(2.0)
    for p in (1.0, 2.0, math.inf):
        assert norms.triangle_check(p).holds
    assert [norms.is_norm(p) for p in (0.25, 0.75, 1.0, math.inf)] == [False, False, True, True]


def test_p_slider_positions():
    assert norms.p_at(-3) == norms.P_VALUES[0]
    assert math.isinf(norms.p_at(999))
    assert norms.p_label(math.inf) == "∞" and norms.p_label(0.5) == "0.5"


def test_frobenius_is_the_l2_of_all_entries():
    f = norms.frobenius([[1.0, 1.0, 1.0]] * 12)                     # like torch.ones((4, 9))
    assert f.norm == pytest.approx(6.0) and f.squares_sum == 36
    m = [[1, -2, 0.5], [3, 0, -1]]
    f = norms.frobenius(m)
    assert f.norm == pytest.approx(np.linalg.norm(np.array(m)), rel=1e-6)
    assert f.printed == "tensor(3.9051)"
    with pytest.raises(ValueError):
        norms.frobenius([1.0, 2.0])


def test_parse_entry_rejects_non_numbers():
    assert norms.parse_entry(" -2.5 ") == -2.5
    assert norms.parse_entry("abc") is None
    assert norms.parse_entry("nan") is None and norms.parse_entry("inf") is None


@pytest.mark.parametrize("p, text, html, math", [
    (1.0, "‖v‖₁", "‖v‖<sub>1</sub>", r"$\Vert v \Vert_{1}$"),
    (3.0, "‖v‖₃", "‖v‖<sub>3</sub>", r"$\Vert v \Vert_{3}$"),
    (10.0, "‖v‖₁₀", "‖v‖<sub>10</sub>", r"$\Vert v \Vert_{10}$"),
    (norms.INF, "‖v‖∞", "‖v‖<sub>∞</sub>", r"$\Vert v \Vert_{\infty}$"),
    (0.5, "‖v‖ (p = 0.5)", "‖v‖<sub>0.5</sub>", r"$\Vert v \Vert_{0.5}$"),
])
def test_norm_names_write_p_as_a_subscript(p, text, html, math):
    norm_name = norms.norm_name
    assert (norm_name(p), norm_name(p, "html"), norm_name(p, "math")) == (text, html, math)
    assert "||" not in norm_name(p) and "_" not in norm_name(p)
