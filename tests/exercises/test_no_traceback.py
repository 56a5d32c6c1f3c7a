"""Whatever a learner types, Check answers with a readable verdict: never an exception,
never a traceback, always both languages."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tutor_app.exercises import model
from tutor_app.exercises.checkers import check

HOSTILE = [
    "", "   ", "\x00", "(" * 500, "x" * 20_000, "import os", "__import__('os').system('ls')",
    "while True:\n    pass", "def f(:", "1/0", "torch.ones(100000, 100000)", "raise SystemExit",
    "A.__class__", "lambda: 0", "exec('1')", "'''", "x = torch.tensor(float('nan'))", "None",
    "[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]", "（", "第", "axis", "---", "A, Z", "∇f = ‖",
]


def _assert_readable(verdict) -> None:
    for lang in ("zh", "en"):
        text = verdict.text(lang)
        assert text.strip() and "Traceback" not in text and 'File "' not in text, text


@pytest.mark.parametrize("ex", model.load_all(), ids=lambda ex: ex.id)
def test_hostile_answers_get_a_readable_refusal(ex):
    for answer in HOSTILE:
        verdict = check(ex, answer)
        _assert_readable(verdict)
        assert not verdict.ok, f"{ex.id}: {answer[:40]!r} accepted"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ex=st.sampled_from(model.load_all()), answer=st.text(max_size=40))
def test_any_text_gets_a_readable_verdict(ex, answer):
    _assert_readable(check(ex, answer))
