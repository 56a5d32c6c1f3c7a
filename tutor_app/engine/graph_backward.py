"""``create_graph=True``: the backward pass built from engine ops, so it can be differentiated.

Two kinds of table entry, two ways:

- An op whose VJPs read saved values (``mul``, ``sin``, ``mm`` …) runs its VJP rule on
  Tensors: the saved inputs come back as Tensors joined to the graph (the output with this
  node as its grad_fn), and the rule's NumPy calls become engine ops (interop.py).
- An op whose VJPs read nothing but shapes (``sum``, ``view``, ``cat``, ``expand`` …) is
  linear, and so is its VJP: ``g ↦ Jᵀg``. Its VJP becomes one recorded op of its own whose
  derivative is the op's JVP (``t ↦ Jt``), already in the table; the JVP of that op is the
  VJP again. Derivatives of any order follow without new rules.

``unbroadcast`` and accumulation are engine ops too (``sum``, ``view``, ``add``).
"""

from __future__ import annotations

import numpy as np

from . import core, interop
from . import functional as F
from .broadcast import reduction_axes
from .ops import OPS, Op, negates, passes

_TRANSPOSED: dict[int, Op] = {}


def _fake_out(shape, dtype):
    """Stands for ``out`` in JVP rules of linear ops, which read only its shape and dtype."""
    return np.broadcast_to(np.zeros((), dtype), shape)


def _rule_forward(op):
    def forward(g, *, index, shapes, params, out_shape):
        return np.asarray(op.vjps[index](g, _fake_out(out_shape, g.dtype), shapes, params))
    return forward


def _rule_transposed(op):
    """``gg ↦ J gg`` for input ``index`` of ``op``: the op's JVP with the other tangents 0."""
    def vjp(gg, out, args, p):
        fake = _fake_out(p["out_shape"], gg.dtype)
        if op.jvp is not None:  # one rule for all inputs (cat, stack)
            tangents = [None] * len(p["shapes"])
            tangents[p["index"]] = gg
            result = op.jvp(tangents, fake, p["shapes"], p["params"])
        else:
            result = op.jvps[p["index"]](gg, fake, p["shapes"], p["params"])
        result = np.asarray(result, dtype=gg.dtype)
        if result.shape != p["out_shape"]:
            result = np.array(np.broadcast_to(result, p["out_shape"]))
        return result
    return vjp


def transposed(op: Op) -> Op:
    """The op "apply the VJP of input ``index`` of ``op``", for ops that save no values."""
    found = _TRANSPOSED.get(id(op))
    if found is not None:
        return found
    forward, backward = _rule_forward(op), _rule_transposed(op)
    entry = Op(f"{op.name}_backward", op.backward_name, f"∂{op.label}",
               f"g ↦ Jᵀg of {op.formula}", forward, (backward,),
               (lambda t, out, a, p: forward(t, **p),), None, (f"Jᵀ of {op.name}",),
               ((False, frozenset()),), op.float_result, True, False, (), "real", False)
    entry.node_cls = core.node_class(entry)
    # its own transpose: forward = J, VJP = Jᵀ (both linear, so orders ≥ 3 work alike)
    _TRANSPOSED[id(op)] = entry
    return entry


def _saved_input(node, j, like):
    """Saved input ``j`` of ``node`` as a Tensor joined to the graph that produced it."""
    arr, edge = node.args[j], node.next[j]
    if edge is None:
        return core.new_like(like, arr)
    if isinstance(edge, core.TensorBase):  # a leaf
        if edge._data.dtype != arr.dtype:  # the op computed on a promoted copy
            return F.to_dtype(edge, F.from_numpy_dtype(arr.dtype))
        return edge
    t = core.new_like(like, arr, True)
    t.grad_fn = edge
    return t


def vjp(node, i: int, g):
    """Input ``i``'s share of the gradient ``g`` (a Tensor) of ``node``, as recorded ops."""
    op = node.op
    if not op.twice:
        raise RuntimeError(f"{op.grad_fn}: its backward cannot be recorded (create_graph=True), "
                           "so derivatives of order 2 and higher through it are not available "
                           "in this engine")
    rule = op.vjps[i]
    if rule is passes:  # PyTorch records no node for these either
        return g
    if rule is negates:
        return F.neg(g)
    if not op.saves:
        shapes = node.args or node.shapes or tuple(g._data.shape for _ in node.next)
        params = {"index": i, "shapes": shapes, "params": node.params,
                  "out_shape": tuple(g._data.shape)}
        return core.apply(transposed(op), (g,), params)
    if op.recorded_vjp is not None:  # one recorded node, named as PyTorch names it
        out = core.new_like(g, node.out, True)
        out.grad_fn = node
        fused = OPS[op.recorded_vjp]
        return core.apply(fused, (g, out.to(g.dtype) if g.dtype is not out.dtype else out),
                          node.params)
    inputs = () if op.out_only else tuple(_saved_input(node, j, g)
                                           for j in range(len(node.args)))
    out = core.new_like(g, node.out, True)
    out.grad_fn = node
    with interop.recording():  # NumPy constants in the rule meet Tensors as engine ops
        gi = op.vjps[i](g, out, inputs, node.params)
    return gi if isinstance(gi, core.TensorBase) else core.new_like(g, np.asarray(gi))


def unbroadcast(g, shape: tuple):
    """``broadcast.unbroadcast`` with engine ops: sum the stretched axes, then reshape."""
    if g._data.shape == shape:
        return g
    axes = reduction_axes(g._data.shape, shape)
    if axes:
        g = F.sum(g, axes, True)
    if g._data.shape != shape:
        g = g.reshape(shape)
    return g
