#!/usr/bin/env bash
# The .deb on clean systems (the last step of `make dist-check`; root needed):
#
#   bash packaging/deb_fresh_check.sh [SUITE ...]      (default: bookworm trixie)
#
# For each suite: a bare Debian (debootstrap minbase, fresh_root.sh), then, as a learner
# would, `apt-get install ./tensor-tutor_<version>_amd64.deb` (so its Depends: line must name
# every system library it needs), `tensor-tutor --version`, `tensor-tutor --screenshot` as an
# ordinary user (every lesson, zh and en, non-blank), and `apt-get remove tensor-tutor`,
# which must take the app away and leave the learner's progress exactly as it was.
# Exits non-zero on any failure; leaves nothing mounted.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=packaging/fresh_root.sh
source "$REPO/packaging/fresh_root.sh"
VENV="${TUTOR_VENV:-.venv}"
[[ "$VENV" == /* ]] || VENV="$REPO/$VENV"
PY="$VENV/bin/python"
SUITES=("$@")
[ ${#SUITES[@]} -gt 0 ] || SUITES=(bookworm trixie)

VERSION="$("$PY" -c 'import sys; sys.path.insert(0, "packaging"); import artefacts; print(artefacts.checked_version())')"
DEB="$REPO/dist/tensor-tutor_${VERSION}_amd64.deb"
[ -f "$DEB" ] || fresh_fail "$DEB missing: run make dist"
fresh_init

LEARNER=learner
DATA=/home/$LEARNER/.local/share/tensor-tutor

# Runs a command inside ROOT as the learner, with an empty environment, offscreen.
as_learner() {
    local root="$1"; shift
    env -i HOME=/home/$LEARNER PATH="$FRESH_PATH" LANG=C.UTF-8 QT_QPA_PLATFORM=offscreen \
        chroot --userspec=$LEARNER:$LEARNER "$root" "$@"
}

# sha256 of every file in the learner's data folder, sorted (empty when there is none).
data_digest() {
    local root="$1"
    [ -d "$root$DATA" ] || return 0
    (cd "$root$DATA" && find . -type f -print0 | sort -z | xargs -0r sha256sum)
}

check_suite() {
    local suite="$1" started=$SECONDS root shots
    fresh_log "=== $(basename "$DEB") on fresh $suite"
    fresh_root_new "$suite" "deb-$suite"
    root="$FRESH_ROOT"
    cp "$DEB" "$root/tmp/"
    local t=$SECONDS
    fresh_retry 3 fresh_in "$root" sh -c \
        "cd /tmp && apt-get update -qq && apt-get install -y -qq ./$(basename "$DEB") >/tmp/apt.log 2>&1" || {
        tail -20 "$root/tmp/apt.log" >&2
        fresh_fail "$suite: apt-get install ./$(basename "$DEB") failed"
    }
    fresh_log "$suite: apt-get install ./$(basename "$DEB") in $((SECONDS - t)) s" \
        "(system $(du -sh --one-file-system "$root" | cut -f1))"

    fresh_in "$root" useradd --create-home --shell /bin/bash "$LEARNER"
    local said
    said="$(as_learner "$root" tensor-tutor --version 2>&1)"
    [ "$said" = "tensor-tutor $VERSION" ] || fresh_fail "$suite: tensor-tutor --version said: $said"

    # The learner's progress, written by the app's own code before the app first runs.
    "$PY" "$REPO/packaging/deb_fresh_helpers.py" seed-progress "$root$DATA/progress.json"
    fresh_in "$root" chown -R $LEARNER:$LEARNER /home/$LEARNER/.local

    t=$SECONDS
    shots=/home/$LEARNER/shots
    if ! as_learner "$root" tensor-tutor --screenshot "$shots" >"$root/tmp/shots.log" 2>&1; then
        tail -20 "$root/tmp/shots.log" >&2
        fresh_fail "$suite: tensor-tutor --screenshot failed (missing library? check Depends:)"
    fi
    if grep -q Traceback "$root/tmp/shots.log"; then
        grep -A10 Traceback "$root/tmp/shots.log" >&2
        fresh_fail "$suite: tensor-tutor --screenshot printed a traceback"
    fi
    local verdict
    verdict="$("$PY" "$REPO/packaging/deb_fresh_helpers.py" screenshots "$root$shots" \
        "$root/opt/tensor-tutor/_internal/resources/lessons")" ||
        fresh_fail "$suite: screenshots: see above"
    fresh_log "$suite: --screenshot as $LEARNER in $((SECONDS - t)) s: $verdict"

    local before after
    before="$(data_digest "$root")"
    grep -q ' ./progress.json$' <<<"$before" || fresh_fail "$suite: no progress.json before removal"
    fresh_retry 2 fresh_in "$root" apt-get remove -y -qq tensor-tutor >/dev/null ||
        fresh_fail "$suite: apt-get remove tensor-tutor failed"
    [ ! -e "$root/opt/tensor-tutor" ] && [ ! -e "$root/usr/bin/tensor-tutor" ] ||
        fresh_fail "$suite: apt-get remove left /opt/tensor-tutor or /usr/bin/tensor-tutor behind"
    after="$(data_digest "$root")"
    [ "$before" = "$after" ] || fresh_fail "$suite: apt-get remove changed the learner's data:
before:
$before
after:
$after"
    fresh_log "$suite: apt-get remove took the app away, left $DATA ($(wc -l <<<"$before") files) as it was"
    fresh_root_remove "$root"
    fresh_log "$suite: .deb check PASSED in $((SECONDS - started)) s"
}

for suite in "${SUITES[@]}"; do
    check_suite "$suite"
done
fresh_log "deb fresh check PASSED on: ${SUITES[*]}"
