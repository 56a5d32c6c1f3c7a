"""UI strings of the shell in zh and en (``resources/i18n/strings.toml``). No Qt here.

Lesson text is not here: it lives beside each lesson in ``resources/lessons``.
"""

from __future__ import annotations

import tomllib
from functools import lru_cache

from tutor_app import paths

LANGUAGES = ("zh", "en")
DEFAULT_LANGUAGE = "zh"


def _flatten(table: dict, prefix: str = "") -> dict[str, dict[str, str]]:
    """Turn nested TOML tables into ``{"menu.file": {"zh": ..., "en": ...}}``."""
    flat: dict[str, dict[str, str]] = {}
    for key, value in table.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict) and any(lang in value for lang in LANGUAGES):
            flat[name] = {lang: str(value.get(lang, "")) for lang in LANGUAGES}
        elif isinstance(value, dict):
            flat.update(_flatten(value, f"{name}."))
    return flat


@lru_cache(maxsize=1)
def strings() -> dict[str, dict[str, str]]:
    """Every UI string, keyed by dotted name."""
    with open(paths.resource("i18n", "strings.toml"), "rb") as fh:
        return _flatten(tomllib.load(fh))


def tr(key: str, lang: str, **fields: object) -> str:
    """The string ``key`` in ``lang``, formatted with ``fields``.

    An unknown key or language shows the key itself rather than crashing, so a missing
    translation is visible but harmless.
    """
    entry = strings().get(key)
    text = (entry.get(lang) or entry.get("en")) if entry else None
    if not text:
        return key
    return text.format(**fields) if fields else text


def normalise_language(lang: str | None) -> str:
    """Map ``zh_CN``, ``zh-TW``, ``en_US``… to a supported language; default Chinese."""
    if not lang:
        return DEFAULT_LANGUAGE
    head = lang.lower().replace("-", "_").split("_")[0]
    return head if head in LANGUAGES else DEFAULT_LANGUAGE
