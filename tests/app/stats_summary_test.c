/* stats_summary_test.c - the statistics read from the summary kept
 * beside the record (036_stats_summary.sql) give, cell for cell, what
 * counting the record itself gives: for a varied record (every fine band
 * and its edges, permits granted and refused, coercive measures,
 * referrals, corrected amounts, penalty kinds and outcomes, revocation,
 * a set-aside and the decision made again, late entries, the period's
 * first and last days, two agencies in two divisions), in every scope,
 * for the annual table, the dashboard and periods that cut months; and
 * the backfill in the background (046) builds exactly what the event
 * path keeps, cut and resumed with events recorded between its batches,
 * while the statistics are counted from the record meanwhile. */
#include <sqlite3.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>

#include "../t.h"
#include "app/stats.h"
#include "domain/case.h"
#include "fixture.h"
#include "store/store.h"

struct sx {
	struct fx f;
	struct fz_error e;
	bool bad;
};

static int64_t new_case(struct sx *x, int64_t agency, enum case_kind kind, const char *proc)
{
	int64_t id = fx_case(&x->f, agency, kind, proc, "汇总测试");
	x->bad = x->bad || !id;
	return id;
}

static int64_t ev(struct sx *x, int64_t case_id, const char *step, const char *on,
		  int64_t corrects, const char *k1, const char *v1, const char *k2, const char *v2)
{
	int64_t id = fx_event(&x->f, case_id, step, on, corrects, k1, v1, k2, v2, NULL, 0);
	x->bad = x->bad || !id;
	return id;
}

/* A penalty case opened and decided on the day; returns the case, and
 * the decision's event in *decision when asked. */
static int64_t fine_case(struct sx *x, int64_t agency, const char *on, const char *penalty,
			 const char *amount, int64_t *decision)
{
	int64_t c = new_case(x, agency, CASE_PENALTY, "penalty_general");
	ev(x, c, "open", on, 0, NULL, NULL, NULL, NULL);
	int64_t d = ev(x, c, "decision", on, 0, "penalty", penalty, amount ? "amount" : NULL,
		       amount);
	if (decision)
		*decision = d;
	return c;
}

/* The varied record. Comments name what each case must count as in 2025
 * (hand-computed below). */
static bool seed(struct sx *x)
{
	struct fx *f = &x->f;
	int64_t nr = f->natres, mk = f->market, nb = f->neighbour, c, d, k, r;
	/* 自然资源局: every band and its edges (default bounds 1000, 10000,
	 * 100000, 1000000 yuan) */
	fine_case(x, nr, "2025-01-01", "fine", "999.99", NULL);  /* band 0, the first day */
	fine_case(x, nr, "2025-02-03", "fine", "1000", NULL);    /* band 1 */
	fine_case(x, nr, "2025-02-28", "fine,warning", "1234.5", NULL); /* band 1 */
	fine_case(x, nr, "2025-03-31", "fine", "9999", NULL);    /* band 1 */
	fine_case(x, nr, "2025-04-15", "fine", "10000", NULL);   /* band 2 */
	fine_case(x, nr, "2025-06-30", "fine,confiscate_gains", "100000", NULL); /* band 3 */
	fine_case(x, nr, "2025-12-31", "fine", "2000000", NULL); /* band 4, the last day */
	fine_case(x, nr, "2024-12-31", "fine", "300", NULL);     /* the day before the year */
	fine_case(x, nr, "2026-01-01", "fine", "400", NULL);     /* the day after */
	/* amount corrected across bands, 800 -> 20000 (band 2); a
	 * correction of that correction counts for nothing */
	k = fine_case(x, nr, "2025-05-05", "fine", "800", &d);
	c = ev(x, k, "correction", "2025-05-06", d, "amount", "20000", NULL, NULL);
	ev(x, k, "correction", "2025-05-07", c, "amount", "1", NULL, NULL);
	/* penalty kind corrected: warning -> fine and warning, 3000 (band 1) */
	k = fine_case(x, nr, "2025-08-01", "warning", NULL, &d);
	ev(x, k, "correction", "2025-08-02", d, "penalty", "fine,warning", "amount", "3000");
	/* revoked: not counted; a later correction does not bring it back */
	k = fine_case(x, nr, "2025-09-01", "fine", "500", &d);
	ev(x, k, "revoke_decision", "2025-09-20", 0, "mode", "revoke", NULL, NULL);
	ev(x, k, "correction", "2025-09-21", d, "amount", "50000", NULL, NULL);
	/* set aside on reconsideration, decided again: only the second, 600
	 * (band 0) */
	k = fine_case(x, nr, "2025-03-03", "confiscate_gains", NULL, &d);
	ev(x, k, "remedy_filed", "2025-03-10", 0, "kind", "reconsideration", NULL, NULL);
	ev(x, k, "remedy_set_aside", "2025-04-01", 0, "outcome", "revoked", NULL, NULL);
	ev(x, k, "decision", "2025-04-20", 0, "penalty", "fine", "amount", "600");
	/* late entries (补录): a decision entered after its service, dated
	 * before it - stands, 700 (band 0, October); and a revocation
	 * entered after its decision but dated before it - still revokes */
	r = new_case(x, nr, CASE_PENALTY, "penalty_general");
	ev(x, r, "open", "2025-10-01", 0, NULL, NULL, NULL, NULL);
	ev(x, r, "service", "2025-10-20", 0, NULL, NULL, NULL, NULL);
	ev(x, r, "decision", "2025-10-10", 0, "penalty", "fine", "amount", "700");
	k = fine_case(x, nr, "2025-10-15", "fine", "800", &d);
	ev(x, k, "revoke_decision", "2025-10-14", 0, "mode", "revoke", NULL, NULL);
	/* simplified, warning; litigation corrected to reconsideration;
	 * upheld */
	r = new_case(x, nr, CASE_PENALTY, "penalty_simplified");
	ev(x, r, "decide_on_spot", "2025-11-11", 0, "penalty", "warning", NULL, NULL);
	c = ev(x, r, "remedy_filed", "2025-11-12", 0, "kind", "litigation", NULL, NULL);
	ev(x, r, "correction", "2025-11-13", c, "kind", "reconsideration", NULL, NULL);
	ev(x, r, "remedy_upheld", "2025-12-01", 0, "outcome", "upheld", NULL, NULL);
	/* decided in 2025, set aside in 2026: no longer stands, so not in
	 * 2025 either; the set-aside is 2026's */
	k = fine_case(x, nr, "2025-11-30", "fine", "900", &d);
	ev(x, k, "remedy_set_aside", "2026-02-01", 0, "outcome", "revoked", NULL, NULL);
	/* no penalty, referral and its return; a withdrawal */
	r = new_case(x, nr, CASE_PENALTY, "penalty_general");
	ev(x, r, "no_penalty", "2025-01-15", 0, "ground", "minor", NULL, NULL);
	ev(x, r, "criminal_referral", "2025-01-16", 0, "receiver", "海原县公安局", NULL, NULL);
	ev(x, r, "referral_return", "2025-02-01", 0, NULL, NULL, NULL, NULL);
	r = new_case(x, nr, CASE_PENALTY, "penalty_general");
	ev(x, r, "withdraw", "2025-03-15", 0, NULL, NULL, NULL, NULL);

	/* 市场监管局: a warning; permits; an inspection; coercive measures */
	fine_case(x, mk, "2025-07-07", "warning", NULL, NULL);
	r = new_case(x, mk, CASE_PENALTY, "penalty_general");
	ev(x, r, "decision", "2025-07-08", 0, "penalty", "confiscate_gains", "confiscation", "1500");
	r = new_case(x, mk, CASE_PERMIT, "permit");
	ev(x, r, "apply", "2025-01-01", 0, NULL, NULL, NULL, NULL);
	ev(x, r, "decide", "2025-01-20", 0, "outcome", "granted", NULL, NULL);
	r = new_case(x, mk, CASE_PERMIT, "permit");
	ev(x, r, "apply", "2025-02-05", 0, NULL, NULL, NULL, NULL);
	c = ev(x, r, "decide", "2025-02-20", 0, "outcome", "granted", NULL, NULL);
	ev(x, r, "correction", "2025-02-21", c, "outcome", "refused", NULL, NULL);
	r = new_case(x, mk, CASE_PERMIT, "permit");
	ev(x, r, "apply", "2025-03-05", 0, NULL, NULL, NULL, NULL);
	ev(x, r, "reject_application", "2025-03-06", 0, "reasons", "不属于本机关职权", NULL, NULL);
	r = new_case(x, mk, CASE_PERMIT, "permit");
	ev(x, r, "apply", "2025-12-31", 0, NULL, NULL, NULL, NULL);
	c = ev(x, r, "decide", "2025-12-31", 0, "outcome", "refused", NULL, NULL);
	ev(x, r, "correction", "2026-01-02", c, "outcome", "granted", NULL, NULL);
	r = new_case(x, mk, CASE_INSPECTION, "inspection");
	ev(x, r, "open", "2025-04-01", 0, NULL, NULL, NULL, NULL);
	ev(x, r, "random_draw", "2025-04-01", 0, NULL, NULL, NULL, NULL);
	ev(x, r, "result", "2025-04-09", 0, NULL, NULL, NULL, NULL);
	r = new_case(x, mk, CASE_COERCION, "coercion");
	ev(x, r, "seize", "2025-05-01", 0, NULL, NULL, NULL, NULL);
	ev(x, r, "handle", "2025-05-10", 0, NULL, NULL, NULL, NULL);
	r = new_case(x, mk, CASE_COERCION, "coercion");
	ev(x, r, "emergency_seize", "2025-05-02", 0, NULL, NULL, NULL, NULL);
	ev(x, r, "lift", "2025-05-11", 0, NULL, NULL, NULL, NULL);

	/* 中宁县: 100000 (band 3), 50 on the last day (band 0), a referral on
	 * the first */
	fine_case(x, nb, "2025-06-06", "fine", "100000", NULL);
	fine_case(x, nb, "2025-12-31", "fine", "50", NULL);
	r = new_case(x, nb, CASE_PENALTY, "penalty_general");
	ev(x, r, "criminal_referral", "2025-01-01", 0, "receiver", "中宁县公安局", NULL, NULL);
	return !x->bad;
}

/* Every cell of two tables equal; names the first that differs. */
static void same_tables(const struct stats_table *a, const struct stats_table *b,
			const char *what)
{
	CHECK_INT((int64_t)a->n, (int64_t)b->n);
	CHECK_INT((int64_t)a->nmonths, (int64_t)b->nmonths);
	if (a->n != b->n || a->nmonths != b->nmonths)
		return;
	for (int c = 0; c < ST_NCOLS; c++) {
		if (a->total.v[c] != b->total.v[c])
			t_fail(__FILE__, __LINE__, "%s: total col %d: %lld vs %lld", what, c,
			       (long long)a->total.v[c], (long long)b->total.v[c]);
		for (size_t i = 0; i < a->n; i++)
			if (a->rows[i].agency_id != b->rows[i].agency_id ||
			    a->rows[i].v[c] != b->rows[i].v[c])
				t_fail(__FILE__, __LINE__, "%s: row %zu col %d: %lld vs %lld", what, i,
				       c, (long long)a->rows[i].v[c], (long long)b->rows[i].v[c]);
		for (size_t i = 0; i < a->nmonths; i++)
			if (a->months[i].v[c] != b->months[i].v[c])
				t_fail(__FILE__, __LINE__, "%s: month %s col %d: %lld vs %lld", what,
				       a->months[i].month, c, (long long)a->months[i].v[c],
				       (long long)b->months[i].v[c]);
	}
}

static const struct stats_row *row(const struct stats_table *t, int64_t agency)
{
	for (size_t i = 0; i < t->n; i++)
		if (t->rows[i].agency_id == agency)
			return &t->rows[i];
	return NULL;
}

/* The periods compared: the year, whole months, months cut at either
 * end, one day, a period across the year's ends. */
static const char *const periods[][2] = {
	{ "2025-01-01", "2025-12-31" }, { "2025-01-01", "2025-01-31" },
	{ "2025-02-15", "2025-04-10" }, { "2025-02-28", "2025-03-01" },
	{ "2025-12-31", "2025-12-31" }, { "2024-12-31", "2026-01-01" },
	{ "2025-05-02", "2025-05-20" }, { "2025-10-10", "2026-02-01" },
};

/* The dashboard counts its own columns as the full table of its period
 * does, every row, month and total, and leaves the others at 0. */
static void dashboard_is_the_period(struct sx *x, struct app_ctx *ctx,
				    const struct stats_table *d, const char *what)
{
	struct stats_table p;
	REQUIRE(app_stats_period(ctx, d->from, d->to, &p, &x->e) == FZ_OK);
	REQUIRE(p.n == d->n && p.nmonths == d->nmonths);
	int shown = 0;
	for (int c = 0; c < ST_NCOLS; c++) {
		bool col = stats_dashboard_col(c);
		shown += col;
		if (d->total.v[c] != (col ? p.total.v[c] : 0))
			t_fail(__FILE__, __LINE__, "%s: dashboard col %d: %lld, period %lld", what, c,
			       (long long)d->total.v[c], (long long)p.total.v[c]);
		for (size_t i = 0; i < d->n; i++)
			if (d->rows[i].v[c] != (col ? p.rows[i].v[c] : 0))
				t_fail(__FILE__, __LINE__, "%s: dashboard row %zu col %d", what, i, c);
		for (size_t i = 0; i < d->nmonths; i++)
			if (d->months[i].v[c] != (col ? p.months[i].v[c] : 0))
				t_fail(__FILE__, __LINE__, "%s: dashboard month %zu col %d", what, i, c);
	}
	CHECK_INT(shown, 11);
}

/* The annual table (read by year) has the rows and total of the year
 * counted from the record, and no months. */
static void annual_is_the_record(struct sx *x, struct app_ctx *ctx, int year, const char *who)
{
	struct stats_table s, r;
	char from[16], to[16], what[128];
	snprintf(from, sizeof from, "%d-01-01", year);
	snprintf(to, sizeof to, "%d-12-31", year);
	snprintf(what, sizeof what, "%s annual %d", who, year);
	REQUIRE(app_stats_annual(ctx, year, &s, &x->e) == FZ_OK);
	REQUIRE(app_stats_period_record(ctx, from, to, &r, &x->e) == FZ_OK);
	CHECK_INT((int64_t)s.nmonths, 0);
	r.nmonths = 0;
	same_tables(&s, &r, what);
}

/* Every period, both ways, in ctx's scope. */
static void all_periods_equal(struct sx *x, struct app_ctx *ctx, const char *who)
{
	for (int year = 2024; year <= 2026; year++)
		annual_is_the_record(x, ctx, year, who);
	for (size_t i = 0; i < sizeof periods / sizeof periods[0]; i++) {
		struct stats_table s, r;
		char what[128];
		snprintf(what, sizeof what, "%s %s..%s", who, periods[i][0], periods[i][1]);
		REQUIRE(app_stats_period(ctx, periods[i][0], periods[i][1], &s, &x->e) == FZ_OK);
		REQUIRE(app_stats_period_record(ctx, periods[i][0], periods[i][1], &r, &x->e) ==
			FZ_OK);
		same_tables(&s, &r, what);
	}
	/* the dashboard: today mid-month (its month read by days) and on a
	 * month's last day */
	static const char *const todays[] = { "2025-12-15", "2025-12-31", "2026-01-10" };
	for (size_t i = 0; i < 3; i++) {
		struct stats_table s, r;
		char what[128];
		snprintf(ctx->today, sizeof ctx->today, "%s", todays[i]);
		snprintf(what, sizeof what, "%s dashboard %s", who, todays[i]);
		REQUIRE(app_stats_dashboard(ctx, &s, &x->e) == FZ_OK);
		REQUIRE(app_stats_dashboard_record(ctx, &r, &x->e) == FZ_OK);
		same_tables(&s, &r, what);
		dashboard_is_the_period(x, ctx, &s, what);
		CHECK_INT(s.open_total, r.open_total);
		CHECK_INT(s.overdue_total, r.overdue_total);
		for (size_t k = 0; k < s.n; k++)
			CHECK_INT(s.open[k], r.open[k]);
	}
}

TEST(stats_summary_equals_the_record_in_every_cell_scope_and_period)
{
	struct sx x = { 0 };
	struct app_ctx sup, head, nbh;
	struct stats_table t;
	REQUIRE(fx_open(&x.f));
	REQUIRE(seed(&x));
	fx_as(&x.f, &sup, ROLE_SUPERVISOR, x.f.justice);
	fx_as(&x.f, &head, ROLE_HEAD, x.f.market);
	fx_as(&x.f, &nbh, ROLE_HEAD, x.f.neighbour);
	all_periods_equal(&x, &x.f.cli, "whole system");
	all_periods_equal(&x, &sup, "海原 supervisor");
	all_periods_equal(&x, &head, "市场监管局");
	all_periods_equal(&x, &nbh, "中宁");

	/* hand-computed: 自然资源局's 2025 (the year as a period: with its
	 * months) */
	REQUIRE(app_stats_period(&sup, "2025-01-01", "2025-12-31", &t, &x.e) == FZ_OK);
	const struct stats_row *nr = row(&t, x.f.natres), *mk = row(&t, x.f.market);
	REQUIRE(nr && mk);
	/* 999.99, 1000, 1234.5, 9999, 10000, 100000, 2000000, 20000 (as
	 * corrected), 3000 (as corrected), 600 (decided again), 700 (late
	 * entry), the simplified warning; not 2024's, 2026's, the revoked,
	 * the set aside, the one revoked by a late entry, the one set aside
	 * in 2026 */
	CHECK_INT(nr->v[ST_P_DECISIONS], 12);
	CHECK_INT(nr->v[ST_P_BAND0 + 0], 3);
	CHECK_INT(nr->v[ST_P_BAND0 + 1], 4);
	CHECK_INT(nr->v[ST_P_BAND0 + 2], 2);
	CHECK_INT(nr->v[ST_P_BAND0 + 3], 1);
	CHECK_INT(nr->v[ST_P_BAND0 + 4], 1);
	CHECK_INT(nr->v[ST_P_FINE], 214753349);
	CHECK_INT(nr->v[ST_P_KIND0 + 0], 3); /* 警告 */
	CHECK_INT(nr->v[ST_P_KIND0 + 3], 1); /* 没收违法所得: the set-aside one not */
	CHECK_INT(nr->v[ST_V_RECONSIDERATION], 2); /* one as corrected */
	CHECK_INT(nr->v[ST_V_LITIGATION], 0);
	CHECK_INT(nr->v[ST_V_SET_ASIDE], 1);      /* 2026's not */
	CHECK_INT(nr->v[ST_V_UPHELD], 1);
	CHECK_INT(nr->v[ST_R_REFERRED], 1);
	CHECK_INT(nr->v[ST_R_RETURNED], 1);
	CHECK_INT(nr->v[ST_P_NO_PENALTY], 1);
	CHECK_INT(nr->v[ST_P_WITHDRAWN], 1);
	CHECK_INT(t.months[0].v[ST_P_DECISIONS], 1);  /* the first day */
	CHECK_INT(t.months[11].v[ST_P_DECISIONS], 1); /* the last day; not the 2026 set-aside */
	CHECK_INT(t.months[9].v[ST_P_FINE], 70000);   /* October: the late entry */
	CHECK_INT(mk->v[ST_P_DECISIONS], 2);
	CHECK_INT(mk->v[ST_P_CONFISCATION], 150000);
	CHECK_INT(mk->v[ST_L_APPLIED], 4);
	CHECK_INT(mk->v[ST_L_GRANTED], 2); /* one as corrected, on the year's last day */
	CHECK_INT(mk->v[ST_L_REFUSED], 1);
	CHECK_INT(mk->v[ST_L_NOT_ACCEPTED], 1);
	CHECK_INT(mk->v[ST_C_SEIZED], 2);
	CHECK_INT(mk->v[ST_C_HANDLED], 1);
	CHECK_INT(mk->v[ST_C_LIFTED], 1);
	CHECK(row(&t, x.f.neighbour) == NULL);
	/* the whole system: 中宁's two as well */
	REQUIRE(app_stats_annual(&x.f.cli, 2025, &t, &x.e) == FZ_OK);
	CHECK_INT(t.total.v[ST_P_DECISIONS], 16);
	CHECK_INT(t.total.v[ST_P_BAND0 + 3], 2);
	CHECK_INT(t.total.v[ST_R_REFERRED], 2);
	/* the dashboard to 15 December: the last day's decision not yet */
	snprintf(sup.today, sizeof sup.today, "2025-12-15");
	REQUIRE(app_stats_dashboard(&sup, &t, &x.e) == FZ_OK);
	nr = row(&t, x.f.natres);
	REQUIRE(nr);
	CHECK_INT(nr->v[ST_P_DECISIONS], 11);
	CHECK_INT(t.months[11].v[ST_P_DECISIONS], 0);

	/* other bands: on the grid (read from the summary) and off it
	 * (counted from the record), equal both ways */
	REQUIRE(x.f.st->ops->setting_set(x.f.st, "stats.fine_bands", "500,5000,50000,500000",
					 &x.e) == FZ_OK);
	all_periods_equal(&x, &sup, "bands 500");
	REQUIRE(app_stats_annual(&sup, 2025, &t, &x.e) == FZ_OK);
	nr = row(&t, x.f.natres);
	REQUIRE(nr);
	CHECK_INT(nr->v[ST_P_BAND0 + 0], 0);
	CHECK_INT(nr->v[ST_P_BAND0 + 1], 6); /* 999.99 ... 3000, 600, 700 */
	REQUIRE(x.f.st->ops->setting_set(x.f.st, "stats.fine_bands", "750,7500,75000,750000",
					 &x.e) == FZ_OK);
	all_periods_equal(&x, &sup, "bands 750");
	all_periods_equal(&x, &x.f.cli, "bands 750, whole system");
	fx_close(&x.f);
}

/* Cells that hold several decisions (same agency, month, penalty and
 * bucket) are summed, not counted, when the dashboard reads them per
 * agency and month; on the month's days too. */
TEST(stats_summary_dashboard_sums_cells_of_several_decisions)
{
	struct sx x = { 0 };
	struct stats_table t;
	REQUIRE(fx_open(&x.f));
	REQUIRE(seed(&x));
	for (int i = 0; i < 3; i++)
		fine_case(&x, x.f.natres, "2025-12-10", "fine", "1500", NULL);
	CHECK_INT(fx_count(&x.f, "stats_decision_cells") > 0, 1);
	all_periods_equal(&x, &x.f.cli, "several in a cell");
	snprintf(x.f.cli.today, sizeof x.f.cli.today, "2025-12-31");
	REQUIRE(app_stats_dashboard(&x.f.cli, &t, &x.e) == FZ_OK);
	const struct stats_row *nr = row(&t, x.f.natres);
	REQUIRE(nr);
	CHECK_INT(nr->v[ST_P_DECISIONS], 15); /* the 12 of 2025, and these 3 */
	CHECK_INT(t.months[11].v[ST_P_DECISIONS], 5); /* and 中宁's and 自然资源局's last day */
	fx_close(&x.f);
}

/* An event the store refuses leaves the summary as it was. */
TEST(stats_summary_keeps_nothing_of_a_refused_event)
{
	struct sx x = { 0 };
	struct stats_table before, after;
	REQUIRE(fx_open(&x.f));
	REQUIRE(seed(&x));
	REQUIRE(app_stats_annual(&x.f.cli, 2025, &before, &x.e) == FZ_OK);
	int64_t c = new_case(&x, x.f.natres, CASE_PENALTY, "penalty_general");
	struct case_field fields[2] = { { "penalty", "fine" }, { "amount", "5000" } };
	int64_t nobody = 999999;
	struct case_event e = { .case_id = c, .step = "decision", .fields = fields, .nfields = 2,
				.officers = &nobody, .nofficers = 1 };
	snprintf(e.on, sizeof e.on, "2025-06-01");
	CHECK(x.f.st->ops->case_event_append(x.f.st, &e, &x.e) != FZ_OK);
	REQUIRE(app_stats_annual(&x.f.cli, 2025, &after, &x.e) == FZ_OK);
	same_tables(&after, &before, "after a refused event");
	fx_close(&x.f);
}

/* The summary tables as one text, in key order. */
static char *summary_text(struct fx *f, char *out, size_t cap)
{
	return fx_rows_text(f,
			    "SELECT 'e', agency_id, step, span, period, kind, outcome, rkind, n, 0, 0"
			    " FROM stats_event_cells UNION ALL"
			    " SELECT 'y', agency_id, step, 'Y', year, kind, outcome, rkind, n, 0, 0"
			    " FROM stats_event_years UNION ALL"
			    " SELECT 'z', agency_id, '', 'Y', year, bucket, penalty, '', n, fine, conf"
			    " FROM stats_decision_years UNION ALL"
			    " SELECT 'd', agency_id, '', span, period, bucket, penalty, '', n, fine,"
			    " conf FROM stats_decision_cells UNION ALL"
			    " SELECT 'f', event_id, case_id, agency_id, on_date, bucket, penalty, '',"
			    " 1, fine, conf FROM stats_decisions ORDER BY 1, 2, 3, 4, 5, 6, 7, 8",
			    out, cap);
}

/* Runs sql on the fixture's database over a connection of its own. */
static bool db_exec(struct fx *f, const char *sql)
{
	sqlite3 *db;
	bool ok = sqlite3_open(f->db, &db) == SQLITE_OK &&
		  sqlite3_exec(db, sql, NULL, NULL, NULL) == SQLITE_OK;
	if (!ok)
		t_fail(__FILE__, __LINE__, "%s: %s", sql, sqlite3_errmsg(db));
	sqlite3_close(db);
	return ok;
}

/* One integer read from the fixture's database. */
static int64_t db_int(struct fx *f, const char *sql)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	int64_t v = -1;
	if (sqlite3_open(f->db, &db) == SQLITE_OK &&
	    sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK) {
		if (sqlite3_step(st) == SQLITE_ROW)
			v = sqlite3_column_int64(st, 0);
		sqlite3_finalize(st);
	}
	sqlite3_close(db);
	return v;
}

/* The statistics while the summary is not built: counted from the
 * record, equal to it, and said so with how far the building is. */
static void reads_the_record_meanwhile(struct sx *x, int pct_min, int pct_max)
{
	struct stats_table s, r;
	bool built;
	int pct;
	REQUIRE(app_stats_annual(&x->f.cli, 2025, &s, &x->e) == FZ_OK);
	REQUIRE(app_stats_period_record(&x->f.cli, "2025-01-01", "2025-12-31", &r, &x->e) == FZ_OK);
	r.nmonths = 0; /* the annual table has none */
	same_tables(&s, &r, "while building");
	CHECK(s.summary_building);
	CHECK(s.summary_pct >= pct_min && s.summary_pct <= pct_max);
	REQUIRE(app_stats_summary_progress(&x->f.cli, &built, &pct, &x->e) == FZ_OK);
	CHECK(!built);
	CHECK_INT(pct, s.summary_pct);
}

/* A backfill cut after its first batch, events recorded meanwhile in a
 * case already filled, in one not yet filled and in a new case, then
 * resumed in other batches, gives the summary a build in one go gives,
 * equal to the record in every cell. */
TEST(stats_summary_backfill_interrupted_and_resumed_equals_a_full_build)
{
	struct sx x = { 0 };
	static char resumed[65536], whole[65536];
	int64_t n, d;
	bool built;
	REQUIRE(fx_open(&x.f));
	REQUIRE(seed(&x));
	REQUIRE(x.f.st->ops->stats_summary_reset(x.f.st, &x.e) == FZ_OK);
	CHECK_INT(fx_count(&x.f, "stats_event_cells"), 0);
	reads_the_record_meanwhile(&x, 0, 0);

	REQUIRE(app_stats_summary_fill(&x.f.cli, 5, &n, &built, &x.e) == FZ_OK);
	CHECK_INT(n, 5);
	CHECK(!built);
	int64_t upto = db_int(&x.f, "SELECT upto FROM stats_summary_state");
	int64_t last = db_int(&x.f, "SELECT max(id) FROM cases");
	REQUIRE(upto > 0 && upto < last);
	/* a filled case (the first, 999.99 on 1 January): decided again,
	 * that decision corrected; the event path keeps it */
	int64_t k = db_int(&x.f, "SELECT min(id) FROM cases");
	d = ev(&x, k, "decision", "2025-03-03", 0, "penalty", "fine", "amount", "4000");
	ev(&x, k, "correction", "2025-03-04", d, "amount", "40000", NULL, NULL);
	/* a case not yet filled (the last, a referral of 中宁县): a decision
	 * and its correction, left to the backfill */
	d = ev(&x, last, "decision", "2025-07-01", 0, "penalty", "fine", "amount", "70");
	ev(&x, last, "correction", "2025-07-02", d, "penalty", "fine,warning", NULL, NULL);
	/* a new case, after every case the backfill counted */
	fine_case(&x, x.f.market, "2025-08-08", "fine", "888", NULL);
	reads_the_record_meanwhile(&x, 1, 99);

	while (!built)
		REQUIRE(app_stats_summary_fill(&x.f.cli, 3, &n, &built, &x.e) == FZ_OK);
	summary_text(&x.f, resumed, sizeof resumed);
	CHECK_CONTAINS(resumed, "|decision|M|2025-08|");
	all_periods_equal(&x, &x.f.cli, "resumed");
	struct stats_table t;
	REQUIRE(app_stats_annual(&x.f.cli, 2025, &t, &x.e) == FZ_OK);
	CHECK(!t.summary_building);
	CHECK_INT(t.total.v[ST_P_DECISIONS], 18); /* 16, the 中宁 decision, the new case */

	REQUIRE(x.f.st->ops->stats_summary_reset(x.f.st, &x.e) == FZ_OK);
	REQUIRE(app_stats_summary_fill(&x.f.cli, 1000, &n, &built, &x.e) == FZ_OK);
	CHECK(built);
	CHECK_STR(summary_text(&x.f, whole, sizeof whole), resumed);
	fx_close(&x.f);
}

/* A database upgraded from before 036 starts at once with the summary
 * empty and not built; the scheduler's job fills it to what the event
 * path had kept, records its run, and stops between batches when the
 * server stops. Where 036 once built the summary as it ran, 046 finds
 * it built; running 046 again changes nothing. */
TEST(stats_summary_upgrade_builds_in_the_background_not_at_start)
{
	struct sx x = { 0 };
	static char kept[65536], filled[65536], again[65536];
	int64_t n = -1;
	REQUIRE(fx_open(&x.f));
	REQUIRE(seed(&x));
	summary_text(&x.f, kept, sizeof kept);
	CHECK(strlen(kept) > 1000);
	CHECK_CONTAINS(kept, "|decision|M|2025-05|");
	/* as 036 left it where it ran its old text: 046 finds it built */
	REQUIRE(db_exec(&x.f, "DROP TABLE stats_summary_state"));
	REQUIRE(fx_migrate_again(&x.f, 38));
	CHECK_INT(db_int(&x.f, "SELECT built FROM stats_summary_state"), 1);
	CHECK_STR(summary_text(&x.f, again, sizeof again), kept);

	/* a database from before 036 */
	REQUIRE(db_exec(&x.f, "DROP TABLE stats_summary_state; DROP TABLE stats_event_cells;"
			      " DROP TABLE stats_decision_cells; DROP TABLE stats_decisions"));
	REQUIRE(fx_migrate_again(&x.f, 35));
	CHECK_INT(db_int(&x.f, "SELECT built FROM stats_summary_state"), 0);
	CHECK_INT(fx_count(&x.f, "stats_event_cells"), 0);
	reads_the_record_meanwhile(&x, 0, 0);

	/* a server stopping before the job's first batch fills nothing */
	atomic_bool stop = true;
	x.f.cli.stop_asked = &stop;
	REQUIRE(app_stats_summary_job(&x.f.cli, &n, &x.e) == FZ_OK);
	CHECK_INT(n, 0);
	CHECK_INT(fx_count(&x.f, "stats_event_cells"), 0);
	CHECK_INT(fx_count(&x.f, "job_runs"), 0);
	stop = false;
	REQUIRE(app_stats_summary_job(&x.f.cli, &n, &x.e) == FZ_OK);
	x.f.cli.stop_asked = NULL;
	CHECK_INT(n, fx_count(&x.f, "cases"));
	CHECK_STR(summary_text(&x.f, filled, sizeof filled), kept);
	CHECK_INT(db_int(&x.f, "SELECT items FROM job_runs WHERE job = 'stats_summary'"), n);
	/* built: the job has nothing to do and records no run */
	REQUIRE(app_stats_summary_job(&x.f.cli, &n, &x.e) == FZ_OK);
	CHECK_INT(n, 0);
	CHECK_INT(fx_count(&x.f, "job_runs"), 1);
	struct stats_table s;
	REQUIRE(app_stats_annual(&x.f.cli, 2025, &s, &x.e) == FZ_OK);
	CHECK(!s.summary_building);
	CHECK_INT(s.total.v[ST_P_DECISIONS], 16);

	/* 036 and 046 run again: nothing changes */
	REQUIRE(fx_migrate_again(&x.f, 35));
	CHECK_STR(summary_text(&x.f, again, sizeof again), kept);
	CHECK_INT(db_int(&x.f, "SELECT built FROM stats_summary_state"), 1);
	fx_close(&x.f);
}
