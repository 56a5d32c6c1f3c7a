"""What a learner reads after Check: verdicts in zh and en, errors as one line, named mistakes.

A learner never sees a traceback: ``error_message`` keeps the error's last line, says which
of *their* lines raised it (never a line of the checker's own bookkeeping), and frames it
in their language.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from tutor_app import paths
from tutor_app.i18n import pick


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


def say(ok: bool, zh: str, en: str, reveal: bool = False, **extra) -> Verdict:
    return Verdict(ok, {"zh": zh, "en": en}, reveal, **extra)


def right(zh: str = "正确！", en: str = "Correct!") -> Verdict:
    return say(True, zh, en, reveal=True)


@lru_cache(maxsize=1)
def _mistakes() -> dict[str, dict[str, str]]:
    with open(paths.resource("exercises", "mistakes.toml"), "rb") as fh:
        return tomllib.load(fh)


def mistake(name: str, zh_extra: str = "", en_extra: str = "") -> Verdict:
    """A wrong answer that shows a known misconception, named, with where to read more."""
    entry = _mistakes()[name]
    zh = entry["zh"] + (f"\n{zh_extra}" if zh_extra else "")
    en = entry["en"] + (f"\n{en_extra}" if en_extra else "")
    return Verdict(False, {"zh": zh, "en": en}, mistake=name)


def mistake_names() -> tuple[str, ...]:
    return tuple(_mistakes())


# ---- errors ----------------------------------------------------------------------------
_LINE = re.compile(r'File "<console>", line (\d+)')
_PREFIX = re.compile(r"^(Not allowed|Stopped)(?: \(line (\d+)\))?: (.*)$", re.S)
_ZH_ERRORS = [
    (re.compile(r"^NameError: name '(\w+)' is not defined"), "名字 '{0}' 还没有定义"),
    (re.compile(r"^(SyntaxError|IndentationError): (.*)"), "语法错误（{1}）"),
    (re.compile(r"^ZeroDivisionError: .*"), "除以零"),
    (re.compile(r"^AttributeError: (.*)"), "没有这个属性：{0}"),
]


def _last_line(error: str) -> str:
    lines = [line for line in error.strip().splitlines() if line.strip()]
    return lines[-1].strip() if lines else error.strip()


def error_message(error: str, learner_lines: int,
                  tail_line: int | None = None) -> tuple[str, str]:
    """``(zh, en)``: the error's last line, pointing at the learner's own line. An error in
    the checker's bookkeeping after the learner's code is put on ``tail_line`` (the line of
    the learner's expression it evaluates), or on no line."""
    numbers = [int(n) for n in _LINE.findall(error)]
    last = _last_line(error)
    prefix = _PREFIX.match(last)
    if prefix:
        numbers.append(int(prefix.group(2)) if prefix.group(2) else 0)
        stopped = prefix.group(1) == "Stopped"
        zh_kind = "超出了检查的限制" if stopped else "检查时不允许"
        en_kind = "Went past the checker's limits" if stopped else "Not allowed"
        last_zh, last = f"{zh_kind}：{prefix.group(3)}", f"{en_kind}: {prefix.group(3)}"
    else:
        last_zh = last
        for pattern, text in _ZH_ERRORS:
            found = pattern.match(last)
            if found:
                last_zh = f"{text.format(*found.groups())}（{last}）"
                break
    line = next((n for n in reversed(numbers) if 0 < n <= learner_lines), None)
    if line is None and any(n > learner_lines for n in numbers):
        line = tail_line
    if line is None:
        return f"出错了：{last_zh}", f"Error: {last}"
    return f"第 {line} 行出错：{last_zh}", f"Error on line {line}: {last}"


def failed_run(error: str, code: str, last_expression: bool = False) -> Verdict:
    """The learner's run failed: one line, theirs. With ``last_expression`` the checker
    evaluated the code's last line itself, so errors past the code belong to that line."""
    lines = len(code.splitlines())
    zh, en = error_message(error, lines, lines if last_expression else None)
    return say(False, zh, en)


@dataclass(frozen=True)
class Difference:
    """Why two values differ, in both languages."""

    zh: str
    en: str
    kind: str = "values"               # "values", "shape", "type", "count"


def replaced(names: tuple[str, ...]) -> Verdict:
    """The answer replaced or changed a given input: say which, and why it matters."""
    names = "、".join(f"`{n}`" for n in names)
    names_en = ", ".join(f"`{n}`" for n in names)
    return say(False, f"不要改动题目给定的 {names}：检查器用它自己的输入"
                      "（还有随机输入）来运行你的代码。请在给定的输入上计算。",
               f"Do not change the given {names_en}: the checker runs your code on its own "
               "inputs (and on random ones). Compute from the inputs as given.")


def setup_failed(error: str) -> Verdict:
    """The exercise's own setup failed: our fault, said in one line, never a traceback."""
    last = error.strip().splitlines()[-1] if error.strip() else ""
    return say(False, f"这道练习的准备代码出错了（{last}）：这是本应用的问题，不是你的。",
               f"This exercise's own setup failed ({last}): a fault of the app, not yours.")
