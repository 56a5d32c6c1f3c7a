"""Lesson 11 panel opens in zh and en; the shared controls move both players."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from tutor_app import paths
from tutor_app.lessons.base import load_spec
from tutor_app.qt.panels.forward_reverse import ForwardReversePanel


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_panel_opens_and_controls_drive_both_players(qtbot, lang):
    spec = load_spec(paths.resource("lessons", "forward_reverse.toml"))
    panel = ForwardReversePanel(spec, lang)
    qtbot.addWidget(panel)
    qtbot.mouseClick(panel.both_next, Qt.LeftButton)
    qtbot.mouseClick(panel.both_next, Qt.LeftButton)
    assert panel.forward_player.player.index == panel.reverse_player.player.index == 2
    qtbot.mouseClick(panel.both_back, Qt.LeftButton)
    assert panel.forward_player.player.index == 1
    qtbot.mouseClick(panel.both_reset, Qt.LeftButton)
    assert panel.reverse_player.player.index == 0
    panel.n_box.setValue(3)
    seeds = [f.phase for f in panel.forward_player.timeline].count("seed")
    assert seeds == 3 and "3" in panel.forward_title.text()
    assert panel.table.rowCount() == sum(len(rows) for rows in panel.sweeps.values())
    assert len(panel.cost_canvas.figure.axes) == 3
    panel.set_language("en" if lang == "zh" else "zh")
    panel.shutdown()
    assert not panel.forward_player.timer.isActive()
