"""How the pseudo-language marks a text: each line of prose between ⟦ and ⟧.

A module of its own, below both ``tutor_app.i18n`` (which installs the pseudo-language a
test's parent process asked for when it is imported) and ``pseudo`` (the tests' side):
neither has to import the other, so the package has no import circle.
"""

from __future__ import annotations

import re

OPEN, CLOSE = "⟦", "⟧"

_PREFIX = re.compile(r"^(\s*(?:#{1,6}\s+|[-*+]\s+|\d+[.)]\s+|>\s*)*)(.*?)(\s*)$")
_FENCE = re.compile(r"^\s*(```|~~~)")
_TABLE_RULE = re.compile(r"^\s*\|?[\s:|-]+\|?\s*$")


def _mark_run(text: str) -> str:
    head, body, tail = _PREFIX.match(text).groups()
    return f"{head}{OPEN}{body}{CLOSE}{tail}" if body else text


def _mark_row(line: str) -> str:
    cells = line.split("|")
    return "|".join(_mark_run(c) if c.strip() else c for c in cells)


def mark(text: str) -> str:
    """``text`` with each line of prose between markers; code and formula blocks untouched."""
    out: list[str] = []
    fenced = math = False
    for line in text.split("\n"):
        stripped = line.strip()
        if _FENCE.match(line):
            fenced = not fenced
            out.append(line)
        elif fenced or not stripped:
            out.append(line)
        elif math:  # inside a display formula spread over lines
            math = "$$" not in stripped
            out.append(line)
        elif stripped.startswith("$$"):
            math = stripped.count("$$") == 1
            out.append(line)
        elif stripped.startswith("|"):
            out.append(line if _TABLE_RULE.match(line) else _mark_row(line))
        else:
            out.append(_mark_run(line))
    return "\n".join(out)
