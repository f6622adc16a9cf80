# A thin front to Meson so that a newcomer needs only `make demo` and
# `make test`. Both install missing Debian packages first.
BUILD      ?= build
SAN        ?= build-san
TSAN       ?= build-tsan
DEMO_DB    ?= var/demo.db
LISTEN     ?= 127.0.0.1:8080

.PHONY: all deps build build-san build-tsan demo test test-fast tsan analyze bench fuzz crash-test clean

all: build

deps:
	@scripts/install-deps.sh

$(BUILD)/build.ninja:
	@meson setup $(BUILD) --buildtype=debugoptimized >/dev/null

$(SAN)/build.ninja:
	@meson setup $(SAN) --buildtype=debug -Db_sanitize=address,undefined \
		-Db_lundef=false >/dev/null

# ThreadSanitizer (docs/RELIABILITY.md): the program and the test binary.
$(TSAN)/build.ninja:
	@meson setup $(TSAN) --buildtype=debugoptimized -Db_sanitize=thread \
		-Db_lundef=false >/dev/null

build: deps $(BUILD)/build.ninja
	@ninja -C $(BUILD) --quiet

build-san: deps $(SAN)/build.ninja
	@ninja -C $(SAN) --quiet

build-tsan: deps $(TSAN)/build.ninja
	@ninja -C $(TSAN) --quiet fazhi fazhi-test

demo: build
	@mkdir -p var
	@$(BUILD)/fazhi init --db $(DEMO_DB) >/dev/null
	@$(BUILD)/fazhi demo --db $(DEMO_DB)
	@scripts/demo-accounts.sh
	@exec $(BUILD)/fazhi serve --db $(DEMO_DB) --listen $(LISTEN) \
		--complaint-contact "海原县司法局执法监督科，电话 0955-4012345"

# The tests where threads meet, under ThreadSanitizer: the store (pool,
# transactions, group commit, busy retries, parallel case numbers) and the
# server (libmicrohttpd's threads, the edge's reaper, a busy database, steps
# through group commit, a second server). Widen with TSAN_TESTS=... (any
# test name or file substring; empty: every test, slow).
TSAN_TESTS ?= tests/store/ tests/http/server_test tests/http/edge_test \
	tests/http/api_busy_test tests/app/tx_test tests/cli/serve_test

# Every test, in the normal build and under ASan + UBSan; one summary line.
test: build build-san
	@scripts/run-tests.sh $(BUILD) $(SAN)

tsan: build-tsan
	@FAZHI_TSAN=$(TSAN) FAZHI_TSAN_TESTS="$(TSAN_TESTS)" scripts/run-tests.sh

# The normal build only, for a quick edit-test loop.
test-fast: build
	@scripts/run-tests.sh $(BUILD)

analyze: build
	@scripts/analyze.sh $(BUILD)

# SIGKILL the server while it writes, CRASH_CYCLES times, then fill the
# disk while it writes; every acknowledged write must survive, a full disk
# is refused with 507 (docs/RELIABILITY.md).
CRASH_CYCLES ?= 50
crash-test: build
	@python3 scripts/crash-test.py --build $(BUILD) --cycles $(CRASH_CYCLES)

clean:
	rm -rf $(BUILD) $(SAN) $(TSAN)

bench: build
	@bench/all.sh

# libFuzzer over every parser of outside input (clang), FUZZ_SECONDS each,
# with fuzz/<name>.dict when there is one; prints the executions per target
# (docs/RELIABILITY.md). A crash stops it, naming the input (crash-*).
FUZZ_SECONDS ?= 60
FUZZ_TARGETS = form ident redact bundle rules search pubproof json http
fuzz: deps
	@[ -f build-fuzz/build.ninja ] || CC=clang meson setup build-fuzz -Dfuzz=true \
		-Db_lundef=false >/dev/null
	@ninja -C build-fuzz --quiet $(addprefix fuzz/fuzz_,$(FUZZ_TARGETS))
	@for f in $(FUZZ_TARGETS); do mkdir -p build-fuzz/corpus-$$f; \
		dict=; [ -f fuzz/$$f.dict ] && dict=-dict=fuzz/$$f.dict; \
		build-fuzz/fuzz/fuzz_$$f -max_total_time=$(FUZZ_SECONDS) $$dict \
		build-fuzz/corpus-$$f fuzz/corpus/$$f >build-fuzz/fuzz-$$f.log 2>&1 || \
		{ tail -40 build-fuzz/fuzz-$$f.log; exit 1; }; \
		printf '%-10s %s\n' $$f "$$(grep -o 'Done [0-9]* runs in [0-9]* second' \
		build-fuzz/fuzz-$$f.log)"; done
