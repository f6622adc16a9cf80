/* pages_evaluation_test.c - 评查与整改 as a browser without JavaScript
 * sees the demo county: the agency's head finds the returned notice with
 * the answer form and no review buttons, the bureau sees no answer form,
 * an answer without the CSRF field is refused, an answer moves the notice
 * to the bureau's review; the finished round shows its seed and results. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "page_fixture.h"
#include "store/store.h"
#include "t.h"

static int64_t notice_in(struct t_pages *p, enum notice_status s)
{
	struct rect_notice_filter f = { .status = (int)s };
	struct rect_notice_list l;
	struct scope all = { .kind = SCOPE_ALL };
	if (p->ts.st->ops->notice_list(p->ts.st, p->ts.a, &all, &f, (struct page){ 0, 10 }, &l,
				       NULL) || !l.n)
		return -1;
	return l.items[0].id;
}

TEST(pages_notice_offers_the_answer_to_the_agency_and_the_review_to_the_bureau)
{
	struct t_pages p;
	struct t_browser head, sup;
	char url[96];
	REQUIRE(t_pages_start(&p));
	REQUIRE(t_pages_login(&p, "head1", &head));
	REQUIRE(t_pages_login(&p, "supervisor", &sup));
	int64_t id = notice_in(&p, NOTICE_RETURNED);
	REQUIRE(id > 0);
	struct http_resp r = t_page_get(&p, &head, "/oversight?status=returned");
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, "已退回重报");
	t_resp_free(&r);
	snprintf(url, sizeof url, "/rectification-notices/%lld", (long long)id);
	r = t_page_get(&p, &head, url);
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, "退回理由");
	CHECK_CONTAINS(r.body, "报送整改情况");
	CHECK_LACKS(r.body, "整改到位，销号");
	t_resp_free(&r);
	r = t_page_get(&p, &sup, url);
	CHECK_LACKS(r.body, "报送整改情况</button>");
	CHECK_LACKS(r.body, "整改到位，销号");
	t_resp_free(&r);
	snprintf(url, sizeof url, "/rectification-notices/%lld/answer", (long long)id);
	r = t_page_post(&p, &head, url, false, "report", "已补报自查清单", NULL);
	CHECK_INT(r.status, 403);
	t_resp_free(&r);
	CHECK_INT(notice_in(&p, NOTICE_RETURNED), id);
	r = t_page_post(&p, &head, url, true, "report", " ", NULL);
	CHECK_INT(r.status, 400);
	CHECK_CONTAINS(r.body, "请写明整改情况");
	t_resp_free(&r);
	r = t_page_post(&p, &head, url, true, "report", "已补报自查清单", NULL);
	CHECK(r.status == 303 || r.status == 302);
	t_resp_free(&r);
	CHECK_INT(notice_in(&p, NOTICE_ANSWERED), id);
	snprintf(url, sizeof url, "/rectification-notices/%lld", (long long)id);
	r = t_page_get(&p, &sup, url);
	CHECK_CONTAINS(r.body, "整改到位，销号");
	CHECK_CONTAINS(r.body, "已补报自查清单");
	t_resp_free(&r);
	t_pages_stop(&p);
}

TEST(pages_finished_round_shows_its_seed_and_results_per_agency)
{
	struct t_pages p;
	struct t_browser sup;
	REQUIRE(t_pages_start(&p));
	REQUIRE(t_pages_login(&p, "supervisor", &sup));
	struct http_resp r = t_page_get(&p, &sup, "/oversight");
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, "行政处罚案卷评查（演示）");
	CHECK_CONTAINS(r.body, "已结束");
	CHECK_CONTAINS(r.body, "年度行政执法监督检查计划（演示）");
	const char *a = strstr(r.body, "/evaluations/");
	char url[64] = "";
	if (a)
		snprintf(url, sizeof url, "%.*s", (int)strcspn(a, "\""), a);
	t_resp_free(&r);
	REQUIRE(url[0]);
	r = t_page_get(&p, &sup, url);
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, "随机种子");
	CHECK_CONTAINS(r.body, "各单位评查结果");
	CHECK_CONTAINS(r.body, "海原县自然资源局");
	t_resp_free(&r);
	t_pages_stop(&p);
}

/* The id after prefix in the answer's Location header, or -1. */
static int64_t location_id(const struct http_resp *r, const char *prefix)
{
	const char *at = strstr(r->headers, prefix);
	return at ? strtoll(at + strlen(prefix), NULL, 10) : -1;
}

TEST(pages_bureau_runs_a_round_to_its_end_without_javascript)
{
	struct t_pages p;
	struct t_browser sup;
	char url[96], agency[40], today[FZ_DATE_LEN], year[8];
	REQUIRE(t_pages_start(&p));
	REQUIRE(t_pages_login(&p, "supervisor", &sup));
	time_t now = time(NULL);
	struct tm tm;
	localtime_r(&now, &tm);
	strftime(today, sizeof today, "%Y-%m-%d", &tm);
	snprintf(year, sizeof year, "%.4s", today);
	snprintf(agency, sizeof agency, "agency_%lld", (long long)p.sum.agency_ids[1]);
	struct http_resp r = t_page_post(&p, &sup, "/evaluations/new", true, "title", "页面评查",
					 "year", year, "period_from", "2020-01-01", "period_to",
					 today, "sample_size", "1", "sample_rate", "", NULL);
	CHECK_INT(r.status, 400); /* no agency chosen */
	CHECK_CONTAINS(r.body, "请选择被评查的执法主体");
	t_resp_free(&r);
	r = t_page_post(&p, &sup, "/evaluations/new", true, "title", "页面评查", "year", year,
			"period_from", "2020-01-01", "period_to", today, "sample_size", "1",
			"sample_rate", "", agency, "on", NULL);
	int64_t round = location_id(&r, "/evaluations/");
	t_resp_free(&r);
	REQUIRE(round > 0);
	snprintf(url, sizeof url, "/evaluations/%lld/draw", (long long)round);
	r = t_page_post(&p, &sup, url, true, NULL);
	CHECK(r.status == 303 || r.status == 302);
	t_resp_free(&r);
	struct eval_file_filter ff = { .round_id = round, .scored = -1 };
	struct eval_file_list fl;
	struct scope all = { .kind = SCOPE_ALL };
	REQUIRE(p.ts.st->ops->eval_file_list(p.ts.st, p.ts.a, &all, &ff, (struct page){ 0, 10 },
					     &fl, NULL) == FZ_OK);
	REQUIRE(fl.n == 1);
	int64_t file = fl.items[0].id;
	struct user u;
	REQUIRE(p.ts.st->ops->user_get_by_name(p.ts.st, p.ts.a, "supervisor", &u, NULL) == FZ_OK);
	snprintf(url, sizeof url, "/evaluation-files/%lld", (long long)file);
	r = t_page_get(&p, &sup, url);
	CHECK_CONTAINS(r.body, "分配评查人员");
	CHECK_LACKS(r.body, "自然资源局法制审核员"); /* recused: of the evaluated agency */
	/* evaluators grouped by their agency */
	CHECK_CONTAINS(r.body, "<optgroup label=\"海原县司法局\"><option value=\"");
	t_resp_free(&r);
	snprintf(url, sizeof url, "/evaluation-files/%lld/assign", (long long)file);
	char uid[24];
	snprintf(uid, sizeof uid, "%lld", (long long)u.id);
	r = t_page_post(&p, &sup, url, true, "evaluator_id", uid, NULL);
	CHECK(r.status == 303 || r.status == 302);
	t_resp_free(&r);
	snprintf(url, sizeof url, "/evaluation-files/%lld", (long long)file);
	r = t_page_get(&p, &sup, url);
	CHECK_CONTAINS(r.body, "提交评分");
	CHECK_CONTAINS(r.body, "V2");
	t_resp_free(&r);
	snprintf(url, sizeof url, "/evaluation-files/%lld/score", (long long)file);
	r = t_page_post(&p, &sup, url, true, "lost_F1", "abc", NULL);
	CHECK_INT(r.status, 400);
	CHECK_CONTAINS(r.body, "项目 F1 的扣分应为整数");
	t_resp_free(&r);
	r = t_page_post(&p, &sup, url, true, "lost_F1", "1", "note_F1", "审批日期缺失", "veto_V2",
			"on", "note_V2", "询问笔录只有一名执法人员", NULL);
	CHECK(r.status == 303 || r.status == 302);
	t_resp_free(&r);
	struct eval_file got;
	REQUIRE(p.ts.st->ops->eval_file_get(p.ts.st, p.ts.a, &all, file, &got, NULL) == FZ_OK);
	CHECK_STR(got.grade, "fail");
	CHECK_INT(got.total, 99);
	r = t_page_post(&p, &sup, url, true, "lost_F1", "0", NULL);
	CHECK_INT(r.status, 409);
	CHECK_CONTAINS(r.body, "评分不能修改");
	t_resp_free(&r);
	snprintf(url, sizeof url, "/evaluations/%lld/close", (long long)round);
	r = t_page_post(&p, &sup, url, true, NULL);
	CHECK(r.status == 303 || r.status == 302);
	t_resp_free(&r);
	snprintf(url, sizeof url, "/evaluations/%lld", (long long)round);
	r = t_page_get(&p, &sup, url);
	CHECK_CONTAINS(r.body, "已结束");
	CHECK_LACKS(r.body, "结束评查（须全部评分）");
	t_resp_free(&r);
	t_pages_stop(&p);
}
