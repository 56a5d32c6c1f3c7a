"""Hypothesis: random tensor programs print the same in the sandbox as with the engine
called directly (the sandbox adds safety, never different results)."""

from __future__ import annotations

import io
import traceback
from contextlib import redirect_stdout

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import tutor_app.engine as engine
from tutor_app.sandbox import Limits, run

FAST = Limits(max_steps=20_000, max_seconds=5)
SETUP = ("g = torch.manual_seed(0)\n"
         "v = torch.arange(4.0)\nw = torch.randn(4)\nm = torch.randn(3, 4)\n"
         "c = torch.randn(3, 1)\n")
atoms = st.sampled_from(["v", "w", "m", "c", "(2.0)", "(3)", "m.T", "v[1:]", "m[0]", "(-w)",
                         "torch.ones(4)"])
unary = st.sampled_from([".sum()", ".mean()", ".abs()", ".exp()", ".sum(axis=0)",
                         ".sum(axis=-1, keepdims=True)", ".reshape(-1)", ".T", ".clone()"])


def _expressions(children):
    binary = st.tuples(children, st.sampled_from(["+", "-", "*", "/", "@", "==", "<"]),
                       children)
    return st.one_of(binary.map(lambda t: f"({t[0]} {t[1]} {t[2]})"),
                     st.tuples(children, unary).map(lambda t: f"{t[0]}{t[1]}"),
                     children.map(lambda e: f"torch.dot(v, {e})"),
                     children.map(lambda e: f"len({e})"))


programs = st.lists(st.recursive(atoms, _expressions, max_leaves=4), min_size=1, max_size=4)


def _direct(lines: list[str]) -> tuple[str, str | None]:
    """The oracle: the same code with the engine as ``torch`` and nothing in between."""
    out = io.StringIO()
    namespace = {"torch": engine}
    try:
        with redirect_stdout(out):
            exec(SETUP, namespace)  # noqa: S102 - generated from the strategies above
            for line in lines:
                print(repr(eval(line, namespace)))  # noqa: S307
        return out.getvalue(), None
    except Exception as exc:  # noqa: BLE001
        return out.getvalue(), traceback.format_exception_only(type(exc), exc)[-1].strip()


@pytest.mark.filterwarnings("ignore::SyntaxWarning")
@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(programs)
def test_sandbox_matches_the_engine(lines):
    """Each line typed on its own, as at a REPL (each echoes its value)."""
    expected_output, expected_error = _direct(lines)
    setup = run(SETUP, limits=FAST)
    assert setup.ok, setup.error
    outputs = []
    for line in lines:
        result = run(line, setup.env, limits=FAST)
        outputs.append(result.output)
        if not result.ok:
            break
    assert "".join(outputs) == expected_output
    if expected_error is None:
        assert result.ok, result.error
    else:
        assert not result.ok
        assert result.error.splitlines()[-1] == expected_error
