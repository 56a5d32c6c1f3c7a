"""The console tab: type, run, history, reset, inline errors, variables, show graph, export."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt

from tutor_app.lessons.base import LessonSpec
from tutor_app.progress import Progress
from tutor_app.qt.console import ConsoleWidget

RUN_TIMEOUT = 15_000

pytestmark = pytest.mark.usefixtures("fresh_sessions")


def _spec(lesson_id: str = "test_console") -> LessonSpec:
    return LessonSpec(id=lesson_id, order=99, chapter="ch2", section="2.1",
                      title={"zh": "测试", "en": "Test"}, body={"zh": "正文", "en": "Body"},
                      try_it="x = torch.arange(4.0)\nx")


@pytest.fixture
def console(qtbot, progress):
    widget = ConsoleWidget(_spec(), progress, "en")
    qtbot.addWidget(widget)
    widget.resize(900, 400)
    widget.show()
    return widget


def type_and_enter(qtbot, console, text: str) -> None:
    console.input.setFocus()
    console.input.clear()
    console.input.insertPlainText(text)
    with qtbot.waitSignal(console.run_finished, timeout=RUN_TIMEOUT):
        qtbot.keyClick(console.input, Qt.Key.Key_Return)


def test_enter_runs_and_output_reads_like_pytorch(qtbot, console):
    type_and_enter(qtbot, console, "x = torch.arange(4.0)\nx * 2")
    text = console.transcript_text()
    assert ">>> x = torch.arange(4.0)" in text
    assert "... x * 2" in text
    assert "tensor([0., 2., 4., 6.])" in text
    assert console.input.toPlainText() == ""


def test_enter_in_an_open_block_adds_an_indented_line(qtbot, console):
    console.input.setFocus()
    console.input.insertPlainText("for i in range(2):")
    qtbot.keyClick(console.input, Qt.Key.Key_Return)
    assert console.input.toPlainText() == "for i in range(2):\n    "
    console.input.insertPlainText("print(i)")
    qtbot.keyClick(console.input, Qt.Key.Key_Return)  # still inside the block
    assert console.input.toPlainText().endswith("print(i)\n    ")
    with qtbot.waitSignal(console.run_finished, timeout=RUN_TIMEOUT):
        qtbot.keyClick(console.input, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert "0\n1" in console.transcript_text()


def test_shift_enter_adds_a_line_without_running(qtbot, console):
    console.input.setFocus()
    console.input.insertPlainText("a = 1")
    qtbot.keyClick(console.input, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert console.input.toPlainText() == "a = 1\n"
    assert console.session.entries == []


def test_history_is_kept_in_progress_and_walks_up_and_down(qtbot, console, progress):
    type_and_enter(qtbot, console, "a = 1")
    type_and_enter(qtbot, console, "b = 2")
    assert progress.history("test_console") == ["a = 1", "b = 2"]
    console.input.insertPlainText("draft")
    qtbot.keyClick(console.input, Qt.Key.Key_Up)
    assert console.input.toPlainText() == "b = 2"
    qtbot.keyClick(console.input, Qt.Key.Key_Up)
    assert console.input.toPlainText() == "a = 1"
    qtbot.keyClick(console.input, Qt.Key.Key_Down)
    qtbot.keyClick(console.input, Qt.Key.Key_Down)
    assert console.input.toPlainText() == "draft"
    again = ConsoleWidget(_spec(), Progress.load(progress.path)[0], "en")  # after a restart
    qtbot.addWidget(again)
    qtbot.keyClick(again.input, Qt.Key.Key_Up)
    assert again.input.toPlainText() == "b = 2"


def test_error_is_shown_inline_with_its_line(qtbot, console):
    type_and_enter(qtbot, console,
                   "A = torch.arange(20.0).reshape(5, 4)\nA / A.sum(axis=1)")
    text = console.transcript_text()
    assert "Error on line 2: RuntimeError: The size of tensor a (4)" in text
    assert "Traceback" not in text and 'File "<console>"' not in text  # one line, never Python's
    assert "The size of tensor a (4) must match the size of tensor b (5)" in text
    assert console.session.entries[-1].error_line == 2
    assert "fce8e6" in console.transcript.toHtml()  # the failing line is highlighted


def test_variables_panel_and_reset(qtbot, console):
    type_and_enter(qtbot, console, "x = torch.ones(2, 3, requires_grad=True)\nn = 5")
    tree = console.variables.tree
    rows = {tree.topLevelItem(i).text(0): [tree.topLevelItem(i).text(c) for c in range(4)]
            for i in range(tree.topLevelItemCount())}
    assert rows["x"] == ["x", "(2, 3)", "float32", "True"]
    x_row = next(tree.topLevelItem(i) for i in range(tree.topLevelItemCount())
                 if tree.topLevelItem(i).text(0) == "x")
    assert x_row.toolTip(2) == "torch.float32"
    assert rows["n"][1] == "int"
    qtbot.mouseClick(console.reset_button, Qt.MouseButton.LeftButton)
    assert tree.topLevelItemCount() == 0
    assert console.transcript_text() == ""
    type_and_enter(qtbot, console, "x")
    assert "NameError" in console.transcript_text()


def test_variables_survive_leaving_and_coming_back(qtbot, console, progress):
    type_and_enter(qtbot, console, "kept = torch.tensor([1.0, 2.0])")
    again = ConsoleWidget(_spec(), progress, "en")
    qtbot.addWidget(again)
    assert "kept" in again.variables.names()
    assert "kept = torch.tensor" in again.transcript_text()


def test_show_graph_sends_the_tape_of_the_run_that_made_the_variable(qtbot, console):
    type_and_enter(qtbot, console, "x = torch.randn(3, requires_grad=True)\n"
                                   "y = (x * x).sum()\ny.backward()\nx")
    type_and_enter(qtbot, console, "oops = undefined_name")
    printed = console.session.entries[0].output
    console.variables.select("y")
    with qtbot.waitSignal(console.show_graph_requested) as signal:
        qtbot.mouseClick(console.variables.graph_button, Qt.MouseButton.LeftButton)
    request, name = signal.args
    assert name == "y"
    assert "y = (x * x).sum()" in request.source and "undefined_name" not in request.source
    run = request.run
    assert run.ok and set(run.tensors) == {"x", "y"}
    leaf = run.tape.values[run.uids["x"]].value  # the very numbers the console printed
    shown = [float(v) for v in re.findall(r"-?\d+\.\d+", printed)]
    assert shown == [round(float(v), 4) for v in leaf]


def test_stop_interrupts_an_endless_loop(qtbot, console):
    console.input.insertPlainText("while True:\n    pass\n")
    with qtbot.waitSignal(console.run_finished, timeout=RUN_TIMEOUT) as signal:
        console.run_input()
        assert console.running and console.stop_button.isEnabled()
        qtbot.mouseClick(console.stop_button, Qt.MouseButton.LeftButton)
    assert "stopped by the learner" in signal.args[0].error
    assert not console.running and console.run_button.isEnabled()


def test_load_snippet_and_language_switch(qtbot, console):
    console.load_snippet("x = torch.arange(4.0)\nx")
    assert console.input.toPlainText() == "x = torch.arange(4.0)\nx"
    console.set_language("zh")
    assert console.run_button.text() == "运行"
    console.set_language("en")
    assert console.run_button.text() == "Run"


def test_export_notes_writes_markdown(qtbot, console, tmp_path):
    type_and_enter(qtbot, console, "x = torch.arange(4.0)\nx")
    written = console.export_notes(str(tmp_path / "notes.md"))
    text = (tmp_path / "notes.md").read_text(encoding="utf-8")
    assert written.endswith("notes.md")
    assert "x = torch.arange(4.0)" in text and "tensor([0., 1., 2., 3.])" in text


def test_export_includes_the_lesson_panels_figures(qtbot, progress, tmp_path):
    from matplotlib.figure import Figure
    from PySide6.QtWidgets import QVBoxLayout, QWidget

    class Host(QWidget):  # stands in for the lesson host, which lists the panel's canvases
        def __init__(self):
            super().__init__()
            self.figure = Figure(figsize=(2, 2))
            self.figure.add_subplot().plot([0, 1], [0, 1])

        def canvases(self):
            return [self]

    host = Host()
    qtbot.addWidget(host)
    console = ConsoleWidget(_spec(), progress, "zh")
    QVBoxLayout(host).addWidget(console)
    console.session.run("x = 1\nx")
    console.export_notes(str(tmp_path / "n.md"))
    text = (tmp_path / "n.md").read_text(encoding="utf-8")
    assert "## 图" in text and "n_files/figure-1-test-console-1.png" in text
    assert (tmp_path / "n_files" / "figure-1-test-console-1.png").stat().st_size > 0


def test_discarding_the_console_stops_its_run(qtbot, progress):
    console = ConsoleWidget(_spec(), progress, "en")
    console.input.setPlainText("while True:\n    pass\n")
    console.run_input()
    cancel = console._cancel
    console.deleteLater()
    qtbot.waitUntil(cancel.is_set, timeout=RUN_TIMEOUT)


def test_refusals_and_stops_are_worded_in_the_uis_language_only(qtbot, progress):
    console = ConsoleWidget(_spec(), progress, "zh")
    qtbot.addWidget(console)
    type_and_enter(qtbot, console, "import os")
    text = console.transcript_text()
    assert "不允许（第 1 行）" in text and "Not allowed" not in text
    console.set_language("en")
    type_and_enter(qtbot, console, "import sys")
    assert "Not allowed (line 1): 'import sys'" in console.transcript_text()


def test_enter_twice_after_a_one_line_loop_leaves_the_input_empty(qtbot, console):
    """Issue 13 item 6: no blank line left behind, no '... y' echo, errors on line 1."""
    console.input.setFocus()
    qtbot.keyClicks(console.input, "for i in range(3): print(i)")
    with qtbot.waitSignal(console.run_finished, timeout=RUN_TIMEOUT):
        qtbot.keyClick(console.input, Qt.Key.Key_Return)
    qtbot.keyClick(console.input, Qt.Key.Key_Return)  # the learner's habit: Enter again
    assert console.input.toPlainText() == ""
    assert console.input.placeholderText()
    qtbot.keyClicks(console.input, "y = 1 / 0")
    with qtbot.waitSignal(console.run_finished, timeout=RUN_TIMEOUT):
        qtbot.keyClick(console.input, Qt.Key.Key_Return)
    text = console.transcript_text()
    assert ">>> y = 1 / 0" in text and "... y" not in text
    assert "Error on line 1: ZeroDivisionError" in text


def test_blank_lines_around_a_submission_do_not_shift_error_lines(qtbot, console):
    type_and_enter(qtbot, console, "\n\n  \nz = undefined\n\n")
    assert "Error on line 1: NameError" in console.transcript_text()


def test_a_running_commands_lines_are_echoed_at_once(qtbot, console):
    console.input.insertPlainText("for i in range(10**9):\n    pass")
    with qtbot.waitSignal(console.run_finished, timeout=RUN_TIMEOUT):
        console.run_input()
        assert ">>> for i in range(10**9):" in console.transcript_text()
        assert "...     pass" in console.transcript_text()
        console.stop()
    assert console.transcript_text().count(">>> for i in range") == 1


def test_the_console_says_whose_session_it_is_and_brings_variables_along(qtbot, progress):
    first = ConsoleWidget(_spec("lesson_a"), progress, "en")
    qtbot.addWidget(first)
    assert first.session_label.text() == "Console of 2.1 Test"
    assert "its own console" in first.session_label.toolTip()
    type_and_enter(qtbot, first, "a = torch.ones(2)\nn = 3")
    second = ConsoleWidget(_spec("lesson_b"), progress, "en")
    qtbot.addWidget(second)
    assert second.variables.names() == []  # another lesson, another session
    second._fill_bring_menu()
    titles = [action.text() for action in second.bring_menu.actions()]
    assert titles == ["2.1 Test"]
    assert second.bring_variables(first.session) == ["a", "n"]
    assert second.variables.names() == ["a", "n"]
    assert "Brought 2 variables from 2.1 Test: a, n" in second.transcript_text()
    type_and_enter(qtbot, second, "a * n")
    assert "tensor([3., 3.])" in second.transcript_text()


def test_a_chinese_learner_reads_the_error_in_one_chinese_line(qtbot, progress):
    widget = ConsoleWidget(_spec(), progress, "zh")
    qtbot.addWidget(widget)
    widget.show()
    widget.run_source("def f(v):\n    return v / 0\n\nf(1)")
    qtbot.waitUntil(lambda: not widget.running, timeout=20000)
    text = widget.transcript_text()
    assert "第 2 行出错：除以零（ZeroDivisionError: division by zero）" in text
    assert "Traceback" not in text and "in <module>" not in text
