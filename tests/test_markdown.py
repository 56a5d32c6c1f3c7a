"""Lesson Markdown → Qt rich text: structure, syntax colour, formulas (mathtext, cached)."""

from __future__ import annotations

import re

from tutor_app.lessons.base import load_all
from tutor_app.lessons.markdown import (
    WRAP_WIDTH_PX,
    RenderStyle,
    formula_pieces,
    render_inline,
    render_markdown,
)
from tutor_app.viz.formula import FormulaError, render_formula


def test_blocks_render_to_html():
    html = render_markdown("## Shapes\n\nA **bold** and *it* word, `x.shape`.\n\n"
                           "- one\n- two\n  - nested\n1. first\n\n> note\n\n"
                           "| a | b |\n|---|---|\n| 1 | 2 |\n\n---\n")
    for fragment in ("<h2>Shapes</h2>", "<b>bold</b>", "<i>it</i>", "x.shape</code>",
                     "<blockquote>", "<th>a</th>", "<td>2</td>", "<hr>"):
        assert fragment in html
    compact = html.replace("\n", "")
    assert "<ul><li>one</li><li>two<ul><li>nested</li></ul></li></ul><ol><li>first" in compact


def test_text_is_escaped():
    assert "&lt;script&gt;" in render_markdown("<script>alert(1)</script>")


def test_code_blocks_are_syntax_coloured():
    html = render_markdown("```python\nx = torch.arange(4.0)  # four\n```")
    assert "<pre" in html and "color:" in html and "# four" in html


def test_formulas_become_cached_images():
    html = render_markdown(r"Inline $\|x\|_2$ and display $$\frac{\partial y}{\partial x}$$")
    assert html.count("<img") == 2 and ".png" in html
    again = render_markdown(r"Inline $\|x\|_2$ and display $$\frac{\partial y}{\partial x}$$")
    assert again == html  # same cache files


def test_bad_formula_shows_as_text_not_an_error():
    html = render_markdown(r"broken $\frac{1$ formula")
    assert "<img" not in html and r"\frac{1" in html


def test_formula_sizes_follow_zoom_and_colour_follows_theme():
    small = render_formula("x^2", size_pt=10)
    large = render_formula("x^2", size_pt=20)
    dark = render_formula("x^2", size_pt=10, color="#e8eaed")
    assert large.height > small.height and dark.path != small.path
    try:
        render_formula(r"\frac{")
    except FormulaError:
        pass
    else:
        raise AssertionError("an invalid formula must raise FormulaError")


def test_dark_style_changes_code_background():
    light = render_markdown("```\nx\n```", RenderStyle(dark=False))
    dark = render_markdown("```\nx\n```", RenderStyle(dark=True))
    assert light != dark


def test_maths_is_parsed_before_emphasis_and_dollars_by_digits_stay_text():
    html = render_markdown(r"$a_1 * b_2 * c$ costs 2$ or 3$, not *more*")
    assert html.count("<img") == 1 and "<i>more</i>" in html and "2$ or 3$" in html


def test_display_math_block_is_centred():
    html = render_markdown("Before\n\n$$\n\\frac{a}{b}\n$$\n\nafter")
    assert '<p align="center"><img' in html


def test_a_wide_formula_is_cut_into_pieces_that_wrap():
    tex = (r"\mathbf{v} \times \mathbf{w} = (v_2 w_3 - v_3 w_2,\; v_3 w_1 - v_1 w_3,\;"
           r" v_1 w_2 - v_2 w_1)")
    assert formula_pieces(tex) == [r"\mathbf{v} \times \mathbf{w}", "= (v_2 w_3 - v_3 w_2,",
                                   "v_3 w_1 - v_1 w_3,", "v_1 w_2 - v_2 w_1)"]
    assert formula_pieces(r"\frac{a = b}{c} = \left(x, y\right)") == [
        r"\frac{a = b}{c}", r"= \left(x, y\right)"]      # never inside braces or \left…\right
    html = render_markdown(f"${tex}$")
    widths = [int(w) for w in re.findall(r'width="(\d+)"', html)]
    assert len(widths) == 4 and max(widths) <= WRAP_WIDTH_PX
    assert render_markdown("$x = 1$").count("<img") == 1       # a short formula stays whole


def test_every_lesson_renders_without_a_broken_formula_or_a_too_wide_one():
    for spec in load_all():
        for lang in ("zh", "en"):
            html = render_markdown(spec.body_in(lang))
            assert "d93025" not in html, (spec.id, lang)   # no formula shown raw in red
            widths = [int(w) for w in re.findall(r'<img[^>]* width="(\d+)"', html)]
            assert max(widths, default=0) <= 330, (spec.id, lang)  # fits the text column


def test_inline_rendering_for_the_exercise_view():
    html = render_inline("`x.sum()` is **$\\sum_i x_i$**", RenderStyle())
    assert html.startswith("<code") and "<b><img" in html and "<p>" not in html


def test_bold_next_to_chinese_text_is_bold():
    """CommonMark alone leaves ``**复制（拉伸）**到`` as literal stars; lessons need bold."""
    html = render_markdown("被**复制（拉伸）**到另一个，列**（拉伸）**行，把**点积**看成")
    assert html.count("<b>") == 3 and "**" not in html
    assert "2 * 3 * 4" in render_markdown("snake_case and 2 * 3 * 4")   # no stray emphasis


def test_no_lesson_shows_literal_markdown_stars():
    for spec in load_all():
        for lang in ("zh", "en"):
            html = re.sub(r"<code.*?</code>|<pre.*?</pre>|alt=\"[^\"]*\"", "",
                          render_markdown(spec.body_in(lang)), flags=re.S)
            assert "**" not in html, (spec.id, lang)
