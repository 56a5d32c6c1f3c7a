"""Compact text for tensors in captions and node labels: scalars in full, small grids, summaries.

Pure functions of numpy arrays, shared by the frames (captions) and the drawing (labels), so
the caption and the picture always print a value the same way.
"""

from __future__ import annotations

import numpy as np

GRID_MAX_ROWS = 4
GRID_MAX_COLS = 4


def number(x: float) -> str:
    """A number as a learner reads it: ``28``, ``0.5``, ``-1.25e-07``, ``nan``."""
    x = float(x)
    if not np.isfinite(x):
        return str(x)
    if x == int(x) and abs(x) < 1e15:
        return str(int(x))
    text = f"{x:.4g}"
    return text


def shape_text(shape: tuple[int, ...]) -> str:
    """``()`` for a scalar, ``(3,)`` and ``(2, 3)`` otherwise."""
    if len(shape) == 1:
        return f"({shape[0]},)"
    return "(" + ", ".join(str(s) for s in shape) + ")"


def is_small(value: np.ndarray) -> bool:
    """True when the value fits as a tiny grid (at most 4×4, at most 2-D)."""
    v = np.asarray(value)
    if v.ndim == 0:
        return True
    if v.ndim == 1:
        return v.shape[0] <= GRID_MAX_COLS
    return v.ndim == 2 and v.shape[0] <= GRID_MAX_ROWS and v.shape[1] <= GRID_MAX_COLS


def grid_rows(value: np.ndarray) -> list[list[str]]:
    """The cells of a small value as text, row by row (a scalar is one cell)."""
    v = np.asarray(value)
    if v.ndim == 0:
        return [[number(v)]]
    if v.ndim == 1:
        return [[number(c) for c in v]]
    return [[number(c) for c in row] for row in v]


def grid_text(value: np.ndarray) -> str:
    """A small value as aligned text rows, e.g. ``0  4  8  12``."""
    rows = grid_rows(value)
    width = max(len(c) for row in rows for c in row)
    return "\n".join("  ".join(c.rjust(width) for c in row) for row in rows)


def summary(value: np.ndarray) -> str:
    """A large value in one line: its shape and its mean, min and max."""
    v = np.asarray(value)
    if v.size == 0:
        return f"{shape_text(v.shape)} empty"
    if v.dtype == bool:
        v = v.astype(np.int64)
    return (f"{shape_text(v.shape)} mean {number(v.mean())} "
            f"[{number(v.min())}, {number(v.max())}]")


def compact(value: np.ndarray | None) -> str:
    """One line for captions: ``28``, ``[0, 4, 8, 12]``, ``[[1, 2], [3, 4]]`` or a summary."""
    if value is None:
        return "None"
    v = np.asarray(value)
    if not is_small(v):
        return summary(v)
    rows = grid_rows(v)
    if v.ndim == 0:
        return rows[0][0]
    inner = ["[" + ", ".join(row) + "]" for row in rows]
    return inner[0] if v.ndim == 1 else "[" + ", ".join(inner) + "]"


def block(value: np.ndarray | None) -> str:
    """Several lines for a node label: the grid when small, the summary otherwise."""
    if value is None:
        return ""
    v = np.asarray(value)
    return grid_text(v) if is_small(v) else summary(v)


def _filled(v: np.ndarray) -> str | None:
    """``ones(2, 3)``, ``zeros(4,)`` or ``full((2, 3), 0.5)`` when every entry is the same."""
    if not v.size or not np.all(v == v.flat[0]):
        return None
    shape = ", ".join(str(s) for s in v.shape) + ("," if v.ndim == 1 else "")
    x = float(v.flat[0])
    if x in (0.0, 1.0):
        return f"{'ones' if x else 'zeros'}({shape})"
    return f"full(({shape}), {number(x)})"


def _span(v: np.ndarray, num=number) -> str:
    """First…last of a vector, min…max of anything bigger: ``0…11``."""
    flat = v.astype(np.int64) if v.dtype == bool else v
    if v.ndim == 1:
        return f"{num(flat[0])}…{num(flat[-1])}"
    return f"{num(flat.min())}…{num(flat.max())}"


def _two_digits(x: float) -> str:
    x = float(x)
    return number(x) if not np.isfinite(x) or x == int(x) else f"{x:.2g}"


def _digits(x: float, sig: int) -> str:
    """``x`` with at most ``sig`` significant digits (integers stay whole)."""
    x = float(x)
    if sig >= 4 or not np.isfinite(x) or (x == int(x) and abs(x) < 1e15):
        return number(x)
    text = f"{x:.{sig}g}"
    return text


def _rows(v: np.ndarray, sig: int) -> list[list[str]]:
    if v.ndim == 0:
        return [[_digits(v, sig)]]
    if v.ndim == 1:
        return [[_digits(c, sig) for c in v]]
    return [[_digits(c, sig) for c in row] for row in v.reshape(v.shape[0], -1)]


def _aligned(rows: list[list[str]], gap: str = "  ") -> str:
    width = max(len(c) for row in rows for c in row)
    return "\n".join(gap.join(c.rjust(width) for c in row) for row in rows)


def _wrapped(cells: list[str]) -> list[list[str]]:
    """A vector's cells in two rows (first half, second half), for a narrower label."""
    half = (len(cells) + 1) // 2
    return [cells[:half], cells[half:]]


def _bracketed(rows: list[list[str]], one_d: bool, lines: bool) -> str:
    inner = ["[" + ", ".join(row) + "]" for row in rows]
    if one_d:
        return inner[0]
    return ("\n" if lines else "").join(inner) if lines else "[" + ", ".join(inner) + "]"


SMALL_SIZE = 6   # up to this many elements a value is always offered as numbers


def number_forms(v: np.ndarray, *, lines: bool = True) -> list[str]:
    """Every numeric form of a small value, richest first: all digits, then wrapped into two
    lines, then 3 and 2 significant digits — so a box or label finds numbers that fit
    before it falls back to a summary or the shape."""
    if not v.size or not (is_small(v) or (v.size <= SMALL_SIZE and v.ndim <= 2)):
        return []
    forms = []
    for sig in (4, 3, 2):
        rows = _rows(v, sig)
        if lines:   # two spaces between cells, then one: a narrow box still holds numbers
            forms += [_aligned(rows), _aligned(rows, " ")]
            if v.ndim == 1:   # one row needs no padding: the unpadded cells are narrower
                forms.append(" ".join(rows[0]))
            if v.ndim == 1 and len(rows[0]) >= 2:
                forms += [_aligned(_wrapped(rows[0])), _aligned(_wrapped(rows[0]), " ")]
        else:
            forms.append(_bracketed(rows, v.ndim == 1, False))
            if v.ndim == 1 and len(rows[0]) >= 3:
                halves = _wrapped(rows[0])
                forms.append("[" + ", ".join(halves[0]) + ",\n " + ", ".join(halves[1]) + "]")
            elif v.ndim == 2 and len(rows) > 1:
                forms.append("\n".join("[" + ", ".join(r) + "]" for r in rows))
    return list(dict.fromkeys(forms))


def ladder(value: np.ndarray | None, *, lines: bool = True) -> list[str]:
    """Forms of ``value`` from richest to shortest; the drawing shows the first that fits.

    Scalars: 4 significant digits, then 2. Tensors of up to ``SMALL_SIZE`` elements (or a
    grid up to 4×4): every element, in one line or wrapped into two, with 4, 3 then 2
    significant digits (``number_forms``); then ``ones(2, 3)`` / ``≡ 132`` when constant,
    then ``first…last`` / ``min…max`` with the shape, the same without it, the shape
    (``(4, 2)``, ``4×2``) and finally ``…`` — so a box is never left empty because its
    value is long.
    """
    if value is None:
        return [""]
    v = np.asarray(value)
    if v.ndim == 0:
        x = float(v)
        forms = [number(x)]
        if np.isfinite(x) and x != int(x):
            forms += [f"{x:.2g}", f"{x:.1g}"]
        return list(dict.fromkeys(forms + ["…"]))
    if v.size == 0:
        return [f"{shape_text(v.shape)} empty", shape_text(v.shape), "…"]
    forms = number_forms(v, lines=lines)
    filled = _filled(v)
    if filled is not None:
        forms += [filled, f"≡ {number(v.flat[0])}"]
    else:
        span = _span(v)
        short_span = _span(v, _two_digits)
        # the same over two lines: a box four or five characters wide still holds it
        forms += [f"{span} {shape_text(v.shape)}", span, short_span]
        if lines and len(short_span) > 5:
            forms.append(short_span.replace("…", "…\n", 1))
    forms.append(shape_text(v.shape))
    if v.ndim >= 2:
        forms.append("×".join(str(s) for s in v.shape))   # 4×2
    forms.append("…")   # there is a value: zoom in to read it
    return list(dict.fromkeys(forms))   # no repeats, order kept


def short(value: np.ndarray | None, limit: int = 20) -> str:
    """At most ``limit`` characters if possible: the richest one-line form of ``ladder``."""
    forms = [f for f in ladder(value, lines=False) if f != "…" and "\n" not in f]
    return next((f for f in forms if len(f) <= limit), forms[-1])
