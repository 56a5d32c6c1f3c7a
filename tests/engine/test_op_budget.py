"""``hooks.op_budget``: the engine asks before an op runs, with the op table's sizes."""

from __future__ import annotations

import pytest

import tutor_app.engine as torch
from tutor_app.engine import hooks


class TooBig(Exception):
    pass


def test_the_budget_hears_each_op_with_its_declared_size_before_it_runs():
    asked = []
    a, b = torch.ones(3, 2), torch.ones(2, 4)
    with hooks.op_budget(lambda op, elements, flops: asked.append((op.name, elements, flops))):
        torch.matmul(a, b)
        torch.cat([a, a])
        a.expand(5, 3, 2)
    assert ("mm", 12, 24) in asked or ("matmul", 12, 24) in asked
    assert ("cat", 12, 0) in asked
    assert ("expand", 30, 0) in asked


def test_a_refusal_comes_before_the_allocation_and_the_mode_is_restored():
    def refuse(op, elements, flops):
        if elements > 10**6:
            raise TooBig(op.name)

    x = torch.ones(10**4, 1)
    with hooks.op_budget(refuse), pytest.raises(TooBig, match="expand"):
        x.expand(-1, 10**5)
    assert hooks.STATE.budget is None
    assert hooks.STATE.mode == hooks.DEFAULT_MODE


# --- creation functions declare their size where they are defined (hooks.sized) ----------
MAKERS = [
    ("zeros", lambda x: torch.zeros(2, 3)),
    ("ones", lambda x: torch.ones((2, 3))),
    ("empty", lambda x: torch.empty(size=(4,))),
    ("rand", lambda x: torch.rand(2, 2)),
    ("randn", lambda x: torch.randn(3, dtype=torch.float64)),
    ("full", lambda x: torch.full((2, 5), 1.0)),
    ("arange", lambda x: torch.arange(10)),
    ("arange", lambda x: torch.arange(0, 1, 0.25)),
    ("arange", lambda x: torch.arange(torch.tensor(5))),
    ("linspace", lambda x: torch.linspace(0, 1, 7)),
    ("eye", lambda x: torch.eye(3)),
    ("eye", lambda x: torch.eye(2, 4)),
    ("randint", lambda x: torch.randint(0, 5, (3, 3))),
    ("randint", lambda x: torch.randint(5, (2, 3))),
    ("normal", lambda x: torch.normal(0.0, 1.0, size=(2, 3))),
    ("normal", lambda x: torch.normal(torch.zeros(4), torch.ones(4))),
    ("tensor", lambda x: torch.tensor([[1, 2], [3, 4], [5, 6]])),
    ("tensor", lambda x: torch.tensor(x)),
    ("as_tensor", lambda x: torch.as_tensor([1.0, 2.0])),
    ("Tensor", lambda x: torch.Tensor(2, 3)),
    ("Tensor", lambda x: torch.Tensor([1.0, 2.0])),
    ("zeros_like", lambda x: torch.zeros_like(x)),
    ("ones_like", lambda x: torch.ones_like(x)),
    ("full_like", lambda x: torch.full_like(x, 7.0)),
    ("rand_like", lambda x: torch.rand_like(x)),
    ("randn_like", lambda x: torch.randn_like(x)),
]


@pytest.mark.parametrize(("name", "make"), MAKERS)
def test_a_creation_function_is_asked_with_the_size_it_then_makes(name, make):
    """The declared figure is the made tensor's own size (arguments made inside the call
    are asked about too: the function's own question is the one under its name)."""
    x = torch.ones(5, 2)
    asked = []
    with hooks.op_budget(lambda op, elements, flops: asked.append((op.name, elements, flops))):
        made = make(x)
    assert next(a for a in asked if a[0] == name) == (name, made.numel(), 0)


@pytest.mark.parametrize(("name", "make"), [
    ("zeros", lambda: torch.zeros(10**6, 10**6)),
    ("randn", lambda: torch.randn((10**6, 10**6))),
    ("arange", lambda: torch.arange(10**13)),
    ("tensor", lambda: torch.tensor(range(10**13))),
    ("Tensor", lambda: torch.Tensor(10**6, 10**6)),
    ("eye", lambda: torch.eye(10**7)),
    ("randint", lambda: torch.randint(10, (10**6, 10**6))),
])
def test_a_huge_creation_is_refused_before_it_allocates(name, make):
    """Each of these would need terabytes (or NumPy would walk 10¹³ items): the refusal
    can only come before the allocation."""
    def refuse(op, elements, flops):
        if elements > 10**6:
            raise TooBig(op.name)

    with hooks.op_budget(refuse), pytest.raises(TooBig, match=f"^{name}$"):
        make()
    assert hooks.STATE.budget is None


def test_a_rule_that_cannot_tell_asks_nothing_and_the_functions_own_error_shows():
    asked = []
    with hooks.op_budget(lambda op, elements, flops: asked.append(op.name)):
        with pytest.raises(RuntimeError, match="step must be nonzero"):
            torch.arange(0, 10, 0)
        with pytest.raises(TypeError):
            torch.zeros(None)
    assert asked == []


def test_einsum_declares_its_output_and_its_contraction_cost():
    """einsum's entry sizes the output from the equation and counts the multiply-adds of
    contracting left to right, so a sandbox refuses a huge einsum before it runs."""
    asked = []
    a, b, c = torch.ones(3, 2), torch.ones(2, 4), torch.ones(4, 5)
    u, v, square = torch.ones(7), torch.ones(6), torch.ones(3, 3)
    with hooks.op_budget(lambda op, elements, flops: asked.append((op.name, elements, flops))):
        torch.einsum("ij,jk->ik", a, b)
        torch.einsum("ij,jk,kl->il", a, b, c)
        torch.einsum("i,j->ij", u, v)
        torch.einsum("ii->", square)
    assert asked == [("einsum", 12, 24),  # as the same matmul
                     ("einsum", 15, 3 * 2 * 4 + 3 * 4 * 5),
                     ("einsum_mul", 42, 42), ("einsum_sum", 1, 0)]

    def refuse(op, elements, flops):
        if flops > 10**9:
            raise TooBig(op.name)

    big = torch.ones(2000, 2000)
    with hooks.op_budget(refuse), pytest.raises(TooBig, match="einsum"):
        torch.einsum("ij,jk->ik", big, big)
