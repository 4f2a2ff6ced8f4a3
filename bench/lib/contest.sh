# Shared by the contest benchmarks (contest-load.sh, contest-two-nodes.sh). Source after scripts/lib/common.sh and
# bench/lib/site.sh, with REPO_ROOT, TMP (contest_prepare publishes the site into $TMP/site), ADMIN_PASSWORD,
# SMTP_PORT (the load tool's mail server) and, for PostgreSQL, PG_PORT and PG_PASSWORD set.

# The temp folder goes at the end of a run, unless BENCH_KEEP=1 keeps it (the logs, the raw figures) for a look.
contest_remove_tmp() {
    if [[ ${BENCH_KEEP:-0} == 1 ]]; then
        cp_log "kept $TMP"
    else
        rm -rf -- "$TMP"
    fi
}

psql_bench() { PGPASSWORD="$PG_PASSWORD" psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -U postgres "$@"; }

# Starts the published site in the background on URL $1 with connection string $2 (empty: SQLite in the data folder),
# data folder $3, its output to $4; sets CONTEST_SITE_PID. A node of several takes the same database and its own folder.
contest_start_site() {
    local url=$1 connection=$2 data=$3 log=$4
    mkdir -p "$data"
    (
        cd "$TMP/site"
        exec env \
            ASPNETCORE_ENVIRONMENT=Production \
            ASPNETCORE_URLS="$url" \
            ConnectionStrings__Default="$connection" \
            Cms__DataPath="$data" \
            Cms__SchemaPath="$REPO_ROOT/uSync/v17" \
            Cms__SeedPath="$REPO_ROOT/content-seed" \
            Admin__Password="$ADMIN_PASSWORD" \
            Logging__LogLevel__Default=Warning \
            Smtp__Host=127.0.0.1 \
            Smtp__Port="$SMTP_PORT" \
            Smtp__Security=None \
            Contests__CodesPerClientPerHour=1000000 \
            dotnet "$SITE_DLL"
    ) </dev/null >"$log" 2>&1 &
    CONTEST_SITE_PID=$!
}

# Samples every second, into file $2 until process $1 ends, "time site-ticks machine-busy-ticks machine-ticks" (clock
# ticks of /proc): whether the site or the machine was short of CPU while the load ran. Sets CONTEST_SAMPLER_PID.
contest_sample_cpu() {
    local pid=$1 out=$2
    (
        local stat machine
        while kill -0 "$pid" 2>/dev/null; do
            read -r -a stat <"/proc/$pid/stat" || break
            read -r -a machine </proc/stat
            # utime and stime are fields 14 and 15 (the command name, "dotnet", has no space in it).
            echo "$EPOCHREALTIME $((stat[13] + stat[14])) $((machine[1] + machine[2] + machine[3] + machine[6] + machine[7] + machine[8])) $((machine[1] + machine[2] + machine[3] + machine[4] + machine[5] + machine[6] + machine[7] + machine[8]))"
            sleep 1
        done
    ) >"$out" &
    CONTEST_SAMPLER_PID=$!
}

# The answers, entries and attempts of contest $1 as the database holds them, as "answers entries submitted": on
# PostgreSQL when connection string $2 names a database (its Database=…), else in the SQLite file of data folder $3.
contest_count_in_database() {
    local slug=$1 connection=$2 data=$3 sql database
    # The same SQL for both: quoted names, and booleans compared in a way SQLite (0/1) and PostgreSQL both read.
    sql="SELECT
  (SELECT count(*) FROM \"attemptAnswer\" aa JOIN \"quizAttempt\" a ON a.\"Id\" = aa.\"AttemptId\" JOIN \"quiz\" q ON q.\"Id\" = a.\"QuizId\"
     JOIN \"contestRound\" r ON r.\"QuizKey\" = q.\"Key\" JOIN \"contest\" c ON c.\"Id\" = r.\"ContestId\" WHERE c.\"Slug\" = '$slug'),
  (SELECT count(*) FROM \"contestEntry\" e JOIN \"contestRound\" r ON r.\"Id\" = e.\"RoundId\" JOIN \"contest\" c ON c.\"Id\" = r.\"ContestId\"
     WHERE c.\"Slug\" = '$slug' AND e.\"Verified\" = true AND e.\"Guess\" IS NOT NULL),
  (SELECT count(*) FROM \"quizAttempt\" a JOIN \"quiz\" q ON q.\"Id\" = a.\"QuizId\" JOIN \"contestRound\" r ON r.\"QuizKey\" = q.\"Key\"
     JOIN \"contest\" c ON c.\"Id\" = r.\"ContestId\" WHERE c.\"Slug\" = '$slug' AND a.\"SubmittedUtc\" IS NOT NULL AND a.\"SubmittedByServer\" = false);"
    if [[ -z $connection ]]; then
        sqlite3 -separator ' ' "$data/childprotection.db" "$sql"
    else
        database=${connection#*Database=}
        psql_bench -d "${database%%;*}" -tA -F ' ' -c "$sql"
    fi
}

# The load tool (bench/contest-load): Node.js 20.18 or newer, and its npm packages from the lockfile; then the site
# published into $TMP/site.
contest_prepare() {
    node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 20 || (a === 20 && b >= 18) ? 0 : 1)' ||
        cp_die "Node.js 20.18 or newer is needed (undici 7); this is $(node --version)"
    cp_log "installing the load tool's npm packages (bench/contest-load, from its lockfile)"
    (cd bench/contest-load && npm ci --no-audit --no-fund --loglevel=error >"$TMP/npm.log" 2>&1) ||
        { cat "$TMP/npm.log" >&2; cp_die "npm ci in bench/contest-load failed"; }
    cp_log "publishing src/Web (profile Production: Release, self-contained, composite ReadyToRun)"
    bench_publish_site "$TMP/site"
}
