"""Lesson 12 logic: symbolic, numerical and automatic derivatives agree to the right digits."""

from __future__ import annotations

import math

import numpy as np
import pytest

from tutor_app.lessons import three_derivatives as td

EXACT = {
    "cubic": lambda x: 3 * x ** 2 - 2,
    "sin_exp": lambda x: math.exp(x) * (math.sin(x) + math.cos(x)),
    "log_square": lambda x: 2 * x / (1 + x * x),
}


@pytest.mark.parametrize("key", list(td.FUNCTIONS))
@pytest.mark.parametrize("x", [0.7, -1.3])
def test_symbolic_and_automatic_match_the_textbook_derivative(key, x):
    c = td.compare(key, x)
    assert c.symbolic.value == pytest.approx(EXACT[key](x), rel=1e-14)
    assert td.digits(c.automatic.value, c.symbolic.value) >= 14
    assert 9 <= td.digits(c.best_value["central"], c.symbolic.value) <= 14
    assert 6 <= td.digits(c.best_value["forward"], c.symbolic.value) <= 11
    assert c.best_h["forward"] < c.best_h["central"]  # √ε ≈ 1e-8 vs ε^(1/3) ≈ 1e-5


def test_the_error_curve_has_a_valley():
    c = td.compare("sin_exp", 0.7)
    h, err = c.numerical.h, c.central_error
    bottom = np.argmin(np.abs(np.log10(h) - np.log10(c.best_h["central"])))
    assert err[0] > 100 * err[bottom] and err[-1] > 100 * err[bottom]  # round-off | truncation
    # truncation side: central error falls like h², forward like h
    big = h > 1e-3
    slope_c = np.polyfit(np.log10(h[big]), np.log10(c.central_error[big]), 1)[0]
    slope_f = np.polyfit(np.log10(h[big]), np.log10(c.forward_error[big]), 1)[0]
    assert slope_c == pytest.approx(2, abs=0.2) and slope_f == pytest.approx(1, abs=0.2)


def test_symbolic_formula_is_assembled_from_the_op_tables_local_derivatives():
    sym = td.symbolic("sin_exp", 0.7)
    assert "cos x" in sym.formula and "exp(x)" in sym.formula
    assert any("∂out/∂a = cos a" in step for step in sym.steps)
    assert td.symbolic("cubic", 1.0).formula == "3·x^2 − 2"


def test_automatic_comes_with_a_graph_to_step():
    auto = td.automatic("log_square", 0.5)
    assert auto.timeline[-1].phase == "done"
    assert "x.grad = 0.8" in auto.timeline[-1].caption_in("en")


def test_digits_edge_cases():
    assert td.digits(1.0, 1.0) == 16.0
    assert td.digits(1.1, 1.0) == pytest.approx(1.0)
    assert td.digits(0.0, 0.0) == 16.0


@pytest.mark.parametrize("key", list(td.FUNCTIONS))
def test_at_a_zero_of_f_the_valley_goes_and_differences_gain_digits(key):
    """What the lesson text says about x = 0: f(0) = 0, round-off ≈ ε|f'|, so no valley."""
    assert td.evaluate(key, 0.0) == 0.0
    c = td.compare(key, 0.0)
    assert td.digits(c.best_value["forward"], c.symbolic.value) >= 14
    assert td.digits(c.best_value["central"], c.symbolic.value) >= 14


def test_the_power_node_shows_its_exponent():
    from tutor_app.viz.graph_geometry import op_text

    graph = td.automatic("cubic", 0.7).graph
    texts = {op_text(d) for _, d in graph.nodes(data=True) if d["kind"] == "op"}
    assert "^3" in texts and "^" not in texts
