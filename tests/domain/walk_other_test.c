/* walk_other_test.c - the other shipped procedures walked through
 * procedure_check with real dates: a simplified penalty on the spot, a permit
 * across National Day 2025 with its extension, a seizure suspended for
 * testing and extended, a random inspection bound to its draw. */
#include "t.h"

#include "domain/caseclock.h"
#include "procedure_fx.h"

#define OFFICER ROLE_OFFICER
#define HEAD ROLE_HEAD

TEST(simplified_case_decided_on_the_spot_by_two_certified_officers_closes)
{
	struct walk w;
	walk_init(&w, "penalty_simplified", PARTY_CITIZEN, "2026-03-02");
	CHECK_INT(walk_try(&w, OFFICER, 1, "decide_on_spot", "2026-03-02", WALK_TWO,
			   "facts=占道经营", "grounds=现场查实", "basis=某条例第十条", "penalty=fine",
			   "amount=201", "place=人民路", NULL), FZ_CONFLICT);
	CHECK_STR(walk_why(&w), "当场处罚的罚款不能超过 200 元（公民），本案为 201 元，应适用普通程序");
	WALK_OK(&w, walk_take(&w, OFFICER, 1, "decide_on_spot", "2026-03-02", WALK_TWO,
			      "facts=占道经营", "grounds=现场查实", "basis=某条例第十条",
			      "penalty=fine", "amount=200", "place=人民路", NULL));
	WALK_OK(&w, walk_take(&w, OFFICER, 1, "file", "2026-03-03", NULL, NULL));
	CHECK_INT(walk_try(&w, OFFICER, 1, "close", "2026-03-03", NULL, NULL), FZ_CONFLICT);
	CHECK_CONTAINS(walk_why(&w), "罚款尚未缴清");
	WALK_OK(&w, walk_take(&w, OFFICER, 1, "payment", "2026-03-05", NULL, "amount=200", NULL));
	WALK_OK(&w, walk_take(&w, OFFICER, 1, "close", "2026-03-05", NULL, NULL));
	walk_release(&w);
}

TEST(simplified_case_for_an_organisation_allows_3000_yuan_and_a_warning_only)
{
	struct walk w;
	walk_init(&w, "penalty_simplified", PARTY_ORGANISATION, "2026-03-02");
	WALK_OK(&w, walk_try(&w, OFFICER, 1, "decide_on_spot", "2026-03-02", WALK_TWO, "facts=f",
			     "grounds=g", "basis=b", "penalty=fine", "amount=3000", "place=p", NULL));
	CHECK_INT(walk_try(&w, OFFICER, 1, "decide_on_spot", "2026-03-02", WALK_TWO, "facts=f",
			   "grounds=g", "basis=b", "penalty=revoke_licence", "place=p", NULL),
		  FZ_CONFLICT);
	CHECK_STR(walk_why(&w), "当场处罚只能是警告、罚款，「吊销许可证件」应适用普通程序");
	WALK_OK(&w, walk_take(&w, OFFICER, 1, "decide_on_spot", "2026-03-02", WALK_TWO, "facts=f",
			      "grounds=g", "basis=b", "penalty=warning", "place=p", NULL));
	WALK_OK(&w, walk_take(&w, OFFICER, 1, "file", "2026-03-02", NULL, NULL));
	WALK_OK(&w, walk_take(&w, OFFICER, 1, "close", "2026-03-02", NULL, NULL));
	walk_release(&w);
}

TEST(permit_walks_across_national_day_2025_with_one_extension)
{
	struct walk w;
	walk_init(&w, "permit", PARTY_ORGANISATION, "");
	/* Applied Friday 09-26: five working days are Sunday 09-28 (make-up),
	 * 09-29, 09-30, then after 10-01..10-08 off, 10-09 and 10-10. */
	WALK_OK(&w, walk_take(&w, OFFICER, 1, "apply", "2025-09-26", NULL,
			      "applicant=某某餐饮有限公司", "matter=食品经营许可", NULL));
	CHECK_INT(walk_try(&w, OFFICER, 1, "correction_notice", "2025-10-13", NULL,
			   "items=缺少营业执照复印件", NULL), FZ_CONFLICT);
	CHECK_STR(walk_why(&w),
		  "已超过受理审查期限（届满日 2025-10-10），不能进行「一次告知补正」");
	WALK_OK(&w, walk_take(&w, OFFICER, 1, "accept", "2025-10-09", NULL, NULL));
	/* Twenty working days from 10-09, Saturday 10-11 counted: 11-05. */
	const struct case_clock *c = walk_clock(&w, "decision", "2025-10-20");
	REQUIRE(c);
	CHECK_STR(c->deadline.due, "2025-11-05");
	CHECK_INT(walk_try(&w, OFFICER, 1, "verify", "2025-10-20", WALK_ONE, "findings=x", NULL),
		  FZ_INVALID);
	CHECK_STR(walk_why(&w), "「审查核实」须至少两名人员参与，当前 1 名");
	WALK_OK(&w, walk_take(&w, OFFICER, 1, "verify", "2025-10-20", WALK_TWO,
			      "findings=现场核查符合条件", NULL));
	CHECK_INT(walk_try(&w, HEAD, 7, "extend", "2025-11-04", NULL, NULL), FZ_INVALID);
	CHECK_STR(walk_why(&w), "延长许可决定期限须说明理由");
	WALK_OK(&w, walk_take(&w, HEAD, 7, "extend", "2025-11-04", NULL,
			      "@reason=需征求相关部门意见", NULL));
	CHECK_INT(walk_try(&w, HEAD, 7, "extend", "2025-11-05", NULL, "@reason=再延长", NULL),
		  FZ_CONFLICT);
	CHECK_STR(walk_why(&w), "「延长审查期限」已于 2025-11-04 进行，不能重复；如有错误请以更正事件记录");
	c = walk_clock(&w, "decision", "2025-11-10");
	REQUIRE(c);
	CHECK_STR(c->deadline.due, "2025-11-19");
	WALK_OK(&w, walk_take(&w, HEAD, 7, "decide", "2025-11-18", NULL, "outcome=granted", NULL));
	WALK_OK(&w, walk_take(&w, OFFICER, 1, "deliver", "2025-11-20", NULL,
			      "served_on=2025-11-20", NULL));
	WALK_OK(&w, walk_take(&w, ROLE_REVIEWER, 9, "publish", "2025-11-20", NULL, "publication=1",
			      NULL));
	WALK_OK(&w, walk_take(&w, OFFICER, 1, "close", "2025-11-21", NULL, NULL));
	c = walk_clock(&w, "decision", "2025-11-21");
	REQUIRE(c);
	CHECK_INT(c->state, CASE_CLOCK_STOPPED);
	CHECK(!c->overdue);
	walk_release(&w);
}

TEST(coercion_term_excludes_testing_and_is_extended_once_before_expiry)
{
	struct walk w;
	walk_init(&w, "coercion", PARTY_ORGANISATION, "2026-03-01");
	WALK_OK(&w, walk_take(&w, OFFICER, 1, "open", "2026-03-02", NULL, "facts=涉嫌销售假冒商品",
			      "grounds=举报", NULL));
	CHECK_INT(walk_try(&w, OFFICER, 1, "seize", "2026-03-02", WALK_TWO, "items=商品 120 件",
			   "party_present=1", NULL), FZ_CONFLICT);
	CHECK_STR(walk_why(&w), "须先完成「机关负责人批准」");
	CHECK_INT(walk_try(&w, OFFICER, 1, "approval", "2026-03-02", NULL, "measure=扣押", NULL),
		  FZ_FORBIDDEN);
	WALK_OK(&w, walk_take(&w, HEAD, 7, "approval", "2026-03-02", NULL, "measure=扣押", NULL));
	const int64_t with_assistant[] = { 1, 5, 0 };
	CHECK_INT(walk_try(&w, OFFICER, 1, "seize", "2026-03-02", with_assistant,
			   "items=商品 120 件", "party_present=1", NULL), FZ_CONFLICT);
	CHECK_CONTAINS(walk_why(&w), "当前仅 1 名（孙丽为执法辅助人员）");
	WALK_OK(&w, walk_take(&w, OFFICER, 1, "seize", "2026-03-02", WALK_TWO,
			      "items=商品 120 件", "party_present=1", NULL));
	/* Testing from 03-10 to 03-20: 03-11..03-20 are not counted; 30 days
	 * then end on Saturday 04-11, which moves to Monday 04-13. */
	WALK_OK(&w, walk_take(&w, OFFICER, 1, "appraisal", "2026-03-10", NULL, "item=商标鉴定",
			      NULL));
	WALK_OK(&w, walk_take(&w, OFFICER, 1, "appraisal_result", "2026-03-20", NULL,
			      "conclusion=假冒", NULL));
	const struct case_clock *c = walk_clock(&w, "measure_term", "2026-03-25");
	REQUIRE(c);
	CHECK_STR(c->deadline.due, "2026-04-13");
	CHECK_INT(walk_try(&w, HEAD, 7, "extend", "2026-04-14", NULL, "@reason=案情复杂", NULL),
		  FZ_CONFLICT);
	CHECK_STR(walk_why(&w), "查封、扣押期限已于 2026-04-13 届满，延长须在届满前决定");
	WALK_OK(&w, walk_take(&w, HEAD, 7, "extend", "2026-04-10", NULL, "@reason=案情复杂", NULL));
	c = walk_clock(&w, "measure_term", "2026-04-10");
	REQUIRE(c);
	CHECK_STR(c->deadline.due, "2026-05-11");
	CHECK_INT(walk_try(&w, HEAD, 7, "handle", "2026-05-12", NULL, "outcome=没收", NULL),
		  FZ_CONFLICT);
	CHECK_STR(walk_why(&w), "已超过查封、扣押期限（届满日 2026-05-11），不能进行「作出处理决定」");
	WALK_OK(&w, walk_take(&w, OFFICER, 1, "lift", "2026-05-08", NULL, "reasons=已作出处罚决定",
			      NULL));
	WALK_OK(&w, walk_take(&w, OFFICER, 1, "close", "2026-05-08", NULL, NULL));
	walk_release(&w);
}

TEST(random_inspection_takes_its_inspectors_from_the_recorded_draw)
{
	struct walk w;
	walk_init(&w, "inspection", PARTY_ORGANISATION, "");
	WALK_OK(&w, walk_take(&w, OFFICER, 1, "open", "2026-04-01", NULL, "subject=食品经营者抽查",
			      "basis=年度抽查计划", "random=1", NULL));
	CHECK_INT(walk_try(&w, OFFICER, 1, "inspect", "2026-04-02", WALK_TWO, "findings=x", NULL),
		  FZ_CONFLICT);
	CHECK_STR(walk_why(&w), "双随机抽查须先随机抽取检查对象和检查人员");
	WALK_OK(&w, walk_take(&w, OFFICER, 1, "random_draw", "2026-04-02", NULL,
			      "seed=9f86d081884c7d65", "targets=91330100MA27XXXX1", "inspectors=1,3",
			      NULL));
	CHECK_INT(walk_try(&w, OFFICER, 1, "inspect", "2026-04-03", WALK_TWO, "findings=x", NULL),
		  FZ_CONFLICT);
	CHECK_STR(walk_why(&w), "检查人员李华不在 2026-04-02 随机抽取的检查人员名单中");
	const int64_t drawn[] = { 1, 3, 0 };
	WALK_OK(&w, walk_take(&w, OFFICER, 1, "inspect", "2026-04-03", drawn,
			      "findings=未发现问题", NULL));
	WALK_OK(&w, walk_take(&w, OFFICER, 1, "result", "2026-04-07", NULL, "conclusion=合格", NULL));
	WALK_OK(&w, walk_take(&w, ROLE_REVIEWER, 9, "publish", "2026-04-20", NULL, "publication=1",
			      NULL));
	WALK_OK(&w, walk_take(&w, OFFICER, 1, "close", "2026-04-20", NULL, NULL));
	walk_release(&w);
}
