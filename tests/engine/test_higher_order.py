"""Higher-order autograd as PyTorch has it: autograd.grad, create_graph, backward(inputs=),
retain_grad, grad_fn graph introspection, autograd.functional and torch.func.

Expected values are worked out by hand (derivatives of x³, x·sin x, …); the error texts are
PyTorch's (``test_oracle`` also runs these programs under PyTorch when it is installed).
"""

from __future__ import annotations

import math
import warnings

import numpy as np
import pytest

import tutor_app.engine as torch


def _x():
    return torch.tensor([1.0, 2.0, 3.0], requires_grad=True)


def test_first_second_third_derivative_of_a_cube():
    x = _x()
    g, = torch.autograd.grad((x ** 3).sum(), x, create_graph=True)
    h, = torch.autograd.grad(g.sum(), x, create_graph=True)
    k, = torch.autograd.grad(h.sum(), x)
    assert g.tolist() == [3.0, 12.0, 27.0] and g.grad_fn.name() == "MulBackward0"
    assert h.tolist() == [6.0, 12.0, 18.0]
    assert k.tolist() == [6.0, 6.0, 6.0] and k.grad_fn is None
    assert x.grad is None  # autograd.grad touches no .grad


def test_grad_without_create_graph_gives_plain_tensors_and_frees_the_graph():
    x = _x()
    loss = (x ** 3).sum()
    g, = torch.autograd.grad(loss, x)
    assert g.grad_fn is None and not g.requires_grad
    with pytest.raises(RuntimeError, match="^Trying to backward through the graph a second"):
        torch.autograd.grad(loss, x)


def test_grad_errors_are_pytorchs():
    x, y = _x(), torch.tensor([1.0, 2.0], requires_grad=True)
    with pytest.raises(RuntimeError, match=r"^The differentiated Tensor at index 1 appears to "
                                           r"not have been used in the graph. Set "
                                           r"allow_unused=True"):
        torch.autograd.grad((x ** 2).sum(), [x, y])
    assert torch.autograd.grad((x ** 2).sum(), [x, y], allow_unused=True)[1] is None
    with pytest.raises(RuntimeError, match="^One of the differentiated Tensors does not "
                                           "require grad$"):
        torch.autograd.grad((x ** 2).sum(), torch.ones(2))
    with pytest.raises(RuntimeError, match="^grad can be implicitly created only for scalar "
                                           "outputs$"):
        torch.autograd.grad(x ** 2, x)
    with pytest.raises(RuntimeError, match=r"^Mismatch in shape: grad_output\[0\] has a shape "
                                           r"of torch.Size\(\[2\]\)"):
        torch.autograd.grad(x * 2, x, grad_outputs=torch.ones(2))
    with pytest.raises(RuntimeError, match="^element 0 of tensors does not require grad"):
        torch.autograd.grad(torch.ones(2).sum(), x)


def test_backward_create_graph_then_differentiate_the_gradient():
    x = _x()
    with pytest.warns(UserWarning, match="create a reference cycle"):
        (x.sin() * x).sum().backward(create_graph=True)
    g = x.grad
    assert type(g.grad_fn).__name__ == "CopyBackwards"
    xs = np.array([1.0, 2.0, 3.0])
    np.testing.assert_allclose(g.detach().numpy(), np.sin(xs) + xs * np.cos(xs), rtol=1e-6)
    x.grad = None
    g.sum().backward()
    np.testing.assert_allclose(x.grad.numpy(), 2 * np.cos(xs) - xs * np.sin(xs), rtol=1e-6)


def test_backward_inputs_accumulates_only_there():
    x, y = _x(), torch.tensor([1.0, 2.0], requires_grad=True)
    (x.sum() * y.sum()).backward(inputs=[y])
    assert x.grad is None and y.grad.tolist() == [6.0, 6.0]
    (x * 2).sum().backward(inputs=x)
    assert x.grad.tolist() == [2.0, 2.0, 2.0]
    with pytest.raises(RuntimeError, match="^`inputs` argument to `backward\\(\\)` cannot be "
                                           "empty.$"):
        x.sum().backward(inputs=[])


def test_non_leaf_grad_is_none_with_warning_unless_retained():
    x = _x()
    a = x * 2
    b = x * 3
    a.retain_grad()
    (a.exp().sum() + (b ** 2).sum()).backward()
    np.testing.assert_allclose(a.grad.numpy(), np.exp([2.0, 4.0, 6.0]), rtol=1e-6)
    assert a.retains_grad and not a.is_leaf and x.is_leaf
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert b.grad is None
    assert "is not a leaf Tensor is being accessed" in str(caught[0].message)


def test_grad_fn_names_and_next_functions():
    x = _x()
    a = x * 2
    b = a.exp().sum()
    assert b.grad_fn.name() == "SumBackward0"
    (exp_node, index), = b.grad_fn.next_functions
    assert exp_node.name() == "ExpBackward0" and index == 0
    leaf_edge, constant_edge = a.grad_fn.next_functions
    assert leaf_edge[0].name() == "torch::autograd::AccumulateGrad"
    assert leaf_edge[0].variable is x and constant_edge == (None, 0)


def test_autograd_functional():
    F = torch.autograd.functional
    x = _x()
    v = np.array([1.0, 2.0, 3.0])
    np.testing.assert_allclose(F.jacobian(lambda t: t ** 2, x).numpy(), np.diag(2 * v))
    np.testing.assert_allclose(F.hessian(lambda t: (t ** 3).sum(), x).numpy(), np.diag(6 * v))
    out, jv = F.jvp(lambda t: t.sin(), x, torch.ones(3))
    np.testing.assert_allclose(jv.numpy(), np.cos(v), rtol=1e-6)
    out, vj = F.vjp(lambda t: t.sin(), x, torch.tensor([1.0, 0.0, 2.0]))
    np.testing.assert_allclose(vj.numpy(), [np.cos(1.0), 0.0, 2 * np.cos(3.0)], rtol=1e-6)
    assert out.grad_fn is None
    _, hv = F.hvp(lambda t: (t ** 3).sum(), x, torch.ones(3))
    np.testing.assert_allclose(hv.numpy(), 6 * v)
    jx, jb = F.jacobian(lambda p, q: p * q, (x, torch.tensor([4.0, 5.0, 6.0])))
    np.testing.assert_allclose(jx.numpy(), np.diag([4.0, 5.0, 6.0]))
    np.testing.assert_allclose(jb.numpy(), np.diag(v))
    assert x.grad is None


def test_func_transforms_nest():
    one = torch.tensor(1.0)
    assert torch.func.grad(torch.sin)(one).item() == pytest.approx(math.cos(1.0))
    assert torch.func.grad(torch.func.grad(torch.sin))(one).item() == pytest.approx(
        -math.sin(1.0))
    fourth = torch.func.grad(torch.func.grad(torch.func.grad(lambda t: t ** 4)))
    assert fourth(torch.tensor(2.0)).item() == pytest.approx(48.0)
    out, vjp_fn = torch.func.vjp(torch.sin, torch.tensor([0.0, 1.0]))
    np.testing.assert_allclose(vjp_fn(torch.ones(2))[0].numpy(), [1.0, math.cos(1.0)],
                               rtol=1e-6)
    _, tangent = torch.func.jvp(torch.sin, (torch.tensor([0.0, 1.0]),), (torch.ones(2),))
    np.testing.assert_allclose(tangent.numpy(), [1.0, math.cos(1.0)], rtol=1e-6)
    with pytest.raises(RuntimeError, match="Expected f\\(\\*args\\) to return a scalar"):
        torch.func.grad(lambda t: t * 2)(_x())


def test_second_derivative_costs_more_and_the_tape_shows_its_graph():
    """D2L §2.5's exercise: the second derivative differentiates the first derivative's
    graph, so it evaluates more ops than the first; the tape records those ops."""
    x = torch.tensor([0.5, 1.0, 2.0], requires_grad=True)
    with torch.counters() as first:
        torch.autograd.grad((x.sin() * x.exp()).sum(), x)
    with torch.counters() as second:
        g, = torch.autograd.grad((x.sin() * x.exp()).sum(), x, create_graph=True)
        torch.autograd.grad(g.sum(), x)
    assert second.ops_evaluated > 2 * first.ops_evaluated
    with torch.record() as tape:
        g, = torch.autograd.grad((x ** 3).sum(), x, create_graph=True)
    recorded = [op.grad_fn for op in tape.ops]
    assert recorded[:2] == ["PowBackward0", "SumBackward0"]
    assert "MulBackward0" in recorded[2:]  # 3·x² built from recorded ops
    assert tape.values[g.uid].grad_fn == "MulBackward0"
