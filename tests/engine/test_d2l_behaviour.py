"""Behaviours of D2L §2.1, §2.3, §2.5 and the learner's notes, with values PyTorch gives."""

from __future__ import annotations

import numpy as np
import pytest

import tutor_app.engine as torch


def test_notes_autograd_example():
    x = torch.arange(4.0)
    x.requires_grad_(True)
    assert repr(x) == "tensor([0., 1., 2., 3.], requires_grad=True)"
    assert x.grad is None
    y = 2 * torch.dot(x, x)
    assert repr(y) == "tensor(28., grad_fn=<MulBackward0>)"
    y.backward()
    assert repr(x.grad) == "tensor([ 0.,  4.,  8., 12.])"
    assert bool((x.grad == 4 * x).all())


def test_gradients_accumulate_until_zeroed():
    x = torch.arange(4.0, requires_grad=True)
    (2 * torch.dot(x, x)).backward()
    (2 * torch.dot(x, x)).backward()
    assert x.grad.tolist() == [0.0, 8.0, 16.0, 24.0]
    x.grad.zero_()
    x.sum().backward()
    assert repr(x.grad) == "tensor([1., 1., 1., 1.])"


def test_second_backward_needs_retain_graph():
    x = torch.arange(4.0, requires_grad=True)
    y = 2 * torch.dot(x, x)
    y.backward(retain_graph=True)
    y.backward()
    assert x.grad.tolist() == [0.0, 8.0, 16.0, 24.0]
    with pytest.raises(RuntimeError, match="^Trying to backward through the graph a second"):
        y.backward()


def test_sum_then_add_twice_is_allowed_like_pytorch():
    x = torch.ones(3, requires_grad=True)
    y = (x + x).sum()
    y.backward()
    y.backward()  # AddBackward0 and SumBackward0 save nothing, so PyTorch allows it
    assert x.grad.tolist() == [4.0, 4.0, 4.0]


def test_non_scalar_backward_and_detach():
    x = torch.arange(4.0, requires_grad=True)
    y = x * x
    with pytest.raises(RuntimeError, match="^grad can be implicitly created only for scalar"):
        y.backward()
    y.sum().backward()
    assert x.grad.tolist() == [0.0, 2.0, 4.0, 6.0]
    x.grad.zero_()
    u = y.detach()
    (u * x).sum().backward()
    assert x.grad.tolist() == u.tolist()
    assert u.grad_fn is None and not u.requires_grad


def test_control_flow_gradient():
    def f(a):
        b = a * 2
        while b.norm() < 1000:
            b = b * 2
        return b if b.sum() > 0 else 100 * b

    a = torch.tensor(0.7, requires_grad=True)
    d = f(a)
    d.backward()
    assert bool(a.grad == d / a)
    assert repr(d) == "tensor(1433.6000, grad_fn=<MulBackward0>)"


def test_no_grad_context_and_decorator():
    x = torch.ones(2, requires_grad=True)
    with torch.no_grad():
        y = x * 2
    assert not y.requires_grad and y.grad_fn is None
    assert torch.is_grad_enabled()

    @torch.no_grad()
    def double(t):
        return t * 2

    assert double(x).grad_fn is None
    assert (x * 2).grad_fn.name() == "MulBackward0"


def test_leaves_and_retain_grad():
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    y = x * 3
    assert x.is_leaf and not y.is_leaf
    y.retain_grad()
    y.sum().backward()
    assert repr(y.grad) == "tensor([1., 1.])"
    assert repr(x.grad) == "tensor([3., 3.])"
    z = x * 3
    z.sum().backward()
    with pytest.warns(UserWarning):
        assert z.grad is None


def test_broadcast_gradient_is_summed():
    a = torch.ones(2, 3, requires_grad=True)
    b = torch.ones(3, requires_grad=True)
    (a * b + b).sum().backward()
    assert b.grad.tolist() == [4.0, 4.0, 4.0]
    assert a.grad.shape == torch.Size([2, 3])


def test_exercise_6_error_and_keepdims_fix():
    a = torch.arange(20, dtype=torch.float32).reshape(5, 4)
    with pytest.raises(RuntimeError) as err:
        a / a.sum(axis=1)
    assert str(err.value) == ("The size of tensor a (4) must match the size of tensor b (5) "
                              "at non-singleton dimension 1")
    assert (a / a.sum(axis=1, keepdims=True)).shape == torch.Size([5, 4])


def test_exercise_7_axis_sums():
    d = torch.arange(24, dtype=torch.float32).reshape(2, 3, 4)
    shapes = [tuple(d.sum(axis=k).shape) for k in range(3)]
    assert shapes == [(3, 4), (2, 4), (2, 3)]
    assert repr(d.sum(axis=2)) == "tensor([[ 6., 22., 38.],\n        [54., 70., 86.]])"


def test_exercises_1_to_5():
    a = torch.arange(20).reshape(5, 4)
    assert bool((a == a.T.T).all())
    assert str(a == a.T.T).startswith("tensor([[True, True, True, True],")
    x = torch.arange(24).reshape(2, 3, 4)
    assert len(x) == 2
    assert repr(torch.linalg.norm(torch.ones(2, 3, 4, 5))) == "tensor(10.9545)"


def test_dtypes_and_promotion():
    assert torch.arange(4).dtype is torch.int64
    assert torch.arange(4.0).dtype is torch.float32
    assert (torch.arange(4) / 2).dtype is torch.float32
    assert (torch.arange(3) * 1.5).dtype is torch.float32
    assert (torch.ones(2, dtype=torch.float64) + torch.ones(2)).dtype is torch.float64
    assert (torch.arange(3) > 1).dtype is torch.bool
    assert repr(torch.float32) == "torch.float32"


def test_in_place_keeps_identity_and_numpy_shares_memory():
    x = torch.zeros(3)
    before = id(x)
    x += 1
    x[:] = x * 2
    assert id(x) == before and x.tolist() == [2.0, 2.0, 2.0]
    a = x.numpy()
    x += 1
    assert a.tolist() == [3.0, 3.0, 3.0]
    b = torch.from_numpy(np.zeros(2))
    assert b.dtype is torch.float64


def test_leaf_in_place_error_and_no_grad_update():
    w = torch.ones(2, requires_grad=True)
    with pytest.raises(RuntimeError, match="a leaf Variable that requires grad is being used"):
        w += 1
    (w * w).sum().backward()
    with torch.no_grad():
        w -= 0.1 * w.grad
    assert w.tolist() == pytest.approx([0.8, 0.8])
    assert w.requires_grad and w.is_leaf


def test_printing_shapes_and_suffixes():
    assert repr(torch.ones(2, 3).shape) == "torch.Size([2, 3])"
    assert repr(torch.tensor([0.0, 1.0, 2.0])) == "tensor([0., 1., 2.])"
    assert repr(torch.tensor([1.5, 2.25])) == "tensor([1.5000, 2.2500])"
    assert repr(torch.ones(2, dtype=torch.float64)) == "tensor([1., 1.], dtype=torch.float64)"
    assert repr(torch.tensor([1e-5, 1.0])) == "tensor([1.0000e-05, 1.0000e+00])"
    assert repr(torch.tensor([])) == "tensor([])"
    assert repr(torch.zeros(0, 3)) == "tensor([], size=(0, 3))"
    assert repr(torch.tensor([True, False])) == "tensor([ True, False])"


def test_uid_is_unique_and_stable():
    x = torch.ones(2)
    y = x + 1
    assert isinstance(x.uid, int) and x.uid != y.uid
    assert x.uid == x.uid


def test_non_leaf_grad_warns_like_pytorch():
    x = torch.ones(2, requires_grad=True)
    y = x * 2
    y.sum().backward()
    with pytest.warns(UserWarning, match="is not a leaf Tensor is being accessed"):
        assert y.grad is None
    with pytest.raises(TypeError, match="assigned grad expected to be a Tensor or None"):
        x.grad = 3


def test_python_float_with_float64_dtype_keeps_double_precision():
    import tutor_app.engine as torch

    assert torch.tensor(0.3, dtype=torch.float64).item() == 0.3
    assert torch.tensor([0.1, 0.2], dtype=torch.float64).tolist() == [0.1, 0.2]
    assert torch.tensor(0.3).dtype == torch.float32


def test_a_scalar_leaf_can_be_zeroed_after_gradients_accumulated():
    import tutor_app.engine as torch

    w = torch.tensor(1.0, requires_grad=True)
    for _ in range(3):
        ((w * 3) ** 2).backward()
        assert float(w.grad) == 18.0
        w.grad.zero_()  # numpy's 0-d sum is a scalar: the grad must stay an array
    ((w * 3) ** 2).backward()
    ((w * 3) ** 2).backward()
    assert float(w.grad) == 36.0


def test_torch_constants():
    import math

    import tutor_app.engine as torch

    assert (torch.pi, torch.e, torch.inf) == (math.pi, math.e, math.inf)
    assert math.isnan(torch.nan)
