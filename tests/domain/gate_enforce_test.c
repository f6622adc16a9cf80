/* gate_enforce_test.c - the rules of gate_enforce.c walked with real
 * dates: a 催告 only after the payment period with the system's figures,
 * court enforcement only after the 催告 period and the party's remedy
 * periods and within three months of them, no decision after the 90-day
 * handling period, the five-year limitation only with a reason in a
 * configured domain, and two officers on the spot unless a law allows one. */
#include "t.h"

#include "domain/caseclock.h"
#include "base/date.h"
#include "calendar_fx.h"
#include "procedure_fx.h"

#include <stdio.h>
#include <string.h>

#define OFFICER ROLE_OFFICER
#define HEAD ROLE_HEAD
#define DECIDE "facts=f", "grounds=g", "basis=b"

/* A citizen fined 5000 yuan on 2026-01-20, the decision served on
 * Thursday 01-22: payment due 02-06, reconsideration until 03-23,
 * litigation until 07-22. */
static void walk_fined(struct walk *w)
{
	walk_penalty_noticed(w, PARTY_CITIZEN, "fine", "5000", NULL);
	WALK_OK(w, walk_take(w, HEAD, 7, "decision", "2026-01-20", NULL, DECIDE, "penalty=fine",
			     "amount=5000", NULL));
	WALK_OK(w, walk_take(w, OFFICER, 1, "service", "2026-01-22", NULL, "served_on=2026-01-22",
			     "method=直接送达", NULL));
}

TEST(demand_waits_for_the_payment_period_and_states_the_computed_surcharge)
{
	struct walk w;
	walk_fined(&w);
	CHECK_INT(walk_try(&w, OFFICER, 1, "demand", "2026-02-06", NULL, "served_on=2026-02-06",
			   "perform_by=2026-02-16", "amount=5000", "surcharge=0", NULL), FZ_CONFLICT);
	CHECK_STR(walk_why(&w), "缴款期限至 2026-02-06 届满，当事人逾期不缴纳的方可催告，最早可于 "
				"2026-02-07 催告（行政强制法第三十五条、第五十四条）");
	/* Four days late: 3 % of 5000 a day is 600 yuan, whatever is typed. */
	CHECK_INT(walk_try(&w, OFFICER, 1, "demand", "2026-02-10", NULL, "served_on=2026-02-10",
			   "perform_by=2026-02-20", "amount=5000", "surcharge=100", NULL), FZ_CONFLICT);
	CHECK_CONTAINS(walk_why(&w), "未缴罚款 5000 元，截至 2026-02-10 逾期 4 日，加处罚款 600 元");
	CHECK_INT(walk_try(&w, OFFICER, 1, "demand", "2026-02-10", NULL, "served_on=2026-02-10",
			   "perform_by=2026-02-10", "amount=5000", "surcharge=600", NULL), FZ_INVALID);
	CHECK_CONTAINS(walk_why(&w), "履行期限 2026-02-10 应晚于催告日期 2026-02-10");
	WALK_OK(&w, walk_take(&w, OFFICER, 1, "demand", "2026-02-10", NULL, "served_on=2026-02-10",
			      "perform_by=2026-02-20", "amount=5000", "surcharge=600", NULL));
	CHECK_CONTAINS(walk_gate(&w, "demand_after_default")->message, "加处罚款 600 元");
	walk_release(&w);
}

TEST(demand_is_refused_once_the_fine_is_paid)
{
	struct walk w;
	walk_fined(&w);
	WALK_OK(&w, walk_take(&w, OFFICER, 1, "payment", "2026-02-05", NULL, "amount=5000", NULL));
	CHECK_INT(walk_try(&w, OFFICER, 1, "demand", "2026-02-10", NULL, "served_on=2026-02-10",
			   "perform_by=2026-02-20", "amount=0", "surcharge=0", NULL), FZ_CONFLICT);
	CHECK_STR(walk_why(&w), "罚款 5000 元已缴清，无须催告");
	walk_release(&w);
}

TEST(court_enforcement_needs_a_demand_first)
{
	struct walk w;
	walk_fined(&w);
	CHECK_INT(walk_try(&w, HEAD, 7, "court_enforcement", "2026-08-03", NULL, "court=海原县人民法院",
			   NULL), FZ_CONFLICT);
	CHECK_CONTAINS(walk_why(&w), "须以催告书催告当事人履行义务");
	CHECK_CONTAINS(walk_why(&w), "本案尚未催告");
	walk_release(&w);
}

TEST(court_enforcement_opens_after_the_remedy_periods_and_closes_three_months_later)
{
	struct walk w;
	walk_fined(&w);
	WALK_OK(&w, walk_take(&w, OFFICER, 1, "demand", "2026-02-10", NULL, "served_on=2026-02-10",
			      "perform_by=2026-02-20", "amount=5000", "surcharge=600", NULL));
	/* The demand's ten working days cross Spring Festival 2026: 02-11,
	 * 12, 13, Saturday 14 (make-up), 24, 25, 26, 27, Saturday 28
	 * (make-up), 03-02. */
	CHECK_INT(walk_try(&w, HEAD, 7, "court_enforcement", "2026-03-02", NULL,
			   "court=海原县人民法院", NULL), FZ_CONFLICT);
	CHECK_STR(walk_why(&w), "尚不能申请人民法院强制执行：催告期限至 2026-03-02 届满，复议期限至 "
				"2026-03-23 届满，诉讼期限至 2026-07-22 届满；最早可于 2026-07-23 申请");
	CHECK_INT(walk_try(&w, HEAD, 7, "court_enforcement", "2026-07-22", NULL,
			   "court=海原县人民法院", NULL), FZ_CONFLICT);
	CHECK_CONTAINS(walk_why(&w), "最早可于 2026-07-23 申请");

	/* The window, shown as a clock before it opens. */
	const struct case_clock *c = walk_clock(&w, "court_application", "2026-05-01");
	REQUIRE(c);
	CHECK_INT(c->state, CASE_CLOCK_NOT_STARTED);
	CHECK_STR(c->input.start, "2026-07-22");
	CHECK_STR(c->deadline.due, "2026-10-22");

	CHECK_INT(walk_try(&w, HEAD, 7, "court_enforcement", "2026-10-23", NULL,
			   "court=海原县人民法院", NULL), FZ_CONFLICT);
	CHECK_CONTAINS(walk_why(&w), "申请人民法院强制执行的期限已于 2026-10-22 届满");
	CHECK_CONTAINS(walk_why(&w), "不能再申请");
	WALK_OK(&w, walk_take(&w, HEAD, 7, "court_enforcement", "2026-07-23", NULL,
			      "court=海原县人民法院", NULL));
	CHECK_CONTAINS(walk_gate(&w, "court_application_window")->message, "至 2026-10-22");
	c = walk_clock(&w, "court_application", "2026-07-23");
	REQUIRE(c);
	CHECK_INT(c->state, CASE_CLOCK_STOPPED);
	walk_release(&w);
}

TEST(court_application_window_does_not_apply_once_the_fine_is_paid)
{
	struct walk w;
	walk_fined(&w);
	WALK_OK(&w, walk_take(&w, OFFICER, 1, "payment", "2026-02-05", NULL, "amount=5000", NULL));
	const struct case_clock *c = walk_clock(&w, "court_application", "2026-12-01");
	REQUIRE(c);
	CHECK_INT(c->state, CASE_CLOCK_NOT_APPLICABLE);
	CHECK_INT(walk_try(&w, HEAD, 7, "court_enforcement", "2026-08-03", NULL,
			   "court=海原县人民法院", NULL), FZ_CONFLICT);
	CHECK_STR(walk_why(&w), "罚款 5000 元已缴清，无须申请人民法院强制执行");
	walk_release(&w);
}

TEST(decision_after_the_handling_period_is_refused_unless_extended_in_time)
{
	struct walk w;
	walk_penalty_noticed(&w, PARTY_CITIZEN, "fine", "5000", NULL);
	const struct case_clock *c = walk_clock(&w, "case_handling", "2026-04-20");
	REQUIRE(c);
	char due[FZ_DATE_LEN], after[FZ_DATE_LEN], msg[400];
	memcpy(due, c->deadline.due, FZ_DATE_LEN);
	REQUIRE(date_add_days(due, 1, after));
	CHECK_INT(walk_try(&w, HEAD, 7, "decision", after, NULL, DECIDE, "penalty=fine",
			   "amount=5000", NULL), FZ_CONFLICT);
	snprintf(msg, sizeof msg, "办案期限已于 %s 届满（自 2026-01-05 起算），不能再「作出行政处罚决定」；"
		 "延长须在届满前经负责人批准（行政处罚法第六十条）", due);
	CHECK_STR(walk_why(&w), msg);
	CHECK_INT(walk_try(&w, HEAD, 7, "no_penalty", after, NULL, "reasons=r", "ground=not_established",
			   "facts=f", NULL), FZ_CONFLICT);
	CHECK_CONTAINS(walk_why(&w), "不能再「作出不予行政处罚决定」");
	/* Too late to extend, too. */
	CHECK_INT(walk_try(&w, HEAD, 7, "extend_case", after, NULL, "@reason=案情复杂", NULL),
		  FZ_CONFLICT);
	/* Extended on the due date itself: the decision goes through. */
	WALK_OK(&w, walk_take(&w, HEAD, 7, "extend_case", due, NULL, "@reason=需补充鉴定", NULL));
	WALK_OK(&w, walk_try(&w, HEAD, 7, "decision", after, NULL, DECIDE, "penalty=fine",
			     "amount=5000", NULL));
	CHECK_CONTAINS(walk_gate(&w, "within_case_period")->message, "含已批准的延长 1 次");
	walk_release(&w);
}

TEST(collective_extension_of_the_handling_period_only_where_the_province_allows_it)
{
	struct walk w;
	walk_penalty_noticed(&w, PARTY_CITIZEN, "fine", "5000", NULL);
	WALK_OK(&w, walk_take(&w, HEAD, 7, "extend_case", "2026-03-02", NULL, "@reason=需补充鉴定",
			      NULL));
	CHECK_INT(walk_try(&w, HEAD, 7, "extend_case_collective", "2026-03-03", NULL,
			   "participants=p", "conclusion=c", "@reason=仍需鉴定", NULL), FZ_CONFLICT);
	CHECK_CONTAINS(walk_why(&w), "本省配置未规定经集体讨论再次延长办案期限");
	w.cfg.case_extension_collective = true;
	WALK_OK(&w, walk_take(&w, HEAD, 7, "extend_case_collective", "2026-03-03", NULL,
			      "participants=p", "conclusion=c", "@reason=仍需鉴定", NULL));
	const struct case_clock *c = walk_clock(&w, "case_handling", "2026-03-03");
	REQUIRE(c);
	CHECK_INT(c->nextensions, 2);
	walk_release(&w);
}

TEST(five_year_limitation_needs_a_reason_and_a_configured_domain)
{
	struct walk w;
	walk_init(&w, "penalty_general", PARTY_CITIZEN, "2021-03-01");
	CHECK_INT(walk_try(&w, OFFICER, 1, "open", "2026-01-05", WALK_TWO, "facts=f", "source=s",
			   "serious_harm=1", NULL), FZ_INVALID);
	CHECK_CONTAINS(walk_why(&w), "适用五年追责时效须写明理由（字段 serious_harm_reason）");
	w.kase.domain = "土地管理";
	CHECK_INT(walk_try(&w, OFFICER, 1, "open", "2026-01-05", WALK_TWO, "facts=f", "source=s",
			   "serious_harm=1", "serious_harm_reason=致人受伤", NULL), FZ_CONFLICT);
	CHECK_CONTAINS(walk_why(&w), "本案执法领域“土地管理”不在省级配置可适用五年追责时效的领域");
	w.kase.domain = "食品安全";
	WALK_OK(&w, walk_take(&w, OFFICER, 1, "open", "2026-01-05", WALK_TWO, "facts=f",
			      "source=s", "serious_harm=1", "serious_harm_reason=致 3 人食物中毒住院",
			      NULL));
	WALK_OK(&w, walk_take(&w, HEAD, 5, "approve_opening", "2026-01-05", NULL, NULL));
	CHECK_STR(walk_gate(&w, "limitation")->message, "追责时效 5 年，至 2026-03-01 届满");
	walk_release(&w);
}

TEST(on_the_spot_decision_needs_two_officers_unless_the_province_names_a_law)
{
	struct walk w;
	const int64_t officer_and_assistant[] = { 1, 5, 0 };
	walk_init(&w, "penalty_simplified", PARTY_CITIZEN, "2026-03-02");
	CHECK_INT(walk_try(&w, OFFICER, 1, "decide_on_spot", "2026-03-02", WALK_ONE, "facts=f",
			   "grounds=g", "basis=b", "penalty=warning", "place=p", NULL), FZ_CONFLICT);
	CHECK_STR(walk_why(&w), "当场处罚须由两名以上持有效执法证的执法人员作出（行政处罚法第四十二条），"
				"当前仅 1 名");
	CHECK_INT(walk_try(&w, OFFICER, 1, "decide_on_spot", "2026-03-02", officer_and_assistant,
			   "facts=f", "grounds=g", "basis=b", "penalty=warning", "place=p", NULL),
		  FZ_CONFLICT);
	CHECK_CONTAINS(walk_why(&w), "孙丽为执法辅助人员");
	w.cfg.onsite_single_officer[0] = (struct proc_domain_basis){
		"市场监管", "《某某法》第十条（示例）" };
	w.cfg.nonsite_single_officer = 1;
	WALK_OK(&w, walk_take(&w, OFFICER, 1, "decide_on_spot", "2026-03-02", WALK_ONE, "facts=f",
			      "grounds=g", "basis=b", "penalty=warning", "place=p", NULL));
	CHECK_STR(walk_gate(&w, "onsite_officers")->message,
		  "依《某某法》第十条（示例），执法领域“市场监管”可由一名执法人员当场作出处罚决定");
	walk_release(&w);
}

TEST(deferment_is_the_heads_within_the_payment_period_for_exactly_what_is_owed)
{
	struct walk w;
	walk_fined(&w); /* 5000 yuan, due 2026-02-06 */
	CHECK_INT(walk_try(&w, OFFICER, 1, "deferment", "2026-02-01", NULL, "mode=defer",
			   "schedule=2026-03-01 5000", "reasons=经营困难", NULL), FZ_FORBIDDEN);
	CHECK_INT(walk_try(&w, HEAD, 7, "deferment", "2026-02-01", NULL, "mode=instalments",
			   "schedule=2026-03-01 5000", "reasons=经营困难", NULL), FZ_INVALID);
	CHECK_STR(walk_why(&w), "分期缴纳至少分两期");
	CHECK_INT(walk_try(&w, HEAD, 7, "deferment", "2026-02-01", NULL, "mode=defer",
			   "schedule=2026-03-01 2500\n2026-04-01 2500", "reasons=r", NULL), FZ_INVALID);
	CHECK_STR(walk_why(&w), "延期缴纳只写一行：缴清全部罚款的日期和金额");
	CHECK_INT(walk_try(&w, HEAD, 7, "deferment", "2026-02-01", NULL, "mode=instalments",
			   "schedule=2026-03-01 2500\n2026-04-01 1500", "reasons=r", NULL), FZ_INVALID);
	CHECK_STR(walk_why(&w), "缴纳计划合计 4000 元，应等于未缴罚款 5000 元");
	CHECK_INT(walk_try(&w, HEAD, 7, "deferment", "2026-02-01", NULL, "mode=instalments",
			   "schedule=2026-04-01 2500\n2026-03-01 2500", "reasons=r", NULL), FZ_INVALID);
	CHECK_STR(walk_why(&w), "缴纳计划第 2 期的日期 2026-03-01 应晚于上一期 2026-04-01");
	CHECK_INT(walk_try(&w, HEAD, 7, "deferment", "2026-02-01", NULL, "mode=instalments",
			   "schedule=2026-03-01 2500\n四月一日 2500", "reasons=r", NULL), FZ_INVALID);
	CHECK_STR(walk_why(&w), "缴纳计划第 2 行应写为“YYYY-MM-DD 金额”，如“2027-01-15 5000”");
	CHECK_INT(walk_try(&w, HEAD, 7, "deferment", "2026-02-01", NULL, "mode=defer",
			   "schedule=2026-01-30 5000", "reasons=r", NULL), FZ_INVALID);
	CHECK_STR(walk_why(&w), "缴纳计划第 1 期的日期 2026-01-30 应晚于批准之日 2026-02-01");
	/* After the deadline the surcharge has accrued: no new schedule. */
	CHECK_INT(walk_try(&w, HEAD, 7, "deferment", "2026-02-09", NULL, "mode=defer",
			   "schedule=2026-03-01 5000", "reasons=r", NULL), FZ_CONFLICT);
	CHECK_CONTAINS(walk_why(&w), "缴款期限已于 2026-02-06 届满");
	WALK_OK(&w, walk_take(&w, HEAD, 7, "deferment", "2026-02-01", NULL, "mode=instalments",
			      "schedule=2026-03-01 2500\n2026-04-01 2500", "reasons=经营困难", NULL));
	CHECK_STR(walk_gate(&w, "deferment_schedule")->message,
		  "分期缴纳：共 2 期，合计 5000 元，至 2026-04-01 缴清");
	/* Approved once: a second schedule is not a side door. */
	CHECK_INT(walk_try(&w, HEAD, 7, "deferment", "2026-02-02", NULL, "mode=defer",
			   "schedule=2026-06-01 5000", "reasons=r", NULL), FZ_CONFLICT);
	walk_release(&w);
}

TEST(instalments_move_the_deadline_the_surcharge_and_the_demand)
{
	struct walk w;
	walk_fined(&w);
	WALK_OK(&w, walk_take(&w, HEAD, 7, "deferment", "2026-02-01", NULL, "mode=instalments",
			      "schedule=2026-03-01 2500\n2026-04-01 2500", "reasons=经营困难", NULL));
	/* Past the decision's deadline but within the first instalment. */
	WALK_OK(&w, walk_take(&w, OFFICER, 1, "payment", "2026-02-20", NULL, "amount=2500", NULL));
	CHECK_INT(walk_try(&w, OFFICER, 1, "demand", "2026-03-05", NULL, "served_on=2026-03-05",
			   "perform_by=2026-03-20", "amount=2500", "surcharge=0", NULL), FZ_CONFLICT);
	CHECK_CONTAINS(walk_why(&w), "缴款期限至 2026-04-01 届满");
	/* The second instalment two days late: 3% of 2500 a day. */
	CHECK_INT(walk_try(&w, OFFICER, 1, "payment", "2026-04-03", NULL, "amount=2500",
			   "surcharge=0", NULL), FZ_CONFLICT);
	CHECK_CONTAINS(walk_why(&w), "缴款期限已于 2026-04-01 届满，逾期 2 日，应加处罚款 150 元"
				     "（每日按逾期各期金额的 3%）");
	WALK_OK(&w, walk_take(&w, OFFICER, 1, "payment", "2026-04-03", NULL, "amount=2500",
			      "surcharge=150", NULL));
	walk_release(&w);

	/* Missed first instalment: the demand counts from its date only. */
	walk_fined(&w);
	WALK_OK(&w, walk_take(&w, HEAD, 7, "deferment", "2026-02-01", NULL, "mode=instalments",
			      "schedule=2026-03-02 2500\n2026-12-01 2500", "reasons=经营困难", NULL));
	CHECK_INT(walk_try(&w, OFFICER, 1, "demand", "2026-03-04", NULL, "served_on=2026-03-04",
			   "perform_by=2026-03-20", "amount=5000", "surcharge=300", NULL), FZ_CONFLICT);
	CHECK_CONTAINS(walk_why(&w), "截至 2026-03-04 逾期 2 日，加处罚款 150 元");
	WALK_OK(&w, walk_take(&w, OFFICER, 1, "demand", "2026-03-04", NULL, "served_on=2026-03-04",
			      "perform_by=2026-03-20", "amount=5000", "surcharge=150", NULL));
	/* Art 72 para 2: the court application waits for the schedule's end. */
	CHECK_INT(walk_try(&w, HEAD, 7, "court_enforcement", "2026-08-03", NULL,
			   "court=海原县人民法院", NULL), FZ_CONFLICT);
	CHECK_STR(walk_why(&w), "尚不能申请人民法院强制执行：批准的分期缴纳期限至 2026-12-01 结束"
				"（行政处罚法第七十二条第二款）；最早可于 2026-12-02 申请");
	WALK_OK(&w, walk_try(&w, HEAD, 7, "court_enforcement", "2026-12-02", NULL,
			     "court=海原县人民法院", NULL));
	walk_release(&w);
}
