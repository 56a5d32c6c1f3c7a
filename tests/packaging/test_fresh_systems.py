"""The README's two commands, the entry script behind them and the bundle's system floor.

The full proofs run on fresh Debian systems (packaging/fresh_check.sh, deb_fresh_check.sh,
as root, minutes each); these tests pin the contracts those scripts rely on.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "packaging"))

import bundle_filter  # noqa: E402
import check_rules  # noqa: E402
import elf_tools  # noqa: E402

TUTOR = ROOT / "packaging" / "tutor.sh"


def readme_first_block() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```[a-z]*\n(.*?)```", text, re.S).group(1)
    commands = [re.sub(r"\s*#.*", "", line).strip() for line in block.splitlines()]
    return [c for c in commands if c]


def test_readme_first_block_is_run_then_test_through_the_entry_script():
    assert readme_first_block() == ["bash packaging/tutor.sh run", "bash packaging/tutor.sh test"]


def test_ci_runs_exactly_the_readme_test_command_then_the_fresh_debian_12_check():
    lines = [line.strip() for line in (ROOT / ".ci" / "run").read_text().splitlines()
             if line.strip() and not line.lstrip().startswith("#")]
    test_command = readme_first_block()[1]
    assert test_command in lines
    assert lines.index(test_command) < lines.index("bash packaging/fresh_check.sh bookworm")


def _fake_system(tmp_path: Path, installed: list[str], venv_ok: bool) -> dict[str, str]:
    """A PATH whose dpkg-query lists *installed* ("name" or "name>provided"), as a non-root
    user, with a python3 that reports Python 3.11 and (maybe) lacks the venv module."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    rows = []
    for item in installed:
        name, _, provides = item.partition(">")
        rows.append(f"ii |{name}|{provides + ' (= 1)' if provides else ''}")
    (bin_dir / "dpkg-query").write_text("#!/bin/sh\ncat <<'END'\n" + "\n".join(rows) + "\nEND\n")
    (bin_dir / "id").write_text("#!/bin/sh\necho 1000\n")
    python = (f"#!/bin/sh\ncase \"$*\" in *'import venv'*) exit {0 if venv_ok else 1};; esac\n"
              f"exec {sys.executable} \"$@\"\n")
    (bin_dir / "python3").write_text(python)
    for tool in bin_dir.iterdir():
        tool.chmod(0o755)
    path = f"{bin_dir}:{os.path.dirname(shutil.which('bash'))}:/usr/bin:/bin"
    return {"PATH": path, "HOME": str(tmp_path), "LANG": "C.UTF-8"}


def test_entry_script_prints_the_one_sudo_line_when_not_root(tmp_path):
    everything_but = ["libegl1", "libgl1", "libfontconfig1", "libxkbcommon0", "libdbus-1-3",
                      "fontconfig", "libxcb-cursor0", "libxcb-icccm4", "libxcb-image0",
                      "libxcb-render-util0", "libxcb-shape0", "libxcb-xkb1", "libxkbcommon-x11-0"]
    # Debian 13 / Ubuntu 24.04 name: libglib2.0-0t64 provides libglib2.0-0.
    env = _fake_system(tmp_path, [*everything_but, "libglib2.0-0t64>libglib2.0-0"],
                       venv_ok=False)
    done = subprocess.run(["bash", str(TUTOR), "test"], env=env, capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 1
    assert ("sudo apt-get install -y --no-install-recommends libxcb-keysyms1 xvfb xauth "
            "python3-venv") in done.stderr
    assert not (tmp_path / ".venv").exists()


def test_entry_script_asks_nothing_when_everything_is_there(tmp_path):
    packages = ["libegl1", "libgl1", "libfontconfig1", "libxkbcommon0", "libdbus-1-3",
                "libglib2.0-0", "fontconfig", "libxcb-cursor0", "libxcb-icccm4", "libxcb-image0",
                "libxcb-keysyms1", "libxcb-render-util0", "libxcb-shape0", "libxcb-xkb1",
                "libxkbcommon-x11-0"]
    env = _fake_system(tmp_path, packages, venv_ok=True)
    done = subprocess.run(["bash", str(TUTOR), "deps", "run"], env=env, capture_output=True,
                          text=True, timeout=60)
    assert (done.returncode, done.stderr) == (0, "")


def test_entry_script_explains_its_usage():
    done = subprocess.run(["bash", str(TUTOR)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert "bash packaging/tutor.sh test" in done.stderr


@pytest.mark.parametrize("dest", ["libstdc++.so.6", "libexpat.so.1"])
def test_build_machine_copies_of_libstdcxx_and_expat_stay_out(dest):
    assert not bundle_filter.keep_binary(dest)
    used = {dest: ["PySide6/libpyside6.abi3.so.6.12"]}
    assert check_rules.unexpected_system_libraries(used) == []


def test_other_libraries_are_still_bundled():
    assert bundle_filter.keep_binary("PySide6/Qt/lib/libQt6Core.so.6")
    assert bundle_filter.keep_binary("libgcc_s.so.1")


def test_libstdcxx_versions_are_parsed_apart_from_glibc():
    text = b"0 DF *UND* GLIBCXX_3.4.30 _ZNSt\n0 DF *UND* GLIBC_2.34 dlsym\n GLIBCXX_3.4.9 x"
    assert max(elf_tools.glibcxx_versions_in(text)) == (3, 4, 30)
    assert max(elf_tools.glibc_versions_in(text)) == (2, 34)

