"""Text whose Agg raster is cached: a label drawn again costs an image copy, not FreeType.

Stepping a graph redraws the same few hundred labels over and over; laying out and
rasterising glyphs is most of a frame's cost. ``CachedText`` renders a label once per
look (string, font, colour, alignment, box, dpi) into a small RGBA image and then stamps
that image at whole-pixel positions. Vector backends (SVG, PDF) get ordinary text.
"""

from __future__ import annotations

from collections import OrderedDict

import numpy as np
from matplotlib.backends.backend_agg import RendererAgg
from matplotlib.text import Text
from matplotlib.transforms import IdentityTransform

MAX_ENTRIES = 4096
PAD_PX = 12


class CachedText(Text):
    """A ``Text`` that draws from a raster cache on Agg canvases."""

    _cache: OrderedDict = OrderedDict()

    def _look(self, dpi: float) -> tuple:
        patch = self.get_bbox_patch()
        box = None
        if patch is not None:
            box = (patch.get_boxstyle().__class__.__name__, patch.get_facecolor(),
                   patch.get_edgecolor(), patch.get_linewidth(), patch.get_boxstyle().pad)
        return (self.get_text(), hash(self.get_fontproperties()), self.get_color(),
                self.get_horizontalalignment(), self.get_verticalalignment(),
                self.get_linespacing(), box, dpi)

    def _raster(self, dpi: float) -> tuple[np.ndarray, int, int]:
        """The label alone: (RGBA rows bottom-up, x and y offset of its bottom-left)."""
        key = self._look(dpi)
        hit = self._cache.get(key)
        if hit is not None:
            self._cache.move_to_end(key)
            return hit
        probe = RendererAgg(8, 8, dpi)
        ext = self.get_window_extent(probe)
        # Room for any alignment around a centred anchor (y up in display pixels).
        w = 2 * int(np.ceil(ext.width)) + 4 * PAD_PX
        h = 2 * int(np.ceil(ext.height)) + 4 * PAD_PX
        ox, oy = w // 2, h // 2
        scratch = RendererAgg(w, h, dpi)
        twin = Text(ox, oy, self.get_text(), color=self.get_color(),
                    fontproperties=self.get_fontproperties(),
                    horizontalalignment=self.get_horizontalalignment(),
                    verticalalignment=self.get_verticalalignment(),
                    linespacing=self.get_linespacing(), transform=IdentityTransform())
        twin.set_parse_math(False)
        twin.figure = self.get_figure(root=True)
        patch = self.get_bbox_patch()
        if patch is not None:
            twin.set_bbox(dict(boxstyle=patch.get_boxstyle(), fc=patch.get_facecolor(),
                               ec=patch.get_edgecolor(), lw=patch.get_linewidth()))
        twin.draw(scratch)
        rgba = np.asarray(scratch.buffer_rgba())
        rows, cols = np.nonzero(rgba[..., 3])
        if len(rows) == 0:
            entry = (np.zeros((0, 0, 4), np.uint8), 0, 0)
        else:
            top, bottom, left, right = rows.min(), rows.max() + 1, cols.min(), cols.max() + 1
            image = rgba[top:bottom, left:right][::-1].copy()  # Agg's draw_image is bottom-up
            # bottom-left of the crop relative to the anchor, in display pixels (y up)
            entry = (image, int(left - ox), int((h - bottom) - oy))
        self._cache[key] = entry
        if len(self._cache) > MAX_ENTRIES:
            self._cache.popitem(last=False)
        return entry

    def draw(self, renderer) -> None:
        if not self.get_visible() or not self.get_text():
            return
        if not isinstance(renderer, RendererAgg) or self.get_rotation() != 0:
            super().draw(renderer)
            return
        image, dx, dy = self._raster(renderer.dpi)
        if image.size == 0:
            return
        x, y = self.get_transform().transform(self.get_unitless_position())
        gc = renderer.new_gc()
        self._set_gc_clip(gc)
        renderer.draw_image(gc, int(round(x)) + dx, int(round(y)) + dy, image)
        gc.restore()
        self.stale = False
