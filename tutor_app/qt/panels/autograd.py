"""Lesson 14 panel: pick a step of the autograd flow; its graph plays in the shared player.

A thin view of ``tutor_app.lessons.autograd``: the step list, the step's explanation and
code, what the code printed, and ``GraphPlayerWidget``.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QPlainTextEdit,
    QSplitter,
    QStyledItemDelegate,
    QVBoxLayout,
    QWidget,
)

from tutor_app.lessons import autograd as logic
from tutor_app.lessons.base import LessonSpec
from tutor_app.lessons.graph_steps import code_in
from tutor_app.qt.graph_player import GraphPlayerWidget
from tutor_app.qt.panels.axis_sums import monospace_view
from tutor_app.qt.panels.graph_player_panel import GraphPlayerPanel


def _code_view() -> QPlainTextEdit:
    """Code and printed output; long lines (an error message) wrap instead of being cut.
    They take all the height the top of the panel has (capped, the spare height went to
    the labels above them and left gaps at 1920×1080)."""
    return monospace_view()


def _single(font: QFont, family: str) -> QFont:
    """``font`` with only ``family``: its own line height, no fallback."""
    one = QFont(font)
    one.setFamilies([family])
    return one


class MixedScriptRowDelegate(QStyledItemDelegate):
    """Rows tall enough for wrapped lines that mix Chinese and Latin text.

    Qt sizes a wrapped row by the Latin font's line height, but a line with Chinese in it
    is drawn with the CJK font's taller lines: the last line no longer fitted and the row
    read "5. 非标量输出：…" instead of "… y.sum().backward()". Each line gets the room
    of the tallest font in the family list.
    """

    def sizeHint(self, option, index) -> QSize:  # noqa: N802 - Qt's name
        size = super().sizeHint(option, index)
        latin = QFontMetrics(option.font).lineSpacing()
        tallest = max([latin] + [QFontMetrics(_single(option.font, family)).lineSpacing()
                                 for family in option.font.families()])
        lines = max(1, round(size.height() / latin))
        return QSize(size.width(), size.height() + lines * (tallest - latin))


class AutogradPanel(GraphPlayerPanel):
    """Steps on the left, the animated graph of the chosen step on the right.

    ``logic`` is the lesson module with ``STEPS``, ``STEP_KEYS`` and ``run_step``; the
    chain-rule lesson's panel is this one with its own steps.
    """

    logic = logic
    basename = "autograd"

    def __init__(self, spec: LessonSpec, lang: str = "zh", parent: QWidget | None = None):
        super().__init__(spec, lang, parent)
        self.result: logic.StepResult | None = None
        self.steps_label, self.code_label, self.printed_label = QLabel(), QLabel(), QLabel()
        self.step_list = QListWidget()
        self.step_list.setWordWrap(True)  # long step titles wrap instead of being cut
        self.step_list.setItemDelegate(MixedScriptRowDelegate(self.step_list))
        self.explanation = QLabel()
        self.explanation.setWordWrap(True)
        self.code = _code_view()
        self.printed = _code_view()
        self.player = GraphPlayerWidget(lang, self, basename=self.basename)
        # Steps and what they printed | explanation and code on top, the graph across the
        # whole width below: layered graphs are wide, and beside a column of text they were
        # drawn tiny. The code has the right column's whole width so its lines are read
        # whole (beside the output, at 1280×800, they wrapped mid-comment); output may wrap.
        steps = QWidget()
        col = QVBoxLayout(steps)
        col.setContentsMargins(0, 0, 0, 0)
        col.addWidget(self.steps_label)
        col.addWidget(self.step_list, 3)
        col.addWidget(self.printed_label)
        col.addWidget(self.printed, 2)
        detail = QWidget()
        col = QVBoxLayout(detail)
        col.setContentsMargins(0, 0, 0, 0)
        col.addWidget(self.explanation)
        col.addWidget(self.code_label)
        col.addWidget(self.code, 1)
        top = QSplitter(Qt.Orientation.Horizontal)
        top.addWidget(steps)
        top.addWidget(detail)
        top.setSizes([1300, 2300])
        top.setChildrenCollapsible(False)
        self.split = split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(top)
        split.addWidget(self.player)
        split.setSizes([1400, 2100])   # 2 : 3, scaled to the real height when shown
        split.setChildrenCollapsible(False)
        QVBoxLayout(self).addWidget(split)
        self.step_list.currentRowChanged.connect(self._on_step_change)
        self.retranslate()
        self.step_list.setCurrentRow(0)

    def select_step(self, key: str) -> None:
        """Show step ``key`` (e.g. ``"accumulate"``)."""
        self.step_list.setCurrentRow(self.logic.STEP_KEYS.index(key))

    def _on_step_change(self, row: int) -> None:
        if not 0 <= row < len(self.logic.STEPS):
            return
        key = self.logic.STEP_KEYS[row]
        self.result = self.logic.run_step(key, self.lang)
        self.code.setPlainText(self.shown_code())
        run = self.result.run
        self.printed.setPlainText(run.output + (run.error or self.result.problem or ""))
        self.explanation.setText(self.t(f"{key}_text"))
        if self.result.graph is None:
            self.player.clear()
        else:
            self.player.set_graph(self.result.graph, self.result.timeline)

    def shown_code(self) -> str:
        """The current step's code with its comments in the learner's language."""
        if self.result is None:
            return ""
        return code_in(self.result.step.code, lambda name: self.t(f"note_{name}"))

    def retranslate(self) -> None:
        self.steps_label.setText(self.t("steps"))
        self.code_label.setText(self.t("code"))
        self.printed_label.setText(self.t("printed"))
        row = self.step_list.currentRow()
        self.step_list.blockSignals(True)
        self.step_list.clear()
        self.step_list.addItems([self.t(f"{k}_title") for k in self.logic.STEP_KEYS])
        self.step_list.setCurrentRow(row)
        self.step_list.blockSignals(False)
        if 0 <= row < len(self.logic.STEP_KEYS):
            self.explanation.setText(self.t(f"{self.logic.STEP_KEYS[row]}_text"))
            self.code.setPlainText(self.shown_code())
        self.player.set_language(self.lang)
