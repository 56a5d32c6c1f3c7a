"""The "show this identity holds" checker: the answer's last line compares the identity's
two sides, each built from the inputs with the operation in question — judged on the
expressions the engine recorded, so a tautology such as ``A.T == A.T`` proves nothing."""

from __future__ import annotations

import ast

from tutor_app.exercises.evidence import comparison_sides, expression_of, parse, replay
from tutor_app.exercises.messages import (
    Verdict,
    failed_run,
    right,
    run_problem,
    said,
)
from tutor_app.exercises.model import Exercise
from tutor_app.exercises.runs import Outcome, run_on, setups
from tutor_app.exercises.values import all_true, as_array, split_last_expression


def check_identity(ex: Exercise, answer: str, env: dict | None) -> Verdict:
    """"Show this identity holds": the answer ends with a comparison whose two sides are
    the identity's two sides, built from the inputs with the operation in question (as the
    engine recorded them), and it holds on every random input."""
    params = ex.check
    tree = parse(answer)
    if tree is None:
        return failed_run(run_on("", answer, None, tape=False).result.error or "", answer)
    if tree.body and isinstance(tree.body[-1], ast.Assert):  # assert L == R: the same claim
        last = tree.body[-1]
        lines = answer.splitlines()[: last.lineno - 1]
        answer = "\n".join([*lines, ast.get_source_segment(answer, last.test)])
        tree = parse(answer)
    if not tree.body or not isinstance(tree.body[-1], ast.Expr):
        return said(False, "identity.end_with_comparison")
    sides = comparison_sides(tree.body[-1].value)
    if sides is None:
        return said(False, "identity.compare_two_sides")
    before, last = split_last_expression(answer)
    shown = tree.body[-1].value
    if isinstance(shown, ast.Call) and getattr(shown.func, "id", "") == "print" \
            and len(shown.args) == 1:
        last = ast.get_source_segment(answer, shown.args[0])  # print(L == R): the claim
    left, right_side = (ast.get_source_segment(answer, s) for s in sides)
    program = (f"{before}\nanswer_lhs = ({left})\nanswer_rhs = ({right_side})\n"
               f"answer_holds = ({last})")
    wanted = [tuple(pair) for pair in params["sides"]]
    family = params.get("operation", "transpose")
    for trial, setup in enumerate(setups(params)):
        outcome = run_on(setup, program, "answer_holds")
        problem = run_problem(outcome, answer)
        if problem is not None:
            return problem
        holds = outcome.value
        if not (holds is True or all_true(holds)):
            return said(False, "identity.fails_on_input", trial=trial + 1)
        verdict = _sides_problem(outcome, wanted, family, setup)
        if verdict:
            return verdict
    return right()


def _sides_problem(outcome: Outcome, wanted: list[tuple[str, str]], family: str,
                   setup: str) -> Verdict | None:
    exprs = _side_expressions(outcome)
    if exprs is None:
        return said(False, "identity.sides_not_tensors")
    left, right_side = exprs
    if left.canonical() == right_side.canonical():
        return said(False, "identity.same_expression")
    if not any(e.leaves() & {f"given:{n}" for n in _given(outcome)} for e in exprs):
        return said(False, "identity.not_from_inputs")
    if family not in left.ops() | right_side.ops():
        return said(False, "identity.operation_unused")
    got = {left.canonical(), right_side.canonical()}
    for pair in wanted:
        if got == set(_canonical_sides(pair, setup)):
            return None
    still = [replay(e, family) for e in exprs]
    if all(s is not None for s in still) and still[0].shape == still[1].shape and (abs(
            still[0] - still[1]) < 1e-6).all():
        return said(False, "identity.holds_anyway")
    return said(False, "identity.other_identity")


def _side_expressions(outcome: Outcome) -> list | None:
    """The two sides as the engine computed them; ``X - Y == 0`` counts as ``X == Y``."""
    if outcome.tape is None:
        return None
    values = [outcome.namespace.get(name) for name in ("answer_lhs", "answer_rhs")]
    exprs = [None if getattr(v, "uid", None) is None
             else expression_of(outcome.tape, v.uid, outcome.given_uids) for v in values]
    for n in (0, 1):
        other = exprs[1 - n]
        zero = as_array(values[n])
        if (exprs[n] is None or exprs[n].op == "const") and zero is not None and not zero.any() \
                and other is not None and other.op == "sub":
            return list(other.children)
    return None if None in exprs else exprs


def _given(outcome: Outcome) -> set[str]:
    return set(outcome.given_uids.values())


def _canonical_sides(pair: tuple[str, str], setup: str) -> list[tuple]:
    program = f"answer_lhs = ({pair[0]})\nanswer_rhs = ({pair[1]})"
    outcome = run_on(setup, program, "answer_lhs")
    return [expression_of(outcome.tape, outcome.namespace[name].uid,
                          outcome.given_uids).canonical()
            for name in ("answer_lhs", "answer_rhs")]
