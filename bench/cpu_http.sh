#!/bin/sh
# bench/cpu_http.sh - CPU time of `fazhi serve` per request under wrk
# (utime + stime of the server from /proc, divided by the requests wrk
# completed): steadier than requests per second on a shared machine, where
# other processes take the cores. Binaries given as arguments are measured
# in turn on copies of one demo database, ROUNDS times alternated, so that
# old and new see the same minutes. Prints "binary route: µs/request".
#   usage: bench/cpu_http.sh OLD_BIN NEW_BIN ...
#   env: DURATION=5s CONNS=64 THREADS=2 ROUNDS=2
set -eu
DURATION=${DURATION:-5s}
CONNS=${CONNS:-64}
THREADS=${THREADS:-2}
ROUNDS=${ROUNDS:-2}
PORT=${PORT:-}
[ $# -gt 0 ] || { echo "usage: $0 BIN..." >&2; exit 2; }
command -v wrk >/dev/null 2>&1 || { echo "needs wrk (bench/http.sh installs it)" >&2; exit 1; }

root=$(cd "$(dirname "$0")/.." && pwd)
. "$root/bench/serve_lib.sh"
[ -n "$PORT" ] || PORT=$(serve_free_port)
serve_workdir cpu
"$1" demo --db "$work/demo.db" >/dev/null
tck=$(getconf CLK_TCK)
base="http://127.0.0.1:$PORT"

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

one() { # bin name path [header]
	bin=$1 name=$2 path=$3
	shift 3
	c0=$(cpu_ticks "$pid")
	n=$(wrk -t"$THREADS" -c"$CONNS" -d"$DURATION" "$@" "$base$path" |
		awk '/requests in/ {print $1}')
	c1=$(cpu_ticks "$pid")
	awk -v c="$((c1 - c0))" -v t="$tck" -v n="$n" -v b="$bin" -v k="$name" \
		'BEGIN {printf "%s %s: %.1f us/request (%d requests)\n", b, k, c / t * 1e6 / n, n}'
}

r=0
while [ "$r" -lt "$ROUNDS" ]; do
	for bin in "$@"; do
		cp "$work/demo.db" "$work/run.db"
		"$bin" serve --db "$work/run.db" --listen "127.0.0.1:$PORT" \
			--connections-per-address 4096 2>/dev/null &
		pid=$!
		until curl -sf -o /dev/null "$base/healthz"; do sleep 0.05; done
		token=$(curl -s -X POST -H 'Content-Type: application/json' \
			-d '{"username":"supervisor","password":"Demo@2026"}' \
			"$base/api/v1/session" | sed 's/.*"token":"\([0-9a-f]*\)".*/\1/')
		auth="Authorization: Bearer $token"
		one "$bin" healthz /healthz
		one "$bin" certificate_list_signed_in "/api/v1/certificates?limit=20" -H "$auth"
		one "$bin" case_list_api_signed_in "/api/v1/cases?limit=20" -H "$auth"
		one "$bin" case_list_page_signed_in /cases -H "$auth"
		kill "$pid"
		wait "$pid" 2>/dev/null || true
		pid=""
		rm -rf "$work"/run.db*
	done
	r=$((r + 1))
done
