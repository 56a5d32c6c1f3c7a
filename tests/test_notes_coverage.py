"""Every topic, exercise and code line of the learner's notes is reachable in the app.

The notes (shared/seed/learner-notes-d2l-ch1-2.md) are not part of the repository, so their
code lines, printed outputs, headings and exercises are restated here. Where the notes are
wrong (exercise 7 prints D itself; ``m`` is created but ``x`` is used), the test holds the
app to the true behaviour.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from tutor_app.exercises.model import for_lesson
from tutor_app.lessons.base import load_all
from tutor_app.sandbox import run


def _all_text(lang: str) -> str:
    return "\n".join(spec.body_in(lang) + spec.try_it_in(lang) for spec in load_all())


# (topic in the notes, words that must appear in some lesson's zh text)
NOTES_TOPICS_ZH = [
    ("机器学习->深度学习", ["机器学习", "深度学习"]),
    ("application list", ["图片分类", "物体检测", "分割", "样式迁移", "人脸合成", "文字生成图片",
                          "GPT-3", "无人驾驶", "广告点击"]),
    ("broadcast广播机制", ["广播"]),
    ("点乘的空间意义", ["投影"]),
    ("叉乘", ["右手定则", "平行四边形", "行列式"]),
    ("范数", ["范数"]),
    ("指定求和汇总张量的轴", ["keepdims"]),
    ("梯度的几何意义", ["等高线", "梯度"]),
    ("分子式/分母式", ["分子布局", "分母布局"]),
    ("2.4 计算图", ["计算图"]),
    ("公式/数值/自动求导", ["数值", "自动求导"]),
    ("正向累积/反向累积", ["正向累积", "反向累积"]),
    ("梯度会积累", ["x.grad.zero_()"]),
    ("隐式构造和显式构造", ["隐式", "显式"]),
]


@pytest.mark.parametrize(("topic", "words"), NOTES_TOPICS_ZH, ids=[t for t, _ in NOTES_TOPICS_ZH])
def test_every_topic_of_the_notes_is_taught(topic, words):
    text = _all_text("zh")
    missing = [w for w in words if w not in text]
    assert not missing, f"notes topic {topic!r}: no lesson mentions {missing}"


def test_the_notes_eight_exercises_are_checkable():
    ids = {exercise.id for exercise in for_lesson("exercises_2_3")}
    assert {f"ex2_3_{k}" for k in range(1, 9)} <= ids


def _session(lines: str, env: dict | None = None):
    """The lines typed into the console one at a time (each echoes, as at a REPL); a
    pasted multi-line cell would echo only its last expression, as a notebook does."""
    env = {} if env is None else env
    outputs = []
    for line in lines.strip("\n").split("\n"):
        result = run(line, env)
        assert result.ok, result.error
        outputs.append(result.output)
    return replace(result, output="".join(outputs))


def test_exercise_1_prints_a_tensor_of_true():
    out = _session("A = torch.arange(20).reshape(5, 4)\nA == A.T.T").output
    assert out.startswith("tensor([[True, True, True, True],")
    assert out.count("True") == 20


def test_exercise_6_fails_with_the_notes_error():
    result = run("A = torch.arange(20, dtype=torch.float32).reshape(5, 4)\nA / A.sum(axis=1)")
    assert not result.ok
    assert result.error.endswith(
        "RuntimeError: The size of tensor a (4) must match the size of tensor b (5) "
        "at non-singleton dimension 1")
    fixed = _session("A = torch.arange(20, dtype=torch.float32).reshape(5, 4)\n"
                     "(A / A.sum(axis=1, keepdims=True)).sum(axis=1)").output
    assert fixed == "tensor([1., 1., 1., 1., 1.])\n"


def test_exercise_7_gives_the_three_sums_not_d_itself():
    out = _session("D = torch.arange(24, dtype=torch.float32).reshape(2, 3, 4)\n"
                   "D.sum(axis=0).shape, D.sum(axis=1).shape, D.sum(axis=2).shape").output
    assert out == "(torch.Size([3, 4]), torch.Size([2, 4]), torch.Size([2, 3]))\n"


def test_exercise_4_and_8():
    out = _session("X = torch.arange(24, dtype=torch.float32).reshape(2, 3, 4)\n"
                   "len(X)\ntorch.linalg.norm(X)").output
    assert out == "2\ntensor(65.7571)\n"


def test_the_notes_autograd_flow_prints_what_the_notes_show():
    out = _session("m = torch.arange(4, dtype=torch.float32)\n"
                   "m.requires_grad_(True)\n"
                   "m\n").output
    assert out == "tensor([0., 1., 2., 3.], requires_grad=True)\n" * 2
    # The notes create m but use x: the app teaches it with x throughout.
    result = _session("x = torch.arange(4.0)\nx.requires_grad_(True)\n"
                      "y = 2 * torch.dot(x, x)\ny\ny.backward()\nx.grad")
    assert result.output.endswith("tensor(28., grad_fn=<MulBackward0>)\n"
                                  "tensor([ 0.,  4.,  8., 12.])\n")
    accumulated = _session("y = 2 * torch.dot(x, x)\ny.backward()\nx.grad\nx.grad.zero_()",
                           result.env)
    assert accumulated.output == ("tensor([ 0.,  8., 16., 24.])\n"
                                  "tensor([0., 0., 0., 0.])\n")
