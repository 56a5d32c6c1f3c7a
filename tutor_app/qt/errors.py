"""Unexpected exceptions (in slots, timers, event handlers) become a dialog and a log entry.

The app keeps running: the dialog is non-modal and one dialog is reused, so an error that
repeats on every paint cannot bury the learner in windows.
"""

from __future__ import annotations

import logging
import logging.handlers
import sys
import time
import traceback
from collections.abc import Callable

from PySide6.QtWidgets import QMessageBox, QWidget

from tutor_app import paths
from tutor_app.i18n import tr

LOG_NAME = "tensor-tutor.log"
log = logging.getLogger("tutor_app")


def log_path():
    return paths.user_data_dir() / LOG_NAME


def configure_logging() -> None:
    """Log warnings and errors to a rotating file in the user's data directory."""
    root = logging.getLogger()
    target = str(log_path())
    for handler in list(root.handlers):
        if getattr(handler, "_tensor_tutor", False):
            if handler.baseFilename == target:
                return
            root.removeHandler(handler)  # the data directory changed (tests)
            handler.close()
    try:
        handler = logging.handlers.RotatingFileHandler(log_path(), maxBytes=512_000,
                                                       backupCount=2, encoding="utf-8")
    except OSError:
        return
    handler._tensor_tutor = True  # type: ignore[attr-defined]
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.setLevel(logging.INFO)
    root.addHandler(handler)
    if root.level > logging.INFO or root.level == logging.NOTSET:
        root.setLevel(logging.INFO)


def write_crash_log(details: str) -> None:
    """Append a traceback to the log file directly: it must land even if logging is off."""
    stamp = time.strftime("%Y-%m-%d %H:%M:%S")
    try:
        with open(log_path(), "a", encoding="utf-8") as fh:
            fh.write(f"{stamp} ERROR unhandled exception\n{details}\n")
    except OSError:
        sys.__stderr__.write(details)


class ErrorReporter:
    """``sys.excepthook`` replacement: log the traceback, then show it in a dialog."""

    def __init__(self, parent_getter: Callable[[], QWidget | None],
                 lang_getter: Callable[[], str]):
        self._parent = parent_getter
        self._lang = lang_getter
        self._dialog: QMessageBox | None = None
        self._previous = sys.excepthook
        self.count = 0

    def install(self) -> None:
        sys.excepthook = self

    def uninstall(self) -> None:
        if sys.excepthook is self:
            sys.excepthook = self._previous

    def __call__(self, exc_type, exc, tb) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            self._previous(exc_type, exc, tb)
            return
        details = "".join(traceback.format_exception(exc_type, exc, tb))
        write_crash_log(details)
        if sys.__stderr__ is not None:  # a terminal (or CI log) sees it too
            sys.__stderr__.write(details)
        self.count += 1
        try:
            self._show(details)
        except Exception:  # noqa: BLE001 - the reporter itself must never raise
            sys.__stderr__.write(details)

    def _show(self, details: str) -> None:
        lang = self._lang()
        if self._dialog is None:
            self._dialog = QMessageBox(self._parent())
            self._dialog.setIcon(QMessageBox.Icon.Critical)
            self._dialog.setModal(False)
        self._dialog.setWindowTitle(tr("error.title", lang))
        self._dialog.setText(tr("error.text", lang, path=log_path()))
        self._dialog.setDetailedText(details)
        self._dialog.show()

    @property
    def dialog(self) -> QMessageBox | None:
        return self._dialog
