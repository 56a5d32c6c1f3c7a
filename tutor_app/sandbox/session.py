"""A lesson's console session (Qt-free): its transcript, its variables, its runs.

Sessions live for the life of the app, one per lesson (``session_for``), so switching
lessons and coming back keeps the learner's variables, as the console promises. The
namespace itself lives in the console's child process (``keeper``), where a run that will
not stop can be ended without losing it.
"""

from __future__ import annotations

import ast
import codeop
import itertools
import logging
import pickle
import threading
import warnings
from dataclasses import dataclass

from tutor_app.sandbox import console_process
from tutor_app.sandbox.messages import say
from tutor_app.sandbox.policy import Limits
from tutor_app.sandbox.runner import stop_message
from tutor_app.sandbox.variables import VariableInfo

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Entry:
    """One submitted piece of code and what it produced."""

    source: str
    output: str
    error: str | None
    error_line: int | None


@dataclass(frozen=True)
class SessionRun:
    """What one run of a session produced (plain data from the console's process)."""

    ok: bool
    output: str
    error: str | None
    error_line: int | None = None
    killed: bool = False


_keys = itertools.count(1)


class Session:
    """One lesson's console: its transcript here, its namespace in the console process.

    ``lang`` words the console's own messages; ``limits`` are the budgets of each run.
    """

    def __init__(self, lesson_id: str, limits: Limits | None = None, lang: str = "en"):
        self.lesson_id = lesson_id
        self.limits = limits or Limits()
        self.lang = lang
        self.entries: list[Entry] = []
        self._key = f"{lesson_id}#{next(_keys)}"   # the namespace's name in the process
        self._variables: list[VariableInfo] = []
        self.adopted = False  # holds variables brought from another lesson
        self.titles: dict[str, str] = {}  # the lesson's name per language, for menus
        self._lock = threading.Lock()  # one run at a time per session

    def run(self, source: str, cancel: threading.Event | None = None) -> SessionRun:
        with self._lock:
            try:
                reply = console_process.shared().run(self._key, source, self.lang,
                                                     self.limits, cancel)
            except Exception as exc:  # noqa: BLE001 - SandboxError, OSError, a race inside
                # multiprocessing: the child could not start. Say so and leave the console
                # usable, never a run that stays "running" for ever.
                log.warning("console run failed before it started: %s", exc, exc_info=True)
                reply = None
            if reply is None or reply.killed:
                # Not started, or ended by force: the namespace is the one from before.
                reason = say("budget.no_start" if reply is None else
                             "budget.lost" if reply.lost else
                             "budget.killed_seconds" if reply.timed_out else "budget.killed",
                             self.lang, limit=self.limits.max_seconds)
                error = stop_message("stopped", reason, None, self.lang)
                result = SessionRun(False, "", error, None, killed=True)
            else:
                self._variables = list(reply.variables)
                result = SessionRun(reply.ok, reply.output, reply.error, reply.error_line)
            self.entries.append(Entry(source, result.output, result.error, result.error_line))
            return result

    def reset(self) -> None:
        with self._lock:
            old, self._key = self._key, f"{self.lesson_id}#{next(_keys)}"
            self.entries.clear()
            self._variables = []
            self.adopted = False
            process = console_process.shared()
            if process.started:
                process.request("reset", old)

    def snapshot(self, timeout: float = 0.2) -> dict | None:
        """A copy of the learner's variables taken between runs (for exercise checks);
        None while a run is in progress, so the caller never waits on the learner's code.
        Tensors come with their values, ``requires_grad`` and ``.grad``; functions stay in
        the console's process (checks that need them replay ``program()``)."""
        if not self._lock.acquire(timeout=timeout):
            return None
        try:
            if not self.entries and not self.adopted:
                return {}
            packed = console_process.shared().request("snapshot", self._key,
                                                      timeout=timeout)
            if packed is None:
                return None
            return {name: pickle.loads(data) for name, data in packed.items()}  # noqa: S301
        finally:
            self._lock.release()

    def recorded(self, name: str | None = None):
        """The run the graph lab should draw for variable ``name``: the newest recent run
        whose tape holds it (else the last run), as ``keeper.Recorded`` - its code, output
        and tape (None when it recorded too much to keep). None before any run."""
        with self._lock:
            if not self.entries:
                return None
            return console_process.shared().request("tape", self._key, name)

    def adopt(self, other: Session) -> list[str]:
        """Bring ``other``'s variables into this session (as ``from other import *`` would:
        the same objects, now also under these names); returns the names brought."""
        with self._lock:
            if not other.entries:
                return []
            names, rows = console_process.shared().request("adopt", self._key, other._key)
            self._variables = list(rows)
            self.adopted = self.adopted or bool(names)
            return names

    def program(self) -> str:
        """The code of every successful entry, in order: replaying it rebuilds the env."""
        return "\n".join(e.source.rstrip("\n") for e in self.entries if e.error is None)

    def variables(self) -> list[VariableInfo]:
        return list(self._variables)


_SESSIONS: dict[str, Session] = {}


def sessions_with_variables() -> list[Session]:
    """Every lesson's session that holds variables (for "bring variables from ...")."""
    return [s for s in _SESSIONS.values() if s.variables()]


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
