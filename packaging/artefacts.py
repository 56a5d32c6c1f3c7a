"""The version (from pyproject.toml, the single source) and the artefacts' names."""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APP = "tensor-tutor"
ARCH_TARBALL = "linux-x86_64"
ARCH_DEB = "amd64"


def project_version(root: Path = ROOT) -> str:
    """``[project].version`` of pyproject.toml: the one place the version is written."""
    with (root / "pyproject.toml").open("rb") as fh:
        return tomllib.load(fh)["project"]["version"]


def package_version(root: Path = ROOT) -> str | None:
    """``tutor_app.__version__`` read from source (no import: the app needs not be importable)."""
    tree = ast.parse((root / "tutor_app" / "__init__.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "__version__" for t in node.targets
        ):
            return ast.literal_eval(node.value)
    return None


def checked_version(root: Path = ROOT) -> str:
    """The version, after checking tutor_app.__version__ says the same (About, --version)."""
    version = project_version(root)
    in_package = package_version(root)
    if in_package != version:
        raise SystemExit(
            f"version mismatch: pyproject.toml says {version!r}, tutor_app/__init__.py says "
            f"{in_package!r}. pyproject.toml is the source: update __version__ to match."
        )
    return version


def bundle_dir(dist: Path) -> Path:
    return dist / APP


def tarball_path(dist: Path, version: str) -> Path:
    return dist / f"{APP}-{version}-{ARCH_TARBALL}.tar.gz"


def tarball_top(version: str) -> str:
    """The single folder the tarball unpacks to."""
    return f"{APP}-{version}"


def deb_path(dist: Path, version: str) -> Path:
    return dist / f"{APP}_{version}_{ARCH_DEB}.deb"
