"""The one place that finds ``resources/`` and the learner's data directory.

A checkout, an installed wheel and a frozen (PyInstaller) bundle keep resources in
different places; everything else asks this module.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "tensor-tutor"


def resources_dir() -> Path:
    """Return the folder holding lessons, fonts, i18n and icons."""
    override = os.environ.get("TENSOR_TUTOR_RESOURCES")
    if override:
        return Path(override)
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:  # PyInstaller one-folder bundle
        return Path(frozen_root) / "resources"
    package_dir = Path(__file__).resolve().parent
    for candidate in (package_dir.parent / "resources", package_dir / "resources"):
        if candidate.is_dir():
            return candidate
    # Installed wheel with resources under share/ (data_files).
    return Path(sys.prefix) / "share" / APP_NAME / "resources"


def resource(*parts: str) -> Path:
    """Return the path of a file under ``resources/``."""
    return resources_dir().joinpath(*parts)


def user_data_dir() -> Path:
    """Return (and create) the per-user folder for progress, logs and caches.

    ``TENSOR_TUTOR_HOME`` overrides it, which tests use to stay hermetic.
    """
    override = os.environ.get("TENSOR_TUTOR_HOME")
    if override:
        base = Path(override)
    elif sys.platform == "win32":
        base = Path(os.environ.get("APPDATA", Path.home() / "AppData" / "Roaming")) / APP_NAME
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support" / APP_NAME
    else:
        xdg = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
        base = Path(xdg) / APP_NAME
    base.mkdir(parents=True, exist_ok=True)
    return base
