"""The check both graph tests make of a region repaint: what ``RegionPainter`` paints
equals a full redraw of the same frame, pixel for pixel (antialiasing rounding aside)."""

from __future__ import annotations

import numpy as np


def repaint_matches_full_draw(fig, painter, where: object) -> bool:
    """Paint the changed region, then draw in full and compare; ``False`` when the painter
    declined (the figure is then drawn in full, as the player does). ``where`` names the
    frame in a failure."""
    if painter.paint() is None:
        fig.canvas.draw()
        return False
    partial = np.asarray(fig.canvas.buffer_rgba()).astype(int)
    fig.canvas.draw()
    full = np.asarray(fig.canvas.buffer_rgba()).astype(int)
    assert np.abs(partial - full).max() <= 2, where   # antialiasing rounding only
    return True
