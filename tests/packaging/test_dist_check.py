"""The checks of `make dist-check`, run on fake folders (no build, no PyInstaller)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"
sys.path.append(str(PACKAGING))  # packaging/ is scripts, not a package

import check_rules  # noqa: E402
import deb_package  # noqa: E402
import dist_check  # noqa: E402
import elf_tools  # noqa: E402


def _lesson_png(path: Path) -> None:
    image = Image.new("RGB", (640, 400), "white")
    draw = ImageDraw.Draw(image)
    for i in range(12):
        draw.rectangle((20 + 40 * i, 40, 50 + 40 * i, 300), fill=(20 * i, 120, 255 - 20 * i))
    draw.text((30, 340), "tensor 张量", fill="black")
    image.save(path)


def test_lesson_ids_are_the_lesson_file_names(tmp_path):
    for name in ("norms.toml", "autograd.toml", "README.md"):
        (tmp_path / name).write_text("")
    assert check_rules.lesson_ids(tmp_path) == ["autograd", "norms"]


def test_screenshots_pass_when_every_lesson_has_both_languages(tmp_path):
    for lid in ("norms", "autograd"):
        for lang in ("zh", "en"):
            _lesson_png(tmp_path / f"{lid}_{lang}.png")
    assert check_rules.check_screenshots(tmp_path, ["norms", "autograd"]) == []


def test_screenshots_report_missing_extra_and_blank(tmp_path):
    _lesson_png(tmp_path / "norms_zh.png")
    Image.new("RGB", (640, 400), "white").save(tmp_path / "norms_en.png")
    _lesson_png(tmp_path / "stray_en.png")
    problems = check_rules.check_screenshots(tmp_path, ["norms", "autograd"])
    assert "missing autograd_zh.png" in problems
    assert "missing autograd_en.png" in problems
    assert "unexpected stray_en.png" in problems
    assert any(p.startswith("norms_en.png:") and "blank" in p for p in problems)
    assert not any(p.startswith("norms_zh.png") for p in problems)


def test_screenshots_reject_tiny_or_broken_files(tmp_path):
    Image.new("RGB", (40, 40), "red").save(tmp_path / "a_zh.png")
    (tmp_path / "a_en.png").write_bytes(b"not a png")
    problems = check_rules.check_screenshots(tmp_path, ["a"])
    assert any("40x40" in p for p in problems)
    assert any(p.startswith("a_en.png: unreadable") for p in problems)
    assert check_rules.check_screenshots(tmp_path, []) == ["no lesson files in the bundle"]


def test_build_paths_are_found_even_across_read_chunks(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "clean.bin").write_bytes(b"\0" * 5000)
    (tmp_path / "sub" / "leak.pyc").write_bytes(b"x" * 1000 + b"/work/main/tutor_app/x.py")
    (tmp_path / "link").symlink_to(tmp_path / "sub" / "leak.pyc")
    hits = check_rules.find_build_paths(tmp_path, ["/work/main", "/nowhere"], chunk=1003)
    assert hits == {"sub/leak.pyc": ["/work/main"]}


def _fake_deb_tree(root: Path) -> None:
    stage = deb_package.stage(_fake_bundle(root / "bundle"), root / "deb", "0.1.0")
    shutil.rmtree(root / "bundle")
    assert stage == root / "deb"


def _fake_bundle(folder: Path) -> Path:
    (folder / "_internal").mkdir(parents=True)
    exe = folder / "tensor-tutor"
    exe.write_text("#!/bin/sh\n")
    exe.chmod(0o755)
    lib = folder / "_internal" / "libQt6Core.so.6"
    lib.write_bytes(b"\x7fELF")
    lib.chmod(0o775)
    return folder


def test_deb_layout_of_a_staged_tree_passes(tmp_path):
    _fake_deb_tree(tmp_path)
    fields = "Package: tensor-tutor\nDepends: libc6 (>= 2.36), libgl1, libegl1, fontconfig\n"
    assert check_rules.check_deb_layout(tmp_path / "deb", fields) == []


def test_deb_layout_reports_what_is_missing(tmp_path):
    _fake_deb_tree(tmp_path)
    root = tmp_path / "deb"
    (root / "usr" / "share" / "icons" / "hicolor" / "48x48" / "apps" / "tensor-tutor.png").unlink()
    (root / "usr" / "bin" / "tensor-tutor").write_text("#!/bin/sh\nexec true\n")
    problems = check_rules.check_deb_layout(root, "Depends: libgl1\n")
    assert "no 48x48 icon" in problems
    assert "/usr/bin/tensor-tutor does not start /opt/tensor-tutor/tensor-tutor" in problems
    assert "Depends lacks libegl1" in problems and "Depends lacks fontconfig" in problems


def test_desktop_entry_is_checked(tmp_path):
    good = PACKAGING / "linux" / "tensor-tutor.desktop"
    assert check_rules._desktop_problems(good) == []
    bad = tmp_path / "bad.desktop"
    bad.write_text("[Desktop Entry]\nType=Application\nExec=python -m tutor_app\nIcon=x\n")
    assert len(check_rules._desktop_problems(bad)) == 2


def test_clean_environment_is_empty_but_for_home_lang_and_qpa(tmp_path):
    assert dist_check.clean_env(tmp_path) == {
        "HOME": str(tmp_path), "LANG": "C.UTF-8", "QT_QPA_PLATFORM": "offscreen"}


def test_network_isolation_gives_a_prefix_or_says_why_not():
    prefix, message = dist_check.network_isolation()
    if prefix:
        assert prefix[0] == "unshare" and "no network" in message
    else:
        assert "NOT isolated" in message


def test_report_collects_failures(capsys):
    report = dist_check.Report()
    assert report.check(True, "fine") is True
    assert report.check(False, "broken", "why") is False
    assert report.failures == ["broken: why"]
    assert "[FAIL] broken: why" in capsys.readouterr().out


def test_vendored_libs_are_never_stripped(tmp_path):
    elf = Path("/bin/true")
    if not elf.is_file() or shutil.which("strip") is None:
        pytest.skip("needs /bin/true and binutils")
    (tmp_path / "numpy.libs").mkdir()
    (tmp_path / "PySide6").mkdir()
    shutil.copy(elf, tmp_path / "numpy.libs" / "libopenblas.so")
    shutil.copy(elf, tmp_path / "PySide6" / "libQt6Core.so.6")
    (tmp_path / "data.txt").write_text("ELF? no")
    (tmp_path / "link.so").symlink_to(tmp_path / "PySide6" / "libQt6Core.so.6")
    assert elf_tools.strip_targets(tmp_path) == [tmp_path / "PySide6" / "libQt6Core.so.6"]
    assert elf_tools.strip_all(elf_tools.strip_targets(tmp_path)) >= 0


def test_glibc_versions_are_parsed_numerically():
    text = b"0 DF *UND* GLIBC_2.2.5 memcpy\n0 DF *UND* GLIBC_2.34 dlsym\n GLIBC_2.4 x"
    versions = elf_tools.glibc_versions_in(text)
    assert max(versions) == (2, 34)
    assert elf_tools.version_text((2, 2, 5)) == "2.2.5"


def test_only_origin_relative_runpaths_survive():
    assert elf_tools.kept_runpath("/root/.pyenv/versions/3.11.7/lib") == ""
    assert elf_tools.kept_runpath("$ORIGIN/:$ORIGIN/Qt/lib:/opt/x") == "$ORIGIN/:$ORIGIN/Qt/lib"
    assert elf_tools.kept_runpath("$ORIGIN/../../lib") == "$ORIGIN/../../lib"


def test_absolute_runpath_is_removed_with_its_string(tmp_path):
    source = Path("/bin/true")
    if shutil.which("patchelf") is None or shutil.which("objdump") is None:
        pytest.skip("needs patchelf and binutils")
    lib = tmp_path / "lib.so"
    shutil.copy(source, lib)
    subprocess.run(["patchelf", "--set-rpath", "/build/machine/lib:$ORIGIN/x", str(lib)],
                   check=True)
    assert elf_tools.absolute_runpaths(tmp_path) == {"lib.so": "/build/machine/lib:$ORIGIN/x"}
    assert elf_tools.scrub_runpaths([lib]) == [lib]
    assert elf_tools.runpath(lib) == "$ORIGIN/x"
    assert b"/build/machine" not in lib.read_bytes()
    assert elf_tools.absolute_runpaths(tmp_path) == {}


def test_module_problems_name_missing_and_forbidden_modules():
    app = ["tutor_app", "tutor_app.qt"]
    bundled = {*app, *check_rules.LOADED_BY_NAME, "sympy.core", "torchvision"}
    assert check_rules.module_problems(bundled, app) == ["carries sympy.core"]
    bundled -= {"matplotlib.backends.backend_svg", "tutor_app.qt"}
    problems = check_rules.module_problems(bundled, app)
    assert problems == ["missing tutor_app.qt", "missing matplotlib.backends.backend_svg",
                        "carries sympy.core"]


def test_only_glibc_gl_and_xcb_may_come_from_the_system():
    used = {"libc.so.6": ["a.so"], "libGL.so.1": ["b.so"], "libxcb.so.1": ["c.so"],
            "libxcb-cursor.so.0": ["PySide6/Qt/plugins/platforms/libqxcb.so", "d.so"]}
    assert check_rules.unexpected_system_libraries(used) == [
        "libxcb-cursor.so.0 (needed by PySide6/Qt/plugins/platforms/libqxcb.so)"]


def test_staged_tree_has_policy_modes_and_a_changelog(tmp_path):
    import gzip

    _fake_deb_tree(tmp_path)
    root = tmp_path / "deb"
    deb_package.normalise_modes(root)
    assert (root / "opt/tensor-tutor/tensor-tutor").stat().st_mode & 0o777 == 0o755
    assert (root / "opt/tensor-tutor/_internal/libQt6Core.so.6").stat().st_mode & 0o777 == 0o644
    assert (root / "usr/bin/tensor-tutor").stat().st_mode & 0o777 == 0o755
    changelog = gzip.decompress((root / "usr/share/doc/tensor-tutor/changelog.gz").read_bytes())
    assert changelog.startswith(b"tensor-tutor (0.1.0) unstable; urgency=medium")


def test_modules_expected_are_those_the_build_recorded(tmp_path, monkeypatch):
    import artefacts

    monkeypatch.setattr(artefacts, "ROOT", tmp_path)
    assert dist_check.modules_at_build(["tutor_app", "tutor_app.new"]) == [
        "tutor_app", "tutor_app.new"]  # no report: the checkout's list
    (tmp_path / "build").mkdir()
    (tmp_path / "build" / "dist-report.json").write_text('{"app_modules": ["tutor_app"]}')
    assert dist_check.modules_at_build(["tutor_app", "tutor_app.new"]) == ["tutor_app"]
