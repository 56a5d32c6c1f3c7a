"""The fast backward loop (graph found on the fly) agrees with the observed one (sorted)."""

from __future__ import annotations

import numpy as np

import tutor_app.engine as torch


def _random_dag(seed: int, n_ops: int = 60):
    rng = np.random.default_rng(seed)
    leaves = [torch.tensor(rng.uniform(0.5, 1.5, 3), requires_grad=True) for _ in range(3)]
    values = list(leaves)
    for _ in range(n_ops):  # fan-out, fan-in, diamonds, repeated inputs
        a, b = (values[int(k)] for k in rng.integers(0, len(values), 2))
        kind = int(rng.integers(0, 4))
        out = (a * b, a + b, torch.tanh(a) - b, torch.sin(a * a))[kind]
        values.append(out)
    return leaves, sum(v.sum() for v in values[-8:])


def test_fast_loop_matches_the_observed_loop_on_random_graphs():
    for seed in range(12):
        leaves, loss = _random_dag(seed)
        loss.backward(retain_graph=True)
        fast = [x.grad.numpy().copy() for x in leaves]
        for x in leaves:
            x.grad = None
        with torch.counters():  # an observer: the other loop, over the sorted node list
            loss.backward()
        for got, x in zip(fast, leaves, strict=True):
            np.testing.assert_allclose(got, x.grad.numpy(), rtol=1e-6)


def test_second_backward_without_retain_still_fails_before_touching_grads():
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    y = (x * x).sum()
    y.backward()
    before = x.grad.numpy().copy()
    try:
        y.backward()
    except RuntimeError as e:
        assert "backward through the graph a second time" in str(e)
    else:
        raise AssertionError("expected the freed-graph error")
    np.testing.assert_array_equal(x.grad.numpy(), before)


def test_long_chain_runs_without_recursion():
    x = torch.tensor([0.5], requires_grad=True)
    y = x
    for _ in range(20_000):
        y = y * 1.0
    y.backward()
    assert x.grad.item() == 1.0
