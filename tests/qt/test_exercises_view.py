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
    assert "number of axes" in card.result.text()  # the misconception is named
    assert not progress.exercise_solved("exercises_2_3", "ex2_3_4")
    with qtbot.waitSignal(widget.solved_changed, timeout=TIMEOUT):
        assert _check(qtbot, widget, "ex2_3_4", "len(X)")
    assert card.status.text() == "✔ Solved"
    assert widget.summary.text().startswith("1 of ")
    restarted = Progress.load(progress.path)[0]  # the app was closed and opened again
    again = _widget(qtbot, restarted)
    assert again.card("ex2_3_4").status.text() == "✔ Solved"
    assert again.card("ex2_3_1").status.text() == "Not solved yet"


def test_errors_show_one_line_in_the_learners_language_never_a_traceback(qtbot, progress):
    widget = _widget(qtbot, progress, lang="zh")
    assert not _check(qtbot, widget, "ex2_3_1", "B = A.T\nC = B.T\nC == undefined_name")
    text = widget.card("ex2_3_1").result.text()
    assert "Traceback" not in text and "File" not in text
    assert "第 3 行出错" in text and "undefined_name" in text


def test_the_verdict_is_scrolled_into_view(qtbot, progress):
    widget = _widget(qtbot, progress)
    widget.resize(700, 260)  # a cramped strip: the last card's verdict starts out of view
    card = widget.cards[-1]
    card.answer.setPlainText("5")
    with qtbot.waitSignal(widget.checked, timeout=TIMEOUT):
        card.check_answer()
    qtbot.waitUntil(lambda: not card.result.visibleRegion().isEmpty(), timeout=3000)


def test_hints_are_revealed_one_by_one(qtbot, progress):
    widget = _widget(qtbot, progress)
    card = widget.card("ex2_3_6")
    assert card.hints.text() == "" and card.hint_button.text() == "Hint (0/2)"
    qtbot.mouseClick(card.hint_button, Qt.MouseButton.LeftButton)
    assert "(5, 4)" in card.hints.text() and "Hint 2/2" not in card.hints.text()
    qtbot.mouseClick(card.hint_button, Qt.MouseButton.LeftButton)
    assert "Hint 2/2" in card.hints.text()
    assert not card.hint_button.isEnabled()


def test_choice_exercise_grades_the_options_and_keeps_the_note(qtbot, progress):
    widget = _widget(qtbot, progress, "autograd")
    card = widget.card("ex2_5_1")
    assert card.options is not None and len(card.options.boxes) == 5
    card.answer.setPlainText("The backward pass must be recorded too")
    with qtbot.waitSignal(widget.checked, timeout=TIMEOUT) as signal:
        qtbot.mouseClick(card.check_button, Qt.MouseButton.LeftButton)
    assert signal.args == ["ex2_5_1", False]  # free text alone never solves it
    card.options.boxes[0].setChecked(True)
    card.options.boxes[3].setChecked(True)  # the notes' swapped costs
    with qtbot.waitSignal(widget.checked, timeout=TIMEOUT) as signal:
        qtbot.mouseClick(card.check_button, Qt.MouseButton.LeftButton)
    assert signal.args == ["ex2_5_1", False]
    assert "swapped" in card.result.text()
    card.options.boxes[3].setChecked(False)
    card.options.boxes[2].setChecked(True)
    with qtbot.waitSignal(widget.checked, timeout=TIMEOUT) as signal:
        qtbot.mouseClick(card.check_button, Qt.MouseButton.LeftButton)
    assert signal.args == ["ex2_5_1", True]
    assert card.model_answer.isVisible()
    assert "create_graph" in card.model_answer.text()
    assert "The backward pass must be recorded too" in card.model_answer.text()


def test_model_answer_on_request_is_remembered_as_revealed(qtbot, progress):
    widget = _widget(qtbot, progress)
    card = widget.card("ex2_3_5")
    assert card.answer_button.isEnabled() and not card.model_answer.isVisible()
    qtbot.mouseClick(card.answer_button, Qt.MouseButton.LeftButton)
    assert card.model_answer.isVisible()
    assert progress.exercise_revealed("exercises_2_3", "ex2_3_5")
    assert card.status.text() == "Answer shown, not solved yet"
    assert _check(qtbot, widget, "ex2_3_5", "axis 0")
    assert card.status.text() == "✔ Solved (after seeing the answer)"


def test_dark_theme_redraws_formulas_and_code_in_light_ink(qtbot, progress):
    widget = _widget(qtbot, progress)
    card = widget.card("ex2_3_1")
    light = card.statement.text()
    widget.set_theme("dark")
    dark = card.statement.text()
    assert "<img" in light and light != dark  # formula images in the dark text colour
    assert "#2d2f31" in dark  # inline code on a dark background


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
    widget = _widget(qtbot, progress, "no_such_lesson")
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


def test_code_in_a_verdict_shows_as_code_and_the_learners_text_stays_text():
    from tutor_app.lessons.markdown import RenderStyle
    from tutor_app.qt.exercise_card import verdict_html

    shown = verdict_html("add along axis 1: `(A * x).sum(axis=1)` (got <b>)", RenderStyle())
    assert "`" not in shown and "<code" in shown and "(A * x).sum(axis=1)</code>" in shown
    assert "&lt;b&gt;" in shown  # quoted code or errors are never read as markup
    assert verdict_html("a lone ` stays", RenderStyle()) == "a lone ` stays"
