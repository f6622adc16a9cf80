/* api_orgtree_test.c - the organisation tree (issue 12 §8): a known set
 * built in an empty division (沙坡头区) is counted exactly — units,
 * active officers and assistants, certificates valid today (not an
 * expired, a suspended, a not yet effective, or an inactive holder's),
 * open cases (not a closed one); each viewer sees only their scope;
 * counts a role may not read are absent; the page nests <details>
 * without JavaScript. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api_fixture.h"
#include "app/org.h"
#include "app/people.h"
#include "base/date.h"
#include "cli/demo_internal.h"
#include "t.h"

struct known {
	int64_t agency, unit1, unit2;
};

static int64_t person(struct app_ctx *ctx, int64_t agency, int64_t unit, const char *name, int n,
		      int kind)
{
	char rid[19];
	struct person p;
	struct fz_error e = { 0 };
	demo_resident_id(9000 + n, rid);
	struct person_input in = { .agency_id = agency, .unit_id = unit, .name = name,
				   .resident_id = rid, .kind = kind, .is_reviewer = 0,
				   .active = 1 };
	if (app_person_create(ctx, &in, &p, &e) != FZ_OK) {
		t_fail(__FILE__, __LINE__, "person %s: %s", name, e.message);
		return 0;
	}
	return p.id;
}

static int64_t cert(struct app_ctx *ctx, int64_t person_id, const char *number, int from_days,
		    int until_days)
{
	char issued[FZ_DATE_LEN], until[FZ_DATE_LEN];
	struct certificate c;
	struct fz_error e = { 0 };
	date_add_days(ctx->today, from_days, issued);
	date_add_days(ctx->today, until_days, until);
	struct certificate_input in = { .number = number, .person_id = person_id,
					.issuer = "中卫市沙坡头区人民政府", .domains = "市场监管",
					.issued_on = issued, .valid_until = until };
	if (app_certificate_create(ctx, &in, &c, &e) != FZ_OK) {
		t_fail(__FILE__, __LINE__, "certificate %s: %s", number, e.message);
		return 0;
	}
	return c.id;
}

static int64_t open_case(struct app_ctx *ctx, int64_t agency, bool closed)
{
	struct enf_case c = { .agency_id = agency, .procedure = "penalty_general",
			      .kind = CASE_PENALTY, .domain = "市场监管", .title = "树测试案件",
			      .party_kind = PARTY_CITIZEN, .party_name = "某人" };
	struct case_numbering num = { "沙测", "罚立", 2026 };
	struct fz_error e = { 0 };
	if (ctx->st->ops->case_insert(ctx->st, ctx->a, &c, &num, &e) != FZ_OK) {
		t_fail(__FILE__, __LINE__, "case: %s", e.message);
		return 0;
	}
	if (closed) {
		c.closed = true;
		if (ctx->st->ops->case_update(ctx->st, &c, &e) != FZ_OK)
			t_fail(__FILE__, __LINE__, "close: %s", e.message);
	}
	return c.id;
}

/* 沙坡头区测试局: units 一科 and 二科; officers 甲, 乙 (一科) and 丙 (no
 * unit), assistant 丁 (二科), officer 戊 (二科, no longer active).
 * Certificates: 甲 valid, and a renewal of 甲's that takes effect next
 * month (尚未生效, not counted); 乙 expired yesterday, 丙 suspended, 戊 valid.
 * Cases: one open, one closed. Account head9 heads it. */
static bool build_known(struct t_demo *d, struct known *k)
{
	struct app_ctx ctx;
	struct fz_error e = { 0 };
	char uscc[19];
	app_ctx_init(&ctx, d->ts.st, d->ts.a, &d->ts.cfg, "cli", time_now());
	app_ctx_as_cli(&ctx);
	demo_uscc_make("11", "640502", 88, uscc);
	struct agency ag;
	struct agency_input ai = { .name = "沙坡头区测试局", .uscc = uscc, .division_code = "640502",
				   .kind = "department", .domains = "市场监管", .active = -1 };
	if (app_agency_create(&ctx, &ai, &ag, &e) != FZ_OK) {
		t_fail(__FILE__, __LINE__, "agency: %s", e.message);
		return false;
	}
	k->agency = ag.id;
	struct unit u;
	if (app_unit_create(&ctx, &(struct unit_input){ ag.id, "一科" }, &u, &e) != FZ_OK)
		return t_fail(__FILE__, __LINE__, "unit: %s", e.message), false;
	k->unit1 = u.id;
	if (app_unit_create(&ctx, &(struct unit_input){ ag.id, "二科" }, &u, &e) != FZ_OK)
		return t_fail(__FILE__, __LINE__, "unit: %s", e.message), false;
	k->unit2 = u.id;
	int64_t jia = person(&ctx, ag.id, k->unit1, "甲某", 1, PERSON_OFFICER);
	int64_t yi = person(&ctx, ag.id, k->unit1, "乙某", 2, PERSON_OFFICER);
	int64_t bing = person(&ctx, ag.id, 0, "丙某", 3, PERSON_OFFICER);
	person(&ctx, ag.id, k->unit2, "丁某", 4, PERSON_ASSISTANT);
	int64_t wu = person(&ctx, ag.id, k->unit2, "戊某", 5, PERSON_OFFICER);
	cert(&ctx, jia, "NX05020001", -400, 300);
	cert(&ctx, jia, "NX05020006", 30, 1800);
	cert(&ctx, yi, "NX05020002", -400, -1);
	int64_t c3 = cert(&ctx, bing, "NX05020003", -400, 300);
	cert(&ctx, wu, "NX05020005", -400, 300);
	/* 戊 leaves after being certified: the certificate stays valid. */
	struct person_input off = { .is_reviewer = -1, .active = 0 };
	if (app_person_update(&ctx, wu, &off, NULL, &e) != FZ_OK)
		return t_fail(__FILE__, __LINE__, "deactivate: %s", e.message), false;
	if (app_certificate_set_status(&ctx, c3, CERT_SUSPENDED, "年度审验未通过", NULL, &e) != FZ_OK)
		return t_fail(__FILE__, __LINE__, "suspend: %s", e.message), false;
	open_case(&ctx, ag.id, false);
	open_case(&ctx, ag.id, true);
	struct user_input in = { .username = "head9", .display_name = "测试局负责人",
				 .password = DEMO_PASSWORD, .agency_id = ag.id, .roles = ROLE_HEAD,
				 .must_change_password = 0 };
	if (app_user_create(&ctx, &in, NULL, &e) != FZ_OK)
		return t_fail(__FILE__, __LINE__, "head9: %s", e.message), false;
	return true;
}

static json_t *tree(struct t_demo *d, const char *who, const char *token)
{
	struct http_resp r = token ? t_http(&d->ts, "GET", "/api/v1/org/tree?limit=200", token,
					    NULL, NULL)
				   : t_api(d, who, "GET", "/api/v1/org/tree?limit=200", NULL);
	if (r.status != 200)
		t_fail(__FILE__, __LINE__, "tree as %s: %ld %s", who, r.status, r.body);
	json_t *j = r.status == 200 ? t_json(&r) : NULL;
	t_resp_free(&r);
	return j;
}

static int64_t count(json_t *o, const char *key)
{
	json_t *v = json_object_get(json_object_get(o, "counts"), key);
	return v ? (int64_t)json_integer_value(v) : -1;
}

static json_t *unit_named(json_t *agency, const char *name)
{
	json_t *units = json_object_get(agency, "units"), *u;
	size_t i;
	json_array_foreach(units, i, u) {
		const char *n = json_string_value(json_object_get(u, "name"));
		if ((!name && !n) || (name && n && strcmp(n, name) == 0))
			return u;
	}
	return NULL;
}

TEST(org_tree_counts_a_known_agency_exactly_and_its_head_sees_only_it)
{
	struct t_demo d;
	struct known k;
	char token[65], csrf[65];
	REQUIRE(t_demo_start(&d));
	REQUIRE(build_known(&d, &k));
	REQUIRE(t_login(&d.ts, "head9", DEMO_PASSWORD, token, csrf));

	json_t *j = tree(&d, "head9", token);
	REQUIRE(j);
	CHECK_INT(json_integer_value(json_object_get(j, "total")), 1);
	CHECK_INT(count(j, "agencies"), 1);
	CHECK_INT(count(j, "units"), 2);
	CHECK_INT(count(j, "officers"), 3);   /* 戊 no longer active */
	CHECK_INT(count(j, "assistants"), 1);
	/* 乙 expired, 丙 suspended, 戊 inactive, 甲's renewal not yet effective */
	CHECK_INT(count(j, "valid_certificates"), 1);
	CHECK_INT(count(j, "open_cases"), 1); /* the closed one is not */
	json_t *divs = json_object_get(j, "divisions");
	CHECK_INT(json_array_size(divs), 1);
	json_t *div = json_array_get(divs, 0);
	CHECK_STR(json_string_value(json_object_get(div, "code")), "640502");
	CHECK_STR(json_string_value(json_object_get(div, "name")), "沙坡头区");
	json_t *ag = json_array_get(json_object_get(div, "agencies"), 0);
	CHECK_STR(json_string_value(json_object_get(ag, "name")), "沙坡头区测试局");
	CHECK_INT(count(ag, "officers"), 3);
	json_t *u1 = unit_named(ag, "一科"), *u2 = unit_named(ag, "二科"), *none = unit_named(ag, NULL);
	REQUIRE(u1 && u2 && none);
	CHECK_INT(count(u1, "officers"), 2);
	CHECK_INT(count(u1, "valid_certificates"), 1);
	CHECK_INT(count(u2, "officers"), 0);
	CHECK_INT(count(u2, "assistants"), 1);
	CHECK_INT(count(none, "officers"), 1);
	CHECK_INT(json_array_size(json_object_get(u1, "people")), 2);
	CHECK_INT(json_array_size(json_object_get(u2, "people")), 1); /* not 戊 */
	json_t *p0 = json_array_get(json_object_get(u1, "people"), 0);
	CHECK_STR(json_string_value(json_object_get(p0, "name")), "甲某");
	CHECK(json_is_true(json_object_get(p0, "valid_certificate")));
	CHECK(!json_object_get(p0, "resident_id"));
	json_decref(j);

	/* The demo county's head of 自然资源局 sees its own agency only. */
	j = tree(&d, "head1", NULL);
	REQUIRE(j);
	CHECK_INT(count(j, "agencies"), 1);
	char *text = json_dumps(j, 0);
	CHECK(text && strstr(text, "海原县自然资源局"));
	CHECK(text && !strstr(text, "沙坡头区测试局"));
	CHECK(text && !strstr(text, "海原县司法局"));
	free(text);
	json_decref(j);

	/* The justice bureau of 海原县 sees its county, not 沙坡头区. */
	j = tree(&d, "supervisor", NULL);
	REQUIRE(j);
	text = json_dumps(j, 0);
	CHECK(text && strstr(text, "海原县司法局"));
	CHECK(text && !strstr(text, "沙坡头区测试局"));
	CHECK(text && !strstr(text, "中宁县"));
	free(text);
	json_decref(j);
	t_demo_stop(&d);
}

TEST(org_tree_totals_match_the_database_and_hide_counts_a_role_may_not_read)
{
	struct t_demo d;
	struct known k;
	REQUIRE(t_demo_start(&d));
	REQUIRE(build_known(&d, &k));
	/* The system administrator sees every agency and person, but no
	 * certificate or case count (三员 read no case content). */
	json_t *j = tree(&d, "sysadmin", NULL);
	REQUIRE(j);
	CHECK_INT(count(j, "agencies"), t_demo_count(&d, "agencies"));
	CHECK_INT(count(j, "units"), t_demo_count(&d, "units"));
	CHECK_INT(count(j, "valid_certificates"), -1);
	CHECK_INT(count(j, "open_cases"), -1);
	CHECK(count(j, "officers") > 0);
	json_decref(j);
	/* The security administrator: agencies only, no people. */
	j = tree(&d, "secadmin", NULL);
	REQUIRE(j);
	CHECK_INT(count(j, "agencies"), t_demo_count(&d, "agencies"));
	CHECK_INT(count(j, "officers"), -1);
	char *text = json_dumps(j, 0);
	CHECK(text && !strstr(text, "甲某"));
	free(text);
	json_decref(j);
	/* The auditor reads no organisation: 403. */
	struct http_resp r = t_api(&d, "auditor", "GET", "/api/v1/org/tree", NULL);
	CHECK_INT(r.status, 403);
	t_resp_free(&r);
	r = t_api(&d, NULL, "GET", "/api/v1/org/tree", NULL);
	CHECK_INT(r.status, 401);
	t_resp_free(&r);
	t_demo_stop(&d);
}

TEST(org_tree_page_nests_details_per_level_for_its_scope)
{
	struct t_demo d;
	struct known k;
	char token[65], csrf[65];
	REQUIRE(t_demo_start(&d));
	REQUIRE(build_known(&d, &k));
	REQUIRE(t_login(&d.ts, "head9", DEMO_PASSWORD, token, csrf));
	struct http_resp r = t_http(&d.ts, "GET", "/org", token, NULL, NULL);
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, "<details open><summary><span class=\"node\">沙坡头区（640502）</span>");
	CHECK_CONTAINS(r.body, "<span class=\"node\">沙坡头区测试局</span>");
	CHECK_CONTAINS(r.body, "<span class=\"count\">3 名执法人员</span>");
	CHECK_CONTAINS(r.body, "<span class=\"count\">1 本有效执法证</span>");
	CHECK_CONTAINS(r.body, "<span class=\"count\">1 件在办案件</span>");
	CHECK_CONTAINS(r.body, "<span class=\"node\">一科</span>");
	CHECK_CONTAINS(r.body, "<span class=\"node\">未分配内设机构</span>");
	CHECK_CONTAINS(r.body, ">乙某</a> <span class=\"badge bad\">无有效执法证</span>");
	CHECK(!strstr(r.body, "戊某"));
	CHECK(!strstr(r.body, "海原县"));
	CHECK(!strstr(r.body, "<script"));
	t_resp_free(&r);
	t_demo_stop(&d);
}
