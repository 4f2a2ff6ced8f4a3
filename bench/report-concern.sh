#!/usr/bin/env bash
# Benchmark (not a test): report a concern. A report with a 2 MB picture (checked, stripped, sealed with its own key,
# its receipt code hashed with Argon2id, its officers' notice queued in the same transaction) timed end to end over
# HTTP, 200 one after another; then 100 reports from one address, accepted up to the per-client limit and refused
# after it with the message, and what the database holds afterwards. On SQLite and on PostgreSQL in one run.
#
#   ./bench/report-concern.sh
#   BENCH_REPORTS=500 ./bench/report-concern.sh
#   BENCH_POSTGRES="Host=127.0.0.1;Username=postgres;Password=…" ./bench/report-concern.sh   # another server
#
# Without BENCH_POSTGRES it uses the PostgreSQL that ./scripts/test.sh sets up on 127.0.0.1 (started here when it is
# installed but not running). See bench/README.md for what the figures mean.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
cd "$REPO_ROOT"

CP_LOG_PREFIX="[bench]"
# shellcheck source=../scripts/lib/common.sh
source "$REPO_ROOT/scripts/lib/common.sh"
# shellcheck source=lib/in-process.sh
source "$REPO_ROOT/bench/lib/in-process.sh"
bench_run_in_process ConcernBench
