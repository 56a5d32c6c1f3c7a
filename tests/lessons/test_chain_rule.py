"""Chain-rule steps: each program runs in the sandbox, its gradient matches the chain rule
done by hand, and its backward pass has frames to step."""

from __future__ import annotations

import math
import re

import numpy as np
import pytest

from tutor_app.lessons import chain_rule


def _numbers(line: str) -> list[float]:
    return [float(v) for v in re.findall(r"-?\d+\.\d*|-?\d+", line)]


def test_every_step_runs_and_has_a_backward_to_step():
    for key in chain_rule.STEP_KEYS:
        result = chain_rule.run_step(key)
        assert result.run.error is None and result.problem is None, key
        phases = {frame.phase for frame in result.timeline}
        assert "backward" in phases and result.timeline[-1].phase == "done", key


@pytest.mark.parametrize("key, by_hand", [
    ("single", 2 * 0.5 * math.cos(0.25)),
    ("paths", 0.25 * math.cos(0.5) + math.sin(0.5) * 2 * 0.5),
])
def test_autograd_equals_the_chain_rule_by_hand(key, by_hand):
    lines = chain_rule.run_step(key).run.output.strip().splitlines()
    autograd, formula = _numbers(lines[0])[0], _numbers(lines[1])[0]
    assert autograd == pytest.approx(by_hand, abs=1e-4)
    assert formula == pytest.approx(autograd, abs=1e-4)


def test_jacobian_product_is_the_gradient():
    a = np.array([[1.0, 2.0, 0.0], [0.0, -1.0, 3.0]])
    x = np.array([1.0, 0.5, -1.0])
    expected = a.T @ (2 * (a @ x))
    lines = chain_rule.run_step("jacobian").run.output.strip().splitlines()
    np.testing.assert_allclose(_numbers(lines[0]), expected)
    np.testing.assert_allclose(_numbers(lines[1]), expected)


def test_grad_is_none_before_backward_and_grad_fn_names_the_chain():
    lines = chain_rule.run_step("grad_fn").run.output.strip().splitlines()
    assert lines[0] == "None"
    assert lines[1].startswith("<SinBackward0 object at 0x")
    assert lines[-1] == "tensor(0.9689)"


def test_unknown_step_is_a_clear_error():
    with pytest.raises(KeyError, match="single"):
        chain_rule.step("nonsense")
