"""Lesson 1 panel: the tensor captions read correctly and the tensors keep clear of the arrows."""

from __future__ import annotations

import pytest
from matplotlib.patches import Ellipse, FancyArrowPatch, Rectangle

from tests.qt.panels.geometry import (
    drawn,
    edge_points,
    inside,
    overlapping_pairs,
    text_box,
    texts_outside,
)
from tutor_app.lessons.base import load_spec
from tutor_app.paths import resource
from tutor_app.qt.panels.what_dl_does import WhatDlDoesPanel


@pytest.fixture
def panel(qtbot):
    widget = WhatDlDoesPanel(load_spec(resource("lessons", "what_dl_does.toml")), "en")
    qtbot.addWidget(widget)
    return widget


def _captions(panel) -> str:
    return " ".join(t.get_text() for t in panel.ax_flow.texts)


def test_one_element_is_singular(panel):
    panel.select("ad_click")
    assert "2-D, 1 element (for N = 1)" in _captions(panel)
    assert "1 elements" not in _captions(panel)
    panel.select("classification")
    assert "2-D, 1,000 elements" in _captions(panel)


@pytest.mark.parametrize("key", ["segmentation", "self_driving", "detection"])
def test_tensor_cells_leave_the_arrows_free(panel, key):
    panel.select(key)
    cells = [p for p in panel.ax_flow.patches if isinstance(p, Rectangle)]
    arrows = [p for p in panel.ax_flow.patches if isinstance(p, FancyArrowPatch)]
    spans = [(c.get_x(), c.get_x() + c.get_width()) for c in cells]
    assert min(x0 for x0, _ in spans) > 0                  # not clipped by the Axes edge
    for arrow in arrows:
        (x_start, _), (x_end, _) = arrow._posA_posB
        for x0, x1 in spans:
            assert not (x0 < x_end < x1 or x0 < x_start < x1)


# ---- labels stay inside their shapes, in both languages, small and large ------------------
def _panel_at(qtbot, lang, size):
    widget = WhatDlDoesPanel(load_spec(resource("lessons", "what_dl_does.toml")), lang)
    qtbot.addWidget(widget)
    widget.resize(*size)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


SIZES = [(560, 580), (660, 700), (1000, 800)]   # the canvas minimum up to a wide window


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("size", SIZES)
def test_set_labels_are_not_crossed_by_the_circles(qtbot, lang, size):
    panel = _panel_at(qtbot, lang, size)
    renderer = drawn(panel.canvas)
    ellipses = [p for p in panel.ax_sets.patches if isinstance(p, Ellipse)]
    labels = [t for t in panel.ax_sets.texts if t.get_text().strip()]
    assert len(ellipses) == len(labels) == 3
    for k, (ellipse, label) in enumerate(zip(ellipses, labels, strict=True)):
        points = edge_points(text_box(label, renderer))
        assert all(ellipse.contains_point(p) for p in points), label.get_text()
        if k + 1 < len(ellipses):   # and clear of the next set inside it
            assert not any(ellipses[k + 1].contains_point(p) for p in points), label.get_text()


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("size", SIZES)
def test_tile_labels_fit_their_tiles(qtbot, lang, size):
    panel = _panel_at(qtbot, lang, size)
    renderer = drawn(panel.canvas)
    for key, tile in panel.tiles.items():
        tile_box = tile.get_window_extent(renderer)
        label = next(t for t in panel.ax_map.texts
                     if tile_box.contains(*text_box(t, renderer).get_points().mean(axis=0)))
        assert inside(text_box(label, renderer), tile_box.padded(-2)), (key, label.get_text())
    assert not overlapping_pairs(panel.ax_map.texts, renderer)
    assert not texts_outside(panel.canvas, renderer)
