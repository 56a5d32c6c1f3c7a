"""A hidden tab's figure is built when the tab is opened (or exported), never lost."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QTabWidget, QWidget

from tutor_app.lessons.base import load_spec
from tutor_app.paths import resource
from tutor_app.qt.panels.axis_sums import AxisSumsPanel
from tutor_app.qt.panels.dot_projection import DotProjectionPanel
from tutor_app.qt.panels.matrix_calculus import MatrixCalculusPanel
from tutor_app.qt.panels.tab_figures import TabFigures


def test_a_build_waits_for_its_tab_and_the_latest_request_wins(qtbot):
    tabs = QTabWidget()
    qtbot.addWidget(tabs)
    first, second = QWidget(), QWidget()
    tabs.addTab(first, "1")
    tabs.addTab(second, "2")
    figures = TabFigures(tabs)
    built = []
    figures.draw(first, lambda: built.append("first"))
    assert built == ["first"]                      # the current tab builds at once
    figures.draw(second, lambda: built.append("old"))
    figures.draw(second, lambda: built.append("new"))
    figures.draw(second, lambda: built.append("text"), part="text")
    assert built == ["first"] and figures.waiting(second)
    tabs.setCurrentIndex(1)
    assert sorted(built) == ["first", "new", "text"] and not figures.waiting(second)
    tabs.setCurrentIndex(0)
    tabs.setCurrentIndex(1)
    assert len(built) == 3                         # built once, not at every visit


def _filled(ax) -> bool:
    return bool(ax.texts or ax.patches or ax.tables)


# (panel class, lesson, "is the second tab's figure built?")
PANELS = [(AxisSumsPanel, "axis_sums", lambda p: _filled(p.div_ax)),
          (MatrixCalculusPanel, "matrix_calculus", lambda p: _filled(p.table_ax)),
          (DotProjectionPanel, "dot_projection", lambda p: bool(p._artists_3d))]


@pytest.mark.parametrize(("cls", "lesson", "built"), PANELS)
def test_the_second_tab_is_drawn_when_opened(qtbot, cls, lesson, built):
    panel = cls(load_spec(resource("lessons", f"{lesson}.toml")), "zh")
    qtbot.addWidget(panel)
    panel.resize(900, 800)
    panel.show()
    assert not built(panel)                        # nothing built for a hidden tab
    panel.set_language("en")                       # asked again while hidden: still waits
    assert not built(panel)
    panel.tabs.setCurrentIndex(1)
    assert built(panel)
    qtbot.wait(20)  # the draw it asked for, before the panel goes


@pytest.mark.parametrize(("cls", "lesson", "built"), PANELS)
def test_an_export_builds_the_figures_of_tabs_never_opened(qtbot, cls, lesson, built):
    panel = cls(load_spec(resource("lessons", f"{lesson}.toml")), "zh")
    qtbot.addWidget(panel)
    panel.finish_figures()
    assert built(panel)


def test_the_export_menu_saves_a_tab_never_opened_with_its_figure(make_window, tmp_path):
    window = make_window(lesson="axis_sums")
    panel = window.host.panel
    assert not panel.div_ax.patches
    saved = window.host.exporter.export("png", str(tmp_path / "sums.png"))
    assert len(saved) == 2 and all(path.stat().st_size > 0 for path in saved)
    assert panel.div_ax.patches
