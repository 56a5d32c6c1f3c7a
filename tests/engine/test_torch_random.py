"""PyTorch's random numbers, bit for bit (values recorded from PyTorch 2.13 on CPU; the oracle
test below re-checks them against torch itself where it is installed)."""

from __future__ import annotations

import numpy as np
import pytest

from tutor_app.engine.torch_random import TorchRandom

# (seed, recipe, expected) as PyTorch 2.13 printed them with .tolist()
RECORDED = [
    (0, lambda g: g.normal(3), [1.5409960746765137, -0.293428897857666, -2.1787893772125244]),
    (0, lambda g: (g.normal(3), g.normal(3))[1],
     [0.5684312582015991, -1.0845223665237427, -1.3985954523086548]),
    (0, lambda g: g.uniform(3), [0.49625658988952637, 0.7682217955589294, 0.08847743272781372]),
    (0, lambda g: (g.uniform(3), g.uniform(2, np.float64))[1],
     [0.0562441839043476, 0.07262971157225484]),
    (0, lambda g: g.normal(20)[-3:],
     [1.2590092420578003, 2.0049805641174316, 0.05373690277338028]),
    (0, lambda g: g.randint(6, -5, 17), [5, 2, -4, 9, 14, -2]),
    (42, lambda g: g.normal(3, np.float32, 0.0, 0.01),
     [0.0033669036347419024, 0.0012880940921604633, 0.0023446236737072468]),
    # torch.empty(3).exponential_(1) and torch.multinomial(p, 8, replacement=True)
    (0, lambda g: g.exponential(3, np.float32),
     [3.508326292037964, 1.2303847074508667, 0.615044116973877]),
    (0, lambda g: g.categorical(np.array([[0.2, 0.3, 0.5]], np.float32), 8)[0],
     [2, 2, 1, 2, 2, 2, 0, 1]),
]


def test_dice_counts_add_up_and_repeat_with_the_seed():
    """D2L §2.6's dice: each sample's counts sum to total_count; a seed repeats them."""
    import tutor_app.engine as torch
    fair = torch.ones(6) / 6
    torch.manual_seed(3)
    counts = torch.distributions.multinomial.Multinomial(10, fair).sample((500,))
    assert counts.shape == (500, 6) and counts.dtype == torch.float32
    assert (counts.sum(1) == 10).all()
    torch.manual_seed(3)
    again = torch.distributions.multinomial.Multinomial(10, fair).sample((500,))
    assert torch.equal(counts, again)
    assert len(set(torch.multinomial(fair, 4).tolist())) == 4  # no replacement: distinct


@pytest.mark.parametrize("seed, recipe, expected", RECORDED)
def test_the_same_numbers_as_pytorch(seed, recipe, expected):
    assert recipe(TorchRandom(seed)).tolist() == expected


def test_seeding_again_starts_over_and_forgets_the_kept_normal():
    g = TorchRandom(0)
    first = g.normal(1)
    g.manual_seed(0)
    assert g.normal(1).tolist() == first.tolist()


def test_dtypes_and_ranges():
    g = TorchRandom(7)
    assert g.uniform(100).dtype == np.float32 and g.normal(100, np.float64).dtype == np.float64
    values = g.randint(1000, 3, 9)
    assert values.dtype == np.int64 and values.min() >= 3 and values.max() < 9
    with pytest.raises(RuntimeError, match="from=5 >= to=5"):
        g.randint(1, 5, 5)


@pytest.mark.oracle
@pytest.mark.parametrize("n", [1, 3, 15, 16, 17, 40])
@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_against_torch(n, dtype):
    torch = pytest.importorskip("torch")
    tdtype = getattr(torch, dtype)
    for seed in (0, 3, 2**40 + 1):
        torch.manual_seed(seed)
        g = TorchRandom(seed)
        expected = [torch.rand(n, dtype=tdtype), torch.randn(n, dtype=tdtype),
                    torch.normal(1.5, 0.5, size=(n,), dtype=tdtype)]
        got = [g.uniform(n, dtype), g.normal(n, dtype), g.normal(n, dtype, 1.5, 0.5)]
        for want, have in zip(expected, got, strict=True):
            np.testing.assert_allclose(have, want.numpy(), rtol=3e-7, atol=3e-7)
        torch.manual_seed(seed)
        assert g.__class__(seed).randint(n, -3, 2**33).tolist() == \
            torch.randint(-3, 2**33, (n,)).tolist()
