"""Lessons told as a list of small programs, each run in the sandbox and its graph played.

The autograd lesson and the chain-rule lesson both work this way: a step is a program (run
through the same sandbox as the graph lab), the name of the value whose graph is drawn,
and how the graph is built (whole, explicit or implicit). Their panels differ only in
their step lists, so the running lives here once.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from tutor_app.graph.frames import Timeline, build_timeline
from tutor_app.lessons import graph_lab

# A comment in words is written «name» in a step's code: the panel shows it in the
# learner's language (the lesson file's ``note_<name>`` string); the sandbox runs the code
# as written, where the marker is only a comment.
NOTE = re.compile(r"«(\w+)»")


def code_in(code: str, note: Callable[[str], str]) -> str:
    """``code`` as the learner reads it: each «name» replaced by ``note(name)``."""
    return NOTE.sub(lambda m: note(m.group(1)), code)


def note_names(code: str) -> list[str]:
    """The «name» markers of ``code``, in order."""
    return NOTE.findall(code)


@dataclass(frozen=True)
class GraphStep:
    """One step of a lesson: its strings are ``<key>_title`` and ``<key>_text``; the
    comments in words of its code are ``note_<name>`` (see ``NOTE``)."""

    key: str
    code: str
    output: str | None = None
    construction: str = "whole"


@dataclass(frozen=True)
class StepResult:
    """What the panel shows for a step: printed output, the graph and its frames."""

    step: GraphStep
    run: graph_lab.LabRun
    graph: object | None
    timeline: Timeline | None
    problem: str | None


def find_step(steps: Sequence[GraphStep], key: str, lesson: str) -> GraphStep:
    """The step ``key`` of ``lesson``'s ``steps``; a KeyError naming the known keys if none."""
    for s in steps:
        if s.key == key:
            return s
    raise KeyError(f"no {lesson} step {key!r}; steps are {', '.join(s.key for s in steps)}")


def run_graph_step(s: GraphStep, lang: str = "en") -> StepResult:
    """Run a step's program in the sandbox and build the frames of its output."""
    run = graph_lab.run_program(s.code, lang)
    graph, _, problem = graph_lab.graph_for(run, s.output, lang)
    timeline = (build_timeline(graph, run.tape, construction=s.construction)
                if graph is not None else None)
    return StepResult(s, run, graph, timeline, problem)
