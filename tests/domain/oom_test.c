/* oom_test.c - the parsers under allocation failure (issue 11 §5): with
 * the n-th allocation failing (base/fault.h) for n across the whole run,
 * loading the shipped procedure definitions and the holiday calendar
 * reports FZ_NOMEM, never crashes, never reports success with something
 * missing, and leaks nothing (ASan's leak check runs over the suite). */
#include <stdio.h>
#include <limits.h>
#include <stdlib.h>

#include "base/arena.h"
#include "base/fault.h"
#include "domain/calendar.h"
#include "domain/procedure_builtin.h"
#include "t.h"

/* The n to try for an operation that needs total allocations: every one
 * of the first 300, then about 200 spread over the rest. */
static long next_n(long n, long total)
{
	if (n < 300)
		return n + 1;
	long step = total / 200;
	return n + (step > 1 ? step : 1);
}

static enum fz_err load_procedures(struct arena *a, struct fz_error *e)
{
	struct proc_set set;
	return proc_set_load_builtin(&set, a, e);
}

static enum fz_err load_calendar(struct arena *a, struct fz_error *e)
{
	char path[1024];
	snprintf(path, sizeof path, "%s/data/calendar/cn.txt", t_source_root());
	FILE *f = fopen(path, "rb");
	if (!f)
		return fz_fail(e, FZ_IO, "", "cannot open %s", path);
	static char text[1 << 20];
	size_t len = fread(text, 1, sizeof text, f);
	fclose(f);
	struct calendar cal;
	return calendar_parse(a, text, len, &cal, e);
}

/* Runs op with a fresh arena (made before the injection starts) for each
 * n until it meets no failure; checks each failing run said FZ_NOMEM. */
static void under_failure(const char *what, enum fz_err (*op)(struct arena *, struct fz_error *))
{
	struct arena *a = arena_new();
	REQUIRE(a);
	struct fz_error e = { 0 };
	REQUIRE(op(a, &e) == FZ_OK);
	arena_free(a);

	/* how many allocations a whole run makes */
	a = arena_new();
	REQUIRE(a);
	fault_alloc_after(LONG_MAX);
	REQUIRE(op(a, &e) == FZ_OK);
	arena_free(a);
	(void)fault_alloc_off();
	long total = 0;
	for (long lo = 0, hi = 1L << 24; lo < hi;) { /* the least n that succeeds */
		long mid = lo + (hi - lo) / 2;
		a = arena_new();
		REQUIRE(a);
		fault_alloc_after(mid);
		enum fz_err rc = op(a, &e);
		bool hit = fault_alloc_off();
		arena_free(a);
		if (rc == FZ_OK && !hit)
			hi = total = mid;
		else
			lo = mid + 1;
	}
	CHECK(total > 10);

	int runs = 0, bad = 0;
	for (long n = 0; n < total; n = next_n(n, total), runs++) {
		a = arena_new();
		REQUIRE(a);
		struct fz_error fe = { 0 };
		fault_alloc_after(n);
		enum fz_err rc = op(a, &fe);
		bool hit = fault_alloc_off();
		arena_free(a);
		if (!hit || rc != FZ_NOMEM) {
			if (bad++ < 5)
				t_fail(__FILE__, __LINE__,
				       "%s with allocation %ld failing: %s (%s), failure %s", what,
				       n, fz_err_name(rc), fe.message, hit ? "met" : "not met");
		}
	}
	CHECK(runs > 100);
}

TEST(loading_the_procedures_with_any_allocation_failing_reports_nomem)
{
	under_failure("procedures", load_procedures);
}

TEST(parsing_the_holiday_calendar_with_any_allocation_failing_reports_nomem)
{
	under_failure("calendar", load_calendar);
}
