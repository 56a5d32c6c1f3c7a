from __future__ import annotations

import numpy as np
import pytest

from graph.graph_tapes import broadcast_tape, chain_tape, dot_tape
from tutor_app.graph.build import build_graph
from tutor_app.graph.frames import build_timeline

X, Y = ("value", 1), ("value", 4)


def _timeline(tape, output=4, names=None):
    graph = build_graph(tape, output=output, names=names or {1: "x", 4: "y"})
    return build_timeline(graph, tape)


def test_one_forward_frame_per_op_values_appear_in_order():
    tl = _timeline(dot_tape())
    phases = [f.phase for f in tl]
    assert phases[:3] == ["start", "forward", "forward"]
    assert phases.count("forward") == 2
    start, dot, mul = tl[0], tl[1], tl[2]
    assert start.shown(X) and not start.shown(("value", 2)) and not start.shown(Y)
    assert dot.shown(("value", 2)) and not dot.shown(Y)
    assert mul.shown(Y)
    assert ("op", 0) in dot.active_nodes and X in dot.active_nodes
    assert "t1 = dot(x, x)" in dot.caption_in("en") and "14" in dot.caption_in("en")
    assert "y = 2 × t1" in mul.caption_in("en")  # a wrapped scalar is named by its value
    assert "前向" in mul.caption_in("zh")


def test_last_backward_frame_holds_the_engine_gradients_on_every_leaf():
    tape = dot_tape()
    tl = _timeline(tape)
    last = tl[-1]
    assert last.phase == "done"
    np.testing.assert_array_equal(last.grad(X), tape.leaf_grads[-1].after)
    assert "x.grad = [0, 4, 8, 12]" in last.caption_in("en")


def test_backward_steps_carry_upstream_local_derivative_and_product():
    tl = _timeline(dot_tape())
    phases = [f.phase for f in tl]
    assert phases[3:] == ["seed", "backward", "backward", "accumulate", "done"]
    seed = tl[3]
    assert seed.grad(Y) == 1.0 and seed.grad(X) is None
    mul_step = tl[4]
    assert "∂y/∂t1 = 2, times upstream 1 = 2" in mul_step.caption_in("en")
    assert mul_step.edge_text((("value", 2), ("op", 1), 1)).endswith("= 2")
    dot_step = tl[5]  # first argument of x·x arrives, the second is an accumulation
    np.testing.assert_array_equal(dot_step.grad(X), [0, 2, 4, 6])
    acc = tl[6]
    np.testing.assert_array_equal(acc.grad(X), [0, 4, 8, 12])
    assert "[0, 2, 4, 6] + [0, 2, 4, 6] = [0, 4, 8, 12]" in acc.caption_in("en")


def test_frames_are_complete_states_so_seeking_back_restores_everything():
    tl = _timeline(dot_tape())
    assert tl[2].grad(X) is None and tl[2].edge_text((X, ("op", 0), 0)) is None
    assert tl[-1].shown(Y)
    assert tl[0] == tl[0] and tl[-1].index == len(tl) - 1
    with pytest.raises(IndexError):
        tl[len(tl)]


def test_second_backward_shows_accumulation_and_zero_resets():
    tape = dot_tape(backwards=2)
    tl = _timeline(tape)
    assert [f.phase for f in tl].count("seed") == 2
    second_seed = [f for f in tl if f.phase == "seed"][1]
    np.testing.assert_array_equal(second_seed.grad(X), [0, 4, 8, 12])
    assert "already hold" in second_seed.caption_in("en")
    np.testing.assert_array_equal(tl[-1].grad(X), [0, 8, 16, 24])
    assert "accumulated" in tl[-1].caption_in("en")
    zeroed = _timeline(dot_tape(backwards=2, zero_between=True))
    np.testing.assert_array_equal(zeroed[-1].grad(X), [0, 4, 8, 12])


def test_broadcast_sum_is_its_own_step():
    tape = broadcast_tape()
    graph = build_graph(tape, output=13, names={10: "A", 11: "b", 13: "L"})
    tl = build_timeline(graph, tape)
    phases = [f.phase for f in tl]
    assert "reduce" in phases
    reduce = tl[phases.index("reduce")]
    assert "(2, 3)" in reduce.caption_in("en") and "(3,)" in reduce.caption_in("en")
    np.testing.assert_array_equal(reduce.grad(("value", 11)), [2, 2, 2])
    before = tl[phases.index("reduce") - 1]
    assert before.grad(("value", 11)) is None
    np.testing.assert_array_equal(tl[-1].grad(("value", 11)), [2, 2, 2])
    np.testing.assert_array_equal(tl[-1].grad(("value", 10)), np.ones((2, 3)))


def test_touched_lists_what_changed_between_frames():
    tl = _timeline(dot_tape())
    nodes, _ = tl.touched(0, 1)
    assert ("value", 2) in nodes and Y not in nodes
    nodes, _ = tl.touched(len(tl) - 1, 0)
    assert X in nodes and Y in nodes


def test_forward_only_graph_has_no_backward_frames():
    tape = chain_tape(10)
    tl = build_timeline(build_graph(tape), tape)
    assert len(tl) == 11 and not any(f.is_backward for f in tl)


def test_passes_come_from_the_engines_pass_index_even_when_ops_do_not_repeat():
    import tutor_app.engine as torch
    from tutor_app.graph.build import build_graph, find_value

    with torch.record() as tape:
        x = torch.tensor([1.0, 2.0], requires_grad=True)
        y = (x * 2).sum()
        z = (x * 3).sum()
        y.backward()
        z.backward()  # visits other ops: only pass_index tells the two passes apart
    graph = build_graph(tape, names={x.uid: "x", y.uid: "y", z.uid: "z"})
    tl = build_timeline(graph, tape)
    dones = [f for f in tl if f.phase == "done"]
    assert [f.phase for f in tl].count("seed") == 2 and len(dones) == 2
    xn = find_value(graph, "x")
    np.testing.assert_array_equal(dones[0].grad(xn), [2.0, 2.0])
    np.testing.assert_array_equal(dones[1].grad(xn), [5.0, 5.0])
    assert "Backward pass 2" in dones[1].caption_in("en")
