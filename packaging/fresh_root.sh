# shellcheck shell=bash
# Fresh Debian systems for the checks in fresh_check.sh and deb_fresh_check.sh (source it).
#
# A "fresh root" is `debootstrap --variant=minbase SUITE` (Debian packages only), unpacked
# from a cached tarball under $FRESH_CACHE (made once per suite, refreshed after 30 days),
# with proc, sys, dev, dev/pts and a private /dev/shm mounted, the host's resolver copied in
# and the host's CA bundle copied to a file of its own ($FRESH_CA inside the root) so pip
# works behind a TLS-inspecting proxy (the root's ca-certificates package would rewrite the
# standard bundle). Downloaded .debs and wheels are cached on the host between runs; they
# only save downloads, the installed system is built from scratch every time.
#
# Every root made here is unmounted and deleted by fresh_cleanup, which fresh_init installs
# as the EXIT/INT/TERM trap, so a failing or interrupted check leaves nothing mounted.

FRESH_CACHE="${FRESH_CACHE:-/var/cache/tensor-tutor-fresh}"
FRESH_WORK="${FRESH_WORK:-/var/tmp/tensor-tutor-fresh}"
FRESH_CA=/etc/tensor-tutor-check-ca.crt
FRESH_PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
FRESH_ROOTS=()

fresh_log() { printf '[%s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
fresh_fail() { fresh_log "FAILED: $*"; exit 1; }

# Runs "$@" up to $1 times (the first argument), 10 s apart: apt and debootstrap hiccups.
fresh_retry() {
    local tries="$1" n=1; shift
    until "$@"; do
        [ "$n" -ge "$tries" ] && return 1
        fresh_log "attempt $n of $tries failed: $*; retrying in 10 s"
        n=$((n + 1)); sleep 10
    done
}

fresh_init() {
    [ "$(id -u)" = 0 ] || fresh_fail "needs root (debootstrap, chroot, mount)"
    command -v debootstrap >/dev/null ||
        fresh_retry 3 env DEBIAN_FRONTEND=noninteractive apt-get -o Acquire::Retries=5 install -y -qq debootstrap >/dev/null ||
        fresh_fail "debootstrap is missing and apt-get could not install it"
    mkdir -p "$FRESH_CACHE" "$FRESH_WORK"
    trap fresh_cleanup EXIT
    trap 'exit 130' INT TERM
    fresh_sweep
}

# Removes roots left by checks that were killed outright (SIGKILL, power loss): each root has
# a ROOT.owner file with its check's pid; roots of checks still running are left alone.
fresh_sweep() {
    local owner root pid
    for owner in "$FRESH_WORK"/*.owner; do
        [ -e "$owner" ] || continue
        root="${owner%.owner}"
        pid="$(cat "$owner" 2>/dev/null || true)"
        [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && continue
        fresh_log "removing $root, left by an earlier check (pid $pid) that did not finish"
        fresh_root_remove "$root" || continue
    done
}

# Sets FRESH_TARBALL to the cached minbase tarball of a suite, made with debootstrap when
# missing or stale. (Globals, not output: a $(...) subshell would lose FRESH_ROOTS.)
fresh_base() {
    local suite="$1" tarball="$FRESH_CACHE/$1-minbase.tar"
    FRESH_TARBALL="$tarball"
    if [ -s "$tarball" ] && [ -z "$(find "$tarball" -mtime +30)" ]; then
        return 0
    fi
    local seed="$FRESH_WORK/seed-$suite-$$"
    FRESH_ROOTS+=("$seed")
    echo $$ >"$seed.owner"
    fresh_log "debootstrap --variant=minbase $suite (cached in $tarball afterwards)"
    local made=0
    for attempt in 1 2 3; do
        rm -rf --one-file-system "$seed"
        if debootstrap --variant=minbase "$suite" "$seed" >"$FRESH_WORK/debootstrap-$suite.log" 2>&1; then
            made=1; break
        fi
        fresh_log "debootstrap attempt $attempt failed (log: $FRESH_WORK/debootstrap-$suite.log)"
        sleep 10
    done
    if [ "$made" != 1 ]; then
        if [ -s "$tarball" ]; then  # stale is better than nothing: apt-get update follows
            fresh_log "debootstrap $suite failed 3 times; using the older $tarball"
            rm -rf --one-file-system "$seed"
            return 0
        fi
        fresh_fail "debootstrap $suite failed 3 times; last lines:
$(tail -5 "$FRESH_WORK/debootstrap-$suite.log")"
    fi
    rm -rf "$seed/var/cache/apt/archives/"*.deb
    tar -C "$seed" -cf "$tarball.part" . && mv "$tarball.part" "$tarball"
    rm -rf --one-file-system "$seed"
}

# Makes a fresh root of SUITE named NAME, mounted and ready; sets FRESH_ROOT to its path.
fresh_root_new() {
    local suite="$1" name="$2" root
    fresh_base "$suite"
    root="$(mktemp -d "$FRESH_WORK/$name-XXXX")"
    FRESH_ROOTS+=("$root")
    echo $$ >"$root.owner"
    FRESH_ROOT="$root"
    tar -C "$root" -xpf "$FRESH_TARBALL"
    mount -t proc proc "$root/proc"
    mount --bind /sys "$root/sys"
    mount --bind /dev "$root/dev"
    mount --bind /dev/pts "$root/dev/pts"
    mount -t tmpfs -o mode=1777 shm "$root/dev/shm"
    mkdir -p "$FRESH_CACHE/apt-$suite/partial" "$FRESH_CACHE/pip-$suite" "$root/root/.cache/pip"
    mount --bind "$FRESH_CACHE/apt-$suite" "$root/var/cache/apt/archives"
    mount --bind "$FRESH_CACHE/pip-$suite" "$root/root/.cache/pip"
    rm -f "$root/etc/resolv.conf"
    cp -L /etc/resolv.conf "$root/etc/resolv.conf"
    if [ -r /etc/ssl/certs/ca-certificates.crt ]; then
        cp -L /etc/ssl/certs/ca-certificates.crt "$root$FRESH_CA"
    else
        : >"$root$FRESH_CA"
    fi
    printf 'Acquire::Retries "5";\n' >"$root/etc/apt/apt.conf.d/80tensor-tutor-check-retries"
}

# Runs a command inside ROOT with an empty environment (HOME, PATH, LANG and pip's network
# settings only), so nothing of this machine's environment leaks in. Extra VAR=value words
# before the command are added to that environment.
fresh_in() {
    local root="$1"; shift
    local vars=(HOME=/root PATH="$FRESH_PATH" LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive
                PIP_CERT="$FRESH_CA" PIP_RETRIES=10 PIP_DEFAULT_TIMEOUT=120
                PIP_DISABLE_PIP_VERSION_CHECK=1)
    while [ $# -gt 0 ] && [[ "$1" == *=* ]]; do vars+=("$1"); shift; done
    env -i "${vars[@]}" chroot "$root" "$@"
}

# apt-get install inside ROOT, retried: the packages a desktop install already has.
fresh_apt_install() {
    local root="$1"; shift
    fresh_retry 3 fresh_in "$root" sh -c 'apt-get update -qq && apt-get install -y -qq --no-install-recommends "$@" >/dev/null' apt "$@"
}

# Process ids whose root directory is ROOT (the app, pytest, Xvfb started inside it).
fresh_pids_in() {
    local root="$1" pid link
    for link in /proc/[0-9]*/root; do
        pid="${link#/proc/}"; pid="${pid%/root}"
        [ "$(readlink "$link" 2>/dev/null)" = "$root" ] && printf '%s\n' "$pid"
    done
    return 0
}

# Mount points at or under ROOT, deepest first.
fresh_mounts_under() {
    awk -v r="$1" '$5 == r || index($5, r "/") == 1 { print $5 }' /proc/self/mountinfo | sort -r
}

fresh_root_remove() {
    local root="$1" pids mounts
    [ -d "$root" ] || { rm -f "$root.owner"; return 0; }
    pids="$(fresh_pids_in "$root")"
    if [ -n "$pids" ]; then
        # shellcheck disable=SC2086
        kill -TERM $pids 2>/dev/null; sleep 2
        pids="$(fresh_pids_in "$root")"
        # shellcheck disable=SC2086
        [ -n "$pids" ] && kill -KILL $pids 2>/dev/null && sleep 1
    fi
    while read -r mnt; do
        [ -n "$mnt" ] && { umount "$mnt" 2>/dev/null || umount -l "$mnt"; }
    done < <(fresh_mounts_under "$root")
    mounts="$(fresh_mounts_under "$root")"
    if [ -n "$mounts" ]; then
        fresh_log "NOT deleting $root: still mounted: $mounts"
        return 1
    fi
    rm -rf --one-file-system "$root"
    rm -f "$root.owner"
}

fresh_cleanup() {
    local status=$? root
    for root in "${FRESH_ROOTS[@]}"; do
        fresh_root_remove "$root" || status=1
    done
    FRESH_ROOTS=()
    exit "$status"
}
