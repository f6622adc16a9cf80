/* pages_oversight_lists_test.c - the bureau's evaluation rounds
 * (/evaluations) and check plans (/check-plans) as working lists over the
 * demo county: sorted both ways, narrowed by year and status in the URL
 * with a plain Chinese refusal of a bad one, exported (audited), and out
 * of an agency's reach. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "page_fixture.h"
#include "t.h"

static int this_year(void)
{
	time_t now = time(NULL);
	struct tm tm;
	localtime_r(&now, &tm);
	return tm.tm_year + 1900;
}

/* Adds a check plan through the API; true when it was created. */
static bool add_plan(struct t_pages *p, const struct t_browser *b, int year, const char *title)
{
	char body[512];
	snprintf(body, sizeof body,
		 "{\"year\":%d,\"title\":\"%s\",\"items\":[{\"agency_id\":1,"
		 "\"subject\":\"行政处罚案件办理情况\",\"month\":5}]}",
		 year, title);
	struct http_resp r = t_http(&p->ts, "POST", "/api/v1/check-plans", b->token,
				    "application/json", body);
	bool ok = r.status == 201 || r.status == 200;
	if (!ok)
		fprintf(stderr, "check plan: %d %s\n", (int)r.status, r.body ? r.body : "");
	t_resp_free(&r);
	return ok;
}

TEST(check_plans_list_sorts_both_ways_narrows_by_year_and_exports_audited)
{
	struct t_pages p;
	struct t_browser sup, head;
	char url[96];
	int year = this_year();
	REQUIRE(t_pages_start(&p));
	REQUIRE(t_pages_login(&p, "supervisor", &sup));
	REQUIRE(add_plan(&p, &sup, year - 1, "甲类专项检查计划"));
	struct http_resp r = t_page_get(&p, &sup, "/check-plans?sort=title");
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, "aria-sort=\"ascending\"");
	CHECK_CONTAINS(r.body, "第 1 / 1 页，共 2 条");
	const char *a = strstr(r.body, "年度行政执法监督检查计划（演示）");
	const char *b = strstr(r.body, "甲类专项检查计划");
	REQUIRE(a && b);
	/* 年 (U+5E74) sorts before 甲 (U+7532) by the stored text */
	CHECK(a < b);
	t_resp_free(&r);
	r = t_page_get(&p, &sup, "/check-plans?sort=title&dir=desc");
	a = strstr(r.body, "年度行政执法监督检查计划（演示）");
	b = strstr(r.body, "甲类专项检查计划");
	REQUIRE(a && b);
	CHECK(b < a);
	t_resp_free(&r);
	/* the year narrows, and stays in every link */
	snprintf(url, sizeof url, "/check-plans?year=%d&sort=year", year - 1);
	r = t_page_get(&p, &sup, url);
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, "共 1 条");
	CHECK_LACKS(r.body, "（演示）</a>");
	snprintf(url, sizeof url, "href=\"/check-plans?year=%d&amp;sort=year&amp;export=csv\"",
		 year - 1);
	CHECK_CONTAINS(r.body, url);
	t_resp_free(&r);
	r = t_page_get(&p, &sup, "/check-plans?year=1999");
	CHECK_INT(r.status, 400);
	CHECK_CONTAINS(r.body, "年度应为 2000 至 2100 之间的四位数字");
	CHECK_LACKS(r.body, "<table");
	t_resp_free(&r);
	r = t_page_get(&p, &sup, "/check-plans?year=2001");
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, "没有符合条件的检查计划。");
	t_resp_free(&r);

	CHECK(t_pages_audit_id(&p, "list.export") == 0);
	r = t_page_get(&p, &sup, "/check-plans?sort=year&export=csv");
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, "\"年度\",\"名称\",\"制定时间\"");
	CHECK_CONTAINS(r.body, "甲类专项检查计划");
	t_resp_free(&r);
	CHECK(t_pages_audit_id(&p, "list.export") > 0);

	REQUIRE(t_pages_login(&p, "head1", &head));
	r = t_page_get(&p, &head, "/check-plans");
	CHECK_INT(r.status, 403);
	t_resp_free(&r);
	t_pages_stop(&p);
}

TEST(evaluation_rounds_list_narrows_by_status_and_year_and_refuses_bad_ones_in_chinese)
{
	struct t_pages p;
	struct t_browser sup, head;
	char url[96];
	REQUIRE(t_pages_start(&p));
	REQUIRE(t_pages_login(&p, "supervisor", &sup));
	struct http_resp r = t_page_get(&p, &sup, "/evaluations?sort=status&dir=desc");
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, "aria-sort=\"descending\"");
	CHECK_CONTAINS(r.body, "行政处罚案卷评查（演示）");
	CHECK_CONTAINS(r.body, "每单位 3 份");
	CHECK_CONTAINS(r.body, "<span class=\"badge expired\">已结束</span>");
	CHECK_CONTAINS(r.body, "form class=\"jump\"");
	t_resp_free(&r);
	/* the demo's round is over: not among those being scored */
	r = t_page_get(&p, &sup, "/evaluations?status=drawn");
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, "没有符合条件的案卷评查。");
	t_resp_free(&r);
	snprintf(url, sizeof url, "/evaluations?status=closed&year=%d", this_year());
	r = t_page_get(&p, &sup, url);
	CHECK_CONTAINS(r.body, "共 1 条");
	CHECK_CONTAINS(r.body, "<option value=\"closed\" selected>");
	t_resp_free(&r);
	r = t_page_get(&p, &sup, "/evaluations?status=nonsense");
	CHECK_INT(r.status, 400);
	CHECK_CONTAINS(r.body, "没有这种评查状态");
	t_resp_free(&r);
	r = t_page_get(&p, &sup, "/evaluations?year=20x5");
	CHECK_INT(r.status, 400);
	CHECK_CONTAINS(r.body, "年度应为 2000 至 2100 之间的四位数字");
	t_resp_free(&r);
	r = t_page_get(&p, &sup, "/evaluations?export=xlsx");
	CHECK_INT(r.status, 200);
	t_resp_free(&r);
	CHECK(t_pages_audit_id(&p, "list.export") > 0);
	REQUIRE(t_pages_login(&p, "head1", &head));
	r = t_page_get(&p, &head, "/evaluations");
	CHECK_INT(r.status, 403);
	t_resp_free(&r);
	t_pages_stop(&p);
}
