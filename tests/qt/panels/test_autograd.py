"""Lesson 14 panel opens in zh and en; choosing a step loads its animation."""

from __future__ import annotations

import pytest

from tutor_app import paths
from tutor_app.lessons.base import load_spec
from tutor_app.qt.panels.autograd import AutogradPanel


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_panel_opens_and_steps_load(qtbot, lang):
    spec = load_spec(paths.resource("lessons", "autograd.toml"))
    panel = AutogradPanel(spec, lang)
    qtbot.addWidget(panel)
    assert panel.step_list.count() == 12
    assert panel.player.player.n_frames == 3           # notes flow: start + two ops
    panel.select_step("accumulate")
    assert "[0, 8, 16, 24]" in panel.player.timeline[-1].caption_in(lang)
    assert "tensor([ 0.,  8., 16., 24.])" in panel.printed.toPlainText()
    panel.set_language("en" if lang == "zh" else "zh")
    assert panel.step_list.currentRow() == 2
    panel.shutdown()
    assert not panel.player.timer.isActive()
