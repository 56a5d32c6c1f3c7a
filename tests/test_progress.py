"""Progress: atomic saves, survival of restarts, and damaged files moved aside, never a crash."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import pytest

from tutor_app.progress import SCHEMA_VERSION, Progress


def test_fresh_progress_is_empty(tmp_path):
    progress, warning = Progress.load(tmp_path / "progress.json")
    assert warning is None
    assert not progress.visited("what_dl_does")
    assert progress.history("what_dl_does") == []
    assert progress.last_lesson is None
    assert progress.settings["theme"] == "light"


def test_everything_survives_a_restart(tmp_path):
    path = tmp_path / "progress.json"
    progress, _ = Progress.load(path)
    progress.mark_visited("tensors_broadcasting")
    progress.mark_exercise("exercises_2_3", "ex6", True)
    progress.mark_exercise("exercises_2_3", "ex7", False)
    progress.add_history("autograd", "x = torch.arange(4.0)")
    progress.add_history("autograd", "y = 2 * torch.dot(x, x)")
    progress.last_lesson = "autograd"
    progress.update_settings(lang="en", zoom=1.3)

    again, warning = Progress.load(path)
    assert warning is None
    assert again.visited("tensors_broadcasting") and not again.visited("autograd")
    assert again.exercise_solved("exercises_2_3", "ex6")
    assert not again.exercise_solved("exercises_2_3", "ex7")
    assert again.history("autograd") == ["x = torch.arange(4.0)", "y = 2 * torch.dot(x, x)"]
    assert again.last_lesson == "autograd"
    assert again.settings["lang"] == "en" and again.settings["zoom"] == 1.3
    assert json.loads(path.read_text("utf-8"))["schema"] == SCHEMA_VERSION


def test_subscribers_hear_every_change(tmp_path):
    progress, _ = Progress.load(tmp_path / "p.json")
    calls = []
    progress.subscribe(lambda: calls.append(progress.visited("norms")))
    progress.mark_visited("norms")
    progress.mark_visited("norms")  # no change, no call
    progress.mark_exercise("norms", "a", True)
    assert calls == [True, True]


def test_history_skips_repeats_and_blank_input_and_is_bounded(tmp_path, monkeypatch):
    monkeypatch.setattr("tutor_app.progress.HISTORY_LIMIT", 5)  # fewer fsyncs, same rule
    progress, _ = Progress.load(tmp_path / "p.json")
    progress.add_history("l", "a")
    progress.add_history("l", "a")
    progress.add_history("l", "  ")
    assert progress.history("l") == ["a"]
    for i in range(8):
        progress.add_history("l", f"x{i}")
    assert progress.history("l") == ["x3", "x4", "x5", "x6", "x7"]


@pytest.mark.parametrize("content, reason", [
    (b'{"schema": 1, "lessons": {"a": {"visited": tr', "not valid JSON"),   # truncated
    (b"\x00\xff\xfe garbage", "not valid JSON"),
    (b"[1, 2, 3]", "not an object"),
    (b'{"lessons": {}}', "no schema version"),
    (b'{"schema": 99, "lessons": {}}', "newer version"),
])
def test_damaged_file_is_moved_aside_and_reported(tmp_path, content, reason):
    path = tmp_path / "progress.json"
    path.write_bytes(content)
    progress, warning = Progress.load(path)
    assert warning is not None and reason in warning
    aside = list(tmp_path.glob("progress.json.corrupt-*"))
    assert len(aside) == 1 and aside[0].read_bytes() == content
    assert progress.moved_to == aside[0]
    assert not path.exists()
    # The fresh progress works and saves normally.
    progress.mark_visited("norms")
    assert Progress.load(path)[0].visited("norms")


def test_second_corruption_does_not_overwrite_the_first(tmp_path):
    path = tmp_path / "progress.json"
    for junk in (b"{", b"}"):
        path.write_bytes(junk)
        Progress.load(path)
    assert sorted(p.read_bytes() for p in tmp_path.glob("progress.json.corrupt-*")) == [b"{", b"}"]


def test_unwritable_folder_is_reported_not_raised(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    progress, _ = Progress.load(blocker / "progress.json")
    progress.mark_visited("norms")  # saving fails: no exception
    assert progress.save_error
    assert progress.visited("norms")


def test_save_leaves_no_temporary_files(tmp_path):
    progress, _ = Progress.load(tmp_path / "progress.json")
    for i in range(5):
        progress.mark_visited(f"l{i}")
    assert [p.name for p in tmp_path.iterdir()] == ["progress.json"]


def test_killing_mid_save_keeps_what_was_saved_before(tmp_path):
    """A process killed inside save(), after writing half the temp file, loses nothing."""
    path = tmp_path / "progress.json"
    first, _ = Progress.load(path)
    first.mark_visited("what_dl_does")
    before = path.read_bytes()
    script = textwrap.dedent(f"""
        import os, signal
        from tutor_app.progress import Progress
        real_fsync = os.fsync
        def die(fd):  # the temp file is written, not yet renamed: the worst moment
            os.kill(os.getpid(), signal.SIGKILL)
        os.fsync = die
        p, _ = Progress.load({str(path)!r})
        p.mark_visited("norms")
    """)
    result = subprocess.run([sys.executable, "-c", script], cwd=os.getcwd(), timeout=60)
    assert result.returncode != 0
    assert path.read_bytes() == before
    again, warning = Progress.load(path)
    assert warning is None and again.visited("what_dl_does") and not again.visited("norms")


def test_one_broken_lesson_entry_keeps_every_other_entry(tmp_path):
    path = tmp_path / "progress.json"
    path.write_text('{"schema": 1, "last_lesson": "norms", "lessons": {'
                    '"norms": {"visited": true, "exercises": {"n1": true}},'
                    '"axis_sums": {"visited": true, "exercises": 5},'
                    '"autograd": {"visited": true, "exercises": {"a1": {"solved": false,'
                    ' "revealed": true}}}}}', encoding="utf-8")
    progress, warning = Progress.load(path)
    assert warning is not None and "axis_sums" in warning and "kept" in warning
    assert progress.visited("norms") and progress.exercise_solved("norms", "n1")
    assert progress.exercise_revealed("autograd", "a1")
    assert not progress.visited("axis_sums")
    assert progress.last_lesson == "norms"
    assert progress.moved_to is not None and progress.moved_to.read_text(
        encoding="utf-8").count("axis_sums") == 1  # the original is kept whole


def test_revealed_and_solved_are_distinct(tmp_path):
    progress = Progress(tmp_path / "progress.json")
    progress.mark_revealed("l", "e")
    assert progress.exercise_revealed("l", "e") and not progress.exercise_solved("l", "e")
    progress.mark_exercise("l", "e", True)
    again = Progress.load(progress.path)[0]
    assert again.exercise_solved("l", "e") and again.exercise_revealed("l", "e")
    assert again.solved_count("l") == 1
    progress.mark_revealed("l", "f")
    progress.mark_exercise("l", "g", True)
    progress.mark_revealed("l", "g")  # opened after solving: still a clean solve
    assert not progress.exercise_revealed("l", "g")
