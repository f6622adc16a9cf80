/* certificate_test.c - certificates: who may issue, assistants hold none,
 * revocation is final, expiry is computed, the public check tells an
 * unknown number from a revoked certificate, and the 5% reviewer check. */
#include <string.h>

#include "app/people.h"
#include "fixture.h"
#include "t.h"

static enum fz_err issue(struct fx *f, struct app_ctx *ctx, const char *number, int64_t person,
			 const char *until, struct certificate *out, struct fz_error *e)
{
	struct certificate_input in = { .number = number, .person_id = person,
					.issuer = "海原县人民政府", .domains = "自然资源",
					.issued_on = "2024-03-01", .valid_until = until };
	(void)f;
	return app_certificate_create(ctx, &in, out, e);
}

TEST(only_the_justice_bureau_supervisor_issues_certificates)
{
	struct fx f;
	struct app_ctx head, sup;
	struct fz_error e;
	REQUIRE(fx_open(&f));
	fx_as(&f, &head, ROLE_HEAD, f.natres);
	fx_as(&f, &sup, ROLE_SUPERVISOR, f.justice);
	CHECK_INT(issue(&f, &head, "NX1", f.officer_a, "2029-01-01", NULL, &e), FZ_FORBIDDEN);
	CHECK_INT(fx_count(&f, "certificates"), 0);
	CHECK_INT(issue(&f, &sup, "NX1", f.officer_a, "2029-01-01", NULL, &e), FZ_OK);
	fx_close(&f);
}

TEST(assistant_cannot_hold_a_certificate)
{
	struct fx f;
	struct app_ctx sup;
	struct fz_error e;
	REQUIRE(fx_open(&f));
	fx_as(&f, &sup, ROLE_SUPERVISOR, f.justice);
	CHECK_INT(issue(&f, &sup, "NX2", f.assistant, "2029-01-01", NULL, &e), FZ_INVALID);
	CHECK_STR(e.field, "person_id");
	CHECK_CONTAINS(e.message, "辅助人员");
	CHECK_INT(fx_count(&f, "certificates"), 0);
	fx_close(&f);
}

TEST(duplicate_certificate_number_conflicts)
{
	struct fx f;
	struct app_ctx sup;
	struct fz_error e;
	REQUIRE(fx_open(&f));
	fx_as(&f, &sup, ROLE_SUPERVISOR, f.justice);
	CHECK_INT(issue(&f, &sup, "NX3", f.officer_a, "2029-01-01", NULL, &e), FZ_OK);
	CHECK_INT(issue(&f, &sup, "NX3", f.officer_b, "2029-01-01", NULL, &e), FZ_CONFLICT);
	CHECK_STR(e.field, "number");
	fx_close(&f);
}

TEST(certificate_number_is_stored_as_the_public_check_reads_it)
{
	struct fx f;
	struct app_ctx sup, anon;
	struct fz_error e;
	struct certificate c;
	struct public_certificate pc;
	REQUIRE(fx_open(&f));
	fx_as(&f, &sup, ROLE_SUPERVISOR, f.justice);
	app_ctx_init(&anon, f.st, f.a, &f.cfg, "203.0.113.9", f.cli.now);
	REQUIRE(issue(&f, &sup, "nx－05220042", f.officer_a, "2029-01-01", &c, &e) == FZ_OK);
	CHECK_STR(c.number, "NX-05220042");
	CHECK_INT(app_certificate_check(&anon, "ｎｘ－0522 0042", &pc, &e), FZ_OK);
	CHECK_STR(pc.number, "NX-05220042");
	/* the same number typed differently is the same certificate */
	CHECK_INT(issue(&f, &sup, "NX-05220042", f.officer_b, "2029-01-01", NULL, &e), FZ_CONFLICT);
	fx_close(&f);
}

TEST(revocation_is_final)
{
	struct fx f;
	struct app_ctx sup;
	struct fz_error e;
	struct certificate c;
	REQUIRE(fx_open(&f));
	fx_as(&f, &sup, ROLE_SUPERVISOR, f.justice);
	REQUIRE(issue(&f, &sup, "NX4", f.officer_a, "2029-01-01", &c, &e) == FZ_OK);
	CHECK_INT(app_certificate_revoke(&sup, c.id, "", NULL, NULL, &e), FZ_INVALID);
	CHECK_STR(e.field, "reason");
	CHECK_INT(app_certificate_revoke(&sup, c.id, "调离执法岗位", NULL, &c, &e), FZ_OK);
	CHECK_INT(c.status, CERT_REVOKED);
	CHECK_STR(c.revoke_reason, "调离执法岗位");
	CHECK_INT(app_certificate_set_status(&sup, c.id, CERT_VALID, "误操作", NULL, &e),
		  FZ_CONFLICT);
	struct certificate_input renew = { .valid_until = "2030-01-01" };
	CHECK_INT(app_certificate_update(&sup, c.id, &renew, NULL, &e), FZ_CONFLICT);
	fx_close(&f);
}

TEST(public_check_tells_unknown_from_revoked_and_expired)
{
	struct fx f;
	struct app_ctx sup, anon;
	struct fz_error e;
	struct certificate c;
	struct public_certificate pc;
	REQUIRE(fx_open(&f));
	fx_as(&f, &sup, ROLE_SUPERVISOR, f.justice);
	app_ctx_init(&anon, f.st, f.a, &f.cfg, "203.0.113.9", f.cli.now);
	REQUIRE(issue(&f, &sup, "NX5", f.officer_a, "2029-01-01", &c, &e) == FZ_OK);
	REQUIRE(issue(&f, &sup, "NX6", f.officer_b, "2025-12-31", NULL, &e) == FZ_OK);
	CHECK_INT(app_certificate_check(&anon, "NX5", &pc, &e), FZ_OK);
	CHECK_INT(pc.status, CERT_VALID);
	CHECK_STR(pc.agency_name, "海原县自然资源局");
	CHECK_STR(pc.holder_name, "测试人员");
	CHECK_INT(app_certificate_check(&anon, "NX6", &pc, &e), FZ_OK);
	CHECK_INT(pc.status, CERT_EXPIRED); /* fixture day is 2026-01-01 */
	REQUIRE(app_certificate_revoke(&sup, c.id, "调离", NULL, NULL, &e) == FZ_OK);
	CHECK_INT(app_certificate_check(&anon, "NX5", &pc, &e), FZ_OK);
	CHECK_INT(pc.status, CERT_REVOKED);
	CHECK_INT(app_certificate_check(&anon, "NX404", &pc, &e), FZ_NOTFOUND);
	CHECK_CONTAINS(e.message, "未查到");
	fx_close(&f);
}

TEST(failed_annual_review_suspends_and_a_year_is_reviewed_once)
{
	struct fx f;
	struct app_ctx sup;
	struct fz_error e;
	struct certificate c;
	REQUIRE(fx_open(&f));
	fx_as(&f, &sup, ROLE_SUPERVISOR, f.justice);
	REQUIRE(issue(&f, &sup, "NX7", f.officer_a, "2029-01-01", &c, &e) == FZ_OK);
	struct cert_review_input pass = { .year = 2024, .passed = 1, .note = "合格" };
	struct cert_review_input fail = { .year = 2025, .passed = 0, .note = "" };
	CHECK_INT(app_cert_review_add(&sup, c.id, &pass, NULL, &e), FZ_OK);
	CHECK_INT(app_cert_review_add(&sup, c.id, &pass, NULL, &e), FZ_CONFLICT);
	CHECK_INT(app_cert_review_add(&sup, c.id, &fail, NULL, &e), FZ_INVALID);
	CHECK_STR(e.field, "note");
	fail.note = "培训考试不合格";
	CHECK_INT(app_cert_review_add(&sup, c.id, &fail, NULL, &e), FZ_OK);
	CHECK_INT(app_certificate_get(&sup, c.id, &c, &e), FZ_OK);
	CHECK_INT(c.status, CERT_SUSPENDED);
	struct cert_review_list rl;
	CHECK_INT(app_cert_review_list(&sup, c.id, &rl, &e), FZ_OK);
	CHECK_INT(rl.n, 2);
	fx_close(&f);
}

TEST(certificate_outside_scope_is_not_found)
{
	struct fx f;
	struct app_ctx sup, other;
	struct fz_error e;
	struct certificate c;
	REQUIRE(fx_open(&f));
	fx_as(&f, &sup, ROLE_SUPERVISOR, f.justice);
	fx_as(&f, &other, ROLE_OFFICER, f.market);
	REQUIRE(issue(&f, &sup, "NX8", f.officer_a, "2029-01-01", &c, &e) == FZ_OK);
	CHECK_INT(app_certificate_get(&other, c.id, &c, &e), FZ_NOTFOUND);
	fx_close(&f);
}

TEST(reviewer_ratio_flags_agencies_below_five_percent)
{
	struct reviewer_ratio none = { .officers = 20, .reviewers = 0 };
	struct reviewer_ratio exact = { .officers = 20, .reviewers = 1 };
	struct reviewer_ratio below = { .officers = 21, .reviewers = 1 };
	struct reviewer_ratio empty = { .officers = 0, .reviewers = 0 };
	CHECK(!reviewer_ratio_ok(&none));
	CHECK(reviewer_ratio_ok(&exact));
	CHECK(!reviewer_ratio_ok(&below));
	CHECK(reviewer_ratio_ok(&empty));
}

TEST(reviewer_ratio_counts_active_officers_per_agency)
{
	struct fx f;
	struct app_ctx sup;
	struct fz_error e;
	struct person p;
	REQUIRE(fx_open(&f));
	fx_as(&f, &sup, ROLE_SUPERVISOR, f.justice);
	struct person_input mark = { .is_reviewer = 1, .active = -1 };
	REQUIRE(app_person_update(&sup, f.officer_a, &mark, &p, &e) == FZ_OK);
	struct reviewer_ratio_list rl;
	struct page pg = { 0, 50 };
	REQUIRE(app_reviewer_ratios(&sup, pg, &rl, &e) == FZ_OK);
	bool seen = false;
	for (size_t i = 0; i < rl.n; i++) {
		CHECK(rl.items[i].agency_id != f.neighbour);
		if (rl.items[i].agency_id == f.natres) {
			seen = true;
			CHECK_INT(rl.items[i].officers, 1);
			CHECK_INT(rl.items[i].reviewers, 1);
		}
	}
	CHECK(seen);
	/* An assistant cannot be marked reviewer. */
	CHECK_INT(app_person_update(&sup, f.assistant, &mark, NULL, &e), FZ_INVALID);
	CHECK_STR(e.field, "is_reviewer");
	fx_close(&f);
}
