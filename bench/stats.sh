#!/bin/sh
# bench/stats.sh - the annual statistics and the dashboard at scale
# (issue 12 §9, docs/PERFORMANCE.md): bench/stats_gen.c writes a
# deterministic region through the store (SIZE county ~10^4 cases, city
# ~10^5, province ~10^6 cases and ~10^7 events; SEED), then times, as a
# supervisor of the whole region (division 64) and of one county
# (640121): the dashboard's queries, the annual statistics' queries and
# their XLSX, and the decision block alone through the store, all read
# from the summary kept beside the record (036_stats_summary.sql); with
# REF=1 also the same figures counted from the record itself (the
# reference; slow: it grows with the events) and checked equal. The same
# decision block is then run in the sqlite3 shell on the same file, with
# the values the store binds written in, and the ratio printed.
#   env: SIZE=province SEED=42 YEAR=2025 DB=/tmp/fazhi-stats-$SIZE.db
#        KEEP=1 (reuse DB when it exists; a file whose summary is not built
#        gets it by the server's background job, timed) REF=1 (time the
#        reference too)
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
SIZE=${SIZE:-province}
SEED=${SEED:-42}
YEAR=${YEAR:-2025}
DB=${DB:-/tmp/fazhi-stats-$SIZE.db}
ninja -C "$root/build" stats-gen >/dev/null

if [ -z "${KEEP:-}" ] || [ ! -f "$DB" ]; then
	rm -f "$DB" "$DB-wal" "$DB-shm"
	"$root/build/stats-gen" gen "$DB" "$SIZE" "$YEAR" "$SEED"
fi
echo "database_size: $(du -m "$DB" | cut -f1) MiB"
# The migrations, then the summary's backfill where it is not built (a
# file written before 036; 046 and the scheduler's job), both timed.
"$root/build/stats-gen" migrate "$DB"
"$root/build/stats-gen" time "$DB" "$YEAR" 64 ${REF:+ref} | tee /tmp/fazhi-stats-time.txt
"$root/build/stats-gen" time "$DB" "$YEAR" 640121 ${REF:+ref}

# The store's decision block as the statistics run it now
# (src/store/sqlite_stats.c, summary_decision_counts: the summary's month
# cells of the year, no day cells, the default bands in fen), with its
# parameters written in: scope division 64.
arm() { # span lo hi
	printf "SELECT s.agency_id AS agency_id, s.penalty AS penalty, s.bucket AS bucket, s.period AS m, s.n AS n, s.fine AS fine, s.conf AS conf FROM agencies a JOIN stats_decision_cells s ON s.agency_id = a.id AND s.span = '%s' AND s.period BETWEEN '%s' AND '%s' WHERE '%s' <= '%s' AND (3 = 1 OR (3 = 2 AND a.id = 0) OR (3 = 3 AND a.division_code LIKE '64' || '%%'))" "$1" "$2" "$3" "$2" "$3"
}
sql=$(cat <<SQL
SELECT agency_id, penalty, CASE WHEN bucket <= 0 THEN -1 WHEN bucket < 100000 THEN 0
 WHEN bucket < 1000000 THEN 1 WHEN bucket < 10000000 THEN 2 WHEN bucket < 100000000 THEN 3 ELSE 4 END AS band,
 m, n, fine, conf FROM ($(arm M "$YEAR-01" "$YEAR-12") UNION ALL $(arm D 1 0) UNION ALL $(arm D 1 0));
SQL
)
# five times: the first warms the page cache; the quickest of the others
best=
for i in 1 2 3 4 5; do
	out=$(printf '.timer on\n.output /dev/null\n%s\n' "$sql" | sqlite3 "$DB" | grep '^Run Time')
	if [ "$i" -gt 1 ]; then
		t=$(echo "$out" | sed 's/.*user \([0-9.]*\) sys \([0-9.]*\).*/\1 \2/' | awk '{ printf "%.1f", ($1 + $2) * 1000 }')
		if [ -z "$best" ] || awk -v a="$t" -v b="$best" 'BEGIN { exit !(a < b) }'; then best=$t; fi
	fi
done
echo "decision_block_shell: cpu $best ms (user + sys, quickest of 4)"
store_cpu=$(sed -n 's/^decision_block_store: [0-9]* ms (cpu \([0-9]*\) ms).*/\1/p' /tmp/fazhi-stats-time.txt)
echo "decision_block_ratio_store_to_shell (cpu): $(awk -v a="$store_cpu" -v b="$best" 'BEGIN { printf "%.2f", a / (b > 0 ? b : 1) }')"
