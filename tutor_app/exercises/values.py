"""Run learner answers in the sandbox and compare what they produce (no Qt).

Comparisons happen outside the sandbox, on values the engine produced; learner functions
are only ever called inside ``sandbox.run``.
"""

from __future__ import annotations

import ast
from dataclasses import replace

import numpy as np

from tutor_app.exercises.messages import Difference, difference
from tutor_app.sandbox import Limits, RunResult, run

CHECK_LIMITS = Limits(max_steps=100_000, max_seconds=5.0, max_output=20_000)
ANSWER_NAME = "answer_value"


def split_last_expression(code: str) -> tuple[str, str | None]:
    """``(statements before, last expression)``; the expression is None if the code does
    not end with one (or does not parse: the run will report that)."""
    try:
        tree = ast.parse(code)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return code, None
    if not tree.body or not isinstance(tree.body[-1], ast.Expr):
        return code, None
    last = tree.body[-1]
    lines = code.splitlines()
    # Everything before the expression, including ``v = …;`` on the same line.
    head = lines[last.lineno - 1].encode()[: last.col_offset].decode(errors="ignore")
    before = "\n".join([*lines[: last.lineno - 1], head.rstrip().rstrip(";")])
    return before, ast.get_source_segment(code, last)


def run_answer(code: str, env: dict, target: str | None = None,
               tape: bool = False) -> tuple[RunResult, object]:
    """Run ``code`` in ``env``; return the run and the value of ``target`` (an expression
    in the console language) or, without a target, of the code's last expression."""
    before, expression = (code, target) if target else split_last_expression(code)
    program = before
    if expression is not None:
        assign = f"{ANSWER_NAME} = ({expression})"
        program = f"{before}\n{assign}" if before.strip() else assign
    result = run(program, env, limits=CHECK_LIMITS, tape=tape)
    if not result.ok and expression is not None and result.error:
        # Show the learner's expression, not our bookkeeping assignment, in tracebacks.
        shown = result.error.replace(f"{ANSWER_NAME} = ({expression})", expression)
        result = replace(result, error=shown)
    value = env.get(ANSWER_NAME) if result.ok and expression is not None else None
    env.pop(ANSWER_NAME, None)
    return result, value


def as_array(value: object) -> np.ndarray | None:
    """A NumPy copy of a tensor, array, number or (nested) sequence of numbers."""
    if hasattr(value, "detach") and hasattr(value, "numpy"):
        return np.array(value.detach().numpy())
    if isinstance(value, np.ndarray | np.generic | bool | int | float):
        return np.asarray(value)
    if isinstance(value, list | tuple):
        try:
            parts = [as_array(v) for v in value]
            if any(p is None for p in parts):
                return None
            return np.asarray(np.stack(parts)) if parts else np.asarray([])
        except ValueError:
            return None
    return None


def close(got: object, expected: object, rtol: float = 1e-4,
          atol: float = 1e-5) -> Difference | None:
    """None when ``got`` matches ``expected`` in shape and value, else what differs."""
    if isinstance(expected, tuple) and isinstance(got, tuple | list):
        if len(got) != len(expected):
            return difference("count", "count", expected=len(expected), got=len(got))
        for n, (g, e) in enumerate(zip(got, expected, strict=True)):
            problem = close(g, e, rtol, atol)
            if problem:
                return difference("nth_value", problem.kind, n=n + 1, detail=problem.text)
        return None
    if isinstance(got, bool) and not isinstance(expected, bool) and not (
            hasattr(expected, "dtype") and str(expected.dtype).endswith("bool")):
        return difference("number_not_bool", "type")
    a, b = as_array(got), as_array(expected)
    if a is None or b is None:
        shown = type(got).__name__
        return difference("tensor_or_number", "type", shown=shown)
    if a.shape != b.shape:
        return difference("shape", "shape", expected=tuple(b.shape), got=tuple(a.shape))
    if b.dtype == bool and a.dtype != bool:
        return difference("boolean_tensor", "type")
    if a.dtype == bool and b.dtype != bool:
        return difference("numbers_not_bool", "type")
    with np.errstate(all="ignore"):
        same = np.allclose(a.astype(float), b.astype(float), rtol=rtol, atol=atol,
                           equal_nan=True)
    if not same:
        return difference("values")
    return None


def all_true(value: object) -> bool:
    array = as_array(value)
    return array is not None and array.dtype == bool and array.size > 0 and bool(array.all())


def shape_of(value: object) -> tuple[int, ...] | None:
    if hasattr(value, "shape") and not isinstance(value, np.generic):
        return tuple(int(d) for d in value.shape)
    if isinstance(value, tuple | list) and all(
            isinstance(d, int) and not isinstance(d, bool) for d in value):
        return tuple(value)  # a torch.Size
    return None


def shapes_of(value: object) -> list[tuple[int, ...]] | None:
    """The shapes a code answer evaluated to: one tensor or size, or a tuple of them."""
    if isinstance(value, tuple | list) and value and not all(
            isinstance(d, int) for d in value):
        shapes = [shape_of(v) for v in value]
        return shapes if all(s is not None for s in shapes) else None  # type: ignore
    single = shape_of(value)
    return None if single is None else [single]
