# Shared by the wrk benchmarks: nginx serving a folder, and wrk's figures. Source after scripts/lib/common.sh.

# Installs what a site-vs-nginx run needs (with extra `cp_need`s the caller made before), checks that ports
# $1 (site) and $2 (nginx) are free, and makes the temp dir $TMP with www/ and data/; sets NGINX.
bench_prepare_web_run() {
    cp_has_nginx() { cp_has_cmd nginx || test -x /usr/sbin/nginx; }
    cp_need nginx cp_has_nginx
    cp_need wrk cp_has_cmd wrk
    cp_need curl cp_has_cmd curl
    cp_install_missing
    cp_has_cmd dotnet || cp_die "the .NET SDK (dotnet) is not on PATH"
    NGINX=$(command -v nginx || echo /usr/sbin/nginx)
    local p
    for p in "$1" "$2"; do
        cp_port_open 127.0.0.1 "$p" && cp_die "port $p on 127.0.0.1 is already in use; stop whatever listens there"
    done
    TMP="$(mktemp -d -t cp-bench.XXXXXX)"
    chmod 755 "$TMP" # nginx workers (user nobody) must reach $TMP/www
    mkdir -p "$TMP/www" "$TMP/data"
}

# Starts nginx (2 workers, no access log) serving $1 on 127.0.0.1:$2, with its pid and logs in $3.
bench_start_nginx() {
    local root=$1 port=$2 tmp=$3
    cat >"$tmp/nginx.conf" <<EOF
daemon on;
worker_processes 2;
pid $tmp/nginx.pid;
error_log $tmp/error.log;
events {}
http {
    access_log off;
    types { image/webp webp; image/jpeg jpg; }
    server {
        listen 127.0.0.1:$port;
        root $root;
        location / { default_type text/html; }
    }
}
EOF
    "$NGINX" -e "$tmp/error.log" -p "$tmp/" -c "$tmp/nginx.conf" >"$tmp/nginx.out" 2>&1 ||
        { cat "$tmp/nginx.out" >&2; cp_die "nginx failed to start"; }
}

# Requests/sec, then the 50% and 99% latency in ms (wrk prints us, ms, s, m).
bench_parse_wrk() {
    awk '
        function ms(v,  n) {
            n = v + 0
            if (v ~ /us$/) return n / 1000
            if (v ~ /ms$/) return n
            if (v ~ /m$/)  return n * 60000
            if (v ~ /s$/)  return n * 1000
            return n
        }
        /^Requests\/sec:/ { rps = $2 }
        $1 == "50%"       { p50 = ms($2) }
        $1 == "99%"       { p99 = ms($2) }
        /Non-2xx or 3xx responses:/ { bad = $NF }
        /Socket errors:/  { sub(/^ *Socket errors: */, ""); serr = $0 }
        END { printf "%s %s %s %s|%s\n", rps + 0, p50 + 0, p99 + 0, bad + 0, serr }
    ' "$1"
}
