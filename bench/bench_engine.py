"""Engine speed against a hand-written NumPy forward + backward of the same workload.

The NumPy floor is what any NumPy engine must do at least; torch (when installed) is shown
for reference. W1: 2,000-op elementwise chain on shape (4,). W3: MLP 784-256-10 with ReLU
and softmax cross-entropy, batch 64. W4: sum(A @ B) at 1024² float32 and
sum(G * A / A.sum(1, keepdims=True)) at 2000², time and peak traced memory.
W5: backward cost per op over chains of 100 … 100,000. Plus the engine's import time.

Times are CPU seconds of this process (``time.process_time``): the machine is shared, and
wall time mostly measured the neighbours. W1 alternates engine and floor runs (its ratio is
the headline per-op figure and drifted by ±10% with the load when measured apart). Every
floor is the op-by-op chain rule written by hand in NumPy, the least any NumPy engine has
to do.
"""

from __future__ import annotations

import gc
import importlib.util
import os
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

import numpy as np

import tutor_app.engine as engine
from bench.timing import median_cpu_seconds, report

HAS_TORCH = importlib.util.find_spec("torch") is not None
RNG = np.random.default_rng(0)


# --- W1: 2,000 elementwise ops on shape (4,) ---------------------------------------------
W1_BLOCKS = 500  # each block: sin, ×w, +b, tanh


def leaves(t, *arrays):
    """Leaf tensors made once, outside the timed region (the floor gets its arrays free too)."""
    return tuple(t.tensor(a, requires_grad=True) for a in arrays)


def clear(*tensors):
    for x in tensors:
        x.grad = None


def w1_engine(t, x, w, b):
    clear(x, w, b)
    y = x
    for _ in range(W1_BLOCKS):
        y = t.tanh(t.sin(y) * w + b)
    y.sum().backward()
    return x.grad, w.grad, b.grad


def w1_floor(x0, w0, b0):
    sins, tanhs = [], []
    y = x0
    for _ in range(W1_BLOCKS):
        s = np.sin(y)
        sins.append((y, s))
        y = np.tanh(s * w0 + b0)
        tanhs.append(y)
    g = np.ones_like(y)
    gw = np.zeros_like(w0)
    gb = np.zeros_like(b0)
    for (prev, s), t in zip(reversed(sins), reversed(tanhs), strict=True):
        g = g * (1 - t * t)
        gb = gb + g
        gw = gw + g * s
        g = g * w0 * np.cos(prev)
    return g, gw, gb


# --- W3: MLP 784-256-10, batch 64 --------------------------------------------------------


def w3_data():
    return (RNG.normal(size=(64, 784)).astype(np.float32),
            (RNG.normal(size=(784, 256)) * 0.05).astype(np.float32),
            np.zeros(256, np.float32),
            (RNG.normal(size=(256, 10)) * 0.05).astype(np.float32),
            np.zeros(10, np.float32),
            RNG.integers(0, 10, 64))


def w3_engine(t, X, W1, b1, W2, b2, labels):
    clear(W1, b1, W2, b2)
    h = t.relu(X @ W1 + b1)
    logp = t.log_softmax(h @ W2 + b2, dim=1)
    loss = -logp[t.arange(64), labels].mean()
    loss.backward()
    return W1.grad, b1.grad, W2.grad, b2.grad


def w3_floor(X, W1, b1, W2, b2, labels):
    z = X @ W1 + b1
    h = np.maximum(z, 0)
    logits = h @ W2 + b2
    shifted = logits - logits.max(1, keepdims=True)
    logp = shifted - np.log(np.exp(shifted).sum(1, keepdims=True))
    rows = np.arange(64)
    _ = -logp[rows, labels].mean()
    g = np.exp(logp)
    g[rows, labels] -= 1
    g /= 64
    gW2, gb2 = h.T @ g, g.sum(0)
    gh = (g @ W2.T) * (z > 0)
    return X.T @ gh, gh.sum(0), gW2, gb2


# --- W4: large arrays --------------------------------------------------------------------


def w4a_engine(t, A, B):
    clear(A, B)
    (A @ B).sum().backward()
    return A.grad, B.grad


def w4a_floor(A, B):
    _ = (A @ B).sum()
    g = np.ones((A.shape[0], B.shape[1]), A.dtype)
    return g @ B.T, A.T @ g


def w4b_engine(t, G, A):
    clear(A)
    (G * A / A.sum(1, keepdims=True)).sum().backward()
    return A.grad


def w4b_floor(G, A):
    """The chain rule op by op, as a hand-written backward does it: no algebra across ops
    (which no engine can do), upstream ones as a broadcast view, temporaries reused."""
    s = A.sum(1, keepdims=True)
    p = G * A
    q = p / s
    _ = q.sum()
    gq = np.broadcast_to(np.ones((), A.dtype), q.shape)  # d sum(q) / dq
    gp = gq / s                                          # d(p / s) / dp
    t = gq * q                                           # d(p / s) / ds = −q / s, summed
    t /= s
    gs = -t.sum(1, keepdims=True)
    del t
    ga = gp * G                                          # d(G * A) / dA
    ga += gs                                             # d A.sum(1) / dA, broadcast back
    return ga


def paired_cpu_seconds(fn, baseline, *, repeat: int = 21, warmup: int = 2):
    """Median CPU times of ``fn()`` and ``baseline()`` run alternately: on a shared machine
    the load drifts within seconds, and a ratio of two separate medians drifts with it."""
    for _ in range(warmup):
        fn()
        baseline()
    times, base_times = [], []
    for _ in range(repeat):
        start = time.process_time()
        baseline()
        base_times.append(time.process_time() - start)
        start = time.process_time()
        fn()
        times.append(time.process_time() - start)
    return float(np.median(times)), float(np.median(base_times))


def peak_bytes(fn) -> int:
    gc.collect()
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


# --- W5: backward cost per op ------------------------------------------------------------


def w5_backward_seconds(n: int) -> float:
    x = engine.tensor([0.5], requires_grad=True)
    y = x
    for _ in range(n):
        y = y * 1.0
    start = time.process_time()
    y.backward()
    return time.process_time() - start


def import_seconds(module: str) -> float:
    """Median CPU time of ``import module`` in a fresh interpreter."""
    code = (f"import time; t = time.process_time(); import {module}; "
            "print(time.process_time() - t)")
    runs = [float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                                 check=True).stdout) for _ in range(7)]
    return float(np.median(runs))


SINGLE_THREAD = {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}


def main() -> None:
    """Measure in a child process whose BLAS runs one thread: spinning BLAS workers would
    be counted as CPU time and drown the per-op figures (the floor uses the same BLAS)."""
    if os.environ.get("OPENBLAS_NUM_THREADS") != "1":
        root = Path(__file__).resolve().parent.parent
        subprocess.run([sys.executable, "-m", "bench.bench_engine"], cwd=root, check=True,
                       env={**os.environ, **SINGLE_THREAD})
        return
    measure()


def measure() -> None:
    torch = None
    if HAS_TORCH:
        import torch
        torch.set_num_threads(1)

    x0, w0, b0 = (RNG.normal(size=4).astype(np.float32) for _ in range(3))
    args = leaves(engine, x0, w0, b0)
    seconds, floor = paired_cpu_seconds(lambda: w1_engine(engine, *args),
                                        lambda: w1_floor(x0, w0, b0))
    report("W1 2,000-op chain (4,) fwd+bwd: engine", seconds, "s", baseline=floor,
           target="<= 2.5x")
    if torch:
        targs = leaves(torch, x0, w0, b0)
        report("W1 ... torch", median_cpu_seconds(lambda: w1_engine(torch, *targs), repeat=9), "s",
               baseline=floor, target="(reference)")

    data = w3_data()
    floor = median_cpu_seconds(lambda: w3_floor(*data), repeat=15)
    args = (engine.from_numpy(data[0]), *leaves(engine, *data[1:5]), engine.from_numpy(data[5]))
    report("W3 MLP 784-256-10 batch 64 fwd+bwd: engine",
           median_cpu_seconds(lambda: w3_engine(engine, *args), repeat=15), "s", baseline=floor,
           target="<= 1.5x")
    if torch:
        targs = (torch.from_numpy(data[0]), *leaves(torch, *data[1:5]),
                 torch.from_numpy(data[5]))
        report("W3 ... torch", median_cpu_seconds(lambda: w3_engine(torch, *targs), repeat=15), "s",
               baseline=floor, target="(reference)")

    A, B = (RNG.normal(size=(1024, 1024)).astype(np.float32) for _ in range(2))
    floor = median_cpu_seconds(lambda: w4a_floor(A, B), repeat=5)
    args = leaves(engine, A, B)
    report("W4a sum(A@B) 1024² f32 fwd+bwd: engine time",
           median_cpu_seconds(lambda: w4a_engine(engine, *args), repeat=5), "s", baseline=floor,
           target="<= 1.15x")
    report("W4a ... engine peak memory", peak_bytes(lambda: w4a_engine(engine, *args)) / 2**20,
           "MiB", baseline=peak_bytes(lambda: w4a_floor(A, B)) / 2**20, target="<= 1.3x")
    if torch:
        targs = leaves(torch, A, B)
        report("W4a ... torch time", median_cpu_seconds(lambda: w4a_engine(torch, *targs),
                                                           repeat=5), "s", baseline=floor,
               target="(reference)")
    G = RNG.normal(size=(2000, 2000)).astype(np.float32)
    A2 = RNG.uniform(0.5, 1.5, size=(2000, 2000)).astype(np.float32)
    floor = median_cpu_seconds(lambda: w4b_floor(G, A2), repeat=5)
    args = (engine.from_numpy(G), *leaves(engine, A2))
    report("W4b sum(G*A/A.sum(1,keepdims)) 2000² fwd+bwd: engine time",
           median_cpu_seconds(lambda: w4b_engine(engine, *args), repeat=5), "s", baseline=floor,
           target="<= 1.15x")
    report("W4b ... engine peak memory", peak_bytes(lambda: w4b_engine(engine, *args)) / 2**20,
           "MiB", baseline=peak_bytes(lambda: w4b_floor(G, A2)) / 2**20, target="<= 1.3x")
    if torch:
        targs = (torch.from_numpy(G), *leaves(torch, A2))
        report("W4b ... torch time", median_cpu_seconds(lambda: w4b_engine(torch, *targs),
                                                           repeat=5), "s", baseline=floor,
               target="(reference)")

    base = None
    for n in (100, 1_000, 10_000, 100_000):
        runs = max(1, 30_000 // n)
        per_op = min(w5_backward_seconds(n) for _ in range(runs)) / n * 1e6
        base = base or per_op
        report(f"W5 backward per op, chain of {n:,}", per_op, "us", baseline=base,
               target="flat (~1x)")

    numpy_only = import_seconds("numpy") * 1e3
    total = import_seconds("tutor_app.engine") * 1e3
    report("import tutor_app.engine (fresh process, incl. numpy)", total, "ms",
           baseline=numpy_only, target="<= 150 ms")
    report("... of which the engine itself (total − numpy alone)", total - numpy_only, "ms",
           target="(reference)")


if __name__ == "__main__":
    main()
