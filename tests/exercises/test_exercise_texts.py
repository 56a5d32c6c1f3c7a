"""Exercise texts: both languages everywhere, no English prose on the Chinese side."""

from __future__ import annotations

import re

import pytest

from tutor_app.exercises import model
from tutor_app.exercises.messages import mistake_names

ALLOWED_WORDS = {"D2L", "PyTorch", "NumPy", "torch", "Frobenius", "Hessian", "GPT", "L1", "L2",
                 "keepdims", "True", "False", "dtype", "grad", "backward", "Python", "ReLU",
                 "no_grad", "detach", "zero_", "KiB", "MiB", "GiB"}


def _prose(text: str) -> str:
    """The text without code spans, formulas and names that stay English in Chinese."""
    text = re.sub(r"`[^`]*`", " ", text)
    text = re.sub(r"\$[^$]*\$", " ", text)
    return " ".join(w for w in re.split(r"[^A-Za-z_.]+", text) if w not in ALLOWED_WORDS)


def _zh_texts(ex: model.Exercise) -> list[str]:
    return [ex.statement["zh"], ex.model_answer["zh"], ex.source_in("zh"),
            *ex.hints["zh"], *ex.options.get("zh", ())]


@pytest.mark.parametrize("ex", model.load_all(), ids=lambda ex: ex.id)
def test_no_english_prose_in_the_chinese_texts(ex):
    for text in _zh_texts(ex):
        words = re.findall(r"[A-Za-z]{3,}(?:\s+[A-Za-z]{3,})+", _prose(text))
        assert not words, f"{ex.id}: English in zh text: {words} in {text!r}"


@pytest.mark.parametrize("ex", model.load_all(), ids=lambda ex: ex.id)
def test_named_mistakes_exist_and_choices_have_options(ex):
    for entry in ex.check.get("mistake", []):
        if "name" in entry:
            assert entry["name"] in mistake_names()
        else:
            assert entry.get("zh") and entry.get("en"), f"{ex.id}: a mistake without text"
    if ex.kind == "choice":
        assert ex.answer_mode == "choice" and ex.options["en"]
        assert all(0 <= i < len(ex.options["en"]) for i in ex.check["correct"])


def test_every_lesson_has_at_least_two_exercises():
    from tutor_app.lessons.base import load_all

    specs = load_all()
    thin = [s.id for s in specs if len(model.for_lesson(s.id)) < 2]
    assert not thin, f"lessons with fewer than two exercises: {thin}"


@pytest.mark.parametrize("ex", model.load_all(), ids=lambda ex: ex.id)
def test_setups_run_and_references_compute(ex):
    from tutor_app.exercises.runs import reference_on, setups
    from tutor_app.exercises.values import run_answer

    for setup in setups(ex.check):
        result, _ = run_answer(setup, {})
        assert result.ok, f"{ex.id}: setup failed: {result.error}"
        if "reference" in ex.check and not ex.check.get("inputs_from_answer"):
            value, _ = reference_on(setup, ex.check)
            assert value is not None, f"{ex.id}: reference gave nothing on {setup!r}"


@pytest.mark.parametrize("ex", [e for e in model.load_all() if e.demo], ids=lambda ex: ex.id)
def test_screenshot_demo_answers_are_wrong_answers_with_feedback(ex):
    from tutor_app.exercises.checkers import check

    verdict = check(ex, ex.demo)
    assert not verdict.ok and verdict.text("zh") and verdict.text("en")
