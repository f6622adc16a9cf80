/* api_certs_test.c - certificates over HTTP: the supervisor issues one and
 * the public check shows it; the public check tells an unknown number
 * (404) from a revoked certificate (200, 已注销) and never shows personal
 * data; bad input is refused by name; suspend, resume, review and revoke
 * work in order; rows out of scope answer like missing ones. */
#include <stdio.h>

#include "api_fixture.h"
#include "t.h"

#define NEW_RID "640522199001011234"

/* The id of the demo certificate with this number, seen by supervisor. */
static int64_t cert_id(struct t_demo *d, const char *number)
{
	char path[96];
	snprintf(path, sizeof path, "/api/v1/certificates?q=%s", number);
	struct http_resp r = t_api(d, "supervisor", "GET", path, NULL);
	json_t *j = t_json(&r);
	json_t *id = json_object_get(json_array_get(json_object_get(j, "items"), 0), "id");
	int64_t v = json_is_integer(id) ? (int64_t)json_integer_value(id) : -1;
	json_decref(j);
	t_resp_free(&r);
	return v;
}

/* A new officer of 自然资源局 (kind as given), created by the supervisor. */
static int64_t new_person(struct t_demo *d, const char *kind)
{
	char body[256];
	snprintf(body, sizeof body,
		 "{\"agency_id\":%lld,\"name\":\"马晓\",\"resident_id\":\"" NEW_RID "\","
		 "\"phone\":\"13909551234\",\"kind\":\"%s\"}",
		 (long long)d->sum.agency_ids[1], kind);
	struct http_resp r = t_api(d, "supervisor", "POST", "/api/v1/officers", body);
	int64_t id = r.status == 201 ? t_json_int(&r, "id") : -1;
	if (id < 0)
		t_fail(__FILE__, __LINE__, "person: %ld %s", r.status, r.body);
	t_resp_free(&r);
	return id;
}

TEST(supervisor_issues_a_certificate_and_the_public_check_shows_it)
{
	struct t_demo d;
	char body[512], path[64], s[64];
	REQUIRE(t_demo_start(&d));
	int64_t pid = new_person(&d, "officer");
	REQUIRE(pid > 0);
	snprintf(body, sizeof body,
		 "{\"number\":\"NX0522T001\",\"person_id\":%lld,\"issuer\":\"海原县人民政府\","
		 "\"domains\":\"自然资源,土地管理\",\"issued_on\":\"2025-01-01\","
		 "\"valid_until\":\"2099-12-31\"}",
		 (long long)pid);
	struct http_resp r = t_api(&d, "supervisor", "POST", "/api/v1/certificates", body);
	CHECK_INT(r.status, 201);
	CHECK_STR(t_json_str(&r, "status", s, sizeof s), "valid");
	CHECK_STR(t_json_str(&r, "agency_name", s, sizeof s), "海原县自然资源局");
	CHECK(t_json_int(&r, "days_left") > 0);
	int64_t id = t_json_int(&r, "id");
	t_resp_free(&r);

	r = t_http(&d.ts, "GET", "/api/v1/public/certificates/NX0522T001", NULL, NULL, NULL);
	CHECK_INT(r.status, 200);
	CHECK_STR(t_json_str(&r, "status", s, sizeof s), "valid");
	CHECK_STR(t_json_str(&r, "status_label", s, sizeof s), "有效");
	CHECK_STR(t_json_str(&r, "holder_name", s, sizeof s), "马晓");
	CHECK_CONTAINS(r.body, "\"valid\":true");
	CHECK(!strstr(r.body, NEW_RID) && !strstr(r.body, "resident_id"));
	CHECK(!strstr(r.body, "13909551234") && !strstr(r.body, "phone"));
	CHECK(!strstr(r.body, "person_id"));
	t_resp_free(&r);

	/* The holder's agency reads it; officers cannot issue. */
	snprintf(path, sizeof path, "/api/v1/certificates/%lld", (long long)id);
	r = t_api(&d, "officer1", "GET", path, NULL);
	CHECK_INT(r.status, 200);
	t_resp_free(&r);
	r = t_api(&d, "officer1", "POST", "/api/v1/certificates", body);
	CHECK_ERROR(r, 403, "forbidden", NULL);
	t_resp_free(&r);
	t_demo_stop(&d);
}

TEST(public_check_tells_unknown_from_revoked)
{
	struct t_demo d;
	char s[64];
	REQUIRE(t_demo_start(&d));
	/* NX05220023 is the demo's revoked certificate. */
	struct http_resp rev =
		t_http(&d.ts, "GET", "/api/v1/public/certificates/NX05220023", NULL, NULL, NULL);
	CHECK_INT(rev.status, 200);
	CHECK_STR(t_json_str(&rev, "status", s, sizeof s), "revoked");
	CHECK_STR(t_json_str(&rev, "status_label", s, sizeof s), "已注销");
	CHECK_CONTAINS(rev.body, "\"valid\":false");
	CHECK(!strstr(rev.body, "resident_id"));
	t_resp_free(&rev);

	struct http_resp unk =
		t_http(&d.ts, "GET", "/api/v1/public/certificates/NX9999", NULL, NULL, NULL);
	CHECK_ERROR(unk, 404, "not_found", "number");
	CHECK_CONTAINS(unk.body, "未查到执法证号 NX9999");
	t_resp_free(&unk);

	/* Percent-encoded Chinese is text like any other: not found. */
	unk = t_http(&d.ts, "GET", "/api/v1/public/certificates/%E8%AF%81", NULL, NULL, NULL);
	CHECK_ERROR(unk, 404, "not_found", "number");
	t_resp_free(&unk);
	unk = t_http(&d.ts, "GET",
		     "/api/v1/public/certificates/A123456789012345678901234567890123", NULL, NULL,
		     NULL);
	CHECK_ERROR(unk, 400, "invalid", "number");
	t_resp_free(&unk);
	/* The router takes a {number:str} segment only as valid UTF-8 of at
	 * most 64 bytes; anything else is no route at all. */
	unk = t_http(&d.ts, "GET", "/api/v1/public/certificates/NX%FF", NULL, NULL, NULL);
	CHECK_ERROR(unk, 404, "not_found", NULL);
	t_resp_free(&unk);
	unk = t_http(&d.ts, "GET",
		     "/api/v1/public/certificates/"
		     "A1234567890123456789012345678901234567890123456789012345678901234",
		     NULL, NULL, NULL);
	CHECK_ERROR(unk, 404, "not_found", NULL);
	t_resp_free(&unk);
	t_demo_stop(&d);
}

TEST(certificate_create_refuses_bad_input_and_changes_nothing)
{
	struct t_demo d;
	char body[512];
	REQUIRE(t_demo_start(&d));
	int64_t pid = new_person(&d, "officer"), aid = new_person(&d, "assistant");
	REQUIRE(pid > 0 && aid > 0);
	static const struct {
		const char *number, *issued, *until, *field;
		bool assistant;
	} cases[] = {
		{ "NX0522T002", "2026-02-30", "2030-01-01", "issued_on", false },
		{ "NX0522T002", "2026-01-01", "2025-12-31", "valid_until", false },
		{ "NX0522T002", "2026/01/01", "2030-01-01", "issued_on", false },
		{ "NX/0522", "2026-01-01", "2030-01-01", "number", false },
		{ "NX_0522", "2026-01-01", "2030-01-01", "number", false },
		{ "NX0522T002", "2026-01-01", "2030-01-01", "person_id", true },
	};
	int64_t before = t_demo_count(&d, "certificates");
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		snprintf(body, sizeof body,
			 "{\"number\":\"%s\",\"person_id\":%lld,\"issuer\":\"海原县人民政府\","
			 "\"domains\":\"自然资源\",\"issued_on\":\"%s\",\"valid_until\":\"%s\"}",
			 cases[i].number, (long long)(cases[i].assistant ? aid : pid),
			 cases[i].issued, cases[i].until);
		struct http_resp r = t_api(&d, "supervisor", "POST", "/api/v1/certificates", body);
		CHECK_ERROR(r, 400, "invalid", cases[i].field);
		t_resp_free(&r);
	}
	struct http_resp r = t_api(&d, "supervisor", "POST", "/api/v1/certificates",
				   "{\"number\":\"NX0522T002\",\"person_id\":\"5\"}");
	CHECK_ERROR(r, 400, "invalid", "person_id");
	t_resp_free(&r);
	snprintf(body, sizeof body,
		 "{\"number\":\"NX0522T002\",\"person_id\":%lld,\"domains\":\"自然资源\","
		 "\"issued_on\":\"2026-01-01\",\"valid_until\":\"2030-01-01\"}",
		 (long long)pid);
	r = t_api(&d, "supervisor", "POST", "/api/v1/certificates", body);
	CHECK_ERROR(r, 400, "invalid", "issuer");
	t_resp_free(&r);
	/* A number already issued is a conflict. */
	snprintf(body, sizeof body,
		 "{\"number\":\"NX05220001\",\"person_id\":%lld,\"issuer\":\"海原县人民政府\","
		 "\"domains\":\"自然资源\",\"issued_on\":\"2026-01-01\","
		 "\"valid_until\":\"2030-01-01\"}",
		 (long long)pid);
	r = t_api(&d, "supervisor", "POST", "/api/v1/certificates", body);
	CHECK_ERROR(r, 409, "conflict", "number");
	t_resp_free(&r);
	CHECK_INT(t_demo_count(&d, "certificates"), before);
	t_demo_stop(&d);
}

TEST(certificate_suspend_resume_review_and_revoke)
{
	struct t_demo d;
	char path[96], s[64];
	REQUIRE(t_demo_start(&d));
	int64_t id = cert_id(&d, "NX05220001");
	REQUIRE(id > 0);
	snprintf(path, sizeof path, "/api/v1/certificates/%lld/suspend", (long long)id);
	struct http_resp r = t_api(&d, "supervisor", "POST", path, "{}");
	CHECK_ERROR(r, 400, "invalid", "reason");
	t_resp_free(&r);
	r = t_api(&d, "supervisor", "POST", path, "{\"reason\":\"涉嫌违法执法，暂扣待查\"}");
	CHECK_INT(r.status, 200);
	CHECK_STR(t_json_str(&r, "status", s, sizeof s), "suspended");
	CHECK_STR(t_json_str(&r, "status_label", s, sizeof s), "暂扣");
	t_resp_free(&r);
	snprintf(path, sizeof path, "/api/v1/certificates/%lld/resume", (long long)id);
	r = t_api(&d, "supervisor", "POST", path, "{\"reason\":\"查无违法\"}");
	CHECK_STR(t_json_str(&r, "status", s, sizeof s), "valid");
	t_resp_free(&r);

	snprintf(path, sizeof path, "/api/v1/certificates/%lld/reviews", (long long)id);
	r = t_api(&d, "supervisor", "POST", path, "{\"year\":2030,\"passed\":true}");
	CHECK_INT(r.status, 201);
	CHECK_CONTAINS(r.body, "\"year\":2030");
	t_resp_free(&r);
	r = t_api(&d, "supervisor", "POST", path, "{\"year\":2030,\"passed\":true}");
	CHECK_ERROR(r, 409, "conflict", "year");
	t_resp_free(&r);
	r = t_api(&d, "supervisor", "POST", path, "{\"year\":1999,\"passed\":true}");
	CHECK_ERROR(r, 400, "invalid", "year");
	t_resp_free(&r);
	r = t_api(&d, "supervisor", "POST", path, "{\"year\":2031,\"passed\":\"no\"}");
	CHECK_ERROR(r, 400, "invalid", "passed");
	t_resp_free(&r);
	r = t_api(&d, "reviewer1", "GET", path, NULL); /* 司法局's: out of scope */
	CHECK_ERROR(r, 404, "not_found", "id");
	t_resp_free(&r);
	r = t_api(&d, "supervisor", "GET", path, NULL);
	CHECK_INT(t_json_int(&r, "total"), 2); /* the demo's and this one */
	t_resp_free(&r);

	snprintf(path, sizeof path, "/api/v1/certificates/%lld/revoke", (long long)id);
	r = t_api(&d, "supervisor", "POST", path,
		  "{\"reason\":\"调离\",\"revoked_on\":\"2026-13-01\"}");
	CHECK_ERROR(r, 400, "invalid", "revoked_on");
	t_resp_free(&r);
	r = t_api(&d, "supervisor", "POST", path, "{\"reason\":\"调离执法岗位\"}");
	CHECK_INT(r.status, 200);
	CHECK_STR(t_json_str(&r, "status", s, sizeof s), "revoked");
	CHECK_CONTAINS(r.body, "\"days_left\":null");
	CHECK_CONTAINS(r.body, "\"revoke_reason\":\"调离执法岗位\"");
	t_resp_free(&r);
	/* Revocation is final. */
	snprintf(path, sizeof path, "/api/v1/certificates/%lld/suspend", (long long)id);
	r = t_api(&d, "supervisor", "POST", path, "{\"reason\":\"再暂扣\"}");
	CHECK_ERROR(r, 409, "conflict", "status");
	t_resp_free(&r);
	snprintf(path, sizeof path, "/api/v1/certificates/%lld", (long long)id);
	r = t_api(&d, "supervisor", "PATCH", path, "{\"valid_until\":\"2040-01-01\"}");
	CHECK_ERROR(r, 409, "conflict", "status");
	t_resp_free(&r);
	t_demo_stop(&d);
}

TEST(certificate_outside_scope_answers_like_a_missing_one)
{
	struct t_demo d;
	char path[96];
	REQUIRE(t_demo_start(&d));
	int64_t other = cert_id(&d, "NX05220013"); /* 市场监督管理局 */
	REQUIRE(other > 0);
	snprintf(path, sizeof path, "/api/v1/certificates/%lld", (long long)other);
	struct http_resp a = t_api(&d, "officer1", "GET", path, NULL);
	struct http_resp b = t_api(&d, "officer1", "GET", "/api/v1/certificates/999999", NULL);
	CHECK_ERROR(a, 404, "not_found", "id");
	CHECK_STR(a.body, b.body);
	t_resp_free(&a);
	t_resp_free(&b);
	/* The neighbouring county is outside the supervisor's division. */
	a = t_api(&d, "supervisor", "GET", "/api/v1/certificates?q=NX05220060", NULL);
	CHECK_INT(t_json_int(&a, "total"), 0);
	t_resp_free(&a);
	a = t_api(&d, "officer1", "GET", "/api/v1/certificates?limit=200", NULL);
	CHECK(!strstr(a.body, "NX05220013"));
	t_resp_free(&a);
	t_demo_stop(&d);
}

TEST(certificate_list_filters)
{
	struct t_demo d;
	REQUIRE(t_demo_start(&d));
	struct http_resp r = t_api(&d, "supervisor", "GET",
				   "/api/v1/certificates?status=expired&limit=200", NULL);
	CHECK_INT(r.status, 200);
	json_t *j = t_json(&r);
	size_t i;
	json_t *it;
	CHECK(json_array_size(json_object_get(j, "items")) >= 1);
	json_array_foreach(json_object_get(j, "items"), i, it)
		CHECK_STR(json_string_value(json_object_get(it, "status")), "expired");
	json_decref(j);
	t_resp_free(&r);
	r = t_api(&d, "supervisor", "GET",
		  "/api/v1/certificates?expiring_within_days=30&limit=200", NULL);
	j = t_json(&r);
	CHECK(json_array_size(json_object_get(j, "items")) >= 1);
	json_array_foreach(json_object_get(j, "items"), i, it) {
		CHECK_STR(json_string_value(json_object_get(it, "status")), "valid");
		CHECK(json_integer_value(json_object_get(it, "days_left")) <= 30);
	}
	json_decref(j);
	t_resp_free(&r);
	r = t_api(&d, "supervisor", "GET", "/api/v1/certificates?status=lost", NULL);
	CHECK_ERROR(r, 400, "invalid", "status");
	t_resp_free(&r);
	r = t_api(&d, "supervisor", "GET", "/api/v1/certificates?expiring_within_days=0", NULL);
	CHECK_ERROR(r, 400, "invalid", "expiring_within_days");
	t_resp_free(&r);
	r = t_api(&d, "supervisor", "GET", "/api/v1/certificates?person_id=-1", NULL);
	CHECK_ERROR(r, 400, "invalid", "person_id");
	t_resp_free(&r);
	t_demo_stop(&d);
}

/* The supervisor issues person pid a certificate for 自然资源 numbered
 * as typed, from issued_on to 2099-12-31; the answer. */
static struct http_resp issue(struct t_demo *d, const char *number, int64_t pid,
			      const char *issued_on)
{
	char body[512];
	snprintf(body, sizeof body,
		 "{\"number\":\"%s\",\"person_id\":%lld,\"issuer\":\"海原县人民政府\","
		 "\"domains\":\"自然资源\",\"issued_on\":\"%s\",\"valid_until\":\"2099-12-31\"}",
		 number, (long long)pid, issued_on);
	return t_api(d, "supervisor", "POST", "/api/v1/certificates", body);
}

/* What a person types is stored as the public check reads it: lower
 * case, spaces and full-width characters normalised on issue, and the
 * same number typed differently is the same certificate (409). */
TEST(certificate_number_typed_loosely_is_stored_normalised_over_the_api)
{
	struct t_demo d;
	char s[64];
	REQUIRE(t_demo_start(&d));
	int64_t pid = new_person(&d, "officer");
	REQUIRE(pid > 0);
	struct http_resp r = issue(&d, " nx 0522 ｔ００9", pid, "2025-01-01");
	CHECK_INT(r.status, 201);
	CHECK_STR(t_json_str(&r, "number", s, sizeof s), "NX0522T009");
	t_resp_free(&r);
	r = issue(&d, "NX0522T009", pid, "2025-01-01");
	CHECK_INT(r.status, 409);
	t_resp_free(&r);
	r = t_http(&d.ts, "GET", "/api/v1/public/certificates/NX0522T009", NULL, NULL, NULL);
	CHECK_INT(r.status, 200);
	t_resp_free(&r);
	t_demo_stop(&d);
}

/* Issue 10: a certificate whose issue date is still to come is 尚未生效
 * wherever its status today is said — the public check (API and page),
 * the staff API, the list's 有效 filter — and not 有效. */
TEST(certificate_issued_in_the_future_is_not_yet_valid_on_the_public_check)
{
	struct t_demo d;
	char s[64];
	REQUIRE(t_demo_start(&d));
	int64_t pid = new_person(&d, "officer");
	REQUIRE(pid > 0);
	char path[64];
	snprintf(path, sizeof path, "/api/v1/public/agencies/%lld", (long long)d.sum.agency_ids[1]);
	struct http_resp r = t_http(&d.ts, "GET", path, NULL, NULL, NULL);
	int64_t holders = t_json_int(&r, "officers"); /* officers holding a valid one today */
	t_resp_free(&r);
	REQUIRE(holders >= 0);
	r = issue(&d, "NX0522T010", pid, "2098-01-01");
	CHECK_INT(r.status, 201);
	CHECK_STR(t_json_str(&r, "status", s, sizeof s), "not_yet_valid");
	CHECK_STR(t_json_str(&r, "status_label", s, sizeof s), "尚未生效");
	t_resp_free(&r);

	r = t_http(&d.ts, "GET", "/api/v1/public/certificates/NX0522T010", NULL, NULL, NULL);
	CHECK_INT(r.status, 200);
	CHECK_STR(t_json_str(&r, "status", s, sizeof s), "not_yet_valid");
	CHECK_STR(t_json_str(&r, "status_label", s, sizeof s), "尚未生效");
	CHECK_CONTAINS(r.body, "\"valid\":false");
	t_resp_free(&r);
	r = t_http(&d.ts, "GET", "/certificates/check?number=nx0522t010", NULL, NULL, NULL);
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, "class=\"verdict not_yet_valid\"");
	CHECK_CONTAINS(r.body, "尚未生效");
	CHECK(!strstr(r.body, "真实有效"));
	t_resp_free(&r);

	/* not among the valid ones today */
	r = t_api(&d, "supervisor", "GET", "/api/v1/certificates?status=valid&q=NX0522T010", NULL);
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, "\"items\":[]");
	t_resp_free(&r);
	/* but found by its own filter, in the API and on the list page */
	r = t_api(&d, "supervisor", "GET", "/api/v1/certificates?status=not_yet_valid", NULL);
	CHECK_INT(r.status, 200);
	CHECK_INT(t_json_int(&r, "total"), 1);
	CHECK_CONTAINS(r.body, "\"number\":\"NX0522T010\"");
	t_resp_free(&r);
	r = t_http(&d.ts, "GET", "/certificates?status=not_yet_valid", t_demo_token(&d, "supervisor"),
		   NULL, NULL);
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, "<option value=\"not_yet_valid\" selected>尚未生效</option>");
	CHECK_CONTAINS(r.body, "NX0522T010");
	t_resp_free(&r);
	r = t_http(&d.ts, "GET", path, NULL, NULL, NULL);
	CHECK_INT(t_json_int(&r, "officers"), holders);
	t_resp_free(&r);
	t_demo_stop(&d);
}
