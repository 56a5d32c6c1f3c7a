"""Plain readout lines shown in rich-text labels: escaped, with their spacing kept."""

from __future__ import annotations

import html
import re


def html_line(text: str) -> str:
    """``text`` safe inside a rich-text QLabel.

    ``<`` and ``&`` are escaped (``v·w < 0`` would otherwise open a tag and swallow the rest
    of the line) and runs of spaces, which separate the parts of a readout line, are kept
    instead of collapsing to one space.
    """
    escaped = html.escape(text, quote=False)
    return re.sub(r" {2,}", lambda m: "&nbsp;" * (len(m.group()) - 1) + " ", escaped)


_POWER = re.compile(r"([\w)]+) \*\* ([\w.]+)")        # x ** 3  (Python, as recorded)
_CARET_GROUP = re.compile(r"\^\(([^()]*)\)")            # a^(n−1)
_CARET = re.compile(r"\^([\w.]+)")                      # x^2
_VARIABLE = re.compile(r"(?<![\w&#;])([xabn])(?![\w;])")   # single-letter names, italic


def maths_html(text: str) -> str:
    """A formula as the op table writes it (``3·x^2``, ``x ** 3``, ``n·a^(n−1)``) in rich
    text: powers as superscripts, single-letter variables in italics."""
    out = html.escape(text, quote=False)
    out = _POWER.sub(r"\1^\2", out)
    out = _CARET_GROUP.sub(r"<sup>\1</sup>", out)
    out = _CARET.sub(r"<sup>\1</sup>", out)
    # italicise outside tags only: split on tags, touch the text parts
    parts = re.split(r"(<[^>]+>)", out)
    return "".join(p if p.startswith("<") else _VARIABLE.sub(r"<i>\1</i>", p) for p in parts)
