# shellcheck shell=sh
# bench/serve_lib.sh - sourced by the benches that start `fazhi serve`
# themselves (callgrind_http.sh, callgrind_steps.sh, cpu_http.sh,
# floor.sh): a work directory removed at exit with the server ($pid)
# stopped, and a wait until the server answers.
#   serve_workdir NAME  sets work=/tmp/fazhi-NAME-XXXXXX and the exit trap
#   serve_wait BASE     waits for BASE/healthz while $pid lives
#   serve_free_port     prints a port of 127.0.0.1 free now (the kernel's
#                       choice), so that two benches never meet on one
#   step_urls BASE N IDS  N case step URLs over the cases IDS in turn
pid=""
serve_cleanup() {
	if [ -n "$pid" ] && kill "$pid" 2>/dev/null; then
		wait "$pid" 2>/dev/null || true
	fi
	rm -rf "$work"
}
serve_workdir() {
	work=$(mktemp -d "/tmp/fazhi-$1-XXXXXX")
	trap serve_cleanup EXIT INT TERM
}
serve_wait() {
	until curl -sf -o /dev/null "$1/healthz"; do
		kill -0 "$pid" 2>/dev/null || { echo "the server did not start" >&2; exit 1; }
		sleep 0.2
	done
}

# The demo county in $work/demo.db served by BIN on PORT under callgrind
# (2 threads, then the EXTRA arguments); sets pid and base, waits.
#   serve_callgrind BIN PORT EXTRA...
serve_callgrind() {
	sc_bin=$1 sc_port=$2
	shift 2
	command -v valgrind >/dev/null 2>&1 || { echo "needs valgrind" >&2; exit 1; }
	"$sc_bin" demo --db "$work/demo.db" >/dev/null
	base="http://127.0.0.1:$sc_port"
	valgrind --tool=callgrind --compress-strings=no --callgrind-out-file="$work/cg.%p" \
		"$sc_bin" serve --db "$work/demo.db" --listen "127.0.0.1:$sc_port" --threads 2 \
		"$@" 2>/dev/null &
	pid=$!
	serve_wait "$base"
}

# Total instructions (all threads) in the dumps written since the last
# zeroing (callgrind_control -d writes one file per thread); the files
# go to PROFILE (named NAME.*) when it is set.
#   callgrind_dump NAME
callgrind_dump() {
	callgrind_control -d "$pid" >/dev/null 2>&1
	total=0
	for f in "$work"/cg."$pid".*; do
		[ -e "$f" ] || continue
		t=$(awk '/^summary:/ {print $2}' "$f")
		total=$((total + ${t:-0}))
		if [ -n "${PROFILE:-}" ]; then
			mkdir -p "$PROFILE"
			mv "$f" "$PROFILE/$1.$(basename "$f")"
		else
			rm -f "$f"
		fi
	done
	echo "$total"
}
# N step URLs (POST .../steps) over the cases IDS in turn, on one line
#   step_urls BASE N IDS...
step_urls() {
	su_base=$1 su_n=$2
	shift 2
	su_i=0
	while [ "$su_i" -lt "$su_n" ]; do
		for su_id in "$@"; do
			[ "$su_i" -lt "$su_n" ] || break
			printf ' %s/api/v1/cases/%s/steps' "$su_base" "$su_id"
			su_i=$((su_i + 1))
		done
	done
}
serve_free_port() {
	python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
