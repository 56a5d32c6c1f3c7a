"""Every exercise's checker accepts correct answers and rejects typical wrong ones."""

from __future__ import annotations

import pytest

from tutor_app.exercises import model
from tutor_app.exercises.checkers import check
from tutor_app.sandbox import run

F = ("def f(a):\n    b = a * 2\n    while b.norm() < 1000:\n        b = b * 2\n"
     "    if b.sum() > 0:\n        c = b\n    else:\n        c = 100 * b\n    return c\n")

# id: (correct answers, typical wrong answers)
CASES: dict[str, tuple[list[str], list[str]]] = {
    "ex2_1_1": (["lt = x < y\ngt = x > y"],
                ["lt = x > y\ngt = x < y", "lt = x == y\ngt = x != y",
                 "lt = (x < y).float()\ngt = (x > y).float()", "lt = x < y"]),
    "ex2_1_2": (["(3, 4, 2)", "(a + b).shape", "a + b"], ["(3, 1, 2)", "(1, 4, 2)", "a"]),
    "ex2_3_1": (["A.T.T == A", "(A.T).T == A"], ["A.T == A", "A.T.T", "A == A"]),
    "ex2_3_2": (["A.T + B.T == (A + B).T"], ["A.T + B == (A + B).T", "A + B == B + A"]),
    "ex2_3_3": (["(A + A.T) == (A + A.T).T", "S = A + A.T\nS == S.T"], ["A == A.T", "A + A.T"]),
    "ex2_3_4": (["2", "len(X)"], ["3", "24", "X.shape"]),
    "ex2_3_5": (["0", "axis 0", "第0轴", "axis=0"], ["1", "2", "-1"]),
    "ex2_3_6": (["A / A.sum(axis=1)"],
                ["A / A.sum(axis=1, keepdims=True)", "A / A.sum(axis=0)"]),
    "ex2_3_7": (["(3,4),(2,4),(2,3)", "(3, 4)，(2, 4)，(2, 3)",
                 "X.sum(axis=0), X.sum(axis=1), X.sum(axis=2)",
                 "X.sum(0).shape, X.sum(1).shape, X.sum(2).shape"],
                ["(2,3,4)", "(4,), (3,), (2,)", "(3,4),(2,4)", "X"]),
    "ex2_3_8": (["torch.sqrt((X ** 2).sum())", "(X * X).sum().sqrt()"],
                ["X.sum()", "X.abs().max()", "(X ** 2).sum()", "torch.linalg.norm(X)"]),
    "ex2_3_9": (["7", "torch.abs(p - q).sum()", "(p - q).abs().sum()"],
                ["5", "torch.sqrt(((p - q) ** 2).sum())"]),
    "ex2_4_1": (["(4, -4)", "x = torch.tensor(1.0, requires_grad=True)\ny = x**3 - 1/x\n"
                            "y.backward()\n(x.grad, y - x.grad * x)"],
                ["(3, -3)", "(4, 0)"]),
    "ex2_4_2": (["torch.stack([6 * x[0], 5 * torch.exp(x[1])])",
                 "z = x.clone().requires_grad_(True)\nf = 3 * z[0] ** 2 + 5 * torch.exp(z[1])\n"
                 "f.backward()\nz.grad"],
                ["torch.stack([3 * x[0], 5 * torch.exp(x[1])])",
                 "torch.stack([6 * x[0], torch.exp(x[1])])"]),
    "ex2_4_3": (["x / x.norm()", "x / torch.sqrt((x * x).sum())"],
                ["2 * x", "x", "x / (x * x).sum()"]),
    "ex2_4_4": (["du/da = du/dx dx/da + du/dy dy/da + du/dz dz/da"], ["", "abc"]),
    "ex2_5_1": (["The first backward must itself be recorded as a graph"], ["", "no"]),
    "ex2_5_2": (["x = torch.arange(4.0, requires_grad=True)\ny = 2 * torch.dot(x, x)\n"
                 "y.backward()\ny.backward()"],
                ["x = torch.arange(4.0, requires_grad=True)\ny = 2 * torch.dot(x, x)\n"
                 "y.backward(retain_graph=True)\ny.backward()",
                 "x = torch.arange(4.0)\ny = 2 * torch.dot(x, x)\ny.backward()"]),
    "ex2_5_3": (["a = torch.randn(3, requires_grad=True)\nd = f(a)\nd.sum().backward()",
                 "a = torch.randn(2, 3, requires_grad=True)\nd = f(a)\n"
                 "d.backward(gradient=torch.ones_like(d))"],
                ["a = torch.randn(3, requires_grad=True)\nd = f(a)\nd.backward()",
                 "a = torch.randn((), requires_grad=True)\nd = f(a)\nd.backward()"]),
    "ex2_5_4": (["def g(a):\n    if a > 0:\n        return a * a\n    return -3 * a",
                 "def g(a):\n    b = a\n    for i in range(3):\n        b = b * a\n    return b"],
                ["def g(a):\n    return a * a",
                 "def g(a):\n    b = a.detach() * 3\n    if b > 0:\n        return b * a\n"
                 "    return b * a",
                 "def g(a):\n    if a > 0:\n        return float(a) * a\n    return a"]),
    "ex2_5_5": (["y = torch.sin(x)\ny.sum().backward()"],
                ["y = torch.sin(x)\ny.backward()", "x.grad = torch.cos(x)",
                 "y = torch.sin(x)\n(2 * y).sum().backward()"]),
}


def test_every_exercise_has_test_answers():
    assert {ex.id for ex in model.load_all()} == set(CASES)


def test_the_notes_eight_are_in_the_exercises_lesson():
    ids = [ex.id for ex in model.for_lesson("exercises_2_3")]
    assert ids[:8] == [f"ex2_3_{n}" for n in range(1, 9)]


@pytest.mark.parametrize("ex_id", sorted(CASES))
def test_correct_answers_are_accepted(ex_id):
    exercise = model.by_id(ex_id)
    for answer in CASES[ex_id][0]:
        verdict = check(exercise, answer)
        assert verdict.ok, (answer, verdict.text("en"))
        assert verdict.show_model_answer


@pytest.mark.parametrize("ex_id", sorted(CASES))
def test_typical_wrong_answers_are_rejected(ex_id):
    exercise = model.by_id(ex_id)
    for answer in CASES[ex_id][1]:
        verdict = check(exercise, answer)
        assert not verdict.ok, answer
        assert verdict.text("zh") and verdict.text("en")


def _console(source: str) -> dict:
    env: dict = {}
    assert run(source, env).ok
    return env


def test_console_variables_can_solve_an_exercise():
    env = _console("x = torch.tensor([1.0, 2, 4, 8])\ny = torch.tensor([2, 2, 2, 2])\n"
                   "lt = x < y\ngt = x > y")
    assert check(model.by_id("ex2_1_1"), "", env).ok
    wrong = _console("x = torch.tensor([1.0, 2, 4, 8])\ny = torch.tensor([2, 2, 2, 2])\n"
                     "lt = x > y\ngt = x > y")
    assert not check(model.by_id("ex2_1_1"), "", wrong).ok
    missing = _console("x = torch.tensor([1.0, 2])")
    assert not check(model.by_id("ex2_1_1"), "", missing).ok


def test_console_check_of_the_control_flow_exercise():
    env = _console(F + "a = torch.randn(4, requires_grad=True)\nd = f(a)\nd.sum().backward()")
    assert check(model.by_id("ex2_5_3"), "", env).ok


def test_hostile_answers_are_rejected_not_raised():
    for ex in model.load_all():
        for answer in ("__import__('os')", "while True: pass", "open('x')", "torch.zeros(10**10)"):
            assert not check(ex, answer).ok or ex.kind == "explain"


def test_statements_hints_and_answers_exist_in_both_languages():
    for ex in model.load_all():
        for lang in ("zh", "en"):
            assert ex.text("statement", lang).strip()
            assert ex.text("model_answer", lang).strip()
        assert len(ex.hints["zh"]) == len(ex.hints["en"]) >= 1
