"""The one "Save as…" dialog of the app: where it opens, which words and colours it uses.

- It opens in the folder the learner used last for that kind of file (figures, notes),
  else in their Pictures or Documents folder, else their home: never in the process's
  working directory (the app's own folder when started from a checkout).
- It is Qt's own dialog, not the desktop's: the desktop's ignores the app's dark theme.
  Qt's Chinese catalogue is loaded (``app.install_qt_translations``); the labels it misses
  are set here in the UI's language.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

from tutor_app import paths
from tutor_app.i18n import tr

log = logging.getLogger(__name__)

STANDARD = {"pictures": QStandardPaths.StandardLocation.PicturesLocation,
            "documents": QStandardPaths.StandardLocation.DocumentsLocation}
LABELS = {QFileDialog.DialogLabel.LookIn: "dialog.look_in",
          QFileDialog.DialogLabel.FileName: "dialog.file_name",
          QFileDialog.DialogLabel.FileType: "dialog.file_type",
          QFileDialog.DialogLabel.Accept: "dialog.save",
          QFileDialog.DialogLabel.Reject: "dialog.cancel"}
_MEMORY = "dialog_folders.json"


def _memory_file() -> Path:
    return paths.user_data_dir() / _MEMORY


def _remembered() -> dict[str, str]:
    try:
        data = json.loads(_memory_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {k: v for k, v in data.items() if isinstance(k, str) and isinstance(v, str)} \
        if isinstance(data, dict) else {}


def remember(kind: str, folder: Path) -> None:
    """Note ``folder`` as the last one used for ``kind`` (kept across launches)."""
    memory = _remembered()
    memory[kind] = str(folder)
    try:
        _memory_file().write_text(json.dumps(memory, ensure_ascii=False), encoding="utf-8")
    except OSError as exc:  # a convenience: never a failure
        log.info("could not remember the dialog folder: %s", exc)


def start_folder(kind: str) -> Path:
    """The last folder used for ``kind`` if it still exists, else the learner's Pictures
    (figures) or Documents (notes) folder, else their home."""
    last = _remembered().get(kind)
    if last and Path(last).is_dir():
        return Path(last)
    standard = QStandardPaths.writableLocation(STANDARD.get(kind, STANDARD["documents"]))
    if standard and Path(standard).is_dir():
        return Path(standard)
    return Path.home()


def make_dialog(parent: QWidget | None, title: str, file_name: str, name_filter: str,
                kind: str, lang: str) -> QFileDialog:
    """The dialog, set up but not shown (tests inspect it)."""
    dialog = QFileDialog(parent, title, str(start_folder(kind) / file_name), name_filter)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    dialog.selectFile(file_name)
    for label, key in LABELS.items():
        dialog.setLabelText(label, tr(key, lang))
    return dialog


def ask_save_path(parent: QWidget | None, title: str, file_name: str, name_filter: str, *,
                  kind: str = "pictures", lang: str = "zh") -> str:
    """Ask where to save; returns the chosen path or "" when cancelled."""
    dialog = make_dialog(parent, title, file_name, name_filter, kind, lang)
    if not dialog.exec():
        return ""
    chosen = dialog.selectedFiles()
    if not chosen:
        return ""
    remember(kind, Path(chosen[0]).parent)
    return chosen[0]
