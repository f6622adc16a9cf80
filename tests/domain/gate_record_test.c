/* gate_record_test.c - the side doors around the gates, each shown shut
 * in the engine: one outcome per case and only its follow-up steps, the
 * statutory way to change a decision (撤销/变更, then notice, review and a
 * new decision), a review bound to the notice it saw, dates of record that
 * fit the case's timeline, and late entries (补录) only with a reason. */
#include "t.h"

#include "domain/outcome.h"
#include "procedure_fx.h"

#define OFFICER ROLE_OFFICER
#define HEAD ROLE_HEAD
#define REVIEWER ROLE_REVIEWER
#define DECIDE "facts=f", "grounds=g", "basis=b"

/* A warning decided on 01-20 (defence period ran to 01-19). */
static void decided(struct walk *w)
{
	walk_penalty_noticed(w, PARTY_CITIZEN, "fine", "3000", NULL);
	WALK_OK(w, walk_take(w, HEAD, 7, "decision", "2026-01-20", NULL, DECIDE, "penalty=fine",
			     "amount=3000", NULL));
}

TEST(one_outcome_refuses_a_no_penalty_decision_beside_a_penalty)
{
	struct walk w;
	decided(&w);
	CHECK_INT(walk_try(&w, HEAD, 7, "no_penalty", "2026-01-21", NULL, "reasons=轻微", "ground=minor", "facts=f", "education=e", NULL),
		  FZ_CONFLICT);
	CHECK_CONTAINS(walk_why(&w), "本案已于 2026-01-20 作出「作出行政处罚决定」，一个案件只能有一个有效的"
				     "处理结果；只能进行其后的步骤，改变结果须先「撤销或变更行政处罚决定」");
	/* A second decision, a referral, a withdrawal: none. */
	CHECK_INT(walk_try(&w, HEAD, 7, "decision", "2026-01-21", NULL, DECIDE, "penalty=fine",
			   "amount=2000", NULL), FZ_CONFLICT);
	CHECK_INT(walk_try(&w, HEAD, 7, "criminal_referral", "2026-01-21", NULL, "receiver=r",
			   "reasons=r", NULL), FZ_CONFLICT);
	CHECK_INT(walk_try(&w, HEAD, 7, "withdraw", "2026-01-21", NULL, "reasons=r", NULL),
		  FZ_CONFLICT);
	/* Nor steps before the outcome: a new notice, more investigation. */
	CHECK_INT(walk_try(&w, OFFICER, 1, "advance_notice", "2026-01-21", NULL, DECIDE,
			   "penalty=fine", "amount=1000", "served_on=2026-01-21", NULL), FZ_CONFLICT);
	CHECK_INT(walk_try(&w, OFFICER, 1, "investigate", "2026-01-21", WALK_TWO, "record=r", NULL),
		  FZ_CONFLICT);
	/* What follows from it is possible. */
	WALK_OK(&w, walk_try(&w, OFFICER, 1, "service", "2026-01-21", NULL, "served_on=2026-01-21",
			     "method=直接送达", NULL));
	CHECK_INT((int)w.nevents, 5);
	walk_release(&w);
}

TEST(available_steps_after_a_decision_are_only_its_follow_ups)
{
	struct walk w;
	decided(&w);
	struct proc_option opts[64];
	size_t n = 0;
	struct fz_error e;
	w.ctx.def = w.def;
	w.ctx.cfg = &w.cfg;
	w.ctx.kase = &w.kase;
	w.ctx.events = w.events;
	w.ctx.nevents = w.nevents;
	w.ctx.actor_roles = OFFICER | HEAD | ROLE_REVIEWER; /* the reviewer publishes */
	w.ctx.today = "2026-01-21";
	REQUIRE(procedure_available_steps(&w.ctx, opts, 64, &n, &e) == FZ_OK);
	for (size_t i = 0; i < n; i++) {
		const char *id = opts[i].step->id;
		bool follow = !strcmp(id, "service") || !strcmp(id, "publish") ||
			      !strcmp(id, "revoke_decision");
		if (follow != opts[i].available)
			t_fail(__FILE__, __LINE__, "%s available=%d (%s)", id, opts[i].available,
			       opts[i].reason);
	}
	walk_release(&w);
}

TEST(revoked_decision_needs_a_new_notice_review_and_decision)
{
	struct walk w;
	decided(&w);
	WALK_OK(&w, walk_take(&w, OFFICER, 1, "service", "2026-01-21", NULL, "served_on=2026-01-21",
			      "method=直接送达", NULL));
	/* The revocation is a head's step with its reason. */
	CHECK_INT(walk_try(&w, OFFICER, 1, "revoke_decision", "2026-01-22", NULL, "mode=change",
			   "reasons=r", NULL), FZ_FORBIDDEN);
	CHECK_INT(walk_try(&w, HEAD, 7, "revoke_decision", "2026-01-22", NULL, "mode=change", NULL),
		  FZ_INVALID);
	WALK_OK(&w, walk_take(&w, HEAD, 7, "revoke_decision", "2026-01-22", NULL, "mode=change",
			      "reasons=罚款金额计算有误", NULL));
	CHECK_INT(outcome_standing(w.def, w.events, w.nevents), -1);
	CHECK_INT(outcome_voided_by(w.def, w.events, w.nevents, 4), 6);
	/* Service, payment and closing wait for a new decision. */
	CHECK_INT(walk_try(&w, OFFICER, 1, "payment", "2026-01-22", NULL, "amount=3000", NULL),
		  FZ_CONFLICT);
	CHECK_STR(walk_why(&w), "2026-01-20 的「作出行政处罚决定」已被撤销，「缴纳罚款」须在新的结果作出后进行");
	/* A new decision first needs a new notice. */
	CHECK_INT(walk_try(&w, HEAD, 7, "decision", "2026-01-23", NULL, DECIDE, "penalty=fine",
			   "amount=2000", NULL), FZ_CONFLICT);
	CHECK_CONTAINS(walk_why(&w), "重新作出决定前须重新告知当事人");
	WALK_OK(&w, walk_take(&w, OFFICER, 1, "advance_notice", "2026-01-23", NULL, DECIDE,
			      "penalty=fine", "amount=2000", "served_on=2026-01-23", NULL));
	/* ... and its own defence period (five working days from 01-23). */
	CHECK_INT(walk_try(&w, HEAD, 7, "decision", "2026-01-26", NULL, DECIDE, "penalty=fine",
			   "amount=2000", NULL), FZ_CONFLICT);
	CHECK_CONTAINS(walk_why(&w), "陈述申辩期尚未届满");
	WALK_OK(&w, walk_take(&w, HEAD, 7, "decision", "2026-02-02", NULL, DECIDE, "penalty=fine",
			      "amount=2000", NULL));
	/* The new decision is served in its turn. */
	WALK_OK(&w, walk_take(&w, OFFICER, 1, "service", "2026-02-02", NULL, "served_on=2026-02-02",
			      "method=直接送达", NULL));
	CHECK_INT(walk_try(&w, OFFICER, 1, "service", "2026-02-03", NULL, "served_on=2026-02-03",
			   "method=直接送达", NULL), FZ_CONFLICT);
	walk_release(&w);
}

TEST(review_covers_only_the_notice_it_saw)
{
	struct walk w;
	/* 60 000 yuan from a citizen is in the review catalogue (50 000). */
	walk_penalty_noticed(&w, PARTY_CITIZEN, "fine", "60000", NULL);
	WALK_OK(&w, walk_take(&w, REVIEWER, 9, "legal_review", "2026-01-20", WALK_REVIEWER,
			      "opinion=approve", WALK_CHECKS_PASS, NULL));
	/* Other facts in the decision than those reviewed: refused. */
	CHECK_INT(walk_try(&w, HEAD, 7, "decision", "2026-01-21", NULL, "facts=另一事实",
			   "grounds=g", "basis=b", "penalty=fine", "amount=60000", NULL), FZ_CONFLICT);
	CHECK_STR(walk_why(&w), "决定的认定的违法事实与法制审核时（2026-01-20）的告知书不一致；"
				"改变事实或依据须重新告知，并重新法制审核");
	/* A new, heavier notice after the review voids it. */
	WALK_OK(&w, walk_take(&w, OFFICER, 1, "advance_notice", "2026-01-21", NULL, DECIDE,
			      "penalty=fine", "amount=90000", "served_on=2026-01-21",
			      "hearing_offered=1", NULL));
	CHECK_INT(walk_try(&w, HEAD, 7, "decision", "2026-02-03", NULL, DECIDE, "penalty=fine",
			   "amount=90000", NULL), FZ_CONFLICT);
	CHECK_STR(walk_gate(&w, "review_required_and_passed")->message,
		  "2026-01-20 法制审核后，又于 2026-01-21 重新告知当事人；原审核只涵盖审核时的告知内容，"
		  "须重新法制审核");
	WALK_OK(&w, walk_take(&w, REVIEWER, 9, "legal_review", "2026-02-03", WALK_REVIEWER,
			      "opinion=approve", WALK_CHECKS_PASS, NULL));
	WALK_OK(&w, walk_try(&w, HEAD, 7, "decision", "2026-02-04", NULL, DECIDE, "penalty=fine",
			     "amount=90000", NULL));
	walk_release(&w);
}

TEST(dates_of_record_may_not_precede_what_they_depend_on)
{
	struct walk w;
	decided(&w);
	/* Served before the decision existed: the surcharge would start early. */
	CHECK_INT(walk_try(&w, OFFICER, 1, "service", "2026-01-21", NULL, "served_on=2026-01-19",
			   "method=直接送达", NULL), FZ_CONFLICT);
	CHECK_STR(walk_gate(&w, "dates_in_order")->message,
		  "送达日期 2026-01-19 早于「送达行政处罚决定书」的日期 2026-01-21：文书不能在作出前送达");
	/* In the future: refused too. */
	CHECK_INT(walk_try(&w, OFFICER, 1, "service", "2026-01-21", NULL, "served_on=2026-02-21",
			   "method=直接送达", NULL), FZ_INVALID);
	CHECK_INT((int)w.nevents, 5);
	walk_release(&w);
}

TEST(discovery_date_lies_between_the_act_and_the_opening)
{
	struct walk w;
	walk_init(&w, "penalty_general", PARTY_CITIZEN, "2025-12-01");
	CHECK_INT(walk_try(&w, OFFICER, 1, "open", "2026-01-05", WALK_TWO, "facts=f", "source=s",
			   "discovered_on=2025-11-30", NULL), FZ_INVALID);
	CHECK_STR(walk_why(&w), "违法行为日期 2025-12-01 晚于发现日期 2025-11-30");
	CHECK(!walk_gate(&w, "dates_in_order")->passed);
	CHECK_INT(walk_try(&w, OFFICER, 1, "open", "2026-01-05", WALK_TWO, "facts=f", "source=s",
			   "discovered_on=2026-01-06", NULL), FZ_INVALID);
	WALK_OK(&w, walk_take(&w, OFFICER, 1, "open", "2026-01-05", WALK_TWO, "facts=f",
			      "source=s", "discovered_on=2026-01-02", NULL));
	WALK_OK(&w, walk_take(&w, HEAD, 5, "approve_opening", "2026-01-05", NULL, NULL));
	walk_release(&w);
}

TEST(late_entry_needs_a_reason_and_is_marked)
{
	struct walk w;
	walk_init(&w, "penalty_general", PARTY_CITIZEN, "2025-12-01");
	memcpy(w.today, "2026-01-09", 11);
	/* Opened on 01-05, recorded on 01-09: four days late. */
	CHECK_INT(walk_try(&w, OFFICER, 1, "open", "2026-01-05", WALK_TWO, "facts=f", "source=s",
			   NULL), FZ_INVALID);
	CHECK_STR(walk_why(&w), "2026-01-05 发生的事项在 2026-01-09 才记录，晚于 1 日，属于补录：须说明"
				"补录理由，补录将在案卷中标明");
	WALK_OK(&w, walk_take(&w, OFFICER, 1, "open", "2026-01-05", WALK_TWO, "facts=f",
			      "source=s", "@reason=系统故障，纸质立案审批表补录", NULL));
	CHECK_STR(walk_gate(&w, "late_entry")->message,
		  "补录（2026-01-05 发生，2026-01-09 记录）：系统故障，纸质立案审批表补录");
	WALK_OK(&w, walk_take(&w, HEAD, 5, "approve_opening", "2026-01-08", NULL, NULL));
	/* The day after is within the grace the config allows. */
	WALK_OK(&w, walk_take(&w, OFFICER, 1, "investigate", "2026-01-08", WALK_TWO, "record=r",
			      NULL));
	w.cfg.late_entry_days = 0;
	CHECK_INT(walk_try(&w, OFFICER, 1, "investigate", "2026-01-08", WALK_TWO, "record=r",
			   NULL), FZ_INVALID);
	/* Marked by the recording time. */
	struct case_event ev = { .on = "2026-01-05", .at = 1767916800 }; /* 2026-01-09 08:00 +08 */
	CHECK(outcome_event_late(&ev, 1));
	memcpy(ev.on, "2026-01-08", 11);
	CHECK(!outcome_event_late(&ev, 1));
	walk_release(&w);
}
