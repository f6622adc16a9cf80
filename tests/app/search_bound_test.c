/* search_bound_test.c - the work bound of search, driven by a fake clock
 * through the store's test probe: each window is charged a cost per day
 * it covers, so the sizing of the year windows is watched without timing.
 * A window is never predicted to end past the budget, a page under a
 * uniform cost ends within it, windows grow when years are cheap, a
 * window dearer than predicted is stopped inside SQLite, and paging by
 * the cursor finds every match once, newest first. */
#include <stdio.h>
#include <string.h>

#include "app/search.h"
#include "base/date.h"
#include "fixture.h"
#include "t.h"

/* The fake clock of one query: the charges of its windows so far, and
 * what each window's size is checked against. */
struct work {
	int64_t now, t0;      /* microseconds */
	bool started;         /* t0 taken (the query's first clock read) */
	int64_t cost_per_day; /* charged for each day of a window */
	int64_t dear_below;   /* windows below this key cost dear_tenths / 10 */
	int64_t dear_tenths;  /* times as much */
	int64_t budget_us;
	int64_t spent, days;  /* this query's windows so far */
	int64_t last_bottom;  /* the previous window's, 0 before the first */
	int64_t last_top;
	int windows, max_years, violations, interrupted;
};

static int64_t work_now(void *ctx)
{
	struct work *w = ctx;
	if (!w->started)
		w->t0 = w->now, w->started = true;
	return w->now;
}

static int64_t days_of(int64_t bottom, int64_t top)
{
	return (top >> SEARCH_DAY_SHIFT) - (bottom >> SEARCH_DAY_SHIFT) + 1;
}

/* Checks the window against the prediction the budget allows, then
 * charges it: what the store measures as its cost. */
static void work_window(void *ctx, int64_t bottom, int64_t top, int years)
{
	struct work *w = ctx;
	int64_t d = days_of(bottom, top), left = w->budget_us - (w->now - w->t0);
	char jan1[11];
	search_key_date(bottom, jan1);
	if (years < 1 || bottom > top || (w->last_bottom && top != w->last_bottom - 1))
		w->violations++;
	/* whole years: every window starts on 1 January (the oldest item is on one) */
	if (strcmp(jan1 + 4, "-01-01") != 0)
		w->violations++;
	/* one year at a time until a year's days are measured; then, at the
	 * cost per day measured so far, it ends within what is left */
	if (w->days < 365 && years != 1)
		w->violations++;
	if (w->days >= 365 && d * w->spent > left * w->days)
		w->violations++;
	if (years > w->max_years)
		w->max_years = years;
	w->windows++;
	w->last_bottom = bottom;
	w->last_top = top;
	int64_t cost = d * w->cost_per_day * (top < w->dear_below ? w->dear_tenths : 10) / 10;
	w->spent += cost;
	w->days += d;
	w->now += cost;
}

/* Pages through the matches of 稀有 with the fake clock, checking each
 * page; returns the pages, and the matches' ref_ids in seen[]. */
static int pages_of(struct fx *f, struct work *w, char seen[300], int *total)
{
	struct search_terms terms;
	struct search_probe probe = { .now_us = work_now, .window = work_window, .ctx = w };
	struct search_query q = { .terms = &terms, .limit = 20, .probe = &probe,
				  .budget_ms = (int)(w->budget_us / 1000) };
	struct search_item_list list;
	struct fz_error e = { 0 };
	char last[11] = "9999-12-31";
	int pages = 0;
	search_terms_parse("稀有", f->a, &terms);
	for (;;) {
		w->started = false, w->spent = w->days = w->last_bottom = w->last_top = 0;
		w->windows = 0;
		if (f->st->ops->search_query(f->st, f->a, &q, &list, &e) != FZ_OK || ++pages > 100)
			return t_fail(__FILE__, __LINE__, "query: %s", e.message), -1;
		CHECK(w->windows >= 1);
		/* a window stopped past the bound: its rows dropped, read on from
		 * its top (a page stopped before a window ends at its bottom) */
		bool stopped = list.next_before == w->last_top + 1;
		w->interrupted += stopped;
		for (size_t i = 0; i < list.n; i++) {
			int64_t ref = list.items[i].ref_id;
			CHECK(!stopped || list.items[i].id > w->last_top);
			CHECK(ref >= 1 && ref < 300 && ref % 10 == 0 && !seen[ref]);
			if (ref >= 1 && ref < 300)
				seen[ref] = 1;
			CHECK(strcmp(list.items[i].date, last) <= 0);
			snprintf(last, sizeof last, "%s", list.items[i].date);
			(*total)++;
		}
		if (!list.next_before)
			break;
		q.before = list.next_before;
	}
	return pages;
}

TEST(search_windows_are_sized_to_end_within_the_work_bound_and_lose_nothing)
{
	struct fx f;
	char date[11];
	REQUIRE(fx_open(&f));
	/* 240 items every 40 days from 2000-01-01 to 2026-04; every tenth
	 * (24 of them) also says 稀有, about one match a year and a half */
	for (int i = 1; i <= 240; i++) {
		struct fz_error e = { 0 };
		REQUIRE(date_add_days("2000-01-01", 40 * (i - 1), date));
		REQUIRE(app_search_index(&f.cli, "penalty", i, f.natres, date, "行政处罚决定公告",
					 i % 10 ? "公告正文。" : "公告正文，稀有情形。", &e) == FZ_OK);
	}

	/* 10 us a day, 20 ms: a page reads about six years (this year, a
	 * quarter; last year, to measure a whole year; then four that fit,
	 * the fifth would not), and stops with a cursor; the old 1, 2, 4
	 * years overshot */
	struct work w = { .cost_per_day = 10, .budget_us = 20000 };
	char seen[300] = { 0 };
	int total = 0;
	int pages = pages_of(&f, &w, seen, &total);
	CHECK_INT(w.violations, 0);
	CHECK_INT(total, 24);
	CHECK(pages >= 4);
	CHECK(w.max_years <= 4);

	/* the same with a uniform cost: every page ends within the budget */
	struct search_terms terms;
	struct search_probe probe = { .now_us = work_now, .window = work_window, .ctx = &w };
	struct search_query q = { .terms = &terms, .limit = 20, .probe = &probe, .budget_ms = 20 };
	struct search_item_list list;
	struct fz_error e = { 0 };
	search_terms_parse("稀有", f.a, &terms);
	w.started = false, w.spent = w.days = w.last_bottom = 0, w.windows = 0;
	REQUIRE(f.st->ops->search_query(f.st, f.a, &q, &list, &e) == FZ_OK);
	CHECK(w.now - w.t0 <= w.budget_us);
	CHECK(list.n < 20 && list.next_before > 0);
	CHECK(w.windows >= 2);

	/* 1 us a day: the years are cheap, so the second window takes up to
	 * sixteen of them and one page reads all 27 years */
	struct work cheap = { .cost_per_day = 1, .budget_us = 20000 };
	char seen2[300] = { 0 };
	total = 0;
	CHECK_INT(pages_of(&f, &cheap, seen2, &total), 2);
	CHECK_INT(cheap.violations, 0);
	CHECK_INT(total, 24);
	CHECK(cheap.max_years > 4);

	/* 100 us a day: one year costs more than what the first leaves, so
	 * each page is one window; still nothing lost */
	struct work dear = { .cost_per_day = 100, .budget_us = 20000 };
	char seen3[300] = { 0 };
	total = 0;
	pages = pages_of(&f, &dear, seen3, &total);
	CHECK_INT(dear.violations, 0);
	CHECK_INT(total, 24);
	CHECK(pages >= 13);
	CHECK_INT(dear.interrupted, 0); /* the windows that measure always end */

	/* years before 2012 ten times dearer than those measured: a window
	 * predicted to fit does not, and is stopped past the bound inside
	 * SQLite; the page ends with what came before, nothing is lost */
	struct work uneven = { .cost_per_day = 4, .budget_us = 20000,
			       .dear_below = search_day_key("2012-01-01"), .dear_tenths = 100 };
	char seen4[300] = { 0 };
	total = 0;
	pages = pages_of(&f, &uneven, seen4, &total);
	CHECK_INT(uneven.violations, 0);
	CHECK_INT(total, 24);
	CHECK(uneven.interrupted >= 1);

	/* a fifth dearer: the forecast falls short by less than half the
	 * bound, so no window's work is thrown away */
	struct work slight = { .cost_per_day = 4, .budget_us = 20000,
			       .dear_below = search_day_key("2012-01-01"), .dear_tenths = 12 };
	char seen5[300] = { 0 };
	total = 0;
	pages_of(&f, &slight, seen5, &total);
	CHECK_INT(slight.violations, 0);
	CHECK_INT(total, 24);
	CHECK_INT(slight.interrupted, 0);
	fx_close(&f);
}
