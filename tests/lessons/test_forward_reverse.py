"""Lesson 13 logic: both modes give the same Jacobian; the counters show the real costs."""

from __future__ import annotations

import numpy as np
import pytest

from tutor_app.lessons import forward_reverse as fr


def _analytic_jacobian(n, m, depth):
    xs = np.array([x.item() for x in fr.inputs(n)])  # the engine's own input values
    h, dh = np.sin(xs).sum(), np.cos(xs)
    for _ in range(depth):
        h = np.tanh(0.9 * h)
        dh = dh * 0.9 * (1 - h ** 2)
    return np.outer(np.arange(1, m + 1), dh)


@pytest.mark.parametrize("n, m, depth", [(1, 1, 1), (3, 2, 2), (4, 5, 3)])
def test_both_modes_agree_with_the_analytic_jacobian(n, m, depth):
    f, r = fr.forward_costs(n, m, depth), fr.reverse_costs(n, m, depth)
    expected = _analytic_jacobian(n, m, depth)
    np.testing.assert_allclose(f.jacobian, expected, rtol=1e-12)
    np.testing.assert_allclose(r.jacobian, expected, rtol=1e-12)


def test_forward_needs_a_pass_per_input_reverse_a_pass_per_output():
    f, r = fr.forward_costs(5, 2), fr.reverse_costs(5, 2)
    assert (f.passes, r.passes) == (5, 2)


def test_reverse_stores_intermediates_forward_does_not():
    rows = fr.sweep("depth", (1, 8, 32))
    forward_peaks = [f.peak_live_intermediates for f, _ in rows]
    reverse_peaks = [r.peak_live_intermediates for _, r in rows]
    assert len(set(forward_peaks)) == 1                    # flat in depth
    assert reverse_peaks == sorted(reverse_peaks) and reverse_peaks[-1] > 8 * reverse_peaks[0]


def test_with_many_inputs_and_one_output_reverse_does_less_work():
    rows = fr.sweep("n", (1, 16))
    (f1, r1), (f16, r16) = rows
    assert f16.ops_evaluated / f1.ops_evaluated > 4 * r16.ops_evaluated / r1.ops_evaluated
    assert f16.ops_evaluated > r16.ops_evaluated


def test_side_by_side_frames_match_the_jacobian():
    pair = fr.side_by_side(2, 2)
    assert [f.phase for f in pair.forward].count("seed") == 2
    assert [f.phase for f in pair.reverse].count("seed") == 2
    jac = fr.forward_costs(2, 2).jacobian
    assert pair.forward.grad_symbol == "ṫ"
    last_pass_done = pair.forward[-1]
    assert last_pass_done.phase == "done"
    ys = sorted((d["name"], n) for n, d in pair.graph.nodes(data=True)
                if d["kind"] == "value" and d["name"].startswith("y"))
    tangents = [float(last_pass_done.grad(node)) for _, node in ys]
    np.testing.assert_allclose(tangents, jac[:, 1], rtol=1e-6)
    xs = sorted((d["name"], n) for n, d in pair.graph.nodes(data=True)
                if d["kind"] == "value" and d["name"].startswith("x"))
    grads = [float(pair.reverse[-1].grad(node)) for _, node in xs]
    np.testing.assert_allclose(grads, jac[1], rtol=1e-6)   # the last pass: row of y2
