"""Forward mode (``jvp``), cost counters, grad modes and very deep graphs."""

from __future__ import annotations

import numpy as np
import pytest

import tutor_app.engine as torch


def _f(x):
    return (torch.sin(x * x) * 3.0).sum()


def test_jvp_matches_reverse_mode_gradient():
    x = torch.tensor([0.5, -1.0, 2.0], dtype=torch.float64)
    v = torch.tensor([1.0, 2.0, -1.0], dtype=torch.float64)
    out, tangent = torch.jvp(_f, (x,), (v,))
    xr = x.clone().requires_grad_()
    _f(xr).backward()
    assert out.item() == pytest.approx(_f(x).item())
    assert tangent.item() == pytest.approx(float((xr.grad * v).sum()))
    assert out.grad_fn is None and tangent.dtype is torch.float64


def test_jvp_single_tensor_arguments_and_errors():
    out, tangent = torch.jvp(torch.exp, torch.tensor(0.0), torch.tensor(1.0))
    assert out.item() == 1.0 and tangent.item() == 1.0
    with pytest.raises(RuntimeError, match="same shape"):
        torch.jvp(torch.exp, (torch.ones(2),), (torch.ones(3),))


def test_counters_show_forward_vs_reverse_costs():
    n = 4
    x = torch.arange(float(n)) / 10

    def chain(t):
        for _ in range(20):
            t = torch.sin(t)
        return t.sum()

    with torch.counters() as fwd:
        for i in range(n):
            e = torch.zeros(n)
            e[i] = 1.0
            torch.jvp(chain, (x,), (e,))
    with torch.counters() as rev:
        xr = x.clone().requires_grad_()
        chain(xr).backward()
    assert fwd.passes == n and rev.passes == 1
    assert fwd.ops_evaluated == n * 21
    assert rev.ops_evaluated == 21 + 21 + 1  # clone, 20 sin, sum forward; 21 nodes backward
    assert fwd.peak_live_intermediates <= 3  # forward mode keeps no graph
    assert rev.peak_live_intermediates == 20  # every sin kept its input for backward
    assert rev.live_intermediates == 0  # backward released them


def test_hundred_thousand_op_chain_runs_backward():
    x = torch.tensor([0.5], requires_grad=True)
    y = x
    for _ in range(100_000):
        y = y * 1.0
    y.sum().backward()
    assert x.grad.tolist() == [1.0]


def test_set_grad_enabled_and_enable_grad():
    x = torch.ones(1, requires_grad=True)
    with torch.set_grad_enabled(False):
        assert (x * 2).grad_fn is None
        with torch.enable_grad():
            assert (x * 2).grad_fn is not None
    assert torch.is_grad_enabled()


def test_no_grad_restores_on_error():
    with pytest.raises(ValueError), torch.no_grad():
        raise ValueError
    assert torch.is_grad_enabled()


def test_float64_gradients_keep_dtype():
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    (x.double() * torch.ones(2, dtype=torch.float64)).sum().backward()
    assert x.grad.dtype is torch.float32
    np.testing.assert_array_equal(x.grad.numpy(), [1.0, 1.0])


def test_grad_mode_and_tape_are_per_thread():
    """The console runs learner code on a worker thread; lessons compute on the GUI thread."""
    import threading

    x = torch.ones(2, requires_grad=True)
    seen = {}
    inside = threading.Event()
    release = threading.Event()

    def worker():
        with torch.no_grad(), torch.record() as tape:
            x * 2
            inside.set()
            release.wait(10)
        seen["ops"] = len(tape.ops)

    thread = threading.Thread(target=worker)
    thread.start()
    inside.wait(10)
    y = x * 3  # on this thread: grad mode still on, nothing recorded on the worker's tape
    release.set()
    thread.join(10)
    assert y.grad_fn is not None and torch.is_grad_enabled()
    assert seen["ops"] == 1


def test_fast_mode_flag_follows_every_thread():
    """The hot path reads one global while all threads are in the default mode; a thread
    that leaves it (no_grad here) must switch everyone to their own thread's mode."""
    import threading

    from tutor_app.engine import core, hooks

    x = torch.ones(2, requires_grad=True)
    assert core._uniform == hooks.DEFAULT_MODE
    results = {}
    inside, release = threading.Event(), threading.Event()

    def worker():  # grad mode stays on here while the main thread is in no_grad
        inside.wait(10)
        results["worker"] = (x * 2).grad_fn is not None
        release.set()

    thread = threading.Thread(target=worker)
    thread.start()
    with torch.no_grad():
        assert core._uniform == 0
        inside.set()
        release.wait(10)
        results["main"] = (x * 2).grad_fn is None
    thread.join(10)
    assert results == {"worker": True, "main": True}
    assert core._uniform == hooks.DEFAULT_MODE and (x * 2).grad_fn is not None
    with torch.no_grad(), torch.enable_grad():
        assert (x * 2).grad_fn is not None  # back on: the thread's own mode says so
    assert core._uniform == hooks.DEFAULT_MODE
