"""Numerical gradient check of every op-table entry: each VJP and the JVP, in float64.

The test is parametrised over ``OPS`` itself, so a new entry is checked (and an entry with
no samples fails) without anyone remembering to add it here.
"""

from __future__ import annotations

import numpy as np
import pytest

from tutor_app.engine.broadcast import unbroadcast
from tutor_app.engine.ops import OPS
from tutor_app.engine.ops_table import output_size

EPS = 1e-6


def _draw(shape, domain, rng, which=0):
    n = int(np.prod(shape))
    if domain == "positive":
        values = rng.uniform(0.5, 2.0, n)
    elif domain == "away_from_zero":
        values = rng.choice([-1.0, 1.0], n) * rng.uniform(0.3, 2.0, n)
    elif domain in ("distinct", "away_from_bounds"):
        # well separated, also across inputs: no ties for max/min, none at a clamp bound
        values = rng.permutation(n) * 0.29 - 1.5 + 0.1 * which + rng.uniform(0, 0.02, n)
    elif domain == "invertible":
        return rng.normal(size=shape) + 3.0 * np.eye(shape[-1])
    else:
        values = rng.normal(size=n)
    return values.reshape(shape)


def _cases():
    for name, op in OPS.items():
        if not op.samples:
            yield pytest.param(name, None, id=f"{name}-NO-SAMPLES")
        for k, sample in enumerate(op.samples):
            yield pytest.param(name, sample, id=f"{name}-{k}")


def _inputs(op, sample, rng):
    specs, params = sample
    arrays = [np.array(s, dtype=np.float64) if isinstance(s, np.ndarray)
              else _draw(tuple(s), op.domain, rng, k) for k, s in enumerate(specs)]
    return arrays, params


def _forward(op, arrays, params):
    return np.asarray(op.forward(*arrays, **params), dtype=np.float64)


def _rule_args(op, arrays):
    """What a node keeps for the rules: arrays, none (``out`` only) or just the shapes."""
    if op.out_only:
        return ()
    return tuple(arrays) if op.saves else tuple(a.shape for a in arrays)


def _numeric_vjp(op, arrays, params, g, i):
    grad = np.zeros_like(arrays[i])
    for idx in np.ndindex(arrays[i].shape):
        plus = [a.copy() for a in arrays]
        minus = [a.copy() for a in arrays]
        plus[i][idx] += EPS
        minus[i][idx] -= EPS
        grad[idx] = np.sum(g * (_forward(op, plus, params) - _forward(op, minus, params)))
    return grad / (2 * EPS)


@pytest.mark.parametrize(("name", "sample"), list(_cases()))
def test_vjp_matches_central_differences(name, sample):
    op = OPS[name]
    assert sample is not None, f"op {name!r} has no gradient-check samples"
    rng = np.random.default_rng(abs(hash(name)) % 2**32)
    arrays, params = _inputs(op, sample, rng)
    out = _forward(op, arrays, params)
    g = rng.normal(size=out.shape)
    for i, a in enumerate(arrays):
        analytic = np.asarray(op.vjps[i](g, out, _rule_args(op, arrays), params))
        analytic = unbroadcast(analytic, a.shape)
        numeric = _numeric_vjp(op, arrays, params, g, i)
        np.testing.assert_allclose(analytic, numeric, rtol=1e-5, atol=1e-6,
                                   err_msg=f"VJP of {name} wrt input {i}")


@pytest.mark.parametrize(("name", "sample"), list(_cases()))
def test_jvp_matches_central_differences(name, sample):
    op = OPS[name]
    assert sample is not None, f"op {name!r} has no gradient-check samples"
    rng = np.random.default_rng(abs(hash(name)) % 2**32 + 1)
    arrays, params = _inputs(op, sample, rng)
    out = _forward(op, arrays, params)
    tangents = [rng.normal(size=a.shape) for a in arrays]
    args = _rule_args(op, arrays)
    if op.jvp is not None:
        analytic = op.jvp(tangents, out, args, params)
    else:
        analytic = sum(np.broadcast_to(op.jvps[i](t, out, args, params), out.shape)
                       for i, t in enumerate(tangents))
    plus = [a + EPS * t for a, t in zip(arrays, tangents, strict=True)]
    minus = [a - EPS * t for a, t in zip(arrays, tangents, strict=True)]
    numeric = (_forward(op, plus, params) - _forward(op, minus, params)) / (2 * EPS)
    np.testing.assert_allclose(np.broadcast_to(analytic, out.shape), numeric, rtol=1e-5,
                               atol=1e-6, err_msg=f"JVP of {name}")


def test_every_entry_is_complete():
    for name, op in OPS.items():
        assert op.grad_fn and op.label and op.formula, name
        assert op.local, f"{name} has no local-derivative text for the graph lab"
        assert op.node_cls is not None and op.node_cls.__name__ == op.grad_fn


@pytest.mark.parametrize(("name", "sample"), list(_cases()))
def test_the_entry_says_how_big_its_output_will_be(name, sample):
    """``output_size`` (what the sandbox's budgets ask before an op runs) never
    under-counts, and an entry with its own rule (products, joins, expand) is exact."""
    op = OPS[name]
    assert sample is not None
    arrays, params = _inputs(op, sample, np.random.default_rng(3))
    out = np.asarray(op.forward(*arrays, **params))
    elements, flops = output_size(op, tuple(a.shape for a in arrays), params)
    assert elements >= out.size, name
    if op.size is not None:
        assert elements == out.size, name
    if name in ("mm", "matmul", "mv", "dot", "vecmat"):
        inner = arrays[0].shape[-1]
        assert flops == out.size * inner, name


@pytest.mark.parametrize(("name", "sample"), list(_cases()))
def test_rules_keep_float32(name, sample):
    """A VJP or JVP that silently widens float32 to float64 makes every later op slow."""
    op = OPS[name]
    assert sample is not None
    rng = np.random.default_rng(7)
    arrays, params = _inputs(op, sample, rng)
    arrays = [a.astype(np.float32) for a in arrays]
    if params.get("dtype") is not None:
        return  # to_copy changes dtype on purpose
    out = np.asarray(op.forward(*arrays, **params))
    args = _rule_args(op, arrays)
    g = np.ones(out.shape, np.float32)
    for i in range(len(arrays)):
        assert np.asarray(op.vjps[i](g, out, args, params)).dtype == np.float32, (name, i)
    tangents = [np.ones(a.shape, np.float32) for a in arrays]
    if op.jvp is not None:
        assert np.asarray(op.jvp(tangents, out, args, params)).dtype == np.float32, name
    else:
        for i, t in enumerate(tangents):
            assert np.asarray(op.jvps[i](t, out, args, params)).dtype == np.float32, (name, i)


# --- second and third order: the backward pass recorded with create_graph ------------------
# ``autograd.grad(..., create_graph=True)`` runs each entry's VJP on Tensors (or, for entries
# that save nothing, as one recorded op whose derivative is the entry's JVP). Its derivative
# is checked against central differences of the first-order VJP (itself checked above), and
# the third derivative against central differences of the engine's second.

def _engine_inputs(arrays):
    import tutor_app.engine as torch
    return [torch.tensor(a, requires_grad=True) for a in arrays]


def _first_order_weighted(op, arrays, params, g, w):
    """Σᵢ ⟨VJPᵢ(g), wᵢ⟩ from the plain rules: a scalar function of the inputs."""
    out = _forward(op, arrays, params)
    total = 0.0
    for i, a in enumerate(arrays):
        gi = unbroadcast(np.asarray(op.vjps[i](g, out, _rule_args(op, arrays), params),
                                    dtype=np.float64), a.shape)
        total += float(np.sum(gi * w[i]))
    return total


def _engine_second(op, arrays, params, g, w, create_graph=False):
    """∂/∂inputs of Σᵢ ⟨∂⟨out, g⟩/∂inputᵢ, wᵢ⟩, by the engine (two reverse passes)."""
    import tutor_app.engine as torch
    from tutor_app.engine.core import apply
    xs = _engine_inputs(arrays)
    out = apply(op, tuple(xs), params)
    first = torch.autograd.grad(out, xs, torch.tensor(g), create_graph=True, allow_unused=True)
    total = sum((f * torch.tensor(wi)).sum() for f, wi in zip(first, w, strict=True)
                if f is not None and f.requires_grad)
    if not isinstance(total, torch.Tensor):  # the first derivative does not depend on x
        return xs, [None] * len(xs)
    return xs, torch.autograd.grad(total, xs, create_graph=create_graph, allow_unused=True)


def _numeric(fn, arrays, i):
    grad = np.zeros_like(arrays[i])
    for idx in np.ndindex(arrays[i].shape):
        plus = [a.copy() for a in arrays]
        minus = [a.copy() for a in arrays]
        plus[i][idx] += EPS
        minus[i][idx] -= EPS
        grad[idx] = (fn(plus) - fn(minus)) / (2 * EPS)
    return grad


def _zero_if_none(g, like):
    return np.zeros_like(like) if g is None else g.detach().numpy()


@pytest.mark.parametrize(("name", "sample"), list(_cases()))
def test_second_derivative_matches_central_differences(name, sample):
    op = OPS[name]
    assert sample is not None
    rng = np.random.default_rng(abs(hash(name)) % 2**32 + 2)
    arrays, params = _inputs(op, sample, rng)
    out = _forward(op, arrays, params)
    g = rng.normal(size=out.shape)
    w = [rng.normal(size=a.shape) for a in arrays]
    if not op.twice:  # declared first-order only: a clear error, never a wrong number
        with pytest.raises(RuntimeError, match="derivatives of order 2 and higher"):
            _engine_second(op, arrays, params, g, w)
        return
    _, second = _engine_second(op, arrays, params, g, w)
    for i, a in enumerate(arrays):
        numeric = _numeric(lambda xs: _first_order_weighted(op, xs, params, g, w), arrays, i)
        np.testing.assert_allclose(_zero_if_none(second[i], a), numeric, rtol=1e-4, atol=1e-6,
                                   err_msg=f"second derivative of {name} wrt input {i}")


@pytest.mark.parametrize(("name", "sample"), [c for c in _cases() if c.id.endswith("-0")
                                              and OPS[c.values[0]].twice])
def test_third_derivative_matches_central_differences(name, sample):
    import tutor_app.engine as torch
    op = OPS[name]
    rng = np.random.default_rng(abs(hash(name)) % 2**32 + 3)
    arrays, params = _inputs(op, sample, rng)
    out = _forward(op, arrays, params)
    g = rng.normal(size=out.shape)
    w = [rng.normal(size=a.shape) for a in arrays]
    u = [rng.normal(size=a.shape) for a in arrays]

    def weighted_second(xs_arrays):
        _, second = _engine_second(op, xs_arrays, params, g, w)
        return sum(float(np.sum(_zero_if_none(s, a) * ui))
                   for s, a, ui in zip(second, xs_arrays, u, strict=True))

    xs, second = _engine_second(op, arrays, params, g, w, create_graph=True)
    total = sum((s * torch.tensor(ui)).sum() for s, ui in zip(second, u, strict=True)
                if s is not None and s.requires_grad)
    third = (torch.autograd.grad(total, xs, allow_unused=True)
             if isinstance(total, torch.Tensor) else [None] * len(xs))
    for i, a in enumerate(arrays):
        numeric = _numeric(weighted_second, arrays, i)
        np.testing.assert_allclose(_zero_if_none(third[i], a), numeric, rtol=1e-4, atol=1e-5,
                                   err_msg=f"third derivative of {name} wrt input {i}")
