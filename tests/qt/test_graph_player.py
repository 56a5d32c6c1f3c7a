"""The player widget: every control drives the pure player and the canvas; timers stop."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import Qt

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from graph.graph_tapes import dot_tape  # noqa: E402

from tutor_app.graph.build import build_graph  # noqa: E402
from tutor_app.graph.frames import build_timeline  # noqa: E402
from tutor_app.qt.graph_player import GraphPlayerWidget  # noqa: E402


@pytest.fixture
def widget(qtbot):
    w = GraphPlayerWidget("en")
    qtbot.addWidget(w)
    tape = dot_tape(backwards=2)
    graph = build_graph(tape, output=4, names={1: "x", 4: "y"})
    w.set_graph(graph, build_timeline(graph, tape))
    yield w
    w.shutdown()
    assert not w.timer.isActive()


def test_buttons_step_and_reset(widget, qtbot):
    p = widget.player
    assert p.index == 0 and not widget.back_button.isEnabled()
    qtbot.mouseClick(widget.forward_button, Qt.LeftButton)
    assert p.index == 1 and widget.slider.value() == 1
    assert widget.caption.text().startswith("Forward 1/2")
    qtbot.mouseClick(widget.forward_button, Qt.LeftButton)
    qtbot.mouseClick(widget.back_button, Qt.LeftButton)
    assert p.index == 1
    qtbot.mouseClick(widget.reset_button, Qt.LeftButton)
    assert p.index == 0 and widget.position.text() == f"1 / {p.n_frames}"


def test_play_pause_starts_and_stops_the_timer_and_ticks_advance(widget, qtbot):
    qtbot.mouseClick(widget.play_button, Qt.LeftButton)
    assert widget.player.playing and widget.timer.isActive()
    assert widget.play_button.text() == "‖" and widget.play_button.toolTip() == "Pause (Space)"
    widget._on_timer_tick()  # what the timer calls; no waiting in tests
    assert widget.player.index == 1
    qtbot.mouseClick(widget.play_button, Qt.LeftButton)
    assert not widget.player.playing and not widget.timer.isActive()


def test_playing_to_the_end_stops_the_timer(widget):
    widget.player.play()
    for _ in range(widget.player.n_frames + 2):
        widget._on_timer_tick()
    assert widget.player.at_end and not widget.timer.isActive()
    assert "x.grad = [0, 8, 16, 24]" in widget.caption.text()


def test_slider_seeks_and_model_moves_the_slider(widget):
    widget.slider.setValue(5)
    assert widget.player.index == 5
    widget.player.seek(2)
    assert widget.slider.value() == 2


def test_speed_and_loop_controls(widget, qtbot):
    widget.speed_box.setCurrentIndex(widget.speed_box.findData(2.0))
    assert widget.player.speed == 2.0
    widget.player.play()
    assert widget.timer.interval() == widget.player.interval_ms == 450
    widget.loop_box.setChecked(True)
    assert widget.player.loop
    widget.player.seek(widget.player.n_frames - 1)
    widget._on_timer_tick()
    assert widget.player.index == 0 and widget.timer.isActive()


def test_keyboard_shortcuts(widget, qtbot):
    widget.show()
    widget.activateWindow()
    qtbot.waitActive(widget)
    widget.setFocus()
    qtbot.keyClick(widget, Qt.Key_Right)
    assert widget.player.index == 1
    qtbot.keyClick(widget, Qt.Key_End)
    assert widget.player.at_end
    qtbot.keyClick(widget, Qt.Key_Left)
    qtbot.keyClick(widget, Qt.Key_Home)
    assert widget.player.index == 0
    qtbot.keyClick(widget, Qt.Key_Space)
    assert widget.player.playing
    qtbot.keyClick(widget, Qt.Key_Space)
    assert not widget.player.playing


def test_language_switch_and_fit(widget, qtbot):
    widget.player.seek(1)
    widget.set_language("zh")
    assert widget.caption.text().startswith("前向 1/2")
    assert widget.reset_button.toolTip() == "重置（Home）"
    widget.view.zoom(3.0)
    qtbot.mouseClick(widget.fit_button, Qt.LeftButton)
    assert widget.view.ax.get_xlim()[1] - widget.view.ax.get_xlim()[0] > 3


def test_gif_export_writes_every_frame(widget, tmp_path):
    path = tmp_path / "graph.gif"
    widget.player.seek(3)
    assert widget.export_gif(str(path)) == widget.player.n_frames
    with Image.open(path) as im:
        assert im.format == "GIF" and im.n_frames == widget.player.n_frames
    assert widget.view.frame.index == 3  # exporting does not move the learner's frame


def test_empty_player_is_harmless(qtbot):
    w = GraphPlayerWidget("zh")
    qtbot.addWidget(w)
    qtbot.mouseClick(w.forward_button, Qt.LeftButton)
    qtbot.mouseClick(w.play_button, Qt.LeftButton)
    assert w.player.index == 0 and not w.timer.isActive()
    assert "还没有计算图" in w.caption.text()
    assert w.export_gif("unused.gif") == 0
    w.shutdown()


def test_keys_pressed_on_the_canvas_reach_the_player(widget):
    from matplotlib.backend_bases import KeyEvent

    widget.canvas.callbacks.process("key_press_event",
                                    KeyEvent("key_press_event", widget.canvas, "right"))
    assert widget.player.index == 1
    widget.canvas.callbacks.process("key_press_event",
                                    KeyEvent("key_press_event", widget.canvas, "home"))
    assert widget.player.index == 0


def test_suspend_pauses_playing(widget):
    widget.player.play()
    assert widget.timer.isActive()
    widget.suspend()
    assert not widget.player.playing and not widget.timer.isActive()


def test_steps_after_a_switch_to_dark_are_painted_in_dark_colours(widget, qtbot):
    import numpy as np
    from matplotlib.colors import to_hex

    from tutor_app.viz.style import DARK, LIGHT

    widget.resize(800, 420)
    widget.show()
    qtbot.waitExposed(widget)
    widget.player.seek(1)
    widget.canvas.draw()
    widget.set_theme("dark")
    widget.canvas.draw()                   # the full draw the switch asked for
    painter, boxes = widget.painter, []
    paint = painter.paint
    painter.paint = lambda: boxes.append(paint()) or boxes[-1]
    painted = 0
    steps = [widget.player.next] * (widget.player.n_frames - 2) + [widget.player.previous] * 3
    for step in steps:
        step()
        view, frame = widget.view, widget.view.frame
        assert view.dirty is not None
        stepped = view.dirty[0] & set(view.values)
        assert stepped
        faces = view.value_patches.get_facecolor()
        for n in stepped:
            if frame.shown(n):
                assert to_hex(faces[view.value_index[n]]) == DARK.cell
        op_faces = {to_hex(c) for c in view.op_patches.get_facecolor()}
        assert op_faces <= {DARK.background, DARK.accent}
        if boxes[-1] is None:   # too large a change: the player asked for a full draw
            widget.canvas.draw()
            continue
        partial = np.asarray(widget.canvas.buffer_rgba()).astype(int)
        widget.canvas.draw()
        full = np.asarray(widget.canvas.buffer_rgba()).astype(int)
        painted += 1
        assert np.abs(partial - full).max() <= 2   # the region repaint was dark as well
    assert painted >= 3
    widget.set_theme("light")
    widget.player.next()
    shown = [c for c, n in zip(widget.view.value_patches.get_facecolor(), widget.view.values,
                               strict=True) if widget.view.frame.shown(n)]
    assert {to_hex(c) for c in shown} == {LIGHT.cell}


def test_a_player_starts_in_the_apps_theme(qtbot, monkeypatch):
    from tutor_app.qt.mpl_canvas import MplCanvas

    monkeypatch.setattr(MplCanvas, "default_theme", "dark")
    w = GraphPlayerWidget("en")
    qtbot.addWidget(w)
    tape = dot_tape()
    graph = build_graph(tape, output=4, names={1: "x", 4: "y"})
    w.set_graph(graph, build_timeline(graph, tape))
    assert w.theme == w.view.theme == w.canvas.theme == "dark"
    w.shutdown()
