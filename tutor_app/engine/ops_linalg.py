"""Linear algebra in the op table: dot, mv, mm, batched matmul, outer, cross, det."""

from __future__ import annotations

import math

import numpy as np

from .ops_table import Each, matmul_size, register


def _matmul_size(shapes, p):
    return matmul_size(*shapes)


def _outer_size(shapes, p):
    n = math.prod(shapes[0]) * math.prod(shapes[1])
    return n, n


def _swap(m):
    return np.swapaxes(m, -1, -2)


register("dot", "DotBackward0", "dot", "out = a · b = Σ aᵢbᵢ", np.dot,
         (lambda g, out, a, p: g * a[1], lambda g, out, a, p: g * a[0]),
         jvps=(lambda t, out, a, p: np.dot(t, a[1]), lambda t, out, a, p: np.dot(a[0], t)),
         local=("∂out/∂a = b", "∂out/∂b = a"), samples=[(((3,), (3,)), {})],
         reads=("b", "a"), size=_matmul_size)
register("mv", "MvBackward0", "mv", "out = A x", np.matmul,
         (lambda g, out, a, p: np.outer(g, a[1]), lambda g, out, a, p: a[0].T @ g),
         jvps=(lambda t, out, a, p: t @ a[1], lambda t, out, a, p: a[0] @ t),
         local=("∂out/∂A = xᵀ (outer)", "∂out/∂x = A"), samples=[(((2, 3), (3,)), {})],
         reads=("b", "a"), size=_matmul_size)
register("mm", "MmBackward0", "@", "out = A B", np.matmul,
         (lambda g, out, a, p: g @ a[1].T, lambda g, out, a, p: a[0].T @ g),
         jvps=(lambda t, out, a, p: t @ a[1], lambda t, out, a, p: a[0] @ t),
         local=("∂out/∂A = Bᵀ (right)", "∂out/∂B = Aᵀ (left)"),
         samples=[(((2, 3), (3, 4)), {}), (((1, 1), (1, 2)), {})],
         reads=("b", "a"), size=_matmul_size)


def _matmul_vjp_a(g, out, a, p):
    x, y = a
    if y.ndim == 1:
        return np.expand_dims(g, -1) * y
    if x.ndim == 1:
        return (np.expand_dims(g, -2) @ _swap(y))[..., 0, :]
    return g @ _swap(y)


def _matmul_vjp_b(g, out, a, p):
    x, y = a
    if x.ndim == 1:
        return np.expand_dims(x, -1) * np.expand_dims(g, -2)
    if y.ndim == 1:
        return (np.expand_dims(g, -2) @ x)[..., 0, :]
    return _swap(x) @ g


# PyTorch reshapes batched matmuls into one bmm and views the result back.
register("matmul", "UnsafeViewBackward0", "@", "out = A B (batched)", np.matmul,
         (_matmul_vjp_a, _matmul_vjp_b),
         jvps=(lambda t, out, a, p: np.matmul(t, a[1]), lambda t, out, a, p: np.matmul(a[0], t)),
         local=("∂out/∂A = Bᵀ (right)", "∂out/∂B = Aᵀ (left)"),
         samples=[(((2, 2, 3), (3, 4)), {}), (((2, 3), (2, 3, 2)), {}), (((2, 2, 3), (3,)), {})],
         reads=("b", "a"), size=_matmul_size)
# A vector times a matrix: PyTorch unsqueezes, multiplies and squeezes the row back out.
register("vecmat", "SqueezeBackward4", "@", "out = xᵀ A", np.matmul,
         (_matmul_vjp_a, _matmul_vjp_b),
         jvps=(lambda t, out, a, p: np.matmul(t, a[1]), lambda t, out, a, p: np.matmul(a[0], t)),
         local=("∂out/∂x = A", "∂out/∂A = x (outer)"), samples=[(((3,), (3, 2)), {})],
         reads=("b", "a"), size=_matmul_size)
register("outer", "MulBackward0", "⊗", "out = a bᵀ", np.outer,
         (lambda g, out, a, p: g @ a[1], lambda g, out, a, p: g.T @ a[0]),
         jvps=(lambda t, out, a, p: np.outer(t, a[1]), lambda t, out, a, p: np.outer(a[0], t)),
         local=("∂out/∂a = b", "∂out/∂b = a"), samples=[(((3,), (2,)), {})],
         reads=("b", "a"), size=_outer_size)


def _cross(a, b, dim):
    return np.cross(a, b, axis=dim)


register("cross", "LinalgCrossBackward0", "×", "out = a × b", _cross,
         (lambda g, out, a, p: np.cross(a[1], g, axis=p["dim"]),
          lambda g, out, a, p: np.cross(g, a[0], axis=p["dim"])),
         jvps=(lambda t, out, a, p: np.cross(t, a[1], axis=p["dim"]),
               lambda t, out, a, p: np.cross(a[0], t, axis=p["dim"])),
         local=("∂out/∂a = [b]×ᵀ", "∂out/∂b = [a]×"), promotes=True,
         samples=[(((3,), (3,)), {"dim": -1}), (((2, 3), (3,)), {"dim": -1}),
                  (((3, 2), (3, 2)), {"dim": 0})],
         reads=("b", "a"))


def _det_vjp(g, out, a, p):
    inv_t = _swap(np.linalg.inv(a[0]))
    return np.expand_dims(np.expand_dims(g * out, -1), -1) * inv_t


def _det_jvp(t, out, a, p):
    return out * np.trace(np.linalg.solve(a[0], t), axis1=-2, axis2=-1)


register("det", "LinalgDetBackward0", "det", "out = det A", np.linalg.det, (_det_vjp,),
         jvps=(_det_jvp,), local=("∂out/∂A = det(A)·A⁻ᵀ",), float_result=True,
         samples=[(((2, 2),), {}), (((3, 3),), {}), (((2, 3, 3),), {})], domain="invertible",
         reads=("a out",))


register("inv", "LinalgInvExBackward0", "A⁻¹", "out = A⁻¹", np.linalg.inv,
         (lambda g, out, a, p: -(_swap(out) @ g @ _swap(out)),),
         jvps=(lambda t, out, a, p: -(out @ t @ out),), local=("∂out = −A⁻¹ ∂A A⁻¹",),
         float_result=True, may_warn=True, reads=("out",),
         samples=[(((2, 2),), {}), (((3, 3),), {}), (((2, 3, 3),), {})], domain="invertible")


# --- trace and diagonals -----------------------------------------------------------------
def _trace_vjp(g, out, a, p):
    rows, cols = a[0]  # the input's shape: trace saves no value
    return np.where(np.eye(rows, cols, dtype=bool), g, 0)  # where: g's dtype, even a Tensor's


register("trace", "TraceBackward0", "tr", "out = Σᵢ Aᵢᵢ", np.trace, (_trace_vjp,),
         jvps=(lambda t, out, a, p: np.trace(np.broadcast_to(t, a[0])),),
         local=("∂out/∂A = I",), samples=[(((3, 3),), {}), (((2, 4),), {})],
         reads=("",))


def _diag_embed_vjp(g, out, a, p):
    n = a[0][0]  # a vector's gradient: g's diagonal
    return np.sum(np.where(np.eye(n, dtype=bool), g, 0), axis=1)


def _diagonal_vjp(g, out, a, p):
    rows, cols = a[0]  # the gradient puts g back on A's diagonal: (i, i) gets g[i]
    along = np.expand_dims(g, 1 if rows <= cols else 0)
    return np.where(np.eye(rows, cols, dtype=bool), along, 0)


# torch.diag is two ops, as in PyTorch: a vector onto a matrix's diagonal, and back
register("diag_embed", "DiagEmbedBackward0", "diag", "out = diag(a) (a matrix)", np.diag,
         (_diag_embed_vjp,), jvps=(lambda t, out, a, p: np.diag(np.broadcast_to(t, a[0])),),
         local=("∂out/∂a = the diagonal's positions",),
         samples=[(((3,),), {}), (((1,),), {})], reads=("",),
         size=lambda shapes, p: (shapes[0][0] ** 2, 0))  # n values make an n × n matrix
register("diagonal", "DiagonalBackward0_copy", "diag", "out = (A₀₀, A₁₁, …)", np.diag,
         (_diagonal_vjp,), jvps=(lambda t, out, a, p: np.diag(np.broadcast_to(t, a[0])),),
         local=("∂out/∂A = 1 on the diagonal",),
         samples=[(((3, 3),), {}), (((2, 4),), {}), (((4, 2),), {})], reads=("",))


# --- einsum ------------------------------------------------------------------------------
# ``params["equation"]`` is always explicit ("ij,jk->ik"): products.einsum resolves the
# implicit output and spells each ellipsis dimension as a letter of its own before it calls
# the table, so the rules here only read letters. One letter is one axis size everywhere
# (size 1 broadcasts, as in PyTorch); a letter twice in one operand is its diagonal.

def _einsum_parts(equation):
    inputs, output = equation.split("->")
    return inputs.split(","), output


def _einsum_forward(*arrays, equation):
    # more than one operand: contract pairwise through BLAS (as PyTorch's bmm does), not
    # with NumPy's one-loop sum of products, whose cost is the product of every axis
    return np.einsum(equation, *arrays, optimize=len(arrays) > 1)


def _label_sizes(labels, shapes):
    sizes = {}
    for subs, shape in zip(labels, shapes, strict=True):
        for letter, n in zip(subs, shape, strict=True):
            sizes[letter] = max(sizes.get(letter, 1), n)
    return sizes


def _einsum_size(shapes, p):
    """Output elements, and the multiply-adds of contracting the operands left to right
    (each step costs the product of the sizes of the letters it touches)."""
    labels, output = _einsum_parts(p["equation"])
    sizes = _label_sizes(labels, shapes)
    flops, current = 0, set(labels[0])
    for k, subs in enumerate(labels[1:], 1):
        step = current | set(subs)
        flops += math.prod(sizes[x] for x in step)
        later = set(output).union(*labels[k + 1:])
        current = step & later
    return math.prod(sizes[x] for x in output), flops


def _fresh_letters(used, count):
    free = [c for c in "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ" if c not in used]
    return free[:count]


def _shapes(a):
    """The operands' shapes: a one-operand entry saves only its shape (it reads no value)."""
    return [x if isinstance(x, tuple) else x.shape for x in a]


def _einsum_vjp(g, out, a, p, i):
    """The gradient of operand ``i``: ``g`` contracted with every other operand, back onto
    operand ``i``'s letters. A letter repeated in operand ``i`` (its diagonal) becomes a
    letter of its own tied to the first by an identity mask; a letter only operand ``i``
    has at full size (summed inside it, or broadcast from size 1 elsewhere) comes back
    through a vector of ones. Masks and ones are bool,
    so the gradient keeps ``g``'s dtype; all of it is one einsum, which a recorded backward
    pass (create_graph) differentiates again."""
    labels, output = _einsum_parts(p["equation"])
    shapes = _shapes(a)
    mine = labels[i]
    sizes = dict(zip(mine, shapes[i], strict=True))
    spare = iter(_fresh_letters(set(p["equation"]), len(mine)))
    target, seen, extra_subs, extras = [], set(), [], []
    for letter in mine:
        if letter in seen:  # a diagonal: a fresh letter, tied to this one by eye(n)
            fresh = next(spare)
            target.append(fresh)
            extra_subs.append(letter + fresh)
            extras.append(np.eye(sizes[letter], dtype=bool))
        else:
            seen.add(letter)
            target.append(letter)
    others = [k for k in range(len(a)) if k != i]
    elsewhere = _label_sizes([output] + [labels[k] for k in others],
                             [g.shape] + [shapes[k] for k in others])
    # summed inside operand i only, or of size 1 everywhere else (broadcast against it)
    for letter in sorted(x for x in seen if elsewhere.get(x, 1) < sizes[x]):
        extra_subs.append(letter)
        extras.append(np.ones(sizes[letter], dtype=bool))
    subs = [output] + [labels[k] for k in others] + extra_subs
    equation = ",".join(subs) + "->" + "".join(target)
    return np.einsum(equation, g, *(a[k] for k in others), *extras)


def _einsum_jvp(t, out, a, p, i):
    """Operand ``i``'s tangent through the same contraction (einsum is linear in each)."""
    operands = list(a)
    operands[i] = np.broadcast_to(t, _shapes(a)[i])
    return np.einsum(p["equation"], *operands)


# PyTorch computes einsum with permute, sum, mul and bmm, and its result's grad_fn is the
# last of them: four entries, one rule, each named as PyTorch names that last step.
for _name, _grad_fn, _reads, _samples in (
        ("einsum", "ViewBackward0", "all",  # operands contracted by bmm, viewed back
         [(((2, 3), (3, 4)), {"equation": "ij,jk->ik"}),
          (((3,), (3,)), {"equation": "i,i->"}),
          (((2, 2, 3), (2, 3, 2)), {"equation": "bij,bjk->bik"}),
          (((3, 3), (3,)), {"equation": "ii,i->"}),
          (((2, 3), (3,), (3, 2)), {"equation": "ij,j,jk->ik"}),
          (((2, 3), (1, 4)), {"equation": "ij,jk->ik"})]),
        ("einsum_mul", "MulBackward0", "all",  # nothing contracted: a broadcast product
         [(((3,), (2,)), {"equation": "i,j->ij"}),
          (((2, 3), (2,)), {"equation": "ij,i->ji"})]),
        ("einsum_sum", "SumBackward1", "",  # one operand, some letters summed
         [(((3, 3),), {"equation": "ii->"}), (((2, 3),), {"equation": "ij->j"})]),
        ("einsum_permute", "PermuteBackward0", "",  # one operand, only reordered or diagonal
         [(((3, 3),), {"equation": "ii->i"}), (((2, 3, 4),), {"equation": "abc->cba"})])):
    register(_name, _grad_fn, "einsum", "out = Σ over the letters not kept of Π operands",
             _einsum_forward, Each(_einsum_vjp), jvps=Each(_einsum_jvp),
             local=("∂out/∂aᵢ = einsum of the other operands",), variadic=True,
             samples=_samples, reads=(_reads,), size=_einsum_size)
