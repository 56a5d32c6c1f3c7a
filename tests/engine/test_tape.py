"""The tape the graph lab reads: records, backward events, leaf accumulation, no cost outside."""

from __future__ import annotations

import numpy as np

import tutor_app.engine as torch
from tutor_app.engine import hooks
from tutor_app.engine.tape import BackwardEvent, OpRecord, Tape, ValueRecord


def test_notes_example_on_the_tape():
    x = torch.arange(4.0, requires_grad=True)
    with torch.record() as tape:
        y = 2 * torch.dot(x, x)
        y.backward()
    assert isinstance(tape, Tape)
    dot, mul = tape.ops
    assert isinstance(dot, OpRecord) and dot.op == "dot" and dot.grad_fn == "DotBackward0"
    assert dot.inputs == (x.uid, x.uid)  # x · x keeps both edges
    assert mul.inputs[1] == dot.output and mul.output == y.uid
    assert mul.formula == torch.OPS["mul"].formula
    two = tape.values[mul.inputs[0]]
    assert isinstance(two, ValueRecord) and two.value == 2.0 and two.is_leaf
    assert tape.values[x.uid].requires_grad and tape.values[x.uid].dtype == "torch.float32"
    assert tape.values[y.uid].grad_fn == "MulBackward0" and tape.values[y.uid].shape == ()
    assert [e.op_index for e in tape.backward] == [1, 0]
    mul_event, dot_event = tape.backward
    assert isinstance(mul_event, BackwardEvent)
    assert mul_event.upstream == 1.0 and mul_event.products[0] is None  # constant 2: no grad
    assert mul_event.products[1] == 2.0 and mul_event.local[1] == "∂out/∂b = a"
    np.testing.assert_array_equal(dot_event.products[0], [0.0, 2.0, 4.0, 6.0])
    (event,) = tape.leaf_grads  # both edges meet first: one accumulation per backward
    assert event.uid == x.uid and event.before is None and event.after.tolist() == [0, 4, 8, 12]


def test_broadcast_reduction_is_reported():
    a = torch.ones(2, 3)
    b = torch.ones(3, requires_grad=True)
    with torch.record() as tape:
        (a * b).sum().backward()
    mul_event = tape.backward[1]
    assert mul_event.reductions == (None, ((2, 3), (3,)))
    assert mul_event.products[1].shape == (2, 3) and mul_event.reduced[1].shape == (3,)
    np.testing.assert_array_equal(mul_event.reduced[1], [2.0, 2.0, 2.0])


def test_records_are_copies():
    x = torch.zeros(2)
    with torch.record() as tape:
        y = x + 1
    y += 5
    assert y.tolist() == [6.0, 6.0]
    assert tape.values[y.uid].value.tolist() == [1.0, 1.0]


def test_nothing_recorded_outside_and_hooks_idle():
    with torch.record() as tape:
        pass
    x = torch.ones(2, requires_grad=True)
    (x * 3).sum().backward()
    assert tape.ops == [] and tape.backward == [] and tape.leaf_grads == []
    assert hooks.STATE.active is False


def test_backward_of_graph_built_outside_emits_no_events():
    x = torch.ones(2, requires_grad=True)
    y = (x * 3).sum()
    with torch.record() as tape:
        y.backward()
    assert tape.backward == [] and len(tape.leaf_grads) == 1


def test_detach_is_on_the_tape_as_a_cut_and_stays_a_leaf():
    x = torch.arange(3.0, requires_grad=True)
    with torch.record() as tape:
        y = x * 2
        u = y.detach()
        z = (u * x).sum()
        z.backward()
    assert u.grad_fn is None and u.is_leaf and not u.requires_grad  # as PyTorch
    mul, detach, _, _ = tape.ops
    assert detach.op == "detach" and detach.inputs == (y.uid,) and detach.output == u.uid
    assert "✂" in detach.label and detach.grad_fn == ""
    assert tape.values[u.uid].is_leaf and tape.values[u.uid].grad_fn is None
    assert detach.index not in [e.op_index for e in tape.backward]  # nothing flows back
    assert mul.index not in [e.op_index for e in tape.backward]
    np.testing.assert_array_equal(x.grad.numpy(), [0.0, 2.0, 4.0])


def test_detach_in_place_gets_a_new_uid_and_a_record():
    x = torch.ones(2, requires_grad=True)
    with torch.record() as tape:
        y = x * 3
        old = y.uid
        assert y.detach_() is y
    (_, detach) = tape.ops
    assert detach.op == "detach" and detach.inputs == (old,) and detach.output == y.uid != old
    assert tape.values[old].grad_fn == "MulBackward0" and tape.values[y.uid].is_leaf
    assert y.grad_fn is None and not y.requires_grad


def test_detach_outside_record_records_nothing():
    x = torch.ones(2, requires_grad=True)
    u = x.detach()
    assert not hooks.STATE.active and u.grad_fn is None
    assert np.shares_memory(u.numpy(), x.detach().numpy())


def test_requires_grad_set_after_first_record_is_refreshed():
    with torch.record() as tape:
        u = torch.ones(2) * 2
        u.requires_grad_()
        (u * u).sum()
    assert tape.values[u.uid].requires_grad


def test_backward_events_carry_the_pass_number():
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    with torch.record() as tape:
        y = (x * 2).sum()
        z = (x * 3).sum()
        y.backward()
        z.backward()
        x.backward(torch.ones(2))  # a leaf: only a LeafGradEvent, still its own pass
    assert tape.backward_calls == 3
    assert [e.pass_index for e in tape.backward] == [0, 0, 1, 1]
    assert [e.pass_index for e in tape.leaf_grads] == [0, 1, 2]
    assert tape.leaf_grads[2].before.tolist() == [5.0, 5.0]
    assert BackwardEvent(0, np.ones(()), (), (), (), ()).pass_index == 0  # default kept
