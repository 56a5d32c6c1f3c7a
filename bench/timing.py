"""Small timing helpers shared by the benchmarks."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def median_seconds(fn: Callable[[], object], *, repeat: int = 7, warmup: int = 1) -> float:
    """Median wall time of ``fn()`` over ``repeat`` runs after ``warmup`` untimed runs."""
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def report(name: str, value: float, unit: str, *, baseline: float | None = None,
           target: str = "") -> None:
    """Print one benchmark row; the ratio is against a baseline from the same run."""
    ratio = f"{value / baseline:6.2f}x" if baseline else "      -"
    base = f"{baseline:10.4g}" if baseline is not None else "         -"
    print(f"{name:<58} {value:10.4g} {unit:<3} base {base} ratio {ratio}  target {target}",
          flush=True)
