"""The app's side of the console's child process (see ``keeper``): send a command, wait
for its answer, and end the child when a run will not stop.

One child serves every lesson's session, one command at a time. Stop first asks the run
to stop (a shared flag the sandbox checks between steps and engine calls); if the run has
not answered within ``GRACE`` seconds (it is inside one long call in C), the child is
killed and its backup, forked before the run, takes over with the variables from before.
The wall budget is enforced the same way from here, so no run outlives it by more than
``GRACE``.
"""

from __future__ import annotations

import atexit
import contextlib
import gc
import multiprocessing
import os
import signal
import threading
import time
import weakref
from dataclasses import dataclass

from tutor_app.sandbox.errors import SandboxError
from tutor_app.sandbox.keeper import SharedFlag, main
from tutor_app.sandbox.policy import Limits

GRACE = 0.5          # seconds a run has to stop by itself before its process is ended
START_TIMEOUT = 60   # seconds a new child has to report ready (a loaded 2-core machine)
POLL = 0.02


@dataclass(frozen=True)
class Reply:
    """What a run sent back (plain data)."""

    ok: bool
    output: str
    error: str | None
    error_line: int | None
    variables: list
    killed: bool = False     # the run was ended by force; its changes are gone
    lost: bool = False       # ... and no backup could take over: every variable is gone
    timed_out: bool = False  # ... because the wall budget ended, not the learner's Stop


@contextlib.contextmanager
def _no_collection():
    """No garbage collection while a child is spawned. Python before 3.11.7 (Debian 12
    ships 3.11.2) can deadlock there: a collection inside the resource tracker's start runs
    a finalizer that calls the tracker again, which waits for the lock its own thread holds
    (CPython gh-109629); the console then never starts and its first run never ends."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class ConsoleProcess:
    """A handle on the child; thread-safe, one command at a time."""

    def __init__(self):
        self._lock = threading.Lock()
        self._context = multiprocessing.get_context("spawn")
        self._cell = self._context.RawValue("q", 0)
        self._conn = None
        self._process = None
        self._pid: int | None = None
        self._run_ids = iter(range(1, 2**62))
        self._starting = threading.Lock()
        self._closed = False  # the app is quitting: nothing starts again
        _LIVE.add(self)

    # ---- life -------------------------------------------------------------------------
    def start(self) -> None:
        """Start the child if it is not running (also from a background thread, early)."""
        with self._starting:
            if self._conn is not None:
                return
            if self._closed:
                raise SandboxError("the console has been closed")
            parent, child = self._context.Pipe()
            process = self._context.Process(target=main, args=(child, self._cell),
                                            name="tensor-tutor-console", daemon=True)
            with _no_collection():
                process.start()
            child.close()
            if not parent.poll(START_TIMEOUT):
                process.kill()
                raise SandboxError("the console's process did not start")
            _kind, pid, _restored = parent.recv()
            self._conn, self._process, self._pid = parent, process, pid

    @property
    def started(self) -> bool:
        return self._conn is not None

    def close(self) -> None:
        """End the child (and any backup) at once: quitting never waits for a run."""
        self._closed = True
        conn, self._conn = self._conn, None
        pid, self._pid = self._pid, None
        if conn is not None:
            conn.close()  # a sleeping backup sees its parent's end close and exits
        if pid is not None:
            _kill(pid)
        if self._process is not None:
            self._process.join(timeout=0.2)
            self._process = None

    # ---- commands ---------------------------------------------------------------------
    def request(self, command: str, lesson: str, *args, timeout: float | None = None):
        """A quick command (snapshot, tape, reset, adopt); None if a run holds the child."""
        if not self._lock.acquire(timeout=-1 if timeout is None else timeout):
            return None
        try:
            self.start()
            self._conn.send((command, lesson, *args))
            while True:
                kind, _who, payload = self._conn.recv()
                if kind == command:
                    return payload
        finally:
            self._lock.release()

    def run(self, lesson: str, source: str, lang: str, limits: Limits,
            cancel: threading.Event | None) -> Reply:
        """Run ``source`` in ``lesson``'s namespace; returns when it ended or was ended."""
        with self._lock:
            self.start()
            run_id = next(self._run_ids)
            self._conn.send(("run", lesson, source, lang, limits, run_id))
            deadline = time.monotonic() + limits.max_seconds + GRACE
            asked_at: float | None = None
            for_time = False
            while True:
                try:
                    ready = self._conn.poll(POLL)
                    message = self._conn.recv() if ready else None
                except (OSError, EOFError, AttributeError):  # closed: the app is quitting
                    return Reply(False, "", None, None, [], killed=True, lost=True)
                if message is not None:
                    kind, who, payload = message
                    if kind == "done" and who == run_id:
                        return Reply(payload["ok"], payload["output"], payload["error"],
                                     payload["error_line"], payload["variables"])
                    continue
                now = time.monotonic()
                if asked_at is None:
                    clicked = cancel is not None and cancel.is_set()
                    if clicked or now > deadline - GRACE:
                        # ask the run to stop by itself, saying why (its message does)
                        self._cell.value = SharedFlag.ask(run_id, for_time=not clicked)
                        asked_at, for_time = now, not clicked
                if asked_at is not None and now - asked_at > GRACE:
                    return self._end_run(run_id, for_time)

    def _end_run(self, run_id: int, for_time: bool) -> Reply:
        """The run did not stop by itself: kill its process; the backup takes over.
        ``for_time``: the wall budget asked it to stop, not the learner."""
        _kill(self._pid)
        while True:
            try:
                if not self._conn.poll(START_TIMEOUT):
                    break
                kind, pid, payload = self._conn.recv()
            except (EOFError, OSError, AttributeError):  # closed meanwhile: quitting
                return Reply(False, "", None, None, [], killed=True, lost=True)
            if kind == "ready":
                self._pid = pid
                return Reply(False, "", None, None, [], killed=True, timed_out=for_time)
            if kind == "done" and pid == run_id:  # it finished just as it was killed
                return Reply(payload["ok"], payload["output"], payload["error"],
                             payload["error_line"], payload["variables"])
        # No backup (no fork on this system): a fresh child, the variables are lost.
        self._conn = None
        self._process = None
        if not self._closed:
            self.start()
        return Reply(False, "", None, None, [], killed=True, lost=True, timed_out=for_time)


def _kill(pid: int | None) -> None:
    if pid is None:
        return
    try:
        os.kill(pid, getattr(signal, "SIGKILL", signal.SIGTERM))
    except (ProcessLookupError, PermissionError):
        pass


# Every handle, so that interpreter exit ends every child (and every backup that took over,
# which is no child of ours). Without it Python 3.13 can hang at exit: its resource tracker
# waits for an end of file that a surviving keeper never sends while our pipe stays open.
_LIVE: weakref.WeakSet[ConsoleProcess] = weakref.WeakSet()


@atexit.register
def _close_all() -> None:
    for process in list(_LIVE):
        process.close()


_SHARED: ConsoleProcess | None = None
_SHARED_LOCK = threading.Lock()


def shared() -> ConsoleProcess:
    """The app's one console process (created on first use)."""
    global _SHARED
    with _SHARED_LOCK:
        if _SHARED is None:
            _SHARED = ConsoleProcess()
        return _SHARED


def shutdown() -> None:
    """End the console process, if any (quitting the app)."""
    global _SHARED
    with _SHARED_LOCK:
        process, _SHARED = _SHARED, None
    if process is not None:
        process.close()
