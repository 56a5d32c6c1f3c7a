"""A theme switch reaches the lessons kept hidden while it happened."""

from __future__ import annotations


def test_a_lesson_kept_hidden_through_a_switch_is_dark_when_shown_again(make_window, qtbot):
    from tutor_app.lessons.base import load_available

    ids = [s.id for s in load_available()[0]]
    window = make_window(lesson=ids[1], lang="en")
    window.show_lesson(ids[2])
    window.set_theme("dark")
    try:
        window.show_lesson(ids[1])  # kept hidden while the theme changed
        qtbot.wait(50)
        for widget in (window.host.text.viewport(), window.host.try_button):
            colour = widget.grab().toImage().pixelColor(3, 3)
            assert colour.lightness() < 110, (widget.objectName(), colour.name())
    finally:
        window.set_theme("light")



def _dark(widget) -> bool:
    return widget.grab().toImage().pixelColor(3, 3).lightness() < 110


def test_a_lesson_first_built_after_a_switch_is_dark(make_window, qtbot):
    """Nothing of a lesson exists when the theme changes: it is built in the new theme."""
    window = make_window(lesson="norms", lang="en")
    window.host.prebuild_enabled = False
    window.set_theme("dark")
    try:
        assert not window.host.is_built("matrix_calculus")
        window.show_lesson("matrix_calculus")
        qtbot.wait(50)
        assert _dark(window.host.text.viewport())
        shown = [c for c in window.host.canvases() if c.isVisible()]
        assert shown
        for canvas in window.host.canvases():
            assert canvas.theme == "dark"  # a canvas in another tab: restyled when drawn
        for canvas in shown:
            assert canvas.figure.get_facecolor()[0] < 0.3  # drawn on a dark face
    finally:
        window.set_theme("light")


def test_a_switch_leaves_hidden_exercises_for_when_they_are_shown(make_window, qtbot):
    """The exercises tab of a kept lesson re-renders its formulas only when shown again
    (the switch costs the lesson on screen, not every lesson kept), and is then dark."""
    window = make_window(lesson="matrix_calculus", lang="en")
    window.host.prebuild_enabled = False
    kept = window.host.exercises
    window.show_lesson("norms")
    window.set_theme("dark")
    try:
        assert kept.cards and all(card.theme == "light" for card in kept.cards)
        window.show_lesson("matrix_calculus")
        window.host.set_bottom_expanded(True)
        window.host.tabs.setCurrentIndex(window.host._tab_index("exercises"))
        qtbot.waitUntil(lambda: kept.isVisible())
        assert all(card.theme == "dark" for card in kept.cards)
        qtbot.wait(20)  # the palette reaches widgets one event-loop turn after a switch
        assert _dark(kept.scroll.viewport())
    finally:
        window.set_theme("light")
        window.host.set_bottom_expanded(False)


def test_the_style_sheet_is_set_once_and_fixed_colours_follow(make_window, qapp, qtbot):
    """A switch changes the palette, never the application style sheet (setting one
    re-polishes every widget: seconds with lessons kept); the banner's own colours follow."""
    from tutor_app.qt import themes

    window = make_window(lesson="norms", lang="en")
    sheet = qapp.styleSheet()
    assert sheet == themes.style_sheet()
    window.set_theme("dark")
    try:
        assert qapp.styleSheet() == sheet
        assert window.banner.styleSheet() == themes.TINTS["dark"]["banner"]
        window.banner.show()
        window.banner_label.setText("progress kept")
        qtbot.wait(20)
        assert window.banner_label.palette().windowText().color().lightness() > 150
    finally:
        window.set_theme("light")
    qtbot.wait(20)
    assert window.banner.styleSheet() == themes.TINTS["light"]["banner"]
    assert window.banner_label.palette().windowText().color().lightness() < 100
