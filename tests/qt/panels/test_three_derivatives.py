"""Lesson 12 panel opens in zh and en and follows its controls."""

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
    # f′(x) = 3·x² − 2 with a real superscript, not "x^2"
    assert "f′(x) = 3·x2 − 2" in panel.derivation.toPlainText()
    assert "^" not in panel.derivation.toPlainText()
    assert "vertical-align:super" in panel.derivation.toHtml()
    assert panel.table.item(0, 3).text() == "16.0"   # digits
    panel.function_box.setCurrentIndex(1)
    assert "cos x" in panel.derivation.toPlainText()
    before = panel.table.item(0, 2).text()   # f′(x)
    panel.x_box.setValue(1.5)
    assert panel.table.item(0, 2).text() != before
    panel.tabs.setCurrentIndex(1)            # the graph is drawn when its tab is opened
    assert panel.player.player.n_frames > 3
    assert len(panel.canvas.figure.axes) == 1
    panel.set_language("en" if lang == "zh" else "zh")
    panel.shutdown()


def test_formulas_become_rich_text():
    from tutor_app.qt.panels.rich_text import maths_html

    assert maths_html("3·x^2 − 2") == "3·<i>x</i><sup>2</sup> − 2"
    assert maths_html("x ** 3") == "<i>x</i><sup>3</sup>"
    assert maths_html("∂out/∂a = n·a^(n−1)") == ("∂out/∂<i>a</i> = <i>n</i>·<i>a</i>"
                                                 "<sup><i>n</i>−1</sup>")
    assert maths_html("exp(x) < 1") == "exp(<i>x</i>) &lt; 1"


def test_the_whole_results_table_is_visible(qtbot):
    spec = load_spec(paths.resource("lessons", "three_derivatives.toml"))
    panel = ThreeDerivativesPanel(spec, "en")
    qtbot.addWidget(panel)
    panel.resize(800, 700)
    panel.show()
    qtbot.waitExposed(panel)
    table = panel.table
    last = table.rowCount() - 1
    bottom = table.rowViewportPosition(last) + table.rowHeight(last)
    assert bottom <= table.viewport().height()          # no row cut off or scrolled away
    assert table.horizontalScrollBar().maximum() == 0   # and no column either
    ax = panel.canvas.figure.axes[0]
    panel.canvas.draw()
    renderer = panel.canvas.get_renderer()
    fig_box = panel.canvas.figure.bbox
    for artist in (ax.title, ax.xaxis.label, ax.get_legend()):
        box = artist.get_window_extent(renderer)
        assert box.x0 >= fig_box.x0 - 1 and box.x1 <= fig_box.x1 + 1     # nothing clipped
        assert box.y0 >= fig_box.y0 - 1 and box.y1 <= fig_box.y1 + 1
    panel.shutdown()
