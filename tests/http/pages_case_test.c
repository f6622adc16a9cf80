/* pages_case_test.c - the case pages on the demo county: the case page
 * with its timeline, gates and deadlines; a blocked step re-rendered with
 * every gate's message and nothing changed; CSRF and agency scope; the
 * reviewer's and the head's queues (only what waits for them now);
 * opening a case and taking a step; party periods that ended read 已结束
 * with why; the defence period cites a sector rule only in its sector. */
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "app/evidence.h"
#include "base/date.h"
#include "page_fixture.h"
#include "domain/publication.h"
#include "store/store.h"
#include "t.h"

static const struct scope all = { .kind = SCOPE_ALL };


static int64_t event_count(struct t_pages *p, int64_t id)
{
	struct case_event_list l;
	if (p->ts.st->ops->case_events(p->ts.st, p->ts.a, &all, id, &l, NULL))
		return -1;
	return (int64_t)l.n;
}

static int64_t case_count(struct t_pages *p)
{
	struct case_list l;
	struct case_filter f = { 0 };
	if (p->ts.st->ops->case_list(p->ts.st, p->ts.a, &all, &f, (struct page){ 0, 1 }, &l, NULL))
		return -1;
	return l.total;
}

/* "/cases/{id}" followed by suffix, in buf. */
static const char *path(char *buf, size_t n, int64_t id, const char *suffix)
{
	snprintf(buf, n, "/cases/%lld%s", (long long)id, suffix);
	return buf;
}

TEST(demo_county_has_cases_in_every_state)
{
	struct t_pages p;
	REQUIRE(t_pages_start(&p));
	CHECK(p.sum.cases >= 12);
	const char *states[] = { "open", "investigate", "advance_notice", "hearing_request",
				 "legal_review", "decision", "service", "close" };
	for (size_t i = 0; i < sizeof states / sizeof states[0]; i++) {
		struct case_list l;
		struct case_filter f = { .procedure = "penalty_general", .state = states[i] };
		CHECK_INT(p.ts.st->ops->case_list(p.ts.st, p.ts.a, &all, &f, (struct page){ 0, 5 },
						  &l, NULL), FZ_OK);
		if (l.n == 0)
			t_fail(__FILE__, __LINE__, "no demo case in state %s", states[i]);
	}
	t_pages_stop(&p);
}

TEST(case_page_shows_timeline_gates_and_deadlines)
{
	struct t_pages p;
	struct t_browser o1;
	char url[64];
	REQUIRE(t_pages_start(&p));
	REQUIRE(t_pages_login(&p, "officer1", &o1));
	int64_t id = t_pages_case_id(&p, "非法转让土地使用权"); /* legal review rejected */
	REQUIRE(id > 0);

	struct http_resp r = t_page_get(&p, &o1, path(url, sizeof url, id, ""));
	CHECK_INT(r.status, 200);
	/* Header and record: the review's opinion and its checklist. */
	CHECK_CONTAINS(r.body, "海原县鑫源房地产开发有限公司");
	CHECK_CONTAINS(r.body, "行政处罚（普通程序）");
	CHECK_CONTAINS(r.body, "<ol class=\"timeline\">");
	CHECK_CONTAINS(r.body, "<strong>法制审核</strong>");
	CHECK_CONTAINS(r.body, "<dt>审核意见</dt><dd class=\"text\">不同意</dd>");
	CHECK_CONTAINS(r.body, "<dt>案件事实是否清楚、证据是否合法充分</dt><dd class=\"text\">未通过</dd>");
	/* the recorder by name, as the audit log shows people, not accounts */
	CHECK_CONTAINS(r.body, "记录人 自然资源局法制审核员");
	CHECK(!strstr(r.body, "记录人 reviewer1"));
	/* Gates: an available step links to its form, a blocked one says why. */
	CHECK_CONTAINS(r.body, "href=\"/cases/");
	CHECK_CONTAINS(r.body, "/steps/review_dispute\">承办机构对审核意见有异议</a>");
	CHECK_CONTAINS(r.body, "<li class=\"off\"><span class=\"step\" aria-disabled=\"true\">当事人要求听证");
	CHECK_CONTAINS(r.body, "当事人逾期要求听证");
	CHECK_CONTAINS(r.body, "「作出行政处罚决定」须由机关负责人进行");
	/* Deadlines with their explanation; documents by name. */
	CHECK_CONTAINS(r.body, "<td data-label=\"期限\">办案期限</td>");
	CHECK_CONTAINS(r.body, "<summary>计算过程</summary>");
	CHECK_CONTAINS(r.body, "起算日");
	CHECK_CONTAINS(r.body, "法制审核意见书");
	t_resp_free(&r);

	/* The list flags overdue time limits in red. */
	r = t_page_get(&p, &o1, "/cases");
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, "<span class=\"badge bad\">逾期");
	CHECK_CONTAINS(r.body, "缴纳罚款期限");
	CHECK_CONTAINS(r.body, "非法转让土地使用权");
	CHECK(!strstr(r.body, "销售超过保质期的食品")); /* another agency's */
	t_resp_free(&r);
	r = t_page_get(&p, &o1, "/cases?closed=closed");
	CHECK_CONTAINS(r.body, "擅自在耕地上挖砂");
	CHECK(!strstr(r.body, "非法转让土地使用权"));
	t_resp_free(&r);
	r = t_page_get(&p, &o1, "/cases?state=legal_review&procedure=penalty_general");
	CHECK_CONTAINS(r.body, "非法转让土地使用权");
	CHECK(!strstr(r.body, "擅自在耕地上挖砂"));
	t_resp_free(&r);
	t_pages_stop(&p);
}

TEST(blocked_step_rerenders_with_every_gate_and_changes_nothing)
{
	struct t_pages p;
	struct t_browser head;
	char url[80];
	REQUIRE(t_pages_start(&p));
	REQUIRE(t_pages_login(&p, "head1", &head));
	int64_t id = t_pages_case_id(&p, "未取得采矿许可证擅自开采砂石"); /* investigating, no notice */
	REQUIRE(id > 0);
	int64_t before = event_count(&p, id);
	int64_t audits = t_audit_count(&p.ts);

	struct http_resp r = t_page_post(&p, &head, path(url, sizeof url, id, "/steps/decision"),
					 true, "on", "", "facts", "越界开采<b>", "grounds", "证据",
					 "basis", "矿产资源法", "penalty", "fine", "amount", "8000", NULL);
	CHECK_INT(r.status, 409);
	CHECK_CONTAINS(r.body, "关卡检查结果");
	CHECK_CONTAINS(r.body, "<li class=\"block\"><span class=\"mark\">✗ 未通过</span> <strong>事先告知</strong>");
	CHECK_CONTAINS(r.body, "作出处罚决定前须告知当事人");
	CHECK_CONTAINS(r.body, "<li class=\"pass\"><span class=\"mark\">✓ 通过</span> <strong>角色权限</strong>");
	/* The input is kept, escaped. */
	CHECK_CONTAINS(r.body, "越界开采&lt;b&gt;</textarea>");
	CHECK_CONTAINS(r.body, "value=\"fine\" checked");
	CHECK_INT(event_count(&p, id), before);
	CHECK(t_audit_count(&p.ts) > audits); /* the refusal itself is audited */
	t_resp_free(&r);
	t_pages_stop(&p);
}

TEST(step_without_csrf_is_refused_and_changes_nothing)
{
	struct t_pages p;
	struct t_browser o1;
	char url[80];
	REQUIRE(t_pages_start(&p));
	REQUIRE(t_pages_login(&p, "officer1", &o1));
	int64_t id = t_pages_case_id(&p, "越界开采矿产资源");
	REQUIRE(id > 0);
	int64_t before = event_count(&p, id);
	struct http_resp r = t_page_post(&p, &o1, path(url, sizeof url, id, "/steps/statement"),
					 false, "content", "当事人申辩", NULL);
	CHECK_INT(r.status, 403);
	CHECK_INT(event_count(&p, id), before);
	t_resp_free(&r);

	/* With the token the same step goes through: Post/Redirect/Get. */
	r = t_page_post(&p, &o1, url, true, "content", "当事人申辩称开采范围系原矿权人划定", NULL);
	CHECK_INT(r.status, 303);
	char loc[128];
	CHECK_CONTAINS(t_header(&r, "Location", loc, sizeof loc), "msg=step_done");
	CHECK_INT(event_count(&p, id), before + 1);
	t_resp_free(&r);
	r = t_page_get(&p, &o1, path(url, sizeof url, id, "?msg=step_done"));
	CHECK_CONTAINS(r.body, "已办理，记录已保存。");
	CHECK_CONTAINS(r.body, "当事人申辩称开采范围系原矿权人划定");
	t_resp_free(&r);
	t_pages_stop(&p);
}

TEST(officer_gets_404_for_another_agencys_case)
{
	struct t_pages p;
	struct t_browser o1;
	char url[80];
	REQUIRE(t_pages_start(&p));
	REQUIRE(t_pages_login(&p, "officer1", &o1));
	int64_t id = t_pages_case_id(&p, "销售超过保质期的食品"); /* 市场监督管理局 */
	REQUIRE(id > 0);
	struct http_resp r = t_page_get(&p, &o1, path(url, sizeof url, id, ""));
	CHECK_INT(r.status, 404);
	CHECK(!strstr(r.body, "何小龙"));
	t_resp_free(&r);
	r = t_page_get(&p, &o1, path(url, sizeof url, id, "/steps/payment"));
	CHECK_INT(r.status, 404);
	t_resp_free(&r);
	int64_t before = event_count(&p, id);
	r = t_page_post(&p, &o1, path(url, sizeof url, id, "/steps/payment"), true,
			"amount", "100", NULL);
	CHECK_INT(r.status, 404);
	CHECK_INT(event_count(&p, id), before);
	t_resp_free(&r);
	t_pages_stop(&p);
}

TEST(queues_list_the_cases_waiting_for_review_and_approval)
{
	struct t_pages p;
	struct t_browser rv, head, o1;
	REQUIRE(t_pages_start(&p));
	REQUIRE(t_pages_login(&p, "reviewer1", &rv));
	REQUIRE(t_pages_login(&p, "head1", &head));
	REQUIRE(t_pages_login(&p, "officer1", &o1));

	struct http_resp r = t_page_get(&p, &rv, "/queue/review");
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, "越界开采矿产资源");
	CHECK_CONTAINS(r.body, "<td data-label=\"待办理\">法制审核");
	CHECK(!strstr(r.body, "擅自在耕地上挖砂")); /* closed */
	CHECK_CONTAINS(r.body, "href=\"/queue/review\" aria-current=\"page\">待审核");
	CHECK(!strstr(r.body, "href=\"/queue/approval\""));
	t_resp_free(&r);

	r = t_page_get(&p, &head, "/queue/approval");
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, "非法占用林地建设光伏设施"); /* review approved */
	CHECK_CONTAINS(r.body, "<td data-label=\"待办理\">作出行政处罚决定");
	/* the queue is a listkit list: 期限 sorts, 待办理 does not */
	CHECK_CONTAINS(r.body, "（点击排序）</span></a></th><th scope=\"col\" class=\"nosort\">待办理</th></tr>");
	CHECK(!strstr(r.body, "无证开采石料"));        /* still under investigation */
	CHECK(!strstr(r.body, "越界开采矿产资源"));    /* waits for the review */
	CHECK(!strstr(r.body, "违法占用集体土地建设厂房")); /* defence period runs */
	CHECK(!strstr(r.body, "擅自改变土地用途"));    /* hearing requested */
	CHECK(!strstr(r.body, "非法占地建设养殖场"));  /* decided */
	CHECK(!strstr(r.body, "生产不符合食品安全标准的食品")); /* another agency's */
	t_resp_free(&r);
	r = t_page_get(&p, &rv, "/queue/review");
	CHECK(!strstr(r.body, "非法占用林地建设光伏设施")); /* approved already */
	CHECK(!strstr(r.body, "非法转让土地使用权"));  /* rejected: back to the unit */
	CHECK(!strstr(r.body, "违法占用集体土地建设厂房"));
	CHECK(!strstr(r.body, "非法占地建设养殖场"));
	t_resp_free(&r);

	r = t_page_get(&p, &o1, "/workbench");
	CHECK_CONTAINS(r.body, "href=\"/cases\"");
	CHECK(!strstr(r.body, "href=\"/queue/review\""));
	t_resp_free(&r);
	t_pages_stop(&p);
}

TEST(opening_waits_for_the_heads_approval_on_page_and_queue)
{
	struct t_pages p;
	struct t_browser head, o1;
	char url[80];
	REQUIRE(t_pages_start(&p));
	REQUIRE(t_pages_login(&p, "head1", &head));
	REQUIRE(t_pages_login(&p, "officer1", &o1));
	int64_t id = t_pages_case_id(&p, "未经批准占用耕地建房"); /* registered two days ago */
	REQUIRE(id > 0);
	/* In the head's queue, for 立案审批. */
	struct http_resp r = t_page_get(&p, &head, "/queue/approval");
	CHECK_CONTAINS(r.body, "未经批准占用耕地建房");
	CHECK_CONTAINS(r.body, "<td data-label=\"待办理\">立案审批");
	t_resp_free(&r);
	/* The officer's page offers no investigation before it. */
	r = t_page_get(&p, &o1, path(url, sizeof url, id, ""));
	CHECK_INT(r.status, 200);
	CHECK(!strstr(r.body, "/steps/investigate\""));
	CHECK(!strstr(r.body, "/steps/approve_opening\""));
	t_resp_free(&r);
	/* Nor does the officer's post get through, and nothing changes. */
	int64_t before = event_count(&p, id);
	r = t_page_post(&p, &o1, path(url, sizeof url, id, "/steps/investigate"), true, "on", "",
			"record", "笔录", NULL);
	CHECK(r.status == 400 || r.status == 409);
	CHECK_CONTAINS(r.body, "须先完成「立案审批」");
	t_resp_free(&r);
	r = t_page_post(&p, &o1, path(url, sizeof url, id, "/steps/approve_opening"), true, "on",
			"", NULL);
	CHECK(r.status == 403 || r.status == 404);
	t_resp_free(&r);
	CHECK_INT(event_count(&p, id), before);
	/* The head's page offers both answers; approving opens the case. */
	r = t_page_get(&p, &head, path(url, sizeof url, id, ""));
	CHECK_CONTAINS(r.body, "/steps/approve_opening\"");
	CHECK_CONTAINS(r.body, "/steps/decline_opening\"");
	t_resp_free(&r);
	r = t_page_post(&p, &head, path(url, sizeof url, id, "/steps/approve_opening"), true, "on",
			"", "remarks", "同意立案", NULL);
	CHECK_INT(r.status, 303);
	t_resp_free(&r);
	CHECK_INT(event_count(&p, id), before + 1);
	r = t_page_get(&p, &head, path(url, sizeof url, id, ""));
	CHECK(!strstr(r.body, "/steps/decline_opening\""));
	CHECK_CONTAINS(r.body, "立案审批表");
	t_resp_free(&r);
	r = t_page_get(&p, &o1, path(url, sizeof url, id, ""));
	CHECK_CONTAINS(r.body, "/steps/investigate\"");
	t_resp_free(&r);
	t_pages_stop(&p);
}

TEST(workbench_counts_what_waits_and_links_to_it)
{
	struct t_pages p;
	struct t_browser head, o1;
	REQUIRE(t_pages_start(&p));
	REQUIRE(t_pages_login(&p, "head1", &head));
	REQUIRE(t_pages_login(&p, "officer1", &o1));
	/* The head's count is the length of the head's queue. */
	struct http_resp q = t_page_get(&p, &head, "/queue/approval");
	int rows = 0;
	for (const char *s = q.body; (s = strstr(s, "<td data-label=\"待办理\">")); s++)
		rows++;
	t_resp_free(&q);
	REQUIRE(rows > 0);
	struct http_resp r = t_page_get(&p, &head, "/workbench");
	CHECK_INT(r.status, 200);
	char want[96];
	snprintf(want, sizeof want, "href=\"/queue/approval\"><strong>%d</strong> 件待审批", rows);
	CHECK_CONTAINS(r.body, want);
	CHECK_CONTAINS(r.body, "件已逾期");
	CHECK(!strstr(r.body, "件待审核")); /* not a reviewer */
	t_resp_free(&r);
	/* The overdue link lists only overdue open cases of the agency. */
	r = t_page_get(&p, &o1, "/cases?due=overdue&closed=open");
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, "逾期");
	CHECK(!strstr(r.body, "擅自在耕地上挖砂"));             /* closed */
	CHECK(!strstr(r.body, "生产不符合食品安全标准的食品")); /* another agency's */
	CHECK(!strstr(r.body, "非法占用耕地挖塘养鱼"));         /* paying on schedule */
	t_resp_free(&r);
	t_pages_stop(&p);
}

TEST(indicators_page_shows_definitions_and_opens_the_cases_behind_each_number)
{
	struct t_pages p;
	struct t_browser sup;
	REQUIRE(t_pages_start(&p));
	REQUIRE(t_pages_login(&p, "supervisor", &sup));
	struct http_resp r = t_page_get(&p, &sup, "/indicators?from=2020-01-01&to=2030-12-31");
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, "重大执法决定法制审核率");
	CHECK_CONTAINS(r.body, "分子：作出决定前经法制审核通过的案件数");
	CHECK_CONTAINS(r.body, "办理中案件逾期率");
	CHECK_CONTAINS(r.body, "href=\"/indicators/overdue?part=num&amp;from=2020-01-01");
	t_resp_free(&r);
	/* The overdue cases behind the number: the demo's overdue one is there,
	 * the one paying on schedule is not. */
	r = t_page_get(&p, &sup, "/indicators/overdue?part=num&from=2020-01-01&to=2030-12-31");
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, "办理中案件逾期率：分子");
	CHECK(!strstr(r.body, "非法占用耕地挖塘养鱼"));
	t_resp_free(&r);
	r = t_page_get(&p, &sup, "/indicators/overdue?part=den&from=2020-01-01&to=2030-12-31");
	CHECK_CONTAINS(r.body, "非法占用耕地挖塘养鱼");
	t_resp_free(&r);
	/* Bad input: a clear message, in Chinese. */
	r = t_page_get(&p, &sup, "/indicators?from=2026-12-31&to=2026-01-01");
	CHECK_INT(r.status, 400);
	CHECK_CONTAINS(r.body, "统计期间的结束日期不能早于开始日期");
	t_resp_free(&r);
	r = t_page_get(&p, &sup, "/indicators/nonsense?part=num");
	CHECK_INT(r.status, 404);
	t_resp_free(&r);
	t_pages_stop(&p);
}

TEST(alerts_name_the_overdue_duty_and_leave_when_the_step_is_taken)
{
	struct t_pages p;
	struct t_browser head, o1, rev;
	char url[80];
	REQUIRE(t_pages_start(&p));
	REQUIRE(t_pages_login(&p, "head1", &head));
	REQUIRE(t_pages_login(&p, "officer1", &o1));
	REQUIRE(t_pages_login(&p, "reviewer1", &rev));
	/* Decided months ago and never published (非法开采黏土): the alert
	 * names the duty and its due date. */
	int64_t id = t_pages_case_id(&p, "非法开采黏土");
	REQUIRE(id > 0);
	static const char row[] = "非法开采黏土</td><td data-label=\"事项\">处罚决定公示期限";
	struct http_resp r = t_page_get(&p, &o1, "/alerts");
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, "法定期限已届满");
	CHECK_CONTAINS(r.body, row);
	CHECK_CONTAINS(r.body, "（已逾期）");
	CHECK_CONTAINS(r.body, "执法证");
	CHECK(!strstr(r.body, "待法制审核")); /* not a reviewer */
	t_resp_free(&r);
	r = t_page_get(&p, &head, "/alerts");
	CHECK_CONTAINS(r.body, "待机关负责人审批");
	t_resp_free(&r);
	/* Published today (the reviewer confirms the prepared publication):
	 * that alert is gone, nobody clicked it away. */
	int64_t pub = t_pages_publication_of(&p, id, PUB_PREPARED);
	REQUIRE(pub > 0);
	snprintf(url, sizeof url, "/publications/%lld/confirm", (long long)pub);
	r = t_page_post(&p, &rev, url, true, NULL);
	CHECK_INT(r.status, 303);
	t_resp_free(&r);
	r = t_page_get(&p, &o1, "/alerts");
	CHECK(!strstr(r.body, row));
	t_resp_free(&r);
	t_pages_stop(&p);
}

TEST(new_case_form_opens_a_case_or_shows_the_limitation_gate)
{
	struct t_pages p;
	struct t_browser o1;
	char o[24], o2[24], act[FZ_DATE_LEN], today[FZ_DATE_LEN];
	date_today(time_now(), today);
	date_add_days(today, -30, act);
	REQUIRE(t_pages_start(&p));
	REQUIRE(t_pages_login(&p, "officer1", &o1));
	snprintf(o, sizeof o, "%lld", (long long)t_pages_person(&p, p.sum.agency_ids[1], 1));
	snprintf(o2, sizeof o2, "%lld", (long long)t_pages_person(&p, p.sum.agency_ids[1], 2));

	struct http_resp r = t_page_get(&p, &o1, "/cases/new");
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, "href=\"/cases/new?procedure=penalty_general\"");
	t_resp_free(&r);
	r = t_page_get(&p, &o1, "/cases/new?procedure=penalty_general");
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, "<option value=\"土地管理\">土地管理</option>");
	CHECK_CONTAINS(r.body, "name=\"officers\"");
	CHECK_CONTAINS(r.body, "<label for=\"source\">案件来源 *必填</label>");
	CHECK_CONTAINS(r.body, "<label for=\"discovered_on\">发现违法行为的日期</label>");
	CHECK_CONTAINS(r.body, "追责时效按发现之日计算");
	t_resp_free(&r);

	/* An act of 2019 is past the two-year limitation: refused, kept. */
	r = t_page_post(&p, &o1, "/cases/new", true, "procedure", "penalty_general", "domain",
			"土地管理", "title", "非法占地", "party_kind", "citizen", "party_name", "马学军",
			"act_date", "2019-03-01", "facts", "占地建房", "source", "群众举报", "officers", o,
			"officers", o2, NULL);
	CHECK_INT(r.status, 409);
	CHECK_CONTAINS(r.body, "已超过行政处罚追责时效");
	CHECK_CONTAINS(r.body, "value=\"马学军\"");
	CHECK_INT(case_count(&p), p.sum.cases);
	t_resp_free(&r);

	r = t_page_post(&p, &o1, "/cases/new", true, "procedure", "penalty_general", "domain",
			"土地管理", "title", "非法占地", "party_kind", "citizen", "party_name", "马学军",
			"act_date", act, "facts", "占地建房", "source", "群众举报", "officers", o,
			"officers", o2, NULL);
	CHECK_INT(r.status, 303);
	CHECK_INT(case_count(&p), p.sum.cases + 1);
	t_resp_free(&r);
	t_pages_stop(&p);
}

TEST(draw_page_makes_a_server_draw_and_the_step_form_refuses_one)
{
	struct t_pages p;
	struct t_browser o1;
	char where[64], today[FZ_DATE_LEN], act[FZ_DATE_LEN], ids[4][24];
	date_today(time_now(), today);
	date_add_days(today, -3, act);
	REQUIRE(t_pages_start(&p));
	REQUIRE(t_pages_login(&p, "officer1", &o1));
	for (int i = 0; i < 4; i++)
		snprintf(ids[i], sizeof ids[i], "%lld",
			 (long long)t_pages_person(&p, p.sum.agency_ids[1], i + 1));
	struct http_resp r = t_page_post(&p, &o1, "/cases/new", true, "procedure", "inspection",
					 "domain", "土地管理", "title", "土地利用双随机抽查",
					 "party_kind", "organisation", "party_name", "抽查名录",
					 "act_date", act, "subject", "季度抽查", "basis", "抽查计划",
					 "random", "1", NULL);
	REQUIRE(r.status == 303);
	t_resp_free(&r);
	int64_t id = t_pages_case_id(&p, "土地利用双随机抽查");
	REQUIRE(id);
	int64_t before = event_count(&p, id);

	/* The generic step form may not record a draw with a chosen seed. */
	r = t_page_post(&p, &o1, path(where, sizeof where, id, "/steps/random_draw"), true,
			"seed", "00000000000000000000000000000000", "targets", "A",
			"inspectors", ids[0], NULL);
	CHECK(r.status == 400);
	CHECK_CONTAINS(r.body, "系统生成随机种子");
	CHECK_INT(event_count(&p, id), before);
	t_resp_free(&r);

	r = t_page_get(&p, &o1, path(where, sizeof where, id, "/draw"));
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, "检查对象名录");
	t_resp_free(&r);
	/* One inspector is too few for two per target: re-rendered, nothing kept. */
	r = t_page_post(&p, &o1, path(where, sizeof where, id, "/draw"), true, "targets",
			"海原县甲公司\n海原县乙公司\n海原县丙公司", "officers", ids[0], "count", "1",
			"per_target", "2", NULL);
	CHECK_INT(r.status, 400);
	CHECK_CONTAINS(r.body, "海原县乙公司");
	CHECK_INT(event_count(&p, id), before);
	t_resp_free(&r);
	/* An embargo past the bound: the field's plain error, the form kept,
	 * nothing recorded (the bound's rule: draw_test.c) */
	r = t_page_post(&p, &o1, path(where, sizeof where, id, "/draw"), true, "targets",
			"海原县甲公司\n海原县乙公司\n海原县丙公司", "officers", ids[0], "officers",
			ids[1], "officers", ids[2], "count", "2", "per_target", "2", "publish_at",
			"2999-01-01T09:00", NULL);
	CHECK_INT(r.status, 400);
	CHECK_CONTAINS(r.body, "推迟公开抽取结果至");
	CHECK_CONTAINS(r.body, "公开时间不能晚于");
	CHECK_CONTAINS(r.body, "value=\"2999-01-01T09:00\"");
	CHECK(!strstr(r.body ? r.body : "", ">publish_at"));
	CHECK_INT(event_count(&p, id), before);
	t_resp_free(&r);
	r = t_page_post(&p, &o1, path(where, sizeof where, id, "/draw"), true, "targets",
			"海原县甲公司\n海原县乙公司\n海原县丙公司", "officers", ids[0], "officers",
			ids[1], "officers", ids[2], "count", "2", "per_target", "2", NULL);
	CHECK_INT(r.status, 303);
	CHECK_INT(event_count(&p, id), before + 1);
	t_resp_free(&r);
	r = t_page_get(&p, &o1, path(where, sizeof where, id, ""));
	CHECK_CONTAINS(r.body, "随机抽取");
	t_resp_free(&r);
	t_pages_stop(&p);
}

TEST(case_page_lists_the_evidence_with_its_digest)
{
	struct t_pages p;
	struct t_browser o1;
	struct fz_error e;
	struct app_ctx cli;
	char where[64];
	REQUIRE(t_pages_start(&p));
	REQUIRE(t_pages_login(&p, "officer1", &o1));
	int64_t id = t_pages_case_id(&p, "未经批准占用耕地建房");
	REQUIRE(id);
	app_ctx_init(&cli, p.ts.st, p.ts.a, &p.ts.cfg, "cli", time_now());
	app_ctx_as_cli(&cli);
	static const char text[] = "询问笔录（测试）";
	struct evidence_meta meta = { "询问笔录.txt", "text/plain", EVIDENCE_TEXT_RECORD };
	REQUIRE(app_evidence_add_bytes(&cli, id, &meta, text, sizeof text - 1, NULL, &e) == FZ_OK);
	struct http_resp r = t_page_get(&p, &o1, path(where, sizeof where, id, ""));
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, "证据材料");
	CHECK_CONTAINS(r.body, "询问笔录.txt");
	CHECK_CONTAINS(r.body, "文字记录");
	t_resp_free(&r);
	t_pages_stop(&p);
}

TEST(step_form_refuses_a_field_the_step_lacks_and_shows_each_error_by_its_field)
{
	struct t_pages p;
	struct t_browser o1;
	char url[80];
	REQUIRE(t_pages_start(&p));
	REQUIRE(t_pages_login(&p, "officer1", &o1));
	int64_t id = t_pages_case_id(&p, "越界开采矿产资源"); /* noticed, no statement yet */
	REQUIRE(id > 0);
	int64_t before = event_count(&p, id);

	/* The form shows the declared fields: required marked, hints. */
	struct http_resp r = t_page_get(&p, &o1, path(url, sizeof url, id, "/steps/statement"));
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, "<label for=\"content\">陈述、申辩内容 *必填</label>");
	CHECK_CONTAINS(r.body, "<label for=\"waived\">当事人明确放弃陈述申辩和听证</label>");
	t_resp_free(&r);

	/* A misspelt name posted to the form reaches the engine and is refused. */
	r = t_page_post(&p, &o1, url, true, "content", "当事人放弃陈述申辩", "waivd", "1", NULL);
	CHECK_INT(r.status, 400);
	CHECK_CONTAINS(r.body, "「陈述、申辩」没有“waivd”这一项；可填写：陈述、申辩内容、"
			       "当事人明确放弃陈述申辩和听证");
	CHECK_CONTAINS(r.body, "当事人放弃陈述申辩</textarea>");
	CHECK_INT(event_count(&p, id), before);
	t_resp_free(&r);

	/* Every error at once, each beside its own field with the label. */
	r = t_page_post(&p, &o1, path(url, sizeof url, id, "/steps/advance_notice"), true,
			"grounds", "证据", "basis", "矿产资源法", "penalty", "fine", "amount", "1.234",
			"served_on", "2026-02-30", NULL);
	CHECK_INT(r.status, 400);
	CHECK_CONTAINS(r.body, "<p class=\"field-error\" id=\"facts-err\">「行政处罚事先告知」缺少必填项“违法事实”</p>");
	CHECK_CONTAINS(r.body, "<p class=\"field-error\" id=\"served_on-err\">“送达日期”应为 YYYY-MM-DD 格式的有效日期</p>");
	CHECK_CONTAINS(r.body, "<p class=\"field-error\" id=\"amount-err\">“罚款金额（元）”应为元数");
	CHECK_INT(event_count(&p, id), before);
	t_resp_free(&r);
	t_pages_stop(&p);
}

/* Clock id of case_id in GET /api/v1/cases/{id}/deadlines as b sees it:
 * its JSON up to the explanation, in out ("" when absent). */
static const char *clock_json(struct t_pages *p, const struct t_browser *b, int64_t case_id,
			      const char *id, char *out, size_t n)
{
	char url[96], key[64];
	snprintf(url, sizeof url, "/api/v1/cases/%lld/deadlines", (long long)case_id);
	struct t_req rq = { .method = "GET", .path = url, .cookie_token = b->token };
	struct http_resp r = t_http_req(&p->ts, &rq);
	snprintf(key, sizeof key, "\"clock\":\"%s\"", id);
	const char *at = r.status == 200 ? strstr(r.body, key) : NULL;
	const char *end = at ? strstr(at, "\"explanation\"") : NULL;
	snprintf(out, n, "%.*s", at && end ? (int)(end - at) : 0, at ? at : "");
	t_resp_free(&r);
	return out;
}

TEST(party_periods_that_ended_read_ended_with_why_on_page_and_api)
{
	struct t_pages p;
	struct t_browser o1;
	char url[96], clock[2048];
	REQUIRE(t_pages_start(&p));
	REQUIRE(t_pages_login(&p, "officer1", &o1));
	int64_t waived = t_pages_case_id(&p, "非法转让土地使用权");
	int64_t decided = t_pages_case_id(&p, "未经批准临时用地逾期不归还");
	int64_t running = t_pages_case_id(&p, "越界开采矿产资源"); /* defence period ran out */
	REQUIRE(waived > 0 && decided > 0 && running > 0);

	struct http_resp r = t_page_get(&p, &o1, path(url, sizeof url, waived, ""));
	CHECK_CONTAINS(r.body, "陈述申辩期</td><td data-label=\"状态\">已结束（当事人放弃，");
	CHECK_CONTAINS(r.body, "听证申请期限</td><td data-label=\"状态\">已结束（当事人放弃，");
	CHECK_CONTAINS(r.body, "陈述申辩期：已结束（当事人放弃，");
	t_resp_free(&r);
	r = t_page_get(&p, &o1, path(url, sizeof url, decided, ""));
	CHECK_CONTAINS(r.body, "陈述申辩期</td><td data-label=\"状态\">已结束（已作出决定，");
	CHECK(!strstr(r.body, "已逾期"));
	t_resp_free(&r);

	clock_json(&p, &o1, waived, "defence", clock, sizeof clock);
	CHECK_CONTAINS(clock, "\"state\":\"ended\"");
	CHECK_CONTAINS(clock, "\"state_label\":\"已结束\"");
	CHECK_CONTAINS(clock, "\"ended_because\":\"waived\"");
	CHECK_CONTAINS(clock, "\"ended_because_label\":\"当事人放弃\"");
	CHECK_CONTAINS(clock, "\"overdue\":false");
	CHECK_CONTAINS(clock_json(&p, &o1, decided, "hearing_request", clock, sizeof clock),
		       "\"ended_because\":\"decided\"");

	/* A party period that merely ran out is 已届满, and the case is not
	 * overdue because of it. */
	clock_json(&p, &o1, running, "defence", clock, sizeof clock);
	CHECK_CONTAINS(clock, "\"state\":\"running\"");
	CHECK_CONTAINS(clock, "\"elapsed\":true");
	CHECK_CONTAINS(clock, "\"overdue\":false");
	snprintf(url, sizeof url, "/api/v1/cases/%lld", (long long)running);
	struct t_req rq = { .method = "GET", .path = url, .cookie_token = o1.token };
	r = t_http_req(&p.ts, &rq);
	json_t *j = json_loads(r.body, 0, NULL);
	CHECK(j && json_is_false(json_object_get(j, "overdue")));
	json_decref(j);
	t_resp_free(&r);
	t_pages_stop(&p);
}

/* The id of the case's latest event of step, 0 when none. */
static int64_t event_of(struct t_pages *p, int64_t id, const char *step)
{
	struct case_event_list l;
	int64_t found = 0;
	if (p->ts.st->ops->case_events(p->ts.st, p->ts.a, &all, id, &l, NULL))
		return 0;
	for (size_t i = 0; i < l.n; i++)
		if (strcmp(l.items[i].step, step) == 0)
			found = l.items[i].id;
	return found;
}

TEST(correction_form_takes_only_fields_of_the_corrected_step)
{
	struct t_pages p;
	struct t_browser head;
	char url[80], ev[24];
	REQUIRE(t_pages_start(&p));
	REQUIRE(t_pages_login(&p, "head1", &head));
	int64_t id = t_pages_case_id(&p, "非法转让土地使用权"); /* has a statement */
	REQUIRE(id > 0);
	snprintf(ev, sizeof ev, "%lld", (long long)event_of(&p, id, "statement"));
	int64_t before = event_count(&p, id);
	path(url, sizeof url, id, "/steps/correction");
	struct http_resp r = t_page_post(&p, &head, url, true, "corrects", ev, "field", "waivd",
					 "value", "1", "reason", "漏记", NULL);
	CHECK_INT(r.status, 400);
	CHECK_CONTAINS(r.body, "<p class=\"field-error\" id=\"field-err\">「陈述、申辩」没有“waivd”这一项");
	CHECK_INT(event_count(&p, id), before);
	t_resp_free(&r);
	/* A waiver the record never had is substance, not a slip. */
	r = t_page_post(&p, &head, url, true, "corrects", ev, "field", "waived", "value", "1",
			"reason", "当事人书面放弃，原记录漏记", NULL);
	CHECK_INT(r.status, 409);
	CHECK_CONTAINS(r.body, "更正只能改正笔误等文字错误");
	CHECK_INT(event_count(&p, id), before);
	t_resp_free(&r);
	r = t_page_post(&p, &head, url, true, "corrects", ev, "field", "content", "value",
			"当事人申辩称转让系历史遗留问题。", "reason", "错别字", NULL);
	CHECK_INT(r.status, 303);
	CHECK_INT(event_count(&p, id), before + 1);
	t_resp_free(&r);
	t_pages_stop(&p);
}

TEST(defence_period_basis_follows_the_case_domain)
{
	struct t_pages p;
	struct t_browser o1, o3;
	char url[96], clock[2048];
	REQUIRE(t_pages_start(&p));
	REQUIRE(t_pages_login(&p, "officer1", &o1));
	REQUIRE(t_pages_login(&p, "officer3", &o3));
	int64_t land = t_pages_case_id(&p, "越界开采矿产资源");         /* 矿产资源 */
	int64_t food = t_pages_case_id(&p, "生产不符合食品安全标准的食品"); /* 食品安全 */
	REQUIRE(land > 0 && food > 0);

	clock_json(&p, &o1, land, "defence", clock, sizeof clock);
	CHECK_CONTAINS(clock, "行政处罚法第四十四、四十五条");
	CHECK_CONTAINS(clock, "未核实");
	CHECK(!strstr(clock, "市场监督管理"));
	struct http_resp r = t_page_get(&p, &o1, path(url, sizeof url, land, ""));
	CHECK_CONTAINS(r.body, "陈述申辩期：进行中（已届满）；依据：行政处罚法第四十四、四十五条");
	t_resp_free(&r);

	CHECK_CONTAINS(clock_json(&p, &o3, food, "defence", clock, sizeof clock),
		       "市场监督管理行政处罚程序规定");
	t_pages_stop(&p);
}
