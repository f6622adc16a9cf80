#!/bin/sh
# bench/stats.sh - the annual statistics and the dashboard at scale
# (issue 12 §9, docs/PERFORMANCE.md): bench/stats_gen.c writes a
# deterministic region through the store (SIZE county ~10^4 cases, city
# ~10^5, province ~10^6 cases and ~10^7 events; SEED), then times, as a
# supervisor of the whole region (division 64) and of one county
# (640121): the dashboard's queries, the annual statistics' queries and
# their XLSX, and the decision block alone through the store. The same
# decision block is then run in the sqlite3 shell on the same file, with
# the values the store binds written in, and the ratio printed.
#   env: SIZE=province SEED=42 YEAR=2025 DB=/tmp/fazhi-stats-$SIZE.db
#        KEEP=1 (reuse DB when it exists)
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
"$root/build/stats-gen" time "$DB" "$YEAR" 64 | tee /tmp/fazhi-stats-time.txt
"$root/build/stats-gen" time "$DB" "$YEAR" 640121

# The store's decision block (src/store/sqlite_stats.c,
# sq_stats_decision_counts) with its parameters written in: scope
# division 64, the default bands in fen.
field() {
	printf "coalesce((SELECT f.value FROM case_events k JOIN case_event_fields f ON f.event_id = k.id AND f.key = '%s' AND f.value <> '' WHERE k.corrects = e.id AND k.corrects IS NOT NULL ORDER BY k.seq DESC LIMIT 1), (SELECT f.value FROM case_event_fields f WHERE f.event_id = e.id AND f.key = '%s'), '')" "$1" "$1"
}
fen() {
	printf "coalesce(CAST(round(CAST(nullif(%s, '') AS REAL) * 100) AS INTEGER), 0)" "$1"
}
sql=$(cat <<SQL
WITH d AS MATERIALIZED (SELECT c.agency_id AS agency_id, substr(e.on_date, 1, 7) AS m,
 $(field penalty) AS penalty, $(fen "$(field amount)") AS fine, $(fen "$(field confiscation)") AS conf
 FROM case_events e JOIN cases c ON c.id = e.case_id JOIN agencies a ON a.id = c.agency_id
 WHERE e.step IN (SELECT value FROM json_each('["decision","decide_on_spot"]')) AND e.corrects IS NULL
 AND e.on_date BETWEEN '$YEAR-01-01' AND '$YEAR-12-31'
 AND (3 = 1 OR (3 = 2 AND c.agency_id = 0) OR (3 = 3 AND a.division_code LIKE '64' || '%'))
 AND NOT EXISTS (SELECT 1 FROM case_events l WHERE l.case_id = e.case_id AND l.seq > e.seq
  AND l.corrects IS NULL AND l.step IN (SELECT value FROM json_each('["decision","decide_on_spot","revoke_decision","remedy_set_aside"]'))))
SELECT agency_id, penalty, CASE WHEN fine <= 0 THEN -1 WHEN fine < 100000 THEN 0
 WHEN fine < 1000000 THEN 1 WHEN fine < 10000000 THEN 2 WHEN fine < 100000000 THEN 3 ELSE 4 END AS band,
 m, count(*), sum(fine), sum(conf) FROM d GROUP BY 1, 2, 3, 4;
SQL
)
# twice: the first warms the page cache, as the timer's first round does
for i in 1 2; do
	out=$(printf '.timer on\n%s\n' "$sql" | sqlite3 "$DB" | grep '^Run Time')
done
echo "decision_block_shell: $out"
shell_ms=$(echo "$out" | sed 's/.*real \([0-9.]*\).*/\1/' | awk '{ printf "%.0f", $1 * 1000 }')
store_ms=$(sed -n 's/^decision_block_store: \([0-9]*\) ms.*/\1/p' /tmp/fazhi-stats-time.txt)
echo "decision_block_ratio_store_to_shell: $(awk -v a="$store_ms" -v b="$shell_ms" 'BEGIN { printf "%.2f", a / (b > 0 ? b : 1) }')"
