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

