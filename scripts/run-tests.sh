#!/bin/sh
# Runs the test binary of each build directory given and the browser tests
# (tests/browser/run.sh, against the first one's fazhi) side by side — they
# share nothing but the machine, and the tests wait on conditions, not on
# an idle CPU — then prints each one's failures and counts in order and the
# one summary line "N passed, N failed" over all of them. Exit 1 on any
# failure. FAZHI_BROWSER=0 leaves the browser tests out; FAZHI_TEST_SERIAL=1
# runs the suites one after another. FAZHI_TSAN=DIR adds the tests named by
# FAZHI_TSAN_TESTS (where threads meet) from DIR's ThreadSanitizer build;
# each data race it reports counts as a failure.
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0
failed=0
status=0

# suite NAME COMMAND...: runs one suite into $work/NAME.out and its exit
# code into $work/NAME.rc, in the background unless serial.
suite() {
	name=$1
	shift
	if [ "${FAZHI_TEST_SERIAL:-0}" = 1 ]; then
		"$@" >"$work/$name.out" 2>&1
		echo $? >"$work/$name.rc"
	else
		{ "$@" >"$work/$name.out" 2>&1; echo $? >"$work/$name.rc"; } &
	fi
}

# report NAME LABEL: prints what the suite said (not its passing requests),
# adds its counts.
report() {
	out="$work/$1.out"
	rc=$(cat "$work/$1.rc" 2>/dev/null || echo 1)
	echo "== $2"
	grep -av '^[0-9]* passed, [0-9]* failed$' "$out" | grep -aEv '^http (GET|POST|PUT|PATCH|DELETE|HEAD) ' || true
	races=$(grep -ac '^WARNING: ThreadSanitizer' "$out")
	if [ "$races" -gt 0 ]; then
		echo "$2: ThreadSanitizer reported $races data race(s) above"
		failed=$((failed + races))
		status=1
	fi
	line=$(grep -aE '^[0-9]+ passed, [0-9]+ failed$' "$out" | tail -n 1)
	if [ -z "$line" ]; then
		echo "$2: stopped before its summary (exit $rc)"
		failed=$((failed + 1))
		status=1
		return
	fi
	echo "$2: $line"
	p=${line%% passed*}
	f=${line#*, }
	f=${f%% failed*}
	passed=$((passed + p))
	failed=$((failed + f))
	[ "$rc" -ne 0 ] && status=1
}

k=0
for dir in "$@"; do
	k=$((k + 1))
	suite "unit$k" env ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
		LSAN_OPTIONS="suppressions=$root/scripts/lsan.supp:print_suppressions=0" \
		UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
		FAZHI_BIN="$root/$dir/fazhi" FAZHI_SOURCE_ROOT="$root" "$root/$dir/fazhi-test"
done
if [ -n "${FAZHI_TSAN:-}" ]; then
	# shellcheck disable=SC2086 # a list of test name filters
	suite tsan env TSAN_OPTIONS="suppressions=$root/scripts/tsan.supp:second_deadlock_stack=1" \
		FAZHI_BIN="$root/$FAZHI_TSAN/fazhi" FAZHI_SOURCE_ROOT="$root" \
		"$root/$FAZHI_TSAN/fazhi-test" ${FAZHI_TSAN_TESTS:-}
fi
# The browser tests need only one build: the first (the normal one).
browser=0
if [ "$#" -gt 0 ] && [ "${FAZHI_BROWSER:-1}" != 0 ]; then
	browser=1
	suite browser "$root/tests/browser/run.sh" "$root/$1"
fi
wait
k=0
for dir in "$@"; do
	k=$((k + 1))
	report "unit$k" "tests in $dir"
done
[ -n "${FAZHI_TSAN:-}" ] && report tsan "tests under ThreadSanitizer in $FAZHI_TSAN"
[ "$browser" = 1 ] && report browser "browser tests against $1"
echo "$passed passed, $failed failed"
exit $status
