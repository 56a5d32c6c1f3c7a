"""Lesson 10 panel opens in zh and en and follows its controls."""

from __future__ import annotations

import pytest

from tutor_app import paths
from tutor_app.lessons.base import load_spec
from tutor_app.qt.panels.three_derivatives import ThreeDerivativesPanel


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_panel_opens_and_recomputes(qtbot, lang):
    spec = load_spec(paths.resource("lessons", "three_derivatives.toml"))
    panel = ThreeDerivativesPanel(spec, lang)
    qtbot.addWidget(panel)
    assert "3·x^2 − 2" in panel.derivation.toPlainText()
    assert panel.table.item(0, 2).text() == "16.0"
    panel.function_box.setCurrentIndex(1)
    assert "cos x" in panel.derivation.toPlainText()
    before = panel.table.item(0, 1).text()
    panel.x_box.setValue(1.5)
    assert panel.table.item(0, 1).text() != before
    assert panel.player.player.n_frames > 3
    assert len(panel.canvas.figure.axes) == 1
    panel.set_language("en" if lang == "zh" else "zh")
    panel.shutdown()
