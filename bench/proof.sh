#!/bin/sh
# bench/proof.sh - proofs over HTTP at LEAVES leaves (10^6 by default):
# a log of that size is made (leaf rows written straight into SQLite,
# then `fazhi checkpoint` stores the interior nodes and signs), served by
# `fazhi serve`, and asked for random inclusion and consistency proofs one
# at a time; a sample of them is checked client-side against the signed
# root. Reported beside the HTTP floor (GET /healthz, same client), raw
# SQLite (the same number of stored-node lookups as one proof reads, by
# Python's sqlite3 on the same file) and `openssl speed -evp sm3`, all
# from the same run.
# Prints "name: value unit" lines.
#   env: LEAVES=1000000 REQUESTS=2000
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
LEAVES=${LEAVES:-1000000}
REQUESTS=${REQUESTS:-2000}
fazhi="$root/build/fazhi"
make -C "$root" build >/dev/null

work=$(mktemp -d /tmp/fazhi-proof-XXXXXX)
fazhi_pid=""
cleanup() {
	[ -n "$fazhi_pid" ] && kill "$fazhi_pid" 2>/dev/null || true
	[ -n "$fazhi_pid" ] && wait "$fazhi_pid" 2>/dev/null || true
	rm -rf "$work"
}
trap cleanup EXIT INT TERM

"$fazhi" init --db "$work/p.db" >/dev/null
"$fazhi" checkpoint --db "$work/p.db" --origin bench.fazhi.invalid/proof >/dev/null
python3 - "$work/p.db" "$LEAVES" <<'PY'
import hashlib, sqlite3, struct, sys
db, n = sys.argv[1], int(sys.argv[2])
c = sqlite3.connect(db)
def rows():
    for i in range(n):
        d = hashlib.new('sm3', b'bench leaf %d' % i).digest()
        data = b'\x01' + bytes([2]) + struct.pack('>q', 10_000_000 + i) + d
        yield (i, 2, 10_000_000 + i, d, hashlib.new('sm3', b'\x00' + data).digest(), 1760000000)
c.execute('BEGIN')
c.executemany('INSERT INTO ledger_leaves (idx, kind, ref_id, digest, leaf_hash, at)'
              ' VALUES (?, ?, ?, ?, ?, ?)', rows())
c.execute('COMMIT')
PY
t0=$(date +%s.%N)
"$fazhi" checkpoint --db "$work/p.db" >/dev/null
t1=$(date +%s.%N)
catchup=$(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.1f", b - a}')

"$fazhi" serve --db "$work/p.db" --listen 127.0.0.1:0 --checkpoint-interval 86400 \
	2>"$work/serve.log" &
fazhi_pid=$!
port=""
for _ in $(seq 600); do
	port=$(sed -n 's|.*http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$work/serve.log" | head -1)
	[ -n "$port" ] && break
	sleep 0.1
done
[ -n "$port" ] || { echo "serve did not start" >&2; exit 1; }

python3 - "http://127.0.0.1:$port" "$LEAVES" "$REQUESTS" <<'PY'
import base64, hashlib, json, random, sys, time, urllib.request
base, n, reqs = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
H = lambda b: hashlib.new('sm3', b).digest()
note = urllib.request.urlopen(base + '/ledger/checkpoint').read().decode()
lines = note.split('\n')
assert int(lines[1]) == n, lines[1]
root = base64.b64decode(lines[2])
def get(path):
    t = time.perf_counter()
    j = json.load(urllib.request.urlopen(base + path))
    return j, time.perf_counter() - t
def incl_ok(m, size, leaf, proof, want):
    # RFC 9162 2.1.3.2
    fn, sn, r = m, size - 1, leaf
    for p in proof:
        if sn == 0: return False
        if fn & 1 or fn == sn:
            r = H(b'\x01' + p + r)
            while fn and not fn & 1:
                fn >>= 1; sn >>= 1
        else:
            r = H(b'\x01' + r + p)
        fn >>= 1; sn >>= 1
    return sn == 0 and r == want
def timed(path):
    t = time.perf_counter()
    urllib.request.urlopen(base + path).read()
    return time.perf_counter() - t
floor = sorted(timed('/healthz') for _ in range(reqs))
print('GET /healthz p50 (the HTTP floor): %.2f ms' % (1000 * floor[len(floor) // 2]))
random.seed(1)
lat, checked = [], 0
for k in range(reqs):
    m = random.randrange(n)
    j, dt = get('/api/v1/ledger/proof/inclusion?tree_size=%d&index=%d' % (n, m))
    lat.append(dt)
    if k % 20 == 0:
        proof = [bytes.fromhex(h) for h in j['proof']]
        if not incl_ok(m, n, bytes.fromhex(j['leaf_hash']), proof, root):
            sys.exit('inclusion proof of %d does not verify' % m)
        checked += 1
lat.sort()
print('inclusion proof p50: %.2f ms' % (1000 * lat[len(lat) // 2]))
print('inclusion proof p99: %.2f ms' % (1000 * lat[int(len(lat) * 0.99)]))
print('inclusion proofs checked client-side: %d' % checked)
lat = []
for k in range(reqs // 2):
    a = random.randrange(1, n)
    j, dt = get('/api/v1/ledger/proof/consistency?first=%d&second=%d' % (a, n))
    lat.append(dt)
lat.sort()
print('consistency proof p50: %.2f ms' % (1000 * lat[len(lat) // 2]))
print('consistency proof p99: %.2f ms' % (1000 * lat[int(len(lat) * 0.99)]))
PY
python3 - "$work/p.db" "$LEAVES" "$REQUESTS" <<'PY'
import math, random, sqlite3, sys, time
db, n, reqs = sqlite3.connect(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
# a proof reads about one node per level for its path and as many for the
# root it is answered with
per = 2 * math.ceil(math.log2(n))
random.seed(2)
lat = []
for _ in range(reqs):
    t = time.perf_counter()
    for _ in range(per):
        level = random.randrange(0, 20)
        if level == 0:
            db.execute('SELECT leaf_hash FROM ledger_leaves WHERE idx = ?',
                       (random.randrange(n),)).fetchone()
        else:
            db.execute('SELECT hash FROM ledger_nodes WHERE idx = ? AND level = ?',
                       (random.randrange(n >> level), level)).fetchone()
    lat.append(time.perf_counter() - t)
lat.sort()
print('raw SQLite, %d node lookups (one proof), p50: %.2f ms' % (per, 1000 * lat[len(lat) // 2]))
PY
echo "leaves: $LEAVES"
echo "node catch-up and checkpoint: $catchup s"
sm3_k=$(openssl speed -evp sm3 -seconds 3 2>/dev/null | awk '$1 == "sm3" {print $2}' | tr -d 'k')
echo "openssl speed -evp sm3 (16-byte blocks): $(awk -v k="$sm3_k" 'BEGIN {printf "%.0f", k * 1000 / 16}') hashes/s"
