"""The API added for issue 12, pinned where PyTorch is not installed (the oracle corpus
checks the same against torch itself): einsum, NumPy data and operands, new functions."""

from __future__ import annotations

import numpy as np
import pytest

import tutor_app.engine as torch


@pytest.mark.parametrize(("equation", "shapes"), [
    ("ij,jk->ik", [(2, 3), (3, 4)]), ("ii->i", [(3, 3)]), ("ii", [(3, 3)]),
    ("i,i->", [(3,), (3,)]), ("i,j->ij", [(3,), (2,)]), ("bij,bjk->bik", [(2, 2, 3), (2, 3, 4)]),
    ("...ij->...ji", [(2, 3, 4)]), ("ij,jk", [(2, 3), (3, 4)]), ("ij,jk,kl->il",
                                                                [(2, 3), (3, 4), (4, 2)])])
def test_einsum_values_and_gradients_are_numpys(equation, shapes):
    rng = np.random.default_rng(0)
    arrays = [rng.normal(size=s) for s in shapes]
    xs = [torch.tensor(a, requires_grad=True) for a in arrays]
    out = torch.einsum(equation, *xs)
    np.testing.assert_allclose(out.detach().numpy(), np.einsum(equation, *arrays))
    out.sum().backward()
    for a, x in zip(arrays, xs, strict=True):
        assert x.grad.shape == a.shape


def test_einsum_grad_fn_follows_pytorchs_last_step():
    a = torch.ones(2, 3, requires_grad=True)
    assert torch.einsum("ij,jk->ik", a, torch.ones(3, 2)).grad_fn.name() == "ViewBackward0"
    assert torch.einsum("ij,ij->ij", a, a).grad_fn.name() == "MulBackward0"
    assert torch.einsum("ij->j", a).grad_fn.name() == "SumBackward1"
    assert torch.einsum("ij->ji", a).grad_fn.name() == "PermuteBackward0"


def test_einsum_errors_are_pytorchs():
    with pytest.raises(RuntimeError, match=r"subscript j has size 2 for operand 1"):
        torch.einsum("ij,jk->ik", torch.ones(2, 3), torch.ones(2, 3))
    with pytest.raises(RuntimeError, match="output subscript k does not appear"):
        torch.einsum("ij->k", torch.ones(2, 3))
    with pytest.raises(ValueError, match="must specify the equation string"):
        torch.einsum("ij")


def test_numpy_scalars_and_arrays_in_a_list_bring_their_dtype():
    assert torch.tensor([np.float64(1.)]).dtype == torch.float64
    assert torch.tensor([1., np.float32(2.)]).dtype == torch.float32
    assert torch.tensor([np.int64(2), 1.5]).dtype == torch.float32
    assert torch.tensor([np.uint8(1), np.int8(1)]).dtype == torch.int16
    assert torch.tensor(np.int32(1)).dtype == torch.int32
    assert torch.tensor([1., 2.]).dtype == torch.float32


def test_numpy_arrays_meet_tensors_as_in_pytorch():
    t, a = torch.tensor([1., 2.]), np.array([1., 3.])
    assert (t + a).dtype == torch.float64 and isinstance(t + a, torch.Tensor)
    assert (torch.tensor([True]) + np.array([True])).dtype == torch.uint8
    with pytest.raises(TypeError, match="Concatenation operation"):
        a + t  # noqa: B018
    with pytest.raises(TypeError, match=r"unsupported operand type\(s\) for \*"):
        a * t  # noqa: B018
    with pytest.raises(TypeError, match="'<' not supported between instances of 'Tensor'"):
        t < a  # noqa: B015
    assert (a / t).tolist() == [1.0, 1.5]
    assert (t == a).tolist() == [True, False]
    with pytest.raises(RuntimeError, match="Can't call numpy"):
        torch.tensor([1.], requires_grad=True) + np.array([1.])  # noqa: B018
    with pytest.raises(TypeError, match="'Tensor' and 'list'"):
        t + [1., 2.]  # noqa: B018
    assert np.exp(torch.tensor([1, 2])).dtype == torch.float64  # NumPy's dtype rules
    assert np.isnan(t).dtype == torch.uint8  # a bool result wrapped as PyTorch wraps it
    with pytest.raises(RuntimeError, match="Can't call numpy"):
        np.exp(torch.tensor([1.], requires_grad=True))
    assert (np.float64(2.) * t).dtype == torch.float32  # the Tensor's own operator


def test_matrix_norm_refuses_ord_none_as_pytorch():
    with pytest.raises(TypeError, match=r"got \(Tensor, ord=NoneType\)"):
        torch.linalg.matrix_norm(torch.ones(2, 2), ord=None)
    with pytest.raises(TypeError, match=r"'ord' \(position 2\) must be Number, not str"):
        torch.linalg.vector_norm(torch.ones(2), "fro")


def test_new_functions():
    x = torch.arange(6.).reshape(2, 3)
    assert torch.flip(x, [0]).tolist() == [[3., 4., 5.], [0., 1., 2.]]
    assert torch.triu(x, 1).tolist() == [[0., 1., 2.], [0., 0., 5.]]
    assert torch.all(x >= 0).item() and not torch.any(torch.isnan(x)).item()
    assert torch.unique(torch.tensor([3, 1, 3])).tolist() == [1, 3]
    assert torch.hstack([torch.ones(2), torch.zeros(1)]).tolist() == [1., 1., 0.]
    assert torch.movedim(torch.ones(2, 3, 4), 0, -1).shape == (3, 4, 2)
    assert repr(type(x.dtype)) == "<class 'torch.dtype'>"
    assert repr(torch.distributions.Multinomial) == \
        "<class 'torch.distributions.multinomial.Multinomial'>"
