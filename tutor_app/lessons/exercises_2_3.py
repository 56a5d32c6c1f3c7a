"""Lesson 10 logic: the eight §2.3 exercises of the learner's notes, with their true outputs.

Each exercise is a few console lines. They are run one by one through the learner's own
console language (``tutor_app.sandbox.run``, which computes with the engine), so the page
shows exactly what typing them would print — including errors — never a hand-written copy.
Statements, answers and notes corrections (zh, en) live in ``resources/lessons/
exercises_2_3.toml`` under ``statement_<n>``, ``answer_<n>`` and ``notes_<n>``.

The ids ``ex2_3_1`` … ``ex2_3_8`` are shared with the exercises tab (auto-checking).
"""

from __future__ import annotations

from dataclasses import dataclass

from tutor_app.sandbox import SandboxError, run

A_LINE = "A = torch.arange(20, dtype=torch.float32).reshape(5, 4)"
D_LINE = "D = torch.arange(24, dtype=torch.float32).reshape(2, 3, 4)"


@dataclass(frozen=True)
class NotesExercise:
    """One exercise: its shared id, its number in the notes and the lines to run."""

    id: str
    number: int
    lines: tuple[str, ...]


EXERCISES: tuple[NotesExercise, ...] = (
    NotesExercise("ex2_3_1", 1, (A_LINE, "A.T.T == A", "(A.T.T == A).all()")),
    NotesExercise("ex2_3_2", 2, (A_LINE, "B = torch.randn(5, 4)",
                                 "(A.T + B.T == (A + B).T).all()")),
    NotesExercise("ex2_3_3", 3, ("C = torch.randn(4, 4)", "S = C + C.T", "(S == S.T).all()",
                                 "(C == C.T).all()")),
    NotesExercise("ex2_3_4", 4, ("X = torch.arange(24).reshape(2, 3, 4)", "len(X)",
                                 "X.shape")),
    NotesExercise("ex2_3_5", 5, ("[len(torch.zeros(s)) for s in [(2, 3, 4), (5,), (3, 1, 7)]]",
                                 "[torch.zeros(s).shape[0] for s in [(2, 3, 4), (5,), (3, 1, 7)]]",
                                 "len(torch.tensor(3.0))")),
    NotesExercise("ex2_3_6", 6, (A_LINE, "A.sum(axis=1).shape", "A / A.sum(axis=1)",
                                 "A.sum(axis=1, keepdims=True).shape",
                                 "A / A.sum(axis=1, keepdims=True)",
                                 "(A / A.sum(axis=1, keepdims=True)).sum(axis=1)")),
    NotesExercise("ex2_3_7", 7, (D_LINE, "D.sum(axis=0)", "D.sum(axis=1)", "D.sum(axis=2)",
                                 "D.sum(axis=0).shape, D.sum(axis=1).shape, D.sum(axis=2).shape")),
    NotesExercise("ex2_3_8", 8, (D_LINE, "torch.linalg.norm(D)", "torch.sqrt((D ** 2).sum())",
                                 "torch.linalg.norm(D.reshape(-1))",
                                 "torch.linalg.norm(torch.ones(2, 3, 4, 5))")),
)
EXERCISE_IDS: tuple[str, ...] = tuple(e.id for e in EXERCISES)


@dataclass(frozen=True)
class TranscriptLine:
    """One console line and what it printed (or the error it raised)."""

    code: str
    output: str
    error: str | None


def transcript(exercise: NotesExercise) -> tuple[TranscriptLine, ...]:
    """Run the exercise's lines in one console session; later lines see earlier variables."""
    env = None
    lines = []
    for code in exercise.lines:
        try:
            result = run(code, env)
        except SandboxError as exc:        # the sandbox's own refusal: show it, go on
            lines.append(TranscriptLine(code, "", str(exc)))
            continue
        lines.append(TranscriptLine(code, result.output.rstrip("\n"),
                                    _last_line(result.error) if not result.ok else None))
        env = result.env
    return tuple(lines)


def _last_line(error: str | None) -> str:
    """``RuntimeError: ...`` — the line of a traceback a learner reads first."""
    text = (error or "").strip()
    return text.splitlines()[-1] if text else "error"


def render(lines: tuple[TranscriptLine, ...]) -> str:
    """The transcript as a console shows it: ``>>> code`` then its output."""
    parts = []
    for line in lines:
        parts.append(f">>> {line.code}")
        if line.output:
            parts.append(line.output)
        if line.error:
            parts.append(line.error)
    return "\n".join(parts)


def by_id(exercise_id: str) -> NotesExercise:
    for exercise in EXERCISES:
        if exercise.id == exercise_id:
            return exercise
    raise KeyError(f"no exercise {exercise_id!r}; known: {', '.join(EXERCISE_IDS)}")
