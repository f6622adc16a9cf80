/* pages_org_test.c - the organisation pages on the demo county: agencies
 * (list, filters, detail with the 5% check, create and edit), units, the
 * officers list and forms, and the reviewer-ratio overview. */
#include <stdio.h>

#include "base/ident.h"
#include "page_fixture.h"
#include "t.h"

/* A valid 统一社会信用代码 for a government body in 海原县. */
static void test_uscc(unsigned n, char out[19])
{
	char body[16], first17[18];
	snprintf(body, sizeof body, "%08u", (20461000u + n * 53u) % 100000000u);
	snprintf(first17, sizeof first17, "11640522%.8s%c", body, ident_orgcode_check_char(body));
	snprintf(out, 19, "%s%c", first17, ident_uscc_check_char(first17));
}

/* A valid 居民身份证号码 registered in 海原县. */
static void test_resident_id(char out[19])
{
	const char first17[] = "64052219850317123";
	snprintf(out, 19, "%s%c", first17, ident_resident_id_check_char(first17));
}

TEST(agency_list_filters_and_detail_flags_missing_reviewers)
{
	struct t_pages p;
	struct t_browser sup;
	char path[64];
	REQUIRE(t_pages_start(&p));
	REQUIRE(t_pages_login(&p, "supervisor", &sup));

	struct http_resp r = t_page_get(&p, &sup, "/agencies");
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, "海原县司法局");
	CHECK_CONTAINS(r.body, "政府工作部门");
	CHECK(!strstr(r.body, "中宁县市场监督管理局")); /* another county */
	CHECK(!strstr(r.body, "href=\"/agencies/new\""));  /* sysadmin only */
	t_resp_free(&r);

	r = t_page_get(&p, &sup, "/agencies?q=%E8%87%AA%E7%84%B6"); /* 自然 */
	CHECK_CONTAINS(r.body, "海原县自然资源局");
	CHECK(!strstr(r.body, "海原县司法局</a>"));
	t_resp_free(&r);
	r = t_page_get(&p, &sup, "/agencies?kind=justice_bureau");
	CHECK_CONTAINS(r.body, "海原县司法局</a>");
	CHECK(!strstr(r.body, "海原县自然资源局</a>"));
	t_resp_free(&r);
	r = t_page_get(&p, &sup, "/agencies?limit=3");
	CHECK_CONTAINS(r.body, "rel=\"next\"");
	CHECK_CONTAINS(r.body, "第 1 / 3 页，共 9 条");
	t_resp_free(&r);

	/* 海原县应急管理局 has no reviewer: flagged. */
	snprintf(path, sizeof path, "/agencies/%lld", (long long)p.sum.agency_ids[8]);
	r = t_page_get(&p, &sup, path);
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, "法制审核人员占比");
	CHECK_CONTAINS(r.body, "class=\"ratio bad\"");
	CHECK_CONTAINS(r.body, "不足");
	CHECK_CONTAINS(r.body, "应急管理综合行政执法大队");
	t_resp_free(&r);
	snprintf(path, sizeof path, "/agencies/%lld", (long long)p.sum.agency_ids[1]);
	r = t_page_get(&p, &sup, path);
	CHECK_CONTAINS(r.body, "class=\"ratio ok\"");
	CHECK_CONTAINS(r.body, "达标");
	t_resp_free(&r);
	snprintf(path, sizeof path, "/agencies/%lld", (long long)p.sum.agency_ids[9]);
	r = t_page_get(&p, &sup, path);
	CHECK_INT(r.status, 404);
	t_resp_free(&r);

	r = t_page_get(&p, &sup, "/reviewer-ratios");
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, "海原县应急管理局");
	CHECK_CONTAINS(r.body, "<tr class=\"short\">");
	t_resp_free(&r);
	t_pages_stop(&p);
}

TEST(sysadmin_creates_agency_escaped_and_bad_uscc_changes_nothing)
{
	struct t_pages p;
	struct t_browser adm;
	char uscc[19], loc[128];
	REQUIRE(t_pages_start(&p));
	REQUIRE(t_pages_login(&p, "sysadmin", &adm));
	int64_t before = t_pages_count(&p, "agencies");

	struct http_resp r = t_page_get(&p, &adm, "/agencies/new");
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, "name=\"uscc\"");
	CHECK_CONTAINS(r.body, "海原县（640522）");
	t_resp_free(&r);

	r = t_page_post(&p, &adm, "/agencies/new", true, "name", "<script>alert(1)</script>局",
			"uscc", "116405220000000000", "division_code", "640522", "kind",
			"department", "domains", "林业", NULL);
	CHECK_INT(r.status, 400);
	CHECK_CONTAINS(r.body, "id=\"uscc-err\"");
	CHECK_CONTAINS(r.body, "aria-invalid=\"true\"");
	CHECK_CONTAINS(r.body, "value=\"&lt;script&gt;alert(1)&lt;/script&gt;局\"");
	CHECK(!strstr(r.body, "<script>alert"));
	t_resp_free(&r);
	r = t_page_post(&p, &adm, "/agencies/new", true, "name", "海原县林业局", "uscc",
			"116405220000000000", "division_code", "", "kind", "department", "domains",
			"林业", NULL);
	CHECK_INT(r.status, 400);
	CHECK_CONTAINS(r.body, "请选择行政区划");
	t_resp_free(&r);
	CHECK_INT(t_pages_count(&p, "agencies"), before);

	test_uscc(1, uscc);
	r = t_page_post(&p, &adm, "/agencies/new", false, "name", "海原县林业局", "uscc", uscc,
			"division_code", "640522", "kind", "department", "domains", "林业", NULL);
	CHECK_INT(r.status, 403);
	t_resp_free(&r);
	CHECK_INT(t_pages_count(&p, "agencies"), before);

	r = t_page_post(&p, &adm, "/agencies/new", true, "name", "<script>alert(1)</script>局",
			"uscc", uscc, "division_code", "640522", "kind", "department", "domains",
			"林业,草原", NULL);
	CHECK_INT(r.status, 303);
	t_header(&r, "Location", loc, sizeof loc);
	t_resp_free(&r);
	CHECK_INT(t_pages_count(&p, "agencies"), before + 1);
	r = t_page_get(&p, &adm, loc);
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, "已创建");
	CHECK_CONTAINS(r.body, "&lt;script&gt;alert(1)&lt;/script&gt;局");
	CHECK(!strstr(r.body, "<script>alert"));
	CHECK_CONTAINS(r.body, "林业、草原");
	t_resp_free(&r);

	/* Editing: a bad value re-renders, a good one saves. */
	char edit[96];
	snprintf(edit, sizeof edit, "%.*s/edit", (int)(strchr(loc, '?') - loc), loc);
	r = t_page_get(&p, &adm, edit);
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, "name=\"active\" value=\"1\" checked");
	t_resp_free(&r);
	r = t_page_post(&p, &adm, edit, true, "name", "", "uscc", uscc, "division_code", "640522",
			"kind", "department", "domains", "林业", "active", "1", NULL);
	CHECK_INT(r.status, 400);
	CHECK_CONTAINS(r.body, "id=\"name-err\"");
	t_resp_free(&r);
	r = t_page_post(&p, &adm, edit, true, "name", "海原县林业和草原局", "uscc", uscc,
			"division_code", "640522", "kind", "department", "domains", "林业", NULL);
	CHECK_INT(r.status, 303);
	t_resp_free(&r);
	r = t_page_get(&p, &adm, "/agencies?q=%E6%9E%97%E4%B8%9A"); /* 林业 */
	CHECK_CONTAINS(r.body, "海原县林业和草原局");
	CHECK_CONTAINS(r.body, "停用");
	t_resp_free(&r);

	/* Document settings: a code in Latin letters is refused at its field
	 * with what was typed; a good one saves and shows on the detail. */
	r = t_page_post(&p, &adm, edit, true, "name", "海原县林业和草原局", "uscc", uscc,
			"division_code", "640522", "kind", "department", "domains", "林业",
			"doc_code", "HLC", "court", "海原县人民法院", NULL);
	CHECK_INT(r.status, 400);
	CHECK_CONTAINS(r.body, "id=\"doc_code-err\"");
	CHECK_CONTAINS(r.body, "机关代字只能由汉字组成");
	CHECK_CONTAINS(r.body, "value=\"海原县人民法院\"");
	t_resp_free(&r);
	r = t_page_post(&p, &adm, edit, true, "name", "海原县林业和草原局", "uscc", uscc,
			"division_code", "640522", "kind", "department", "domains", "林业",
			"doc_code", "海林草", "court", "海原县人民法院", "payment_bank",
			"中国农业银行海原县支行", "payment_account", "29360101040009999", NULL);
	CHECK_INT(r.status, 303);
	t_resp_free(&r);
	r = t_page_get(&p, &adm, loc);
	CHECK_CONTAINS(r.body, "<dt>机关代字</dt><dd>海林草</dd>");
	CHECK_CONTAINS(r.body, "29360101040009999");
	t_resp_free(&r);
	t_pages_stop(&p);
}

TEST(head_adds_unit_and_officer_of_own_agency)
{
	struct t_pages p;
	struct t_browser head;
	char path[64], rid[19], loc[128];
	REQUIRE(t_pages_start(&p));
	REQUIRE(t_pages_login(&p, "head1", &head));
	int64_t nr = p.sum.agency_ids[1];

	snprintf(path, sizeof path, "/agencies/%lld/units", (long long)nr);
	int64_t units = t_pages_count(&p, "units");
	struct http_resp r = t_page_post(&p, &head, path, true, "name", "", NULL);
	CHECK_INT(r.status, 400);
	CHECK_CONTAINS(r.body, "id=\"name-err\"");
	t_resp_free(&r);
	r = t_page_post(&p, &head, path, false, "name", "不动产登记中心", NULL);
	CHECK_INT(r.status, 403);
	t_resp_free(&r);
	CHECK_INT(t_pages_count(&p, "units"), units);
	r = t_page_post(&p, &head, path, true, "name", "不动产<i>登记中心", NULL);
	CHECK_INT(r.status, 303);
	t_resp_free(&r);
	CHECK_INT(t_pages_count(&p, "units"), units + 1);
	snprintf(path, sizeof path, "/agencies/%lld?msg=unit_created", (long long)nr);
	r = t_page_get(&p, &head, path);
	CHECK_CONTAINS(r.body, "内设机构已添加");
	CHECK_CONTAINS(r.body, "不动产&lt;i&gt;登记中心");
	t_resp_free(&r);
	/* Another agency's units are not the head's business. */
	snprintf(path, sizeof path, "/agencies/%lld/units", (long long)p.sum.agency_ids[2]);
	r = t_page_post(&p, &head, path, true, "name", "越权股", NULL);
	CHECK_INT(r.status, 404);
	t_resp_free(&r);

	/* A new officer: a bad ID number re-renders and adds nobody. */
	int64_t people = t_pages_count(&p, "people");
	char nrs[24];
	snprintf(nrs, sizeof nrs, "%lld", (long long)nr);
	r = t_page_get(&p, &head, "/officers/new");
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, "<optgroup");
	t_resp_free(&r);
	r = t_page_post(&p, &head, "/officers/new", true, "name", "马<b>晓", "agency_id", nrs,
			"unit_id", "", "kind", "officer", "resident_id", "640522198513171230",
			"phone", "", NULL);
	CHECK_INT(r.status, 400);
	CHECK_CONTAINS(r.body, "id=\"resident_id-err\"");
	CHECK_CONTAINS(r.body, "value=\"马&lt;b&gt;晓\"");
	t_resp_free(&r);
	CHECK_INT(t_pages_count(&p, "people"), people);

	test_resident_id(rid);
	r = t_page_post(&p, &head, "/officers/new", true, "name", "马<b>晓", "agency_id", nrs,
			"unit_id", "", "kind", "officer", "resident_id", rid, "phone",
			"13909550000", "is_reviewer", "1", NULL);
	CHECK_INT(r.status, 303);
	t_header(&r, "Location", loc, sizeof loc);
	t_resp_free(&r);
	CHECK_INT(t_pages_count(&p, "people"), people + 1);
	r = t_page_get(&p, &head, loc);
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, "马&lt;b&gt;晓");
	CHECK_CONTAINS(r.body, "6405**********");
	CHECK(!strstr(r.body, rid));
	t_resp_free(&r);

	/* Lists mask the ID number too. */
	r = t_page_get(&p, &head, "/officers?reviewer=yes");
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, "马&lt;b&gt;晓");
	CHECK_CONTAINS(r.body, "6405**********");
	CHECK(!strstr(r.body, rid));
	CHECK(!strstr(r.body, "海原县市场监督管理局"));
	t_resp_free(&r);
	t_pages_stop(&p);
}

TEST(officer_gets_404_for_another_agencys_officer)
{
	struct t_pages p;
	struct t_browser off;
	char path[64];
	REQUIRE(t_pages_start(&p));
	REQUIRE(t_pages_login(&p, "officer1", &off));
	int64_t own = t_pages_person(&p, p.sum.agency_ids[1], 0);
	int64_t other = t_pages_person(&p, p.sum.agency_ids[2], 0);
	REQUIRE(own && other);

	snprintf(path, sizeof path, "/officers/%lld", (long long)own);
	struct http_resp r = t_page_get(&p, &off, path);
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, "NX0522");      /* their certificate */
	CHECK(!strstr(r.body, "/edit\""));     /* officers change nothing */
	t_resp_free(&r);
	snprintf(path, sizeof path, "/officers/%lld", (long long)other);
	r = t_page_get(&p, &off, path);
	CHECK_INT(r.status, 404);
	t_resp_free(&r);
	snprintf(path, sizeof path, "/officers/%lld/edit", (long long)own);
	r = t_page_get(&p, &off, path);
	CHECK_INT(r.status, 403);
	t_resp_free(&r);
	t_pages_stop(&p);
}

TEST(officer_list_pages_for_supervisor_and_units_list)
{
	struct t_pages p;
	struct t_browser sup;
	REQUIRE(t_pages_start(&p));
	REQUIRE(t_pages_login(&p, "supervisor", &sup));
	struct http_resp r = t_page_get(&p, &sup, "/officers");
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, "<h1>执法人员</h1>");
	CHECK_CONTAINS(r.body, "rel=\"next\"");
	CHECK_CONTAINS(r.body, "**********");
	t_resp_free(&r);
	r = t_page_get(&p, &sup, "/officers?kind=assistant&page=1");
	CHECK_CONTAINS(r.body, "执法辅助人员");
	CHECK(!strstr(r.body, "<td data-label=\"类别\">执法人员</td>"));
	t_resp_free(&r);
	r = t_page_get(&p, &sup, "/units");
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, "执法监察大队");
	t_resp_free(&r);
	t_pages_stop(&p);
}
