"""Lesson Markdown → the HTML subset Qt's text browser renders. No Qt here.

Parsing is markdown-it-py's (CommonMark, with pipe tables) plus mdit-py-plugins' dollarmath
for ``$...$`` inline and ``$$...$$`` display formulas; raw HTML in lesson text is shown as
text, never interpreted. This module only decides how each token looks in Qt's rich text:

- formulas become PNG images rendered offline by ``tutor_app.viz.formula`` (mathtext); a
  long formula is cut at its top-level ``=`` and ``,`` into pieces that Qt wraps like words,
  so a narrow text column never scrolls sideways; a bad formula shows as raw red text;
- fenced code is syntax-coloured with Pygments, with inline styles (Qt knows no classes);
- tables, inline code and code blocks get the theme's border and background colours;
- ``**bold**`` next to Chinese characters works (``cjk_emphasis``).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from functools import lru_cache

from markdown_it import MarkdownIt
from mdit_py_plugins.dollarmath import dollarmath_plugin

from tutor_app import paths
from tutor_app.lessons.cjk_emphasis import use_cjk_friendly_emphasis

WRAP_WIDTH_PX = 240   # a formula wider than this is cut into pieces that can wrap


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
    def table_border(self) -> str:
        return "#5f6368" if self.dark else "#c0c4c8"

    @property
    def pygments_style(self) -> str:
        return "monokai" if self.dark else "friendly"


# --- formulas ---------------------------------------------------------------------------------

_BREAK_BEFORE = re.compile(r"=|\\approx|\\leq|\\geq|\\to")


def formula_pieces(tex: str) -> list[str]:
    """``tex`` cut before each top-level relation (``=``, ``\\approx``, ``\\leq``…) and after
    each top-level ``,`` — outside braces and ``\\left…\\right`` — so each piece is still
    valid mathtext and a line may break between them."""
    pieces: list[str] = []
    depth, start, i = 0, 0, 0
    while i < len(tex):
        if tex.startswith("\\left", i) and not tex[i + 5:i + 6].isalpha():
            depth, i = depth + 1, i + 5
            continue
        if tex.startswith("\\right", i) and not tex[i + 6:i + 7].isalpha():
            depth, i = depth - 1, i + 6
            continue
        char = tex[i]
        if char == "\\":
            i += 2                       # an escaped character or a command's first letter
            continue
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
        elif depth == 0 and i > start and _BREAK_BEFORE.match(tex, i):
            pieces.append(tex[start:i])
            start = i
        elif depth == 0 and char == ",":
            pieces.append(tex[start:i + 1])
            start = i + 1
        i += 1
    pieces.append(tex[start:])
    return [p.strip().removeprefix("\\;").removesuffix("\\;").strip() for p in pieces
            if p.strip().strip("\\;").strip()]


def _image(tex: str, style: RenderStyle, size: float) -> str:
    from tutor_app.viz.formula import render_formula

    image = render_formula(tex, size_pt=size, color=style.text_color)
    return (f'<img src="{image.path.as_uri()}" width="{image.width}" height="{image.height}"'
            f' style="vertical-align: middle" alt="{html.escape(tex)}">')


def formula_html(tex: str, style: RenderStyle, display: bool = False) -> str:
    """A formula as one image, or as pieces joined by spaces when it is too wide to fit."""
    from tutor_app.viz.formula import FormulaError, render_formula

    tex = tex.strip()
    size = style.font_pt * (1.25 if display else 1.1)
    try:
        whole = render_formula(tex, size_pt=size, color=style.text_color)
        pieces = formula_pieces(tex) if whole.width > WRAP_WIDTH_PX else [tex]
        if len(pieces) > 1:
            return " ".join(_image(piece, style, size) for piece in pieces)
        return _image(tex, style, size)
    except (FormulaError, OSError) as exc:
        return (f'<code style="color:#d93025" title="{html.escape(str(exc))}">'
                f"${html.escape(tex)}$</code>")


# --- code --------------------------------------------------------------------------------------

def code_span(code: str, style: RenderStyle) -> str:
    """Inline ``code`` on the code background (escaped: it may be anything)."""
    return (f'<code style="background-color:{style.code_background}">'
            f"{html.escape(code)}</code>")


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
            f'<pre style="font-family: monospace; margin:0">{body}</pre></td></tr></table>\n')


# --- the parser and how its tokens look ----------------------------------------------------

def _image_src(target: str) -> str:
    if re.match(r"^[a-z]+:", target):
        return target
    return (paths.resources_dir() / target).as_uri()


def _parser(style: RenderStyle) -> MarkdownIt:
    """CommonMark + tables + dollarmath, with Qt-friendly renderings of the tokens."""
    md = MarkdownIt("commonmark", {"html": False, "xhtmlOut": False}).enable("table")
    md.use(dollarmath_plugin, double_inline=True, allow_digits=False)
    use_cjk_friendly_emphasis(md)      # **加粗（说明）**后面紧跟汉字

    def rule(name: str):
        def register(func):
            md.add_render_rule(name, lambda self, tokens, idx, options, env:
                               func(tokens[idx]))
            return func
        return register

    @rule("math_inline")
    def _math_inline(token) -> str:
        return formula_html(token.content, style)

    @rule("math_inline_double")
    def _math_inline_double(token) -> str:
        return formula_html(token.content, style, display=True)

    @rule("math_block")
    def _math_block(token) -> str:
        return f'<p align="center">{formula_html(token.content, style, display=True)}</p>\n'

    @rule("code_inline")
    def _code_inline(token) -> str:
        return code_span(token.content, style)

    @rule("fence")
    def _fence(token) -> str:
        language = token.info.strip().split(" ")[0] if token.info else ""
        return highlight_code(token.content.rstrip("\n"), language, style)

    @rule("code_block")
    def _code_block(token) -> str:
        return highlight_code(token.content.rstrip("\n"), "python", style)

    @rule("table_open")
    def _table_open(token) -> str:
        return (f'<table cellpadding="5" cellspacing="0" border="1" style="border-collapse: '
                f'collapse; border-color:{style.table_border}; margin: 6px 0">\n')

    @rule("image")
    def _image_token(token) -> str:
        alt = html.escape(token.content)
        return f'<img src="{_image_src(token.attrGet("src") or "")}" alt="{alt}">'

    # Qt's rich text styles <b>/<i> the same as <strong>/<em>; the short tags keep the HTML
    # the same as the exercise view's other strings.
    for name, tag in (("strong_open", "<b>"), ("strong_close", "</b>"),
                      ("em_open", "<i>"), ("em_close", "</i>")):
        md.add_render_rule(name, lambda self, tokens, idx, options, env, tag=tag: tag)
    return md


@lru_cache(maxsize=8)
def _cached_parser(style: RenderStyle) -> MarkdownIt:
    return _parser(style)


# A formula image followed by closing punctuation: Qt's line breaker may break between the
# two (the image is an object, which UAX #14 lets break on both sides) and start a line
# with "。" or ":". A zero-width no-break space keeps them together; a word joiner does not
# (Qt breaks before it).
_FORMULA_THEN_PUNCTUATION = re.compile(
    r'(<img [^>]*style="vertical-align: middle"[^>]*>(?:</[a-z]+>)*)'
    r'(?=[。，、；：？！）」』】》.,;:!?)\]])')
_NO_BREAK = "\ufeff"


def _keep_punctuation_with_formulas(html: str) -> str:
    return _FORMULA_THEN_PUNCTUATION.sub(lambda m: m.group(1) + _NO_BREAK, html)


def render_inline(text: str, style: RenderStyle) -> str:
    """One line of Markdown (no blocks): code, emphasis, links and formulas."""
    return _keep_punctuation_with_formulas(_cached_parser(style).renderInline(text))


def render_markdown(text: str, style: RenderStyle | None = None) -> str:
    """The HTML body for lesson Markdown ``text``."""
    html = _cached_parser(style or RenderStyle()).render(text.replace("\r\n", "\n"))
    return _keep_punctuation_with_formulas(html)
