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


def test_einsum_declares_its_output_and_its_contraction_cost():
    """einsum's entry sizes the output from the equation and counts the multiply-adds of
    contracting left to right, so a sandbox refuses a huge einsum before it runs."""
    asked = []
    a, b, c = torch.ones(3, 2), torch.ones(2, 4), torch.ones(4, 5)
    with hooks.op_budget(lambda op, elements, flops: asked.append((op.name, elements, flops))):
        torch.einsum("ij,jk->ik", a, b)
        torch.einsum("ij,jk,kl->il", a, b, c)
        torch.einsum("i,j->ij", torch.ones(7), torch.ones(6))
        torch.einsum("ii->", torch.ones(3, 3))
    assert asked == [("einsum", 12, 24),  # as the same matmul
                     ("einsum", 15, 3 * 2 * 4 + 3 * 4 * 5),
                     ("einsum_mul", 42, 42), ("einsum_sum", 1, 0)]

    def refuse(op, elements, flops):
        if flops > 10**9:
            raise TooBig(op.name)

    big = torch.ones(2000, 2000)
    with hooks.op_budget(refuse), pytest.raises(TooBig, match="einsum"):
        torch.einsum("ij,jk->ik", big, big)
