"""Lesson Markdown → Qt rich text: structure, syntax colour, formulas (mathtext, cached)."""

from __future__ import annotations

from tutor_app.lessons.markdown import RenderStyle, render_markdown
from tutor_app.viz.formula import FormulaError, render_formula


def test_blocks_render_to_html():
    html = render_markdown("## Shapes\n\nA **bold** and *it* word, `x.shape`.\n\n"
                           "- one\n- two\n  - nested\n1. first\n\n> note\n\n"
                           "| a | b |\n|---|---|\n| 1 | 2 |\n\n---\n")
    for fragment in ("<h2>Shapes</h2>", "<b>bold</b>", "<i>it</i>", "x.shape</code>",
                     "<ul><li>one</li><li>two<ul><li>nested</li></ul></li></ul><ol>",
                     "<blockquote>", "<th>a</th>", "<td>2</td>", "<hr>"):
        assert fragment in html


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
