#!/bin/sh
# bench/callgrind_http.sh - instructions per request of `fazhi serve`
# (callgrind: deterministic, unlike rates on a shared machine) for the
# routes of bench/http.sh and the case list: the demo county, the server
# under valgrind, N sequential requests per route on one kept-alive
# connection (curl), counters zeroed before and dumped after each route.
# Prints "name: instructions/request" lines; the sum over all threads.
#   env: BIN=build/fazhi N=200 PROFILE=DIR (keep the callgrind dumps there,
#        for callgrind_annotate)
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
BIN=${BIN:-$root/build/fazhi}
N=${N:-200}
PORT=${PORT:-}
. "$root/bench/serve_lib.sh"
[ -n "$PORT" ] || PORT=$(serve_free_port)
serve_workdir cg
serve_callgrind "$BIN" "$PORT" --connections-per-address 4096
token=$(curl -s -X POST -H 'Content-Type: application/json' \
	-d '{"username":"supervisor","password":"Demo@2026"}' \
	"$base/api/v1/session" | sed 's/.*"token":"\([0-9a-f]*\)".*/\1/')
auth="Authorization: Bearer $token"
pub=$(curl -s "$base/api/v1/public/publications?limit=1" |
	sed -n 's/.*"items":\[{"id":\([0-9]*\).*/\1/p')

measure() {
	name=$1 path=$2
	shift 2
	urls=""
	i=0
	while [ "$i" -lt "$N" ]; do
		urls="$urls $base$path"
		i=$((i + 1))
	done
	# one warm-up request (statements prepared, caches filled)
	curl -sf -o /dev/null "$@" "$base$path"
	callgrind_control -z "$pid" >/dev/null 2>&1
	# shellcheck disable=SC2086
	curl -sf "$@" $urls >/dev/null
	t=$(callgrind_dump "$name")
	echo "$name: $((t / N)) instructions/request"
}

measure healthz /healthz
measure public_certificate /api/v1/public/certificates/NX05220001
[ -n "$pub" ] && measure public_decision_page "/public/decisions/$pub"
measure certificate_list_signed_in "/api/v1/certificates?limit=20" -H "$auth"
measure case_list_api_signed_in "/api/v1/cases?limit=20" -H "$auth"
measure case_list_page_signed_in /cases -H "$auth"
