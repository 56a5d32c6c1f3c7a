"""The window's layout: the folding console/exercises strip, focus on the figure, the lesson
list toggle, remembered splits, the dark theme in every figure, lessons built ahead."""

from __future__ import annotations

import pytest
from matplotlib.colors import to_hex, to_rgba
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication

from tutor_app.lessons.base import load_available
from tutor_app.qt import lesson_host
from tutor_app.viz.style import DARK, LIGHT

SPECS, _ERRORS = load_available()
IDS = [s.id for s in SPECS]
TRY_IT = next(s.id for s in SPECS if s.try_it)


def _luminance(colour) -> float:
    r, g, b, _a = to_rgba(colour)
    return 0.299 * r + 0.587 * g + 0.114 * b


def _figure_is_dark(canvas) -> bool:
    canvas.draw()
    axes_dark = all(_luminance(ax.patch.get_facecolor()) < 0.3 or not ax.patch.get_visible()
                    for ax in canvas.figure.axes)
    return _luminance(canvas.figure.patch.get_facecolor()) < 0.3 and axes_dark


# ---- the console/exercises strip ---------------------------------------------------------
def test_default_layout_folds_the_console_and_gives_the_figure_the_room(make_window, qtbot):
    window = make_window(lesson=TRY_IT, lang="en")
    host = window.host
    qtbot.waitUntil(lambda: host.vertical.sizes()[0] > 0.9 * sum(host.vertical.sizes()))
    assert not host.bottom_expanded
    assert host.tabs.height() <= host.tabs.strip_height() + 4
    assert host.tabs.currentWidget() is None or not host.tabs.currentWidget().isVisible()
    text, rest = host.horizontal.sizes()
    assert text / (text + rest) == pytest.approx(lesson_host.TEXT_FRACTION, abs=0.02)


def test_clicking_a_tab_opens_the_strip_and_the_button_folds_it(make_window, qtbot):
    window = make_window(lesson=TRY_IT, lang="en")
    tabs = window.host.tabs
    bar = tabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(1).center())
    assert window.host.bottom_expanded and tabs.currentIndex() == 1
    assert tabs.currentWidget().isVisible()
    assert tabs.height() > 3 * tabs.strip_height()
    assert window.actions_by_key["toggle_bottom"].isChecked()
    qtbot.mouseClick(tabs.toggle_button, Qt.MouseButton.LeftButton)
    assert not window.host.bottom_expanded
    assert tabs.height() <= tabs.strip_height() + 4
    assert not window.actions_by_key["toggle_bottom"].isChecked()


def test_shortcuts_toggle_the_strip(make_window, qtbot):
    window = make_window(lesson=TRY_IT, lang="en")
    action = window.actions_by_key["toggle_bottom"]
    keys = {k.toString() for k in action.shortcuts()}
    assert {"Ctrl+`", "F4"} <= keys
    assert action.shortcutContext() == Qt.ShortcutContext.WindowShortcut
    action.trigger()  # what the shortcut does (key delivery needs an active window)
    assert window.host.bottom_expanded and action.isChecked()
    assert window.host.console.isVisible()
    action.trigger()
    assert not window.host.bottom_expanded and not action.isChecked()


def test_try_it_opens_the_console(make_window):
    window = make_window(lesson=TRY_IT, lang="en")
    window.host.try_button.click()
    assert window.host.bottom_expanded
    assert window.host.tabs.currentWidget().isAncestorOf(window.host.console)
    assert window.host.console.isVisible()


def test_the_lesson_list_widens_for_whole_titles_until_the_learner_drags_it(make_window):
    window = make_window(lesson=IDS[0], lang="en")
    window.resize(1920, 1080)
    QApplication.processEvents()
    wide = window.splitter.sizes()
    assert wide[0] >= min(window.navigator.fitting_width(), sum(wide) // 4) > 240
    window.resize(1280, 800)
    QApplication.processEvents()
    assert window.splitter.sizes()[0] <= 1280 // 4  # a quarter at most; titles have tooltips
    window.splitter.splitterMoved.emit(200, 1)  # as a drag does
    window.splitter.setSizes([200, 1080])
    window.resize(1920, 1080)
    QApplication.processEvents()
    assert window.splitter.sizes()[0] == 200


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_export_button_shows_its_whole_label_inside_the_window(make_window, lang):
    window = make_window(lesson=IDS[1], lang=lang)
    button = window.host.export_button
    right = button.mapTo(window, button.rect().topRight()).x()
    assert right < window.width() - 1
    text = button.fontMetrics().horizontalAdvance(button.text())
    assert button.width() >= text + 2 * 8  # room for the menu arrow beside the text


def test_show_graph_opens_the_graph_lab_with_room_for_its_code(make_window):
    if "graph_lab" not in IDS:
        pytest.skip("no graph lab")
    window = make_window(lesson=IDS[0], lang="en")
    window.host.set_bottom_expanded(True)
    window.open_graph_program("x = torch.ones(2)\ny = x * x", "y")
    assert window.current_id == "graph_lab" and not window.host.bottom_expanded


def test_an_open_strip_comes_back_at_its_saved_height_after_a_relaunch(make_window, qtbot):
    window = make_window(lesson=TRY_IT, lang="en")
    window.host.set_bottom_expanded(True)
    qtbot.waitUntil(lambda: abs(window.host.vertical.sizes()[1] - 280) <= 2)
    window.close()
    again = make_window(lang=None)
    again.resize(1600, 1000)  # a bigger window must not inflate the strip
    qtbot.waitUntil(lambda: abs(again.host.vertical.sizes()[1] - 280) <= 2, timeout=3000)
    assert again.host.vertical.sizes()[0] > 500


def test_focus_on_the_figure_and_the_lesson_list_toggle(make_window, qtbot):
    window = make_window(lesson=IDS[3], lang="en")
    host = window.host

    def text_share() -> float:
        text, rest = host.horizontal.sizes()
        return text / (text + rest)

    qtbot.waitUntil(lambda: abs(text_share() - lesson_host.TEXT_FRACTION) < 0.02)
    before = host.vertical.width()
    window.actions_by_key["focus_figure"].trigger()
    assert not host.text.isVisible()
    qtbot.waitUntil(lambda: host.vertical.width() > before + 200)
    assert QKeySequence("F8") in window.actions_by_key["focus_figure"].shortcuts()
    window.actions_by_key["show_navigator"].trigger()
    assert not window.navigator.isVisible()
    qtbot.waitUntil(lambda: host.vertical.width() > before + 400)
    window.actions_by_key["focus_figure"].trigger()
    window.actions_by_key["show_navigator"].trigger()
    assert host.text.isVisible() and window.navigator.isVisible()
    qtbot.waitUntil(lambda: abs(text_share() - lesson_host.TEXT_FRACTION) < 0.02)
    window.actions_by_key["show_navigator"].trigger()
    window.actions_by_key["focus_navigator"].trigger()  # brings the list back
    assert window.navigator.isVisible()


def test_the_layout_is_remembered(make_window):
    window = make_window(lesson=TRY_IT, lang="en")
    window.host.set_bottom_expanded(True)
    window.actions_by_key["focus_figure"].trigger()
    window.close()
    again = make_window(lang=None)
    assert again.host.bottom_expanded
    assert not again.host.text.isVisible()
    assert again.actions_by_key["focus_figure"].isChecked()
    again.host.set_bottom_expanded(False)
    again.close()
    third = make_window(lang=None)
    assert not third.host.bottom_expanded


def test_odd_saved_layout_values_fall_back_to_the_defaults(make_window):
    window = make_window(lesson=IDS[0], lang="en")
    window.restore_layout({"text_fraction": "wide", "bottom_height": -5, "bottom_open": 1,
                           "text_hidden": "yes", "navigator_hidden": None})
    assert not window.host.bottom_expanded and window.host.text.isVisible()
    assert window.navigator.isVisible()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_no_panel_scrolls_sideways_in_the_default_layout(shared_window, lang):
    window = shared_window
    window.restore_layout({})
    window.set_language(lang)
    sideways = []
    for lid in IDS:
        window.show_lesson(lid)
        QApplication.processEvents()
        page = window.host.panel_stack.currentWidget()
        if page.horizontalScrollBar().isVisible():
            sideways.append((lid, page.widget().minimumSizeHint().width(),
                             page.viewport().width()))
    assert not sideways, f"panels wider than the room they get: {sideways}"


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("lid", IDS)
def test_no_panel_scrolls_down_in_the_default_layout(shared_window, lang, lid):
    """A word-wrapped label makes the panel's layout height-for-width, and the scroll area
    then needs the panel's *preferred* height, not its minimum, to show it without a bar."""
    window = shared_window
    window.restore_layout({})
    window.set_language(lang)
    window.show_lesson(lid)
    QApplication.processEvents()
    page = window.host.panel_stack.currentWidget()
    panel = page.widget()
    need = panel.heightForWidth(page.viewport().width())
    assert not page.verticalScrollBar().isVisible(), (
        f"{lid} ({lang}) needs {max(need, panel.minimumSizeHint().height())} px "
        f"of {page.viewport().height()}")
    assert not page.horizontalScrollBar().isVisible()


# ---- the console's status row ------------------------------------------------------------
def test_console_status_never_widens_its_row(make_window):
    window = make_window(lesson=TRY_IT, lang="en")
    console = window.host.console
    long = "torch is already imported; variables stay between runs " * 4
    console.status.setText(long)
    assert console.status.minimumSizeHint().width() < 100
    assert console.status.text() == long and console.status.toolTip() == long
    assert console.minimumSizeHint().width() < 600


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_console_ready_status_reads_whole_at_1280x800(make_window, qtbot, lang):
    """Beside the four buttons it had 45 px and showed "torc…"."""
    window = make_window(lesson="graph_lab" if "graph_lab" in IDS else TRY_IT, lang=lang)
    window.resize(1280, 800)
    window.actions_by_key["toggle_bottom"].trigger()
    console = window.host.console
    qtbot.waitUntil(console.status.isVisible)
    status = console.status
    text = status.text()
    assert text, "the console says it is ready"
    assert status.fontMetrics().horizontalAdvance(text) <= status.contentsRect().width()


@pytest.mark.skipif("graph_lab" not in IDS, reason="the graph lab is not installed")
def test_graph_lab_code_box_keeps_six_lines_with_the_console_open(make_window, qtbot):
    """Issue 13 item 2: with the console open at 1280×800 the code box showed 3–4 lines;
    Run and the output chooser now sit under the output, beside the code."""
    window = make_window(lesson="graph_lab", lang="en")
    window.resize(1280, 800)
    window.actions_by_key["toggle_bottom"].trigger()
    qtbot.waitUntil(window.host.console.isVisible)
    panel = window.host.panel_stack.currentWidget().widget()
    code = panel.code
    lines = code.viewport().height() / code.fontMetrics().lineSpacing()
    assert lines >= 6, f"{lines:.1f} lines"
    assert panel.player.height() > 250  # the graph keeps its room


# ---- dark theme in every figure ----------------------------------------------------------
@pytest.mark.parametrize("lid", [i for i in ("dot_projection", "norms", "graph_lab")
                                 if i in IDS])
def test_dark_theme_reaches_every_figure_and_keeps_data_colours(make_window, lid):
    window = make_window(lesson=lid, lang="en")
    canvases = window.host.canvases()
    assert canvases

    def data_colours():
        return {to_hex(line.get_color()) for c in canvases for ax in c.figure.axes
                for line in ax.lines} - {to_hex(LIGHT.text), to_hex(DARK.text), "#000000",
                                         to_hex(LIGHT.muted), to_hex(DARK.muted), "#ffffff"}

    light = data_colours()
    window.set_theme("dark")
    for canvas in canvases:
        assert _figure_is_dark(canvas), f"{lid}: a figure stayed light"
    assert data_colours() == light
    window.set_theme("light")
    for canvas in canvases:
        canvas.draw()
        assert _luminance(canvas.figure.patch.get_facecolor()) > 0.9


def test_a_hidden_lesson_follows_a_theme_change_when_shown_again(make_window):
    window = make_window(lesson="dot_projection", lang="en")
    kept = window.host.canvases()
    window.show_lesson("norms")
    window.set_theme("dark")
    window.show_lesson("dot_projection")
    assert window.host.canvases() == kept
    assert all(_figure_is_dark(c) for c in kept)


def test_figures_made_later_start_in_the_current_theme(make_window):
    from tutor_app.qt.mpl_canvas import MplCanvas

    window = make_window(lesson=IDS[0], lang="en")
    window.set_theme("dark")
    later = MplCanvas()
    later.figure.add_subplot().plot([0, 1], [1, 0])
    assert later.theme == "dark" and _figure_is_dark(later)
    window.set_theme("light")
    assert MplCanvas().theme == "light"
    later.deleteLater()


def test_dark_text_stays_readable_on_light_boxes():
    from matplotlib.figure import Figure
    from matplotlib.patches import Ellipse

    from tutor_app.viz.style import restyle_figure

    figure = Figure()
    ax = figure.add_subplot()
    ax.set_title("title")
    label = ax.text(0.5, 0.5, "on a pastel box", bbox={"facecolor": "#fde293"})
    plain = ax.text(0.1, 0.1, "plain")
    ax.plot([0, 1], [0, 1], color="#1f77b4")
    ax.add_patch(Ellipse((0.5, 0.5), 0.4, 0.2, facecolor="#fde293"))  # no get_x
    restyle_figure(figure, "dark")
    assert _luminance(label.get_color()) < 0.3          # the box kept its colour
    assert _luminance(plain.get_color()) > 0.7
    assert _luminance(ax.title.get_color()) > 0.7
    assert to_hex(ax.lines[0].get_color()) == "#1f77b4"
    restyle_figure(figure, "light")
    assert _luminance(plain.get_color()) < 0.3
    assert _luminance(figure.patch.get_facecolor()) > 0.9


# ---- lessons built ahead -----------------------------------------------------------------
def test_next_and_previous_lessons_are_built_ahead_when_idle(make_window, qtbot):
    window = make_window(lesson=IDS[3], lang="en")
    host = window.host
    qtbot.waitUntil(lambda: host.is_built(IDS[4]) and host.is_built(IDS[2]), timeout=20000)
    assert not host.prebuild_pending
    assert not host.is_built(IDS[6])
    assert any(key[0] == IDS[4] for key in host.text._cache)  # its text is ready too
    built = host._cache[IDS[4]].panel
    assert not window.isAncestorOf(built)  # laid out and drawn off screen
    assert built.window().testAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
    window.actions_by_key["next"].trigger()
    assert host.panel is built and built.isVisible() and window.isAncestorOf(built)
    assert host.panel_error is None


def test_changing_lesson_cancels_building_ahead(make_window, qtbot):
    window = make_window(lesson=IDS[3], lang="en")
    host = window.host
    assert host.prebuild_pending
    window.show_lesson(IDS[8])
    assert [s.id for s in host._prebuild_queue] == [IDS[9], IDS[7]]
    qtbot.waitUntil(lambda: not host.prebuild_pending, timeout=20000)
    assert not host.is_built(IDS[4])


@pytest.mark.parametrize("lid", [i for i in ("cross_product", "axis_sums", "matrix_calculus")
                                 if i in IDS])
def test_showing_a_lesson_built_ahead_does_not_resize_or_redraw_its_figures(
        make_window, qtbot, lid):
    before = IDS[IDS.index(lid) - 1]
    window = make_window(lesson=before, lang="en")
    host = window.host
    qtbot.waitUntil(lambda: host.is_built(lid) and not host.prebuild_pending, timeout=30000)
    QApplication.processEvents()  # the parked page's first draw
    canvases = host._cache[lid].panel.canvases()
    sizes = [c.size() for c in canvases]
    draws = []
    for canvas in canvases:
        canvas.draw = lambda c=canvas, draw=canvas.draw: (draws.append(c), draw())[1]
    window.actions_by_key["next"].trigger()
    QApplication.processEvents()
    assert host.spec.id == lid
    assert [c.size() for c in canvases] == sizes
    assert not draws, f"{lid}: {len(draws)} figure(s) redrawn when shown"


def test_kept_lessons_are_bounded(make_window, qtbot, monkeypatch):
    monkeypatch.setattr(lesson_host, "CACHED_LESSONS", 2)
    window = make_window(lesson=IDS[0], lang="en")
    window.host.prebuild_enabled = False
    for lid in IDS[1:6]:
        window.show_lesson(lid)
        assert len(window.host._cache) <= 2
    assert list(window.host._cache) == [IDS[3], IDS[4]]  # least recently used went first
    kept = window.host._cache[IDS[4]].panel
    window.show_lesson(IDS[4])
    assert window.host.panel is kept


def test_every_lesson_draws_in_the_dark_theme(shared_window):
    window = shared_window
    window.set_theme("dark")
    try:
        for lid in IDS:
            assert window.show_lesson(lid)
            assert window.host.panel_error is None
            for canvas in window.host.canvases():
                canvas.draw()  # a restyling error would be logged, a drawing one raised
                assert _luminance(canvas.figure.patch.get_facecolor()) < 0.3, lid
    finally:
        window.set_theme("light")


def test_text_made_during_a_dark_draw_gets_one_follow_up_draw(qtbot):
    from tutor_app.qt.mpl_canvas import MplCanvas

    canvas = MplCanvas()
    qtbot.addWidget(canvas)
    canvas.show()  # a canvas not on screen draws when shown, not on draw_idle
    qtbot.waitExposed(canvas)
    ax = canvas.figure.add_subplot()
    made = []

    def label_once(_event):  # like a label placed by a draw callback
        if not made:
            made.append(ax.text(0.5, 0.5, "late"))

    canvas.mpl_connect("draw_event", label_once)
    canvas.set_theme("dark")
    canvas.draw()
    assert _luminance(made[0].get_color()) > 0.7  # recoloured right after the draw
    draws = []
    canvas.mpl_connect("draw_event", draws.append)
    qtbot.waitUntil(lambda: len(draws) == 1)  # one follow-up draw shows it
    canvas.draw()
    assert not canvas._follow_up  # nothing changed: no further draw asked for


def test_a_verdict_is_scrolled_into_view_in_the_short_strip(make_window, qtbot):
    lesson = next((s.id for s in SPECS if s.id == "tensors_broadcasting"), None)
    if lesson is None:
        pytest.skip("no exercises lesson")
    window = make_window(lesson=lesson, lang="en")
    host = window.host
    host.set_bottom_expanded(True)
    host.tabs.setCurrentIndex(host._tab_index("exercises"))
    card = host.exercises.cards[-1]  # the last card: below the fold in a 280 px strip
    card.answer.setPlainText("0")
    with qtbot.waitSignal(host.exercises.checked, timeout=15_000):
        card.check_button.click()
    qtbot.waitUntil(lambda: not card.result.visibleRegion().isEmpty(), timeout=3000)


def test_a_hidden_canvas_draws_when_shown_not_before(qtbot):
    """draw_idle on a canvas not on screen (a tab not chosen, a kept lesson) waits for
    the canvas to be shown: its first paint draws it."""
    from tutor_app.qt.mpl_canvas import MplCanvas

    canvas = MplCanvas()
    qtbot.addWidget(canvas)
    canvas.figure.add_subplot().plot([0, 1], [1, 0])
    draws = []
    canvas.mpl_connect("draw_event", draws.append)
    canvas.draw_idle()
    qtbot.wait(50)
    assert not draws
    canvas.show()
    qtbot.waitExposed(canvas)
    qtbot.waitUntil(lambda: len(draws) == 1)
