"""The garbage collector's big passes wait for idle time, and nothing garbage is kept."""

from __future__ import annotations

import gc
import weakref

from tutor_app.qt import collector


class _Node:
    """An object in a reference cycle: only the cyclic collector can free it."""

    def __init__(self):
        self.me = self


def test_a_build_freezes_and_the_idle_pass_frees_what_died_meanwhile(qapp):
    node = _Node()
    alive = weakref.ref(node)
    try:
        collector.building()
        assert gc.get_freeze_count() > 0
        assert collector.idle_pass_pending()
        del node
        gc.collect()
        assert alive() is not None  # frozen: a pass during a build does not walk it
        assert collector.collect_when_idle() >= 1
        assert alive() is None
        assert gc.get_freeze_count() > 0  # the survivors stay out of later passes' way
    finally:
        collector.release()
    assert gc.get_freeze_count() == 0
    assert not collector.idle_pass_pending()


def test_the_idle_pass_runs_by_itself_after_the_idle_delay(qapp, qtbot, monkeypatch):
    node = _Node()
    alive = weakref.ref(node)
    try:
        collector.building()
        del node
        qtbot.waitUntil(lambda: alive() is None, timeout=collector.IDLE_MS + 3000)
    finally:
        collector.release()


def test_a_launch_runs_without_the_collector_until_the_first_paint(qapp):
    assert gc.isenabled()
    try:
        collector.pause_for_launch()
        assert not gc.isenabled()
        collector.launched()
        assert gc.isenabled()
        assert gc.get_freeze_count() > 0
    finally:
        collector.release()
    assert gc.isenabled() and gc.get_freeze_count() == 0


def test_closing_before_the_first_paint_turns_the_collector_back_on(qapp):
    collector.pause_for_launch()
    collector.release()
    assert gc.isenabled()


def test_the_first_paint_of_a_window_ends_the_launch_pause(make_window, qtbot):
    collector.pause_for_launch()
    try:
        window = make_window(lesson="what_dl_does")
        qtbot.waitUntil(lambda: window.host.painted)
        assert gc.isenabled()
    finally:
        collector.release()
