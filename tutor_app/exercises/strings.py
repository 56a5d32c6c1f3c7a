"""UI strings of the console and exercises tabs (``resources/exercises/ui.toml``)."""

from __future__ import annotations

import tomllib
from functools import lru_cache

from tutor_app import paths


@lru_cache(maxsize=1)
def _table() -> dict[str, dict[str, str]]:
    with open(paths.resource("exercises", "ui.toml"), "rb") as fh:
        data = tomllib.load(fh)
    flat: dict[str, dict[str, str]] = {}
    for group, entries in data.items():
        for key, value in entries.items():
            flat[f"{group}.{key}"] = value
    return flat


def ui(key: str, lang: str, **fields: object) -> str:
    """The string ``key`` in ``lang`` (English, then the key itself, as fallbacks)."""
    entry = _table().get(key, {})
    text = entry.get(lang) or entry.get("en") or key
    return text.format(**fields) if fields else text
