"""Property tests: random expression graphs through the public API.

Reverse-mode gradients match central differences, and forward mode (``jvp``) agrees
with reverse mode on random directions.
"""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

import tutor_app.engine as torch

UNARY = [
    lambda a: torch.sin(a), lambda a: torch.tanh(a), lambda a: a * torch.tanh(a), lambda a: -a,
    lambda a: torch.sigmoid(a), lambda a: torch.exp(torch.tanh(a)),
    lambda a: torch.sqrt(a * a + 1.0), lambda a: torch.log(a * a + 1.0),
    lambda a: a.sum(0) if a.ndim == 2 else a.sum(),
    lambda a: a.mean(1, keepdim=True) if a.ndim == 2 else a.mean(),
    lambda a: a.T if a.ndim == 2 else a[1:] if a.ndim == 1 else a * 1.0,
    lambda a: torch.linalg.norm(a + 2.0), lambda a: (a * 0.5) ** 2, lambda a: 2.0 / (a * a + 1),
]
BINARY = [
    lambda a, b: a + b, lambda a, b: a - b, lambda a, b: a * b,
    lambda a, b: a / (b * b + 1.0), lambda a, b: torch.maximum(a, b * 0.5),
]

program = st.lists(st.tuples(st.booleans(), st.integers(0, 99), st.integers(0, 99),
                             st.integers(0, 99)), min_size=1, max_size=7)


def _evaluate(steps, x, y):
    values = [x, y]
    for binary, which, i, j in steps:
        a = values[i % len(values)]
        if binary:
            b = values[j % len(values)]
            try:
                out = BINARY[which % len(BINARY)](a, b)
            except RuntimeError:  # shapes that do not broadcast: skip this step
                continue
        else:
            out = UNARY[which % len(UNARY)](a)
        values.append(out)
    return sum(v.sum() for v in values[2:]) if len(values) > 2 else (x * y).sum()


def _inputs(seed):
    rng = np.random.default_rng(seed)
    return rng.normal(size=(3,)), rng.normal(size=(2, 3))


def _numeric_grad(steps, xs, i):
    grad = np.zeros_like(xs[i])
    eps = 1e-6
    for idx in np.ndindex(xs[i].shape):
        vals = []
        for sign in (1, -1):
            moved = [a.copy() for a in xs]
            moved[i][idx] += sign * eps
            with torch.no_grad():
                vals.append(_evaluate(steps, *map(torch.from_numpy, moved)).item())
        grad[idx] = (vals[0] - vals[1]) / (2 * eps)
    return grad


@settings(max_examples=40, deadline=None)
@given(program, st.integers(0, 2**16))
def test_reverse_mode_matches_finite_differences(steps, seed):
    xs = _inputs(seed)
    x, y = (torch.tensor(a, requires_grad=True) for a in xs)
    _evaluate(steps, x, y).backward()
    for i, leaf in enumerate((x, y)):
        got = np.zeros_like(xs[i]) if leaf.grad is None else leaf.grad.numpy()
        np.testing.assert_allclose(got, _numeric_grad(steps, xs, i), rtol=1e-4, atol=1e-5)


@settings(max_examples=40, deadline=None)
@given(program, st.integers(0, 2**16))
def test_forward_mode_agrees_with_reverse_mode(steps, seed):
    xs = _inputs(seed)
    rng = np.random.default_rng(seed + 1)
    directions = [rng.normal(size=a.shape) for a in xs]
    x, y = (torch.tensor(a, requires_grad=True) for a in xs)
    out = _evaluate(steps, x, y)
    out.backward()
    reverse = sum(float(np.sum((np.zeros_like(a) if t.grad is None else t.grad.numpy()) * d))
                  for a, t, d in zip(xs, (x, y), directions, strict=True))
    value, tangent = torch.jvp(lambda p, q: _evaluate(steps, p, q),
                               tuple(torch.tensor(a) for a in xs),
                               tuple(torch.tensor(d) for d in directions))
    assert value.item() == np.float64(out.item()) or np.isclose(value.item(), out.item())
    np.testing.assert_allclose(tangent.item(), reverse, rtol=1e-9, atol=1e-9)
