"""Every screen rendered in a pseudo-language finds no untranslated string; in Chinese, no
English word outside code.

The pseudo-language ``xx`` is English wrapped in ⟦…⟧, generated from the resources at test
time (``tutor_app.i18n.pseudo``): a text without markers did not come through ``tr()`` or
``pick()``. Data is recognised, not listed: numbers, shapes and one-letter names are not
words; identifiers, paths and anything glued to code punctuation are code; the engine's
own names are code. In Chinese, an English word is allowed only where the Chinese
resources themselves write it (PyTorch, GPT, D2L…).

The walk: the main window and its menus, every lesson with its figure, each bottom tab
(console after a run and a refusal, exercises with every hint, model answer and a checked
demo answer), the graph lab with a program stepped through every frame, the About box, the error
dialog and the save dialog (in the pseudo-language only our own words of Qt's dialogs:
Qt's buttons speak Qt's catalogue, checked in Chinese).
"""

from __future__ import annotations

import re
from functools import cache

import pytest
from PySide6.QtWidgets import QApplication, QCheckBox, QComboBox, QLabel, QWidget

from tests.qt.screen_texts import screen_texts, widget_texts
from tutor_app import i18n
from tutor_app.exercises import model as exercise_model
from tutor_app.i18n import pseudo
from tutor_app.lessons.base import load_all

pytestmark = pytest.mark.usefixtures("fresh_sessions")

RUN_TIMEOUT = 20_000
_ASCII_WORD = re.compile(r"[A-Za-z][A-Za-z0-9_]*")


# Names of mathematical functions: notation, the same in every language (proj_w v, sin x).
MATH_NAMES = {"sin", "cos", "tan", "exp", "log", "proj", "det", "diag", "rank", "tr", "sgn",
              "max", "min", "argmax", "argmin"}


@cache
def engine_words() -> frozenset[str]:
    """Names of the engine (``torch.*``, tensor methods) and of maths: code wherever shown."""
    import tutor_app.engine as torch
    from tutor_app.engine import Tensor

    names = {*dir(torch), *dir(Tensor), "torch", "np", *MATH_NAMES}
    return frozenset(n for n in names if not n.startswith("__"))


@cache
def chinese_vocabulary() -> frozenset[str]:
    """ASCII words the Chinese resources write themselves (names like PyTorch, GPT, D2L)."""
    texts = [entry["zh"] for entry in i18n.strings().values()]
    for spec in load_all():
        texts += [spec.title["zh"], spec.body["zh"], *(s["zh"] for s in spec.strings.values())]
    for ex in exercise_model.load_all():
        texts += [ex.statement["zh"], ex.model_answer["zh"], *ex.hints["zh"],
                  *ex.options.get("zh", ()), ex.source_in("zh")]
    return frozenset(w for text in texts for w in _ASCII_WORD.findall(text))


def _settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


def _open_tab(window, widget: QWidget) -> None:
    tabs = window.host.tabs
    tabs.setCurrentIndex(next(i for i in range(tabs.count())
                              if tabs.widget(i).isAncestorOf(widget)
                              or tabs.widget(i) is widget))
    tabs.set_expanded(True)
    _settle()


def _walk_panel_choices(window) -> list[tuple[str, str]]:
    """Each choice of each drop-down of the lesson's panel (presets, examples) and each
    check box flipped: the texts they bring (messages, figure titles) are only on screen
    while chosen."""
    panel = window.host.panel
    if panel is None or window.current_id == "graph_lab":  # the lab's choices are names
        return []
    found = []
    for box in panel.findChildren(QComboBox):
        if not box.isVisible() or box.count() < 2:
            continue
        first = box.currentIndex()
        for i in range(box.count()):
            box.setCurrentIndex(i)
            _settle()
            found += screen_texts(panel, f"[{window.current_id} choice {i}] ")
        box.setCurrentIndex(first)
    for toggle in panel.findChildren(QCheckBox):  # "show the projection", "keep dims"…
        if toggle.isVisible() and toggle.isEnabled():
            toggle.toggle()
            _settle()
            found += screen_texts(panel, f"[{window.current_id} toggled {toggle.text()}] ")
            toggle.toggle()
    return found


def _walk_exercises(window) -> list[tuple[str, str]]:
    exercises = window.host.exercises
    if exercises is None or not getattr(exercises, "cards", None):
        return []
    _open_tab(window, exercises)
    for card in exercises.cards:
        for _ in card.exercise.hints["en"]:
            card.show_hint()
        if not card.model_answer.isVisible():
            card.toggle_model_answer()
        if card.exercise.demo:
            card.check_now(card.exercise.demo)
    _settle()
    return screen_texts(exercises, f"[{window.current_id} exercises] ")


def _walk_console(window, qtbot) -> list[tuple[str, str]]:
    console = window.host.console
    _open_tab(window, console)
    for source in ("x = torch.ones(3)", "x * 2", "import os"):
        with qtbot.waitSignal(console.run_finished, timeout=RUN_TIMEOUT):
            console.run_source(source)
    console.bring_menu.aboutToShow.emit()  # "bring variables from…": filled when opened
    found = screen_texts(console, "[console] ")
    # The transcript: the echoed code and what it printed are data; the rest is our words.
    for line in console.transcript.toPlainText().splitlines():
        if line.strip() and not line.startswith((">>>", "...")) and "tensor(" not in line:
            found.append(("[console] transcript", line))
    return found


def _walk_graph_lab(window) -> list[tuple[str, str]]:
    assert window.show_lesson("graph_lab")
    _settle()
    panel = window.host.panel
    panel.run_code()
    player = panel.player
    found = screen_texts(panel, "[graph lab] ")
    captions = set()
    for k in range(player.player.n_frames):
        player.player.seek(k)  # as the slider does: the model moves, the view follows
        captions.add(player.caption.text())
        found.extend(widget_texts(player.caption, f"[graph lab frame {k}] caption"))
    assert len(captions) > 5, "stepping showed the captions of the program's steps"
    return found


def _walk_dialogs(window, lang: str, own_words_only: bool) -> list[tuple[str, str]]:
    from tutor_app.i18n import tr
    from tutor_app.qt.errors import ErrorReporter
    from tutor_app.qt.save_dialog import make_dialog

    found: list[tuple[str, str]] = []
    box = window.show_about()
    _settle()
    found += screen_texts(box, "[about] ")
    box.close()
    reporter = ErrorReporter(lambda: window, lambda: window.lang)
    reporter._show("Traceback (most recent call last): …")  # as an unhandled error would
    _settle()
    if own_words_only:  # our title and sentence; the buttons are Qt's (checked in Chinese)
        found += [("[error dialog] title", reporter.dialog.windowTitle()),
                  ("[error dialog] text", reporter.dialog.text())]
    else:
        found += screen_texts(reporter.dialog, "[error dialog] ")
    reporter.dialog.close()
    dialog = make_dialog(window, tr("figure.png", lang), "figure.png",
                         tr("figure.filter_png", lang), "pictures", lang)
    dialog.show()
    _settle()
    if own_words_only:  # Qt's own words are Qt's catalogue's (checked in Chinese)
        own = [dialog, *(w for w in dialog.findChildren(QLabel) if w.buddy() is not None)]
        for widget in own:
            found += [(f"[save dialog] {w}", t) for w, t in
                      widget_texts(widget, type(widget).__name__) if t.strip()]
    else:
        found += screen_texts(dialog, "[save dialog] ")
    dialog.close()
    return found


def walk_every_screen(window, qtbot, lang: str) -> list[tuple[str, str]]:
    """Show every screen of ``window`` and return every visible text on the way."""
    found = screen_texts(window, "[start] ")
    for spec in window.specs:
        assert window.show_lesson(spec.id)
        _settle()
        found += screen_texts(window, f"[{spec.id}] ")
        found += _walk_panel_choices(window)
        found += _walk_exercises(window)
        assert not window.host.panel_error, window.host.panel_error
    found += _walk_console(window, qtbot)
    found += _walk_graph_lab(window)
    found += _walk_dialogs(window, lang, own_words_only=(lang not in i18n.LANGUAGES))
    return found


WALKED = ("window title", "menu", "tooltip", "figure text", "choice", "exercises] QLabel(result)",
          "transcript", "caption", "[about]", "[error dialog]", "[save dialog]", "tab")


def _report(bad: dict[tuple[str, str], list[str]]) -> str:
    lines = [f"{where}: {words} in {text[:120]!r}" for (where, text), words in bad.items()]
    return f"{len(lines)} untranslated text(s):\n" + "\n".join(lines[:60])


def test_every_screen_in_the_pseudo_language_is_translated(make_window, qtbot):
    from tutor_app.sandbox import console_process

    with pseudo.installed("xx", base="en"):
        console_process.shutdown()  # the next console child starts in the pseudo-language
        window = make_window(lang="xx")
        assert window.lang == "xx"
        texts = walk_every_screen(window, qtbot, "xx")
        assert len(texts) > 500
        bad = {}
        for where, text in dict.fromkeys(texts):
            words = pseudo.unmarked_words(text, engine_words())
            if words:
                bad[(where, text)] = words
        assert not bad, _report(bad)
        # The walk reached every kind of screen and found our words there.
        reached = {place for place in WALKED if any(place in where and pseudo.OPEN in text
                                                     for where, text in texts)}
        assert reached == set(WALKED), set(WALKED) - reached


def test_every_screen_in_chinese_has_no_english_outside_code(make_window, qtbot):
    window = make_window(lang="zh")
    texts = walk_every_screen(window, qtbot, "zh")
    allowed = engine_words() | chinese_vocabulary()
    bad = {}
    for where, text in dict.fromkeys(texts):
        words = pseudo.unmarked_words(text, allowed, min_len=2)
        if words:
            bad[(where, text)] = words
    assert not bad, _report(bad)


def test_chinese_try_it_snippets_comment_in_chinese():
    """The console and the graph lab load these: their comments are the learner's words."""
    allowed = engine_words() | chinese_vocabulary()
    bad = {}
    for spec in load_all():
        for line in spec.try_it_in("zh").splitlines():
            comment = line.partition("#")[2]
            words = pseudo.unmarked_words(comment, allowed, min_len=2)
            if words:
                bad[(spec.id, comment)] = words
    assert not bad, bad
