/* indicators_bench.c - the supervision indicators at scale
 * (docs/PERFORMANCE.md "Indicators at scale"):
 *   indicators-bench DB FROM TO PREFIX [job] [ref]
 * Opens DB (its migrations run: the time of 045's marking on a database
 * that lacks it); with "job", the scheduler's job judges every stale
 * case first (the backfill as the server does it), timed; then as a
 * supervisor of the division PREFIX ("64" the
 * generated region), today = TO, computes the page's figures for
 * FROM..TO twice (the first run judges the stale cases - after 045,
 * every case: the backfill - and refreshes the derived status; the
 * second reads the kept facts), then each side's drill-down (that side
 * listed) and every side at once (the API). With "ref",
 * then the per-case reference
 * (app_indicators_record), and whether the two agree on every numerator,
 * denominator, longest and side (exit 1 if not). CPU time, not wall
 * time alone: the machine is shared. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/indicators.h"
#include "store/store.h"

/* The process's CPU time and the monotonic clock, in ms. */
struct stamp {
	double cpu, wall;
};

static struct stamp stamp_now(void)
{
	struct timespec c, w;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &c);
	clock_gettime(CLOCK_MONOTONIC, &w);
	return (struct stamp){ (double)c.tv_sec * 1e3 + (double)c.tv_nsec / 1e6,
			       (double)w.tv_sec * 1e3 + (double)w.tv_nsec / 1e6 };
}

static void report(const char *what, struct stamp from)
{
	struct stamp to = stamp_now();
	printf("%s: cpu %.0f ms (wall %.0f ms, loaded machine)\n", what, to.cpu - from.cpu,
	       to.wall - from.wall);
}

static bool same_cases(const struct indicator_cases *x, const struct indicator_cases *y)
{
	return x->n == y->n && (!x->n || !memcmp(x->ids, y->ids, x->n * sizeof *x->ids));
}

static bool same_indicator(const struct indicator *x, const struct indicator *y)
{
	return x->num == y->num && x->den == y->den && x->max == y->max &&
	       x->max_case == y->max_case && same_cases(&x->num_cases, &y->num_cases) &&
	       same_cases(&x->den_cases, &y->den_cases);
}

int main(int argc, char **argv)
{
	bool reference = false, job = false;
	for (int i = 5; i < argc; i++) {
		reference = reference || !strcmp(argv[i], "ref");
		job = job || !strcmp(argv[i], "job");
	}
	if (argc < 5 || argc > 7 || argc - 5 != reference + job) {
		fprintf(stderr, "usage: indicators-bench DB FROM TO DIVISION_PREFIX [job] [ref]\n");
		return 2;
	}
	struct store *st;
	struct fz_error e = { 0 };
	struct arena *a = arena_new();
	struct app_config cfg;
	struct app_ctx ctx;
	struct user u = { .id = 1, .username = "bench", .roles = ROLE_SUPERVISOR };
	struct stamp t = stamp_now();
	if (!a || store_sqlite_open(argv[1], false, &st, &e)) {
		fprintf(stderr, "indicators-bench: open: %s\n", e.message);
		return 1;
	}
	report("open_and_migrate", t);
	app_config_defaults(&cfg);
	cfg.data_dir = "/tmp";
	app_ctx_init(&ctx, st, a, &cfg, "bench", time(NULL));
	snprintf(ctx.today, sizeof ctx.today, "%s", argv[3]);
	ctx.user = &u;
	ctx.actor = "bench";
	ctx.scope.kind = SCOPE_DIVISION;
	snprintf(ctx.scope.division_prefix, sizeof ctx.scope.division_prefix, "%s", argv[4]);
	if (job) {
		int64_t judged = 0;
		struct app_ctx cli = ctx;
		app_ctx_as_cli(&cli);
		t = stamp_now();
		if (app_indicators_job(&cli, &judged, &e)) {
			fprintf(stderr, "indicators-bench: job: %s\n", e.message);
			return 1;
		}
		report("backfill_job", t);
		printf("  cases judged: %lld\n", (long long)judged);
		arena_reset(a);
	}
	struct indicator_query q = { .agency_id = 0 };
	snprintf(q.from, sizeof q.from, "%s", argv[2]);
	snprintf(q.to, sizeof q.to, "%s", argv[3]);
	struct indicator out[IND_COUNT], ref[IND_COUNT];
	for (int round = 0; round < 2; round++) {
		/* the page: the figures alone */
		q.lists = IND_LISTS_NONE;
		t = stamp_now();
		if (app_indicators(&ctx, &q, out, &e)) {
			fprintf(stderr, "indicators-bench: %s\n", e.message);
			return 1;
		}
		report(round ? "indicators_page" : "indicators_page_first", t);
		if (round)
			for (int i = 0; i < IND_COUNT; i++)
				printf("  %-22s %lld / %lld\n", out[i].def->id, (long long)out[i].num,
				       (long long)out[i].den);
		arena_reset(a);
	}
	/* each side's drill-down: that side listed */
	for (int i = 0; i < 2 * (IND_WITHDRAWAL + 1); i++) {
		bool num = i % 2;
		q.lists = num ? IND_LISTS_NUM : IND_LISTS_DEN;
		q.list_of = i / 2;
		t = stamp_now();
		if (app_indicators(&ctx, &q, out, &e)) {
			fprintf(stderr, "indicators-bench: %s\n", e.message);
			return 1;
		}
		char what[64];
		const struct indicator *in = &out[i / 2];
		snprintf(what, sizeof what, "drill_down %s %s (%zu cases)", in->def->id,
			 num ? "num" : "den", num ? in->num_cases.n : in->den_cases.n);
		report(what, t);
		arena_reset(a);
	}
	/* every side listed (the API), and the reference */
	q.lists = IND_LISTS_ALL;
	t = stamp_now();
	if (app_indicators(&ctx, &q, out, &e)) {
		fprintf(stderr, "indicators-bench: %s\n", e.message);
		return 1;
	}
	report("indicators_all_sides", t);
	if (reference) {
		t = stamp_now();
		if (app_indicators_record(&ctx, &q, ref, &e)) {
			fprintf(stderr, "indicators-bench: %s\n", e.message);
			return 1;
		}
		report("indicators_record", t);
		bool same = true;
		for (int i = 0; i < IND_COUNT; i++)
			if (!same_indicator(&out[i], &ref[i])) {
				printf("  DIFFERS: %s %lld / %lld\n", ref[i].def->id,
				       (long long)ref[i].num, (long long)ref[i].den);
				same = false;
			}
		printf("facts_equal_record: %s\n", same ? "yes" : "NO");
		if (!same)
			return 1;
	}
	arena_reset(a);
	st->ops->close(st);
	arena_free(a);
	return 0;
}
