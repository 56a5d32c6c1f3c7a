"""The palette and sizes every figure shares, so lessons look like one app.

``restyle_figure`` repaints a figure's "chrome" (backgrounds, spines, ticks, labels, titles,
legend frames, 3D panes, neutral text and cells) for a theme, so a panel that draws with
Matplotlib's defaults or the light palette still reads well in the dark theme. It changes
only colours that belong to a theme (see ``_ROLES``), never data colours.
"""

from __future__ import annotations

from dataclasses import dataclass

from matplotlib.colors import to_hex, to_rgba


@dataclass(frozen=True)
class Palette:
    v: str = "#1f77b4"          # first vector / input
    w: str = "#d62728"          # second vector
    result: str = "#2ca02c"     # v × w, projections, results
    accent: str = "#ff7f0e"     # highlights, current step
    muted: str = "#9aa0a6"      # guides, dashed helpers, copied (broadcast) cells
    positive: str = "#2ca02c"   # acute angle, v·w > 0
    zero: str = "#7f7f7f"       # right angle
    negative: str = "#d62728"   # obtuse angle, v·w < 0
    grad: str = "#9467bd"       # gradients in the graph lab and contour plots
    text: str = "#202124"
    background: str = "#ffffff"
    cell: str = "#e8f0fe"       # tensor cells
    cell_edge: str = "#5f6368"


LIGHT = Palette()
DARK = Palette(text="#e8eaed", background="#202124", cell="#303134", cell_edge="#9aa0a6",
               muted="#80868b")

FONT_SIZE = 10
ARROW_WIDTH = 0.012


def palette(theme: str = "light") -> Palette:
    """The palette for ``"light"`` or ``"dark"``."""
    return DARK if theme == "dark" else LIGHT


# ---- restyling a drawn figure for a theme ---------------------------------------------
# Colours that mean "the theme's <role>" in either theme, plus Matplotlib's own defaults.
# Fills and inks are told apart because a theme may reuse one colour for both (the dark
# background is the light theme's text colour).
_FILLS = {"background": ["#ffffff"], "cell": []}
_INKS = {"text": ["#000000"], "muted": [], "cell_edge": ["#cccccc"]}  # "0.8": legend edge


def _role_map(roles: dict[str, list[str]]) -> dict[str, str]:
    out: dict[str, str] = {}
    for role, extra in roles.items():
        for colour in [getattr(LIGHT, role), getattr(DARK, role), *extra]:
            out.setdefault(to_hex(colour), role)
    return out


_FILL_ROLES = _role_map(_FILLS)
_INK_ROLES = _role_map(_INKS)
_PANE_LIGHT = (0.95, 0.95, 0.95, 0.5)   # Matplotlib's default 3D pane colour
_PANE_DARK = (0.19, 0.19, 0.2, 0.6)


def themed_colour(colour, pal: Palette, *, fill: bool = False):
    """``colour`` recoloured for ``pal`` if it is a theme colour (alpha kept), else None.

    Theme colours are the palette's own (text, background, cells…, either theme's value)
    and near-white or near-black greys: a near-white fill or a near-black ink is chrome
    (a box, a label), so the other theme gets its lightness mirrored; colours with hue
    and mid greys are data and stay. ``fill`` says the colour fills an area: a colour
    that is a fill in one theme and an ink in the other is then read as a fill.
    """
    try:
        rgba = to_rgba(colour)
    except (ValueError, TypeError):
        return None
    if rgba[3] == 0:
        return None
    key = to_hex(rgba)
    first, second = (_FILL_ROLES, _INK_ROLES) if fill else (_INK_ROLES, _FILL_ROLES)
    role = first.get(key) or second.get(key)
    if role is not None:
        target = to_rgba(getattr(pal, role), rgba[3])
    else:
        target = _mirrored_grey(rgba, pal, fill)
    return None if target is None or target == rgba else target


def _mirrored_grey(rgba, pal: Palette, fill: bool):
    """A near-white fill / near-black ink in the dark theme (or the reverse in the light
    one) with its lightness mirrored; mirroring twice gives the colour back."""
    r, g, b, a = rgba
    if max(r, g, b) - min(r, g, b) > 0.08:  # has a hue: data, not chrome
        return None
    lightness = (max(r, g, b) + min(r, g, b)) / 2
    wrong_for_dark = lightness > 0.82 if fill else lightness < 0.18
    wrong_for_light = lightness < 0.18 if fill else lightness > 0.82
    if (pal is DARK and wrong_for_dark) or (pal is not DARK and wrong_for_light):
        return (1 - r, 1 - g, 1 - b, a)
    return None


def _recolour_many(collection, getter: str, setter: str, pal: Palette) -> None:
    """Per-item colours of a collection (graph nodes, edges); value-mapped ones stay."""
    if collection.get_array() is not None:  # coloured by a colormap: data
        return
    try:
        colours = getattr(collection, getter)()
    except (AttributeError, TypeError, ValueError):
        return
    if len(colours) == 0 or len(colours) > 5000:
        return
    fill = getter == "get_facecolor"
    changed = False
    out = []
    for colour in colours:
        new = themed_colour(colour, pal, fill=fill)
        changed |= new is not None
        out.append(new if new is not None else tuple(colour))
    if changed:
        getattr(collection, setter)(out)
        _CHANGES[0] += 1


def _recolour(artist, getter: str, setter: str, pal: Palette) -> None:
    try:
        colour = getattr(artist, getter)()
    except (AttributeError, TypeError, ValueError):
        return
    if isinstance(colour, str) or (hasattr(colour, "__len__") and len(colour) in (3, 4)
                                   and not hasattr(colour[0], "__len__")):
        new = themed_colour(colour, pal, fill=getter == "get_facecolor")
        if new is not None:
            getattr(artist, setter)(new)
            _CHANGES[0] += 1


def _text_state(text) -> tuple:
    """The colours of a text that a restyle may set (its own, its box's, its arrow's)."""
    box = text.get_bbox_patch()
    arrow = getattr(text, "arrow_patch", None)
    return (to_rgba(text.get_color()),
            *((to_rgba(box.get_facecolor()), to_rgba(box.get_edgecolor())) if box else ()),
            *((to_rgba(arrow.get_facecolor()), to_rgba(arrow.get_edgecolor()))
              if arrow is not None else ()))


def _restyle_text(text, pal: Palette) -> None:
    _recolour(text, "get_color", "set_color", pal)
    box = text.get_bbox_patch()
    if box is not None:
        _recolour(box, "get_facecolor", "set_facecolor", pal)
        _recolour(box, "get_edgecolor", "set_edgecolor", pal)
        if pal is DARK and to_hex(text.get_color()) == DARK.text and _is_light(box):
            text.set_color(LIGHT.text)  # a light box kept its colour: keep its text dark
            _CHANGES[0] += 1
    arrow = getattr(text, "arrow_patch", None)
    if arrow is not None:
        _recolour(arrow, "get_edgecolor", "set_edgecolor", pal)
        _recolour(arrow, "get_facecolor", "set_facecolor", pal)


def _is_light(patch) -> bool:
    r, g, b, a = to_rgba(patch.get_facecolor())
    return a > 0.5 and 0.299 * r + 0.587 * g + 0.114 * b > 0.6


def _keep_readable_on_light(ax) -> None:
    """Text written on a light cell with a hue (a coloured tensor cell) stays dark."""
    boxes = []
    for patch in ax.patches:
        if all(hasattr(patch, n) for n in ("get_x", "get_y", "get_width", "get_height")) \
                and patch.get_data_transform() == ax.transData \
                and _is_light(patch):
            x, y = patch.get_x(), patch.get_y()
            w, h = patch.get_width(), patch.get_height()
            boxes.append((min(x, x + w), max(x, x + w), min(y, y + h), max(y, y + h)))
    if not boxes:
        return
    for text in ax.texts:
        r, g, b, _a = to_rgba(text.get_color())
        if 0.299 * r + 0.587 * g + 0.114 * b < 0.8 or text.get_transform() != ax.transData:
            continue
        x, y = text.get_position()
        if any(x0 <= x <= x1 and y0 <= y <= y1 for x0, x1, y0, y1 in boxes):
            text.set_color(LIGHT.text)
            _CHANGES[0] += 1


def _restyle_axis(axis, pal: Palette) -> None:
    ticks = axis.majorTicks[:1] + axis.minorTicks[:1]
    sample = ticks[0] if ticks else None
    if sample is not None:
        label = themed_colour(sample.label1.get_color(), pal)
        line = themed_colour(sample.tick1line.get_color(), pal)
        kwargs = {}
        if label is not None:
            kwargs["labelcolor"] = label
        if line is not None:
            kwargs["color"] = line
        if kwargs:
            axis.set_tick_params(which="both", **kwargs)
            _CHANGES[0] += 1
    _restyle_text(axis.label, pal)
    if hasattr(axis, "pane"):  # 3D axes: panes and axis lines
        pane = axis.pane.get_facecolor()
        wanted = _PANE_DARK if pal is DARK else _PANE_LIGHT
        if tuple(pane) in (_PANE_LIGHT, _PANE_DARK) and tuple(pane) != wanted:
            axis.set_pane_color(wanted)
            _CHANGES[0] += 1
        _recolour(axis.line, "get_color", "set_color", pal)


def _restyle_axes(ax, pal: Palette) -> None:
    _recolour(ax.patch, "get_facecolor", "set_facecolor", pal)
    for spine in ax.spines.values():
        _recolour(spine, "get_edgecolor", "set_edgecolor", pal)
    for axis in (ax.xaxis, ax.yaxis, getattr(ax, "zaxis", None)):
        if axis is not None:
            _restyle_axis(axis, pal)
    for title in (ax.title, ax._left_title, ax._right_title):
        _restyle_text(title, pal)
    # Dark ink on a light cell is turned light by _restyle_text and dark again by
    # _keep_readable_on_light: counted as two changes, it made every dark draw ask for a
    # follow-up draw (twice the work on each drag). Count what differs at the end instead.
    counted = _CHANGES[0]
    before = [_text_state(text) for text in ax.texts]
    for text in ax.texts:
        _restyle_text(text, pal)
    if pal is DARK:
        _keep_readable_on_light(ax)
    _CHANGES[0] = counted + sum(_text_state(text) != old
                                for text, old in zip(ax.texts, before, strict=True))
    for line in ax.lines:
        _recolour(line, "get_color", "set_color", pal)
    for patch in ax.patches:
        _recolour(patch, "get_facecolor", "set_facecolor", pal)
        _recolour(patch, "get_edgecolor", "set_edgecolor", pal)
    for collection in ax.collections:
        _recolour_many(collection, "get_facecolor", "set_facecolor", pal)
        _recolour_many(collection, "get_edgecolor", "set_edgecolor", pal)
    for table in ax.tables:
        for cell in table.get_celld().values():
            _recolour(cell, "get_facecolor", "set_facecolor", pal)
            _recolour(cell, "get_edgecolor", "set_edgecolor", pal)
            _restyle_text(cell.get_text(), pal)
    _restyle_legend(ax.get_legend(), pal)


def _restyle_legend(legend, pal: Palette) -> None:
    if legend is None:
        return
    frame = legend.get_frame()
    _recolour(frame, "get_facecolor", "set_facecolor", pal)
    _recolour(frame, "get_edgecolor", "set_edgecolor", pal)
    for text in legend.get_texts():
        _restyle_text(text, pal)
    _restyle_text(legend.get_title(), pal)


_CHANGES = [0]  # colours set by the current restyle_figure call (GUI thread only)


def restyle_figure(figure, theme: str) -> int:
    """Recolour ``figure``'s theme colours for ``theme`` in place (data colours untouched).

    Cheap enough to run before every draw: it visits the figure's axes, their chrome, texts,
    lines, patches and tables, and sets a colour only where it changes. Returns how many
    colours it changed (0: the figure already follows ``theme``).
    """
    _CHANGES[0] = 0
    pal = palette(theme)
    _recolour(figure.patch, "get_facecolor", "set_facecolor", pal)
    for text in figure.texts:
        _restyle_text(text, pal)
    for legend in figure.legends:
        _restyle_legend(legend, pal)
    for ax in figure.axes:
        _restyle_axes(ax, pal)
    return _CHANGES[0]
