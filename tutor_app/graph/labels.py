"""Which labels to show at the current zoom: pure geometry, so it is tested without drawing.

Text sizes are estimated from character counts (monospace-ish digits): exact extents would
need a renderer pass per label, which costs more than the whole frame budget on big graphs.
"""

from __future__ import annotations

import numpy as np

CHAR_WIDTH = 0.62    # em per character
LINE_HEIGHT = 1.25   # em per line


def text_extent(text: str, fontsize_px: float) -> tuple[float, float]:
    """Estimated (width, height) in pixels of ``text`` at ``fontsize_px``."""
    lines = text.split("\n") if text else [""]
    width = max(len(line) for line in lines) * CHAR_WIDTH * fontsize_px
    return width, len(lines) * LINE_HEIGHT * fontsize_px


def fits(text: str, fontsize_px: float, box_px: tuple[float, float]) -> bool:
    """True when ``text`` fits inside a box of ``box_px`` (width, height) pixels."""
    w, h = text_extent(text, fontsize_px)
    return w <= box_px[0] and h <= box_px[1]


def greedy_non_overlapping(centres_px: np.ndarray, sizes_px: np.ndarray,
                           priority: np.ndarray | None = None, pad: float = 2.0,
                           obstacles: tuple[np.ndarray, np.ndarray] | None = None,
                           ignore_obstacles: np.ndarray | None = None) -> np.ndarray:
    """Mask of labels to keep so that no two kept boxes (nor a kept box and an obstacle) overlap.

    Labels are taken in ``priority`` order (higher first, ties by position in the input) and
    kept when they overlap neither a label already kept nor one of ``obstacles`` (centres,
    sizes), e.g. the node boxes. Labels flagged in ``ignore_obstacles`` (the current step's)
    only avoid other labels.
    """
    n = len(centres_px)
    keep = np.zeros(n, dtype=bool)
    if n == 0:
        return keep
    order = np.arange(n) if priority is None else np.lexsort((np.arange(n), -priority))
    half = np.asarray(sizes_px, float) / 2 + pad / 2
    lo, hi = centres_px - half, centres_px + half
    if obstacles is not None and len(obstacles[0]):
        o_half = np.asarray(obstacles[1], float) / 2
        o_lo, o_hi = obstacles[0] - o_half, obstacles[0] + o_half
    else:
        o_lo = o_hi = np.zeros((0, 2))
    k_lo, k_hi = [np.zeros((0, 2))], [np.zeros((0, 2))]
    for i in order:
        a, b = np.concatenate(k_lo), np.concatenate(k_hi)
        if ignore_obstacles is None or not ignore_obstacles[i]:
            a, b = np.concatenate([a, o_lo]), np.concatenate([b, o_hi])
        overlap = (a[:, 0] < hi[i, 0]) & (lo[i, 0] < b[:, 0]) & (a[:, 1] < hi[i, 1]) & (
            lo[i, 1] < b[:, 1])
        if overlap.any():
            continue
        keep[i] = True
        k_lo.append(lo[i:i + 1])
        k_hi.append(hi[i:i + 1])
    return keep


class FreeSpace:
    """Pixel rectangles already taken (labels kept, node boxes); a grid makes lookups O(1).

    The greedy placement asks ``free(box)`` for each candidate of each label, in priority
    order, and ``take(box)`` for the one it keeps: thousands of labels stay well under a
    millisecond each, where testing against every kept box would grow quadratically.
    """

    def __init__(self, cell: float = 96.0) -> None:
        self.cell = cell
        self.grid: dict[tuple[int, int], list[tuple[float, float, float, float]]] = {}

    def _cells(self, b):
        c = self.cell
        for i in range(int(b[0] // c), int(b[2] // c) + 1):
            for j in range(int(b[1] // c), int(b[3] // c) + 1):
                yield i, j

    def free(self, b) -> bool:
        for cell in self._cells(b):
            for o in self.grid.get(cell, ()):
                if o[0] < b[2] and b[0] < o[2] and o[1] < b[3] and b[1] < o[3]:
                    return False
        return True

    def take(self, b) -> None:
        b = tuple(float(x) for x in b)
        for cell in self._cells(b):
            self.grid.setdefault(cell, []).append(b)
