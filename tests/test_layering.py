"""The direction of imports (ARCHITECTURE.md), checked in fresh interpreters.

Only ``tutor_app.qt`` and ``tutor_app.__main__`` may import PySide6; ``engine`` and ``graph``
must not import Matplotlib; nothing may import pyplot.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

PROBE = r"""
import importlib, json, pkgutil, sys
name = sys.argv[1]
package = importlib.import_module(name)
failed = []
for info in pkgutil.walk_packages(getattr(package, "__path__", []), prefix=name + "."):
    try:
        importlib.import_module(info.name)
    except Exception as exc:
        failed.append(f"{info.name}: {type(exc).__name__}: {exc}")
print(json.dumps({"modules": sorted(sys.modules), "failed": failed}))
"""


def imported_by(package: str) -> tuple[set[str], list[str]]:
    result = subprocess.run([sys.executable, "-c", PROBE, package], capture_output=True,
                            text=True, timeout=120, env={"PYTHONPATH": ".", "PATH": "/usr/bin",
                                                         "MPLBACKEND": "Agg",
                                                         "QT_QPA_PLATFORM": "offscreen"})
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout.strip().splitlines()[-1])
    return set(data["modules"]), data["failed"]


def _top(modules: set[str]) -> set[str]:
    return {m.split(".")[0] for m in modules}


@pytest.mark.parametrize("package", ["tutor_app.engine", "tutor_app.graph", "tutor_app.sandbox",
                                     "tutor_app.viz", "tutor_app.lessons",
                                     "tutor_app.exercises", "tutor_app.progress",
                                     "tutor_app.i18n", "tutor_app.paths"])
def test_lower_layers_import_no_qt(package):
    modules, failed = imported_by(package)
    assert not failed, failed
    assert "PySide6" not in _top(modules), f"{package} pulls in PySide6"
    assert "matplotlib.pyplot" not in modules


@pytest.mark.parametrize("package", ["tutor_app.engine", "tutor_app.graph"])
def test_engine_and_graph_import_no_matplotlib(package):
    modules, _failed = imported_by(package)
    assert "matplotlib" not in _top(modules), f"{package} pulls in matplotlib"


def test_engine_imports_only_numpy_and_the_standard_library():
    modules, _failed = imported_by("tutor_app.engine")
    allowed = {"tutor_app", "numpy", "__main__", "cython_runtime"}  # numpy's Cython runtime
    third_party = _top(modules) - set(sys.stdlib_module_names) - allowed
    # Private helper modules (``_cython_...``, ``_distutils_hack``) are not dependencies.
    assert not {m for m in third_party if not m.startswith("_")}, third_party


def test_the_qt_layer_never_imports_pyplot():
    modules, failed = imported_by("tutor_app.qt")
    assert not failed, failed
    assert "matplotlib.pyplot" not in modules


def test_cli_help_imports_no_qt():
    """--help and --version must be instant: no Qt, no Matplotlib before arguments are read."""
    code = ("import sys, tutor_app.__main__ as m; "
            "print('PySide6' in sys.modules, 'matplotlib' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=60)
    assert result.stdout.split() == ["False", "False"]
