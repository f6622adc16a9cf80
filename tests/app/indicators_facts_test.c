/* indicators_facts_test.c - the indicators summed from the facts kept
 * beside the record (045_indicator_facts.sql, app/indicators_facts.c)
 * equal, numerator, denominator, longest and the cases on each side, what
 * judging every case again from its events gives (app_indicators_record):
 * over a varied record (reviewed and unreviewed major decisions, filings
 * in time, late and missing, publications in time, late and withheld by
 * their clock, a revocation with its withdrawal, a decision set aside and
 * made again, late entries, corrections, a step by one officer and an
 * assistant, closed files, open cases, the period's edges, agencies in two
 * counties), for periods that cut the record in different places and in
 * four scopes; and again after each kind of change the triggers of 045
 * must notice (a step, a correction, a certificate revoked with effect
 * before the steps, an officer made an assistant, a case closed, a
 * holiday calendar loaded, the province's config changed); the page's figures alone and each side's
 * drill-down alone equal it too. The figures come from the sums of 048,
 * which the triggers keep equal to a rebuild from the facts and whose
 * reading does not grow with the cases. The backfill marks every case
 * and judges it back to the same rows, however often it runs; the
 * server's job judges them in the background. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../t.h"
#include "app/basis.h"
#include "app/calendar.h"
#include "app/indicators.h"
#include "app/procreg.h"
#include "app/people.h"
#include "base/date.h"
#include "domain/case.h"
#include "fixture.h"
#include "store/store.h"

struct ix {
	struct fx f;
	struct fz_error e;
	int64_t officers[2]; /* certified officers of 自然资源局 */
	int64_t third;       /* a third one, made an assistant later */
	bool bad;
};

static int64_t new_case(struct ix *x, int64_t agency, enum case_kind kind, const char *proc)
{
	int64_t id = fx_case(&x->f, agency, kind, proc, "指标测试");
	x->bad = x->bad || !id;
	return id;
}

/* An event written through the store (the engine's gates are not the
 * point here: the judgement is), by the officers given (n of them). */
static int64_t ev2(struct ix *x, int64_t case_id, const char *step, const char *on,
		   int64_t corrects, const char *k1, const char *v1, const char *k2, const char *v2,
		   const int64_t *who, size_t n)
{
	int64_t id = fx_event(&x->f, case_id, step, on, corrects, k1, v1, k2, v2, who, n);
	x->bad = x->bad || !id;
	return id;
}

static int64_t ev(struct ix *x, int64_t case_id, const char *step, const char *on,
		  int64_t corrects, const char *k1, const char *v1, const int64_t *who, size_t n)
{
	return ev2(x, case_id, step, on, corrects, k1, v1, NULL, NULL, who, n);
}

/* Closed as the engine closes a case on its closing step. */
static void close_case(struct ix *x, int64_t c, const char *day)
{
	struct enf_case k;
	ev(x, c, "close", day, 0, "summary", "结案", NULL, 0);
	if (x->f.st->ops->case_get(x->f.st, x->f.a, &(struct scope){ .kind = SCOPE_ALL }, c, &k,
				   &x->e) ||
	    (k.closed = true, k.state = "close", x->f.st->ops->case_update(x->f.st, &k, &x->e))) {
		t_fail(__FILE__, __LINE__, "close: %s", x->e.message);
		x->bad = true;
	}
}

/* Opened and investigated by the two officers on day and the next. */
static int64_t opened(struct ix *x, int64_t agency, const char *day, const char *next)
{
	int64_t c = new_case(x, agency, CASE_PENALTY, "penalty_general");
	ev(x, c, "open", day, 0, NULL, NULL, x->officers, 2);
	ev(x, c, "approve_opening", day, 0, NULL, NULL, NULL, 0);
	ev(x, c, "investigate", next, 0, "record", "现场检查笔录", x->officers, 2);
	return c;
}

static void approve(struct ix *x, int64_t c, const char *day)
{
	ev(x, c, "legal_review", day, 0, "opinion", "approve", NULL, 0);
}

static int64_t decide(struct ix *x, int64_t c, const char *day, const char *amount)
{
	return ev2(x, c, "decision", day, 0, "penalty", "fine", "amount", amount, NULL, 0);
}

/* The varied record; today is the fixture's 2026-01-01. */
static bool seed(struct ix *x)
{
	struct fx *f = &x->f;
	int64_t nr = f->natres, mk = f->market, nb = f->neighbour, c, d;
	int64_t mixed[2] = { 0, f->assistant };
	mixed[0] = x->officers[0];
	/* reviewed, major, filed in time, published in time, closed */
	c = opened(x, nr, "2025-02-01", "2025-02-03");
	approve(x, c, "2025-02-20");
	decide(x, c, "2025-03-01", "500000");
	ev(x, c, "publish", "2025-03-05", 0, "publication", "1", NULL, 0);
	ev(x, c, "filing", "2025-03-10", 0, "filing_materials", "决定书", NULL, 0);
	ev(x, c, "service", "2025-03-02", 0, "served_on", "2025-03-02", NULL, 0);
	close_case(x, c, "2025-04-01");
	/* unreviewed, large; published late; filed late */
	c = opened(x, nr, "2025-05-01", "2025-05-02");
	decide(x, c, "2025-06-02", "800000");
	ev(x, c, "publish", "2025-06-30", 0, "publication", "1", NULL, 0);
	/* reviewed, not filed, not published: both clocks long past */
	c = opened(x, nr, "2025-07-01", "2025-07-01");
	approve(x, c, "2025-07-20");
	decide(x, c, "2025-08-01", "300000");
	ev(x, c, "filing", "2025-09-30", 0, "filing_materials", "决定书", NULL, 0);
	/* published, then revoked and withdrawn: the withdrawal's days */
	c = opened(x, nr, "2025-03-01", "2025-03-02");
	decide(x, c, "2025-04-01", "1000");
	ev(x, c, "publish", "2025-04-03", 0, "publication", "1", NULL, 0);
	ev(x, c, "revoke_decision", "2025-05-06", 0, "mode", "revoke", NULL, 0);
	ev(x, c, "unpublish", "2025-05-12", 0, "publication", "1", NULL, 0);
	/* set aside on reconsideration and decided again, entered late (the
	 * new decision dated before the set-aside was recorded) */
	c = opened(x, nr, "2025-01-02", "2025-01-03");
	decide(x, c, "2025-01-20", "2000");
	ev(x, c, "remedy_filed", "2025-02-01", 0, "kind", "reconsideration", NULL, 0);
	ev(x, c, "remedy_set_aside", "2025-04-01", 0, "outcome", "revoked", NULL, 0);
	ev(x, c, "decision", "2025-03-25", 0, "amount", "1500", NULL, 0);
	/* a decision's amount corrected into the review catalogue */
	c = opened(x, nr, "2025-09-01", "2025-09-02");
	d = decide(x, c, "2025-10-10", "900");
	ev(x, c, "correction", "2025-10-11", d, "amount", "600000", NULL, 0);
	/* investigated by one officer and an assistant: one certified */
	c = new_case(x, nr, CASE_PENALTY, "penalty_general");
	ev(x, c, "open", "2025-11-01", 0, NULL, NULL, x->officers, 2);
	ev(x, c, "investigate", "2025-11-02", 0, "record", "笔录", mixed, 2);
	/* the third officer takes part; made an assistant later */
	int64_t trio[2] = { x->officers[0], x->third };
	c = new_case(x, nr, CASE_PENALTY, "penalty_general");
	ev(x, c, "open", "2025-10-01", 0, NULL, NULL, trio, 2);
	ev(x, c, "investigate", "2025-10-02", 0, "record", "笔录", trio, 2);
	/* the period's edges */
	c = opened(x, nr, "2024-12-01", "2024-12-02");
	decide(x, c, "2024-12-31", "100");
	c = opened(x, nr, "2025-12-01", "2025-12-02");
	decide(x, c, "2026-01-01", "100");
	c = opened(x, nr, "2025-12-20", "2025-12-31");
	decide(x, c, "2025-12-31", "700000");
	/* simplified procedure, on the spot, published */
	c = new_case(x, nr, CASE_PENALTY, "penalty_simplified");
	ev(x, c, "decide_on_spot", "2025-06-06", 0, "penalty", "warning", NULL, 0);
	/* a permit granted and published */
	c = new_case(x, nr, CASE_PERMIT, "permit");
	ev(x, c, "apply", "2025-04-01", 0, NULL, NULL, NULL, 0);
	ev(x, c, "accept", "2025-04-02", 0, NULL, NULL, NULL, 0);
	ev(x, c, "decide", "2025-04-20", 0, "outcome", "granted", NULL, 0);
	ev(x, c, "publish", "2025-04-25", 0, "publication", "1", NULL, 0);
	/* the market agency and the neighbouring county */
	c = opened(x, mk, "2025-03-03", "2025-03-04");
	approve(x, c, "2025-03-20");
	decide(x, c, "2025-04-04", "400000");
	c = opened(x, nb, "2025-05-05", "2025-05-06");
	decide(x, c, "2025-06-06", "900000");
	ev(x, c, "publish", "2025-06-09", 0, "publication", "1", NULL, 0);
	return !x->bad;
}

static int cmp_id(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

static void same_side(const struct indicator_cases *s, const struct indicator_cases *r,
		      const char *what, const char *id)
{
	if (s->n != r->n) {
		t_fail(__FILE__, __LINE__, "%s %s: %zu cases kept, %zu judged", what, id, s->n, r->n);
		return;
	}
	int64_t *a = malloc((s->n + 1) * sizeof *a), *b = malloc((r->n + 1) * sizeof *b);
	if (!a || !b) {
		free(a);
		free(b);
		return;
	}
	if (s->n) {
		memcpy(a, s->ids, s->n * sizeof *a);
		memcpy(b, r->ids, r->n * sizeof *b);
	}
	qsort(a, s->n, sizeof *a, cmp_id);
	qsort(b, r->n, sizeof *b, cmp_id);
	for (size_t i = 0; i < s->n; i++)
		if (a[i] != b[i]) {
			t_fail(__FILE__, __LINE__, "%s %s: case %lld kept, %lld judged", what, id,
			       (long long)a[i], (long long)b[i]);
			break;
		}
	free(a);
	free(b);
}

/* The page's figures alone (no case indicator's side listed) and each
 * side's drill-down (that side only) equal the reference too: the
 * figures, and the side asked for. */
static void lists_asked(struct ix *x, struct app_ctx *ctx, const struct indicator_query *asked,
			const struct indicator judged[IND_COUNT], const char *what)
{
	struct indicator got[IND_COUNT];
	struct indicator_query q = *asked;
	char label[160];
	snprintf(label, sizeof label, "%s %s..%s", what, q.from, q.to);
	/* -1: none; then each side of each case indicator */
	for (int one = -1; one < 2 * (IND_WITHDRAWAL + 1); one++) {
		int of = one < 0 ? -1 : one / 2;
		bool num = one >= 0 && one % 2;
		q.lists = one < 0 ? IND_LISTS_NONE : num ? IND_LISTS_NUM : IND_LISTS_DEN;
		q.list_of = of;
		if (app_indicators(ctx, &q, got, &x->e) != FZ_OK) {
			t_fail(__FILE__, __LINE__, "%s: %s", label, x->e.message);
			return;
		}
		for (int i = 0; i < IND_COUNT; i++) {
			const struct indicator *s = &got[i], *r = &judged[i];
			bool rest = i > IND_WITHDRAWAL; /* always listed */
			if (s->num != r->num || s->den != r->den || s->max != r->max ||
			    s->max_case != r->max_case)
				t_fail(__FILE__, __LINE__, "%s %s (lists of %d): %lld/%lld, judged %lld/%lld",
				       label, s->def->id, one, (long long)s->num, (long long)s->den,
				       (long long)r->num, (long long)r->den);
			if (rest || (i == of && num))
				same_side(&s->num_cases, &r->num_cases, label, s->def->id);
			else if (s->num_cases.n)
				t_fail(__FILE__, __LINE__, "%s %s: numerator listed though %d was asked",
				       label, s->def->id, one);
			if (rest || (i == of && !num))
				same_side(&s->den_cases, &r->den_cases, label, s->def->id);
			else if (s->den_cases.n)
				t_fail(__FILE__, __LINE__, "%s %s: denominator listed though %d was asked",
				       label, s->def->id, one);
		}
	}
}

/* Both ways for ctx and the period; returns how many figures (sides of
 * every indicator) are not empty, so a caller can tell the record counts. */
static int both_ways(struct ix *x, struct app_ctx *ctx, const char *from, const char *to,
		     const char *what, struct indicator kept[IND_COUNT])
{
	struct indicator judged[IND_COUNT];
	struct indicator_query q = { .agency_id = 0 };
	snprintf(q.from, sizeof q.from, "%s", from);
	snprintf(q.to, sizeof q.to, "%s", to);
	if (app_indicators(ctx, &q, kept, &x->e) != FZ_OK ||
	    app_indicators_record(ctx, &q, judged, &x->e) != FZ_OK) {
		t_fail(__FILE__, __LINE__, "%s: %s", what, x->e.message);
		return 0;
	}
	int nonzero = 0;
	for (int i = 0; i < IND_COUNT; i++) {
		const struct indicator *s = &kept[i], *r = &judged[i];
		char label[160];
		snprintf(label, sizeof label, "%s %s..%s", what, from, to);
		if (s->num != r->num || s->den != r->den || s->max != r->max ||
		    s->max_case != r->max_case)
			t_fail(__FILE__, __LINE__, "%s %s: kept %lld/%lld max %lld (%lld), judged %lld/%lld max %lld (%lld)",
			       label, s->def->id, (long long)s->num, (long long)s->den,
			       (long long)s->max, (long long)s->max_case, (long long)r->num,
			       (long long)r->den, (long long)r->max, (long long)r->max_case);
		same_side(&s->num_cases, &r->num_cases, label, s->def->id);
		same_side(&s->den_cases, &r->den_cases, label, s->def->id);
		nonzero += (s->num != 0) + (s->den != 0);
	}
	lists_asked(x, ctx, &q, judged, what);
	return nonzero;
}

static const char *const periods[][2] = {
	{ "2025-01-01", "2025-12-31" }, { "2025-03-01", "2025-03-31" },
	{ "2025-06-15", "2026-06-30" }, { "2024-01-01", "2024-12-31" },
	{ "2025-12-31", "2026-01-01" }, { "2025-02-10", "2025-11-20" },
	{ "2025-08-18", "2025-08-22" },
};

/* Every period in every scope; the figures of the division's year into
 * year. */
static void every_way(struct ix *x, const char *what, struct indicator year[IND_COUNT])
{
	struct app_ctx sup, head, other, market;
	struct indicator scratch[IND_COUNT];
	fx_as(&x->f, &sup, ROLE_SUPERVISOR, x->f.justice);
	fx_as(&x->f, &head, ROLE_HEAD, x->f.natres);
	fx_as(&x->f, &market, ROLE_HEAD, x->f.market);
	fx_as(&x->f, &other, ROLE_HEAD, x->f.neighbour);
	for (size_t p = 0; p < sizeof periods / sizeof *periods; p++) {
		both_ways(x, &x->f.cli, periods[p][0], periods[p][1], what, scratch);
		both_ways(x, &head, periods[p][0], periods[p][1], what, scratch);
		both_ways(x, &market, periods[p][0], periods[p][1], what, scratch);
		both_ways(x, &other, periods[p][0], periods[p][1], what, scratch);
		both_ways(x, &sup, periods[p][0], periods[p][1], what, p ? scratch : year);
	}
}

/* The sums of 048 as one text, in key order (a bucket emptied by the
 * triggers is as good as none). */
static char *sums_text(struct fx *f, char *out, size_t cap)
{
	return fx_rows_text(f,
			    "SELECT agency_id, span, figure, due, den, num, days, longest"
			    " FROM indicator_sums WHERE den <> 0 ORDER BY 1, 2, 3, 4",
			    out, cap);
}

static bool ix_open(struct ix *x)
{
	memset(x, 0, sizeof *x);
	if (!fx_open(&x->f))
		return false;
	x->officers[0] = fx_certified_officer(&x->f, 41);
	x->officers[1] = fx_certified_officer(&x->f, 42);
	x->third = fx_certified_officer(&x->f, 43);
	return x->officers[0] && x->officers[1] && x->third;
}

TEST(indicator_facts_equal_judging_every_case_again_over_a_varied_record)
{
	struct ix x;
	struct indicator year[IND_COUNT];
	REQUIRE(ix_open(&x));
	REQUIRE(seed(&x));
	/* every case is stale until judged */
	CHECK_INT(fx_count(&x.f, "indicator_stale"), fx_count(&x.f, "cases"));
	CHECK_INT(fx_count(&x.f, "indicator_cases"), 0);
	every_way(&x, "as recorded", year);
	CHECK_INT(fx_count(&x.f, "indicator_stale"), 0);
	CHECK_INT(fx_count(&x.f, "indicator_cases"), fx_count(&x.f, "cases"));
	/* the record counts on every case indicator, so equality means
	 * something. In the division's 2025: review - the fines of 500000,
	 * 300000 and the market's 400000 reviewed, 800000 and 700000 not (the
	 * amount corrected to 600000 is not read by the review catalogue,
	 * which reads the decision as recorded); publication - in time the
	 * first decision and the permit, late or missing 800000, 300000, the
	 * decision made again, the corrected one, the market's (700000 on
	 * 12-31 is not yet due); filing - three reviewed decisions, one filed
	 * in time, one late, the market's none; two officers - eleven cases'
	 * 22 steps, one with an assistant; withdrawal - revoked 05-06,
	 * withdrawn 05-12: 4 working days; one file closed. */
	CHECK(year[IND_REVIEW].den == 5 && year[IND_REVIEW].num == 3);
	CHECK(year[IND_FILING].den == 3 && year[IND_FILING].num == 1);
	CHECK(year[IND_PUBLICATION].den == 7 && year[IND_PUBLICATION].num == 2);
	CHECK(year[IND_TWO_OFFICERS].den == 22);
	CHECK(year[IND_HANDLING].den == 7 && year[IND_HANDLING].max == 82);
	CHECK(year[IND_WITHDRAWAL].den == 1 && year[IND_WITHDRAWAL].max == 4);
	CHECK(year[IND_RECORD].den == 1);
	CHECK(year[IND_OVERDUE].den == 13);
	int64_t two = year[IND_TWO_OFFICERS].num;
	CHECK(two < year[IND_TWO_OFFICERS].den); /* the assistant's step */
	fx_close(&x.f);
}

TEST(indicator_facts_follow_every_change_the_judgement_depends_on)
{
	struct ix x;
	struct indicator year[IND_COUNT];
	struct app_ctx sup;
	struct fz_error e = { 0 };
	REQUIRE(ix_open(&x));
	REQUIRE(seed(&x));
	every_way(&x, "as recorded", year);
	int64_t two = year[IND_TWO_OFFICERS].num, review = year[IND_REVIEW].den;
	/* a step: a new decision, reviewed */
	int64_t c = opened(&x, x.f.natres, "2025-08-01", "2025-08-02");
	CHECK_INT(fx_count(&x.f, "indicator_stale"), 1); /* marked with the event */
	approve(&x, c, "2025-08-10");
	decide(&x, c, "2025-08-20", "650000");
	every_way(&x, "after a step", year);
	CHECK_INT(year[IND_REVIEW].den, review + 1);
	/* a new decision and its correction: marked with each event */
	int64_t d = decide(&x, c, "2025-08-25", "650000");
	every_way(&x, "after a new decision", year);
	ev(&x, c, "correction", "2025-08-26", d, "amount", "100", NULL, 0);
	CHECK_INT(fx_count(&x.f, "indicator_stale"), 1);
	every_way(&x, "after a correction", year);
	/* the third officer made an assistant: their steps lose a certified
	 * officer */
	two = year[IND_TWO_OFFICERS].num;
	struct person p;
	REQUIRE(x.f.st->ops->person_get(x.f.st, x.f.a, &(struct scope){ .kind = SCOPE_ALL },
					x.third, &p, &e) == FZ_OK);
	p.kind = PERSON_ASSISTANT;
	REQUIRE(x.f.st->ops->person_update(x.f.st, &p, &e) == FZ_OK);
	CHECK(fx_count(&x.f, "indicator_stale") >= 1);
	every_way(&x, "after an officer became an assistant", year);
	CHECK_INT(year[IND_TWO_OFFICERS].num, two - 2);
	/* a certificate revoked with effect before every step */
	two = year[IND_TWO_OFFICERS].num;
	struct certificate_filter cf = { .person_id = x.officers[1] };
	struct certificate_list cl;
	struct certificate out;
	REQUIRE(x.f.st->ops->certificate_list(x.f.st, x.f.a, &(struct scope){ .kind = SCOPE_ALL },
					      &cf, (struct page){ 0, 10 }, &cl, &e) == FZ_OK &&
		cl.n == 1);
	fx_as(&x.f, &sup, ROLE_SUPERVISOR, x.f.justice);
	REQUIRE(app_certificate_revoke(&sup, cl.items[0].id, "测试：注销执法证", "2024-06-01", &out,
				       &e) == FZ_OK);
	every_way(&x, "after a certificate was revoked", year);
	CHECK(year[IND_TWO_OFFICERS].num < two);
	/* a case closed: its file counts */
	int64_t files = year[IND_RECORD].den;
	ev(&x, c, "service", "2025-08-27", 0, "served_on", "2025-08-27", NULL, 0);
	close_case(&x, c, "2025-09-15");
	every_way(&x, "after a case closed", year);
	CHECK_INT(year[IND_RECORD].den, files + 1);
	/* a holiday calendar loaded: every case, once */
	static const char cal[] = "year 2027 source 测试通知\n2027-01-01 off 元旦\n";
	REQUIRE(app_calendar_load_text(&x.f.cli, cal, sizeof cal - 1, "测试", NULL, &e) == FZ_OK);
	CHECK_INT(fx_count(&x.f, "indicator_stale"), fx_count(&x.f, "cases"));
	every_way(&x, "after a calendar was loaded", year);
	/* the sums the triggers kept through all of it equal, row for row,
	 * those 048 builds afresh from the facts */
	static char kept[262144], built[262144];
	sums_text(&x.f, kept, sizeof kept);
	CHECK(strlen(kept) > 1000);
	REQUIRE(fx_migrate_again(&x.f, 47));
	CHECK_STR(sums_text(&x.f, built, sizeof built), kept);
	fx_close(&x.f);
}

/* The facts as one text, in key order. */
static char *facts_text(struct fx *f, char *out, size_t cap)
{
	return fx_rows_text(f,
			    "SELECT 'c', case_id, agency_id, open, decided_on, review_needed,"
			    " reviewed, filing_due, filing_done, filing_on_time, handling_days, pub_on,"
			    " pub_due, pub_done, pub_on_time, withdrawn_on, withdrawal_days, closed_on,"
			    " complete FROM indicator_cases UNION ALL"
			    " SELECT 's', event_id, case_id, agency_id, on_date, certified, 0, '', 0, 0,"
			    " 0, '', '', 0, 0, '', 0, '', 0 FROM indicator_steps ORDER BY 1, 2",
			    out, cap);
}

static bool rerun_045(struct fx *f)
{
	return fx_migrate_again(f, 44);
}

/* Migration 045 marks every case; the scheduled job judges them back to
 * the same rows, row for row, however often it runs. */
TEST(indicator_facts_backfill_marks_every_case_and_the_job_judges_them_back)
{
	struct ix x;
	struct indicator year[IND_COUNT];
	static char kept[131072], again[131072];
	int64_t n = 0;
	REQUIRE(ix_open(&x));
	REQUIRE(seed(&x));
	every_way(&x, "as recorded", year);
	facts_text(&x.f, kept, sizeof kept);
	CHECK(strlen(kept) > 1000);
	int64_t cases = fx_count(&x.f, "cases");
	for (int round = 0; round < 2; round++) {
		REQUIRE(rerun_045(&x.f));
		CHECK_INT(fx_count(&x.f, "indicator_stale"), cases);
		REQUIRE(app_indicators_job(&x.f.cli, &n, &x.e) == FZ_OK);
		CHECK_INT(n, cases);
		CHECK_INT(fx_count(&x.f, "indicator_stale"), 0);
		CHECK_STR(facts_text(&x.f, again, sizeof again), kept);
	}
	/* the job's runs are on record; one with nothing stale is not */
	int64_t runs = fx_count(&x.f, "job_runs");
	CHECK(runs >= 2);
	REQUIRE(app_indicators_job(&x.f.cli, &n, &x.e) == FZ_OK);
	CHECK_INT(n, 0);
	CHECK_INT(fx_count(&x.f, "job_runs"), runs);
	every_way(&x, "after the backfill", year);
	fx_close(&x.f);
}

/* An event the store refuses leaves no stale mark and no figure moved. */
TEST(indicator_facts_refused_event_marks_nothing)
{
	struct ix x;
	struct indicator before[IND_COUNT], after[IND_COUNT];
	REQUIRE(ix_open(&x));
	REQUIRE(seed(&x));
	every_way(&x, "as recorded", before);
	int64_t c = new_case(&x, x.f.natres, CASE_PENALTY, "penalty_general");
	every_way(&x, "with a new case", before);
	int64_t nobody = 999999;
	struct case_event e = { .case_id = c, .step = "open", .officers = &nobody, .nofficers = 1 };
	snprintf(e.on, sizeof e.on, "2025-06-01");
	CHECK(x.f.st->ops->case_event_append(x.f.st, &e, &x.e) != FZ_OK);
	CHECK_INT(fx_count(&x.f, "indicator_stale"), 0);
	every_way(&x, "after a refused event", after);
	for (int i = 0; i < IND_COUNT; i++)
		CHECK(after[i].num == before[i].num && after[i].den == before[i].den);
	fx_close(&x.f);
}

/* The store refuses facts with a day that is not a date, in Chinese, and
 * keeps the case's rows and stale mark as they were. */
TEST(indicator_facts_with_a_bad_day_are_refused_and_change_nothing)
{
	struct ix x;
	struct indicator year[IND_COUNT];
	static char kept[131072], after[131072];
	REQUIRE(ix_open(&x));
	REQUIRE(seed(&x));
	every_way(&x, "as recorded", year);
	facts_text(&x.f, kept, sizeof kept);
	int64_t c = opened(&x, x.f.natres, "2025-08-01", "2025-08-02");
	struct indicator_facts f = { .case_id = c, .agency_id = x.f.natres, .open = true,
				     .handling_days = -1, .withdrawal_days = -1 };
	snprintf(f.decided_on, sizeof f.decided_on, "2025-13-45");
	struct fz_error e = { 0 };
	CHECK(x.f.st->ops->indicator_facts_put(x.f.st, c, &f, &e) == FZ_INVALID);
	CHECK_CONTAINS(e.message, "日期应为 YYYY-MM-DD 格式的有效日期");
	struct indicator_step_fact step = { .event_id = 1, .case_id = c, .on = "2025-02-30" };
	snprintf(f.decided_on, sizeof f.decided_on, "2025-08-20");
	f.steps = &step;
	f.nsteps = 1;
	CHECK(x.f.st->ops->indicator_facts_put(x.f.st, c, &f, &e) == FZ_INVALID);
	CHECK_STR(facts_text(&x.f, after, sizeof after), kept);
	CHECK_INT(fx_count(&x.f, "indicator_stale"), 1); /* still to be judged */
	every_way(&x, "after refused facts", year);
	CHECK_INT(fx_count(&x.f, "indicator_stale"), 0);
	fx_close(&x.f);
}

/* The page's figures are read from the sums kept per agency, month and
 * day (048), not from the cases: thirty more cases decided on days that
 * already count add next to nothing to the work of the sums (SQLite's VM
 * steps), where summing the facts row by row (as before 048) grew with
 * every case; and the figures still equal judging every case again. */
TEST(indicator_figures_are_read_from_sums_per_agency_and_day_not_per_case)
{
	struct ix x;
	struct indicator year[IND_COUNT], judged[IND_COUNT];
	struct indicator_sum sums[INDF_COUNT];
	struct app_ctx sup;
	struct fz_error e = { 0 };
	int64_t before = -1, after = -1;
	REQUIRE(ix_open(&x));
	REQUIRE(seed(&x));
	every_way(&x, "as recorded", year);
	fx_as(&x.f, &sup, ROLE_SUPERVISOR, x.f.justice);
	const struct indicator_span sp = { 0, "2025-01-01", "2025-12-31", sup.today };
	REQUIRE(x.f.st->ops->indicator_sums(x.f.st, x.f.a, &sup.scope, &sp, sums, &before, &e) ==
		FZ_OK);
	int64_t cases = fx_count(&x.f, "indicator_cases");
	/* thirty more, opened, investigated, decided and closed on the days
	 * of the first case of the record (closed: an overdue case is counted
	 * one by one, from the partial index of overdue statuses) */
	for (int i = 0; i < 30; i++) {
		int64_t c = opened(&x, x.f.natres, "2025-02-01", "2025-02-03");
		decide(&x, c, "2025-03-01", "1000");
		close_case(&x, c, "2025-04-01");
	}
	every_way(&x, "with thirty more", year);
	struct indicator_query q = { .agency_id = 0, .lists = IND_LISTS_NONE };
	snprintf(q.from, sizeof q.from, "2025-01-01");
	snprintf(q.to, sizeof q.to, "2025-12-31");
	REQUIRE(app_indicators(&sup, &q, year, &e) == FZ_OK);
	REQUIRE(app_indicators_record(&sup, &q, judged, &e) == FZ_OK);
	REQUIRE(x.f.st->ops->indicator_sums(x.f.st, x.f.a, &sup.scope, &sp, sums, &after, &e) ==
		FZ_OK);
	CHECK_INT(fx_count(&x.f, "indicator_cases"), cases + 30);
	CHECK(before > 0);
	if (after - before >= 30 * 10)
		t_fail(__FILE__, __LINE__, "30 cases more: %lld VM steps, then %lld",
		       (long long)before, (long long)after);
	for (int i = 0; i < INDF_COUNT; i++) {
		CHECK(sums[i].num == judged[i].num && sums[i].den == judged[i].den);
		CHECK(year[i].num_cases.n == 0 && year[i].den_cases.n == 0);
	}
	CHECK_INT(judged[IND_HANDLING].den, year[IND_HANDLING].den);
	fx_close(&x.f);
}

/* A filing or publication still waiting counts from the day after its
 * due day: on each such due day and the next, kept sums and sides equal
 * the reference (a sum that counted on the due day itself would not). */
TEST(indicator_figures_count_a_waiting_clock_from_the_day_after_its_due_day)
{
	struct ix x;
	struct indicator year[IND_COUNT];
	static char days[8192];
	REQUIRE(ix_open(&x));
	REQUIRE(seed(&x));
	/* decided late in the year: both clocks still running at the
	 * fixture's today */
	int64_t c = opened(&x, x.f.natres, "2025-12-01", "2025-12-02");
	approve(&x, c, "2025-12-10");
	decide(&x, c, "2025-12-29", "900000");
	every_way(&x, "as recorded", year);
	fx_rows_text(&x.f,
		     "SELECT pub_due FROM indicator_cases WHERE pub_due <> '' AND NOT pub_done"
		     " UNION SELECT filing_due FROM indicator_cases"
		     " WHERE filing_due <> '' AND NOT filing_done ORDER BY 1",
		     days, sizeof days);
	int tried = 0;
	for (char *d = days, *nl; (nl = strchr(d, '\n')); d = nl + 1) {
		*nl = '\0';
		if (strcmp(d, x.f.cli.today) < 0)
			continue; /* long past: counted either way */
		struct app_ctx sup;
		fx_as(&x.f, &sup, ROLE_SUPERVISOR, x.f.justice);
		for (int after = 0; after < 2; after++) {
			snprintf(sup.today, sizeof sup.today, "%.10s", d);
			if (after && !date_add_days(d, 1, sup.today))
				continue;
			both_ways(&x, &sup, "2025-01-01", "2026-12-31", sup.today, year);
			tried++;
		}
	}
	CHECK(tried >= 4); /* the publication's and the filing's due days */
	fx_close(&x.f);
}

/* Judging a case again to the same facts rewrites nothing (the sums of
 * 048 are left alone): every case marked by 045 run again and judged back
 * deletes no fact row; a step that changes a judgement rewrites that case
 * only. */
TEST(indicator_facts_judged_again_to_the_same_are_not_rewritten)
{
	struct ix x;
	struct indicator year[IND_COUNT];
	static char kept[262144], again[262144], n[64];
	int64_t judged = 0;
	REQUIRE(ix_open(&x));
	REQUIRE(seed(&x));
	every_way(&x, "as recorded", year);
	sums_text(&x.f, kept, sizeof kept);
	/* a count of the rows deleted from the facts, kept in the file */
	fx_rows_text(&x.f, "CREATE TABLE t_rewrites (n INTEGER NOT NULL)", n, sizeof n);
	fx_rows_text(&x.f, "INSERT INTO t_rewrites VALUES (0)", n, sizeof n);
	fx_rows_text(&x.f,
		     "CREATE TRIGGER t_rewrites_count AFTER DELETE ON indicator_cases"
		     " BEGIN UPDATE t_rewrites SET n = n + 1; END",
		     n, sizeof n);
	REQUIRE(rerun_045(&x.f));
	int64_t cases = fx_count(&x.f, "cases");
	CHECK_INT(fx_count(&x.f, "indicator_stale"), cases);
	REQUIRE(app_indicators_job(&x.f.cli, &judged, &x.e) == FZ_OK);
	CHECK_INT(judged, cases);
	CHECK_STR(fx_rows_text(&x.f, "SELECT n FROM t_rewrites", n, sizeof n), "0\n");
	CHECK_STR(sums_text(&x.f, again, sizeof again), kept);
	/* a new decision on one case: that case's rows, and the figures
	 * still those of judging every case again */
	int64_t c = opened(&x, x.f.natres, "2025-08-01", "2025-08-02");
	every_way(&x, "with a new case", year);
	fx_rows_text(&x.f, "UPDATE t_rewrites SET n = 0", n, sizeof n);
	decide(&x, c, "2025-08-20", "1000");
	every_way(&x, "after its decision", year);
	CHECK_STR(fx_rows_text(&x.f, "SELECT n FROM t_rewrites", n, sizeof n), "1\n");
	fx_close(&x.f);
}

/* The province's config is read at start-up. The database records the
 * definitions the facts were judged under (app/basis.h); started with
 * another config, every case is marked and judged again, and the
 * figures follow the new review catalogue, still equal to judging every
 * case again. Without the mark the kept facts would be the old ones. */
TEST(indicator_facts_follow_a_change_of_the_province_config)
{
	struct ix x;
	struct indicator year[IND_COUNT];
	bool marked = true;
	REQUIRE(ix_open(&x));
	REQUIRE(seed(&x));
	REQUIRE(app_basis_check(&x.f.cli, &marked, &x.e) == FZ_OK);
	CHECK(!marked); /* the first record marks nothing */
	every_way(&x, "as recorded", year);
	CHECK_INT(year[IND_REVIEW].den, 5);
	/* the catalogue's amount for a citizen lowered from 50000 to 500: the
	 * fine of 900 (as recorded, before its correction) is a major
	 * decision now, decided without review (the fine of 1000 was revoked,
	 * the decision made again names no penalty) */
	struct proc_registry *reg = fx_procedures_with(&x.f, "review_fine_citizen 50000",
							"review_fine_citizen 500");
	REQUIRE(reg);
	x.f.cfg.procs = reg;
	REQUIRE(app_basis_check(&x.f.cli, &marked, &x.e) == FZ_OK);
	CHECK(marked);
	CHECK_INT(fx_count(&x.f, "indicator_stale"), fx_count(&x.f, "cases"));
	every_way(&x, "after the config changed", year);
	CHECK_INT(year[IND_REVIEW].den, 6);
	CHECK_INT(year[IND_REVIEW].num, 3);
	/* the same config again: nothing marked */
	REQUIRE(app_basis_check(&x.f.cli, &marked, &x.e) == FZ_OK);
	CHECK(!marked);
	CHECK_INT(fx_count(&x.f, "indicator_stale"), 0);
	x.f.cfg.procs = NULL;
	proc_registry_free(reg);
	fx_close(&x.f);
}
