"""Create the widgets other parts of the app provide, tolerating ones that are missing or broken.

A lesson's panel comes from ``spec.panel`` (``"module:Class"``); the console and exercises
tabs come from ``tutor_app.qt.console`` and ``tutor_app.qt.exercises_view``. A module that
does not exist yet is "absent" (the host hides its tab); one that fails to import or
construct yields an error text the host shows in its place.
"""

from __future__ import annotations

import importlib
import importlib.util
import logging
import traceback
from dataclasses import dataclass

from PySide6.QtWidgets import QWidget

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Loaded:
    """A created widget, or why there is none (``absent`` = the module does not exist)."""

    widget: QWidget | None = None
    error: str | None = None
    absent: bool = False


def module_exists(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        return False


def load_class(target: str):
    """Import ``"package.module:ClassName"`` and return the class."""
    module_name, _, class_name = target.partition(":")
    if not class_name:
        raise ValueError(f"panel {target!r} should look like 'package.module:ClassName'")
    module = importlib.import_module(module_name)
    try:
        return getattr(module, class_name)
    except AttributeError:
        raise ImportError(f"{module_name} has no {class_name}") from None


def create(target: str, *args, **kwargs) -> Loaded:
    """Instantiate ``target`` with ``args``; never raise."""
    module_name = target.partition(":")[0]
    if not module_exists(module_name):
        return Loaded(absent=True, error=f"module {module_name} not found")
    try:
        cls = load_class(target)
        return Loaded(widget=cls(*args, **kwargs))
    except Exception:  # noqa: BLE001 - a broken plug-in must not take the host down
        details = traceback.format_exc()
        log.error("could not create %s\n%s", target, details)
        return Loaded(error=details)
