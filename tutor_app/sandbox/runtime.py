"""Budgets of one run and the thread-local "current run" the guards consult.

Guards are plain module functions (stable across runs, so a function defined in one
console run still works in the next); they find the budgets of the run in progress
through ``active()``.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field

from tutor_app.sandbox.errors import BudgetExceeded, Refused
from tutor_app.sandbox.messages import Phrase, what
from tutor_app.sandbox.policy import Limits

_local = threading.local()
_CLOCK_EVERY = 256  # steps between wall-clock / stop-button checks


@dataclass
class Runtime:
    """Counters of one run. Created by ``run`` and installed for its thread."""

    limits: Limits
    cancel: threading.Event | None = None  # or keeper.SharedFlag: ``is_set()``, ``for_time``
    lang: str = "en"                 # the language the run's messages are worded in
    steps: int = 0
    depth: int = 0
    allocated: int = 0
    output: list[str] = field(default_factory=list)
    output_chars: int = 0
    started: float = field(default_factory=time.monotonic)
    stopped: BudgetExceeded | None = None  # sticky: once over budget, every tick re-raises
    tape: object | None = None       # the engine's tape while the run records one
    tape_budget: int | None = None   # bytes of recorded values past which the tape is dropped
    tape_dropped: bool = False
    calling: str | None = None       # the engine or NumPy function learner code is calling
    _tape_seen: int = 0
    _tape_bytes: int = 0

    def _stop(self, key: str, **fields: object) -> None:
        self.stopped = BudgetExceeded(key, **fields)
        raise self.stopped

    def tick(self) -> bool:
        if self.stopped is not None:
            raise BudgetExceeded(self.stopped.phrase.key.removeprefix("budget."),
                                 **self.stopped.phrase.fields)
        self.steps += 1
        if self.steps > self.limits.max_steps:
            self._stop("steps", limit=self.limits.max_steps)
        if self.steps % _CLOCK_EVERY == 0:
            self.check_clock()
        return True

    def check_clock(self) -> None:
        """The stop button and the wall budget. Called every few hundred steps and after
        every engine call or array operator, so a loop of slow ops stops between two."""
        if self.tape is not None and self.tape_budget is not None:
            self._watch_tape()
        if self.cancel is not None and self.cancel.is_set():
            # The console's parent asks through the same flag when the wall budget ends
            # (keeper.SharedFlag.for_time): then the time ended the run, not the learner.
            if getattr(self.cancel, "for_time", False):
                self._stop("seconds", limit=self.limits.max_seconds)
            self._stop("by_learner")
        if time.monotonic() - self.started > self.limits.max_seconds:
            self._stop("seconds", limit=self.limits.max_seconds)

    def _watch_tape(self) -> None:
        """A tape copies every value an op makes: past its budget (a loop of big products)
        it is emptied and marked dropped, so recording never doubles the run's memory."""
        ops = self.tape.ops
        if len(ops) < self._tape_seen:
            self._tape_seen = 0
        values = self.tape.values
        for op in ops[self._tape_seen:]:
            record = values.get(op.output)
            self._tape_bytes += getattr(getattr(record, "value", None), "nbytes", 0)
        self._tape_seen = len(ops)
        if self._tape_bytes > self.tape_budget:
            for part in (self.tape.values, self.tape.ops, self.tape.backward,
                         self.tape.leaf_grads):
                part.clear()
            self._tape_seen = self._tape_bytes = 0
            self.tape_dropped = True

    def check_tape_at_end(self) -> None:
        if self.tape is not None and self.tape_budget is not None:
            self._watch_tape()

    def check_size(self, elements: int | None, about: Phrase | None = None) -> None:
        """Refuse an allocation before it happens; count it towards the run's total."""
        if elements is None:
            return
        if elements > self.limits.max_elements:
            self._stop("elements", what=about or what("result"), count=elements,
                       limit=self.limits.max_elements)
        self.allocated += elements
        if self.allocated > self.limits.max_total_elements:
            self._stop("total", limit=self.limits.max_total_elements)

    def check_items(self, items: int, about: Phrase | None = None) -> None:
        """Python containers cost ~40 bytes an item: a lower cap than for tensors."""
        about = about or what("collection")
        if items > self.limits.max_items:
            self._stop("items", what=about, count=items, limit=self.limits.max_items)
        self.check_size(items, about)

    def check_op(self, op, elements: int, flops: int) -> None:
        """The engine's question before one of its ops runs (or one of its creation
        functions allocates), with the size it declares: refuse it before it allocates.
        The message names the function the learner called (``torch.concat``, not the
        ``cat`` entry it runs), else the op. Not added to the run's total: the call that
        ran the op is counted by its result (guards.py). The clock and the Stop button are
        read here too: one engine call can run thousands of ops (a Jacobian runs a
        backward pass per output element), and must stop between two of them."""
        self.check_clock()
        if flops:
            self.check_flops(flops)
        if elements > self.limits.max_elements:
            self._stop("elements", what=what("call", name=self.calling or op.name),
                       count=elements, limit=self.limits.max_elements)

    def check_flops(self, flops: int) -> None:
        if flops > self.limits.max_flops:
            self._stop("flops", count=flops, limit=self.limits.max_flops)

    def write(self, text: str) -> None:
        room = self.limits.max_output - self.output_chars
        if len(text) > room:
            self.output.append(text[:max(room, 0)])
            self.output_chars = self.limits.max_output
            self._stop("output", limit=self.limits.max_output)
        self.output.append(text)
        self.output_chars += len(text)

    def enter_call(self) -> None:
        self.tick()
        self.depth += 1
        if self.depth > self.limits.max_depth:
            self.depth -= 1
            self._stop("depth", limit=self.limits.max_depth)

    def leave_call(self) -> None:
        self.depth -= 1


def active() -> Runtime:
    """The run in progress on this thread; learner code outside a run is refused."""
    runtime = getattr(_local, "runtime", None)
    if runtime is None:
        raise Refused("outside")
    return runtime


def install(runtime: Runtime | None) -> Runtime | None:
    """Make ``runtime`` current for this thread; return the previous one."""
    previous = getattr(_local, "runtime", None)
    _local.runtime = runtime
    return previous
