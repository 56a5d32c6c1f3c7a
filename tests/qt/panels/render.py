"""Render lesson panels in tests: a quick paint check, and zh + en renders with the bundled
CJK font, as the app does at start-up."""

from __future__ import annotations

import warnings

from PySide6.QtWidgets import QApplication

from tutor_app.lessons.base import load_spec
from tutor_app.paths import resource
from tutor_app.qt.fonts import register_qt_fonts
from tutor_app.viz.fonts import register_matplotlib_fonts


def assert_renders(panel) -> None:
    """Every canvas draws and the widget paints to a non-empty image."""
    for canvas in panel.canvases():
        canvas.draw()
    assert not panel.grab().toImage().isNull()


def render_both_languages(panel_class, lesson_id: str, qtbot, folder) -> list:
    """Show every tab of the panel in zh and en, draw every canvas, save PNGs into ``folder``.

    Returns the list of missing-glyph warnings Matplotlib gave (should be empty).
    """
    register_qt_fonts(QApplication.instance())
    register_matplotlib_fonts()
    spec = load_spec(resource("lessons", f"{lesson_id}.toml"))
    missing = []
    for lang in ("zh", "en"):
        panel = panel_class(spec, lang)
        qtbot.addWidget(panel)
        panel.resize(900, 1000)
        panel.show()
        qtbot.waitExposed(panel)
        for k in range(panel.tabs.count()):
            panel.tabs.setCurrentIndex(k)
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                for canvas in panel.canvases():
                    canvas.draw()
            missing += [str(w.message) for w in caught if "missing from font" in str(w.message)]
            path = folder / f"{lesson_id}_{lang}_{k}.png"
            assert panel.grab().save(str(path))
            assert path.stat().st_size > 20_000
        if hasattr(panel, "shutdown"):
            panel.shutdown()
    return missing
