/* api_people_test.c - officers and assistants over HTTP: bad ID numbers
 * and other fields are refused by name and change nothing, ID numbers
 * and phones are masked for readers who do not manage people, rows out
 * of scope answer like missing ones, list filters are strict, and the 5%
 * reviewer check shows the agency without a reviewer. */
#include <stdio.h>

#include "api_fixture.h"
#include "t.h"

#define NEW_RID "640522199001011234" /* valid, not used by the demo */

TEST(officer_create_refuses_bad_fields_and_changes_nothing)
{
	struct t_demo d;
	char body[512];
	REQUIRE(t_demo_start(&d));
	long long nr = (long long)d.sum.agency_ids[1], zn = (long long)d.sum.agency_ids[9];
	/* Each body is {"agency_id":<自然资源局>, <rest>}. */
	static const struct {
		const char *rest, *field;
	} cases[] = {
		{ "\"name\":\"马晓\",\"resident_id\":\"640522199001011235\"", "resident_id" },
		{ "\"name\":\"马晓\",\"resident_id\":\"64052219900101123\"", "resident_id" },
		{ "\"name\":\"马晓\",\"resident_id\":1234", "resident_id" },
		{ "\"name\":\"马晓\",\"resident_id\":\"" NEW_RID "\",\"kind\":\"boss\"", "kind" },
		{ "\"resident_id\":\"" NEW_RID "\"", "name" },
		{ "\"name\":\"马晓\",\"resident_id\":\"" NEW_RID "\",\"kind\":\"assistant\","
		  "\"is_reviewer\":true", "is_reviewer" },
		/* unit 1 belongs to the 司法局 */
		{ "\"name\":\"马晓\",\"resident_id\":\"" NEW_RID "\",\"unit_id\":1", "unit_id" },
		{ "\"name\":\"马晓\",\"resident_id\":\"" NEW_RID "\",\"salary\":1", "salary" },
	};
	int64_t before = t_demo_count(&d, "people");
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		snprintf(body, sizeof body, "{\"agency_id\":%lld,%s}", nr, cases[i].rest);
		struct http_resp r = t_api(&d, "supervisor", "POST", "/api/v1/officers", body);
		CHECK_ERROR(r, 400, "invalid", cases[i].field);
		t_resp_free(&r);
	}
	snprintf(body, sizeof body,
		 "{\"agency_id\":\"%lld\",\"name\":\"马晓\",\"resident_id\":\"" NEW_RID "\"}", nr);
	struct http_resp r = t_api(&d, "supervisor", "POST", "/api/v1/officers", body);
	CHECK_ERROR(r, 400, "invalid", "agency_id");
	t_resp_free(&r);
	/* 中宁县 is outside the 海原县 supervisor's division. */
	snprintf(body, sizeof body,
		 "{\"agency_id\":%lld,\"name\":\"马晓\",\"resident_id\":\"" NEW_RID "\"}", zn);
	r = t_api(&d, "supervisor", "POST", "/api/v1/officers", body);
	CHECK_ERROR(r, 400, "invalid", "agency_id");
	t_resp_free(&r);
	r = t_api(&d, "supervisor", "POST", "/api/v1/officers", "{\"agency_id\":");
	CHECK_ERROR(r, 400, "invalid", NULL);
	t_resp_free(&r);
	CHECK_INT(t_demo_count(&d, "people"), before);
	t_demo_stop(&d);
}

TEST(resident_id_is_masked_except_for_people_managers)
{
	struct t_demo d;
	char body[256], path[64], s[64];
	REQUIRE(t_demo_start(&d));
	snprintf(body, sizeof body,
		 "{\"agency_id\":%lld,\"name\":\"马晓\",\"resident_id\":\"" NEW_RID "\","
		 "\"phone\":\"13909551234\",\"is_reviewer\":true}",
		 (long long)d.sum.agency_ids[1]);
	struct http_resp r = t_api(&d, "head1", "POST", "/api/v1/officers", body);
	CHECK_INT(r.status, 201);
	CHECK_STR(t_json_str(&r, "resident_id", s, sizeof s), NEW_RID);
	CHECK_STR(t_json_str(&r, "kind", s, sizeof s), "officer");
	int64_t id = t_json_int(&r, "id");
	t_resp_free(&r);
	snprintf(path, sizeof path, "/api/v1/officers/%lld", (long long)id);

	r = t_api(&d, "officer1", "GET", path, NULL);
	CHECK_INT(r.status, 200);
	CHECK_STR(t_json_str(&r, "resident_id", s, sizeof s), "640522********1234");
	CHECK_STR(t_json_str(&r, "phone", s, sizeof s), "139****1234");
	CHECK(!strstr(r.body, NEW_RID));
	t_resp_free(&r);
	r = t_api(&d, "reviewer1", "GET", "/api/v1/officers?limit=200", NULL);
	CHECK(!strstr(r.body, NEW_RID));
	CHECK_CONTAINS(r.body, "640522********1234");
	t_resp_free(&r);
	r = t_api(&d, "supervisor", "GET", path, NULL);
	CHECK_STR(t_json_str(&r, "resident_id", s, sizeof s), NEW_RID);
	t_resp_free(&r);

	/* Updates: clear the phone, leave the rest. */
	r = t_api(&d, "head1", "PATCH", path, "{\"phone\":\"\",\"active\":false}");
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, "\"phone\":null");
	CHECK_CONTAINS(r.body, "\"active\":false");
	CHECK_CONTAINS(r.body, "\"is_reviewer\":true");
	t_resp_free(&r);
	r = t_api(&d, "head1", "PATCH", path, "{\"resident_id\":\"640522199001011235\"}");
	CHECK_ERROR(r, 400, "invalid", "resident_id");
	t_resp_free(&r);
	r = t_api(&d, "supervisor", "GET", path, NULL);
	CHECK_STR(t_json_str(&r, "resident_id", s, sizeof s), NEW_RID);
	t_resp_free(&r);
	t_demo_stop(&d);
}

TEST(person_outside_scope_answers_like_a_missing_one)
{
	struct t_demo d;
	char path[96];
	REQUIRE(t_demo_start(&d));
	snprintf(path, sizeof path, "/api/v1/officers?agency_id=%lld&limit=1",
		 (long long)d.sum.agency_ids[2]);
	int64_t other = t_first_id(&d, "supervisor", path);
	REQUIRE(other > 0);
	snprintf(path, sizeof path, "/api/v1/officers/%lld", (long long)other);
	struct http_resp a = t_api(&d, "officer1", "GET", path, NULL);
	struct http_resp b = t_api(&d, "officer1", "GET", "/api/v1/officers/999999", NULL);
	CHECK_ERROR(a, 404, "not_found", "id");
	CHECK_STR(a.body, b.body);
	t_resp_free(&a);
	t_resp_free(&b);
	a = t_api(&d, "head1", "PATCH", path, "{\"name\":\"改名\"}");
	b = t_api(&d, "head1", "PATCH", "/api/v1/officers/999999", "{\"name\":\"改名\"}");
	CHECK_ERROR(a, 404, "not_found", "id");
	CHECK_STR(a.body, b.body);
	t_resp_free(&a);
	t_resp_free(&b);
	a = t_api(&d, "supervisor", "GET", path, NULL);
	CHECK_INT(a.status, 200);
	CHECK(!strstr(a.body, "改名"));
	t_resp_free(&a);
	t_demo_stop(&d);
}

TEST(officer_list_filters_are_strict)
{
	struct t_demo d;
	REQUIRE(t_demo_start(&d));
	struct http_resp r = t_api(&d, "officer1", "GET", "/api/v1/officers?kind=assistant", NULL);
	CHECK_INT(r.status, 200);
	CHECK_INT(t_json_int(&r, "total"), 2);
	CHECK(!strstr(r.body, "\"kind\":\"officer\""));
	t_resp_free(&r);
	r = t_api(&d, "officer1", "GET", "/api/v1/officers?reviewer=true", NULL);
	CHECK_INT(t_json_int(&r, "total"), 1);
	t_resp_free(&r);
	r = t_api(&d, "officer1", "GET", "/api/v1/officers?kind=boss", NULL);
	CHECK_ERROR(r, 400, "invalid", "kind");
	t_resp_free(&r);
	r = t_api(&d, "officer1", "GET", "/api/v1/officers?reviewer=yes", NULL);
	CHECK_ERROR(r, 400, "invalid", "reviewer");
	t_resp_free(&r);
	r = t_api(&d, "officer1", "GET", "/api/v1/officers?limit=500", NULL);
	CHECK_ERROR(r, 400, "invalid", "limit");
	t_resp_free(&r);
	r = t_api(&d, "officer1", "GET", "/api/v1/officers?q=%FF", NULL);
	CHECK_INT(r.status, 400);
	t_resp_free(&r);
	t_demo_stop(&d);
}

TEST(reviewer_ratio_flags_the_agency_without_reviewer)
{
	struct t_demo d;
	REQUIRE(t_demo_start(&d));
	struct http_resp r = t_api(&d, "supervisor", "GET", "/api/v1/reviewer-ratios?limit=50",
				   NULL);
	CHECK_INT(r.status, 200);
	json_t *j = t_json(&r);
	size_t i, bad = 0;
	json_t *it;
	json_array_foreach(json_object_get(j, "items"), i, it) {
		if (json_is_false(json_object_get(it, "ok"))) {
			bad++;
			CHECK_STR(json_string_value(json_object_get(it, "agency_name")),
				  "海原县应急管理局");
			CHECK_INT(json_integer_value(json_object_get(it, "required")), 1);
		}
	}
	CHECK_INT(bad, 1);
	json_decref(j);
	t_resp_free(&r);
	r = t_api(&d, "auditor", "GET", "/api/v1/reviewer-ratios", NULL);
	CHECK_ERROR(r, 403, "forbidden", NULL);
	t_resp_free(&r);
	t_demo_stop(&d);
}
