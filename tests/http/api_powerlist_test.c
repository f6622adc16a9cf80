/* api_powerlist_test.c - the power-and-responsibility list (权责清单) and
 * the portal's ex-ante publicity over HTTP, on the demo county: the
 * comparison names the exact changes, the version in force follows the
 * effective dates, a published version cannot be edited by API or page,
 * bad input is refused naming the field with nothing stored, and the
 * public pages show only published versions and no personal identifier. */
#include <stdio.h>
#include <string.h>

#include "api_fixture.h"
#include "app/procreg.h"
#include "cli/demo_internal.h"
#include "domain/benchmark.h"
#include "domain/money.h"
#include "domain/penalty.h"
#include "domain/procedure_config.h"
#include "domain/procedure.h"
#include "t.h"

#define NR (d.sum.agency_ids[1]) /* 海原县自然资源局 */

/* The id and effective date of the agency's k-th newest published version. */
static int64_t version_id(struct t_demo *d, int64_t agency, size_t k, char on[11])
{
	char path[128];
	snprintf(path, sizeof path, "/api/v1/public/agencies/%lld/power-lists", (long long)agency);
	struct http_resp r = t_api(d, NULL, "GET", path, NULL);
	json_t *j = t_json(&r);
	json_t *it = j ? json_array_get(json_object_get(j, "items"), k) : NULL;
	int64_t id = it ? json_integer_value(json_object_get(it, "id")) : 0;
	if (on)
		snprintf(on, 11, "%s", it ? json_string_value(json_object_get(it, "effective_on")) : "");
	json_decref(j);
	t_resp_free(&r);
	return id;
}

static int64_t total_versions(struct t_demo *d, int64_t agency)
{
	char path[128];
	snprintf(path, sizeof path, "/api/v1/power-lists?agency_id=%lld", (long long)agency);
	struct http_resp r = t_api(d, "head1", "GET", path, NULL);
	int64_t n = r.status == 200 ? t_json_int(&r, "total") : -1;
	t_resp_free(&r);
	return n;
}

TEST(api_public_power_comparison_names_each_added_removed_and_changed_power)
{
	struct t_demo d;
	char path[160];
	REQUIRE(t_demo_start(&d));
	int64_t v2 = version_id(&d, NR, 0, NULL), v1 = version_id(&d, NR, 1, NULL);
	REQUIRE(v1 > 0 && v2 > 0);
	snprintf(path, sizeof path, "/api/v1/public/power-lists/compare?from=%lld&to=%lld",
		 (long long)v2, (long long)v1);
	struct http_resp r = t_api(&d, NULL, "GET", path, NULL);
	CHECK_INT(r.status, 200);
	json_t *j = t_json(&r);
	REQUIRE(j);
	CHECK_INT(json_integer_value(json_object_get(j, "added")), 1);
	CHECK_INT(json_integer_value(json_object_get(j, "removed")), 1);
	CHECK_INT(json_integer_value(json_object_get(j, "changed")), 1);
	json_t *ch = json_object_get(j, "changes");
	REQUIRE(json_array_size(ch) == 3);
	CHECK_STR(json_string_value(json_object_get(json_array_get(ch, 0), "change")), "changed");
	CHECK_STR(json_string_value(json_object_get(json_array_get(ch, 0), "code")), "ZRZY-CF-001");
	json_t *f = json_object_get(json_array_get(ch, 0), "fields");
	REQUIRE(json_array_size(f) == 1);
	CHECK_STR(json_string_value(json_object_get(json_array_get(f, 0), "field")), "basis");
	CHECK_CONTAINS(json_string_value(json_object_get(json_array_get(f, 0), "after")),
		       "土地管理法实施条例");
	CHECK_STR(json_string_value(json_object_get(json_array_get(ch, 1), "code")), "ZRZY-CF-002");
	CHECK_STR(json_string_value(json_object_get(json_array_get(ch, 1), "change")), "removed");
	CHECK_STR(json_string_value(json_object_get(json_array_get(ch, 2), "code")), "ZRZY-QZ-001");
	CHECK_STR(json_string_value(json_object_get(json_array_get(ch, 2), "change")), "added");
	json_decref(j);
	t_resp_free(&r);
	/* the page says the same in words */
	snprintf(path, sizeof path, "/public/power-lists/compare?from=%lld&to=%lld", (long long)v1,
		 (long long)v2);
	r = t_api(&d, NULL, "GET", path, NULL);
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, "新增 1 项，删除 1 项，调整 1 项");
	CHECK_CONTAINS(r.body, "调整：对未经批准或者采取欺骗手段骗取批准非法占用土地的处罚（ZRZY-CF-001）");
	CHECK_CONTAINS(r.body, "删除：对未取得采矿许可证擅自采矿的处罚（ZRZY-CF-002）");
	CHECK_CONTAINS(r.body, "新增：查封、扣押与违法占用土地有关的设施、工具（ZRZY-QZ-001）");
	t_resp_free(&r);
	t_demo_stop(&d);
}

TEST(api_public_powers_in_force_follow_the_effective_dates)
{
	struct t_demo d;
	char path[160], on1[11], on2[11];
	REQUIRE(t_demo_start(&d));
	int64_t v2 = version_id(&d, NR, 0, on2), v1 = version_id(&d, NR, 1, on1);
	REQUIRE(v1 > 0 && v2 > 0);
	snprintf(path, sizeof path, "/api/v1/public/agencies/%lld/powers?on=%s", (long long)NR, on1);
	struct http_resp r = t_api(&d, NULL, "GET", path, NULL);
	CHECK_INT(r.status, 200);
	CHECK_INT(t_json_int(&r, "id"), v1);
	t_resp_free(&r);
	snprintf(path, sizeof path, "/api/v1/public/agencies/%lld/powers?on=%s", (long long)NR, on2);
	r = t_api(&d, NULL, "GET", path, NULL);
	CHECK_INT(t_json_int(&r, "id"), v2);
	t_resp_free(&r);
	/* long before the first version: none in force */
	snprintf(path, sizeof path, "/api/v1/public/agencies/%lld/powers?on=2000-01-01", (long long)NR);
	r = t_api(&d, NULL, "GET", path, NULL);
	CHECK_INT(r.status, 404);
	t_resp_free(&r);
	snprintf(path, sizeof path, "/api/v1/public/agencies/%lld/powers?on=2026-02-30", (long long)NR);
	r = t_api(&d, NULL, "GET", path, NULL);
	CHECK_ERROR(r, 400, "invalid", "on");
	t_resp_free(&r);
	/* 市场监督管理局's second version is announced ahead: not yet in force */
	int64_t sm2 = version_id(&d, d.sum.agency_ids[2], 0, on2);
	snprintf(path, sizeof path, "/public/agencies/%lld/power-lists", (long long)d.sum.agency_ids[2]);
	r = t_api(&d, NULL, "GET", path, NULL);
	CHECK_CONTAINS(r.body, "待生效");
	CHECK_CONTAINS(r.body, "现行");
	t_resp_free(&r);
	snprintf(path, sizeof path, "/api/v1/public/agencies/%lld/powers", (long long)d.sum.agency_ids[2]);
	r = t_api(&d, NULL, "GET", path, NULL);
	CHECK(t_json_int(&r, "id") != sm2);
	t_resp_free(&r);
	t_demo_stop(&d);
}

TEST(api_power_list_published_version_cannot_be_edited_by_api_or_page)
{
	struct t_demo d;
	char path[160];
	REQUIRE(t_demo_start(&d));
	int64_t v2 = version_id(&d, NR, 0, NULL);
	REQUIRE(v2 > 0);
	snprintf(path, sizeof path, "/api/v1/public/power-lists/%lld", (long long)v2);
	struct http_resp before = t_api(&d, NULL, "GET", path, NULL);
	REQUIRE(before.status == 200);
	REQUIRE(t_demo_token(&d, "head1"));
	int64_t audits = t_audit_count(&d.ts);
	char edit[160];
	snprintf(edit, sizeof edit, "/api/v1/power-lists/%lld", (long long)v2);
	struct http_resp r = t_api(&d, "head1", "PATCH", edit,
				   "{\"note\":\"偷偷改\",\"items\":[{\"code\":\"X-1\",\"name\":\"改\","
				   "\"kind\":\"penalty\",\"basis\":\"某法\",\"duty\":\"d\","
				   "\"accountability\":\"a\"}]}");
	CHECK_ERROR(r, 403, "forbidden", "id");
	CHECK_CONTAINS(r.body, "已发布的权责清单不能修改，请起草新版本");
	t_resp_free(&r);
	snprintf(edit, sizeof edit, "/api/v1/power-lists/%lld/publish", (long long)v2);
	r = t_api(&d, "head1", "POST", edit, "{\"effective_on\":\"2099-01-01\"}");
	CHECK_INT(r.status, 403);
	t_resp_free(&r);
	/* no page writes a published version: the portal's URL takes no POST */
	snprintf(edit, sizeof edit, "/public/power-lists/%lld", (long long)v2);
	r = t_api(&d, "head1", "POST", edit, "{}");
	CHECK(r.status == 405 || r.status == 403);
	t_resp_free(&r);
	struct http_resp after = t_api(&d, NULL, "GET", path, NULL);
	CHECK_STR(after.body, before.body);
	CHECK_INT(t_audit_count(&d.ts), audits);
	t_resp_free(&before);
	t_resp_free(&after);
	t_demo_stop(&d);
}

TEST(api_power_list_bad_input_is_refused_naming_the_field_and_nothing_is_stored)
{
	struct t_demo d;
	char body[1024];
	REQUIRE(t_demo_start(&d));
	int64_t n = total_versions(&d, NR);
	REQUIRE(n >= 2);
	REQUIRE(t_demo_token(&d, "reviewer1"));
	int64_t audits = t_audit_count(&d.ts);
	snprintf(body, sizeof body,
		 "{\"agency_id\":%lld,\"items\":[{\"code\":\"A-1\",\"name\":\"甲\",\"kind\":\"penalty\","
		 "\"basis\":\"某法第一条\",\"duty\":\"d\",\"accountability\":\"a\"},{\"code\":\"A-1\","
		 "\"name\":\"乙\",\"kind\":\"penalty\",\"basis\":\"某法第二条\",\"duty\":\"d\","
		 "\"accountability\":\"a\"}]}",
		 (long long)NR);
	struct http_resp r = t_api(&d, "reviewer1", "POST", "/api/v1/power-lists", body);
	CHECK_ERROR(r, 400, "invalid", "items");
	CHECK_CONTAINS(r.body, "事项编码 A-1 重复");
	t_resp_free(&r);
	snprintf(body, sizeof body,
		 "{\"agency_id\":%lld,\"items\":[{\"code\":\"A-1\",\"name\":\"\",\"kind\":\"penalty\","
		 "\"basis\":\"某法第一条\",\"duty\":\"d\",\"accountability\":\"a\"}]}",
		 (long long)NR);
	r = t_api(&d, "reviewer1", "POST", "/api/v1/power-lists", body);
	CHECK_ERROR(r, 400, "invalid", "items");
	CHECK_CONTAINS(r.body, "缺少事项名称");
	t_resp_free(&r);
	snprintf(body, sizeof body,
		 "{\"agency_id\":%lld,\"items\":[{\"code\":\"A-1\",\"name\":\"甲\",\"kind\":\"penalty\","
		 "\"duty\":\"d\",\"accountability\":\"a\"}]}",
		 (long long)NR);
	r = t_api(&d, "reviewer1", "POST", "/api/v1/power-lists", body);
	CHECK_ERROR(r, 400, "invalid", "items");
	CHECK_CONTAINS(r.body, "缺少设定依据");
	t_resp_free(&r);
	snprintf(body, sizeof body,
		 "{\"agency_id\":%lld,\"items\":[{\"code\":\"A-1\",\"title\":\"甲\"}]}", (long long)NR);
	r = t_api(&d, "reviewer1", "POST", "/api/v1/power-lists", body);
	CHECK_ERROR(r, 400, "invalid", "items");
	CHECK_CONTAINS(r.body, "未知字段 title");
	t_resp_free(&r);
	CHECK_INT(total_versions(&d, NR), n);
	CHECK_INT(t_audit_count(&d.ts), audits);
	/* an officer may not draft at all */
	snprintf(body, sizeof body, "{\"agency_id\":%lld}", (long long)NR);
	r = t_api(&d, "officer1", "POST", "/api/v1/power-lists", body);
	CHECK_INT(r.status, 403);
	t_resp_free(&r);
	/* a draft whose effective date would come before the version in force */
	r = t_api(&d, "reviewer1", "POST", "/api/v1/power-lists", body);
	REQUIRE(r.status == 201);
	int64_t id = t_json_int(&r, "id");
	t_resp_free(&r);
	char path[128];
	snprintf(path, sizeof path, "/api/v1/power-lists/%lld/publish", (long long)id);
	r = t_api(&d, "head1", "POST", path, "{\"effective_on\":\"2026-01-02\",\"reason\":\"补录\"}");
	CHECK_ERROR(r, 400, "invalid", "effective_on");
	CHECK_CONTAINS(r.body, "须晚于上一版本的生效日期");
	t_resp_free(&r);
	r = t_api(&d, "reviewer1", "POST", path, "{\"effective_on\":\"2099-01-01\"}");
	CHECK_INT(r.status, 403);
	t_resp_free(&r);
	char on[11];
	int64_t cur = version_id(&d, NR, 0, on);
	r = t_api(&d, "head1", "POST", path, "{\"effective_on\":\"2099-01-01\"}");
	CHECK_INT(r.status, 200);
	CHECK_INT(t_json_int(&r, "version"), 3);
	t_resp_free(&r);
	CHECK(version_id(&d, NR, 0, NULL) != cur);
	t_demo_stop(&d);
}

/* True when s holds the resident ID number of one of the demo county's
 * people (demo_resident_id: serials 1 .. 200), whole or masked as the
 * staff pages show it (first and last four). */
static bool has_resident_id(const char *s)
{
	for (int64_t n = 1; n <= 200; n++) {
		char rid[19], masked[19];
		demo_resident_id(n, rid);
		snprintf(masked, sizeof masked, "%.4s**********%.4s", rid, rid + 14);
		if (strstr(s, rid) || strstr(s, masked))
			return true;
	}
	return false;
}

TEST(public_exante_pages_show_only_published_versions_and_no_personal_identifiers)
{
	struct t_demo d;
	char body[512], path[160];
	REQUIRE(t_demo_start(&d));
	snprintf(body, sizeof body,
		 "{\"agency_id\":%lld,\"items\":[{\"code\":\"DRAFT-1\",\"name\":\"草稿中的未公开事项\","
		 "\"kind\":\"other\",\"basis\":\"某法第一条\",\"duty\":\"d\",\"accountability\":\"a\"}]}",
		 (long long)NR);
	struct http_resp r = t_api(&d, "reviewer1", "POST", "/api/v1/power-lists", body);
	REQUIRE(r.status == 201);
	int64_t draft = t_json_int(&r, "id");
	t_resp_free(&r);
	/* each page is "/public/agencies" or an agency's page: prefix, id, suffix */
	const char *pages[][2] = { { "/public/agencies", NULL }, { "/public/agencies/", "" },
				   { "/public/agencies/", "/officers" },
				   { "/public/agencies/", "/powers" },
				   { "/public/agencies/", "/power-lists" },
				   { "/api/v1/public/agencies/", "/powers" },
				   { "/api/v1/public/agencies/", "/power-lists" },
				   { "/api/v1/public/agencies/", "/officers" } };
	for (size_t i = 0; i < sizeof pages / sizeof pages[0]; i++) {
		if (pages[i][1])
			snprintf(path, sizeof path, "%s%lld%s", pages[i][0], (long long)NR, pages[i][1]);
		else
			snprintf(path, sizeof path, "%s", pages[i][0]);
		r = t_api(&d, NULL, "GET", path, NULL);
		CHECK_INT(r.status, 200);
		CHECK_LACKS(r.body, "草稿中的未公开事项");
		CHECK_LACKS(r.body, "resident_id");
		CHECK_LACKS(r.body, "phone");
		CHECK(!has_resident_id(r.body));
		t_resp_free(&r);
	}
	snprintf(path, sizeof path, "/public/power-lists/%lld", (long long)draft);
	r = t_api(&d, NULL, "GET", path, NULL);
	CHECK_INT(r.status, 404);
	t_resp_free(&r);
	snprintf(path, sizeof path, "/api/v1/public/power-lists/%lld", (long long)draft);
	r = t_api(&d, "head1", "GET", path, NULL);
	CHECK_INT(r.status, 404);
	t_resp_free(&r);
	snprintf(path, sizeof path, "/public/power-lists/compare?from=%lld&to=%lld",
		 (long long)version_id(&d, NR, 0, NULL), (long long)draft);
	r = t_api(&d, NULL, "GET", path, NULL);
	CHECK_INT(r.status, 404);
	t_resp_free(&r);
	/* the officers page lists certificate numbers, each linking the check */
	snprintf(path, sizeof path, "/public/agencies/%lld/officers", (long long)NR);
	r = t_api(&d, NULL, "GET", path, NULL);
	CHECK_CONTAINS(r.body, "/certificates/check?number=");
	CHECK_CONTAINS(r.body, "有效期至");
	t_resp_free(&r);
	/* the service guide of a permit */
	int64_t v = version_id(&d, NR, 0, NULL);
	snprintf(path, sizeof path, "/public/power-lists/%lld/powers/ZRZY-XK-001", (long long)v);
	r = t_api(&d, NULL, "GET", path, NULL);
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, "办事指南");
	CHECK_CONTAINS(r.body, "申请材料");
	t_resp_free(&r);
	/* the home page and the portal's navigation lead here */
	r = t_api(&d, NULL, "GET", "/", NULL);
	CHECK_CONTAINS(r.body, "href=\"/public/agencies\"");
	t_resp_free(&r);
	r = t_api(&d, NULL, "GET", "/public/decisions", NULL);
	CHECK_CONTAINS(r.body, "aria-label=\"公开信息\"");
	CHECK_CONTAINS(r.body, "href=\"/public/agencies\"");
	t_resp_free(&r);
	t_demo_stop(&d);
}

TEST(public_flow_chart_lists_every_step_of_the_definition_in_order)
{
	struct t_demo d;
	struct fz_error e = { 0 };
	REQUIRE(t_demo_start(&d));
	const struct proc_registry *reg = proc_registry_builtin(&e);
	REQUIRE(reg);
	const struct proc_def *def = proc_registry_find(reg, "penalty_general");
	REQUIRE(def && def->nsteps > 10);
	struct http_resp r = t_api(&d, NULL, "GET", "/public/procedures/penalty_general", NULL);
	CHECK_INT(r.status, 200);
	const char *at = r.body;
	for (size_t i = 0; i < def->nsteps && at; i++) {
		char anchor[128];
		snprintf(anchor, sizeof anchor, "<li id=\"step-%s\"><h2>%s", def->steps[i].id,
			 def->steps[i].label);
		const char *p = strstr(at, anchor);
		if (!p)
			t_fail(__FILE__, __LINE__, "step %s missing or out of order", def->steps[i].id);
		at = p;
	}
	CHECK_CONTAINS(r.body, "法定期限及依据");
	t_resp_free(&r);
	r = t_api(&d, NULL, "GET", "/public/procedures", NULL);
	CHECK_CONTAINS(r.body, "href=\"/public/procedures/permit\"");
	t_resp_free(&r);
	r = t_api(&d, NULL, "GET", "/public/procedures/no_such", NULL);
	CHECK_INT(r.status, 404);
	t_resp_free(&r);
	t_demo_stop(&d);
}

TEST(public_benchmarks_page_shows_each_matter_with_its_tiers)
{
	struct t_demo d;
	struct fz_error e = { 0 };
	struct arena *a = arena_new();
	struct benchmark_set set;
	REQUIRE(a && benchmark_builtin(a, &set, &e) == FZ_OK && set.nmatters > 0);
	REQUIRE(t_demo_start(&d));
	struct http_resp r = t_api(&d, NULL, "GET", "/public/benchmarks?limit=200", NULL);
	CHECK_INT(r.status, 200);
	for (size_t i = 0; i < set.nmatters; i++) {
		CHECK_CONTAINS(r.body, set.matters[i].name);
		CHECK_CONTAINS(r.body, set.matters[i].penalty_basis);
		for (size_t t = 0; t < set.matters[i].ntiers; t++)
			CHECK_CONTAINS(r.body, set.matters[i].tiers[t].conditions);
	}
	t_resp_free(&r);
	t_demo_stop(&d);
	arena_free(a);
}

/* The legal-review catalogue on the portal is the one the review gate
 * applies: every threshold and kind of the configuration in force, as the
 * gate reads them (not a text kept beside them). */
TEST(public_review_catalogue_shows_the_criteria_the_review_gate_applies)
{
	struct t_demo d;
	struct fz_error e = { 0 };
	REQUIRE(t_demo_start(&d));
	const struct proc_registry *reg = proc_registry_builtin(&e);
	REQUIRE(reg);
	const struct proc_config *cfg = proc_registry_config(reg);
	REQUIRE(cfg);
	struct http_resp r = t_api(&d, NULL, "GET", "/public/review-catalogue", NULL);
	CHECK_INT(r.status, 200);
	int thresholds = 0;
	for (int i = 0; i < PROC_PARTIES; i++) {
		const int64_t fen[2] = { cfg->review_fine_fen[i], cfg->review_confiscation_fen[i] };
		for (int k = 0; k < 2; k++) {
			if (!fen[k])
				continue;
			char yuan[MONEY_TEXT_MAX], want[64];
			money_format_yuan(fen[k], yuan);
			snprintf(want, sizeof want, "%s 元以上", yuan);
			CHECK_CONTAINS(r.body, want);
			thresholds++;
		}
	}
	CHECK(thresholds > 0);
	for (unsigned bit = 1; bit && bit <= PENALTY_ALL_MASK; bit <<= 1)
		if (cfg->review_penalties & bit)
			CHECK_CONTAINS(r.body, penalty_kind_label(bit));
	CHECK_CONTAINS(r.body, "第五十八条");
	CHECK_CONTAINS(r.body, "<th scope=\"row\">");
	t_resp_free(&r);
	r = t_api(&d, NULL, "GET", "/", NULL);
	CHECK_CONTAINS(r.body, "href=\"/public/review-catalogue\"");
	t_resp_free(&r);
	t_demo_stop(&d);
}
