"""Checkers: does an answer solve an exercise? One function per ``check.kind``.

``check(exercise, answer, env=None)``: ``answer`` is what the learner typed (code or
text); ``env`` is the console's namespace when the learner checks "with my console
variables" (its variables are copied, never changed).
"""

from __future__ import annotations

import ast
import math
import random
import re
from dataclasses import dataclass, replace

import numpy as np

from tutor_app.exercises.model import Exercise
from tutor_app.exercises.values import all_true, as_array, close, run_answer, shapes_in
from tutor_app.sandbox import user_variables


@dataclass(frozen=True)
class Curve:
    """A line the exercise tab plots from the learner's solution (e.g. sin and its grad)."""

    label: dict[str, str]
    x: np.ndarray
    y: np.ndarray


@dataclass(frozen=True)
class Verdict:
    ok: bool
    message: dict[str, str]          # zh and en
    show_model_answer: bool = False  # explanations: revealed after an attempt
    plot: tuple[Curve, ...] = ()     # curves computed from the learner's own answer

    def text(self, lang: str) -> str:
        return self.message.get(lang) or self.message["en"]


def _say(ok: bool, zh: str, en: str, reveal: bool = False) -> Verdict:
    return Verdict(ok, {"zh": zh, "en": en}, reveal)


def _right() -> Verdict:
    return _say(True, "正确！", "Correct!", reveal=True)


def _failed_run(error: str) -> Verdict:
    return _say(False, f"代码出错了：\n{error}", f"The code raised an error:\n{error}")


def _pattern_problem(params: dict, answer: str) -> Verdict | None:
    for pattern in params.get("require", []):
        if not re.search(pattern, answer):
            hint = params.get("require_message", {})
            return _say(False, hint.get("zh", f"答案需要用到 {pattern}"),
                        hint.get("en", f"The answer should use {pattern}"))
    for pattern in params.get("forbid", []):
        if re.search(pattern, answer):
            hint = params.get("forbid_message", {})
            return _say(False, hint.get("zh", f"这道题不能直接用 {pattern}"),
                        hint.get("en", f"Solve it without {pattern}"))
    return None


def _env(setup: str, console_env: dict | None) -> tuple[dict, str | None]:
    """A fresh namespace after ``setup``, or a copy of the console's variables."""
    if console_env is not None:
        return dict(user_variables(console_env)), None
    namespace: dict = {}
    result, _ = run_answer(setup, namespace) if setup else (None, None)
    return namespace, (result.error if result is not None and not result.ok else None)


def check_value(ex: Exercise, answer: str, env: dict | None) -> Verdict:
    """The answer's value (last expression or ``target``) equals ``expected`` (evaluated in
    the learner's namespace after the answer, or in a fresh setup when ``expected_fresh``)."""
    params = ex.check
    for pattern in params.get("text_accept", []):
        if re.fullmatch(pattern, answer.strip(), flags=re.IGNORECASE):
            return _right()
    problem = _pattern_problem(params, answer)
    if problem:
        return problem
    namespace, setup_error = _env(params.get("setup", ""), env)
    if setup_error:
        return _failed_run(setup_error)
    result, got = run_answer(answer if env is None else "", namespace, params.get("target"))
    if not result.ok:
        return _failed_run(result.error)
    for name, ndim in params.get("min_ndim", {}).items():
        if len(getattr(namespace.get(name), "shape", ())) < ndim:
            return _say(False, f"让 `{name}` 成为向量或矩阵（至少 {ndim} 维）。",
                        f"Make `{name}` a vector or a matrix (at least {ndim} axis).")
    if params.get("expected_fresh") or env is None and "expected_code" in params:
        expected_env, _ = _env(params.get("setup", ""), None)
        _, expected = run_answer(params.get("expected_code", ""), expected_env,
                                 params["expected"])
    else:
        _, expected = run_answer("", namespace, params["expected"])
    if expected is None:
        return _say(False, "没有找到需要的变量，请按题目要求命名。",
                    "The variables the exercise names were not found; name them as asked.")
    difference = close(got, expected, params.get("rtol", 1e-4), params.get("atol", 1e-5))
    if difference:
        return _say(False, f"还不对：{difference}", f"Not yet: {difference}")
    return replace(_right(), plot=_curves(params.get("plot"), namespace, got))


def _curves(spec: dict | None, namespace: dict, answer: object) -> tuple[Curve, ...]:
    """Evaluate the exercise's plot expressions in the learner's namespace (``answer`` is
    the value they gave, ``xs`` the x values), so the figure shows *their* result."""
    if not spec:
        return ()
    namespace["answer"] = answer
    _, xs = run_answer("", namespace, spec["x"])
    namespace["xs"] = xs  # the curves are written in terms of ``xs``
    curves = []
    for curve in spec.get("curves", []):
        _, ys = run_answer("", namespace, curve["y"])
        x, y = as_array(xs), as_array(ys)
        if x is not None and y is not None and x.shape == y.shape and x.ndim == 1:
            curves.append(Curve({"zh": curve["zh"], "en": curve["en"]}, x, y))
    return tuple(curves)


def _trials(params: dict):
    """(trial number, setup code) for randomised checks, deterministic per trial."""
    rng = random.Random(params.get("seed", 0))
    for n in range(int(params.get("trials", 12))):
        dims = {name: rng.choice(choices) for name, choices in params.get("dims", {}).items()}
        yield n, f"torch.manual_seed({n})\n" + params["setup"].format(**dims)


def check_equivalent(ex: Exercise, answer: str, env: dict | None) -> Verdict:
    """The answer computes the same as ``reference`` on many random inputs."""
    params = ex.check
    problem = _pattern_problem(params, answer)
    if problem:
        return problem
    for n, setup in _trials(params):
        expected_env, _ = _env(setup, None)
        _, expected = run_answer("", expected_env, params["reference"])
        learner_env, _ = _env(setup, None)
        result, got = run_answer(answer, learner_env)
        if not result.ok:
            return _failed_run(result.error)
        difference = close(got, expected, params.get("rtol", 1e-4), params.get("atol", 1e-5))
        if difference:
            return _say(False, f"第 {n + 1} 组随机输入上不对：{difference}",
                        f"Wrong on random input #{n + 1}: {difference}")
    return _right()


def check_all_true(ex: Exercise, answer: str, env: dict | None) -> Verdict:
    """The answer is a comparison that is True everywhere, on many random inputs."""
    params = ex.check
    problem = _pattern_problem(params, answer)
    if problem:
        return problem
    for n, setup in _trials(params):
        namespace, _ = _env(setup, None)
        result, got = run_answer(answer, namespace)
        if not result.ok:
            return _failed_run(result.error)
        if not all_true(got):
            return _say(False, f"在第 {n + 1} 组随机输入上不全为 True"
                               "（要写成一个比较，如 X == Y）。",
                        f"Not all True on random input #{n + 1} (write a comparison, "
                        "like X == Y).")
    return _right()


def check_error(ex: Exercise, answer: str, env: dict | None) -> Verdict:
    """Running the answer raises the error the exercise is about."""
    params = ex.check
    namespace, _ = _env(params.get("setup", ""), None)
    result, _ = run_answer(answer, namespace)
    if result.ok:
        return _say(False, "代码运行成功，没有出现题目要观察的错误。",
                    "The code ran without the error the exercise asks you to observe.")
    if params["expect"] not in result.error:
        return _say(False, f"出现了另一个错误：\n{result.error}",
                    f"A different error appeared:\n{result.error}")
    return _say(True, f"正确，得到了这个错误：\n{result.error.splitlines()[-1]}",
                f"Right, this is the error:\n{result.error.splitlines()[-1]}", reveal=True)


def check_shapes(ex: Exercise, answer: str, env: dict | None) -> Verdict:
    """The answer names (as text or as tensors it computes) the expected shapes."""
    params = ex.check
    expected = [tuple(s) for s in params["shapes"]]
    value = None
    if re.search(r"[A-Za-z_]", answer):
        namespace, _ = _env(params.get("setup", ""), None)
        result, value = run_answer(answer, namespace)
        if not result.ok:
            return _failed_run(result.error)
    got = shapes_in(value, answer)
    if got == expected:
        return _right()
    shown = ", ".join(str(s) for s in got) or "—"
    return _say(False, f"形状不对：得到 {shown}", f"Not those shapes: got {shown}")


def check_explain(ex: Exercise, answer: str, env: dict | None) -> Verdict:
    """Explanations: any real attempt reveals the model answer to compare with."""
    if len(answer.strip()) < int(ex.check.get("min_chars", 6)):
        return _say(False, "先写下你的想法，再看参考答案。",
                    "Write down your own reasoning first, then compare with the model answer.")
    return _say(True, "对照参考答案检查你的推理。",
                "Compare your reasoning with the model answer.", reveal=True)


def _uses_control_flow(answer: str, name: str) -> bool:
    try:
        tree = ast.parse(answer)
    except (SyntaxError, ValueError):
        return False
    return any(isinstance(node, ast.FunctionDef) and node.name == name
               and any(isinstance(sub, ast.If | ast.While | ast.For | ast.IfExp)
                       for sub in ast.walk(node))
               for node in ast.walk(tree))


def check_function_grad(ex: Exercise, answer: str, env: dict | None) -> Verdict:
    """The learner's function uses control flow, and autograd's gradient of it matches
    central finite differences at random points."""
    name = ex.check.get("function", "g")
    if not _uses_control_flow(answer, name):
        return _say(False, f"请定义一个包含 if/while/for 的函数 {name}(a)。",
                    f"Define a function {name}(a) that uses if, while or for.")
    namespace: dict = {}
    result, _ = run_answer(answer, namespace)
    if not result.ok:
        return _failed_run(result.error)
    probe = (f"a = torch.tensor({{x}}, dtype=torch.float64, requires_grad=True)\n"
             f"out = {name}(a)\nout.backward()\n")
    rng = random.Random(7)
    for _ in range(3):
        x, h = rng.uniform(-2.0, 2.0), 1e-3
        result, grad = run_answer(probe.format(x=x), namespace, "float(a.grad)")
        if not result.ok:
            return _failed_run(result.error)
        values = []
        for point in (x + h, x - h):
            _, v = run_answer(f"float({name}(torch.tensor({point}, dtype=torch.float64)))",
                              namespace)
            values.append(v)
        numeric = (values[0] - values[1]) / (2 * h)
        if not math.isclose(grad, numeric, rel_tol=2e-3, abs_tol=2e-3):
            return _say(False, f"在 a = {x:.3f} 处，自动求导得 {grad:.5g}，"
                               f"数值差分得 {numeric:.5g}。",
                        f"At a = {x:.3f} autograd gives {grad:.5g}, finite differences "
                        f"{numeric:.5g}.")
    return _right()


CHECKERS = {
    "value": check_value, "equivalent": check_equivalent, "all_true": check_all_true,
    "error": check_error, "shapes": check_shapes, "explain": check_explain,
    "function_grad": check_function_grad,
}


def check(exercise: Exercise, answer: str, env: dict | None = None) -> Verdict:
    """Check ``answer`` (or, with ``env``, the console's variables) against ``exercise``."""
    checker = CHECKERS.get(exercise.kind)
    if checker is None:
        return _say(False, f"未知的检查方式 {exercise.kind}", f"Unknown check {exercise.kind}")
    return checker(exercise, answer or "", env)
