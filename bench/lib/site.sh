# Shared by the benchmarks that run the published site. Source after scripts/lib/common.sh.

# Publishes src/Web with the Production profile (Release, linux-x64, ReadyToRun) into $1 (its log in $1-publish.log); sets
# SITE_DLL to the entry assembly's file name.
bench_publish_site() {
    local out=$1
    if ! dotnet publish src/Web -p:PublishProfile=Production -o "$out" -nologo -v q >"$out-publish.log" 2>&1; then
        cat "$out-publish.log" >&2
        cp_die "dotnet publish src/Web failed"
    fi
    shopt -s nullglob
    local configs=("$out"/*.runtimeconfig.json)
    shopt -u nullglob
    ((${#configs[@]} == 1)) || cp_die "expected one *.runtimeconfig.json in the publish output, found ${#configs[@]}"
    SITE_DLL="$(basename "${configs[0]}" .runtimeconfig.json).dll"
    [[ -f $out/$SITE_DLL ]] || cp_die "publish output has no $SITE_DLL"
}

# Waits until URL $1 answers 200 (a redirect counts once its target does); fails if process $2 exits or $3 seconds
# pass since the time $4 (seconds since the epoch, with a fraction).
bench_wait_for_200() {
    # On two cores the poll loop must not take CPU from the start it measures: until the port takes connections it
    # starts no process at all (bash's own /dev/tcp, clock and kill, and a 20 ms pause that is a read from a FIFO
    # nobody writes); forking curl and sleep every 20 ms made the start it measured slower (bench/README, session 13).
    # From then on, curl: its first request waits for the first page.
    local url=$1 pid=$2 timeout=$3 since=$4 code pause pause_fd
    local deadline=$(( ${since%.*} + timeout ))
    local address=${url#*://}
    address=${address%%/*}
    pause=$(mktemp -u)
    mkfifo "$pause"
    exec {pause_fd}<>"$pause"
    rm -f "$pause"
    while ! { true <>"/dev/tcp/${address%:*}/${address##*:}"; } 2>/dev/null; do
        kill -0 "$pid" 2>/dev/null || cp_die "the site exited before answering on $url"
        (( ${EPOCHREALTIME%.*} > deadline )) && cp_die "nothing listened on $address within $timeout s"
        read -rt 0.02 -u "$pause_fd" _ || true
    done
    while :; do
        code=$(curl -s -L -o /dev/null -w '%{http_code}' --max-time 5 "$url" 2>/dev/null || true)
        [[ $code == 200 ]] && break
        kill -0 "$pid" 2>/dev/null || cp_die "the site exited before answering 200 on $url"
        (( ${EPOCHREALTIME%.*} > deadline )) && cp_die "no 200 on $url within $timeout s (last status: $code)"
        read -rt 0.02 -u "$pause_fd" _ || true
    done
    exec {pause_fd}>&-
}
