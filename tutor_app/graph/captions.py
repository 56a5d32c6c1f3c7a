"""The caption of every step, in every UI language, worded when first shown.

The templates are ``graph.caption.*`` in ``resources/i18n/graph.toml``, formatted with
named fields; ``caption(kind, **fields)`` keeps the fields so a frame can be shown in
either language and switched at run time.
"""

from __future__ import annotations

from collections.abc import Mapping

from tutor_app.i18n import LANGUAGES, is_language, tr

JOINER = "graph.caption.joiner"   # the catalogue key of "; " between a step's parts


def template_key(kind: str) -> str:
    """The catalogue key (``resources/i18n/graph.toml``) of a kind of caption."""
    return f"graph.caption.{kind}"


class Lazy:
    """A caption field computed only when a caption is first shown (thousands are never)."""

    __slots__ = ("fn", "args", "_text")

    def __init__(self, fn, *args):
        self.fn, self.args, self._text = fn, args, None

    def __str__(self) -> str:
        if self._text is None:
            self._text = str(self.fn(*self.args))
        return self._text

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)


class Caption(Mapping):
    """Both languages of a caption, formatted on first use: ``cap["zh"]``, ``cap.get("en")``."""

    __slots__ = ("_parts", "_sep", "_done")

    def __init__(self, parts: tuple, sep: str | None = None):
        self._parts, self._sep, self._done = parts, sep, {}

    def __getitem__(self, lang: str) -> str:
        if not is_language(lang):
            raise KeyError(lang)
        text = self._done.get(lang)
        if text is None:
            pieces = [p[lang] if isinstance(p, Mapping) else tr(template_key(p[0]), lang, **p[1])
                      for p in self._parts]
            text = (tr(self._sep, lang) if self._sep else "").join(pieces)
            self._done[lang] = text
        return text

    def __iter__(self):
        return iter(LANGUAGES)

    def __len__(self) -> int:
        return len(LANGUAGES)


def caption(kind: str, **fields: object) -> Caption:
    """Both languages of one caption (fields may be ``Lazy``)."""
    return Caption(((kind, fields),))


def join(parts: list, sep: str | None = None) -> Caption:
    """Concatenate captions language by language, ``sep`` (a catalogue key) between them."""
    return Caption(tuple(parts), sep)
