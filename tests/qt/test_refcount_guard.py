"""PySide6 6.12 drops a reference to ``None`` for each null pointer it returns; on Python
3.11 (Debian 12) enough of them abort the interpreter. ``tutor_app.qt`` keeps spare
references; a child process makes 200,000 such calls and must exit cleanly."""

from __future__ import annotations

import subprocess
import sys

LEAKY = r"""
import sys
import tutor_app.qt  # the guard
from PySide6.QtWidgets import QApplication, QTreeView
app = QApplication([])
view = QTreeView()
for _ in range(200_000):
    view.model()  # no model: PySide6 returns None and drops a reference to it
print("ok")
"""


def test_many_null_pointers_from_pyside6_do_not_abort_the_interpreter():
    result = subprocess.run([sys.executable, "-c", LEAKY], capture_output=True, text=True,
                            timeout=120, env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin",
                                              "PYTHONPATH": "."})
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "ok"
