"""Write a lesson's console session as Markdown with a folder of PNG figures (no Qt).

The learner's own notes are Markdown with screenshots; this produces the same shape:
``notes.md`` next to ``notes_files/figure-1.png``..., linked with relative paths so the
pair can be moved together.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol
from urllib.parse import quote

from tutor_app.i18n import tr


class SavesFigure(Protocol):
    def savefig(self, fname, **kwargs) -> None: ...


@dataclass(frozen=True)
class NoteCell:
    """One console submission as it goes into the notes."""

    source: str
    output: str = ""
    error: str | None = None


def _fence(text: str, info: str = "") -> str:
    """A fenced block that survives backticks inside ``text``."""
    longest = max((len(m) for m in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}{info}\n{text.rstrip()}\n{fence}\n"


def _slug(text: str) -> str:
    slug = re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-").lower()
    return slug or "figure"


def render_markdown(title: str, cells: Sequence[NoteCell], image_paths: Sequence[str],
                    lang: str = "zh") -> str:
    """The Markdown text (pure function; images given as relative POSIX paths)."""
    words = {key: tr(f"notes.{key}", lang) for key in ("session", "figures", "error")}
    parts = [f"# {title}\n", f"## {words['session']}\n"]
    for cell in cells:
        parts.append(_fence(cell.source, "python"))
        if cell.output.strip():
            parts.append(_fence(cell.output))
        if cell.error:
            parts.append(f"**{words['error']}:**\n\n" + _fence(cell.error))
    if image_paths:
        parts.append(f"## {words['figures']}\n")
        for n, image in enumerate(image_paths, start=1):
            parts.append(f"![{words['figures']} {n}]({quote(image)})\n")
    return "\n".join(parts)


def export_notes(path: Path | str, title: str, cells: Sequence[NoteCell],
                 figures: Sequence[tuple[str, SavesFigure]] = (), lang: str = "zh",
                 dpi: int = 120) -> Path:
    """Write ``path`` (Markdown) and ``<stem>_files/*.png``; return the Markdown path.

    ``figures`` are ``(name, figure)`` pairs; anything with Matplotlib's ``savefig`` works.
    Raises ``OSError`` when the disk refuses (the caller shows the message).
    """
    path = Path(path)
    if path.suffix.lower() != ".md":
        path = path.with_suffix(".md")
    folder = path.with_name(f"{path.stem}_files")
    images: list[str] = []
    if figures:
        folder.mkdir(parents=True, exist_ok=True)
    for n, (name, figure) in enumerate(figures, start=1):
        file_name = f"figure-{n}-{_slug(name)}.png"
        figure.savefig(folder / file_name, dpi=dpi)
        images.append(f"{folder.name}/{file_name}")
    path.write_text(render_markdown(title, cells, images, lang), encoding="utf-8")
    return path
