#!/bin/sh
# bench/search.sh - Chinese full-text search latency at N synthetic
# published decisions (10^6 by default): bench/search_bench.c generates
# them deterministically (enforcement vocabulary: parties, places,
# violations, legal bases, amounts, dates over ten years, 40 agencies),
# indexes them through the store (the fazhi tokenizer), copies the same
# rows into a raw FTS5 trigram table in the same database, then times a
# fixed query set through app_search_query (REPS times each) beside the
# raw trigram MATCH (ORDER BY rank, and ORDER BY rowid DESC; RAW_REPS
# times each). Prints a table and "name: value unit" lines with ratios.
#   env: N=1000000 REPS=50 RAW_REPS=5; ONLY=query-name times that query
#   alone (no raw ones), OPTIMIZE=1 merges the index into one segment
#   first; PROGRESS=N counts SQLite's progress-handler calls (every N
#   steps) per run of the ONLY query; the column cut counts the runs the
#   work bound stopped with the page not full. Wall time and the
#   thread's CPU time are both reported: on a shared machine the CPU
#   time is the work, wall time adds the waits.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
N=${N:-1000000}
REPS=${REPS:-50}
RAW_REPS=${RAW_REPS:-5}
make -C "$root" build >/dev/null
ninja -C "$root/build" search-bench >/dev/null

work=$(mktemp -d /tmp/fazhi-search-XXXXXX)
trap 'rm -rf "$work"' EXIT INT TERM
"$root/build/search-bench" "$work/s.db" "$N" "$REPS" "$RAW_REPS"
echo "database_size: $(du -m "$work/s.db" | cut -f1) MiB"
