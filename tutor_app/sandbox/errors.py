"""Exceptions of the sandbox.

``SandboxError`` is the only exception ``run`` lets out (misuse by the caller or an
internal fault). Everything else is reported in ``RunResult.error``.

``Refused`` and ``BudgetExceeded`` derive from ``BaseException`` on purpose: learner code
may catch ``Exception`` (``try: ... except Exception: pass``) but must never swallow the
sandbox's own stop signals.
"""

from __future__ import annotations


class SandboxError(Exception):
    """The sandbox was misused or failed internally; never raised for learner mistakes."""


class Refused(BaseException):  # noqa: N818 - a stop signal, not an error class
    """Learner code asked for something the console does not allow."""

    def __init__(self, reason: str, line: int | None = None):
        super().__init__(reason)
        self.reason = reason
        self.line = line


class BudgetExceeded(BaseException):  # noqa: N818
    """A run used up one of its budgets (steps, size, depth, output, time) or was stopped."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason
