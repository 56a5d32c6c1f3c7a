"""Console sessions (Qt-free): completeness like a REPL, history, variables, snapshots."""

from __future__ import annotations

import threading
import time

import pytest

from tutor_app.sandbox import Limits
from tutor_app.sandbox.session import HistoryCursor, Session, is_complete

# Two separately built shared nested lists: ``a == b`` walks 2**60 pairs inside one C call,
# which no check between steps can interrupt.
HANG = ("a = [1]\nb = [1]\nfor i in range(60):\n    a = [a, a]\n    b = [b, b]\n")


@pytest.mark.parametrize(("source", "complete"), [
    ("x = 1", True), ("x = 1\ny = 2", True), ("for i in range(3): print(i)", True),
    ("if x:", False), ("if x:\n    y = 1", False), ("if x:\n    y = 1\n", True),
    ("x = (1,", False), ("x = (1,\n 2)", True), ("def f(", False), ("", False),
    ("1 +", True),  # a syntax error: run it so the learner sees the message
])
def test_enter_runs_only_complete_statements(source, complete):
    assert is_complete(source) is complete


def test_history_cursor_keeps_the_draft():
    cursor = HistoryCursor(["a", "b"])
    assert cursor.up("draft") == "b"
    assert cursor.up("b") == "a"
    assert cursor.up("a") is None
    assert cursor.down() == "b"
    assert cursor.down() == "draft"
    assert cursor.down() is None


def test_session_records_entries_variables_and_program():
    session = Session("t")
    session.run("x = torch.ones(2, 3, requires_grad=True)\nn = 3\ndef f(v):\n    return v")
    session.run("broken(")
    rows = {v.name: v for v in session.variables()}
    assert (rows["x"].shape, rows["x"].dtype, rows["x"].requires_grad) == (
        "(2, 3)", "torch.float32", True)
    assert rows["n"].kind == "int" and rows["f"].kind == "function"
    assert [e.error is None for e in session.entries] == [True, False]
    assert "broken" not in session.program()
    snapshot = session.snapshot()
    assert set(snapshot) == {"x", "n"}  # learner functions stay in the console's process
    assert snapshot["x"].requires_grad and tuple(snapshot["x"].shape) == (2, 3)
    session.reset()
    assert session.variables() == [] and session.entries == []


def test_snapshot_carries_gradients_for_exercise_checks():
    session = Session("grads")
    session.run("x = torch.arange(3.0, requires_grad=True)\n(x * x).sum().backward()")
    assert session.snapshot()["x"].grad.tolist() == [0.0, 2.0, 4.0]


def test_stop_ends_a_run_stuck_in_one_c_call_and_keeps_the_variables():
    session = Session("stuck")
    session.run("keep = 5\n" + HANG)
    cancel = threading.Event()
    threading.Timer(0.3, cancel.set).start()
    started = time.monotonic()
    result = session.run("same = a == b", cancel)
    assert time.monotonic() - started < 0.3 + 1.0  # within a second of the click
    assert result.killed and not result.ok
    assert "variables are as they were before this run" in result.error
    assert session.run("keep, len(a)").output == "(5, 2)\n"
    assert "same" not in {v.name for v in session.variables()}


def test_the_wall_budget_ends_a_stuck_run_too_and_the_words_follow_the_language():
    session = Session("stuck-zh", limits=Limits(max_seconds=1), lang="zh")
    session.run(HANG)
    started = time.monotonic()
    result = session.run("a == b")
    assert time.monotonic() - started < 1 + 1.0
    assert result.killed and result.error.startswith("已停止")
    assert "程序运行超过了 1 秒" in result.error and "你按了停止" not in result.error
    assert session.run("len(b)").output == "2\n"


# Slow steps that allocate nothing the budgets count: neither the step budget nor the
# elements budget ends the loop before the clock does.
SLOW_LOOP = "x = torch.ones(1000000)\nwhile True:\n    s = x.sum()"


@pytest.mark.parametrize(("lang", "time_words", "stop_words"), [
    ("en", "the program ran longer than 1 seconds", "stopped by the learner"),
    ("zh", "程序运行超过了 1 秒", "你按了停止"),
])
def test_the_wall_budget_says_the_time_ran_out_not_that_the_learner_stopped(
        lang, time_words, stop_words):
    """The parent asks the run to stop at the deadline through the same flag as Stop (its
    clock starts first, so it always asks before the child's own timer fires): the run
    must still say the time ran out."""
    session = Session(f"deadline-{lang}", limits=Limits(max_seconds=1), lang=lang)
    started = time.monotonic()
    result = session.run(SLOW_LOOP)
    assert time.monotonic() - started < 1 + 1.0
    assert not result.ok and not result.killed  # it stopped by itself, with its message
    assert time_words in result.error and stop_words not in result.error


@pytest.mark.parametrize(("lang", "stop_words", "time_words"), [
    ("en", "stopped by the learner", "seconds"),
    ("zh", "你按了停止", "秒"),
])
def test_a_stop_click_still_says_the_learner_stopped_the_run(lang, stop_words, time_words):
    session = Session(f"click-{lang}", limits=Limits(max_seconds=5), lang=lang)
    cancel = threading.Event()
    threading.Timer(0.5, cancel.set).start()
    result = session.run(SLOW_LOOP, cancel)
    assert not result.ok and not result.killed
    assert stop_words in result.error and time_words not in result.error


def test_stop_of_a_loop_of_big_products_answers_within_a_second_with_a_message():
    session = Session("matmul")
    session.run("B = torch.ones(1000, 1000)")
    cancel = threading.Event()
    threading.Timer(0.5, cancel.set).start()
    started = time.monotonic()
    result = session.run("for i in range(90):\n    C = B @ B", cancel)
    assert time.monotonic() - started < 0.5 + 1.0
    assert "Stopped" in result.error
    assert {v.name for v in session.variables()} >= {"B"}


def test_the_runs_tape_is_kept_with_the_values_that_were_printed():
    session = Session("tape")
    printed = session.run("x = torch.randn(3, requires_grad=True)\ny = (x * x).sum()\n"
                          "y.backward()\nx").output
    session.run("n = 1")  # a later run without tensors: y's graph is still found
    recorded = session.recorded("y")
    assert set(recorded.uids) == {"x", "y"} and recorded.source.startswith("x = torch.randn")
    leaf = recorded.tape.values[recorded.uids["x"]].value
    assert f"{leaf[0]:.4f}" in printed


def test_a_run_that_records_too_much_keeps_no_tape():
    session = Session("big")
    session.run("B = torch.ones(1000, 1000)\nfor i in range(20):\n    C = B @ B")
    assert session.recorded("C").tape is None


def test_interpreter_exit_ends_every_console_child_even_a_backup_that_took_over():
    """A killed run's backup is no child of ours; the exit hook must end it anyway (on
    Python 3.13 a survivor kept the interpreter from exiting)."""
    import os
    import threading

    from tutor_app.sandbox import console_process
    from tutor_app.sandbox.policy import Limits

    process = console_process.ConsoleProcess()
    cancel = threading.Event()
    threading.Timer(0.5, cancel.set).start()
    stuck = "x = []\ny = []\nfor i in range(40):\n    x = [x, x]\n    y = [y, y]\nx == y"
    reply = process.run("l", stuck, "en", Limits(max_seconds=30), cancel)
    assert reply.killed
    keeper = process._pid
    assert keeper is not None
    console_process._close_all()
    for _ in range(50):
        try:
            finished, _status = os.waitpid(keeper, os.WNOHANG)
        except ChildProcessError:
            # not our child (a backup that took over): gone, or a zombie nobody reaped yet
            try:
                with open(f"/proc/{keeper}/status") as status:
                    if "\nState:\tZ" in status.read():
                        break
            except FileNotFoundError:
                break
            finished = 0
        if finished:
            break
        threading.Event().wait(0.1)
    else:
        raise AssertionError("the console's keeper survived the exit hook")


def test_a_console_process_that_cannot_start_ends_the_run_with_a_message(monkeypatch):
    """Never a run that stays "running": the learner is told, and the next run works."""
    from tutor_app.sandbox import console_process
    from tutor_app.sandbox.errors import SandboxError
    from tutor_app.sandbox.session import Session

    class NoStart:
        def run(self, *args):
            raise SandboxError("the console's process did not start")

    session = Session("no_start_lesson", lang="zh")
    with monkeypatch.context() as patch:
        patch.setattr(console_process, "shared", lambda: NoStart())
        result = session.run("x = 1")
    assert not result.ok and result.killed
    assert "控制台的进程没能启动" in result.error and "Traceback" not in result.error
    assert session.entries[-1].error == result.error
    console_process.shutdown()  # a fresh process (other tests may have closed the shared one)
    assert session.run("x = 2\nx").output == "2\n"


def test_spawning_the_child_pauses_garbage_collection():
    """CPython gh-109629: a collection inside the resource tracker's start can deadlock the
    starting thread before Python 3.11.7; the console spawns with collection paused."""
    import gc

    from tutor_app.sandbox import console_process

    assert gc.isenabled()
    with console_process._no_collection():
        assert not gc.isenabled()
    assert gc.isenabled()
