"""Reductions in the op table: sum, mean, max/min, cumsum, softmax, vector norms.

Ops that save nothing (``saves=False``) receive the input *shapes* as ``args``.
"""

from __future__ import annotations

import math

import numpy as np

from .ops_table import register, rounded_once


def _expand(g, shape, dim, keepdim):
    """Give a reduced ``g`` back the reduced axes so it broadcasts against the input."""
    if dim is None:
        return g.reshape((1,) * len(shape)) if len(shape) else g
    if not keepdim:
        g = np.expand_dims(g, dim)
    return g


def _sum_vjp(g, out, a, p):
    return np.broadcast_to(_expand(g, a[0], p.get("dim"), p.get("keepdim")), a[0])


def _count(shape, dim):
    """How many elements a reduction over ``dim`` (None: all) combines into one."""
    return math.prod(shape) if dim is None else math.prod(shape[d] for d in dim)


def _mean_vjp(g, out, a, p):
    shape, dim = a[0], p.get("dim")
    count = _count(shape, dim)
    return np.broadcast_to(_expand(g, shape, dim, p.get("keepdim")) / count, shape)


def _sum(a, dim=None, keepdim=False):
    return np.sum(a, axis=dim, keepdims=keepdim)


def _mean(a, dim=None, keepdim=False):
    return np.mean(a, axis=dim, keepdims=keepdim, dtype=a.dtype)


_R = [(((),), {}), (((3,),), {}), (((2, 3),), {})]
_RD = [(((2, 3),), {"dim": (0,), "keepdim": False}), (((2, 3),), {"dim": (1,), "keepdim": True}),
       (((2, 3, 4),), {"dim": (0, 2), "keepdim": False})]

register("sum", "SumBackward0", "sum", "out = Σ a", _sum, (_sum_vjp,),
         jvps=(lambda t, out, a, p: np.sum(t),), local=("∂out/∂a = 1",),
         samples=_R,
         reads=("",), backward_name="ExpandBackward0")
register("sum_dim", "SumBackward1", "sum", "out = Σ_dim a", _sum, (_sum_vjp,),
         jvps=(lambda t, out, a, p: np.sum(t, axis=p["dim"], keepdims=p["keepdim"]),),
         local=("∂out/∂a = 1",), samples=_RD,
         reads=("",), backward_name="ExpandBackward0")
register("mean", "MeanBackward0", "mean", "out = (1/n) Σ a", _mean, (_mean_vjp,),
         jvps=(lambda t, out, a, p: np.mean(t),), local=("∂out/∂a = 1/n",),
         samples=_R,
         reads=("",), backward_name="DivBackward1")
register("mean_dim", "MeanBackward1", "mean", "out = (1/n) Σ_dim a", _mean, (_mean_vjp,),
         jvps=(lambda t, out, a, p: np.mean(t, axis=p["dim"], keepdims=p["keepdim"]),),
         local=("∂out/∂a = 1/n",), samples=_RD,
         reads=("",), backward_name="DivBackward1")


def _reduced_jvp(vjp):
    """JVP of a reduction from its VJP: the weights VJP(1) summed against the tangent."""
    def jvp(t, out, a, p):
        w = vjp(np.ones_like(out), out, a, p)
        dim, keepdim = p.get("dim"), p.get("keepdim", False)
        return np.sum(w * t, axis=dim, keepdims=keepdim if dim is not None else False)
    return jvp


def _extreme_all_vjp(g, out, a, p):
    # PyTorch spreads the gradient evenly over ties of a full max/min.
    hit = a[0] == out
    return g * hit / int(np.count_nonzero(hit))


def _extreme_dim_vjp(g, out, a, p):
    dim, keepdim = p["dim"], p["keepdim"]
    idx = p["indices"] if keepdim else np.expand_dims(p["indices"], dim)
    res = np.zeros(a[0], dtype=g.dtype)  # a[0] is the input's shape: no value is saved
    np.put_along_axis(res, idx, _expand(g, a[0], dim, keepdim), axis=dim)
    return res


def _extreme_dim_jvp(t, out, a, p):
    dim, keepdim = p["dim"], p["keepdim"]
    idx = p["indices"] if keepdim else np.expand_dims(p["indices"], dim)
    picked = np.take_along_axis(np.broadcast_to(t, a[0]), idx, axis=dim)
    return picked if keepdim else np.squeeze(picked, axis=dim)


def _dim_sample(indices_of):
    # Explicit values (not shapes): the indices parameter must match them.
    x = np.array([[0.3, -1.2, 2.0], [1.5, 0.7, -0.4]])
    return [((x,), {"dim": 1, "keepdim": False, "indices": indices_of(x, 1)}),
            ((x,), {"dim": 0, "keepdim": True, "indices": np.expand_dims(indices_of(x, 0), 0)})]


register("max", "MaxBackward1", "max", "out = max a", np.max, (_extreme_all_vjp,),
         jvps=(_reduced_jvp(_extreme_all_vjp),), local=("∂out/∂a = [a = max]",),
         samples=_R, domain="distinct",
         reads=("a out",))
register("min", "MinBackward1", "min", "out = min a", np.min, (_extreme_all_vjp,),
         jvps=(_reduced_jvp(_extreme_all_vjp),), local=("∂out/∂a = [a = min]",),
         samples=_R, domain="distinct",
         reads=("a out",))
register("max_dim", "MaxBackward0", "max", "out = max_dim a",
         lambda a, dim, keepdim, indices: np.max(a, axis=dim, keepdims=keepdim),
         (_extreme_dim_vjp,), jvps=(_extreme_dim_jvp,), local=("∂out/∂a = [a = max]",),
         samples=_dim_sample(np.argmax),
         reads=("",), backward_name="ScatterBackward0")
register("min_dim", "MinBackward0", "min", "out = min_dim a",
         lambda a, dim, keepdim, indices: np.min(a, axis=dim, keepdims=keepdim),
         (_extreme_dim_vjp,), jvps=(_extreme_dim_jvp,), local=("∂out/∂a = [a = min]",),
         samples=_dim_sample(np.argmin),
         reads=("",), backward_name="ScatterBackward0")


def _cumsum_vjp(g, out, a, p):
    d = p["dim"]
    return np.flip(np.cumsum(np.flip(g, d), axis=d), d)


register("cumsum", "CumsumBackward0", "cumsum", "out_i = Σ_{j≤i} a_j",
         lambda a, dim: np.cumsum(a, axis=dim, dtype=a.dtype if a.dtype.kind == "f" else None),
         (_cumsum_vjp,), jvps=(lambda t, out, a, p: np.cumsum(t, axis=p["dim"]),),
         local=("∂out_i/∂a_j = [j ≤ i]",),
         samples=[(((3,),), {"dim": 0}), (((2, 3),), {"dim": 1})],
         reads=("",), backward_name="FlipBackward0")


_exp, _log = rounded_once(np.exp), rounded_once(np.log)


def _softmax(a, dim):
    # PyTorch's steps (shift, exp, sum, multiply by the reciprocal) give PyTorch's digits
    e = _exp(a - np.max(a, axis=dim, keepdims=True))
    return e * (1 / np.sum(e, axis=dim, keepdims=True))


def _log_softmax(a, dim):
    shifted = a - np.max(a, axis=dim, keepdims=True)
    return shifted - _log(np.sum(_exp(shifted), axis=dim, keepdims=True))


register("softmax", "SoftmaxBackward0", "softmax", "out = exp(a) / Σ exp(a)", _softmax,
         (lambda g, out, a, p: out * (g - np.sum(g * out, axis=p["dim"], keepdims=True)),),
         local=("∂out/∂a = diag(s) − s sᵀ",), float_result=True,
         samples=[(((3,),), {"dim": 0}), (((2, 3),), {"dim": 1})],
         reads=("out",), recorded_vjp="softmax_backward_data")
register("log_softmax", "LogSoftmaxBackward0", "log_softmax", "out = a − log Σ exp(a)",
         _log_softmax,
         (lambda g, out, a, p: g - np.exp(out) * np.sum(g, axis=p["dim"], keepdims=True),),
         jvps=(lambda t, out, a, p: t - np.sum(np.exp(out) * t, axis=p["dim"], keepdims=True),),
         local=("∂out/∂a = I − softmax(a)",), float_result=True,
         samples=[(((3,),), {"dim": 0}), (((2, 3),), {"dim": 1})],
         reads=("out",), recorded_vjp="log_softmax_backward_data")


def _norm(a, ord, dim, keepdim):  # noqa: A002 - PyTorch's name
    m = np.abs(a)
    if ord == 2:
        return np.sqrt(np.sum(m * m, axis=dim, keepdims=keepdim))
    if ord == np.inf:
        return np.max(m, axis=dim, keepdims=keepdim)
    if ord == -np.inf:
        return np.min(m, axis=dim, keepdims=keepdim)
    if ord == 1:
        return np.sum(m, axis=dim, keepdims=keepdim)
    if ord == 0:
        return np.sum(m != 0, axis=dim, keepdims=keepdim).astype(a.dtype)
    with np.errstate(divide="ignore"):  # negative orders: a zero entry makes the norm 0
        return np.power(np.sum(np.power(m, ord), axis=dim, keepdims=keepdim), 1.0 / ord)


def _norm_vjp(g, out, a, p):
    x, ord, dim, keepdim = a[0], p["ord"], p["dim"], p["keepdim"]  # noqa: A001
    g = _expand(g, x.shape, dim, keepdim)
    o = _expand(out, x.shape, dim, keepdim)
    if ord == 0:
        return np.zeros_like(x)
    if ord == 1:
        return g * np.sign(x)
    if ord in (np.inf, -np.inf):
        hit = np.abs(x) == o
        count = np.sum(hit, axis=dim, keepdims=True).astype(np.asarray(x).dtype)
        return g * np.sign(x) * hit / count
    with np.errstate(divide="ignore", invalid="ignore"):
        scale = np.where(o == 0, 0, g / np.power(o, ord - 1))
    return scale * np.sign(x) * np.power(np.abs(x), ord - 1)


register("norm", "LinalgVectorNormBackward0", "‖·‖", "out = (Σ |a|^p)^(1/p)", _norm,
         (_norm_vjp,), jvps=(_reduced_jvp(_norm_vjp),), local=("∂out/∂a = a / ‖a‖ (p = 2)",),
         float_result=True,
         samples=[(((3,),), {"ord": 2, "dim": None, "keepdim": False}),
                  (((2, 3),), {"ord": 2, "dim": None, "keepdim": False}),
                  (((2, 3),), {"ord": 1, "dim": (1,), "keepdim": False}),
                  (((2, 3),), {"ord": 3, "dim": (0,), "keepdim": True}),
                  (((3,),), {"ord": np.inf, "dim": None, "keepdim": False}),
                  (((2, 3),), {"ord": -np.inf, "dim": (1,), "keepdim": False}),
                  (((3,),), {"ord": -1, "dim": None, "keepdim": False}),
                  (((2, 3),), {"ord": -2, "dim": (0,), "keepdim": True})],
         domain="distinct",
         reads=("a out",))


# --- amax / amin: PyTorch's reductions behind the matrix 1-, ∞- and 2-norms ----------------
def _amax(a, dim, keepdim):
    return np.max(a, axis=dim, keepdims=keepdim)


def _amin(a, dim, keepdim):
    return np.min(a, axis=dim, keepdims=keepdim)


def _extreme_dims_vjp(g, out, a, p):
    """The gradient shared evenly by the entries that tie for the extreme (as PyTorch)."""
    x, dim, keepdim = a[0], p["dim"], p["keepdim"]
    hit = x == _expand_dims(out, dim, keepdim)
    count = np.sum(hit, axis=dim, keepdims=True).astype(np.asarray(x).dtype)
    return _expand_dims(g, dim, keepdim) * (hit / count)


def _expand_dims(v, dim, keepdim):
    return v if keepdim else np.expand_dims(v, dim)


_DIMS = [(((2, 3),), {"dim": (1,), "keepdim": False}), (((2, 3),), {"dim": (0,), "keepdim": True}),
         (((2, 3, 4),), {"dim": (0, 2), "keepdim": False})]
register("amax", "AmaxBackward0", "amax", "out = max_dim a", _amax, (_extreme_dims_vjp,),
         jvps=(_reduced_jvp(_extreme_dims_vjp),), local=("∂out/∂a = [a = max] / ties",),
         samples=_DIMS, domain="distinct", reads=("a out",))
register("amin", "AminBackward0", "amin", "out = min_dim a", _amin, (_extreme_dims_vjp,),
         jvps=(_reduced_jvp(_extreme_dims_vjp),), local=("∂out/∂a = [a = min] / ties",),
         samples=_DIMS, domain="distinct", reads=("a out",))


# --- singular values: behind the matrix 2-norm and the nuclear norm -------------------------
def _svdvals(a):
    return np.linalg.svd(a, compute_uv=False)


def _svdvals_vjp(g, out, a, p):
    u, _, vh = np.linalg.svd(a[0], full_matrices=False)
    return (u * np.expand_dims(g, -2)) @ vh  # U diag(g) Vᵀ


def _svdvals_jvp(t, out, a, p):
    u, _, vh = np.linalg.svd(a[0], full_matrices=False)
    return np.einsum("...ki,...kl,...il->...i", u, t, vh)  # diag(Uᵀ t V)


register("svdvals", "LinalgSvdBackward0", "σ(A)", "out = singular values of A", _svdvals,
         (_svdvals_vjp,), jvps=(_svdvals_jvp,), local=("∂σᵢ/∂A = uᵢ vᵢᵀ",),
         float_result=True, samples=[(((2, 3),), {}), (((3, 3),), {}), (((3, 2),), {}),
                                     (((2, 3, 2),), {})], reads=("a",),
         twice=False)  # its VJP needs U and V, whose own derivatives are not in the table


# --- spread and product ------------------------------------------------------------------
def _var(a, dim=None, correction=1, keepdim=False):
    return np.var(a, axis=dim, ddof=correction, keepdims=keepdim)


def _std(a, dim=None, correction=1, keepdim=False):
    return np.std(a, axis=dim, ddof=correction, keepdims=keepdim)


def _centred(a, dim):
    return a - np.mean(a, axis=dim, keepdims=True)


def _var_vjp(g, out, a, p):
    dim, keep = p.get("dim"), p.get("keepdim", False)
    scale = 2.0 / (_count(a[0].shape, dim) - p.get("correction", 1))
    return _expand(g, a[0].shape, dim, keep) * _centred(a[0], dim) * scale


def _std_vjp(g, out, a, p):
    dim, keep = p.get("dim"), p.get("keepdim", False)
    scale = 1.0 / (_count(a[0].shape, dim) - p.get("correction", 1))
    spread = _expand(out, a[0].shape, dim, keep)
    return _expand(g, a[0].shape, dim, keep) * _centred(a[0], dim) * scale / spread


def _var_jvp(t, out, a, p):
    dim, keep = p.get("dim"), p.get("keepdim", False)
    scale = 2.0 / (_count(a[0].shape, dim) - p.get("correction", 1))
    return np.sum(_centred(a[0], dim) * t, axis=dim, keepdims=keep) * scale


def _std_jvp(t, out, a, p):
    return _var_jvp(t, out, a, p) / (2 * out)


_SPREAD = [(((3,),), {"dim": None, "correction": 1, "keepdim": False}),
           (((2, 3),), {"dim": (1,), "correction": 1, "keepdim": False}),
           (((2, 3),), {"dim": (0,), "correction": 0, "keepdim": True})]
register("var", "VarBackward0", "var", "out = Σ (a − ā)² / (n − c)", _var, (_var_vjp,),
         jvps=(_var_jvp,),
         local=("∂out/∂a = 2(a − ā)/(n − c)",), float_result=True, samples=_SPREAD,
         reads=("a",))
register("std", "StdBackward0", "std", "out = √(Σ (a − ā)² / (n − c))", _std, (_std_vjp,),
         jvps=(_std_jvp,),
         local=("∂out/∂a = (a − ā)/((n − c)·out)",), float_result=True, samples=_SPREAD,
         domain="distinct", reads=("a out",))


def _exclusive_products(a, axis):
    """For each element, the product of the others along ``axis`` (zeros handled: no
    division by the element itself)."""
    ones = np.ones_like(np.take(a, [0], axis=axis))
    left = np.cumprod(np.concatenate([ones, a], axis=axis), axis=axis)
    right = np.flip(np.cumprod(np.concatenate([ones, np.flip(a, axis)], axis=axis), axis=axis),
                    axis)
    n = a.shape[axis]
    return (np.take(left, range(n), axis=axis) * np.take(right, range(1, n + 1), axis=axis))


def _prod(a, dim=None, keepdim=False):
    return np.prod(a, axis=dim, keepdims=keepdim)


def _prod_vjp(g, out, a, p):
    dim = p.get("dim")
    if dim is None:
        others = _exclusive_products(a[0].reshape(-1), 0).reshape(a[0].shape)
        return g * others
    axis = dim[0]
    return _expand(g, a[0].shape, dim, p.get("keepdim", False)) * _exclusive_products(a[0], axis)


def _prod_jvp(t, out, a, p):
    dim = p.get("dim")
    t = np.broadcast_to(t, a[0].shape)
    if dim is None:
        return np.sum(_exclusive_products(a[0].reshape(-1), 0) * t.reshape(-1))
    return np.sum(_exclusive_products(a[0], dim[0]) * t, axis=dim[0],
                  keepdims=p.get("keepdim", False))


register("prod", "ProdBackward0", "prod", "out = Π a", _prod, (_prod_vjp,),
         jvps=(_prod_jvp,),
         local=("∂out/∂aᵢ = Π_{j≠i} aⱼ",), samples=_R, twice=False,
         reads=("a",))
register("prod_dim", "ProdBackward1", "prod", "out = Π_dim a", _prod, (_prod_vjp,),
         jvps=(_prod_jvp,),
         local=("∂out/∂aᵢ = Π_{j≠i} aⱼ",), twice=False,
         samples=[(((2, 3),), {"dim": (1,), "keepdim": False}),
                  (((2, 3),), {"dim": (0,), "keepdim": True}),
                  ((np.array([[0.0, 2.0, 3.0], [0.0, 0.0, 1.5]]),), {"dim": (1,),
                                                                     "keepdim": False})],
         reads=("a",))
