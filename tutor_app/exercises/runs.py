"""Run an answer on the exercise's own inputs: the given ones, then fresh random ones.

Every trial starts from the exercise's setup in a fresh namespace. The expected value is
computed in *another* fresh namespace from the same setup, so nothing the learner's code
does (overwriting ``x``, assigning ``a.grad``) can change what it is compared with.
"""

from __future__ import annotations

import ast
import random
from dataclasses import dataclass, field

import numpy as np

from tutor_app.exercises.evidence import drop_given_recreation
from tutor_app.exercises.values import as_array, run_answer
from tutor_app.sandbox import RunResult


def setups(params: dict) -> list[str]:
    """The fixed setup first (the inputs the statement shows), then random variants."""
    fixed = params.get("setup", "")
    variants = [fixed] if fixed or "random" not in params else []
    template = params.get("random")
    if template:
        rng = random.Random(params.get("seed", 0))
        for n in range(int(params.get("trials", 6))):
            dims = {name: rng.choice(choices) for name, choices in params.get("dims", {}).items()}
            variants.append(f"torch.manual_seed({100 + n})\n" + template.format(**dims))
    return variants or [""]


def given_names(setup: str) -> set[str]:
    """Names the setup defines: the exercise's inputs, which the answer must not replace."""
    try:
        tree = ast.parse(setup)
    except SyntaxError:
        return set()
    names = set()
    for node in tree.body:
        if isinstance(node, ast.FunctionDef):
            names.add(node.name)
        for target in getattr(node, "targets", []):
            if isinstance(target, ast.Name):
                names.add(target.id)
    names.discard("torch")
    return names


@dataclass
class Outcome:
    """One run of the answer on one setup."""

    result: RunResult
    value: object
    namespace: dict
    tape: object | None
    given_uids: dict[int, str] = field(default_factory=dict)
    replaced: tuple[str, ...] = ()          # givens rebound or changed in place
    setup_error: str | None = None


def _fingerprint(value: object) -> tuple[int, np.ndarray | None]:
    array = as_array(value)
    return id(value), None if array is None else array.copy()


def run_on(setup: str, code: str, target: str | None, *, tape: bool = True,
           keep_givens: bool = True) -> Outcome:
    """Run ``code`` after ``setup`` in a fresh namespace and read ``target`` (or the last
    expression). Lines that only re-create a given input are dropped (see evidence)."""
    namespace: dict = {}
    if setup:
        result, _ = run_answer(setup, namespace)
        if not result.ok:
            return Outcome(result, None, namespace, None, setup_error=result.error)
    givens = given_names(setup)
    if keep_givens:
        code, _ = drop_given_recreation(code, givens)
    before = {name: _fingerprint(namespace[name]) for name in givens if name in namespace}
    given_uids = {getattr(namespace[n], "uid", None): n for n in givens if n in namespace}
    given_uids.pop(None, None)
    result, value = run_answer(code, namespace, target, tape=tape)
    replaced = []
    for name, (ident, data) in before.items():
        now = namespace.get(name)
        if id(now) != ident:
            replaced.append(name)
        elif data is not None:
            current = as_array(now)
            if current is None or current.shape != data.shape or not np.array_equal(
                    current, data, equal_nan=True):
                replaced.append(name)
    return Outcome(result, value, namespace, result.tape, given_uids, tuple(replaced))


def reference_on(setup: str, params: dict, extra: dict | None = None) -> tuple[object, dict]:
    """The expected value: ``reference`` (after ``reference_code``) in a fresh setup, with
    ``extra`` values (copies of what the learner built, e.g. their random ``a``) bound first."""
    namespace: dict = {}
    if setup:
        run_answer(setup, namespace)
    for name, array in (extra or {}).items():
        namespace[name] = _tensor(array)
    code = params.get("reference_code", "")
    _, value = run_answer(code, namespace, params["reference"])
    return value, namespace


def _tensor(array: np.ndarray):
    from tutor_app import engine  # the engine is the only maker of tensors

    return engine.tensor(np.asarray(array, dtype=np.float64))
