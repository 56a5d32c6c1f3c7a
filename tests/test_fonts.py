"""The bundled CJK subset covers every character the lessons and the UI show, and is registered."""

from __future__ import annotations

from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

from tutor_app import paths
from tutor_app.viz.fonts import CJK_FAMILY, font_path, register_matplotlib_fonts


def _shown_text() -> dict[str, str]:
    files = sorted(paths.resource("lessons").glob("*.toml"))
    files += [paths.resource("i18n", "strings.toml")]
    files += sorted(paths.resources_dir().glob("*/*.toml"))  # e.g. exercises' UI strings
    return {p.name: p.read_text(encoding="utf-8") for p in dict.fromkeys(files)}


@pytest.fixture(scope="module")
def subset_cmap() -> set[int]:
    return set(TTFont(font_path(), lazy=True).getBestCmap())


def test_font_and_licence_ship_together():
    assert font_path().exists()
    assert 2_000_000 < font_path().stat().st_size < 5_000_000
    licence = (Path(font_path()).parent / "OFL.txt").read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE Version 1.1" in licence


def test_subset_covers_every_chinese_character_shown(subset_cmap):
    missing = {}
    for name, text in _shown_text().items():
        gaps = sorted({ch for ch in text if ord(ch) >= 0x2E80 and ord(ch) not in subset_cmap})
        if gaps:
            missing[name] = "".join(gaps)
    assert not missing, f"characters the bundled font lacks (add them to the subset): {missing}"


def test_matplotlib_uses_the_bundled_font_for_chinese():
    import matplotlib
    from matplotlib import font_manager

    family = register_matplotlib_fonts()
    assert family == CJK_FAMILY
    assert CJK_FAMILY in matplotlib.rcParams["font.family"]
    assert matplotlib.rcParams["axes.unicode_minus"] is False
    found = font_manager.findfont(font_manager.FontProperties(family=CJK_FAMILY),
                                  fallback_to_default=False)
    assert Path(found) == font_path()


def test_qt_registers_the_bundled_font(qapp):
    from PySide6.QtGui import QFontDatabase

    from tutor_app.qt.fonts import register_qt_fonts

    families = register_qt_fonts(qapp)
    assert CJK_FAMILY in families
    assert CJK_FAMILY in QFontDatabase.families()
    assert CJK_FAMILY in qapp.font().families()


def test_qt_draws_latin_and_maths_signs_with_a_latin_font(qapp):
    """‖, ², × come from the Latin family, listed first; the CJK font is the fallback (its
    full-width ‖ made "y = ‖Ax‖²" read "y = ‖ Ax ‖ ²" in the Chinese UI)."""
    from PySide6.QtGui import QFont, QFontInfo, QFontMetricsF

    from tutor_app.qt.fonts import register_qt_fonts

    register_qt_fonts(qapp)
    font = qapp.font()
    assert font.families()[-1] == CJK_FAMILY
    assert QFontInfo(font).family() != CJK_FAMILY
    app_metrics = QFontMetricsF(font)
    cjk = QFont(font)
    cjk.setFamilies([CJK_FAMILY])
    cjk_metrics = QFontMetricsF(cjk)
    for sign in "‖²×":
        assert app_metrics.horizontalAdvance(sign) < cjk_metrics.horizontalAdvance(sign), sign
    assert app_metrics.horizontalAdvance("‖") < app_metrics.horizontalAdvance("中") * 0.75


def test_accented_letters_are_drawn_with_the_font_that_places_their_marks(qapp):
    """n̂ in the cross-product readout: DejaVu Sans put the hat a line too high."""
    from tutor_app import paths
    from tutor_app.lessons.base import load_spec
    from tutor_app.qt.fonts import marks_in_cjk_font, register_qt_fonts
    from tutor_app.qt.panels.cross_product import CrossProductPanel

    register_qt_fonts(qapp)
    html = marks_in_cjk_font("det[v  w  n\u0302] = 4.168 &lt; sin θ")
    assert html == (f"det[v  w  <span style=\"font-family:'{CJK_FAMILY}'\">n\u0302</span>]"
                    " = 4.168 &lt; sin θ")
    panel = CrossProductPanel(load_spec(paths.resource("lessons", "cross_product.toml")), "en")
    try:
        assert f"'{CJK_FAMILY}'\">n\u0302</span>" in panel.readout_3d.text()
    finally:
        panel.shutdown()
        panel.deleteLater()


def test_matplotlib_draws_latin_and_maths_signs_with_dejavu_first():
    """Matplotlib's per-glyph fallback goes down the family list: ‖, ² and × come from
    DejaVu Sans, listed before the CJK subset (whose ‖ is full-width)."""
    import matplotlib
    from matplotlib import font_manager

    register_matplotlib_fonts()
    props = font_manager.FontProperties(family=matplotlib.rcParams["font.family"])
    paths_in_order = font_manager.fontManager._find_fonts_by_props(props)
    assert Path(paths_in_order[0]).name == "DejaVuSans.ttf"
    assert Path(font_path()) in [Path(p) for p in paths_in_order[1:]]
