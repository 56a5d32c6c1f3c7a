"""The pure checks behind dist_check.py, unit-tested on fake folders in tests/packaging."""

from __future__ import annotations

import configparser
from collections.abc import Iterable
from pathlib import Path

from bundle_filter import SYSTEM_PROVIDED_LIBRARIES
from PIL import Image

LANGS = ("zh", "en")
BUDGET_BUNDLE_MB = 200
BUDGET_DEB_MB = 65
ICON_SIZES = (16, 22, 24, 32, 48, 64, 128, 256)
REQUIRED_DEPENDS = ("libgl1", "libegl1", "fontconfig")
MIN_COLOURS = 8  # a rendered lesson has text, a tree, a figure: far more than 8 colours


# Loaded by name at run time, so a missing one only shows when a learner exports a figure.
LOADED_BY_NAME = (
    "matplotlib.backends.backend_qtagg", "matplotlib.backends.backend_agg",
    "matplotlib.backends.backend_svg", "matplotlib.backends.backend_pdf",
    "PIL.PngImagePlugin", "PIL.GifImagePlugin",
)
NEVER_BUNDLED = ("torch", "sympy", "pytest", "tests")


# What the bundle may take from the system: glibc, the GL/EGL the driver provides, the
# libxcb that must match the X server, and libstdc++/libexpat (SYSTEM_PROVIDED_LIBRARIES:
# the build machine's copies need a newer glibc). Everything else (libxcb-cursor,
# libxkbcommon, ...) is shipped, so a desktop that lacks it still starts the app.
SYSTEM_LIBRARIES = frozenset({
    "libc.so.6", "libm.so.6", "libdl.so.2", "libpthread.so.0", "librt.so.1", "libutil.so.1",
    "ld-linux-x86-64.so.2", "libGL.so.1", "libEGL.so.1", "libOpenGL.so.0", "libGLX.so.0",
    "libxcb.so.1",
}) | SYSTEM_PROVIDED_LIBRARIES

# The oldest systems the artefacts must run on: Ubuntu 22.04 LTS has glibc 2.35 and GCC 12's
# libstdc++ (GLIBCXX_3.4.30); Debian 12 has 2.36 and the same libstdc++.
GLIBC_CEILING = (2, 35)
GLIBCXX_CEILING = (3, 4, 30)


def unexpected_system_libraries(used: dict[str, list[str]]) -> list[str]:
    """System libraries the bundle links against beyond SYSTEM_LIBRARIES, with one user each."""
    return [f"{name} (needed by {users[0]})" for name, users in sorted(used.items())
            if name not in SYSTEM_LIBRARIES]


def module_problems(bundled: set[str], app_modules: Iterable[str]) -> list[str]:
    """Modules the frozen app needs but lacks, and modules it must never carry."""
    problems = [f"missing {m}" for m in (*app_modules, *LOADED_BY_NAME) if m not in bundled]
    problems += [f"carries {m}" for m in sorted(bundled)
                 if any(m == n or m.startswith(n + ".") for n in NEVER_BUNDLED)]
    return problems


def lesson_ids(lessons_dir: Path) -> list[str]:
    """Lesson ids are the names of the lesson files (resources/lessons/<id>.toml)."""
    return sorted(p.stem for p in lessons_dir.glob("*.toml"))


def expected_screenshots(ids: Iterable[str]) -> set[str]:
    return {f"{lid}_{lang}.png" for lid in ids for lang in LANGS}


def blank_reason(path: Path) -> str | None:
    """Why a PNG does not show a painted lesson, or None if it does."""
    try:
        with Image.open(path) as image:
            image.load()
            if image.width < 200 or image.height < 200:
                return f"only {image.width}x{image.height} px"
            small = image.convert("RGB").resize((128, 80))
    except OSError as exc:
        return f"unreadable ({exc})"
    colours = small.getcolors(maxcolors=128 * 80) or []
    if len(colours) < MIN_COLOURS:
        return f"{len(colours)} colour(s): blank"
    return None


def check_screenshots(folder: Path, ids: Iterable[str]) -> list[str]:
    """Problems with the screenshots in *folder*: missing, unexpected or blank PNGs."""
    ids = list(ids)
    if not ids:
        return ["no lesson files in the bundle"]
    expected = expected_screenshots(ids)
    present = {p.name for p in folder.glob("*.png")} if folder.is_dir() else set()
    problems = [f"missing {name}" for name in sorted(expected - present)]
    problems += [f"unexpected {name}" for name in sorted(present - expected)]
    for name in sorted(expected & present):
        reason = blank_reason(folder / name)
        if reason:
            problems.append(f"{name}: {reason}")
    return problems


def find_build_paths(root: Path, needles: Iterable[str], chunk: int = 1 << 20) -> dict:
    """Files under *root* whose bytes contain any of *needles*: relative path -> needles."""
    wanted = [n.encode() for n in needles if n]
    overlap = max((len(n) for n in wanted), default=1)
    hits: dict[str, list[str]] = {}
    for path in sorted(root.rglob("*")):
        if path.is_symlink() or not path.is_file():
            continue
        found: set[bytes] = set()
        with path.open("rb") as fh:
            tail = b""
            while block := fh.read(chunk):
                data = tail + block
                found.update(n for n in wanted if n in data)
                tail = data[-overlap:]
        if found:
            hits[str(path.relative_to(root))] = sorted(n.decode() for n in found)
    return hits


def _desktop_problems(desktop: Path) -> list[str]:
    parser = configparser.ConfigParser(interpolation=None, strict=False)
    parser.optionxform = str  # keys are case-sensitive
    try:
        parser.read(desktop, encoding="utf-8")
        entry = parser["Desktop Entry"]
    except (configparser.Error, KeyError) as exc:
        return [f"{desktop.name}: not a desktop entry ({exc})"]
    wanted = {"Type": "Application", "Exec": "tensor-tutor", "Icon": "tensor-tutor"}
    return [f"{desktop.name}: {key}={entry.get(key)!r}, expected {value!r}"
            for key, value in wanted.items() if entry.get(key) != value]


def check_deb_layout(root: Path, control_fields: str) -> list[str]:
    """Problems with an extracted .deb (``dpkg-deb -x``) and its control fields."""
    problems = []
    exe = root / "opt" / "tensor-tutor" / "tensor-tutor"
    if not exe.is_file():
        problems.append("no /opt/tensor-tutor/tensor-tutor")
    launcher = root / "usr" / "bin" / "tensor-tutor"
    if not launcher.is_file():
        problems.append("no /usr/bin/tensor-tutor")
    elif "/opt/tensor-tutor/tensor-tutor" not in launcher.read_text(errors="replace"):
        problems.append("/usr/bin/tensor-tutor does not start /opt/tensor-tutor/tensor-tutor")
    desktop = root / "usr" / "share" / "applications" / "tensor-tutor.desktop"
    problems += _desktop_problems(desktop) if desktop.is_file() else ["no .desktop entry"]
    hicolor = root / "usr" / "share" / "icons" / "hicolor"
    for size in ICON_SIZES:
        if not (hicolor / f"{size}x{size}" / "apps" / "tensor-tutor.png").is_file():
            problems.append(f"no {size}x{size} icon")
    if not (hicolor / "scalable" / "apps" / "tensor-tutor.svg").is_file():
        problems.append("no scalable icon")
    depends = next((line.split(":", 1)[1] for line in control_fields.splitlines()
                    if line.startswith("Depends:")), "")
    names = {d.strip().split(" ")[0] for d in depends.split(",")}
    problems += [f"Depends lacks {pkg}" for pkg in REQUIRED_DEPENDS if pkg not in names]
    return problems
