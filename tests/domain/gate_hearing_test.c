/* gate_hearing_test.c - the hearing: offered in the notice when the
 * intended penalty meets the configured threshold (by party kind, amount
 * or kind), requested within the window, held before a decision when it
 * was requested. */
#include "t.h"

#include "procedure_fx.h"

#define OFFICER ROLE_OFFICER
#define HEAD ROLE_HEAD
#define DECIDE "facts=f", "grounds=g", "basis=b"

/* A case investigated and ready for its notice. */
static void investigated(struct walk *w, enum party_kind party)
{
	walk_init(w, "penalty_general", party, "2025-12-01");
	WALK_OK(w, walk_take(w, OFFICER, 1, "open", "2026-01-05", WALK_TWO, "facts=f", "source=s",
			     NULL));
	WALK_OK(w, walk_take(w, HEAD, 5, "approve_opening", "2026-01-05", NULL, NULL));
	WALK_OK(w, walk_take(w, OFFICER, 1, "investigate", "2026-01-08", WALK_TWO, "record=r",
			     NULL));
}

static enum fz_err notice(struct walk *w, const char *penalty, const char *amount)
{
	return walk_try(w, OFFICER, 1, "advance_notice", "2026-01-12", NULL, DECIDE, penalty,
			amount, "served_on=2026-01-12", NULL);
}

TEST(hearing_right_in_notice_blocks_at_the_citizens_threshold)
{
	struct walk w;
	investigated(&w, PARTY_CITIZEN);
	CHECK_INT(notice(&w, "penalty=fine", "amount=10000"), FZ_CONFLICT);
	CHECK_STR(walk_why(&w), "拟罚款 10000 元，达到较大数额标准 10000 元（公民），"
				"告知书应告知当事人有要求听证的权利（字段 hearing_offered=1）");
	WALK_OK(&w, notice(&w, "penalty=fine", "amount=9999.99"));
	CHECK_STR(walk_gate(&w, "hearing_right_in_notice")->message, "未达到听证标准");
	walk_release(&w);
}

TEST(hearing_right_in_notice_uses_the_organisations_threshold_and_heavy_kinds)
{
	struct walk w;
	investigated(&w, PARTY_ORGANISATION);
	WALK_OK(&w, notice(&w, "penalty=fine", "amount=99999"));
	CHECK_INT(notice(&w, "penalty=fine", "amount=100000"), FZ_CONFLICT);
	CHECK_CONTAINS(walk_why(&w), "达到较大数额标准 100000 元（法人或其他组织）");
	CHECK_INT(notice(&w, "penalty=revoke_licence", "amount="), FZ_CONFLICT);
	CHECK_CONTAINS(walk_why(&w), "拟吊销许可证件，告知书应告知当事人有要求听证的权利");
	walk_release(&w);
}

TEST(hearing_threshold_comes_from_the_province_config)
{
	struct walk w;
	investigated(&w, PARTY_CITIZEN);
	w.cfg.hearing_fine_fen[0] = 5000 * 100;
	CHECK_INT(notice(&w, "penalty=fine", "amount=6000"), FZ_CONFLICT);
	CHECK_CONTAINS(walk_why(&w), "达到较大数额标准 5000 元（公民）");
	walk_release(&w);
}

TEST(hearing_request_window_blocks_a_late_request)
{
	struct walk w;
	walk_penalty_noticed(&w, PARTY_CITIZEN, "fine", "20000", NULL);
	CHECK_INT(walk_try(&w, OFFICER, 1, "hearing_request", "2026-01-20", NULL, NULL),
		  FZ_CONFLICT);
	CHECK_STR(walk_why(&w), "听证申请期限已于 2026-01-19 届满（告知后 5 个工作日内），"
				"当事人逾期要求听证");
	WALK_OK(&w, walk_try(&w, OFFICER, 1, "hearing_request", "2026-01-19", NULL, NULL));
	walk_release(&w);
}

TEST(hearing_offered_blocks_a_decision_inside_the_request_window)
{
	struct walk w;
	walk_penalty_noticed(&w, PARTY_CITIZEN, "fine", "20000", NULL);
	CHECK_INT(walk_try(&w, HEAD, 7, "decision", "2026-01-19", NULL, DECIDE, "penalty=fine",
			   "amount=20000", NULL), FZ_CONFLICT);
	const struct gate_result *g = walk_gate(&w, "hearing_offered_when_required");
	REQUIRE(g);
	CHECK_STR(g->message, "拟罚款 20000 元，达到较大数额标准 10000 元（公民），"
			      "听证申请期限尚未届满（届满日 2026-01-19），不能作出决定");
	WALK_OK(&w, walk_try(&w, HEAD, 7, "decision", "2026-01-20", NULL, DECIDE, "penalty=fine",
			     "amount=20000", NULL));
	CHECK_STR(walk_gate(&w, "hearing_offered_when_required")->message,
		  "当事人未在期限内（2026-01-19 前）要求听证");
	walk_release(&w);
}

TEST(hearing_requested_must_be_held_before_the_decision)
{
	struct walk w;
	walk_penalty_noticed(&w, PARTY_CITIZEN, "fine", "20000", NULL);
	WALK_OK(&w, walk_take(&w, OFFICER, 1, "hearing_request", "2026-01-13", NULL, NULL));
	CHECK_INT(walk_try(&w, HEAD, 7, "decision", "2026-01-20", NULL, DECIDE, "penalty=fine",
			   "amount=20000", NULL), FZ_CONFLICT);
	CHECK_STR(walk_why(&w), "当事人已于 2026-01-13 要求听证，听证结束前不能作出决定");
	WALK_OK(&w, walk_take(&w, OFFICER, 1, "hearing_notice", "2026-01-14", NULL,
			      "hearing_on=2026-01-26", "hearing_time=09:30", "place=p", "host=3", "served_on=2026-01-14",
			      NULL));
	/* The party did not come: the hearing ended, and no hearing was held
	 * for the review catalogue. */
	WALK_OK(&w, walk_take(&w, OFFICER, 1, "hearing", "2026-01-26", NULL, "host=3",
			      "outcome=absent", NULL));
	WALK_OK(&w, walk_try(&w, HEAD, 7, "decision", "2026-01-27", NULL, DECIDE, "penalty=fine",
			     "amount=20000", NULL));
	CHECK_STR(walk_gate(&w, "review_required_and_passed")->message,
		  "不属于重大执法决定法制审核目录");
	walk_release(&w);
}

TEST(hearing_notice_period_blocks_a_hearing_seven_working_days_too_soon)
{
	struct walk w;
	walk_penalty_noticed(&w, PARTY_CITIZEN, "fine", "20000", NULL);
	WALK_OK(&w, walk_take(&w, OFFICER, 1, "hearing_request", "2026-01-13", NULL, NULL));
	WALK_OK(&w, walk_take(&w, OFFICER, 1, "hearing_notice", "2026-01-14", NULL,
			      "hearing_on=2026-01-26", "hearing_time=09:30", "place=p", "host=3", "served_on=2026-01-14",
			      NULL));
	/* 7 working days from Wednesday 01-14 end on Friday 01-23: held
	 * earlier than notified, the hearing is refused too. */
	CHECK_INT(walk_try(&w, OFFICER, 1, "hearing", "2026-01-23", NULL, "host=3",
			   "outcome=held", NULL), FZ_CONFLICT);
	CHECK_STR(walk_why(&w), "听证通知应在举行听证 7 个工作日前送达：通知于 2026-01-14 送达，"
				"听证应在 2026-01-23 之后举行，不能定于 2026-01-23");
	WALK_OK(&w, walk_try(&w, OFFICER, 1, "hearing", "2026-01-26", NULL, "host=3",
			     "outcome=held", NULL));
	walk_release(&w);
}

TEST(hearing_notice_is_checked_when_issued)
{
	struct walk w;
	walk_penalty_noticed(&w, PARTY_CITIZEN, "fine", "20000", NULL);
	WALK_OK(&w, walk_take(&w, OFFICER, 1, "hearing_request", "2026-01-13", NULL, NULL));
	/* Seven working days from Wednesday 01-14 end on Friday 01-23. */
	CHECK_INT(walk_try(&w, OFFICER, 1, "hearing_notice", "2026-01-14", NULL,
			   "hearing_on=2026-01-23", "hearing_time=09:30", "place=p", "host=3",
			   "served_on=2026-01-14", NULL), FZ_CONFLICT);
	CHECK_STR(walk_why(&w), "听证通知应在举行听证 7 个工作日前送达：通知 2026-01-14 送达，"
				"听证最早可定于 2026-01-23 之后，不能定于 2026-01-23");
	/* A time of day is part of the notice. */
	CHECK_INT(walk_try(&w, OFFICER, 1, "hearing_notice", "2026-01-14", NULL,
			   "hearing_on=2026-01-26", "hearing_time=25:00", "place=p", "host=3",
			   "served_on=2026-01-14", NULL), FZ_INVALID);
	CHECK_STR(walk_why(&w), "“听证时间”应为 HH:MM 格式的时间（如 09:30）");
	/* The host is a certified officer who did not investigate. */
	CHECK_INT(walk_try(&w, OFFICER, 1, "hearing_notice", "2026-01-14", NULL,
			   "hearing_on=2026-01-26", "hearing_time=09:30", "place=p", "host=2",
			   "served_on=2026-01-14", NULL), FZ_CONFLICT);
	CHECK_CONTAINS(walk_why(&w), "听证主持人不能是本案调查人员");
	CHECK_INT(walk_try(&w, OFFICER, 1, "hearing_notice", "2026-01-14", NULL,
			   "hearing_on=2026-01-26", "hearing_time=09:30", "place=p", "host=5",
			   "served_on=2026-01-14", NULL), FZ_CONFLICT);
	CHECK_CONTAINS(walk_why(&w), "须为持有有效执法证件的执法人员");
	/* A service date before the notice itself is refused. */
	CHECK_INT(walk_try(&w, OFFICER, 1, "hearing_notice", "2026-01-14", NULL,
			   "hearing_on=2026-01-26", "hearing_time=09:30", "place=p", "host=3",
			   "served_on=2026-01-13", NULL), FZ_CONFLICT);
	CHECK_CONTAINS(walk_why(&w), "文书不能在作出前送达");
	WALK_OK(&w, walk_take(&w, OFFICER, 1, "hearing_notice", "2026-01-14", NULL,
			      "hearing_on=2026-01-26", "hearing_time=09:30", "place=p", "host=3",
			      "served_on=2026-01-14", NULL));
	/* One notice in force: a new one supersedes it only with a reason. */
	CHECK_INT(walk_try(&w, OFFICER, 1, "hearing_notice", "2026-01-15", NULL,
			   "hearing_on=2026-01-28", "hearing_time=14:00", "place=p", "host=3",
			   "served_on=2026-01-15", NULL), FZ_INVALID);
	CHECK_STR(walk_why(&w), "2026-01-14 的听证通知仍然有效；重新通知将取代原通知，须说明理由");
	WALK_OK(&w, walk_take(&w, OFFICER, 1, "hearing_notice", "2026-01-15", NULL,
			      "@reason=当事人申请延期，经批准", "hearing_on=2026-01-28",
			      "hearing_time=14:00", "place=p", "host=3", "served_on=2026-01-15", NULL));
	/* The hearing now follows the new notice: 7 working days from 01-15. */
	CHECK_INT(walk_try(&w, OFFICER, 1, "hearing", "2026-01-26", NULL, "host=3",
			   "outcome=held", NULL), FZ_CONFLICT);
	WALK_OK(&w, walk_take(&w, OFFICER, 1, "hearing", "2026-01-28", NULL, "host=3",
			      "outcome=held", NULL));
	walk_release(&w);
}
