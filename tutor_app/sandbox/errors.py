"""Exceptions of the sandbox.

``SandboxError`` is the only exception ``run`` lets out (misuse by the caller or an
internal fault). Everything else is reported in ``RunResult.error``.

``Refused`` and ``BudgetExceeded`` derive from ``BaseException`` on purpose: learner code
may catch ``Exception`` (``try: ... except Exception: pass``) but must never swallow the
sandbox's own stop signals. Both carry a message key and its fields (see ``messages``), so
the run words them in the learner's language when it reports them.
"""

from __future__ import annotations

from tutor_app.sandbox.messages import Phrase


class SandboxError(Exception):
    """The sandbox was misused or failed internally; never raised for learner mistakes."""


class _Worded(BaseException):
    """A stop signal whose message is a ``Phrase`` (worded in the run's language)."""

    def __init__(self, key: str, **fields: object):
        self.phrase = Phrase(key, **fields)
        super().__init__(self.phrase.text("en"))

    @property
    def reason(self) -> str:
        """The English wording (logs and tests); the learner sees ``text(lang)``."""
        return self.phrase.text("en")

    def text(self, lang: str) -> str:
        return self.phrase.text(lang)


class Refused(_Worded):  # noqa: N818 - a stop signal, not an error class
    """Learner code asked for something the console does not allow."""

    def __init__(self, key: str, line: int | None = None, **fields: object):
        super().__init__(f"refused.{key}", **fields)
        self.line = line


class BudgetExceeded(_Worded):  # noqa: N818
    """A run used up one of its budgets (steps, size, depth, output, time) or was stopped."""

    def __init__(self, key: str, **fields: object):
        super().__init__(f"budget.{key}", **fields)
