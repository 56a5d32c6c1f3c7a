"""Issue 13 items 5 and 7: save dialogs open in the learner's folders, in the UI's language,
in the app's theme."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog

from tutor_app.qt import save_dialog, themes


def test_the_first_dialog_opens_in_pictures_or_documents_never_the_working_dir(
        qapp, tmp_path, monkeypatch):
    pictures, documents = tmp_path / "Pictures", tmp_path / "Documents"
    pictures.mkdir()
    documents.mkdir()
    places = {QStandardPaths.StandardLocation.PicturesLocation: str(pictures),
              QStandardPaths.StandardLocation.DocumentsLocation: str(documents)}
    monkeypatch.setattr(QStandardPaths, "writableLocation", lambda where: places[where])
    monkeypatch.chdir(tmp_path)
    assert save_dialog.start_folder("pictures") == pictures
    assert save_dialog.start_folder("documents") == documents
    dialog = save_dialog.make_dialog(None, "t", "lesson.png", "PNG (*.png)", "pictures", "en")
    assert Path(dialog.directory().absolutePath()) == pictures


def test_missing_standard_folders_fall_back_to_home(qapp, monkeypatch):
    monkeypatch.setattr(QStandardPaths, "writableLocation", lambda where: "/no/such/folder")
    assert save_dialog.start_folder("pictures") == Path.home()


def test_the_last_folder_used_is_remembered_per_kind(qapp, tmp_path):
    used = tmp_path / "figures"
    used.mkdir()
    save_dialog.remember("pictures", used)
    assert save_dialog.start_folder("pictures") == used
    assert save_dialog.start_folder("documents") != used
    used.rmdir()  # gone since: back to the standard folder
    assert save_dialog.start_folder("pictures") != used


def test_the_dialog_is_qts_own_worded_in_chinese_and_dark_in_the_dark_theme(qapp):
    themes.apply(qapp, "dark")
    try:
        dialog = save_dialog.make_dialog(None, "导出", "a.png", "PNG (*.png)", "pictures", "zh")
        assert dialog.testOption(QFileDialog.Option.DontUseNativeDialog)
        assert dialog.labelText(QFileDialog.DialogLabel.LookIn) == "查找范围："
        assert dialog.labelText(QFileDialog.DialogLabel.FileType) == "文件类型："
        assert dialog.labelText(QFileDialog.DialogLabel.Reject) == "取消"
        assert dialog.palette().window().color().lightness() < 80
    finally:
        themes.apply(qapp, "light")
