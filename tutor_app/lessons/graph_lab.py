"""Learner code in, graph out: run code in the sandbox with a tape, build the chosen graph.

No Qt here. The panel calls ``run_program`` once per run and ``graph_for`` when the learner
picks another output (the tape is kept; nothing is run again).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import networkx as nx

from tutor_app import sandbox
from tutor_app.engine import Tensor
from tutor_app.engine.tape import Tape
from tutor_app.graph import fmt
from tutor_app.graph.build import GraphBuildError, build_graph
from tutor_app.graph.frames import Timeline, build_timeline
from tutor_app.graph.symbols import INFIX
from tutor_app.i18n import tr


@dataclass(frozen=True)
class LabRun:
    """One run of the learner's code and what the lab can draw from it."""

    ok: bool                         # there is a graph to draw (even if the code failed later)
    output: str                      # what the code printed
    error: str | None                # the sandbox's message, when the code failed
    tensors: tuple[str, ...] = ()    # names of tensor variables, in the order they were bound
    default: str | None = None       # the output to draw first
    tape: Tape | None = None
    names: dict = field(default_factory=dict)   # uid -> variable name
    uids: dict = field(default_factory=dict)    # variable name -> uid
    live: dict = field(default_factory=dict)    # variable name -> the tensor as the code left it


def message(key: str, lang: str, **fields: object) -> str:
    """A message of the lab (``graph.lab.*`` in resources/i18n/graph.toml)."""
    return tr(f"graph.lab.{key}", lang, **fields)


def run_program(source: str, lang: str = "en") -> LabRun:
    """Run ``source`` in the sandbox (fresh namespace) and note its tensors and tape."""
    try:
        result = sandbox.run(source, None, tape=True)
    except sandbox.SandboxError as exc:
        return LabRun(False, "", str(exc))
    env = sandbox.user_variables(result.env)
    live = {k: v for k, v in env.items() if isinstance(v, Tensor)}
    uids: dict[str, int] = {k: v.uid for k, v in live.items()}
    return _lab_run(result.tape, uids, result.output, result.error, lang, live)


def from_recorded(tape: Tape | None, uids: dict[str, int], output: str, error: str | None,
                  lang: str = "en") -> LabRun:
    """What a console run recorded, drawn as it ran: no second run, so ``randn`` shows the
    numbers the console printed. ``uids`` are the session's tensor variables; those the
    tape never saw (made in earlier runs) are left out of the chooser."""
    if tape is None:
        return LabRun(False, output, message("too_big", lang))
    seen = {name: uid for name, uid in uids.items() if uid in tape.values}
    return _lab_run(tape, seen, output, error, lang)


def _lab_run(tape: Tape | None, uids: dict[str, int], output: str, error: str | None,
             lang: str, live: dict | None = None) -> LabRun:
    if error is not None and (tape is None or not uids):
        return LabRun(False, output, error)
    if not uids:
        return LabRun(False, output, message("no_tensor", lang))
    names: dict[int, str] = {}
    for name, uid in uids.items():
        names.setdefault(uid, name)
    tape = tape if tape is not None else Tape()
    _name_backward_roots(tape, names, uids)
    # A run that failed half-way still shows the graph of what ran before the error.
    return LabRun(True, output, error, tuple(uids), _default_output(tape, uids),
                  tape, names, uids, live or {})


def _backward_roots(tape: Tape) -> list[int]:
    """The uid each backward pass started from, in call order (the engine's ``pass_index``).

    A pass's first event is the op that produced its root; passes that reached no op
    (``backward()`` on a leaf) have no event and no root here.
    """
    producer = {op.index: op.output for op in tape.ops}
    first: dict[int, int] = {}
    for ev in tape.backward:
        first.setdefault(ev.pass_index, ev.op_index)
    return [producer[first[p]] for p in sorted(first) if first[p] in producer]


def _name_backward_roots(tape: Tape, names: dict[int, str], uids: dict[str, int]) -> None:
    """Give an unnamed backward root a name from its op, e.g. ``sum(y)``.

    ``y.sum().backward()`` leaves no variable for the scalar it differentiates; naming it
    lets the learner draw the graph from the true root of the backward pass.
    """
    ops = {op.output: op for op in tape.ops}
    for uid in _backward_roots(tape):
        if uid in names or uid not in ops:
            continue
        op = ops[uid]
        args = [names.get(a) or _constant_text(tape, a) for a in op.inputs]
        if op.label in INFIX and len(args) == 2:
            name = f"{args[0]} {op.label} {args[1]}"
        else:
            name = f"{op.label}({', '.join(args)})"
        if name not in uids:
            names[uid] = name
            uids[name] = uid


def _constant_text(tape: Tape, uid: int) -> str:
    rec = tape.values.get(uid)
    if rec is not None and rec.value.ndim == 0 and not rec.requires_grad:
        return fmt.number(rec.value)
    return "…"


def _default_output(tape: Tape, uids: dict[str, int]) -> str:
    """The root of the last backward pass, else the latest op's named result."""
    roots = [uid for uid in _backward_roots(tape) if uid in uids.values()]
    if roots:
        return next(name for name, uid in uids.items() if uid == roots[-1])
    produced = {op.output: op.index for op in tape.ops}
    ranked = [(produced[uid], name) for name, uid in uids.items() if uid in produced]
    return max(ranked)[1] if ranked else next(iter(uids))


def graph_for(run: LabRun, output: str | None, lang: str = "en"
              ) -> tuple[nx.MultiDiGraph | None, Timeline | None, str | None]:
    """The graph and frames of ``output`` (a variable name); an error message instead if none."""
    name = output or run.default
    if not run.ok or name is None:
        return None, None, run.error or message("no_tensor", lang)
    if name not in run.uids:
        return None, None, message("unknown", lang, name=name)
    uid = run.uids[name]
    try:
        graph = build_graph(run.tape, output=uid, names=run.names)
    except GraphBuildError:
        return None, None, message("not_on_tape", lang, name=name)
    return graph, build_timeline(graph, run.tape, failure=run.error), None
