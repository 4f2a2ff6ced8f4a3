#!/usr/bin/env bash
# Benchmark (not a test): the contest load through nginx to two nodes of the published site and to one node, in one
# run, on PostgreSQL. Simulated contestants (bench/contest-load/load.mjs) enter, confirm the e-mailed code, answer with
# autosave and submit; during the two-node run a backup is taken (`backup --to FILE`, from node B's side). Prints
# answers saved per second, the save's p50/p95/p99, what was lost (the database counted after each run), the ratio of
# the two-node p99 to the one-node p99, the backup's duration and the save p99 while it ran.
#
#   ./bench/contest-two-nodes.sh
#   BENCH_CONTESTANTS=300 ./bench/contest-two-nodes.sh     # a quick run
#
# Environment (all optional):
#   BENCH_CONTESTANTS   simulated contestants                                  [1000]
#   BENCH_RAMP          seconds over which they start                          [30]
#   BENCH_THINK_MS      think time before each answer and the submit, ms       [2000-6000]
#   BENCH_WARMUP        contestants run first on each topology, left out of the figures  [200]
#   BENCH_BACKUP_AT     seconds after the load tool starts when the backup starts [75]
#   CP_PG_PASSWORD      password of the local `postgres` role                  [childprotection-test, as scripts/test.sh]
#   BENCH_KEEP=1        keep the temp dir (publish output, node logs, raw figures) and print its path
#
# See bench/README.md ("contest-two-nodes") for what the figures mean.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
cd "$REPO_ROOT"

CP_LOG_PREFIX="[bench]"
# shellcheck source=../scripts/lib/common.sh
source "$REPO_ROOT/scripts/lib/common.sh"
# shellcheck source=../scripts/lib/postgres.sh
source "$REPO_ROOT/scripts/lib/postgres.sh"
# shellcheck source=lib/site.sh
source "$REPO_ROOT/bench/lib/site.sh"
# shellcheck source=lib/contest.sh
source "$REPO_ROOT/bench/lib/contest.sh"

CONTESTANTS="${BENCH_CONTESTANTS:-1000}"
RAMP="${BENCH_RAMP:-30}"
THINK_MS="${BENCH_THINK_MS:-2000-6000}"
WARMUP="${BENCH_WARMUP:-200}"
BACKUP_AT="${BENCH_BACKUP_AT:-75}"
QUESTIONS=20
PG_PASSWORD="${CP_PG_PASSWORD:-childprotection-test}"
[[ $WARMUP =~ ^[0-9]+$ ]] || cp_die "BENCH_WARMUP must be a whole number (got '$WARMUP')"
for n in "$CONTESTANTS" "$RAMP" "$BACKUP_AT"; do
    [[ $n =~ ^[0-9]+$ && $n -gt 0 ]] || cp_die "BENCH_CONTESTANTS, BENCH_RAMP and BENCH_BACKUP_AT must be positive integers (got '$n')"
done
[[ $THINK_MS =~ ^[0-9]+-[0-9]+$ ]] || cp_die "BENCH_THINK_MS must be min-max in ms (got '$THINK_MS')"

NODE_A_PORT=5184
NODE_B_PORT=5186
PROXY_PORT=5188
SMTP_PORT=5185
PROXY="http://127.0.0.1:$PROXY_PORT"
ADMIN_PASSWORD="Bench-Admin-Password-1"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

cp_has_node() { cp_has_cmd node && cp_has_cmd npm; }
cp_need nodejs cp_has_node
cp_need npm cp_has_cmd npm
cp_need curl cp_has_cmd curl
cp_need nginx cp_has_cmd nginx
cp_need postgresql cp_has_postgres
cp_install_missing
cp_has_cmd dotnet || cp_die "the .NET SDK (dotnet) is not on PATH"
for p in $NODE_A_PORT $NODE_B_PORT $PROXY_PORT $SMTP_PORT; do
    cp_port_open 127.0.0.1 "$p" && cp_die "port $p on 127.0.0.1 is already in use; stop whatever listens there"
done

TMP="$(mktemp -d -t cp-bench.XXXXXX)"
STATE_DIR="$TMP"
NODE_PIDS=()
PG_DATABASE=""

stop_nodes() {
    local pid
    for pid in "${NODE_PIDS[@]}"; do
        cp_stop_pid "$pid" 30
    done
    NODE_PIDS=()
    [[ -f $TMP/nginx/nginx.pid ]] && cp_stop_pid "$(cat "$TMP/nginx/nginx.pid")" 10
    rm -f "$TMP/nginx/nginx.pid"
}

cleanup() {
    local rc=$1
    set +e
    stop_nodes
    [[ -n $PG_DATABASE ]] && psql_bench -d postgres -c "DROP DATABASE IF EXISTS \"$PG_DATABASE\" WITH (FORCE)" >/dev/null 2>&1
    ((STARTED_PG)) && [[ ${CP_KEEP_SERVICES:-0} != 1 ]] && pg_ctlcluster "$PGV" main stop >/dev/null 2>&1
    if ((rc != 0)); then
        for log in "$TMP"/node-*.log "$TMP/nginx/error.log"; do
            [[ -s $log ]] && { cp_log "last lines of $(basename "$log"):"; tail -n 20 "$log" >&2; }
        done
    fi
    contest_remove_tmp
}
trap 'cleanup $?' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# nginx in front of the ports given, as docs/DEPLOY.md sets it up (without TLS).
start_nginx() {
    local servers="" port
    for port in "$@"; do
        servers+="        server 127.0.0.1:$port max_fails=1 fail_timeout=2s;"$'\n'
    done
    mkdir -p "$TMP/nginx"
    cat >"$TMP/nginx/nginx.conf" <<EOF
worker_processes 1;
pid $TMP/nginx/nginx.pid;
events { worker_connections 8192; }
http {
    access_log off;
    client_body_temp_path $TMP/nginx/body;
    proxy_temp_path $TMP/nginx/proxy;
    fastcgi_temp_path $TMP/nginx/fastcgi;
    uwsgi_temp_path $TMP/nginx/uwsgi;
    scgi_temp_path $TMP/nginx/scgi;
    upstream childprotection {
        least_conn;
$servers        keepalive 64;
    }
    server {
        listen 127.0.0.1:$PROXY_PORT;
        location / {
            proxy_pass http://childprotection;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host \$http_host;
            proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto \$scheme;
        }
    }
}
EOF
    nginx -p "$TMP/nginx/" -c "$TMP/nginx/nginx.conf" -e "$TMP/nginx/error.log" || cp_die "nginx failed to start"
}

# One run: $1 nodes behind nginx on a fresh database; the figures go to $TMP/figures-$1.json, the counts to counts.txt.
run_nodes() {
    local nodes=$1 connection ports=() t0 name port backup_pid="" slug
    PG_DATABASE="cp_bench_two_nodes_$$_$nodes"
    connection="Host=127.0.0.1;Port=$PG_PORT;Database=$PG_DATABASE;Username=postgres;Password=$PG_PASSWORD"
    # The nodes start one after the other: the first makes the database and its seed.
    for name in a b; do
        ((${#ports[@]} < nodes)) || break
        port=$([[ $name == a ]] && echo $NODE_A_PORT || echo $NODE_B_PORT)
        cp_log "$nodes node(s): starting node $name on port $port (database $PG_DATABASE)"
        t0=$(date +%s.%N)
        contest_start_site "http://127.0.0.1:$port" "$connection" "$TMP/data-$nodes-$name" "$TMP/node-$nodes-$name.log"
        NODE_PIDS+=("$CONTEST_SITE_PID")
        bench_wait_for_200 "http://127.0.0.1:$port/" "$CONTEST_SITE_PID" 180 "$t0"
        ports+=("$port")
    done
    start_nginx "${ports[@]}"

    if ((nodes == 2)); then
        # The backup from node B's side (its data folder), while the contestants answer.
        (
            sleep "$BACKUP_AT"
            started=$(date +%s%3N)
            (cd "$TMP/site" && dotnet "$SITE_DLL" backup --to "$TMP/backup.zip" \
                --ConnectionStrings:Default="$connection" --Cms:DataPath="$TMP/data-$nodes-b" \
                --Cms:SchemaPath="$REPO_ROOT/uSync/v17" --Cms:SeedPath="$REPO_ROOT/content-seed") >"$TMP/backup.log" 2>&1 ||
                echo failed >"$TMP/backup.failed"
            echo "$started $(date +%s%3N) $(stat -c %s "$TMP/backup.zip" 2>/dev/null || echo 0)" >"$TMP/backup.times"
        ) &
        backup_pid=$!
    fi

    cp_log "$nodes node(s): $CONTESTANTS contestants over ${RAMP}s through nginx, think time $THINK_MS ms"
    BENCH_SITE="$PROXY" BENCH_SMTP_PORT="$SMTP_PORT" BENCH_ADMIN_EMAIL=admin@localhost BENCH_ADMIN_PASSWORD="$ADMIN_PASSWORD" \
        BENCH_CONTESTANTS="$CONTESTANTS" BENCH_QUESTIONS="$QUESTIONS" BENCH_RAMP_SECONDS="$RAMP" BENCH_THINK_MS="$THINK_MS" BENCH_RAW_SAVES=1 \
        BENCH_WARMUP="$WARMUP" \
        node bench/contest-load/load.mjs >"$TMP/figures-$nodes.json" || cp_die "$nodes node(s): the load tool failed"
    if [[ -n $backup_pid ]]; then
        wait "$backup_pid"
        [[ -f $TMP/backup.failed ]] && { cat "$TMP/backup.log" >&2; cp_die "the backup failed"; }
    fi

    # Stopped first, so that the count sees everything the nodes ever committed, and nothing still in flight.
    stop_nodes
    slug=$(node -e 'console.log(JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).slug)' "$TMP/figures-$nodes.json")
    echo "$nodes $(contest_count_in_database "$slug" "$connection" "")" >>"$TMP/counts.txt" ||
        cp_die "$nodes node(s): could not count the entries in the database"
    psql_bench -d postgres -c "DROP DATABASE IF EXISTS \"$PG_DATABASE\" WITH (FORCE)" >/dev/null
    PG_DATABASE=""
}

contest_prepare
start_postgres

: >"$TMP/counts.txt"
run_nodes 2
run_nodes 1

# --- figures -------------------------------------------------------------------------------------
node - "$TMP" "$(nproc)" <<'JS'
const fs = require('fs');
const [tmp, cores] = process.argv.slice(2);
const counts = Object.fromEntries(fs.readFileSync(`${tmp}/counts.txt`, 'utf8').trim().split('\n').map((l) => {
  const [nodes, answers, entries, submitted] = l.split(/\s+/).map(Number);
  return [nodes, { answers, entries, submitted }];
}));
const p = (sorted, q) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((q / 100) * sorted.length) - 1)] : NaN);
const figures = { 1: JSON.parse(fs.readFileSync(`${tmp}/figures-1.json`, 'utf8')), 2: JSON.parse(fs.readFileSync(`${tmp}/figures-2.json`, 'utf8')) };
const first = figures[2];
console.log(`contest through nginx: ${first.contestants} contestants started within ${first.lastStartSeconds} s (after ${first.warmup} warm-up ones), ${first.questions} answers each `
  + `with autosave, think time ${first.thinkMs[0] / 1000}–${first.thinkMs[1] / 1000} s, PostgreSQL, published site, ${cores} cores`);
const row = (cells) => console.log(cells.map((c, i) => (i === 0 ? String(c).padEnd(8) : String(c).padStart(10))).join(' '));
row(['nodes', 'verified', 'answers/s', 'save p50', 'save p95', 'save p99', 'submits', 'lost']);
const lost = {};
for (const n of [2, 1]) {
  const f = figures[n];
  const c = counts[n];
  const save = f.steps['answer save'] ?? {};
  // Everything sent, warm-up included: every answer of every contestant, every entry submitted with its guess.
  const all = f.contestants + f.warmup;
  lost[n] = all * f.questions - c.answers + all - Math.min(c.entries, c.submitted);
  row([n, f.verified, f.answersPerSecond, `${save.p50} ms`, `${save.p95} ms`, `${save.p99} ms`, f.submitted, lost[n]]);
}
const ratio = figures[2].steps['answer save'].p99 / figures[1].steps['answer save'].p99;
console.log(`save p99, two nodes / one node = ${ratio.toFixed(2)} (goal: within 1.5); lost: ${lost[2] + lost[1]} (goal: 0)`);

// The backup: its duration, and the saves that started while it ran against those of the same run that did not.
const [started, ended, bytes] = fs.readFileSync(`${tmp}/backup.times`, 'utf8').trim().split(/\s+/).map(Number);
const from = started - first.t0EpochMs;
const to = ended - first.t0EpochMs;
const during = first.saves.filter(([at]) => at >= from && at < to).map(([, ms]) => ms).sort((a, b) => a - b);
const outside = first.saves.filter(([at]) => at < from || at >= to).map(([, ms]) => ms).sort((a, b) => a - b);
console.log(`backup during the two-node run: ${((ended - started) / 1000).toFixed(1)} s, ${(bytes / 1048576).toFixed(1)} MB; `
  + `save p99 while it ran ${p(during, 99)} ms (${during.length} saves), otherwise ${p(outside, 99)} ms (${outside.length} saves)`);
JS
