"""Lesson 14 logic: every step runs in the sandbox and its frames end with the right grads."""

from __future__ import annotations

import numpy as np
import pytest

from tutor_app import paths
from tutor_app.graph.build import find_value
from tutor_app.lessons import autograd
from tutor_app.lessons.base import load_spec

FINAL_GRADS = {
    "backward": ("x", [0, 4, 8, 12]),
    "accumulate": ("x", [0, 8, 16, 24]),
    "zero": ("x", [1, 1, 1, 1]),
    "non_scalar": ("x", [0, 2, 4, 6]),
    "detach": ("x", [0, 1, 4, 9]),       # u = x², not 3x²
    "no_grad": ("x", [0, 2, 4, 6]),
    "control_flow": ("a", 2048.0),
    "explicit": ("x", [0, 4, 8, 12]),
    "implicit": ("x", [0, 4, 8, 12]),
}


@pytest.mark.parametrize("key", autograd.STEP_KEYS)
def test_every_step_runs_and_draws(key):
    result = autograd.run_step(key)
    assert result.run.error is None and result.problem is None
    assert result.graph is not None and len(result.timeline) >= 3
    if key in FINAL_GRADS:
        name, expected = FINAL_GRADS[key]
        last = result.timeline[-1]
        assert last.phase == "done"
        np.testing.assert_array_equal(last.grad(find_value(result.graph, name)), expected)


def test_the_notes_flow_prints_what_pytorch_prints():
    out = autograd.run_step("backward").run.output
    assert "tensor(28., grad_fn=<MulBackward0>)" in out
    assert "tensor([ 0.,  4.,  8., 12.])" in out
    assert "m" not in autograd.step("backward").code.split()  # the notes' m/x slip is fixed


def test_explicit_shows_the_formula_before_any_value_and_implicit_grows():
    explicit = autograd.run_step("explicit").timeline
    first = explicit[0]
    assert first.phase == "formula"
    assert not any(first.shown(n) for n in explicit.graph.nodes)
    assert all(first.exists(n) for n in explicit.graph.nodes)
    implicit = autograd.run_step("implicit").timeline
    ops = [n for n, d in implicit.graph.nodes(data=True) if d["kind"] == "op"]
    assert implicit[0].phase == "record" and not any(implicit[0].exists(n) for n in ops)
    assert all(implicit[len(ops)].exists(n) for n in implicit.graph.nodes)


def test_control_flow_records_only_the_path_taken():
    result = autograd.run_step("control_flow")
    muls = [d for _, d in result.graph.nodes(data=True) if d.get("op") == "mul"]
    assert len(muls) == 11  # 0.5 * 2 ** 11 = 1024 is the first norm past 1000


def test_every_step_has_its_strings_in_both_languages():
    spec = load_spec(paths.resource("lessons", "autograd.toml"))
    for key in autograd.STEP_KEYS:
        for suffix in ("_title", "_text"):
            assert set(spec.strings[key + suffix]) == {"zh", "en"}


def test_unknown_step_is_a_clear_error():
    with pytest.raises(KeyError, match="no autograd step"):
        autograd.step("nope")


def _losses_and_grads(output: str) -> tuple[list[float], list[float]]:
    rows = [line.split() for line in output.splitlines() if line.startswith("step ")]
    return [float(r[4]) for r in rows], [float(r[7]) for r in rows]


def test_training_loop_with_zero_grad_converges_and_without_goes_wrong():
    """Item 5: the loss falls with zero_(); without it w.grad accumulates and the loss climbs."""
    loss, grad = _losses_and_grads(autograd.run_step("train").run.output)
    assert len(loss) == 6 and all(a > b for a, b in zip(loss, loss[1:], strict=False))
    assert all(abs(a) > abs(b) for a, b in zip(grad, grad[1:], strict=False))
    assert loss[-1] < 0.1
    bad_loss, bad_grad = _losses_and_grads(autograd.run_step("train_no_zero").run.output)
    assert bad_loss[:2] == loss[:2]                       # step 1 is the same state …
    assert bad_grad[1] == pytest.approx(grad[0] + grad[1], abs=1e-3)   # … the grads summed
    assert abs(bad_grad[1]) > abs(bad_grad[0])            # the gradient grows
    assert bad_loss[-1] > 10 * loss[-1] and max(bad_loss[2:]) > bad_loss[0]
    assert autograd.run_step("train_no_zero").graph is not None
