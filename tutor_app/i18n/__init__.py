"""Everything the learner reads goes through here: one language list, one ``tr()``.

The words live in resource files, never in Python: every ``resources/i18n/*.toml`` file
(one per area: ``strings.toml`` the shell, ``tabs.toml`` the console and exercises tabs,
``sandbox.toml`` the console's refusals and stops, ``verdicts.toml`` what Check says,
``graph.toml`` step captions and the graph lab, ``widgets.toml`` the figure toolbar, export
menu and graph player). Each file nests tables down to a ``{zh = ..., en = ...}`` leaf; a
key is the dotted path of that leaf (``menu.file``, ``graph.caption.start``) and is defined
in exactly one file. Text that lives with its data (a lesson's ``[strings]`` and title, an
exercise's statement, a verdict once worded) is a ``{lang: text}`` table read with
``pick()``: the same rule, the same pseudo-language; code in a language (a "Try it"
snippet with translated comments) is read with ``pick_code()``.

The fallback rule, in order:

1. the entry's text in ``lang``;
2. a pseudo-language (``pseudo.installed``, tests only) is its base language's text, marked;
3. an unknown language, or an empty text, reads English (``FALLBACK_LANGUAGE``);
4. an unknown key shows the key itself in the app (visible, never a crash) but raises
   ``MissingString`` when ``TENSOR_TUTOR_STRICT_I18N`` is set, as the test suite does, so a
   typo fails loudly before a learner could see it.

No Qt here (the sandbox's child process words its refusals with it too).
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Callable, Mapping
from functools import lru_cache

from tutor_app import paths
from tutor_app.i18n.marks import mark

LANGUAGES = ("zh", "en")
DEFAULT_LANGUAGE = "zh"
FALLBACK_LANGUAGE = "en"
STRICT_ENV = "TENSOR_TUTOR_STRICT_I18N"
PSEUDO_ENV = "TENSOR_TUTOR_PSEUDO_LANGUAGE"  # "xx:en": a test's pseudo-language, inherited

# Pseudo-languages installed by tests: code -> (base language, text transform).
_PSEUDO: dict[str, tuple[str, Callable[[str], str]]] = {}


class MissingString(KeyError):
    """A key no catalogue defines (raised only in strict mode, i.e. under the tests)."""


class CatalogueError(ValueError):
    """A resource file defines a key twice or a leaf without every language."""


def _flatten(table: dict, prefix: str, where: str) -> dict[str, dict[str, str]]:
    """Turn nested TOML tables into ``{"menu.file": {"zh": ..., "en": ...}}``."""
    flat: dict[str, dict[str, str]] = {}
    for key, value in table.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict) and any(lang in value for lang in LANGUAGES):
            flat[name] = {lang: str(value.get(lang, "")) for lang in LANGUAGES}
        elif isinstance(value, dict):
            flat.update(_flatten(value, f"{name}.", where))
        else:
            raise CatalogueError(f"{where}: {name} is neither a table nor a zh/en entry")
    return flat


def catalogue_files() -> list:
    """The resource files ``tr()`` reads, in a stable order."""
    return sorted(paths.resource("i18n").glob("*.toml"))


@lru_cache(maxsize=1)
def strings() -> dict[str, dict[str, str]]:
    """Every UI string of every catalogue, keyed by dotted name."""
    merged: dict[str, dict[str, str]] = {}
    origin: dict[str, str] = {}
    for path in catalogue_files():
        with open(path, "rb") as fh:
            flat = _flatten(tomllib.load(fh), "", path.name)
        for key, entry in flat.items():
            if key in merged:
                raise CatalogueError(f"{key} is defined in both {origin[key]} and {path.name}")
            merged[key], origin[key] = entry, path.name
    return merged


def strict() -> bool:
    """Whether a missing key raises (tests) instead of showing itself (the app)."""
    return bool(os.environ.get(STRICT_ENV))


def pick(table: Mapping, lang: str):
    """The ``lang`` text of a ``{lang: text}`` table (text may also be a tuple of texts).

    The one fallback rule of the module docstring; the table must hold English.
    """
    pseudo = _PSEUDO.get(lang)
    if pseudo is not None:
        base, mark = pseudo
        value = pick(table, base)
        return tuple(mark(v) for v in value) if isinstance(value, (tuple, list)) else mark(value)
    value = table.get(lang)
    return value if value else table[FALLBACK_LANGUAGE]


def pick_code(table: Mapping, lang: str) -> str:
    """Like ``pick`` for code shown in ``lang`` (a snippet whose comments are translated):
    a pseudo-language reads its base language's code unmarked, so the code still runs."""
    base = _PSEUDO[lang][0] if lang in _PSEUDO else lang
    value = table.get(base)
    return value if value else table[FALLBACK_LANGUAGE]


def tr(key: str, lang: str, **fields: object) -> str:
    """The string ``key`` in ``lang``, formatted with ``fields`` (``str.format`` names)."""
    entry = strings().get(key)
    if entry is None:
        if strict():
            raise MissingString(f"no UI string {key!r} in resources/i18n/*.toml")
        return key
    text = pick(entry, lang)
    return text.format(**fields) if fields else text


def is_language(lang: str | None) -> bool:
    """A language the UI can be shown in (the real ones, plus an installed pseudo-language)."""
    return lang in LANGUAGES or lang in _PSEUDO


def normalise_language(lang: str | None) -> str:
    """Map ``zh_CN``, ``zh-TW``, ``en_US``… to a supported language; default Chinese."""
    if not lang:
        return DEFAULT_LANGUAGE
    if lang in _PSEUDO:
        return lang
    head = lang.lower().replace("-", "_").split("_")[0]
    return head if head in LANGUAGES else DEFAULT_LANGUAGE


def _install_pseudo(code: str, base: str, mark: Callable[[str], str]) -> None:
    """Used by ``tutor_app.i18n.pseudo`` only."""
    if code in LANGUAGES or base not in LANGUAGES:
        raise ValueError(f"a pseudo-language needs a new code and a real base ({code}, {base})")
    _PSEUDO[code] = (base, mark)


def _remove_pseudo(code: str) -> None:
    _PSEUDO.pop(code, None)


def _install_from_environment() -> None:
    """Install the pseudo-language a parent process set in ``PSEUDO_ENV``, if any: a
    test's child process (the console) then speaks its language."""
    code, _, base = os.environ.get(PSEUDO_ENV, "").partition(":")
    if code and base in LANGUAGES:
        _install_pseudo(code, base, mark)


_install_from_environment()
