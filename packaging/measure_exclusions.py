"""Measure what each exclusion rule of bundle_filter.py saves (not part of `make dist`).

    .venv/bin/python packaging/measure_exclusions.py   # after `make dist`; ~1 more build

Builds a baseline bundle with TENSOR_TUTOR_BASELINE=1 (PyInstaller's defaults, torch
excluded) into build/baseline/, strips it the same way, and attributes every byte it
has beyond dist/tensor-tutor to one rule: a dropped Qt plugin type, the translations,
Matplotlib data, an excluded module group, or (for a shared library) the rule that
dropped the file that linked against it. Writes build/exclusions.md.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
from collections import defaultdict
from pathlib import Path

import bundle_filter as bf
import elf_tools

import build as dist_build

ROOT = dist_build.ROOT
BASE = ROOT / "build" / "baseline"
MB = 1024 * 1024
_EXT_RE = re.compile(r"\.(cpython-[^.]+|abi3)\.(so|pyd)$")


def files_of(bundle: Path) -> dict[str, int]:
    internal = bundle / "_internal"
    return {str(p.relative_to(internal)): p.lstat().st_size
            for p in internal.rglob("*") if not p.is_dir()}


def module_of(rel: str) -> str | None:
    """Module name of an extension module file, e.g. PIL/_avif.cpython-311-...so -> PIL._avif."""
    if not _EXT_RE.search(rel):
        return None
    rel = rel.split("lib-dynload/", 1)[-1]
    return _EXT_RE.sub("", rel).replace("/", ".")


def module_group(name: str) -> str | None:
    for group, names in bf.EXCLUDED_MODULES.items():
        if any(name == n or name.startswith(n + ".") for n in names):
            return group
    return None


def direct_group(rel: str) -> str | None:
    """The rule that removed *rel* itself, if it is a plugin, data file or module."""
    plugin = bf.qt_plugin_of(rel)
    if plugin:
        return f"Qt plugins: {plugin[0]}"
    if "/translations/" in rel and rel.startswith("PySide6/"):
        return "Qt translations other than zh_CN"
    if rel.startswith("matplotlib/mpl-data/"):
        return "Matplotlib sample data and PS/PDF core-font metrics"
    module = module_of(rel)
    return module_group(module) if module else None


def attribute(dropped: dict[str, int], base_internal: Path) -> dict[str, dict[str, int]]:
    """Dropped files per rule; libraries go to the rule of a dropped file that needed them."""
    needers: dict[str, list[str]] = defaultdict(list)  # soname -> dropped files needing it
    for rel in dropped:
        path = base_internal / rel
        if elf_tools.is_elf(path):
            for name in elf_tools.needed_libraries(path):
                needers[name].append(rel)

    def group_of(rel: str, seen: frozenset = frozenset()) -> str:
        group = direct_group(rel)
        if group:
            return group
        for user in needers.get(Path(rel).name, []):
            if user not in seen:
                found = group_of(user, seen | {rel})
                if not found.startswith("other"):
                    return f"{found}"
        return "other (dependencies of excluded modules)"

    per_rule: dict[str, dict[str, int]] = defaultdict(dict)
    for rel, size in dropped.items():
        per_rule[group_of(rel)][rel] = size
    return per_rule


def pyz_saving(base_work: Path, final_work: Path) -> dict[str, int]:
    """Pure-Python modules (inside the executable's PYZ) the final bundle lacks, per rule."""
    from PyInstaller.archive.readers import ZlibArchiveReader

    def toc(work: Path) -> dict[str, int]:
        return {name: entry[2] for name, entry in
                ZlibArchiveReader(str(work / "tensor-tutor" / "PYZ-00.pyz")).toc.items()}

    base, final = toc(base_work), toc(final_work)
    saved: dict[str, int] = defaultdict(int)
    for name, size in base.items():
        if name not in final:
            saved[module_group(name) or "other (dependencies of excluded modules)"] += size
    return saved


def main() -> int:
    final = ROOT / "dist" / "tensor-tutor"
    if not final.is_dir():
        raise SystemExit("run `make dist` first")
    if BASE.exists():
        shutil.rmtree(BASE)
    print("==> baseline PyInstaller build (no exclusions but torch)", flush=True)
    env = dict(os.environ, TENSOR_TUTOR_BASELINE="1")
    dist_build.run_pyinstaller(BASE / "dist", BASE / "work", env=env)
    bundle = BASE / "dist" / "tensor-tutor"
    unstripped = dist_build.tree_bytes(bundle)
    elf_tools.strip_all(elf_tools.strip_targets(bundle))
    stripped = dist_build.tree_bytes(bundle)
    base_files, final_files = files_of(bundle), files_of(final)
    dropped = {rel: size for rel, size in base_files.items() if rel not in final_files}
    per_rule = attribute(dropped, bundle / "_internal")
    files = {group: sum(sizes.values()) for group, sizes in per_rule.items()}
    code = pyz_saving(BASE / "work", dist_build.WORK)
    final_size = dist_build.tree_bytes(final)
    rows = sorted(((g, files.get(g, 0), code.get(g, 0)) for g in {*files, *code}),
                  key=lambda row: -(row[1] + row[2]))
    lines = [
        f"Baseline (PyInstaller defaults, torch excluded): {unstripped / MB:.1f} MB, "
        f"{stripped / MB:.1f} MB after strip; final bundle {final_size / MB:.1f} MB "
        f"(saved {(stripped - final_size) / MB:.1f} MB after strip).",
        "",
        "| rule | files (MB) | Python code in the PYZ (MB) | saved (MB) |",
        "| --- | ---: | ---: | ---: |",
        *[f"| {g} | {f / MB:.2f} | {c / MB:.2f} | {(f + c) / MB:.2f} |" for g, f, c in rows],
        "",
        "Largest files per rule:",
    ]
    for group, sizes in sorted(per_rule.items(), key=lambda kv: -sum(kv[1].values())):
        top = sorted(sizes.items(), key=lambda kv: -kv[1])[:6]
        lines.append(f"- {group}: " + ", ".join(f"{Path(r).name} {b / MB:.1f}" for r, b in top))
    out = ROOT / "build" / "exclusions.md"
    out.write_text("\n".join(lines) + "\n")
    print("\n".join(lines))
    shutil.rmtree(BASE)
    return 0


if __name__ == "__main__":
    sys.exit(main())
