"""Lesson 10 logic: the notes' eight exercises produce their true outputs through the console."""

from __future__ import annotations

import numpy as np
import pytest

from tutor_app.lessons import exercises_2_3 as ex
from tutor_app.lessons.base import load_spec
from tutor_app.paths import resource


def _lines(exercise_id):
    return ex.transcript(ex.by_id(exercise_id))


def test_ids_are_the_shared_ones():
    assert ex.EXERCISE_IDS == tuple(f"ex2_3_{n}" for n in range(1, 9))
    with pytest.raises(KeyError):
        ex.by_id("ex2_3_9")


def test_every_exercise_has_text_in_both_languages():
    spec = load_spec(resource("lessons", "exercises_2_3.toml"))
    for exercise in ex.EXERCISES:
        for kind in ("statement", "answer", "notes"):
            assert set(spec.strings[f"{kind}_{exercise.number}"]) == {"zh", "en"}


@pytest.mark.parametrize("exercise_id", ["ex2_3_1", "ex2_3_2", "ex2_3_3"])
def test_transpose_identities_hold(exercise_id):
    lines = _lines(exercise_id)
    assert all(line.error is None for line in lines)
    checks = [line.output for line in lines if line.code.endswith(".all()")]
    assert checks[0] == "tensor(True)"
    if exercise_id == "ex2_3_3":
        assert checks[1] == "tensor(False)"          # a random C is not symmetric itself


def test_len_is_the_length_of_axis_0():
    assert [line.output for line in _lines("ex2_3_4")][1:] == ["2", "torch.Size([2, 3, 4])"]
    lines = _lines("ex2_3_5")
    assert lines[0].output == lines[1].output == "[2, 5, 3]"
    assert lines[2].error == "TypeError: len() of a 0-d tensor"


def test_row_normalisation_error_and_fix():
    lines = {line.code: line for line in _lines("ex2_3_6")}
    assert lines["A / A.sum(axis=1)"].error == (
        "RuntimeError: The size of tensor a (4) must match the size of tensor b (5) "
        "at non-singleton dimension 1")
    assert lines["A.sum(axis=1, keepdims=True).shape"].output == "torch.Size([5, 1])"
    assert lines["(A / A.sum(axis=1, keepdims=True)).sum(axis=1)"].output == \
        "tensor([1., 1., 1., 1., 1.])"


def test_sums_show_the_true_outputs_not_D():
    lines = _lines("ex2_3_7")
    assert lines[-1].output == "(torch.Size([3, 4]), torch.Size([2, 4]), torch.Size([2, 3]))"
    assert lines[1].output.startswith("tensor([[12., 14., 16., 18.],")
    assert "23." not in "".join(line.output for line in lines[1:])   # D's last entry


def test_norm_of_a_3_axis_tensor_is_the_l2_of_all_entries():
    lines = _lines("ex2_3_8")
    expected = f"tensor({np.sqrt((np.arange(24.0) ** 2).sum()):.4f})"
    assert [line.output for line in lines[1:4]] == [expected] * 3
    assert lines[4].output == f"tensor({np.sqrt(120):.4f})"


def test_render_reads_like_a_console():
    text = ex.render(_lines("ex2_3_4"))
    assert text.splitlines()[:3] == [">>> X = torch.arange(24).reshape(2, 3, 4)", ">>> len(X)", "2"]


def _torch_transcript(torch, exercise):
    """The same lines run with real PyTorch, printed as a console would."""
    env = {"torch": torch}
    lines = []
    for code in exercise.lines:
        try:
            try:
                compiled = compile(code, "<oracle>", "eval")
            except SyntaxError:
                exec(code, env)
                lines.append(ex.TranscriptLine(code, "", None))
                continue
            lines.append(ex.TranscriptLine(code, repr(eval(compiled, env)), None))
        except Exception as exc:  # noqa: BLE001 - the oracle reports whatever torch raises
            lines.append(ex.TranscriptLine(code, "", f"{type(exc).__name__}: {exc}"))
    return tuple(lines)


@pytest.mark.oracle
@pytest.mark.parametrize("exercise", [e for e in ex.EXERCISES if e.number not in (2, 3)],
                         ids=lambda e: e.id)
def test_transcripts_match_pytorch(exercise):
    torch = pytest.importorskip("torch")
    assert ex.transcript(exercise) == _torch_transcript(torch, exercise)
