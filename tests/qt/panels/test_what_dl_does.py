"""Lesson 1 panel: the tensor captions read correctly and the tensors keep clear of the arrows."""

from __future__ import annotations

import pytest
from matplotlib.patches import FancyArrowPatch, Rectangle

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
