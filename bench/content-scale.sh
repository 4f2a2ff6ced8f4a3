#!/usr/bin/env bash
# Benchmark (not a test): the content engine at scale. Bulk create-and-publish of BENCH_PAGES pages (10,000 by
# default), publishing one page end to end (median and p95 of BENCH_PUBLISHES), a cold start to the first page and the
# memory after it; on SQLite and on PostgreSQL in one run. See bench/README.md ("content-scale").
#
#   ./bench/content-scale.sh
#   BENCH_PAGES=100000 ./bench/content-scale.sh
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
cd "$REPO_ROOT"

CP_LOG_PREFIX="[bench]"
# shellcheck source=../scripts/lib/common.sh
source "$REPO_ROOT/scripts/lib/common.sh"
# shellcheck source=lib/in-process.sh
source "$REPO_ROOT/bench/lib/in-process.sh"
# shellcheck source=lib/site.sh
source "$REPO_ROOT/bench/lib/site.sh"

# The cold start is timed on the site as an operator deploys it (the Production publish profile: ReadyToRun).
SITE_OUT=$(mktemp -d)
trap 'rm -rf "$SITE_OUT"' EXIT
cp_log "publishing the site (Production profile)"
bench_publish_site "$SITE_OUT/site"
export BENCH_SITE_DLL="$SITE_OUT/site/$SITE_DLL"
# In a subshell: bench_run_in_process sets its own EXIT trap.
(bench_run_in_process ContentBench)
