"""The one counter that names every tensor (``Tensor.uid``): unique for the life of the
process, shared by the op machinery (``core``) and the tape (``hooks``), depends on nothing."""

from __future__ import annotations

import itertools

COUNTER = itertools.count(1)


def new_uid() -> int:
    return next(COUNTER)
