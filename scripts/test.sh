#!/usr/bin/env bash
# Runs every test of ChildProtection.sln, on a developer machine or a fresh Debian 12 (CI).
#
#   ./scripts/test.sh                                     # everything
#   ./scripts/test.sh --filter FullyQualifiedName~Slug    # extra args go to `dotnet test`
#
# It installs the Debian packages the tests need (when run as root), starts PostgreSQL, Redis and an
# SMTP sink on 127.0.0.1, builds the solution once, runs the tests, and prints as its LAST line
#
#   N passed, N failed
#
# counted from the TRX files of this run. Exit status is non-zero if the build or `dotnet test`
# failed, if any test failed, or if no test ran.
#
# Environment (all optional):
#   CP_PG_PASSWORD      password set for (and used by) the `postgres` role   [childprotection-test]
#   CP_SMTP_PORT        port for the SMTP sink; a free one is used if taken   [2525]
#   CP_KEEP_SERVICES=1  leave the PostgreSQL/Redis this script started running (faster re-runs)
#
# The tests get: CP_TEST_POSTGRES, CP_TEST_REDIS, CP_TEST_SMTP_HOST, CP_TEST_SMTP_PORT,
# CP_TEST_MAILDIR (Maildir of the sink: one file per message in $CP_TEST_MAILDIR/new/), CP_CHROMIUM, CP_NGINX.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
cd "$REPO_ROOT"

CP_LOG_PREFIX="[test.sh]"
# shellcheck source=lib/common.sh
source "$REPO_ROOT/scripts/lib/common.sh"
# shellcheck source=lib/postgres.sh
source "$REPO_ROOT/scripts/lib/postgres.sh"

PG_PASSWORD="${CP_PG_PASSWORD:-childprotection-test}"
SMTP_PORT="${CP_SMTP_PORT:-2525}"
KEEP_SERVICES="${CP_KEEP_SERVICES:-0}"
REDIS_PORT=6379

# What this script started (and so may stop). Nothing else is ever stopped.
STARTED_PG=0
STARTED_REDIS=0
SMTP_PID=""
MAILDIR=""
PGV=""
PG_PORT=5432
STATE_DIR="$(mktemp -d -t cp-test.XXXXXX)"
CLEANED=0

cleanup() {
    ((CLEANED)) && return 0
    CLEANED=1
    set +e
    if [[ -n $SMTP_PID ]]; then
        cp_stop_pid "$SMTP_PID" 5
    fi
    [[ -n $MAILDIR ]] && rm -rf -- "$MAILDIR"
    if ((STARTED_REDIS)) && [[ $KEEP_SERVICES != 1 ]]; then
        local rpid
        rpid=$(cat "$STATE_DIR/redis.pid" 2>/dev/null)
        [[ -n $rpid ]] && cp_stop_pid "$rpid" 10
    fi
    if ((STARTED_PG)) && [[ $KEEP_SERVICES != 1 ]]; then
        pg_ctlcluster "$PGV" main stop >/dev/null 2>&1
    fi
    rm -rf -- "$STATE_DIR"
    set -e
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Stop our services, then print the summary as the very last line and exit.
finish() {
    local rc=$1 passed=$2 failed=$3
    cleanup
    echo "$passed passed, $failed failed"
    exit "$rc"
}

# --- 1. Debian packages ---------------------------------------------------------------------
cp_has_redis() { cp_has_cmd redis-server && cp_has_cmd redis-cli; }

cp_need chromium test -x /usr/bin/chromium
cp_need python3-aiosmtpd /usr/bin/python3 -c 'import aiosmtpd'
cp_need redis-server cp_has_redis
cp_need nginx cp_has_cmd nginx
cp_need poppler-utils cp_has_cmd pdftotext
cp_need fonts-noto-core test -f /usr/share/fonts/truetype/noto/NotoSans-Regular.ttf
cp_need postgresql cp_has_postgres
cp_install_missing
cp_has_cmd dotnet || cp_die "the .NET SDK (dotnet) is not on PATH"

# --- 2. PostgreSQL --------------------------------------------------------------------------
start_postgres

# --- 3. Redis -------------------------------------------------------------------------------
redis_ping() { [[ $(redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null) == PONG ]]; }

if ! redis_ping; then
    cp_port_open 127.0.0.1 "$REDIS_PORT" &&
        cp_die "something listens on 127.0.0.1:$REDIS_PORT but does not answer a Redis PING"
    redis-server --daemonize yes --bind 127.0.0.1 --port "$REDIS_PORT" --save '' --appendonly no \
        --dir "$STATE_DIR" --pidfile "$STATE_DIR/redis.pid" --logfile "$STATE_DIR/redis.log" >/dev/null ||
        cp_die "redis-server failed to start"
    STARTED_REDIS=1
    cp_wait_for 10 redis_ping ||
        { cat "$STATE_DIR/redis.log" >&2 2>/dev/null; cp_die "Redis did not answer PING within 10 s"; }
    cp_log "started Redis on 127.0.0.1:$REDIS_PORT"
fi

# --- 4. SMTP sink (aiosmtpd, one Maildir file per message) ------------------------------------
if cp_port_open 127.0.0.1 "$SMTP_PORT"; then
    busy=$SMTP_PORT
    SMTP_PORT=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    cp_log "port $busy is taken; the SMTP sink uses port $SMTP_PORT (exported as CP_TEST_SMTP_PORT)"
fi
MAILDIR=$(mktemp -u -t cp-maildir.XXXXXX) # must NOT exist yet: aiosmtpd creates the Maildir
setsid /usr/bin/python3 -m aiosmtpd -n -l "127.0.0.1:$SMTP_PORT" -c aiosmtpd.handlers.Mailbox "$MAILDIR" \
    </dev/null >"$STATE_DIR/smtp.log" 2>&1 &
SMTP_PID=$!
smtp_up() { kill -0 "$SMTP_PID" 2>/dev/null && cp_port_open 127.0.0.1 "$SMTP_PORT"; }
if ! cp_wait_for 10 smtp_up; then
    cat "$STATE_DIR/smtp.log" >&2
    cp_die "the SMTP sink did not start on 127.0.0.1:$SMTP_PORT"
fi

# --- 5. Environment for the tests -----------------------------------------------------------
export CP_TEST_POSTGRES="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Password=$PG_PASSWORD"
export CP_TEST_REDIS="127.0.0.1:$REDIS_PORT"
export CP_TEST_SMTP_HOST=127.0.0.1
export CP_TEST_SMTP_PORT="$SMTP_PORT"
export CP_TEST_MAILDIR="$MAILDIR"
export CP_CHROMIUM=/usr/bin/chromium
# The two-node tests put nginx in front of two site processes; each test starts its own on free ports.
CP_NGINX=$(command -v nginx)
export CP_NGINX
export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_NOLOGO=1
# Hundreds of test hosts start in one run: none watches appsettings.json with inotify, whose per-user limit (128
# instances by default) they would otherwise exhaust, so that a host started later fails before its first line.
export DOTNET_hostBuilder__reloadConfigOnChange=false
export DOTNET_USE_POLLING_FILE_WATCHER=true

# --- 6. Build once, then test -----------------------------------------------------------------
cp_log "building ChildProtection.sln (Release)"
set +e
dotnet build ChildProtection.sln -c Release -nologo -v q
build_rc=$?
set -e
if ((build_rc != 0)); then
    cp_log "BUILD FAILED (exit $build_rc); no tests were run"
    finish "$build_rc" 0 0
fi

RESULTS_DIR="$REPO_ROOT/TestResults/$(date -u +%Y%m%dT%H%M%SZ)"
while [[ -e $RESULTS_DIR ]]; do RESULTS_DIR="${RESULTS_DIR%-*}-$RANDOM"; done
mkdir -p "$RESULTS_DIR"

cp_log "running tests (TRX files in ${RESULTS_DIR#"$REPO_ROOT"/})"
set +e
dotnet test ChildProtection.sln -c Release --no-build \
    --logger "trx" --logger "console;verbosity=minimal" \
    --results-directory "$RESULTS_DIR" "$@"
test_rc=$?
set -e

# --- 7. Count results from the TRX files ------------------------------------------------------
counts_file="$STATE_DIR/counts"
if /usr/bin/python3 - "$RESULTS_DIR" "$counts_file" <<'PY'
import pathlib
import sys
import xml.etree.ElementTree as ET

NS = "{http://microsoft.com/schemas/VisualStudio/TeamTest/2010}"
FAILED_OUTCOMES = {"Failed", "Error", "Timeout", "Aborted"}
results_dir, counts_file = pathlib.Path(sys.argv[1]), sys.argv[2]

passed = failed = 0
failures = []
for trx in sorted(results_dir.rglob("*.trx")):
    try:
        root = ET.parse(trx).getroot()
    except ET.ParseError as e:
        print(f"[test.sh] unreadable TRX {trx.name}: {e}", file=sys.stderr)
        failed += 1
        continue
    for c in root.iter(NS + "Counters"):
        a = lambda k: int(c.get(k, "0") or 0)
        passed += a("passed")
        # "failed" plus the outcomes that are failures by another name
        failed += a("failed") + a("error") + a("timeout") + a("aborted")
    for r in root.iter(NS + "UnitTestResult"):
        if r.get("outcome") in FAILED_OUTCOMES:
            msg = r.find(f"{NS}Output/{NS}ErrorInfo/{NS}Message")
            text = (msg.text or "").strip() if msg is not None else ""
            failures.append((r.get("testName", "?"), r.get("outcome"), text))

if failures:
    print()
    print(f"FAILED TESTS ({len(failures)}):")
    for name, outcome, text in failures:
        print(f"  x {name}" + ("" if outcome == "Failed" else f" [{outcome}]"))
        lines = [l for l in text.splitlines() if l.strip()]
        for l in lines[:6]:
            print(f"      {l.rstrip()[:300]}")
        if len(lines) > 6:
            print(f"      ... ({len(lines) - 6} more lines in the TRX)")
    print()
sys.stdout.flush()
with open(counts_file, "w") as f:
    f.write(f"{passed} {failed}\n")
PY
then
    read -r passed failed <"$counts_file"
else
    cp_log "could not read the TRX files"
    passed=0 failed=0
    ((test_rc != 0)) || test_rc=1
fi

rc=0
if ((test_rc != 0)); then
    cp_log "dotnet test exited with $test_rc"
    rc=$test_rc
fi
if ((failed > 0)); then
    rc=1
fi
if ((passed + failed == 0)); then
    cp_log "no tests ran"
    rc=1
fi
finish "$rc" "$passed" "$failed"
