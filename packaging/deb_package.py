"""Lay out and build ``tensor-tutor_<version>_amd64.deb`` around the one-folder bundle.

/opt/tensor-tutor        the bundle, as built
/usr/bin/tensor-tutor    a two-line launcher
/usr/share/applications  the .desktop entry
/usr/share/icons/hicolor the logo at the usual sizes + scalable SVG
"""

from __future__ import annotations

import email.utils
import gzip
import os
import re
import shutil
import subprocess
from pathlib import Path

HERE = Path(__file__).resolve().parent
_SHARED_LIB_RE = re.compile(r"\.so(\.\d+)*$")
ICON_SIZES = (16, 22, 24, 32, 48, 64, 128, 256)
# Always needed: Qt loads libGL/libEGL itself, fontconfig-config silences a warning at start.
BASE_DEPENDS = ("libgl1", "libegl1", "fontconfig")
MAINTAINER = "Tensor Tutor team <tensor-tutor@users.noreply.invalid>"
DESCRIPTION = """\
Offline tutor for the maths behind deep learning
 Interactive lessons on tensors, broadcasting, linear algebra, matrix calculus
 and automatic differentiation (Dive into Deep Learning, chapters 1-2), in
 Chinese and English. Needs no Python and no network: the app and everything
 it uses are in /opt/tensor-tutor."""


def control_text(version: str, depends: list[str], installed_kib: int) -> str:
    """The DEBIAN/control file."""
    return (
        "Package: tensor-tutor\n"
        f"Version: {version}\n"
        "Architecture: amd64\n"
        f"Maintainer: {MAINTAINER}\n"
        f"Installed-Size: {installed_kib}\n"
        f"Depends: {', '.join(depends)}\n"
        "Section: education\n"
        "Priority: optional\n"
        f"Description: {DESCRIPTION}\n"
    )


def merge_depends(measured: list[str], glibc: str | None) -> list[str]:
    """BASE_DEPENDS + measured packages (libc6 with the measured glibc floor), deduplicated."""
    names = [p for p in (*BASE_DEPENDS, *sorted(measured)) if p != "libc6"]
    unique = list(dict.fromkeys(names))
    return ([f"libc6 (>= {glibc})"] if glibc else []) + unique


def packages_for(sonames: list[str]) -> tuple[list[str], list[str]]:
    """Debian packages that ship these libraries on this machine: (packages, unowned names)."""
    if shutil.which("dpkg") is None:  # not a Debian build host: only BASE_DEPENDS
        return [], list(sonames)
    packages: set[str] = set()
    unowned = []
    for soname in sonames:
        found = subprocess.run(["dpkg", "-S", f"*/{soname}"], capture_output=True, text=True)
        owners = {line.split(":")[0] for line in found.stdout.splitlines() if ":" in line}
        if owners:
            packages.update(owners)
        else:
            unowned.append(soname)
    return sorted(packages), unowned


def _tree_kib(root: Path) -> int:
    total = sum(p.lstat().st_size for p in root.rglob("*"))
    return (total + 1023) // 1024


def normalise_modes(root: Path) -> None:
    """0755 for folders and programs, 0644 for the rest (shared libraries included, as
    Debian policy asks): not the builder's umask."""
    for path in [root, *root.rglob("*")]:
        if path.is_symlink():
            continue
        program = path.stat().st_mode & 0o111 and not _SHARED_LIB_RE.search(path.name)
        path.chmod(0o755 if path.is_dir() or program else 0o644)


def changelog_gz(version: str, epoch: int) -> bytes:
    """A one-entry Debian changelog for this version, gzipped reproducibly."""
    when = email.utils.formatdate(epoch, usegmt=False)
    text = (f"tensor-tutor ({version}) unstable; urgency=medium\n\n"
            f"  * Tensor Tutor {version}: one-folder PyInstaller bundle in /opt/tensor-tutor.\n\n"
            f" -- {MAINTAINER}  {when}\n")
    return gzip.compress(text.encode(), compresslevel=9, mtime=0)


def stage(bundle: Path, stage_dir: Path, version: str, epoch: int = 1_700_000_000) -> Path:
    """Lay out the package tree in *stage_dir* (hard links, so it costs no copy)."""
    if stage_dir.exists():
        shutil.rmtree(stage_dir)
    opt = stage_dir / "opt" / "tensor-tutor"
    opt.parent.mkdir(parents=True)
    shutil.copytree(bundle, opt, symlinks=True, copy_function=os.link)
    launcher = stage_dir / "usr" / "bin" / "tensor-tutor"
    launcher.parent.mkdir(parents=True)
    shutil.copyfile(HERE / "linux" / "tensor-tutor.sh", launcher)
    launcher.chmod(0o755)
    apps = stage_dir / "usr" / "share" / "applications"
    apps.mkdir(parents=True)
    shutil.copyfile(HERE / "linux" / "tensor-tutor.desktop", apps / "tensor-tutor.desktop")
    hicolor = stage_dir / "usr" / "share" / "icons" / "hicolor"
    for size in ICON_SIZES:
        target = hicolor / f"{size}x{size}" / "apps" / "tensor-tutor.png"
        target.parent.mkdir(parents=True)
        shutil.copyfile(HERE / "icons" / f"tensor-tutor-{size}.png", target)
    scalable = hicolor / "scalable" / "apps" / "tensor-tutor.svg"
    scalable.parent.mkdir(parents=True)
    shutil.copyfile(HERE / "icons" / "tensor-tutor.svg", scalable)
    doc = stage_dir / "usr" / "share" / "doc" / "tensor-tutor"
    doc.mkdir(parents=True)
    shutil.copyfile(HERE / "linux" / "copyright", doc / "copyright")
    (doc / "changelog.gz").write_bytes(changelog_gz(version, epoch))
    return stage_dir


def build_deb(stage_dir: Path, version: str, depends: list[str], out: Path) -> Path:
    """Write DEBIAN/control and run ``dpkg-deb --build -Zxz``."""
    debian = stage_dir / "DEBIAN"
    debian.mkdir(exist_ok=True)
    (debian / "control").write_text(control_text(version, depends, _tree_kib(stage_dir)))
    normalise_modes(stage_dir)
    subprocess.run(["dpkg-deb", "--root-owner-group", "-Zxz", "--build", str(stage_dir),
                    str(out)], check=True, stdout=subprocess.DEVNULL)
    return out
