"""The exercises tab: the lesson's exercise cards, a solved count, the verdict kept in view.

A thin view: exercise data and checkers live in ``tutor_app.exercises``; each card is an
``ExerciseCard``. The tab follows the app's theme (formulas are images in the text colour)
by watching palette changes, so the host needs to know nothing about it.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QTimer, Signal
from PySide6.QtWidgets import QApplication, QLabel, QScrollArea, QVBoxLayout, QWidget

from tutor_app.exercises import model
from tutor_app.i18n import tr
from tutor_app.qt.exercise_card import ExerciseCard


def _theme_of(widget: QWidget) -> str:
    """The theme as the application's palette shows it (the app's theme sets it). Not the
    widget's own palette: that one follows a turn of the event loop later, and a tab shown
    right after a switch must render in the new theme at once."""
    palette = QApplication.palette() if QApplication.instance() else widget.palette()
    return "dark" if palette.window().color().lightness() < 128 else "light"


class ExercisesWidget(QWidget):
    """Agreed API: ``ExercisesWidget(spec, progress, lang)``, ``set_language``,
    ``set_theme``, signal ``solved_changed()``."""

    solved_changed = Signal()
    checked = Signal(str, bool)  # forwarded from the cards (tests wait on it)

    def __init__(self, spec, progress, lang: str = "zh", parent: QWidget | None = None):
        super().__init__(parent)
        self.spec, self.progress, self.lang = spec, progress, lang
        self.theme = _theme_of(self)
        self.exercises = model.for_lesson(spec.id)
        self.summary = QLabel(objectName="summary")
        self._cards: list[ExerciseCard] | None = None  # built when first shown or asked for
        column = QWidget()
        self._column = QVBoxLayout(column)
        self._column.addStretch(1)
        self.scroll = QScrollArea(widgetResizable=True)
        self.scroll.setWidget(column)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.summary)
        layout.addWidget(self.scroll, 1)
        self.set_language(lang)

    @property
    def cards(self) -> list[ExerciseCard]:
        return self._built_cards()

    def _built_cards(self) -> list[ExerciseCard]:
        """The cards, built on first use: the tab is folded away on a lesson's first visit,
        and its formulas and editors cost 20-100 ms the learner would wait for unseen."""
        if self._cards is None:
            self._cards = []
            for number, exercise in enumerate(self.exercises, start=1):
                card = ExerciseCard(number, exercise, self.spec.id, self.progress, self.lang,
                                    self.theme)
                card.checked.connect(self._on_card_checked)
                card.verdict_shown.connect(self._keep_in_view)
                self._column.insertWidget(self._column.count() - 1, card)
                card.show()  # now if the tab is on screen (a layout would show it a turn later)
                self._cards.append(card)
        return self._cards

    def card(self, ex_id: str) -> ExerciseCard:
        return next(c for c in self.cards if c.exercise.id == ex_id)

    def canvases(self) -> list:
        return [canvas for card in self._cards or () for canvas in card.canvases()]

    def _on_card_checked(self, ex_id: str, ok: bool) -> None:
        self._show_summary()
        self.checked.emit(ex_id, ok)
        if ok:
            self.solved_changed.emit()

    def _keep_in_view(self, widget: QWidget) -> None:
        """After Check the verdict (or the plot, or the opened answer) is scrolled into view,
        once the layout has made room for it."""
        QTimer.singleShot(0, lambda: self.scroll.ensureWidgetVisible(widget, 10, 40))

    def _show_summary(self) -> None:
        if not self.exercises:
            self.summary.setText(tr("exercises.none", self.lang))
            return
        solved = sum(bool(self.progress.exercise_solved(self.spec.id, exercise.id))
                     for exercise in self.exercises)
        self.summary.setText(tr("exercises.progress", self.lang, solved=solved,
                                total=len(self.exercises)))

    def set_language(self, lang: str) -> None:
        self.lang = lang
        for card in self._cards or ():
            card.set_language(lang)
        self._show_summary()

    def set_theme(self, theme: str) -> None:
        self.theme = theme
        for card in self._cards or ():
            card.set_theme(theme)

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        # Re-rendering the cards' formulas costs ~20-50 ms a lesson: a tab not on screen
        # (a kept lesson, or the folded strip) follows the theme when it is shown.
        if event.type() == QEvent.Type.PaletteChange and self.isVisible():
            self._follow_palette()
        super().changeEvent(event)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        self._follow_palette()  # before the first paint of the shown tab
        self._built_cards()  # the tab is on screen: its cards are needed now
        super().showEvent(event)

    def _follow_palette(self) -> None:
        theme = _theme_of(self)
        if theme != self.theme:
            self.set_theme(theme)
