/* case_rows_test.c - a case list draws each row from the derived status
 * (app_case_rows, store case_duties) and must say what the case page
 * says from the case's own events: for a built set of cases (overdue,
 * paused, due soon, a deadline moved by a correction, closed) and on
 * several days, every row's badges equal the case page's, and the
 * overdue flag the API lists equals the case's. */
#include <stdio.h>
#include <string.h>

#include "../app/fixture.h"
#include "app/case.h"
#include "app/case_status.h"
#include "http/api_case_input.h"
#include "http/page_case_kit.h"
#include "t.h"

struct rx {
	struct fx f;
	struct app_ctx officer;
	int64_t self, other;
};

static bool rx_open(struct rx *x)
{
	if (!fx_open(&x->f))
		return false;
	int64_t uid = fx_user(&x->f, "rowsofficer", ROLE_OFFICER, x->f.natres, "Right#Pass1");
	x->other = fx_certified_officer(&x->f, 31);
	x->self = fx_certified_officer(&x->f, 32);
	fx_as(&x->f, &x->officer, ROLE_OFFICER, x->f.natres);
	x->officer.user->id = uid;
	x->officer.user->person_id = x->self;
	return uid && x->other && x->self;
}

static int64_t open_case(struct rx *x, const char *title)
{
	static const struct case_field fields[] = {
		{ "facts", "未经批准占用集体土地建设厂房" }, { "source", "巡查发现" },
	};
	int64_t officers[2] = { x->self, x->other };
	struct case_input in = { .procedure = "penalty_general", .domain = "自然资源",
				 .title = title, .party_kind = PARTY_ORGANISATION,
				 .party_name = "海原县某建材有限公司", .act_date = "2025-11-01" };
	struct case_step_input open = { .reason = "补录：测试数据按发生日期录入", .step = "open",
					.on = "2025-12-20", .fields = fields, .nfields = 2,
					.officers = officers, .nofficers = 2 };
	struct enf_case c;
	struct fz_error e = { 0 };
	if (app_case_open(&x->officer, &in, &open, &c, NULL, &e)) {
		t_fail(__FILE__, __LINE__, "open: %s", e.message);
		return 0;
	}
	return c.id;
}

/* An event written straight into the record (the engine's gates are not
 * what this test is about; the clocks read whatever the record holds). */
static int64_t ev(struct rx *x, int64_t case_id, const char *step, const char *on,
		  int64_t corrects, const char *k1, const char *v1, const char *k2, const char *v2)
{
	struct case_field f[2] = { { k1, v1 }, { k2, v2 } };
	int64_t officers[2] = { x->self, x->other };
	struct case_event e = { .case_id = case_id, .step = step, .corrects = corrects,
				.reason = corrects ? "送达日期记录有误" : "", .fields = f,
				.nfields = k2 ? 2 : k1 ? 1 : 0, .officers = officers,
				.nofficers = 2 };
	struct fz_error err = { 0 };
	snprintf(e.on, sizeof e.on, "%s", on);
	if (x->f.st->ops->case_event_append(x->f.st, &e, &err)) {
		t_fail(__FILE__, __LINE__, "%s: %s", step, err.message);
		return 0;
	}
	return e.id;
}

/* The duty of case id with clock in l's rows, or NULL. */
static const struct case_duty *duty_of(const struct case_list *l, const struct case_row *rows,
				       int64_t id, const char *clock)
{
	for (size_t i = 0; i < l->n; i++)
		for (size_t k = 0; l->items[i].id == id && k < rows[i].nduties; k++)
			if (!strcmp(rows[i].duties[k].clock, clock))
				return &rows[i].duties[k];
	return NULL;
}

/* On day `today`, every status stale (as after the calendar changed or a
 * record written outside a step): the rows agree with the case pages.
 * Returns the list and rows (arena) for further checks. */
static void rows_agree(struct rx *x, const char *today, struct case_list *l,
		       struct case_row **rows)
{
	struct fz_error e = { 0 };
	char soon[FZ_DATE_LEN];
	snprintf(x->officer.today, sizeof x->officer.today, "%s", today);
	REQUIRE(x->f.st->ops->case_status_invalidate(x->f.st, &e) == FZ_OK);
	REQUIRE(app_case_list(&x->officer, NULL, (struct page){ 0, 100 }, l, &e) == FZ_OK);
	REQUIRE(app_case_rows(&x->officer, l, rows, &e) == FZ_OK);
	REQUIRE(app_case_soon(&x->officer, CASE_TODO_SOON_WORKING_DAYS, soon, &e) == FZ_OK);
	for (size_t i = 0; i < l->n; i++) {
		struct case_view v;
		struct buf page = BUF_INIT, list = BUF_INIT;
		REQUIRE(app_case_view(&x->officer, l->items[i].id, &v, &e) == FZ_OK);
		case_clock_badges(&page, &v, today, soon);
		case_row_badges(&list, &l->items[i], &(*rows)[i], today, soon);
		CHECK_STR(buf_cstr(&list), buf_cstr(&page));
		CHECK((*rows)[i].overdue == case_view_overdue(&v));
		buf_release(&page);
		buf_release(&list);
	}
}

TEST(case_list_rows_agree_with_each_case_page_on_every_day)
{
	struct rx x;
	struct case_list l;
	struct case_row *rows;
	REQUIRE(rx_open(&x));
	/* overdue in time: the case period (90 days) runs from the approval */
	int64_t late = open_case(&x, "逾期案");
	ev(&x, late, "approve_opening", "2025-12-20", 0, NULL, NULL, NULL, NULL);
	/* paused: an appraisal suspends the case period */
	int64_t paused = open_case(&x, "中止案");
	ev(&x, paused, "approve_opening", "2025-12-20", 0, NULL, NULL, NULL, NULL);
	ev(&x, paused, "appraisal", "2026-01-05", 0, "item", "土壤检测", NULL, NULL);
	/* a fine served: the payment period runs from served_on */
	int64_t fined = open_case(&x, "罚款案");
	ev(&x, fined, "approve_opening", "2025-12-20", 0, NULL, NULL, NULL, NULL);
	ev(&x, fined, "advance_notice", "2026-01-05", 0, "penalty", "fine", "amount", "5000");
	ev(&x, fined, "decision", "2026-02-02", 0, "penalty", "fine", "amount", "5000");
	int64_t served = ev(&x, fined, "service", "2026-02-03", 0, "method", "直接送达",
			    "served_on", "2026-02-03");
	/* still waiting for the head: only its opening approval period runs */
	open_case(&x, "待审批案");
	/* closed: no badge at all */
	int64_t closed = open_case(&x, "已结案");
	ev(&x, closed, "decline_opening", "2025-12-21", 0, "reasons", "不符合立案条件", NULL, NULL);
	struct enf_case cc;
	struct fz_error e = { 0 };
	REQUIRE(x.f.st->ops->case_get(x.f.st, x.f.a, &x.officer.scope, closed, &cc, &e) == FZ_OK);
	cc.closed = true;
	REQUIRE(x.f.st->ops->case_update(x.f.st, &cc, &e) == FZ_OK);

	const char *days[] = { "2026-01-02", "2026-02-10", "2026-02-20", "2026-03-19",
			       "2026-04-01", "2026-06-30" };
	for (size_t d = 0; d < sizeof days / sizeof days[0]; d++)
		rows_agree(&x, days[d], &l, &rows);
	/* and what the rows hold is the point of each case */
	CHECK_INT(l.total, 5);
	const struct case_duty *h = duty_of(&l, rows, late, "case_handling");
	REQUIRE(h);
	CHECK(h->overdue && h->running);
	h = duty_of(&l, rows, paused, "case_handling");
	REQUIRE(h);
	CHECK(!h->running && !h->overdue);
	CHECK(!duty_of(&l, rows, closed, "opening"));
	const struct case_duty *pay = duty_of(&l, rows, fined, "payment");
	REQUIRE(pay);
	char before[FZ_DATE_LEN];
	memcpy(before, pay->due, FZ_DATE_LEN);

	/* The head corrects the day of service: the payment period moves, and
	 * the list says so as the case page does. */
	ev(&x, fined, "correction", "2026-02-12", served, "served_on", "2026-02-12", NULL, NULL);
	rows_agree(&x, "2026-02-20", &l, &rows);
	pay = duty_of(&l, rows, fined, "payment");
	REQUIRE(pay);
	CHECK(strcmp(pay->due, before) > 0);
	fx_close(&x.f);
}

TEST(a_step_rewrites_the_duties_the_list_shows_in_its_own_transaction)
{
	struct rx x;
	struct case_list l;
	struct case_row *rows;
	struct fz_error e = { 0 };
	REQUIRE(rx_open(&x));
	int64_t id = open_case(&x, "待审批案");
	REQUIRE(app_case_list(&x.officer, NULL, (struct page){ 0, 20 }, &l, &e) == FZ_OK);
	REQUIRE(l.n == 1);
	/* written with the opening itself: today's status, the opening
	 * approval period as its one duty */
	CHECK_STR(l.items[0].status_on, x.officer.today);
	REQUIRE(app_case_rows(&x.officer, &l, &rows, &e) == FZ_OK);
	REQUIRE(rows[0].nduties == 1);
	CHECK_STR(rows[0].duties[0].clock, "opening");
	/* the head approves: the opening period stops, the case period runs */
	struct app_ctx head;
	fx_as(&x.f, &head, ROLE_HEAD, x.f.natres);
	head.user->id = fx_user(&x.f, "rowshead", ROLE_HEAD, x.f.natres, "Right#Pass1");
	struct case_step_input approve = { .reason = "补录：测试数据按发生日期录入",
					   .step = "approve_opening", .on = "2025-12-20" };
	REQUIRE(app_case_act(&head, id, &approve, NULL, NULL, &e) == FZ_OK);
	REQUIRE(app_case_list(&x.officer, NULL, (struct page){ 0, 20 }, &l, &e) == FZ_OK);
	CHECK_STR(l.items[0].status_on, x.officer.today); /* the step wrote it: nothing to refresh */
	REQUIRE(app_case_rows(&x.officer, &l, &rows, &e) == FZ_OK);
	REQUIRE(rows[0].nduties == 1);
	CHECK_STR(rows[0].duties[0].clock, "case_handling");
	CHECK_STR(rows[0].duties[0].due, "2026-03-20");
	fx_close(&x.f);
}
