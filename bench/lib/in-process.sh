# Runs a bench program that hosts the site in its own process (bench/<Name>/, through ASP.NET Core's test host), on
# SQLite and, when it can have one, on PostgreSQL. Source after scripts/lib/common.sh, from the repository root.
#
# Without BENCH_POSTGRES it uses the PostgreSQL that ./scripts/test.sh sets up on 127.0.0.1 (started here when it is
# installed but not running) and passes its connection string to the program as BENCH_POSTGRES.
bench_run_in_process() {
    local project=$1
    cp_has_cmd dotnet || cp_die "the .NET SDK (dotnet) is not on PATH"
    export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

    if [[ -z ${BENCH_POSTGRES:-} ]]; then
        if cp_has_cmd pg_lsclusters; then
            # shellcheck source=../../scripts/lib/postgres.sh
            source "$REPO_ROOT/scripts/lib/postgres.sh"
            STATE_DIR=$(mktemp -d)
            trap 'rm -rf "$STATE_DIR"' EXIT
            PG_PASSWORD="${CP_PG_PASSWORD:-childprotection-test}"
            start_postgres
            export BENCH_POSTGRES="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Password=$PG_PASSWORD"
        else
            cp_log "PostgreSQL is not installed: run ./scripts/test.sh once (it installs it), or set BENCH_POSTGRES"
        fi
    fi

    cp_log "building bench/$project (Release)"
    dotnet build "bench/$project" -c Release -nologo -v q >/dev/null || cp_die "building bench/$project failed"
    dotnet run --no-build -c Release --project "bench/$project"
}
