"""The console's own messages (refusals, budgets, stops) in the learner's language.

The texts are ``sandbox.*`` in ``resources/i18n/sandbox.toml``, read with ``i18n.tr``.
A refusal or a stop is raised with a key and its fields, and put into words only when the
run reports it, in the language the run was given: the learner reads one language, the UI's.
"""

from __future__ import annotations

from tutor_app.i18n import tr

PREFIX = "sandbox."  # the messages are ``sandbox.*`` in resources/i18n/sandbox.toml


def say(key: str, lang: str, **fields: object) -> str:
    """The message ``key`` (e.g. ``budget.steps``) in ``lang``, fields worded in it too."""
    fields = {k: (v.text(lang) if isinstance(v, Phrase) else v) for k, v in fields.items()}
    return tr(PREFIX + key, lang, **fields)


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
