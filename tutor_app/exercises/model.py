"""Exercise data: ``resources/exercises/*.toml`` (zh and en side by side).

Each ``[[exercise]]`` has an id, the lesson it shows in, where it comes from (book section
or the learner's notes), a statement, hints, a model answer and a ``[exercise.check]``
table whose ``kind`` names a checker in ``checkers.py``.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from tutor_app import paths
from tutor_app.i18n import LANGUAGES, pick


@lru_cache(maxsize=1)
def _source_terms() -> tuple[tuple[str, str], ...]:
    """(English, Chinese) phrases of exercise sources, longest-first as the file lists them."""
    with open(paths.resource("exercises", "source_terms.toml"), "rb") as fh:
        return tuple((str(en), str(zh)) for en, zh in tomllib.load(fh)["terms"])


class ExerciseDataError(ValueError):
    """An exercise file misses a field or a language."""


@dataclass(frozen=True)
class Exercise:
    id: str
    lesson: str
    source: str                       # "D2L 2.3 #6", "notes #6"
    statement: dict[str, str]
    hints: dict[str, tuple[str, ...]]
    model_answer: dict[str, str]
    check: dict = field(default_factory=dict)  # kind + the checker's parameters
    answer_mode: str = "code"         # "code" (runs in the console language) or "text"
    console: bool = False             # can be checked against the console's program
    options: dict[str, tuple[str, ...]] = field(default_factory=dict)  # choice: zh/en lists
    demo: str = ""                    # a typical wrong answer, checked in exercise screenshots

    @property
    def kind(self) -> str:
        return str(self.check.get("kind", "explain"))

    def source_in(self, lang: str) -> str:
        """Where the exercise comes from, in ``lang`` (the data spells it in English)."""
        chinese = self.source
        for english_term, chinese_term in _source_terms():
            chinese = chinese.replace(english_term, chinese_term)
        return pick({"en": self.source, "zh": chinese}, lang)

    def text(self, what: str, lang: str):
        """``statement``, ``model_answer`` (texts), ``hints``, ``options`` (tuples) in lang."""
        return pick(getattr(self, what), lang)


def _bilingual(value: object, where: str) -> dict[str, str]:
    if not isinstance(value, dict) or not all(str(value.get(k, "")).strip()
                                              for k in LANGUAGES):
        raise ExerciseDataError(f"{where}: needs non-empty zh and en")
    return {k: str(value[k]) for k in LANGUAGES}


def _hints(value: object, where: str) -> dict[str, tuple[str, ...]]:
    value = value or {"zh": [], "en": []}
    hints = {k: tuple(str(h) for h in value.get(k, [])) for k in LANGUAGES}
    if len(hints["zh"]) != len(hints["en"]):
        raise ExerciseDataError(f"{where}: zh and en hints differ in number")
    return hints


def _options(value: object, where: str) -> dict[str, tuple[str, ...]]:
    if value is None:
        return {}
    options = {k: tuple(str(o) for o in value.get(k, [])) for k in LANGUAGES}
    if len(options["zh"]) != len(options["en"]) or not options["en"]:
        raise ExerciseDataError(f"{where}: zh and en options differ in number")
    return options


def _parse(entry: dict, where: str) -> Exercise:
    try:
        ex_id = str(entry["id"])
        where = f"{where} {ex_id}"
        return Exercise(
            id=ex_id, lesson=str(entry["lesson"]), source=str(entry.get("source", "")),
            statement=_bilingual(entry.get("statement"), f"{where} statement"),
            hints=_hints(entry.get("hints"), f"{where} hints"),
            model_answer=_bilingual(entry.get("model_answer"), f"{where} model_answer"),
            check=dict(entry.get("check", {"kind": "explain"})),
            answer_mode=str(entry.get("answer_mode", "code")),
            console=bool(entry.get("console", False)),
            options=_options(entry.get("options"), f"{where} options"),
            demo=str(entry.get("demo", "")),
        )
    except KeyError as exc:
        raise ExerciseDataError(f"{where}: missing field {exc.args[0]!r}") from exc


def load_file(path: Path) -> list[Exercise]:
    with open(path, "rb") as fh:
        data = tomllib.load(fh)
    return [_parse(entry, path.name) for entry in data.get("exercise", [])]


@lru_cache(maxsize=1)
def load_all() -> tuple[Exercise, ...]:
    """Every exercise, in file then listing order (ids are unique)."""
    folder = paths.resource("exercises")
    not_exercises = ("mistakes.toml", "source_terms.toml")
    exercises = [ex for p in sorted(folder.glob("*.toml")) if p.name not in not_exercises
                 for ex in load_file(p)]
    seen: set[str] = set()
    for ex in exercises:
        if ex.id in seen:
            raise ExerciseDataError(f"duplicate exercise id {ex.id}")
        seen.add(ex.id)
    return tuple(exercises)


def for_lesson(lesson_id: str) -> list[Exercise]:
    return [ex for ex in load_all() if ex.lesson == lesson_id]


def by_id(ex_id: str) -> Exercise:
    for ex in load_all():
        if ex.id == ex_id:
            return ex
    raise KeyError(ex_id)
