"""The picture is the truth: values drawn are the values the engine used at that step, and a
backward pass that raised is drawn as failed, with the gradients the engine left."""

from __future__ import annotations

import numpy as np

from tutor_app.graph.build import find_value
from tutor_app.lessons import graph_lab as logic

REGRESSION = """\
x = torch.tensor([1.0, 2.0, 3.0])
y = torch.tensor([2.0, 4.0, 6.0])
w = torch.zeros(1, requires_grad=True)
b = torch.zeros(1, requires_grad=True)
for epoch in range(3):
    loss = ((w * x + b - y) ** 2).mean()
    loss.backward()
    with torch.no_grad():
        w -= 0.1 * w.grad
        b -= 0.1 * b.grad
        w.grad.zero_()
        b.grad.zero_()
"""


def _timeline(source: str, output: str | None = None):
    run = logic.run_program(source)
    graph, timeline, problem = logic.graph_for(run, output)
    assert problem is None, problem
    return run, graph, timeline


def test_in_place_updates_under_no_grad_draw_the_values_the_last_epoch_used():
    run, graph, _tl = _timeline(REGRESSION, "loss")
    w, b = find_value(graph, "w"), find_value(graph, "b")
    # replay the program in numpy: the values of w and b when the third epoch began
    xs, ys = np.array([1.0, 2.0, 3.0]), np.array([2.0, 4.0, 6.0])
    wv = bv = 0.0
    for _ in range(2):
        r = wv * xs + bv - ys
        wv, bv = wv - 0.1 * np.mean(2 * r * xs), bv - 0.1 * np.mean(2 * r)
    assert run.error is None
    np.testing.assert_allclose(graph.nodes[w]["value"], [wv], rtol=1e-5)
    np.testing.assert_allclose(graph.nodes[b]["value"], [bv], rtol=1e-5)
    assert bv != 0.0


def test_mul_in_place_is_a_new_value_node():
    source = ("w = torch.tensor([1.0, 2.0], requires_grad=True)\n"
              "a = (w * 3).sum()\nwith torch.no_grad():\n    w.mul_(2)\n"
              "c = (w * 3).sum()\n")
    run, graph_c, _tl = _timeline(source, "c")
    np.testing.assert_array_equal(graph_c.nodes[find_value(graph_c, "w")]["value"], [2, 4])
    graph_a, _tl, _problem = logic.graph_for(run, "a")
    leaves = [d["value"] for _, d in graph_a.nodes(data=True)
              if d["kind"] == "value" and d["requires_grad"] and d["is_leaf"]]
    assert len(leaves) == 1
    np.testing.assert_array_equal(leaves[0], [1, 2])   # what a was computed from


def test_second_backward_fails_with_the_engine_message_and_keeps_the_gradient():
    run, graph, tl = _timeline("x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)\n"
                               "y = (x ** 2).sum()\ny.backward()\ny.backward()\n")
    assert run.error
    last = tl[-1]
    assert last.phase == "failed"
    assert "Trying to backward through the graph a second time" in last.caption_in("en")
    assert "Traceback" not in last.caption_in("en")
    x = find_value(graph, "x")
    np.testing.assert_array_equal(last.grad(x), [2, 4, 6])
    seed2 = [f for f in tl if f.phase == "seed"][1]
    np.testing.assert_array_equal(seed2.grad(x), [2, 4, 6])   # the seed wipes no .grad


def test_a_completed_pass_followed_by_another_error_is_not_marked_failed():
    _run, _graph, tl = _timeline("x = torch.tensor([1.0, 2.0], requires_grad=True)\n"
                                 "y = (x * x).sum()\ny.backward()\nz = undefined_name + 1\n", "y")
    assert tl[-1].phase == "done"


def test_a_backward_that_raises_before_any_step_is_shown_failed():
    _run, graph, tl = _timeline("x = torch.tensor([1.0, 2.0], requires_grad=True)\n"
                                "y = (x * x).sum()\ny.backward(retain_graph=True)\n"
                                "with torch.no_grad():\n    x.mul_(2)\n"
                                "y.backward()\n", "y")
    assert tl[-1].phase == "failed"
    assert "modified by an inplace operation" in tl[-1].caption_in("en")
    x = find_value(graph, "x")
    np.testing.assert_array_equal(tl[-1].grad(x), [2, 4])


def test_manual_seed_prints_as_pytorch_does():
    # a notebook cell echoes its last expression only, so the seed goes last here
    run = logic.run_program("x = torch.randn(2)\ntorch.manual_seed(0)\n")
    assert run.output.startswith("<torch._C.Generator object at 0x")
