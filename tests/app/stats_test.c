/* stats_test.c - the annual statistics count what the record says: a
 * known set of cases written straight through the store (the statistics
 * read the record, whatever wrote it) gives exact counts, corrections
 * and revocations included, within the viewer's scope. */
#include <stdio.h>
#include <string.h>

#include "../t.h"
#include "app/stats.h"
#include "domain/case.h"
#include "fixture.h"

struct sx {
	struct fx f;
	struct fz_error e;
	bool bad;
};

static int64_t new_case(struct sx *x, int64_t agency, enum case_kind kind, const char *proc)
{
	int64_t id = fx_case(&x->f, agency, kind, proc, "统计测试");
	x->bad = x->bad || !id;
	return id;
}

/* Appends an event with up to two fields; returns its id. */
static int64_t ev(struct sx *x, int64_t case_id, const char *step, const char *on,
		  int64_t corrects, const char *k1, const char *v1, const char *k2, const char *v2)
{
	int64_t id = fx_event(&x->f, case_id, step, on, corrects, k1, v1, k2, v2, NULL, 0);
	x->bad = x->bad || !id;
	return id;
}

static const struct stats_row *row(const struct stats_table *t, int64_t agency)
{
	for (size_t i = 0; i < t->n; i++)
		if (t->rows[i].agency_id == agency)
			return &t->rows[i];
	return NULL;
}

/* The known record: see each line's comment for what it must count. */
static bool seed(struct sx *x)
{
	struct fx *f = &x->f;
	int64_t a = new_case(x, f->natres, CASE_PENALTY, "penalty_general");
	/* fine and warning, 5000 yuan: band 1000-10000 */
	ev(x, a, "decision", "2025-03-10", 0, "penalty", "fine,warning", "amount", "5000");
	int64_t b = new_case(x, f->natres, CASE_PENALTY, "penalty_general");
	/* 800 corrected to 20000: counted at 20000, band 10000-100000 */
	int64_t d = ev(x, b, "decision", "2025-04-01", 0, "penalty", "fine", "amount", "800");
	ev(x, b, "correction", "2025-04-02", d, "amount", "20000", NULL, NULL);
	int64_t c = new_case(x, f->natres, CASE_PENALTY, "penalty_general");
	/* revoked, then decided again: only the new one, 200 yuan */
	ev(x, c, "decision", "2025-05-01", 0, "penalty", "fine", "amount", "300");
	ev(x, c, "revoke_decision", "2025-06-01", 0, "mode", "change", NULL, NULL);
	ev(x, c, "decision", "2025-07-01", 0, "penalty", "fine", "amount", "200");
	int64_t old = new_case(x, f->natres, CASE_PENALTY, "penalty_general");
	/* the year before: not in 2025 */
	ev(x, old, "decision", "2024-12-31", 0, "penalty", "warning", NULL, NULL);
	int64_t r = new_case(x, f->natres, CASE_PENALTY, "penalty_general");
	/* set aside on reconsideration: the decision no longer counts, the
	 * reconsideration and its result do */
	ev(x, r, "decision", "2025-02-01", 0, "penalty", "confiscate_gains", "confiscation", "1500");
	ev(x, r, "remedy_filed", "2025-03-01", 0, "kind", "reconsideration", NULL, NULL);
	ev(x, r, "remedy_set_aside", "2025-05-01", 0, "outcome", "revoked", NULL, NULL);
	int64_t s = new_case(x, f->natres, CASE_PENALTY, "penalty_simplified");
	ev(x, s, "decide_on_spot", "2025-08-08", 0, "penalty", "warning", NULL, NULL);
	ev(x, s, "remedy_filed", "2025-08-20", 0, "kind", "litigation", NULL, NULL);
	ev(x, s, "remedy_upheld", "2025-10-20", 0, "outcome", "upheld", NULL, NULL);
	int64_t n = new_case(x, f->natres, CASE_PENALTY, "penalty_general");
	ev(x, n, "no_penalty", "2025-09-01", 0, "ground", "minor", NULL, NULL);
	ev(x, n, "criminal_referral", "2025-09-02", 0, "receiver", "海原县公安局", NULL, NULL);
	/* permits at 市场监管局: granted, refused (corrected from granted),
	 * not accepted */
	int64_t p1 = new_case(x, f->market, CASE_PERMIT, "permit");
	ev(x, p1, "apply", "2025-01-05", 0, NULL, NULL, NULL, NULL);
	ev(x, p1, "decide", "2025-01-20", 0, "outcome", "granted", NULL, NULL);
	int64_t p2 = new_case(x, f->market, CASE_PERMIT, "permit");
	ev(x, p2, "apply", "2025-02-05", 0, NULL, NULL, NULL, NULL);
	int64_t pd = ev(x, p2, "decide", "2025-02-20", 0, "outcome", "granted", NULL, NULL);
	ev(x, p2, "correction", "2025-02-21", pd, "outcome", "refused", NULL, NULL);
	int64_t p3 = new_case(x, f->market, CASE_PERMIT, "permit");
	ev(x, p3, "apply", "2025-03-05", 0, NULL, NULL, NULL, NULL);
	ev(x, p3, "reject_application", "2025-03-06", 0, "reasons", "不属于本机关职权", NULL, NULL);
	int64_t i1 = new_case(x, f->market, CASE_INSPECTION, "inspection");
	ev(x, i1, "open", "2025-04-01", 0, NULL, NULL, NULL, NULL);
	ev(x, i1, "random_draw", "2025-04-01", 0, NULL, NULL, NULL, NULL);
	ev(x, i1, "result", "2025-04-09", 0, NULL, NULL, NULL, NULL);
	int64_t k = new_case(x, f->market, CASE_COERCION, "coercion");
	ev(x, k, "seize", "2025-05-01", 0, NULL, NULL, NULL, NULL);
	ev(x, k, "lift", "2025-05-11", 0, NULL, NULL, NULL, NULL);
	/* the neighbouring county: 100000 yuan, outside 海原's division */
	int64_t z = new_case(x, f->neighbour, CASE_PENALTY, "penalty_general");
	ev(x, z, "decision", "2025-06-06", 0, "penalty", "fine", "amount", "100000");
	return !x->bad;
}

TEST(annual_statistics_count_standing_decisions_by_kind_amount_and_band)
{
	struct sx x = { 0 };
	struct stats_table t;
	struct app_ctx sup;
	REQUIRE(fx_open(&x.f));
	REQUIRE(seed(&x));
	fx_as(&x.f, &sup, ROLE_SUPERVISOR, x.f.justice);
	REQUIRE(app_stats_annual(&sup, 2025, &t, &x.e) == FZ_OK);
	const struct stats_row *nr = row(&t, x.f.natres), *mk = row(&t, x.f.market);
	REQUIRE(nr && mk);
	/* a (5000), b (20000 as corrected), c (200, decided again), the
	 * simplified one; not the revoked 300, not 2024, not set aside */
	CHECK_INT(nr->v[ST_P_DECISIONS], 4);
	CHECK_INT(nr->v[ST_P_KIND0 + 2], 3);  /* 罚款 */
	CHECK_INT(nr->v[ST_P_KIND0 + 0], 2);  /* 警告: a and the on-the-spot one */
	CHECK_INT(nr->v[ST_P_KIND0 + 3], 0);  /* 没收违法所得: set aside */
	CHECK_INT(nr->v[ST_P_FINE], 2520000); /* 5000 + 20000 + 200 yuan in fen */
	CHECK_INT(nr->v[ST_P_CONFISCATION], 0);
	CHECK_INT(nr->v[ST_P_BAND0 + 0], 1);  /* 200 */
	CHECK_INT(nr->v[ST_P_BAND0 + 1], 1);  /* 5000 */
	CHECK_INT(nr->v[ST_P_BAND0 + 2], 1);  /* 20000 */
	CHECK_INT(nr->v[ST_P_BAND0 + 3], 0);
	CHECK_INT(nr->v[ST_P_NO_PENALTY], 1);
	CHECK_INT(nr->v[ST_R_REFERRED], 1);
	CHECK_INT(nr->v[ST_V_RECONSIDERATION], 1);
	CHECK_INT(nr->v[ST_V_LITIGATION], 1);
	CHECK_INT(nr->v[ST_V_UPHELD], 1);
	CHECK_INT(nr->v[ST_V_SET_ASIDE], 1);
	CHECK_INT(mk->v[ST_L_APPLIED], 3);
	CHECK_INT(mk->v[ST_L_GRANTED], 1);
	CHECK_INT(mk->v[ST_L_REFUSED], 1); /* as corrected */
	CHECK_INT(mk->v[ST_L_NOT_ACCEPTED], 1);
	CHECK_INT(mk->v[ST_I_OPENED], 1);
	CHECK_INT(mk->v[ST_I_RANDOM], 1);
	CHECK_INT(mk->v[ST_I_RESULT], 1);
	CHECK_INT(mk->v[ST_C_SEIZED], 1);
	CHECK_INT(mk->v[ST_C_LIFTED], 1);
	/* the division's total: the neighbour's 100000 is not in it */
	CHECK_INT(t.total.v[ST_P_DECISIONS], 4);
	CHECK_INT(t.total.v[ST_P_FINE], 2520000);
	CHECK(row(&t, x.f.neighbour) == NULL);
	/* the annual table has no months (read by year); the year as a
	 * period has them: March holds a, April b */
	CHECK_INT((int64_t)t.nmonths, 0);
	REQUIRE(app_stats_period(&sup, "2025-01-01", "2025-12-31", &t, &x.e) == FZ_OK);
	CHECK_INT((int64_t)t.nmonths, 12);
	CHECK_INT(t.months[2].v[ST_P_DECISIONS], 1);
	CHECK_INT(t.months[3].v[ST_P_FINE], 2000000);
	CHECK_CONTAINS(stats_col_label(&t, ST_P_BAND0 + 1), "1000 元至不足 10000 元");
	fx_close(&x.f);
}

TEST(annual_statistics_keep_to_the_viewers_scope)
{
	struct sx x = { 0 };
	struct stats_table t;
	struct app_ctx ctx;
	REQUIRE(fx_open(&x.f));
	REQUIRE(seed(&x));
	/* an agency sees its own row only */
	fx_as(&x.f, &ctx, ROLE_HEAD, x.f.market);
	REQUIRE(app_stats_annual(&ctx, 2025, &t, &x.e) == FZ_OK);
	CHECK_INT((int64_t)t.n, 1);
	CHECK_INT(t.total.v[ST_P_DECISIONS], 0);
	CHECK_INT(t.total.v[ST_L_APPLIED], 3);
	/* the whole system (the shell) sees the neighbour too */
	REQUIRE(app_stats_annual(&x.f.cli, 2025, &t, &x.e) == FZ_OK);
	CHECK_INT(t.total.v[ST_P_DECISIONS], 5);
	CHECK_INT(t.total.v[ST_P_FINE], 12520000);
	CHECK_INT(t.total.v[ST_P_BAND0 + 3], 1); /* 100000 to under 1000000 yuan */
	CHECK_INT(t.total.v[ST_P_BAND0 + 4], 0);
	/* the system administrator reads no case content */
	fx_as(&x.f, &ctx, ROLE_SYSADMIN, 0);
	CHECK_INT(app_stats_annual(&ctx, 2025, &t, &x.e), FZ_FORBIDDEN);
	fx_close(&x.f);
}

TEST(annual_statistics_refuse_a_bad_year_or_band_setting_clearly)
{
	struct sx x = { 0 };
	struct stats_table t;
	REQUIRE(fx_open(&x.f));
	CHECK_INT(app_stats_annual(&x.f.cli, 1999, &t, &x.e), FZ_INVALID);
	CHECK_STR(x.e.message, "年度应为 2000 至 2100 之间的四位数字");
	CHECK_INT(app_stats_period(&x.f.cli, "2025-02-01", "2025-01-01", &t, &x.e), FZ_INVALID);
	CHECK_STR(x.e.message, "统计期间的结束日期不能早于开始日期");
	/* bands: configurable, checked */
	REQUIRE(x.f.st->ops->setting_set(x.f.st, "stats.fine_bands", "500,5000,50000,500000",
					 &x.e) == FZ_OK);
	REQUIRE(app_stats_annual(&x.f.cli, 2025, &t, &x.e) == FZ_OK);
	CHECK_STR(stats_col_label(&t, ST_P_BAND0), "罚款不足 500 元");
	REQUIRE(x.f.st->ops->setting_set(x.f.st, "stats.fine_bands", "5000,500", &x.e) == FZ_OK);
	CHECK_INT(app_stats_annual(&x.f.cli, 2025, &t, &x.e), FZ_INVALID);
	CHECK_CONTAINS(x.e.message, "罚款金额分段设置无效");
	fx_close(&x.f);
}

TEST(dashboard_counts_open_and_overdue_cases_in_scope)
{
	struct sx x = { 0 };
	struct stats_table t;
	struct app_ctx sup;
	REQUIRE(fx_open(&x.f));
	REQUIRE(seed(&x));
	/* one open case of 自然资源局 found overdue by the last status
	 * refresh; the neighbour's overdue case is outside 海原 */
	struct case_status cs = { .next_due_clock = "", .overdue_clock = "service",
				  .awaits = { "", "", "", "" }, .overdue = true };
	snprintf(cs.computed_on, sizeof cs.computed_on, "%s", x.f.cli.today);
	cs.case_id = 1;
	REQUIRE(x.f.st->ops->case_status_put(x.f.st, &cs, &x.e) == FZ_OK);
	cs.case_id = 13; /* the neighbour's */
	REQUIRE(x.f.st->ops->case_status_put(x.f.st, &cs, &x.e) == FZ_OK);
	fx_as(&x.f, &sup, ROLE_SUPERVISOR, x.f.justice);
	REQUIRE(app_stats_dashboard(&sup, &t, &x.e) == FZ_OK);
	CHECK_INT(t.open_total, 12); /* 7 at 自然资源局, 5 at 市场监管局; none closed */
	CHECK_INT(t.overdue_total, 1);
	CHECK_INT((int64_t)t.nmonths, 12);
	CHECK_STR(t.to, x.f.cli.today);
	const struct stats_row *nr = row(&t, x.f.natres);
	REQUIRE(nr);
	CHECK_INT(t.overdue[nr - t.rows], 1);
	fx_close(&x.f);
}
