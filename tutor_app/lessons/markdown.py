"""Lesson Markdown → the HTML subset Qt's text browser renders. No Qt here.

Supports what lesson files use: headings, paragraphs, bullet and numbered lists (nested by
indentation), block quotes, pipe tables, rules, fenced code (syntax-coloured with Pygments),
inline code, bold, italic, links, images, and formulas — ``$...$`` inline and ``$$...$$``
display — rendered offline by ``tutor_app.viz.formula`` (a bad formula shows as raw text).
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass

from tutor_app import paths

FENCE = re.compile(r"^\s*```\s*([\w+-]*)\s*$")
HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
BULLET = re.compile(r"^(\s*)([-*+]|\d+[.)])\s+(.*)$")
TABLE_SEP = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
INLINE = re.compile(r"(`[^`]+`)|(?<!\\)\$(?!\$)(.+?)(?<!\\)\$")
IMAGE = re.compile(r"!\[([^\]]*)\]\(([^)\s]+)\)")
LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)\)")
BOLD = re.compile(r"\*\*(.+?)\*\*")
ITALIC = re.compile(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])")


@dataclass(frozen=True)
class RenderStyle:
    """What the HTML depends on besides the text: theme colours and text size."""

    dark: bool = False
    font_pt: float = 11.0

    @property
    def text_color(self) -> str:
        return "#e8eaed" if self.dark else "#202124"

    @property
    def code_background(self) -> str:
        return "#2d2f31" if self.dark else "#f3f4f6"

    @property
    def pygments_style(self) -> str:
        return "monokai" if self.dark else "friendly"


def _formula_html(tex: str, style: RenderStyle, display: bool) -> str:
    from tutor_app.viz.formula import FormulaError, render_formula

    size = style.font_pt * (1.25 if display else 1.1)
    try:
        image = render_formula(tex.strip(), size_pt=size, color=style.text_color)
    except (FormulaError, OSError) as exc:
        return (f'<code style="color:#d93025" title="{html.escape(str(exc))}">'
                f"${html.escape(tex)}$</code>")
    return (f'<img src="{image.path.as_uri()}" width="{image.width}" height="{image.height}"'
            f' style="vertical-align: middle" alt="{html.escape(tex)}">')


def _image_src(target: str) -> str:
    if re.match(r"^[a-z]+:", target):
        return target
    return (paths.resources_dir() / target).as_uri()


def _emphasis(text: str) -> str:
    """Escape plain text and apply images, links, bold and italic."""
    text = html.escape(text, quote=False).replace("\\$", "$")
    text = IMAGE.sub(lambda m: f'<img src="{_image_src(m.group(2))}" alt="{m.group(1)}">', text)
    text = LINK.sub(r'<a href="\2">\1</a>', text)
    text = BOLD.sub(r"<b>\1</b>", text)
    return ITALIC.sub(r"<i>\1</i>", text)


def render_inline(text: str, style: RenderStyle) -> str:
    out: list[str] = []
    pos = 0
    for match in INLINE.finditer(text):
        out.append(_emphasis(text[pos:match.start()]))
        if match.group(1):
            code = html.escape(match.group(1)[1:-1])
            out.append(f'<code style="background-color:{style.code_background}">{code}</code>')
        else:
            out.append(_formula_html(match.group(2), style, display=False))
        pos = match.end()
    out.append(_emphasis(text[pos:]))
    return "".join(out)


def highlight_code(code: str, language: str, style: RenderStyle) -> str:
    """Syntax-colour ``code`` with inline styles (Qt's rich text knows no CSS classes)."""
    from pygments import highlight
    from pygments.formatters import HtmlFormatter
    from pygments.lexers import PythonLexer, get_lexer_by_name
    from pygments.util import ClassNotFound

    try:
        lexer = get_lexer_by_name(language or "python")
    except ClassNotFound:
        lexer = PythonLexer()
    formatter = HtmlFormatter(noclasses=True, nowrap=True, style=style.pygments_style)
    body = highlight(code, lexer, formatter).rstrip("\n")
    return (f'<table width="100%" cellpadding="8" cellspacing="0" '
            f'style="background-color:{style.code_background}; margin: 6px 0"><tr><td>'
            f'<pre style="font-family: monospace; margin:0">{body}</pre></td></tr></table>')


def _table(rows: list[str], style: RenderStyle) -> str:
    def cells(row: str) -> list[str]:
        return [c.strip() for c in row.strip().strip("|").split("|")]

    head, body = cells(rows[0]), [cells(r) for r in rows[2:]]
    border = "#5f6368" if style.dark else "#c0c4c8"
    parts = [f'<table cellpadding="5" cellspacing="0" border="1" '
             f'style="border-collapse: collapse; border-color:{border}; margin: 6px 0"><tr>']
    parts += [f"<th>{render_inline(c, style)}</th>" for c in head]
    parts.append("</tr>")
    for row in body:
        parts.append("<tr>" + "".join(f"<td>{render_inline(c, style)}</td>" for c in row)
                     + "</tr>")
    parts.append("</table>")
    return "".join(parts)


def _list(items: list[tuple[int, bool, str]], style: RenderStyle) -> str:
    """Nested lists from (indent, ordered, text) triples."""
    out: list[str] = []
    stack: list[tuple[int, str]] = []
    for indent, ordered, text in items:
        tag = "ol" if ordered else "ul"
        while stack and indent < stack[-1][0]:
            out.append(f"</li></{stack.pop()[1]}>")
        if stack and indent == stack[-1][0] and tag != stack[-1][1]:
            out.append(f"</li></{stack.pop()[1]}>")  # bullets then numbers: a new list
        if not stack or indent > stack[-1][0]:
            out.append(f"<{tag}>")
            stack.append((indent, tag))
        else:
            out.append("</li>")
        out.append(f"<li>{render_inline(text, style)}")
    while stack:
        out.append(f"</li></{stack.pop()[1]}>")
    return "".join(out)


class _Blocks:
    """A line-by-line block parser; each ``_take_*`` consumes lines and emits HTML."""

    def __init__(self, text: str, style: RenderStyle):
        self.lines = text.replace("\r\n", "\n").split("\n")
        self.i = 0
        self.style = style
        self.out: list[str] = []

    def run(self) -> str:
        takers: list[Callable[[str], bool]] = [
            self._take_blank, self._take_fence, self._take_display_math, self._take_heading,
            self._take_rule, self._take_table, self._take_list, self._take_quote,
        ]
        while self.i < len(self.lines):
            line = self.lines[self.i]
            if not any(take(line) for take in takers):
                self._take_paragraph()
        return "\n".join(self.out)

    def _take_blank(self, line: str) -> bool:
        if line.strip():
            return False
        self.i += 1
        return True

    def _take_fence(self, line: str) -> bool:
        match = FENCE.match(line)
        if not match:
            return False
        start = self.i + 1
        end = start
        while end < len(self.lines) and not self.lines[end].strip().startswith("```"):
            end += 1
        code = "\n".join(self.lines[start:end])
        self.out.append(highlight_code(code, match.group(1), self.style))
        self.i = end + 1
        return True

    def _take_display_math(self, line: str) -> bool:
        stripped = line.strip()
        if not stripped.startswith("$$"):
            return False
        chunk = stripped[2:]
        end = self.i
        while "$$" not in chunk and end + 1 < len(self.lines):
            end += 1
            chunk += " " + self.lines[end].strip()
        tex = chunk.split("$$", 1)[0]
        self.out.append(f'<p align="center">{_formula_html(tex, self.style, True)}</p>')
        self.i = end + 1
        return True

    def _take_heading(self, line: str) -> bool:
        match = HEADING.match(line)
        if not match:
            return False
        level = len(match.group(1))
        self.out.append(f"<h{level}>{render_inline(match.group(2), self.style)}</h{level}>")
        self.i += 1
        return True

    def _take_rule(self, line: str) -> bool:
        if not re.match(r"^\s*([-*_])(\s*\1){2,}\s*$", line):
            return False
        self.out.append("<hr>")
        self.i += 1
        return True

    def _take_table(self, line: str) -> bool:
        nxt = self.lines[self.i + 1] if self.i + 1 < len(self.lines) else ""
        if "|" not in line or not TABLE_SEP.match(nxt) or "-" not in nxt:
            return False
        rows = []
        while self.i < len(self.lines) and "|" in self.lines[self.i]:
            rows.append(self.lines[self.i])
            self.i += 1
        self.out.append(_table(rows, self.style))
        return True

    def _take_list(self, line: str) -> bool:
        if not BULLET.match(line):
            return False
        items: list[tuple[int, bool, str]] = []
        while self.i < len(self.lines):
            current = self.lines[self.i]
            match = BULLET.match(current)
            if match:
                ordered = match.group(2)[0].isdigit()
                items.append((len(match.group(1).expandtabs(4)), ordered, match.group(3)))
            elif current.strip() and items and current.startswith((" ", "\t")):
                indent, ordered, text = items[-1]
                items[-1] = (indent, ordered, f"{text} {current.strip()}")
            else:
                break
            self.i += 1
        self.out.append(_list(items, self.style))
        return True

    def _take_quote(self, line: str) -> bool:
        if not line.lstrip().startswith(">"):
            return False
        quoted = []
        while self.i < len(self.lines) and self.lines[self.i].lstrip().startswith(">"):
            quoted.append(self.lines[self.i].lstrip()[1:].strip())
            self.i += 1
        inner = _Blocks("\n".join(quoted), self.style).run()
        self.out.append(f"<blockquote>{inner}</blockquote>")
        return True

    def _take_paragraph(self) -> None:
        parts = []
        while self.i < len(self.lines):
            line = self.lines[self.i]
            if parts and (not line.strip() or FENCE.match(line) or HEADING.match(line)
                          or BULLET.match(line) or line.strip().startswith(("$$", ">"))):
                break
            parts.append(line.strip())
            self.i += 1
        self.out.append(f"<p>{render_inline(' '.join(parts), self.style)}</p>")


def render_markdown(text: str, style: RenderStyle | None = None) -> str:
    """The HTML body for lesson Markdown ``text``."""
    return _Blocks(text, style or RenderStyle()).run()
