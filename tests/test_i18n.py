"""One ``tr()`` over the resource catalogues: its data, its fallback rule, its loud failure,
and the pseudo-language the screen walk (tests/qt/test_pseudo_language.py) renders in."""

from __future__ import annotations

import ast
import string
from pathlib import Path

import pytest

from tutor_app import i18n, paths
from tutor_app.i18n import pseudo


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


# Python errors a Chinese reader gets explained: English shows Python's line as it is, so
# it uses fewer of the fields than Chinese does.
EXPLAINED_IN_CHINESE = ("verdict.run.",)


def test_every_catalogue_entry_has_every_language_with_the_same_fields():
    entries = i18n.strings()
    assert len(entries) > 200
    for key, entry in entries.items():
        assert all(entry[lang].strip() for lang in i18n.LANGUAGES), key
        if key.startswith(EXPLAINED_IN_CHINESE):
            assert _fields(entry["en"]) <= _fields(entry["zh"]), key
        else:
            assert _fields(entry["zh"]) == _fields(entry["en"]), key


def test_a_key_defined_in_two_catalogues_is_an_error(tmp_path, monkeypatch):
    (tmp_path / "i18n").mkdir()
    (tmp_path / "i18n" / "a.toml").write_text('[x.y]\nzh = "一"\nen = "one"\n', encoding="utf-8")
    (tmp_path / "i18n" / "b.toml").write_text('[x]\ny = { zh = "二", en = "two" }\n',
                                              encoding="utf-8")
    monkeypatch.setattr(paths, "resource", lambda *parts: tmp_path.joinpath(*parts))
    i18n.strings.cache_clear()
    try:
        with pytest.raises(i18n.CatalogueError, match="x.y is defined in both a.toml and b.toml"):
            i18n.strings()
    finally:
        monkeypatch.undo()
        i18n.strings.cache_clear()


def test_a_missing_key_fails_loudly_under_the_tests_and_shows_itself_in_the_app(monkeypatch):
    with pytest.raises(i18n.MissingString):
        i18n.tr("menu.no_such_entry", "zh")
    monkeypatch.delenv(i18n.STRICT_ENV)
    assert i18n.tr("menu.no_such_entry", "zh") == "menu.no_such_entry"


def test_the_fallback_rule_reads_english_for_an_unknown_language_or_an_empty_text():
    assert i18n.tr("menu.file", "zh") == "文件(&F)"
    assert i18n.tr("menu.file", "fr") == "&File"
    assert i18n.pick({"zh": "", "en": "Loop"}, "zh") == "Loop"
    assert i18n.pick({"zh": ("一", "二"), "en": ("one", "two")}, "zh") == ("一", "二")


def test_one_list_of_languages():
    """No module keeps its own list of languages or its own lookup of a zh/en table."""
    offenders = []
    for path in sorted(Path(paths.__file__).parent.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = [t.id for t in getattr(node, "targets", ()) if isinstance(t, ast.Name)]
            if isinstance(node, ast.Assign) and {"LANGUAGES", "LANGS"} & set(names):
                offenders.append(f"{path.name}:{node.lineno} defines a language list")
            if isinstance(node, ast.Dict) and {"zh", "en"} <= {
                    k.value for k in node.keys if isinstance(k, ast.Constant)} and all(
                    isinstance(v, ast.Constant) for v in node.values):
                offenders.append(f"{path.name}:{node.lineno} holds zh/en text in Python")
    offenders = [o for o in offenders if not o.startswith("__init__.py")]
    assert not offenders, offenders


def test_pseudo_language_marks_prose_and_keeps_markdown_code_and_formulas():
    text = ("# Title\n\nSome **bold** text and $x^2$.\n\n```python\nx = torch.ones(3)\n```\n\n"
            "| a | b |\n|---|---|\n| one | two |\n\n$$\ny = Ax\n$$\n- an item")
    marked = pseudo.mark(text)
    assert marked.splitlines()[0] == "# ⟦Title⟧"
    assert "⟦Some **bold** text and $x^2$.⟧" in marked
    assert "x = torch.ones(3)" in marked and "⟦x = torch" not in marked
    assert "| ⟦one⟧ | ⟦two⟧ |" in marked and "|---|---|" in marked
    assert "\ny = Ax\n" in marked
    assert marked.endswith("- ⟦an item⟧")


def test_pseudo_language_is_a_language_only_while_installed():
    assert not i18n.is_language("xx")
    with pseudo.installed("xx", base="en"):
        assert i18n.is_language("xx") and i18n.normalise_language("xx") == "xx"
        assert i18n.tr("host.exported", "xx", path="/tmp/a.png") == \
            "⟦" + i18n.tr("host.exported", "en", path="/tmp/a.png") + "⟧"
        assert i18n.pick({"zh": ("一",), "en": ("one",)}, "xx") == ("⟦one⟧",)
    assert not i18n.is_language("xx")


def test_unmarked_words_finds_prose_and_lets_code_and_data_through():
    assert pseudo.unmarked_words("⟦Saved: ⟦a⟧⟧ /tmp/x.png") == []
    assert pseudo.unmarked_words("x.grad = tensor([1., 2.]) requires_grad=True (2, 3)") == []
    assert pseudo.unmarked_words("⟦Step⟧ back (Home)") == ["back", "Home"]
    assert pseudo.unmarked_words("Look in:", min_len=2) == ["Look", "in"]


def test_unmarked_words_knows_key_chords_readouts_exceptions_maths_and_quoted_code():
    assert pseudo.unmarked_words("Ctrl+Enter") == []
    assert pseudo.unmarked_words("len = TypeError: len() of a 0-d tensor", {"tensor"}) == []
    assert pseudo.unmarked_words("∂out/∂a = n·an−1", min_len=2) == []
    assert pseudo.unmarked_words("控制台里不能 'import os'", min_len=2) == []
    assert pseudo.unmarked_words("the learner's code isn't run") == [
        "the", "learner's", "code", "isn't", "run"]


# Modules that read what learners type (Chinese numerals, 第0维…): input, not UI text.
PARSERS_OF_LEARNER_INPUT = {"answers.py"}


def _docstrings(tree: ast.AST) -> set[int]:
    owners = (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)
    return {id(node.body[0].value) for node in ast.walk(tree) if isinstance(node, owners)
            and node.body and isinstance(node.body[0], ast.Expr)
            and isinstance(node.body[0].value, ast.Constant)}


def test_no_chinese_ui_text_is_written_in_python():
    """Every Chinese word the UI shows comes from a resource file (the English beside it)."""
    offenders = []
    for path in sorted(Path(paths.__file__).parent.rglob("*.py")):
        if path.name in PARSERS_OF_LEARNER_INPUT:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        skip = _docstrings(tree)
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) \
                    and id(node) not in skip and any("\u4e00" <= ch <= "\u9fff"
                                                     for ch in node.value):
                offenders.append(f"{path.name}:{node.lineno} {node.value[:40]!r}")
    assert not offenders, offenders


def test_an_engine_error_as_python_prints_it_is_data_but_our_framing_is_not():
    shown = "x.reshape(5, 3)\nRuntimeError: shape '[5, 3]' is invalid for input of\nsize 12"
    assert pseudo.unmarked_words(shown) == []
    assert pseudo.unmarked_words("Error on line 2: NameError: name 'q' is not defined") == [
        "Error", "line"]
