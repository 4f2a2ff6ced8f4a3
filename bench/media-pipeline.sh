#!/usr/bin/env bash
# Benchmark (not a test) of the media pipeline, in one run:
#   1. resizing 20 photos of about 2 MP to 800 px WebP: our pipeline (SkiaSharp, as the site draws a variant)
#      vs vipsthumbnail (libvips) on the same files;
#   2. a cached image variant served by the site vs nginx serving the same file (wrk);
#   3. the first render of leaflet PDFs.
#
#   ./bench/media-pipeline.sh
#   BENCH_DURATION=30 BENCH_PHOTOS=40 ./bench/media-pipeline.sh
#
# Environment (all optional):
#   BENCH_PHOTOS       photos to resize                      [20]
#   BENCH_DURATION     seconds per measured wrk run          [15]
#   BENCH_CONNECTIONS  concurrent connections                [32]
#   BENCH_THREADS      wrk threads                           [2]
#   BENCH_WARMUP       seconds of warm-up per target         [8]
#   BENCH_KEEP=1       keep the temp dir (photos, outputs, logs) and print its path
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

PHOTOS="${BENCH_PHOTOS:-20}"
DURATION="${BENCH_DURATION:-15}"
CONNECTIONS="${BENCH_CONNECTIONS:-32}"
THREADS="${BENCH_THREADS:-2}"
WARMUP="${BENCH_WARMUP:-8}"
for v in PHOTOS DURATION CONNECTIONS THREADS WARMUP; do
    [[ ${!v} =~ ^[0-9]+$ && ${!v} -gt 0 ]] || cp_die "$v must be a positive integer (got '${!v}')"
done

SITE_PORT=5182
NGINX_PORT=5183
SITE="http://127.0.0.1:$SITE_PORT"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

cp_need libvips-tools cp_has_cmd vipsthumbnail
bench_prepare_web_run "$SITE_PORT" "$NGINX_PORT"
SITE_PID=""
cleanup() {
    local rc=$1
    set +e
    [[ -f $TMP/nginx.pid ]] && cp_stop_pid "$(cat "$TMP/nginx.pid")" 10
    [[ -n $SITE_PID ]] && cp_stop_pid "$SITE_PID" 15
    if ((rc != 0)) && [[ -s $TMP/site.log ]]; then
        cp_log "last lines of the site's log:"
        tail -n 30 "$TMP/site.log" >&2
    fi
    if [[ ${BENCH_KEEP:-0} == 1 ]]; then cp_log "kept $TMP"; else rm -rf -- "$TMP"; fi
}
trap 'cleanup $?' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

cp_log "building bench/MediaBench and src/Web (Release)"
dotnet build bench/MediaBench -c Release -nologo -v q >"$TMP/build.log" 2>&1 || { cat "$TMP/build.log" >&2; cp_die "building bench/MediaBench failed"; }
dotnet build src/Web -c Release -nologo -v q >>"$TMP/build.log" 2>&1 || { cat "$TMP/build.log" >&2; cp_die "building src/Web failed"; }
bench() { dotnet "$REPO_ROOT/bench/MediaBench/bin/Release/net10.0/ChildProtection.MediaBench.dll" "$@"; }
now() { date +%s.%N; }

# --- 1. resize: ours vs vipsthumbnail --------------------------------------------------------------
bench photos "$TMP/photos" "$PHOTOS"
read -r _ ours_total ours_mean ours_median < <(bench resize "$TMP/photos" "$TMP/ours" 800)
mkdir -p "$TMP/vips"
# vipsthumbnail once over all files, as it is meant to be used: its start-up is shared by the batch.
t0=$(now)
vipsthumbnail "$TMP"/photos/*.jpg -s 800 -o "$TMP/vips/%s.webp[Q=80]"
t1=$(now)
vips_total=$(awk -v a="$t1" -v b="$t0" 'BEGIN { printf "%.1f", (a - b) * 1000 }')
photo_bytes=$(du -cb "$TMP"/photos/*.jpg | tail -1 | cut -f1)
ours_bytes=$(du -cb "$TMP"/ours/*.webp | tail -1 | cut -f1)
vips_bytes=$(du -cb "$TMP"/vips/*.webp | tail -1 | cut -f1)

# --- 2. a cached variant: site vs nginx -------------------------------------------------------------
VARIANT_PATH=$(bench prepare "$TMP/data" "$REPO_ROOT/uSync/v17" "$TMP/photos/photo-01.jpg")
(
    cd "$REPO_ROOT/src/Web/bin/Release/net10.0"
    exec env ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="$SITE" Cms__DataPath="$TMP/data" \
        Cms__SchemaPath="$REPO_ROOT/uSync/v17" Cms__SeedPath="$REPO_ROOT/content-seed" \
        Admin__Password=Bench-Admin-Password-1 Logging__LogLevel__Default=Warning \
        dotnet ChildProtection.Web.dll
) </dev/null >"$TMP/site.log" 2>&1 &
SITE_PID=$!
site_up() { [[ $(curl -s -o /dev/null -w '%{http_code}' "$SITE/") == 200 ]]; }
cp_wait_for 60 site_up || cp_die "the site did not answer 200 on / within 60 s"

VARIANT_URL="$SITE$VARIANT_PATH"
code=$(curl -s -o "$TMP/www/variant.webp" -w '%{http_code}' "$VARIANT_URL")
[[ $code == 200 ]] || cp_die "GET $VARIANT_URL answered $code"
chmod 644 "$TMP/www/variant.webp"
VARIANT_BYTES=$(wc -c <"$TMP/www/variant.webp")
NGINX_URL="http://127.0.0.1:$NGINX_PORT/variant.webp"
bench_start_nginx "$TMP/www" "$NGINX_PORT" "$TMP"
nginx_ok() { [[ $(curl -s -o /dev/null -w '%{http_code}' "$NGINX_URL") == 200 ]]; }
cp_wait_for 10 nginx_ok || cp_die "nginx does not serve $NGINX_URL"

cp_log "warm-up ${WARMUP}s per target, then wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s on each"
wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" "$VARIANT_URL" >/dev/null
wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" "$NGINX_URL" >/dev/null
wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency "$VARIANT_URL" >"$TMP/wrk-site.txt"
wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency "$NGINX_URL" >"$TMP/wrk-nginx.txt"
IFS='|' read -r site_nums site_sockerr < <(bench_parse_wrk "$TMP/wrk-site.txt")
IFS='|' read -r nginx_nums nginx_sockerr < <(bench_parse_wrk "$TMP/wrk-nginx.txt")
read -r site_rps site_p50 site_p99 site_bad <<<"$site_nums"
read -r nginx_rps nginx_p50 nginx_p99 nginx_bad <<<"$nginx_nums"
((site_bad == 0)) || cp_log "WARNING: the site answered $site_bad non-2xx/3xx responses during the run"
((nginx_bad == 0)) || cp_log "WARNING: nginx answered $nginx_bad non-2xx/3xx responses during the run"
[[ -z $site_sockerr$nginx_sockerr ]] || cp_log "WARNING: socket errors: site '$site_sockerr', nginx '$nginx_sockerr'"

# --- 3. leaflet PDFs: first render ------------------------------------------------------------------
mapfile -t LEAFLETS < <(curl -s "$SITE/sitemap.xml" | grep -oE '<loc>[^<]*/to-gap-tuyen-truyen/[a-z0-9-]+/</loc>' | sed -E 's#</?loc>##g; s#^https?://[^/]+##' | head -3)
((${#LEAFLETS[@]} >= 2)) || cp_die "fewer than two leaflets in $SITE/sitemap.xml"
pdf_url() { curl -s "$SITE$1" | grep -oE 'href="/to-gap/[^"]+\.pdf"' | head -1 | sed -E 's/^href="|"$//g'; }
pdf_time() { curl -s -o "$TMP/leaflet.pdf" -w '%{http_code} %{time_total} %{size_download}\n' "$SITE$1"; }
first_pdf=$(pdf_url "${LEAFLETS[0]}")
second_pdf=$(pdf_url "${LEAFLETS[1]}")
read -r c1 cold_s pdf_bytes < <(pdf_time "$first_pdf")
read -r c2 cached_s _ < <(pdf_time "$first_pdf")
read -r c3 warm_s _ < <(pdf_time "$second_pdf")
[[ $c1$c2$c3 == 200200200 ]] || cp_die "a leaflet PDF did not answer 200 ($c1 $c2 $c3)"

# --- figures --------------------------------------------------------------------------------------------
echo "media pipeline, $(nproc) cores"
echo "resize $PHOTOS photos of 1732x1155 (2.0 MP, $((photo_bytes / PHOTOS / 1024)) KB JPEG) to 800 px WebP q80"
printf '%-16s %12s %12s %12s\n' pipeline "total ms" "ms/image" "WebP KB/img"
printf '%-16s %12.1f %12.1f %12.1f\n' ours "$ours_total" "$ours_mean" "$(awk -v b="$ours_bytes" -v n="$PHOTOS" 'BEGIN { print b / n / 1024 }')"
printf '%-16s %12.1f %12.1f %12.1f\n' vipsthumbnail "$vips_total" "$(awk -v t="$vips_total" -v n="$PHOTOS" 'BEGIN { print t / n }')" "$(awk -v b="$vips_bytes" -v n="$PHOTOS" 'BEGIN { print b / n / 1024 }')"
awk -v o="$ours_total" -v v="$vips_total" 'BEGIN { printf "ratio ours/vips = %.2f (goal <= 2), median ours %s ms\n", o / v, "'"$ours_median"'" }'
echo "cached variant ($VARIANT_BYTES B WebP), wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s"
printf '%-7s %12s %10s %10s\n' target req/s "p50 ms" "p99 ms"
printf '%-7s %12.0f %10.2f %10.2f\n' site "$site_rps" "$site_p50" "$site_p99"
printf '%-7s %12.0f %10.2f %10.2f\n' nginx "$nginx_rps" "$nginx_p50" "$nginx_p99"
awk -v s="$site_rps" -v n="$nginx_rps" 'BEGIN { printf "ratio site/nginx = %.2f (goal >= 0.5)\n", s / n }'
awk -v a="$cold_s" -v b="$warm_s" -v c="$cached_s" -v k="$pdf_bytes" 'BEGIN {
    printf "leaflet PDF (%.0f KB): first render %.0f ms (first PDF since start), %.0f ms (another leaflet, code warm); cached %.1f ms\n", k / 1024, a * 1000, b * 1000, c * 1000 }'
