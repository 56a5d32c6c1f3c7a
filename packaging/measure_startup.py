"""Time the bundled app from process start to its first painted lesson (offscreen).

    .venv/bin/python packaging/measure_startup.py [--bundle dist/tensor-tutor] [--runs 7]

Each run is a new process with an empty environment. The first run gets a fresh HOME
(a learner's very first start: Matplotlib builds its font cache); the others reuse it.
The app prints ``first-paint <s> <epoch>`` and quits when TENSOR_TUTOR_EXIT_ON_PAINT
is set; the start-up time is that epoch minus the moment the process was spawned,
so it includes the PyInstaller bootloader.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import artefacts
from dist_check import clean_env

BUDGET_SECONDS = 2.0


@dataclass(frozen=True)
class Start:
    wall: float  # spawn -> first paint
    cpu: float  # user + sys of the whole process (it quits right after the paint)


def one_start(cmd: list[str], home: Path, cwd: Path, extra_env: dict | None = None) -> Start:
    env = clean_env(home) | {"TENSOR_TUTOR_EXIT_ON_PAINT": "1"} | (extra_env or {})
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    spawned = time.time()
    done = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=120)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    for line in done.stdout.splitlines():
        if line.startswith("first-paint "):
            return Start(float(line.split()[2]) - spawned, cpu)
    raise SystemExit(f"no first-paint line (exit {done.returncode}):\n{done.stderr[-2000:]}")


def series(cmd: list[str], runs: int, tmp: Path, extra_env: dict | None = None):
    """(first start with a fresh HOME, later starts reusing it)."""
    home, cwd = tmp / "home", tmp / "cwd"
    home.mkdir()
    cwd.mkdir()
    first = one_start(cmd, home, cwd, extra_env)
    return first, [one_start(cmd, home, cwd, extra_env) for _ in range(max(1, runs - 1))]


def describe(label: str, first: Start, later: list[Start]) -> float:
    wall = statistics.median(s.wall for s in later)
    cpu = statistics.median(s.cpu for s in later)
    print(f"{label}: first start (fresh HOME) {first.wall:.2f} s; later starts median "
          f"{wall:.2f} s wall (min {min(s.wall for s in later):.2f}, max "
          f"{max(s.wall for s in later):.2f}), {cpu:.2f} s CPU, n={len(later)}")
    return wall


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bundle", type=Path,
                        default=artefacts.bundle_dir(artefacts.ROOT / "dist"))
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--source", action="store_true",
                        help="also time `python -m tutor_app` from the checkout, same conditions")
    args = parser.parse_args(argv)
    print(f"load average before: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    with tempfile.TemporaryDirectory(prefix="tensor-tutor-startup-") as tmp:
        (Path(tmp) / "bundle").mkdir()
        median = describe("bundle", *series([str(args.bundle / "tensor-tutor")], args.runs,
                                            Path(tmp) / "bundle"))
        if args.source:
            (Path(tmp) / "source").mkdir()
            describe("source", *series([sys.executable, "-m", "tutor_app"], args.runs,
                                       Path(tmp) / "source", {"PYTHONPATH": str(artefacts.ROOT)}))
    print(f"load average after: {os.getloadavg()[0]:.1f}")
    print(f"budget {BUDGET_SECONDS:.1f} s (bundle median): "
          f"{'met' if median <= BUDGET_SECONDS else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
