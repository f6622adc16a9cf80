/* pages_rulemaking_test.c - a drafter works a normative document through
 * the pages (issue 13 §2): the 立项 form asks for a title and the plan,
 * not a party; the matter's page shows its title and units; each draft
 * is a new version, and the versions page compares two of them with the
 * removed text struck through and the added text underlined. */
#include <stdio.h>
#include <string.h>

#include "page_fixture.h"
#include "t.h"

TEST(pages_normative_document_opens_without_a_party_and_compares_draft_versions)
{
	struct t_pages p;
	struct t_browser off;
	REQUIRE(t_pages_start(&p));
	REQUIRE(t_pages_login(&p, "officer1", &off));

	struct http_resp r = t_page_get(&p, &off, "/cases/new?procedure=normative_document");
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, "<title>立项");
	CHECK_CONTAINS(r.body, "列入年度制定计划");
	CHECK_CONTAINS(r.body, "会同起草单位");
	CHECK(!strstr(r.body, "name=\"party_name\""));
	CHECK(!strstr(r.body, "name=\"act_date\""));
	t_resp_free(&r);

	/* outside the plan without a reason: refused, nothing opened */
	r = t_page_post(&p, &off, "/cases/new", 1, "procedure", "normative_document", "title",
			"关于规范农村宅基地审批的通知", "on", "", "in_plan", "0", NULL);
	CHECK_INT(r.status, 400);
	CHECK_CONTAINS(r.body, "未列入年度制定计划的规范性文件，须写明");
	t_resp_free(&r);
	CHECK_INT(t_pages_case_id(&p, "关于规范农村宅基地审批的通知"), 0);

	r = t_page_post(&p, &off, "/cases/new", 1, "procedure", "normative_document", "title",
			"关于规范农村宅基地审批的通知", "on", "", "in_plan", "1", "plan_ref",
			"2026年计划第1项", NULL);
	CHECK_INT(r.status, 303);
	t_resp_free(&r);
	int64_t id = t_pages_case_id(&p, "关于规范农村宅基地审批的通知");
	REQUIRE(id > 0);

	char path[96];
	snprintf(path, sizeof path, "/cases/%lld/steps/draft", (long long)id);
	r = t_page_post(&p, &off, path, 1, "on", "", "text",
			"第一条 为规范宅基地审批。\r\n第二条 本通知自公布之日起施行。", NULL);
	CHECK_INT(r.status, 303);
	t_resp_free(&r);
	r = t_page_post(&p, &off, path, 1, "on", "", "text",
			"第一条 为规范农村宅基地审批。\r\n第二条 本通知自公布之日起施行。\r\n第三条 新增条款。",
			NULL);
	CHECK_INT(r.status, 303);
	t_resp_free(&r);

	snprintf(path, sizeof path, "/cases/%lld", (long long)id);
	r = t_page_get(&p, &off, path);
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, "<dt>标题</dt><dd>关于规范农村宅基地审批的通知</dd>");
	CHECK_CONTAINS(r.body, "<dt>牵头起草单位</dt><dd>海原县自然资源局</dd>");
	CHECK_CONTAINS(r.body, "共 2 版（查看、比较）");
	CHECK(!strstr(r.body, "<dt>当事人</dt>"));
	t_resp_free(&r);

	snprintf(path, sizeof path, "/cases/%lld/versions", (long long)id);
	r = t_page_get(&p, &off, path);
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, "第 1 版 → 第 2 版");
	CHECK_CONTAINS(r.body, "<p><span class=\"visually-hidden\">修改段落：</span>第一条 为规范<ins>农村</ins>宅基地审批。</p>");
	CHECK_CONTAINS(r.body, "<ins>第三条 新增条款。</ins>");
	CHECK_CONTAINS(r.body, "未改动 1 段，修改 1 段，新增 1 段，删除 0 段");
	/* the drafter by name, not by account */
	CHECK_CONTAINS(r.body, "<td data-label=\"起草人\">自然资源局执法人员一</td>");
	CHECK_LACKS(r.body, "<td data-label=\"起草人\">officer1</td>");
	t_resp_free(&r);
	/* the same two the other way round */
	snprintf(path, sizeof path, "/cases/%lld/versions?a=2&b=1", (long long)id);
	r = t_page_get(&p, &off, path);
	CHECK_CONTAINS(r.body, "<del>第三条 新增条款。</del>");
	t_resp_free(&r);
	snprintf(path, sizeof path, "/cases/%lld/versions?a=3&b=1", (long long)id);
	r = t_page_get(&p, &off, path);
	CHECK_INT(r.status, 400);
	t_resp_free(&r);
	t_pages_stop(&p);
}
