#!/bin/sh
# bench/callgrind_steps.sh - instructions per case step appended through
# the API (POST /api/v1/cases/{id}/steps, `investigate`), counted by
# callgrind: deterministic, unlike rates on a shared machine. The demo
# county, the server under valgrind, CASES fresh penalty cases approved
# as in bench/ledger.sh, one warm-up step, the counters zeroed, then N
# steps in turn over the cases on one kept-alive connection (curl), and
# the counters dumped. Prints "name: instructions/append"; the sum over
# all threads (the group commit's sync included).
#   env: BIN=build/fazhi N=100 CASES=20 PROFILE=DIR (keep the callgrind
#        dumps there, for callgrind_annotate --inclusive=yes)
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
BIN=${BIN:-$root/build/fazhi}
N=${N:-100}
CASES=${CASES:-20}
PORT=${PORT:-}
. "$root/bench/serve_lib.sh"
[ -n "$PORT" ] || PORT=$(serve_free_port)
serve_workdir cgs
serve_callgrind "$BIN" "$PORT" --checkpoint-interval 86400
token=$(curl -s -X POST -H 'Content-Type: application/json' \
	-d '{"username":"officer1","password":"Demo@2026"}' "$base/api/v1/session" |
	sed 's/.*"token":"\([0-9a-f]*\)".*/\1/')
# shellcheck disable=SC2046
set -- $(python3 "$root/bench/step_cases.py" "$base" "$token" "$CASES")
body="{\"step\":\"investigate\",\"fields\":{\"record\":\"询问笔录 1 份（压测）\"},\"officers\":[$1,$2]}"
shift 2
ids="$*"
# the answers' status codes, one line each
post() {
	curl -s -X POST -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
		-d "$body" -w '\nHTTP %{http_code}\n' "$@" | sed -n 's/^HTTP //p'
}
# one warm-up step (statements prepared, the calendar kept)
[ "$(post "$base/api/v1/cases/$1/steps")" = 201 ] || { echo "the step is refused" >&2; exit 1; }
# shellcheck disable=SC2086
urls=$(step_urls "$base" "$N" $ids)
callgrind_control -z "$pid" >/dev/null 2>&1
# shellcheck disable=SC2086
ok=$(post $urls | grep -c '^201$' || true)
[ "$ok" = "$N" ] || { echo "only $ok of $N steps were answered 201" >&2; exit 1; }
total=$(callgrind_dump steps)
echo "case_step_appended: $((total / N)) instructions/append"
