/* gate_review_test.c - legal review of major decisions: each catalogue
 * criterion blocks an unreviewed decision, the reviewer's checklist and
 * opinions, disagreement resolved by the head, collective deliberation,
 * and the criminal referral that holds the decision. */
#include "t.h"

#include "domain/caseclock.h"
#include "procedure_fx.h"

#define OFFICER ROLE_OFFICER
#define HEAD ROLE_HEAD
#define REVIEWER ROLE_REVIEWER
#define DECIDE "facts=f", "grounds=g", "basis=b"

static enum fz_err decide(struct walk *w, const char *penalty, const char *amount)
{
	return walk_try(w, HEAD, 7, "decision", "2026-01-20", NULL, DECIDE, penalty, amount,
			NULL);
}

static enum fz_err review(struct walk *w, const char *opinion, const char *reasons)
{
	return walk_take(w, REVIEWER, 9, "legal_review", "2026-01-19", WALK_REVIEWER, opinion,
			 reasons, WALK_CHECKS_PASS, NULL);
}

TEST(review_gate_blocks_unreviewed_decision_at_the_catalogue_amount)
{
	struct walk w;
	walk_penalty_noticed(&w, PARTY_CITIZEN, "fine", "50000", NULL);
	CHECK_INT(decide(&w, "penalty=fine", "amount=50000"), FZ_CONFLICT);
	CHECK_STR(walk_why(&w), "本案属于重大执法决定法制审核目录（罚款金额达到 50000 元），"
				"未经法制审核通过不能作出决定");
	WALK_OK(&w, review(&w, "opinion=approve", "reasons="));
	WALK_OK(&w, decide(&w, "penalty=fine", "amount=50000"));
	CHECK_STR(walk_gate(&w, "review_required_and_passed")->message, "法制审核已于 2026-01-19 通过");
	walk_release(&w);
}

TEST(review_gate_blocks_licence_revocation_complex_and_public_interest_cases)
{
	struct walk w;
	walk_penalty_noticed(&w, PARTY_ORGANISATION, "revoke_licence", NULL, NULL);
	CHECK_INT(decide(&w, "penalty=revoke_licence", "amount="), FZ_CONFLICT);
	CHECK_CONTAINS(walk_gate(&w, "review_required_and_passed")->message, "（拟吊销许可证件）");
	walk_release(&w);

	walk_penalty_noticed(&w, PARTY_CITIZEN, "warning", NULL, "complex=1", NULL);
	CHECK_INT(decide(&w, "penalty=warning", "amount="), FZ_CONFLICT);
	CHECK_CONTAINS(walk_gate(&w, "review_required_and_passed")->message,
		       "（案情复杂或涉及多个法律关系）");
	w.cfg.review_complex = false; /* a province without this criterion */
	CHECK_INT(decide(&w, "penalty=warning", "amount="), FZ_CONFLICT);
	CHECK(walk_gate(&w, "review_required_and_passed")->passed);
	walk_release(&w);

	walk_penalty_noticed(&w, PARTY_CITIZEN, "warning", NULL, "major_public_interest=1", NULL);
	CHECK_INT(decide(&w, "penalty=warning", "amount="), FZ_CONFLICT);
	CHECK_CONTAINS(walk_why(&w), "（涉及重大公共利益）");
	walk_release(&w);
}

TEST(review_checklist_must_be_complete_and_consistent_with_the_opinion)
{
	struct walk w;
	walk_penalty_noticed(&w, PARTY_CITIZEN, "fine", "50000", NULL);
	CHECK_INT(walk_try(&w, REVIEWER, 9, "legal_review", "2026-01-19", WALK_REVIEWER,
			   "opinion=approve", "check_body=pass", NULL), FZ_INVALID);
	CHECK_CONTAINS(walk_why(&w), "法制审核须逐项填写审核清单，缺少「执法人员是否具备执法资格」");
	CHECK_INT(walk_try(&w, REVIEWER, 9, "legal_review", "2026-01-19", WALK_REVIEWER,
			   "opinion=approve", WALK_CHECKS_PASS, "check_procedure=fail", NULL),
		  FZ_INVALID);
	CHECK_STR(walk_why(&w), "“执法程序是否合法”填写了两次");
	CHECK_INT(walk_try(&w, REVIEWER, 9, "legal_review", "2026-01-19", WALK_REVIEWER,
			   "opinion=approve", "check_body=pass", "check_officers=pass",
			   "check_procedure=fail", "check_facts=pass", "check_law=pass",
			   "check_authority=pass", "check_documents=pass", "check_referral=pass",
			   NULL), FZ_CONFLICT);
	CHECK_STR(walk_why(&w), "审核意见为同意，但审核项「执法程序是否合法」未通过；应提出修改意见或不同意");
	CHECK_INT(walk_try(&w, REVIEWER, 9, "legal_review", "2026-01-19", WALK_REVIEWER,
			   "opinion=reject", WALK_CHECKS_PASS, NULL), FZ_INVALID);
	CHECK_STR(walk_why(&w), "审核意见为不同意，须写明理由和修改建议（字段 reasons）");
	CHECK_INT(walk_try(&w, OFFICER, 1, "legal_review", "2026-01-19", WALK_ONE,
			   "opinion=approve", WALK_CHECKS_PASS, NULL), FZ_FORBIDDEN);
	walk_release(&w);
}

TEST(review_disagreement_goes_to_the_head_and_the_outcome_is_recorded)
{
	struct walk w;
	walk_penalty_noticed(&w, PARTY_CITIZEN, "fine", "50000", NULL);
	WALK_OK(&w, review(&w, "opinion=approve_with_changes", "reasons=罚款应降为 40000 元"));
	WALK_OK(&w, walk_take(&w, OFFICER, 1, "review_dispute", "2026-01-19", NULL,
			      "reasons=违法情节较重，不宜降低", NULL));
	CHECK_INT(decide(&w, "penalty=fine", "amount=50000"), FZ_CONFLICT);
	CHECK_STR(walk_why(&w), "承办机构对 2026-01-19 的法制审核意见有异议，须报机关负责人决定");
	WALK_OK(&w, walk_take(&w, HEAD, 7, "head_resolution", "2026-01-20", NULL,
			      "outcome=adopt_unit", "reasons=情节较重", NULL));
	WALK_OK(&w, decide(&w, "penalty=fine", "amount=50000"));
	CHECK_STR(walk_gate(&w, "review_required_and_passed")->message,
		  "审核同意（附修改意见），机关负责人已决定采纳承办机构意见");
	walk_release(&w);
}

TEST(review_rejection_overruled_by_the_head_needs_collective_deliberation)
{
	struct walk w;
	walk_penalty_noticed(&w, PARTY_CITIZEN, "fine", "50000", NULL);
	WALK_OK(&w, review(&w, "opinion=reject", "reasons=证据不足"));
	WALK_OK(&w, walk_take(&w, OFFICER, 1, "review_dispute", "2026-01-19", NULL,
			      "reasons=证据已补强", NULL));
	WALK_OK(&w, walk_take(&w, HEAD, 7, "head_resolution", "2026-01-20", NULL,
			      "outcome=adopt_unit", "reasons=证据充分", NULL));
	CHECK_INT(decide(&w, "penalty=fine", "amount=50000"), FZ_CONFLICT);
	CHECK_STR(walk_why(&w), "机关负责人决定不采纳法制审核意见的，须经集体讨论决定");
	WALK_OK(&w, walk_take(&w, HEAD, 7, "collective_deliberation", "2026-01-20", NULL,
			      "participants=局长、副局长 3 人", "opinions=同意处罚", "conclusion=处罚",
			      NULL));
	WALK_OK(&w, decide(&w, "penalty=fine", "amount=50000"));
	walk_release(&w);
}

TEST(review_by_a_later_handler_does_not_count)
{
	struct walk w;
	walk_penalty_noticed(&w, PARTY_CITIZEN, "fine", "50000", NULL);
	WALK_OK(&w, walk_take(&w, REVIEWER, 3, "legal_review", "2026-01-19", WALK_HOSTS,
			      "opinion=approve", WALK_CHECKS_PASS, NULL));
	WALK_OK(&w, walk_take(&w, OFFICER, 1, "investigate", "2026-01-19", (const int64_t[]){ 3, 4, 0 },
			      "record=补充调查", NULL));
	CHECK_INT(decide(&w, "penalty=fine", "amount=50000"), FZ_CONFLICT);
	CHECK_STR(walk_why(&w), "2026-01-19 的法制审核由本案承办人员赵强作出，须由其他审核人员重新审核");
	walk_release(&w);
}

TEST(collective_deliberation_required_for_a_major_violation)
{
	struct walk w;
	walk_penalty_noticed(&w, PARTY_CITIZEN, "warning", NULL, "major_violation=1", NULL);
	CHECK_INT(decide(&w, "penalty=warning", "amount="), FZ_CONFLICT);
	CHECK_STR(walk_why(&w), "本案属重大违法行为，须经行政机关负责人集体讨论决定（行政处罚法第五十七条第二款）");
	WALK_OK(&w, walk_take(&w, HEAD, 7, "collective_deliberation", "2026-01-19", NULL,
			      "participants=p", "opinions=o", "conclusion=c", NULL));
	WALK_OK(&w, decide(&w, "penalty=warning", "amount="));
	walk_release(&w);
}

TEST(collective_deliberation_threshold_comes_from_the_province_config)
{
	struct walk w;
	walk_penalty_noticed(&w, PARTY_CITIZEN, "fine", "5000", NULL);
	w.cfg.deliberation_fine_fen[0] = 5000 * 100;
	CHECK_INT(decide(&w, "penalty=fine", "amount=5000"), FZ_CONFLICT);
	CHECK_CONTAINS(walk_why(&w), "本案罚款达到集体讨论标准");
	w.cfg.deliberation_fine_fen[0] = 0;
	WALK_OK(&w, decide(&w, "penalty=fine", "amount=5000"));
	walk_release(&w);
}

TEST(referral_suspends_the_case_clock_and_blocks_the_decision_until_returned)
{
	struct walk w;
	walk_penalty_noticed(&w, PARTY_CITIZEN, "warning", NULL, NULL);
	WALK_OK(&w, walk_take(&w, HEAD, 7, "criminal_referral", "2026-01-14", NULL,
			      "receiver=县公安局", "reasons=涉嫌生产销售伪劣产品罪", NULL));
	CHECK_INT(decide(&w, "penalty=warning", "amount="), FZ_CONFLICT);
	CHECK_STR(walk_why(&w), "本案已于 2026-01-14 作出「移送涉嫌犯罪案件」，一个案件只能有一个有效的"
				"处理结果；只能进行其后的步骤，改变结果须先「公安机关不予立案、退回案件」");
	struct case_clock c;
	struct fz_error e = { 0 };
	const struct proc_clock *pc = proc_clock_find(w.def, "case_handling");
	REQUIRE(case_clock_compute(w.def, &w.cfg, w.ctx.cal, w.events, w.nevents, pc,
				   "2026-01-20", w.a, &c, &e) == FZ_OK);
	CHECK_INT(c.state, CASE_CLOCK_SUSPENDED);
	CHECK(c.open_suspension);
	WALK_OK(&w, walk_take(&w, OFFICER, 1, "referral_return", "2026-02-13", NULL,
			      "reasons=不构成犯罪，退回", NULL));
	REQUIRE(case_clock_compute(w.def, &w.cfg, w.ctx.cal, w.events, w.nevents, pc,
				   "2026-02-13", w.a, &c, &e) == FZ_OK);
	/* 90 days from 01-05 is 04-05; 01-15..02-13 (30 days) not counted:
	 * 05-05, in the Labour Day holiday, so 05-06. */
	CHECK_INT(c.state, CASE_CLOCK_RUNNING);
	CHECK_STR(c.deadline.due, "2026-05-06");
	WALK_OK(&w, walk_try(&w, HEAD, 7, "decision", "2026-02-16", NULL, DECIDE,
			     "penalty=warning", NULL));
	walk_release(&w);
}
