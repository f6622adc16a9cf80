#!/bin/sh
# bench/wait_status.sh DB - waits until no case status in DB is of an
# earlier day than today (China time, as the server counts days): the
# refresh `fazhi serve`'s scheduler runs when it starts (app/case_status.c,
# app_case_status_refresh) is done. Prints the time it took in ms.
#   env: WAIT_MAX=7200 (seconds)
set -eu
db=$1
max=${WAIT_MAX:-7200}
t0=$(date +%s%3N)
while :; do
	n=$(sqlite3 -cmd ".timeout 5000" "$db" \
		"SELECT count(*) FROM case_status WHERE computed_on < date('now', '+8 hours')")
	[ "$n" = 0 ] && break
	[ $(($(date +%s%3N) - t0)) -lt $((max * 1000)) ] ||
		{ echo "wait_status.sh: $n statuses still stale after ${max}s" >&2; exit 1; }
	sleep 1
done
echo "$(($(date +%s%3N) - t0))"
