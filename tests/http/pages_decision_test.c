/* pages_decision_test.c - the staff pages of the decision catalogue
 * (决策事项目录, docs/DECISIONS.md) as a browser without JavaScript sees
 * them: the working list by year, a new year's catalogue, items listed,
 * refused input re-shown with its plain message and nothing changed, a
 * form without its CSRF field refused, the head's approval (offered to
 * the head only, once), an adjustment after it that needs its reason,
 * and a removal with its reason — each through the same app functions as
 * the JSON API, audited. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "page_fixture.h"
#include "t.h"

/* The id after prefix in the answer's Location header, or -1. */
static int64_t location_id(const struct http_resp *r, const char *prefix)
{
	const char *at = strstr(r->headers, prefix);
	return at ? strtoll(at + strlen(prefix), NULL, 10) : -1;
}

static int count_of(const char *hay, const char *needle)
{
	int n = 0;
	for (const char *p = hay; (p = strstr(p, needle)); p += strlen(needle))
		n++;
	return n;
}

TEST(decision_catalogue_staff_pages_draft_approve_and_adjust_without_javascript)
{
	struct t_pages p;
	struct t_browser o1, h1, sup;
	char url[128], items[128];
	REQUIRE(t_pages_start(&p));
	REQUIRE(t_pages_login(&p, "officer1", &o1));
	REQUIRE(t_pages_login(&p, "head1", &h1));
	REQUIRE(t_pages_login(&p, "supervisor", &sup));

	/* the list: the officer's own agency only, with the form for a new year */
	struct http_resp r = t_page_get(&p, &o1, "/decision-catalogues");
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, "编制年度目录");
	CHECK(strstr(r.body, "海原县市场监督管理局") == NULL); /* another agency's */
	CHECK_CONTAINS(r.body, "href=\"/decision-catalogues\""); /* in the menu */
	t_resp_free(&r);
	r = t_page_get(&p, &o1, "/decision-catalogues?year=20x6");
	CHECK_INT(r.status, 400);
	CHECK_CONTAINS(r.body, "年度应为四位数字");
	t_resp_free(&r);
	/* the justice bureau sees every agency's, filtered by year */
	r = t_page_get(&p, &sup, "/decision-catalogues");
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, "海原县市场监督管理局");
	CHECK(strstr(r.body, "编制年度目录") == NULL); /* it belongs to no drafting office */
	t_resp_free(&r);

	/* a new year's catalogue: a bad year is re-shown, then it is made */
	r = t_page_post(&p, &o1, "/decision-catalogues", true, "year", "二〇三〇", "title",
			"2030年度重大行政决策事项目录", NULL);
	CHECK_INT(r.status, 400);
	CHECK_CONTAINS(r.body, "年度应为四位数字");
	CHECK_CONTAINS(r.body, "2030年度重大行政决策事项目录"); /* the input is kept */
	t_resp_free(&r);
	r = t_page_post(&p, &o1, "/decision-catalogues", true, "year", "2030", "title",
			"2030年度重大行政决策事项目录", NULL);
	CHECK_INT(r.status, 303);
	int64_t cat = location_id(&r, "/decision-catalogues/");
	t_resp_free(&r);
	REQUIRE(cat > 0);
	r = t_page_post(&p, &o1, "/decision-catalogues", true, "year", "2030", "title", "再编一份",
			NULL);
	CHECK_INT(r.status, 409);
	CHECK_CONTAINS(r.body, "本机关已有 2030 年度的决策事项目录");
	t_resp_free(&r);

	snprintf(url, sizeof url, "/decision-catalogues/%lld", (long long)cat);
	snprintf(items, sizeof items, "/decision-catalogues/%lld/items", (long long)cat);
	r = t_page_get(&p, &o1, url);
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, "还没有列入事项");
	CHECK_CONTAINS(r.body, "列入事项");
	CHECK(strstr(r.body, "记录批准并公布") == NULL); /* nothing to approve, and not the head's */
	t_resp_free(&r);

	/* without the form's CSRF field: refused, nothing listed */
	r = t_page_post(&p, &o1, items, false, "title", "县城供水价格调整方案", "category", "policy",
			"unit", "县发展和改革局", NULL);
	CHECK_INT(r.status, 403);
	t_resp_free(&r);
	/* a missing unit: the plain message at the field, the title kept */
	r = t_page_post(&p, &o1, items, true, "title", "县城供水价格调整方案", "category", "policy",
			"unit", "", NULL);
	CHECK_INT(r.status, 400);
	CHECK_CONTAINS(r.body, "请填写承办单位");
	CHECK_CONTAINS(r.body, "value=\"县城供水价格调整方案\"");
	t_resp_free(&r);
	r = t_page_get(&p, &o1, url);
	CHECK_CONTAINS(r.body, "还没有列入事项");
	t_resp_free(&r);
	r = t_page_post(&p, &o1, items, true, "title", "县城供水价格调整方案", "category", "policy",
			"unit", "县发展和改革局", NULL);
	CHECK_INT(r.status, 303);
	t_resp_free(&r);
	r = t_page_post(&p, &o1, items, true, "title", "城区公共停车设施建设规划", "category", "plan",
			"unit", "县自然资源局", NULL);
	CHECK_INT(r.status, 303);
	t_resp_free(&r);

	/* the officer may not approve; the head is offered the form */
	r = t_page_get(&p, &o1, url);
	CHECK_CONTAINS(r.body, "县城供水价格调整方案");
	CHECK_CONTAINS(r.body, "删除");
	CHECK(strstr(r.body, "记录批准并公布") == NULL);
	/* while drafted: the workbook, not yet the PDF */
	CHECK_CONTAINS(r.body, "/xlsx\">");
	CHECK(strstr(r.body, "/pdf\">") == NULL);
	t_resp_free(&r);
	snprintf(url, sizeof url, "/decision-catalogues/%lld/approve", (long long)cat);
	r = t_page_post(&p, &o1, url, true, "approved_by", "县委常委会会议", NULL);
	CHECK_INT(r.status, 403);
	t_resp_free(&r);
	snprintf(url, sizeof url, "/decision-catalogues/%lld", (long long)cat);
	r = t_page_get(&p, &h1, url);
	CHECK_CONTAINS(r.body, "记录批准并公布");
	t_resp_free(&r);
	snprintf(url, sizeof url, "/decision-catalogues/%lld/approve", (long long)cat);
	r = t_page_post(&p, &h1, url, true, "approved_by", "", NULL);
	CHECK_INT(r.status, 400);
	CHECK_CONTAINS(r.body, "请填写批准机关（会议）");
	t_resp_free(&r);
	r = t_page_post(&p, &h1, url, true, "approved_by", "县委常委会会议", "note", "2030 年第 1 次会议",
			NULL);
	CHECK_INT(r.status, 303);
	t_resp_free(&r);
	CHECK(t_pages_audit_id(&p, "decision_catalogue.approve") > 0);

	/* approved: public, not approvable again, changes are adjustments */
	snprintf(url, sizeof url, "/decision-catalogues/%lld", (long long)cat);
	r = t_page_get(&p, &h1, url);
	CHECK_CONTAINS(r.body, "经县委常委会会议批准，已公布");
	CHECK(strstr(r.body, "记录批准并公布") == NULL);
	snprintf(url, sizeof url, "href=\"/api/v1/decision-catalogues/%lld/pdf\"", (long long)cat);
	CHECK_CONTAINS(r.body, url);
	snprintf(url, sizeof url, "/decision-catalogues/%lld", (long long)cat);
	CHECK_CONTAINS(r.body, "增列事项（目录调整）");
	CHECK_CONTAINS(r.body, "调出目录");
	t_resp_free(&r);
	r = t_page_post(&p, &o1, items, true, "title", "县城垃圾处理费调整方案", "category", "policy",
			"unit", "县城市管理局", "reason", "", NULL);
	CHECK_INT(r.status, 400);
	CHECK_CONTAINS(r.body, "增列事项属于目录调整，须写明调整理由");
	CHECK_CONTAINS(r.body, "value=\"县城垃圾处理费调整方案\"");
	t_resp_free(&r);
	r = t_page_post(&p, &o1, items, true, "title", "县城垃圾处理费调整方案", "category", "policy",
			"unit", "县城市管理局", "reason", "处理成本监审结论已作出", NULL);
	CHECK_INT(r.status, 303);
	t_resp_free(&r);

	/* a removal needs its reason; with it, the item leaves the catalogue */
	r = t_page_get(&p, &o1, url);
	int forms = count_of(r.body, "/remove\"");
	CHECK_INT(forms, 3);
	const char *first = strstr(r.body, "/items/");
	int64_t item = first ? strtoll(first + 7, NULL, 10) : 0;
	t_resp_free(&r);
	REQUIRE(item > 0);
	snprintf(url, sizeof url, "/decision-catalogues/%lld/items/%lld/remove", (long long)cat,
		 (long long)item);
	r = t_page_post(&p, &o1, url, true, "reason", "  ", NULL);
	CHECK_INT(r.status, 400);
	CHECK_CONTAINS(r.body, "请填写调出目录的理由");
	t_resp_free(&r);
	r = t_page_post(&p, &o1, url, true, "reason", "上级已统一部署", NULL);
	CHECK_INT(r.status, 303);
	t_resp_free(&r);
	snprintf(url, sizeof url, "/decision-catalogues/%lld", (long long)cat);
	r = t_page_get(&p, &o1, url);
	CHECK_INT(count_of(r.body, "/remove\""), 2);
	CHECK_CONTAINS(r.body, "调出目录：上级已统一部署");
	/* who recorded each entry, by the person's name, not the account */
	CHECK_CONTAINS(r.body, "<td>上级已统一部署</td><td>自然资源局执法人员一</td>");
	CHECK(!strstr(r.body, "<td>officer1</td>"));
	t_resp_free(&r);
	/* the list filtered by year, and as a file, for the justice bureau */
	r = t_page_get(&p, &sup, "/decision-catalogues?year=2030");
	CHECK_CONTAINS(r.body, "2030年度重大行政决策事项目录");
	CHECK_INT(count_of(r.body, "href=\"/decision-catalogues/"), 1); /* that year's only */
	t_resp_free(&r);
	r = t_page_get(&p, &sup, "/decision-catalogues?year=2030&export=csv");
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, "2030年度重大行政决策事项目录");
	CHECK_CONTAINS(r.body, "已批准公布");
	t_resp_free(&r);
	/* and on the portal, with the adjustments and their reasons */
	snprintf(url, sizeof url, "/public/decision-catalogue/%lld", (long long)cat);
	r = t_page_get(&p, NULL, url);
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, "处理成本监审结论已作出");
	CHECK_CONTAINS(r.body, "上级已统一部署");
	t_resp_free(&r);

	/* the demo's catalogue of 市场监督管理局: both items are under open
	 * decisions, so no removal is offered, and the page says why */
	struct t_browser h2;
	REQUIRE(t_pages_login(&p, "head2", &h2));
	r = t_page_get(&p, &h2, "/decision-catalogues");
	const char *link = strstr(r.body, "href=\"/decision-catalogues/");
	int64_t demo = link ? strtoll(link + strlen("href=\"/decision-catalogues/"), NULL, 10) : 0;
	t_resp_free(&r);
	REQUIRE(demo > 0);
	snprintf(url, sizeof url, "/decision-catalogues/%lld", (long long)demo);
	r = t_page_get(&p, &h2, url);
	CHECK_INT(r.status, 200);
	CHECK_INT(count_of(r.body, "/remove\""), 0);
	CHECK_INT(count_of(r.body, "终止该决策后才能调出"), 2);
	CHECK_CONTAINS(r.body, "增列事项（目录调整）");
	t_resp_free(&r);
	t_pages_stop(&p);
}
