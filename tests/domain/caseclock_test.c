/* caseclock_test.c - a case's clocks read from its events: not started,
 * running and overdue, met late, suspended and resumed, extended by part
 * of its extension, not applicable without a fine, provisional when the
 * period runs into a year the calendar does not cover, and explained;
 * party periods elapse (never overdue) and end when the party waives or
 * the decision is made; a domain's own period brings its own basis. */
#include "t.h"

#include "domain/caseclock.h"
#include "procedure_fx.h"

#define OFFICER ROLE_OFFICER
#define HEAD ROLE_HEAD
#define DECIDE "facts=f", "grounds=g", "basis=b"

static struct case_clock read_clock(struct walk *w, const char *id, const char *today)
{
	struct case_clock c;
	struct fz_error e = { 0 };
	memset(&c, 0, sizeof c);
	if (case_clock_compute(w->def, &w->cfg, w->ctx.cal, w->events, w->nevents,
			       proc_clock_find(w->def, id), today, w->a, &c, &e) != FZ_OK)
		t_fail(__FILE__, __LINE__, "%s: %s", id, e.message);
	return c;
}

TEST(case_clock_runs_from_its_starting_event_and_turns_overdue)
{
	struct walk w;
	walk_penalty_noticed(&w, PARTY_CITIZEN, "warning", NULL, NULL);
	struct case_clock c = read_clock(&w, "service", "2026-01-20");
	CHECK_INT(c.state, CASE_CLOCK_NOT_STARTED);
	WALK_OK(&w, walk_take(&w, HEAD, 7, "decision", "2026-01-20", NULL, DECIDE,
			      "penalty=warning", NULL));
	/* 7 working days from Tuesday 01-20: 01-29 */
	c = read_clock(&w, "service", "2026-01-29");
	CHECK_INT(c.state, CASE_CLOCK_RUNNING);
	CHECK_STR(c.deadline.due, "2026-01-29");
	CHECK(!c.overdue);
	c = read_clock(&w, "service", "2026-01-30");
	CHECK(c.overdue);
	WALK_OK(&w, walk_take(&w, OFFICER, 1, "service", "2026-02-02", NULL,
			      "served_on=2026-02-02", "method=邮寄送达", NULL));
	c = read_clock(&w, "service", "2026-02-03");
	CHECK_INT(c.state, CASE_CLOCK_STOPPED);
	CHECK(c.overdue); /* served late: stays on the record */
	walk_release(&w);
}

TEST(case_clock_payment_does_not_apply_to_a_warning)
{
	struct walk w;
	walk_penalty_noticed(&w, PARTY_CITIZEN, "warning", NULL, NULL);
	WALK_OK(&w, walk_take(&w, HEAD, 7, "decision", "2026-01-20", NULL, DECIDE,
			      "penalty=warning", NULL));
	WALK_OK(&w, walk_take(&w, OFFICER, 1, "service", "2026-01-21", NULL,
			      "served_on=2026-01-21", "method=直接送达", NULL));
	CHECK_INT(read_clock(&w, "payment", "2026-01-21").state, CASE_CLOCK_NOT_APPLICABLE);
	walk_release(&w);
}

TEST(case_clock_extension_may_be_shorter_than_allowed)
{
	struct walk w;
	walk_penalty_noticed(&w, PARTY_CITIZEN, "warning", NULL, NULL);
	WALK_OK(&w, walk_take(&w, HEAD, 7, "extend_case", "2026-01-20", NULL,
			      "@reason=待鉴定结论", "extend_by=10", NULL));
	struct case_clock c = read_clock(&w, "case_handling", "2026-01-20");
	/* 90 + 10 days from 01-05: 04-15 */
	CHECK_STR(c.deadline.due, "2026-04-15");
	CHECK_INT(c.nextensions, 1);
	walk_release(&w);
}

TEST(case_clock_into_an_uncovered_year_is_provisional_and_says_so)
{
	struct walk w;
	walk_init(&w, "penalty_general", PARTY_CITIZEN, "2026-10-01");
	WALK_OK(&w, walk_take(&w, OFFICER, 1, "open", "2026-12-01", WALK_TWO, "facts=f",
			      "source=s", NULL));
	WALK_OK(&w, walk_take(&w, HEAD, 5, "approve_opening", "2026-12-01", NULL, NULL));
	WALK_OK(&w, walk_take(&w, OFFICER, 1, "investigate", "2026-12-02", WALK_TWO, "record=r",
			      NULL));
	WALK_OK(&w, walk_take(&w, OFFICER, 1, "advance_notice", "2026-12-28", NULL, DECIDE,
			      "penalty=warning", "served_on=2026-12-28", NULL));
	/* 12-29, 12-30, 12-31, (01-01 assumed off), 01-04, 01-05 */
	struct case_clock c = read_clock(&w, "defence", "2026-12-28");
	CHECK_STR(c.deadline.due, "2027-01-05");
	CHECK(c.deadline.provisional);
	struct buf b = BUF_INIT;
	case_clock_explain(&c, &b);
	CHECK_CONTAINS(buf_cstr(&b), "陈述申辩期：进行中；依据：行政处罚法第四十四、四十五条");
	CHECK_CONTAINS(buf_cstr(&b), "暂定：2027 年的节假日安排尚未载入");
	CHECK_CONTAINS(buf_cstr(&b), "届满日 2027-01-05（星期二）（暂定）");
	buf_release(&b);
	CHECK_INT(walk_try(&w, HEAD, 7, "decision", "2027-01-05", NULL, DECIDE,
			   "penalty=warning", NULL), FZ_CONFLICT);
	CHECK_STR(walk_why(&w), "陈述申辩期尚未届满（届满日 2027-01-05，暂定），不能作出决定");
	walk_release(&w);
}

TEST(case_clocks_compute_lists_every_clock_of_the_definition)
{
	struct walk w;
	struct case_clock *all;
	struct fz_error e = { 0 };
	walk_penalty_noticed(&w, PARTY_CITIZEN, "warning", NULL, NULL);
	REQUIRE(case_clocks_compute(w.def, &w.cfg, w.ctx.cal, w.events, w.nevents, "2026-01-13",
				    w.a, &all, &e) == FZ_OK);
	/* 立案审批 the day the case was registered: the opening clock is done */
	CHECK_STR(all[0].clock->id, "opening");
	CHECK_INT(all[0].state, CASE_CLOCK_STOPPED);
	CHECK_STR(all[1].clock->id, "case_handling");
	CHECK_INT(all[1].state, CASE_CLOCK_RUNNING);
	CHECK_STR(all[1].deadline.due, "2026-04-07"); /* 04-05 Sunday, Qingming 04-04..06 */
	CHECK_STR(all[2].clock->id, "defence");
	CHECK_STR(all[2].input.start, "2026-01-12");
	CHECK_STR(all[2].deadline.due, "2026-01-19");
	struct buf b = BUF_INIT;
	case_clock_explain(&all[1], &b);
	CHECK_CONTAINS(buf_cstr(&b), "最后一日 2026-04-05（星期日）是法定节假日（清明节），顺延至 2026-04-07");
	buf_release(&b);
	walk_release(&w);
}

static bool explains(const struct case_clock *c, const char *text)
{
	struct buf b = BUF_INIT;
	case_clock_explain(c, &b);
	bool found = strstr(buf_cstr(&b), text) != NULL;
	buf_release(&b);
	return found;
}

TEST(party_period_that_runs_out_is_elapsed_never_overdue)
{
	struct walk w;
	walk_penalty_noticed(&w, PARTY_CITIZEN, "warning", NULL, NULL);
	struct case_clock c = read_clock(&w, "defence", "2026-02-20");
	CHECK(c.party_period);
	CHECK_INT(c.state, CASE_CLOCK_RUNNING);
	CHECK(c.elapsed);
	CHECK(!c.overdue);
	CHECK(explains(&c, "陈述申辩期：进行中（已届满）"));
	CHECK(!explains(&c, "逾期"));
	CHECK(!read_clock(&w, "case_handling", "2026-01-20").party_period);
	walk_release(&w);
}

TEST(party_periods_end_when_the_party_waives)
{
	struct walk w;
	walk_penalty_noticed(&w, PARTY_CITIZEN, "warning", NULL, NULL);
	WALK_OK(&w, walk_take(&w, OFFICER, 1, "statement", "2026-01-13", NULL,
			      "content=当事人书面表示放弃陈述申辩和听证", "waived=1", NULL));
	const char *ids[] = { "defence", "hearing_request" };
	for (size_t i = 0; i < 2; i++) {
		struct case_clock c = read_clock(&w, ids[i], "2026-02-20");
		CHECK_INT(c.state, CASE_CLOCK_ENDED);
		CHECK_INT(c.end, CASE_CLOCK_END_WAIVED);
		CHECK(!c.elapsed && !c.overdue);
		CHECK_STR(c.ended_by->on, "2026-01-13");
		CHECK(explains(&c, "已结束（当事人放弃，2026-01-13）"));
	}
	CHECK_STR(case_clock_state_label(CASE_CLOCK_ENDED), "已结束");
	walk_release(&w);
}

TEST(party_periods_end_when_the_decision_is_made)
{
	struct walk w;
	walk_penalty_noticed(&w, PARTY_CITIZEN, "warning", NULL, NULL);
	WALK_OK(&w, walk_take(&w, HEAD, 7, "decision", "2026-01-20", NULL, DECIDE,
			      "penalty=warning", NULL));
	struct case_clock c = read_clock(&w, "defence", "2026-03-01");
	CHECK_INT(c.state, CASE_CLOCK_ENDED);
	CHECK_INT(c.end, CASE_CLOCK_END_DECIDED);
	CHECK(!c.elapsed && !c.overdue);
	CHECK(explains(&c, "陈述申辩期：已结束（已作出决定，2026-01-20）"));
	CHECK(!explains(&c, "已届满）") && !explains(&c, "已逾期"));
	walk_release(&w);
}

TEST(defence_period_cites_a_sector_rule_only_for_its_domain)
{
	struct walk w;
	struct proc_config market;
	struct case_clock c;
	struct fz_error e = { 0 };
	walk_penalty_noticed(&w, PARTY_CITIZEN, "warning", NULL, NULL);
	const struct proc_clock *defence = proc_clock_find(w.def, "defence");
	/* the shipped general basis cites the statute only */
	CHECK(!strstr(defence->basis, "市场监督管理"));
	CHECK_CONTAINS(defence->basis, "行政处罚法第四十四、四十五条");
	CHECK_CONTAINS(defence->basis, "未核实");
	c = read_clock(&w, "defence", "2026-01-15");
	CHECK_STR(c.basis, defence->basis);

	struct proc_domain_period dp = { "食品安全", PROC_PERIOD_DEFENCE,
					 { 3, CLOCK_WORKING_DAYS }, "某部门规定：三个工作日", 1 };
	w.cfg.domain_periods = &dp;
	w.cfg.ndomain_periods = 1;
	proc_config_for_domain(&w.cfg, "食品安全", &market);
	REQUIRE(case_clock_compute(w.def, &market, w.ctx.cal, w.events, w.nevents, defence,
				   "2026-01-15", w.a, &c, &e) == FZ_OK);
	CHECK_STR(c.basis, "某部门规定：三个工作日");
	CHECK_STR(c.deadline.due, "2026-01-15"); /* 3 working days from Monday 01-12 */
	CHECK(explains(&c, "依据：某部门规定：三个工作日"));
	w.cfg.domain_periods = NULL;
	w.cfg.ndomain_periods = 0;
	walk_release(&w);
}
