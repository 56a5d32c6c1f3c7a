"""The QApplication: fonts, Qt's own translations, style. Created once per process."""

from __future__ import annotations

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from tutor_app.qt import themes
from tutor_app.qt.fonts import register_qt_fonts

_translators: list[QTranslator] = []


def get_app(argv: list[str] | None = None) -> QApplication:
    """Return the running QApplication, creating and setting it up if needed."""
    app = QApplication.instance()
    if app is None:
        app = QApplication(argv or ["tensor-tutor"])
    app.setApplicationName("Tensor Tutor")
    app.setOrganizationName("tensor-tutor")
    app.setDesktopFileName("tensor-tutor")  # Wayland/GNOME match the window to the menu entry
    app.setStyle("Fusion")  # the same look on every platform, and QSS-friendly
    themes.enable_palette_follow()  # before any widget is polished
    register_qt_fonts(app)
    return app


def install_qt_translations(app: QApplication, lang: str) -> bool:
    """Translate Qt's own dialogs (buttons, file dialogs) using PySide6's bundled .qm files."""
    for translator in _translators:
        app.removeTranslator(translator)
    _translators.clear()
    if lang != "zh":
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
        return True
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    translator = QTranslator(app)
    if not translator.load("qtbase_zh_CN", folder):
        return False
    app.installTranslator(translator)
    _translators.append(translator)
    return True
