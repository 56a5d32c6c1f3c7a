"""The main window: navigation, language switch, progress across restarts, failures."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QTabWidget,
    QTreeWidget,
)

from tutor_app.lessons.base import load_available
from tutor_app.progress import Progress

CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
LANGUAGE_NAMES = {"中文"}  # the language menu names each language in itself
SPECS, _ERRORS = load_available()
IDS = [s.id for s in SPECS]


def visible_strings(window) -> list[str]:
    """Every string a learner can see: window title, menus, widgets' texts, tabs, tree items."""
    out = [window.windowTitle()]
    for menu in window.menus.values():
        out.append(menu.title())
    out += [a.text() for a in window.actions_by_key.values()]
    for widget in window.findChildren(QLabel) + window.findChildren(QAbstractButton):
        if widget.isVisible() and widget.objectName() != "errorView":
            out.append(widget.text())
    for box in window.findChildren(QGroupBox):
        if box.isVisible():
            out.append(box.title())
    for combo in window.findChildren(QComboBox):
        if combo.isVisible():
            out += [combo.itemText(i) for i in range(combo.count())]
    for tabs in window.findChildren(QTabWidget):
        if tabs.isVisible():
            out += [tabs.tabText(i) for i in range(tabs.count()) if tabs.isTabVisible(i)]
    for tree in window.findChildren(QTreeWidget):
        if not tree.isVisible():
            continue
        out.append(tree.headerItem().text(0))
        iterator = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
        while iterator:
            item = iterator.pop()
            out.append(item.text(0))
            iterator += [item.child(i) for i in range(item.childCount())]
    return [s for s in out if s and s not in LANGUAGE_NAMES]


def test_clicking_the_navigator_changes_the_lesson(make_window, qtbot):
    window = make_window(lesson=IDS[0])
    target = IDS[-1]
    item = window.navigator.item_for(target)
    rect = window.navigator.visualItemRect(item)
    qtbot.mouseClick(window.navigator.viewport(), Qt.MouseButton.LeftButton,
                     pos=rect.center())
    assert window.current_id == target
    assert window.host.spec.id == target
    assert window.progress.visited(target)
    assert window.navigator.currentItem() is item
    assert item.text(0).startswith("✓")


def test_next_previous_and_keyboard(make_window, qtbot):
    window = make_window(lesson=IDS[0])
    assert not window.actions_by_key["prev"].isEnabled()
    window.actions_by_key["next"].trigger()
    assert window.current_id == IDS[1]
    window.actions_by_key["prev"].trigger()
    assert window.current_id == IDS[0]
    window.navigator.setFocus()
    for _ in range(2):  # arrow keys walk the tree (a chapter row may come first)
        qtbot.keyClick(window.navigator, Qt.Key.Key_Down)
    assert window.current_id == IDS[1]
    window.actions_by_key["focus_navigator"].trigger()
    assert window.navigator.hasFocus() or not window.isActiveWindow()


@pytest.mark.parametrize("lid", IDS)
def test_language_switch_updates_every_visible_string(shared_window, lid):
    window = shared_window
    window.set_language("zh")
    assert window.show_lesson(lid)
    zh = visible_strings(window)
    assert any(CJK.search(s) for s in zh)
    window.set_language("en")
    en = visible_strings(window)
    leftovers = [s for s in en if CJK.search(s)]
    assert not leftovers, f"still Chinese after switching to English: {leftovers}"
    assert window.host.text.toPlainText().startswith(window.host.spec.title["en"])
    window.set_language("zh")
    assert sorted(visible_strings(window)) == sorted(zh)


def test_qt_own_dialog_strings_follow_the_language(make_window):
    window = make_window(lang="zh")
    assert QApplication.translate("QPlatformTheme", "Cancel") == "取消"
    window.set_language("en")
    assert QApplication.translate("QPlatformTheme", "Cancel") == "Cancel"


@pytest.mark.parametrize("lid", IDS)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_lesson_opens_in_both_languages(shared_window, lid, lang):
    window = shared_window
    window.set_language(lang)
    assert window.show_lesson(lid)
    assert window.current_id == lid
    assert window.host.panel_error is None, window.host.panel_error
    assert window.host.text.toPlainText().startswith(window.host.spec.title[lang])
    image = window.host.grab().toImage()
    assert image.width() > 100 and image.pixel(10, 10) is not None


def test_progress_and_settings_survive_a_restart(make_window):
    window = make_window(lesson=IDS[0], lang="zh")
    window.show_lesson(IDS[-1])
    window.set_language("en")
    window.set_theme("dark")
    window.set_zoom(1.3)
    window.resize(1111, 777)
    window.close()
    again = make_window(lang=None)
    assert again.current_id == IDS[-1]
    assert again.lang == "en" and again.theme == "dark" and again.zoom == 1.3
    assert again.progress.visited(IDS[0]) and again.progress.visited(IDS[-1])
    assert again.navigator.item_for(IDS[0]).text(0).startswith("✓")
    assert again.progress.settings["geometry"]


def test_corrupt_progress_is_moved_aside_and_the_learner_told(make_window, tmp_path):
    path = Progress.load()[0].path
    path.write_text('{"schema": 1, "lessons": {"what_dl', encoding="utf-8")
    window = make_window(lang="en")
    assert window.banner.isVisible()
    text = window.banner_label.text()
    assert "moved to" in text and ".corrupt-" in text
    assert list(path.parent.glob("progress.json.corrupt-*"))
    window.set_language("zh")
    assert "已移到" in window.banner_label.text()
    window.show_lesson(IDS[0])  # and the app carries on saving
    assert Progress.load()[0].visited(IDS[0])


def test_unknown_lesson_is_refused_without_changing_anything(make_window):
    window = make_window(lesson=IDS[0])
    assert not window.show_lesson("no_such_lesson")
    assert window.current_id == IDS[0]
    assert "no_such_lesson" in window.statusBar().currentMessage()


def test_theme_and_zoom(make_window):
    window = make_window()
    light = QApplication.palette().window().color().lightness()
    window.set_theme("dark")
    assert QApplication.palette().window().color().lightness() < light
    window.set_theme("light")
    size = window.host.text.font().pointSizeF()
    window.actions_by_key["zoom_in"].trigger()
    assert window.host.text.font().pointSizeF() > size
    window.actions_by_key["zoom_reset"].trigger()
    assert window.host.text.font().pointSizeF() == pytest.approx(size)
    for _ in range(20):
        window.step_zoom(-1)
    assert window.zoom >= 0.8


def test_about_names_the_licences(make_window):
    window = make_window(lang="en")
    box = window.show_about()
    text = box.text()
    for name in ("LGPL", "BSD", "Open Font License", "Matplotlib"):
        assert name in text
    box.close()


def test_graph_lab_entry(make_window):
    window = make_window(lesson=IDS[0])
    action = window.actions_by_key["graph_lab"]
    assert action.isEnabled() == ("graph_lab" in IDS)
    if action.isEnabled():
        action.trigger()
        assert window.current_id == "graph_lab"


def test_figure_export_writes_png_and_svg(make_window, tmp_path):
    window = make_window(lesson="what_dl_does")
    png = window.host.exporter.export("png", str(tmp_path / "fig.png"))
    svg = window.host.exporter.export("svg", str(tmp_path / "fig.svg"))
    assert png and png[0].read_bytes()[:4] == b"\x89PNG"
    assert svg and b"<svg" in svg[0].read_bytes()[:400]
    window.host.exporter.copy_to_clipboard()
    assert not QApplication.clipboard().image().isNull()


def test_line_edits_have_no_untranslated_placeholders(make_window):
    window = make_window(lesson=IDS[0], lang="en")
    for edit in window.findChildren(QLineEdit):
        if edit.isVisible():
            assert not CJK.search(edit.placeholderText())


def test_marks_and_tooltips_follow_progress(make_window):
    from tutor_app.exercises import model

    window = make_window(lesson=IDS[0], lang="en")
    item = window.navigator.item_for("exercises_2_3")
    total = len(model.for_lesson("exercises_2_3"))
    assert item.text(0).startswith("○") and item.text(1) == f"0/{total}"
    first = model.for_lesson("exercises_2_3")[0].id
    window.progress.mark_exercise("exercises_2_3", first, True)
    assert f"1 of {total} exercises solved" in item.toolTip(0)
    assert item.text(1) == f"1/{total}"  # solved and visited are told apart
    assert "Exercises" in item.toolTip(0)  # the full title, however narrow the list
    window.progress.mark_visited("exercises_2_3")
    assert item.text(0).startswith("✓")
