/* walk_supervision_test.c - supervision (执法监督, issue 12 §3) through
 * procedure_check: the supervisor's acts come at any state, closed cases
 * included, each with the deadline it sets and its own clock, answered one
 * by one by the agency; the filing of a major penalty decision
 * (重大行政处罚备案) has its clock and the supervisor's review. */
#include "t.h"

#include "domain/caseclock.h"
#include "procedure_fx.h"

#define OFFICER ROLE_OFFICER
#define HEAD ROLE_HEAD
#define REVIEWER ROLE_REVIEWER
#define SUPERVISOR ROLE_SUPERVISOR

/* A simplified penalty decided, paid and closed on 2026-03-05. */
static void closed_case(struct walk *w)
{
	walk_init(w, "penalty_simplified", PARTY_CITIZEN, "2026-03-02");
	WALK_OK(w, walk_take(w, OFFICER, 1, "decide_on_spot", "2026-03-02", WALK_TWO,
			     "facts=占道经营", "grounds=现场查实", "basis=某条例第十条",
			     "penalty=fine", "amount=200", "place=人民路", NULL));
	WALK_OK(w, walk_take(w, OFFICER, 1, "file", "2026-03-03", NULL, NULL));
	WALK_OK(w, walk_take(w, OFFICER, 1, "payment", "2026-03-05", NULL, "amount=200", NULL));
	WALK_OK(w, walk_take(w, OFFICER, 1, "close", "2026-03-05", NULL, NULL));
}

TEST(supervision_acts_only_by_the_supervisor_with_a_later_deadline_and_content)
{
	struct walk w;
	closed_case(&w);
	CHECK_INT(walk_try(&w, HEAD, 7, "supervision_urge", "2026-03-09", NULL,
			   "matters=未按时公示", "reply_by=2026-03-20", NULL), FZ_FORBIDDEN);
	CHECK_STR(walk_why(&w), "「督办」须由执法监督人员（司法局）进行");
	CHECK_INT(walk_try(&w, SUPERVISOR, 0, "supervision_urge", "2026-03-09", NULL,
			   "matters=未按时公示", "reply_by=2026-03-09", NULL), FZ_INVALID);
	CHECK_STR(walk_why(&w), "“办理期限”应晚于本次记录的日期 2026-03-09（所填为 2026-03-09）");
	CHECK_INT(walk_try(&w, SUPERVISOR, 0, "supervision_opinion", "2026-03-09", NULL,
			   "matters=", "reply_by=2026-03-20", NULL), FZ_INVALID);
	CHECK_STR(walk_why(&w), "「监督意见」缺少必填项“监督事项”");
	/* a closed case takes supervision, and only supervision */
	WALK_OK(&w, walk_take(&w, SUPERVISOR, 0, "supervision_urge", "2026-03-09", NULL,
			      "matters=未按时公示", "reply_by=2026-03-20", NULL));
	CHECK_INT(walk_try(&w, OFFICER, 1, "file", "2026-03-09", NULL, NULL), FZ_CONFLICT);
	CHECK_STR(walk_why(&w), "案件已结案，变更须以更正事件记录并说明理由");
	walk_release(&w);
}

TEST(supervision_acts_run_one_clock_each_and_answers_stop_the_one_they_name)
{
	struct walk w;
	closed_case(&w);
	CHECK_INT(walk_try(&w, HEAD, 7, "supervision_reply", "2026-03-09", NULL, "answers=1",
			   "handling=x", NULL), FZ_CONFLICT);
	CHECK_STR(walk_why(&w), "本案没有待答复的事项（监督事项办理期限）");
	WALK_OK(&w, walk_take(&w, SUPERVISOR, 0, "supervision_urge", "2026-03-09", NULL,
			      "matters=未按时公示", "reply_by=2026-03-20", NULL)); /* seq 5 */
	WALK_OK(&w, walk_take(&w, SUPERVISOR, 0, "supervision_opinion", "2026-03-10", NULL,
			      "matters=裁量说理不足", "reply_by=2026-03-13", NULL)); /* seq 6 */
	/* the one due first shows, overdue since 03-13 */
	const struct case_clock *c = walk_clock(&w, "supervision_reply", "2026-03-16");
	REQUIRE(c);
	CHECK_INT(c->open_acts, 2);
	CHECK_STR(c->deadline.due, "2026-03-13");
	CHECK(c->overdue);
	CHECK_INT(walk_try(&w, HEAD, 7, "supervision_reply", "2026-03-16", NULL, "answers=4",
			   "handling=已整改", NULL), FZ_INVALID);
	CHECK_STR(walk_why(&w), "“所答复的监督事项”应为本案待答复事项的记录序号："
				"第 5 号（督办，2026-03-09）、第 6 号（监督意见，2026-03-10）");
	WALK_OK(&w, walk_take(&w, HEAD, 7, "supervision_reply", "2026-03-16", NULL, "answers=6",
			      "handling=已补充说理", NULL));
	c = walk_clock(&w, "supervision_reply", "2026-03-16");
	REQUIRE(c);
	CHECK_INT(c->open_acts, 1);
	CHECK_STR(c->deadline.due, "2026-03-20");
	CHECK(!c->overdue);
	/* each act keeps its own record: the opinion was answered late */
	struct case_clock *acts;
	size_t n;
	struct fz_error e = { 0 };
	REQUIRE(case_clock_acts(w.def, &w.cfg, w.ctx.cal, w.events, w.nevents, c->clock,
				"2026-03-16", w.a, &acts, &n, &e) == FZ_OK);
	REQUIRE(n == 2);
	CHECK_INT(acts[0].state, CASE_CLOCK_RUNNING);
	CHECK_INT(acts[1].state, CASE_CLOCK_STOPPED);
	CHECK(acts[1].overdue);
	WALK_OK(&w, walk_take(&w, OFFICER, 1, "supervision_reply", "2026-03-18", NULL,
			      "answers=5", "handling=已公示", NULL));
	c = walk_clock(&w, "supervision_reply", "2026-03-18");
	REQUIRE(c);
	CHECK_INT(c->open_acts, 0);
	CHECK_INT(c->state, CASE_CLOCK_STOPPED);
	walk_release(&w);
}

static void major_decision(struct walk *w, const char *day)
{
	walk_penalty_noticed(w, PARTY_CITIZEN, "fine", "50000", NULL);
	WALK_OK(w, walk_take(w, REVIEWER, 9, "legal_review", "2026-01-19", WALK_REVIEWER,
			     "opinion=approve", WALK_CHECKS_PASS, NULL));
	WALK_OK(w, walk_take(w, HEAD, 7, "decision", day, NULL, "facts=f", "grounds=g",
			     "basis=b", "penalty=fine", "amount=50000", NULL));
}

TEST(filing_of_a_major_decision_has_its_clock_and_a_late_filing_is_late)
{
	struct walk w;
	walk_penalty_noticed(&w, PARTY_CITIZEN, "fine", "50000", NULL);
	CHECK_INT(walk_try(&w, OFFICER, 1, "filing", "2026-01-19", NULL,
			   "filing_materials=决定书", NULL), FZ_CONFLICT);
	CHECK_CONTAINS(walk_why(&w), "须先完成「作出行政处罚决定」");
	walk_release(&w);

	major_decision(&w, "2026-01-20");
	/* the clock names the decision that starts it (started_by) */
	CHECK(proc_list_has(&proc_step_find(w.def, "decision")->starts, "filing"));
	/* fifteen days (config filing_period, U) from 01-20: 02-04 */
	const struct case_clock *c = walk_clock(&w, "filing", "2026-02-05");
	REQUIRE(c);
	CHECK_STR(c->deadline.due, "2026-02-04");
	CHECK(c->overdue);
	WALK_OK(&w, walk_take(&w, OFFICER, 1, "filing", "2026-02-06", NULL,
			      "filing_materials=决定书、法制审核意见书", NULL));
	c = walk_clock(&w, "filing", "2026-02-06");
	REQUIRE(c);
	CHECK_INT(c->state, CASE_CLOCK_STOPPED);
	CHECK(c->overdue);
	walk_release(&w);
}

TEST(filing_not_required_for_a_decision_without_review_or_deliberation)
{
	struct walk w;
	walk_penalty_noticed(&w, PARTY_CITIZEN, "fine", "1000", NULL);
	WALK_OK(&w, walk_take(&w, HEAD, 7, "decision", "2026-01-20", NULL, "facts=f", "grounds=g",
			      "basis=b", "penalty=fine", "amount=1000", NULL));
	const struct case_clock *c = walk_clock(&w, "filing", "2026-02-05");
	REQUIRE(c);
	CHECK_INT(c->state, CASE_CLOCK_NOT_APPLICABLE);
	CHECK_INT(walk_try(&w, OFFICER, 1, "filing", "2026-01-21", NULL,
			   "filing_materials=决定书", NULL), FZ_CONFLICT);
	CHECK_STR(walk_why(&w), "本案不适用重大行政处罚备案期限");
	walk_release(&w);
}

TEST(filing_review_by_the_supervisor_objection_needs_reasons)
{
	struct walk w;
	major_decision(&w, "2026-01-20");
	WALK_OK(&w, walk_take(&w, OFFICER, 1, "filing", "2026-01-22", NULL,
			      "filing_materials=决定书", NULL));
	CHECK_INT(walk_try(&w, HEAD, 7, "filing_review", "2026-01-23", NULL,
			   "filing_opinion=no_objection", NULL), FZ_FORBIDDEN);
	CHECK_INT(walk_try(&w, SUPERVISOR, 0, "filing_review", "2026-01-23", NULL,
			   "filing_opinion=objection", NULL), FZ_INVALID);
	CHECK_STR(walk_why(&w), "备案审查有异议的，须写明“理由”");
	WALK_OK(&w, walk_take(&w, SUPERVISOR, 0, "filing_review", "2026-01-23", NULL,
			      "filing_opinion=objection", "reasons=罚款幅度超出裁量基准", NULL));
	WALK_OK(&w, walk_take(&w, SUPERVISOR, 0, "supervision_correction", "2026-01-23", NULL,
			      "matters=罚款幅度超出裁量基准，应予纠正", "reply_by=2026-02-13", NULL));
	walk_release(&w);
}

/* The side doors of the new steps: an answer dated before the act it
 * answers, a filing dated before the decision, a field the step does not
 * take, and a correction that would move an act's deadline. Each is
 * refused; the record is unchanged (walk_try appends nothing). */
TEST(supervision_and_filing_refuse_an_earlier_date_an_unknown_field_and_a_substantive_correction)
{
	struct walk w;
	closed_case(&w);
	WALK_OK(&w, walk_take(&w, SUPERVISOR, 0, "supervision_urge", "2026-03-09", NULL,
			      "matters=未按时公示", "reply_by=2026-03-20", NULL)); /* seq 5 */
	size_t n = w.nevents;
	CHECK(walk_try(&w, HEAD, 7, "supervision_reply", "2026-03-08", NULL, "answers=5",
		       "handling=已整改", NULL) != FZ_OK);
	CHECK_CONTAINS(walk_why(&w), "早于上一事件的日期 2026-03-09");
	CHECK(walk_try(&w, SUPERVISOR, 0, "supervision_urge", "2026-03-10", NULL,
		       "matters=未按时公示", "reply_by=2026-03-20", "penalty=fine", NULL) != FZ_OK);
	CHECK_CONTAINS(walk_why(&w), "「督办」没有“penalty”这一项");
	CHECK(walk_try(&w, HEAD, 7, "correction", "2026-03-10", NULL, "@corrects=5",
		       "@reason=笔误", "reply_by=2026-04-30", NULL) != FZ_OK);
	CHECK_CONTAINS(walk_why(&w), "不能改变「督办」的实质内容（办理期限）");
	CHECK_INT(w.nevents, n);
	walk_release(&w);

	major_decision(&w, "2026-01-20");
	n = w.nevents;
	CHECK(walk_try(&w, OFFICER, 1, "filing", "2026-01-19", NULL,
		       "filing_materials=决定书", NULL) != FZ_OK);
	CHECK_CONTAINS(walk_why(&w), "早于上一事件的日期 2026-01-20");
	CHECK(walk_try(&w, OFFICER, 1, "filing", "2026-01-21", NULL,
		       "filing_materials=决定书", "amount=1", NULL) != FZ_OK);
	CHECK_CONTAINS(walk_why(&w), "没有“amount”这一项");
	CHECK_INT(w.nevents, n);
	walk_release(&w);
}
