"""Issue 12 item 3: the notebook's habits, the learner's language, and budgets that hold
inside single long calls."""

from __future__ import annotations

import re
import threading
import time

import pytest

from tutor_app.sandbox import Limits, run, user_variables

FAST = Limits(max_steps=200_000, max_seconds=5)
DAG = "a = [1]\nfor i in range(40):\n    a = [a, a]\n"  # 2**40 items when printed


def ok(source: str, env: dict | None = None, **kwargs):
    result = run(source, env, limits=FAST, **kwargs)
    assert result.ok, result.error
    return result


def test_underscore_is_a_throwaway_name_and_single_underscore_names_are_ordinary():
    result = ok("total = 0\nfor _ in range(3):\n    total += 1\n_tmp = total * 2\n_tmp")
    assert result.output == "6\n"
    assert user_variables(result.env)["_tmp"] == 6
    assert ok("[0 for _ in range(2)]").output == "[0, 0]\n"


def test_dunder_names_stay_refused():
    for source in ("__x = 1", "def f(__a):\n    return 1", "__builtins__"):
        result = run(source, limits=FAST)
        assert not result.ok and "'__" in result.error, source


def test_hasattr_and_getattr_work_with_the_dots_guards():
    source = ("x = torch.ones(2)\n"
              "hasattr(x, 'ndim'), hasattr([1], 'ndim'), getattr(x, 'shape'), "
              "getattr([1], 'missing', 'default'), getattr([3], 'count')(3)")
    assert ok(source).output == "(True, False, torch.Size([2]), 'default', 1)\n"
    # D2L's plotting helper
    assert ok("X = [1, 2]\nhasattr(X, 'ndim') and X.ndim == 1").output == "False\n"
    for source, words in (("getattr(torch.ones(1), '_data', None)", "'_'"),
                          ("hasattr(torch, '__dict__')", "'_'"),
                          ("getattr(np.zeros(1), 'tofile')", ".tofile")):
        result = run(source, limits=FAST)
        assert not result.ok and words in result.error, source


@pytest.mark.parametrize(("source", "limits"), [
    ("import os", FAST),
    ("for i in range(10**9):\n    pass", Limits(max_steps=1000)),
    ("x = torch.zeros(10**5, 10**5)", FAST),
    ("print('x' * 10**5)\nprint('y' * 10**5)\nprint('z' * 10**5)", FAST),
    ("def f(n):\n    return f(n + 1)\nf(0)", FAST),
])
def test_refusals_and_stops_speak_one_language_the_uis(source, limits):
    zh = run(source, limits=limits, lang="zh").error.splitlines()[-1]
    en = run(source, limits=limits, lang="en").error.splitlines()[-1]
    assert zh.startswith(("不允许", "已停止")) and re.search("[\u4e00-\u9fff]", zh)
    assert not re.search(r"\b(the|is|not|allowed|Stopped|console)\b", zh), zh
    assert en.startswith(("Not allowed", "Stopped")) and not re.search("[\u4e00-\u9fff]", en)


@pytest.mark.parametrize("show", ["a", "print(a)", "repr(a)", "str(a)", "f'{a}'",
                                  "f'{a!r}'", "'%s' % (a,)", "raise ValueError(a)",
                                  "raise ValueError('x', a)"])
def test_text_of_a_shared_nested_structure_stops_within_the_budget(show):
    started = time.monotonic()
    result = run(DAG + show, limits=FAST)
    assert time.monotonic() - started < 3
    assert not result.ok
    assert len(result.error) < FAST.max_output + 500
    assert ("200,000" in result.error) or ("ValueError" in result.error)


def test_printing_a_list_that_holds_itself_reads_as_python_does():
    assert ok("a = [1]\na.append(a)\nd = {}\nd['d'] = d\na, d").output == \
        "([1, [...]], {'d': {...}})\n"


def test_a_huge_exception_message_is_cut_like_output():
    result = run("raise ValueError('x' * 5_000_000)", limits=FAST)
    last = result.error.splitlines()[-1]
    assert last.startswith("ValueError: xxx") and len(last) < FAST.max_output + 200
    assert "4,800,012 more characters" in last  # says how much was left out


def _timed_stop(source: str, after: float, limits: Limits = FAST) -> tuple[object, float, dict]:
    cancel = threading.Event()
    env: dict = {}
    ok("B = torch.ones(1000, 1000)\nkeep = 7", env)
    timer = threading.Timer(after, cancel.set)
    timer.start()
    result = run(source, env, limits=limits, cancel=cancel)
    stopped_after = time.monotonic() - timer.interval  # compared with the click below
    timer.cancel()
    return result, stopped_after, env


def test_stop_interrupts_a_loop_of_big_engine_products_within_a_second():
    clicked = time.monotonic() + 0.5
    result, _, env = _timed_stop("for i in range(90):\n    C = B @ B", 0.5)
    assert time.monotonic() - clicked < 1.0
    assert not result.ok and "stopped by the learner" in result.error
    assert user_variables(env)["keep"] == 7 and tuple(env["B"].shape) == (1000, 1000)


def test_the_wall_budget_interrupts_engine_calls_too():
    env: dict = {}
    ok("B = torch.ones(1000, 1000)", env)
    started = time.monotonic()
    result = run("for i in range(10**6):\n    C = torch.matmul(B, B)", env,
                 limits=Limits(max_seconds=0.5))
    assert time.monotonic() - started < 1.5
    assert "0.5 seconds" in result.error


def test_autograd_functional_is_reachable_but_not_the_engine_internals():
    from tutor_app.sandbox import run

    ok = run("x = torch.tensor([1.0, 2.0])\n"
             "h = torch.autograd.functional.hessian(lambda t: (t ** 3).sum(), x)\n"
             "j = torch.autograd.functional.jacobian(lambda t: t ** 2, x)")
    assert ok.ok, ok.error
    assert ok.env["h"].tolist() == [[6.0, 0.0], [0.0, 12.0]]
    for hidden in ("torch.autograd.core", "torch.autograd.functional.np"):
        assert not run(hidden).ok


def test_type_name_reads_as_in_pytorch_and_wrappers_read_as_python_kinds():
    """``type(x).__name__`` is the one dunder allowed (on what ``type`` returned): a tensor's
    is "Tensor" as in PyTorch; the console's own wrappers show as Python's kinds."""
    result = ok("def f(a):\n    return a\nx = torch.ones(2)\n"
                "print(type(x).__name__, type(3).__name__, type(f).__name__,\n"
                "      type(x.dtype).__name__, type(np.zeros(1)).__name__)\n"
                "print(type(f), type(type(x)), type(x) == torch.Tensor)")
    assert result.output == ("Tensor int function dtype ndarray\n"
                             "<class 'function'> <class 'type'> True\n")


def test_from_imports_of_torch_names_work_as_in_d2l():
    """D2L §2.6 starts with ``from torch.distributions.multinomial import Multinomial``:
    the console takes names from torch and numpy, read through the same guards."""
    result = ok("from torch.distributions.multinomial import Multinomial\n"
                "from torch.linalg import norm as n\n"
                "from torch import nn\n"
                "torch.manual_seed(0)\n"
                "counts = Multinomial(1000, torch.ones(6) / 6).sample()\n"
                "print(counts.sum(), n(torch.ones(4)), nn.functional.relu(torch.tensor(-1.)))")
    assert result.output == "tensor(1000.) tensor(2.) tensor(0.)\n"
    assert {"Multinomial", "n", "counts"} <= set(user_variables(result.env))  # nn: a module


def test_a_huge_sample_is_refused_before_it_is_drawn():
    result = run("from torch.distributions.multinomial import Multinomial\n"
                 "Multinomial(10**6, torch.ones(6) / 6).sample((10**4,))", limits=FAST)
    assert not result.ok and "10,000,000,000" in result.error


@pytest.mark.parametrize(("source", "shown"), [
    ("torch.Tensor", "<class 'torch.Tensor'>"),
    ("torch.distributions.Categorical",
     "<class 'torch.distributions.categorical.Categorical'>"),
    ("np.float32", "<class 'numpy.float32'>"),
    ("torch.ones", "<built-in function ones>"),
])
def test_a_class_reached_by_name_prints_as_pytorchs_class(source, shown):
    assert ok(source).output == shown + "\n"
