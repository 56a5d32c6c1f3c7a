"""The About dialog: version and the licences of everything the app ships."""

from __future__ import annotations

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from tutor_app import __version__
from tutor_app.i18n import tr


def about_box(parent: QWidget, lang: str) -> QMessageBox:
    import matplotlib
    import numpy

    box = QMessageBox(parent)
    box.setWindowTitle(tr("about.title", lang))
    box.setTextFormat(Qt.TextFormat.RichText)
    box.setText(tr("about.text", lang, version=__version__, qt=pyside_version,
                   mpl=matplotlib.__version__, numpy=numpy.__version__))
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    return box
