#!/bin/sh
# bench/raw_sqlite.sh DIR ROWS - the appends' limit, shared by
# bench/ledger.sh and bench/floor.sh: the sqlite3 shell inserting ROWS
# rows shaped like a case event into a new WAL database in DIR with
# synchronous=FULL, one transaction per row, on the same file system as
# the bench's. Prints the rows per second.
set -eu
dir=$1 rows=$2
{
	echo "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
	echo "CREATE TABLE ev (id INTEGER PRIMARY KEY, case_id INT, seq INT, step TEXT,"
	echo " on_date TEXT, at INT, reason TEXT);"
	i=0
	while [ "$i" -lt "$rows" ]; do
		echo "INSERT INTO ev (case_id, seq, step, on_date, at, reason) VALUES"
		echo " (1, $i, 'investigate', '2026-01-01', $i, '询问笔录 1 份（压测）');"
		i=$((i + 1))
	done
} >"$dir/raw.sql"
rm -f "$dir/raw.db" "$dir/raw.db-wal" "$dir/raw.db-shm"
t0=$(date +%s.%N)
sqlite3 "$dir/raw.db" <"$dir/raw.sql" >/dev/null
t1=$(date +%s.%N)
awk -v n="$rows" -v a="$t0" -v b="$t1" 'BEGIN {printf "%.0f\n", n / (b - a)}'
