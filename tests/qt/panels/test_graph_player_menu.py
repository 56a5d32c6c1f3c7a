"""The graph player's export menu: GIF, PNG, SVG and copy behind one button, in both languages."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from graph.graph_tapes import dot_tape  # noqa: E402

from tutor_app.graph.build import build_graph  # noqa: E402
from tutor_app.graph.frames import build_timeline  # noqa: E402
from tutor_app.qt.graph_player import GraphPlayerWidget  # noqa: E402


@pytest.fixture
def widget(qtbot):
    w = GraphPlayerWidget("zh")
    qtbot.addWidget(w)
    tape = dot_tape(backwards=1)
    graph = build_graph(tape, output=4, names={1: "x", 4: "y"})
    w.set_graph(graph, build_timeline(graph, tape))
    yield w
    w.shutdown()


def test_export_menu_lists_every_format_and_follows_the_language(widget):
    texts = [a.text() for a in widget.export_menu.actions()]
    assert texts == ["导出 GIF…", "导出 PNG…", "导出 SVG…", "复制图像"]
    widget.set_language("en")
    assert [a.text() for a in widget.export_menu.actions()] == [
        "Save GIF…", "Save PNG…", "Save SVG…", "Copy image"]
    assert widget.export_button.text() == "Export"
    assert "Space" in widget.canvas.toolTip()          # the key hints moved to the tooltip


def test_menu_actions_write_files_and_report_in_the_status(widget, tmp_path):
    assert widget.toolbar.save_as(tmp_path / "frame.png")
    assert (tmp_path / "frame.png").stat().st_size > 0
    assert "frame.png" in widget.status.text()
    assert widget.export_gif(str(tmp_path / "steps.gif")) > 1
    assert "steps.gif" in widget.status.text()


def test_controls_take_two_rows_under_the_canvas(widget, qtbot):
    widget.resize(700, 500)
    widget.show()
    qtbot.waitExposed(widget)
    assert widget.canvas.height() >= 500 - 150   # caption + two rows of controls
    assert not widget.hint.isVisible() and not widget.toolbar.isVisible()


def test_a_compact_player_has_one_row_of_controls(qtbot):
    w = GraphPlayerWidget("en", compact=True)
    qtbot.addWidget(w)
    w.resize(700, 400)
    w.show()
    qtbot.waitExposed(w)
    assert not w.loop_box.isVisible() and not w.speed_box.isVisible()
    assert w.fit_button.isVisible() and w.export_button.isVisible()
    assert abs(w.fit_button.y() - w.forward_button.y()) < 10     # on the transport row
    w.shutdown()
