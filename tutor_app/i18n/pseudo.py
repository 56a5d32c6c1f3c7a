"""A pseudo-language for tests: every string is a real language's text between markers.

Rendering every screen in it shows which texts did not come through ``tr()``/``pick()``:
those carry no marker. Marking keeps a text's Markdown working (headings, lists, tables,
fenced code and display formulas keep their syntax) so lesson bodies still render::

    with pseudo.installed("xx", base="en"):
        window = create_window(lang="xx")
        ...
        assert not pseudo.unmarked_words(label.text())

No Qt here; walking the widgets is the test's job.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from tutor_app import i18n
from tutor_app.i18n.marks import CLOSE, OPEN, mark


@contextmanager
def installed(code: str = "xx", base: str = "en") -> Iterator[str]:
    """Make ``code`` a UI language for the duration (its texts are ``base``'s, marked).

    Child processes started meanwhile (the console's) speak it too: they read
    ``i18n.PSEUDO_ENV`` when they import ``tutor_app.i18n``.
    """
    previous = os.environ.get(i18n.PSEUDO_ENV)
    i18n._install_pseudo(code, base, mark)
    os.environ[i18n.PSEUDO_ENV] = f"{code}:{base}"
    try:
        yield code
    finally:
        i18n._remove_pseudo(code)
        if previous is None:
            os.environ.pop(i18n.PSEUDO_ENV, None)
        else:
            os.environ[i18n.PSEUDO_ENV] = previous


# ---- finding what was not marked ----------------------------------------------------------

# A word right after one of these, or right before one of those, is code, a path, markup,
# a key chord (Ctrl+Enter) or maths (∂out, an−1).
_MATH_MARKS = "−·×÷^′∂√∇²³ⁿ"
_GLUE_BEFORE, _GLUE_AFTER = "./\\<+" + _MATH_MARKS, "./\\([=>+" + _MATH_MARKS
_LABEL = re.compile(r"\s*=(?!=)")            # ``len = 3``: a readout names a value
_EXCEPTION = re.compile(r"[A-Z]\w*(Error|Exception|Warning|Interrupt)$")
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9_]*(?:'[a-z]+)?")
# Code quoted in a message: `x.sum()` or 'import os' (a quote not inside a word: "it's"
# and "learner's" are prose).
_CODE_SPAN = re.compile(r"`[^`]*`|(?<![A-Za-z])'[^'\n]+'(?![A-Za-z])")
# A Python/engine error as Python prints it (``RuntimeError: shape '[5, 3]' is invalid…``,
# perhaps wrapped over lines, up to a blank line): PyTorch's own words, which the learner
# learns to read as they are — data, like a tensor's repr.
_ENGINE_ERROR = re.compile(r"\b[A-Z]\w*(?:Error|Exception|Warning|Interrupt): .*?(?=\n\s*\n|$)",
                           re.S)


def outside_markers(text: str) -> str:
    """The parts of ``text`` not between markers (markers nest: a field inside a sentence)."""
    depth, kept = 0, []
    for ch in text:
        if ch == OPEN:
            depth += 1
        elif ch == CLOSE:
            depth = max(0, depth - 1)
        elif depth == 0:
            kept.append(ch)
    return "".join(kept)


def _is_code_token(word: str, text: str, start: int, end: int, code_words: set[str]) -> bool:
    """A word that is code or data, not prose: an identifier shape prose never has
    (``requires_grad``, ``x2``), one of ``code_words`` (the caller's names: the engine's,
    the shown program's; Python's keywords are English too, so they are not assumed), or
    glued to code punctuation or a path (``x.grad``, ``sum(``, ``y[0]``, ``a=``, ``/tmp``),
    a Python exception's name, or the name of a readout (``ndim = 0``)."""
    if "_" in word or any(ch.isdigit() for ch in word) or word in code_words \
            or _EXCEPTION.match(word) or _LABEL.match(text, end):
        return True
    before = text[start - 1] if start else ""
    after = text[end] if end < len(text) else ""
    return bool(before and before in _GLUE_BEFORE or after and after in _GLUE_AFTER)


def unmarked_words(text: str, code_words: Iterable[str] = (), min_len: int = 3) -> list[str]:
    """ASCII words of ``min_len`` letters or more outside markers and outside code.

    Numbers, shapes and single-letter variables are never words here; code is recognised
    by ``_is_code_token``, by quoted or backtick spans and by an error printed as Python
    prints it, so what is left is prose that bypassed the translation lookup.
    """
    words = set(code_words) | {"True", "False", "None"}
    rest = _CODE_SPAN.sub(" ", _ENGINE_ERROR.sub(" ", outside_markers(text)))
    found = []
    for match in _WORD.finditer(rest):
        word = match.group()
        letters = sum(ch.isalpha() for ch in word)
        if letters >= min_len and not _is_code_token(word, rest, match.start(), match.end(),
                                                     words):
            found.append(word)
    return found
