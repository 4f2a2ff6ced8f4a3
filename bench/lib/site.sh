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

# Waits until URL $1 answers 200 (a redirect counts once its target does), polling every 20 ms; fails if process $2
# exits or $3 seconds pass since the time $4 (seconds since the epoch, with a fraction).
bench_wait_for_200() {
    # Bash's own clock (EPOCHREALTIME) and no helper processes but curl: on two cores, a poll loop that forks
    # date and awk every 20 ms takes CPU from the start it measures.
    local url=$1 pid=$2 timeout=$3 since=$4 code
    local deadline=$(( ${since%.*} + timeout ))
    while :; do
        code=$(curl -s -L -o /dev/null -w '%{http_code}' --max-time 5 "$url" 2>/dev/null || true)
        [[ $code == 200 ]] && return 0
        kill -0 "$pid" 2>/dev/null || cp_die "the site exited before answering 200 on $url"
        (( ${EPOCHREALTIME%.*} > deadline )) && cp_die "no 200 on $url within $timeout s (last status: $code)"
        sleep 0.02
    done
}
