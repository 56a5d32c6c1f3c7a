"""Geometry checks for figures as the learner sees them: where text really lands, in pixels.

Every check draws the canvas first and reads renderer bounding boxes (display pixels), so it
measures what is painted, not where the code meant to put it.
"""

from __future__ import annotations

import numpy as np
from matplotlib.transforms import Bbox


def drawn(canvas):
    """Draw ``canvas`` and return its renderer."""
    canvas.draw()
    return canvas.get_renderer()


def text_box(text, renderer) -> Bbox:
    """The pixel box of a Text artist's ink (empty text gives a zero box)."""
    return text.get_window_extent(renderer)


def edge_points(box: Bbox, per_edge: int = 16) -> np.ndarray:
    """Points along the four edges of ``box``, corners included."""
    t = np.linspace(0.0, 1.0, per_edge)
    xs = box.x0 + t * box.width
    ys = box.y0 + t * box.height
    return np.concatenate([
        np.column_stack([xs, np.full_like(xs, box.y0)]),
        np.column_stack([xs, np.full_like(xs, box.y1)]),
        np.column_stack([np.full_like(ys, box.x0), ys]),
        np.column_stack([np.full_like(ys, box.x1), ys]),
    ])


def inside(inner: Bbox, outer: Bbox, slack: float = 0.5) -> bool:
    """True if ``inner`` lies within ``outer`` (to ``slack`` pixels)."""
    return (inner.x0 >= outer.x0 - slack and inner.x1 <= outer.x1 + slack
            and inner.y0 >= outer.y0 - slack and inner.y1 <= outer.y1 + slack)


def overlap(a: Bbox, b: Bbox) -> bool:
    """True if two boxes share any area (touching edges do not count)."""
    return a.x0 < b.x1 and b.x0 < a.x1 and a.y0 < b.y1 and b.y0 < a.y1


def overlapping_pairs(texts, renderer) -> list[tuple[str, str]]:
    """Pairs of non-empty visible texts whose ink boxes overlap."""
    shown = [t for t in texts if t.get_visible() and t.get_text().strip()]
    boxes = [text_box(t, renderer) for t in shown]
    return [(shown[i].get_text(), shown[j].get_text())
            for i in range(len(shown)) for j in range(i + 1, len(shown))
            if overlap(boxes[i], boxes[j])]


def figure_box(canvas) -> Bbox:
    """The figure's own pixel box."""
    return canvas.figure.bbox


def texts_outside(canvas, renderer, container: Bbox | None = None) -> list[str]:
    """What of the figure is drawn outside ``container`` (default: the figure): each axes'
    title, axis labels, drawn tick labels, legend and texts, and the figure's own texts.

    Tick labels Matplotlib keeps for ticks outside the view are not drawn and not counted.
    """
    container = container or figure_box(canvas)
    found = []

    def check(name: str, box) -> None:
        if box is not None and box.width and not inside(box, container):
            found.append(name)

    for ax in canvas.figure.axes:
        if not ax.get_visible():
            continue
        for title in (ax.title, ax._left_title, ax._right_title):
            if title.get_text().strip():
                check(title.get_text(), text_box(title, renderer))
        for axis in (ax.xaxis, ax.yaxis):
            if ax.axison and axis.get_visible():
                check(f"{axis.axis_name}-axis of {ax.get_title()!r}",
                      axis.get_tightbbox(renderer))
        legend = ax.get_legend()
        if legend is not None:
            check(f"legend of {ax.get_title()!r}", legend.get_window_extent(renderer))
        for text in ax.texts:
            if text.get_visible() and text.get_text().strip():
                check(text.get_text(), text_box(text, renderer))
    for text in canvas.figure.texts:
        if text.get_visible() and text.get_text().strip():
            check(text.get_text(), text_box(text, renderer))
    return found
