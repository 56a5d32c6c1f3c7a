"""Checks the graph-lab sweep makes on each frame of the real panel (drawn offscreen).

Every check reads what Matplotlib would draw: the texts shown, their rendered extents and
the node boxes in pixels, and compares the numbers in them with the engine's values.
"""

from __future__ import annotations

import re

import numpy as np

from tutor_app.engine import Tensor
from tutor_app.graph.fmt import shape_text
from tutor_app.viz.graph_geometry import BOX_H, BOX_W, OP_R

NUMBER = re.compile(r"-?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?|-?inf|nan")
SHAPE = re.compile(r"\d+(?:×\d+)+")   # a shape drawn in a box: 2×3
SMALL = 6          # up to this many elements a value or gradient must be drawn as numbers


def numbers(text: str) -> list[str]:
    """The numbers printed in a label (after the ∇ sign, without a trailing shape)."""
    body = text.replace("∇", " ").replace("ṫ", " ").replace("−", "-").replace("…", " … ")
    return NUMBER.findall(SHAPE.sub(" ", body))


def _close(printed: str, actual: float) -> bool:
    """``printed`` is ``actual`` rounded to the digits shown."""
    if printed in ("nan", "-nan"):
        return bool(np.isnan(actual))
    if printed.endswith("inf"):
        return bool(np.isinf(actual)) and (actual < 0) == printed.startswith("-")
    p = float(printed)
    mantissa = printed.split("e")[0].lstrip("-")
    decimals = len(mantissa.split(".")[1]) if "." in mantissa else 0
    exponent = int(printed.split("e")[1]) if "e" in printed else 0
    # the last digit shown: half a unit of it, and float32's own rounding
    tol = 0.5 * 10.0 ** (exponent - decimals)
    if "e" not in printed and decimals == 0 and abs(p) >= 10:   # 2 significant digits: 1.2e+02
        tol = max(tol, 0.5)
    return abs(p - actual) <= tol * 1.0001 + 1e-6 * max(1.0, abs(actual))


def number_problems(text: str, value, what: str) -> list[str]:
    """The numbers in ``text`` against ``value``: every element when it shows them all,
    else the printed numbers must be first/last, min/max or the shape of ``value``."""
    v = np.asarray(value, dtype=float)
    printed = numbers(text)
    if not printed:
        return []
    flat = v.reshape(-1)
    if len(printed) == flat.size:
        bad = [(p, a) for p, a in zip(printed, flat, strict=True) if not _close(p, a)]
        return [f"{what}: drew {p} where the engine has {a!r} ({text!r})" for p, a in bad]
    dims = {str(s) for s in v.shape}
    allowed = [flat[0], flat[-1], flat.min(), flat.max(), float(flat.mean())] if flat.size else []
    if flat.size and np.all(flat == flat[0]):
        allowed = [flat[0]]
    out = []
    for p in printed:
        if p in dims or any(_close(p, a) for a in allowed):
            continue
        out.append(f"{what}: drew {p} that is none of {allowed} ({text!r})")
    return out


def shows_numbers(text: str, value) -> bool:
    """True when ``text`` prints every element of a small ``value`` (not its shape)."""
    v = np.asarray(value)
    if v.size > SMALL:
        return True
    body = text.replace(shape_text(v.shape), "")
    constant = v.size > 1 and bool(np.all(v == v.reshape(-1)[0]))
    # a constant's short numeric form: "≡ 132" or full((2,), 132)
    return len(numbers(body)) == v.size or (
        constant and len(numbers(body)) >= 1 and ("≡" in text or "(" in text))


_EXTENTS: dict = {}   # (role, text, size, font, dpi) -> rendered box relative to the anchor


def label_boxes(view, renderer) -> dict:
    """Pixel boxes (x0, y0, x1, y1) of the visible labels, as Matplotlib renders them.

    A label's rendered extent, relative to its anchor, depends only on its text and font:
    it is measured once per look (Matplotlib's layout is the slow part) and moved to the
    label's place."""
    out = {}
    to_px = view.ax.transData.transform
    dpi = view.ax.figure.dpi
    for key, t in view.texts.items():
        if not t.get_visible() or not t.get_text():
            continue
        look = (key[0], t.get_text(), t.get_fontsize(), t.get_fontweight(),
                t.get_fontfamily()[0] if t.get_fontfamily() else "", dpi)
        ax_, ay = to_px(t.get_position())
        rel = _EXTENTS.get(look)
        if rel is None:
            patch = t.get_bbox_patch()
            if patch is not None:
                t.update_bbox_position_size(renderer)
                b = patch.get_window_extent(renderer)
            else:
                b = t.get_window_extent(renderer)
            rel = _EXTENTS[look] = (b.x0 - ax_, b.y0 - ay, b.x1 - ax_, b.y1 - ay)
        out[key] = (ax_ + rel[0], ay + rel[1], ax_ + rel[2], ay + rel[3])
    return out


def node_boxes(view) -> dict:
    """Pixel boxes of value boxes (echoes too) and op glyphs."""
    out = {}
    half = {n: (BOX_W / 2, BOX_H / 2) for n in view.boxes}
    half.update({n: (view.op_half[n], 0.2) for n in view.ops})
    nodes = list(half)
    centres = np.array([view.pos[n] for n in nodes]).reshape(-1, 2)
    halves = np.array([half[n] for n in nodes]).reshape(-1, 2)
    lo = view.ax.transData.transform(centres - halves)
    hi = view.ax.transData.transform(centres + halves)
    for n, a, b in zip(nodes, lo, hi, strict=True):
        out[n] = (a[0], a[1], b[0], b[1])
    return out


def _who(graph, key) -> str:
    """A node's name (or an op's label, or an edge) for a problem's message."""
    if isinstance(key, tuple) and key and key[0] == "echo":
        key = key[1]
    if key in graph.nodes:
        d = graph.nodes[key]
        return d.get("name") or d.get("label") or str(key)
    return str(key)


def _overlap(a, b, slack: float = 0.5) -> bool:
    return a[0] < b[2] - slack and b[0] < a[2] - slack and a[1] < b[3] - slack \
        and b[1] < a[3] - slack


def _inside(a, area, slack: float = 0.5) -> bool:
    return a[0] >= area[0] - slack and a[1] >= area[1] - slack and a[2] <= area[2] + slack \
        and a[3] <= area[3] + slack


def frame_problems(view, frame, renderer, *, final: bool, env: dict,
                   small_as_numbers: bool = True) -> list[str]:
    """Everything wrong with the drawn ``frame``: numbers, cuts, overlaps, missing labels.

    ``small_as_numbers``: a small value drawn as its shape only counts as a problem (on a
    small canvas following zooms out to 0.8 of the readable scale, where a 2×3 matrix's
    numbers no longer fit its box)."""
    problems: list[str] = []
    g = view.graph
    area = tuple(view.ax.bbox.extents)
    labels = label_boxes(view, renderer)
    nodes = node_boxes(view)
    for (role, key), box in labels.items():
        if (role, key) not in view.texts:
            continue
        text = view.texts[(role, key)].get_text()
        if not _inside(box, area):
            problems.append(f"{role} label {text!r} of {_who(g, key)} cut at the edge")
        src = view.source(key) if role != "edge" else key
        if role == "value":
            value = g.nodes[src]["value"]
            problems += number_problems(text, value, f"value of {_who(g, src)}")
            if small_as_numbers and np.size(value) <= SMALL and text != "?" \
                    and not numbers(text):
                problems.append(f"value of {_who(g, src)} drawn as {text!r}, its shape only")
        elif role == "grad":
            grad = frame.grad(src)
            if grad is not None:
                problems += number_problems(text, grad, f"gradient of {_who(g, src)}")
    items = sorted(labels.items(), key=lambda kv: kv[1][0])
    for i, (ka, a) in enumerate(items):   # sweep on x: only neighbours are compared
        for kb, b in items[i + 1:]:
            if b[0] >= a[2]:
                break
            if _overlap(a, b):
                problems.append(f"labels overlap: {view.texts[ka].get_text()!r} and "
                                f"{view.texts[kb].get_text()!r}")
    keys = list(nodes)
    boxes = np.array([nodes[n] for n in keys]).reshape(-1, 4)
    for (role, key), box in labels.items():
        if role in ("value", "op"):
            continue
        hit = ((boxes[:, 0] < box[2] - 1) & (box[0] < boxes[:, 2] - 1)
               & (boxes[:, 1] < box[3] - 1) & (box[1] < boxes[:, 3] - 1))
        for i in np.flatnonzero(hit):
            if keys[i] == key and role != "edge":
                continue
            problems.append(f"{role} label {view.texts[(role, key)].get_text()!r} covers "
                            f"node {_who(g, keys[i])}")
            break
    for n in frame.active_nodes:   # the step's nodes are inside the canvas, named
        if n not in nodes:
            continue
        drawn = [n, *view.echoes_of.get(n, ())]   # a value or one of its echoes
        if not any(_inside(nodes[m], area) for m in drawn):
            problems.append(f"active node {_who(g, n)} not fully in view")
        elif g.nodes[n]["kind"] == "value" and not any(("name", m) in labels for m in drawn):
            problems.append(f"name of active {_who(g, n)} not drawn")
    if view.pixels_per_unit() * 2 * OP_R >= view.font_px():   # labels are drawn at all
        for n in view.boxes:   # names never vanish: every box in view is named
            made = frame.exists(view.source(n)) and (n in view.value_index
                                                     or frame.exists(n[2]))
            if made and _inside(nodes[n], area) and ("name", n) not in labels \
                    and n not in frame.active_nodes:
                problems.append(f"box of {_who(g, n)} in view without its name")
    if final:
        problems += _final_problems(view, frame, labels, nodes, area, env)
    return problems


def _final_problems(view, frame, labels, nodes, area, env) -> list[str]:
    g = view.graph
    problems = []
    for n, box in nodes.items():   # the end of the story: no box cut at the canvas's edge
        if _overlap(box, area, slack=1.0) and not _inside(box, area):
            problems.append(f"node {_who(g, n)} cut at the edge on the last frame")
    out = g.graph.get("output")
    if out is not None:
        node = ("value", out)
        if not _inside(nodes[node], area):
            problems.append(f"output {g.nodes[node]['name']} not fully in view on the last frame")
        if ("value", node) not in labels:
            problems.append(f"output {g.nodes[node]['name']} shows no value on the last frame")
    by_uid = {v.uid: v for v in env.values() if isinstance(v, Tensor)}
    if frame.is_backward:
        for n, d in g.nodes(data=True):
            if d["kind"] != "value" or not (d["is_leaf"] and d["requires_grad"]):
                continue
            grad = frame.grad(n)
            if grad is None:
                continue
            drawn = [m for m in (n, *view.echoes_of.get(n, ())) if ("grad", m) in labels]
            # the leaf or one of its echoes (the same tensor) shows it as numbers
            texts = [view.texts[("grad", m)].get_text() for m in drawn]
            t = next((x for x in texts if shows_numbers(x, grad)), texts[0] if texts else None)
            if t is None:
                problems.append(f"final gradient of leaf {d['name']} not drawn")
            elif not shows_numbers(t, grad):
                problems.append(f"final gradient of leaf {d['name']} drawn as "
                                f"{t!r}, not as numbers")
            live = by_uid.get(d["uid"])
            if live is not None and live.grad is not None and frame.phase == "done":
                if not np.allclose(np.asarray(grad), live.grad._data):
                    problems.append(f"final gradient of {d['name']} is not the engine's .grad")
    return problems


def _bands(view) -> dict:
    """The band (row of a wrapped graph, 0 at the top) of every drawn node: bands are
    separated by a vertical gap of more than one empty row between node centres."""
    from tutor_app.viz.graph_geometry import Y_SPACING

    ys = np.unique(np.round([p[1] for p in view.pos.values()], 6))[::-1]
    band_of_y, band = {}, 0
    for i, y in enumerate(ys):
        if i and ys[i - 1] - y > 1.5 * Y_SPACING:
            band += 1
        band_of_y[y] = band
    return {n: band_of_y[np.round(p[1], 6)] for n, p in view.pos.items()}


def _dense(line: np.ndarray) -> np.ndarray:
    """A polyline's points and the midpoints between them (so a thin box is not skipped)."""
    return np.concatenate([line, (line[1:] + line[:-1]) / 2])


def _segments_cross(a: np.ndarray, b: np.ndarray) -> bool:
    """True when polylines ``a`` and ``b`` (K, 2) properly intersect (touching ends don't)."""
    p, r = a[:-1][:, None, :], (a[1:] - a[:-1])[:, None, :]
    q, s = b[:-1][None, :, :], (b[1:] - b[:-1])[None, :, :]
    denom = r[..., 0] * s[..., 1] - r[..., 1] * s[..., 0]
    qp = q - p
    with np.errstate(divide="ignore", invalid="ignore"):
        t = (qp[..., 0] * s[..., 1] - qp[..., 1] * s[..., 0]) / denom
        u = (qp[..., 0] * r[..., 1] - qp[..., 1] * r[..., 0]) / denom
    hit = (np.abs(denom) > 1e-12) & (t > 0.02) & (t < 0.98) & (u > 0.02) & (u < 0.98)
    return bool(hit.any())


def layout_problems(view) -> list[str]:
    """What is wrong with where the graph is drawn, whatever the frame: an edge drawn
    through a node box that is not one of its ends, or a line that wraps from one band of a
    wrapped graph to another (a long diagonal back across the canvas) crossing anything."""
    g = view.graph
    problems: list[str] = []
    keys = list(view.boxes) + list(view.ops)
    centres = np.array([view.pos[n] for n in keys]).reshape(-1, 2)
    halves = np.array([(BOX_W / 2, BOX_H / 2)] * len(view.boxes)
                      + [(view.op_half[n], 0.2) for n in view.ops]).reshape(-1, 2)
    lo, hi = centres - halves * 0.9, centres + halves * 0.9   # a hair inside the border
    band = _bands(view)
    ends = [(view.echo_of.get(e, e[0]), e[1]) for e in view.edges]
    wrapping = []
    for i, e in enumerate(view.edges):
        pts = _dense(view.segments[i])
        inside = ((pts[:, None, 0] > lo[None, :, 0]) & (pts[:, None, 0] < hi[None, :, 0])
                  & (pts[:, None, 1] > lo[None, :, 1]) & (pts[:, None, 1] < hi[None, :, 1]))
        for j in np.flatnonzero(inside.any(axis=0)):
            if keys[j] not in ends[i]:
                problems.append(f"edge {_who(g, e[0])} → {_who(g, e[1])} is drawn through "
                                f"node {_who(g, keys[j])}")
                break
        if band[ends[i][0]] != band[ends[i][1]]:
            wrapping.append(i)
    for i in wrapping:
        e = view.edges[i]
        for j in range(len(view.edges)):
            if j != i and _segments_cross(view.segments[i], view.segments[j]):
                f = view.edges[j]
                problems.append(f"the line wrapping {_who(g, e[0])} → {_who(g, e[1])} to "
                                f"another row crosses {_who(g, f[0])} → {_who(g, f[1])}")
                break
    return problems
