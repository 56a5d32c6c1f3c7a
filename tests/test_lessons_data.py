"""Lesson files and UI strings: both languages for every key, and the data the app relies on."""

from __future__ import annotations

import re
import tomllib

import pytest

from tutor_app import i18n, paths
from tutor_app.lessons.base import LANGUAGES, load_available, load_spec

LESSON_FILES = sorted(paths.resource("lessons").glob("*.toml"))
EXPECTED_ORDER = {
    "what_dl_does": 1, "tensors_broadcasting": 2, "linalg_basics": 3, "dot_projection": 4,
    "cross_product": 5, "matrix_products": 6, "norms": 7, "axis_sums": 8, "matrix_calculus": 9,
    "exercises_2_3": 10, "chain_rule": 11, "three_derivatives": 12, "forward_reverse": 13,
    "autograd": 14, "graph_lab": 15,
}
CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.mark.parametrize("path", LESSON_FILES, ids=lambda p: p.stem)
def test_lesson_file_has_zh_and_en_for_every_key(path):
    spec = load_spec(path)  # raises on any missing language
    raw = tomllib.loads(path.read_text("utf-8"))
    for section in ("title", "body"):
        assert set(raw[section]) >= set(LANGUAGES)
    for key, entry in raw.get("strings", {}).items():
        assert all(str(entry.get(lang, "")).strip() for lang in LANGUAGES), key
    assert spec.id == path.stem, "the file name is the lesson id"
    assert CJK.search(spec.body["zh"]), "the zh body is Chinese"
    assert len(spec.body["en"]) > 200 and len(spec.body["zh"]) > 100, "real text, not a stub"


@pytest.mark.parametrize("path", LESSON_FILES, ids=lambda p: p.stem)
def test_lesson_fits_the_navigator(path):
    spec = load_spec(path)
    assert EXPECTED_ORDER.get(spec.id) == spec.order, "ids and orders are fixed in COMMON.md"
    assert spec.chapter == ("ch1" if spec.id == "what_dl_does" else "ch2")
    assert f"chapter.{spec.chapter}" in i18n.strings()
    if spec.panel:
        module, _, cls = spec.panel.partition(":")
        assert module.startswith("tutor_app.qt.panels.") and cls


def test_every_lesson_loads_together():
    specs, errors = load_available()
    assert not errors
    assert [s.order for s in specs] == sorted({s.order for s in specs}), "orders are unique"


def test_ui_strings_have_both_languages():
    strings = i18n.strings()
    assert len(strings) > 40
    for key, entry in strings.items():
        assert entry["zh"].strip() and entry["en"].strip(), key


def test_ui_string_lookup_is_forgiving_in_the_app(monkeypatch):
    monkeypatch.delenv(i18n.STRICT_ENV)
    assert i18n.tr("menu.file", "en") == "&File"
    assert i18n.tr("host.exported", "zh", path="/x.png").endswith("/x.png")
    assert i18n.tr("no.such.key", "en") == "no.such.key"
    assert i18n.normalise_language("en_US") == "en"
    assert i18n.normalise_language("zh-TW") == "zh"
    assert i18n.normalise_language("fr_FR") == "zh"


def test_lesson_one_names_every_string_it_draws():
    from tutor_app.lessons import what_dl_does

    spec = load_spec(paths.resource("lessons", "what_dl_does.toml"))
    assert what_dl_does.string_keys() <= set(spec.strings)
    assert len(what_dl_does.APPLICATIONS) == 9
    classification = what_dl_does.application("classification")
    assert classification.inputs[0].shape_text == "(N, 3, 224, 224)"
    assert classification.outputs[0].shape_text == "(N, 1000)"
    assert classification.inputs[0].numel() == 3 * 224 * 224
    assert what_dl_does.application("nonsense").key == "classification"


@pytest.mark.parametrize("spec", [s for s in load_available()[0] if s.try_it],
                         ids=lambda s: s.id)
def test_try_it_snippet_runs_and_only_its_last_line_may_fail_on_purpose(spec):
    """A snippet that shows PyTorch's error (a shape mismatch) does so in its last line; its
    languages differ only in their comments."""
    from tutor_app.lessons import graph_lab

    def code_only(source: str) -> list[str]:
        return [line.split("#")[0].rstrip() for line in source.splitlines()]

    assert code_only(spec.try_it["zh"]) == code_only(spec.try_it["en"])
    for lang in ("zh", "en"):
        snippet = spec.try_it_in(lang)
        run = graph_lab.run_program(snippet, lang)
        if run.error:
            last_line = len(snippet.strip().splitlines())
            assert "RuntimeError" in run.error and (
                f"line {last_line}" in run.error or f"第 {last_line} 行" in run.error), run.error
