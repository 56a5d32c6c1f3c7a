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
