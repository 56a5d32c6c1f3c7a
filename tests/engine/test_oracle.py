"""Oracle: the corpus programs print the same text under PyTorch and under our engine.

Values, gradients, repr strings and error messages are compared character for character
(object addresses aside). Skipped where torch is not installed; torch is never a
dependency of the app.
"""

from __future__ import annotations

import re
import warnings

import pytest

import tutor_app.engine as ours

from .corpus import PROGRAMS, run

torch = pytest.importorskip("torch")
pytestmark = pytest.mark.oracle

_ADDRESS = re.compile(r"0x[0-9a-f]+")


def _normalised(text: str) -> str:
    return _ADDRESS.sub("0x?", text)


@pytest.mark.parametrize("program", PROGRAMS, ids=[f"p{i}" for i in range(len(PROGRAMS))])
def test_same_output_as_pytorch(program):
    with warnings.catch_warnings():  # warnings go to stderr in both; stdout is compared
        warnings.simplefilter("ignore")
        expected = run(program, torch)
        got = run(program, ours)
    assert _normalised(got) == _normalised(expected)
