"""Console sessions (Qt-free): completeness like a REPL, history, variables, snapshots."""

from __future__ import annotations

import pytest

from tutor_app.sandbox.session import HistoryCursor, Session, is_complete


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
    assert set(session.snapshot()) == {"x", "n", "f"}
    session.reset()
    assert session.variables() == [] and session.entries == []
