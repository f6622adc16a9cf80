/* publication_test.c - the publication clock and its indicators through
 * the app layer, on permit cases recorded on past days: a minor's
 * withheld publication is not due (no running clock, no alert, on
 * neither side of the on-time rate), an adult's permit decision is due in
 * 7 working days and counts in the rate (118号), and time to withdraw is
 * counted in working days like the 3-day limit it is held to. */
#include <stdio.h>
#include <string.h>

#include "app/calendar.h"
#include "app/case.h"
#include "app/case_status.h"
#include "app/indicators.h"
#include "base/date.h"
#include "base/ident.h"
#include "domain/clock.h"
#include "fixture.h"
#include "store/store.h"
#include "t.h"

struct px {
	struct fx f;
	struct app_ctx officer, head;
	int64_t officer_b;
};

static bool px_open(struct px *x)
{
	if (!fx_open(&x->f))
		return false;
	int64_t uid = fx_user(&x->f, "permitofficer", ROLE_OFFICER, x->f.natres, "Right#Pass1");
	int64_t self = fx_certified_officer(&x->f, 31);
	x->officer_b = fx_certified_officer(&x->f, 32);
	fx_as(&x->f, &x->officer, ROLE_OFFICER, x->f.natres);
	x->officer.user->id = uid;
	x->officer.user->username = "permitofficer";
	x->officer.actor = "permitofficer";
	x->officer.user->person_id = self;
	int64_t hid = fx_user(&x->f, "permithead", ROLE_HEAD, x->f.natres, "Right#Pass1");
	fx_as(&x->f, &x->head, ROLE_HEAD, x->f.natres);
	x->head.user->id = hid;
	x->head.user->username = "permithead";
	x->head.actor = "permithead";
	/* today: 2026-12-01, weeks after the decisions of these tests */
	for (struct app_ctx *c = &x->officer; c; c = c == &x->officer ? &x->head : NULL) {
		c->now = 1796090400;
		date_today(c->now, c->today);
	}
	return uid && hid && self && x->officer_b;
}

/* A permit applied for, accepted, verified and decided (granted) on the
 * given past days; returns the case id (0 after a recorded failure). */
static int64_t permit_decided(struct px *x, int party_kind, const char *party_id,
			      const char *name, const char *decided_on)
{
	struct fz_error e = { 0 };
	struct enf_case c;
	const char *why = "补录：按发生日期录入";
	int64_t officers[2] = { x->officer.user->person_id, x->officer_b };
	const struct case_field apply[] = { { "applicant", name }, { "matter", "临时用地许可" } };
	const struct case_field verify[] = { { "findings", "用地范围与申请一致。" } };
	const struct case_field decide[] = { { "outcome", "granted" } };
	struct case_input in = { .procedure = "permit", .domain = "自然资源",
				 .title = "临时用地许可", .party_kind = party_kind,
				 .party_name = name, .party_id = party_id,
				 .act_date = "2026-11-02" };
	struct case_step_input s = { .step = "apply", .on = "2026-11-02", .reason = why,
				     .fields = apply, .nfields = 2 };
	if (app_case_open(&x->officer, &in, &s, &c, NULL, &e))
		return t_fail(__FILE__, __LINE__, "apply: %s", e.message), 0;
	s = (struct case_step_input){ .step = "accept", .on = "2026-11-03", .reason = why };
	if (app_case_act(&x->officer, c.id, &s, NULL, NULL, &e))
		return t_fail(__FILE__, __LINE__, "accept: %s", e.message), 0;
	s = (struct case_step_input){ .step = "verify", .on = "2026-11-04", .reason = why,
				      .fields = verify, .nfields = 1, .officers = officers,
				      .nofficers = 2 };
	if (app_case_act(&x->officer, c.id, &s, NULL, NULL, &e))
		return t_fail(__FILE__, __LINE__, "verify: %s", e.message), 0;
	s = (struct case_step_input){ .step = "decide", .on = decided_on, .reason = why,
				      .fields = decide, .nfields = 1 };
	if (app_case_act(&x->head, c.id, &s, NULL, NULL, &e))
		return t_fail(__FILE__, __LINE__, "decide: %s", e.message), 0;
	const struct case_field served[] = { { "served_on", "2026-11-06" } };
	s = (struct case_step_input){ .step = "deliver", .on = "2026-11-06", .reason = why,
				      .fields = served, .nfields = 1 };
	if (app_case_act(&x->officer, c.id, &s, NULL, NULL, &e))
		return t_fail(__FILE__, __LINE__, "deliver: %s", e.message), 0;
	return c.id;
}

static const struct case_clock *publication_clock(struct px *x, int64_t id, struct case_view *v)
{
	struct fz_error e = { 0 };
	if (app_case_view(&x->officer, id, v, &e))
		return t_fail(__FILE__, __LINE__, "view: %s", e.message), NULL;
	for (size_t i = 0; i < v->nclocks; i++)
		if (strcmp(v->clocks[i].clock->id, "publication") == 0)
			return &v->clocks[i];
	return NULL;
}

static void rate(struct px *x, int64_t *num, int64_t *den)
{
	struct indicator out[IND_COUNT];
	struct indicator_query q = { .from = "2026-11-01", .to = "2026-11-30" };
	struct fz_error e = { 0 };
	*num = *den = -1;
	if (app_indicators(&x->head, &q, out, &e)) {
		t_fail(__FILE__, __LINE__, "indicators: %s", e.message);
		return;
	}
	*num = out[IND_PUBLICATION].num;
	*den = out[IND_PUBLICATION].den;
}

TEST(minor_withheld_publication_runs_no_clock_raises_no_alert_and_is_not_counted)
{
	struct px x;
	struct case_view v;
	struct case_status cs;
	struct fz_error e = { 0 };
	char rid[19];
	REQUIRE(px_open(&x));
	/* born 2012-03-15: fourteen on the day of the decision */
	const char *first17 = "64052220120315123";
	snprintf(rid, sizeof rid, "%s%c", first17, ident_resident_id_check_char(first17));
	int64_t id = permit_decided(&x, PARTY_CITIZEN, rid, "马小明", "2026-11-05");
	REQUIRE(id > 0);
	struct publication_list l;
	struct publication_filter f = { .status = -1 };
	const struct scope all = { .kind = SCOPE_ALL };
	REQUIRE(x.f.st->ops->publication_list(x.f.st, x.f.a, &f, &all, (struct page){ 0, 10 }, &l,
					      &e) == FZ_OK);
	REQUIRE(l.n == 1);
	CHECK_INT(l.items[0].status, PUB_WITHHELD);
	/* the clock does not run: not overdue weeks after its 7 working days */
	const struct case_clock *k = publication_clock(&x, id, &v);
	REQUIRE(k != NULL);
	CHECK_INT(k->state, CASE_CLOCK_NOT_APPLICABLE);
	CHECK(!k->overdue);
	/* no alert */
	REQUIRE(app_case_status(&x.officer, id, &cs, &e) == FZ_OK);
	CHECK(!cs.overdue);
	CHECK(strcmp(cs.overdue_clock ? cs.overdue_clock : "", "publication") != 0);
	CHECK(strcmp(cs.next_due_clock ? cs.next_due_clock : "", "publication") != 0);
	/* on neither side of the on-time rate */
	int64_t num, den;
	rate(&x, &num, &den);
	CHECK_INT(num, 0);
	CHECK_INT(den, 0);
	fx_close(&x.f);
}

TEST(permit_decisions_count_in_the_publication_on_time_rate)
{
	struct px x;
	struct case_view v;
	struct fz_error e = { 0 };
	struct case_status cs;
	char uscc[19];
	REQUIRE(px_open(&x));
	fx_uscc(77, uscc);
	int64_t id = permit_decided(&x, PARTY_ORGANISATION, uscc, "海原县某建材有限公司",
				    "2026-11-05");
	REQUIRE(id > 0);
	/* 7 working days from Thursday 2026-11-05: due Monday 11-16 */
	const struct case_clock *k = publication_clock(&x, id, &v);
	REQUIRE(k != NULL && k->started_by != NULL);
	CHECK_STR(k->deadline.due, "2026-11-16");
	CHECK(k->overdue);
	REQUIRE(app_case_status(&x.officer, id, &cs, &e) == FZ_OK);
	CHECK(cs.overdue);
	CHECK_STR(cs.overdue_clock, "publication");
	/* not published within its 7 working days: on the denominator only */
	int64_t num, den;
	rate(&x, &num, &den);
	CHECK_INT(num, 0);
	CHECK_INT(den, 1);
	fx_close(&x.f);
}

TEST(time_to_withdraw_counts_working_days_like_the_clock)
{
	struct fx f;
	struct calendar cal;
	struct fz_error e = { 0 };
	bool prov = false;
	REQUIRE(fx_open(&f));
	REQUIRE(app_calendar_get(&f.cli, &cal, &e) == FZ_OK);
	/* Friday → Monday: one working day, not three calendar days */
	CHECK_INT(clock_working_days_between(&cal, "2026-11-06", "2026-11-09", &prov), 1);
	/* the same day, a day before, a bad date: none */
	CHECK_INT(clock_working_days_between(&cal, "2026-11-06", "2026-11-06", NULL), 0);
	CHECK_INT(clock_working_days_between(&cal, "2026-11-09", "2026-11-06", NULL), 0);
	CHECK_INT(clock_working_days_between(&cal, "2026-11-06", "2026-13-01", NULL), 0);
	/* a 3-working-day clock from a Friday is due on the day the count
	 * reaches 3: the indicator and the clock agree */
	struct clock_input in;
	struct deadline d;
	clock_input_init(&in, "2026-11-06", CLOCK_WORKING_DAYS, 3);
	REQUIRE(clock_compute(&cal, &in, f.a, &d, &e) == FZ_OK);
	CHECK_INT(clock_working_days_between(&cal, "2026-11-06", d.due, NULL), 3);
	/* the definition says so */
	const struct indicator_def *defs = indicator_defs();
	CHECK(defs[IND_WITHDRAWAL].working_days);
	CHECK_CONTAINS(defs[IND_WITHDRAWAL].numerator, "工作日");
	fx_close(&f);
}
