"""Shared test setup: every test runs headless and deterministic."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("MPLBACKEND", "Agg")
os.environ.setdefault("TENSOR_TUTOR_STRICT_I18N", "1")  # a missing UI string fails the test

import pytest


@pytest.fixture(autouse=True)
def _hermetic_user_data(tmp_path_factory, monkeypatch):
    """Progress, logs and caches of a test never touch the real user's folder."""
    home = tmp_path_factory.mktemp("tutor-home")
    monkeypatch.setenv("TENSOR_TUTOR_HOME", str(home))
    return home


@pytest.fixture(autouse=True, scope="session")
def _bundled_cjk_font_for_figures():
    """Figures drawn in tests use the bundled CJK font, as the app does (no missing glyphs)."""
    from tutor_app.viz.fonts import register_matplotlib_fonts

    register_matplotlib_fonts()
    yield
