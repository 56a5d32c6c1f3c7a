from __future__ import annotations

import pytest

from tutor_app.graph.player import Player


def test_next_previous_and_seek_step_exactly():
    p = Player(5)
    assert p.index == 0 and not p.previous()
    assert p.next() and p.index == 1
    assert p.previous() and p.index == 0
    assert p.seek(3) == 3 and p.seek(99) == 4 and p.seek(-5) == 0


def test_play_runs_to_the_end_and_stops_unless_looping():
    p = Player(3)
    p.play()
    assert p.playing
    assert p.tick() and p.tick() and p.index == 2
    assert not p.tick() and not p.playing
    p.play()  # from the end, play restarts at the first frame
    assert p.index == 0 and p.playing
    p.loop = True
    p.seek(2)
    assert p.tick() and p.index == 0 and p.playing


def test_pause_toggle_reset_and_listeners():
    seen = []
    p = Player(4)
    p.subscribe(lambda pl: seen.append((pl.index, pl.playing)))
    p.toggle()
    p.tick()
    p.toggle()
    assert not p.tick() and p.index == 1
    p.reset()
    assert (p.index, p.playing) == (0, False)
    assert seen == [(0, True), (1, True), (1, False), (0, False)]


def test_speed_sets_the_interval_and_rejects_nonsense():
    p = Player(2)
    p.set_speed(2.0)
    assert p.interval_ms == 450
    with pytest.raises(ValueError):
        p.set_speed(0)
    assert p.speed == 2.0


def test_empty_and_single_frame_players_do_not_move():
    for n in (0, 1):
        p = Player(n)
        p.play()
        assert not p.playing and not p.next() and p.index == 0
    p = Player(3)
    p.seek(2)
    p.set_frames(5)
    assert (p.index, p.n_frames) == (0, 5)
