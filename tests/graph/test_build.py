from __future__ import annotations

import numpy as np
import pytest

from graph.graph_tapes import broadcast_tape, dot_tape
from tutor_app.graph.build import (
    GraphBuildError,
    build_graph,
    find_value,
    op_inputs,
    op_output,
    ops_in_order,
)


def test_dot_graph_has_value_and_op_nodes_with_records():
    g = build_graph(dot_tape(), output=4, names={1: "x", 4: "y"})
    kinds = sorted(d["kind"] for _, d in g.nodes(data=True))
    assert kinds == ["op", "op", "value", "value", "value", "value"]
    x = g.nodes[("value", 1)]
    assert (x["name"], x["shape"], x["is_leaf"]) == ("x", (4,), True)
    np.testing.assert_array_equal(x["value"], [0, 1, 2, 3])
    mul = g.nodes[("op", 1)]
    assert (mul["grad_fn"], mul["label"], mul["formula"]) == ("MulBackward0", "×", "out = a · b")
    assert g.nodes[("value", 2)]["name"] == "t1"  # unnamed intermediates get t1, t2, ...


def test_duplicate_arguments_keep_two_edges_in_argument_order():
    g = build_graph(dot_tape(), output=4)
    dot = ("op", 0)
    assert op_inputs(g, dot) == [(("value", 1), 0), (("value", 1), 1)]
    assert g.number_of_edges(("value", 1), dot) == 2
    assert op_output(g, dot) == ("value", 2)
    assert ops_in_order(g) == [("op", 0), ("op", 1)]


def test_constant_edge_is_marked_cut_and_tracked_edge_is_not():
    g = build_graph(dot_tape(), output=4)
    assert g.edges[("value", 3), ("op", 1), 0]["cut"]
    assert not g.edges[("value", 2), ("op", 1), 1]["cut"]
    assert g.nodes[("value", 3)]["constant"]


def test_output_keeps_only_its_ancestors():
    g = build_graph(broadcast_tape(), output=12)
    assert ("op", 1) not in g and ("value", 13) not in g
    assert len(build_graph(broadcast_tape())) == 6


def test_unknown_output_is_a_clear_error():
    with pytest.raises(GraphBuildError, match="not on the tape"):
        build_graph(dot_tape(), output=99)


def test_find_value_by_name():
    g = build_graph(dot_tape(), names={1: "x", 4: "y"})
    assert find_value(g, "y") == ("value", 4)
    assert find_value(g, "nope") is None
