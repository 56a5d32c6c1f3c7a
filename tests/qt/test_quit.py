"""Quitting is at once: closing the window ends the console's process even while a
learner's loop runs in it, and does not wait for the loop."""

from __future__ import annotations

import os
import time


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def test_closing_the_window_ends_a_console_child_running_a_loop_at_once(make_window, qtbot):
    from tutor_app.qt.launch import CONSOLE_LOOP
    from tutor_app.sandbox import console_process

    window = make_window(lesson="tensors_broadcasting", lang="en")
    window.host.set_bottom_expanded(True)
    console = window.host.console
    console.run_source(CONSOLE_LOOP)
    process = console_process.shared()
    qtbot.waitUntil(lambda: process.started and console.running, timeout=60_000)
    pid = process._pid
    assert pid is not None and _alive(pid)
    qtbot.wait(300)  # the loop is under way in the child
    start = time.perf_counter()
    window.close()
    closed_in = time.perf_counter() - start
    assert closed_in < 0.5, f"closing took {closed_in:.2f} s"
    deadline = time.monotonic() + 2
    while _alive(pid) and time.monotonic() < deadline:
        try:  # the child is ours: reap it so it does not linger as a zombie
            os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:
            break
        time.sleep(0.02)
    assert not _alive(pid) or _is_zombie(pid), "the console's process outlived the window"


def _is_zombie(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as fh:
            return fh.read().split(")")[-1].split()[0] == "Z"
    except OSError:
        return False
