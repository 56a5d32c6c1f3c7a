"""Norms drawing without Qt: balls, the balls through the tip, the p ball and its note."""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from tutor_app.lessons.norms import INF, unit_ball
from tutor_app.viz import norms as viz


def _plot():
    ax = Figure().subplots()
    balls = {"l1": unit_ball(1), "l2": unit_ball(2), "linf": unit_ball(INF), "lp": unit_ball(3)}
    return viz.draw_norms(ax, balls, {"l1": "L1", "l2": "L2", "linf": "L∞", "lp": "Lp"})


def test_draws_four_unit_balls_with_a_legend():
    plot = _plot()
    assert set(plot.unit) == {"l1", "l2", "linf", "lp"}
    assert [t.get_text() for t in plot.ax.get_legend().get_texts()] == ["L1", "L2", "L∞", "Lp"]
    assert plot.unit["lp"].get_linestyle() == "--"


def test_balls_through_the_tip_pass_through_it():
    plot = _plot()
    v = np.array([1.5, -0.5])
    sizes = {"l1": 2.0, "l2": float(np.hypot(*v)), "linf": 1.5, "lp": 1.0}
    changed = viz.update_vector(plot, tuple(v), sizes, "text")
    assert plot.arrow in changed and plot.readout.get_text() == "text"
    for name in ("l1", "l2", "linf"):
        outline = np.column_stack(plot.through[name].get_data())
        assert np.min(np.hypot(*(outline - v).T)) < 0.05
    assert plot.tip.get_xydata().tolist() == [[1.5, -0.5]]


def test_update_p_changes_outline_label_and_note():
    plot = _plot()
    viz.update_p(plot, unit_ball(0.5), "Lp, p = 0.5", "not a norm")
    assert plot.note.get_text() == "not a norm"
    assert plot.ax.get_legend().get_texts()[3].get_text() == "Lp, p = 0.5"
    np.testing.assert_allclose(np.column_stack(plot.unit["lp"].get_data()), unit_ball(0.5))
