"""Lesson 13 panel opens in zh and en; the shared controls move both players."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from tests.qt.panels.geometry import drawn, overlapping_pairs, texts_outside
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
    assert panel.table.rowCount() == 0 and not panel.cost_canvas.figure.axes  # not yet seen
    panel.tabs.setCurrentIndex(1)  # the cost tab is filled when first chosen
    assert panel.table.rowCount() == sum(len(rows) for rows in panel.sweeps.values())
    assert len(panel.cost_canvas.figure.axes) == 3
    assert panel.cost_canvas in panel.canvases()
    panel.set_language("en" if lang == "zh" else "zh")
    panel.shutdown()
    assert not panel.forward_player.timer.isActive()


@pytest.mark.parametrize("width", [640, 1000])   # the main window's panel, and a wide one
def test_every_op_shows_its_name_at_the_panels_size(qtbot, width):
    spec = load_spec(paths.resource("lessons", "forward_reverse.toml"))
    panel = ForwardReversePanel(spec, "en")
    qtbot.addWidget(panel)
    panel.resize(width, 640)
    panel.show()
    qtbot.waitExposed(panel)
    for _ in range(3):
        for player in (panel.forward_player, panel.reverse_player):
            player.canvas.draw()
            view = player.view
            on_screen = [n for n, ok in zip(view.ops, view._on_screen(view.op_xy), strict=True)
                         if ok]
            assert len(on_screen) == len(view.ops)   # the opening shows the whole graph
            for n in on_screen:
                label = view.texts[("op", n)]
                assert label.get_visible() and label.get_text(), view.graph.nodes[n]["label"]
        qtbot.mouseClick(panel.both_next, Qt.LeftButton)
    panel.shutdown()


def test_after_a_switch_to_dark_stepped_nodes_are_drawn_dark(qtbot):
    from matplotlib.colors import to_hex

    from tutor_app.viz.style import DARK, LIGHT

    spec = load_spec(paths.resource("lessons", "forward_reverse.toml"))
    panel = ForwardReversePanel(spec, "en")
    qtbot.addWidget(panel)
    qtbot.mouseClick(panel.both_next, Qt.LeftButton)
    panel.set_theme("dark")
    players, seen = (panel.forward_player, panel.reverse_player), 0
    for clicks, button in ((4, panel.both_next), (2, panel.both_back)):
        for _ in range(clicks):
            qtbot.mouseClick(button, Qt.LeftButton)
            for player in players:
                view, frame = player.view, player.view.frame
                assert view.theme == player.canvas.theme == "dark"
                stepped = [n for n in view.dirty[0] if n in view.value_index and frame.shown(n)]
                seen += len(stepped)
                faces = view.value_patches.get_facecolor()
                assert {to_hex(faces[view.value_index[n]]) for n in stepped} <= {DARK.cell}
                labels = [t for t in view.texts.values() if t.get_visible()]
                assert labels and all(to_hex(t.get_color()) != LIGHT.text for t in labels)
    assert seen > 0
    panel.set_theme("light")
    qtbot.mouseClick(panel.both_next, Qt.LeftButton)
    view = panel.forward_player.view
    assert view.theme == "light"
    assert to_hex(view.value_patches.get_facecolor()[0]) in (LIGHT.cell, "#eef0f2")
    panel.shutdown()


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("width", [560, 640, 1000])
def test_cost_titles_neither_collide_nor_leave_the_figure(qtbot, lang, width):
    spec = load_spec(paths.resource("lessons", "forward_reverse.toml"))
    panel = ForwardReversePanel(spec, lang)
    qtbot.addWidget(panel)
    panel.resize(width, 760)
    panel.show()
    panel.tabs.setCurrentIndex(1)
    qtbot.waitExposed(panel)
    renderer = drawn(panel.cost_canvas)
    titles = [ax.title for ax in panel.cost_canvas.figure.axes]
    assert all(t.get_text() for t in titles)
    assert not overlapping_pairs(titles, renderer)
    assert not texts_outside(panel.cost_canvas, renderer)
    panel.shutdown()


def test_cost_titles_rewrap_when_the_canvas_widens(qtbot):
    spec = load_spec(paths.resource("lessons", "forward_reverse.toml"))
    panel = ForwardReversePanel(spec, "en")
    qtbot.addWidget(panel)
    panel.tabs.setCurrentIndex(1)
    panel.resize(560, 700)
    panel.show()
    qtbot.waitExposed(panel)
    narrow = [ax.get_title().count("\n") for ax in panel.cost_canvas.figure.axes]
    panel.resize(1800, 700)
    qtbot.waitUntil(lambda: panel.cost_canvas.width() > 1500)
    wide = [ax.get_title().count("\n") for ax in panel.cost_canvas.figure.axes]
    assert sum(wide) < sum(narrow)
    panel.shutdown()
