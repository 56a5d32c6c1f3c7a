"""The graph lab: type PyTorch-style code, pick an output, step its graph forward and back.

Code runs through ``tutor_app.sandbox`` (safe), the tape becomes a graph in
``tutor_app.lessons.graph_lab``, and ``GraphPlayerWidget`` plays it. The host routes the
console's "show graph" here through ``load_program``.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontDatabase, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from tutor_app.exercises.messages import shown_error
from tutor_app.i18n import LANGUAGES
from tutor_app.lessons import graph_lab as logic
from tutor_app.lessons.base import LessonSpec
from tutor_app.qt.graph_player import GraphPlayerWidget
from tutor_app.qt.panels.graph_player_panel import GraphPlayerPanel
from tutor_app.viz.graph_viewport import LAB_READABLE_EM


class GraphLabPanel(GraphPlayerPanel):
    """Code box, Run, output chooser, printed output and the graph player."""

    def __init__(self, spec: LessonSpec, lang: str = "zh", parent: QWidget | None = None):
        super().__init__(spec, lang, parent)
        self.run_result: logic.LabRun | None = None
        fixed = QFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.code = QPlainTextEdit(self)
        self.code.setFont(fixed)
        self.code.setPlainText(spec.try_it_in(lang))
        self.code.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.run_button = QPushButton(self)
        self.output_label = QLabel(self)
        self.output_box = QComboBox(self)
        self.printed = QPlainTextEdit(self)
        self.printed.setReadOnly(True)
        self.printed.setFont(fixed)
        self.printed.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.code_label = QLabel(self)
        self.player = GraphPlayerWidget(lang, self, basename="graph_lab",
                                        readable_em=LAB_READABLE_EM)
        # Code | output on top, the graph across the whole width below: layered graphs are
        # wide, and beside the code box they were drawn tiny.
        top = QWidget(self)
        col = QVBoxLayout(top)
        col.setContentsMargins(0, 0, 0, 0)
        col.addWidget(self.code_label)
        # Run and the output chooser sit under the printed output, so the code box has the
        # top's whole height: with the console open at 1280×800 it showed 4½ of 8 lines.
        outputs = QWidget(self)
        out_col = QVBoxLayout(outputs)
        out_col.setContentsMargins(0, 0, 0, 0)
        out_col.addWidget(self.printed, 1)
        row = QHBoxLayout()
        row.addWidget(self.run_button)
        row.addWidget(self.output_label)
        row.addWidget(self.output_box)
        row.addStretch(1)
        out_col.addLayout(row)
        texts = QSplitter(Qt.Orientation.Horizontal)
        texts.addWidget(self.code)
        texts.addWidget(outputs)
        texts.setSizes([3000, 2000])
        texts.setChildrenCollapsible(False)
        col.addWidget(texts, 1)
        self.split = split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(top)
        split.addWidget(self.player)
        split.setSizes([1000, 2500])   # 2 : 5, scaled to the real height when shown
        split.setChildrenCollapsible(False)
        top.setMinimumHeight(120)
        layout = QVBoxLayout(self)
        layout.addWidget(split)
        self.run_button.clicked.connect(self._on_run_click)
        self.output_box.currentIndexChanged.connect(self._on_output_change)
        self.run_shortcut = QShortcut(QKeySequence("Ctrl+Return"), self.code)
        self.run_shortcut.activated.connect(self._on_run_click)
        self.retranslate()
        self.run_code()

    def _follow_language_if_untouched(self) -> None:
        """The default program still in the box (the learner has not edited it) takes the
        new language's comments; the English UI showed "# 第二次 backward：梯度会累加"."""
        shown = self.code.toPlainText()
        wanted = self.spec.try_it_in(self.lang)
        if shown != wanted and shown in {self.spec.try_it_in(lang) for lang in LANGUAGES}:
            self.code.setPlainText(wanted)

    # -- public ---------------------------------------------------------------------------
    def load_program(self, source: str, output: str | None = None) -> None:
        """Run ``source`` and show the graph of ``output`` (a name; None: the latest result)."""
        self.code.setPlainText(source)
        self.run_code(output)

    def load_recorded(self, source: str, run: logic.LabRun, output: str | None = None) -> None:
        """Show what the console ran (its code, output and tape) without running it again."""
        self.code.setPlainText(source)
        self._show_run(run, output)

    def run_code(self, output: str | None = None) -> None:
        """Run the code box and draw the chosen output's graph."""
        self._show_run(logic.run_program(self.code.toPlainText(), self.lang), output)

    def _show_run(self, run: logic.LabRun, output: str | None) -> None:
        self.run_result = run
        self.output_box.blockSignals(True)
        self.output_box.clear()
        self.output_box.addItems(list(run.tensors))
        chosen = output if output in run.tensors else run.default
        if chosen is not None:
            self.output_box.setCurrentText(chosen)
        self.output_box.blockSignals(False)
        self._show_printed(run.output, run.error)
        self._draw(chosen)

    def current_graph(self):
        """The graph on screen (None when nothing could be drawn)."""
        return self.player.view.graph if self.player.view is not None else None

    # -- internals ------------------------------------------------------------------------
    def _draw(self, name: str | None) -> None:
        graph, timeline, problem = logic.graph_for(self.run_result, name, self.lang)
        if graph is None:
            self.player.clear()
            self._show_printed(self.run_result.output, problem)
            return
        self.player.set_graph(graph, timeline)

    def _show_printed(self, output: str, error: str | None) -> None:
        error = error and shown_error(error, self.code.toPlainText(), self.lang)
        text = output + (("\n" if output and not output.endswith("\n") else "") + error
                         if error else "")
        self.printed.setPlainText(text)

    def _on_run_click(self) -> None:
        self.run_code(self.output_box.currentText() or None)

    def _on_output_change(self, _index: int) -> None:
        if self.run_result is not None and self.output_box.currentText():
            self._draw(self.output_box.currentText())

    def retranslate(self) -> None:
        self._follow_language_if_untouched()
        self.code_label.setText(self.t("code"))
        self.run_button.setText(self.t("run"))
        self.run_button.setToolTip("Ctrl+Enter")
        self.output_label.setText(self.t("output"))
        self.player.set_language(self.lang)
