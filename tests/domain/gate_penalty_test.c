/* gate_penalty_test.c - the penalty's substance and order: limitation
 * (2 and 5 years), an advance notice before the decision, the defence
 * period and the party's waiver, a decision no heavier than notified, a
 * well-formed penalty, and a reason for leaving the benchmark. */
#include "t.h"

#include "procedure_fx.h"

#define OFFICER ROLE_OFFICER
#define HEAD ROLE_HEAD
#define DECIDE "facts=f", "grounds=g", "basis=b"

TEST(limitation_blocks_opening_two_years_after_the_act)
{
	struct walk w;
	walk_init(&w, "penalty_general", PARTY_CITIZEN, "2024-01-04");
	CHECK_INT(walk_try(&w, OFFICER, 1, "open", "2026-01-05", WALK_TWO, "facts=f", "source=s",
			   NULL), FZ_CONFLICT);
	CHECK_STR(walk_why(&w), "已超过行政处罚追责时效（2 年），不能立案：违法行为发生（终了）于 "
				"2024-01-04，时效于 2026-01-04 届满，发现于 2026-01-05");
	/* discovered earlier than opened: in time */
	WALK_OK(&w, walk_try(&w, OFFICER, 1, "open", "2026-01-05", WALK_TWO, "facts=f",
			     "source=s", "discovered_on=2026-01-04", NULL));
	walk_release(&w);
}

TEST(limitation_is_five_years_for_serious_harm_to_life_health_or_finance)
{
	struct walk w;
	walk_init(&w, "penalty_general", PARTY_CITIZEN, "2021-03-01");
	WALK_OK(&w, walk_try(&w, OFFICER, 1, "open", "2026-01-05", WALK_TWO, "facts=f",
			     "source=s", "serious_harm=1", "serious_harm_reason=销售假药致人住院", NULL));
	CHECK_STR(walk_gate(&w, "limitation")->message, "追责时效 5 年，至 2026-03-01 届满");
	walk_release(&w);
	walk_init(&w, "penalty_general", PARTY_CITIZEN, "2020-12-31");
	CHECK_INT(walk_try(&w, OFFICER, 1, "open", "2026-01-05", WALK_TWO, "facts=f", "source=s",
			   "serious_harm=1", "serious_harm_reason=销售假药致人住院", NULL), FZ_CONFLICT);
	CHECK_CONTAINS(walk_why(&w), "已超过行政处罚追责时效（5 年），不能立案");
	walk_release(&w);
}

TEST(notice_before_decision_blocks_a_decision_without_advance_notice)
{
	struct walk w;
	walk_init(&w, "penalty_general", PARTY_CITIZEN, "2025-12-01");
	WALK_OK(&w, walk_take(&w, OFFICER, 1, "open", "2026-01-05", WALK_TWO, "facts=f",
			      "source=s", NULL));
	WALK_OK(&w, walk_take(&w, HEAD, 5, "approve_opening", "2026-01-05", NULL, NULL));
	WALK_OK(&w, walk_take(&w, OFFICER, 1, "investigate", "2026-01-06", WALK_TWO, "record=r",
			      NULL));
	CHECK_INT(walk_try(&w, HEAD, 7, "decision", "2026-01-20", NULL, DECIDE, "penalty=warning",
			   NULL), FZ_CONFLICT);
	const struct gate_result *g = walk_gate(&w, "notice_before_decision");
	REQUIRE(g);
	CHECK(!g->passed);
	CHECK_CONTAINS(g->message, "作出处罚决定前须告知当事人拟作出的处罚内容");
	walk_release(&w);
}

TEST(defence_period_blocks_until_it_has_run_over_national_day_2025)
{
	struct walk w;
	walk_init(&w, "penalty_general", PARTY_CITIZEN, "2025-08-01");
	WALK_OK(&w, walk_take(&w, OFFICER, 1, "open", "2025-09-01", WALK_TWO, "facts=f",
			      "source=s", NULL));
	WALK_OK(&w, walk_take(&w, HEAD, 5, "approve_opening", "2025-09-01", NULL, NULL));
	WALK_OK(&w, walk_take(&w, OFFICER, 1, "investigate", "2025-09-02", WALK_TWO, "record=r",
			      NULL));
	/* served Tuesday 09-30: 10-01..10-08 off, Saturday 10-11 a make-up
	 * working day: 10-09, 10-10, 10-11, 10-13, 10-14. */
	WALK_OK(&w, walk_take(&w, OFFICER, 1, "advance_notice", "2025-09-30", NULL, DECIDE,
			      "penalty=warning", "served_on=2025-09-30", NULL));
	CHECK_INT(walk_try(&w, HEAD, 7, "decision", "2025-10-14", NULL, DECIDE, "penalty=warning",
			   NULL), FZ_CONFLICT);
	CHECK_STR(walk_why(&w), "陈述申辩期尚未届满（届满日 2025-10-14），不能作出决定");
	WALK_OK(&w, walk_try(&w, HEAD, 7, "decision", "2025-10-15", NULL, DECIDE,
			     "penalty=warning", NULL));
	walk_release(&w);
}

TEST(defence_period_gives_way_to_an_express_waiver)
{
	struct walk w;
	walk_penalty_noticed(&w, PARTY_CITIZEN, "warning", NULL, NULL);
	WALK_OK(&w, walk_take(&w, OFFICER, 1, "statement", "2026-01-13", NULL,
			      "content=当事人书面表示放弃陈述申辩和听证", "waived=1", NULL));
	WALK_OK(&w, walk_try(&w, HEAD, 7, "decision", "2026-01-14", NULL, DECIDE,
			     "penalty=warning", NULL));
	CHECK_STR(walk_gate(&w, "defence_period_elapsed")->message, "当事人已明确放弃陈述、申辩");
	walk_release(&w);
}

TEST(not_above_notified_blocks_a_larger_fine_and_an_unnotified_kind)
{
	struct walk w;
	walk_penalty_noticed(&w, PARTY_CITIZEN, "fine", "5000", NULL);
	CHECK_INT(walk_try(&w, HEAD, 7, "decision", "2026-01-20", NULL, DECIDE, "penalty=fine",
			   "amount=8000", NULL), FZ_CONFLICT);
	CHECK_STR(walk_why(&w), "决定的罚款 8000 元超过告知的 5000 元；"
				"加重处罚须重新告知（行政处罚法第四十四、四十五条）");
	CHECK_INT(walk_try(&w, HEAD, 7, "decision", "2026-01-20", NULL, DECIDE,
			   "penalty=fine,suspend_licence", "amount=5000", NULL), FZ_CONFLICT);
	CHECK_CONTAINS(walk_why(&w), "决定的处罚种类“暂扣许可证件”未在告知书中告知");
	WALK_OK(&w, walk_try(&w, HEAD, 7, "decision", "2026-01-20", NULL, DECIDE, "penalty=fine",
			     "amount=4000.50", NULL));
	walk_release(&w);
}

TEST(penalty_stated_needs_an_amount_for_a_fine_and_none_without)
{
	struct walk w;
	walk_penalty_noticed(&w, PARTY_CITIZEN, "fine", "5000", NULL);
	CHECK_INT(walk_try(&w, HEAD, 7, "decision", "2026-01-20", NULL, DECIDE, "penalty=fine",
			   NULL), FZ_INVALID);
	CHECK_STR(walk_why(&w), "处罚种类包含罚款，须写明罚款金额");
	CHECK_INT(walk_try(&w, HEAD, 7, "decision", "2026-01-20", NULL, DECIDE, "penalty=warning",
			   "amount=100", NULL), FZ_INVALID);
	CHECK_STR(walk_why(&w), "处罚种类不含罚款，不应填写罚款金额");
	walk_release(&w);
}

TEST(benchmark_reason_required_when_the_decision_leaves_the_benchmark)
{
	struct walk w;
	walk_penalty_noticed(&w, PARTY_CITIZEN, "fine", "5000", NULL);
	CHECK_INT(walk_try(&w, HEAD, 7, "decision", "2026-01-20", NULL, DECIDE, "penalty=fine",
			   "amount=5000", "benchmark_outside=1", NULL), FZ_INVALID);
	CHECK_STR(walk_why(&w), "处罚超出裁量基准，须写明理由（字段 benchmark_reason），并提示法制审核");
	WALK_OK(&w, walk_try(&w, HEAD, 7, "decision", "2026-01-20", NULL, DECIDE, "penalty=fine",
			     "amount=5000", "benchmark_outside=1",
			     "benchmark_reason=当事人主动消除危害后果", NULL));
	walk_release(&w);
}
