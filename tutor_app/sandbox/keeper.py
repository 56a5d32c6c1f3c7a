"""The child process that holds every lesson's console namespace and runs learner code.

Why a process: the sandbox checks its budgets between steps and between engine calls,
but a single call in C (a huge ``==`` between two shared nested lists, ``hash`` of one,
NumPy's own loops) cannot be interrupted from Python. A process can always be ended.

Why a backup: ending the process would lose the learner's variables. Before each run the
keeper forks a sleeping copy of itself (copy-on-write, a few milliseconds). If the run
ends normally the copy is dismissed; if the run has to be killed, the copy wakes up with
the namespace as it was before the run and takes over. Where ``os.fork`` is missing
(Windows) a killed keeper is replaced by a fresh one and the variables are lost; the
message says so.

Plain records travel back: the printed text, the error, the variables panel's rows; the
tape of the last run stays here until the graph lab asks for it (it can be large).
"""

from __future__ import annotations

import io
import os
import pickle
from dataclasses import dataclass, field

from tutor_app.sandbox.policy import Limits

TAPE_BUDGET_BYTES = 64 * 2**20   # one run's tape, and all the tapes a session keeps
TAPES_KEPT = 8


@dataclass(frozen=True)
class Recorded:
    """One run as the graph lab draws it: its code, what it printed, its tape."""

    source: str
    output: str
    error: str | None
    tape: object | None          # None: the run recorded more than the budget
    uids: dict                   # variable name -> engine uid, after the run
    nbytes: int = 0

    def holds(self, uid: int) -> bool:
        return self.tape is not None and uid in self.tape.values


@dataclass
class _Kept:
    """One lesson's namespace and the records of its last runs (newest last)."""

    env: dict = field(default_factory=dict)
    runs: list[Recorded] = field(default_factory=list)

    def keep(self, run: Recorded) -> None:
        self.runs.append(run)
        while len(self.runs) > TAPES_KEPT or (
                len(self.runs) > 1 and sum(r.nbytes for r in self.runs) > TAPE_BUDGET_BYTES):
            self.runs.pop(0)

    def recorded_for(self, name: str | None) -> Recorded | None:
        """The newest run whose tape holds variable ``name``'s tensor (else the last)."""
        uid = tensor_uids(self.env).get(name) if name else None
        for run in reversed(self.runs):
            if uid is None or run.holds(uid):
                return run
        return self.runs[-1] if self.runs else None


def tape_bytes(tape) -> int:
    """Roughly what a tape holds: the bytes of its recorded values and gradients."""
    if tape is None:
        return 0
    total = sum(r.value.nbytes for r in tape.values.values())
    for event in tape.backward:
        total += event.upstream.nbytes + sum(p.nbytes for p in event.products if p is not None)
    return total


class SharedFlag:
    """The stop button and the parent's clock as seen by a run: ``is_set()`` when the
    parent wrote this run's id into shared memory (a plain int read, cheap enough to check
    after every engine call). The parent writes ``ask(run_id, for_time)``: the id for a
    Stop click, its negative when the wall budget ended the run, so the run can say which
    (the parent's clock starts before the child's and so always asks first)."""

    def __init__(self, cell, run_id: int):
        self.cell = cell
        self.run_id = run_id

    @staticmethod
    def ask(run_id: int, for_time: bool) -> int:
        """The value the parent writes to ask run ``run_id`` to stop."""
        return -run_id if for_time else run_id

    def is_set(self) -> bool:
        return abs(self.cell.value) == self.run_id

    @property
    def for_time(self) -> bool:
        """True when the wall budget, not the learner, asked the run to stop."""
        return self.cell.value == -self.run_id


class _TensorPickler(pickle.Pickler):
    """Pickles engine tensors as their values, ``requires_grad`` and ``.grad`` (the graph
    behind them stays here): enough for an exercise check to read them."""

    def reducer_override(self, obj):
        from tutor_app.sandbox.guards import is_engine_object

        if is_engine_object(obj) and hasattr(obj, "numpy") and hasattr(obj, "requires_grad"):
            grad = obj.grad
            return rebuild_tensor, (obj.detach().numpy().copy(), bool(obj.requires_grad),
                                    None if grad is None else grad.numpy().copy())
        return NotImplemented


def rebuild_tensor(values, requires_grad: bool, grad):
    """The other half of ``_TensorPickler`` (runs in the app's process)."""
    import tutor_app.engine as torch

    tensor = torch.tensor(values, requires_grad=requires_grad)
    if grad is not None:
        tensor.grad = torch.tensor(grad)
    return tensor


def picklable_variables(env: dict) -> dict:
    """The learner's variables that can travel (learner functions cannot: skipped)."""
    from tutor_app.sandbox.runner import user_variables

    kept = {}
    for name, value in user_variables(env).items():
        buffer = io.BytesIO()
        try:
            _TensorPickler(buffer).dump(value)
        except Exception:  # noqa: BLE001, S112 - a value that cannot travel is left out
            continue
        kept[name] = buffer.getvalue()
    return kept


def tensor_uids(env: dict) -> dict[str, int]:
    """name -> engine uid of every tensor variable (the graph lab names nodes with it)."""
    from tutor_app.engine import Tensor
    from tutor_app.sandbox.runner import user_variables

    return {k: v.uid for k, v in user_variables(env).items() if isinstance(v, Tensor)}


# ---- the fork-backup ------------------------------------------------------------------

def fork_backup(announce) -> int | None:
    """Fork a sleeping copy; returns the write end of its wake-up pipe (None: no fork).

    The copy blocks on the pipe. One byte: the run ended normally, the copy exits. End of
    file (its parent was killed): the copy calls ``announce()`` and carries on as keeper.
    """
    if not hasattr(os, "fork"):
        return None
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the backup
        os.close(write_end)
        woke = os.read(read_end, 1)
        os.close(read_end)
        if woke:
            os._exit(0)
        try:
            announce()
        except OSError:  # the app itself is gone
            os._exit(0)
        return -1  # we are the keeper now; the caller goes back to its loop
    os.close(read_end)
    _BACKUPS[write_end] = pid
    return write_end


_BACKUPS: dict[int, int] = {}


def dismiss_backup(write_end: int | None) -> None:
    if write_end is None or write_end < 0:
        return
    os.write(write_end, b"x")
    os.close(write_end)
    pid = _BACKUPS.pop(write_end, None)
    if pid is not None:
        os.waitpid(pid, 0)


# ---- the loop -------------------------------------------------------------------------

def serve(conn) -> None:
    """The keeper's loop: one command at a time from the app, until the pipe closes."""
    from tutor_app.sandbox.variables import describe

    kept: dict[str, _Kept] = {}
    conn.send(("ready", os.getpid(), False))

    def announce() -> None:
        conn.send(("ready", os.getpid(), True))

    while True:
        try:
            command, lesson, *args = conn.recv()
        except (EOFError, OSError):
            return
        state = kept.setdefault(lesson, _Kept())
        if command == "run":
            backup = fork_backup(announce)
            if backup == -1:
                continue  # the run was killed; this copy holds the namespace from before
            try:
                reply = _run(state, *args)
            except Exception as exc:  # noqa: BLE001 - our fault; the keeper must live on
                reply = {"ok": False, "output": "", "error": f"{type(exc).__name__}: {exc}",
                         "error_line": None}
            reply["variables"] = [describe(n, v) for n, v in
                                  sorted(_user_variables(state.env).items())]
            conn.send(("done", args[3], reply))
            dismiss_backup(backup)
        elif command == "reset":
            kept.pop(lesson, None)
            conn.send(("reset", lesson, None))
        elif command == "snapshot":
            conn.send(("snapshot", lesson, picklable_variables(state.env)))
        elif command == "adopt":  # bring another lesson's variables into this one
            source = kept.get(args[0])
            brought = _user_variables(source.env) if source is not None else {}
            state.env.update(brought)
            rows = [describe(n, v) for n, v in sorted(_user_variables(state.env).items())]
            conn.send(("adopt", lesson, (sorted(brought), rows)))
        elif command == "tape":
            recorded = state.recorded_for(args[0] if args else None)
            if recorded is not None:  # the names as they are now
                recorded = Recorded(recorded.source, recorded.output, recorded.error,
                                    recorded.tape, tensor_uids(state.env), recorded.nbytes)
            conn.send(("tape", lesson, recorded))


def _user_variables(env: dict) -> dict:
    from tutor_app.sandbox.runner import user_variables

    return user_variables(env)


def _run(state: _Kept, source: str, lang: str, limits: Limits, run_id: int) -> dict:
    from tutor_app.sandbox.runner import run

    result = run(source, state.env, tape=True, limits=limits, lang=lang,
                 cancel=SharedFlag(_CELL[0], run_id), tape_budget=TAPE_BUDGET_BYTES)
    state.keep(Recorded(source, result.output, result.error, result.tape, {},
                        tape_bytes(result.tape)))
    return {"ok": result.ok, "output": result.output, "error": result.error,
            "error_line": result.error_line}


_CELL: list = []


def main(conn, cell) -> None:
    """Entry point of the child process (``multiprocessing`` spawns it)."""
    _CELL.append(cell)
    serve(conn)
