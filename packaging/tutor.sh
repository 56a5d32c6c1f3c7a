#!/usr/bin/env bash
# The README's two commands, for a fresh Debian/Ubuntu that has only bash, apt and python3:
#
#   bash packaging/tutor.sh run  [app arguments]      installs what it needs, opens the app
#   bash packaging/tutor.sh test [pytest arguments]   installs what it needs, runs the suite
#
# Fresh desktops have no make, no python3-venv and not all the libraries Qt loads, so this
# script, not make, is the entry point; the Makefile calls it too (`make run`, `make test`).
# As root it installs the missing Debian packages with apt-get; otherwise it prints the one
# `sudo apt-get install` line to run and stops. Then it creates .venv with the pinned wheels
# of requirements*.txt (again only when they changed) and runs the app or pytest offscreen.
#
# Other subcommands (for the Makefile): `deps run|test|dist`, `venv`, `dist-venv`.
# TUTOR_VENV overrides where the venv lives (default .venv).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PYTHON="${PYTHON:-python3}"
VENV="${TUTOR_VENV:-$ROOT/.venv}"  # the Makefile passes VENV=... on
PY="$VENV/bin/python"
STAMP="$VENV/.installed"
DIST_STAMP="$VENV/.dist-installed"

# What Qt's wheels load from the system (PLATFORM.md): offscreen, then a real (xcb) window.
APT_QT=(libegl1 libgl1 libfontconfig1 libxkbcommon0 libdbus-1-3 libglib2.0-0 fontconfig)
APT_WINDOW=(libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0
            libxcb-shape0 libxcb-xkb1 libxkbcommon-x11-0)
APT_TEST=(xvfb xauth)          # the one test that opens a real window
APT_DIST=(binutils patchelf)   # make dist: strip, objdump, RUNPATH scrubbing

say() { printf '%s\n' "$*" >&2; }
die() { say "tensor-tutor: $*"; exit 1; }

check_python() {
    command -v "$PYTHON" >/dev/null 2>&1 || die "python3 not found. Install it: sudo apt-get install python3"
    "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' ||
        die "Python >= 3.11 is needed; $PYTHON is $("$PYTHON" -c 'import platform; print(platform.python_version())'). On Ubuntu 22.04 use the .deb or the tarball (see README)."
}

# Names of installed packages and of what they provide (Debian 13 and Ubuntu 24.04 renamed
# libglib2.0-0 to libglib2.0-0t64, which provides the old name).
installed_names() {
    dpkg-query -W -f='${db:Status-Abbrev}|${Package}|${Provides}\n' 2>/dev/null |
        awk -F'|' '$1 ~ /^ii/ { print $2; n = split($3, p, ", "); for (i = 1; i <= n; i++) { sub(/ .*/, "", p[i]); print p[i] } }' |
        sort -u
}

# Debian packages of the given groups that are missing, space-separated.
missing_packages() {
    local wanted=("$@") have missing=()
    have="$(installed_names)"
    for p in "${wanted[@]}"; do
        grep -qxF "$p" <<<"$have" || missing+=("$p")
    done
    # Debian splits venv/ensurepip out of python3; probe the module rather than a package name.
    "$PYTHON" -c 'import venv, ensurepip' 2>/dev/null || missing+=(python3-venv)
    printf '%s\n' "${missing[*]:-}"
}

ensure_packages() {
    local purpose="$1" wanted=()
    case "$purpose" in
        run)  wanted=("${APT_QT[@]}" "${APT_WINDOW[@]}") ;;
        test) wanted=("${APT_QT[@]}" "${APT_WINDOW[@]}" "${APT_TEST[@]}") ;;
        dist) wanted=("${APT_QT[@]}" "${APT_WINDOW[@]}" "${APT_DIST[@]}") ;;
        *) die "unknown package group '$purpose' (run, test or dist)" ;;
    esac
    check_python
    if ! command -v dpkg-query >/dev/null 2>&1; then
        say "Not a Debian/Ubuntu system: make sure Qt's libraries (EGL, OpenGL, fontconfig, xcb) are installed."
        return 0
    fi
    local missing
    missing="$(missing_packages "${wanted[@]}")"
    [ -z "$missing" ] && return 0
    if [ "$(id -u)" = 0 ]; then
        say "apt-get install $missing"
        export DEBIAN_FRONTEND=noninteractive
        # shellcheck disable=SC2086  # one word per package
        apt-get -o Acquire::Retries=5 update -qq &&
            apt-get -o Acquire::Retries=5 install -y -qq --no-install-recommends $missing >/dev/null ||
            die "apt-get could not install: $missing"
    else
        say "Missing system packages. Please run:"
        say "  sudo apt-get install -y --no-install-recommends $missing"
        say "then run this command again."
        exit 1
    fi
}

# True when the stamp is missing or older than any of the given requirement files.
stale() {
    local stamp="$1"; shift
    [ -e "$stamp" ] || return 0
    for f in "$@"; do [ "$f" -nt "$stamp" ] && return 0; done
    return 1
}

ensure_venv() {
    check_python
    stale "$STAMP" requirements.txt requirements-dev.txt || return 0
    [ -x "$PY" ] || "$PYTHON" -m venv "$VENV" || die "could not create $VENV"
    say "Installing the pinned wheels into .venv (first time only)…"
    "$PY" -m pip install -q --upgrade pip
    "$PY" -m pip install -q -r requirements-dev.txt
    "$PY" -m pip install -q --no-deps -e . ||
        say "editable install skipped: run with .venv/bin/python -m tutor_app"
    touch "$STAMP"
}

ensure_dist_venv() {
    ensure_venv
    stale "$DIST_STAMP" requirements-dist.txt "$STAMP" || return 0
    "$PY" -m pip install -q -r requirements-dist.txt
    touch "$DIST_STAMP"
}

main() {
    local command="${1:-}"
    [ $# -gt 0 ] && shift
    case "$command" in
        run)
            ensure_packages run
            ensure_venv
            exec "$PY" -m tutor_app "$@" ;;
        test)
            ensure_packages test
            ensure_venv
            QT_QPA_PLATFORM=offscreen exec "$PY" -m pytest "$@" ;;
        deps) ensure_packages "${1:-run}" ;;
        venv) ensure_venv ;;
        dist-venv) ensure_dist_venv ;;
        *)
            say "usage: bash packaging/tutor.sh run [--lesson ID --lang zh|en ...]"
            say "       bash packaging/tutor.sh test [pytest arguments]"
            exit 2 ;;
    esac
}

main "$@"
