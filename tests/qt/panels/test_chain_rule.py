"""Chain-rule panel: the autograd lesson's player with the chain rule's steps, zh and en."""

from __future__ import annotations

import pytest

from tutor_app import paths
from tutor_app.lessons.base import load_spec
from tutor_app.qt.panels.chain_rule import ChainRulePanel


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_steps_load_their_graphs_and_play_backward(qtbot, lang):
    panel = ChainRulePanel(load_spec(paths.resource("lessons", "chain_rule.toml")), lang)
    qtbot.addWidget(panel)
    assert panel.step_list.count() == 4
    assert panel.step_list.item(0).text() == panel.t("single_title")
    assert "tensor(0.9689)" in panel.printed.toPlainText()
    panel.select_step("paths")
    assert panel.explanation.text() == panel.t("paths_text")
    last = panel.player.player.n_frames - 1
    assert panel.player.player.seek(last) == last              # the whole backward pass
    assert "0.6988" in panel.player.timeline[last].caption_in(lang)   # v·cos x + u·2x
    panel.set_language("en" if lang == "zh" else "zh")
    assert panel.step_list.currentRow() == 1
    panel.shutdown()
    assert not panel.player.timer.isActive()
