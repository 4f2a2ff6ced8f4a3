#!/usr/bin/env bash
# Benchmark (not a test): the backoffice with 10,000 content nodes, 500 of them under one parent. Prints the
# median and p95 server time of loading that parent's children in the content tree and of opening an editor.
#
#   ./bench/backoffice-tree.sh
#   BENCH_REQUESTS=1000 ./bench/backoffice-tree.sh
#   BENCH_POSTGRES="Host=127.0.0.1;Username=postgres;Password=…;Database=cp_bench" ./bench/backoffice-tree.sh
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

cp_log "building bench/BackofficeBench (Release)"
dotnet build bench/BackofficeBench -c Release -nologo -v q >/dev/null || cp_die "building bench/BackofficeBench failed"
exec dotnet run --no-build -c Release --project bench/BackofficeBench
