#!/bin/sh
# bench/http.sh - requests per second of `fazhi serve` against nginx
# serving, in the same run, a static file holding the very bytes fazhi
# answered (the same size): for each route below, nginx is measured on
# its own copy. Also the server's start-up time (launch until /healthz
# answers), the time its scheduler then takes to refresh case statuses
# of an earlier day (none when the database was prepared today), and its
# resident memory idle, at the end of the load and at its peak.
# Loopback only; each wrk run is bounded by -d; both servers are stopped
# at exit. Prints "name: value unit" lines, the ratios last.
# bench/all.sh (make bench) runs it several times and tabulates medians.
# SIZE is the database measured: county (default), city or province are
# bench/sized_db.sh's (a generated region of ~10^4, 10^5 or 10^6 cases
# with the demo county and a supervisor of the whole region), prepared
# once into BENCH_DATA and copied for each run (FROM=path: a database
# stats-gen wrote already, copied instead of generating); demo is the
# demo county alone (the table before 2026-12-06).
# BIN=path measures another binary (an older build, for before and after
# in the same minutes) instead of building this tree's.
#   env: DURATION=10s CONNS=64 THREADS=2 SIZE=county BENCH_DATA=/tmp/fazhi-bench-data
#        BIN=build/fazhi PORT=18182 NGINX_PORT=18181
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
DURATION=${DURATION:-10s}
CONNS=${CONNS:-64}
THREADS=${THREADS:-2}
SIZE=${SIZE:-county}
BENCH_DATA=${BENCH_DATA:-/tmp/fazhi-bench-data}
PORT=${PORT:-18182}
NGINX_PORT=${NGINX_PORT:-18181}
export PATH="$PATH:/usr/sbin:/sbin"

need=""
command -v wrk >/dev/null 2>&1 || need="$need wrk"
command -v nginx >/dev/null 2>&1 || need="$need nginx-light"
command -v sqlite3 >/dev/null 2>&1 || need="$need sqlite3"
if [ -n "$need" ]; then
	export DEBIAN_FRONTEND=noninteractive
	# shellcheck disable=SC2086
	apt-get install -y -qq $need >/dev/null 2>&1 ||
		{ apt-get update -qq >/dev/null && apt-get install -y -qq $need >/dev/null; }
fi
if [ -z "${BIN:-}" ]; then
	make -C "$root" build >/dev/null
	BIN=$root/build/fazhi
fi

work=$(mktemp -d /tmp/fazhi-bench-XXXXXX)
nginx_pid=""
fazhi_pid=""
cleanup() {
	[ -n "$fazhi_pid" ] && kill "$fazhi_pid" 2>/dev/null || true
	[ -n "$nginx_pid" ] && kill "$nginx_pid" 2>/dev/null || true
	sleep 0.3
	rm -rf "$work"
}
trap cleanup EXIT INT TERM

# nginx: two workers, no access log, keep-alive, static copies of the
# bodies fazhi answers (written below, before nginx is measured).
mkdir -p "$work/www" "$work/nginx"
cat >"$work/nginx/nginx.conf" <<CONF
worker_processes 2;
daemon off;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log;
events { worker_connections 1024; }
http {
	access_log off;
	sendfile on;
	keepalive_requests 100000;
	client_body_temp_path $work/nginx;
	proxy_temp_path $work/nginx;
	fastcgi_temp_path $work/nginx;
	uwsgi_temp_path $work/nginx;
	scgi_temp_path $work/nginx;
	server {
		listen 127.0.0.1:$NGINX_PORT;
		root $work/www;
	}
}
CONF
nginx -c "$work/nginx/nginx.conf" &
nginx_pid=$!

case "$SIZE" in
demo) "$BIN" demo --db "$work/demo.db" >/dev/null ;;
county | city | province)
	base="$BENCH_DATA/$SIZE.db"
	if [ ! -f "$base" ]; then
		mkdir -p "$BENCH_DATA"
		echo "bench/http.sh: preparing $base (once)" >&2
		"$root/bench/sized_db.sh" "$SIZE" "$base" >&2
	fi
	# the prepared file brought to this binary's schema (once: nothing to
	# do after), so that the start-up measured below is a start and not
	# the migrations of a file prepared before them; init then exits 9,
	# the generated region's events being outside the ledger by design
	# (bench/stats_gen.c), which the server only warns about
	"$BIN" init --db "$base" >/dev/null 2>&1 || [ $? -eq 9 ]
	cp "$base" "$work/demo.db"
	cp -r "$base.data" "$work/demo.db.data"
	;;
*) echo "bench/http.sh: SIZE is county, city, province or demo" >&2; exit 2 ;;
esac
echo "database: $SIZE, $(du -m "$work/demo.db" | cut -f1) MiB," \
	"$(sqlite3 "$work/demo.db" 'SELECT count(*) FROM cases') cases," \
	"$(sqlite3 "$work/demo.db" 'SELECT count(*) FROM case_events') events"
now_ms() { date +%s%3N; }
rss_kib() { awk '/^VmRSS/ {print $2}' "/proc/$1/status"; }
# All of wrk's connections come from 127.0.0.1: lift the per-address limit.
t0=$(now_ms)
"$BIN" serve --db "$work/demo.db" --listen 127.0.0.1:$PORT \
	--connections-per-address 4096 2>/dev/null &
fazhi_pid=$!
until curl -sf -o /dev/null http://127.0.0.1:$PORT/healthz; do
	kill -0 "$fazhi_pid" 2>/dev/null || { echo "the server did not start" >&2; exit 1; }
	sleep 0.01
done
t1=$(now_ms)
# statuses of an earlier day are refreshed by the server when it starts
# (a database prepared on another day): measured, then waited for
refresh_ms=$("$root/bench/wait_status.sh" "$work/demo.db")
sleep 1
rss_idle=$(rss_kib "$fazhi_pid")

rps() {
	wrk -t"$THREADS" -c"$CONNS" -d"$DURATION" "$@" | awk '/Requests\/sec/ {print $2}'
}
token=$(curl -s -X POST -H 'Content-Type: application/json' \
	-d '{"username":"supervisor","password":"Demo@2026"}' \
	http://127.0.0.1:$PORT/api/v1/session | sed 's/.*"token":"\([0-9a-f]*\)".*/\1/')
auth="Authorization: Bearer $token"
pub=$(curl -s "http://127.0.0.1:$PORT/api/v1/public/publications?limit=1" |
	sed -n 's/.*"items":\[{"id":\([0-9]*\).*/\1/p')
[ -n "$pub" ] || { echo "no published decision in the demo" >&2; exit 1; }

# name, then the route and any wrk/curl header: fazhi's body is copied to
# www/name for nginx, fazhi and nginx are measured one after the other.
measure() {
	name=$1 path=$2
	shift 2
	if [ $# -gt 0 ]; then
		code=$(curl -s -o "$work/www/$name" -w '%{http_code}' -H "$2" "http://127.0.0.1:$PORT$path")
	else
		code=$(curl -s -o "$work/www/$name" -w '%{http_code}' "http://127.0.0.1:$PORT$path")
	fi
	[ "$code" = 200 ] || { echo "$path answered $code" >&2; exit 1; }
	f=$(rps "$@" "http://127.0.0.1:$PORT$path")
	n=$(rps "http://127.0.0.1:$NGINX_PORT/$name")
	echo "fazhi_$name: $f req/s"
	echo "nginx_static_$name: $n req/s ($(wc -c <"$work/www/$name") bytes)"
	awk -v a="$f" -v b="$n" -v k="$name" 'BEGIN {printf "ratio_%s_to_nginx: %.6f\n", k, a / b}'
}
measure healthz /healthz
measure public_certificate /api/v1/public/certificates/NX05220001
measure public_decision_page "/public/decisions/$pub"
# Signed in: session lookup, scope, a page of 20 certificates as JSON;
# the case list page.
measure certificate_list_signed_in "/api/v1/certificates?limit=20" -H "$auth"
# the cases in the supervisor's scope (with SIZE, the whole region): a
# page of 20 as JSON, and the case list page
measure case_json_list_signed_in "/api/v1/cases?limit=20" -H "$auth"
measure case_list_page_signed_in "/cases" -H "$auth"
rss_load=$(rss_kib "$fazhi_pid")
rss_peak=$(awk '/^VmHWM/ {print $2}' "/proc/$fazhi_pid/status")
echo "startup_time: $((t1 - t0)) ms"
echo "status_refresh_after_start: $refresh_ms ms"
echo "rss_idle: $((rss_idle / 1024)) MiB"
echo "rss_after_load: $((rss_load / 1024)) MiB"
echo "rss_peak: $((rss_peak / 1024)) MiB"
