"""``torch.distributions``: the two D2L §2.6 samples dice with, ``Categorical`` and
``Multinomial`` (``from torch.distributions.multinomial import Multinomial``), drawing
PyTorch's numbers for the same seed (``torch.multinomial``, creation.py)."""

from __future__ import annotations

from . import categorical, multinomial
from .categorical import Categorical
from .distribution import Distribution
from .multinomial import Multinomial

__all__ = ["Categorical", "Distribution", "Multinomial", "categorical", "multinomial"]
