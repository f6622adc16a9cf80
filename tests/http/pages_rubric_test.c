/* pages_rubric_test.c - the bureau edits its rubric (评查标准) on a page
 * without JavaScript: each refusal (totals other than 20 and 80, a row
 * without its code, a bad or repeated code, thresholds out of order, no
 * CSRF field) is a plain Chinese message on the re-shown form with
 * nothing saved; a good one is a new version that new rounds take, while
 * the demo's scored round keeps its rubric and its scores. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "domain/evaluation.h"
#include "page_fixture.h"
#include "store/store.h"
#include "t.h"

static const struct scope all = { .kind = SCOPE_ALL };

/* The newest round (the demo's until the test makes one). */
static bool newest_round(struct t_pages *p, struct eval_round *out)
{
	struct eval_round_list l;
	struct eval_round_filter f = { .division = "" };
	if (p->ts.st->ops->eval_round_list(p->ts.st, p->ts.a, &f, (struct page){ 0, 1 }, &l,
					   NULL) ||
	    !l.n)
		return false;
	*out = l.items[0];
	return true;
}

/* The sum of the totals of a round's scored files, and how many. */
static int64_t round_totals(struct t_pages *p, int64_t round, int64_t *scored)
{
	struct eval_file_filter f = { .round_id = round, .scored = 1 };
	struct eval_file_list l;
	int64_t sum = 0;
	*scored = 0;
	if (p->ts.st->ops->eval_file_list(p->ts.st, p->ts.a, &all, &f, (struct page){ 0, 200 }, &l,
					  NULL))
		return -1;
	for (size_t i = 0; i < l.n; i++)
		sum += l.items[i].total;
	*scored = (int64_t)l.n;
	return sum;
}

/* Posts a three-row rubric: a veto item, one form item of form points,
 * one content item of content points. */
static struct http_resp post3(struct t_pages *p, const struct t_browser *b, int csrf,
			      const char *excellent, const char *pass, const char *form_code,
			      const char *form, const char *content_code, const char *content)
{
	return t_page_post(p, b, "/rubric", csrf, "name", "本局案卷评查标准（第二版）", "excellent",
			   excellent, "pass", pass, "rows", "4", "section1", "veto", "code1", "V1",
			   "points1", "", "text1", "执法主体不合法", "section2", "form", "code2",
			   form_code, "points2", form, "text2", "文书规范齐全", "section3", "content",
			   "code3", content_code, "points3", content, "text3",
			   "事实清楚、证据确实充分、适用法律正确", "section4", "", "code4", "",
			   "points4", "", "text4", "", NULL);
}

/* Refused: 400, the message on the form, still no version. */
static void refused(struct t_pages *p, const struct t_browser *b, struct http_resp r,
		    const char *message, int line)
{
	if (r.status != 400 || !r.body || !strstr(r.body, message))
		t_fail(__FILE__, line, "want 400 with %s, got %d", message, (int)r.status);
	t_resp_free(&r);
	r = t_page_get(p, b, "/rubric");
	if (!r.body || !strstr(r.body, "平台默认标准（尚未修改过）"))
		t_fail(__FILE__, line, "a version was saved after: %s", message);
	t_resp_free(&r);
}

TEST(rubric_form_refuses_bad_totals_rows_and_thresholds_in_chinese_and_saves_nothing)
{
	struct t_pages p;
	struct t_browser sup, head;
	REQUIRE(t_pages_start(&p));
	REQUIRE(t_pages_login(&p, "supervisor", &sup));
	struct http_resp r = t_page_get(&p, &sup, "/rubric");
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, "平台默认标准（尚未修改过）");
	CHECK_CONTAINS(r.body, "<legend>第 1 项</legend>");
	CHECK_CONTAINS(r.body, "name=\"code1\" type=\"text\" value=\"V1\"");
	CHECK_CONTAINS(r.body, "name=\"csrf\"");
	t_resp_free(&r);

	refused(&p, &sup, post3(&p, &sup, true, "90", "60", "F1", "19", "C1", "80"),
		"形式评查各项合计 19 分，应为 20 分", __LINE__);
	refused(&p, &sup, post3(&p, &sup, true, "90", "60", "F1", "20", "C1", "79"),
		"内容评查各项合计 79 分，应为 80 分", __LINE__);
	refused(&p, &sup, post3(&p, &sup, true, "90", "60", "", "20", "C1", "80"),
		"第 2 项：请填写项目编号", __LINE__);
	refused(&p, &sup, post3(&p, &sup, true, "90", "60", "f1", "20", "C1", "80"),
		"第 2 项：项目编号应为大写字母开头", __LINE__);
	refused(&p, &sup, post3(&p, &sup, true, "90", "60", "F1", "20", "V1", "80"),
		"第 3 项：", __LINE__);
	refused(&p, &sup, post3(&p, &sup, true, "90", "60", "F1", "二十", "C1", "80"),
		"第 2 项：F1 的分值应为 1–20 的整数", __LINE__);
	refused(&p, &sup, post3(&p, &sup, true, "60", "90", "F1", "20", "C1", "80"),
		"优秀分数线 60 应高于合格分数线 90", __LINE__);
	/* the refused form keeps what was typed, the bad row marked */
	r = post3(&p, &sup, true, "90", "60", "", "20", "C1", "80");
	CHECK_CONTAINS(r.body, "<fieldset class=\"rubric-row invalid\" id=\"row2\">");
	CHECK_CONTAINS(r.body, "name=\"code3\" type=\"text\" value=\"C1\"");
	t_resp_free(&r);
	/* no CSRF field: refused before anything */
	r = post3(&p, &sup, false, "90", "60", "F1", "20", "C1", "80");
	CHECK_INT(r.status, 403);
	t_resp_free(&r);
	CHECK(t_pages_audit_id(&p, "rubric.save") == 0);
	/* an agency's head may not see or change it */
	REQUIRE(t_pages_login(&p, "head1", &head));
	r = t_page_get(&p, &head, "/rubric");
	CHECK_INT(r.status, 403);
	t_resp_free(&r);
	r = post3(&p, &head, true, "90", "60", "F1", "20", "C1", "80");
	CHECK_INT(r.status, 403);
	t_resp_free(&r);
	t_pages_stop(&p);
}

TEST(rubric_saved_as_a_new_version_goes_to_new_rounds_and_leaves_scored_rounds_alone)
{
	struct t_pages p;
	struct t_browser sup;
	struct eval_round demo, fresh;
	char agency[40], today[FZ_DATE_LEN], year[8];
	int64_t n_before, n_after;
	REQUIRE(t_pages_start(&p));
	REQUIRE(t_pages_login(&p, "supervisor", &sup));
	REQUIRE(newest_round(&p, &demo));
	REQUIRE(strcmp(demo.rubric, rubric_default_text()) == 0);
	int64_t before = round_totals(&p, demo.id, &n_before);
	REQUIRE(n_before > 0);

	struct http_resp r = post3(&p, &sup, true, "90", "60", "F1", "20", "C1", "80");
	CHECK(r.status == 303 || r.status == 302);
	t_resp_free(&r);
	CHECK(t_pages_audit_id(&p, "rubric.save") > 0);
	r = t_page_get(&p, &sup, "/rubric");
	CHECK_CONTAINS(r.body, "现行：第 1 版");
	CHECK_CONTAINS(r.body, "value=\"本局案卷评查标准（第二版）\"");
	CHECK_LACKS(r.body, "name=\"code4\" type=\"text\" value=\"V2\""); /* the old items are gone */
	t_resp_free(&r);
	/* saved again: version 2, the first kept */
	r = post3(&p, &sup, true, "85", "60", "F1", "20", "C1", "80");
	CHECK(r.status == 303 || r.status == 302);
	t_resp_free(&r);
	r = t_page_get(&p, &sup, "/rubric");
	CHECK_CONTAINS(r.body, "现行：第 2 版");
	CHECK_CONTAINS(r.body, "name=\"excellent\" type=\"number\" value=\"85\"");
	t_resp_free(&r);

	/* the scored round: its rubric and its scores as they were */
	struct eval_round again;
	REQUIRE(p.ts.st->ops->eval_round_get(p.ts.st, p.ts.a, demo.id, &again, NULL) == FZ_OK);
	CHECK(strcmp(again.rubric, rubric_default_text()) == 0);
	CHECK_INT(round_totals(&p, demo.id, &n_after), before);
	CHECK_INT(n_after, n_before);

	/* a round made now takes version 2 */
	time_t now = time(NULL);
	struct tm tm;
	localtime_r(&now, &tm);
	strftime(today, sizeof today, "%Y-%m-%d", &tm);
	snprintf(year, sizeof year, "%.4s", today);
	snprintf(agency, sizeof agency, "agency_%lld", (long long)p.sum.agency_ids[1]);
	r = t_page_post(&p, &sup, "/evaluations/new", true, "title", "新标准评查", "year", year,
			"period_from", "2020-01-01", "period_to", today, "sample_size", "1",
			"sample_rate", "", agency, "on", NULL);
	CHECK(r.status == 303 || r.status == 302);
	t_resp_free(&r);
	REQUIRE(newest_round(&p, &fresh));
	CHECK(fresh.id != demo.id);
	CHECK_CONTAINS(fresh.rubric, "名称 本局案卷评查标准（第二版）");
	CHECK_CONTAINS(fresh.rubric, "优秀 85");
	CHECK_CONTAINS(fresh.rubric, "形式 F1 20 文书规范齐全");
	t_pages_stop(&p);
}
