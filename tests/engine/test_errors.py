"""PyTorch's error messages (type and text) for the mistakes learners make in chapter 2."""

from __future__ import annotations

import pytest

import tutor_app.engine as torch

CASES = [
    # data that meets no tensor: PyTorch refuses it, in these words (checked against 2.x)
    (lambda: torch.sin([1.0]), TypeError,
     "sin(): argument 'input' (position 1) must be Tensor, not list"),
    (lambda: torch.exp(2.0), TypeError,
     "exp(): argument 'input' (position 1) must be Tensor, not float"),
    (lambda: torch.linalg.norm([1.0, 2.0]), TypeError,
     "linalg_norm(): argument 'input' (position 1) must be Tensor, not list"),
    (lambda: torch.linalg.det([[1.0]]), TypeError,
     "linalg_det(): argument 'A' (position 1) must be Tensor, not list"),
    (lambda: torch.amax([1.0]), TypeError,
     "amax(): argument 'input' (position 1) must be Tensor, not list"),
    (lambda: torch.ones(5, 4) / torch.ones(5), RuntimeError,
     "The size of tensor a (4) must match the size of tensor b (5) at non-singleton dimension 1"),
    (lambda: torch.ones(3).backward(), RuntimeError,
     "element 0 of tensors does not require grad and does not have a grad_fn"),
    (lambda: (torch.ones(3, requires_grad=True) * 2).backward(), RuntimeError,
     "grad can be implicitly created only for scalar outputs"),
    (lambda: torch.arange(3).requires_grad_(), RuntimeError,
     "only Tensors of floating point dtype can require gradients"),
    (lambda: torch.ones(2, requires_grad=True).numpy(), RuntimeError,
     "Can't call numpy() on Tensor that requires grad. Use tensor.detach().numpy() instead."),
    (lambda: float(torch.ones(2)), ValueError,
     "only one element tensors can be converted to Python scalars"),
    (lambda: torch.ones(2).item(), RuntimeError,
     "a Tensor with 2 elements cannot be converted to Scalar"),
    (lambda: bool(torch.ones(2)), RuntimeError,
     "Boolean value of Tensor with more than one value is ambiguous"),
    (lambda: torch.ones(12).view(5, 3), RuntimeError,
     "shape '[5, 3]' is invalid for input of size 12"),
    (lambda: torch.ones(2, 3) @ torch.ones(2, 3), RuntimeError,
     "mat1 and mat2 shapes cannot be multiplied (2x3 and 2x3)"),
    (lambda: torch.cat([torch.ones(2, 3), torch.ones(2, 2)]), RuntimeError,
     "Sizes of tensors must match except in dimension 0. Expected size 3 but got size 2 for "
     "tensor number 1 in the list."),
    (lambda: torch.ones(2, 3).sum(2), IndexError,
     "Dimension out of range (expected to be in range of [-2, 1], but got 2)"),
    (lambda: torch.ones(4)[5], IndexError, "index 5 is out of bounds for dimension 0 with size 4"),
    (lambda: torch.dot(torch.arange(3), torch.ones(3)), RuntimeError,
     "dot : expected both vectors to have same dtype, but found Long and Float"),
    (lambda: torch.arange(4).mean(), RuntimeError,
     "mean(): could not infer output dtype. Input dtype must be either a floating point or "
     "complex dtype. Got: Long"),
    (lambda: torch.linalg.norm(torch.arange(4)), RuntimeError,
     "linalg.vector_norm: Expected a floating point or complex tensor as input. Got Long"),
    (lambda: len(torch.tensor(1.0)), TypeError, "len() of a 0-d tensor"),
    (lambda: torch.tensor([[1, 2], [3]]), ValueError,
     "expected sequence of length 2 at dim 1 (got 1)"),
]


@pytest.mark.parametrize(("action", "kind", "message"), CASES, ids=[c[2][:40] for c in CASES])
def test_message(action, kind, message):
    with pytest.raises(kind) as err:
        action()
    assert str(err.value) == message


def test_second_backward_message_and_leaf_in_place():
    x = torch.arange(4.0, requires_grad=True)
    y = 2 * torch.dot(x, x)
    y.backward()
    with pytest.raises(RuntimeError) as err:
        y.backward()
    assert str(err.value).startswith("Trying to backward through the graph a second time (or "
                                     "directly access saved tensors after they have already "
                                     "been freed).")
    with pytest.raises(RuntimeError) as err:
        x += 1
    assert str(err.value) == ("a leaf Variable that requires grad is being used in an in-place "
                              "operation.")


def test_failed_op_changes_nothing():
    x = torch.ones(3, dtype=torch.long)
    with pytest.raises(RuntimeError, match="result type Float can't be cast"):
        x += 1.5
    assert x.tolist() == [1, 1, 1]
