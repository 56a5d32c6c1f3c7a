"""Keep ``None``, ``True`` and ``False`` alive against PySide6 6.12's reference leak.

PySide6 6.12 drops one reference to the object it returns for a null pointer or a missing
property (``view.model()`` with no model, ``action.menu()`` of a plain action,
``widget.property("missing")``), and to booleans in some calls. On Python 3.12+ these
singletons are immortal; on 3.11 (Debian 12's python3) enough such calls bring a count to
zero and the interpreter aborts — often at exit ("none_dealloc: deallocating None"), after
a long session or a long test run. Holding spare references makes the count unreachable.
"""

from __future__ import annotations

import ctypes
import sys

SPARE = 500_000  # references each; the longest test walk drops tens of thousands

# a tuple of repeats costs 8 bytes per reference (4 MB each), and is only needed where the
# singletons are mortal
_KEPT = () if sys.version_info >= (3, 12) else ((None,) * SPARE, (True,) * SPARE,
                                                 (False,) * SPARE)
# ... and never released, not even when the interpreter clears modules at exit (the aborts
# happened there): one extra reference to the holder that nothing gives back
ctypes.pythonapi.Py_IncRef(ctypes.py_object(_KEPT))
