"""In-place changes of values saved for backward: PyTorch's version-counter error."""

from __future__ import annotations

import numpy as np
import pytest

import tutor_app.engine as torch
from tutor_app.engine import core, versions
from tutor_app.engine.ops import OPS

PREFIX = ("one of the variables needed for gradient computation has been modified by an "
          "inplace operation: ")

# Programs run unchanged by the engine and (in the oracle test) by PyTorch.
CASES = {
"saved_input_rebound": """
x = torch.tensor([1.,2.,3.], requires_grad=True)
b = x * 2
c = b * b
b += 1
c.sum().backward()
""",
"saved_output": """
x = torch.tensor([1.,2.,3.], requires_grad=True)
y = x.exp()
y += 1
y.sum().backward()
""",
"leaf_constant": """
x = torch.tensor([1.,2.,3.], requires_grad=True)
w = torch.tensor([1.,2.,3.])
c = x * w
w += 1
c.sum().backward()
""",
"output_not_needed": """
x = torch.tensor([1.,2.,3.], requires_grad=True)
y = x * 2
y += 1
y.sum().backward()
""",
"twice": """
x = torch.tensor([1.,2.,3.], requires_grad=True)
b = x * 2
c = b.sin()
b.add_(1); b.mul_(2)
c.sum().backward()
""",
"setitem_no_grad": """
x = torch.tensor([1.,2.,3.], requires_grad=True)
b = x * 2
c = b * b
with torch.no_grad(): b[0] = 5
c.sum().backward()
""",
"through_detach": """
x = torch.tensor([1.,2.,3.], requires_grad=True)
b = x * 2
c = b.sin()
d = b.detach(); d.zero_()
c.sum().backward()
""",
"double_2d": """
x = torch.tensor([[1.,2.,3.]], requires_grad=True, dtype=torch.float64)
b = x * 2
c = b.sin()
b.add_(1)
c.sum().backward()
""",
"dot_data": """
x = torch.tensor([1.,2.,3.], requires_grad=True)
b = x * 2
c = b.sin()
b.data.add_(1)
c.sum().backward()
""",
"scalar_mul_saves_nothing": """
x = torch.tensor([1.,2.,3.], requires_grad=True)
b = x * 1
c = b * 2
b.add_(1)
c.sum().backward()
""",
"leaf_no_grad_update": """
x = torch.tensor([1.,2.,3.], requires_grad=True)
b = x * 1
c = b * x
with torch.no_grad(): x.add_(1)
c.sum().backward()
""",
"sgd_loop": """
w = torch.tensor([1.,2.], requires_grad=True)
for _ in range(3):
    loss = (w * w).sum()
    loss.backward()
    with torch.no_grad():
        w -= 0.1 * w.grad
    w.grad.zero_()
""",
"view_slice": """
x = torch.tensor([1.,2.,3.], requires_grad=True)
b = x * 2
c = b.sin()
with torch.no_grad():
    v = b[1:]
    v.mul_(3)
c.sum().backward()
""",
"select_then_modify": """
x = torch.tensor([1.,2.,3.], requires_grad=True)
b = x * 2
c = b[0] * 3
b.add_(1)
c.backward()
""",
"square_then_iadd": """
x = torch.tensor([1.,2.,3.], requires_grad=True)
b = x + 0
c = b ** 2
b += 1
c.sum().backward()
""",
"imul_self": """
x = torch.tensor([1.,2.,3.], requires_grad=True)
b = x + 0
b *= x
b.sum().backward()
""",
}

# What PyTorch 2.x says (checked against torch 2.13): the part after PREFIX, up to "instead."
EXPECTED = {
    "saved_input_rebound": "[torch.FloatTensor [3]], which is output 0 of Add, is at version 1; "
                           "expected version 0 instead.",
    "saved_output": "[torch.FloatTensor [3]], which is output 0 of Exp, is at version 1; "
                    "expected version 0 instead.",
    "leaf_constant": "[torch.FloatTensor [3]] is at version 1; expected version 0 instead.",
    "output_not_needed": None,
    "twice": "[torch.FloatTensor [3]], which is output 0 of Mul, is at version 2; expected "
             "version 0 instead.",
    "setitem_no_grad": "[torch.FloatTensor [3]], which is output 0 of Mul, is at version 1; "
                       "expected version 0 instead.",
    "through_detach": "[torch.FloatTensor [3]], which is output 0 of Mul, is at version 1; "
                      "expected version 0 instead.",
    "double_2d": "[torch.DoubleTensor [1, 3]], which is output 0 of Add, is at version 1; "
                 "expected version 0 instead.",
    "dot_data": None,
    "scalar_mul_saves_nothing": None,
    "leaf_no_grad_update": "[torch.FloatTensor [3]] is at version 1; expected version 0 "
                           "instead.",
    "sgd_loop": None,
    "view_slice": "[torch.FloatTensor [3]], which is output 0 of Mul, is at version 1; "
                  "expected version 0 instead.",
    "select_then_modify": None,
    "square_then_iadd": "[torch.FloatTensor [3]], which is output 0 of Add, is at version 1; "
                        "expected version 0 instead.",
    "imul_self": None,
}


def _run(module, source):
    env = {"torch": module}
    try:
        exec(source, env)  # noqa: S102 - our own fixed test programs
    except RuntimeError as e:
        return str(e), env
    return None, env


@pytest.mark.parametrize("name", sorted(CASES))
def test_inplace_change_of_a_saved_value_fails_as_pytorch(name):
    error, _ = _run(torch, CASES[name])
    want = EXPECTED[name]
    if want is None:
        assert error is None
    else:
        assert error == PREFIX + want + " " + versions.HINT


def test_the_error_changes_nothing():
    x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
    b = x * 2
    c = b * b
    b += 1
    with pytest.raises(RuntimeError, match="modified by an inplace operation"):
        c.sum().backward()
    assert x.grad is None
    c2 = b * b  # saved after the change: fine
    c2.sum().backward()
    np.testing.assert_allclose(x.grad.numpy(), [12.0, 20.0, 28.0])


def test_version_counter_counts_changes_shared_by_detach_not_by_data():
    x = torch.zeros(3)
    assert x._version == 0
    x += 1
    x.add_(1)
    x[0] = 5
    assert x._version == 3
    x.detach().zero_()
    assert x._version == 4
    x.data.fill_(2)
    assert x._version == 4


def test_sgd_style_updates_keep_working_and_values_are_right():
    w = torch.tensor([1.0, 2.0], requires_grad=True)
    for _ in range(3):
        loss = (w * w).sum()
        loss.backward()
        with torch.no_grad():
            w -= 0.5 * w.grad
        w.grad.zero_()
    np.testing.assert_allclose(w.detach().numpy(), [0.0, 0.0])


def test_nothing_registered_means_no_check(monkeypatch):
    versions.MODIFIED.clear()
    called = []
    monkeypatch.setattr(versions, "check", lambda nodes: called.append(nodes))
    x = torch.ones(2, requires_grad=True)
    (x * x).sum().backward()
    assert called == []


@pytest.mark.parametrize("name", sorted(CASES))
def test_oracle_same_outcome_as_torch(name):
    real = pytest.importorskip("torch")
    theirs, _ = _run(real, CASES[name])
    mine, _ = _run(torch, CASES[name])
    assert mine == theirs


# --- every op-table entry: its declared saved values are the ones guarded -----------------
# No bytecode is read anywhere: each entry's ``reads`` is data. These tests hold the data
# to the rules (a rule must not read what it does not declare) and to the check (a declared
# value changed in place fails backward), so they mean the same under every Python.

def _op_cases():
    from tests.engine.test_gradcheck import _cases
    return [c for c in _cases() if c.values[1] is not None]


def _sample_arrays(name, sample):
    from tests.engine.test_gradcheck import _inputs
    return _inputs(OPS[name], sample, np.random.default_rng(abs(hash(name)) % 2**32))


@pytest.mark.parametrize(("name", "sample"), _op_cases())
def test_rules_read_only_the_values_they_declare(name, sample):
    """Undeclared saved values replaced by NaN leave every VJP's result unchanged."""
    op = OPS[name]
    arrays, params = _sample_arrays(name, sample)
    out = np.asarray(op.forward(*arrays, **params), dtype=np.float64)
    g = np.ones(out.shape)
    for i in range(len(arrays)):
        reads_out, indices = op.reads[0] if op.variadic else op.reads[i]
        if not op.saves:
            args = tuple(a.shape for a in arrays)
        elif op.out_only:
            args = ()
        else:
            args = tuple(a if j in indices else np.full_like(a, np.nan)
                         for j, a in enumerate(arrays))
        hidden_out = out if reads_out else np.full_like(out, np.nan)
        want = np.asarray(op.vjps[i](g, out, tuple(arrays) if op.saves and not op.out_only
                                     else args, params))
        got = np.asarray(op.vjps[i](g, hidden_out, args, params))
        np.testing.assert_array_equal(got, want, err_msg=f"{name}: VJP {i} reads an "
                                      "undeclared saved value")


def _declared_cases():
    for case in _op_cases():
        name, sample = case.values
        op = OPS[name]
        n_inputs = len(sample[0])  # "all" declares every input, however many there are
        for i, (reads_out, indices) in enumerate(op.reads):
            for what in (["out"] if reads_out else []) + sorted(j for j in indices
                                                               if j < n_inputs):
                yield pytest.param(name, sample, i, what, id=f"{case.id}-vjp{i}-{what}")


@pytest.mark.parametrize(("name", "sample", "rule", "changed"), list(_declared_cases()))
def test_changing_a_declared_saved_value_fails_backward(name, sample, rule, changed):
    op = OPS[name]
    arrays, params = _sample_arrays(name, sample)
    inputs = [torch.tensor(a, requires_grad=(k == rule or op.variadic))
              for k, a in enumerate(arrays)]
    out = core.apply(op, tuple(inputs), params)
    target = out if changed == "out" else inputs[changed]
    with torch.no_grad():
        target.mul_(1.5)
    with pytest.raises(RuntimeError, match="modified by an inplace operation"):
        out.backward(torch.ones_like(out))
