"""Answers typed as text are read the way learners write them, and never executed."""

from __future__ import annotations

import pytest

from tutor_app.exercises.answers import parse_axis, parse_choices, parse_number, parse_shapes


@pytest.mark.parametrize(("text", "axis"), [
    ("0", 0), ("axis 0", 0), ("Axis 0.", 0), ("第0维", 0), ("第一个轴", 0), ("最外层的轴", 0),
    ("dim 0", 0), ("the outermost axis", 0), ("axis=0", 0), ("X.shape[0]", 0),
    ("是，总是第 0 轴", 0), ("0（最外层）", 0), ("第二个轴", 1), ("第1维", 1), ("-1", -1),
    ("the last axis", -1), ("最内层", -1),
    ("False", None), ("True", None), ("not axis 1 but axis 0", None), ("because", None),
])
def test_axes(text, axis):
    assert parse_axis(text) == axis


@pytest.mark.parametrize(("text", "shapes"), [
    ("（3，4，2）", [(3, 4, 2)]), ("3×4×2", [(3, 4, 2)]), ("3 4 2", [(3, 4, 2)]),
    ("torch.Size([3, 4, 2])", [(3, 4, 2)]), ("形状是 (3, 4, 2)", [(3, 4, 2)]),
    ("(3,4),(2,4),(2,3)", [(3, 4), (2, 4), (2, 3)]), ("3x4, 2x4, 2x3", [(3, 4), (2, 4), (2, 3)]),
    ("axis 0: (3, 4), axis 1: (2, 4), axis 2: (2, 3)", [(3, 4), (2, 4), (2, 3)]),
    ("沿轴0求和 (3,4)，沿轴1 (2,4)，沿轴2 (2,3)", [(3, 4), (2, 4), (2, 3)]),
    ("()", [()]), ("a + b", None), ("because", None), ("", None),
])
def test_shapes(text, shapes):
    assert parse_shapes(text) == shapes


@pytest.mark.parametrize(("text", "number"), [
    ("7", 7.0), ("答：7", 7.0), ("tensor(7.)", 7.0), ("七", 7.0), ("seven", 7.0),
    ("2（第 0 轴的长度）", 2.0), ("len(X) = 2", 2.0), ("it returns 2", 2.0),
    ("6 个", 6.0), ("6 ops", 6.0), ("7 blocks", 7.0), ("2 * x", None), ("2 x", None),
    ("1/4", 0.25), ("-3 / 2", -1.5), ("1/0", None), ("x = y", None), ("True", None),
    ("2 because axis 0 has 2 entries", None),
    ("2 because it is", 2.0), ("area 5", 5.0), ("面积是 5", 5.0), ("面积 5", 5.0),
    ("5,505,024", 5505024.0), ("x 2 y", None),
])
def test_numbers(text, number):
    assert parse_number(text) == number


@pytest.mark.parametrize(("text", "chosen"), [
    ("A, C", {0, 2}), ("ac", {0, 2}), ("1 3", {0, 2}), ("①③", {0, 2}), ("A和C", {0, 2}),
    ("选 B", {1}), ("because", None), ("F", None),
])
def test_choices(text, chosen):
    result = parse_choices(text, 5)
    assert (None if result is None else set(result)) == chosen
