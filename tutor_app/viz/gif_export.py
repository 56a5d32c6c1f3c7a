"""Export a graph animation as an animated GIF (Pillow, which Matplotlib already brings).

Frames are rendered by applying each timeline frame to the view and grabbing the Agg
buffer; the view is put back on the frame it showed before, so exporting never changes
what the learner sees.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PIL import Image

from tutor_app.viz.fonts import register_matplotlib_fonts

MAX_FRAMES = 400


def _grab(figure) -> Image.Image:
    figure.canvas.draw()
    rgba = np.asarray(figure.canvas.buffer_rgba())
    return Image.fromarray(rgba[..., :3].copy())


def export_gif(view, timeline, path: str | Path, *, seconds_per_frame: float = 1.0,
               lang: str = "en", captions: bool = True, max_frames: int = MAX_FRAMES) -> int:
    """Write every frame of ``timeline`` (at most ``max_frames``) to ``path``; return the count.

    Parameters
    ----------
    view : GraphView
        The drawn graph; its figure must have an Agg-based canvas (QtAgg is one).
    timeline : Timeline
        The frames to play.
    path : str or Path
        Where to write the ``.gif``.
    seconds_per_frame : float
        How long each frame stays up.
    lang : str
        Language of the captions written under the graph.
    captions : bool
        Draw each frame's caption at the bottom of the image.
    """
    if len(timeline) == 0:
        raise ValueError("there are no frames to export")
    if captions and lang == "zh":
        register_matplotlib_fonts()  # idempotent: Chinese captions need the bundled font
    figure = view.ax.figure
    restore = view.frame
    note = figure.text(0.01, 0.01, "", fontsize=8, ha="left", va="bottom", wrap=True,
                       color=view.pal.text) if captions else None
    if note is not None:
        note.set_parse_math(False)
    count = min(len(timeline), max_frames)
    images = []
    try:
        for k in range(count):
            frame = timeline[k]
            view.apply_frame(frame)
            if note is not None:
                note.set_text(frame.caption_in(lang))
            images.append(_grab(figure).convert("P", palette=Image.Palette.ADAPTIVE))
    finally:
        if note is not None:
            note.remove()
        if restore is not None:
            view.apply_frame(restore)
    images[0].save(Path(path), format="GIF", save_all=True, append_images=images[1:],
                   duration=max(20, int(seconds_per_frame * 1000)), loop=0)
    return count
