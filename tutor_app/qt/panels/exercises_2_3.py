"""Lesson 10 panel: the eight §2.3 exercises of the notes — predict, run, compare with the notes.

A thin view over ``tutor_app.lessons.exercises_2_3``: the transcripts come from the console
language (the engine); the statements, answers and notes corrections from the lesson file.
Typed answers are checked by the exercises tab the host shows under every lesson (same ids).
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from tutor_app.lessons import exercises_2_3 as logic
from tutor_app.qt.lesson_panel import LessonPanel
from tutor_app.qt.panels.axis_sums import monospace_view


def _wrapping_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    return label


class Exercises23Panel(LessonPanel):
    """A list of the eight exercises and one page: question, code, Run, true output, notes."""

    def __init__(self, spec, lang: str = "zh", parent: QWidget | None = None):
        super().__init__(spec, lang, parent)
        self.revealed: set[str] = set()
        self._transcripts: dict[str, str] = {}

        self.list = QListWidget()
        self.list.setMaximumWidth(160)
        for _exercise in logic.EXERCISES:
            self.list.addItem("")
        self.statement = _wrapping_label()
        self.id_label = _wrapping_label()
        self.code_view: QPlainTextEdit = monospace_view()
        self.code_view.setMaximumHeight(130)
        self.run_button = QPushButton()
        self.hide_button = QPushButton()
        self.output_view: QPlainTextEdit = monospace_view()
        self.answer = _wrapping_label()
        self.notes = _wrapping_label()

        buttons = QHBoxLayout()
        buttons.addWidget(self.run_button)
        buttons.addWidget(self.hide_button)
        buttons.addStretch(1)
        page = QVBoxLayout()
        for widget in (self.statement, self.id_label, self.code_view):
            page.addWidget(widget)
        page.addLayout(buttons)
        page.addWidget(self.output_view, 1)
        page.addWidget(self.answer)
        page.addWidget(self.notes)
        layout = QHBoxLayout(self)
        layout.addWidget(self.list)
        layout.addLayout(page, 1)

        self.list.currentRowChanged.connect(self._on_exercise_change)
        self.run_button.clicked.connect(self._on_run_clicked)
        self.hide_button.clicked.connect(self._on_hide_clicked)
        self.list.setCurrentRow(0)
        self.retranslate()

    # -- LessonPanel -------------------------------------------------------------------
    def retranslate(self) -> None:
        for row, exercise in enumerate(logic.EXERCISES):
            self.list.item(row).setText(self.t("item").format(n=exercise.number))
        self.run_button.setText(self.t("run"))
        self.hide_button.setText(self.t("hide"))
        self._show_page()

    # -- handlers --------------------------------------------------------------------------
    @property
    def exercise(self) -> logic.NotesExercise:
        return logic.EXERCISES[max(self.list.currentRow(), 0)]

    def _on_exercise_change(self, _row: int) -> None:
        self._show_page()

    def _on_run_clicked(self) -> None:
        self.revealed.add(self.exercise.id)
        self._show_page()

    def _on_hide_clicked(self) -> None:
        self.revealed.discard(self.exercise.id)
        self._show_page()

    def transcript_text(self, exercise_id: str) -> str:
        """The exercise's console transcript, run once per panel (random inputs stay put)."""
        if exercise_id not in self._transcripts:
            exercise = logic.by_id(exercise_id)
            self._transcripts[exercise_id] = logic.render(logic.transcript(exercise))
        return self._transcripts[exercise_id]

    def _show_page(self) -> None:
        exercise = self.exercise
        n = exercise.number
        self.statement.setText(f"<b>{n}.</b> {self.t(f'statement_{n}')}")
        self.id_label.setText(self.t("checked_below").format(id=exercise.id))
        self.code_view.setPlainText("\n".join(exercise.lines))
        shown = exercise.id in self.revealed
        self.output_view.setPlainText(self.transcript_text(exercise.id) if shown
                                      else self.t("predict"))
        self.answer.setText(f"<b>{self.t('answer_heading')}:</b> {self.t(f'answer_{n}')}"
                            if shown else "")
        self.notes.setText(f"<b>{self.t('notes_heading')}:</b> {self.t(f'notes_{n}')}"
                           if shown else "")
        self.run_button.setEnabled(not shown)
        self.hide_button.setEnabled(shown)
