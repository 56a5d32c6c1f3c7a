"""Output panes of lessons 7 and 12 wrap long lines instead of cutting them off.

A learner in a 1366-pixel window read "RuntimeError: both arguments to mat…": the rest of
the message was past the right edge. Each pane must show every character without a
horizontal scroll bar, even when the panel is narrow.
"""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QPlainTextEdit

from tutor_app.lessons import autograd as autograd_logic
from tutor_app.lessons.base import load_spec
from tutor_app.paths import resource
from tutor_app.qt.panels.autograd import AutogradPanel
from tutor_app.qt.panels.axis_sums import AxisSumsPanel

NARROW = (520, 800)


def _assert_fully_shown(view: QPlainTextEdit) -> bool:
    """Assert every line fits the view's width (no horizontal scrolling is possible); return
    whether the longest line is wider than the view, i.e. wrapping, not luck, made it fit."""
    QApplication.processEvents()
    assert view.toPlainText()
    assert view.horizontalScrollBar().maximum() == 0, view.toPlainText()
    longest = max(view.toPlainText().splitlines(), key=len)
    return view.fontMetrics().horizontalAdvance(longest) > view.viewport().width()


def _show(qtbot, widget):
    qtbot.addWidget(widget)
    widget.resize(*NARROW)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_axis_sums_error_line_wraps(qtbot, lang):
    panel = _show(qtbot, AxisSumsPanel(load_spec(resource("lessons", "axis_sums.toml")), lang))
    panel.tabs.setCurrentIndex(1)   # A / A.sum(axis=1) without keepdims: a broadcast error
    assert "non-singleton dimension" in panel.division_view.toPlainText()
    assert _assert_fully_shown(panel.division_view)
    panel.tabs.setCurrentIndex(0)
    _assert_fully_shown(panel.output_view)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_autograd_printed_errors_wrap(qtbot, lang):
    panel = _show(qtbot, AutogradPanel(load_spec(resource("lessons", "autograd.toml")), lang))
    wrapped = 0
    for key in autograd_logic.STEP_KEYS:
        panel.select_step(key)
        if panel.printed.toPlainText():
            wrapped += bool(_assert_fully_shown(panel.printed))
        _assert_fully_shown(panel.code)
    panel.shutdown()
    assert wrapped, "no step printed a line longer than the pane: the test saw nothing"
