"""``run``: parse, check, rewrite, execute learner code under budgets; report like Python."""

from __future__ import annotations

import ast
import importlib
import itertools
import threading
import traceback
from contextlib import nullcontext
from dataclasses import dataclass

from tutor_app.sandbox import builtins_safe, checker, guards, operators
from tutor_app.sandbox.errors import BudgetExceeded, Refused, SandboxError
from tutor_app.sandbox.messages import say
from tutor_app.sandbox.policy import Limits
from tutor_app.sandbox.rewrite import rewrite
from tutor_app.sandbox.runtime import Runtime, install
from tutor_app.sandbox.text import bounded_repr, bounded_str, cap

MAX_SOURCE_CHARS = 100_000
_run_ids = itertools.count(1)


@dataclass(frozen=True)
class RunResult:
    """What a run produced. ``env`` is the namespace to pass to the next run."""

    ok: bool
    output: str
    error: str | None
    env: dict
    tape: object | None = None
    error_line: int | None = None   # line of the learner's code the error points at


HELPERS = {
    "__sb_tick": operators.tick,
    "__sb_getattr": guards.guarded_getattr,
    "__sb_setattr": guards.guarded_setattr,
    "__sb_getitem": operators.getitem,
    "__sb_setitem": operators.setitem,
    "__sb_aug_item": operators.aug_item,
    "__sb_aug_attr": operators.aug_attr,
    "__sb_binop": operators.binop,
    "__sb_chain": operators.chain,
    "__sb_format": operators.format_field,
    "__sb_echo": operators.echo,
    "__sb_func": operators.UserFunction,
    "__sb_slice": slice,
    "__sb_star": builtins_safe.star,
}


def _engine():
    try:
        return importlib.import_module("tutor_app.engine")
    except Exception as exc:  # the engine failing to import is our fault, not the learner's
        raise SandboxError(f"the engine could not be imported: {exc}") from exc


def _op_budget(runtime: Runtime):
    """The engine asks the run's budgets before each op it runs, with the op table's
    figure for its size: also the ops inside one engine call (a norm, a Jacobian, a
    backward pass) that the call-level estimate of guards.py cannot see."""
    try:
        hooks = importlib.import_module("tutor_app.engine.hooks")
    except Exception as exc:  # the engine failing to import is our fault, not the learner's
        raise SandboxError(f"the engine could not be imported: {exc}") from exc
    return hooks.op_budget(runtime.check_op)


def _namespaces() -> dict[str, guards.Namespace]:
    spaces = {"np": guards.numpy_namespace()}
    try:
        spaces["torch"] = guards.Namespace(_engine(), "torch")
    except SandboxError:
        pass  # a broken engine must not take plain Python down with it
    return spaces


def _module(name: str) -> guards.Namespace:
    if name == "torch":
        return guards.Namespace(_engine(), "torch")
    return guards.numpy_namespace()


def _import_name(module: str, name: str):
    """``from module import name``: each dotted part and the name read through the guards
    (``torch.distributions.multinomial`` as if written out), a missing one worded as
    Python words it."""
    parts = module.split(".")
    value = _module(parts[0])
    for depth, part in enumerate(parts[1:], start=2):
        try:
            value = guards.guarded_getattr(value, part)
        except AttributeError:
            raise ModuleNotFoundError(f"No module named '{'.'.join(parts[:depth])}'") from None
        if not isinstance(value, guards.Namespace):
            raise ModuleNotFoundError(f"No module named '{'.'.join(parts[:depth])}'")
    try:
        return guards.guarded_getattr(value, name)
    except AttributeError:
        raise ImportError(f"cannot import name '{name}' from '{module}'") from None


def user_variables(env: dict) -> dict:
    """The learner's own variables in ``env`` (no helpers, no torch/np namespaces, not the
    throwaway ``_`` of ``for _ in range(n)``)."""
    return {k: v for k, v in env.items()
            if not k.startswith("__") and k != "_" and not isinstance(v, guards.Namespace)}


def _prepare(env: dict) -> None:
    env["__builtins__"] = builtins_safe.safe_builtins()
    env.update(HELPERS)
    env["__sb_module"] = _module
    env["__sb_import"] = _import_name
    for name, namespace in _namespaces().items():
        if not isinstance(env.get(name), guards.Namespace):
            env.setdefault(name, namespace)


def _console_frames(exc: BaseException, filename: str):
    for frame, line in traceback.walk_tb(exc.__traceback__):
        code_name = frame.f_code.co_filename
        if code_name.startswith("<console"):
            yield line, frame.f_code.co_name, code_name == filename


def stop_message(kind: str, reason: str, line: int | None, lang: str) -> str:
    """"Not allowed (line 3): ..." / "已停止（第 3 行）：..." in the learner's language."""
    where = say("frame.where", lang, line=line) if line else ""
    return say(f"frame.{kind}", lang, where=where, reason=reason)


def _exception_text(exc: BaseException, limit: int) -> str:
    """``TypeError: message`` as ``traceback.format_exception_only`` words it, the message
    built within ``limit`` characters: its arguments may be any learner value (a nested
    list whose text would be billions of characters)."""
    args = exc.args
    if isinstance(exc, KeyError) and len(args) == 1:
        message = bounded_repr(args[0], limit)
    elif type(exc).__str__ is not BaseException.__str__:
        message = str(exc)  # builtin kinds that word themselves (SyntaxError, OSError ...)
    elif len(args) == 1 and isinstance(args[0], str):
        message = args[0]  # cut below, with a note
    elif len(args) == 1:
        message = bounded_str(args[0], limit)
    else:
        message = bounded_repr(args, limit) if args else ""
    kind = type(exc).__qualname__
    if type(exc).__module__ not in ("builtins", "__main__"):
        kind = f"{type(exc).__module__}.{kind}"
    return f"{kind}: {message}" if message else kind


def _describe(exc: BaseException, line: int | None, lang: str, limit: int) -> str:
    if isinstance(exc, BudgetExceeded):
        return stop_message("stopped", exc.text(lang), line, lang)
    if isinstance(exc, Refused):
        return stop_message("refused", exc.text(lang), line, lang)
    try:
        text = _exception_text(exc, limit)
    except BudgetExceeded:
        text = type(exc).__qualname__ + ": " + say("budget.text", lang, limit=limit)
    return cap(text, limit, lambda rest: say("frame.cut", lang, rest=rest))


def _format_error(exc: BaseException, filename: str, lines: list[str], lang: str = "en",
                  limit: int = Limits.max_output) -> tuple[str, int | None]:
    """A Python-style traceback showing only the learner's frames."""
    out = ["Traceback (most recent call last):"]
    last, previous, repeats = None, None, 0
    for frame in _console_frames(exc, filename):
        line, where, current = frame
        if current:
            last = line
        repeats = repeats + 1 if frame == previous else 0
        previous = frame
        if repeats >= 3:  # endless recursion: summarise as Python does
            continue
        out.append(f'  File "<console>", line {line}, in {where}')
        if current and 0 < line <= len(lines) and lines[line - 1].strip():
            out.append(f"    {lines[line - 1].strip()}")
    if repeats >= 3:
        out.append(f"  [Previous line repeated {repeats - 2} more times]")
    out.append(_describe(exc, last, lang, limit))
    return "\n".join(out), last


def _syntax_error(exc: SyntaxError) -> str:
    lines = [f'  File "<console>", line {exc.lineno or 1}']
    if exc.text:
        text = exc.text.rstrip("\n")
        stripped = text.lstrip()
        lines.append(f"    {stripped}")
        if exc.offset:
            lines.append("    " + " " * max(exc.offset - 1 - (len(text) - len(stripped)), 0) + "^")
    lines.append(f"{type(exc).__name__}: {exc.msg}")
    return "\n".join(lines)


def _compile(source: str, filename: str, lang: str = "en"):
    """Parse, check and rewrite; returns code or (message, line) for the learner."""
    if len(source) > MAX_SOURCE_CHARS:
        reason = say("refused.too_long", lang, limit=MAX_SOURCE_CHARS)
        return stop_message("refused", reason, None, lang), None
    try:
        tree = ast.parse(source, filename="<console>", mode="exec")
    except SyntaxError as exc:
        return _syntax_error(exc), exc.lineno
    except (ValueError, RecursionError, MemoryError) as exc:
        return f"SyntaxError: {exc}", None
    try:
        checker.check(tree)
    except Refused as exc:
        return stop_message("refused", exc.text(lang), exc.line, lang), exc.line
    try:
        return compile(rewrite(tree, echo_all="\n" not in source.strip()), filename, "exec")
    except (RecursionError, MemoryError, ValueError, SyntaxError):
        return stop_message("refused", say("refused.too_nested", lang), None, lang), None


def run(source: str, env: dict | None = None, *, tape: bool | None = None,
        limits: Limits | None = None, cancel: threading.Event | None = None,
        lang: str = "en", tape_budget: int | None = None) -> RunResult:
    """Run learner code safely.

    Parameters
    ----------
    source : the learner's code (Python syntax, PyTorch-style, ``torch`` is the engine).
    env : the namespace of earlier runs (``RunResult.env``); updated in place and returned.
        Refused or unparsable code leaves it untouched.
    tape : when true, run inside ``tutor_app.engine.record()`` and return the Tape.
    limits : budgets (steps, sizes, depth, output, seconds); ``Limits()`` by default.
    cancel : set this event from another thread to stop the run at its next step.
    lang : the language ("zh" or "en") of the console's own messages (refusals, stops).
    tape_budget : bytes of recorded values past which the tape is dropped (``tape`` None).
    """
    if not isinstance(source, str):
        raise SandboxError(f"source must be a str, not {type(source).__name__}")
    if env is not None and not isinstance(env, dict):
        raise SandboxError(f"env must be a dict or None, not {type(env).__name__}")
    namespace = env if env is not None else {}
    filename = f"<console:{next(_run_ids)}>"
    compiled = _compile(source, filename, lang)
    if isinstance(compiled, tuple):
        message, line = compiled
        return RunResult(False, "", message, namespace, None, line)
    recorder = nullcontext(None)
    if tape:
        engine = _engine()
        if not hasattr(engine, "record"):
            raise SandboxError("the engine offers no record() for tapes")
        recorder = engine.record()
    _prepare(namespace)
    limits = limits or Limits()
    runtime = Runtime(limits, cancel, lang, tape_budget=tape_budget)
    previous = install(runtime)
    error, line, recorded = None, None, None
    try:
        with recorder as recorded, _op_budget(runtime):
            runtime.tape = recorded
            exec(compiled, namespace)  # noqa: S102 - checked and rewritten code only
    except BaseException as exc:  # noqa: BLE001 - every learner failure becomes a message
        try:
            error, line = _format_error(exc, filename, source.splitlines(), lang,
                                        limits.max_output)
        except Exception:  # noqa: BLE001 - an unprintable error still ends the run cleanly
            error, line = say("frame.unprintable", lang, kind=type(exc).__name__), None
    finally:
        install(previous)
    runtime.check_tape_at_end()
    if runtime.tape_dropped:
        recorded = None
    return RunResult(error is None, "".join(runtime.output), error, namespace, recorded, line)
