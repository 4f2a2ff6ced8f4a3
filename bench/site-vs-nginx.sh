#!/usr/bin/env bash
# Benchmark (not a test): how fast the published site serves a leaflet page compared with nginx
# serving the same HTML as a static file, and how long the site takes from process start to its
# first HTTP 200 on `/` (with a fresh, empty data directory, so first-start seeding is included).
#
#   ./bench/site-vs-nginx.sh
#   BENCH_DURATION=30 BENCH_CONNECTIONS=64 ./bench/site-vs-nginx.sh
#
# Environment (all optional):
#   BENCH_DURATION     seconds per measured wrk run          [15]
#   BENCH_CONNECTIONS  concurrent connections                [32]
#   BENCH_THREADS      wrk threads                           [2]
#   BENCH_WARMUP       seconds of warm-up per target         [8]
#   BENCH_PAGE         path to measure instead of the sitemap's first leaflet (e.g. /vi/...)
#   BENCH_KEEP=1       keep the temp dir (publish output, logs, wrk output) and print its path
#
# See bench/README.md for what the figures mean.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
cd "$REPO_ROOT"

CP_LOG_PREFIX="[bench]"
# shellcheck source=../scripts/lib/common.sh
source "$REPO_ROOT/scripts/lib/common.sh"
# shellcheck source=lib/wrk.sh
source "$REPO_ROOT/bench/lib/wrk.sh"
# shellcheck source=lib/site.sh
source "$REPO_ROOT/bench/lib/site.sh"

DURATION="${BENCH_DURATION:-15}"
DURATION="${DURATION%s}"
CONNECTIONS="${BENCH_CONNECTIONS:-32}"
THREADS="${BENCH_THREADS:-2}"
WARMUP="${BENCH_WARMUP:-8}"
WARMUP="${WARMUP%s}"
for v in DURATION CONNECTIONS THREADS WARMUP; do
    [[ ${!v} =~ ^[0-9]+$ && ${!v} -gt 0 ]] || cp_die "$v must be a positive integer (got '${!v}')"
done
((CONNECTIONS >= THREADS)) || cp_die "BENCH_CONNECTIONS ($CONNECTIONS) must be >= BENCH_THREADS ($THREADS)"

SITE_PORT=5180
NGINX_PORT=5181
SITE="http://127.0.0.1:$SITE_PORT"
STARTUP_TIMEOUT="${BENCH_STARTUP_TIMEOUT:-60}"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

# --- tools, ports, temp dir + cleanup ------------------------------------------------------------
bench_prepare_web_run "$SITE_PORT" "$NGINX_PORT"
SITE_PID=""

cleanup() {
    local rc=$1
    set +e
    if [[ -f $TMP/nginx.pid ]]; then
        cp_stop_pid "$(cat "$TMP/nginx.pid")" 10
    fi
    if [[ -n $SITE_PID ]]; then
        cp_stop_pid "$SITE_PID" 15
    fi
    if ((rc != 0)); then
        [[ -s $TMP/site.log ]] && { cp_log "last lines of the site's log:"; tail -n 30 "$TMP/site.log" >&2; }
        [[ -s $TMP/error.log ]] && { cp_log "nginx error.log:"; tail -n 10 "$TMP/error.log" >&2; }
    fi
    if [[ ${BENCH_KEEP:-0} == 1 ]]; then
        cp_log "kept $TMP"
    else
        rm -rf -- "$TMP"
    fi
}
trap 'cleanup $?' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- publish ----------------------------------------------------------------------------------
cp_log "publishing src/Web (profile Production: Release, self-contained, composite ReadyToRun)"
bench_publish_site "$TMP/site"

# --- start the site, time to first 200 ----------------------------------------------------------
# Three first starts, each on a fresh data dir; the median is the figure (one start on a shared 2-core machine
# varies by a few tenths of a second). The third start stays up for the throughput run.
start_site() {
    local data=$1
    cp_log "starting $SITE_DLL on $SITE (fresh data dir)"
    t0=$EPOCHREALTIME
    (
        cd "$TMP/site"
        exec env \
            ASPNETCORE_ENVIRONMENT=Production \
            ASPNETCORE_URLS="$SITE" \
            Cms__DataPath="$data" \
            Cms__SchemaPath="$REPO_ROOT/uSync/v17" \
            Cms__SeedPath="$REPO_ROOT/content-seed" \
            Admin__Password=Bench-Admin-Password-1 \
            Logging__LogLevel__Default=Warning \
            dotnet "$SITE_DLL"
    ) </dev/null >"$TMP/site.log" 2>&1 &
    SITE_PID=$!

    # -L: a redirect from / (e.g. to the default culture) counts once its target answers 200.
    bench_wait_for_200 "$SITE/" "$SITE_PID" "$STARTUP_TIMEOUT" "$t0"
    t1=$EPOCHREALTIME
    STARTUPS+=("$(awk -v a="$t1" -v b="$t0" 'BEGIN { printf "%.2f", a - b }')")
    cp_log "first 200 on / after ${STARTUPS[-1]} s"
}

STARTUPS=()
for run in 1 2 3; do
    start_site "$TMP/data-$run"
    if ((run < 3)); then
        cp_stop_pid "$SITE_PID" 15
        SITE_PID=
    fi
done
STARTUP=$(printf '%s\n' "${STARTUPS[@]}" | sort -n | sed -n 2p)

# --- find a leaflet page in the sitemap ----------------------------------------------------------
# The first <loc> whose path is /…/to-gap-tuyen-truyen/<one more segment>; a sitemap index is followed.
if [[ -n ${BENCH_PAGE:-} ]]; then
    LEAFLET_PATH=$BENCH_PAGE
else
LEAFLET_PATH=$(/usr/bin/python3 - "$SITE" <<'PY'
import re, sys, urllib.parse, urllib.request
import xml.etree.ElementTree as ET

site = sys.argv[1]
pattern = re.compile(r"/to-gap-tuyen-truyen/[^/]+/?$")

def local(url):
    """Same path and query, but on the local site (the sitemap may name the public host)."""
    u = urllib.parse.urlsplit(url.strip())
    return u.path + ("?" + u.query if u.query else "")

def locs(path, depth=0):
    with urllib.request.urlopen(site + path, timeout=30) as r:
        root = ET.fromstring(r.read())
    is_index = root.tag.endswith("sitemapindex")
    for el in root.iter():
        if el.tag == "loc" or el.tag.endswith("}loc"):
            if is_index and depth < 2:
                yield from locs(local(el.text), depth + 1)
            elif not is_index:
                yield el.text

for loc in locs("/sitemap.xml"):
    p = local(loc)
    if pattern.search(urllib.parse.urlsplit(p).path):
        print(p)
        break
PY
) || cp_die "could not read $SITE/sitemap.xml"
[[ -n $LEAFLET_PATH ]] || cp_die "no leaflet URL (…/to-gap-tuyen-truyen/<slug>) in $SITE/sitemap.xml"
fi
SITE_URL="$SITE$LEAFLET_PATH"
NGINX_URL="http://127.0.0.1:$NGINX_PORT/leaflet.html"

code=$(curl -s -o "$TMP/www/leaflet.html" -w '%{http_code}' "$SITE_URL" || true)
[[ $code == 200 ]] || cp_die "GET $SITE_URL answered $code, not 200"
chmod 644 "$TMP/www/leaflet.html"
PAGE_BYTES=$(wc -c <"$TMP/www/leaflet.html")
cp_log "leaflet page: $LEAFLET_PATH ($PAGE_BYTES bytes of HTML)"

# --- nginx serving the same HTML ------------------------------------------------------------------
bench_start_nginx "$TMP/www" "$NGINX_PORT" "$TMP"
nginx_ok() { [[ $(curl -s -o /dev/null -w '%{http_code}' "$NGINX_URL") == 200 ]]; }
cp_wait_for 10 nginx_ok || cp_die "nginx does not serve $NGINX_URL"

# --- load ------------------------------------------------------------------------------------------
cp_log "warm-up: ${WARMUP}s per target"
wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" "$SITE_URL" >/dev/null
wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" "$NGINX_URL" >/dev/null

cp_log "measuring: wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s --latency, site then nginx"
wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency "$SITE_URL" >"$TMP/wrk-site.txt"
wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency "$NGINX_URL" >"$TMP/wrk-nginx.txt"

IFS='|' read -r site_nums site_sockerr < <(bench_parse_wrk "$TMP/wrk-site.txt")
IFS='|' read -r nginx_nums nginx_sockerr < <(bench_parse_wrk "$TMP/wrk-nginx.txt")
read -r site_rps site_p50 site_p99 site_bad <<<"$site_nums"
read -r nginx_rps nginx_p50 nginx_p99 nginx_bad <<<"$nginx_nums"

awk -v s="$site_rps" -v n="$nginx_rps" 'BEGIN { exit !(s > 0 && n > 0) }' ||
    { cat "$TMP/wrk-site.txt" "$TMP/wrk-nginx.txt" >&2; cp_die "wrk measured no requests"; }
((site_bad == 0)) || cp_log "WARNING: the site answered $site_bad non-2xx/3xx responses during the run"
((nginx_bad == 0)) || cp_log "WARNING: nginx answered $nginx_bad non-2xx/3xx responses during the run"
[[ -z $site_sockerr ]] || cp_log "WARNING: site socket errors: $site_sockerr"
[[ -z $nginx_sockerr ]] || cp_log "WARNING: nginx socket errors: $nginx_sockerr"

# --- figures -----------------------------------------------------------------------------------------
echo "site vs nginx: $LEAFLET_PATH ($PAGE_BYTES B), wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s, $(nproc) cores"
printf '%-7s %12s %10s %10s\n' target req/s "p50 ms" "p99 ms"
printf '%-7s %12.0f %10.2f %10.2f\n' site "$site_rps" "$site_p50" "$site_p99"
printf '%-7s %12.0f %10.2f %10.2f\n' nginx "$nginx_rps" "$nginx_p50" "$nginx_p99"
awk -v s="$site_rps" -v n="$nginx_rps" 'BEGIN { printf "ratio site/nginx = %.2f (goal >= 0.5)\n", s / n }'
echo "startup to first 200: $STARTUP s, median of ${STARTUPS[*]} (goal < 3 s)"
