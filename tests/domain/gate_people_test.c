/* gate_people_test.c - who may take part: two certified officers whose
 * certificates are valid that day and cover the case's domain (assistants
 * never count), a hearing host who did not investigate, a reviewer who
 * did not handle the case, and the facts the app fills from records. */
#include "t.h"

#include "procedure_fx.h"

#define OFFICER ROLE_OFFICER

static const int64_t openers[] = { 3, 4, 0 };

/* An opened case, and an investigation proposed by officers 1 and 2. */
static enum fz_err investigate_with(struct walk *w, const int64_t *officers)
{
	walk_init(w, "penalty_general", PARTY_CITIZEN, "2025-12-01");
	if (walk_take(w, OFFICER, 3, "open", "2026-01-05", openers, "facts=f", "source=s",
		      NULL))
		t_fail(__FILE__, __LINE__, "open: %s", walk_why(w));
	if (walk_take(w, ROLE_HEAD, 5, "approve_opening", "2026-01-05", NULL, NULL))
		t_fail(__FILE__, __LINE__, "approve_opening: %s", walk_why(w));
	return walk_try(w, OFFICER, 1, "investigate", "2026-01-06", officers, "record=r", NULL);
}

TEST(certified_officers_blocks_one_officer_and_an_assistant)
{
	struct walk w;
	const int64_t one_and_assistant[] = { 1, 5, 0 };
	CHECK_INT(investigate_with(&w, one_and_assistant), FZ_CONFLICT);
	CHECK_STR(walk_why(&w), "调查取证须由两名以上持有效执法证且执法领域涵盖本案的执法人员进行，"
				"当前仅 1 名（孙丽为执法辅助人员）");
	walk_release(&w);
}

TEST(certified_officers_blocks_expired_suspended_revoked_and_other_domain_certificates)
{
	static const struct {
		enum cert_status status;
		bool covers;
		const char *why;
	} cases[] = {
		{ CERT_EXPIRED, true, "（李华的执法证已过期）" },
		{ CERT_SUSPENDED, true, "（李华的执法证已暂扣）" },
		{ CERT_REVOKED, true, "（李华的执法证已注销）" },
		{ CERT_VALID, false, "（李华的执法证不涵盖本案执法领域）" },
		{ 0, false, "（李华未持有执法证）" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct walk w;
		walk_init(&w, "penalty_general", PARTY_CITIZEN, "2025-12-01");
		WALK_OK(&w, walk_take(&w, OFFICER, 3, "open", "2026-01-05", openers, "facts=f",
				      "source=s", NULL));
		WALK_OK(&w, walk_take(&w, ROLE_HEAD, 5, "approve_opening", "2026-01-05", NULL, NULL));
		walk_person(&w, 2, "李华", PERSON_OFFICER, cases[i].status, cases[i].covers);
		CHECK_INT(walk_try(&w, OFFICER, 1, "investigate", "2026-01-06", WALK_TWO,
				   "record=r", NULL), FZ_CONFLICT);
		CHECK_CONTAINS(walk_why(&w), "当前仅 1 名");
		CHECK_CONTAINS(walk_why(&w), cases[i].why);
		walk_release(&w);
	}
}

TEST(certified_officers_counts_a_person_named_twice_once)
{
	struct walk w;
	const int64_t twice[] = { 1, 1, 0 };
	CHECK_INT(investigate_with(&w, twice), FZ_INVALID); /* officers_present: 1 of 2 */
	CHECK_STR(walk_why(&w), "「调查取证」须至少两名人员参与，当前 1 名");
	CHECK_CONTAINS(walk_gate(&w, "certified_officers")->message, "当前仅 1 名");
	walk_release(&w);
}

TEST(certified_officers_allows_two_valid_certificates_covering_the_domain)
{
	struct walk w;
	WALK_OK(&w, investigate_with(&w, WALK_TWO));
	CHECK_STR(walk_gate(&w, "certified_officers")->message, "2 名持有效执法证的执法人员参与");
	walk_release(&w);
}

TEST(person_fill_takes_the_valid_certificate_that_covers_the_domain)
{
	struct person p = { .id = 4, .name = "钱芳", .kind = PERSON_OFFICER };
	struct certificate certs[3] = {
		{ .person_id = 4, .domains = "交通运输", .valid_until = "2027-12-31",
		  .status = CERT_VALID },
		{ .person_id = 4, .domains = "市场监管", .valid_until = "2025-12-31",
		  .status = CERT_VALID },
		{ .person_id = 4, .domains = "市场监管,食品安全", .valid_until = "2027-12-31",
		  .status = CERT_VALID },
	};
	struct proc_person out;
	proc_person_fill(&p, certs, 3, "2026-03-01", "市场监管", &out);
	CHECK_INT(out.cert, CERT_VALID);
	CHECK(out.cert_covers_domain);
	proc_person_fill(&p, certs, 2, "2026-03-01", "市场监管", &out);
	CHECK_INT(out.cert, CERT_VALID); /* the transport one, still valid */
	CHECK(!out.cert_covers_domain);
	proc_person_fill(&p, certs + 1, 1, "2026-03-01", "市场监管", &out);
	CHECK_INT(out.cert, CERT_EXPIRED);
	proc_person_fill(&p, certs, 0, "2026-03-01", "市场监管", &out);
	CHECK_INT(out.cert, 0);
}

TEST(hearing_host_may_not_be_an_investigator_of_the_case)
{
	struct walk w;
	walk_penalty_noticed(&w, PARTY_CITIZEN, "fine", "20000", NULL);
	WALK_OK(&w, walk_take(&w, OFFICER, 1, "hearing_request", "2026-01-13", NULL, NULL));
	WALK_OK(&w, walk_take(&w, OFFICER, 1, "hearing_notice", "2026-01-13", NULL,
			      "hearing_on=2026-01-30", "hearing_time=09:30", "place=p", "host=3", "served_on=2026-01-13",
			      NULL));
	CHECK_INT(walk_try(&w, OFFICER, 1, "hearing", "2026-01-30", NULL, "host=2",
			   "outcome=held", NULL), FZ_CONFLICT);
	CHECK_STR(walk_why(&w), "听证主持人不能是本案调查人员（李华参与了本案调查）");
	WALK_OK(&w, walk_try(&w, OFFICER, 1, "hearing", "2026-01-30", NULL, "host=3",
			     "outcome=held", NULL));
	CHECK_STR(walk_gate(&w, "hearing_host_not_investigator")->message,
		  "听证主持人赵强非本案调查人员");
	walk_release(&w);
}

TEST(reviewer_not_handler_blocks_a_review_by_an_investigator)
{
	struct walk w;
	walk_penalty_noticed(&w, PARTY_CITIZEN, "warning", NULL, NULL);
	CHECK_INT(walk_try(&w, ROLE_REVIEWER, 2, "legal_review", "2026-01-20", (const int64_t[]){ 2, 0 },
			   "opinion=approve", "check_body=pass", "check_officers=pass",
			   "check_procedure=pass", "check_facts=pass", "check_law=pass",
			   "check_authority=pass", "check_documents=pass", "check_referral=pass",
			   NULL), FZ_CONFLICT);
	CHECK_STR(walk_why(&w), "法制审核人员不能是本案承办人员（李华承办了本案）");
	walk_release(&w);
}
