"""The graph lab panel: typed code becomes the expected graph; GIF export; language switch."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image
from PySide6.QtCore import Qt

from tutor_app import paths
from tutor_app.graph.build import find_value
from tutor_app.lessons.base import load_spec
from tutor_app.qt.panels.graph_lab import GraphLabPanel


@pytest.fixture
def panel(qtbot):
    spec = load_spec(paths.resource("lessons", "graph_lab.toml"))
    p = GraphLabPanel(spec, "en")
    qtbot.addWidget(p)
    yield p
    p.shutdown()
    assert not p.player.timer.isActive()


def _ops(graph):
    return sorted(d["op"] for _, d in graph.nodes(data=True) if d["kind"] == "op")


def test_default_program_draws_the_notes_graph_with_two_backward_passes(panel):
    graph = panel.current_graph()
    assert _ops(graph) == ["dot", "mul"]
    assert panel.output_box.currentText() == "y"
    x = find_value(graph, "x")
    dot = next(n for n, d in graph.nodes(data=True) if d.get("op") == "dot")
    assert graph.number_of_edges(x, dot) == 2
    phases = [f.phase for f in panel.player.timeline]
    assert phases.count("seed") == 2
    np.testing.assert_array_equal(panel.player.timeline[-1].grad(x), [0, 8, 16, 24])
    assert "tensor([ 0.,  4.,  8., 12.])" in panel.printed.toPlainText()


def test_typed_program_and_output_chooser(panel, qtbot):
    panel.code.setPlainText("a = torch.tensor([1.0, 2.0], requires_grad=True)\n"
                            "b = a.exp()\nc = (b * a).sum()\nd = a + 1\n")
    qtbot.mouseClick(panel.run_button, Qt.LeftButton)
    assert [panel.output_box.itemText(i) for i in range(panel.output_box.count())] == \
        ["a", "b", "c", "d"]
    assert panel.output_box.currentText() == "d"          # the latest result
    assert _ops(panel.current_graph()) == ["add"]
    panel.output_box.setCurrentText("c")                  # pick another output: no re-run
    assert _ops(panel.current_graph()) == ["exp", "mul", "sum"]


def test_load_program_routes_the_console_and_no_grad_cuts(panel):
    panel.load_program("x = torch.ones(3, requires_grad=True)\nwith torch.no_grad():\n"
                       "    z = x * 2\n", "z")
    graph = panel.current_graph()
    assert panel.output_box.currentText() == "z"
    x = find_value(graph, "x")
    assert all(d["cut"] for _, _, d in graph.out_edges(x, data=True))


def test_zero_grad_between_backwards_restarts_from_zero(panel):
    panel.load_program("x = torch.arange(4.0, requires_grad=True)\ny = (x * x).sum()\n"
                       "y.backward(retain_graph=True)\nx.grad.zero_()\ny.backward()\n", "y")
    tl = panel.player.timeline
    second = [f for f in tl if f.phase == "seed"][1]
    x = find_value(panel.current_graph(), "x")
    np.testing.assert_array_equal(second.grad(x), [0, 0, 0, 0])
    np.testing.assert_array_equal(tl[-1].grad(x), [0, 2, 4, 6])


def test_errors_are_shown_and_change_nothing_harmful(panel):
    panel.load_program("import os")
    assert "not available" in panel.printed.toPlainText()
    assert panel.current_graph() is None and panel.player.player.n_frames == 0
    panel.load_program("x = torch.ones(2, requires_grad=True)\ny = (x * x).sum()\n"
                       "y.backward()\ny.backward()\n")  # fails half-way: still drawn
    assert "backward through the graph a second time" in panel.printed.toPlainText()
    assert _ops(panel.current_graph()) == ["mul", "sum"]


def test_gif_export_writes_a_valid_multi_frame_file(panel, tmp_path):
    path = tmp_path / "lab.gif"
    n = panel.player.export_gif(str(path))
    assert n == panel.player.player.n_frames > 5
    with Image.open(path) as im:
        assert im.n_frames == n


def test_language_switch(panel):
    panel.set_language("zh")
    assert panel.run_button.text() == "运行"
    assert "计算图" in panel.player.caption.text()
    panel.set_language("en")
    assert panel.run_button.text() == "Run"


def test_backward_roots_come_from_the_engines_pass_index():
    from tutor_app.lessons import graph_lab as logic

    run = logic.run_program("a = torch.ones(2, 3, requires_grad=True)\n"
                            "y = (a * 3).sum()\ny.backward()\n"
                            "z = (a * a).sum()\nz.backward()\ny2 = (a + 1).sum()\n")
    assert run.tape.backward_calls == 2
    roots = logic._backward_roots(run.tape)
    assert roots == [run.uids["y"], run.uids["z"]]
    assert run.default == "z"          # the root of the last backward pass, not the last op


def test_steps_after_a_switch_to_dark_use_the_dark_palette(panel, qtbot):
    from matplotlib.colors import to_hex

    from tutor_app.viz.style import DARK

    qtbot.mouseClick(panel.player.forward_button, Qt.LeftButton)
    panel.set_theme("dark")
    seen = 0
    for button in [panel.player.forward_button] * 4 + [panel.player.back_button] * 2:
        qtbot.mouseClick(button, Qt.LeftButton)
        view, frame = panel.player.view, panel.player.view.frame
        stepped = [n for n in view.dirty[0] if n in view.value_index and frame.shown(n)]
        seen += len(stepped)
        faces = view.value_patches.get_facecolor()
        assert {to_hex(faces[view.value_index[n]]) for n in stepped} <= {DARK.cell}
        assert {to_hex(c) for c in view.op_patches.get_facecolor()} <= {DARK.background,
                                                                         DARK.accent}
    assert seen > 0
    panel.run_code()                      # a new graph is drawn dark from the start
    assert panel.player.view.theme == "dark"


LOOP_20 = """\
x = torch.tensor(0.5, requires_grad=True)
y = x
for i in range(20):
    y = y * 0.9 + x
y.backward()
"""


def test_a_long_loop_opens_folded_and_expands_at_the_same_frame(panel, qtbot):
    panel.load_program(LOOP_20)
    player = panel.player
    assert player.folding is not None and player.expand_button.isVisibleTo(panel)
    assert player.expand_button.text() == "Expand loops"
    folded = len(panel.current_graph())
    glyph = next(iter(player.folding.counts))
    assert glyph in panel.current_graph()
    middle = next(k for k in range(len(player.timeline))
                  if glyph in player.timeline[k].active_nodes)
    player.player.seek(middle)
    qtbot.mouseClick(player.expand_button, Qt.LeftButton)
    assert player.expanded and player.player.index == middle
    assert len(panel.current_graph()) > 3 * folded and glyph not in panel.current_graph()
    assert player.timeline[middle].active_nodes <= set(panel.current_graph().nodes)
    assert player.expand_button.text() == "Fold loops"
    qtbot.mouseClick(player.expand_button, Qt.LeftButton)
    assert not player.expanded and glyph in panel.current_graph()
    assert player.player.index == middle
    panel.set_language("zh")
    assert player.expand_button.text() == "展开循环"
    panel.load_program("x = torch.ones(2, requires_grad=True)\ny = (x * 3).sum()\n")
    assert player.folding is None and not player.expand_button.isVisibleTo(panel)
