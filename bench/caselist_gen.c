/* caselist_gen.c - open cases at scale for bench/caselist.sh
 * (docs/PERFORMANCE.md, issue 11 §1):
 *   caselist-gen DB N SEED
 * adds N open penalty cases to an existing database (the demo county's)
 * in its 自然资源局, deterministic from SEED (xorshift): each opened on a
 * day up to 150 days before today, 9 in 10 with the opening approved that
 * day (the 90-day case period runs: some overdue, some due soon, most
 * not), 1 in 10 waiting for the head's approval, 1 in 20 of the approved
 * suspended by an appraisal. Rows go through the store's own operations
 * (case_insert, case_event_append) in write transactions of 2,000 cases,
 * each case's derived status (its duties, queues) computed by the engine
 * in the same transaction (app_case_status_write), as a step writes it.
 * Prints "name: value unit" lines. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/case_status.h"
#include "base/date.h"
#include "base/num.h"
#include "store/sqlite_internal.h"
#include "store/store.h"

static uint64_t rng;

static uint64_t next(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static int pick(int n) { return (int)(next() % (uint64_t)n); }

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int fail(const char *what, const struct fz_error *e)
{
	fprintf(stderr, "caselist-gen: %s: %s\n", what, e->message);
	return 1;
}

/* The demo's 自然资源局: the first agency in the database whose name
 * says so. */
static int64_t natres_agency(struct store *st, struct arena *a, struct fz_error *e)
{
	const struct scope all = { .kind = SCOPE_ALL };
	struct agency_filter f = { .q = "自然资源" };
	struct agency_list l;
	if (st->ops->agency_list(st, a, &all, &f, (struct page){ 0, 1 }, &l, e) || !l.n)
		return 0;
	return l.items[0].id;
}

int main(int argc, char **argv)
{
	int64_t n, seed;
	if (argc != 4 || !num_parse_i64(argv[2], 1, 10000000, &n) ||
	    !num_parse_i64(argv[3], 0, INT64_MAX, &seed)) {
		fprintf(stderr, "usage: caselist-gen DB N SEED\n");
		return 2;
	}
	rng = seed ? (uint64_t)seed : 1;
	struct store *st;
	struct fz_error e = { 0 };
	struct arena *a = arena_new();
	if (!a || store_sqlite_open(argv[1], false, &st, &e))
		return fail("open", &e);
	/* a bulk load: a page cache that holds a batch */
	sqlite3_exec(sq(st)->own.db, "PRAGMA cache_size = -262144", NULL, NULL, NULL);
	int64_t agency = natres_agency(st, a, &e);
	if (!agency)
		return fail("agency 自然资源局", &e);
	struct app_config cfg;
	struct app_ctx ctx;
	app_config_defaults(&cfg);
	cfg.data_dir = "/tmp";
	app_ctx_init(&ctx, st, a, &cfg, "bench", time(NULL));
	ctx.actor = "bench";
	ctx.scope.kind = SCOPE_ALL;
	int64_t today = 0;
	{
		int y, m, d;
		if (!date_parse(ctx.today, &y, &m, &d))
			return fail("today", &e);
		today = date_to_days(y, m, d);
	}
	int year = 0;
	(void)date_parse(ctx.today, &year, NULL, NULL);
	double t0 = now_ms();
	int64_t events = 0;
	for (int64_t i = 0; i < n; i++) {
		if (i % 2000 == 0 && st->ops->begin(st, true, &e))
			return fail("begin", &e);
		char day[FZ_DATE_LEN], act[FZ_DATE_LEN];
		int64_t day0 = today - pick(150);
		date_from_days(day0, day);
		date_from_days(day0 - 10, act);
		char *title = arena_printf(a, "合成案件 %lld", (long long)i);
		struct enf_case c = { .agency_id = agency, .procedure = "penalty_general",
				      .kind = CASE_PENALTY, .domain = "自然资源", .title = title,
				      .party_kind = PARTY_CITIZEN, .party_name = "某某",
				      .state = "open" };
		snprintf(c.opened_on, sizeof c.opened_on, "%s", day);
		snprintf(c.act_date, sizeof c.act_date, "%s", act);
		struct case_numbering num = { "合成", "罚", year };
		if (st->ops->case_insert(st, a, &c, &num, &e))
			return fail("case", &e);
		const char *steps[3] = { "open", NULL, NULL };
		if (pick(10))
			steps[1] = "approve_opening";
		if (steps[1] && !pick(20))
			steps[2] = "appraisal";
		for (int j = 0; j < 3 && steps[j]; j++) {
			struct case_field f[2] = { { "facts", "现场检查发现违法行为" },
						   { "source", "巡查" } };
			struct case_event x = { .case_id = c.id, .step = steps[j], .fields = f,
						.nfields = j ? 0 : 2 };
			if (j == 2) {
				f[0] = (struct case_field){ "item", "土壤检测" };
				x.nfields = 1;
			}
			date_from_days(day0 + j * 3 / 2, x.on);
			if (st->ops->case_event_append(st, &x, &e))
				return fail("event", &e);
			events++;
		}
		/* its derived status in the same transaction, as a step writes it */
		if (app_case_status_write(&ctx, &c, &e))
			return fail("status", &e);
		if (i % 2000 == 1999 || i == n - 1) {
			if (st->ops->commit(st, &e))
				return fail("commit", &e);
			arena_reset(a);
		}
	}
	double t1 = now_ms();
	printf("cases_added: %lld\nevents_added: %lld\ngenerate: %.0f ms (%.0f cases/s, status"
	       " included)\n",
	       (long long)n, (long long)events, t1 - t0, (double)n / (t1 - t0) * 1e3);
	st->ops->close(st);
	arena_free(a);
	return 0;
}
