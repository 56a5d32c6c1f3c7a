"""The learner's console language: PyTorch-style Python, checked and run under budgets.

``run(source, env=None, *, tape=None) -> RunResult`` is the only entry point the app uses;
``SandboxError`` is the only exception it lets out.
"""

from __future__ import annotations

from tutor_app.sandbox.errors import SandboxError
from tutor_app.sandbox.policy import Limits
from tutor_app.sandbox.runner import RunResult, run, user_variables

__all__ = ["Limits", "RunResult", "SandboxError", "run", "user_variables"]
