"""The graph model on tapes the real engine recorded."""

from __future__ import annotations

import numpy as np
import pytest

import tutor_app.engine as torch
from tutor_app.graph.build import build_graph, find_value
from tutor_app.graph.frames import build_timeline


def _run(program):
    with torch.record() as tape:
        env = program()
    names = {t.uid: k for k, t in env.items() if isinstance(t, torch.Tensor)}
    return tape, env, names


def _notes_flow():
    x = torch.arange(4.0)
    x.requires_grad_(True)
    y = 2 * torch.dot(x, x)
    y.backward()
    return {"x": x, "y": y}


def _broadcast_and_fan_out():
    A = torch.ones(2, 3, requires_grad=True)
    b = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
    s = (A * b + b).sum()
    s.backward()
    return {"A": A, "b": b, "s": s}


def _twice_then_zero():
    x = torch.tensor([1.0, -2.0], requires_grad=True)
    y = (x * x).sum()
    y.backward(retain_graph=True)
    y.backward(retain_graph=True)
    x.grad.zero_()
    y.backward()
    return {"x": x, "y": y}


@pytest.mark.parametrize("program, output", [(_notes_flow, "y"), (_broadcast_and_fan_out, "s"),
                                             (_twice_then_zero, "y")])
def test_last_frame_holds_the_engines_leaf_gradients(program, output):
    tape, env, names = _run(program)
    graph = build_graph(tape, output=env[output].uid, names=names)
    tl = build_timeline(graph, tape)
    last = tl[-1]
    assert last.phase == "done"
    for name, t in env.items():
        if t.is_leaf and t.requires_grad:
            np.testing.assert_array_equal(last.grad(find_value(graph, name)), t.grad.numpy())
    assert sum(f.phase == "forward" for f in tl) == len(tape.ops)


def test_notes_flow_graph_shape_and_captions():
    tape, env, names = _run(_notes_flow)
    graph = build_graph(tape, output=env["y"].uid, names=names)
    x = find_value(graph, "x")
    dot = next(n for n, d in graph.nodes(data=True) if d.get("op") == "dot")
    assert graph.number_of_edges(x, dot) == 2
    tl = build_timeline(graph, tape)
    assert "x.grad = [0, 4, 8, 12]" in tl[-1].caption_in("en")
    assert "y = 2 × t1" in tl[2].caption_in("en")


def test_broadcast_reduction_and_accumulation_steps_from_the_engine():
    tape, env, names = _run(_broadcast_and_fan_out)
    tl = build_timeline(build_graph(tape, output=env["s"].uid, names=names), tape)
    phases = [f.phase for f in tl]
    assert "reduce" in phases and "accumulate" in phases


def test_no_grad_cuts_the_graph():
    with torch.record() as tape:
        x = torch.ones(3, requires_grad=True)
        with torch.no_grad():
            q = x * 3
    graph = build_graph(tape, output=q.uid, names={x.uid: "x", q.uid: "q"})
    x_node = find_value(graph, "x")
    assert all(d["cut"] for _, _, d in graph.out_edges(x_node, data=True))
    tl = build_timeline(graph, tape)
    assert "✂" in tl[1].caption_in("en") and "✂" in tl[1].caption_in("zh")
