"""Lesson 5 logic against numpy: v × w, its length, |v||w| sin θ, det[v w n̂], det[v w] in 2D."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tutor_app.lessons import cross_product as logic


@pytest.mark.parametrize("v, w", [
    ((1, 0, 0), (0, 1, 0)),
    ((2, 0.5, 0.5), (0.5, 2, 1)),
    ((1.5, -1, 1), (0, 2, 1.5)),
    ((-3, 2, 0.1), (0.2, -0.1, 4)),
])
def test_cross_matches_numpy_and_the_three_areas_agree(v, w):
    c = logic.cross_3d(v, w)
    expected = np.cross(v, w)
    np.testing.assert_allclose(c.cross, expected, atol=1e-6)
    area = np.linalg.norm(expected)
    assert c.area == pytest.approx(area)
    assert c.norms_sin == pytest.approx(area, rel=1e-6)
    normal = expected / area
    assert c.det_with_normal == pytest.approx(np.linalg.det(np.column_stack([v, w, normal])))
    assert c.det_with_normal == pytest.approx(area)
    assert not c.parallel and c.note is None


def test_swapping_flips_the_normal_keeps_the_area():
    a, b = logic.cross_3d((2, 0.5, 0.5), (0.5, 2, 1)), logic.cross_3d((0.5, 2, 1), (2, 0.5, 0.5))
    np.testing.assert_allclose(a.cross, -np.asarray(b.cross))
    assert a.area == pytest.approx(b.area)
    assert b.det_with_normal == pytest.approx(b.area)  # n̂ flips with v × w: still positive


@pytest.mark.parametrize("v, w", [((1, 1, 0.5), (-2, -2, -1)), ((0, 0, 0), (1, 2, 3)),
                                  ((1, 2, 3), (1, 2, 3)), ((0.1, 0.3, 0.7), (0.3, 0.9, 2.1))])
def test_parallel_or_zero_give_area_zero_and_a_note(v, w):
    c = logic.cross_3d(v, w)
    assert c.parallel and c.note == "parallel_note"
    assert c.area == 0.0 and c.norms_sin == 0.0 and c.det_with_normal == 0.0
    lines = logic.readout_3d(c, lambda key: key)
    assert "parallel_note" in lines and not any("nan" in line for line in lines)


@pytest.mark.parametrize("v, w, orientation", [
    ((2, 0), (1, 2), "ccw"), ((1, 2), (2, 0), "cw"), ((1, 2), (-2, -4), "parallel"),
    ((0, 0), (1, 1), "parallel"), ((0.1, 0.3), (0.3, 0.9), "parallel"),  # 0.1 is not exact
])
def test_signed_area_2d(v, w, orientation):
    s = logic.signed_area_2d(v, w)
    assert s.det == pytest.approx(np.linalg.det(np.column_stack([v, w])), abs=1e-9)
    assert s.det == pytest.approx(np.cross(np.r_[v, 0], np.r_[w, 0])[2], abs=1e-9)
    assert s.orientation == orientation
    assert s.colour_key == {"ccw": "positive", "cw": "negative", "parallel": "zero"}[orientation]
    assert logic.readout_2d(s, str)[-1] == f"orientation_{orientation}"
    assert s.cross_z == pytest.approx(s.det, abs=1e-9)   # det[v w] is the z of the 3D cross


def test_wrong_sizes_are_refused():
    with pytest.raises(ValueError):
        logic.cross_3d((1, 2), (3, 4))
    with pytest.raises(ValueError):
        logic.signed_area_2d((1, 2, 3), (3, 4, 5))


finite = st.floats(-5, 5, allow_nan=False, allow_infinity=False)


@settings(max_examples=60, deadline=None, derandomize=True, database=None)
@given(st.lists(finite, min_size=3, max_size=3), st.lists(finite, min_size=3, max_size=3))
def test_random_cross_is_perpendicular_and_matches_numpy(v, w):
    c = logic.cross_3d(v, w)
    # Tolerances: far below the 3 decimals shown, loose enough for float32-rounded inputs.
    if c.parallel:   # only a rounding residue may be declared 0
        bound = 2e-6 * np.linalg.norm(v) * np.linalg.norm(w) + 1e-12   # + subnormal inputs
        assert np.linalg.norm(np.cross(v, w)) <= bound
        assert c.cross == (0.0, 0.0, 0.0)
    else:
        scale_vw = max(1.0, np.linalg.norm(v) * np.linalg.norm(w))   # cancellation in v × w
        np.testing.assert_allclose(c.cross, np.cross(v, w), rtol=1e-6, atol=1e-6 * scale_vw)
    scale = max(1.0, np.linalg.norm(v) * np.linalg.norm(w)) ** 1.5
    assert abs(np.dot(c.cross, v)) <= 1e-6 * scale and abs(np.dot(c.cross, w)) <= 1e-6 * scale
    if not c.parallel:
        assert c.det_with_normal == pytest.approx(c.area, rel=1e-6)
