"""Checkers: does an answer solve an exercise? One function per ``check.kind``.

``check(exercise, answer, env=None)``: ``answer`` is what the learner typed (code, a
number, shapes, chosen options). With ``env`` (the console's namespace) the answer is the
program the console ran; either way the verdict rests on evidence — the exercise's own
inputs and fresh random ones, the parsed code, the ops the engine recorded — never on the
learner's variables or on the raw text.
"""

from __future__ import annotations

import ast
import math
import random
import re
from collections.abc import Callable

from tutor_app.exercises import answers
from tutor_app.exercises.evidence import (
    code_facts,
    parse,
)
from tutor_app.exercises.identity import check_identity
from tutor_app.exercises.messages import (
    Curve,
    Verdict,
    failed_run,
    mistake,
    replaced,
    right,
    run_problem,
    said,
    setup_failed,
    words,
)
from tutor_app.exercises.model import Exercise
from tutor_app.exercises.runs import Outcome, given_names, reference_on, run_on, setups
from tutor_app.exercises.values import (
    as_array,
    close,
    run_answer,
    shapes_of,
)
from tutor_app.i18n import LANGUAGES

__all__ = ["CHECKERS", "Curve", "Verdict", "check"]


# ---- rules on the parsed code --------------------------------------------------------------
def _rule_problem(params: dict, answer: str, tape=None) -> Verdict | None:
    """``require``/``forbid``: lists of {any = [tokens], zh, en}. Tokens name what the parsed
    code uses (``fn:cos``, ``attr:T``, ``op:div``, ``name:x``, ``stmt:raise``) or, once the
    answer ran, an op the engine recorded (``rec:norm``) — however the code reached it."""
    facts = code_facts(answer)
    if facts is None:
        return None  # the run reports the syntax error
    recorded = {op.op for op in tape.ops} if tape is not None else set()

    def uses(token: str) -> bool:
        kind, _, what = token.partition(":")
        return what in recorded if kind == "rec" else facts.uses(token)

    for rule in params.get("require", []):
        if tape is None and any(t.startswith("rec:") for t in rule["any"]):
            continue  # decided after the run
        if not any(uses(token) for token in rule["any"]):
            return Verdict(False, _own_words(rule))
    for rule in params.get("forbid", []):
        if any(uses(token) for token in rule["any"]):
            return Verdict(False, _own_words(rule))
    return None


def _value_mistake(ex: Exercise, got: object, expected: object, ref_env: dict,
                   error: str | None = None) -> Verdict | None:
    """A named misconception this wrong answer shows: the exercise's own list first, then
    the ones any numeric answer can show (sign, transposed), at the exercise's tolerance."""
    tol = (ex.check.get("rtol", 1e-4), ex.check.get("atol", 1e-5))
    for entry in ex.check.get("mistake", []):
        if "error" in entry:
            if error and entry["error"] in error:
                return _mistake_verdict(entry)
            continue
        if error is not None or "value" not in entry:
            continue
        _, wrong = run_answer("", dict(ref_env), entry["value"])
        if wrong is not None and close(got, wrong, *tol) is None:
            return _mistake_verdict(entry)
    if error is not None:
        if "grad can be implicitly created only for scalar outputs" in error:
            return mistake("non_scalar_backward")
        return None
    a, b = as_array(got), as_array(expected)
    if a is None or b is None or a.dtype == bool or b.dtype == bool or a.size == 0:
        return None
    if a.shape == b.shape and b.any() and close(got, -b, *tol) is None:
        return mistake("sign_error")
    if b.ndim == 2 and b.shape[0] > 1 and b.shape[1] > 1 and a.shape == b.T.shape \
            and close(a, b.T, *tol) is None:
        return mistake("layout_transposed")
    return None


def _own_words(entry: dict) -> dict[str, str]:
    """An exercise file's own words for a rule or a mistake, one per language."""
    return {lang: str(entry.get(lang, "")) for lang in LANGUAGES}


def _mistake_verdict(entry: dict) -> Verdict:
    if "name" in entry:
        return mistake(entry["name"], _own_words(entry))
    return Verdict(False, _own_words(entry), mistake=entry.get("tag"))


def _not_yet(detail: dict[str, str], trial: int) -> Verdict:
    if trial == 0:
        return said(False, "not_yet", detail=detail)
    return said(False, "not_yet_random", trial=trial, detail=detail)


_HAND_FUNCTIONS = {"abs", "round", "min", "max"}


def _hand_arithmetic(answer: str) -> object | None:
    """``5 / 10 ** 0.5`` or ``(3 + 4, 2)``: numbers and operators only, a prediction worked
    out by hand (it names no input, so it cannot be re-run on other inputs)."""
    tree = parse(answer)
    if tree is None or len(tree.body) != 1 or not isinstance(tree.body[0], ast.Expr):
        return None
    allowed = (ast.Module, ast.Expr, ast.Constant, ast.BinOp, ast.UnaryOp, ast.Tuple,
               ast.List, ast.operator, ast.unaryop, ast.Load, ast.Call)
    for node in ast.walk(tree):
        if not isinstance(node, allowed) or isinstance(node, ast.Call) and not (
                isinstance(node.func, ast.Name) and node.func.id in _HAND_FUNCTIONS):
            return None
    result, value = run_answer(answer, {})
    return value if result.ok else None


def _typed_literal(answer: str) -> object | None:
    pair = answers.parse_pair(answer)
    return pair if pair is not None else answers.parse_number(answer)


# ---- kinds -----------------------------------------------------------------------------
def check_value(ex: Exercise, answer: str, env: dict | None) -> Verdict:
    """The answer's value (``target`` or its last expression) equals ``reference`` on the
    given inputs and on random ones; a typed number counts as a prediction when
    ``literal`` is set."""
    params = ex.check
    variants = setups(params)
    rtol, atol = params.get("rtol", 1e-4), params.get("atol", 1e-5)
    if params.get("literal"):
        typed = _typed_literal(answer)
        if typed is None:
            typed = _hand_arithmetic(answer)
        if typed is not None:
            expected, ref_env = reference_on(variants[0], params)
            difference = close(typed, expected, rtol, atol)
            if difference is None:
                return right()
            return _value_mistake(ex, typed, expected, ref_env) or _not_yet(
                difference.text, 0)
    answer = _as_code(answer, variants[0])
    problem = _rule_problem(params, answer)
    if problem:
        return problem
    target = params.get("target")
    got = None
    for trial, setup in enumerate(variants):
        outcome = run_on(setup, answer, target)
        if outcome.setup_error:
            return setup_failed(outcome.setup_error)
        if not outcome.result.ok:
            error = outcome.result.error or ""
            return (_missing_target(target, error) or _value_mistake(ex, None, None, {}, error)
                    or failed_run(error, answer, last_expression=target is None))
        if outcome.replaced:
            return replaced(outcome.replaced)
        problem = _rule_problem(params, answer, outcome.tape)
        if problem:
            return problem
        backward_problem = _backward_problem(params, answer, outcome)
        if backward_problem:
            return backward_problem
        shape_problem = _min_ndim_problem(params, outcome)
        if shape_problem:
            return shape_problem
        extra = {name: as_array(outcome.namespace.get(name))
                 for name in params.get("inputs_from_answer", [])}
        expected, ref_env = reference_on(setup, params, extra)
        got = outcome.value
        if got is None and target is None:
            return said(False, "value.end_with_expression")
        difference = close(got, expected, rtol, atol)
        if difference:
            named = _value_mistake(ex, got, expected, ref_env)
            return named or _not_yet(difference.text, trial)
    return _with_plot(right(), params.get("plot"), answer, variants[0], got)


def _as_code(answer: str, setup: str) -> str:
    """A formula typed as maths (``[6x₁, 5e^{x₂}]``) becomes code; Python stays as it is."""
    if parse(answer) is not None:
        return answer
    translated = answers.math_to_code(answer, given_names(setup) | {"x"})
    return translated if translated is not None and parse(translated) is not None else answer


def _missing_target(target: str | None, error: str) -> Verdict | None:
    """The exercise reads names the answer never defined: say which to define."""
    found = re.search(r"NameError: name '(\w+)' is not defined", error)
    if not target or not found or not re.search(rf"\b{found.group(1)}\b", target):
        return None
    name = found.group(1)
    return said(False, "value.missing_target", name=name, target=target)


def _backward_problem(params: dict, answer: str, outcome: Outcome) -> Verdict | None:
    """``needs_backward``: these tensors' ``.grad`` must come from a backward pass the engine
    ran on this very answer — not from an assignment or a formula."""
    names = params.get("needs_backward", [])
    if not names:
        return None
    facts = code_facts(answer)
    if facts is not None and facts.grad_assigned:
        return said(False, "value.grad_assigned")
    tape = outcome.tape
    for name in names:
        uid = getattr(outcome.namespace.get(name), "uid", None)
        reached = tape is not None and any(e.uid == uid for e in tape.leaf_grads)
        if not reached:
            return said(False, "value.grad_not_from_backward", name=name)
    return None


def _min_ndim_problem(params: dict, outcome: Outcome) -> Verdict | None:
    for name, ndim in params.get("min_ndim", {}).items():
        if len(getattr(outcome.namespace.get(name), "shape", ())) < ndim:
            return said(False, "value.min_ndim", name=name, ndim=ndim)
    return None


def _with_plot(verdict: Verdict, spec: dict | None, answer: str, setup: str,
               got: object) -> Verdict:
    """Curves from the learner's own answer (re-run on the given inputs), so the figure
    shows *their* result."""
    if not spec:
        return verdict
    outcome = run_on(setup, answer, None, tape=False)
    namespace = outcome.namespace
    namespace["answer"] = got
    _, xs = run_answer("", namespace, spec["x"])
    namespace["xs"] = xs
    curves = []
    for curve in spec.get("curves", []):
        _, ys = run_answer("", namespace, curve["y"])
        x, y = as_array(xs), as_array(ys)
        if x is not None and y is not None and x.shape == y.shape and x.ndim == 1:
            curves.append(Curve(_own_words(curve), x, y))
    return Verdict(verdict.ok, verdict.message, verdict.show_model_answer, tuple(curves))


def check_error(ex: Exercise, answer: str, env: dict | None) -> Verdict:
    """Running the answer makes the *engine* raise the error the exercise is about: a
    ``raise`` or ``assert`` of the learner's own does not count."""
    params = ex.check
    facts = code_facts(answer)
    if facts is not None and facts.raises:
        return said(False, "error.raised_yourself")
    if parse(answer) is None and params["expect"][:24] in answer:
        return said(False, "error.message_not_code")
    problem = _rule_problem(params, answer)
    if problem:
        return problem
    outcome = run_on(params.get("setup", ""), answer, None, tape=False, keep_givens=False)
    if outcome.result.ok:
        if _caught_and_shown(params["expect"], facts, outcome.result.output):
            return said(True, "error.caught_and_printed", error=params["expect"], reveal=True)
        return said(False, "error.none_raised")
    error = outcome.result.error or ""
    last = error.strip().splitlines()[-1]
    if params["expect"] not in last:
        named = _value_mistake(ex, None, None, {}, error)
        if named:
            return named
        return said(False, "error.another_error", detail=failed_run(error, answer).message)
    return said(True, "error.the_expected_one", error=last, reveal=True)


def _caught_and_shown(expect: str, facts, output: str) -> bool:
    """``try: …  except RuntimeError as e: print(e)`` shows the engine's error too — as long
    as no string in the code spells the message by hand."""
    return (facts is not None and facts.catches and expect in output
            and not facts.writes(expect[:12]) and not facts.writes(expect[-12:]))


def check_shapes(ex: Exercise, answer: str, env: dict | None) -> Verdict:
    """The shapes, typed as learners type them — or code whose tensors have them, on the
    given inputs and on random ones (``reference`` gives the shapes there)."""
    params = ex.check
    expected = [tuple(s) for s in params["shapes"]]
    typed = answers.parse_shapes(answer)
    if typed is not None:
        return _shape_verdict(ex, typed, expected)
    if parse(answer) is None or code_facts(answer).names == frozenset():
        return said(False, "shapes.none_read")
    for trial, setup in enumerate(setups(params)):
        outcome = run_on(setup, answer, None, tape=False)
        problem = run_problem(outcome, answer)
        if problem is not None:
            return problem
        got = shapes_of(outcome.value)
        if got is None:
            got = _printed_shapes(answer, outcome.result.output)
        if got is None:
            return said(False, "shapes.end_with_tensors")
        want = expected if trial == 0 else shapes_of(reference_on(setup, params)[0])
        if got != want:
            if trial:
                return _not_yet(words("shapes.wrong"), trial)
            return _shape_verdict(ex, got, want)
    return right()


def _printed_shapes(answer: str, output: str) -> list | None:
    """Shapes the code printed (``print(X.sum(0).shape)``), unless it printed typed text."""
    facts = code_facts(answer)
    if facts is None or facts.strings or "Size(" not in output:
        return None
    return answers.parse_shapes(" ; ".join(
        m for m in re.findall(r"torch\.Size\(\[[^\]]*\]\)", output)))


def _shape_verdict(ex: Exercise, got: list, expected: list) -> Verdict:
    if got == expected:
        return right()
    for entry in ex.check.get("mistake", []):
        if "shapes" in entry and [tuple(s) for s in entry["shapes"]] == got:
            return _mistake_verdict(entry)
    if sorted(got) == sorted(expected) and len(got) > 1:
        return mistake("shape_order")
    shown = ", ".join(str(s) for s in got)
    return said(False, "shapes.wrong_typed", shown=shown)


def check_number(ex: Exercise, answer: str, env: dict | None) -> Verdict:
    """A number or an axis, typed in zh or en (``parse = "axis"`` reads 第0维, axis 0, the
    outermost axis …), or — when ``code`` is set — code that evaluates to it."""
    params = ex.check
    expected = params["expected"]
    parser = answers.parse_axis if params.get("parse") == "axis" else answers.parse_number
    typed = parser(answer)
    if typed is None and params.get("code") and parse(answer) is not None:
        value = _code_number(ex, answer)
        if isinstance(value, Verdict):
            return value
        typed = value
    if typed is None:
        return said(False, "number.none_read")
    if math.isclose(float(typed), float(expected), rel_tol=1e-6, abs_tol=1e-9):
        return right()
    for entry in params.get("mistake", []):
        if "answer" in entry and math.isclose(float(typed), float(entry["answer"])):
            return _mistake_verdict(entry)
    return said(False, "number.wrong", shown=_shown(typed))


def _shown(number: float) -> str:
    return str(int(number)) if float(number).is_integer() else f"{number:g}"


def _code_number(ex: Exercise, answer: str) -> float | Verdict:
    """Code answers to a number question: an int (never True/False) on the given inputs
    and the reference's value on random ones."""
    params = ex.check
    value = None
    for trial, setup in enumerate(setups(params)):
        outcome = run_on(setup, answer, None, tape=False)
        if not outcome.result.ok:
            return failed_run(outcome.result.error or "", answer, last_expression=True)
        if outcome.replaced:
            return replaced(outcome.replaced)
        got = outcome.value
        if isinstance(got, bool) or not isinstance(got, int | float) and as_array(got) is None:
            return said(False, "number.not_bool")
        array = as_array(got)
        if array is None or array.size != 1 or array.dtype == bool:
            return said(False, "number.single")
        number = float(array.reshape(()))
        if trial == 0:
            value = number
            if not math.isclose(number, float(params["expected"]), rel_tol=1e-6,
                                abs_tol=1e-9):
                return value  # wrong already on the given inputs: no random trials needed
        elif "reference" in params:
            expected = as_array(reference_on(setup, params)[0])
            if expected is None or not math.isclose(number, float(expected.reshape(()))):
                return _not_yet(words("number.got", shown=_shown(number)), trial)
    return value


def check_choice(ex: Exercise, answer: str, env: dict | None) -> Verdict:
    """Pick the true statements. ``answer`` is the chosen labels (``A, C``), optionally
    followed by a line ``---`` and the learner's own note, which is kept, never graded."""
    params = ex.check
    choice_text, _, note = answer.partition("\n---\n")
    options = ex.options.get("en", ())
    chosen = answers.parse_choices(choice_text, len(options))
    if chosen is None:
        return said(False, "choice.none_chosen", note=answer.strip())
    correct = frozenset(params["correct"])
    if chosen == correct:
        return said(True, "choice.correct", reveal=True, note=note.strip())
    for entry in params.get("mistake", []):
        if entry["choice"] in chosen and entry["choice"] not in correct:
            verdict = _mistake_verdict(entry)
            return Verdict(False, verdict.message, mistake=verdict.mistake, note=note.strip())
    wrong = sorted(chosen - correct)
    missing = sorted(correct - chosen)
    parts = []
    if wrong:
        labels = ", ".join(answers.option_label(i) for i in wrong)
        parts.append(words(f"choice.wrong_{'one' if len(wrong) == 1 else 'many'}",
                           labels=labels))
    if missing:
        parts.append(words(f"choice.missing_{'one' if len(missing) == 1 else 'many'}",
                           count=len(missing)))
    if len(parts) == 1:
        return said(False, "choice.one_part", first=parts[0], note=note.strip())
    return said(False, "choice.two_parts", first=parts[0], second=parts[1], note=note.strip())


def check_function_grad(ex: Exercise, answer: str, env: dict | None) -> Verdict:
    """The learner's function uses control flow on its input, its graph is not cut, and
    autograd's gradient matches central finite differences at random points."""
    name = ex.check.get("function", "g")
    tree = parse(answer)
    if tree is None:
        return failed_run(run_on("", answer, None, tape=False).result.error or "", answer)
    defs = [n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef) and n.name == name]
    if not defs or not code_facts(ast.unparse(defs[0])).loops:
        return said(False, "function_grad.define", name=name)
    namespace: dict = {}
    result, _ = run_answer(answer, namespace)
    if not result.ok:
        return failed_run(result.error or "", answer)
    probe = (f"a = torch.tensor({{x}}, dtype=torch.float64, requires_grad=True)\n"
             f"out = {name}(a)\nout.backward()\n")
    rng = random.Random(7)
    for _ in range(4):
        x, h = rng.uniform(-2.0, 2.0), 1e-4
        result, grad = run_answer(probe.format(x=x), namespace, "float(a.grad)")
        if not result.ok:
            return failed_run(result.error or "", "")
        values = []
        for point in (x + h, x - h):
            _, v = run_answer(f"float({name}(torch.tensor({point}, dtype=torch.float64)))",
                              namespace)
            values.append(v)
        if any(v is None for v in values):
            return said(False, "function_grad.scalar", name=name)
        numeric = (values[0] - values[1]) / (2 * h)
        if not math.isclose(grad, numeric, rel_tol=2e-3, abs_tol=2e-3):
            return said(False, "function_grad.mismatch", x=x, grad=grad, numeric=numeric)
    return right()


CHECKERS: dict[str, Callable[[Exercise, str, dict | None], Verdict]] = {
    "value": check_value, "identity": check_identity, "error": check_error,
    "shapes": check_shapes, "number": check_number, "choice": check_choice,
    "function_grad": check_function_grad,
}


def check(exercise: Exercise, answer: str, env: dict | None = None) -> Verdict:
    """Check ``answer`` against ``exercise``. With ``env`` the caller passes the console's
    program as ``answer``; the variables in ``env`` are never trusted for the verdict."""
    checker = CHECKERS.get(exercise.kind)
    if checker is None:
        return said(False, "unknown_check", kind=exercise.kind)
    if not (answer or "").strip():
        return said(False, "write_answer_first")
    try:
        return checker(exercise, answer, env)
    except Exception as exc:  # noqa: BLE001 - a checker bug must never show a traceback
        return said(False, "checker_failed", error=type(exc).__name__)
