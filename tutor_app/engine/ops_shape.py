"""Shape ops in the op table: views, transposes, indexing, concatenation.

They move numbers without changing them, so every VJP moves the gradient back the
same way and every JVP moves the tangent forward the same way. Ops that save nothing
receive the input *shapes* as ``args``.
"""

from __future__ import annotations

import math

import numpy as np

from .ops_table import Each, passes, register


def _back_to_shape(g, out, a, p):
    return np.reshape(g, a[0])


_V = [(((2, 3),), {"shape": (3, 2)}), (((6,),), {"shape": (2, 3)}), (((),), {"shape": (1,)})]

register("view", "ViewBackward0", "view", "out = reshape(a)",
         lambda a, shape: np.reshape(a, shape), (_back_to_shape,),
         jvps=(lambda t, out, a, p: np.reshape(np.broadcast_to(t, a[0]), p["shape"]),),
         local=("∂out/∂a = I (reshaped)",), samples=_V,
         reads=("",), backward_name="ViewBackward0")
register("unsqueeze", "UnsqueezeBackward0", "unsqueeze", "out = a (new axis)",
         lambda a, dim: np.expand_dims(a, dim), (_back_to_shape,),
         jvps=(lambda t, out, a, p: np.expand_dims(np.broadcast_to(t, a[0]), p["dim"]),),
         local=("∂out/∂a = I",),
         samples=[(((3,),), {"dim": 0}), (((2, 3),), {"dim": 2})],
         reads=("",), backward_name="SqueezeBackward1")
register("squeeze", "SqueezeBackward0", "squeeze", "out = a (size-1 axes dropped)",
         lambda a: np.squeeze(a), (_back_to_shape,),
         jvps=(lambda t, out, a, p: np.squeeze(np.broadcast_to(t, a[0])),),
         local=("∂out/∂a = I",), samples=[(((1, 3, 1),), {})],
         reads=("",), backward_name="UnsqueezeBackward0")
register("squeeze_dim", "SqueezeBackward1", "squeeze", "out = a (axis dropped)",
         lambda a, dim: np.squeeze(a, axis=dim) if a.ndim and a.shape[dim] == 1 else a,
         (_back_to_shape,),
         jvps=(lambda t, out, a, p: np.reshape(np.broadcast_to(t, a[0]), out.shape),),
         local=("∂out/∂a = I",), samples=[(((1, 3),), {"dim": 0})],
         reads=("",), backward_name="UnsqueezeBackward0")
def _expand_size(shapes, p):
    return math.prod(p["shape"]), 0


def _join_size(shapes, p):
    return sum(math.prod(s) for s in shapes), 0


register("expand", "ExpandBackward0", "expand", "out = a (stretched)",
         lambda a, shape: np.broadcast_to(a, shape), (passes,),
         jvps=(lambda t, out, a, p: np.broadcast_to(t, p["shape"]),),
         local=("∂out/∂a = 1 (summed over copies)",),
         samples=[(((1, 3),), {"shape": (2, 3)}), (((3,),), {"shape": (2, 3)})],
         reads=("",), size=_expand_size)


def _permute_vjp(g, out, a, p):
    return np.transpose(g, np.argsort(p["dims"]))


def _permute_jvp(t, out, a, p):
    return np.transpose(np.broadcast_to(t, a[0]), p["dims"])


for _name, _fn in (("permute", "PermuteBackward0"), ("t", "TBackward0"),
                   ("transpose", "TransposeBackward0")):
    register(_name, _fn, "ᵀ" if _name != "permute" else "permute", "out = aᵀ",
             lambda a, dims: np.transpose(a, dims), (_permute_vjp,), jvps=(_permute_jvp,),
             local=("∂out/∂a = I (transposed)",), reads=("",), backward_name=_fn,
             samples=[(((2, 3),), {"dims": (1, 0)}), (((2, 3, 4),), {"dims": (2, 0, 1)})])


def _index_vjp(g, out, a, p):
    res = np.zeros(a[0], dtype=g.dtype)
    if p.get("advanced"):
        np.add.at(res, p["key"], g)  # repeated indices accumulate
    else:
        res[p["key"]] = g
    return res


def _index_jvp(t, out, a, p):
    return np.broadcast_to(t, a[0])[p["key"]]


for _name, _fn, _samples in (
        ("select", "SelectBackward0", [(((4,),), {"key": 1}), (((2, 3),), {"key": (1, 2)})]),
        ("slice", "SliceBackward0", [(((4,),), {"key": slice(1, 3)}),
                                     (((2, 3),), {"key": (slice(None), slice(None, None, 2))})]),
        ("index", "IndexBackward0",
         [(((4,),), {"key": np.array([0, 2, 2]), "advanced": True}),
          (((2, 3),), {"key": np.array([[True, False, True], [False, True, False]]),
                       "advanced": True})])):
    register(_name, _fn, "[·]", "out = a[key]", lambda a, key, advanced=False: a[key],
             (_index_vjp,), jvps=(_index_jvp,), local=("∂out/∂a = 1 at the picked entries",),
             reads=("",), samples=_samples,
             backward_name="IndexPutImplBackward0" if _name == "index" else None)


def _put(a, v, key):
    res = a.copy()
    res[key] = v
    return res


def _put_vjp_a(g, out, a, p):
    res = np.array(g, copy=True)
    res[p["key"]] = 0
    return res


register("index_put", "CopySlices", "[·]=", "out = a with out[key] = v", _put,
         (_put_vjp_a, lambda g, out, a, p: g[p["key"]]),
         jvps=(lambda t, out, a, p: _put(np.broadcast_to(t, a[0]), 0, p["key"]),
               lambda t, out, a, p: _put(np.zeros(out.shape, t.dtype), t, p["key"])),
         local=("∂out/∂a = 1 outside key", "∂out/∂v = 1 at key"),
         samples=[(((4,), ()), {"key": slice(1, 3)}), (((2, 3), (3,)), {"key": 0})],
         reads=("", ""))


def _cat_vjp(g, out, shapes, p, i):
    dim = p["dim"]
    start = sum(s[dim] for s in shapes[:i])
    index = [slice(None)] * g.ndim
    index[dim] = slice(start, start + shapes[i][dim])
    return g[tuple(index)]


def _cat_jvp(tangents, out, shapes, p):
    parts = [np.zeros(s, out.dtype) if t is None else np.broadcast_to(t, s)
             for t, s in zip(tangents, shapes, strict=False)]
    return np.concatenate(parts, axis=p["dim"])


def _stack_jvp(tangents, out, shapes, p):
    parts = [np.zeros(s, out.dtype) if t is None else np.broadcast_to(t, s)
             for t, s in zip(tangents, shapes, strict=False)]
    return np.stack(parts, axis=p["dim"])


register("cat", "CatBackward0", "cat", "out = [a₁; a₂; …]",
         lambda *a, dim: np.concatenate(a, axis=dim), Each(_cat_vjp), jvp=_cat_jvp,
         local=("∂out/∂aᵢ = I on aᵢ's block",), variadic=True,
         samples=[(((2,), (3,)), {"dim": 0}), (((2, 3), (2, 1), (2, 2)), {"dim": 1})],
         reads=("",), size=_join_size)
register("stack", "StackBackward0", "stack", "out = [a₁, a₂, …] (new axis)",
         lambda *a, dim: np.stack(a, axis=dim),
         Each(lambda g, out, shapes, p, i: np.take(g, i, axis=p["dim"])), jvp=_stack_jvp,
         local=("∂out/∂aᵢ = I on slice i",), variadic=True,
         samples=[(((3,), (3,)), {"dim": 0}), (((2, 3), (2, 3)), {"dim": 1})],
         reads=("",), size=_join_size)


def _repeat_size(shapes, p):
    """``repeat``: each axis (padded on the left) times its count."""
    reps = p["repeats"]
    padded = (1,) * (len(reps) - len(shapes[0])) + tuple(shapes[0])
    return math.prod(r * s for r, s in zip(reps, padded, strict=False)), 0


def _repeat_vjp(g, out, a, p):
    """Each copy's gradient adds up: split every axis into (copies, size) and sum the copies."""
    shape, reps = a[0], p["repeats"]
    padded = (1,) * (len(reps) - len(shape)) + tuple(shape)
    split = tuple(x for r, s in zip(reps, padded, strict=True) for x in (r, s))
    summed = np.sum(np.reshape(g, split), axis=tuple(range(0, 2 * len(reps), 2)))
    return np.reshape(summed, shape)


register("repeat", "RepeatBackward0", "repeat", "out = a tiled",
         lambda a, repeats: np.tile(a, repeats), (_repeat_vjp,),
         jvps=(lambda t, out, a, p: np.tile(np.broadcast_to(t, a[0]), p["repeats"]),),
         local=("∂out/∂a = 1 (summed over copies)",),
         samples=[(((3,),), {"repeats": (2,)}), (((2, 3),), {"repeats": (2, 1)}),
                  (((3,),), {"repeats": (2, 2)})],
         reads=("",), size=_repeat_size)


# --- reversal and triangles (torch.flip, torch.triu, torch.tril): linear, nothing saved ---
register("flip", "FlipBackward0", "flip", "out = a reversed along dims",
         lambda a, dims: np.flip(a, dims).copy(),  # a copy: PyTorch's flip never aliases
         (lambda g, out, a, p: np.flip(g, p["dims"]),),
         local=("∂out/∂a = the same reversal",),
         samples=[(((2, 3),), {"dims": (0,)}), (((2, 3),), {"dims": (0, 1)})], reads=("",))
register("triu", "TriuBackward0", "triu", "out = a above diagonal k (the rest 0)",
         lambda a, diagonal: np.triu(a, diagonal),
         (lambda g, out, a, p: np.triu(g, p["diagonal"]),),
         local=("∂out/∂a = 1 on the kept triangle, 0 elsewhere",),
         samples=[(((3, 3),), {"diagonal": 0}), (((2, 4),), {"diagonal": 1})], reads=("",))
register("tril", "TrilBackward0", "tril", "out = a below diagonal k (the rest 0)",
         lambda a, diagonal: np.tril(a, diagonal),
         (lambda g, out, a, p: np.tril(g, p["diagonal"]),),
         local=("∂out/∂a = 1 on the kept triangle, 0 elsewhere",),
         samples=[(((3, 3),), {"diagonal": 0}), (((4, 2),), {"diagonal": -1})], reads=("",))
