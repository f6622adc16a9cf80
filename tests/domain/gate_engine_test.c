/* gate_engine_test.c - the engine's own gates, which every step passes:
 * role, required steps, opening first, no repetition, required and
 * well-formed fields, the event's day, a closed case frozen but open to
 * corrections, and the list of steps available next. */
#include "t.h"

#include "domain/caseclock.h"
#include "procedure_fx.h"

#define OFFICER ROLE_OFFICER
#define HEAD ROLE_HEAD
#define DECIDE "facts=f", "grounds=g", "basis=b"

TEST(role_allowed_blocks_an_officer_taking_the_heads_decision)
{
	struct walk w;
	walk_penalty_noticed(&w, PARTY_CITIZEN, "warning", NULL, NULL);
	CHECK_INT(walk_try(&w, OFFICER, 1, "decision", "2026-01-20", NULL, DECIDE,
			   "penalty=warning", NULL), FZ_FORBIDDEN);
	CHECK_STR(walk_why(&w), "「作出行政处罚决定」须由机关负责人进行");
	WALK_OK(&w, walk_try(&w, HEAD, 7, "decision", "2026-01-20", NULL, DECIDE,
			     "penalty=warning", NULL));
	walk_release(&w);
}

TEST(requires_steps_blocks_a_notice_before_any_investigation)
{
	struct walk w;
	walk_init(&w, "penalty_general", PARTY_CITIZEN, "2025-12-01");
	WALK_OK(&w, walk_take(&w, OFFICER, 1, "open", "2026-01-05", WALK_TWO, "facts=f",
			      "source=s", NULL));
	WALK_OK(&w, walk_take(&w, HEAD, 5, "approve_opening", "2026-01-05", NULL, NULL));
	CHECK_INT(walk_try(&w, OFFICER, 1, "advance_notice", "2026-01-06", NULL, DECIDE,
			   "penalty=warning", "served_on=2026-01-06", NULL), FZ_CONFLICT);
	CHECK_STR(walk_why(&w), "须先完成「调查取证」");
	walk_release(&w);
}

TEST(requires_any_names_each_alternative_when_none_was_taken)
{
	struct walk w;
	walk_penalty_noticed(&w, PARTY_CITIZEN, "warning", NULL, NULL);
	CHECK_INT(walk_try(&w, HEAD, 7, "close", "2026-01-20", NULL, "summary=s", NULL),
		  FZ_CONFLICT);
	CHECK_STR(walk_why(&w), "须先完成以下步骤之一：「送达行政处罚决定书」"
				"「送达不予行政处罚决定书」「公安机关接收移送案件」「撤销案件」");
	walk_release(&w);
}

TEST(opening_must_be_the_first_step_of_a_case)
{
	struct walk w;
	walk_init(&w, "penalty_general", PARTY_CITIZEN, "2025-12-01");
	CHECK_INT(walk_try(&w, OFFICER, 1, "investigate", "2026-01-05", WALK_TWO, "record=r",
			   NULL), FZ_CONFLICT);
	CHECK_STR(walk_why(&w), "案件尚未开始，须先进行「立案登记」");
	walk_release(&w);
}

TEST(not_repeated_blocks_opening_a_case_twice)
{
	struct walk w;
	walk_penalty_noticed(&w, PARTY_CITIZEN, "warning", NULL, NULL);
	CHECK_INT(walk_try(&w, OFFICER, 1, "open", "2026-01-20", WALK_TWO, "facts=f", "source=s",
			   NULL), FZ_CONFLICT);
	CHECK_STR(walk_why(&w), "「立案登记」已于 2026-01-05 进行，不能重复；如有错误请以更正事件记录");
	walk_release(&w);
}

TEST(required_fields_names_every_missing_field)
{
	struct walk w;
	walk_init(&w, "penalty_general", PARTY_CITIZEN, "2025-12-01");
	CHECK_INT(walk_try(&w, OFFICER, 1, "open", "2026-01-05", WALK_TWO, "source=", NULL),
		  FZ_INVALID);
	CHECK_STR(walk_why(&w), "「立案登记」缺少必填项“违法事实”");
	/* every missing field is its own result, named by the field */
	size_t missing = 0;
	for (size_t i = 0; i < w.nresults; i++)
		if (!w.results[i].passed && !strcmp(w.results[i].gate, "required_fields"))
			missing += !strcmp(w.results[i].field, "facts") ||
				   !strcmp(w.results[i].field, "source");
	CHECK_INT(missing, 2);
	walk_release(&w);
}

TEST(field_formats_reject_a_bad_amount_date_and_penalty_kind)
{
	struct walk w;
	walk_penalty_noticed(&w, PARTY_CITIZEN, "warning", NULL, NULL);
	CHECK_INT(walk_try(&w, HEAD, 7, "decision", "2026-01-20", NULL, DECIDE, "penalty=fine",
			   "amount=1,000", NULL), FZ_INVALID);
	CHECK_STR(walk_why(&w), "“罚款金额（元）”应为元数，最多两位小数（如 5000 或 5000.50）");
	CHECK_INT(walk_try(&w, OFFICER, 1, "service", "2026-01-20", NULL, "served_on=2026-02-30",
			   "method=直接送达", NULL), FZ_INVALID);
	/* a malformed field outranks the missing decision */
	CHECK_STR(walk_why(&w), "“送达日期”应为 YYYY-MM-DD 格式的有效日期");
	CHECK(!walk_gate(&w, "requires_steps")->passed);
	CHECK_INT(walk_try(&w, HEAD, 7, "decision", "2026-01-20", NULL, DECIDE, "penalty=flogging",
			   NULL), FZ_INVALID);
	CHECK_CONTAINS(walk_why(&w), "“处罚种类”应为处罚种类");
	walk_release(&w);
}

TEST(event_day_may_not_be_in_the_future_nor_before_the_last_event)
{
	struct walk w;
	walk_penalty_noticed(&w, PARTY_CITIZEN, "warning", NULL, NULL);
	memcpy(w.today, "2026-01-20", 11);
	CHECK_INT(walk_try(&w, OFFICER, 1, "statement", "2026-01-21", NULL, "content=c", NULL),
		  FZ_CONFLICT);
	CHECK_STR(walk_why(&w), "事件日期 2026-01-21 晚于今天（2026-01-20），不能预先记录");
	CHECK_INT(walk_try(&w, OFFICER, 1, "statement", "2026-01-09", NULL, "content=c", NULL),
		  FZ_CONFLICT);
	CHECK_STR(walk_why(&w), "事件日期 2026-01-09 早于上一事件的日期 2026-01-12");
	walk_release(&w);
}

TEST(unknown_step_is_invalid)
{
	struct walk w;
	walk_penalty_noticed(&w, PARTY_CITIZEN, "warning", NULL, NULL);
	CHECK_INT(walk_try(&w, HEAD, 7, "approve_everything", "2026-01-20", NULL, NULL),
		  FZ_INVALID);
	CHECK_STR(walk_why(&w), "行政处罚（普通程序） 没有名为“approve_everything”的步骤");
	walk_release(&w);
}

TEST(closed_case_accepts_only_a_reasoned_correction_by_the_head)
{
	struct walk w;
	walk_penalty_noticed(&w, PARTY_CITIZEN, "warning", NULL, NULL);
	WALK_OK(&w, walk_take(&w, HEAD, 7, "decision", "2026-01-20", NULL, DECIDE,
			      "penalty=warning", NULL));
	WALK_OK(&w, walk_take(&w, OFFICER, 1, "service", "2026-01-21", NULL,
			      "served_on=2026-01-21", "method=直接送达", NULL));
	WALK_OK(&w, walk_take(&w, HEAD, 7, "close", "2026-01-22", NULL, "summary=s", NULL));
	CHECK_INT(walk_try(&w, OFFICER, 1, "service", "2026-01-23", NULL, "served_on=2026-01-23",
			   "method=直接送达", NULL),
		  FZ_CONFLICT);
	CHECK_STR(walk_why(&w), "案件已结案，变更须以更正事件记录并说明理由");
	/* the publication pipeline still publishes a closed case's decision:
	 * a late publication is published all the same */
	CHECK_INT(walk_try(&w, ROLE_REVIEWER, 9, "publish", "2026-01-23", NULL, "publication=1", NULL),
		  FZ_OK);
	CHECK_INT(walk_try(&w, OFFICER, 1, "correction", "2026-01-23", NULL, "@corrects=6",
			   "@reason=送达日期录入错误", "served_on=2026-01-20", NULL), FZ_FORBIDDEN);
	CHECK_STR(walk_why(&w), "更正须由机关负责人进行");
	CHECK_INT(walk_try(&w, HEAD, 7, "correction", "2026-01-23", NULL, "@corrects=6",
			   "served_on=2026-01-20", NULL), FZ_INVALID);
	CHECK_STR(walk_why(&w), "更正须说明理由");
	CHECK_INT(walk_try(&w, HEAD, 7, "correction", "2026-01-23", NULL, "@corrects=99",
			   "@reason=r", "served_on=2026-01-20", NULL), FZ_INVALID);
	CHECK_STR(walk_why(&w), "更正须指明所更正的本案事件");
	/* A date is substance: a correction may not move it. */
	CHECK_INT(walk_try(&w, HEAD, 7, "correction", "2026-01-23", NULL, "@corrects=6",
			   "@reason=送达日期录入错误", "served_on=2026-01-20", NULL), FZ_CONFLICT);
	CHECK_CONTAINS(walk_why(&w), "不能改变「送达行政处罚决定书」的实质内容（送达日期）");
	WALK_OK(&w, walk_take(&w, HEAD, 7, "correction", "2026-01-23", NULL, "@corrects=6",
			      "@reason=送达方式录入错误", "method=留置送达", NULL));
	walk_release(&w);
}

TEST(correction_may_not_move_a_service_date_nor_add_a_waiver)
{
	struct walk w;
	walk_penalty_noticed(&w, PARTY_CITIZEN, "warning", NULL, NULL);
	/* served 01-12: moving it to 01-14 would move the defence period. */
	CHECK_INT(walk_try(&w, HEAD, 7, "correction", "2026-01-14", NULL, "@corrects=4",
			   "@reason=回证日期为 1 月 14 日", "served_on=2026-01-14", NULL), FZ_CONFLICT);
	CHECK_CONTAINS(walk_why(&w), "更正只能改正笔误等文字错误");
	WALK_OK(&w, walk_take(&w, OFFICER, 1, "statement", "2026-01-14", NULL, "content=申辩", NULL));
	/* A waiver the statement never had cannot be added afterwards. */
	CHECK_INT(walk_try(&w, HEAD, 7, "correction", "2026-01-14", NULL, "@corrects=5",
			   "@reason=补记", "waived=1", NULL), FZ_CONFLICT);
	CHECK_CONTAINS(walk_why(&w), "（当事人明确放弃陈述申辩和听证）");
	/* The penalty of the notice is substance too. */
	CHECK_INT(walk_try(&w, HEAD, 7, "correction", "2026-01-14", NULL, "@corrects=4",
			   "@reason=笔误", "penalty=fine", NULL), FZ_CONFLICT);
	/* Wording is not: the statement's content may be corrected. */
	WALK_OK(&w, walk_take(&w, HEAD, 7, "correction", "2026-01-14", NULL, "@corrects=5",
			      "@reason=错别字", "content=申辩意见", NULL));
	/* Nor can a correction be corrected. */
	CHECK_INT(walk_try(&w, HEAD, 7, "correction", "2026-01-14", NULL, "@corrects=6",
			   "@reason=r", "content=x", NULL), FZ_INVALID);
	CHECK_STR(walk_why(&w), "更正只能针对办案步骤，不能更正一条更正");
	CHECK_INT((int)w.nevents, 6);
	walk_release(&w);
}

TEST(procedure_check_reports_every_gate_passing_or_not)
{
	struct walk w;
	walk_penalty_noticed(&w, PARTY_CITIZEN, "warning", NULL, NULL);
	WALK_OK(&w, walk_try(&w, HEAD, 7, "decision", "2026-01-20", NULL, DECIDE,
			     "penalty=warning", NULL));
	const char *names[] = { "event_day",
				"closed_case_frozen",
				"role_allowed",
				"requires_steps",
				"not_repeated",
				"required_fields",
				"notice_before_decision",
				"defence_period_elapsed",
				"hearing_offered_when_required",
				"penalty_stated",
				"not_above_notified",
				"benchmark_reason_when_outside",
				"review_required_and_passed",
				"collective_deliberation_when_required",
				"referral_suspends" };
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		const struct gate_result *g = walk_gate(&w, names[i]);
		CHECK(g && g->passed);
	}
	CHECK_STR(walk_gate(&w, "defence_period_elapsed")->message, "陈述申辩期已于 2026-01-19 届满");
	walk_release(&w);
}

static const struct proc_option *option(const struct proc_option *o, size_t n, const char *id)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(o[i].step->id, id) == 0)
			return &o[i];
	return NULL;
}

TEST(available_steps_say_what_can_be_done_next_and_why_not)
{
	struct walk w;
	struct proc_option opts[64];
	size_t n;
	struct fz_error e = { 0 };
	walk_penalty_noticed(&w, PARTY_CITIZEN, "warning", NULL, NULL);
	w.ctx.actor_roles = ROLE_HEAD;
	w.ctx.actor_person = 7;
	w.ctx.today = "2026-01-15";
	w.ctx.nevents = w.nevents;
	REQUIRE(procedure_available_steps(&w.ctx, opts, 64, &n, &e) == FZ_OK);
	CHECK_INT(n, w.def->nsteps);
	const struct proc_option *o = option(opts, n, "decision");
	REQUIRE(o);
	CHECK(!o->available);
	CHECK_STR(o->gate, "defence_period_elapsed");
	CHECK_STR(o->reason, "陈述申辩期尚未届满（届满日 2026-01-19），不能作出决定");
	CHECK(option(opts, n, "extend_case")->available);
	CHECK(!option(opts, n, "open")->available);
	CHECK_STR(option(opts, n, "investigate")->gate, "role_allowed");
	w.ctx.today = "2026-01-20";
	REQUIRE(procedure_available_steps(&w.ctx, opts, 64, &n, &e) == FZ_OK);
	CHECK(option(opts, n, "decision")->available);
	walk_release(&w);
}

TEST(extension_of_the_case_period_needs_a_reason_and_comes_once)
{
	struct walk w;
	walk_penalty_noticed(&w, PARTY_CITIZEN, "warning", NULL, NULL);
	CHECK_INT(walk_try(&w, HEAD, 7, "extend_case", "2026-01-20", NULL, NULL), FZ_INVALID);
	CHECK_STR(walk_why(&w), "延长办案期限须说明理由");
	WALK_OK(&w, walk_take(&w, HEAD, 7, "extend_case", "2026-01-20", NULL,
			      "@reason=需补充鉴定", NULL));
	struct case_clock c;
	struct fz_error e = { 0 };
	REQUIRE(case_clock_compute(w.def, &w.cfg, w.ctx.cal, w.events, w.nevents,
				   proc_clock_find(w.def, "case_handling"), "2026-01-20", w.a, &c,
				   &e) == FZ_OK);
	/* 90 + 30 days from 01-05: 05-05 is in the Labour Day holiday
	 * (05-01..05-05), so the period ends on 05-06. */
	CHECK_STR(c.deadline.due, "2026-05-06");
	walk_release(&w);
}

TEST(values_line_limits_a_field_to_the_listed_values)
{
	struct walk w;
	walk_penalty_noticed(&w, PARTY_CITIZEN, "fine", "20000", NULL);
	WALK_OK(&w, walk_take(&w, OFFICER, 1, "hearing_request", "2026-01-13", NULL, NULL));
	WALK_OK(&w, walk_take(&w, OFFICER, 1, "hearing_notice", "2026-01-14", NULL,
			      "hearing_on=2026-01-26", "hearing_time=09:30", "place=p", "host=3", "served_on=2026-01-14",
			      NULL));
	CHECK_INT(walk_try(&w, OFFICER, 1, "hearing", "2026-01-26", NULL, "host=3",
			   "outcome=hled", NULL), FZ_INVALID);
	CHECK_STR(walk_why(&w), "“听证情况”应为以下之一：已举行听证（held）、"
		  "当事人无正当理由缺席（absent）、当事人撤回听证申请（withdrawn）");
	walk_release(&w);
}

TEST(extension_by_more_than_the_clock_allows_is_invalid)
{
	struct walk w;
	walk_penalty_noticed(&w, PARTY_CITIZEN, "warning", NULL, NULL);
	CHECK_INT(walk_try(&w, HEAD, 7, "extend_case", "2026-01-20", NULL, "@reason=r",
			   "extend_by=31", NULL), FZ_INVALID);
	CHECK_STR(walk_why(&w), "“延长的期间”应为 1 至 30 的整数（日）");
	CHECK_INT(walk_try(&w, HEAD, 7, "extend_case", "2026-01-20", NULL, "@reason=r",
			   "extend_by=1x", NULL), FZ_INVALID);
	WALK_OK(&w, walk_try(&w, HEAD, 7, "extend_case", "2026-01-20", NULL, "@reason=r",
			     "extend_by=30", NULL));
	walk_release(&w);
}
