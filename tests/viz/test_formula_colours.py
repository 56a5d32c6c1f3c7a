"""A formula is rendered by mathtext once; each theme's colour is made from that render,
pixel for pixel what rendering in that colour gives, and without parsing it again."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

from tutor_app.viz import formula


def _pixels(path) -> np.ndarray:
    with Image.open(path) as image:
        return np.asarray(image.convert("RGBA")).astype(int)


@pytest.mark.parametrize("tex", [r"\frac{\partial f}{\partial x_1} = \sqrt{x^2+y^2}",
                                 r"\|x\|_2", "A"])
@pytest.mark.parametrize("colour", ["#202124", "#e8eaed", "#8ab4f8"])
def test_a_recoloured_formula_equals_a_render_in_that_colour(tmp_path, tex, colour):
    made = formula.render_formula(tex, size_pt=12, color=colour)
    direct = tmp_path / "direct.png"
    formula._render_to(direct, tex, 12, colour, 192)
    got, want = _pixels(made.path), _pixels(direct)
    assert got.shape == want.shape
    assert np.array_equal(got[..., 3], want[..., 3])  # the same coverage
    drawn = want[..., 3] > 0
    assert drawn.any()
    assert np.array_equal(got[drawn][:, :3], want[drawn][:, :3])  # the same colour


def test_a_second_colour_needs_no_mathtext(monkeypatch):
    formula.render_formula(r"\sum_i x_i^2", size_pt=11, color="#202124")

    def no_render(*_args, **_kwargs):
        raise AssertionError("mathtext ran again for a new colour")

    monkeypatch.setattr(formula, "_render_to", no_render)
    dark = formula.render_formula(r"\sum_i x_i^2", size_pt=11, color="#e8eaed")
    assert dark.path.exists() and dark.width > 0
