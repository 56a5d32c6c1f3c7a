"""The console's own messages (refusals, budgets, stops) in the learner's language.

The texts live in ``resources/i18n/console.toml`` (zh and en side by side). A refusal or a
stop is raised with a key and its fields, and put into words only when the run reports
it, in the language the run was given: the learner reads one language, the UI's.
"""

from __future__ import annotations

import tomllib
from functools import lru_cache

from tutor_app import paths

LANGUAGES = ("zh", "en")


@lru_cache(maxsize=1)
def table() -> dict[str, dict[str, str]]:
    """``{"budget.steps": {"zh": ..., "en": ...}, ...}`` from the resource file."""
    with open(paths.resource("i18n", "console.toml"), "rb") as fh:
        data = tomllib.load(fh)
    return {f"{group}.{key}": texts for group, entries in data.items()
            for key, texts in entries.items()}


def say(key: str, lang: str, **fields: object) -> str:
    """The message ``key`` in ``lang`` (English if the language is unknown)."""
    texts = table().get(key)
    if texts is None:
        return key
    text = texts.get(lang) or texts["en"]
    fields = {k: (v.text(lang) if isinstance(v, Phrase) else v) for k, v in fields.items()}
    return text.format(**fields)


class Phrase:
    """A message to be worded later, in the run's language (e.g. the ``what`` of a budget
    message: "the result" / "结果")."""

    __slots__ = ("key", "fields")

    def __init__(self, key: str, **fields: object):
        self.key = key
        self.fields = fields

    def text(self, lang: str) -> str:
        return say(self.key, lang, **self.fields)

    def __str__(self) -> str:
        return self.text("en")

    def __repr__(self) -> str:
        return f"Phrase({self.key!r})"


def what(key: str, **fields: object) -> Phrase:
    """The thing a budget message is about: ``what("result")``, ``what("call", name=...)``."""
    return Phrase(f"what.{key}", **fields)
