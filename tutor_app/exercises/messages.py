"""What a learner reads after Check: verdicts in every language, errors as one line,
named mistakes.

The words are ``verdict.*`` in ``resources/i18n/verdicts.toml``: a checker names a verdict
by its key and fields (``said(False, "number.wrong", shown=3)``) and gets every language at
once, so the verdict can be shown in either and switched at run time.

A learner never sees a traceback: ``error_message`` keeps the error's last line, says which
of *their* lines raised it (never a line of the checker's own bookkeeping), and frames it
in their language.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from tutor_app import paths
from tutor_app.i18n import LANGUAGES, pick, tr

Words = dict[str, str]   # one text per language: {"zh": ..., "en": ...}


def words(key: str, **fields: object) -> Words:
    """``verdict.<key>`` in every language; a field that is itself ``Words`` (a nested
    verdict text) is taken in the same language."""
    return {lang: tr(f"verdict.{key}", lang, **{
        name: (value[lang] if isinstance(value, Mapping) else value)
        for name, value in fields.items()}) for lang in LANGUAGES}


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
    show_model_answer: bool = False  # revealed after an attempt
    plot: tuple[Curve, ...] = ()     # curves computed from the learner's own answer
    mistake: str | None = None       # the named misconception this answer shows, if any
    note: str = ""                   # the learner's free text, kept beside the model answer

    def text(self, lang: str) -> str:
        return pick(self.message, lang)


def said(ok: bool, key: str, *, reveal: bool = False, note: str = "",
         **fields: object) -> Verdict:
    """The verdict ``verdict.<key>`` with ``fields``, in every language."""
    return Verdict(ok, words(key, **fields), reveal, note=note)


def right() -> Verdict:
    return said(True, "correct", reveal=True)


@lru_cache(maxsize=1)
def _mistakes() -> dict[str, dict[str, str]]:
    with open(paths.resource("exercises", "mistakes.toml"), "rb") as fh:
        return tomllib.load(fh)


def mistake(name: str, extra: Mapping[str, str] | None = None) -> Verdict:
    """A wrong answer that shows a known misconception, named, with where to read more
    (and the exercise's own ``extra`` words on it, if any)."""
    entry = _mistakes()[name]
    message = {lang: entry[lang] + (f"\n{extra[lang]}" if extra and extra.get(lang) else "")
               for lang in LANGUAGES}
    return Verdict(False, message, mistake=name)


def mistake_names() -> tuple[str, ...]:
    return tuple(_mistakes())


# ---- errors ----------------------------------------------------------------------------
_LINE = re.compile(r'File "<console>", line (\d+)')
_PREFIX = re.compile(r"^(Not allowed|Stopped)(?: \(line (\d+)\))?: (.*)$", re.S)
# Common Python errors a Chinese reader gets explained (``verdict.run.*``), by their fields.
_EXPLAINED = [
    (re.compile(r"^NameError: name '(?P<name>\w+)' is not defined"), "name_error"),
    (re.compile(r"^(SyntaxError|IndentationError): (?P<detail>.*)"), "syntax_error"),
    (re.compile(r"^ZeroDivisionError: .*"), "zero_division"),
    (re.compile(r"^AttributeError: (?P<detail>.*)"), "attribute_error"),
]


def _last_line(error: str) -> str:
    lines = [line for line in error.strip().splitlines() if line.strip()]
    return lines[-1].strip() if lines else error.strip()


def _framed(last: str) -> tuple[Words, int | None]:
    """The error's last line in every language, and the line a sandbox stop names."""
    prefix = _PREFIX.match(last)
    if prefix:
        kind = "run.stopped" if prefix.group(1) == "Stopped" else "run.refused"
        return words(kind, reason=prefix.group(3)), int(prefix.group(2) or 0)
    for pattern, key in _EXPLAINED:
        found = pattern.match(last)
        if found:
            return words(f"run.{key}", line=last, **found.groupdict()), None
    return {lang: last for lang in LANGUAGES}, None


def error_message(error: str, learner_lines: int, tail_line: int | None = None) -> Words:
    """The error's last line, pointing at the learner's own line, in every language. An
    error in the checker's bookkeeping after the learner's code is put on ``tail_line``
    (the line of the learner's expression it evaluates), or on no line."""
    numbers = [int(n) for n in _LINE.findall(error)]
    detail, stop_line = _framed(_last_line(error))
    if stop_line is not None:
        numbers.append(stop_line)
    line = next((n for n in reversed(numbers) if 0 < n <= learner_lines), None)
    if line is None and any(n > learner_lines for n in numbers):
        line = tail_line
    if line is None:
        return words("run.error", detail=detail)
    return words("run.error_on_line", line=line, detail=detail)


def shown_error(error: str, source: str, lang: str) -> str:
    """What the console and the graph lab show for a failed run: the error's last line on
    the learner's own line, in their language — never Python's traceback. A refusal or a
    stop is already one line in their language and is shown as it is."""
    if 'File "<console>"' not in error:
        return error
    return error_message(error, len(source.splitlines()))[lang]


def run_problem(outcome, answer: str) -> Verdict | None:
    """The verdict when a checker's run of ``answer`` gave nothing to judge: the exercise's
    own setup failed, the answer failed (on its last expression), or it replaced an input."""
    if outcome.setup_error:
        return setup_failed(outcome.setup_error)
    if not outcome.result.ok:
        return failed_run(outcome.result.error or "", answer, last_expression=True)
    if outcome.replaced:
        return replaced(outcome.replaced)
    return None


def failed_run(error: str, code: str, last_expression: bool = False) -> Verdict:
    """The learner's run failed: one line, theirs. With ``last_expression`` the checker
    evaluated the code's last line itself, so errors past the code belong to that line."""
    lines = len(code.splitlines())
    return Verdict(False, error_message(error, lines, lines if last_expression else None))


@dataclass(frozen=True)
class Difference:
    """Why two values differ (``verdict.difference.*``), in every language."""

    text: Words
    kind: str = "values"               # "values", "shape", "type", "count"


def difference(key: str, kind: str = "values", **fields: object) -> Difference:
    return Difference(words(f"difference.{key}", **fields), kind)


def replaced(names: tuple[str, ...]) -> Verdict:
    """The answer replaced or changed a given input: say which, and why it matters."""
    listed = {lang: tr("verdict.list_separator", lang).join(f"`{n}`" for n in names)
              for lang in LANGUAGES}
    return said(False, "replaced", names=listed)


def setup_failed(error: str) -> Verdict:
    """The exercise's own setup failed: our fault, said in one line, never a traceback."""
    last = error.strip().splitlines()[-1] if error.strip() else ""
    return said(False, "setup_failed", error=last)
