"""The API a chapter-2 learner reaches for: comparisons, closeness, every norm, float32 digits.

Values are checked against NumPy (an independent reference), gradients of the composite
matrix norms against central differences through the public API, and errors against
PyTorch's wording. ``test_oracle`` compares the same programs with PyTorch itself.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

import tutor_app.engine as torch

X = np.array([[1.0, -2.0, 3.0], [4.0, 5.0, -6.0]])
ORDS = [None, 1, -1, 2, -2, math.inf, -math.inf, "fro", "nuc"]


@pytest.mark.parametrize("name", ["lt", "le", "gt", "ge", "eq", "ne", "less", "less_equal",
                                  "greater", "greater_equal", "not_equal"])
def test_comparisons_as_functions_and_methods(name):
    ufunc = {"lt": np.less, "le": np.less_equal, "gt": np.greater, "ge": np.greater_equal,
             "eq": np.equal, "ne": np.not_equal, "less": np.less, "less_equal": np.less_equal,
             "greater": np.greater, "greater_equal": np.greater_equal,
             "not_equal": np.not_equal}[name]
    t, row = torch.tensor(X), torch.tensor([1.0, 5.0, 0.0])
    by_function = getattr(torch, name)(t, 2)
    by_method = getattr(t, name)(row)
    assert by_function.dtype == torch.bool and by_function.requires_grad is False
    np.testing.assert_array_equal(by_function.numpy(), ufunc(X, 2))
    np.testing.assert_array_equal(by_method.numpy(), ufunc(X, [1.0, 5.0, 0.0]))


def test_isclose_allclose_equal():
    a = torch.tensor([1.0, 2.0, float("nan")])
    b = torch.tensor([1.0 + 1e-7, 2.1, float("nan")])
    assert torch.isclose(a, b).tolist() == [True, False, False]
    assert a.isclose(b, equal_nan=True).tolist() == [True, False, True]
    assert torch.allclose(a[:1], b[:1]) is True and a.allclose(b) is False
    assert torch.equal(torch.ones(2), torch.ones(2).double()) is True
    assert torch.ones(2).equal(torch.ones(3)) is False
    with pytest.raises(RuntimeError, match="^Float did not match Double$"):
        torch.isclose(torch.ones(2), torch.ones(2).double())
    with pytest.raises(TypeError, match=r"allclose\(\): argument 'other' \(position 2\) must "
                                        "be Tensor, not float"):
        torch.allclose(torch.ones(2), 1.0)


def test_keepdim_without_dim_is_pytorchs_type_error():
    X2 = torch.arange(6.0).reshape(2, 3)
    with pytest.raises(TypeError) as method:
        X2.sum(keepdims=True)
    assert str(method.value).startswith(
        "sum() received an invalid combination of arguments - got (keepdims=bool, ), but "
        "expected one of:\n * (*, torch.dtype dtype = None)\n")
    with pytest.raises(TypeError, match=r"got \(Tensor, keepdim=bool\)"):
        torch.mean(X2, keepdim=False)
    assert X2.sum(axis=0, keepdims=True).tolist() == [[3.0, 5.0, 7.0]]
    assert X2.sum(1, True).shape == (2, 1)


def test_tensor_class_prints_as_torch_tensor():
    assert repr(type(torch.ones(2))) == "<class 'torch.Tensor'>"
    assert str(torch.Tensor) == "<class 'torch.Tensor'>"
    assert repr(type(torch.ones(2).shape)) == "<class 'torch.Size'>"
    assert isinstance(torch.ones(2), torch.Tensor)


def test_float32_transcendentals_print_pytorchs_digits():
    # D2L §2.1 and PyTorch: exp(12) in float32 is 162754.796875 (NumPy's float32 kernel
    # gives 162754.78125); every such op is now the correctly rounded float32.
    assert repr(torch.exp(torch.tensor(12.0))) == "tensor(162754.7969)"
    x = np.linspace(-6, 6, 1001).astype(np.float32)
    for name, ref in (("exp", np.exp), ("log", np.log), ("sin", np.sin), ("cos", np.cos),
                      ("tanh", np.tanh)):
        arg = np.abs(x) + np.float32(0.5) if name == "log" else x
        got = getattr(torch, name)(torch.from_numpy(arg)).numpy()
        assert got.dtype == np.float32
        np.testing.assert_array_equal(got, ref(arg.astype(np.float64)).astype(np.float32))
    assert repr(torch.exp(torch.tensor([100.0]))) == "tensor([inf])"
    assert torch.sigmoid(torch.tensor([-200.0, 200.0])).tolist() == [0.0, 1.0]


@pytest.mark.parametrize("ord", ORDS, ids=str)
def test_matrix_norms_match_numpy_and_central_differences(ord):
    A = torch.tensor(X, requires_grad=True)
    n = torch.linalg.norm(A, ord)
    assert n.item() == pytest.approx(np.linalg.norm(X, ord))
    n.backward()

    def f(m):
        return np.linalg.norm(m, ord)
    eps, numeric = 1e-6, np.zeros_like(X)
    for idx in np.ndindex(X.shape):
        step = np.zeros_like(X)
        step[idx] = eps
        numeric[idx] = (f(X + step) - f(X - step)) / (2 * eps)
    np.testing.assert_allclose(A.grad.numpy(), numeric, rtol=1e-5, atol=1e-7)


@pytest.mark.parametrize("ord", [None, 1, -1, 2, -2, 3, math.inf, -math.inf], ids=str)
def test_vector_norms_match_numpy(ord):
    v = np.array([3.0, -4.0, 0.5])
    assert torch.linalg.norm(torch.tensor(v), ord).item() == pytest.approx(
        np.linalg.norm(v, ord))
    assert torch.linalg.vector_norm(torch.tensor(X), 2 if ord is None else ord,
                                    dim=1).numpy() == pytest.approx(
        np.linalg.norm(X, 2 if ord is None else ord, axis=1))


def test_norm_grad_fns_are_pytorchs():
    A = torch.tensor(X, requires_grad=True)
    names = {o: type(torch.linalg.norm(A, o).grad_fn).__name__ for o in ORDS}
    assert names == {None: "LinalgVectorNormBackward0", 1: "AmaxBackward0",
                     -1: "AminBackward0", 2: "AmaxBackward0", -2: "AminBackward0",
                     math.inf: "AmaxBackward0", -math.inf: "AminBackward0",
                     "fro": "LinalgVectorNormBackward0", "nuc": "SumBackward1"}


def test_matrix_norm_dims_keepdim_and_errors():
    A = torch.tensor(np.arange(24.0).reshape(2, 3, 4))
    np.testing.assert_allclose(torch.linalg.matrix_norm(A, "nuc").numpy(),
                               np.linalg.norm(A.numpy(), "nuc", axis=(-2, -1)))
    np.testing.assert_allclose(torch.linalg.matrix_norm(A, 1, dim=(0, 2), keepdim=True).numpy(),
                               np.linalg.norm(A.numpy(), 1, axis=(0, 2), keepdims=True))
    with pytest.raises(RuntimeError, match="^linalg.matrix_norm: Order 3 not supported.$"):
        torch.linalg.matrix_norm(torch.ones(2, 2), 3)
    with pytest.raises(RuntimeError, match="must have at least 2 dimensions"):
        torch.linalg.matrix_norm(torch.ones(3))
    with pytest.raises(RuntimeError, match="the input must be 1D or 2D. Got 3D."):
        torch.linalg.norm(A, 2)


def test_float32_gradients_use_pytorchs_formulas():
    # relu/clamp/maximum hand back +0 where the input loses (PyTorch prints 0., never -0.)
    x = torch.tensor([-1.0, 2.0], requires_grad=True)
    torch.relu(x).backward(torch.tensor([-3.0, -3.0]))
    assert repr(x.grad) == "tensor([ 0., -3.])"
    # tanh's VJP rounds 1 − y² once: near |y| = 1 float32's two roundings would show
    x = torch.tensor([5.0, -6.0], requires_grad=True)
    y = torch.tanh(x)
    y.sum().backward()
    wide = y.detach().numpy().astype(np.float64)
    np.testing.assert_array_equal(x.grad.numpy(), (1 - wide * wide).astype(np.float32))
    # sigmoid: (g · (1 − σ)) · σ in that order
    x = torch.tensor([0.3, -2.0, 4.0], requires_grad=True)
    s = torch.sigmoid(x)
    g = np.array([0.7, -1.3, 2.1], np.float32)
    s.backward(torch.tensor(g))
    sv = s.detach().numpy()
    np.testing.assert_array_equal(x.grad.numpy(), g * (np.float32(1) - sv) * sv)
