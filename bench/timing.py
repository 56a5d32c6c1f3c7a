"""Small timing helpers shared by the benchmarks."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def median_seconds(fn: Callable[[], object], *, repeat: int = 7, warmup: int = 1,
                   clock: Callable[[], float] = time.perf_counter) -> float:
    """Median time of ``fn()`` by ``clock`` (wall time by default) over ``repeat`` runs after
    ``warmup`` untimed runs."""
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repeat):
        start = clock()
        fn()
        times.append(clock() - start)
    return statistics.median(times)


def median_cpu_seconds(fn: Callable[[], object], *, repeat: int = 7, warmup: int = 1) -> float:
    """Median CPU time of ``fn()`` in this process: on a shared, loaded machine the wall
    clock also counts other processes' turns; the CPU time is what the work really costs."""
    return median_seconds(fn, repeat=repeat, warmup=warmup, clock=time.process_time)


def report(name: str, value: float, unit: str, *, baseline: float | None = None,
           target: str = "") -> None:
    """Print one benchmark row; the ratio is against a baseline from the same run."""
    ratio = f"{value / baseline:6.2f}x" if baseline else "      -"
    base = f"{baseline:10.4g}" if baseline is not None else "         -"
    print(f"{name:<58} {value:10.4g} {unit:<3} base {base} ratio {ratio}  target {target}",
          flush=True)
