#!/bin/sh
# Runs the browser tests (pages.mjs) against a fresh demo county: installs
# playwright-core and axe-core from package-lock.json into
# tests/browser/node_modules when they are missing, creates a database in
# BUILD/browser, starts `fazhi serve` on 127.0.0.1 with an ephemeral port,
# waits until it answers, runs the tests and stops the server however
# they end. The case lists count at most 5 cases (--case-count-max), so
# that the demo shows the pager of a province-wide list. Screenshots land in BUILD/browser/shots.
# Usage: tests/browser/run.sh BUILD_DIR   (prints "N passed, N failed")
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=$(cd "${1:-build}" && pwd)
out="$build/browser"
chromium=${CHROMIUM:-/usr/bin/chromium}

fail() {
	echo "browser tests: $*" >&2
	echo "0 passed, 1 failed"
	exit 1
}

command -v node >/dev/null 2>&1 || fail "node is missing (scripts/install-deps.sh installs nodejs)"
[ -x "$chromium" ] || fail "$chromium is missing (scripts/install-deps.sh installs chromium)"
if [ ! -f "$here/node_modules/playwright-core/package.json" ] ||
   [ ! -f "$here/node_modules/axe-core/axe.min.js" ]; then
	command -v npm >/dev/null 2>&1 || fail "npm is missing (scripts/install-deps.sh installs it)"
	(cd "$here" && npm ci --no-audit --no-fund --loglevel=error >/dev/null) ||
		fail "npm ci in tests/browser failed"
fi

rm -rf "$out"
mkdir -p "$out/shots"
db="$out/demo.db"
"$build/fazhi" init --db "$db" >"$out/init.log" 2>&1 || fail "fazhi init failed: $(cat "$out/init.log")"
"$build/fazhi" demo --db "$db" >"$out/demo.log" 2>&1 || fail "fazhi demo failed: $(tail -n 5 "$out/demo.log")"

"$build/fazhi" serve --db "$db" --listen 127.0.0.1:0 --threads 4 --checkpoint-interval 86400 \
	--complaint-contact "海原县司法局执法监督科，电话 0955-4012345" \
	--case-count-max 5 >"$out/serve.log" 2>&1 &
pid=$!
trap 'kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null' EXIT INT TERM

# Ready when the log names the port and /healthz answers.
url=""
tries=0
while [ -z "$url" ] || ! curl -fsS -o /dev/null "$url/healthz" 2>/dev/null; do
	kill -0 "$pid" 2>/dev/null || fail "the server stopped: $(tail -n 5 "$out/serve.log")"
	tries=$((tries + 1))
	[ "$tries" -gt 600 ] && fail "the server did not answer"
	url=$(sed -n 's|.*服务已启动 \(http://127\.0\.0\.1:[0-9]*\)/.*|\1|p' "$out/serve.log" | head -n 1)
	sleep 0.1
done

FAZHI_URL="$url" FAZHI_SHOTS="$out/shots" CHROMIUM="$chromium" \
	node "$here/pages.mjs"
