"""The direction of imports (ARCHITECTURE.md), checked in fresh interpreters.

Only ``tutor_app.qt`` and ``tutor_app.__main__`` may import PySide6; ``engine`` and ``graph``
must not import Matplotlib; nothing may import pyplot.
"""

from __future__ import annotations

import functools
import json
import subprocess
import sys

import pytest

PROBE = r"""
import importlib, json, pkgutil, sys
name = sys.argv[1]
if not name:  # the baseline: what this interpreter loads before any of our code runs
    print(json.dumps({"modules": sorted(sys.modules), "failed": []}))
    raise SystemExit

package = importlib.import_module(name)
failed = []
for info in pkgutil.walk_packages(getattr(package, "__path__", []), prefix=name + "."):
    try:
        importlib.import_module(info.name)
    except Exception as exc:
        failed.append(f"{info.name}: {type(exc).__name__}: {exc}")
print(json.dumps({"modules": sorted(sys.modules), "failed": failed}))
"""


def _probe(package: str) -> tuple[set[str], list[str]]:
    result = subprocess.run([sys.executable, "-c", PROBE, package], capture_output=True,
                            text=True, timeout=120, env={"PYTHONPATH": ".", "PATH": "/usr/bin",
                                                         "MPLBACKEND": "Agg",
                                                         "QT_QPA_PLATFORM": "offscreen"})
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout.strip().splitlines()[-1])
    return set(data["modules"]), data["failed"]


@functools.cache
def startup_modules() -> frozenset[str]:
    """What the interpreter imports before any of our code, under the same environment.

    Debian's python3 imports ``sitecustomize``; ``.pth`` hooks, editable-install finders and
    ``usercustomize`` add their own modules. None of that is a dependency of ours, so every
    import check compares against this baseline instead of a list of known names.
    """
    modules, _failed = _probe("")
    return frozenset(modules)


def imported_by(package: str) -> tuple[set[str], list[str]]:
    """Modules that importing ``package`` (and all its submodules) adds to a fresh interpreter."""
    modules, failed = _probe(package)
    return modules - startup_modules(), failed


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
    allowed = {"tutor_app", "numpy", "cython_runtime"}  # numpy's Cython runtime
    third_party = _top(modules) - set(sys.stdlib_module_names) - allowed
    # Private helper modules (``_cython_...``) are numpy's compiled parts, not dependencies.
    assert not {m for m in third_party if not m.startswith("_")}, third_party


def test_the_startup_baseline_hides_no_dependency():
    """The baseline must not swallow what we check for: a bare interpreter loads none of it."""
    assert {"numpy", "PySide6", "matplotlib", "networkx", "tutor_app"}.isdisjoint(
        _top(startup_modules()))


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
