"""Hypothesis: random programs behave as plain Python does, and nothing but SandboxError
ever escapes ``run``."""

from __future__ import annotations

import traceback

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tutor_app.sandbox import Limits, RunResult, run

FAST = Limits(max_steps=20_000, max_seconds=5)
pytestmark = pytest.mark.filterwarnings("ignore::SyntaxWarning")
NAMES = ["a", "b", "c"]

atoms = st.one_of(
    st.integers(-20, 20).map(str),
    st.floats(-10, 10, allow_nan=False).map(lambda f: repr(round(f, 3))),
    st.sampled_from(NAMES),
    st.sampled_from(["[1, 2, 3]", "(4, 5)", "'ab'", "True", "None", "[]"]),
)


def _expressions(children):
    binary = st.tuples(children, st.sampled_from(["+", "-", "*", "//", "%", "**", "<", "==",
                                                  "and", "or", " in "]), children)
    return st.one_of(
        binary.map(lambda t: f"({t[0]} {t[1]} {t[2]})"),
        children.map(lambda e: f"(-{e})"),
        children.map(lambda e: f"len({e})"),
        children.map(lambda e: f"abs({e})"),
        children.map(lambda e: f"{e}[0]"),
        children.map(lambda e: f"[{e}, {e}]"),
        children.map(lambda e: f"sum([{e}, 1])"),
        children.map(lambda e: f"max({e}, 0)"),
        children.map(lambda e: f"[v * 2 for v in range(3) if v != {e}]"),
    )


expressions = st.recursive(atoms, _expressions, max_leaves=6)
statements = st.one_of(
    st.tuples(st.sampled_from(NAMES), expressions).map(lambda t: f"{t[0]} = {t[1]}"),
    expressions.map(lambda e: f"print({e})"),
    st.tuples(expressions, st.sampled_from(NAMES)).map(
        lambda t: f"if {t[0]}:\n    {t[1]} = 1\nelse:\n    {t[1]} = 2"),
    st.tuples(st.sampled_from(NAMES), expressions).map(
        lambda t: f"for i in range(3):\n    {t[0]} = {t[1]}"),
)
programs = st.lists(statements, min_size=1, max_size=6).map("\n".join)


def _plain_python(source: str) -> tuple[str, str | None, dict]:
    printed: list[str] = []
    env = {"a": 1, "b": 2, "c": 3,
           "print": lambda *args: printed.append(" ".join(map(str, args)) + "\n")}
    try:
        exec(source, env)  # noqa: S102 - the oracle: generated arithmetic only
        error = None
    except Exception as exc:  # noqa: BLE001
        error = traceback.format_exception_only(type(exc), exc)[-1].strip()
    values = {k: env[k] for k in NAMES}
    return "".join(printed), error, values


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(programs)
def test_random_programs_match_plain_python(source):
    expected_output, expected_error, expected_values = _plain_python(source)
    env = {"a": 1, "b": 2, "c": 3}
    result = run(source, env, limits=FAST)
    if expected_error is not None and (" bits" in (result.error or "")
                                       or "Stopped" in (result.error or "")):
        return  # a budget stopped a computation Python also failed on (huge numbers)
    if result.error and ("bits" in result.error or "Stopped" in result.error):
        return  # a budget refused a huge (but legal) computation: allowed to differ
    assert result.output == expected_output
    if expected_error is None:
        assert result.ok, result.error
    else:
        assert not result.ok
        assert result.error.splitlines()[-1] == expected_error
    assert {k: env[k] for k in NAMES} == expected_values


junk = st.text(alphabet=st.sampled_from(list("()[]{}:.,=+-*/%_ab1'\"\n \tforwhileifdeflambda")),
               max_size=80)


@settings(max_examples=300, deadline=None)
@given(junk)
def test_arbitrary_text_only_ever_returns_a_result(source):
    assert isinstance(run(source, limits=FAST), RunResult)
