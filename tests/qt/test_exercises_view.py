"""The exercises tab: check answers, hints, model answers, solved marks kept in progress."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from tutor_app.lessons.base import LessonSpec
from tutor_app.progress import Progress
from tutor_app.qt.exercises_view import ExercisesWidget
from tutor_app.sandbox import session as sessions

TIMEOUT = 15_000

pytestmark = pytest.mark.usefixtures("fresh_sessions")


def _spec(lesson_id: str) -> LessonSpec:
    return LessonSpec(id=lesson_id, order=9, chapter="ch2", section="2.3",
                      title={"zh": "练习", "en": "Exercises"}, body={"zh": "正文", "en": "Body"})


def _widget(qtbot, progress, lesson_id="exercises_2_3", lang="en") -> ExercisesWidget:
    widget = ExercisesWidget(_spec(lesson_id), progress, lang)
    qtbot.addWidget(widget)
    widget.resize(800, 600)
    widget.show()
    return widget


def _check(qtbot, widget, ex_id: str, answer: str) -> bool:
    card = widget.card(ex_id)
    card.answer.setPlainText(answer)
    with qtbot.waitSignal(widget.checked, timeout=TIMEOUT) as signal:
        qtbot.mouseClick(card.check_button, Qt.MouseButton.LeftButton)
    return signal.args[1]


def test_lists_the_lessons_exercises(qtbot, progress):
    widget = _widget(qtbot, progress)
    assert [c.exercise.id for c in widget.cards][:8] == [f"ex2_3_{n}" for n in range(1, 9)]
    assert widget.summary.text() == f"0 of {len(widget.cards)} solved"


def test_wrong_then_right_answer_is_marked_solved_and_remembered(qtbot, progress):
    widget = _widget(qtbot, progress)
    with qtbot.assertNotEmitted(widget.solved_changed):
        assert not _check(qtbot, widget, "ex2_3_4", "3")
    card = widget.card("ex2_3_4")
    assert "Not yet" in card.result.text()
    assert not progress.exercise_solved("exercises_2_3", "ex2_3_4")
    with qtbot.waitSignal(widget.solved_changed, timeout=TIMEOUT):
        assert _check(qtbot, widget, "ex2_3_4", "len(X)")
    assert card.status.text() == "✔ Solved"
    assert widget.summary.text().startswith("1 of ")
    restarted = Progress.load(progress.path)[0]  # the app was closed and opened again
    again = _widget(qtbot, restarted)
    assert again.card("ex2_3_4").status.text() == "✔ Solved"
    assert again.card("ex2_3_1").status.text() == "Not solved yet"


def test_error_answers_show_the_traceback(qtbot, progress):
    widget = _widget(qtbot, progress)
    assert not _check(qtbot, widget, "ex2_3_1", "A.T == A")
    assert "Traceback" in widget.card("ex2_3_1").result.text()


def test_hints_are_revealed_one_by_one(qtbot, progress):
    widget = _widget(qtbot, progress)
    card = widget.card("ex2_3_6")
    assert card.hints.text() == ""
    qtbot.mouseClick(card.hint_button, Qt.MouseButton.LeftButton)
    assert "(5, 4)" in card.hints.text() and "Hint 2" not in card.hints.text()
    qtbot.mouseClick(card.hint_button, Qt.MouseButton.LeftButton)
    assert "Hint 2" in card.hints.text()
    assert not card.hint_button.isEnabled()


def test_explanations_reveal_the_model_answer_after_an_attempt(qtbot, progress):
    widget = _widget(qtbot, progress, "autograd")
    card = widget.card("ex2_5_1")
    assert not card.answer_button.isEnabled() and not card.model_answer.isVisible()
    assert _check(qtbot, widget, "ex2_5_1", "The backward pass must be recorded too")
    assert card.model_answer.isVisible()
    assert "create_graph" in card.model_answer.text()


def test_check_with_console_variables(qtbot, progress):
    sessions.session_for("tensors_broadcasting").run(
        "x = torch.tensor([1.0, 2, 4, 8])\ny = torch.tensor([2, 2, 2, 2])\n"
        "lt = x < y\ngt = x > y")
    widget = _widget(qtbot, progress, "tensors_broadcasting")
    card = widget.card("ex2_1_1")
    assert card.console_button.isVisible()
    with qtbot.waitSignal(widget.checked, timeout=TIMEOUT) as signal:
        qtbot.mouseClick(card.console_button, Qt.MouseButton.LeftButton)
    assert signal.args == ["ex2_1_1", True]
    assert progress.exercise_solved("tensors_broadcasting", "ex2_1_1")


def test_language_switch(qtbot, progress):
    widget = _widget(qtbot, progress, lang="zh")
    card = widget.card("ex2_3_1")
    assert card.check_button.text() == "检查"
    assert "转置" in card.statement.text()
    widget.set_language("en")
    assert card.check_button.text() == "Check"
    assert "transpose" in card.statement.text()


def test_a_lesson_without_exercises(qtbot, progress):
    widget = _widget(qtbot, progress, "a_lesson_without_exercises")
    assert widget.cards == []
    assert widget.summary.text() == "This lesson has no exercises."


def test_a_solved_plot_exercise_draws_the_learners_curves(qtbot, progress):
    widget = _widget(qtbot, progress, "autograd")
    assert _check(qtbot, widget, "ex2_5_5", "y = torch.sin(x)\ny.sum().backward()")
    card = widget.card("ex2_5_5")
    assert card.canvas is not None and card.canvas.isVisible()
    lines = card.canvas.figure.axes[0].get_lines()
    labels = [line.get_label() for line in lines]
    assert "x.grad (autograd)" in labels


def test_console_check_of_a_function_exercise_uses_the_console_program(qtbot, progress):
    sessions.session_for("autograd").run(
        "def g(a):\n    if a > 0:\n        return a * a\n    return -3 * a\n")
    widget = _widget(qtbot, progress, "autograd")
    card = widget.card("ex2_5_4")
    with qtbot.waitSignal(widget.checked, timeout=TIMEOUT) as signal:
        qtbot.mouseClick(card.console_button, Qt.MouseButton.LeftButton)
    assert signal.args == ["ex2_5_4", True], card.result.text()
