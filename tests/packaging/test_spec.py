"""The PyInstaller spec and its exclusion rules, checked without building anything."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"
sys.path.append(str(PACKAGING))  # packaging/ is scripts, not a package

import artefacts  # noqa: E402
import bundle_filter as bf  # noqa: E402
import deb_package  # noqa: E402

SPEC = PACKAGING / "tensor-tutor.spec"


def _calls(tree: ast.AST) -> dict[str, ast.Call]:
    return {node.func.id: node for node in ast.walk(tree)
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)}


def _keyword(call: ast.Call, name: str) -> ast.expr:
    return next(k.value for k in call.keywords if k.arg == name)


def test_spec_builds_one_folder_without_pyinstaller_strip():
    calls = _calls(ast.parse(SPEC.read_text(encoding="utf-8")))
    assert {"Analysis", "PYZ", "EXE", "COLLECT"} <= calls.keys()
    exe = calls["EXE"]
    assert ast.literal_eval(_keyword(exe, "exclude_binaries")) is True  # one-folder
    assert ast.literal_eval(_keyword(exe, "name")) == "tensor-tutor"
    for call in (exe, calls["COLLECT"]):
        assert ast.literal_eval(_keyword(call, "strip")) is False  # breaks OpenBLAS
        assert ast.literal_eval(_keyword(call, "upx")) is False
    assert "onefile" not in SPEC.read_text(encoding="utf-8").lower().replace("one-file", "")


def test_spec_excludes_come_from_bundle_filter_and_always_drop_torch():
    excludes = ast.unparse(_keyword(_calls(ast.parse(SPEC.read_text()))["Analysis"], "excludes"))
    assert excludes == "['torch'] if BASELINE else bf.excluded_modules()"
    assert "torch" in bf.excluded_modules()


def test_spec_uses_the_launcher_and_bundles_resources():
    analysis = _calls(ast.parse(SPEC.read_text()))["Analysis"]
    assert "launcher.py" in ast.unparse(analysis.args[0])
    assert "resource_datas" in ast.unparse(_keyword(analysis, "datas"))
    assert "app_modules" in ast.unparse(_keyword(analysis, "hiddenimports"))
    launcher = (PACKAGING / "launcher.py").read_text()
    assert "from tutor_app.__main__ import main" in launcher


def _imported_modules(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def test_the_app_imports_nothing_the_bundle_leaves_out():
    excluded = bf.excluded_modules()
    offenders = []
    for path in sorted((ROOT / "tutor_app").rglob("*.py")):
        for name in _imported_modules(path):
            if any(name == ex or name.startswith(ex + ".") for ex in excluded):
                offenders.append(f"{path.relative_to(ROOT)} imports {name}")
    assert offenders == []


@pytest.mark.parametrize(("dest", "kept"), [
    ("PySide6/Qt/plugins/platforms/libqxcb.so", True),
    ("PySide6/Qt/plugins/platforms/libqoffscreen.so", True),
    ("PySide6/Qt/plugins/platforms/libqminimal.so", True),
    ("PySide6/Qt/plugins/platforms/libqwayland.so", False),
    ("PySide6/Qt/plugins/platforms/libqeglfs.so", False),
    ("PySide6/plugins/platforms/qwindows.dll", True),
    ("PySide6/Qt/plugins/platforms/libqcocoa.dylib", True),
    ("PySide6/Qt/plugins/imageformats/libqsvg.so", True),
    ("PySide6/Qt/plugins/imageformats/libqpdf.so", False),
    ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", False),
    ("PySide6/Qt/plugins/tls/libqopensslbackend.so", False),
    ("PySide6/Qt/plugins/xcbglintegrations/libqxcb-glx-integration.so", True),
    ("PySide6/Qt/plugins/platforminputcontexts/libibusplatforminputcontextplugin.so", True),
    ("PySide6/Qt/lib/libQt6Core.so.6", True),
    ("numpy/_core/_multiarray_umath.cpython-311-x86_64-linux-gnu.so", True),
])
def test_qt_plugin_rules(dest, kept):
    assert bf.keep_binary(dest) is kept


@pytest.mark.parametrize(("dest", "kept"), [
    ("PySide6/Qt/translations/qtbase_zh_CN.qm", True),
    ("PySide6/Qt/translations/qt_zh_CN.qm", True),
    ("PySide6/Qt/translations/qtbase_de.qm", False),
    ("PySide6/Qt/translations/qt_help_zh_CN.qm", False),
    ("PySide6\\translations\\qtbase_zh_CN.qm", True),
    ("matplotlib/mpl-data/sample_data/axes_grid/bivariate_normal.npy", False),
    ("matplotlib/mpl-data/fonts/afm/pagd8a.afm", False),
    ("matplotlib/mpl-data/fonts/ttf/DejaVuSans.ttf", True),
    ("matplotlib/mpl-data/matplotlibrc", True),
    ("resources/lessons/norms.toml", True),
])
def test_data_rules(dest, kept):
    assert bf.keep_data(dest) is kept


def test_plugin_stem_is_platform_neutral():
    assert bf.plugin_stem("libqxcb.so") == "qxcb"
    assert bf.plugin_stem("qwindows.dll") == "qwindows"
    assert bf.plugin_stem("libqcocoa.dylib") == "qcocoa"
    assert bf.qt_plugin_of("numpy/plugins/x/libfoo.so") is None


def test_unreachable_binaries_follows_links_from_roots_only():
    binaries = [
        ("PySide6/QtGui.abi3.so", "/src/QtGui.abi3.so", "EXTENSION"),
        ("PySide6/Qt/lib/libQt6Gui.so.6", "/src/libQt6Gui.so.6", "BINARY"),
        ("PySide6/Qt/lib/libQt6Core.so.6", "/src/libQt6Core.so.6", "BINARY"),
        ("PySide6/Qt/plugins/platforms/libqxcb.so", "/src/libqxcb.so", "BINARY"),
        ("PySide6/Qt/lib/libQt6XcbQpa.so.6", "/src/libQt6XcbQpa.so.6", "BINARY"),
        ("PySide6/Qt/lib/libQt6WaylandClient.so.6", "/src/libQt6WaylandClient.so.6", "BINARY"),
        ("libgtk-3.so.0", "/usr/lib/libgtk-3.so.0", "BINARY"),
        ("libpython3.11.so.1.0", "/py/libpython3.11.so.1.0", "BINARY"),
    ]
    links = {
        "/src/QtGui.abi3.so": ["libQt6Gui.so.6"],
        "/src/libQt6Gui.so.6": ["libQt6Core.so.6", "libc.so.6"],
        "/src/libqxcb.so": ["libQt6XcbQpa.so.6"],
        "/src/libQt6XcbQpa.so.6": ["libQt6Gui.so.6"],
        "/src/libQt6WaylandClient.so.6": ["libQt6Gui.so.6"],
    }
    dropped = bf.unreachable_binaries(binaries, lambda src: links.get(src, []))
    assert dropped == {"PySide6/Qt/lib/libQt6WaylandClient.so.6", "libgtk-3.so.0"}


def test_dangling_symlinks_go_with_their_target():
    datas = [("libQt6WaylandClient.so.6", "PySide6/Qt/lib/libQt6WaylandClient.so.6", "SYMLINK"),
             ("libQt6Core.so.6", "PySide6/Qt/lib/libQt6Core.so.6", "SYMLINK"),
             ("resources/lessons/a.toml", "/r/a.toml", "DATA")]
    kept = bf.drop_dangling_symlinks(datas, {"PySide6/Qt/lib/libQt6WaylandClient.so.6"})
    assert [d[0] for d in kept] == ["libQt6Core.so.6", "resources/lessons/a.toml"]


def test_app_modules_and_resources_are_found_on_disk(tmp_path):
    pkg = tmp_path / "tutor_app"
    (pkg / "qt" / "panels").mkdir(parents=True)
    (pkg / "__pycache__").mkdir()
    for rel in ("__init__.py", "qt/__init__.py", "qt/panels/norms.py", "__pycache__/x.py"):
        (pkg / rel).write_text("")
    assert bf.app_modules(pkg) == ["tutor_app", "tutor_app.qt", "tutor_app.qt.panels.norms"]
    res = tmp_path / "resources"
    (res / "lessons").mkdir(parents=True)
    (res / "lessons" / "norms.toml").write_text("")
    (res / "lessons" / ".norms.toml.swp").write_text("")
    assert bf.resource_datas(res) == [(str(res / "lessons" / "norms.toml"), "resources/lessons")]


def test_version_has_one_source():
    assert artefacts.package_version() == artefacts.project_version()
    assert artefacts.checked_version() == artefacts.project_version()


def test_version_mismatch_stops_the_build(tmp_path):
    (tmp_path / "tutor_app").mkdir()
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\nversion = "1.2.0"\n')
    (tmp_path / "tutor_app" / "__init__.py").write_text('__version__ = "1.1.0"\n')
    with pytest.raises(SystemExit, match="version mismatch"):
        artefacts.checked_version(tmp_path)


def test_artefact_names():
    dist = Path("dist")
    assert artefacts.tarball_path(dist, "0.3.1").name == "tensor-tutor-0.3.1-linux-x86_64.tar.gz"
    assert artefacts.deb_path(dist, "0.3.1").name == "tensor-tutor_0.3.1_amd64.deb"


def test_requirements_dist_pins_pyinstaller_and_its_dependencies():
    lines = [line.strip() for line in (ROOT / "requirements-dist.txt").read_text().splitlines()
             if line.strip() and not line.startswith("#")]
    assert "pyinstaller==6.22.3" in lines
    assert all("==" in line for line in lines)
    names = {line.split("==")[0].lower() for line in lines}
    assert {"altgraph", "pyinstaller-hooks-contrib", "packaging", "setuptools"} <= names


def test_deb_control_and_depends():
    depends = deb_package.merge_depends(["libxcb1", "libc6", "libgl1"], "2.36")
    assert depends == ["libc6 (>= 2.36)", "libgl1", "libegl1", "fontconfig", "libxcb1"]
    control = deb_package.control_text("0.1.0", depends, 190_000)
    fields = dict(line.split(": ", 1) for line in control.splitlines() if not line[0].isspace())
    assert fields["Package"] == "tensor-tutor"
    assert fields["Version"] == "0.1.0"
    assert fields["Architecture"] == "amd64"
    assert fields["Installed-Size"] == "190000"
    assert fields["Depends"].startswith("libc6 (>= 2.36), libgl1, libegl1, fontconfig")
    assert control.endswith("\n") and "\n\n" not in control


def test_icons_exist_at_every_packaged_size():
    for size in deb_package.ICON_SIZES:
        png = PACKAGING / "icons" / f"tensor-tutor-{size}.png"
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert (PACKAGING / "icons" / "tensor-tutor.svg").read_text().lstrip().startswith("<?xml")
    assert (PACKAGING / "icons" / "tensor-tutor.ico").is_file()


def test_frozen_launcher_keeps_matplotlib_cache_between_starts(monkeypatch, tmp_path):
    import launcher

    monkeypatch.setenv("TENSOR_TUTOR_HOME", str(tmp_path))
    monkeypatch.setenv("MPLCONFIGDIR", "/tmp/_MEI-temporary")
    monkeypatch.delattr(sys, "frozen", raising=False)
    launcher.use_persistent_matplotlib_dir()
    assert launcher.os.environ["MPLCONFIGDIR"] == "/tmp/_MEI-temporary"  # not frozen: untouched
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    launcher.use_persistent_matplotlib_dir()
    assert launcher.os.environ["MPLCONFIGDIR"] == str(tmp_path / "matplotlib")
    assert (tmp_path / "matplotlib").is_dir()
