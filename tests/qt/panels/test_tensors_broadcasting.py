"""Lesson 2 panel as a learner uses it: examples, typed shapes, presets, bad text, languages."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt

from tests.qt.panels.geometry import drawn, inside, overlapping_pairs, text_box, texts_outside
from tutor_app.lessons.base import load_spec
from tutor_app.paths import resource
from tutor_app.qt.panels.tensors_broadcasting import TensorsBroadcastingPanel

from .render import register_matplotlib_fonts, render_both_languages


@pytest.fixture
def panel(qtbot):
    register_matplotlib_fonts()  # zh figure text renders as in the app
    widget = TensorsBroadcastingPanel(load_spec(resource("lessons", "tensors_broadcasting.toml")),
                                      "en")
    qtbot.addWidget(widget)
    widget.resize(900, 900)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _type_shapes(qtbot, panel, a: str, b: str) -> None:
    for edit, text in ((panel.shape_a, a), (panel.shape_b, b)):
        edit.setFocus()
        edit.selectAll()
        qtbot.keyClicks(edit, text)
    qtbot.keyClick(panel.shape_b, Qt.Key.Key_Return)


def test_starts_with_the_d2l_broadcast(panel):
    assert panel.broadcast.result_shape == (3, 2)
    assert "torch.Size([3, 2])" in panel.outcome.text()


def test_typed_shapes_broadcast_like_numpy(panel, qtbot):
    panel.tabs.setCurrentIndex(1)
    _type_shapes(qtbot, panel, "2, 1, 3", "4, 1")
    bc = panel.broadcast
    expected = np.arange(6).reshape(2, 1, 3) + 10 * np.arange(4).reshape(4, 1)
    np.testing.assert_array_equal(bc.result, expected)
    assert "torch.Size([2, 4, 3])" in panel.outcome.text()
    panel.canvas_broadcast.draw()


def test_incompatible_shapes_show_the_engine_error_and_the_axis(panel, qtbot):
    _type_shapes(qtbot, panel, "2, 3, 4", "3, 2")
    expected = ("The size of tensor a (4) must match the size of tensor b (2) "
                "at non-singleton dimension 2")
    assert panel.broadcast.error == expected
    assert f"RuntimeError: {expected}" in panel.outcome.text()
    shown = " ".join(t.get_text().replace("\n", " ") for t in panel.ax_broadcast.texts)
    assert expected in shown
    assert panel.broadcast.offending_axis == 2


def test_malformed_text_says_why_and_changes_nothing(panel, qtbot):
    before = panel.broadcast
    texts_before = [t.get_text() for t in panel.ax_broadcast.texts]
    _type_shapes(qtbot, panel, "2, y", "3")
    assert panel.broadcast is before
    assert "could not read \"y\"" in panel.input_message.text()
    assert [t.get_text() for t in panel.ax_broadcast.texts] == texts_before
    _type_shapes(qtbot, panel, "1, 2, 3, 4, 5", "3")
    assert "Up to 4 dimensions" in panel.input_message.text() and panel.broadcast is before
    _type_shapes(qtbot, panel, "2", "3, 1")   # a good pair clears the message
    assert panel.input_message.text() == "" and panel.broadcast.result_shape == (3, 2)


def test_presets_by_keyboard(panel, qtbot):
    panel.tabs.setCurrentIndex(1)
    panel.presets.setFocus()
    qtbot.keyClick(panel.presets, Qt.Key.Key_Down)    # D2L → matrix + row
    panel.presets.activated.emit(panel.presets.currentIndex())
    assert panel.shape_a.text() == "2, 3" and panel.shape_b.text() == "3"
    assert panel.broadcast.result_shape == (2, 3)


def test_examples_draw_the_cells_they_read(panel, qtbot):
    panel.examples.setFocus()
    index = panel.examples.findData("ex_rows")
    panel.examples.setCurrentIndex(index)
    e = panel.example
    assert e.code == "X[1:3]" and e.source_highlight.sum() == 8
    assert "tensor([[ 4.,  5.,  6.,  7.]," in panel.printed.text()
    values = [t.get_text() for t in panel.ax_examples.texts]
    assert values.count("11") == 2          # in the source and in the result
    qtbot.keyClick(panel.examples, Qt.Key.Key_Down)   # next example by keyboard
    assert panel.example.key == "ex_column"


def test_a_failing_example_shows_the_engine_error(panel):
    panel.examples.setCurrentIndex(panel.examples.findData("ex_reshape_error"))
    message = "RuntimeError: shape '[5, 3]' is invalid for input of size 12"
    assert panel.printed.text() == message
    shown = " ".join(t.get_text().replace("\n", " ") for t in panel.ax_examples.texts)
    assert message in shown


def test_language_switch_and_export(panel, tmp_path):
    panel.set_language("zh")
    assert panel.tabs.tabText(1) == "广播"
    assert "结果形状" in panel.outcome.text()
    assert panel.toolbar_broadcast.save_as(tmp_path / "b.png")
    assert panel.toolbar_examples.save_as(tmp_path / "e.svg")
    assert (tmp_path / "b.png").stat().st_size > 1000


def test_renders_in_zh_and_en_without_missing_glyphs(qtbot, tmp_path):
    missing = render_both_languages(TensorsBroadcastingPanel, "tensors_broadcasting", qtbot,
                                    tmp_path)
    assert missing == []


def test_too_big_result_shows_shapes_only(panel, qtbot):
    _type_shapes(qtbot, panel, "6, 1, 6", "6, 1")      # 216 cells: shape table and a note
    assert panel.broadcast.result_shape == (6, 6, 6)
    assert "216" in panel.outcome.text()
    shown = [t.get_text() for t in panel.ax_broadcast.texts]
    assert any("216" in text for text in shown) and "1→6" in shown


def test_a_result_too_wide_to_draw_shows_the_shapes_alone(panel, qtbot):
    """(2, 4, 3, 5) drawn three times would need ~70 cells across: a few pixels each."""
    panel.tabs.setCurrentIndex(1)
    _type_shapes(qtbot, panel, "2, 1, 3, 1", "1, 4, 1, 5")
    assert panel.broadcast.result_shape == (2, 4, 3, 5)
    assert len(panel.ax_broadcast.patches) == 3 * 4          # the shape table only
    assert "torch.Size([2, 4, 3, 5])" in panel.outcome.text()
    _type_shapes(qtbot, panel, "2, 1, 3", "4, 1")             # narrow enough: cells again
    assert len(panel.ax_broadcast.patches) == 3 * 3 + 3 * 24     # table + a, b, result


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("shapes", [("2, 1, 2, 1", "3, 1, 2"),     # the 4-D preset, drawn
                                    ("2, 1, 3, 1", "1, 4, 1, 5"),   # too wide: shapes alone
                                    ("2, 3, 4", "3, 2")])           # an error
def test_shape_table_headers_and_labels_do_not_overlap(qtbot, lang, shapes):
    register_matplotlib_fonts()
    widget = TensorsBroadcastingPanel(load_spec(resource("lessons", "tensors_broadcasting.toml")),
                                      lang)
    qtbot.addWidget(widget)
    widget.resize(640, 700)              # the panel's width in a 1280×800 window
    widget.show()
    widget.tabs.setCurrentIndex(1)
    qtbot.waitExposed(widget)
    _type_shapes(qtbot, widget, *shapes)
    renderer = drawn(widget.canvas_broadcast)
    texts = widget.ax_broadcast.texts
    headers = [t for t in texts if t.get_text() == "dim" or t.get_text().isdigit()
               and t.get_position()[1] > 0]
    assert len(headers) == 1 + len(widget.broadcast.result_shape or widget.broadcast.a_shape)
    assert not overlapping_pairs(texts, renderer)
    assert not texts_outside(widget.canvas_broadcast, renderer)
    cells = [p.get_window_extent(renderer) for p in widget.ax_broadcast.patches
             if p.get_visible()]
    fitted = 0
    for text in texts:
        box = text_box(text, renderer)
        home = [c for c in cells if c.contains(*box.get_points().mean(axis=0))]
        if home and text.get_text().strip():
            fitted += 1
            assert inside(box, home[0]), text.get_text()   # "1→3" stays inside its cell
    assert fitted >= 3 * len(widget.broadcast.a_shape)
