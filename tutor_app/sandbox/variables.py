"""How the variables panel shows a learner's variable: one plain row per name.

Its own module because both sides of the console use it: the child process (``keeper``)
describes its namespace after each run, and the app's side (``session``, the panel) reads
the rows. Neither has to import the other for it.
"""

from __future__ import annotations

from dataclasses import dataclass

from tutor_app.sandbox.guards import is_engine_object
from tutor_app.sandbox.operators import UserFunction


@dataclass(frozen=True)
class VariableInfo:
    """A row of the variables panel."""

    name: str
    kind: str            # "Tensor", "int", "function", ...
    shape: str           # "(2, 3)" for tensors and arrays, "" otherwise
    dtype: str           # "torch.float32", "" for non-tensors
    requires_grad: bool | None
    is_tensor: bool


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
