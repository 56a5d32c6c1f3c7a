"""Deterministic layered positions: topological generations laid out by multipartite_layout.

Data flows left to right, one column per layer, one unit between columns and rows. Leaves
and constants are pulled right to sit just before their first use, and each column is
ordered by the mean row of its predecessors (one barycentre sweep), which removes most
crossings at almost no cost. Spring layouts are not an option: ≈ 15 s at 2,000 nodes.

``display_layout`` adds *echoes*: a value used far to the right of where it sits (``x`` in
every iteration of a loop, a tensor used ten times) is drawn again, as a dashed copy, just
before each far use. The copy is the same tensor (same name, value and gradient); it turns
a bundle of long arcs back to one node into short edges, so every step's inputs sit next
to its op and a long program can be followed at a readable scale.
"""

from __future__ import annotations

import networkx as nx
import numpy as np

from tutor_app.graph.gcpause import gc_paused


def layers(graph: nx.MultiDiGraph) -> dict[object, int]:
    """The column of every node: as late as its first use allows.

    Sinks (the output) keep their topological generation; every other node moves right to
    the column just before its first use (leaves, and side branches such as ``x * k`` in a
    loop, which would otherwise pile up in the first columns far from where they are used).
    """
    layer: dict[object, int] = {}
    generations = list(nx.topological_generations(graph))
    for depth, generation in enumerate(generations):
        for node in generation:
            layer[node] = depth
    for generation in reversed(generations):
        for node in generation:
            if graph.out_degree(node) > 0:
                layer[node] = min(layer[s] for s in graph.successors(node)) - 1
    return layer


def _ordered_columns(graph: nx.MultiDiGraph, layer: dict[object, int]) -> dict[int, list]:
    """Nodes per column, each column sorted by the barycentre of its predecessors' rows."""
    columns: dict[int, list] = {}
    for node in graph.nodes:  # insertion (tape) order breaks ties deterministically
        columns.setdefault(layer[node], []).append(node)
    row: dict[object, float] = {}
    for depth in sorted(columns):
        nodes = columns[depth]
        tape_order = {n: i for i, n in enumerate(nodes)}

        def key(n, tape_order=tape_order):
            preds = [row[p] for p in graph.predecessors(n) if p in row]
            return (float(np.mean(preds)) if preds else float(tape_order[n]), tape_order[n])

        if depth > min(columns):
            nodes.sort(key=key)
        for i, n in enumerate(nodes):
            row[n] = i - (len(nodes) - 1) / 2
    return columns


def layered_layout(graph: nx.MultiDiGraph) -> dict[object, np.ndarray]:
    """Positions ``{node: array([x, y])}`` on a unit grid: x = column, y = row (top first)."""
    if len(graph) == 0:
        return {}
    with gc_paused():
        return _layout(graph)


def _layout(graph: nx.MultiDiGraph) -> dict[object, np.ndarray]:
    layer = layers(graph)
    columns = _ordered_columns(graph, layer)
    first = min(columns)
    # multipartite_layout wants consecutive keys; empty columns keep their width via x below.
    pos = nx.multipartite_layout(graph, subset_key=columns, align="vertical", scale=1)
    raw = np.array([pos[n] for n in graph.nodes])
    # multipartite_layout scales uniformly to [-1, 1]; undo it to get unit spacing.
    xs = np.unique(np.round(raw[:, 0], 9))
    unit = (xs[1] - xs[0]) if len(xs) > 1 else None
    if unit is None:
        ys = np.unique(np.round(raw[:, 1], 9))
        unit = (ys[1] - ys[0]) if len(ys) > 1 else 1.0
    return {n: np.array([float(layer[n] - first), -float(pos[n][1] / unit)])
            for n in graph.nodes}


ECHO_SPAN = 2   # a use more than this many columns right of its value is drawn from an echo


def echo_key(edge: tuple) -> tuple:
    """The display key of the echo that feeds ``edge`` (u, v, key)."""
    return ("echo", *edge)


def is_echo(node: object) -> bool:
    return isinstance(node, tuple) and len(node) == 4 and node[0] == "echo"


def far_edges(graph: nx.MultiDiGraph, layer: dict | None = None) -> list[tuple]:
    """Edges from a value to an op more than ``ECHO_SPAN`` columns to its right."""
    layer = layers(graph) if layer is None else layer
    return [e for e in graph.edges(keys=True)
            if graph.nodes[e[0]]["kind"] == "value" and layer[e[1]] - layer[e[0]] > ECHO_SPAN]


def display_layout(graph: nx.MultiDiGraph, max_columns: int | None = None,
                   max_rows: int | None = None) -> dict[object, np.ndarray]:
    """``layered_layout`` of ``graph`` with an echo (key ``echo_key(edge)``) before each
    far use, laid out as a leaf of its own: positions of every node and every echo.

    ``max_columns``: how many columns the canvas shows at a readable scale; a longer graph
    is wrapped into bands of at most that many columns, one under the other (``wrap``),
    which adds echoes at the start of a band for the values it takes from the band above.
    ``max_rows``: how many rows it shows; given, the number of bands is the one that lets
    the whole graph be shown at the largest scale (a short canvas gets fewer, wider bands).
    """
    if len(graph) == 0:
        return {}
    with gc_paused():
        far = far_edges(graph)
        if not far:
            return wrap(_layout(graph), max_columns, graph, max_rows)
        cut = set(far)
        shown = nx.MultiDiGraph()
        shown.add_nodes_from(graph.nodes(data=True))
        shown.add_edges_from(e for e in graph.edges(keys=True) if e not in cut)
        shown.add_edges_from((echo_key(e), e[1], e[2]) for e in far)
        return wrap(_layout(shown), max_columns, shown, max_rows)


BAND_GAP = 1.0      # rows between two bands of a wrapped graph (room for names and ∇)
WRAP_SLACK = 1.25   # a graph up to this much wider than the canvas is panned, not wrapped
FOLLOWED = 0.8      # a graph shown whole below this share of readable is followed instead


def wrap(pos: dict, max_columns: int | None, graph: nx.MultiDiGraph,
         max_rows: int | None = None) -> dict[object, np.ndarray]:
    """Wrap a long layered layout into bands like lines of text, one under the other
    (``BAND_GAP`` rows apart). Short graphs are returned unchanged.

    How many bands: with ``max_rows`` unknown, as few as keep each band within
    ``max_columns``; with it, the number that shows the whole graph at the largest scale
    (the canvas's shape decides: a wide short canvas gets two long bands, not four short
    ones it cannot show at once). See ``_bands`` for how a band is laid out.
    """
    if not pos or not max_columns or max_columns < 6:
        return pos
    n_cols = int(round(max(p[0] for p in pos.values()))) + 1
    if n_cols <= max_columns * WRAP_SLACK:
        return pos
    usable = max_columns - 2        # a band's first and last columns hold what wraps
    fewest = -(-n_cols // usable)
    if max_rows is None:
        return _bands(pos, graph, -(-n_cols // fewest))
    # estimate every count from the unwrapped height, lay out the three most promising
    ys = [p[1] for p in pos.values()]
    height = max(ys) - min(ys) + 1
    def estimate(count: int) -> float:
        cols, rows = -(-n_cols // count) + 3.6, count * (height + BAND_GAP + 1) + 0.6
        return min(max_columns / cols, max_rows / rows)
    counts = sorted(range(1, fewest + 3), key=estimate, reverse=True)[:3]
    best, best_scale = None, -1.0
    for count in sorted(counts):
        laid = pos if count == 1 else _bands(pos, graph, -(-n_cols // count))
        scale = _scale(laid, max_columns, max_rows)
        if scale > best_scale * 1.001:
            best, best_scale = laid, scale
    if best_scale < FOLLOWED:   # cannot be shown whole: bands as wide as the canvas
        return _bands(pos, graph, -(-n_cols // fewest))
    return best


def _scale(pos: dict, max_columns: int, max_rows: int) -> float:
    """The scale (1 = readable) at which ``pos`` fits a canvas of ``max_columns`` by
    ``max_rows`` readable cells, with the margin a whole-graph view keeps."""
    pts = np.array(list(pos.values()))
    cols = pts[:, 0].max() - pts[:, 0].min() + 1.6
    rows = pts[:, 1].max() - pts[:, 1].min() + 1.6
    return min(max_columns / cols, max_rows / rows)


def _bands(pos: dict, graph: nx.MultiDiGraph, width: int) -> dict[object, np.ndarray]:
    """``pos`` cut into bands of ``width`` columns, one under the other.

    No line runs from the end of one band back to the start of the next (a long diagonal
    across the canvas, crossing everything between): as a word broken at the end of a line
    goes on at the start of the next, a value an op at a band's end computes is drawn at
    that band's end (its last column), and a value the next band uses is drawn again there,
    as an echo in its first column, beside the op that uses it. ``graph`` is the graph the
    positions are of (echoes of far uses included, as ``display_layout`` builds it).
    """
    band = {n: int(round(p[0])) // width for n, p in pos.items()}
    col = {n: int(round(p[0])) - band[n] * width + 1 for n, p in pos.items()}
    y = {n: float(p[1]) for n, p in pos.items()}
    edges = list(graph.edges(keys=True))
    for u, v, _k in edges:   # an op's result stays on its op's band, at the band's end
        if not is_echo(u) and graph.nodes[u].get("kind") == "op" and band[v] != band[u]:
            band[v], col[v], y[v] = band[u], col[u] + 1, y[u]
    wanted: list[tuple] = []    # (band, y of the op it feeds, column of the op, echo)
    for u, v, k in edges:    # a value used on the next band: an echo starts that band
        if band[u] != band[v]:
            echo = u if is_echo(u) else echo_key((u, v, k))
            wanted.append((band[v], y[v], col[v], echo))
    moving = {w[3] for w in wanted}
    taken = {(band[n], col[n], round(y[n] * 2)) for n in pos if n not in moving}
    for b, want, c_op, echo in sorted(wanted, key=lambda w: (w[0], -w[1])):
        band[echo] = b
        free = c_op > 1 and not any((b, c_op - 1, round(want * 2) + d) in taken
                                    for d in (-1, 0, 1))
        # just before its op when that place is free, else in the band's first column,
        # the echoes there top to bottom as the ops they feed
        col[echo], y[echo] = (c_op - 1, want) if free else (0, want)
        while not free and any((b, 0, round(y[echo] * 2) + d) in taken for d in (-1, 0, 1)):
            y[echo] -= 1.0
        taken.add((b, col[echo], round(y[echo] * 2)))
    members: dict[int, list] = {}
    for node, b in band.items():
        members.setdefault(b, []).append(node)
    out: dict[object, np.ndarray] = {}
    floor = None
    for b in sorted(members):
        nodes = members[b]
        ys = [y[n] for n in nodes]
        shift = 0.0 if floor is None else floor - BAND_GAP - 1.0 - max(ys)
        for n in nodes:
            out[n] = np.array([float(col[n]), y[n] + shift])
        floor = min(ys) + shift
    return out
