#!/bin/sh
# bench/sized_db.sh SIZE OUT - a database of SIZE for the HTTP figures of
# `make bench SIZE=...` (bench/http.sh, docs/PERFORMANCE.md):
#   county    build/stats-gen's county (~10^4 cases), the demo county
#   city      its city (~10^5 cases)
#   province  its province (~10^6 cases, ~7 x 10^6 events)
# The region is written by bench/stats_gen.c (deterministic: YEAR, SEED;
# divisions, agencies, cases, events, statuses through the store); then
# `fazhi demo` adds its county (accounts, people, certificates, cases
# with documents, a published decision); then, through the API as the
# demo's sysadmin, a justice bureau of the whole region (division 640000)
# is added and the demo's `supervisor` moved to it, so that the signed-in
# figures are read with the region's whole scope (every generated case).
# With FROM=path (a database stats-gen already wrote, e.g. the lead's
# province) that file is copied (cp) instead of generating; it is
# never written to. OUT is left for bench/http.sh to copy per run.
#   env: YEAR=2025 SEED=42 FROM=
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
SIZE=$1
OUT=$2
YEAR=${YEAR:-2025}
SEED=${SEED:-42}
fazhi="$root/build/fazhi"
case "$SIZE" in
county | city | province) ;;
*) echo "sized_db.sh: SIZE is county, city or province" >&2; exit 2 ;;
esac
ninja -C "$root/build" fazhi stats-gen >/dev/null

mkdir -p "$(dirname "$OUT")"
rm -rf "$OUT" "$OUT-wal" "$OUT-shm" "$OUT.data" "$OUT.tmp" "$OUT.tmp-wal" "$OUT.tmp-shm" \
	"$OUT.tmp.data"
tmp="$OUT.tmp"
if [ -n "${FROM:-}" ]; then
	# a copy (the generator has finished: nothing writes FROM)
	cp "$FROM" "$tmp"
	[ ! -f "$FROM-wal" ] || cp "$FROM-wal" "$tmp-wal"
else
	"$root/build/stats-gen" gen "$tmp" "$SIZE" "$YEAR" "$SEED" >&2
fi
"$fazhi" demo --db "$tmp" >/dev/null

port=18199
"$fazhi" serve --db "$tmp" --listen 127.0.0.1:$port --checkpoint-interval 86400 2>/dev/null &
pid=$!
trap 'kill "$pid" 2>/dev/null || true' EXIT INT TERM
until curl -sf -o /dev/null "http://127.0.0.1:$port/healthz"; do
	kill -0 "$pid" 2>/dev/null || { echo "sized_db.sh: the server did not start" >&2; exit 1; }
	sleep 0.1
done
python3 - "http://127.0.0.1:$port" <<'PY'
import json, sys, urllib.request
base = sys.argv[1]
import time, urllib.error
def call(method, path, body=None, token=None):
    h = {"Content-Type": "application/json"}
    if token:
        h["Authorization"] = "Bearer " + token
    rq = urllib.request.Request(base + path, method=method, headers=h,
                                data=body is not None and json.dumps(body).encode() or None)
    for _ in range(60):
        try:
            return json.load(urllib.request.urlopen(rq))
        except urllib.error.HTTPError as x:
            # busy (503, Retry-After): the server refreshes the generated
            # cases' statuses when it starts
            if x.code != 503:
                raise
            time.sleep(1)
    raise SystemExit("sized_db.sh: the server stayed busy")
def session(user):
    return call("POST", "/api/v1/session", {"username": user, "password": "Demo@2026"})["token"]
# GB 11714 organisation code and GB 32100 credit code check characters
def org_check(body):
    s = sum(int(c) * w for c, w in zip(body, (3, 7, 9, 10, 5, 8, 4, 2)))
    c = 11 - s % 11
    return "X" if c == 10 else "0" if c == 11 else str(c)
def uscc(first17):
    cs = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    s = sum(cs.index(ch) * pow(3, i, 31) for i, ch in enumerate(first17))
    return first17 + cs[(31 - s % 31) % 31]
body = "64000001"
code = uscc("11" + "640000" + body + org_check(body))
admin = session("sysadmin")
ag = call("POST", "/api/v1/agencies", {
    "name": "自治区司法厅（压测）", "uscc": code, "division_code": "640000",
    "kind": "justice_bureau", "domains": "司法行政"}, admin)
ag_id = ag["id"] if "id" in ag else ag["agency"]["id"]
users = call("GET", "/api/v1/users?limit=100", token=admin)["items"]
sup = [u for u in users if u["username"] == "supervisor"][0]
call("PATCH", "/api/v1/users/%d" % sup["id"], {"agency_id": ag_id}, admin)
PY
# The generated statuses are of the year's end (stats-gen): the server's
# scheduler recomputes every one of an earlier day when it starts. Wait
# for it here, so that a run does not measure pages beside that refresh
# (bench/http.sh waits again, for a database prepared on an earlier day).
"$root/bench/wait_status.sh" "$tmp" >&2
kill "$pid"
wait "$pid" 2>/dev/null || true
trap - EXIT INT TERM
sqlite3 "$tmp" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
mv "$tmp" "$OUT"
mv "$tmp.data" "$OUT.data"
rm -f "$tmp-wal" "$tmp-shm"
