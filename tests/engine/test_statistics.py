"""var, std, prod, trace, diag, repeat, tan, exp2, rad2deg: PyTorch's values, printed forms,
gradients and errors (recorded from PyTorch 2.13; the oracle corpus re-checks them against
torch where it is installed). Gradients of every entry are also checked numerically by the
op-table tests."""

from __future__ import annotations

import pytest

import tutor_app.engine as torch


def test_spread_as_pytorch_prints_it():
    x = torch.arange(6.).reshape(2, 3)
    assert str(x.var()) == "tensor(3.5000)"
    assert str(x.std(1)) == "tensor([1., 1.])"
    assert str(x.var(1, unbiased=False)) == "tensor([0.6667, 0.6667])"
    assert str(x.std(0, correction=0, keepdim=True)) == "tensor([[1.5000, 1.5000, 1.5000]])"
    assert str(x.var(axis=0)) == "tensor([4.5000, 4.5000, 4.5000])"
    with pytest.raises(RuntimeError, match="only support floating point"):
        torch.var(torch.arange(3))


def test_spread_gradient_and_grad_fn():
    x = torch.tensor([1., 2.], requires_grad=True)
    y = x.std()
    assert repr(y) == "tensor(0.7071, grad_fn=<StdBackward0>)"
    y.backward()
    assert str(x.grad) == "tensor([-0.7071,  0.7071])"


def test_prod_with_zeros_has_the_right_gradient():
    x = torch.tensor([0., 2., 3.], requires_grad=True)
    y = x.prod()
    y.backward()
    assert repr(y) == "tensor(0., grad_fn=<ProdBackward0>)"
    assert str(x.grad) == "tensor([6., 0., 0.])"
    assert str(torch.prod(torch.arange(1, 5))) == "tensor(24)"
    with pytest.raises(TypeError, match="invalid combination of arguments"):
        torch.prod(x, dim=(0,))


def test_trace_diag_repeat():
    a = torch.tensor([[1., 2.], [3., 4.]], requires_grad=True)
    a.trace().backward()
    assert str(a.grad) == "tensor([[1., 0.],\n        [0., 1.]])"
    v = torch.tensor([1., 2.], requires_grad=True)
    assert repr(torch.diag(v)) == ("tensor([[1., 0.],\n        [0., 2.]], "
                                   "grad_fn=<DiagEmbedBackward0>)")
    r = v.repeat(2, 2)
    (r * torch.arange(8.).reshape(2, 4)).sum().backward()
    assert str(v.grad) == "tensor([12., 16.])"
    with pytest.raises(RuntimeError, match="trace: expected a matrix, but got tensor with dim 1"):
        torch.trace(torch.ones(3))
    with pytest.raises(RuntimeError, match="Supports 1D or 2D tensors. Got 3D"):
        torch.diag(torch.ones(2, 2, 2))
    with pytest.raises(RuntimeError, match="can not be smaller than number of dimensions"):
        torch.ones(2, 3).repeat(2)


def test_tan_exp2_angles():
    assert str(torch.tan(torch.tensor([1, 2]))) == "tensor([ 1.5574, -2.1850])"
    assert str(torch.exp2(torch.tensor([1, 2]))) == "tensor([2., 4.])"
    assert str(torch.rad2deg(torch.tensor([1., 3.1416]))) == "tensor([ 57.2958, 180.0004])"
    x = torch.tensor(0.4, requires_grad=True)
    d1, = torch.autograd.grad(torch.tan(x), x, create_graph=True)
    d2, = torch.autograd.grad(d1, x)
    assert f"{d1.item():.4f} {d2.item():.4f}" == "1.1788 0.9967"
