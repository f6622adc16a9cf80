#!/bin/sh
# bench/ledger.sh - the ledger's two costs, each against its own limit
# measured in the same run on this machine:
#  1. case events appended per second through the API (POST .../steps:
#     gates, event, ledger leaf, audit record, one durable transaction)
#     against raw SQLite inserts at the same durability (WAL,
#     synchronous=FULL, one transaction per row) on the same file system;
#  2. `fazhi verify` throughput (MB of records, leaves and files re-hashed
#     per second) against `openssl speed -evp sm3` (16 KiB blocks).
# Also the server's CPU time per append (/proc/PID/stat) and, where perf
# may trace syscalls, the appends per sync of the log (group commit).
# Prints "name: value unit" lines and the ratios last.
#   env: DURATION=10s CONNS=8 THREADS=2 CASES=200 ROWS=2000 FILE_MB=64
#        FAZHI=build/fazhi (another binary, e.g. a control built from an
#        earlier commit)
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
DURATION=${DURATION:-10s}
CONNS=${CONNS:-8}
THREADS=${THREADS:-2}
ROWS=${ROWS:-2000}
CASES=${CASES:-200}
FILE_MB=${FILE_MB:-64}
fazhi=${FAZHI:-$root/build/fazhi}

need=""
command -v wrk >/dev/null 2>&1 || need="$need wrk"
command -v sqlite3 >/dev/null 2>&1 || need="$need sqlite3"
if [ -n "$need" ]; then
	export DEBIAN_FRONTEND=noninteractive
	# shellcheck disable=SC2086
	apt-get install -y -qq $need >/dev/null 2>&1 ||
		{ apt-get update -qq >/dev/null && apt-get install -y -qq $need >/dev/null; }
fi
make -C "$root" build >/dev/null

work=$(mktemp -d /tmp/fazhi-bench-XXXXXX)
fazhi_pid=""
cleanup() {
	[ -n "$fazhi_pid" ] && kill "$fazhi_pid" 2>/dev/null || true
	[ -n "${perf_pid:-}" ] && kill "$perf_pid" 2>/dev/null || true
	sleep 0.3
	rm -rf "$work"
}
trap cleanup EXIT INT TERM

"$fazhi" init --db "$work/b.db" >/dev/null
"$fazhi" demo --db "$work/b.db" >/dev/null
"$fazhi" serve --db "$work/b.db" --listen 127.0.0.1:18183 --checkpoint-interval 86400 \
	2>"$work/serve.log" &
fazhi_pid=$!
sleep 1
base=http://127.0.0.1:18183
token=$(curl -s -X POST -H 'Content-Type: application/json' \
	-d '{"username":"officer1","password":"Demo@2026"}' "$base/api/v1/session" |
	sed 's/.*"token":"\([0-9a-f]*\)".*/\1/')

# CASES fresh penalty cases opened through the API by officer1 with two
# certified officers of the demo (taken from an investigation already on
# record); the load then investigates them in turn, a repeatable step, so
# that every request appends one event and cases keep a realistic length.
ids=$(python3 "$root/bench/step_cases.py" "$base" "$token" "$CASES")
set -- $ids
o1=$1 o2=$2
shift 2
case_id=$1
lua_ids=$(echo "$@" | tr ' ' ',')
cat >"$work/step.lua" <<LUA
local ids = { $lua_ids }
local body = '{"step":"investigate","fields":{"record":"询问笔录 1 份（压测）"},"officers":[$o1,$o2]}'
local n = 0
wrk.headers["Authorization"] = "Bearer $token"
wrk.headers["Content-Type"] = "application/json"
request = function()
	n = n + 1
	return wrk.format("POST", "/api/v1/cases/" .. ids[(n % #ids) + 1] .. "/steps", nil, body)
end
LUA
first=$(curl -s -o /dev/null -w '%{http_code}' -X POST -H "Authorization: Bearer $token" \
	-H 'Content-Type: application/json' \
	-d "{\"step\":\"investigate\",\"fields\":{\"record\":\"x\"},\"officers\":[$o1,$o2]}" \
	"$base/api/v1/cases/$case_id/steps")
[ "$first" = 201 ] || { echo "the step is refused ($first): no benchmark" >&2; exit 1; }
# The server's CPU time (user + system, clock ticks) around the load,
# and the syncs of its log during it (perf's syscall tracepoints, when
# perf may trace): CPU per append and appends per sync (group commit's
# batch; checkpoints' syncs included).
cpu_ticks() { awk '{print $14, $15}' "/proc/$1/stat"; }
c0=$(cpu_ticks "$fazhi_pid")
perf_out="$work/perf.txt"
perf_pid=""
# perf counts for the load's length (DURATION as wrk takes it: 10s, 2m)
secs=$(echo "$DURATION" | awk '/m$/ {print $0 * 60; next} {print $0 + 0}')
if command -v perf >/dev/null 2>&1 &&
	perf stat -e syscalls:sys_enter_fdatasync -e syscalls:sys_enter_fsync -p "$fazhi_pid" \
		-o "$perf_out" -- sleep 0.01 >/dev/null 2>&1; then
	perf stat -e syscalls:sys_enter_fdatasync -e syscalls:sys_enter_fsync -p "$fazhi_pid" \
		-o "$perf_out" -- sleep "$secs" >/dev/null 2>&1 &
	perf_pid=$!
fi
wrk_out=$(wrk -t"$THREADS" -c"$CONNS" -d"$DURATION" -s "$work/step.lua" "$base")
c1=$(cpu_ticks "$fazhi_pid")
if [ -n "$perf_pid" ]; then
	wait "$perf_pid" 2>/dev/null || true
	perf_pid=""
fi
api_eps=$(echo "$wrk_out" | awk '/Requests\/sec/ {print $2}')
appends=$(echo "$wrk_out" | awk '/requests in/ {print $1}')
bad=$(echo "$wrk_out" | awk '/Non-2xx/ {print $5}')
[ -z "$bad" ] || { echo "non-2xx answers during the run: $bad" >&2; exit 1; }
syncs=""
[ -s "$perf_out" ] &&
	syncs=$(awk '/sys_enter_f(data)?sync/ {gsub(",", "", $1); n += $1} END {print n + 0}' "$perf_out")

# The limit: the same file system, the same durability, nothing else.
raw_ips=$("$root/bench/raw_sqlite.sh" "$work" "$ROWS")

# Real files for verify to re-hash: two evidence uploads of FILE_MB each.
for k in 1 2; do
	head -c "$((FILE_MB * 1024 * 1024))" /dev/urandom >"$work/ev$k.bin"
	code=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $token" \
		-H 'Content-Type: video/mp4' --data-binary @"$work/ev$k.bin" \
		"$base/api/v1/cases/$case_id/evidence?name=bench$k.mp4&kind=av_record")
	[ "$code" = 201 ] || { echo "upload refused ($code)" >&2; exit 1; }
	rm -f "$work/ev$k.bin"
done
kill "$fazhi_pid"
wait "$fazhi_pid" 2>/dev/null || true
fazhi_pid=""
# what the server says of its commits as it stops (the whole run, the
# setup's writes included): writes, commits, batches, syncs
group=$(sed -n 's/.*共写入 \([0-9]*\) 次，提交 \([0-9]*\) 次（其中 \([0-9]*\) 次为合并提交，捎带写入 \([0-9]*\) 次），同步日志 \([0-9]*\) 次.*/\1 \2 \3 \4 \5/p' \
	"$work/serve.log" | tail -1)
"$fazhi" checkpoint --db "$work/b.db" >/dev/null
verify_out=$("$fazhi" verify --db "$work/b.db" --key "$work/b.db.data/ledger.pub")
verify_mbs=$(echo "$verify_out" | sed -n 's/.*（\([0-9.]*\) MB\/s）.*/\1/p')
leaves=$(echo "$verify_out" | sed -n 's/.*：\([0-9]*\) 条记录.*/\1/p' | head -1)
# openssl prints thousands of bytes per second per block size; 16 KiB is
# the last column.
sm3_k=$(openssl speed -evp sm3 -seconds 3 2>/dev/null | awk '$1 == "sm3" {print $NF}' |
	tr -d 'k')
sm3_mbs=$(awk -v k="$sm3_k" 'BEGIN {printf "%.1f", k / 1000}')

echo "api_events_appended: $api_eps events/s"
echo "$c0 $c1" | awk -v hz="$(getconf CLK_TCK)" -v n="$appends" '{
	u = ($3 - $1) * 1000 / hz / n; s = ($4 - $2) * 1000 / hz / n
	printf "server_cpu_per_append: %.2f ms (user %.2f, system %.2f; %d appends)\n", u + s, u, s, n }'
[ -z "$syncs" ] || [ "$syncs" = 0 ] ||
	awk -v s="$syncs" -v n="$appends" \
		'BEGIN {printf "appends_per_sync: %.2f (%d syncs of the log)\n", n / s, s}'
[ -z "$group" ] || echo "$group" | awk '{
	printf "server_writes_per_commit: %.2f (%d writes in %d commits, %d of them batches)\n", $1 / $2, $1, $2, $3
	printf "server_writes_per_sync: %.2f (%d syncs; the whole run, setup included)\n", $1 / $5, $5 }'
echo "raw_sqlite_inserts_sync_full: $raw_ips rows/s"
echo "verify_leaves: $leaves leaves, $((2 * FILE_MB)) MiB of evidence files"
echo "verify_throughput: $verify_mbs MB/s"
echo "openssl_speed_sm3_16k: $sm3_mbs MB/s"
awk -v a="$api_eps" -v b="$raw_ips" 'BEGIN {printf "ratio_api_events_to_raw_sqlite: %.2f\n", a / b}'
awk -v a="$verify_mbs" -v b="$sm3_mbs" 'BEGIN {printf "ratio_verify_to_openssl_sm3: %.2f\n", a / b}'
