"""What the PyInstaller bundle leaves out, as plain data and pure functions.

The spec imports this module; keeping the rules here (and not inline in the spec)
lets `tests/packaging` check them without running PyInstaller, and lets
`packaging/measure_exclusions.py` attribute every saved byte to a rule.

TOC entries are PyInstaller's ``(dest_name, src_name, typecode)`` triples.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable
from pathlib import Path, PurePosixPath

Entry = tuple[str, str, str]

# Python packages the app never imports, grouped by why they would otherwise come in.
EXCLUDED_MODULES: dict[str, tuple[str, ...]] = {
    "torch (optional test oracle in the venv)": ("torch", "torchvision", "torchaudio", "functorch"),
    "sympy + mpmath (networkx.algorithms.polynomials)": ("sympy", "mpmath"),
    "test frameworks (networkx.utils.backends, numpy.testing)": (
        "pytest", "_pytest", "pluggy", "iniconfig", "hypothesis", "pytestqt", "sortedcontainers",
    ),
    "jinja2 (pyparsing.diagram)": ("jinja2", "markupsafe"),
    "Tk (Pillow, matplotlib)": (
        "tkinter", "_tkinter", "PIL.ImageTk", "PIL._imagingtk",
        "matplotlib.backends._backend_tk", "matplotlib.backends.backend_tkagg",
        "matplotlib.backends.backend_tkcairo",
    ),
    "other Qt bindings": ("PyQt5", "PyQt6", "PySide2", "shiboken2"),
    "unused PySide6 modules": (
        "PySide6.QtNetwork", "PySide6.QtDBus", "PySide6.QtOpenGL", "PySide6.QtOpenGLWidgets",
        "PySide6.QtPrintSupport", "PySide6.QtQml", "PySide6.QtQuick", "PySide6.QtTest",
        "PySide6.QtConcurrent", "PySide6.QtXml", "PySide6.QtSql", "PySide6.QtDesigner",
        "PySide6.QtHelp", "PySide6.QtUiTools",
    ),
    "Pillow codecs matplotlib never writes (AVIF, WebP) and colour management": (
        "PIL._avif", "PIL.AvifImagePlugin", "PIL._webp", "PIL.WebPImagePlugin",
        "PIL.ImageCms", "PIL._imagingcms",
    ),
    "OpenSSL (no network; hashlib falls back to its built-in hashes)": (
        "ssl", "_ssl", "_hashlib",
    ),
    "build and shell tools": (
        "setuptools", "pkg_resources", "_distutils_hack", "distutils", "pip", "IPython",
        "readline", "numpy.f2py",
    ),
}

# Qt plugins kept, by plugin type; a type not named here is left out entirely
# (platformthemes, generic, egldeviceintegrations, networkinformation, tls, wayland-*, ...).
# Names are the file stem without "lib" and extension, so the rule is the same on
# Linux (libqxcb.so), Windows (qwindows.dll) and macOS (libqcocoa.dylib).
# Wayland sessions fall back to xcb (XWayland) when the wayland plugin is absent (checked).
KEPT_QT_PLUGINS: dict[str, frozenset[str] | None] = {
    "platforms": frozenset({"qoffscreen", "qminimal", "qxcb", "qwindows", "qcocoa"}),
    "platforminputcontexts": frozenset(  # Chinese input methods need ibus / compose
        {"composeplatforminputcontextplugin", "ibusplatforminputcontextplugin"}
    ),
    "imageformats": frozenset({"qsvg", "qico", "qjpeg", "qgif"}),
    "iconengines": frozenset({"qsvgicon"}),
    "xcbglintegrations": None,  # None: every plugin of the type
    "styles": None,  # Windows / macOS native styles
}

# Libraries left to the target system instead of copied from the build machine: Debian 12's
# libstdc++ and libexpat call arc4random (GLIBC_2.36), which alone would raise the bundle's
# glibc floor above Ubuntu 22.04's 2.35. Every Debian/Ubuntu desktop has both (libexpat1 comes
# with fontconfig, libstdc++6 with Mesa), and the .deb's measured Depends: names them.
SYSTEM_PROVIDED_LIBRARIES = frozenset({"libstdc++.so.6", "libexpat.so.1"})

# Qt's own translations: the app only switches between Chinese and English.
KEPT_QT_TRANSLATIONS = frozenset({"qtbase_zh_CN.qm", "qt_zh_CN.qm"})

# Matplotlib data the app never reads: sample data and the PostScript / PDF core
# font metrics (only used with ps.useafm / pdf.use14corefonts).
DROPPED_MPL_DATA = ("sample_data", "fonts/afm", "fonts/pdfcorefonts", "plot_directive")

_PLUGIN_RE = re.compile(r"(?:^|/)plugins/([^/]+)/([^/]+)$")
_LIB_SUFFIX_RE = re.compile(r"\.(so|dll|dylib)(\.\d+)*$")


def excluded_modules() -> list[str]:
    """Every module name handed to ``Analysis(excludes=...)``."""
    return [name for names in EXCLUDED_MODULES.values() for name in names]


def _posix(dest: str) -> str:
    return dest.replace(os.sep, "/").replace("\\", "/")


def plugin_stem(filename: str) -> str:
    """``libqxcb.so`` / ``qxcb.dll`` / ``libqcocoa.dylib`` -> ``qxcb`` / ``qcocoa``."""
    stem = _LIB_SUFFIX_RE.sub("", PurePosixPath(_posix(filename)).name)
    return stem[3:] if stem.startswith("lib") else stem


def qt_plugin_of(dest: str) -> tuple[str, str] | None:
    """Return ``(plugin_type, stem)`` when *dest* is a Qt plugin, else None."""
    match = _PLUGIN_RE.search(_posix(dest))
    if not match or "PySide6" not in _posix(dest):
        return None
    return match.group(1), plugin_stem(match.group(2))


def keep_binary(dest: str) -> bool:
    """False for Qt plugins the app does not load and for SYSTEM_PROVIDED_LIBRARIES."""
    if PurePosixPath(_posix(dest)).name in SYSTEM_PROVIDED_LIBRARIES:
        return False
    plugin = qt_plugin_of(dest)
    if plugin is None:
        return True
    kind, stem = plugin
    if kind not in KEPT_QT_PLUGINS:
        return False
    allowed = KEPT_QT_PLUGINS[kind]
    return allowed is None or stem in allowed


def keep_data(dest: str) -> bool:
    """False for Qt translations of other languages and unused Matplotlib data."""
    path = _posix(dest)
    if "PySide6/" in path and "/translations/" in path:
        return PurePosixPath(path).name in KEPT_QT_TRANSLATIONS
    if path.startswith("matplotlib/mpl-data/"):
        inner = path[len("matplotlib/mpl-data/"):]
        return not any(inner == d or inner.startswith(d + "/") for d in DROPPED_MPL_DATA)
    return True


def is_root_binary(entry: Entry) -> bool:
    """Binaries loaded by name at run time rather than through another's DT_NEEDED."""
    dest, _src, typecode = entry
    name = PurePosixPath(_posix(dest)).name
    return (
        typecode == "EXTENSION"
        or qt_plugin_of(dest) is not None
        or name.startswith(("libpython", "python3"))
    )


def unreachable_binaries(
    binaries: Iterable[Entry], needed_of: Callable[[str], Iterable[str]]
) -> set[str]:
    """Dest names of libraries no kept root needs, directly or through others.

    *needed_of(src)* returns the library names *src* links against; names are
    matched on their base name, which is how the bundle lays libraries out.
    """
    entries = list(binaries)
    by_name = {PurePosixPath(_posix(dest)).name: (dest, src) for dest, src, _t in entries}
    reached: set[str] = set()
    todo = [(dest, src) for dest, src, t in entries if is_root_binary((dest, src, t))]
    reached.update(dest for dest, _src in todo)
    while todo:
        _dest, src = todo.pop()
        for needed in needed_of(src):
            hit = by_name.get(PurePosixPath(_posix(needed)).name)
            if hit and hit[0] not in reached:
                reached.add(hit[0])
                todo.append(hit)
    return {dest for dest, _src, _t in entries if dest not in reached}


def drop_dangling_symlinks(datas: Iterable[Entry], dropped: set[str]) -> list[Entry]:
    """Remove PyInstaller SYMLINK entries whose target was dropped."""
    dropped_posix = {_posix(d) for d in dropped}
    def dangling(entry: Entry) -> bool:
        return entry[2] == "SYMLINK" and _posix(entry[1]) in dropped_posix

    return [e for e in datas if not dangling(e) and _posix(e[0]) not in dropped_posix]


def app_modules(package_dir: Path) -> list[str]:
    """Every module of the app: lesson panels are imported by name from lesson files."""
    root = package_dir.parent
    names = []
    for path in sorted(package_dir.rglob("*.py")):
        if "__pycache__" in path.parts:
            continue
        parts = path.relative_to(root).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        names.append(".".join(parts))
    return names


def resource_datas(resources_dir: Path) -> list[tuple[str, str]]:
    """``(src_file, dest_dir)`` pairs for every file under resources/, skipping caches."""
    pairs = []
    for path in sorted(resources_dir.rglob("*")):
        rel = path.relative_to(resources_dir.parent)
        if path.is_dir() or any(p.startswith(".") or p == "__pycache__" for p in rel.parts):
            continue
        pairs.append((str(path), str(rel.parent.as_posix())))
    return pairs
