"""The speed-minded parts of the engine compute exactly what their plain forms did.

ReLU's gradient multiplies the upstream gradient's bits by the 0/1 mask instead of calling
``np.where``; a node keeps its per-node fields in one list (``Node.state``) that the
properties read. These tests pin both to the plain behaviour.
"""

from __future__ import annotations

import numpy as np
import pytest

import tutor_app.engine as torch
from tutor_app.engine.ops import OPS, _where_positive

RNG = np.random.default_rng(12)


@pytest.mark.parametrize("dtype", [np.float16, np.float32, np.float64])
@pytest.mark.parametrize("shape", [(), (5,), (64, 256), (3, 1, 4)])
def test_relu_gradient_is_np_where_bit_for_bit(dtype, shape):
    g = RNG.normal(size=shape).astype(dtype)
    out = np.maximum(RNG.normal(size=shape), 0).astype(dtype)
    if g.ndim:  # what np.where drops and a plain multiply would not: inf, NaN, −g
        g.flat[0], g.flat[-1] = np.inf, np.nan
        out.flat[0], out.flat[-1] = 0, 0
    want = np.where(out > 0, g, 0)
    got = _where_positive(g, out)
    assert got.dtype == want.dtype and got.shape == want.shape
    assert np.array_equal(got, want, equal_nan=True)
    assert np.array_equal(np.signbit(got), np.signbit(want))


def test_relu_gradient_of_a_broadcast_upstream():
    g = np.broadcast_to(np.float32(-2.0), (4, 3))  # what sum's VJP hands on
    out = np.maximum(RNG.normal(size=(4, 3)), 0).astype(np.float32)
    got = _where_positive(g, out)
    assert np.array_equal(got, np.where(out > 0, g, 0))
    assert not np.signbit(got[out <= 0]).any()


def test_relu_backward_gives_plus_zero_where_the_input_was_not_positive():
    x = torch.tensor([-1.0, 2.0, 0.0, 3.0], requires_grad=True)
    torch.relu(x).backward(torch.tensor([-5.0, -2.0, float("inf"), float("nan")]))
    grad = x.grad.numpy()
    assert grad[0] == 0 and not np.signbit(grad[0])  # −5 · 0 would print −0.
    assert grad[1] == -2.0
    assert grad[2] == 0 and not np.isnan(grad[2])     # inf · 0 would be nan
    assert np.isnan(grad[3])
    assert repr(x.grad) == "tensor([ 0., -2.,  0., nan])"  # no "-0." in the print


def test_node_fields_read_and_write_its_state_list():
    a = torch.tensor([1.0, 2.0], requires_grad=True)
    b = torch.tensor([3.0, 4.0], requires_grad=True)
    y = a * b
    node = y.grad_fn
    assert type(node).__name__ == "MulBackward0" and node.op is OPS["mul"]
    assert node.next == (a, b) and node.next is node.state[2]
    assert node.args[0] is a._data and node.args[1] is b._data
    assert node.out is y._data and node.shapes is None and node.params == {}
    assert node.vjps is OPS["mul"].vjps and node.special is False
    assert node.seq == y.uid
    node.special = True  # the setters write the list too
    assert node.state[7] is True
    node.special = False


def test_backward_frees_saved_values_unless_retained():
    a = torch.tensor([1.0, 2.0], requires_grad=True)
    y = torch.sin(a)
    y.sum().backward(retain_graph=True)
    assert y.grad_fn.args is not None and y.grad_fn.out is y._data
    y.sum().backward()
    assert y.grad_fn.args is None and y.grad_fn.out is None
    assert np.allclose(a.grad.numpy(), 2 * np.cos([1.0, 2.0]))
    with pytest.raises(RuntimeError, match="backward through the graph a second time"):
        y.sum().backward()
