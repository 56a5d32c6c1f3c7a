"""ELF chores for the Linux bundle: safe stripping, linked libraries, glibc floor.

Uses binutils (``strip``, ``objdump``), which ``make dist`` installs with the other
Debian packages it needs.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterable, Iterator
from pathlib import Path

ELF_MAGIC = b"\x7fELF"
_GLIBC_RE = re.compile(rb"GLIBC_(\d+)\.(\d+)(?:\.(\d+))?")
_GLIBCXX_RE = re.compile(rb"GLIBCXX_(\d+)\.(\d+)(?:\.(\d+))?")


def is_elf(path: Path) -> bool:
    """True for a regular file starting with the ELF magic."""
    if path.is_symlink() or not path.is_file():
        return False
    with path.open("rb") as fh:
        return fh.read(4) == ELF_MAGIC


def elf_files(root: Path) -> Iterator[Path]:
    """Every ELF file under *root*, in a stable order."""
    for path in sorted(root.rglob("*")):
        if is_elf(path):
            yield path


def in_vendored_libs(path: Path, root: Path) -> bool:
    """True under a ``*.libs`` folder (auditwheel's vendored libraries: numpy.libs, ...).

    Those are already stripped, and rewriting them breaks numpy's OpenBLAS.
    """
    return any(part.endswith(".libs") for part in path.relative_to(root).parts[:-1])


def strip_targets(root: Path) -> list[Path]:
    """ELF files that are safe to strip."""
    return [p for p in elf_files(root) if not in_vendored_libs(p, root)]


def strip_all(files: Iterable[Path], chunk: int = 64) -> int:
    """``strip --strip-unneeded`` every file; return the bytes saved."""
    files = list(files)
    before = sum(p.stat().st_size for p in files)
    for start in range(0, len(files), chunk):
        batch = [str(p) for p in files[start:start + chunk]]
        subprocess.run(["strip", "--strip-unneeded", *batch], check=True)
    return before - sum(p.stat().st_size for p in files)


def kept_runpath(runpath: str) -> str:
    """The $ORIGIN-relative entries of a RUNPATH/RPATH; absolute ones point at the builder."""
    return ":".join(e for e in runpath.split(":") if e.startswith("$ORIGIN"))


def scrub_runpaths(files: Iterable[Path]) -> list[Path]:
    """Drop RUNPATH entries outside the bundle (pyenv's /root/.pyenv/.../lib); return changed files.

    Uses patchelf. Without it the loader would look in the build machine's folders first.
    A shorter path is written over the old one in place, so the old string is gone too
    (``--remove-rpath`` alone would leave it in .dynstr).
    """
    changed = []
    for path in files:
        current = runpath(path)
        kept = kept_runpath(current)
        if current and kept != current:
            subprocess.run(["patchelf", "--set-rpath", kept, str(path)], check=True)
            if not kept:
                subprocess.run(["patchelf", "--remove-rpath", str(path)], check=True)
            changed.append(path)
    return changed


def runpath(path: Path) -> str:
    """The RUNPATH (or RPATH) of one ELF file, '' when it has none."""
    out = subprocess.run(["objdump", "-p", str(path)], capture_output=True, text=True).stdout
    for line in out.splitlines():
        fields = line.split()
        if len(fields) == 2 and fields[0] in ("RUNPATH", "RPATH"):
            return fields[1]
    return ""


def absolute_runpaths(root: Path) -> dict[str, str]:
    """ELF files whose RUNPATH/RPATH names a folder outside the bundle: relative path -> it."""
    found = {}
    for path in elf_files(root):
        value = runpath(path)
        if value and kept_runpath(value) != value:
            found[str(path.relative_to(root))] = value
    return found


def needed_libraries(path: Path) -> list[str]:
    """The DT_NEEDED entries of one ELF file."""
    out = subprocess.run(["objdump", "-p", str(path)], check=True, capture_output=True,
                         text=True).stdout
    return [line.split()[1] for line in out.splitlines() if line.strip().startswith("NEEDED")]


def system_libraries(root: Path) -> dict[str, list[str]]:
    """Libraries the bundle links against but does not ship: soname -> users (relative)."""
    files = list(elf_files(root))
    shipped = {p.name for p in root.rglob("*") if p.is_file() or p.is_symlink()}
    users: dict[str, list[str]] = {}
    for path in files:
        for name in needed_libraries(path):
            if name not in shipped:
                users.setdefault(name, []).append(str(path.relative_to(root)))
    return dict(sorted(users.items()))


def _versions_in(pattern: re.Pattern[bytes], data: bytes) -> set[tuple[int, ...]]:
    return {tuple(int(g) for g in m.groups() if g is not None) for m in pattern.finditer(data)}


def glibc_versions_in(data: bytes) -> set[tuple[int, ...]]:
    """GLIBC_x.y[.z] version tags mentioned in an ELF's bytes."""
    return _versions_in(_GLIBC_RE, data)


def glibcxx_versions_in(data: bytes) -> set[tuple[int, ...]]:
    """GLIBCXX_x.y[.z] (libstdc++) version tags mentioned in an ELF's bytes."""
    return _versions_in(_GLIBCXX_RE, data)


def _floor(root: Path, pattern: re.Pattern[bytes]) -> tuple[tuple[int, ...], str]:
    best: tuple[tuple[int, ...], str] = ((0,), "")
    for path in elf_files(root):
        out = subprocess.run(["objdump", "-T", str(path)], capture_output=True).stdout
        versions = _versions_in(pattern, out)
        if versions and max(versions) > best[0]:
            best = (max(versions), str(path.relative_to(root)))
    return best


def glibc_floor(root: Path) -> tuple[tuple[int, ...], str]:
    """The highest GLIBC_ symbol version any ELF file requires, and one file requiring it.

    Reads the dynamic symbol table with ``objdump -T`` so only versions the loader
    checks count (not strings that merely mention glibc).
    """
    return _floor(root, _GLIBC_RE)


def glibcxx_floor(root: Path) -> tuple[tuple[int, ...], str]:
    """Like glibc_floor, for the system libstdc++ the bundle now relies on (GLIBCXX_)."""
    return _floor(root, _GLIBCXX_RE)


def version_text(version: tuple[int, ...]) -> str:
    return ".".join(str(v) for v in version)
