#!/usr/bin/env bash
# The README's two commands on a fresh Debian, as a new user would run them (root needed):
#
#   bash packaging/fresh_check.sh [bookworm|trixie] [--seconds N]
#
# Makes a bare Debian (debootstrap minbase, see fresh_root.sh), installs python3 (what every
# desktop install has; no make, no venv module, no Qt libraries), clones this checkout's HEAD
# into it, runs the README's test command to completion, then its run command offscreen for
# N seconds (default 90): the app must still be running with no traceback in its output.
# The commands are read from the README's first code block, so the check follows the README.
# Prints the figures (times, sizes, pass counts); exits non-zero on any failure. Leaves
# nothing mounted, even when interrupted.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=packaging/fresh_root.sh
source "$REPO/packaging/fresh_root.sh"

SUITE=bookworm
RUN_SECONDS=90
TEST_TIMEOUT=2400
while [ $# -gt 0 ]; do
    case "$1" in
        --seconds) RUN_SECONDS="$2"; shift 2 ;;
        bookworm|trixie|sid|forky) SUITE="$1"; shift ;;
        *) echo "usage: $0 [bookworm|trixie] [--seconds N]" >&2; exit 2 ;;
    esac
done

# The README's first code block: line 1 runs the app, line 2 runs the tests.
readme_commands() {
    awk '/^```/ { if (inside) exit; inside = 1; next } inside { sub(/[ \t]*#.*/, ""); if ($0 != "") print }' \
        "$REPO/README.md"
}
mapfile -t COMMANDS < <(readme_commands)
[ "${#COMMANDS[@]}" = 2 ] ||
    fresh_fail "README's first code block must hold exactly two commands (run, test); found ${#COMMANDS[@]}"
RUN_CMD="${COMMANDS[0]}"
TEST_CMD="${COMMANDS[1]}"

STARTED=$SECONDS
LOGS="$FRESH_WORK/logs-$SUITE"
mkdir -p "$LOGS"
fresh_init
phase_start=$SECONDS
took() { echo "$((SECONDS - phase_start)) s"; }

fresh_log "fresh-check $SUITE: run '$RUN_CMD', test '$TEST_CMD' (logs in $LOGS)"
fresh_root_new "$SUITE" "fresh-$SUITE"
ROOT="$FRESH_ROOT"
fresh_log "bare $SUITE in $ROOT ($(du -sh --one-file-system "$ROOT" | cut -f1)) in $(took)"

phase_start=$SECONDS
fresh_apt_install "$ROOT" python3 || fresh_fail "apt-get install python3 failed 3 times"
PY_VERSION="$(fresh_in "$ROOT" python3 -c 'import platform; print(platform.python_version())')"
fresh_log "python3 $PY_VERSION installed in $(took)"

HEAD="$(git -C "$REPO" rev-parse HEAD)"
[ -z "$(git -C "$REPO" status --porcelain --untracked-files=no)" ] ||
    fresh_log "note: uncommitted changes in $REPO are not part of the check (HEAD ${HEAD:0:10} is)"
CLONE=/root/tensor-tutor
git clone -q --no-hardlinks "$REPO" "$ROOT$CLONE"
git -C "$ROOT$CLONE" checkout -q --detach "$HEAD"

# The test command. Its first part installs packages and wheels from the network, so a run
# that dies before pytest prints its summary is retried (twice); a red suite is not.
summary=""
for attempt in 1 2 3; do
    phase_start=$SECONDS
    set +e
    timeout "$TEST_TIMEOUT" env -i HOME=/root PATH="$FRESH_PATH" LANG=C.UTF-8 \
        PIP_CERT="$FRESH_CA" PIP_RETRIES=10 PIP_DEFAULT_TIMEOUT=120 \
        chroot "$ROOT" bash -c "cd $CLONE && $TEST_CMD" >"$LOGS/test.log" 2>&1
    status=$?
    set -e
    TEST_TOOK="$(took)"
    summary="$(grep -E '^(=+ )?[0-9]+ (passed|failed|error)' "$LOGS/test.log" | tail -1 || true)"
    [ -n "$summary" ] && break
    fresh_log "test command ended (exit $status) before pytest's summary, attempt $attempt of 3:"
    tail -15 "$LOGS/test.log" >&2
    [ "$status" = 124 ] && fresh_fail "test command timed out after $TEST_TIMEOUT s"
    sleep 10
done
[ -n "$summary" ] || fresh_fail "the test command never reached pytest (log: $LOGS/test.log)"
fresh_log "test command: $summary (exit $status, $TEST_TOOK)"
# A red suite is reported at the end; the run command is still tried, for the whole picture.
FAILURES=()
if [ "$status" != 0 ]; then
    grep -E '^(FAILED|ERROR) ' "$LOGS/test.log" >&2 || tail -30 "$LOGS/test.log" >&2
    FAILURES+=("the README's test command is red on fresh $SUITE (python3 $PY_VERSION): $summary")
fi
VENV_SIZE="$(du -sh "$ROOT$CLONE/.venv" | cut -f1)"

# The run command, offscreen, in its own session so the whole tree can be stopped after.
phase_start=$SECONDS
setsid env -i HOME=/root PATH="$FRESH_PATH" LANG=C.UTF-8 QT_QPA_PLATFORM=offscreen \
    PIP_CERT="$FRESH_CA" chroot "$ROOT" bash -c "cd $CLONE && $RUN_CMD" >"$LOGS/run.log" 2>&1 &
RUN_PID=$!
app_running() { fresh_pids_in "$ROOT" | while read -r pid; do tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null; echo; done | grep -q -- '-m tutor_app'; }
for _ in $(seq "$RUN_SECONDS"); do
    kill -0 "$RUN_PID" 2>/dev/null || break
    sleep 1
done
alive=0; app_running && alive=1
kill -TERM -- "-$RUN_PID" 2>/dev/null || true
wait "$RUN_PID" 2>/dev/null || true
if [ "$alive" != 1 ]; then
    tail -30 "$LOGS/run.log" >&2
    FAILURES+=("the README's run command did not keep the app running for $RUN_SECONDS s")
elif grep -q 'Traceback' "$LOGS/run.log"; then
    grep -A15 'Traceback' "$LOGS/run.log" | head -40 >&2
    FAILURES+=("the app printed a traceback on fresh $SUITE")
else
    fresh_log "run command: app still running after $RUN_SECONDS s, no traceback"
fi

ROOT_SIZE="$(du -sh --one-file-system "$ROOT" | cut -f1)"
FIGURES="python3 $PY_VERSION, $summary ($TEST_TOOK), system + clone $ROOT_SIZE, .venv $VENV_SIZE"
if [ ${#FAILURES[@]} -gt 0 ]; then
    printf '  - %s\n' "${FAILURES[@]}" >&2
    fresh_fail "fresh-check $SUITE in $((SECONDS - STARTED)) s: $FIGURES"
fi
fresh_log "fresh-check $SUITE PASSED in $((SECONDS - STARTED)) s: $FIGURES"
