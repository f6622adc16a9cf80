/* case_test.c - cases through the app layer: opening and every step pass
 * the procedure engine in one transaction; a blocked gate writes nothing
 * but its audit record; numbers run per agency and year; scope holds. */
#include <stdio.h>
#include <string.h>

#include "app/calendar.h"
#include "app/case.h"
#include "app/case_status.h"
#include "app/ledger_verify.h"
#include "app/people.h"
#include "app/tx.h"
#include "base/fault.h"
#include <sqlite3.h>
#include "case_fixture.h"
#include "fixture.h"
#include "t.h"

TEST(case_open_past_the_limitation_period_is_refused_and_writes_nothing)
{
	struct cx x;
	struct fz_error e;
	struct case_check check = { 0 };
	REQUIRE(cx_open(&x));
	int64_t audits = fx_audit_count(&x.f);
	CHECK_INT(open_case(&x, "2023-06-01", NULL, &check, &e), FZ_CONFLICT);
	CHECK_STR(e.field, "limitation");
	CHECK_CONTAINS(e.message, "时效");
	CHECK_INT(fx_count(&x.f, "cases"), 0);
	CHECK_INT(fx_count(&x.f, "case_events"), 0);
	CHECK_INT(fx_audit_count(&x.f), audits + 1); /* the refusal itself */
	CHECK(check.n > 0);
	fx_close(&x.f);
}

TEST(case_numbers_run_per_agency_and_year_without_gaps)
{
	struct cx x;
	struct fz_error e;
	struct enf_case a, b;
	REQUIRE(cx_open(&x));
	REQUIRE(open_case(&x, "2025-11-01", &a, NULL, &e) == FZ_OK);
	CHECK_INT(open_case(&x, "2023-06-01", NULL, NULL, &e), FZ_CONFLICT); /* refused */
	REQUIRE(open_case(&x, "2025-11-02", &b, NULL, &e) == FZ_OK);
	CHECK_STR(a.number, "海原县自然资源罚立〔2025〕1号");
	CHECK_STR(b.number, "海原县自然资源罚立〔2025〕2号");
	CHECK_STR(a.state, "open");
	CHECK_STR(a.opened_on, "2025-12-20");
	fx_close(&x.f);
}

TEST(investigation_needs_two_certified_officers_assistants_do_not_count)
{
	struct cx x;
	struct fz_error e;
	struct enf_case c;
	REQUIRE(cx_open(&x));
	REQUIRE(open_case(&x, "2025-11-01", &c, NULL, &e) == FZ_OK);
	REQUIRE(approve_opening(&x, c.id, &e) == FZ_OK);
	static const struct case_field rec[] = { { "record", "现场检查笔录" } };
	int64_t with_assistant[2] = { x.officer.user->person_id, x.f.assistant };
	struct case_step_input inv = { .reason = "补录：测试数据按发生日期录入", .step = "investigate", .on = "2025-12-22", .fields = rec,
				       .nfields = 1, .officers = with_assistant, .nofficers = 2 };
	struct case_check check = { 0 };
	CHECK_INT(app_case_act(&x.officer, c.id, &inv, NULL, &check, &e), FZ_CONFLICT);
	CHECK_STR(e.field, "certified_officers");
	CHECK_CONTAINS(e.message, "执法证");
	CHECK_INT(fx_count(&x.f, "case_events"), 2);
	int64_t two[2] = { x.officer.user->person_id, x.officer_c };
	inv.officers = two;
	CHECK_INT(app_case_act(&x.officer, c.id, &inv, NULL, &check, &e), FZ_OK);
	CHECK_INT(fx_count(&x.f, "case_events"), 3);
	struct enf_case now;
	CHECK_INT(app_case_get(&x.officer, c.id, &now, &e), FZ_OK);
	CHECK_STR(now.state, "investigate");
	fx_close(&x.f);
}

/* A step that waited (for the lock, or a retry) while a later-arriving
 * step of the same case committed is recorded at that step's time, never
 * before it: the record stays in time order and the ledger verifies. */
TEST(case_step_that_arrived_earlier_but_commits_later_keeps_the_record_in_time_order)
{
	struct cx x;
	struct fz_error e;
	struct enf_case c;
	struct case_event ev;
	REQUIRE(cx_open(&x));
	REQUIRE(open_case(&x, "2025-11-01", &c, NULL, &e) == FZ_OK);
	x.head.now = x.officer.now + 60;
	REQUIRE(approve_opening(&x, c.id, &e) == FZ_OK);
	static const struct case_field rec[] = { { "record", "现场检查笔录" } };
	int64_t two[2] = { x.officer.user->person_id, x.officer_c };
	struct case_step_input inv = { .reason = "补录：测试数据按发生日期录入",
				       .step = "investigate", .on = "2025-12-22", .fields = rec,
				       .nfields = 1, .officers = two, .nofficers = 2 };
	REQUIRE(app_case_act(&x.officer, c.id, &inv, &ev, NULL, &e) == FZ_OK);
	CHECK_INT(ev.at, x.head.now);
	struct ledger_verify_report r;
	CHECK_INT(app_ledger_verify(&x.f.cli, x.f.data_dir, NULL, &r, &e), FZ_OK);
	CHECK(r.ok);
	CHECK_STR(r.problem, "");
	fx_close(&x.f);
}

TEST(case_content_is_outside_other_agencies_and_the_admins)
{
	struct cx x;
	struct fz_error e;
	struct enf_case c, got;
	struct app_ctx other, sup, sys, aud;
	REQUIRE(cx_open(&x));
	REQUIRE(open_case(&x, "2025-11-01", &c, NULL, &e) == FZ_OK);
	fx_as(&x.f, &other, ROLE_OFFICER, x.f.market);
	fx_as(&x.f, &sup, ROLE_SUPERVISOR, x.f.justice);
	fx_as(&x.f, &sys, ROLE_SYSADMIN, 0);
	fx_as(&x.f, &aud, ROLE_AUDITOR, 0);
	CHECK_INT(app_case_get(&other, c.id, &got, &e), FZ_NOTFOUND);
	CHECK_INT(app_case_get(&sup, c.id, &got, &e), FZ_OK);
	CHECK_INT(app_case_get(&sys, c.id, &got, &e), FZ_FORBIDDEN);
	CHECK_INT(app_case_get(&aud, c.id, &got, &e), FZ_FORBIDDEN);
	/* The supervisor reads but does not act. */
	static const struct case_field rec[] = { { "record", "笔录" } };
	struct case_step_input inv = { .step = "investigate", .fields = rec, .nfields = 1 };
	CHECK_INT(app_case_act(&sup, c.id, &inv, NULL, NULL, &e), FZ_FORBIDDEN);
	fx_close(&x.f);
}

TEST(case_view_lists_next_steps_and_running_clocks)
{
	struct cx x;
	struct fz_error e;
	struct enf_case c;
	struct case_view v;
	REQUIRE(cx_open(&x));
	REQUIRE(open_case(&x, "2025-11-01", &c, NULL, &e) == FZ_OK);
	/* Registered, not yet approved: the head's 立案审批 comes first and
	 * the case period has not started. */
	REQUIRE(app_case_view(&x.officer, c.id, &v, &e) == FZ_OK);
	for (size_t i = 0; i < v.noptions; i++)
		if (strcmp(v.options[i].step->id, "investigate") == 0)
			CHECK(!v.options[i].available);
	for (size_t i = 0; i < v.nclocks; i++)
		if (strcmp(v.clocks[i].clock->id, "case_handling") == 0)
			CHECK_INT(v.clocks[i].state, CASE_CLOCK_NOT_STARTED);
	REQUIRE(approve_opening(&x, c.id, &e) == FZ_OK);
	REQUIRE(app_case_view(&x.officer, c.id, &v, &e) == FZ_OK);
	CHECK_INT(v.events.n, 2);
	bool can_investigate = false;
	for (size_t i = 0; i < v.noptions; i++)
		if (strcmp(v.options[i].step->id, "investigate") == 0)
			can_investigate = v.options[i].available;
	CHECK(can_investigate);
	bool handling = false;
	for (size_t i = 0; i < v.nclocks; i++)
		if (strcmp(v.clocks[i].clock->id, "case_handling") == 0) {
			handling = true;
			CHECK_INT(v.clocks[i].state, CASE_CLOCK_RUNNING);
			/* 90 days from 2025-12-20 (not counted): 2026-03-20. */
			CHECK_STR(v.clocks[i].deadline.due, "2026-03-20");
		}
	CHECK(handling);
	fx_close(&x.f);
}

/* It is December 2026: a case opened and approved on 1 December, whose
 * 90-day 办案期限 runs into 2027, which the calendar does not cover yet
 * (provisionally 2027-03-01). */
static enum fz_err december_case(struct cx *x, struct enf_case *c, struct fz_error *e)
{
	x->officer.now = x->f.cli.now = x->head.now = 1796515200; /* 2026-12-05 08:00 China */
	snprintf(x->officer.today, sizeof x->officer.today, "2026-12-05");
	snprintf(x->f.cli.today, sizeof x->f.cli.today, "2026-12-05");
	snprintf(x->head.today, sizeof x->head.today, "2026-12-05");
	int64_t officers[2] = { x->officer.user->person_id, x->officer_c };
	struct case_input in = { .procedure = "penalty_general", .domain = "自然资源",
				 .title = "非法占用土地案", .party_kind = PARTY_ORGANISATION,
				 .party_name = "海原县某建材有限公司", .act_date = "2026-11-20" };
	struct case_step_input open = { .reason = "补录：测试数据按发生日期录入", .step = "open",
					.on = "2026-12-01", .fields = open_fields, .nfields = 2,
					.officers = officers, .nofficers = 2 };
	struct case_step_input approve = { .reason = "补录：测试数据按发生日期录入",
					   .step = "approve_opening", .on = "2026-12-01" };
	enum fz_err rc = app_case_open(&x->officer, &in, &open, c, NULL, e);
	return rc ? rc : app_case_act(&x->head, c->id, &approve, NULL, NULL, e);
}

TEST(loading_a_new_year_recomputes_provisional_deadlines_and_audits_each)
{
	struct cx x;
	struct fz_error e;
	struct enf_case c;
	struct case_view v;
	REQUIRE(cx_open(&x));
	REQUIRE(december_case(&x, &c, &e) == FZ_OK);
	REQUIRE(app_case_view(&x.officer, c.id, &v, &e) == FZ_OK);
	const struct case_clock *h = NULL;
	for (size_t i = 0; i < v.nclocks; i++)
		if (strcmp(v.clocks[i].clock->id, "case_handling") == 0)
			h = &v.clocks[i];
	REQUIRE(h);
	CHECK_STR(h->deadline.due, "2027-03-01");
	CHECK(h->deadline.provisional);

	/* The State Council publishes 2027; say 1 March is a day off. */
	static const char year2027[] = "year 2027 source 测试用安排\n2027-03-01 off 测试假日\n";
	int64_t audits = fx_count(&x.f, "audit_log");
	REQUIRE(app_calendar_load_text(&x.f.cli, year2027, sizeof year2027 - 1, "test", NULL, &e) ==
		FZ_OK);
	REQUIRE(app_case_view(&x.officer, c.id, &v, &e) == FZ_OK);
	for (size_t i = 0; i < v.nclocks; i++)
		if (strcmp(v.clocks[i].clock->id, "case_handling") == 0)
			h = &v.clocks[i];
	CHECK_STR(h->deadline.due, "2027-03-02");
	CHECK(!h->deadline.provisional);
	/* One record for the load, one for the moved deadline. */
	CHECK_INT(fx_count(&x.f, "audit_log"), audits + 2);
	struct audit_list al;
	struct audit_filter flt = { .action = "case.deadline" };
	struct page pg = { 0, 10 };
	REQUIRE(x.f.st->ops->audit_list(x.f.st, x.f.a, &flt, pg, &al, &e) == FZ_OK);
	REQUIRE(al.n == 1);
	CHECK_CONTAINS(al.items[0].message, "办案期限");
	fx_close(&x.f);
}

/* The walk over open cases after a calendar change reads them in batches
 * (keyset, an arena per batch): every case is reached once, however many
 * batches, and the preview's list keeps each case's number after its
 * batch is gone. */
TEST(a_calendar_change_reaches_every_open_case_across_the_walks_batches)
{
	struct cx x;
	struct fz_error e;
	struct enf_case c;
	REQUIRE(cx_open(&x));
	REQUIRE(december_case(&x, &c, &e) == FZ_OK);
	/* copies of its record straight through the store: more open cases
	 * than two of the walk's batches of 200, each with the same
	 * provisional 办案期限 (2027-03-01) */
	struct app_ctx *cli = &x.f.cli;
	struct case_event_list ev;
	REQUIRE(x.f.st->ops->case_events(x.f.st, x.f.a, &cli->scope, c.id, &ev, &e) == FZ_OK);
	enum { COPIES = 430 };
	int64_t first_copy = 0, last_copy = 0;
	for (int k = 0; k < COPIES; k++) {
		struct enf_case d;
		REQUIRE(app_case_get(cli, c.id, &d, &e) == FZ_OK);
		struct case_numbering num = { "海原县自然资源", "罚立", 2026 };
		d.id = 0;
		REQUIRE(x.f.st->ops->case_insert(x.f.st, x.f.a, &d, &num, &e) == FZ_OK);
		for (size_t i = 0; i < ev.n; i++) {
			struct case_event copy = ev.items[i];
			copy.case_id = d.id;
			copy.id = 0;
			REQUIRE(x.f.st->ops->case_event_append(x.f.st, &copy, &e) == FZ_OK);
		}
		if (!first_copy)
			first_copy = d.id;
		last_copy = d.id;
	}
	/* the preview's list of moves, then the load itself */
	struct calendar old, now;
	REQUIRE(app_calendar_get(cli, &old, &e) == FZ_OK);
	static const char year2027[] = "year 2027 source 测试用安排\n2027-03-01 off 测试假日\n";
	REQUIRE(app_calendar_load_text(cli, year2027, sizeof year2027 - 1, "test", NULL, &e) ==
		FZ_OK);
	REQUIRE(app_calendar_get(cli, &now, &e) == FZ_OK);
	struct deadline_move *moves;
	size_t nmoves;
	REQUIRE(app_case_deadlines_moved(cli, &old, &now, &moves, &nmoves, &e) == FZ_OK);
	CHECK_INT(nmoves, COPIES + 1);
	/* newest first; the numbers outlive the batches they were read in */
	struct enf_case newest, oldest;
	REQUIRE(app_case_get(cli, last_copy, &newest, &e) == FZ_OK);
	REQUIRE(app_case_get(cli, c.id, &oldest, &e) == FZ_OK);
	CHECK_INT(moves[0].case_id, last_copy);
	CHECK_STR(moves[0].case_number, newest.number);
	CHECK_INT(moves[nmoves - 1].case_id, c.id);
	CHECK_STR(moves[nmoves - 1].case_number, oldest.number);
	CHECK_STR(moves[nmoves - 1].due_after, "2027-03-02");
	for (size_t i = 1; i < nmoves; i++)
		CHECK(moves[i].case_id < moves[i - 1].case_id);
	/* the load audited each case's moved deadline once */
	struct audit_list al;
	struct audit_filter flt = { .action = "case.deadline" };
	struct page pg = { 0, 10 };
	REQUIRE(x.f.st->ops->audit_list(x.f.st, x.f.a, &flt, pg, &al, &e) == FZ_OK);
	CHECK_INT(al.total, COPIES + 1);
	struct case_view v;
	REQUIRE(app_case_view(&x.officer, first_copy, &v, &e) == FZ_OK);
	for (size_t i = 0; i < v.nclocks; i++)
		if (strcmp(v.clocks[i].clock->id, "case_handling") == 0)
			CHECK_STR(v.clocks[i].deadline.due, "2027-03-02");
	fx_close(&x.f);
}

TEST(case_status_follows_each_step_and_is_refreshed_on_a_later_day)
{
	struct cx x;
	struct fz_error e;
	struct enf_case c;
	struct case_status cs;
	REQUIRE(cx_open(&x));
	REQUIRE(open_case(&x, "2025-11-01", &c, NULL, &e) == FZ_OK);
	/* Written with the opening: it waits for the head's 立案审批. */
	REQUIRE(x.f.st->ops->case_status_get(x.f.st, x.f.a, c.id, &cs, &e) == FZ_OK);
	CHECK_STR(cs.computed_on, x.officer.today);
	CHECK_STR(cs.awaits[case_status_role_index(ROLE_HEAD)], "approve_opening");
	CHECK(cs.awaits_roles & ROLE_HEAD);
	CHECK_STR(cs.next_due_clock, "opening");
	struct case_list q;
	const struct proc_step **steps;
	struct page pg = { 0, 20 };
	REQUIRE(app_case_queue(&x.head, ROLE_HEAD, pg, &q, &steps, &e) == FZ_OK);
	CHECK_INT(q.total, 1);
	CHECK_STR(steps[0]->label, "立案审批");
	/* Approved: nothing waits for the head; the case period runs. */
	REQUIRE(approve_opening(&x, c.id, &e) == FZ_OK);
	REQUIRE(x.f.st->ops->case_status_get(x.f.st, x.f.a, c.id, &cs, &e) == FZ_OK);
	CHECK(!(cs.awaits_roles & ROLE_HEAD));
	CHECK_STR(cs.next_due_clock, "case_handling");
	REQUIRE(app_case_queue(&x.head, ROLE_HEAD, pg, &q, &steps, &e) == FZ_OK);
	CHECK_INT(q.total, 0);
	/* Days pass without a decision: read on a later day, the status is
	 * recomputed first and the case counts as overdue. */
	struct case_todo t;
	REQUIRE(app_case_todo(&x.officer, 3, &t, &e) == FZ_OK);
	int64_t overdue_before = t.overdue;
	snprintf(x.officer.today, sizeof x.officer.today, "2026-12-01");
	REQUIRE(app_case_todo(&x.officer, 3, &t, &e) == FZ_OK);
	CHECK_INT(t.overdue, overdue_before + 1);
	REQUIRE(x.f.st->ops->case_status_get(x.f.st, x.f.a, c.id, &cs, &e) == FZ_OK);
	CHECK_STR(cs.computed_on, "2026-12-01");
	CHECK(cs.overdue);
	/* A list filtered on it agrees. */
	struct case_filter late = { .overdue = true };
	struct case_list l;
	REQUIRE(app_case_list(&x.officer, &late, pg, &l, &e) == FZ_OK);
	CHECK_INT(l.total, 1);
	CHECK(l.items[0].id == c.id);
	fx_close(&x.f);
}

/* A server asked to stop (cli/periodic.c sets the flag its rounds see)
 * refreshes no further batch of statuses: SIGTERM is not held up by a
 * refresh of every open case of a province; the rest waits for the next
 * round, which finds the statuses still of the earlier day. */
TEST(status_refresh_gives_up_between_batches_when_the_server_is_stopping)
{
	struct cx x;
	struct fz_error e;
	struct enf_case c;
	struct case_status cs;
	REQUIRE(cx_open(&x));
	REQUIRE(open_case(&x, "2025-11-01", &c, NULL, &e) == FZ_OK);
	snprintf(x.officer.today, sizeof x.officer.today, "2026-12-01");
	atomic_bool stop = true;
	int64_t n = -1;
	x.officer.stop_asked = &stop;
	REQUIRE(app_case_status_refresh(&x.officer, &n, &e) == FZ_OK);
	CHECK_INT(n, 0);
	REQUIRE(x.f.st->ops->case_status_get(x.f.st, x.f.a, c.id, &cs, &e) == FZ_OK);
	CHECK(strcmp(cs.computed_on, "2026-12-01") != 0);
	/* the next round, not stopping, does it */
	atomic_store(&stop, false);
	REQUIRE(app_case_status_refresh(&x.officer, &n, &e) == FZ_OK);
	CHECK_INT(n, 1);
	REQUIRE(x.f.st->ops->case_status_get(x.f.st, x.f.a, c.id, &cs, &e) == FZ_OK);
	CHECK_STR(cs.computed_on, "2026-12-01");
	x.officer.stop_asked = NULL;
	fx_close(&x.f);
}

/* The total a case list gives is the same whether the page had to count
 * (a full page: the count runs, without the status join unless a filter
 * reads the status) or could tell it (a short page: offset + rows), for
 * filters on the case and on its status alike. */
TEST(case_list_total_is_the_same_counted_or_told_with_and_without_status_filters)
{
	struct cx x;
	struct fz_error e;
	struct enf_case c;
	REQUIRE(cx_open(&x));
	for (int i = 0; i < 3; i++)
		REQUIRE(open_case(&x, "2025-11-01", &c, NULL, &e) == FZ_OK);
	snprintf(x.officer.today, sizeof x.officer.today, "2026-12-01");
	struct case_filter filters[] = {
		{ 0 },
		{ .closed = 2 },
		{ .state = c.state },
		{ .q = c.number },
		{ .overdue = true },
		{ .awaits = ROLE_HEAD },
		{ .sort = { CASE_SORT_DUE, true } },
	};
	for (size_t i = 0; i < sizeof filters / sizeof filters[0]; i++) {
		struct case_list full, told;
		REQUIRE(app_case_list(&x.officer, &filters[i], (struct page){ 0, 1 }, &full, &e) ==
			FZ_OK);
		REQUIRE(app_case_list(&x.officer, &filters[i], (struct page){ 0, 200 }, &told, &e) ==
			FZ_OK);
		CHECK_INT(full.total, told.total);
		CHECK_INT(told.total, (int64_t)told.n);
		CHECK(full.total > 0);
	}
	fx_close(&x.f);
}

/* The rows of the tables a case step writes (all append-only, so an
 * equal total means nothing was written): one connection, one query. */
static int64_t rows_kept(struct cx *x)
{
	sqlite3 *db;
	sqlite3_stmt *s = NULL;
	int64_t n = -1;
	if (sqlite3_open_v2(x->f.db, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
	    sqlite3_prepare_v2(db,
			       "SELECT (SELECT count(*) FROM cases) + (SELECT count(*) FROM "
			       "case_events) + (SELECT count(*) FROM case_event_fields) + "
			       "(SELECT count(*) FROM ledger_leaves) + (SELECT count(*) FROM "
			       "documents) + (SELECT count(*) FROM case_headers)",
			       -1, &s, NULL) == SQLITE_OK &&
	    sqlite3_step(s) == SQLITE_ROW)
		n = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	sqlite3_close(db);
	return n;
}

/* Allocation failure (base/fault.h) at every point of opening a case,
 * then of approving it: each attempt that meets a failure reports an
 * error and leaves nothing of itself in any table; the first attempt that
 * meets none stores all of it, with number 1 (no number lost to the
 * failed attempts), and the ledger verifies. */
TEST(case_open_and_approval_under_allocation_failure_store_all_or_nothing)
{
	struct cx x;
	REQUIRE(cx_open(&x));
	struct enf_case c = { 0 };
	struct fz_error e = { 0 };
	enum fz_err rc = FZ_NOMEM;
	int failed = 0, bad = 0;
	for (int step = 0; step < 2; step++) {
		rc = FZ_NOMEM;
		/* every n up to 150, then in steps of an eighth */
		for (long n = 0; rc != FZ_OK && n < 10000000; n += n < 150 ? 1 : n / 8) {
			int64_t before = rows_kept(&x);
			fault_alloc_after(n);
			rc = step == 0 ? open_case(&x, "2025-11-01", &c, NULL, &e)
				       : approve_opening(&x, c.id, &e);
			bool hit = fault_alloc_off();
			if (rc == FZ_OK)
				break;
			failed++;
			bool same = rows_kept(&x) == before;
			if ((!hit || !same) && bad++ < 5)
				t_fail(__FILE__, __LINE__,
				       "step %d, allocation %ld failing: %s (%s)%s%s", step, n,
				       fz_err_name(rc), e.message, hit ? "" : ", no failure met",
				       same ? "" : ", something was written");
		}
		CHECK_INT(rc, FZ_OK);
	}
	CHECK(failed > 150);
	CHECK_STR(c.number, "海原县自然资源罚立〔2025〕1号");
	CHECK_INT(fx_count(&x.f, "cases"), 1);
	CHECK_INT(fx_count(&x.f, "documents"), 1); /* the approval form */
	struct ledger_verify_report r;
	CHECK_INT(app_ledger_verify(&x.f.cli, x.f.data_dir, NULL, &r, &e), FZ_OK);
	CHECK(r.ok);
	fx_close(&x.f);
}

/* The status row and duties of case id as stored, in a (duties by ord). */
static void status_read(struct cx *x, int64_t id, struct case_status *cs,
			struct case_duty_list *duties)
{
	struct fz_error e;
	REQUIRE(x->f.st->ops->case_status_get(x->f.st, x->f.a, id, cs, &e) == FZ_OK);
	REQUIRE(x->f.st->ops->case_duties_of(x->f.st, x->f.a, &id, 1, duties, &e) == FZ_OK);
}


static const struct case_field f_record[] = { { "record", "现场检查笔录" } };
static const struct case_field f_pres_ok[] = { { "items", "施工机械 2 台" },
					     { "reasons", "证据可能灭失" } };
static const struct case_field f_pres[] = { { "items", "施工机械 2 台" }, { "place", "现场" } };

/* A step's status is computed over the events it read and the one it
 * appended, not read again: after each step of a varied case it equals
 * the status computed afresh from the stored events alone. */
TEST(case_status_written_by_a_step_equals_the_status_from_the_stored_events)
{
	struct cx x;
	struct fz_error e;
	struct enf_case c;
	REQUIRE(cx_open(&x));
	REQUIRE(open_case(&x, "2025-11-01", &c, NULL, &e) == FZ_OK);
	static const struct case_field item[] = { { "item", "土地测绘" } };
	static const struct case_field concl[] = { { "conclusion", "占地 1200 平方米" } };
	const struct step_row steps[] = {
		{ &x.head, "approve_opening", "2025-12-20", NULL, 0, false },
		{ &x.officer, "investigate", "2025-12-22", f_record, 1, true },
		{ &x.officer, "appraisal", "2025-12-23", item, 1, false },
		{ &x.head, "preservation_approval", "2025-12-24", f_pres_ok, 2, false },
		{ &x.officer, "preservation", "2025-12-24", f_pres, 2, true },
		{ &x.officer, "appraisal_result", "2025-12-29", concl, 1, false },
		{ &x.head, "extend_case", "2025-12-30", NULL, 0, false },
		{ &x.officer, "investigate", "2025-12-31", f_record, 1, true },
	};
	for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
		if (!take_row(&x, c.id, &steps[i]))
			break;
		struct case_status by_step, afresh;
		struct case_duty_list d1, d2;
		struct enf_case now;
		status_read(&x, c.id, &by_step, &d1);
		REQUIRE(x.f.st->ops->case_get(x.f.st, x.f.a, &x.officer.scope, c.id, &now, &e) ==
			FZ_OK);
		REQUIRE(app_tx_begin(&x.officer, &e) == FZ_OK);
		REQUIRE(app_case_status_write(&x.officer, &now, &e) == FZ_OK);
		REQUIRE(app_tx_commit(&x.officer, &e) == FZ_OK);
		status_read(&x, c.id, &afresh, &d2);
		for (int r = 0; r < CASE_STATUS_ROLES; r++)
			CHECK_STR(by_step.awaits[r], afresh.awaits[r]);
		CHECK_INT(by_step.awaits_roles, afresh.awaits_roles);
		CHECK_STR(by_step.next_due, afresh.next_due);
		CHECK_STR(by_step.next_due_clock, afresh.next_due_clock);
		CHECK_INT(by_step.overdue, afresh.overdue);
		CHECK_STR(by_step.review_due, afresh.review_due);
		CHECK_INT(by_step.acts_open, afresh.acts_open);
		CHECK_INT(by_step.settled, afresh.settled);
		CHECK_INT(d1.n, d2.n);
		for (size_t k = 0; k < d1.n && k < d2.n; k++) {
			CHECK_STR(d1.items[k].clock, d2.items[k].clock);
			CHECK_STR(d1.items[k].due, d2.items[k].due);
			CHECK_INT(d1.items[k].running, d2.items[k].running);
		}
	}
	/* not vacuous: the case runs clocks and waits for someone */
	struct case_status last;
	struct case_duty_list d;
	status_read(&x, c.id, &last, &d);
	CHECK(d.n > 0);
	CHECK_INT(fx_count(&x.f, "case_events"), 9);
	fx_close(&x.f);
}

/* The store's document_list, counted while a test swaps it in. */
static enum fz_err (*listing)(struct store *st, struct arena *a, const struct scope *sc,
			      int64_t case_id, struct case_document_list *out,
			      struct fz_error *e);
static int listed;

static enum fz_err counted_list(struct store *st, struct arena *a, const struct scope *sc,
				int64_t case_id, struct case_document_list *out,
				struct fz_error *e)
{
	listed++;
	return listing(st, a, sc, case_id, out, e);
}

/* A step's status judges by the documents its gates read, unless the step
 * has inserted one since: then they are read again (a stale list would
 * miss the step's own document). Counted: one list for a step that draws
 * nothing (its gates'; its status reads none), five for one that draws
 * (the rehearsal's gates and drawing, the gates and drawing of the real
 * run, and its status after the insert: four when the status reuses the
 * stale list); the status equal to one computed afresh is
 * case_status_written_by_a_step_equals_the_status_from_the_stored_events. */
TEST(case_step_status_reads_the_documents_again_only_after_inserting_one)
{
	struct cx x;
	struct fz_error e;
	struct enf_case c;
	REQUIRE(cx_open(&x));
	REQUIRE(open_case(&x, "2025-11-01", &c, NULL, &e) == FZ_OK);
	struct store_ops ops = *x.f.st->ops;
	const struct store_ops *was = x.f.st->ops;
	listing = ops.document_list;
	ops.document_list = counted_list;
	x.f.st->ops = &ops;
	const struct {
		struct step_row row;
		int lists, documents;
	} steps[] = {
		{ { &x.head, "approve_opening", "2025-12-20", NULL, 0, false }, 5, 1 },
		{ { &x.officer, "investigate", "2025-12-22", f_record, 1, true }, 1, 0 },
		{ { &x.head, "preservation_approval", "2025-12-24", f_pres_ok, 2, false }, 1, 0 },
		{ { &x.officer, "preservation", "2025-12-24", f_pres, 2, true }, 5, 1 },
		{ { &x.officer, "investigate", "2025-12-31", f_record, 1, true }, 1, 0 },
	};
	for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
		int64_t documents = fx_count(&x.f, "documents");
		listed = 0;
		if (!take_row(&x, c.id, &steps[i].row))
			break;
		int64_t made = fx_count(&x.f, "documents") - documents;
		if (listed != steps[i].lists || made != steps[i].documents)
			t_fail(__FILE__, __LINE__, "%s: %d lists, %lld documents",
			       steps[i].row.step, listed, (long long)made);
	}
	x.f.st->ops = was;
	fx_close(&x.f);
}
