"""Products: dot, mv, mm, matmul, outer, cross, det (``torch.linalg`` re-exports some).

Shape and dtype checks raise PyTorch's messages before any op runs.
"""

from __future__ import annotations

import math

import numpy as np

from . import functional as F
from .core import apply
from .ops import OPS

_CPP_NAMES = {"Long": "long int", "Float": "float", "Double": "double", "Int": "int",
              "Bool": "bool", "Half": "c10::Half", "Short": "short int", "Char": "signed char",
              "Byte": "unsigned char"}


def _same_dtype(a, b, message):
    if a._data.dtype != b._data.dtype:
        raise RuntimeError(message(a.dtype.short, b.dtype.short))


def dot(input, other):
    a, b = F.operands(input, other)
    if a._data.ndim != 1 or b._data.ndim != 1:
        raise RuntimeError(f"1D tensors expected, but got {a._data.ndim}D and {b._data.ndim}D "
                           "tensors")
    _same_dtype(a, b, lambda x, y: f"dot : expected both vectors to have same dtype, but found "
                                   f"{x} and {y}")
    n, m = a._data.shape[0], b._data.shape[0]
    if n != m:
        raise RuntimeError(f"inconsistent tensor size, expected tensor [{n}] and src [{m}] to "
                           f"have the same number of elements, but got {n} and {m} elements "
                           "respectively")
    return apply(OPS["dot"], (a, b))


inner = vdot = dot


def mv(input, vec):
    a, v = F.operands(input, vec)
    if a._data.ndim != 2 or v._data.ndim != 1:
        raise RuntimeError(f"vector + matrix @ vector expected, got {v._data.ndim}, "
                           f"{a._data.ndim}, {v._data.ndim}")
    if a._data.shape[1] != v._data.shape[0]:
        r, c = a._data.shape
        raise RuntimeError(f"size mismatch, got input ({r}), mat ({r}x{c}), vec "
                           f"({v._data.shape[0]})")
    _same_dtype(a, v, lambda x, y: f"expected m1 and m2 to have the same dtype, but got: "
                                   f"{_CPP_NAMES[x]} != {_CPP_NAMES[y]}")
    return apply(OPS["mv"], (a, v))


def mm(input, mat2):
    a, b = F.operands(input, mat2)
    if a._data.ndim != 2:
        raise RuntimeError("self must be a matrix")
    if b._data.ndim != 2:
        raise RuntimeError("mat2 must be a matrix")
    if a._data.shape[1] != b._data.shape[0]:
        (r1, c1), (r2, c2) = a._data.shape, b._data.shape
        raise RuntimeError(f"mat1 and mat2 shapes cannot be multiplied ({r1}x{c1} and "
                           f"{r2}x{c2})")
    _same_dtype(a, b, lambda x, y: f"expected m1 and m2 to have the same dtype, but got: "
                                   f"{_CPP_NAMES[x]} != {_CPP_NAMES[y]}")
    return apply(OPS["mm"], (a, b))


def matmul(input, other):
    a, b = F.operands(input, other)
    na, nb = a._data.ndim, b._data.ndim
    if na == 0 or nb == 0:
        raise RuntimeError(f"both arguments to matmul need to be at least 1D, but they are "
                           f"{na}D and {nb}D")
    if na == 1 and nb == 1:
        return dot(a, b)
    if na == 2 and nb == 1:
        return mv(a, b)
    if na == 2 and nb == 2:
        return mm(a, b)
    _same_dtype(a, b, lambda x, y: f"expected m1 and m2 to have the same dtype, but got: "
                                   f"{_CPP_NAMES[x]} != {_CPP_NAMES[y]}")
    k1 = a._data.shape[-1]
    k2 = b._data.shape[-2] if nb > 1 else b._data.shape[0]
    if k1 != k2:
        left = math.prod(a._data.shape[:-1]) if na > 1 else 1
        right = b._data.shape[-1] if nb > 1 else 1
        raise RuntimeError(f"mat1 and mat2 shapes cannot be multiplied ({left}x{k1} and "
                           f"{k2}x{right})")
    name = "vecmat" if na == 1 and nb == 2 else "matmul"
    return apply(OPS[name], (a, b))


def outer(input, vec2):
    a, b = F.operands(input, vec2)
    if a._data.ndim != 1 or b._data.ndim != 1:
        raise RuntimeError(f"outer: Expected 1-D argument self, but got {a._data.ndim}-D")
    a, b, arrays = F.promoted_pair(a, b)  # any two lengths: no broadcasting check
    if arrays is not None:
        return F.apply_cast(OPS["outer"], (a, b), arrays, {})
    return apply(OPS["outer"], (a, b))


ger = outer


def cross(input, other, dim=None):
    """``torch.cross``: with no ``dim``, the first axis of size 3 (PyTorch's old default)."""
    a, b = F.operands(input, other)
    if a._data.ndim != b._data.ndim:
        raise RuntimeError("linalg.cross: inputs must have the same number of dimensions.")
    if dim is None:
        pairs = zip(a._data.shape, b._data.shape, strict=False)
        dims = [i for i, (x, y) in enumerate(pairs) if x == y == 3]
        if not dims:
            raise RuntimeError("no dimension of size 3 in input")
        dim = dims[0]
    return _cross(a, b, dim)


def linalg_cross(input, other, *, dim=-1):
    a, b = F.operands(input, other)
    if a._data.ndim != b._data.ndim:
        raise RuntimeError("linalg.cross: inputs must have the same number of dimensions.")
    return _cross(a, b, dim)


def _cross(a, b, dim):
    d = F.wrap_dim(dim, a._data.ndim)
    if a._data.shape[d] != 3 or b._data.shape[d] != 3:
        raise RuntimeError(f"linalg.cross: inputs dimension {dim} must have length 3. Got "
                           f"{a._data.shape[d]} and {b._data.shape[d]}")
    return F.binary("cross", a, b, {"dim": d})


def det(A):
    a = F.to_tensor(A, caller="linalg_det", arg="A")
    if a._data.ndim < 2:
        raise RuntimeError("linalg.det: The input tensor A must have at least 2 dimensions.")
    r, c = a._data.shape[-2:]
    if r != c:
        raise RuntimeError(f"linalg.det: A must be batches of square matrices, but they are "
                           f"{r} by {c} matrices")
    F.prod_check_float(a, "linalg.det")
    return F.unary("det", a)


def inv(A):
    """``torch.linalg.inv``: the inverse of a square matrix (or of each in a batch)."""
    a = F.to_tensor(A, caller="linalg_inv", arg="A")
    if a._data.ndim < 2:
        raise RuntimeError("linalg.inv: The input tensor A must have at least 2 dimensions.")
    r, c = a._data.shape[-2:]
    if r != c:
        raise RuntimeError(f"linalg.inv: A must be batches of square matrices, but they are "
                           f"{r} by {c} matrices")
    F.prod_check_float(a, "linalg.inv")
    if np.any(np.linalg.matrix_rank(a._data) < r):
        raise RuntimeError("linalg.inv: The diagonal element 1 is zero, the inversion could "
                           "not be completed because the input matrix is singular.")
    return F.unary("inv", a)


# --- einsum ------------------------------------------------------------------------------
_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"  # PyTorch's label order


def einsum(*args):
    """``torch.einsum(equation, *operands)``, or with subscript lists
    (``einsum(A, [0, 1], B, [1, 2], [0, 2])``): checked and worded as PyTorch's, then one
    op-table entry.

    The equation is made explicit first (the implicit output, each ellipsis dimension a
    letter of its own), so the table's rules read letters only. The entry is picked by
    what PyTorch's result shows as its grad_fn, the last step of its own decomposition:
    one operand → ``PermuteBackward0`` or, with letters summed, ``SumBackward1``; several
    → ``ViewBackward0`` (contracted by bmm) or, with nothing contracted, ``MulBackward0``.
    The steps before it are not there: ``next_functions`` leads straight to the operands
    (PyTorch's goes through the permutes and views of its decomposition).
    """
    if len(args) < 2:
        raise ValueError("einsum(): must specify the equation string and at least one "
                         "operand, or at least one operand and its subscripts list")
    equation, operands = args[0], args[1:]
    if not isinstance(equation, str):
        equation, operands = _from_sublists(args)
    if len(operands) == 1 and isinstance(operands[0], (list, tuple)):
        operands = tuple(operands[0])
    tensors = [F.to_tensor(x, caller="einsum", arg="operands") for x in operands]
    labels, output, ellipsis = _einsum_labels(equation, tensors)
    explicit = ",".join(labels) + "->" + output
    _einsum_sizes(labels, tensors, ellipsis)
    if len(tensors) == 1:
        summed = set(labels[0]) - set(output)
        x = tensors[0]
        if summed and x._data.dtype.kind in "biu" and x._data.dtype != np.int64:
            x = F.to_dtype(x, F.from_numpy_dtype(np.dtype(np.int64)))  # sum's int64, as torch
        return apply(OPS["einsum_sum" if summed else "einsum_permute"], (x,),
                     {"equation": explicit})
    first = tensors[0]._data.dtype
    for t in tensors[1:]:
        if t._data.dtype != first:
            raise RuntimeError(f"expected scalar type {tensors[0].dtype.short} but found "
                               f"{t.dtype.short}")
    contracted = set("".join(labels)) - set(output)
    name = "einsum" if contracted else "einsum_mul"
    return apply(OPS[name], tuple(tensors), {"equation": explicit})


def _from_sublists(args) -> tuple[str, tuple]:
    """``(A, [0, 1], B, [1, 2], [0, 2])`` → ``("AB,BC->AC", (A, B))``: 0–25 are A–Z,
    26–51 a–z, ``...`` an ellipsis, as PyTorch spells them."""
    def letters(sublist) -> str:
        out = []
        for n in sublist:
            if n is Ellipsis:
                out.append("...")
            elif not (n >= 0 and n < 52):
                raise ValueError("einsum(): subscript in subscript list is not within the "
                                 "valid range [0, 52)")
            else:
                out.append(_LETTERS[n])
        return "".join(out)
    operands = args[0::2][: len(args) // 2]
    equation = ",".join(letters(sub) for sub in args[1::2][: len(args) // 2])
    if len(args) % 2:
        equation += "->" + letters(args[-1])
    return equation, operands


def _einsum_labels(equation: str, tensors) -> tuple[list[str], str, list[str]]:
    """Each operand's letters and the output's, ellipses spelled out (and the letters that
    spell them); PyTorch's errors."""
    arrow = equation.find("->")
    lhs = equation if arrow < 0 else equation[:arrow]
    ops: list[list] = [[]]
    ellipsis_seen = False
    i = 0
    while i < len(lhs):
        c = lhs[i]
        if c == ".":
            where = len(ops) - 1
            if ellipsis_seen:
                raise RuntimeError(f"einsum(): found '.' for operand {where} for which an "
                                   "ellipsis was already found")
            if not (i + 2 < len(lhs) and lhs[i + 1] == "." and lhs[i + 2] == "."):
                raise RuntimeError(f"einsum(): found '.' for operand {where} that is not "
                                   "part of any ellipsis")
            ops[-1].append(...)
            ellipsis_seen = True
            i += 2
        elif c == ",":
            if len(ops) >= len(tensors):
                raise RuntimeError("einsum(): fewer operands were provided than specified in "
                                   "the equation")
            ops.append([])
            ellipsis_seen = False
        elif c != " ":
            if c not in _LETTERS:
                raise RuntimeError(f"einsum(): invalid subscript given at index {i} in the "
                                   "equation string, subscripts must be in [a-zA-Z]")
            ops[-1].append(c)
        i += 1
    if len(ops) != len(tensors):
        raise RuntimeError("einsum(): more operands were provided than specified in the "
                           "equation")
    counts: dict[str, int] = {}
    ell_dims = 0
    for k, (subs, t) in enumerate(zip(ops, tensors, strict=True)):
        n = sum(1 for s in subs if s is not ...)
        has_ellipsis = n != len(subs)
        ndim = t._data.ndim
        if (n > ndim) if has_ellipsis else (n != ndim):
            raise RuntimeError(f"einsum(): the number of subscripts in the equation ({n}) does "
                               f"not match the number of dimensions ({ndim}) for operand {k}"
                               + ("" if has_ellipsis else " and no ellipsis was given"))
        if has_ellipsis:
            ell_dims = max(ell_dims, ndim - n)
        for s in subs:
            if s is not ...:
                counts[s] = counts.get(s, 0) + 1
    spare = [c for c in _LETTERS if c not in counts][:ell_dims]
    if arrow < 0:
        output = "".join(spare) + "".join(c for c in _LETTERS if counts.get(c) == 1)
    else:
        output = _einsum_output(equation, arrow, counts, spare)
    labels = []
    for subs, t in zip(ops, tensors, strict=True):
        n_ell = t._data.ndim - sum(1 for s in subs if s is not ...)
        mine = spare[len(spare) - n_ell:] if n_ell else []
        labels.append("".join("".join(mine) if s is ... else s for s in subs))
    return labels, output, spare


def _einsum_output(equation: str, arrow: int, counts: dict, spare: list) -> str:
    rhs = equation[arrow + 2:]
    out: list[str] = []
    ellipsis_seen = False
    i = 0
    while i < len(rhs):
        c = rhs[i]
        if c == ".":
            if ellipsis_seen:
                raise RuntimeError("einsum(): found '.' for output but an ellipsis (...) was "
                                   "already found")
            if not (i + 2 < len(rhs) and rhs[i + 1] == "." and rhs[i + 2] == "."):
                raise RuntimeError("einsum(): found '.' for output that is not part of any "
                                   "ellipsis (...)")
            out.extend(spare)
            ellipsis_seen = True
            i += 2
        elif c != " ":
            if c not in _LETTERS:
                raise RuntimeError(f"einsum(): invalid subscript given at index {arrow + 2 + i}"
                                   " in the equation string, subscripts must be in [a-zA-Z]")
            if c in out:
                raise RuntimeError(f"einsum(): output subscript {c} appears more than once in "
                                   "the output")
            if not counts.get(c):
                raise RuntimeError(f"einsum(): output subscript {c} does not appear in the "
                                   "equation for any input operand")
            out.append(c)
        i += 1
    return "".join(out)


def _einsum_sizes(labels: list[str], tensors, ellipsis: list[str]) -> None:
    """PyTorch's size checks: a repeated letter within one operand has one size; across
    operands sizes must be equal or 1 (broadcast), ellipsis dimensions too."""
    seen: dict[str, int] = {}
    for k, (subs, t) in enumerate(zip(labels, tensors, strict=True)):
        mine: dict[str, int] = {}
        for letter, n in zip(subs, t._data.shape, strict=True):
            if letter in mine and mine[letter] != n:
                raise RuntimeError(f"einsum(): subscript {letter} is repeated for operand {k} "
                                   f"but the sizes don't match, {n} != {mine[letter]}")
            mine[letter] = n
        covered = [x for x in subs if x in ellipsis]
        for letter, n in mine.items():
            before = seen.get(letter, 1)
            if n != 1 and before != 1 and n != before:
                if letter in covered:  # (PyTorch's message has no space after the operand)
                    raise RuntimeError(
                        f"einsum(): dimension {covered.index(letter)} covered by ellipsis in "
                        f"operand {k}has size {n} which does not broadcast with previously "
                        f"seen ellipsis with size {before} for the respective dimension")
                raise RuntimeError(f"einsum(): subscript {letter} has size {n} for operand {k}"
                                   f" which does not broadcast with previously seen size "
                                   f"{before}")
            seen[letter] = max(before, n)
