# ruff: noqa: F401, A004  (this module is the public namespace: it re-exports)
"""A NumPy autograd engine that behaves like PyTorch 2.x: ``import tutor_app.engine as torch``.

Extras for the app: ``record()`` (a Tape of every op and backward step, for the graph lab),
``jvp`` (forward mode), ``counters()`` (passes, ops, live intermediates) and ``Tensor.uid``.

Floors, read bottom-up; a module imports only modules on floors below it, no import
circle exists, not even inside a function (tests/engine/test_layers.py), and no module
assigns into another module or a class from outside (tests/test_no_patching.py):

1. The op table: ``ops_table`` (Op, OPS, register; numpy only) and the entries in ``ops``,
   ``ops_math``, ``ops_reduce``, ``ops_shape``, ``ops_linalg``, ``ops_backward``: forward,
   one VJP per input, JVP, the saved values the VJPs read, label and formula.
2. The core: ``core`` — ``TensorBase`` (a tensor's state), ``Node``, grad mode, and
   ``make_result``, the one function that makes an op's result and its node, called by
   ``apply`` and by the fast paths of the operators (``fast_binary``/``fast_unary``).
   Results take the class of their input, so the core never names ``Tensor``. Beside it:
   the observers ``hooks``/``tape``, ``versions`` (in-place changes of saved values),
   ``forward`` (forward mode), ``data`` (Python data → arrays), ``dtypes``, ``printing``.
3. Functions on tensors: ``functional``, then ``shapes``, ``indexing``, ``products``,
   ``norms``, ``compare``, ``interop`` (NumPy functions on Tensors run engine ops).
4. Reverse mode: ``backward`` — one loop for ``backward``, ``autograd.grad`` and
   ``create_graph``, with observing and recording as parameters — and ``graph_backward``
   (each VJP as recorded ops, for derivatives of order ≥ 2).
5. ``tensor``: the Tensor class (``TensorBase`` plus the operator and method mixins of
   ``tensor_methods``), complete in its body.
6. PyTorch's namespaces on top: ``creation`` (tensors from bare data need the class),
   ``autograd`` (``reverse``, ``autograd_functional``), ``func``, ``linalg``,
   ``distributions`` (Categorical, Multinomial), this package.
"""

from __future__ import annotations

import math as _math
import types as _types

from . import autograd, distributions, func, linalg
from . import dtypes as _dtypes
from .compare import (
    all,
    allclose,
    any,
    argsort,
    count_nonzero,
    eq,
    equal,
    ge,
    greater,
    greater_equal,
    gt,
    isclose,
    isfinite,
    isinf,
    isnan,
    le,
    less,
    less_equal,
    logical_and,
    logical_not,
    logical_or,
    logical_xor,
    lt,
    ne,
    nonzero,
    not_equal,
    unique,
)
from .core import enable_grad, inference_mode, is_grad_enabled, no_grad, set_grad_enabled
from .creation import (
    Generator,
    arange,
    as_tensor,
    default_generator,
    empty,
    empty_like,
    eye,
    from_numpy,
    full,
    full_like,
    initial_seed,
    linspace,
    logspace,
    manual_seed,
    multinomial,
    normal,
    ones,
    ones_like,
    rand,
    rand_like,
    randint,
    randn,
    randn_like,
    seed,
    tensor,
    zeros,
    zeros_like,
)
from .dtypes import bool_ as bool  # noqa: A004
from .dtypes import (
    double,
    dtype,
    float,
    float16,
    float32,
    float64,
    half,
    int,
    int8,
    int16,
    int32,
    int64,
    long,
    short,
    uint8,
)
from .forward import jvp
from .functional import (  # noqa: A004
    abs,
    acos,
    add,
    arccos,
    arcsin,
    arctan,
    arctan2,
    argmax,
    argmin,
    asin,
    atan,
    atan2,
    ceil,
    clamp,
    cos,
    cosh,
    cumsum,
    deg2rad,
    div,
    erf,
    exp,
    exp2,
    expm1,
    floor,
    log,
    log1p,
    log2,
    log10,
    log_softmax,
    max,
    maximum,
    mean,
    min,
    minimum,
    mul,
    neg,
    pow,
    rad2deg,
    reciprocal,
    relu,
    round,
    rsqrt,
    sigmoid,
    sign,
    sin,
    sinh,
    softmax,
    sqrt,
    square,
    sub,
    sum,
    tan,
    tanh,
    where,
)
from .hooks import Counters, counters, record
from .norms import amax, amin
from .norms import torch_norm as norm
from .ops import OPS
from .printing import Size
from .products import cross, dot, einsum, inner, matmul, mm, mv, outer
from .products import det as _det
from .products import inv as _inv
from .shapes import (
    broadcast_to,
    cat,
    concat,
    concatenate,
    flatten,
    flip,
    hstack,
    moveaxis,
    movedim,
    permute,
    reshape,
    squeeze,
    stack,
    t,
    tile,
    transpose,
    tril,
    triu,
    unsqueeze,
    vstack,
)
from .statistics import diag, prod, repeat, std, trace, var
from .tape import Tape
from .tensor import Tensor

pi, e, inf, nan = _math.pi, _math.e, _math.inf, _math.nan  # torch's float constants

clip = clamp
negative = neg
multiply = mul
divide = div
true_divide = div
subtract = sub
absolute = abs
det = _det
inverse = _inv
swapaxes = swapdims = transpose
promote_types = _dtypes.promote_types


def is_tensor(obj) -> bool:
    return isinstance(obj, Tensor)


def numel(input) -> int:
    return input.numel()


def is_floating_point(input) -> bool:
    return input.is_floating_point()


def ravel(input):
    """``torch.ravel``: the entries as one vector."""
    return reshape(input, (-1,))


def clone(input):
    return input.clone()


def get_default_dtype():
    return float32


def _relu_fn(input, inplace=False):
    return relu(input)


nn = _types.SimpleNamespace(functional=_types.SimpleNamespace(
    relu=_relu_fn, sigmoid=sigmoid, tanh=tanh, softmax=softmax, log_softmax=log_softmax))

# importing the ``tensor`` submodule rebinds the name; the function is what torch has
from .creation import tensor  # noqa: E402,F811

__all__ = [n for n in dir() if not n.startswith("_")]
