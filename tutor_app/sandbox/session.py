"""A lesson's console session (Qt-free): its namespace, its transcript, its variables.

Sessions live for the life of the app, one per lesson (``session_for``), so switching
lessons and coming back keeps the learner's variables, as the console promises.
"""

from __future__ import annotations

import ast
import codeop
import threading
import warnings
from dataclasses import dataclass

from tutor_app.sandbox.guards import is_engine_object
from tutor_app.sandbox.operators import UserFunction
from tutor_app.sandbox.policy import Limits
from tutor_app.sandbox.runner import RunResult, run, user_variables


@dataclass(frozen=True)
class Entry:
    """One submitted piece of code and what it produced."""

    source: str
    output: str
    error: str | None
    error_line: int | None


@dataclass(frozen=True)
class VariableInfo:
    """A row of the variables panel."""

    name: str
    kind: str            # "Tensor", "int", "function", ...
    shape: str           # "(2, 3)" for tensors and arrays, "" otherwise
    dtype: str           # "torch.float32", "" for non-tensors
    requires_grad: bool | None
    is_tensor: bool


class Session:
    """The namespace and transcript of one lesson's console."""

    def __init__(self, lesson_id: str, limits: Limits | None = None):
        self.lesson_id = lesson_id
        self.limits = limits or Limits()
        self.env: dict = {}
        self.entries: list[Entry] = []
        self._lock = threading.Lock()  # one run at a time per session

    def run(self, source: str, cancel: threading.Event | None = None) -> RunResult:
        with self._lock:
            result = run(source, self.env, limits=self.limits, cancel=cancel)
            self.entries.append(Entry(source, result.output, result.error, result.error_line))
            return result

    def reset(self) -> None:
        with self._lock:
            self.env = {}
            self.entries.clear()

    def snapshot(self, timeout: float = 0.2) -> dict | None:
        """A copy of the learner's variables taken between runs (for exercise checks);
        None while a run is in progress, so the caller never waits on the learner's code."""
        if not self._lock.acquire(timeout=timeout):
            return None
        try:
            return dict(user_variables(self.env))
        finally:
            self._lock.release()

    def program(self) -> str:
        """The code of every successful entry, in order: replaying it rebuilds the env."""
        return "\n".join(e.source.rstrip("\n") for e in self.entries if e.error is None)

    def variables(self) -> list[VariableInfo]:
        return [describe(name, value) for name, value in sorted(user_variables(self.env).items())]


def describe(name: str, value: object) -> VariableInfo:
    """How the variables panel shows ``value``."""
    if is_engine_object(value) and hasattr(value, "shape") and hasattr(value, "dtype"):
        requires = getattr(value, "requires_grad", None)
        return VariableInfo(name, "Tensor", str(tuple(value.shape)), str(value.dtype),
                            bool(requires) if requires is not None else None, True)
    if hasattr(value, "shape") and hasattr(value, "dtype"):
        return VariableInfo(name, type(value).__name__, str(tuple(value.shape)),
                            str(value.dtype), None, False)
    if isinstance(value, UserFunction):
        return VariableInfo(name, "function", "", "", None, False)
    kind = type(value).__name__
    shape = f"len {len(value)}" if isinstance(value, list | tuple | dict | str) else ""
    return VariableInfo(name, kind, shape, "", None, False)


_SESSIONS: dict[str, Session] = {}


def session_for(lesson_id: str) -> Session:
    """The (app-lifetime) session of a lesson."""
    if lesson_id not in _SESSIONS:
        _SESSIONS[lesson_id] = Session(lesson_id)
    return _SESSIONS[lesson_id]


def is_complete(source: str) -> bool:
    """Should Enter run ``source`` (True) or start a new line (False)? Like a REPL:
    an open bracket or a block header waits; inside a block, an empty line runs."""
    if not source.strip():
        return False
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            code = codeop.compile_command(source, "<console>", "exec")
    except (SyntaxError, ValueError, OverflowError):
        return True  # let the run report the error with its line
    if code is None:
        return False
    try:
        last = ast.parse(source).body[-1]
    except (SyntaxError, ValueError, IndexError, RecursionError, MemoryError):
        return True
    in_block = isinstance(last, ast.If | ast.For | ast.While | ast.With | ast.Try
                          | ast.FunctionDef | ast.ClassDef) and "\n" in source.strip()
    return not in_block or not source.split("\n")[-1].strip()


class HistoryCursor:
    """Up/Down through earlier submissions; the draft being typed is kept at the end."""

    def __init__(self, items: list[str]):
        self.items = list(items)
        self.position = len(self.items)
        self.draft = ""

    def up(self, current: str) -> str | None:
        if self.position == len(self.items):
            self.draft = current
        if self.position == 0:
            return None
        self.position -= 1
        return self.items[self.position]

    def down(self) -> str | None:
        if self.position >= len(self.items):
            return None
        self.position += 1
        return self.draft if self.position == len(self.items) else self.items[self.position]
