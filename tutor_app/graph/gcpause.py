"""Pause the cyclic garbage collector while building many small objects.

Building the frames of a 2,000-node graph allocates tens of thousands of tuples and
frozensets; the collector's repeated full scans cost three times the build itself. Nothing
built here forms reference cycles that need collecting during the build.
"""

from __future__ import annotations

import gc
from contextlib import contextmanager


@contextmanager
def gc_paused():
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
