"""Every exercise gets a teacher's verdict on its corpus of real answers.

The corpus lives in ``tests/exercises/corpus/*.toml``: for each exercise at least four right
answers in different honest forms and four wrong ones (misconceptions and cheats). A new
exercise cannot be added without its corpus: the first test fails.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from tutor_app.exercises import model
from tutor_app.exercises.checkers import check

CORPUS_DIR = Path(__file__).parent / "corpus"
MIN_RIGHT = MIN_WRONG = 4


def _corpus() -> dict[str, dict]:
    corpus: dict[str, dict] = {}
    for path in sorted(CORPUS_DIR.glob("*.toml")):
        with open(path, "rb") as fh:
            for ex_id, entry in tomllib.load(fh).items():
                assert ex_id not in corpus, f"{ex_id} has two corpus entries"
                corpus[ex_id] = entry
    return corpus


CORPUS = _corpus()


def _cases(kind: str) -> list:
    cases = []
    for ex_id, entry in sorted(CORPUS.items()):
        for n, item in enumerate(entry.get(kind, [])):
            item = item if isinstance(item, dict) else {"answer": item}
            cases.append(pytest.param(ex_id, item, id=f"{ex_id}-{kind}{n}"))
    return cases


def test_every_exercise_has_its_corpus():
    missing = [ex.id for ex in model.load_all() if ex.id not in CORPUS]
    assert not missing, f"exercises without a corpus: {missing}"
    thin = [ex_id for ex_id, entry in CORPUS.items()
            if len(entry.get("right", [])) < MIN_RIGHT or len(entry.get("wrong", [])) < MIN_WRONG]
    assert not thin, f"fewer than {MIN_RIGHT} right / {MIN_WRONG} wrong answers: {thin}"
    unknown = sorted(set(CORPUS) - {ex.id for ex in model.load_all()})
    assert not unknown, f"corpus entries for no exercise: {unknown}"


def _verdict_text(verdict) -> str:
    return verdict.text("en") + " | " + verdict.text("zh")


def _assert_readable(verdict) -> None:
    for lang in ("zh", "en"):
        text = verdict.text(lang)
        assert "Traceback" not in text and 'File "' not in text, text
        assert text.strip(), "an empty verdict"


@pytest.mark.parametrize(("ex_id", "item"), _cases("right"))
def test_right_answers_are_accepted(ex_id, item):
    verdict = check(model.by_id(ex_id), item["answer"])
    _assert_readable(verdict)
    assert verdict.ok, f"{item['answer']!r} refused: {_verdict_text(verdict)}"


@pytest.mark.parametrize(("ex_id", "item"), _cases("wrong"))
def test_wrong_answers_are_refused(ex_id, item):
    verdict = check(model.by_id(ex_id), item["answer"])
    _assert_readable(verdict)
    assert not verdict.ok, f"{item['answer']!r} accepted"
    if "mistake" in item:
        assert verdict.mistake == item["mistake"], _verdict_text(verdict)
