from __future__ import annotations

import numpy as np

from graph.graph_tapes import chain_tape, dot_tape
from tutor_app.graph.build import build_graph
from tutor_app.graph.layout import layered_layout, layers


def test_layout_is_deterministic_and_layered_left_to_right():
    g = build_graph(chain_tape(60, width=4))
    first, second = layered_layout(g), layered_layout(build_graph(chain_tape(60, width=4)))
    assert first.keys() == second.keys()
    for node in first:
        np.testing.assert_array_equal(first[node], second[node])
    for u, v in g.edges():
        assert first[u][0] < first[v][0]  # every edge points right


def test_positions_are_on_a_unit_grid_without_collisions():
    g = build_graph(chain_tape(40, width=3))
    pos = layered_layout(g)
    points = {tuple(np.round(p, 6)) for p in pos.values()}
    assert len(points) == len(pos)
    xs = sorted({p[0] for p in points})
    assert xs == list(range(len(xs)))


def test_leaves_sit_just_before_their_first_use():
    g = build_graph(dot_tape(), output=4)
    lay = layers(g)
    assert lay[("value", 3)] == lay[("op", 1)] - 1  # the constant 2 next to its ×
    assert lay[("value", 1)] == 0


def test_empty_graph_has_no_positions():
    import networkx as nx

    assert layered_layout(nx.MultiDiGraph()) == {}


def test_a_long_graph_wraps_into_bands_as_wide_as_asked():
    from tutor_app.graph.layout import display_layout

    g = build_graph(chain_tape(60, width=1))
    flat = display_layout(g)
    wrapped = display_layout(g, max_columns=12)
    assert max(p[0] for p in flat.values()) > 30
    assert max(p[0] for p in wrapped.values()) <= 11
    for u, v in g.edges():   # within a band data flows left to right; bands go down
        a, b = wrapped[u], wrapped[v]
        assert b[0] > a[0] or b[1] < a[1]
    wide = display_layout(g, max_columns=200)   # fits: not wrapped
    assert all(np.array_equal(flat[n], wide[n]) for n in flat)


def test_side_branches_sit_just_before_their_first_use():
    import tutor_app.engine as torch

    with torch.record() as tape:
        x = torch.tensor([1.0, 2.0], requires_grad=True)
        s = x * 0
        for k in range(4):
            s = s + x * k
    g = build_graph(tape, output=s.uid)
    lay = layers(g)
    for op, d in g.nodes(data=True):
        if d["kind"] == "op" and d["op"] == "mul":
            out = next(iter(g.successors(op)))
            use = next(iter(g.successors(out)), None)
            if use is not None:
                assert lay[out] == lay[use] - 1   # x * k right before the + that uses it
