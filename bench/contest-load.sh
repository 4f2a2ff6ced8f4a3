#!/usr/bin/env bash
# Benchmark (not a test): a contest's synchronised start. Simulated contestants (2,000 by default) start within one
# minute, each enters a round, confirms the e-mailed code, answers 20 questions with autosave and submits, against the
# published site on SQLite and then on PostgreSQL. Prints answers saved per second, the answer save's latency
# percentiles, submits, and what the database holds afterwards compared with what was sent (entries lost).
#
#   ./bench/contest-load.sh
#   BENCH_CONTESTANTS=200 ./bench/contest-load.sh          # a quick run
#   BENCH_PROVIDERS=postgresql ./bench/contest-load.sh     # one provider only
#
# Environment (all optional):
#   BENCH_CONTESTANTS   simulated contestants                         [2000]
#   BENCH_RAMP          seconds over which they start                 [60]
#   BENCH_THINK_MS      think time before each answer and the submit, ms, uniform "min-max"   [8000-20000]
#   BENCH_PROVIDERS     "sqlite postgresql", or one of them           [sqlite postgresql]
#   BENCH_ENTRY         "email" (entry form and e-mailed code) or "class" (a teacher's class codes, no e-mail)  [email]
#   BENCH_WARMUP        contestants run (and finished) before the measured ones, left out of the figures: a site
#                       that has been serving for a while, as at a real bell, not one started a moment before it  [0]
#   CP_PG_PASSWORD      password of the local `postgres` role         [childprotection-test, as scripts/test.sh]
#   BENCH_KEEP=1        keep the temp dir (publish output, site logs, SQLite files, raw figures) and print its path
#
# See bench/README.md for what the figures mean.
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

CONTESTANTS="${BENCH_CONTESTANTS:-2000}"
RAMP="${BENCH_RAMP:-60}"
THINK_MS="${BENCH_THINK_MS:-8000-20000}"
PROVIDERS="${BENCH_PROVIDERS:-sqlite postgresql}"
WARMUP="${BENCH_WARMUP:-0}"
QUESTIONS=20
PG_PASSWORD="${CP_PG_PASSWORD:-childprotection-test}"
[[ $CONTESTANTS =~ ^[0-9]+$ && $CONTESTANTS -gt 0 ]] || cp_die "BENCH_CONTESTANTS must be a positive integer (got '$CONTESTANTS')"
[[ $RAMP =~ ^[0-9]+$ && $RAMP -gt 0 ]] || cp_die "BENCH_RAMP must be a positive integer (got '$RAMP')"
[[ $THINK_MS =~ ^[0-9]+-[0-9]+$ ]] || cp_die "BENCH_THINK_MS must be min-max in ms (got '$THINK_MS')"
[[ $WARMUP =~ ^[0-9]+$ ]] || cp_die "BENCH_WARMUP must be a whole number (got '$WARMUP')"
for p in $PROVIDERS; do
    [[ $p == sqlite || $p == postgresql ]] || cp_die "BENCH_PROVIDERS: unknown provider '$p' (sqlite, postgresql)"
done

SITE_PORT=5184
SMTP_PORT=5185
SITE="http://127.0.0.1:$SITE_PORT"
ADMIN_PASSWORD="Bench-Admin-Password-1"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

# --- tools, ports, temp dir + cleanup ------------------------------------------------------------
cp_has_node() { cp_has_cmd node && cp_has_cmd npm; }
cp_need nodejs cp_has_node
cp_need npm cp_has_cmd npm
cp_need curl cp_has_cmd curl
cp_need sqlite3 cp_has_cmd sqlite3
[[ $PROVIDERS == *postgresql* ]] && cp_need postgresql cp_has_postgres
cp_install_missing
cp_has_cmd dotnet || cp_die "the .NET SDK (dotnet) is not on PATH"
for p in $SITE_PORT $SMTP_PORT; do
    cp_port_open 127.0.0.1 "$p" && cp_die "port $p on 127.0.0.1 is already in use; stop whatever listens there"
done

TMP="$(mktemp -d -t cp-bench.XXXXXX)"
STATE_DIR="$TMP"
SITE_PID=""
PG_DATABASE=""

cleanup() {
    local rc=$1
    set +e
    [[ -n $SITE_PID ]] && cp_stop_pid "$SITE_PID" 30
    if [[ -n $PG_DATABASE ]]; then
        psql_bench -d postgres -c "DROP DATABASE IF EXISTS \"$PG_DATABASE\" WITH (FORCE)" >/dev/null 2>&1
    fi
    ((STARTED_PG)) && [[ ${CP_KEEP_SERVICES:-0} != 1 ]] && pg_ctlcluster "$PGV" main stop >/dev/null 2>&1
    if ((rc != 0)) && [[ -s $TMP/site.log ]]; then
        cp_log "last lines of the site's log:"
        tail -n 30 "$TMP/site.log" >&2
    fi
    contest_remove_tmp
}
trap 'cleanup $?' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- the load tool, the site ---------------------------------------------------------------------
contest_prepare

run_provider() {
    local provider=$1 data="$TMP/data-$provider" connection=""
    if [[ $provider == postgresql ]]; then
        if [[ -z $PGV ]]; then
            start_postgres
        fi
        PG_DATABASE="cp_bench_contest_$$"
        connection="Host=127.0.0.1;Port=$PG_PORT;Database=$PG_DATABASE;Username=postgres;Password=$PG_PASSWORD"
    fi

    cp_log "$provider: starting $SITE_DLL on $SITE (fresh data dir${connection:+, database $PG_DATABASE})"
    local t0
    t0=$(date +%s.%N)
    contest_start_site "$SITE" "$connection" "$data" "$TMP/site.log"
    SITE_PID=$CONTEST_SITE_PID
    bench_wait_for_200 "$SITE/" "$SITE_PID" 120 "$t0"

    cp_log "$provider: $CONTESTANTS contestants over ${RAMP}s, think time $THINK_MS ms"
    contest_sample_cpu "$SITE_PID" "$TMP/cpu-$provider.txt"
    BENCH_SITE="$SITE" BENCH_SMTP_PORT="$SMTP_PORT" BENCH_ADMIN_EMAIL=admin@localhost BENCH_ADMIN_PASSWORD="$ADMIN_PASSWORD" \
        BENCH_CONTESTANTS="$CONTESTANTS" BENCH_QUESTIONS="$QUESTIONS" BENCH_RAMP_SECONDS="$RAMP" BENCH_THINK_MS="$THINK_MS" BENCH_WARMUP="$WARMUP" \
        node bench/contest-load/load.mjs >"$TMP/figures-$provider.json" || cp_die "$provider: the load tool failed"

    # Stopped first, so that the count sees everything the site ever committed, and nothing still in flight.
    kill "$CONTEST_SAMPLER_PID" 2>/dev/null || true
    cp_stop_pid "$SITE_PID" 30
    SITE_PID=""
    cp "$TMP/site.log" "$TMP/site-$provider.log"
    local slug counts
    slug=$(node -e 'console.log(JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).slug)' "$TMP/figures-$provider.json")
    counts=$(contest_count_in_database "$slug" "$connection" "$data") || cp_die "$provider: could not count the entries in the database"
    echo "$provider $counts" >>"$TMP/counts.txt"
    if [[ $provider == postgresql ]]; then
        psql_bench -d postgres -c "DROP DATABASE IF EXISTS \"$PG_DATABASE\" WITH (FORCE)" >/dev/null
        PG_DATABASE=""
    fi
}

: >"$TMP/counts.txt"
for provider in $PROVIDERS; do
    run_provider "$provider"
done

# --- figures -------------------------------------------------------------------------------------
node - "$TMP" "$(nproc)" $PROVIDERS <<'JS'
const fs = require('fs');
const [tmp, cores, ...providers] = process.argv.slice(2);
const counts = Object.fromEntries(fs.readFileSync(`${tmp}/counts.txt`, 'utf8').trim().split('\n').map((l) => {
  const [provider, answers, entries, submitted] = l.split(/\s+/);
  return [provider, { answers: +answers, entries: +entries, submitted: +submitted }];
}));
const first = JSON.parse(fs.readFileSync(`${tmp}/figures-${providers[0]}.json`, 'utf8'));
console.log(`contest load: ${first.contestants} contestants entering ${first.entry === 'class' ? 'with class codes' : 'by e-mail'}, started within ${first.lastStartSeconds} s`
  + (first.warmup ? ` (after ${first.warmup} warm-up ones)` : ' (on a site just started)') + `, ${first.questions} answers each with autosave, `
  + `think time ${first.thinkMs[0] / 1000}–${first.thinkMs[1] / 1000} s, published site (Release), ${cores} cores`);
const row = (cells) => console.log(cells.map((c, i) => (i === 0 ? String(c).padEnd(11) : String(c).padStart(i === cells.length - 1 ? 7 : 10))).join(' '));
row(['provider', 'verified', 'answers/s', 'peak/s', 'save p50', 'save p95', 'save p99', 'submits', 'lost']);
let ok = true;
for (const provider of providers) {
  const f = JSON.parse(fs.readFileSync(`${tmp}/figures-${provider}.json`, 'utf8'));
  const c = counts[provider];
  const save = f.steps['answer save'] ?? {};
  // Everything the contestants sent, warm-up included: every answer of every contestant, every entry submitted with its guess.
  const all = f.contestants + (f.warmup ?? 0);
  const lostAnswers = all * f.questions - c.answers;
  const lostEntries = all - Math.min(c.entries, c.submitted);
  const lost = lostAnswers + lostEntries;
  row([provider, f.verified, f.answersPerSecond, f.peakAnswersPerSecond, `${save.p50} ms`, `${save.p95} ms`, `${save.p99} ms`, f.submitted, lost]);
  f.database = c;
  f.lost = { answers: lostAnswers, entries: lostEntries };
  fs.writeFileSync(`${tmp}/figures-${provider}.json`, JSON.stringify(f, null, 2));
  ok &&= save.p99 < 100 && lost === 0;
}
console.log('goal: answer save p99 < 100 ms and 0 lost on both providers: ' + (ok ? 'met' : 'NOT met'));
for (const provider of providers) {
  const f = JSON.parse(fs.readFileSync(`${tmp}/figures-${provider}.json`, 'utf8'));
  console.log(`\n${provider}: ${f.durationSeconds} s; database holds ${f.database.answers} of ${(f.contestants + (f.warmup ?? 0)) * f.questions} answers, `
    + `${f.database.entries} verified entries with a guess, ${f.database.submitted} attempts submitted by their contestant`);
  console.log('  step                  count    p50 ms    p95 ms    p99 ms    max ms');
  for (const [step, s] of Object.entries(f.steps)) {
    console.log(`  ${step.padEnd(20)}${String(s.count).padStart(6)}${String(s.p50).padStart(10)}${String(s.p95).padStart(10)}${String(s.p99).padStart(10)}${String(s.max).padStart(10)}`);
  }
  for (const [error, n] of Object.entries(f.errors)) console.log(`  error ×${n}: ${error}`);
  console.log('  answer save by when it started (s since the first contestant)');
  for (const w of f.saveWindows ?? []) {
    console.log(`  ${`${w.fromSecond}–${w.fromSecond + 30}`.padEnd(20)}${String(w.count).padStart(6)}${String(w.p50).padStart(10)}${String(w.p95).padStart(10)}${String(w.p99).padStart(10)}${String(w.max).padStart(10)}`);
  }
  // CPU by 5 s from the load's start, while the contestants enter: cores the site used and cores the machine used
  // (the load tool and its mail server share the machine), of the machine's cores.
  const since = f.loadStartEpochMs / 1000;
  const samples = fs.readFileSync(`${tmp}/cpu-${provider}.txt`, 'utf8').trim().split('\n').map((l) => l.split(' ').map(Number));
  const hz = 100; // USER_HZ: /proc counts CPU time in hundredths of a second on Linux
  const windows = [];
  for (let from = 0; from < Math.min(f.durationSeconds, 40); from += 5) {
    const inside = samples.filter(([t]) => t - since >= from && t - since <= from + 5);
    if (inside.length < 2) continue;
    const [a, b] = [inside[0], inside[inside.length - 1]];
    const seconds = b[0] - a[0];
    windows.push(`${from}–${from + 5} s: site ${((b[1] - a[1]) / hz / seconds).toFixed(2)}, machine ${(((b[2] - a[2]) / (b[3] - a[3])) * cores).toFixed(2)}`);
  }
  console.log(`  cores in use (of ${cores}), by 5 s from the first contestant: ${windows.join('; ')}`);
  const d = f.loadToolDelayMs;
  if (d) console.log(`  the load tool's own event-loop delay: p50 ${d.p50.toFixed(1)} ms, p99 ${d.p99.toFixed(1)} ms, max ${d.max.toFixed(1)} ms (its timings include it)`);
}
JS
