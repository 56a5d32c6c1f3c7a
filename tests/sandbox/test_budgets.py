"""Budgets: steps, sizes (refused before allocating), depth, output, wall clock, stop."""

from __future__ import annotations

import threading
import time

import pytest

from tutor_app.sandbox import Limits, run

FAST = Limits(max_steps=50_000, max_seconds=5)


def _stopped(source: str, limits: Limits = FAST, **kwargs) -> str:
    result = run(source, limits=limits, **kwargs)
    assert not result.ok, source
    assert "Stopped" in result.error or "ArithmeticError" in result.error, result.error
    return result.error


@pytest.mark.parametrize("source", [
    "while True:\n    pass",
    "for i in range(10**12):\n    pass",
    "x = [i for i in range(10**12)]",
    "sum(range(10**12))",
    "list(range(10**12))",
    "sorted(range(10**9))",
    "max(range(10**12))",
    "any(x < 0 for x in range(10**12))",
    "f = lambda: f()\nn = 0\nwhile True:\n    n += 1",
])
def test_endless_work_takes_too_many_steps(source):
    error = _stopped(source)
    assert "too many steps" in error or "elements" in error or "items" in error


@pytest.mark.parametrize("source", [
    "np.zeros(10**10)",
    "np.ones((10**5, 10**5))",
    "np.arange(10**10)",
    "np.array([[0] * 10**4] * 10**4)",
    "x = np.zeros((10**4, 1))\nx + x.T",
    "x = np.zeros((10**4, 1))\nx == x.T",
    "x = np.zeros((10**4, 1))\nx * np.zeros(10**4)",
    "[0] * 10**9",
    "'ab' * 10**9",
    "s = 'x'\nfor i in range(64):\n    s = s + s",
    "l = [0]\nfor i in range(64):\n    l += l",
    "[*range(10**9)]",
    "x, *rest = range(10**9)",
    "l = []\nl[:] = range(10**9)",
    "l = []\nl.extend(range(10**9))",
    "' '.join(['x' * 10**6] * 10**3)",
    "'a'.center(10**9)",
    "('a' * 1000).replace('', 'b' * 10**6)",
    "np.outer(np.zeros(10**5), np.zeros(10**5))",
    "x = np.zeros((4000, 4000))\nfor i in range(100):\n    y = x + 1",
])
def test_huge_allocations_are_refused_before_allocating(source):
    error = _stopped(source)
    assert "elements" in error or "items" in error


def test_python_containers_have_a_lower_cap_than_tensors():
    assert "items" in _stopped("print(*range(5 * 10**6))")
    assert "items" in _stopped("x = [0] * (2 * 10**6)")
    assert "items" in _stopped("np.zeros(5 * 10**6).tolist()")
    assert "items" in _stopped("list(np.zeros(5 * 10**6))")
    assert run("s = 'x' * (5 * 10**6)\nlen(s)", limits=FAST).output == "5000000\n"


def test_huge_integers_are_refused():
    assert "bits" in _stopped("10**10**10")
    assert "bits" in _stopped("x = 2**99999\nx * x * x")
    assert "bits" in _stopped("1 << 10**9")
    assert "bits" in _stopped("True << 10**9")
    assert "bits" in _stopped("x = 10\nx **= 10**9")


def test_big_matrix_product_is_refused_by_its_cost():
    error = _stopped("x = np.zeros((3000, 3000))\nx @ x", Limits(max_flops=10**9))
    assert "multiply-adds" in error


def test_deep_recursion_is_capped():
    error = _stopped("def f(n):\n    return f(n + 1)\nf(0)")
    assert "nested deeper" in error
    assert "Previous line repeated" in error


def test_lambda_recursion_is_capped():
    assert "nested deeper" in _stopped("f = lambda n: f(n + 1)\nf(0)")


def test_megabytes_of_output_are_cut():
    result = run("for i in range(10**6):\n    print('x' * 1000)", limits=FAST)
    assert not result.ok
    assert "printed more than" in result.error
    assert len(result.output) <= FAST.max_output


def test_wall_clock_limit():
    slow = Limits(max_steps=10**9, max_seconds=0.05)
    assert "longer than" in _stopped("while True:\n    pass", slow)


def test_stop_button_cancels_a_run():
    cancel = threading.Event()
    cancel.set()
    error = _stopped("while True:\n    pass", Limits(max_steps=10**9), cancel=cancel)
    assert "stopped by the learner" in error


def test_budget_is_sticky_inside_finally_blocks():
    source = "try:\n    while True:\n        pass\nfinally:\n    while True:\n        pass\n"
    assert "too many steps" in _stopped(source)


def test_a_budget_stop_keeps_earlier_output():
    result = run("print('before')\nwhile True:\n    pass", limits=FAST)
    assert result.output == "before\n"


def test_engine_ops_are_sized_by_the_op_table_before_they_run():
    """The engine asks the run's budgets before each op, with the size its op-table entry
    declares: ``expand(-1, n)`` hides its size from the call's arguments, not from the
    entry (10⁹ elements here)."""
    error = _stopped("x = torch.ones(10**4, 1)\ny = x.expand(-1, 10**5)")
    assert "elements" in error
    assert "expand" in error


def test_the_op_budget_ends_with_the_run():
    import tutor_app.engine as torch
    from tutor_app.engine import hooks

    assert run("x = torch.ones(3, 1).expand(-1, 4)", limits=FAST).ok
    assert hooks.STATE.budget is None and not hooks.STATE.budgeted
    assert torch.ones(10**3, 1).expand(-1, 10**4).shape == (10**3, 10**4)  # no budget here


def test_an_engine_product_is_costed_by_its_op_table_entry():
    error = _stopped("x = torch.zeros(3000, 3000)\ny = torch.matmul(x, x)",
                     Limits(max_flops=10**9, max_seconds=5))
    assert "multiply-adds" in error
    # a matrix times a vector is as big as the vector's result, whatever its operands
    ok = run("A = torch.ones(4000, 2000)\nv = torch.ones(2000)\ny = torch.mv(A, v)\n"
             "print(y.shape)", limits=Limits(max_elements=9_000_000, max_seconds=5))
    assert ok.ok, ok.error
    assert ok.output == "torch.Size([4000])\n"


class _Cell:
    """Stands in for the shared memory the console's parent writes (a ``RawValue``)."""

    value = 0


def test_the_shared_flag_tells_a_stop_click_from_the_parents_deadline():
    """One flag, two reasons: a run's own id is a Stop click, its negative the wall budget;
    another run's request stops nothing."""
    from tutor_app.sandbox.errors import BudgetExceeded
    from tutor_app.sandbox.keeper import SharedFlag
    from tutor_app.sandbox.runtime import Runtime

    cell = _Cell()
    runtime = Runtime(Limits(max_seconds=7), SharedFlag(cell, 3), "en")
    cell.value = SharedFlag.ask(2, for_time=False)
    runtime.check_clock()  # another run's Stop
    keys = []
    for for_time in (True, False):
        cell.value = SharedFlag.ask(3, for_time=for_time)
        with pytest.raises(BudgetExceeded) as stopped:
            Runtime(Limits(max_seconds=7), SharedFlag(cell, 3), "en").check_clock()
        keys.append((stopped.value.phrase.key, stopped.value.reason))
    assert keys == [("budget.seconds", "the program ran longer than 7 seconds"),
                    ("budget.by_learner", "stopped by the learner")]


@pytest.mark.parametrize(("source", "lang", "message"), [
    ("torch.zeros(10**10)", "en",
     "zeros(...) would have 10,000,000,000 elements; the console allows at most 10,000,000"),
    ("torch.randn(10**5, 10**5)", "zh",
     "randn(...) 的结果将有 10,000,000,000 个元素；控制台最多允许 10,000,000 个"),
    ("torch.tensor([[0.0] * 10**4] * 10**4)", "en",
     "tensor(...) would have 100,000,000 elements; the console allows at most 10,000,000"),
    # torch.Tensor of nested data was once estimated by no rule and ran to the wall budget
    ("torch.Tensor([[0.0] * 10**4] * 10**4)", "zh",
     "Tensor(...) 的结果将有 100,000,000 个元素；控制台最多允许 10,000,000 个"),
    # an alias is named as the learner called it, not by the op-table entry it runs
    ("x = torch.ones(10**4, 1)\ntorch.concat([x] * 5000)", "en",
     "concat(...) would have 50,000,000 elements; the console allows at most 10,000,000"),
    ("x = torch.ones(10**4, 1)\ntorch.matmul(x, x.T)", "en",
     "matmul(...) would have 100,000,000 elements; the console allows at most 10,000,000"),
    ("np.linspace(0, 1, 10**9)", "en",
     "linspace(...) would have 1,000,000,000 elements; the console allows at most 10,000,000"),
])
def test_creation_is_refused_by_the_size_the_engine_declares(source, lang, message):
    """The engine asks the run's budget with the size each creation function declares; the
    learner reads the same message as when the sandbox estimated by name, in one language."""
    result = run(source, limits=FAST, lang=lang)
    assert not result.ok
    assert result.error.splitlines()[-1].endswith(message), result.error


def test_the_sandbox_keeps_no_list_of_names_only_numpys_function_objects():
    """Creation and products are sized by the engine's own declarations: the sandbox's
    first estimate of ``torch.zeros(10**10)`` is "cannot tell". What it still sizes is
    NumPy's, keyed by the very functions the console's ``np`` hands out."""
    import numpy as np

    import tutor_app.engine as torch
    from tutor_app.sandbox import sizes
    from tutor_app.sandbox.policy import NUMPY_ARRAY_ATTRS, NUMPY_NAMES

    assert not [k for k, v in vars(sizes).items() if isinstance(v, frozenset | set)]
    assert sizes.estimate("zeros", torch.zeros, None, (10**10,), {}) == (None, 0)
    assert sizes.estimate("zeros", np.zeros, None, ((10**5, 10**5),), {}) == (10**10, 0)
    a = np.zeros((30, 20))
    assert sizes.estimate("dot", a.dot, a, (a.T,), {}) == (900, 900 * 20)
    handed_out = {getattr(np, n) for n in NUMPY_NAMES if callable(getattr(np, n, None))}
    handed_out |= {getattr(np.ndarray, n) for n in NUMPY_ARRAY_ATTRS if hasattr(np.ndarray, n)}
    assert set(sizes.NUMPY_SIZES) <= handed_out


LONG_JACOBIAN = ("x = torch.ones(20000)\n"  # 20000 backward passes inside one engine call
                 "j = torch.autograd.functional.jacobian(lambda t: t * 2, x)")


def test_the_wall_budget_stops_one_long_engine_call_between_its_backward_passes():
    """The console records a tape, so the engine tells the budget of each backward pass:
    the clock is read between two, not only when the call returns (it took 13 s)."""
    started = time.monotonic()
    result = run(LONG_JACOBIAN, tape=True, limits=Limits(max_seconds=1))
    assert time.monotonic() - started < 1 + 1.0
    assert result.error.splitlines()[-1] == (
        "Stopped (line 2): the program ran longer than 1 seconds")


def test_stop_ends_one_long_engine_call_within_a_second():
    cancel = threading.Event()
    timer = threading.Timer(0.5, cancel.set)
    started = time.monotonic()
    timer.start()
    result = run(LONG_JACOBIAN, tape=True, cancel=cancel, limits=Limits(max_seconds=30))
    assert time.monotonic() - started < 0.5 + 1.0
    assert result.error.splitlines()[-1] == "Stopped (line 2): stopped by the learner"
