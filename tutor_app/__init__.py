"""Tensor Tutor: an offline tutor for the maths behind deep learning (D2L chapters 1-2)."""

from __future__ import annotations

__version__ = "0.1.0"
