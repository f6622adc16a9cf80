#!/bin/sh
# Runs the test binary of each build directory given, then the browser
# tests (tests/browser/run.sh) against the first one's fazhi, then prints
# the one summary line "N passed, N failed" over all of them. Exit 1 on
# any failure. FAZHI_BROWSER=0 leaves the browser tests out.
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
passed=0
failed=0
status=0
for dir in "$@"; do
	echo "== tests in $dir"
	out=$(mktemp)
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
	LSAN_OPTIONS="suppressions=$root/scripts/lsan.supp:print_suppressions=0" \
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	FAZHI_BIN="$root/$dir/fazhi" FAZHI_SOURCE_ROOT="$root" \
		"$root/$dir/fazhi-test" >"$out" 2>&1
	rc=$?
	grep -av '^[0-9]* passed, [0-9]* failed$' "$out" | grep -aEv '^http (GET|POST|PUT|PATCH|DELETE|HEAD) ' || true
	line=$(grep -aE '^[0-9]+ passed, [0-9]+ failed$' "$out" | tail -n 1)
	rm -f "$out"
	if [ -z "$line" ]; then
		echo "$dir: the test binary stopped before its summary (exit $rc)"
		failed=$((failed + 1))
		status=1
		continue
	fi
	echo "$dir: $line"
	p=${line%% passed*}
	f=${line#*, }
	f=${f%% failed*}
	passed=$((passed + p))
	failed=$((failed + f))
	[ "$rc" -ne 0 ] && status=1
done
# The browser tests need only one build: the first (the normal one).
if [ "$#" -gt 0 ] && [ "${FAZHI_BROWSER:-1}" != 0 ]; then
	echo "== browser tests against $1"
	out=$(mktemp)
	"$root/tests/browser/run.sh" "$root/$1" >"$out" 2>&1
	rc=$?
	grep -av '^[0-9]* passed, [0-9]* failed$' "$out" || true
	line=$(grep -aE '^[0-9]+ passed, [0-9]+ failed$' "$out" | tail -n 1)
	rm -f "$out"
	if [ -z "$line" ]; then
		echo "browser: the browser tests stopped before their summary (exit $rc)"
		failed=$((failed + 1))
		status=1
	else
		echo "browser: $line"
		p=${line%% passed*}
		f=${line#*, }
		f=${f%% failed*}
		passed=$((passed + p))
		failed=$((failed + f))
		[ "$rc" -ne 0 ] && status=1
	fi
fi
echo "$passed passed, $failed failed"
exit $status
