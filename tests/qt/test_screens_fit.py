"""Every lesson, zh and en, at 1280×800 and 1920×1080, each inner tab shown: no combo box,
button or one-line label of the lesson's panel has its text cut."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from tests.qt.widget_text_fit import cut_texts
from tutor_app.lessons.base import load_all
from tutor_app.qt.screenshot import inner_tabs

LESSONS = [s.id for s in load_all()]


def _panel_pages(window):
    """Yield once per page of the panel: the first tabs, then each other inner tab."""
    yield "first"
    for tabs, index in inner_tabs(window.host.panel_widget):
        tabs.setCurrentIndex(index)
        QApplication.processEvents()
        yield f"{tabs.tabText(index)}"
        tabs.setCurrentIndex(0)


@pytest.mark.parametrize("size", [(1280, 800), (1920, 1080)], ids=["1280", "1920"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_panel_text_is_cut(shared_window, lang, size):
    window = shared_window
    window.resize(*size)
    window.restore_layout({})   # the default splits, as a first launch shows them
    window.set_language(lang)
    found = []
    for lid in LESSONS:
        assert window.show_lesson(lid)
        QApplication.processEvents()
        for page in _panel_pages(window):
            found += [f"{lid} [{page}]: {cut}" for cut in cut_texts(window.host.panel_widget)]
    assert not found, "\n".join(found)
