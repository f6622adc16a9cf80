/* walk_penalty_test.c - a whole general-procedure penalty case walked
 * through procedure_check with real dates: defence period over Spring
 * Festival 2026, hearing requested and held, review rejected then approved,
 * fine paid late with surcharge, case closed and frozen. */
#include "t.h"

#include "domain/caseclock.h"
#include "procedure_fx.h"

#define OFFICER ROLE_OFFICER
#define HEAD ROLE_HEAD
#define REVIEWER ROLE_REVIEWER

TEST(penalty_case_walks_from_opening_to_closing_over_spring_festival_2026)
{
	struct walk w;
	walk_init(&w, "penalty_general", PARTY_ORGANISATION, "2025-11-20");

	WALK_OK(&w, walk_take(&w, OFFICER, 1, "open", "2026-01-05", WALK_TWO,
			    "facts=销售过期食品", "source=投诉举报", NULL));
	WALK_OK(&w, walk_take(&w, HEAD, 5, "approve_opening", "2026-01-05", NULL, NULL));
	WALK_OK(&w, walk_take(&w, OFFICER, 1, "investigate", "2026-01-08", WALK_TWO,
			    "record=现场检查笔录、询问笔录", NULL));
	/* The notice is served on Thursday 2026-02-12: five working days are
	 * 02-13, Saturday 02-14 (a make-up working day), then after the
	 * holiday 02-15..02-23 come 02-24, 02-25 and 02-26. It is recorded on
	 * the day of service, dated the day it was issued. */
	memcpy(w.today, "2026-02-12", 11);
	WALK_OK(&w, walk_take(&w, OFFICER, 1, "advance_notice", "2026-02-11", NULL,
			    "facts=销售过期食品", "grounds=证据确凿", "basis=食品安全法第一百二十四条",
			    "penalty=fine,confiscate_gains", "amount=120000", "confiscation=3000",
			    "served_on=2026-02-12", "hearing_offered=1", NULL));
	w.today[0] = '\0';
	CHECK_INT(walk_try(&w, HEAD, 7, "decision", "2026-02-25", NULL, "facts=f", "grounds=g",
			   "basis=b", "penalty=fine", "amount=120000", NULL), FZ_CONFLICT);
	CHECK_STR(walk_why(&w), "陈述申辩期尚未届满（届满日 2026-02-26），不能作出决定");

	WALK_OK(&w, walk_take(&w, OFFICER, 1, "hearing_request", "2026-02-13", NULL, NULL));
	WALK_OK(&w, walk_take(&w, OFFICER, 1, "hearing_notice", "2026-02-24", NULL,
			    "hearing_on=2026-03-05", "hearing_time=09:30", "place=第一听证室", "host=3",
			    "served_on=2026-02-24", NULL));
	/* Seven working days from 02-24: 02-25, 26, 27, Saturday 02-28 (make-up),
	 * 03-02, 03, 04. The hearing may be held after 03-04. */
	CHECK_INT(walk_try(&w, OFFICER, 1, "hearing", "2026-03-04", NULL, "host=3",
			   "outcome=held", NULL), FZ_CONFLICT);
	CHECK_CONTAINS(walk_why(&w), "听证应在 2026-03-04 之后举行");
	CHECK_INT(walk_try(&w, OFFICER, 1, "hearing", "2026-03-05", NULL, "host=1",
			   "outcome=held", NULL), FZ_CONFLICT);
	CHECK_CONTAINS(walk_why(&w), "听证主持人不能是本案调查人员");
	CHECK_INT(walk_try(&w, HEAD, 7, "decision", "2026-03-05", NULL, "facts=f", "grounds=g",
			   "basis=b", "penalty=fine", "amount=120000", NULL), FZ_CONFLICT);
	CHECK_CONTAINS(walk_why(&w), "听证结束前不能作出决定");
	WALK_OK(&w, walk_take(&w, OFFICER, 1, "hearing", "2026-03-05", NULL, "host=3",
			    "outcome=held", NULL));

	/* A hearing was held: the case is in the review catalogue. */
	CHECK_INT(walk_try(&w, HEAD, 7, "decision", "2026-03-06", NULL, "facts=f", "grounds=g",
			   "basis=b", "penalty=fine", "amount=120000", NULL), FZ_CONFLICT);
	CHECK_STR(walk_why(&w), "本案属于重大执法决定法制审核目录（经过听证），"
				"未经法制审核通过不能作出决定");
	WALK_OK(&w, walk_take(&w, REVIEWER, 9, "legal_review", "2026-03-09", WALK_REVIEWER,
			    "opinion=reject", "reasons=违法所得计算依据不足", WALK_CHECKS_PASS, NULL));
	CHECK_INT(walk_try(&w, HEAD, 7, "decision", "2026-03-10", NULL, "facts=f", "grounds=g",
			   "basis=b", "penalty=fine", "amount=120000", NULL), FZ_CONFLICT);
	CHECK_STR(walk_why(&w), "法制审核未通过（违法所得计算依据不足），须修改后重新审核");
	WALK_OK(&w, walk_take(&w, OFFICER, 1, "investigate", "2026-03-10", WALK_TWO,
			    "record=补充调取销售台账", NULL));
	WALK_OK(&w, walk_take(&w, REVIEWER, 9, "legal_review", "2026-03-11", WALK_REVIEWER,
			    "opinion=approve", WALK_CHECKS_PASS, NULL));

	CHECK_INT(walk_try(&w, HEAD, 7, "decision", "2026-03-12", NULL, "facts=f", "grounds=g",
			   "basis=b", "penalty=fine", "amount=130000", NULL), FZ_CONFLICT);
	CHECK_CONTAINS(walk_why(&w), "决定的罚款 130000 元超过告知的 120000 元");
	WALK_OK(&w, walk_take(&w, HEAD, 7, "decision", "2026-03-12", NULL, "facts=销售过期食品",
			    "grounds=g", "basis=食品安全法第一百二十四条", "penalty=fine,confiscate_gains", "amount=120000",
			    "confiscation=3000", NULL));
	WALK_OK(&w, walk_take(&w, OFFICER, 1, "service", "2026-03-16", NULL,
			    "served_on=2026-03-16", "method=直接送达", NULL));
	WALK_OK(&w, walk_take(&w, ROLE_REVIEWER, 9, "publish", "2026-03-18", NULL, "publication=1",
			    NULL));

	/* Payment due 15 days after 2026-03-16: 2026-03-31. Paid on 04-03:
	 * three days late, 3 % of 120000 a day = 10800 yuan. */
	CHECK_INT(walk_try(&w, OFFICER, 1, "payment", "2026-04-03", NULL, "amount=120000", NULL),
		  FZ_CONFLICT);
	CHECK_CONTAINS(walk_why(&w), "逾期 3 日，应加处罚款 10800 元");
	CHECK_INT(walk_try(&w, OFFICER, 1, "close", "2026-04-03", NULL, "summary=结案", NULL),
		  FZ_FORBIDDEN);
	CHECK_INT(walk_try(&w, HEAD, 7, "close", "2026-04-03", NULL, "summary=结案", NULL),
		  FZ_CONFLICT);
	CHECK_CONTAINS(walk_why(&w), "罚款尚未缴清（已缴 0 元，应缴 120000 元）");
	WALK_OK(&w, walk_take(&w, OFFICER, 1, "payment", "2026-04-03", NULL, "amount=120000",
			    "surcharge=10800", NULL));
	WALK_OK(&w, walk_take(&w, HEAD, 7, "close", "2026-04-07", NULL, "summary=罚款及加处罚款已缴清",
			    NULL));

	/* Closed: frozen, except for a correction with a reason. */
	CHECK_INT(walk_try(&w, OFFICER, 1, "investigate", "2026-04-08", WALK_TWO, "record=x",
			   NULL), FZ_CONFLICT);
	CHECK_STR(walk_why(&w), "案件已结案，变更须以更正事件记录并说明理由");
	CHECK_INT(walk_try(&w, HEAD, 7, "correction", "2026-04-08", NULL, "@corrects=14",
			   "@reason=缴款凭证号录入错误", "receipt=No.0042", NULL), FZ_CONFLICT);
	CHECK_CONTAINS(walk_why(&w), "更正只能改正笔误等文字错误");
	WALK_OK(&w, walk_take(&w, HEAD, 7, "correction", "2026-04-08", NULL, "@corrects=15",
			    "@reason=结案报告漏字", "summary=罚款及加处罚款均已缴清", NULL));

	/* The clocks as read afterwards. */
	struct case_clock *clocks;
	struct fz_error e = { 0 };
	REQUIRE(case_clocks_compute(w.def, &w.cfg, w.ctx.cal, w.events, w.nevents, "2026-04-08",
				    w.a, &clocks, &e) == FZ_OK);
	for (size_t i = 0; i < w.def->nclocks; i++) {
		const struct case_clock *c = &clocks[i];
		if (strcmp(c->clock->id, "case_handling") == 0) {
			/* 90 days from 01-05 with 02-14..03-05 (20 days of the
			 * hearing) not counted: 04-25 is a Saturday, so 04-27. */
			CHECK_INT(c->state, CASE_CLOCK_STOPPED);
			CHECK_STR(c->deadline.due, "2026-04-27");
			CHECK(!c->overdue);
		} else if (strcmp(c->clock->id, "payment") == 0) {
			CHECK_STR(c->deadline.due, "2026-03-31");
			CHECK(c->overdue);
		} else if (strcmp(c->clock->id, "publication") == 0) {
			CHECK_INT(c->state, CASE_CLOCK_STOPPED);
			CHECK(!c->overdue);
		}
	}
	walk_release(&w);
}
