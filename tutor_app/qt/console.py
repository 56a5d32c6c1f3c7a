"""The console tab: type PyTorch-style code, see what PyTorch would print.

A thin view of ``tutor_app.sandbox.session.Session`` (one per lesson, kept while the app
runs). Runs happen in a worker thread, so a long loop never freezes the window; Stop sets
the run's cancel event, which the sandbox checks every few hundred steps.
"""

from __future__ import annotations

import html
import logging
import threading
from dataclasses import dataclass

from PySide6.QtCore import QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QFontDatabase, QKeyEvent, QPainter, QTextCursor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from tutor_app.exercises.messages import shown_error
from tutor_app.i18n import LANGUAGES, pick, tr
from tutor_app.notes_export import NoteCell, export_notes
from tutor_app.qt.save_dialog import ask_save_path
from tutor_app.qt.variables_view import VariablesView
from tutor_app.sandbox import console_process
from tutor_app.sandbox.messages import say
from tutor_app.sandbox.session import (
    Entry,
    HistoryCursor,
    is_complete,
    session_for,
    sessions_with_variables,
)

ERROR_COLOUR = "#c5221f"
PROMPT_COLOUR = "#80868b"
ERROR_LINE_BACKGROUND = "#fce8e6"
PRE = "margin:0; white-space:pre-wrap;"
log = logging.getLogger(__name__)


class CodeInput(QPlainTextEdit):
    """Multi-line input: Enter runs a complete statement, Shift+Enter adds a line,
    Ctrl+Enter always runs; Up/Down on the first/last line walk the history."""

    submitted = Signal()
    history_up = Signal()
    history_down = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        key, mods = event.key(), event.modifiers()
        cursor = self.textCursor()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if self.isReadOnly():
                return  # a run is in progress: Enter must not slip a blank line in
            if not self.toPlainText().strip():
                self.clear()  # nothing typed: keep the input empty (and its placeholder)
                return
            if mods & Qt.KeyboardModifier.ControlModifier:
                self.submitted.emit()
            elif mods & Qt.KeyboardModifier.ShiftModifier or not is_complete(self.toPlainText()):
                self._new_line()
            else:
                self.submitted.emit()
            return
        if key == Qt.Key.Key_Tab:
            if not self.isReadOnly():
                self.insertPlainText("    ")
            return
        if key == Qt.Key.Key_Up and cursor.blockNumber() == 0:
            self.history_up.emit()
            return
        if key == Qt.Key.Key_Down and cursor.blockNumber() == self.blockCount() - 1:
            self.history_down.emit()
            return
        super().keyPressEvent(event)

    def _new_line(self) -> None:
        line = self.textCursor().block().text()
        indent = line[: len(line) - len(line.lstrip())]
        if line.rstrip().endswith(":"):
            indent += "    "
        self.insertPlainText("\n" + indent)

    def set_code(self, code: str) -> None:
        self.setPlainText(code)
        self.moveCursor(QTextCursor.MoveOperation.End)


def submitted_source(text: str) -> str:
    """What Enter runs: the text without blank lines before or after it (so the first line
    typed is line 1 of any error) and without trailing spaces."""
    lines = text.split("\n")
    while lines and not lines[0].strip():
        lines.pop(0)
    while lines and not lines[-1].strip():
        lines.pop()
    return "\n".join(line.rstrip() for line in lines)


class ElidedLabel(QLabel):
    """A one-line status that never widens its row: cut with "…" when narrow, the whole
    text in the tooltip. ``text()`` stays the full text."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setMinimumWidth(40)

    def setText(self, text: str) -> None:  # noqa: N802 - Qt override
        super().setText(text)
        self.setToolTip(text)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(40, super().minimumSizeHint().height())

    def paintEvent(self, _event) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        rect = self.contentsRect()
        shown = self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideRight,
                                              rect.width())
        self.style().drawItemText(painter, rect, int(Qt.AlignmentFlag.AlignVCenter
                                                     | Qt.AlignmentFlag.AlignLeft),
                                  self.palette(), self.isEnabled(), shown,
                                  self.foregroundRole())


BUTTON_TEXT_MARGIN = 24   # pixels around a button's text: the style's frame and padding


def shrink_to_text(button: QPushButton) -> None:
    """Let ``button`` be as narrow as its text: the style's 80-pixel minimum made the four
    console buttons push the variable table to a sliver (en, 1280×800)."""
    width = button.fontMetrics().horizontalAdvance(button.text()) + BUTTON_TEXT_MARGIN
    button.setMinimumWidth(min(width, button.sizeHint().width()))


def _start_quietly(process) -> None:
    try:
        process.start()
    except Exception:  # noqa: BLE001 - the first run starts it again and reports failures
        log.warning("the console's process did not start in the background", exc_info=True)


@dataclass(frozen=True)
class GraphRequest:
    """"Show graph": the code of the console run and what it recorded (no re-run)."""

    source: str
    run: object  # lessons.graph_lab.LabRun


class _Bridge(QObject):
    """Carries a finished run from the worker thread to the GUI thread (queued signal)."""

    finished = Signal(object)


class ConsoleWidget(QWidget):
    """Agreed API: ``ConsoleWidget(spec, progress, lang)``, ``set_language``,
    ``load_snippet``, signal ``show_graph_requested(request, var_name)`` where ``request``
    is a ``GraphRequest``: the code, output and tape of the run that made the variable."""

    show_graph_requested = Signal(object, str)
    run_finished = Signal(object)  # the RunResult, after the view was updated

    def __init__(self, spec, progress, lang: str = "zh", parent: QWidget | None = None):
        super().__init__(parent)
        self.spec, self.progress, self.lang = spec, progress, lang
        self.session = session_for(spec.id)
        self.session.titles = {lang: self._lesson_name(lang) for lang in LANGUAGES}
        self._cancel: threading.Event | None = None
        self._history = HistoryCursor(self._stored_history())
        self._build()
        for entry in self.session.entries:  # coming back to a lesson: show what was there
            self._show_entry(entry)
        self.variables.set_variables(self.session.variables())
        self.set_language(lang)

    # ---- construction -----------------------------------------------------------------
    def _lesson_name(self, lang: str) -> str:
        section = getattr(self.spec, "section", "")
        title = self.spec.title_in(lang)
        return f"{section} {title}".strip()

    def _build_header(self) -> QHBoxLayout:
        """Whose console this is, and a way to bring another lesson's variables along."""
        self.session_label = ElidedLabel(objectName="sessionLabel")
        font = self.session_label.font()
        font.setBold(True)
        self.session_label.setFont(font)
        self.bring_button = QToolButton(objectName="bringVariables")
        self.bring_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.bring_menu = QMenu(self.bring_button)
        self.bring_menu.aboutToShow.connect(self._fill_bring_menu)
        self.bring_button.setMenu(self.bring_menu)
        row = QHBoxLayout()
        row.addWidget(self.session_label, 1)
        row.addWidget(self.bring_button)
        return row

    def _fill_bring_menu(self) -> None:
        self.bring_menu.clear()
        others = [s for s in sessions_with_variables() if s is not self.session]
        if not others:
            action = self.bring_menu.addAction(say("ui.bring_none", self.lang))
            action.setEnabled(False)
            return
        for other in others:
            name = pick(other.titles, self.lang) if other.titles else other.lesson_id
            action = self.bring_menu.addAction(name)
            action.triggered.connect(lambda _=False, o=other: self.bring_variables(o))

    def bring_variables(self, other) -> list[str]:
        """Bring ``other`` session's variables here and say so in the transcript."""
        if self.running:
            return []
        names = self.session.adopt(other)
        lesson = pick(other.titles, self.lang) if other.titles else other.lesson_id
        note = (say("ui.brought", self.lang, lesson=lesson, count=len(names),
                    names=", ".join(names)) if names
                else say("ui.brought_none", self.lang, lesson=lesson))
        self.transcript.append(f"<p style='margin:0; color:{PROMPT_COLOUR}'>"
                               f"{html.escape(note)}</p>")
        self.variables.set_variables(self.session.variables())
        return names

    def _build(self) -> None:
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        self.transcript = QTextEdit(readOnly=True, objectName="transcript")
        self.transcript.setFont(mono)
        self.input = CodeInput(objectName="codeInput")
        self.input.setFont(mono)
        self.input.setMinimumHeight(self.input.fontMetrics().lineSpacing() * 2 + 12)
        self.input.submitted.connect(self.run_input)
        self.input.history_up.connect(self._on_history_up)
        self.input.history_down.connect(self._on_history_down)
        self.run_button = QPushButton(objectName="run", clicked=self.run_input)
        self.stop_button = QPushButton(objectName="stop", clicked=self.stop, enabled=False)
        self.reset_button = QPushButton(objectName="reset", clicked=self.reset)
        self.export_button = QPushButton(objectName="exportNotes", clicked=self._on_export)
        self.status = ElidedLabel(objectName="status")
        buttons = QHBoxLayout()
        for widget in (self.run_button, self.stop_button, self.reset_button,
                       self.export_button):
            buttons.addWidget(widget)
        buttons.addStretch(1)
        editor = QSplitter(Qt.Orientation.Vertical)  # the learner sizes transcript vs input
        editor.addWidget(self.transcript)
        editor.addWidget(self.input)
        editor.setStretchFactor(0, 3)
        editor.setStretchFactor(1, 1)
        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(self._build_header())
        column.addWidget(editor, 1)
        column.addLayout(buttons)
        # its own row: beside four buttons at 1280×800 it had 45 px and showed "torc…"
        column.addWidget(self.status)
        self.variables = VariablesView(self.lang)
        self.variables.show_graph.connect(self._on_show_graph)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self.variables)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        # two fifths of the width for the variables: at 1280×800 a quarter cut the dtype
        # column and hid requires_grad; the transcript keeps room for 50 characters
        splitter.setSizes([3000, 2000])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(splitter)

    # ---- running ----------------------------------------------------------------------
    @property
    def running(self) -> bool:
        return self._cancel is not None

    def run_input(self) -> None:
        source = submitted_source(self.input.toPlainText())
        if source:
            self.run_source(source)
        else:
            self.input.clear()

    def run_source(self, source: str) -> None:
        """Run ``source`` in a worker thread; ``run_finished`` fires when it is shown."""
        if self.running:
            return
        self.progress.add_history(self.spec.id, source)
        self._history = HistoryCursor(self._stored_history())
        self.input.clear()
        self._cancel = threading.Event()
        cancel_event = self._cancel
        # The host discards the console when the learner changes lessons: stop the run too.
        self.destroyed.connect(lambda *_: cancel_event.set())
        self._set_running(True)
        self._pending_at = self._show_source(source)  # echoed at once, as a terminal does
        bridge = _Bridge()
        bridge.finished.connect(self._on_run_finished)
        session, cancel = self.session, self._cancel

        def work() -> None:
            result = session.run(source, cancel)
            bridge.finished.emit(result)

        self._bridge = bridge  # keep alive until the result arrives
        threading.Thread(target=work, name="console-run", daemon=True).start()

    def _on_run_finished(self, result) -> None:
        self._cancel = None
        self._set_running(False)
        entry = self.session.entries[-1]
        if entry.error and entry.error_line:  # mark the failing line in the echo
            self._remove_from(self._pending_at)
            self._show_entry(entry)
        else:
            self._show_result(entry)
        self.variables.set_variables(self.session.variables())
        self.run_finished.emit(result)

    def stop(self) -> None:
        if self._cancel is not None:
            self._cancel.set()

    def reset(self) -> None:
        if self.running:
            return
        self.session.reset()
        self.transcript.clear()
        self.variables.set_variables([])
        self.status.setText(tr("console.reset_done", self.lang))

    def _set_running(self, running: bool) -> None:
        self.run_button.setEnabled(not running)
        self.reset_button.setEnabled(not running)
        self.stop_button.setEnabled(running)
        self.input.setReadOnly(running)
        self.status.setText(tr("console.running" if running else "console.ready", self.lang))

    # ---- transcript -------------------------------------------------------------------
    def _show_entry(self, entry: Entry) -> None:
        self._show_source(entry.source, entry.error_line if entry.error else None)
        self._show_result(entry)

    def _show_source(self, source: str, error_line: int | None = None) -> int:
        """Echo ``source`` with >>> / ... prompts; returns where the echo starts."""
        start = self.transcript.document().characterCount()
        rows = []
        for n, line in enumerate(source.rstrip("\n").split("\n"), start=1):
            prompt = ">>> " if n == 1 else "... "
            style = (f' style="background:{ERROR_LINE_BACKGROUND}"'
                     if n == error_line else "")
            rows.append(f'<span style="color:{PROMPT_COLOUR}">{prompt}</span>'
                        f"<span{style}>{html.escape(line)}</span>")
        self.transcript.append(f"<pre style='{PRE}'>{'<br>'.join(rows)}</pre>")
        self._scroll_to_end()
        return start

    def _remove_from(self, position: int) -> None:
        cursor = QTextCursor(self.transcript.document())
        cursor.setPosition(max(0, position - 1))
        cursor.movePosition(QTextCursor.MoveOperation.End, QTextCursor.MoveMode.KeepAnchor)
        cursor.removeSelectedText()

    def _scroll_to_end(self) -> None:
        self.transcript.moveCursor(QTextCursor.MoveOperation.End)
        self.transcript.horizontalScrollBar().setValue(0)

    def _show_result(self, entry: Entry) -> None:
        parts = []
        if entry.output:
            parts.append(f"<pre style='{PRE}'>{html.escape(entry.output.rstrip())}</pre>")
        if entry.error:
            shown = shown_error(entry.error, entry.source, self.lang)
            parts.append(f"<pre style='{PRE} color:{ERROR_COLOUR}'>"
                         f"{html.escape(shown)}</pre>")
        if parts:
            self.transcript.append("".join(parts))
        self._scroll_to_end()

    def transcript_text(self) -> str:
        return self.transcript.toPlainText()

    # ---- history ----------------------------------------------------------------------
    def _stored_history(self) -> list[str]:
        try:
            return list(self.progress.history(self.spec.id))
        except Exception:  # noqa: BLE001 - history is a convenience, never a failure
            return []

    def _on_history_up(self) -> None:
        text = self._history.up(self.input.toPlainText())
        if text is not None:
            self.input.set_code(text)

    def _on_history_down(self) -> None:
        text = self._history.down()
        if text is not None:
            self.input.set_code(text)

    # ---- agreed API -------------------------------------------------------------------
    def load_snippet(self, code: str) -> None:
        self.input.set_code(code)
        self.input.setFocus()

    def set_language(self, lang: str) -> None:
        self.lang = lang
        self.session.lang = lang  # the console's own messages follow the UI
        self.session_label.setText(say("ui.session", lang, lesson=self._lesson_name(lang)))
        self.session_label.setToolTip(say("ui.session_tip", lang))
        self.bring_button.setText(say("ui.bring", lang))
        self.bring_button.setToolTip(say("ui.bring_tip", lang))
        self.run_button.setText(tr("console.run", lang))
        self.run_button.setToolTip(tr("console.run_tip", lang))
        self.stop_button.setText(tr("console.stop", lang))
        self.reset_button.setText(tr("console.reset", lang))
        self.reset_button.setToolTip(tr("console.reset_tip", lang))
        self.export_button.setText(tr("console.export", lang))
        for button in (self.run_button, self.stop_button, self.reset_button,
                       self.export_button):
            shrink_to_text(button)
        self.input.setPlaceholderText(tr("console.placeholder", lang))
        self.status.setText(tr("console.running" if self.running else "console.ready", lang))
        self.variables.set_language(lang)

    def _on_show_graph(self, name: str) -> None:
        request = self.graph_request(name)
        if request is not None:
            self.show_graph_requested.emit(request, name)

    def graph_request(self, name: str | None) -> GraphRequest | None:
        """What the graph lab should draw for ``name``: the run that made it, as it ran."""
        if self.running:
            return None
        recorded = self.session.recorded(name)
        if recorded is None:
            return None
        from tutor_app.lessons import graph_lab  # networkx: only when a graph is asked for

        run = graph_lab.from_recorded(recorded.tape, recorded.uids, recorded.output,
                                      recorded.error, self.lang)
        return GraphRequest(recorded.source, run)

    # ---- notes export -----------------------------------------------------------------
    def _lesson_canvases(self) -> list:
        """Figures of the lesson panel: asked of the first ancestor that has them (the host)."""
        widget = self.parentWidget()
        while widget is not None and not hasattr(widget, "canvases"):
            widget = widget.parentWidget()
        try:
            return list(widget.canvases()) if widget is not None else []
        except Exception:  # noqa: BLE001 - a panel failing to list figures exports none
            return []

    def export_notes(self, path: str) -> str:
        """Write the session as Markdown + PNGs at ``path``; return the file written."""
        cells = [NoteCell(e.source, e.output,
                          e.error and shown_error(e.error, e.source, self.lang))
                 for e in self.session.entries]
        figures = [(f"{self.spec.id}-{n}", getattr(c, "figure", c))
                   for n, c in enumerate(self._lesson_canvases(), start=1)]
        title = tr("console.session_title", self.lang, lesson=self.spec.title_in(self.lang))
        return str(export_notes(path, title, cells, figures, lang=self.lang))

    def _on_export(self) -> None:
        path = ask_save_path(self, tr("console.export_title", self.lang), f"{self.spec.id}.md",
                             "Markdown (*.md)", kind="documents", lang=self.lang)
        if not path:
            return
        try:
            written = self.export_notes(path)
        except OSError as exc:
            self.status.setText(tr("console.export_failed", self.lang, error=exc))
            return
        self.status.setText(tr("console.exported", self.lang, path=written))

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        """Start the console's process while the learner reads (not before first paint).
        Checked a turn later: the lesson host's tabs show a page for a moment while they
        are filled or emptied, and a process started then competes with the lesson's
        first paint for a 2-core machine."""
        super().showEvent(event)
        QTimer.singleShot(0, self, self._start_process_if_shown)

    def _start_process_if_shown(self) -> None:
        process = console_process.shared()
        if self.isVisible() and not process.started:
            threading.Thread(target=_start_quietly, args=(process,), name="console-start",
                             daemon=True).start()

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt override
        self.stop()
        super().closeEvent(event)
