"""``torch.linalg`` norms: vector norms of every order, matrix norms of every order PyTorch
accepts (1, −1, 2, −2, ∞, −∞, 'fro', 'nuc'), and the ``amax``/``amin``/``svdvals`` they are
built from.

Matrix norms are composed as PyTorch composes them, so the graph and ``grad_fn`` are
PyTorch's: ``‖A‖₁`` is ``A.abs().sum(0).amax()`` (AmaxBackward0), ``‖A‖₂`` the largest
singular value (AmaxBackward0 over LinalgSvdBackward0), ``‖A‖_nuc`` their sum.
"""

from __future__ import annotations

import builtins
import math
import numbers

from . import functional as F

_INF = math.inf
_MATRIX_ORDS = (1, -1, 2, -2, _INF, -_INF, "fro", "nuc")


def _extreme(name, input, dim, keepdim):
    a = F.to_tensor(input, caller=name)
    if dim is None:
        dims = tuple(range(a._data.ndim))
    else:
        dims = F.wrap_dims(dim, a._data.ndim)
    return F.unary(name, a, {"dim": dims, "keepdim": builtins.bool(keepdim)})


def amax(input, dim=(), keepdim=False):
    """``torch.amax``: the largest entries along ``dim`` (all dims when empty)."""
    return _extreme("amax", input, None if dim == () else dim, keepdim)


def amin(input, dim=(), keepdim=False):
    return _extreme("amin", input, None if dim == () else dim, keepdim)


def svdvals(A):
    """``torch.linalg.svdvals``: singular values, largest first."""
    a = F.to_tensor(A, caller="linalg_svdvals", arg="A")
    if a._data.ndim < 2:
        raise RuntimeError("linalg.svd: The input tensor A must have at least 2 dimensions.")
    F.prod_check_float(a, "linalg.svd")
    return F.unary("svdvals", a)


def vector_norm(x, *args, **kwargs):
    """``torch.linalg.vector_norm(x, ord=2, dim=None, keepdim=False, *, dtype=None)``.

    Taken as ``*args`` so that a wrong ``ord`` gets PyTorch's message, which says whether
    it came by position."""
    ord, where = (args[0], " (position 2)") if args else (kwargs.get("ord", 2), "")  # noqa: A001
    if not isinstance(ord, numbers.Number):
        raise TypeError(f"linalg_vector_norm(): argument 'ord'{where} must be Number, not "
                        f"{type(ord).__name__}")
    return _vector_norm(x, *args, **kwargs)


def _vector_norm(x, ord=2, dim=None, keepdim=False, *, dtype=None):  # noqa: A002
    return F.vector_norm(x, ord, dim, keepdim)


_MATRIX_NORM_OVERLOADS = (
    " * (Tensor input, Number ord, tuple of ints dim = {-2,-1}, bool keepdim = False, *, "
    "torch.dtype dtype = None, Tensor out = None)\n"
    ' * (Tensor input, str ord = "fro", tuple of ints dim = {-2,-1}, bool keepdim = False, *, '
    "torch.dtype dtype = None, Tensor out = None)\n")


def matrix_norm(A, *args, **kwargs):
    """``torch.linalg.matrix_norm(A, ord='fro', dim=(-2, -1), keepdim=False, *, dtype=None)``.

    An ``ord`` that is neither a number nor a string (``ord=None``, which
    ``torch.linalg.norm`` accepts) gets PyTorch's overload message, which lists the
    arguments as given: positional by type, keywords by name."""
    ord = args[0] if args else kwargs.get("ord", "fro")  # noqa: A001
    if not isinstance(ord, (str, numbers.Number)):
        got = [type(A).__name__] + [type(x).__name__ for x in args] + \
            [f"{k}={type(v).__name__}" for k, v in sorted(kwargs.items())]
        raise TypeError("linalg_matrix_norm() received an invalid combination of arguments - "
                        f"got ({', '.join(got)}), but expected one of:\n"
                        + _MATRIX_NORM_OVERLOADS)
    return _matrix_norm(A, *args, **kwargs)


def _matrix_norm(A, ord="fro", dim=(-2, -1), keepdim=False, *, dtype=None):  # noqa: A002
    """The matrix norm over the two dims ``dim`` (the last two by default)."""
    a = F.to_tensor(A, caller="linalg_matrix_norm", arg="input")
    ndim = a._data.ndim
    if ndim < 2:
        raise RuntimeError("linalg.matrix_norm: The input tensor A must have at least 2 "
                           "dimensions.")
    if ord not in _MATRIX_ORDS:
        shown = ord if isinstance(ord, str) else _number(ord)
        raise RuntimeError(f"linalg.matrix_norm: Order {shown} not supported.")
    F.prod_check_float(a, "linalg.matrix_norm")
    rows, cols = F.wrap_dims(dim, ndim)
    if ord == "fro":
        return F.vector_norm(a, 2, (rows, cols), keepdim)
    if ord in ("nuc", 2, -2):
        rest = [d for d in range(ndim) if d not in (rows, cols)]
        s = svdvals(a.permute(*rest, rows, cols) if (rows, cols) != (ndim - 2, ndim - 1)
                    else a)
        out = s.sum(-1) if ord == "nuc" else (amax if ord == 2 else amin)(s, -1)
        if keepdim:
            out = out.unsqueeze(builtins.min(rows, cols)).unsqueeze(builtins.max(rows, cols))
        return out
    if ord in (_INF, -_INF):  # the largest row sum: sum over the columns first
        rows, cols = cols, rows
    summed = a.abs().sum(rows, keepdim=keepdim)
    if not keepdim and rows < cols:
        cols -= 1
    return (amax if ord > 0 else amin)(summed, cols, keepdim)


def _number(value):
    return int(value) if isinstance(value, float) and value.is_integer() else value


def norm(A, ord=None, dim=None, keepdim=False, *, dtype=None):  # noqa: A002
    """``torch.linalg.norm``: a vector norm or a matrix norm, chosen as PyTorch chooses."""
    a = F.to_tensor(A, caller="linalg_norm", arg="input")
    if dim is not None:
        dims = (dim,) if isinstance(dim, int) else tuple(dim)
        if len(dims) == 2:
            return matrix_norm(a, "fro" if ord is None else ord, dims, keepdim)
        return _vector(a, 2 if ord is None else ord, dims, keepdim)
    if ord is None:
        return F.vector_norm(a, 2, None, keepdim)
    ndim = a._data.ndim
    if isinstance(ord, str) or ndim == 2:
        return matrix_norm(a, ord, (-2, -1), keepdim)
    if ndim != 1:
        raise RuntimeError(f"linalg.norm: If dim is not specified but ord is, the input must "
                           f"be 1D or 2D. Got {ndim}D.")
    return _vector(a, ord, None, keepdim)


def _vector(a, ord, dims, keepdim):  # noqa: A002
    if isinstance(ord, str):
        raise RuntimeError(f"linalg.vector_norm: Order {ord} not supported.")
    return F.vector_norm(a, ord, dims, keepdim)


def torch_norm(input, p="fro", dim=None, keepdim=False, dtype=None):
    """``torch.norm`` (the older one): 'nuc' is a matrix norm, any other ``p`` a vector norm
    over ``dim`` (over every entry when ``dim`` is None)."""
    if p == "nuc":
        return matrix_norm(input, "nuc", (-2, -1) if dim is None else dim, keepdim)
    return F.vector_norm(input, 2 if p in ("fro", None) else p, dim, keepdim)
