"""A lesson is data (``resources/lessons/<id>.toml``) plus, optionally, a Qt panel.

File format (zh and en side by side; a test enforces parity)::

    id = "dot_projection"
    order = 4                      # position in the navigator
    chapter = "ch2"                # chapter key; its title is in resources/i18n/strings.toml
    section = "2.3"                # the book's section, shown next to the title
    panel = "tutor_app.qt.panels.dot_projection:DotProjectionPanel"   # optional
    try_it = '''x = torch.arange(4.0)'''                               # the console snippet

    [try_it]                       # or, when the snippet has comments: one per language
    zh = '''x = torch.arange(4.0)   # 向量'''
    en = '''x = torch.arange(4.0)   # a vector'''

    [title]
    zh = "点积即投影"
    en = "Dot product as projection"

    [body]                         # Markdown; $...$ formulas are rendered with mathtext
    zh = '''...'''
    en = '''...'''

    [strings.show_projection]      # strings the lesson's panel uses
    zh = "显示投影"
    en = "Show projection"
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from tutor_app import paths
from tutor_app.i18n import LANGUAGES, MissingString, pick, pick_code, strict


class LessonDataError(ValueError):
    """A lesson file is missing a field or a language."""


@dataclass(frozen=True)
class LessonSpec:
    """Everything the app knows about a lesson before it opens it."""

    id: str
    order: int
    chapter: str
    section: str
    title: dict[str, str]
    body: dict[str, str]
    strings: dict[str, dict[str, str]] = field(default_factory=dict)
    panel: str | None = None
    try_it: dict[str, str] | str = ""   # {lang: snippet}; a plain string serves every language

    def __post_init__(self) -> None:
        if isinstance(self.try_it, str):
            object.__setattr__(self, "try_it", {lang: self.try_it for lang in LANGUAGES}
                               if self.try_it else {})

    def title_in(self, lang: str) -> str:
        return pick(self.title, lang)

    def body_in(self, lang: str) -> str:
        return pick(self.body, lang)

    def try_it_in(self, lang: str) -> str:
        """The "Try it" snippet with its comments in ``lang`` (code: never pseudo-marked)."""
        return pick_code(self.try_it, lang) if self.try_it else ""

    def string(self, key: str, lang: str) -> str:
        """A panel string in ``lang``, by ``i18n``'s rule: an unknown key shows as itself in
        the app and fails loudly under the tests."""
        entry = self.strings.get(key)
        if entry is None:
            if strict():
                raise MissingString(f"no string {key!r} in lesson {self.id}'s [strings]")
            return key
        return pick(entry, lang)


def _bilingual(table: object, where: str) -> dict[str, str]:
    if not isinstance(table, dict):
        raise LessonDataError(f"{where}: expected a table with zh and en")
    missing = [lang for lang in LANGUAGES if not str(table.get(lang, "")).strip()]
    if missing:
        raise LessonDataError(f"{where}: missing {', '.join(missing)}")
    return {lang: str(table[lang]) for lang in LANGUAGES}


def _snippet(value: object, where: str) -> dict[str, str] | str:
    return _bilingual(value, where) if isinstance(value, dict) else str(value)


def load_spec(path: Path) -> LessonSpec:
    """Parse one lesson file, checking that both languages are present everywhere."""
    with open(path, "rb") as fh:
        data = tomllib.load(fh)
    where = path.name
    try:
        strings = {
            key: _bilingual(value, f"{where} strings.{key}")
            for key, value in data.get("strings", {}).items()
        }
        return LessonSpec(
            id=str(data["id"]),
            order=int(data["order"]),
            chapter=str(data["chapter"]),
            section=str(data.get("section", "")),
            title=_bilingual(data["title"], f"{where} title"),
            body=_bilingual(data["body"], f"{where} body"),
            strings=strings,
            panel=data.get("panel"),
            try_it=_snippet(data.get("try_it", ""), f"{where} try_it"),
        )
    except KeyError as exc:
        raise LessonDataError(f"{where}: missing field {exc.args[0]!r}") from exc


def load_all(folder: Path | None = None) -> list[LessonSpec]:
    """Return every lesson in ``resources/lessons``, in navigator order."""
    folder = folder or paths.resource("lessons")
    specs = [load_spec(p) for p in sorted(folder.glob("*.toml"))]
    return sorted(specs, key=lambda s: (s.order, s.id))


def load_available(folder: Path | None = None) -> tuple[list[LessonSpec], list[str]]:
    """Like ``load_all`` but a broken file is skipped and reported, not fatal.

    The app uses this so one lesson with a typo cannot stop every other lesson from opening;
    ``--screenshot`` and the tests still fail on the reported errors.
    """
    folder = folder or paths.resource("lessons")
    specs: list[LessonSpec] = []
    errors: list[str] = []
    for path in sorted(folder.glob("*.toml")):
        try:
            specs.append(load_spec(path))
        except (LessonDataError, tomllib.TOMLDecodeError, ValueError, TypeError, OSError) as exc:
            errors.append(f"{path.name}: {exc}")
    return sorted(specs, key=lambda s: (s.order, s.id)), errors
