#!/bin/sh
# bench/bundle.sh - case bundles at scale, beside `openssl speed -evp sm3`
# measured in the same run on this machine:
#  1. `fazhi case export` of a case with ITEMS evidence records in a log
#     grown to LEAVES leaves (the leaves beyond the demo's are written
#     straight into the table: they stand for other cases, only their
#     hashes matter to the tree), beside raw SQLite: the same number of
#     stored-node lookups as the bundle's proofs hold, by Python's sqlite3
#     on the same file;
#  2. `fazhi case export` of another case holding one FILE_MB recording
#     (sparse: zeros) and `fazhi verify-bundle` of that bundle: wall time
#     and the child's peak resident size (getrusage RUSAGE_CHILDREN),
#     which must stay constant however large the file;
#  3. the checkpoint over LEAVES leaves (the nodes of the leaves written
#     behind fazhi's back are stored first, every leaf hash read once).
# Prints "name: value unit" lines.
#   env: LEAVES=1000000 ITEMS=1000 FILE_MB=2048
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
LEAVES=${LEAVES:-1000000}
ITEMS=${ITEMS:-1000}
FILE_MB=${FILE_MB:-2048}
fazhi="$root/build/fazhi"

command -v sqlite3 >/dev/null 2>&1 || {
	export DEBIAN_FRONTEND=noninteractive
	apt-get install -y -qq sqlite3 >/dev/null 2>&1 ||
		{ apt-get update -qq >/dev/null && apt-get install -y -qq sqlite3 >/dev/null; }
}
make -C "$root" build >/dev/null

work=$(mktemp -d /tmp/fazhi-bench-XXXXXX)
fazhi_pid=""
cleanup() {
	[ -n "$fazhi_pid" ] && kill "$fazhi_pid" 2>/dev/null || true
	sleep 0.3
	rm -rf "$work"
}
trap cleanup EXIT INT TERM

"$fazhi" init --db "$work/b.db" >/dev/null
"$fazhi" demo --db "$work/b.db" >/dev/null
"$fazhi" serve --db "$work/b.db" --listen 127.0.0.1:0 --checkpoint-interval 86400 \
	--max-upload "$(((FILE_MB + 1) * 1024 * 1024))" 2>"$work/serve.log" &
fazhi_pid=$!
port=""
for _ in $(seq 600); do
	port=$(sed -n 's|.*http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$work/serve.log" | head -1)
	[ -n "$port" ] && break
	sleep 0.1
done
[ -n "$port" ] || { echo "the server did not start" >&2; exit 1; }
base=http://127.0.0.1:$port
token=$(curl -s -X POST -H 'Content-Type: application/json' \
	-d '{"username":"officer1","password":"Demo@2026"}' "$base/api/v1/session" |
	sed 's/.*"token":"\([0-9a-f]*\)".*/\1/')
ids=$(curl -s -H "Authorization: Bearer $token" "$base/api/v1/cases?closed=false&limit=2" |
	python3 -c 'import json, sys; print(" ".join(str(c["id"]) for c in json.load(sys.stdin)["items"]))')
case_id=${ids%% *}
big_id=${ids##* }
[ "$case_id" != "$big_id" ] || { echo "two open cases needed" >&2; exit 1; }

# ITEMS small records, then the recording, through the API
python3 - "$base" "$token" "$case_id" "$ITEMS" <<'PY'
import http.client, sys, urllib.parse
base, token, case, n = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
host = urllib.parse.urlparse(base).netloc
c = http.client.HTTPConnection(host)
for k in range(n):
    c.request("POST", "/api/v1/cases/%s/evidence?name=%s&kind=text_record" %
              (case, urllib.parse.quote("笔录%d.txt" % k)), body=("询问笔录 %d" % k).encode(),
              headers={"Authorization": "Bearer " + token, "Content-Type": "text/plain"})
    r = c.getresponse()
    r.read()
    if r.status != 201:
        sys.exit("upload %d refused: %d" % (k, r.status))
PY
truncate -s "$((FILE_MB * 1024 * 1024))" "$work/rec.bin"
code=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $token" \
	-H 'Content-Type: video/mp4' -X POST -T "$work/rec.bin" \
	"$base/api/v1/cases/$big_id/evidence?name=rec.mp4&kind=av_record")
[ "$code" = 201 ] || { echo "upload refused ($code)" >&2; exit 1; }
rm -f "$work/rec.bin"
kill "$fazhi_pid"
wait "$fazhi_pid" 2>/dev/null || true
fazhi_pid=""

# the rest of the log: leaves of kind 200 (no table behind them)
sqlite3 "$work/b.db" <<SQL >/dev/null
PRAGMA journal_mode=WAL;
BEGIN;
WITH RECURSIVE k(n) AS (SELECT (SELECT count(*) FROM ledger_leaves)
                        UNION ALL SELECT n + 1 FROM k WHERE n + 1 < $LEAVES)
INSERT INTO ledger_leaves (idx, kind, ref_id, digest, leaf_hash, at)
SELECT n, 200, n + 1, randomblob(32), randomblob(32), strftime('%s', 'now') FROM k;
COMMIT;
SQL
leaves=$(sqlite3 "$work/b.db" "SELECT count(*) FROM ledger_leaves")

t0=$(date +%s.%N)
"$fazhi" checkpoint --db "$work/b.db" >/dev/null
t1=$(date +%s.%N)
export_out=$("$fazhi" case export "$case_id" --db "$work/b.db" --out "$work/bundle")
t2=$(date +%s.%N)
"$fazhi" case export "$big_id" --db "$work/b.db" --out "$work/big" >/dev/null
t3=$(date +%s.%N)
items=$(echo "$export_out" | sed -n 's/.*：案件信息 \([0-9]*\) 版、事件 \([0-9]*\)、证据 \([0-9]*\)、文书 \([0-9]*\).*/\1 \2 \3 \4/p' |
	awk '{print $1 + $2 + $3 + $4}')
"$fazhi" verify-bundle --trust-on-first-use "$work/bundle" >"$work/v.out" 2>&1 ||
	{ echo "the bundle does not verify:" >&2; cat "$work/v.out" >&2; exit 1; }
# raw SQLite: as many random stored-node lookups as the bundle's proofs hold
raw=$(python3 - "$work/b.db" "$work/bundle" <<'PY'
import random, sqlite3, sys, time
db = sqlite3.connect(sys.argv[1])
hashes = sum(len(l.split()) - 1 for l in open(sys.argv[2], 'rb') if l.startswith(b'proof'))
levels = [(l, db.execute('SELECT max(idx) FROM ledger_nodes WHERE level = ?', (l,)).fetchone()[0])
          for l in range(1, 21)]
levels = [(l, m) for l, m in levels if m is not None]
random.seed(1)
t = time.perf_counter()
for _ in range(hashes):
    l, m = random.choice(levels)
    db.execute('SELECT hash FROM ledger_nodes WHERE idx = ? AND level = ?',
               (random.randint(0, m), l)).fetchone()
print('%d %.3f' % (hashes, time.perf_counter() - t))
PY
)
big_mb=$(du -m "$work/big" | cut -f1)
verify=$(python3 - "$fazhi" "$work/big" <<'PY'
import resource, subprocess, sys, time
t = time.time()
r = subprocess.run([sys.argv[1], "verify-bundle", "--trust-on-first-use", sys.argv[2]], stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
t = time.time() - t
if r.returncode != 0:
    sys.exit("verify-bundle failed: %d" % r.returncode)
print("%.2f %d" % (t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))
PY
)
sm3_k=$(openssl speed -evp sm3 -seconds 3 2>/dev/null | awk '$1 == "sm3" {print $NF}' | tr -d 'k')

echo "ledger_leaves: $leaves leaves"
awk -v a="$t0" -v b="$t1" 'BEGIN {printf "checkpoint_time: %.2f s\n", b - a}'
echo "export_items: $items items"
awk -v a="$t1" -v b="$t2" 'BEGIN {printf "export_time: %.2f s\n", b - a}'
echo "$raw" | awk '{printf "proof_hashes_in_bundle: %d\nraw_sqlite_node_lookups_for_them: %.2f s\n", $1, $2}'
awk -v a="$t2" -v b="$t3" -v mb="$big_mb" 'BEGIN {printf "export_time_large_file: %.2f s (%d MiB bundle)\n", b - a, mb}'
echo "$verify" | awk '{printf "verify_bundle_time: %s s\nverify_bundle_peak_rss: %.1f MiB\n", $1, $2 / 1024}'
awk -v k="$sm3_k" 'BEGIN {printf "openssl_speed_sm3_16k: %.1f MB/s\n", k / 1000}'
echo "$verify" | awk -v mb="$big_mb" -v k="$sm3_k" \
	'{printf "ratio_verify_bundle_to_openssl_sm3: %.2f\n", (mb * 1.048576 / $1) / (k / 1000)}'
