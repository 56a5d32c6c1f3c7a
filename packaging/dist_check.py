"""``make dist-check``: smoke-test the tarball and the .deb as a learner would get them.

Unpacks both into temporary folders, runs the bundled app from another directory with
an empty environment and (where the machine allows it) no network, renders every
lesson in both languages, checks the PNGs, and checks that nothing in the bundle
mentions the build machine's paths. Exits non-zero on any failure.

    .venv/bin/python packaging/dist_check.py [--dist DIR] [--keep]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

import artefacts
import bundle_filter as bf
import elf_tools
from check_rules import (
    BUDGET_BUNDLE_MB,
    BUDGET_DEB_MB,
    GLIBC_CEILING,
    GLIBCXX_CEILING,
    check_deb_layout,
    check_screenshots,
    find_build_paths,
    lesson_ids,
    module_problems,
    unexpected_system_libraries,
)

MB = 1024 * 1024
SCREENSHOT_TIMEOUT = 600


class Report:
    """Prints one line per check and remembers the failures."""

    def __init__(self) -> None:
        self.failures: list[str] = []

    def check(self, ok: bool, what: str, detail: str = "") -> bool:
        print(f"  [{'ok' if ok else 'FAIL'}] {what}" + (f": {detail}" if detail else ""),
              flush=True)
        if not ok:
            self.failures.append(what + (f": {detail}" if detail else ""))
        return ok

    def note(self, text: str) -> None:
        print(f"  [note] {text}", flush=True)


def network_isolation() -> tuple[list[str], str]:
    """A command prefix that runs without network, and what it is (or why there is none)."""
    for prefix in (["unshare", "-n"], ["unshare", "-rn"]):
        try:
            probe = subprocess.run([*prefix, "true"], capture_output=True, text=True, timeout=20)
        except (OSError, subprocess.TimeoutExpired) as exc:
            reason = str(exc)
            continue
        if probe.returncode == 0:
            devices = interfaces([*prefix, "cat", "/proc/net/dev"])
            if devices <= {"lo"}:
                return prefix, f"no network ({' '.join(prefix)}: interfaces {sorted(devices)})"
            reason = f"{' '.join(prefix)} still sees {sorted(devices)}"
            continue
        reason = probe.stderr.strip() or f"exit {probe.returncode}"
    return [], f"network NOT isolated: unshare is not permitted here ({reason})"


def interfaces(cmd: list[str]) -> set[str]:
    """Network interface names listed by *cmd* (``cat /proc/net/dev``, possibly namespaced)."""
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=20).stdout
    return {line.split(":")[0].strip() for line in out.splitlines()[2:] if ":" in line}


def clean_env(home: Path) -> dict[str, str]:
    """What ``env -i HOME=... LANG=C.UTF-8 QT_QPA_PLATFORM=offscreen`` leaves."""
    return {"HOME": str(home), "LANG": "C.UTF-8", "QT_QPA_PLATFORM": "offscreen"}


def tree_mb(root: Path) -> float:
    return sum(p.lstat().st_size for p in root.rglob("*") if not p.is_dir()) / MB


def run_bundle(report: Report, label: str, bundle: Path, version: str, work: Path,
               isolate: list[str]) -> None:
    """Run the unpacked app from another folder and check what it renders."""
    exe = bundle / "tensor-tutor"
    if not report.check(exe.is_file() and os.access(exe, os.X_OK), f"{label}: executable",
                        str(exe)):
        return
    cwd = work / f"cwd-{label}"
    home = work / f"home-{label}"
    shots = cwd / "screenshots"
    cwd.mkdir()
    home.mkdir()
    env = clean_env(home)
    done = subprocess.run([*isolate, str(exe), "--version"], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=120)
    said = (done.stdout + done.stderr).strip()
    report.check(said == f"tensor-tutor {version}", f"{label}: --version", said)
    started = time.perf_counter()
    try:
        done = subprocess.run([*isolate, str(exe), "--screenshot", str(shots)], cwd=cwd,
                              env=env, capture_output=True, text=True,
                              timeout=SCREENSHOT_TIMEOUT)
    except subprocess.TimeoutExpired:
        report.check(False, f"{label}: --screenshot", f"no exit after {SCREENSHOT_TIMEOUT} s")
        return
    took = time.perf_counter() - started
    tail = "\n".join((done.stdout + done.stderr).strip().splitlines()[-15:])
    report.check(done.returncode == 0, f"{label}: --screenshot exit code",
                 f"{done.returncode} after {took:.1f} s" + (f"\n{tail}" if done.returncode else ""))
    ids = lesson_ids(bundle / "_internal" / "resources" / "lessons")
    problems = check_screenshots(shots, ids)
    report.check(not problems and bool(ids), f"{label}: screenshots",
                 f"{2 * len(ids)} PNGs for {len(ids)} lessons x zh/en, none blank"
                 if not problems else "; ".join(problems))


def check_real_window(report: Report, label: str, bundle: Path, work: Path,
                      isolate: list[str]) -> None:
    """Start the app in a real X window (Xvfb, default platform plugin) up to its first paint."""
    if shutil.which("Xvfb") is None:
        report.note(f"{label}: Xvfb not installed, real-window (xcb) start not checked")
        return
    read_fd, write_fd = os.pipe()
    xvfb = subprocess.Popen(["Xvfb", "-displayfd", str(write_fd), "-screen", "0", "1280x800x24",
                             "-nolisten", "tcp"], pass_fds=(write_fd,),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write_fd)
    try:
        with os.fdopen(read_fd) as pipe:
            display = pipe.readline().strip()
        home = work / f"home-{label}-xcb"
        home.mkdir()
        env = {"HOME": str(home), "LANG": "C.UTF-8", "DISPLAY": f":{display}",
               "TENSOR_TUTOR_EXIT_ON_PAINT": "1"}
        done = subprocess.run([*isolate, str(bundle / "tensor-tutor")], cwd=home, env=env,
                              capture_output=True, text=True, timeout=120)
        painted = any(line.startswith("first-paint ") for line in done.stdout.splitlines())
        tail = "\n".join(done.stderr.strip().splitlines()[-10:])
        report.check(done.returncode == 0 and painted,
                     f"{label}: starts in a real X window (Xvfb :{display}, xcb)",
                     "" if painted else f"exit {done.returncode}\n{tail}")
    except subprocess.TimeoutExpired:
        report.check(False, f"{label}: starts in a real X window", "no first paint in 120 s")
    finally:
        xvfb.terminate()
        xvfb.wait(timeout=30)


def check_build_paths(report: Report, label: str, bundle: Path) -> None:
    """No file names the checkout, the venv or the interpreter's prefix; no absolute RUNPATH.

    libpython keeps its compiled-in default prefix as a constant (the frozen app sets its
    own paths), so that one mention is reported as a note, not a failure.
    """
    needles = sorted({str(artefacts.ROOT), sys.prefix, sys.base_prefix})
    hits = find_build_paths(bundle, needles)
    allowed = {f: n for f, n in hits.items()
               if Path(f).name.startswith("libpython") and set(n) == {sys.base_prefix}}
    bad = {f: n for f, n in hits.items() if f not in allowed}
    shown = ", ".join(f"{f} ({', '.join(n)})" for f, n in list(bad.items())[:10])
    report.check(not bad, f"{label}: no build-machine paths ({', '.join(needles)})",
                 f"{len(bad)} file(s): {shown}" if bad else "")
    for name in allowed:
        report.note(f"{label}: {name} keeps its compiled-in prefix {sys.base_prefix} (unused)")
    extra = unexpected_system_libraries(elf_tools.system_libraries(bundle))
    report.check(not extra, f"{label}: takes only glibc, GL/EGL, libxcb, libstdc++ and libexpat "
                 "from the system", "; ".join(extra))
    check_symbol_floors(report, label, bundle)
    runpaths = elf_tools.absolute_runpaths(bundle)
    report.check(not runpaths, f"{label}: no RUNPATH outside the bundle",
                 ", ".join(f"{f}={v}" for f, v in list(runpaths.items())[:5]))


def check_symbol_floors(report: Report, label: str, bundle: Path) -> None:
    """glibc and libstdc++ versions needed, over every ELF file, within Ubuntu 22.04's."""
    for name, measure, ceiling in (("glibc", elf_tools.glibc_floor, GLIBC_CEILING),
                                   ("libstdc++ (GLIBCXX)", elf_tools.glibcxx_floor,
                                    GLIBCXX_CEILING)):
        floor, where = measure(bundle)
        report.check(floor <= ceiling,
                     f"{label}: {name} needed <= {elf_tools.version_text(ceiling)}",
                     f"{elf_tools.version_text(floor)} ({where or 'no ELF file names it'})")


def bundled_modules(exe: Path) -> set[str] | None:
    """Module names in the executable's embedded PYZ (None if PyInstaller is not importable)."""
    try:
        from PyInstaller.archive.readers import CArchiveReader
    except ImportError:
        return None
    return set(CArchiveReader(str(exe)).open_embedded_archive("PYZ.pyz").toc)


def modules_at_build(checkout: list[str]) -> list[str]:
    """The app modules `make dist` bundled (build/dist-report.json), else the checkout's."""
    report = artefacts.ROOT / "build" / "dist-report.json"
    try:
        return json.loads(report.read_text())["app_modules"]
    except (OSError, ValueError, KeyError):
        return checkout


def check_modules(report: Report, label: str, bundle: Path) -> None:
    names = bundled_modules(bundle / "tensor-tutor")
    if names is None:
        report.note(f"{label}: PyInstaller not importable, module list not checked")
        return
    checkout = bf.app_modules(artefacts.ROOT / "tutor_app")
    problems = module_problems(names, modules_at_build(checkout))
    report.check(not problems, f"{label}: every app module and figure exporter inside, no torch",
                 "; ".join(problems[:10]))
    newer = sorted(set(checkout) - names)
    if newer:
        report.note(f"{label}: the checkout has {len(newer)} module(s) added since `make dist` "
                    f"({', '.join(newer[:3])}): rebuild to include them")


def check_tarball(report: Report, tarball: Path, version: str, work: Path,
                  isolate: list[str]) -> None:
    print(f"\n{tarball.name}", flush=True)
    target = work / "tar"
    with tarfile.open(tarball) as tar:
        tops = {m.name.split("/")[0] for m in tar.getmembers()}
        report.check(tops == {artefacts.tarball_top(version)}, "tarball: one top folder",
                     ", ".join(sorted(tops)))
        tar.extractall(target, filter="data")
    bundle = target / artefacts.tarball_top(version)
    size = tree_mb(bundle)
    report.check(size <= BUDGET_BUNDLE_MB, f"tarball: bundle unpacked <= {BUDGET_BUNDLE_MB} MB",
                 f"{size:.1f} MB (download {tarball.stat().st_size / MB:.1f} MB)")
    check_build_paths(report, "tarball", bundle)
    check_modules(report, "tarball", bundle)
    run_bundle(report, "tarball", bundle, version, work, isolate)
    check_real_window(report, "tarball", bundle, work, isolate)


def check_deb(report: Report, deb: Path, version: str, work: Path, isolate: list[str]) -> None:
    print(f"\n{deb.name}", flush=True)
    size = deb.stat().st_size / MB
    report.check(size <= BUDGET_DEB_MB, f".deb <= {BUDGET_DEB_MB} MB", f"{size:.1f} MB")
    fields = subprocess.run(["dpkg-deb", "-f", str(deb), "Package", "Version", "Depends"],
                            capture_output=True, text=True, check=True).stdout
    report.check(f"Version: {version}" in fields, ".deb: control", " | ".join(fields.splitlines()))
    target = work / "deb"
    subprocess.run(["dpkg-deb", "-x", str(deb), str(target)], check=True)
    problems = check_deb_layout(target, fields)
    report.check(not problems, ".deb: layout", "; ".join(problems) or
                 "/opt/tensor-tutor, /usr/bin launcher, .desktop, hicolor icons, Depends")
    check_build_paths(report, "deb", target / "opt" / "tensor-tutor")
    check_modules(report, "deb", target / "opt" / "tensor-tutor")
    run_bundle(report, "deb", target / "opt" / "tensor-tutor", version, work, isolate)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Smoke-test the tarball and the .deb.")
    parser.add_argument("--dist", type=Path, default=artefacts.ROOT / "dist")
    parser.add_argument("--keep", action="store_true", help="keep the unpacked folders")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    version = artefacts.checked_version()
    tarball = artefacts.tarball_path(args.dist, version)
    deb = artefacts.deb_path(args.dist, version)
    report = Report()
    print(f"dist-check Tensor Tutor {version}")
    missing = [p.name for p in (tarball, deb) if not p.is_file()]
    if missing:
        report.check(False, "artefacts present", f"{', '.join(missing)} missing: run `make dist`")
        return 1
    isolate, how = network_isolation()
    if isolate:
        report.check(True, how)
    else:
        report.note(how)
    work = Path(tempfile.mkdtemp(prefix="tensor-tutor-dist-check-"))
    try:
        check_tarball(report, tarball, version, work, isolate)
        check_deb(report, deb, version, work, isolate)
    finally:
        if args.keep:
            print(f"\nunpacked folders kept in {work}")
        else:
            subprocess.run(["rm", "-rf", str(work)], check=False)
    took = time.perf_counter() - started
    if report.failures:
        print(f"\ndist-check FAILED ({len(report.failures)} problem(s), {took:.0f} s):")
        for failure in report.failures:
            print(f"  - {failure.splitlines()[0]}")
        return 1
    print(f"\ndist-check passed ({took:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
