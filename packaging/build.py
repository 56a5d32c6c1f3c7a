"""``make dist``: bundle with PyInstaller, strip, then the tarball and the .deb.

    .venv/bin/python packaging/build.py [--skip-tar] [--skip-deb] [--no-build]

Prints what each step took and the sizes, and writes build/dist-report.json.
"""

from __future__ import annotations

import argparse
import gzip
import json
import shutil
import subprocess
import sys
import tarfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import artefacts
import bundle_filter as bf
import deb_package
import elf_tools

ROOT = artefacts.ROOT
DIST = ROOT / "dist"
WORK = ROOT / "build" / "pyinstaller"
SPEC = ROOT / "packaging" / "tensor-tutor.spec"
MB = 1024 * 1024
SOURCE_DATE_EPOCH = 1_700_000_000  # fixed mtimes: the same bundle gives the same tarball


def tree_bytes(root: Path) -> int:
    return sum(p.lstat().st_size for p in root.rglob("*") if not p.is_dir())


def run_pyinstaller(dist: Path, work: Path, env: dict | None = None) -> None:
    log = work.parent / f"{work.name}.log"
    work.mkdir(parents=True, exist_ok=True)
    cmd = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
           "--distpath", str(dist), "--workpath", str(work), str(SPEC)]
    with log.open("w") as fh:
        done = subprocess.run(cmd, cwd=ROOT, stdout=fh, stderr=subprocess.STDOUT, env=env)
    if done.returncode:
        print(log.read_text()[-4000:], file=sys.stderr)
        raise SystemExit(f"PyInstaller failed ({done.returncode}); full log: {log}")


def write_tarball(bundle: Path, out: Path, top: str) -> None:
    """A reproducible .tar.gz: sorted entries, fixed mtimes, root-owned."""
    def normalise(info: tarfile.TarInfo) -> tarfile.TarInfo:
        info.uid = info.gid = 0
        info.uname = info.gname = "root"
        info.mtime = SOURCE_DATE_EPOCH
        return info

    with out.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=6,
                                              mtime=SOURCE_DATE_EPOCH, filename="") as gz:
        with tarfile.open(fileobj=gz, mode="w", format=tarfile.PAX_FORMAT) as tar:
            tar.add(bundle, arcname=top, recursive=False, filter=normalise)
            for path in sorted(bundle.rglob("*")):
                arcname = f"{top}/{path.relative_to(bundle).as_posix()}"
                tar.add(path, arcname=arcname, recursive=False, filter=normalise)


class Steps:
    """Times each step and keeps the figures for the report."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self.start = time.perf_counter()

    def run(self, name: str, fn, *args, **kwargs):
        print(f"==> {name}", flush=True)
        t0 = time.perf_counter()
        result = fn(*args, **kwargs)
        self.seconds[name] = round(time.perf_counter() - t0, 1)
        print(f"    {name}: {self.seconds[name]:.1f} s", flush=True)
        return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-build", action="store_true", help="package the existing bundle")
    parser.add_argument("--skip-tar", action="store_true")
    parser.add_argument("--skip-deb", action="store_true")
    args = parser.parse_args(argv)

    version = artefacts.checked_version()
    bundle = artefacts.bundle_dir(DIST)
    steps = Steps()
    # The modules the spec will hide-import, recorded so dist-check compares the bundle
    # with what this build saw (others may add modules to a shared checkout meanwhile).
    report: dict = {"version": version, "app_modules": bf.app_modules(ROOT / "tutor_app")}
    if not args.no_build:
        steps.run("pyinstaller", run_pyinstaller, DIST, WORK)
        report["bundle_unstripped_mb"] = round(tree_bytes(bundle) / MB, 1)
        targets = elf_tools.strip_targets(bundle)
        saved = steps.run("strip --strip-unneeded (outside *.libs/)", elf_tools.strip_all, targets)
        report["strip_saved_mb"] = round(saved / MB, 1)
        scrubbed = steps.run("drop absolute RUNPATHs", elf_tools.scrub_runpaths, targets)
        report["runpaths_scrubbed"] = len(scrubbed)
    report["bundle_mb"] = round(tree_bytes(bundle) / MB, 1)
    deb_package.normalise_modes(bundle)  # before the tarball and the .deb share its files

    floor, floor_file = elf_tools.glibc_floor(bundle)
    report["glibc_floor"] = elf_tools.version_text(floor)
    report["glibc_floor_file"] = floor_file
    system = elf_tools.system_libraries(bundle)
    packages, unowned = deb_package.packages_for(list(system))
    depends = deb_package.merge_depends(packages, report["glibc_floor"])
    report.update(system_libraries=system, depends=depends, unowned_libraries=unowned)

    # The tarball is written on a second thread while dpkg-deb runs xz (single-threaded).
    tarball = artefacts.tarball_path(DIST, version)
    with ThreadPoolExecutor(max_workers=1) as pool:
        tar_job = None if args.skip_tar else pool.submit(
            steps.run, "tar.gz (beside dpkg-deb)", write_tarball, bundle, tarball,
            artefacts.tarball_top(version))
        if not args.skip_deb:
            deb = artefacts.deb_path(DIST, version)
            stage_dir = ROOT / "build" / "deb" / deb.stem
            steps.run("stage .deb", deb_package.stage, bundle, stage_dir, version,
                      SOURCE_DATE_EPOCH)
            steps.run("dpkg-deb -Zxz", deb_package.build_deb, stage_dir, version, depends, deb)
            shutil.rmtree(stage_dir)
            report["deb_mb"] = round(deb.stat().st_size / MB, 1)
        if tar_job is not None:
            tar_job.result()
            report["tarball_mb"] = round(tarball.stat().st_size / MB, 1)

    report["seconds"] = steps.seconds
    report["total_seconds"] = round(time.perf_counter() - steps.start, 1)
    out = ROOT / "build" / "dist-report.json"
    out.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    print_summary(report)
    return 0


def print_summary(report: dict) -> None:
    print("\nTensor Tutor", report["version"])
    for key, label in (("bundle_unstripped_mb", "bundle before strip"),
                       ("strip_saved_mb", "strip saved"), ("bundle_mb", "bundle (unpacked)"),
                       ("tarball_mb", "tar.gz"), ("deb_mb", ".deb (xz)")):
        if key in report:
            print(f"  {label:<22} {report[key]:8.1f} MB")
    print(f"  {'glibc needed':<22} >= {report['glibc_floor']} ({report['glibc_floor_file']})")
    print(f"  {'Depends':<22} {', '.join(report['depends'])}")
    if report["unowned_libraries"]:
        print(f"  system libraries no Debian package owns here: {report['unowned_libraries']}")
    print(f"  {'total time':<22} {report['total_seconds']:8.1f} s")


if __name__ == "__main__":
    sys.exit(main())
