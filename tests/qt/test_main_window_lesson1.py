"""Lesson 1 panel: clicking an application draws its input and output tensor shapes."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt

from tutor_app import paths
from tutor_app.lessons import what_dl_does as lesson
from tutor_app.lessons.base import load_spec
from tutor_app.viz.fonts import register_matplotlib_fonts


@pytest.fixture
def panel(qtbot):
    from tutor_app.qt.panels.what_dl_does import WhatDlDoesPanel

    register_matplotlib_fonts()
    spec = load_spec(paths.resource("lessons", "what_dl_does.toml"))
    widget = WhatDlDoesPanel(spec, "en")
    qtbot.addWidget(widget)
    widget.resize(900, 700)
    widget.show()
    qtbot.waitExposed(widget)
    widget.canvas.draw()
    return widget


def _texts(ax) -> list[str]:
    return [t.get_text() for t in ax.texts]


def _click_tile(qtbot, panel, key):
    canvas = panel.canvas
    box = panel.tiles[key].get_window_extent()
    ratio = canvas.device_pixel_ratio
    x = box.x0 + box.width / 2
    y = box.y0 + box.height / 2
    point = QPoint(int(x / ratio), int(canvas.height() - y / ratio))
    qtbot.mouseClick(canvas, Qt.MouseButton.LeftButton, pos=point)


def test_default_is_image_classification(panel):
    texts = " ".join(_texts(panel.ax_flow))
    assert "(N, 3, 224, 224)" in texts and "(N, 1000)" in texts
    assert panel.chooser.currentData() == "classification"


def test_clicking_a_tile_draws_its_shapes(panel, qtbot):
    _click_tile(qtbot, panel, "text_generation")
    assert panel.selected == "text_generation"
    assert panel.chooser.currentData() == "text_generation"  # model -> UI
    texts = " ".join(_texts(panel.ax_flow))
    assert "(N, 2048)" in texts and "(N, 2048, 50257)" in texts


def test_choosing_from_the_list_draws_and_highlights(panel):
    index = panel.chooser.findData("detection")
    panel.chooser.setCurrentIndex(index)  # UI -> model
    assert panel.selected == "detection"
    texts = " ".join(_texts(panel.ax_flow))
    assert "(N, 100, 4)" in texts and "(N, 100, 81)" in texts
    assert panel.tiles["detection"].get_linewidth() > panel.tiles["segmentation"].get_linewidth()


@pytest.mark.parametrize("app", lesson.APPLICATIONS, ids=lambda a: a.key)
def test_every_application_draws_every_tensor(panel, app):
    panel.select(app.key)
    texts = " ".join(_texts(panel.ax_flow))
    for tensor in app.inputs + app.outputs:
        assert tensor.shape_text in texts


def test_language_switch_redraws_the_figure(panel):
    panel.set_language("zh")
    assert "深度学习" in " ".join(_texts(panel.ax_sets))
    assert "批量" in " ".join(_texts(panel.ax_flow))
    panel.set_language("en")
    # long set labels are drawn one word a line
    assert "Deep learning" in " ".join(_texts(panel.ax_sets)).replace("\n", " ")
    assert panel.chooser_label.text() == "Application:"


def test_dark_theme_redraws_with_the_dark_palette(panel):
    from matplotlib.colors import to_hex

    from tutor_app.viz.style import palette

    panel.set_theme("dark")
    assert to_hex(panel.canvas.figure.get_facecolor()) == palette("dark").background
    panel.set_theme("light")
    assert to_hex(panel.canvas.figure.get_facecolor()) == palette("light").background


def test_the_window_passes_its_theme_to_the_panel(make_window):
    window = make_window(lesson="what_dl_does")
    window.set_theme("dark")
    assert window.host.panel.theme == "dark"
    window.show_lesson("what_dl_does")
    assert window.host.panel.theme == "dark"
