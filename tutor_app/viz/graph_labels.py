"""Which labels a ``GraphView`` shows, in which form and where, at the current zoom.

Every label has a ladder of forms (the full value, the same wrapped or with fewer digits, a
short form, the shape) and several places (names above their box or shifted sideways or one
line further out, gradients likewise below, edge labels on, above, below and along their
edge). A value takes the richest form that fits its box on screen; an op's name is always
shown, shrunk if need be to fit its glyph (the glyph was sized for it). Labels outside are
placed greedily by priority — a pass's final leaf gradients (small ones first), the current
step's names, its edge labels, other names, the step's gradients, other gradients and edge
labels — each taking the first form and place that lies inside the visible area, is free of
every node box and every label already placed, and (for the gradient-coloured labels)
crosses no gradient-coloured edge. So no two shown labels overlap, none is cut at the
canvas's edge and no label covers a node. Echoes (dashed copies of a value by its far uses)
are labelled like the value they copy.
"""

from __future__ import annotations

import numpy as np

from tutor_app.graph import fmt
from tutor_app.graph.labels import FreeSpace, text_extent
from tutor_app.viz.graph_geometry import BOX_H, BOX_W, OP_R, X_SPACING

# estimated width per role: monospace values, bold names, sans edge labels with odd glyphs
WIDTH_FACTOR = {"grad": 1.06, "value": 1.04, "name": 1.18, "edge": 1.12, "op": 1.1,
                "op_note": 1.1}
PAD_PX = 3.0             # room kept around each label (and an edge label's box)
GAP_PX = 2 * PAD_PX + 1.5   # label centre to the node it belongs to, beyond half its height
EDGE_BOX_EM = 0.4        # an edge label's background box adds 0.2 em on each side
OP_FILL = 0.94           # share of an op glyph's width its name may take
MIN_OP_FONT = 4.0        # an op's name shrinks to fit its glyph, down to this size


def extent(view, role: str, text: str, fontsize: float) -> tuple[float, float]:
    """Estimated pixel (width, height) of a label, its background box included."""
    px = fontsize * view.ax.figure.dpi / 72
    w, h = text_extent(text, px)
    w *= WIDTH_FACTOR.get(role, 1.0)
    if role == "edge":
        w, h = w + EDGE_BOX_EM * px, h + EDGE_BOX_EM * px
    return w, h


def op_fit_size(view, text: str, natural: float, width_px: float, height_px: float) -> float:
    """The font size at which an op's name fits its glyph: its natural size when there is
    room, else shrunk (in half points, so cached rasters are reused) but never below
    ``MIN_OP_FONT`` — the name of a drawn op is never dropped."""
    w, h = extent(view, "op", text, natural)
    # one line of glyphs is about 0.8 of the line height the estimate gives
    scale = min(1.0, OP_FILL * width_px / max(w, 1e-9), height_px / max(0.8 * h, 1e-9))
    if scale >= 1.0:
        return natural
    return max(MIN_OP_FONT, np.floor(natural * scale * 2) / 2)


_LADDERS: dict = {}   # (id(array), lines) -> (array, forms): a state's forms made once
_LADDERS_MAX = 8192


def _ladder(value, lines: bool = True) -> list[str]:
    """``fmt.ladder`` of an array the frames hold (they keep one object per state, so a
    step back or a second echo of the same value reuses the forms)."""
    key = (id(value), lines)
    hit = _LADDERS.get(key)
    if hit is not None and hit[0] is value:
        return hit[1]
    if len(_LADDERS) >= _LADDERS_MAX:
        _LADDERS.clear()
    forms = fmt.ladder(value, lines=lines)
    _LADDERS[key] = (value, forms)
    return forms


def value_forms(view, key) -> list[str]:
    f = view.frame
    if f is None or not f.shown(key):
        return ["?"]
    return _ladder(view.graph.nodes[key]["value"])


SMALLER_VALUE_FONTS = (1.0, 1.5, 2.0)   # points off the label font a small value may take


def _is_numeric(form: str) -> bool:
    """A form that prints every element (not a range, a shape or an ellipsis)."""
    return not any(c in form for c in "…(×")


def _value_tries(view, key, natural: float) -> list[tuple[str, float]]:
    """(form, font size) to try in a value's box, best first: its forms at the label font,
    but a small value's numbers (then its range) at a smaller font before its shape — the
    learner came to see the numbers (a box holds four or five characters at the readable
    scale)."""
    forms = view.forms("value", key)
    value = np.asarray(view.graph.nodes[view.source(key)]["value"])
    if value.size > fmt.SMALL_SIZE:
        return [(f, natural) for f in forms]
    shape_only = {fmt.shape_text(value.shape), "×".join(str(s) for s in value.shape), "…"}
    numeric = [f for f in forms if _is_numeric(f)]
    spans = [f for f in forms if f not in numeric and f not in shape_only]
    smaller = [natural - d for d in SMALLER_VALUE_FONTS]
    tries = [(f, natural) for f in numeric]
    tries += [(f, size) for size in smaller for f in numeric[-2:]]
    tries += [(f, natural) for f in spans] + [(f, size) for size in smaller for f in spans[-2:]]
    return tries + [(f, natural) for f in forms if f in shape_only]


def grad_forms(view, key) -> list[str]:
    g = view.frame.grad(key) if view.frame is not None else None
    if g is None:
        return []
    return [f"{view.frame.timeline.grad_symbol} {form}" for form in _ladder(g, lines=False)]


def name_forms(view, key) -> list[str]:
    d = view.graph.nodes[key]
    if not d["shape"]:
        return [d["name"]]
    return [d["name"] + " " + fmt.shape_text(d["shape"]), d["name"]]


def edge_forms(text: str) -> list[str]:
    """The local derivative and product; then the product line; then just ``= product``."""
    if not text:
        return []
    forms = [text]
    lines = text.split("\n")
    if len(lines) > 1:
        forms.append(lines[-1])
    if " = " in lines[-1]:
        forms.append("= " + lines[-1].rsplit(" = ", 1)[1])
    return list(dict.fromkeys(forms))


def _box(centre: np.ndarray, size: tuple[float, float], pad: float = PAD_PX) -> tuple:
    hw, hh = size[0] / 2 + pad, size[1] / 2 + pad
    return (centre[0] - hw, centre[1] - hh, centre[0] + hw, centre[1] + hh)


def update_labels(view) -> None:
    """Show only labels that fit, lie on screen and overlap neither a node nor each other."""
    shown: set[int] = set()
    _place(view, shown)
    for t in view.texts.values():   # only the labels whose visibility changed are touched
        if t.get_visible() != (id(t) in shown):
            t.set_visible(id(t) in shown)


def _place(view, shown: set) -> None:
    """Choose forms and places; ``shown`` gets the ids of the labels to show.

    Every label lies inside the visible area (a label cut at the canvas's edge is not
    shown there: it takes another place or form). Gradient and edge labels, drawn in the
    gradient's colour, also keep off the edges drawn in that colour (a ∇ lost in a bundle
    of same-coloured lines cannot be read). On a pass's last frame the leaves' gradients
    come first: they are what the learner stepped through the pass to see.
    """
    ppu = view.pixels_per_unit()
    font_px = view.font_px()
    if ppu * OP_R * 2 < font_px:  # too far out for any label: boxes and lines only
        return
    frame = view.frame
    exists = frame.exists if frame is not None else (lambda n: True)
    active = frame.active_nodes if frame is not None else frozenset()
    final = frame is not None and frame.phase in FINAL_PHASES
    to_px = view.ax.transData.transform
    back = view.ax.transData.inverted().get_matrix()   # one affine: cheaper than a call each
    x0, y0, x1, y1 = view.ax.bbox.extents
    area = (x0 + EDGE_MARGIN_PX, y0 + EDGE_MARGIN_PX, x1 - EDGE_MARGIN_PX, y1 - EDGE_MARGIN_PX)
    space = FreeSpace()
    lines = _ColouredLines(view, frame)
    outside = []   # (priority, order, role, key, [(form, data xy)])
    op_idx = [i for i in np.flatnonzero(view._on_screen(view.op_xy)) if exists(view.ops[i])]
    val_idx = [i for i in np.flatnonzero(view._on_screen(view.box_xy))
               if exists(view.source(view.boxes[i])) and (
                   i < len(view.values) or exists(view.boxes[i][2]))]
    op_px = to_px(view.op_xy[op_idx].reshape(-1, 2))
    val_px = to_px(view.box_xy[val_idx].reshape(-1, 2))
    for i, centre in zip(op_idx, op_px, strict=True):  # the glyph is an obstacle
        n = view.ops[i]
        half = view.op_half[n]
        space.take(_box(centre, (2 * half * ppu, 2 * OP_R * ppu), 1.0))
        t = view._text_for("op", n)   # the glyph is sized for its name: always shown
        size = op_fit_size(view, t.get_text(), view.op_font(n), 2 * half * ppu, 2 * OP_R * ppu)
        if t.get_fontsize() != size:
            t.set_fontsize(size)
        if _within(_box(centre, (2 * half * ppu, 2 * OP_R * ppu), 0.0), area):
            shown.add(id(t))
        if view._is_detach(n):
            below = centre[1] - OP_R * ppu
            outside.append((5, 0, "op_note", n, ["detach()"],
                            lambda w, h, c=centre, b=below: [(c[0], b - h / 2 - GAP_PX)]))
    room = (BOX_W * ppu - 4, BOX_H * ppu - 2)
    for i, centre in zip(val_idx, val_px, strict=True):
        n = view.boxes[i]   # a value, or an echo of one (same name, value and gradient)
        space.take(_box(centre, (BOX_W * ppu, BOX_H * ppu), 1.0))
        t = view._text_for("value", n)
        fs = view.label_font
        if _within(_box(centre, room, 0.0), area):
            for form, size in _value_tries(view, n, fs):
                w, h = extent(view, "value", form, size)
                if w <= room[0] and h <= room[1]:
                    view.set_label(t, form)
                    if size != fs:
                        t.set_fontsize(size)
                    shown.add(id(t))
                    break
        if not (x0 <= centre[0] <= x1 and y0 <= centre[1] <= y1):
            continue   # a box mostly off screen: its name here would label what is next to it
        top, bottom = centre[1] + BOX_H * ppu / 2, centre[1] - BOX_H * ppu / 2
        hot = 2 if view.source(n) in active else 0
        # the step's names (9) go before its edge labels (8), any name before a gradient
        # but a pass's final ones: a name may move, not vanish
        outside.append((9 if hot else 6, 0, "name", n, view.forms("name", n),
                        _around(centre, top, above=True, far=True, other_y=bottom,
                                side=BOX_W * ppu / 2)))
        forms = view.forms("grad", n)
        if forms:
            d = view.graph.nodes[view.source(n)]
            leaf = final and d["is_leaf"] and d["requires_grad"]
            # a small final gradient (numbers the learner came for) is placed first and
            # may take three columns; a big one gets one and reads as a summary
            if leaf:
                small = np.size(frame.grad(view.source(n))) <= fmt.SMALL_SIZE
                prio = 10.5 if small else 10
            else:
                prio = 3 + hot
            outside.append((prio, 1, "grad", n, forms,
                            _around(centre, bottom, above=False, far=prio >= 5,
                                    rows=3 if prio >= 10 else 2)))
    if frame is not None and frame.is_backward:
        mids = np.array([view.mid[e] for e in view.labelled_edges]).reshape(-1, 2)
        for i in np.flatnonzero(view._on_screen(mids)):
            e = view.labelled_edges[i]
            text = frame.edge_text(e)
            if text:
                hot = e in frame.active_edges
                outside.append((8 if hot else 1, 2, "edge", e, edge_forms(text),
                                _edge_places(view, e, wide=hot)))
    outside.sort(key=lambda item: (-item[0], item[1]))
    column = X_SPACING * ppu * 0.98
    for prio, _order, role, key, forms, places in outside:
        t = view._text_for(role, key)
        fs = t.get_fontsize()
        # the labels the learner reads now may spread over two columns; others keep to one
        limit_w = (3 if prio >= 10.5 else 2 if prio >= 8 or role == "grad" and prio >= 5
                   else 1) * column
        own = view.edge_index.get(key) if role == "edge" else None
        # a big final gradient is a summary: a shorter one right under its box reads
        # better than a longer one two rows away (small ones keep every number first)
        reach = (3, None) if role == "grad" and prio == 10 else (None,)
        placed = False
        for near in reach:
            for form in forms:
                w, h = extent(view, role, form, fs)
                if role != "edge" and w > limit_w:
                    continue
                spot = None
                for c in places(w, h)[:near]:
                    box = _box(c, (w, h))
                    if _within(_box(c, (w, h), 0.0), area) and space.free(box) and (
                            role not in ("grad", "edge") or not lines.cross(box, own)):
                        spot = c
                        break
                if spot is not None:
                    space.take(_box(spot, (w, h)))
                    x, y = spot
                    view.set_label(t, form, (back[0, 0] * x + back[0, 1] * y + back[0, 2],
                                             back[1, 0] * x + back[1, 1] * y + back[1, 2]))
                    shown.add(id(t))
                    placed = True
                    break
            if placed:
                break


FINAL_PHASES = ("done", "failed")
EDGE_MARGIN_PX = 1.0


def _within(box, area) -> bool:
    return box[0] >= area[0] and box[1] >= area[1] and box[2] <= area[2] and box[3] <= area[3]


def _around(centre, edge_y: float, *, above: bool, far: bool = True,
            other_y: float | None = None, side: float = 0.0, rows: int = 2):
    """Places of a name (above its box) or a gradient (below): straight over or under the
    box first, then shifted half a box sideways, then (``far``: the labels that matter at
    this step) one more line out (``rows`` > 2: two more), off the box's corners (``side``:
    half its width in pixels), and for ``other_y`` the box's other side — a name moves
    rather than vanishes when its first place is taken. Fewer places for the others keep a
    step of a big graph cheap."""
    sign = 1.0 if above else -1.0

    def places(w, h):
        y = edge_y + sign * (h / 2 + GAP_PX)
        shift = max(w / 2, 10.0)
        near = [(centre[0], y), (centre[0] - shift, y), (centre[0] + shift, y)]
        if not far:
            return near
        out = y + sign * (h + PAD_PX)
        places = near + [(centre[0], out), (centre[0] - shift, out), (centre[0] + shift, out)]
        if side:   # off the box's corner: a short name clear of a wide neighbour
            wide = side + w / 2
            places += [(centre[0] + wide, y), (centre[0] - wide, y)]
        if rows > 2:   # further out still (a leaf's final gradient under a wide neighbour's)
            out2 = out + sign * (h + PAD_PX)
            places += [(centre[0], out2), (centre[0] - shift, out2), (centre[0] + shift, out2)]
        if other_y is not None:   # last resort: the box's other side (a name at the top edge)
            y2 = other_y - sign * (h / 2 + GAP_PX)
            places += [(centre[0], y2), (centre[0] - shift, y2), (centre[0] + shift, y2)]
            if side:   # or beside it, left first (its edges leave on the right)
                beside = side + w / 2 + GAP_PX
                places += [(centre[0] - beside, centre[1]), (centre[0] + beside, centre[1])]
        return places

    return places


class _ColouredLines:
    """The edges drawn in the gradient's colour this frame, as pixel points, so gradient and
    edge labels (the same colour) are not placed over them. Made on first use, from the
    edges on screen only (a step of a 2,000-node graph asks about a handful)."""

    def __init__(self, view, frame) -> None:
        self.view, self.frame = view, frame
        self.points: np.ndarray | None = None

    def _build(self) -> None:
        view, frame = self.view, self.frame
        self.points, self.owner = np.zeros((0, 2)), np.zeros(0, dtype=int)
        if frame is None or not frame.is_backward:
            return
        mids = np.array([view.mid[e] for e in view.labelled_edges]).reshape(-1, 2)
        near = view._on_screen(mids, margin=2 * X_SPACING)
        idx = [view.edge_index[view.labelled_edges[i]] for i in np.flatnonzero(near)
               if frame.edge_text(view.labelled_edges[i])]
        if not idx:
            return
        seg = view.segments_px()[idx]                      # (E, K, 2)
        halfway = (seg[:, 1:] + seg[:, :-1]) / 2           # densify: points and midpoints
        pts = np.concatenate([seg, halfway], axis=1)
        self.points = pts.reshape(-1, 2)
        self.owner = np.repeat(np.array(idx), pts.shape[1])

    def cross(self, box, own=None) -> bool:
        if self.points is None:
            self._build()
        if not len(self.points):
            return False
        p = self.points
        hit = (p[:, 0] > box[0]) & (p[:, 0] < box[2]) & (p[:, 1] > box[1]) & (p[:, 1] < box[3])
        if own is not None:
            hit &= self.owner != own
        return bool(hit.any())


def _edge_places(view, edge, wide: bool = False):
    """Where an edge label may go (pixel centres): on the edge's middle, just above or below
    it, then a third and two thirds along — the first free of nodes and labels wins.

    ``wide`` (the current step's edges) also tries a second row out and sideways shifts:
    the label the caption talks about should find a place.
    """
    line = view.segments_px()[view.edge_index[edge]]
    k = len(line)
    mid = (line[(k - 1) // 2] + line[k // 2]) / 2
    bases = (mid, line[k // 3], line[(2 * k) // 3]) if wide else (mid,)

    def places(w, h):
        rows = (0.0, h / 2 + GAP_PX, -h / 2 - GAP_PX)
        if wide:
            rows += (1.5 * h + 2 * GAP_PX, -1.5 * h - 2 * GAP_PX)
        shifts = (0.0, w / 3, -w / 3) if wide else (0.0,)
        return [(x + dx, y + dy) for dx in shifts for dy in rows for x, y in bases]

    return places
