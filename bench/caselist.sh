#!/bin/sh
# bench/caselist.sh - the case list and its neighbours at 10^5 open cases
# (issue 11 §1, docs/PERFORMANCE.md): the demo county plus N open
# penalty cases in its 自然资源局 (bench/caselist_gen.c, deterministic
# from SEED, statuses computed by the engine), then, signed in as
# officer1 of that agency (all N in scope) and head1:
#  - the time of one request, the median of REPS sequential ones (curl),
#    for the first page of 我的案件, a page deep in it (jump to page),
#    the overdue and due-soon lists, the head's queue, the workbench
#    with its counts and GET /api/v1/cases;
#  - requests per second of the first page under load (wrk) against
#    nginx serving the very bytes in the same run, as bench/http.sh does.
# Prints "name: value unit" lines.
#   env: N=100000 SEED=42 REPS=21 DURATION=10s CONNS=16 THREADS=2
#        DB=/tmp/fazhi-caselist-$N.db KEEP=1 (reuse DB when it exists)
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
N=${N:-100000}
SEED=${SEED:-42}
REPS=${REPS:-21}
DURATION=${DURATION:-10s}
CONNS=${CONNS:-16}
THREADS=${THREADS:-2}
DB=${DB:-/tmp/fazhi-caselist-$N.db}
export PATH="$PATH:/usr/sbin:/sbin"
command -v wrk >/dev/null 2>&1 && command -v nginx >/dev/null 2>&1 ||
	{ echo "bench/caselist.sh needs wrk and nginx (bench/http.sh installs them)" >&2; exit 1; }
make -C "$root" build >/dev/null
ninja -C "$root/build" caselist-gen >/dev/null

if [ -z "${KEEP:-}" ] || [ ! -f "$DB" ]; then
	rm -rf "$DB" "$DB-wal" "$DB-shm" "$DB.data"
	"$root/build/fazhi" demo --db "$DB" >/dev/null
	"$root/build/caselist-gen" "$DB" "$N" "$SEED"
fi

work=$(mktemp -d /tmp/fazhi-bench-XXXXXX)
nginx_pid=""
fazhi_pid=""
cleanup() {
	[ -n "$fazhi_pid" ] && kill "$fazhi_pid" 2>/dev/null || true
	[ -n "$nginx_pid" ] && kill "$nginx_pid" 2>/dev/null || true
	sleep 0.3
	rm -rf "$work"
}
trap cleanup EXIT INT TERM
mkdir -p "$work/www" "$work/nginx"
cat >"$work/nginx/nginx.conf" <<CONF
worker_processes 2;
daemon off;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log;
events { worker_connections 1024; }
http {
	access_log off;
	sendfile on;
	keepalive_requests 100000;
	client_body_temp_path $work/nginx;
	proxy_temp_path $work/nginx;
	fastcgi_temp_path $work/nginx;
	uwsgi_temp_path $work/nginx;
	scgi_temp_path $work/nginx;
	server {
		listen 127.0.0.1:18191;
		root $work/www;
	}
}
CONF
nginx -c "$work/nginx/nginx.conf" &
nginx_pid=$!
# the count exact (the list's default stops at 10,000: "超过 10000 条"),
# so that the page in the middle and the last page are found
"$root/build/fazhi" serve --db "$DB" --listen 127.0.0.1:18192 \
	--connections-per-address 4096 --case-count-max 10000000 2>/dev/null &
fazhi_pid=$!
until curl -sf -o /dev/null http://127.0.0.1:18192/healthz; do
	kill -0 "$fazhi_pid" 2>/dev/null || { echo "the server did not start" >&2; exit 1; }
	sleep 0.05
done
login() {
	curl -s -X POST -H 'Content-Type: application/json' \
		-d "{\"username\":\"$1\",\"password\":\"Demo@2026\"}" \
		http://127.0.0.1:18192/api/v1/session | sed 's/.*"token":"\([0-9a-f]*\)".*/\1/'
}
officer="Authorization: Bearer $(login officer1)"
head="Authorization: Bearer $(login head1)"
total=$(curl -s -H "$officer" http://127.0.0.1:18192/cases | sed -n 's/.*页，共 \([0-9]*\) 条.*/\1/p')
echo "cases_in_list: $total"

# name, header, path: the median wall time of REPS requests one after
# the other (the first warms the caches and is left out).
latency() {
	name=$1 hdr=$2 path=$3
	code=$(curl -s -o /dev/null -w '%{http_code}' -H "$hdr" "http://127.0.0.1:18192$path")
	[ "$code" = 200 ] || { echo "$path answered $code" >&2; exit 1; }
	i=0
	while [ "$i" -lt "$REPS" ]; do
		curl -s -o /dev/null -w '%{time_total}\n' -H "$hdr" "http://127.0.0.1:18192$path"
		i=$((i + 1))
	done | sort -g | awk -v k="$name" '{ v[NR] = $1 } END { printf "page_ms_%s: %.1f ms\n", k, v[int((NR + 1) / 2)] * 1000 }'
}
last=$(( (total + 19) / 20 ))
latency cases_first "$officer" "/cases"
latency cases_deep "$officer" "/cases?page=$((last / 2))"
latency cases_last "$officer" "/cases?page=$last"
latency cases_overdue "$officer" "/cases?due=overdue&closed=open"
latency cases_soon "$officer" "/cases?due=soon&closed=open"
latency cases_state "$officer" "/cases?state=penalty_general%3Aappraisal"
latency queue_approval "$head" "/queue/approval"
latency workbench "$officer" "/workbench"
latency api_cases "$officer" "/api/v1/cases?limit=20"

rps() {
	wrk -t"$THREADS" -c"$CONNS" -d"$DURATION" "$@" | awk '/Requests\/sec/ {print $2}'
}
curl -s -o "$work/www/cases" -H "$officer" http://127.0.0.1:18192/cases
f=$(rps -H "$officer" http://127.0.0.1:18192/cases)
n=$(rps http://127.0.0.1:18191/cases)
echo "fazhi_case_list_page_100k: $f req/s"
echo "nginx_static_case_list_page_100k: $n req/s ($(wc -c <"$work/www/cases") bytes)"
awk -v a="$f" -v b="$n" 'BEGIN {printf "ratio_case_list_page_100k_to_nginx: %.3f\n", a / b}'
