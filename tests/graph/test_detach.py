"""``detach()`` and ``no_grad()`` cut the graph visibly: dashed edges, no gradient through them."""

from __future__ import annotations

import numpy as np

import tutor_app.engine as torch
from tutor_app.graph.build import DETACH, build_graph, find_value
from tutor_app.graph.frames import build_timeline


def _detached_program():
    with torch.record() as tape:
        x = torch.arange(4.0, requires_grad=True)
        y = x * x
        u = y.detach()
        z = (u * x).sum()
        z.backward()
    names = {x.uid: "x", y.uid: "y", u.uid: "u", z.uid: "z"}
    return tape, build_graph(tape, output=z.uid, names=names), x


def test_detach_is_an_op_node_with_cut_edges_and_a_leaf_output():
    tape, graph, _ = _detached_program()
    y, u = find_value(graph, "y"), find_value(graph, "u")
    (op,) = [n for n, d in graph.nodes(data=True) if d.get("op") == DETACH]
    assert graph.has_edge(y, op) and graph.has_edge(op, u)  # connected, not a lone leaf
    assert graph.edges[y, op, 0]["cut"] and graph.edges[op, u, "out"]["cut"]
    assert graph.nodes[u]["is_leaf"] and not graph.nodes[u]["requires_grad"]


def test_detach_forward_step_says_cut_and_backward_never_reaches_it():
    tape, graph, x = _detached_program()
    tl = build_timeline(graph, tape)
    (op,) = [n for n, d in graph.nodes(data=True) if d.get("op") == DETACH]
    step = next(f for f in tl if f.phase == "forward" and op in f.active_nodes)
    assert "u = y.detach()" in step.caption_in("en") and "✂" in step.caption_in("zh")
    y = find_value(graph, "y")
    for f in tl:
        if f.is_backward:
            assert op not in f.active_nodes
            assert f.grad(y) is None  # nothing flowed back through the cut
            assert f.edge_text((y, op, 0)) is None
    np.testing.assert_array_equal(tl[-1].grad(find_value(graph, "x")), x.grad.numpy())


def test_detached_leaf_that_requires_grad_shows_its_own_grad():
    with torch.record() as tape:
        x = torch.tensor([1.0, 2.0], requires_grad=True)
        u = (x * 3).detach().requires_grad_()
        z = (u * x).sum()
        z.backward()
    graph = build_graph(tape, output=z.uid, names={x.uid: "x", u.uid: "u", z.uid: "z"})
    tl = build_timeline(graph, tape)
    last = tl[-1]
    np.testing.assert_array_equal(last.grad(find_value(graph, "u")), u.grad.numpy())
    np.testing.assert_array_equal(last.grad(find_value(graph, "x")), x.grad.numpy())
    (op,) = [n for n, d in graph.nodes(data=True) if d.get("op") == DETACH]
    assert all(d["cut"] for _, _, d in graph.in_edges(op, data=True))
    assert all(d["cut"] for _, _, d in graph.out_edges(op, data=True))


def test_no_grad_result_is_cut_and_gets_no_gradient():
    with torch.record() as tape:
        x = torch.ones(3, requires_grad=True)
        with torch.no_grad():
            w = x * 2
        z = (w * x).sum()
        z.backward()
    graph = build_graph(tape, output=z.uid, names={x.uid: "x", w.uid: "w", z.uid: "z"})
    w_node = find_value(graph, "w")
    assert all(d["cut"] for _, _, d in graph.in_edges(w_node, data=True))
    (op,) = graph.predecessors(w_node)
    assert all(d["cut"] for _, _, d in graph.in_edges(op, data=True))
    tl = build_timeline(graph, tape)
    assert all(f.grad(w_node) is None for f in tl)
