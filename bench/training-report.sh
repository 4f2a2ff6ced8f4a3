#!/usr/bin/env bash
# Benchmark (not a test): the training completion report of a province with 100,000 learners in 2,000 units over
# 4 levels, 5 courses and 300,000 enrolments. Prints the median and p95 time of the root unit's report page and of
# its Excel export, on SQLite and on PostgreSQL in one run.
#
#   ./bench/training-report.sh
#   BENCH_REQUESTS=50 ./bench/training-report.sh
#   BENCH_POSTGRES="Host=127.0.0.1;Username=postgres;Password=…" ./bench/training-report.sh   # another server
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
bench_run_in_process ReportBench
