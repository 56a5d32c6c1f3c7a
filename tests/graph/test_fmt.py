"""The ladder of compact forms: every value has a short form, constants read as ones(...)."""

from __future__ import annotations

import numpy as np

from tutor_app.graph import fmt


def test_scalars_keep_four_digits_then_shorten():
    assert fmt.ladder(np.array(np.sin(0.1))) == ["0.09983", "0.1", "…"]
    forms = fmt.ladder(np.array(-0.9135))
    assert forms[0] == "-0.9135" and "-0.91" in forms and "-0.9" in forms and forms[-1] == "…"
    assert fmt.ladder(np.array(28.0)) == ["28", "…"]


def test_a_3x4_grid_then_span_with_shape_then_shape():
    forms = fmt.ladder(np.arange(12.0).reshape(3, 4))
    assert forms[0].splitlines()[0].split() == ["0", "1", "2", "3"]
    assert forms[1].splitlines()[0].split() == ["0", "1", "2", "3"]   # one space apart
    assert forms[2:] == ["0…11 (3, 4)", "0…11", "(3, 4)", "3×4", "…"]
    assert fmt.ladder(np.arange(12.0))[:2] == ["0…11 (12,)", "0…11"]   # too long for a grid


def test_constant_tensors_read_as_ones_and_zeros_not_1s():
    assert "ones(2, 3)" in fmt.ladder(np.ones((2, 3)))
    assert "zeros(4,)" in fmt.ladder(np.zeros(4))
    assert fmt.short(np.ones((5, 3))) == "ones(5, 3)"
    assert "1s" not in fmt.short(np.ones((5, 3)))


def test_every_ladder_ends_in_something_short():
    for v in (np.array(1.2345678), np.ones((7, 9)), np.random.default_rng(0).normal(size=(5, 6)),
              np.zeros((0, 3)), np.arange(100.0)):
        forms = fmt.ladder(v)
        assert all(forms) and len(forms[-1]) <= 3
        assert len(fmt.short(v)) <= 20 or fmt.short(v) == forms[-2]


def test_up_to_six_elements_are_numbers_before_any_summary():
    forms = fmt.ladder(np.array([0.09003, 0.2447, -0.3347, 1.5, 2.0, -7.25]))
    numeric = [f for f in forms if "…" not in f and "(" not in f]
    assert numeric[0].split() == ["0.09003", "0.2447", "-0.3347", "1.5", "2", "-7.25"]
    assert any(len(f.splitlines()) == 2 for f in numeric)          # wrapped into two lines
    assert any("0.09 " in f and "0.24" in f for f in numeric)        # two digits
    assert forms.index(numeric[-1]) < forms.index("(6,)")
    grads = fmt.ladder(np.arange(6.0).reshape(2, 3) / 7, lines=False)
    assert "[0, 0.14, 0.29]\n[0.43, 0.57, 0.71]" in grads


def test_constants_have_a_short_numeric_form_before_the_shape():
    forms = fmt.ladder(np.full(2, 132.0), lines=False)
    assert forms[0] == "[132, 132]"
    assert forms.index("≡ 132") < forms.index("(2,)")
    assert fmt.short(np.array([0.09003, 0.2447, -0.3347])) == "[0.09, 0.24, -0.33]"
