"""One exercise: statement, answer (code, text or options plus a note), Check, hints, verdict.

A thin view: the checker (``tutor_app.exercises.checkers.check``) decides, in a worker thread
because it runs learner code; ``progress`` remembers solved and revealed-answer states.
"""

from __future__ import annotations

import html
import threading

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from tutor_app.exercises import model
from tutor_app.exercises.answers import option_label
from tutor_app.exercises.checkers import Verdict, check
from tutor_app.i18n import pick, tr
from tutor_app.lessons.markdown import RenderStyle, code_span, render_inline
from tutor_app.sandbox.session import session_for

OK_COLOUR = {"light": "#188038", "dark": "#81c995"}
BAD_COLOUR = {"light": "#c5221f", "dark": "#f28b82"}
MUTED_COLOUR = "#80868b"


def verdict_html(text: str, style: RenderStyle) -> str:
    """A verdict as rich text: everything escaped (it may quote the learner's code or an
    error), and `code` between backticks, as the exercise files write it, shown as code
    (the learner saw the backticks themselves)."""
    parts = text.split("`")
    if len(parts) % 2 == 0:  # an unpaired backtick: nothing is code
        return html.escape(text)
    return "".join(html.escape(part) if i % 2 == 0 else code_span(part, style)
                   for i, part in enumerate(parts))


class _Bridge(QObject):
    done = Signal(object)


class _Options(QWidget):
    """Check boxes for a choice exercise; each option's text is rich (formulas render)."""

    def __init__(self, count: int, parent: QWidget | None = None):
        super().__init__(parent)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        self.boxes: list[QCheckBox] = []
        self.labels: list[QLabel] = []
        for n in range(count):
            box = QCheckBox(option_label(n), objectName=f"option{n}")
            label = QLabel(wordWrap=True, objectName=f"optionText{n}")
            label.mousePressEvent = lambda _e, b=box: b.toggle()  # the text toggles too
            grid.addWidget(box, n, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(label, n, 1)
            self.boxes.append(box)
            self.labels.append(label)
        grid.setColumnStretch(1, 1)

    def chosen(self) -> str:
        return ", ".join(option_label(n) for n, box in enumerate(self.boxes) if box.isChecked())


class ExerciseCard(QFrame):
    """One exercise card; emits ``checked(id, ok)`` after every verdict."""

    checked = Signal(str, bool)
    verdict_shown = Signal(QWidget)  # the widget to scroll into view

    def __init__(self, number: int, exercise: model.Exercise, lesson_id: str, progress,
                 lang: str, theme: str = "light", parent: QWidget | None = None):
        super().__init__(parent, objectName=f"card_{exercise.id}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.number, self.exercise, self.lesson_id = number, exercise, lesson_id
        self.progress, self.lang, self.theme = progress, lang, theme
        self.hints_shown = 0
        self.attempted = False
        self.last_verdict: Verdict | None = None
        self._bridge: _Bridge | None = None
        self.canvas = None
        self.title = QLabel()
        self.status = QLabel(objectName="status")
        self.statement = QLabel(wordWrap=True, objectName="statement")
        self.options = (_Options(len(exercise.options["en"]), self)
                        if exercise.answer_mode == "choice" else None)
        self.answer = QPlainTextEdit(objectName="answer")
        if exercise.answer_mode == "code":
            self.answer.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.answer.setFixedHeight(self.answer.fontMetrics().lineSpacing() * 4 + 12)
        self.check_button = QPushButton(objectName="check", clicked=self.check_answer)
        self.console_button = QPushButton(objectName="checkConsole",
                                          clicked=self.check_console)
        self.console_button.setVisible(exercise.console)
        self.hint_button = QPushButton(objectName="hint", clicked=self.show_hint)
        self.answer_button = QPushButton(objectName="modelAnswer",
                                         clicked=self.toggle_model_answer)
        self.result = QLabel(wordWrap=True, objectName="result")
        self.hints = QLabel(wordWrap=True, objectName="hints")
        self.model_answer = QLabel(wordWrap=True, objectName="modelAnswerText")
        self.model_answer.setVisible(False)
        for label in (self.statement, self.hints, self.model_answer, self.result):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._lay_out()
        self.set_language(lang)

    def _lay_out(self) -> None:
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
        layout.addWidget(self.statement)
        if self.options is not None:
            layout.addWidget(self.options)
        layout.addWidget(self.answer)
        layout.addLayout(buttons)
        for widget in (self.result, self.hints, self.model_answer):
            layout.addWidget(widget)

    @property
    def solved(self) -> bool:
        return bool(self.progress.exercise_solved(self.lesson_id, self.exercise.id))

    def _rich(self, text: str) -> str:
        return render_inline(text, RenderStyle(dark=self.theme == "dark"))

    # ---- checking ---------------------------------------------------------------------
    def answer_text(self) -> str:
        """What the checker reads: the code/text, or the chosen options and the note."""
        if self.options is None:
            return self.answer.toPlainText()
        note = self.answer.toPlainText().strip()
        return self.options.chosen() + (f"\n---\n{note}" if note else "")

    def check_answer(self) -> None:
        self._start(self.answer_text(), None)

    def check_console(self) -> None:
        session = session_for(self.lesson_id)
        variables = session.snapshot()
        if variables is None:
            self.result.setText(tr("exercises.console_busy", self.lang))
            return
        # The console's program is checked like a typed answer, on the exercise's own
        # inputs; its variables are never trusted for the verdict.
        self._start(session.program(), variables)

    def check_now(self, answer: str) -> None:
        """Check in this thread and show the verdict (screenshots need it painted at once)."""
        if self.options is not None:
            chosen = answer.partition("\n---\n")[0].replace(",", " ").split()
            for n, box in enumerate(self.options.boxes):
                box.setChecked(chr(ord("A") + n) in chosen)
        else:
            self.answer.setPlainText(answer)
        self._on_verdict(check(self.exercise, answer))

    def _start(self, answer: str, env: dict | None) -> None:
        if self._bridge is not None:
            return
        self._set_busy(True)
        bridge = _Bridge()
        bridge.done.connect(self._on_verdict)
        self._bridge = bridge
        exercise = self.exercise

        def work() -> None:
            bridge.done.emit(check(exercise, answer, env))  # check() never raises

        threading.Thread(target=work, name="exercise-check", daemon=True).start()

    def _on_verdict(self, verdict: Verdict) -> None:
        self._bridge = None
        self._set_busy(False)
        self.attempted = True
        self.last_verdict = verdict
        self._show_verdict()
        if verdict.ok and not self.solved:
            self.progress.mark_exercise(self.lesson_id, self.exercise.id, True)
        self._show_plot(verdict)
        if verdict.show_model_answer:
            self._set_model_answer_visible(True)
        self._show_status()
        self.checked.emit(self.exercise.id, verdict.ok)
        self.verdict_shown.emit(self.canvas if self.canvas is not None else self.result)

    def _show_verdict(self) -> None:
        verdict = self.last_verdict
        if verdict is None:
            return
        colour = (OK_COLOUR if verdict.ok else BAD_COLOUR)[self.theme]
        mark = "✔ " if verdict.ok else "✘ "
        body = verdict_html(verdict.text(self.lang), RenderStyle(dark=self.theme == "dark"))
        self.result.setText(f'<div style="color:{colour}; white-space:pre-wrap">'
                            f"{mark}{body}</div>")

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
            axes.plot(curve.x, curve.y, label=pick(curve.label, self.lang))
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
        available = len(self.exercise.text("hints", self.lang))
        self.hints_shown = min(self.hints_shown + 1, available)
        self._show_hints()

    def _show_hints(self) -> None:
        hints = self.exercise.text("hints", self.lang)
        shown = hints[: self.hints_shown]
        label = tr("exercises.hint", self.lang)
        self.hints.setText("<br>".join(f"<b>{label} {n}/{len(hints)}:</b> {self._rich(h)}"
                                       for n, h in enumerate(shown, start=1)))
        self.hints.setVisible(bool(shown))
        self.hint_button.setText(f"{label} ({self.hints_shown}/{len(hints)})")
        self.hint_button.setEnabled(self.hints_shown < len(hints))

    def toggle_model_answer(self) -> None:
        """Open the model answer (before any attempt it counts as revealed), or fold it."""
        showing = not self.model_answer.isVisible()
        if showing and not self.solved:
            self.progress.mark_revealed(self.lesson_id, self.exercise.id)
        self._set_model_answer_visible(showing)
        self._show_status()

    def _set_model_answer_visible(self, visible: bool) -> None:
        self.model_answer.setVisible(visible)
        if visible:
            self.verdict_shown.emit(self.model_answer)

    def _show_model_answer_text(self) -> None:
        text = (f"<b>{tr('exercises.answer', self.lang)}:</b> "
                f"{self._rich(self.exercise.text('model_answer', self.lang))}")
        note = self.last_verdict.note if self.last_verdict is not None else ""
        if note:
            text += (f"<br><b>{tr('exercises.your_note', self.lang)}:</b> "
                     f"{html.escape(note)}")
        self.model_answer.setText(text)

    def _show_status(self) -> None:
        solved = self.solved
        revealed = self.progress.exercise_revealed(self.lesson_id, self.exercise.id)
        key = ("exercises.solved_revealed" if solved and revealed else
               "exercises.solved" if solved else
               "exercises.revealed" if revealed else "exercises.unsolved")
        self.status.setText(tr(key, self.lang))
        self.status.setObjectName("status")
        self.status.setStyleSheet(f"color: {OK_COLOUR[self.theme] if solved else MUTED_COLOUR}")
        self._show_model_answer_text()

    # ---- language and theme ---------------------------------------------------------------
    def set_language(self, lang: str) -> None:
        self.lang = lang
        ex = self.exercise
        source = ex.source_in(lang)
        number = html.escape(tr("exercises.number", lang, n=self.number))
        self.title.setText(f"<b>{number}</b> · {html.escape(source)}")
        self.statement.setText(self._rich(ex.text("statement", lang)))
        if self.options is not None:
            for label, text in zip(self.options.labels, ex.text("options", lang), strict=True):
                label.setText(self._rich(text))
        placeholder = "exercises.note_placeholder" if self.options else \
            "exercises.answer_placeholder"
        self.answer.setPlaceholderText(tr(placeholder, lang))
        self.check_button.setText(tr("exercises.check", lang))
        self.console_button.setText(tr("exercises.check_console", lang))
        self.answer_button.setText(tr("exercises.answer", lang))
        self._show_verdict()
        self._show_hints()
        self._show_status()

    def set_theme(self, theme: str) -> None:
        """Formulas are images drawn in the text colour: redraw them for the new theme."""
        if theme != self.theme:
            self.theme = theme
            self.set_language(self.lang)
            if self.canvas is not None:
                self.canvas.set_theme(theme)
