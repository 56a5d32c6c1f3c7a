"""Lesson 9 logic: engine gradients against hand-derived ones, descent, layouts, identities."""

from __future__ import annotations

import numpy as np
import pytest

from tutor_app.lessons import matrix_calculus as mc


def analytic_gradient(key: str, x: float, y: float) -> np.ndarray:
    if key == "bowl":                       # 2x² + xy + y²
        return np.array([4 * x + y, x + 2 * y])
    if key == "saddle":
        return np.array([2 * x, -2 * y])
    if key == "valley":                     # (1 - x)² + 5 (y - x²)²
        return np.array([-2 * (1 - x) - 20 * x * (y - x * x), 10 * (y - x * x)])
    g1 = np.exp(-((x - 1) ** 2 + (y - 0.5) ** 2))
    g2 = 0.8 * np.exp(-((x + 1) ** 2 + (y + 0.8) ** 2) / 0.8)
    return np.array([-2 * (x - 1) * g1 - 2 * (x + 1) / 0.8 * g2,
                     -2 * (y - 0.5) * g1 - 2 * (y + 0.8) / 0.8 * g2])


@pytest.mark.parametrize("key", list(mc.FIELDS))
@pytest.mark.parametrize("point", [(0.3, -0.7), (-1.1, 1.4), (1.5, 0.2)])
def test_engine_gradient_matches_analytic(key, point):
    probe = mc.gradient_at(mc.FIELDS[key], point)
    np.testing.assert_allclose(probe.grad, analytic_gradient(key, *point), rtol=1e-9, atol=1e-12)


@pytest.mark.parametrize("key", list(mc.FIELDS))
def test_grid_agrees_with_point_values(key):
    field = mc.FIELDS[key]
    grid = mc.sample(field, n=9)
    i, j = 3, 5
    assert grid.z[i, j] == pytest.approx(mc.gradient_at(field, (grid.x[i, j], grid.y[i, j])).value)


def test_descent_goes_downhill_and_a_large_rate_diverges():
    bowl = mc.FIELDS["bowl"]
    path = mc.descend(bowl, (1.2, 0.8), 0.1, 30)
    assert not path.diverged
    assert np.all(np.diff(path.values) < 0)
    assert path.values[-1] < 1e-3
    step = np.array((1.2, 0.8)) - 0.1 * analytic_gradient("bowl", 1.2, 0.8)
    np.testing.assert_allclose(path.points[1], step)
    assert mc.descend(bowl, (1.2, 0.8), 1.0, 60).diverged
    with pytest.raises(ValueError):
        mc.descend(bowl, (0, 0), -0.1, 3)


def test_learning_rates_are_log_spaced_and_clamped():
    assert mc.learning_rate(0) == 0.001
    assert mc.learning_rate(mc.DEFAULT_LR_INDEX) == pytest.approx(0.1)
    assert mc.learning_rate(10_000) == 1.0


def test_layouts_are_transposes_of_each_other():
    num, den = mc.layout_table("numerator"), mc.layout_table("denominator")
    assert num[0][1] == "(1, n)" and den[0][1] == "(n, 1)"       # scalar by vector
    assert num[1][0] == "(m, 1)" and den[1][0] == "(1, m)"       # vector by scalar
    assert num[1][1] == "(m, n)" and den[1][1] == "(n, m)"       # Jacobian
    assert num[0][2] == "(k, n)" and den[0][2] == "(n, k)"       # gradient has X's shape
    assert num[2][2] == "(m, l, k, n)"
    with pytest.raises(ValueError):
        mc.layout_shape("scalar", "vector", "diagonal")


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_identities_hold_and_the_common_mistake_does_not(seed):
    checks = {c.key: c for c in mc.check_identities(seed)}
    assert checks["ax"].holds and checks["xax"].holds and checks["frob"].holds
    assert checks["xta"].holds and checks["sq_norm"].holds      # D2L's other two identities
    assert "tensor(" in checks["xax"].gradient_printed
    inputs = mc.identity_inputs(seed)
    assert set(inputs) == {"A (2×3)", "A (3×3)", "x", "X"}


def test_wrong_identity_is_flagged_for_a_non_symmetric_A():
    # Seed 0's 3×3 A is not symmetric: 2Ax differs from (A + Aᵀ)x.
    checks = {c.key: c for c in mc.check_identities(0)}
    assert not checks["xax_wrong"].holds
