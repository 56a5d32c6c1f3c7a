"""The exercises tab: the lesson's exercises with answer fields, hints and auto-checking.

A thin view: exercise data and checkers live in ``tutor_app.exercises``; results are saved
with ``progress.mark_exercise``. Checks run in a worker thread (they run learner code in
the sandbox), so the window never waits on them.
"""

from __future__ import annotations

import html
import threading

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from tutor_app.exercises import model
from tutor_app.exercises.checkers import Verdict, check
from tutor_app.exercises.strings import ui
from tutor_app.lessons.markdown import RenderStyle, render_inline
from tutor_app.sandbox.session import session_for

OK_COLOUR, BAD_COLOUR = "#188038", "#c5221f"


def _rich(text: str) -> str:
    return render_inline(text, RenderStyle())


class _Bridge(QObject):
    done = Signal(object)


class ExerciseCard(QFrame):
    """One exercise: statement, answer field, Check buttons, hints, result, model answer."""

    checked = Signal(str, bool)  # exercise id, solved

    def __init__(self, number: int, exercise: model.Exercise, lesson_id: str, progress,
                 lang: str, parent: QWidget | None = None):
        super().__init__(parent, objectName=f"card_{exercise.id}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.number, self.exercise, self.lesson_id = number, exercise, lesson_id
        self.progress, self.lang = progress, lang
        self.hints_shown = 0
        self.attempted = False
        self._bridge: _Bridge | None = None
        self.canvas = None
        self.title = QLabel()
        self.status = QLabel(objectName="status")
        self.statement = QLabel(wordWrap=True, objectName="statement")
        self.answer = QPlainTextEdit(objectName="answer")
        if exercise.answer_mode == "code":
            self.answer.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.answer.setFixedHeight(self.answer.fontMetrics().lineSpacing() * 4 + 12)
        self.check_button = QPushButton(objectName="check", clicked=self.check_answer)
        self.console_button = QPushButton(objectName="checkConsole",
                                          clicked=self.check_console)
        self.console_button.setVisible(exercise.console)
        self.hint_button = QPushButton(objectName="hint", clicked=self.show_hint)
        self.answer_button = QPushButton(objectName="modelAnswer", enabled=False,
                                         clicked=self.toggle_model_answer)
        self.result = QLabel(wordWrap=True, objectName="result")
        self.hints = QLabel(wordWrap=True, objectName="hints")
        self.model_answer = QLabel(wordWrap=True, objectName="modelAnswerText")
        self.model_answer.setVisible(False)
        for label in (self.statement, self.hints, self.model_answer, self.result):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.status)
        buttons = QHBoxLayout()
        for button in (self.check_button, self.console_button, self.hint_button,
                       self.answer_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        for widget in (self.statement, self.answer):
            layout.addWidget(widget)
        layout.addLayout(buttons)
        for widget in (self.result, self.hints, self.model_answer):
            layout.addWidget(widget)
        self.set_language(lang)

    @property
    def solved(self) -> bool:
        return bool(self.progress.exercise_solved(self.lesson_id, self.exercise.id))

    # ---- checking ---------------------------------------------------------------------
    def check_answer(self) -> None:
        self._start(self.answer.toPlainText(), None)

    def check_console(self) -> None:
        session = session_for(self.lesson_id)
        variables = session.snapshot()
        if variables is None:
            self.result.setText(ui("exercises.console_busy", self.lang))
            return
        # Checkers that need the code itself (e.g. "g uses control flow") get the program
        # the console ran; the others read the variables.
        self._start(session.program(), variables)

    def _start(self, answer: str, env: dict | None) -> None:
        if self._bridge is not None:
            return
        self._set_busy(True)
        bridge = _Bridge()
        bridge.done.connect(self._on_verdict)
        self._bridge = bridge
        exercise = self.exercise

        def work() -> None:
            try:
                verdict = check(exercise, answer, env)
            except Exception as exc:  # noqa: BLE001 - a checker bug must not kill the tab
                verdict = Verdict(False, {"zh": f"检查失败：{exc}", "en": f"Check failed: {exc}"})
            bridge.done.emit(verdict)

        threading.Thread(target=work, name="exercise-check", daemon=True).start()

    def _on_verdict(self, verdict: Verdict) -> None:
        self._bridge = None
        self._set_busy(False)
        self.attempted = True
        self.last_verdict = verdict
        colour = OK_COLOUR if verdict.ok else BAD_COLOUR
        self.result.setText(f'<pre style="color:{colour}; white-space:pre-wrap">'
                            f"{html.escape(verdict.text(self.lang))}</pre>")
        if verdict.ok and not self.solved:
            self.progress.mark_exercise(self.lesson_id, self.exercise.id, True)
        self.answer_button.setEnabled(True)
        self._show_plot(verdict)
        if verdict.show_model_answer:
            self.model_answer.setVisible(True)
        self._show_status()
        self.checked.emit(self.exercise.id, verdict.ok)

    def _show_plot(self, verdict: Verdict) -> None:
        """Curves computed from the learner's own answer (e.g. sin(x) and its x.grad)."""
        if not verdict.plot:
            return
        if self.canvas is None:
            from tutor_app.qt.mpl_canvas import MplCanvas  # Matplotlib only when needed

            self.canvas = MplCanvas(self, figsize=(5.0, 2.6))
            self.canvas.setMinimumHeight(220)
            self.layout().insertWidget(self.layout().indexOf(self.result) + 1, self.canvas)
            self.canvas.show()
        figure = self.canvas.figure
        figure.clear()
        axes = figure.add_subplot()
        for curve in verdict.plot:
            axes.plot(curve.x, curve.y, label=curve.label.get(self.lang, curve.label["en"]))
        axes.axhline(0, color="#bdc1c6", linewidth=0.8)
        axes.legend(loc="best", fontsize=8)
        axes.grid(alpha=0.3)
        self.canvas.draw_idle()

    def canvases(self) -> list:
        return [self.canvas] if self.canvas is not None else []

    def _set_busy(self, busy: bool) -> None:
        for button in (self.check_button, self.console_button):
            button.setEnabled(not busy)

    # ---- hints and answers ------------------------------------------------------------
    def show_hint(self) -> None:
        available = len(self.exercise.hints[self.lang])
        self.hints_shown = min(self.hints_shown + 1, available)
        self._show_hints()

    def _show_hints(self) -> None:
        shown = self.exercise.hints[self.lang][: self.hints_shown]
        label = ui("exercises.hint", self.lang)
        self.hints.setText("<br>".join(f"<b>{label} {n}:</b> {_rich(h)}"
                                       for n, h in enumerate(shown, start=1)))
        self.hint_button.setEnabled(self.hints_shown < len(self.exercise.hints[self.lang]))

    def toggle_model_answer(self) -> None:
        self.model_answer.setVisible(not self.model_answer.isVisible())

    def _show_status(self) -> None:
        solved = self.solved
        self.status.setText(ui("exercises.solved" if solved else "exercises.unsolved", self.lang))
        self.status.setStyleSheet(f"color: {OK_COLOUR if solved else '#80868b'}")
        self.answer_button.setEnabled(self.attempted or solved)

    def set_language(self, lang: str) -> None:
        self.lang = lang
        ex = self.exercise
        prefix = "练习" if lang == "zh" else "Exercise"
        source = ex.source.replace("notes", "笔记") if lang == "zh" else ex.source
        self.title.setText(f"<b>{prefix} {self.number}</b> · {html.escape(source)}")
        self.statement.setText(_rich(ex.text("statement", lang)))
        self.model_answer.setText(f"<b>{ui('exercises.answer', lang)}:</b> "
                                  f"{_rich(ex.text('model_answer', lang))}")
        self.answer.setPlaceholderText(ui("exercises.answer_placeholder", lang))
        self.check_button.setText(ui("exercises.check", lang))
        self.console_button.setText(ui("exercises.check_console", lang))
        self.hint_button.setText(ui("exercises.hint", lang))
        self.answer_button.setText(ui("exercises.answer", lang))
        if self.attempted:
            colour = OK_COLOUR if self.last_verdict.ok else BAD_COLOUR
            self.result.setText(f'<pre style="color:{colour}; white-space:pre-wrap">'
                                f"{html.escape(self.last_verdict.text(lang))}</pre>")
        self._show_hints()
        self._show_status()


class ExercisesWidget(QWidget):
    """Agreed API: ``ExercisesWidget(spec, progress, lang)``, ``set_language``,
    signal ``solved_changed()``."""

    solved_changed = Signal()
    checked = Signal(str, bool)  # forwarded from the cards (tests wait on it)

    def __init__(self, spec, progress, lang: str = "zh", parent: QWidget | None = None):
        super().__init__(parent)
        self.spec, self.progress, self.lang = spec, progress, lang
        self.exercises = model.for_lesson(spec.id)
        self.summary = QLabel(objectName="summary")
        self.cards: list[ExerciseCard] = []
        column = QWidget()
        cards = QVBoxLayout(column)
        for number, exercise in enumerate(self.exercises, start=1):
            card = ExerciseCard(number, exercise, spec.id, progress, lang)
            card.checked.connect(self._on_card_checked)
            cards.addWidget(card)
            self.cards.append(card)
        cards.addStretch(1)
        scroll = QScrollArea(widgetResizable=True)
        scroll.setWidget(column)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.summary)
        layout.addWidget(scroll, 1)
        self.set_language(lang)

    def card(self, ex_id: str) -> ExerciseCard:
        return next(c for c in self.cards if c.exercise.id == ex_id)

    def _on_card_checked(self, ex_id: str, ok: bool) -> None:
        self._show_summary()
        self.checked.emit(ex_id, ok)
        if ok:
            self.solved_changed.emit()

    def _show_summary(self) -> None:
        if not self.exercises:
            self.summary.setText(ui("exercises.none", self.lang))
            return
        solved = sum(card.solved for card in self.cards)
        self.summary.setText(ui("exercises.progress", self.lang, solved=solved,
                                total=len(self.cards)))

    def set_language(self, lang: str) -> None:
        self.lang = lang
        for card in self.cards:
            card.set_language(lang)
        self._show_summary()
