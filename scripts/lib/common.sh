# Shared helpers for scripts/test.sh and bench/*.sh. Source it; do not run it.
#
#   source "$REPO_ROOT/scripts/lib/common.sh"
#
# Everything here is quiet unless something goes wrong. Messages go to stderr so that a
# script's stdout stays its own (scripts/test.sh must end stdout with "N passed, N failed").

# Prefix for messages; a script may set CP_LOG_PREFIX before sourcing.
: "${CP_LOG_PREFIX:=[cp]}"

cp_log() { printf '%s %s\n' "$CP_LOG_PREFIX" "$*" >&2; }
cp_die() { printf '%s ERROR: %s\n' "$CP_LOG_PREFIX" "$*" >&2; exit 1; }

# ---------------------------------------------------------------------------------------------
# Debian packages.
#
#   cp_need PACKAGE CHECK_COMMAND [ARGS...]   # records PACKAGE as missing if the check fails
#   cp_install_missing                        # apt-get update once + install all recorded ones
#
# Checks run with their output discarded; a check is any command (or shell function).
# ---------------------------------------------------------------------------------------------
CP_MISSING=()

cp_need() {
    local pkg=$1
    shift
    if ! "$@" >/dev/null 2>&1; then
        CP_MISSING+=("$pkg")
    fi
}

cp_has_cmd() { command -v "$1" >/dev/null 2>&1; }

# PostgreSQL server binaries + Debian's cluster tools + the client tools we use.
cp_has_postgres() {
    cp_has_cmd pg_ctlcluster && cp_has_cmd pg_lsclusters && cp_has_cmd pg_createcluster &&
        cp_has_cmd pg_isready && cp_has_cmd psql &&
        compgen -G '/usr/lib/postgresql/*/bin/postgres' >/dev/null
}

cp_install_missing() {
    ((${#CP_MISSING[@]} == 0)) && return 0
    if [[ $(id -u) -ne 0 ]]; then
        cp_die "missing Debian packages: ${CP_MISSING[*]}. Install them as root:
    apt-get update && apt-get install -y ${CP_MISSING[*]}
(or run this script once as root; it installs them itself)."
    fi
    cp_has_cmd apt-get || cp_die "missing packages (${CP_MISSING[*]}) and no apt-get on this machine"
    local log
    log=$(mktemp -t cp-apt.XXXXXX)
    cp_log "installing Debian packages: ${CP_MISSING[*]}"
    # Wait for a dpkg lock held by someone else instead of failing at once.
    if ! apt-get -o DPkg::Lock::Timeout=300 update -qq >"$log" 2>&1; then
        cat "$log" >&2
        rm -f "$log"
        cp_die "apt-get update failed"
    fi
    if ! DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y -qq \
        "${CP_MISSING[@]}" >"$log" 2>&1; then
        cat "$log" >&2
        rm -f "$log"
        cp_die "apt-get install ${CP_MISSING[*]} failed"
    fi
    rm -f "$log"
    CP_MISSING=()
}

# ---------------------------------------------------------------------------------------------
# Small utilities.
# ---------------------------------------------------------------------------------------------

# cp_port_open HOST PORT: true if something accepts TCP connections there.
cp_port_open() {
    (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null
}

# cp_wait_for SECONDS COMMAND [ARGS...]: retry the command every 0.2 s until it succeeds.
cp_wait_for() {
    local secs=$1
    shift
    local tries=$((secs * 5))
    while ((tries-- > 0)); do
        "$@" >/dev/null 2>&1 && return 0
        sleep 0.2
    done
    return 1
}

# cp_stop_pid PID [SECONDS]: SIGTERM one process we started, SIGKILL it if it lingers.
cp_stop_pid() {
    local pid=$1 secs=${2:-10}
    [[ -n $pid ]] || return 0
    kill -0 "$pid" 2>/dev/null || return 0
    kill -TERM "$pid" 2>/dev/null || true
    local tries=$((secs * 10))
    while ((tries-- > 0)) && kill -0 "$pid" 2>/dev/null; do
        sleep 0.1
    done
    if kill -0 "$pid" 2>/dev/null; then
        kill -KILL "$pid" 2>/dev/null || true
    fi
    wait "$pid" 2>/dev/null || true
}
