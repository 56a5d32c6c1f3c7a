"""Draw the Tensor Tutor logo (a 3x3x3 tensor cube) to packaging/icons/.

Run once and commit the output: ``.venv/bin/python packaging/make_icons.py``.
Writes tensor-tutor.svg, tensor-tutor-<N>.png for the usual hicolor sizes, and the
Windows .ico / macOS .icns the spec uses. Matplotlib OO API only (no pyplot).
"""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.backends.backend_svg import FigureCanvasSVG
from matplotlib.figure import Figure
from matplotlib.patches import FancyBboxPatch, Polygon
from PIL import Image

ICON_DIR = Path(__file__).resolve().parent / "icons"
SIZES = (16, 22, 24, 32, 48, 64, 128, 256)
BACKGROUND = "#1f3b57"
FACES = {"top": "#7fc8f8", "left": "#3a86c8", "right": "#f4a259"}
EDGE = "#0d1b2a"
CELLS = 3

# Isometric unit vectors of the cube's x (right-down), y (left-down) and z (up) axes.
_X = np.array([np.cos(np.radians(-30)), np.sin(np.radians(-30))])
_Y = np.array([-np.cos(np.radians(-30)), np.sin(np.radians(-30))])
_Z = np.array([0.0, 1.0])


def _project(x: float, y: float, z: float, scale: float, origin: np.ndarray) -> np.ndarray:
    return origin + scale * (x * _X + y * _Y + z * _Z)


def _face_cells(face: str, scale: float, origin: np.ndarray) -> list[np.ndarray]:
    """Quadrilaterals of the visible cells of one face of the unit cube."""
    step = 1.0 / CELLS
    quads = []
    for i in range(CELLS):
        for j in range(CELLS):
            a, b = i * step, (i + 1) * step
            c, d = j * step, (j + 1) * step
            if face == "top":
                corners = [(a, c, 1), (b, c, 1), (b, d, 1), (a, d, 1)]
            elif face == "left":
                corners = [(a, 1, c), (b, 1, c), (b, 1, d), (a, 1, d)]
            else:
                corners = [(1, a, c), (1, b, c), (1, b, d), (1, a, d)]
            quads.append(np.array([_project(*p, scale, origin) for p in corners]))
    return quads


def draw_logo(size_px: int, detailed: bool) -> Figure:
    """The logo on a rounded square; small sizes drop the cell grid to stay legible."""
    fig = Figure(figsize=(1, 1), dpi=size_px)
    fig.patch.set_alpha(0.0)
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.set_aspect("equal")
    ax.axis("off")
    ax.add_patch(FancyBboxPatch((0.04, 0.04), 0.92, 0.92, boxstyle="round,pad=0,rounding_size=0.18",
                                facecolor=BACKGROUND, edgecolor="none"))
    scale, origin = 0.34, np.array([0.5, 0.5])
    line = 1.2 if size_px >= 32 else 0.6  # points on a 1-inch figure: scales with size
    for face, colour in FACES.items():
        if detailed:
            for quad in _face_cells(face, scale, origin):
                ax.add_patch(Polygon(quad, closed=True, facecolor=colour, edgecolor=EDGE,
                                     linewidth=line, joinstyle="round"))
        else:
            whole = _face_cells(face, scale, origin)
            corners = np.array([whole[0][0], whole[CELLS * (CELLS - 1)][1],
                                whole[-1][2], whole[CELLS - 1][3]])
            ax.add_patch(Polygon(corners, closed=True, facecolor=colour, edgecolor=EDGE,
                                 linewidth=line))
    return fig


def render_png(size_px: int) -> bytes:
    fig = draw_logo(size_px, detailed=size_px >= 32)
    buf = io.BytesIO()
    FigureCanvasAgg(fig).print_png(buf)
    return buf.getvalue()


def main() -> None:
    ICON_DIR.mkdir(exist_ok=True)
    images = {}
    for size in SIZES:
        data = render_png(size)
        (ICON_DIR / f"tensor-tutor-{size}.png").write_bytes(data)
        images[size] = Image.open(io.BytesIO(data)).convert("RGBA")
    svg = io.StringIO()
    FigureCanvasSVG(draw_logo(256, detailed=True)).print_svg(svg, metadata={"Date": None})
    (ICON_DIR / "tensor-tutor.svg").write_text(svg.getvalue(), encoding="utf-8")
    big = images[256]
    big.save(ICON_DIR / "tensor-tutor.ico", sizes=[(s, s) for s in (16, 24, 32, 48, 64, 128, 256)])
    big.resize((512, 512), Image.Resampling.LANCZOS).save(ICON_DIR / "tensor-tutor.icns")
    print(f"wrote {len(SIZES)} PNGs, SVG, ICO and ICNS to {ICON_DIR}")


if __name__ == "__main__":
    main()
