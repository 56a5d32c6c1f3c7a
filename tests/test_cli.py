"""The command line: --help, --version, bad arguments, and --screenshot of every lesson."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from PIL import Image, ImageStat

from tutor_app import __version__
from tutor_app.lessons.base import load_available


def run_cli(*args: str, timeout: int = 300) -> subprocess.CompletedProcess:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.run([sys.executable, "-m", "tutor_app", *args], capture_output=True,
                          text=True, timeout=timeout, env=env)


def test_version():
    result = run_cli("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"tensor-tutor {__version__}"


def test_help_lists_every_option():
    result = run_cli("--help")
    assert result.returncode == 0
    for option in ("--lesson", "--lang", "--theme", "--screenshot", "--tabs", "--console",
                   "--version"):
        assert option in result.stdout


def test_bad_language_is_refused_with_a_message():
    result = run_cli("--lang", "fr")
    assert result.returncode == 2
    assert "invalid choice" in result.stderr


def test_entry_point_is_main():
    from tutor_app.__main__ import main

    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0


def _is_blank(path) -> bool:
    with Image.open(path) as image:
        return image.convert("RGB").getcolors(maxcolors=4) is not None  # ≤ 4 colours


def test_screenshot_renders_every_lesson_in_both_languages(tmp_path):
    specs, errors = load_available()
    assert not errors
    result = run_cli("--screenshot", str(tmp_path))
    for spec in specs:
        for lang in ("zh", "en"):
            path = tmp_path / f"{spec.id}_{lang}.png"
            assert path.exists(), f"no screenshot of {spec.id} [{lang}]\n{result.stderr}"
            assert not _is_blank(path), f"{path.name} is blank"
            with Image.open(path) as image:
                assert image.size[0] >= 1000 and image.size[1] >= 600  # the whole window
    assert result.returncode == 0, result.stderr


def test_screenshot_fails_on_an_unknown_lesson(tmp_path):
    result = run_cli("--screenshot", str(tmp_path), "--lesson", "no_such_lesson", "--lang", "en")
    assert result.returncode == 1
    assert "no_such_lesson" in result.stderr


def test_screenshot_in_the_dark_theme_has_dark_figures(tmp_path):
    result = run_cli("--screenshot", str(tmp_path), "--lesson", "dot_projection", "--lang", "en",
                     "--theme", "dark")
    assert result.returncode == 0, result.stderr
    with Image.open(tmp_path / "dot_projection_en.png") as image:
        rgb = image.convert("L")
        width, height = rgb.size
        # The figure fills the upper middle of the right-hand panel in the default layout.
        figure = rgb.crop((int(width * 0.55), int(height * 0.2), int(width * 0.95),
                           int(height * 0.5)))
        mean = ImageStat.Stat(figure).mean[0]
    assert mean < 90, f"the figure is not dark (mean grey {mean:.0f})"


def test_bad_theme_is_refused_with_a_message():
    result = run_cli("--theme", "blue")
    assert result.returncode == 2
    assert "invalid choice" in result.stderr


def test_screenshot_leaves_the_learners_progress_alone(tmp_path):
    from tutor_app.progress import Progress

    progress, _warning = Progress.load()
    progress.update_settings(lang="zh", theme="dark", bottom_open=True)
    before = progress.path.read_bytes()
    result = run_cli("--screenshot", str(tmp_path), "--lesson", "norms", "--lang", "en",
                     "--theme", "light")
    assert result.returncode == 0, result.stderr
    assert progress.path.read_bytes() == before


def test_screenshot_shows_inner_tabs_and_the_console_with_variables(tmp_path):
    result = run_cli("--screenshot", str(tmp_path), "--lesson", "three_derivatives",
                     "--lang", "en", "--tabs", "--console")
    assert result.returncode == 0, result.stderr
    console = tmp_path / "three_derivatives_en_console.png"
    second_tab = tmp_path / "three_derivatives_en_tab2.png"   # "Autodiff: the graph"
    for path in (console, second_tab):
        assert path.exists(), result.stderr
        assert not _is_blank(path)
    with Image.open(console) as a, Image.open(second_tab) as b:
        assert a.tobytes() != b.tobytes()
