/* walk_paths_test.c - the statutory paths beside the main line of a
 * penalty case, walked through procedure_check: recusal (art 43),
 * preservation of evidence (art 56), each statement answered (art 45),
 * a no-penalty decision on its ground with education and service (arts
 * 33, 57), reconsideration pausing the surcharge (art 73), and the
 * emergency coercive measure reported within 24 hours (强制法 art 19). */
#include "t.h"

#include "domain/caseclock.h"
#include "domain/outcome.h"
#include "procedure_fx.h"

#define OFFICER ROLE_OFFICER
#define HEAD ROLE_HEAD
#define DECIDE "facts=f", "grounds=g", "basis=b"

static const int64_t ONE_THREE[] = { 1, 3, 0 };

TEST(opening_is_approved_or_declined_once_by_the_head)
{
	struct walk w;
	walk_init(&w, "penalty_general", PARTY_CITIZEN, "2025-12-01");
	WALK_OK(&w, walk_take(&w, OFFICER, 1, "open", "2026-01-05", WALK_TWO, "facts=f",
			      "source=s", NULL));
	/* Registered, not opened: no investigation, no case period yet. */
	CHECK_INT(walk_try(&w, OFFICER, 1, "investigate", "2026-01-06", WALK_TWO, "record=r",
			   NULL), FZ_CONFLICT);
	CHECK_STR(walk_why(&w), "须先完成「立案审批」");
	CHECK_INT(walk_clock(&w, "case_handling", "2026-01-06")->state, CASE_CLOCK_NOT_STARTED);
	const struct case_clock *op = walk_clock(&w, "opening", "2026-01-06");
	CHECK_INT(op->state, CASE_CLOCK_RUNNING);
	CHECK_STR(op->deadline.due, "2026-01-26"); /* 15 working days */
	/* The officer who registered it cannot approve it. */
	CHECK_INT(walk_try(&w, OFFICER, 1, "approve_opening", "2026-01-07", NULL, NULL),
		  FZ_FORBIDDEN);
	WALK_OK(&w, walk_take(&w, HEAD, 5, "approve_opening", "2026-01-07", NULL,
			      "remarks=同意立案，由第一执法中队办理", NULL));
	/* The case period runs from the approval: 立案之日 (art 60). */
	const struct case_clock *h = walk_clock(&w, "case_handling", "2026-01-08");
	CHECK_INT(h->state, CASE_CLOCK_RUNNING);
	CHECK_STR(h->input.start, "2026-01-07");
	CHECK_INT(walk_clock(&w, "opening", "2026-01-08")->state, CASE_CLOCK_STOPPED);
	/* Decided once: approved, it cannot be declined, nor approved again. */
	CHECK_INT(walk_try(&w, HEAD, 5, "decline_opening", "2026-01-08", NULL,
			   "reasons=不属于本机关管辖", NULL), FZ_CONFLICT);
	CHECK(!walk_gate(&w, "pending")->passed);
	CHECK_STR(walk_gate(&w, "pending")->message,
		  "已于 2026-01-07 作出「立案审批」，不能再进行「不予立案」");
	CHECK_INT(walk_try(&w, HEAD, 5, "approve_opening", "2026-01-08", NULL, NULL), FZ_CONFLICT);
	WALK_OK(&w, walk_take(&w, OFFICER, 1, "investigate", "2026-01-08", WALK_TWO, "record=r",
			      NULL));
	walk_release(&w);

	/* Declined: the matter ends there, with its reason. */
	walk_init(&w, "penalty_general", PARTY_CITIZEN, "2025-12-01");
	WALK_OK(&w, walk_take(&w, OFFICER, 1, "open", "2026-01-05", WALK_TWO, "facts=f",
			      "source=s", NULL));
	CHECK_INT(walk_try(&w, HEAD, 5, "decline_opening", "2026-01-06", NULL, NULL), FZ_INVALID);
	CHECK_CONTAINS(walk_why(&w), "不予立案的理由");
	WALK_OK(&w, walk_take(&w, HEAD, 5, "decline_opening", "2026-01-06", NULL,
			      "reasons=违法事实不成立", NULL));
	CHECK_INT(walk_try(&w, HEAD, 5, "approve_opening", "2026-01-07", NULL, NULL), FZ_CONFLICT);
	CHECK_CONTAINS(walk_why(&w), "已结案");
	CHECK_INT(walk_clock(&w, "case_handling", "2026-01-07")->state, CASE_CLOCK_NOT_STARTED);
	walk_release(&w);

	/* Left undecided, the opening clock runs out and the case is overdue. */
	walk_init(&w, "penalty_general", PARTY_CITIZEN, "2025-12-01");
	WALK_OK(&w, walk_take(&w, OFFICER, 1, "open", "2026-01-05", WALK_TWO, "facts=f",
			      "source=s", NULL));
	CHECK(walk_clock(&w, "opening", "2026-01-27")->overdue);
	walk_release(&w);
}

TEST(recused_officer_takes_no_further_part)
{
	struct walk w;
	walk_init(&w, "penalty_general", PARTY_CITIZEN, "2025-12-01");
	WALK_OK(&w, walk_take(&w, OFFICER, 1, "open", "2026-01-05", WALK_TWO, "facts=f",
			      "source=s", NULL));
	WALK_OK(&w, walk_take(&w, HEAD, 5, "approve_opening", "2026-01-05", NULL, NULL));
	CHECK_INT(walk_try(&w, HEAD, 7, "recusal_decision", "2026-01-06", NULL, "person=2",
			   "outcome=withdraw", "reasons=r", NULL), FZ_CONFLICT);
	WALK_OK(&w, walk_take(&w, OFFICER, 1, "recusal_request", "2026-01-06", NULL,
			      "applicant=party", "person=2", "reasons=李华系当事人近亲属", NULL));
	/* The decision answers the request about that officer only. */
	CHECK_INT(walk_try(&w, HEAD, 7, "recusal_decision", "2026-01-07", NULL, "person=3",
			   "outcome=withdraw", "reasons=r", NULL), FZ_CONFLICT);
	CHECK_STR(walk_why(&w), "没有针对赵强的待决定回避申请");
	/* The investigation goes on meanwhile (art 43 para 3). */
	WALK_OK(&w, walk_take(&w, OFFICER, 1, "investigate", "2026-01-07", WALK_TWO, "record=r",
			      NULL));
	WALK_OK(&w, walk_take(&w, HEAD, 7, "recusal_decision", "2026-01-07", NULL, "person=2",
			      "outcome=withdraw", "reasons=存在利害关系", NULL));
	CHECK_INT(walk_try(&w, OFFICER, 1, "investigate", "2026-01-08", WALK_TWO, "record=r",
			   NULL), FZ_CONFLICT);
	CHECK_STR(walk_why(&w), "李华已于 2026-01-07 决定回避，不能再参与本案（行政处罚法第四十三条）");
	/* Nor as the actor of a step. */
	CHECK_INT(walk_try(&w, OFFICER, 2, "statement", "2026-01-08", NULL, "content=c", NULL),
		  FZ_CONFLICT);
	WALK_OK(&w, walk_take(&w, OFFICER, 1, "investigate", "2026-01-08", ONE_THREE, "record=r",
			      NULL));
	/* Nothing left to decide: not in the head's queue any more. */
	CHECK_INT(walk_try(&w, HEAD, 7, "recusal_decision", "2026-01-08", NULL, "person=2",
			   "outcome=reject", "reasons=r", NULL), FZ_CONFLICT);
	CHECK_STR(walk_why(&w), "没有待决定的回避申请");
	walk_release(&w);
}

TEST(preservation_needs_approval_and_a_decision_within_seven_working_days)
{
	struct walk w;
	walk_init(&w, "penalty_general", PARTY_ORGANISATION, "2025-12-01");
	WALK_OK(&w, walk_take(&w, OFFICER, 1, "open", "2026-01-05", WALK_TWO, "facts=f",
			      "source=s", NULL));
	WALK_OK(&w, walk_take(&w, HEAD, 5, "approve_opening", "2026-01-05", NULL, NULL));
	CHECK_INT(walk_try(&w, OFFICER, 1, "preservation", "2026-01-05", WALK_TWO,
			   "items=账簿 3 本", "place=本局证据室", NULL), FZ_CONFLICT);
	WALK_OK(&w, walk_take(&w, HEAD, 7, "preservation_approval", "2026-01-05", NULL,
			      "items=账簿 3 本", "reasons=证据可能灭失", NULL));
	WALK_OK(&w, walk_take(&w, OFFICER, 1, "preservation", "2026-01-05", WALK_TWO,
			      "items=账簿 3 本", "place=本局证据室", NULL));
	/* One approval, one preservation. */
	CHECK_INT(walk_try(&w, OFFICER, 1, "preservation", "2026-01-06", WALK_TWO,
			   "items=电脑 1 台", "place=本局证据室", NULL), FZ_CONFLICT);
	CHECK_CONTAINS(walk_why(&w), "须先经行政机关负责人批准");
	/* Seven working days from Monday 01-05 end on Wednesday 01-14. */
	const struct case_clock *c = walk_clock(&w, "preservation", "2026-01-06");
	REQUIRE(c);
	CHECK_STR(c->deadline.due, "2026-01-14");
	CHECK_INT(walk_try(&w, HEAD, 7, "preservation_decision", "2026-01-15", NULL,
			   "measure=退还", NULL), FZ_CONFLICT);
	CHECK_CONTAINS(walk_why(&w), "已超过先行登记保存处理期限（届满日 2026-01-14）");
	WALK_OK(&w, walk_take(&w, HEAD, 7, "preservation_decision", "2026-01-14", NULL,
			      "measure=解除先行登记保存，退还当事人", NULL));
	walk_release(&w);
}

TEST(each_statement_is_answered_before_the_decision)
{
	struct walk w;
	walk_penalty_noticed(&w, PARTY_CITIZEN, "fine", "3000", NULL);
	WALK_OK(&w, walk_take(&w, OFFICER, 1, "statement", "2026-01-13", NULL,
			      "content=当事人称系初次违法", NULL));
	CHECK_INT(walk_try(&w, HEAD, 7, "decision", "2026-01-20", NULL, DECIDE, "penalty=fine",
			   "amount=3000", NULL), FZ_CONFLICT);
	CHECK_CONTAINS(walk_why(&w), "当事人 2026-01-13 的陈述、申辩尚未复核");
	WALK_OK(&w, walk_take(&w, OFFICER, 1, "statement_review", "2026-01-14", NULL,
			      "adopted=partly", "answer=初次违法属实，从轻处罚", NULL));
	WALK_OK(&w, walk_try(&w, HEAD, 7, "decision", "2026-01-20", NULL, DECIDE, "penalty=fine",
			     "amount=3000", NULL));
	walk_release(&w);
}

TEST(no_penalty_states_its_ground_educates_and_is_served)
{
	struct walk w;
	walk_penalty_noticed(&w, PARTY_CITIZEN, "warning", NULL, NULL);
	CHECK_INT(walk_try(&w, HEAD, 7, "no_penalty", "2026-01-20", NULL, "ground=minor",
			   "facts=f", "reasons=轻微并已改正", NULL), FZ_INVALID);
	CHECK_CONTAINS(walk_why(&w), "应当对当事人进行教育");
	CHECK_INT(walk_try(&w, HEAD, 7, "no_penalty", "2026-01-20", NULL, "ground=kind",
			   "facts=f", "reasons=r", NULL), FZ_INVALID);
	WALK_OK(&w, walk_take(&w, HEAD, 7, "no_penalty", "2026-01-20", NULL, "ground=minor",
			      "facts=f", "reasons=轻微并已改正", "education=当场批评教育并宣讲法规",
			      NULL));
	/* Served like a decision before the case closes. */
	CHECK_INT(walk_try(&w, HEAD, 7, "close", "2026-01-21", NULL, "summary=s", NULL),
		  FZ_CONFLICT);
	WALK_OK(&w, walk_take(&w, OFFICER, 1, "no_penalty_service", "2026-01-21", NULL,
			      "served_on=2026-01-21", "method=直接送达", NULL));
	/* Facts not established: no education is owed. */
	walk_release(&w);
	walk_penalty_noticed(&w, PARTY_CITIZEN, "warning", NULL, NULL);
	WALK_OK(&w, walk_take(&w, HEAD, 7, "no_penalty", "2026-01-20", NULL,
			      "ground=not_established", "facts=f", "reasons=证据不足", NULL));
	walk_release(&w);
}

TEST(reconsideration_pauses_the_surcharge_and_can_set_the_decision_aside)
{
	struct walk w;
	walk_penalty_noticed(&w, PARTY_CITIZEN, "fine", "3000", NULL);
	WALK_OK(&w, walk_take(&w, HEAD, 7, "decision", "2026-01-20", NULL, DECIDE, "penalty=fine",
			      "amount=3000", NULL));
	WALK_OK(&w, walk_take(&w, OFFICER, 1, "service", "2026-01-20", NULL, "served_on=2026-01-20",
			      "method=直接送达", NULL));
	const struct case_clock *c = walk_clock(&w, "payment", "2026-01-21");
	REQUIRE(c);
	CHECK_STR(c->deadline.due, "2026-02-04");
	CHECK_INT(walk_try(&w, OFFICER, 1, "remedy_upheld", "2026-01-25", NULL, "outcome=upheld",
			   "decided_on=2026-01-25", NULL), FZ_CONFLICT);
	WALK_OK(&w, walk_take(&w, OFFICER, 1, "remedy_filed", "2026-01-25", NULL,
			      "kind=reconsideration", "body=海原县人民政府", "filed_on=2026-01-25", NULL));
	CHECK_INT(walk_try(&w, OFFICER, 1, "remedy_filed", "2026-01-26", NULL, "kind=litigation",
			   "body=海原县人民法院", "filed_on=2026-01-26", NULL), FZ_CONFLICT);
	/* Pending: the payment clock stands still, no surcharge accrues. */
	c = walk_clock(&w, "payment", "2026-03-01");
	REQUIRE(c);
	CHECK_INT(c->state, CASE_CLOCK_SUSPENDED);
	/* Upheld on 03-06: 03-06 - 01-25 = 40 days not counted. */
	WALK_OK(&w, walk_take(&w, OFFICER, 1, "remedy_upheld", "2026-03-06", NULL,
			      "outcome=upheld", "decided_on=2026-03-06", NULL));
	c = walk_clock(&w, "payment", "2026-03-07");
	REQUIRE(c);
	CHECK_INT(c->state, CASE_CLOCK_RUNNING);
	CHECK(strcmp(c->deadline.due, "2026-03-16") >= 0);
	/* Litigation next; the court sets the decision aside. */
	WALK_OK(&w, walk_take(&w, OFFICER, 1, "remedy_filed", "2026-03-10", NULL,
			      "kind=litigation", "body=海原县人民法院", "filed_on=2026-03-10", NULL));
	WALK_OK(&w, walk_take(&w, OFFICER, 1, "remedy_set_aside", "2026-04-20", NULL,
			      "outcome=revoked", "decided_on=2026-04-20", NULL));
	CHECK_INT(outcome_standing(w.def, w.events, w.nevents), -1);
	CHECK_INT(walk_try(&w, OFFICER, 1, "payment", "2026-04-21", NULL, "amount=3000", NULL),
		  FZ_CONFLICT);
	walk_release(&w);
}

TEST(emergency_measure_is_approved_within_24_hours_or_lifted)
{
	struct walk w;
	walk_init(&w, "coercion", PARTY_ORGANISATION, "2026-03-01");
	WALK_OK(&w, walk_take(&w, OFFICER, 1, "open", "2026-03-02", NULL, "facts=有毒物品可能转移",
			      "grounds=防止危害扩大", NULL));
	/* The hour is required: twenty-four hours run from it. */
	CHECK_INT(walk_try(&w, OFFICER, 1, "emergency_seize", "2026-03-02", WALK_TWO,
			   "items=桶装化学品 20 桶", "party_present=1", "urgency=夜间发现", NULL),
		  FZ_INVALID);
	CHECK_CONTAINS(walk_why(&w), "实施时间");
	WALK_OK(&w, walk_take(&w, OFFICER, 1, "emergency_seize", "2026-03-02", WALK_TWO,
			      "items=桶装化学品 20 桶", "party_present=1",
			      "urgency=夜间发现，当事人正在装车转移", "seized_time=21:40", NULL));
	/* Without the approval nothing but lifting goes on. */
	CHECK_INT(walk_try(&w, HEAD, 7, "handle", "2026-03-03", NULL, "outcome=没收", NULL),
		  FZ_CONFLICT);
	/* The next day is not enough: 24 hours end at 21:40. */
	CHECK_INT(walk_try(&w, HEAD, 7, "emergency_approval", "2026-03-03", NULL,
			   "measure=扣押化学品", "approved_time=22:05", NULL), FZ_CONFLICT);
	CHECK_STR(walk_why(&w), "紧急情况下当场实施的强制措施应在二十四小时内向行政机关负责人报告并补办"
				"批准手续（行政强制法第十九条）：2026-03-02 21:40 实施，最迟 2026-03-03 "
				"21:40；已逾期，应当立即解除");
	CHECK_INT(walk_try(&w, HEAD, 7, "emergency_approval", "2026-03-04", NULL,
			   "measure=扣押化学品", "approved_time=08:00", NULL), FZ_CONFLICT);
	CHECK_CONTAINS(walk_why(&w), "已逾期，应当立即解除");
	/* Nor before the measure itself. */
	CHECK_INT(walk_try(&w, HEAD, 7, "emergency_approval", "2026-03-02", NULL,
			   "measure=扣押化学品", "approved_time=20:00", NULL), FZ_CONFLICT);
	CHECK_STR(walk_why(&w), "批准时间 20:00 早于措施实施时间 21:40");
	WALK_OK(&w, walk_try(&w, OFFICER, 1, "lift", "2026-03-04", NULL, "reasons=未在二十四小时内补办批准",
			     NULL));
	WALK_OK(&w, walk_take(&w, HEAD, 7, "emergency_approval", "2026-03-03", NULL,
			      "measure=扣押化学品", "approved_time=21:40", NULL));
	CHECK_STR(walk_gate(&w, "emergency_reported")->message,
		  "2026-03-02 21:40 当场实施，2026-03-03 21:40 前补办批准");
	WALK_OK(&w, walk_try(&w, HEAD, 7, "handle", "2026-03-05", NULL, "outcome=没收", NULL));
	walk_release(&w);
}
