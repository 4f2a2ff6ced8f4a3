#!/usr/bin/env bash
# Benchmark (not a test): the site's Lucene search vs SQLite FTS5 (tokenizer unicode61 remove_diacritics 2) on
# the same 10,000 generated Vietnamese documents and the same 200 queries, in one run.
#
#   ./bench/search-vs-fts5.sh
#   BENCH_DOCS=20000 BENCH_QUERIES=500 ./bench/search-vs-fts5.sh
#
# See bench/README.md for what the figures mean.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
cd "$REPO_ROOT"

CP_LOG_PREFIX="[bench]"
# shellcheck source=../scripts/lib/common.sh
source "$REPO_ROOT/scripts/lib/common.sh"
cp_has_cmd dotnet || cp_die "the .NET SDK (dotnet) is not on PATH"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

cp_log "building bench/SearchBench (Release)"
dotnet build bench/SearchBench -c Release -nologo -v q >/dev/null || cp_die "building bench/SearchBench failed"
exec dotnet run --no-build -c Release --project bench/SearchBench -- \
    --seed content-seed --relevance src/Web.Tests/Search/relevance-queries.tsv \
    --docs "${BENCH_DOCS:-10000}" --queries "${BENCH_QUERIES:-200}"
