"""Vector drawings without Qt: projection and signed area in 2D, projection and cross in 3D."""

from __future__ import annotations

import math

import numpy as np
import pytest
from matplotlib.figure import Figure

from tutor_app.viz import vectors, vectors3d
from tutor_app.viz.style import LIGHT


@pytest.fixture
def ax():
    axes = Figure().add_subplot()
    vectors.setup_plane(axes, 4.0)
    return axes


def _end(arrow):
    return arrow._posA_posB[1]


def test_projection_2d_geometry_and_update_in_place(ax):
    a = vectors.draw_projection_2d(ax, (2, 1), (1, 3), (0.5, 1.5), sign_key="positive",
                                   info="v·w = 5")
    assert _end(a.v) == (2.0, 1.0) and _end(a.w) == (1.0, 3.0)
    assert _end(a.projection) == (0.5, 1.5)
    np.testing.assert_allclose(np.asarray(a.perpendicular.get_data()), [[2, 0.5], [1, 1.5]])
    assert a.arc.get_color() == LIGHT.positive
    assert a.info.get_text() == "v·w = 5"
    before = len(ax.patches), len(ax.lines), len(ax.texts)
    vectors.update_projection_2d(a, (-1, 0), (1, 0), (-1, 0), sign_key="negative")
    assert (len(ax.patches), len(ax.lines), len(ax.texts)) == before
    assert a.arc.get_color() == LIGHT.negative and _end(a.v) == (-1.0, 0.0)
    assert set(a.moving()) >= {a.v, a.w, a.projection, a.info}


def test_right_angle_mark_sits_at_the_foot(ax):
    a = vectors.draw_projection_2d(ax, (-1.5, 2.0), (1, 0), (-1.5, 0.0))
    pts = np.asarray(a.right_angle.get_data()).T
    assert a.right_angle.get_visible() and len(pts) == 3
    np.testing.assert_allclose(pts[0], (-1.5 + 0.18, 0.0))   # leg along w, towards the origin
    np.testing.assert_allclose(pts[2], (-1.5, 0.18))         # leg up the perpendicular
    assert a.w_line.get_visible()
    assert vectors.right_angle_points((2, 0), (1, 0), (2, 0)) is None   # v on the line of w


def test_projection_2d_without_foot_hides_projection(ax):
    a = vectors.draw_projection_2d(ax, (1, 1), (0, 0), None)
    assert not a.projection.get_visible() and not a.perpendicular.get_visible()
    assert not a.w.get_visible()          # the zero vector has no arrow
    assert not a.arc.get_visible()        # and no angle
    assert not a.w_line.get_visible() and not a.right_angle.get_visible()
    Figure.draw_without_rendering(ax.figure)


def test_turn_arc_goes_the_short_way():
    pts = vectors.turn_arc_points((1, 0), (0, 1), 1.0)
    assert np.allclose(pts[0], (1, 0)) and np.allclose(pts[-1], (0, 1))
    assert np.all(pts[:, 1] >= -1e-12)    # counter-clockwise through the first quadrant
    cw = vectors.turn_arc_points((1, 0), (0, -1), 1.0)
    assert np.all(cw[:, 1] <= 1e-12)


def test_signed_area_2d_polygon_and_colour(ax):
    a = vectors.draw_signed_area_2d(ax, (2, 0), (1, 2), sign_key="positive", info="det = 4")
    np.testing.assert_allclose(a.area.get_xy()[:4], [(0, 0), (2, 0), (3, 2), (1, 2)])
    assert a.turn.get_visible()
    vectors.update_signed_area_2d(a, (1, 2), (2, 0), sign_key="negative")
    assert a.turn.get_color() == LIGHT.negative
    assert a.area.get_facecolor()[:3] == pytest.approx(
        tuple(int(LIGHT.negative[i:i + 2], 16) / 255 for i in (1, 3, 5)))


def _ax3d():
    axes = Figure().add_subplot(projection="3d")
    vectors3d.setup_space(axes, 3.0)
    return axes


def test_projection_3d_draws_and_removes_cleanly():
    axes = _ax3d()
    base = len(axes.get_children())
    arts = vectors3d.draw_projection_3d(axes, (2, 1, 1), (1, 2, 0), (0.8, 1.6, 0.0),
                                        sign_key="positive")
    assert len(axes.get_children()) > base
    Figure.draw_without_rendering(axes.figure)
    vectors3d.remove_artists(arts)
    assert len(axes.get_children()) == base


def test_projection_3d_zero_w_draws_only_v():
    axes = _ax3d()
    arts = vectors3d.draw_projection_3d(axes, (1, 1, 1), (0, 0, 0), None)
    assert len(arts) == 2  # v's arrow and its label


def test_turn_arc_3d_lies_in_the_plane_and_ends_on_b():
    pts = vectors3d.turn_arc_3d((1, 0, 0), (0, 0, 2), 1.0)
    assert np.allclose(pts[-1], (0, 0, 1)) and np.allclose(pts[:, 1], 0)
    assert vectors3d.turn_arc_3d((1, 2, 3), (2, 4, 6), 1.0) is None
    assert vectors3d.turn_arc_3d((0, 0, 0), (1, 0, 0), 1.0) is None


def test_cross_3d_draws_hand_unless_parallel():
    axes = _ax3d()
    with_hand = vectors3d.draw_cross_3d(axes, (1, 0, 0), (0, 1, 0), (0, 0, 1))
    Figure.draw_without_rendering(axes.figure)
    vectors3d.remove_artists(with_hand)
    parallel = vectors3d.draw_cross_3d(axes, (1, 0, 0), (2, 0, 0), (0, 0, 0))
    assert len(with_hand) > len(parallel)
    assert vectors3d.space_limit((0.5, 0, 0)) == 3.0
    assert vectors3d.space_limit((4, 0, 0)) == math.ceil(4 * 1.15)
