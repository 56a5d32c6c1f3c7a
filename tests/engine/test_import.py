"""The engine imports numpy and the standard library only (checked in a fresh interpreter)."""

from __future__ import annotations

import subprocess
import sys

CODE = """
import sys
import tutor_app.engine as torch
x = torch.arange(4.0, requires_grad=True)
(2 * torch.dot(x, x)).backward()
heavy = sorted(m for m in ("PySide6", "matplotlib", "networkx", "torch", "scipy")
               if m in sys.modules)
print(",".join(heavy))
"""


def test_no_gui_plotting_graph_or_torch_imports():
    out = subprocess.run([sys.executable, "-c", CODE], capture_output=True, text=True,
                         check=True, timeout=60)
    assert out.stdout.strip() == ""
