#!/bin/sh
# bench/all.sh - `make bench`: one table of fazhi's figures, each beside
# its limit measured in the same run on this machine, the ratio first;
# medians over RUNS runs of bench/http.sh (pages and JSON against nginx
# serving the same bytes, start-up time, memory), bench/ledger.sh
# (appends through the API against raw SQLite at the same durability,
# `fazhi verify` against `openssl speed` SM3) and bench/floor.sh (a
# step's own SQL replayed with nothing around it, against the same
# limit: the floor under the appends). Each script still runs
# alone and prints its own "name: value unit" lines; RAW=1 prints those
# lines of every run too. The search bench (bench/search.sh, 10^6
# publications, an hour) is not part of it.
# SIZE=county|city|province (county by default; bench/sized_db.sh, a
# generated region with the demo county in it, prepared once) is the
# database http.sh measures; ledger.sh appends to fresh cases of the
# demo county whatever the SIZE (its figure is per append).
#   env: RUNS=3 SIZE=county, and each script's own (DURATION, CONNS ...)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
RUNS=${RUNS:-3}
SIZE=${SIZE:-county}
export SIZE
out=$(mktemp /tmp/fazhi-bench-all-XXXXXX)
trap 'rm -f "$out"' EXIT INT TERM

i=1
while [ "$i" -le "$RUNS" ]; do
	for s in http ledger floor; do
		echo "bench/all.sh: run $i of $RUNS, $s.sh" >&2
		"$here/$s.sh" >"$out.$s" || { cat "$out.$s" >&2; rm -f "$out.$s"; exit 1; }
		[ "${RAW:-}" = 1 ] && cat "$out.$s" >&2
		[ "$s" != http ] || sed -n 's/^database: //p' "$out.$s" >"$out.db"
		# "name: value ..." → "name value"
		sed -n 's/^\([a-z0-9_]*\): *\([0-9.][0-9.]*\).*/\1 \2/p' "$out.$s" >>"$out"
		rm -f "$out.$s"
	done
	i=$((i + 1))
done

echo "fazhi bench: medians of $RUNS runs, $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores," \
	"$(sed -n 's/^model name[^:]*: //p' /proc/cpuinfo | head -1), load average" \
	"$(cut -d' ' -f1-3 /proc/loadavg)"
echo "database (http.sh): $(cat "$out.db")"
rm -f "$out.db"
echo
# measure | fazhi | limit (same run) | ratio, from the medians; a row
# whose figures are missing is left out.
sort -k1,1 -k2,2g "$out" | awk -v runs="$RUNS" '
	{ v[$1, ++n[$1]] = $2 }
	END {
		for (k in n) {
			c = n[k]
			med[k] = c % 2 ? v[k, (c + 1) / 2] : (v[k, c / 2] + v[k, c / 2 + 1]) / 2
		}
		print "| ratio | measure | fazhi | limit, same run |"
		print "|---|---|---|---|"
		row("ratio_api_events_to_raw_sqlite", "case events appended through the API (events/s)",
		    "api_events_appended", "raw SQLite inserts, WAL + synchronous=FULL (rows/s)",
		    "raw_sqlite_inserts_sync_full")
		split("step_sql_alone_batched step_writes_alone_batched step_sql_alone_unbatched", f, " ")
		split("floor: the SQL of a step replayed alone, 5 steps to a commit (steps/s)|floor: its writes alone, 5 steps to a commit (steps/s)|floor: the SQL of a step replayed alone, a commit per step (steps/s)", flab, "|")
		for (i = 1; i <= 3; i++)
			row("ratio_" f[i] "_to_raw_sqlite", flab[i], f[i],
			    "raw SQLite inserts, WAL + synchronous=FULL (rows/s)",
			    "floor_raw_sqlite_inserts_sync_full")
		row("ratio_verify_to_openssl_sm3", "fazhi verify (MB/s)", "verify_throughput",
		    "openssl speed -evp sm3, 16 KiB (MB/s)", "openssl_speed_sm3_16k")
		split("case_json_list_signed_in certificate_list_signed_in case_list_page_signed_in public_decision_page public_certificate healthz", r, " ")
		split("GET /api/v1/cases?limit=20 signed in|GET /api/v1/certificates?limit=20 signed in|GET /cases page signed in|GET /public/decisions/{id}|GET /api/v1/public/certificates/{number}|GET /healthz", lab, "|")
		for (i = 1; i <= 6; i++)
			row("ratio_" r[i] "_to_nginx", lab[i] " (req/s)", "fazhi_" r[i],
			    "nginx, static file of the same bytes (req/s)", "nginx_static_" r[i])
		one("startup_time", "start-up: launch until /healthz answers (ms)")
		one("status_refresh_after_start", "then: stale case statuses refreshed by the scheduler (ms)")
		one("rss_idle", "resident memory, idle (MiB)")
		one("rss_after_load", "resident memory, after the load (MiB)")
		one("rss_peak", "resident memory, peak under the load (VmHWM, MiB)")
		one("server_cpu_per_append", "server CPU per appended event (ms)", "%.2f")
		one("appends_per_sync", "appended events per sync of the log (group commit)", "%.2f")
		one("server_writes_per_commit", "writes per commit of the server, whole ledger run (batches)", "%.2f")
	}
	function row(rk, m, fk, l, lk) {
		if ((rk in med) && (fk in med) && (lk in med))
			printf "| %.3g | %s | %s | %s: %.0f |\n", med[rk], m, num(med[fk]), l, med[lk]
	}
	# rates under 10 a second keep two decimals
	function num(x) { return x < 10 ? sprintf("%.2f", x) : sprintf("%.0f", x) }
	function one(k, m, f) {
		if (k in med)
			printf "| | %s | " (f ? f : "%.0f") " | |\n", m, med[k]
	}'
