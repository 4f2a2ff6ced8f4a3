# Starts (or finds running) the local PostgreSQL cluster for scripts/test.sh and the benchmarks. Source after
# common.sh. Before calling start_postgres set STATE_DIR (a folder for its logs) and PG_PASSWORD (the password of the
# `postgres` role: set when running as root, used to log in over TCP). It sets PGV (the server version), PG_PORT, and
# STARTED_PG=1 when it started the cluster (so that the caller may stop it: pg_ctlcluster "$PGV" main stop).
STARTED_PG=0
PGV=""
PG_PORT=5432

start_postgres() {
    PGV=$(ls /usr/lib/postgresql | sort -V | tail -1)
    [[ -n $PGV ]] || cp_die "no PostgreSQL server under /usr/lib/postgresql"

    local cluster
    cluster=$(pg_lsclusters -h 2>/dev/null | awk -v v="$PGV" '$1 == v && $2 == "main"')
    if [[ -z $cluster ]]; then
        [[ $(id -u) -eq 0 ]] || cp_die "PostgreSQL cluster $PGV/main does not exist; run as root once to create it"
        cp_log "creating PostgreSQL cluster $PGV/main"
        pg_createcluster "$PGV" main >"$STATE_DIR/pg-create.log" 2>&1 ||
            { cat "$STATE_DIR/pg-create.log" >&2; cp_die "pg_createcluster $PGV main failed"; }
        cluster=$(pg_lsclusters -h | awk -v v="$PGV" '$1 == v && $2 == "main"')
    fi
    PG_PORT=$(awk '{print $3}' <<<"$cluster")
    if [[ $PG_PORT != 5432 ]]; then
        cp_log "note: cluster $PGV/main is configured for port $PG_PORT, not 5432; using $PG_PORT"
    fi

    local out rc
    set +e
    out=$(pg_ctlcluster "$PGV" main start 2>&1)
    rc=$?
    set -e
    case $rc in
        0) STARTED_PG=1; cp_log "started PostgreSQL $PGV on 127.0.0.1:$PG_PORT" ;;
        2) ;; # already running
        *) printf '%s\n' "$out" >&2; cp_die "pg_ctlcluster $PGV main start failed (exit $rc)" ;;
    esac

    cp_wait_for 30 pg_isready -q -h 127.0.0.1 -p "$PG_PORT" ||
        cp_die "PostgreSQL did not accept connections on 127.0.0.1:$PG_PORT within 30 s"

    if [[ $(id -u) -eq 0 ]]; then
        # Through stdin, so the password is not on a command line; '' escapes quotes in SQL.
        local sql_pw=${PG_PASSWORD//\'/\'\'}
        printf "ALTER USER postgres PASSWORD '%s';\n" "$sql_pw" |
            (cd / && runuser -u postgres -- psql -X -q -v ON_ERROR_STOP=1 -p "$PG_PORT" -d postgres) \
                >"$STATE_DIR/pg-password.log" 2>&1 ||
            { cat "$STATE_DIR/pg-password.log" >&2; cp_die "could not set the postgres password"; }
    fi

    local one
    one=$(PGPASSWORD="$PG_PASSWORD" psql -X -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres \
        -tAc 'select 1' 2>"$STATE_DIR/pg-check.log") || true
    if [[ $one != 1 ]]; then
        cat "$STATE_DIR/pg-check.log" >&2
        cp_die "cannot log in to PostgreSQL as postgres over TCP (127.0.0.1:$PG_PORT) with password auth.
Check pg_hba.conf (host ... 127.0.0.1/32 scram-sha-256) and CP_PG_PASSWORD; as root this script sets the password."
    fi
}
