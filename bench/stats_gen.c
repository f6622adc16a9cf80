/* stats_gen.c - the statistics at scale (bench/stats.sh, docs/PERFORMANCE.md):
 *   stats-gen gen DB SIZE YEAR SEED   writes a synthetic region
 *   stats-gen time DB YEAR PREFIX     times the dashboard and the XLSX
 * gen: SIZE county (~10^4 cases), city (~10^5) or province (~10^6 cases,
 * ~10^7 events); deterministic from SEED (xorshift). Divisions,
 * agencies, cases, their events with fields, and the derived status of
 * open cases are written through the store's own operations
 * (division_put, agency_insert, case_insert, case_event_append,
 * case_status_put) with one write transaction per 2,000 cases: the same
 * rows, triggers and checks as the real system. NOT written: ledger
 * leaves, documents, evidence, publications, audit records and people
 * (the statistics read none of them; a real case's ledger leaf per event
 * would add a hash and an insert per event, see bench/ledger.sh).
 * time: as a supervisor of the division PREFIX ("64" the province),
 * times app_stats_dashboard, app_stats_annual + stats_xlsx, and the
 * decision block alone through the store (for the ratio to the sqlite3
 * shell); prints "name: value unit" lines. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/stats.h"
#include "base/date.h"
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

/* CPU time of this process: the machine is shared, so wall time alone
 * says as much about the neighbours as about fazhi. */
static double cpu_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int fail(const char *what, const struct fz_error *e)
{
	fprintf(stderr, "stats-gen: %s: %s\n", what, e->message);
	return 1;
}

struct ev {
	const char *step;
	int day;             /* days after the case's first day */
	const char *k1, *v1, *k2, *v2;
};

static const char *const penalties[] = { "fine", "fine", "fine", "warning", "fine,warning",
					 "fine,confiscate_gains", "criticism", "suspend_licence" };

/* The events of one case of kind k (written into ev, returns n) and
 * whether it ends closed. */
static int script(enum case_kind *kind, const char **proc, struct ev *ev, bool *closed,
		  char *amount, char *conf)
{
	int n = 0, r = pick(100);
	int64_t yuan = 50 + (int64_t)(next() % 200000) * (pick(10) == 0 ? 10 : 1);
	snprintf(amount, 24, "%lld", (long long)(yuan - yuan % 50));
	snprintf(conf, 24, "%d", 100 * (1 + pick(500)));
	*closed = pick(10) != 0;
	if (r < 60) {
		const char *pen = penalties[pick(8)];
		bool fine = strstr(pen, "fine") != NULL, gains = strstr(pen, "confiscate") != NULL;
		*kind = CASE_PENALTY;
		*proc = "penalty_general";
		ev[n++] = (struct ev){ "open", 0, "facts", "现场检查发现违法行为", "source", "巡查" };
		ev[n++] = (struct ev){ "approve_opening", 1, NULL, NULL, NULL, NULL };
		ev[n++] = (struct ev){ "investigate", 5, "record", "调查询问笔录", NULL, NULL };
		if (pick(20) == 0) {
			ev[n++] = (struct ev){ "no_penalty", 20, "ground", "minor", NULL, NULL };
			ev[n++] = (struct ev){ "close", 30, NULL, NULL, NULL, NULL };
			return n;
		}
		if (pick(40) == 0) {
			ev[n++] = (struct ev){ "criminal_referral", 15, "receiver", "公安局", "reasons", "涉嫌犯罪" };
			*closed = false;
			return n;
		}
		ev[n++] = (struct ev){ "advance_notice", 20, "penalty", pen, fine ? "amount" : NULL,
				       fine ? amount : NULL };
		if (pick(3) == 0)
			ev[n++] = (struct ev){ "legal_review", 25, "opinion", "approve", NULL, NULL };
		ev[n++] = (struct ev){ "decision", 30, "penalty", pen, fine ? "amount" : gains ? "confiscation" : NULL,
				       fine ? amount : gains ? conf : NULL };
		ev[n++] = (struct ev){ "service", 32, "method", "直接送达", NULL, NULL };
		if (pick(50) == 0) {
			bool lit = pick(3) == 0;
			ev[n++] = (struct ev){ "remedy_filed", 50, "kind", lit ? "litigation" : "reconsideration", NULL, NULL };
			if (pick(4) == 0)
				ev[n++] = (struct ev){ "remedy_set_aside", 110, "outcome", "revoked", NULL, NULL };
			else
				ev[n++] = (struct ev){ "remedy_upheld", 110, "outcome", "upheld", NULL, NULL };
		}
		ev[n++] = (struct ev){ "publish", 36, "publication", "1", NULL, NULL };
		if (fine)
			ev[n++] = (struct ev){ "payment", 45, "amount", amount, NULL, NULL };
		ev[n++] = (struct ev){ "close", 60, "summary", "结案", NULL, NULL };
	} else if (r < 75) {
		*kind = CASE_PENALTY;
		*proc = "penalty_simplified";
		bool fine = pick(2);
		snprintf(amount, 24, "%d", 50 * (1 + pick(4)));
		ev[n++] = (struct ev){ "decide_on_spot", 0, "penalty", fine ? "fine" : "warning",
				       fine ? "amount" : NULL, fine ? amount : NULL };
		if (fine)
			ev[n++] = (struct ev){ "payment", 3, "amount", amount, NULL, NULL };
		ev[n++] = (struct ev){ "file", 4, NULL, NULL, NULL, NULL };
		ev[n++] = (struct ev){ "close", 5, NULL, NULL, NULL, NULL };
	} else if (r < 87) {
		*kind = CASE_INSPECTION;
		*proc = "inspection";
		ev[n++] = (struct ev){ "open", 0, "subject", "检查对象", "basis", "检查计划" };
		if (pick(2))
			ev[n++] = (struct ev){ "random_draw", 0, "seed", "1", NULL, NULL };
		ev[n++] = (struct ev){ "inspect", 3, "findings", "未发现问题", NULL, NULL };
		ev[n++] = (struct ev){ "result", 5, "conclusion", "合格", NULL, NULL };
		ev[n++] = (struct ev){ "publish", 10, "publication", "1", NULL, NULL };
		ev[n++] = (struct ev){ "close", 12, NULL, NULL, NULL, NULL };
	} else if (r < 97) {
		*kind = CASE_PERMIT;
		*proc = "permit";
		ev[n++] = (struct ev){ "apply", 0, "applicant", "申请人", "matter", "许可事项" };
		if (pick(15) == 0) {
			ev[n++] = (struct ev){ "reject_application", 3, "reasons", "不属于受理范围", NULL, NULL };
			return n;
		}
		ev[n++] = (struct ev){ "accept", 2, NULL, NULL, NULL, NULL };
		ev[n++] = (struct ev){ "verify", 8, "findings", "材料齐全", NULL, NULL };
		ev[n++] = (struct ev){ "decide", 15, "outcome", pick(8) ? "granted" : "refused", NULL, NULL };
		ev[n++] = (struct ev){ "deliver", 17, "served_on", "", NULL, NULL };
		ev[n++] = (struct ev){ "publish", 20, "publication", "1", NULL, NULL };
		ev[n++] = (struct ev){ "close", 21, NULL, NULL, NULL, NULL };
	} else {
		*kind = CASE_COERCION;
		*proc = "coercion";
		ev[n++] = (struct ev){ "open", 0, "facts", "违法事实", "grounds", "理由" };
		ev[n++] = (struct ev){ "approval", 1, "measure", "扣押", NULL, NULL };
		ev[n++] = (struct ev){ "seize", 1, "items", "物品", "party_present", "yes" };
		ev[n++] = (struct ev){ "handle", 25, "outcome", "没收", NULL, NULL };
		ev[n++] = (struct ev){ "lift", 26, "reasons", "处理完毕", NULL, NULL };
		ev[n++] = (struct ev){ "close", 30, NULL, NULL, NULL, NULL };
	}
	if (!*closed)
		n--; /* still open: the closing step not yet taken */
	return n;
}

static const char *const agency_kinds[] = { "自然资源", "市场监管", "生态环境", "城市管理",
					    "交通运输", "农业农村", "应急管理", "卫生健康",
					    "文化旅游", "住房城乡建设" };

/* STATS_GEN_CASES=N overrides the size's case count (bench/sized_db.sh,
 * docs/PERFORMANCE.md "make bench": about 7.1 events a case, so the
 * province reaches 10^7 events at 1,410,000 cases); unset, the size's. */
static int64_t cases_override(int64_t cases)
{
	const char *v = getenv("STATS_GEN_CASES");
	char *end = NULL;
	long long n = v && *v ? strtoll(v, &end, 10) : 0;
	return n > 0 && end && !*end ? (int64_t)n : cases;
}

static int gen(const char *db, const char *size, int year, uint64_t seed)
{
	int cities, counties, per_county;
	int64_t cases;
	if (!strcmp(size, "county")) {
		cities = 1, counties = 1, per_county = 30, cases = 10000;
	} else if (!strcmp(size, "city")) {
		cities = 1, counties = 6, per_county = 30, cases = 100000;
	} else if (!strcmp(size, "province")) {
		cities = 5, counties = 10, per_county = 30, cases = 1000000;
	} else {
		fprintf(stderr, "stats-gen: SIZE is county, city or province\n");
		return 2;
	}
	cases = cases_override(cases);
	rng = seed ? seed : 1;
	struct store *st;
	struct fz_error e = { 0 };
	struct arena *a = arena_new();
	if (!a || store_sqlite_open(db, true, &st, &e))
		return fail("open", &e);
	/* a bulk load: a page cache that holds a batch, so that pages are
	 * written once at commit rather than spilled along the way, and the
	 * statement journals of the store's savepoints kept in memory */
	sqlite3_exec(sq(st)->own.db, "PRAGMA cache_size = -262144; PRAGMA temp_store = MEMORY",
		     NULL, NULL, NULL);
	struct division prov = { .code = "640000", .name = "宁夏回族自治区", .level = DIVISION_PROVINCE };
	if (st->ops->division_put(st, &prov, &e))
		return fail("division", &e);
	int64_t nag = (int64_t)cities * counties * per_county;
	int64_t *agencies = calloc((size_t)nag, sizeof *agencies);
	int64_t k = 0;
	if (!agencies || st->ops->begin(st, true, &e))
		return fail("agencies", &e);
	for (int c = 0; c < cities; c++) {
		struct division city = { .level = DIVISION_CITY, .parent_code = "640000" };
		snprintf(city.code, sizeof city.code, "64%02d00", c + 1);
		city.name = arena_printf(a, "第%d市", c + 1);
		if (st->ops->division_put(st, &city, &e))
			return fail("division", &e);
		for (int d = 0; d < counties; d++) {
			struct division county = { .level = DIVISION_COUNTY };
			snprintf(county.code, sizeof county.code, "64%02d%02d", c + 1, d + 21);
			snprintf(county.parent_code, sizeof county.parent_code, "%s", city.code);
			county.name = arena_printf(a, "第%d市第%d县", c + 1, d + 1);
			if (st->ops->division_put(st, &county, &e))
				return fail("division", &e);
			for (int g = 0; g < per_county; g++) {
				struct agency ag = { .division_code = "", .kind = g ? "department" : "justice_bureau",
						     .active = true, .domains = "自然资源" };
				snprintf(ag.division_code, sizeof ag.division_code, "%s", county.code);
				ag.name = arena_printf(a, "%s%s局（%d）", county.name,
						       g ? agency_kinds[g % 10] : "司法", g);
				ag.uscc = arena_printf(a, "1164%014lld", (long long)k);
				if (st->ops->agency_insert(st, &ag, &e))
					return fail("agency", &e);
				agencies[k++] = ag.id;
			}
		}
	}
	if (st->ops->commit(st, &e))
		return fail("commit", &e);
	int64_t y0 = date_to_days(year, 1, 1), events = 0;
	double t0 = now_ms();
	for (int64_t i = 0; i < cases; i++) {
		if (i % 2000 == 0 && st->ops->begin(st, true, &e))
			return fail("begin", &e);
		struct ev ev[16];
		bool closed;
		enum case_kind kind;
		const char *proc;
		char amount[24], conf[24], first[FZ_DATE_LEN];
		int n = script(&kind, &proc, ev, &closed, amount, conf);
		int64_t ag = agencies[pick((int)nag)];
		int64_t day0 = y0 + pick(330);
		date_from_days(day0, first);
		struct enf_case c = { .agency_id = ag, .procedure = (char *)proc, .kind = kind,
				      .domain = "自然资源", .title = "合成案件", .party_kind = PARTY_CITIZEN,
				      .party_name = "某某", .closed = closed,
				      .state = (char *)ev[n - 1].step };
		snprintf(c.opened_on, sizeof c.opened_on, "%s", first);
		struct case_numbering num = { "合成", kind == CASE_PENALTY ? "罚" : "案", year };
		if (st->ops->case_insert(st, a, &c, &num, &e))
			return fail("case", &e);
		for (int j = 0; j < n; j++) {
			struct case_field f[2] = { { ev[j].k1, ev[j].v1 }, { ev[j].k2, ev[j].v2 } };
			struct case_event x = { .case_id = c.id, .step = ev[j].step, .fields = f,
						.nfields = ev[j].k2 ? 2 : ev[j].k1 ? 1 : 0 };
			/* the event's day: the case's first day plus its offset */
			date_from_days(day0 + ev[j].day, x.on);
			if (st->ops->case_event_append(st, &x, &e))
				return fail("event", &e);
			events++;
		}
		if (!closed) {
			struct case_status cs = { .case_id = c.id, .next_due_clock = "",
						  .overdue_clock = "", .awaits = { "", "", "", "" } };
			snprintf(cs.computed_on, sizeof cs.computed_on, "%04u-12-31", (unsigned)year % 10000u);
			cs.overdue = pick(8) == 0;
			if (st->ops->case_status_put(st, &cs, &e))
				return fail("status", &e);
		}
		if (i % 2000 == 1999 || i == cases - 1) {
			if (st->ops->commit(st, &e))
				return fail("commit", &e);
			arena_reset(a);
		}
	}
	double ms = now_ms() - t0;
	printf("agencies: %lld\ncases: %lld\nevents: %lld\ngenerate: %.0f ms (%.0f events/s)\n",
	       (long long)nag, (long long)cases, (long long)events, ms, (double)events / ms * 1e3);
	st->ops->close(st);
	arena_free(a);
	free(agencies);
	return 0;
}

/* Opens the store (running the migrations it has not run yet: on a file
 * written before 036, the summary's backfill) and reports how long. */
/* Opens the file once (its migrations, timed), then builds the summary
 * where it is not built yet (a file from before 036: the server's
 * background job, batch by batch, timed; nothing to do otherwise). */
static int migrate(const char *db)
{
	struct store *st;
	struct fz_error e = { 0 };
	struct arena *a = arena_new();
	struct app_config cfg;
	struct app_ctx ctx;
	int64_t n = 0;
	double t0 = now_ms(), c0 = cpu_ms();
	if (!a || store_sqlite_open(db, false, &st, &e))
		return fail("open", &e);
	double t1 = now_ms(), c1 = cpu_ms();
	app_config_defaults(&cfg);
	app_ctx_init(&ctx, st, a, &cfg, "bench", time(NULL));
	app_ctx_as_cli(&ctx);
	if (app_stats_summary_job(&ctx, &n, &e))
		return fail("summary", &e);
	double t2 = now_ms(), c2 = cpu_ms();
	st->ops->close(st);
	arena_free(a);
	printf("migrate: %.0f ms (cpu %.0f ms)\n", t1 - t0, c1 - c0);
	printf("summary_backfill: %lld cases, %.0f ms (cpu %.0f ms)\n", (long long)n, t2 - t1,
	       c2 - c1);
	return 0;
}

/* Every cell of a and b equal (the summary's table against the record's). */
static bool same_table(const struct stats_table *a, const struct stats_table *b)
{
	if (a->n != b->n || a->nmonths != b->nmonths ||
	    memcmp(a->total.v, b->total.v, sizeof a->total.v))
		return false;
	for (size_t i = 0; i < a->n; i++)
		if (a->rows[i].agency_id != b->rows[i].agency_id ||
		    memcmp(a->rows[i].v, b->rows[i].v, sizeof a->rows[i].v))
			return false;
	for (size_t i = 0; i < a->nmonths; i++)
		if (memcmp(a->months[i].v, b->months[i].v, sizeof a->months[i].v))
			return false;
	return true;
}

static int timed(const char *db, int year, const char *prefix, bool reference)
{
	struct store *st;
	struct fz_error e = { 0 };
	struct arena *a = arena_new();
	struct app_config cfg;
	struct app_ctx ctx;
	struct user u = { .id = 1, .username = "bench", .roles = ROLE_SUPERVISOR };
	if (!a || store_sqlite_open(db, false, &st, &e))
		return fail("open", &e);
	app_config_defaults(&cfg);
	cfg.data_dir = "/tmp";
	app_ctx_init(&ctx, st, a, &cfg, "bench", time(NULL));
	snprintf(ctx.today, sizeof ctx.today, "%04u-12-31", (unsigned)year % 10000u);
	ctx.user = &u;
	ctx.actor = "bench";
	ctx.scope.kind = SCOPE_DIVISION;
	snprintf(ctx.scope.division_prefix, sizeof ctx.scope.division_prefix, "%s", prefix);
	struct stats_table t;
	for (int round = 0; round < 2; round++) { /* the first warms the page cache */
		double t0 = now_ms(), c0 = cpu_ms();
		if (app_stats_dashboard(&ctx, &t, &e))
			return fail("dashboard", &e);
		double t1 = now_ms(), c1 = cpu_ms();
		if (app_stats_annual(&ctx, year, &t, &e))
			return fail("annual", &e);
		double t2 = now_ms(), c2 = cpu_ms();
		struct buf out = BUF_INIT;
		if (stats_xlsx(&t, a, "/tmp", &out, &e))
			return fail("xlsx", &e);
		double t3 = now_ms(), c3 = cpu_ms();
		struct stats_query q = { .from = t.from, .to = t.to,
					 .steps_json = STATS_DECIDING_JSON,
					 .later_json = STATS_VOIDING_JSON,
					 .nbounds = 4, .bounds_fen = { 100000, 1000000, 10000000, 100000000 } };
		struct stats_decision_count_list l;
		if (st->ops->stats_decision_counts(st, a, &ctx.scope, &q, &l, &e))
			return fail("decisions", &e);
		double t4 = now_ms(), c4 = cpu_ms();
		/* the reference: the same figures counted from the record */
		double t5 = t4, c5 = c4, t6 = t4, c6 = c4, t7 = t4, c7 = c4;
		bool same_annual = true, same_dash = true;
		if (reference && round) {
			struct stats_table r, d, dr;
			q.from_record = true;
			if (st->ops->stats_decision_counts(st, a, &ctx.scope, &q, &l, &e))
				return fail("decisions", &e);
			t5 = now_ms(), c5 = cpu_ms();
			if (app_stats_period_record(&ctx, t.from, t.to, &r, &e))
				return fail("annual (record)", &e);
			t6 = now_ms(), c6 = cpu_ms();
			if (app_stats_dashboard_record(&ctx, &dr, &e))
				return fail("dashboard (record)", &e);
			t7 = now_ms(), c7 = cpu_ms();
			if (app_stats_dashboard(&ctx, &d, &e))
				return fail("dashboard", &e);
			r.nmonths = 0; /* the annual table is read by year, without months */
			same_annual = same_table(&t, &r);
			same_dash = same_table(&d, &dr) && d.open_total == dr.open_total &&
				    d.overdue_total == dr.overdue_total;
		}
		if (round) {
			printf("scope: %s (%zu agencies)\n", prefix, t.n);
			printf("decisions_counted: %lld\n", (long long)t.total.v[ST_P_DECISIONS]);
			printf("dashboard_queries: %.0f ms (cpu %.0f ms)\n", t1 - t0, c1 - c0);
			printf("annual_queries: %.0f ms (cpu %.0f ms)\n", t2 - t1, c2 - c1);
			printf("annual_xlsx_write: %.0f ms (cpu %.0f ms, %zu bytes)\n", t3 - t2, c3 - c2,
			       out.len);
			printf("annual_total: %.0f ms (cpu %.0f ms)\n", t3 - t1, c3 - c1);
			printf("decision_block_store: %.0f ms (cpu %.0f ms)\n", t4 - t3, c4 - c3);
			if (reference) {
				printf("decision_block_record: %.0f ms (cpu %.0f ms)\n", t5 - t4, c5 - c4);
				printf("annual_queries_record: %.0f ms (cpu %.0f ms)\n", t6 - t5, c6 - c5);
				printf("dashboard_queries_record: %.0f ms (cpu %.0f ms)\n", t7 - t6, c7 - c6);
				printf("summary_equals_record: annual %s, dashboard %s\n",
				       same_annual ? "yes" : "NO", same_dash ? "yes" : "NO");
				if (!same_annual || !same_dash)
					return 1;
			}
		}
		buf_release(&out);
		arena_reset(a);
	}
	st->ops->close(st);
	arena_free(a);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 6 && !strcmp(argv[1], "gen"))
		return gen(argv[2], argv[3], (int)strtol(argv[4], NULL, 10),
			   strtoull(argv[5], NULL, 10));
	if ((argc == 5 || (argc == 6 && !strcmp(argv[5], "ref"))) && !strcmp(argv[1], "time"))
		return timed(argv[2], (int)strtol(argv[3], NULL, 10), argv[4], argc == 6);
	if (argc == 3 && !strcmp(argv[1], "migrate"))
		return migrate(argv[2]);
	fprintf(stderr, "usage: stats-gen gen DB county|city|province YEAR SEED\n"
			"       stats-gen migrate DB\n"
			"       stats-gen time DB YEAR DIVISION_PREFIX [ref]\n");
	return 2;
}
