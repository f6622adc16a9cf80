/* api_org_test.c - the organisation API over HTTP with the demo county:
 * bad bodies are refused naming the field and change nothing; rows out of
 * the caller's scope answer exactly like missing ones; divisions,
 * agencies and units can be created and changed by the right roles. */
#include <stdio.h>
#include <stdlib.h>

#include "api_fixture.h"
#include "t.h"

/* A valid 统一社会信用代码 that no demo agency uses. */
#define NEW_USCC "116405221045566365"
#define GOOD_AGENCY \
	"\"name\":\"海原县林业和草原局\",\"division_code\":\"640522\"," \
	"\"kind\":\"department\",\"domains\":\"林业,草原\""

TEST(agency_create_refuses_bad_bodies_and_changes_nothing)
{
	static const struct {
		const char *body, *field;
	} cases[] = {
		{ "{\"name\":", NULL },                                    /* malformed */
		{ "[1,2]", NULL },                                         /* not an object */
		{ "{\"name\":\"\xff\xfe\"}", NULL },                       /* invalid UTF-8 */
		{ "{\"name\":12}", "name" },                               /* wrong type */
		{ "{" GOOD_AGENCY "}", "uscc" },                           /* missing */
		{ "{" GOOD_AGENCY ",\"uscc\":\"11640522104520000A\"}", "uscc" }, /* check char */
		{ "{" GOOD_AGENCY ",\"uscc\":\"" NEW_USCC "\",\"colour\":1}", "colour" },
		{ "{\"name\":\"林草局\",\"uscc\":\"11640522104520000T\",\"division_code\":"
		  "\"990000\",\"kind\":\"department\",\"domains\":\"林业\"}", "division_code" },
		{ "{\"name\":\"林草局\",\"uscc\":\"11640522104520000T\",\"division_code\":"
		  "\"110000\",\"kind\":\"department\",\"domains\":\"林业\"}", "division_code" },
		{ "{\"name\":\"林草局\",\"uscc\":\"11640522104520000T\",\"division_code\":"
		  "\"640522\",\"kind\":\"ministry\",\"domains\":\"林业\"}", "kind" },
		{ "{" GOOD_AGENCY ",\"uscc\":\"" NEW_USCC "\",\"active\":\"yes\"}", "active" },
	};
	struct t_demo d;
	REQUIRE(t_demo_start(&d));
	int64_t before = t_demo_count(&d, "agencies");
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct http_resp r = t_api(&d, "sysadmin", "POST", "/api/v1/agencies",
					   cases[i].body);
		CHECK_ERROR(r, 400, "invalid", cases[i].field);
		t_resp_free(&r);
	}
	CHECK_INT(t_demo_count(&d, "agencies"), before);
	t_demo_stop(&d);
}

TEST(oversized_body_is_413_and_changes_nothing)
{
	struct t_demo d;
	REQUIRE(t_demo_start(&d));
	int64_t before = t_demo_count(&d, "agencies");
	size_t n = 1024 * 1024 + 100;
	char *big = malloc(n + 1);
	REQUIRE(big);
	memset(big, ' ', n);
	memcpy(big, "{\"name\":\"", 9);
	big[n - 2] = '"';
	big[n - 1] = '}';
	big[n] = '\0';
	/* As clients send large bodies: Expect: 100-continue lets the server
	 * refuse before the megabyte is on the wire (without it, a refusal
	 * while the client still writes can reach it as a reset first on a
	 * loaded machine). */
	struct t_req rq = { .method = "POST", .path = "/api/v1/agencies", .body = big,
			    .content_type = "application/json", .bearer = t_demo_token(&d, "sysadmin"),
			    .expect_continue = true };
	struct http_resp r = t_http_req(&d.ts, &rq);
	CHECK_INT(r.status, 413);
	t_resp_free(&r);
	free(big);
	CHECK_INT(t_demo_count(&d, "agencies"), before);
	t_demo_stop(&d);
}

TEST(sysadmin_creates_and_updates_an_agency)
{
	struct t_demo d;
	char path[64], s[64];
	REQUIRE(t_demo_start(&d));
	struct http_resp r = t_api(&d, "sysadmin", "POST", "/api/v1/agencies",
				   "{" GOOD_AGENCY ",\"uscc\":\"" NEW_USCC "\"}");
	CHECK_INT(r.status, 201);
	CHECK_STR(t_json_str(&r, "name", s, sizeof s), "海原县林业和草原局");
	CHECK_STR(t_json_str(&r, "kind_label", s, sizeof s), "政府工作部门");
	int64_t id = t_json_int(&r, "id");
	t_resp_free(&r);
	snprintf(path, sizeof path, "/api/v1/agencies/%lld", (long long)id);
	r = t_api(&d, "sysadmin", "PATCH", path, "{\"active\":false,\"domains\":\"林业\"}");
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, "\"active\":false");
	CHECK_CONTAINS(r.body, "\"domains\":\"林业\"");
	t_resp_free(&r);
	/* The supervisor of 海原县 reads it; the officer of another agency
	 * cannot, and officers may not write at all. */
	r = t_api(&d, "supervisor", "GET", path, NULL);
	CHECK_INT(r.status, 200);
	t_resp_free(&r);
	r = t_api(&d, "officer1", "PATCH", path, "{\"name\":\"改名\"}");
	CHECK_ERROR(r, 403, "forbidden", NULL);
	t_resp_free(&r);
	t_demo_stop(&d);
}

TEST(agency_document_settings_through_the_api)
{
	struct t_demo d;
	char path[64], s[64];
	REQUIRE(t_demo_start(&d));
	/* The demo sets them: 海原县自然资源局 is agency_ids[1]. */
	snprintf(path, sizeof path, "/api/v1/agencies/%lld", (long long)d.sum.agency_ids[1]);
	struct http_resp r = t_api(&d, "sysadmin", "GET", path, NULL);
	CHECK_INT(r.status, 200);
	CHECK_STR(t_json_str(&r, "doc_code", s, sizeof s), "海自然资");
	CHECK_STR(t_json_str(&r, "doc_code_effective", s, sizeof s), "海自然资");
	CHECK_STR(t_json_str(&r, "court", s, sizeof s), "海原县人民法院");
	CHECK_STR(t_json_str(&r, "payment_bank", s, sizeof s), "中国农业银行海原县支行");
	t_resp_free(&r);
	/* A code that is not 1-8 CJK characters: 400 naming it, nothing
	 * written (the valid court in the same body neither). */
	r = t_api(&d, "sysadmin", "PATCH", path,
		  "{\"doc_code\":\"HY\",\"court\":\"中卫市中级人民法院\"}");
	CHECK_ERROR(r, 400, "invalid", "doc_code");
	CHECK_CONTAINS(r.body, "机关代字只能由汉字组成");
	t_resp_free(&r);
	r = t_api(&d, "sysadmin", "PATCH", path, "{\"payment_account\":\"\"}");
	CHECK_ERROR(r, 400, "invalid", "payment_account");
	t_resp_free(&r);
	/* Cleared: the derived code is used again. */
	r = t_api(&d, "sysadmin", "PATCH", path, "{\"doc_code\":\"\"}");
	CHECK_INT(r.status, 200);
	CHECK_STR(t_json_str(&r, "doc_code", s, sizeof s), "");
	CHECK_STR(t_json_str(&r, "doc_code_effective", s, sizeof s), "海原县自然资源");
	CHECK_STR(t_json_str(&r, "court", s, sizeof s), "海原县人民法院");
	t_resp_free(&r);
	t_demo_stop(&d);
}

TEST(agency_outside_scope_answers_like_a_missing_one)
{
	struct t_demo d;
	char other[64], own[64];
	REQUIRE(t_demo_start(&d));
	snprintf(other, sizeof other, "/api/v1/agencies/%lld", (long long)d.sum.agency_ids[2]);
	snprintf(own, sizeof own, "/api/v1/agencies/%lld", (long long)d.sum.agency_ids[1]);
	struct http_resp a = t_api(&d, "officer1", "GET", other, NULL);
	struct http_resp b = t_api(&d, "officer1", "GET", "/api/v1/agencies/999999", NULL);
	struct http_resp c = t_api(&d, "officer1", "GET", own, NULL);
	CHECK_ERROR(a, 404, "not_found", "id");
	CHECK_ERROR(b, 404, "not_found", "id");
	CHECK_STR(a.body, b.body);
	CHECK_INT(c.status, 200);
	t_resp_free(&a);
	t_resp_free(&b);
	t_resp_free(&c);
	/* The list shows the own agency only. */
	a = t_api(&d, "officer1", "GET", "/api/v1/agencies", NULL);
	CHECK_INT(t_json_int(&a, "total"), 1);
	t_resp_free(&a);
	/* Non-numeric ids are no route at all. */
	a = t_api(&d, "officer1", "GET", "/api/v1/agencies/abc", NULL);
	CHECK_INT(a.status, 404);
	t_resp_free(&a);
	t_demo_stop(&d);
}

TEST(division_put_get_and_bad_codes)
{
	struct t_demo d;
	REQUIRE(t_demo_start(&d));
	int64_t before = t_demo_count(&d, "divisions");
	struct http_resp r = t_api(&d, "sysadmin", "PUT", "/api/v1/divisions",
				   "{\"code\":\"640400\",\"name\":\"固原市\"}");
	CHECK_INT(r.status, 201);
	CHECK_CONTAINS(r.body, "\"parent_code\":\"640000\"");
	t_resp_free(&r);
	r = t_api(&d, "sysadmin", "PUT", "/api/v1/divisions",
		  "{\"code\":\"640400\",\"name\":\"宁夏固原市\"}");
	CHECK_INT(r.status, 200);
	t_resp_free(&r);
	r = t_api(&d, "officer1", "GET", "/api/v1/divisions/640400", NULL);
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, "\"name\":\"宁夏固原市\"");
	CHECK_CONTAINS(r.body, "\"level\":2");
	t_resp_free(&r);
	CHECK_INT(t_demo_count(&d, "divisions"), before + 1);

	/* Bad codes name the field; nothing is added. */
	r = t_api(&d, "sysadmin", "PUT", "/api/v1/divisions", "{\"code\":\"990000\",\"name\":\"x\"}");
	CHECK_ERROR(r, 400, "invalid", "code");
	t_resp_free(&r);
	r = t_api(&d, "sysadmin", "PUT", "/api/v1/divisions", "{\"code\":\"650102\",\"name\":\"x\"}");
	CHECK_ERROR(r, 400, "invalid", "code"); /* parent 650100 not registered */
	t_resp_free(&r);
	r = t_api(&d, "sysadmin", "PUT", "/api/v1/divisions", "{\"code\":640400,\"name\":\"x\"}");
	CHECK_ERROR(r, 400, "invalid", "code");
	t_resp_free(&r);
	r = t_api(&d, "sysadmin", "GET", "/api/v1/divisions/64x522", NULL);
	CHECK_ERROR(r, 400, "invalid", "code");
	t_resp_free(&r);
	r = t_api(&d, "sysadmin", "GET", "/api/v1/divisions/110000", NULL);
	CHECK_ERROR(r, 404, "not_found", "code");
	t_resp_free(&r);
	r = t_api(&d, "sysadmin", "GET", "/api/v1/divisions?parent=12", NULL);
	CHECK_ERROR(r, 400, "invalid", "parent");
	t_resp_free(&r);
	r = t_api(&d, "sysadmin", "GET", "/api/v1/divisions?parent=640500", NULL);
	CHECK_INT(t_json_int(&r, "total"), 3);
	t_resp_free(&r);
	t_demo_stop(&d);
}

TEST(head_manages_units_of_own_agency_only)
{
	struct t_demo d;
	char body[128], path[64];
	REQUIRE(t_demo_start(&d));
	int64_t before = t_demo_count(&d, "units");
	snprintf(body, sizeof body, "{\"agency_id\":%lld,\"name\":\"矿产资源股\"}",
		 (long long)d.sum.agency_ids[1]);
	struct http_resp r = t_api(&d, "head1", "POST", "/api/v1/units", body);
	CHECK_INT(r.status, 201);
	int64_t id = t_json_int(&r, "id");
	t_resp_free(&r);
	snprintf(path, sizeof path, "/api/v1/units/%lld", (long long)id);
	r = t_api(&d, "head1", "PATCH", path, "{\"name\":\"矿产资源管理股\"}");
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, "矿产资源管理股");
	t_resp_free(&r);

	/* Another agency: refused naming agency_id; its units are 404. */
	snprintf(body, sizeof body, "{\"agency_id\":%lld,\"name\":\"外单位股\"}",
		 (long long)d.sum.agency_ids[2]);
	r = t_api(&d, "head1", "POST", "/api/v1/units", body);
	CHECK_ERROR(r, 400, "invalid", "agency_id");
	t_resp_free(&r);
	r = t_api(&d, "head1", "POST", "/api/v1/units", "{\"agency_id\":\"2\",\"name\":\"x\"}");
	CHECK_ERROR(r, 400, "invalid", "agency_id");
	t_resp_free(&r);
	r = t_api(&d, "head1", "POST", "/api/v1/units", "{\"agency_id\":2}");
	CHECK_ERROR(r, 400, "invalid", "name");
	t_resp_free(&r);
	r = t_api(&d, "head1", "PATCH", "/api/v1/units/1", "{\"name\":\"改名\"}");
	CHECK_ERROR(r, 404, "not_found", "id"); /* unit 1 belongs to 司法局 */
	t_resp_free(&r);
	r = t_api(&d, "head1", "PATCH", "/api/v1/units/999999", "{\"name\":\"改名\"}");
	CHECK_ERROR(r, 404, "not_found", "id");
	t_resp_free(&r);
	CHECK_INT(t_demo_count(&d, "units"), before + 1);
	r = t_api(&d, "officer1", "GET", "/api/v1/units?agency_id=abc", NULL);
	CHECK_ERROR(r, 400, "invalid", "agency_id");
	t_resp_free(&r);
	t_demo_stop(&d);
}
