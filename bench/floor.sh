#!/bin/sh
# bench/floor.sh - the floor under appends: what SQLite alone needs for
# the rows a case step records, against the limit bench/ledger.sh uses
# (raw SQLite, one row per commit, WAL + synchronous=FULL), both measured
# in this run on this file system (docs/PERFORMANCE.md "Appends: the
# floor").
#  1. The demo county with CASES fresh penalty cases (bench/step_cases.py)
#     is copied aside; the server is started on it with bench/sqltrace.c
#     preloaded, takes N `investigate` steps one after another from one
#     client, and is stopped: the trace holds every statement it ran,
#     with its values.
#  2. build/step-floor runs those statements again on fresh copies of the
#     copy, alone: with a commit per step (K=1) and per K steps (the
#     group commit's batch, 5 by default: bench/ledger.sh measures about
#     4.6 appends per sync); every statement ("all") and the writes
#     alone ("writes": any program that keeps the same rows must do at
#     least these).
# If even the writes alone, batched, are near the limit, no HTTP server
# and no judging on top of them can reach it: that is what this measures.
# Prints "name: value unit" lines and the ratios last.
#   env: N=2000 CASES=200 K=5 ROWS=2000 BIN=build/fazhi
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
N=${N:-2000}
CASES=${CASES:-200}
K=${K:-5}
ROWS=${ROWS:-2000}
BIN=${BIN:-$root/build/fazhi}
command -v sqlite3 >/dev/null 2>&1 || {
	export DEBIAN_FRONTEND=noninteractive
	apt-get install -y -qq sqlite3 >/dev/null 2>&1 ||
		{ apt-get update -qq >/dev/null && apt-get install -y -qq sqlite3 >/dev/null; }
}
make -C "$root" build >/dev/null
. "$root/bench/serve_lib.sh"
serve_workdir floor
port=$(serve_free_port)
base="http://127.0.0.1:$port"

sign_in() {
	curl -s -X POST -H 'Content-Type: application/json' \
		-d '{"username":"officer1","password":"Demo@2026"}' "$base/api/v1/session" |
		sed 's/.*"token":"\([0-9a-f]*\)".*/\1/'
}

# the cases, by the server as it is
"$BIN" demo --db "$work/d.db" >/dev/null
"$BIN" serve --db "$work/d.db" --listen "127.0.0.1:$port" --checkpoint-interval 86400 2>/dev/null &
pid=$!
serve_wait "$base"
token=$(sign_in)
# shellcheck disable=SC2046
set -- $(python3 "$root/bench/step_cases.py" "$base" "$token" "$CASES")
body="{\"step\":\"investigate\",\"fields\":{\"record\":\"询问笔录 1 份（压测）\"},\"officers\":[$1,$2]}"
shift 2
ids="$*"
kill "$pid"
wait "$pid" 2>/dev/null || true
pid=""
"$BIN" checkpoint --db "$work/d.db" >/dev/null
cp "$work/d.db" "$work/before.db"

# the steps, recorded
FAZHI_SQLTRACE="$work/trace" LD_PRELOAD="$root/build/sqltrace.so" \
	"$BIN" serve --db "$work/d.db" --listen "127.0.0.1:$port" --checkpoint-interval 86400 2>/dev/null &
pid=$!
serve_wait "$base"
token=$(sign_in)
# shellcheck disable=SC2086
urls=$(step_urls "$base" "$N" $ids)
# shellcheck disable=SC2086
ok=$(curl -s -X POST -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
	-d "$body" -w '\nHTTP %{http_code}\n' $urls | grep -c '^HTTP 201$' || true)
kill "$pid"
wait "$pid" 2>/dev/null || true
pid=""
[ "$ok" = "$N" ] || { echo "only $ok of $N steps were answered 201" >&2; exit 1; }

# the limit: as bench/ledger.sh measures it
raw=$("$root/bench/raw_sqlite.sh" "$work" "$ROWS")
echo "floor_raw_sqlite_inserts_sync_full: $raw rows/s"

# the replays, each on a fresh copy of the database before the steps:
# "NAME K MODE" prints "NAME: steps/s ..." and its ratio to the limit
replay() {
	rm -f "$work/r.db" "$work/r.db-wal" "$work/r.db-shm"
	cp "$work/before.db" "$work/r.db"
	line=$("$root/build/step-floor" "$work/r.db" "$work/trace" "$2" "$3")
	echo "$1: ${line#replayed: }"
	echo "$line" | awk -v n="$1" -v r="$raw" '{printf "ratio_%s_to_raw_sqlite: %.2f\n", n, $2 / r}'
}
replay step_sql_alone_unbatched 1 all
replay step_sql_alone_batched "$K" all
replay step_writes_alone_batched "$K" writes
