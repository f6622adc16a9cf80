/* api_rulemaking_docs_test.c - the PDF documents of rule-making (issue 13
 * §5), each drawn from the record and read back with pdftotext: the
 * legality review opinion (合法性审核意见书) of a normative document and
 * of a major decision (合法性审查意见书), the fair-competition review
 * form, the filing report (with its 文号, the dates of signing and
 * publication, the filing body and whether it was in time), the account
 * of how public comments were adopted (counts and reasons from the
 * comment records), a major decision's account of public and expert
 * opinions (art 32), and the yearly decision catalogue as PDF and XLSX.
 * Each is refused with a Chinese message while the step that makes it has
 * not happened, and asking records nothing. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api_case_fx.h"
#include "base/date.h"
#include "t.h"

#define LATE ",\"reason\":\"补录：测试数据按发生日期录入\""

static int64_t step(struct case_fx *f, const char *who, int64_t id, const char *st, int day,
		    const char *fields)
{
	char body[4096];
	snprintf(body, sizeof body, "{\"step\":\"%s\",\"on\":\"%s\"%s,\"fields\":{%s}}", st,
		 cfx_day(f, day), day < -1 ? LATE : "", fields);
	return cfx_step(__FILE__, __LINE__, f, who, id, body);
}

/* The number of documents of case id and of its events. */
static int64_t doc_count(struct case_fx *f, int64_t id)
{
	char path[96];
	snprintf(path, sizeof path, "/api/v1/cases/%lld/documents", (long long)id);
	json_t *j = cfx_get(f, "officer1", path);
	int64_t n = j ? (int64_t)json_array_size(json_object_get(j, "items")) : -1;
	json_decref(j);
	return n;
}

/* The text of the latest document of kind of case id, as who downloads it
 * (malloc'd; NULL after t_fail). */
static char *latest_text(struct case_fx *f, int line, const char *who, int64_t id,
			 const char *kind)
{
	char path[160];
	snprintf(path, sizeof path, "/api/v1/cases/%lld/documents/latest?kind=%s", (long long)id,
		 kind);
	struct http_resp r = t_api(&f->d, who, "GET", path, NULL);
	char type[64];
	if (r.status != 200 || strcmp(t_header(&r, "Content-Type", type, sizeof type),
				      "application/pdf") != 0) {
		t_fail(__FILE__, line, "GET %s: %ld %.300s", path, r.status, r.body);
		t_resp_free(&r);
		return NULL;
	}
	char *text = t_pdf_text(r.body, r.body_len, kind);
	t_resp_free(&r);
	return text;
}

/* The latest document of kind refused with status and words, and nothing
 * recorded by asking. */
static void latest_refused(struct case_fx *f, int line, int64_t id, const char *kind,
			   long status, const char *words)
{
	char path[160];
	int64_t events = cfx_event_count(f, id), docs = doc_count(f, id);
	snprintf(path, sizeof path, "/api/v1/cases/%lld/documents/latest?kind=%s", (long long)id,
		 kind);
	struct http_resp r = t_api(&f->d, "officer1", "GET", path, NULL);
	if (r.status != status || !strstr(r.body, words))
		t_fail(__FILE__, line, "GET %s: %ld %.300s (expected %ld with \"%s\")", path,
		       r.status, r.body, status, words);
	if (!strstr(r.body, "\"field\":\"kind\""))
		t_fail(__FILE__, line, "the refusal does not name kind: %.300s", r.body);
	t_resp_free(&r);
	if (cfx_event_count(f, id) != events || doc_count(f, id) != docs)
		t_fail(__FILE__, line, "asking for a document recorded something");
}

static struct http_resp comment(struct case_fx *f, int64_t id, const char *json)
{
	char path[96];
	snprintf(path, sizeof path, "/api/v1/public/consultations/%lld/comments", (long long)id);
	struct t_req rq = { .method = "POST", .path = path, .content_type = "application/json",
			    .body = json };
	return t_http_req(&f->d.ts, &rq);
}

/* The ids of matter id's comments in the order received (up to n). */
static size_t comment_ids(struct case_fx *f, int64_t id, int64_t *out, size_t n)
{
	char path[96];
	snprintf(path, sizeof path, "/api/v1/cases/%lld/comments?limit=200", (long long)id);
	json_t *j = cfx_get(f, "officer1", path);
	size_t k = 0, i;
	json_t *x;
	json_array_foreach(json_object_get(j, "items"), i, x)
		if (k < n)
			out[k++] = json_integer_value(json_object_get(x, "id"));
	json_decref(j);
	return k;
}

static void act(struct case_fx *f, int line, int64_t id, int64_t cid, const char *json)
{
	char path[128];
	snprintf(path, sizeof path, "/api/v1/cases/%lld/comments/%lld/actions", (long long)id,
		 (long long)cid);
	struct http_resp r = t_api(&f->d, "officer1", "POST", path, json);
	if (r.status != 200)
		t_fail(__FILE__, line, "comment action %s: %ld %.300s", json, r.status, r.body);
	t_resp_free(&r);
}

/* Three public comments on matter id: one adopted, one not adopted with
 * its reason, one hidden (an advertisement) and not adopted. */
static void three_comments(struct case_fx *f, int64_t id)
{
	static const char *const bodies[] = {
		"{\"body\":\"建议明确临时用地复垦保证金的退还时限。\"}",
		"{\"body\":\"建议取消临时用地审批。\"}",
		"{\"body\":\"低价出售建材，请联系。\"}",
	};
	for (size_t i = 0; i < 3; i++) {
		struct http_resp r = comment(f, id, bodies[i]);
		CHECK_INT(r.status, 201);
		t_resp_free(&r);
	}
	int64_t c[3] = { 0 };
	REQUIRE(comment_ids(f, id, c, 3) == 3);
	act(f, __LINE__, id, c[0], "{\"action\":\"adopt\",\"reason\":\"已在第四条写明\"}");
	act(f, __LINE__, id, c[1], "{\"action\":\"not_adopt\",\"reason\":\"临时用地审批是土地管理法第五十七条的规定\"}");
	act(f, __LINE__, id, c[2], "{\"action\":\"hide\",\"reason\":\"与征求意见无关的广告\"}");
	act(f, __LINE__, id, c[2], "{\"action\":\"not_adopt\",\"reason\":\"与本文件无关\"}");
}

TEST(normative_document_pdfs_are_drawn_from_its_record_and_refused_before_their_step)
{
	struct case_fx f;
	REQUIRE(cfx_start(&f));
	char body[2048];
	snprintf(body, sizeof body,
		 "{\"procedure\":\"normative_document\",\"title\":\"关于规范临时用地管理的通知\","
		 "\"on\":\"%s\"" LATE ",\"fields\":{\"in_plan\":true,\"plan_ref\":\"2026年计划第3项\","
		 "\"major_effect\":true,\"market_actors\":true}}",
		 cfx_day(&f, -40));
	int64_t id = CFX_OPEN(&f, "officer1", body);
	REQUIRE(id > 0);
	REQUIRE(step(&f, "officer1", id, "draft", -39, "\"text\":\"第一条 为规范临时用地管理，制定本通知。\"") > 0);

	/* nothing of the kind yet: refused, naming the step that makes it */
	latest_refused(&f, __LINE__, id, "legality_opinion", 409, "尚未办理“合法性审核”，还没有合法性审核意见书");
	latest_refused(&f, __LINE__, id, "fair_competition_form", 409, "尚未办理“公平竞争审查”");
	latest_refused(&f, __LINE__, id, "filing_report", 409, "尚未办理“报送备案”，还没有备案报告");
	latest_refused(&f, __LINE__, id, "comment_adoption", 409, "尚未办理“征求意见结束”");
	/* a document this procedure never makes, or no kind at all */
	latest_refused(&f, __LINE__, id, "penalty_decision", 404, "本事项的程序不生成文书“penalty_decision”");
	latest_refused(&f, __LINE__, id, "opinion_adoption", 404, "不生成文书");
	char path[160];
	snprintf(path, sizeof path, "/api/v1/cases/%lld/documents/latest", (long long)id);
	struct http_resp r = t_api(&f.d, "officer1", "GET", path, NULL);
	CHECK_ERROR(r, 400, "invalid", "kind");
	CHECK_CONTAINS(r.body, "请指明文书种类");
	t_resp_free(&r);

	/* public comment: three comments, decided, then the account */
	REQUIRE(step(&f, "officer1", id, "comment_open", -20, "\"comment_channel\":\"县政府门户网站意见征集栏目\"") > 0);
	three_comments(&f, id);
	REQUIRE(step(&f, "officer1", id, "comment_close", 0, "\"comment_summary\":\"共收到意见3条，采纳1条，未采纳2条，理由已逐条说明。\"") > 0);
	char *t = latest_text(&f, __LINE__, "officer1", id, "comment_adoption");
	REQUIRE(t);
	CHECK_CONTAINS(t, "征求意见采纳情况说明");
	CHECK_CONTAINS(t, "关于规范临时用地管理的通知");
	CHECK_CONTAINS(t, "县政府门户网站意见征集栏目");
	CHECK_CONTAINS(t, "收到意见3条（其中未在网站显示1条）");
	CHECK_CONTAINS(t, "采纳1条");
	CHECK_CONTAINS(t, "未采纳2条");
	CHECK_CONTAINS(t, "临时用地审批是土地管理法第五十七条的规定");
	CHECK_CONTAINS(t, "与本文件无关");
	CHECK_CONTAINS(t, "共收到意见3条，采纳1条，未采纳2条");
	/* an adopted comment is counted, not listed among those not adopted */
	CHECK_LACKS(t, "复垦保证金");
	free(t);

	/* the legality review: a problem found, with its reasons; then a pass
	 * by the justice bureau, whose opinion it issues in its own series */
	REQUIRE(step(&f, "officer1", id, "submit_review", 0, "") > 0);
	REQUIRE(step(&f, "reviewer1", id, "legality_review", 0, "\"opinion\":\"problems\",\"reasons\":\"第三条缺少上位法依据\"") > 0);
	t = latest_text(&f, __LINE__, "officer1", id, "legality_opinion");
	REQUIRE(t);
	CHECK_CONTAINS(t, "合法性审核意见书");
	CHECK_CONTAINS(t, "关于规范临时用地管理的通知");
	CHECK_CONTAINS(t, "发现问题，退回起草单位修改");
	CHECK_CONTAINS(t, "第三条缺少上位法依据");
	CHECK_CONTAINS(t, "审〔");
	free(t);
	REQUIRE(step(&f, "officer1", id, "submit_review", 0, "") > 0);
	REQUIRE(step(&f, "supervisor", id, "legality_review", 0, "\"opinion\":\"pass\"") > 0);
	t = latest_text(&f, __LINE__, "officer1", id, "legality_opinion");
	REQUIRE(t);
	CHECK_CONTAINS(t, "通过：未发现违反法律");
	CHECK_CONTAINS(t, "司法局");           /* the reviewing unit issues it */
	CHECK_CONTAINS(t, "可以提请集体审议");
	CHECK_LACKS(t, "第三条缺少上位法依据"); /* the latest opinion, not the first */
	free(t);

	REQUIRE(step(&f, "officer2", id, "fair_competition_review", 0, "\"opinion\":\"pass\",\"reasons\":\"不涉及市场准入和退出\"") > 0);
	t = latest_text(&f, __LINE__, "head1", id, "fair_competition_form");
	REQUIRE(t);
	CHECK_CONTAINS(t, "公平竞争审查表");
	CHECK_CONTAINS(t, "涉及经营者经济活动是");
	CHECK_CONTAINS(t, "未发现违反公平竞争审查标准的内容");
	CHECK_CONTAINS(t, "不涉及市场准入和退出");
	/* the reviewer by name, from the account that recorded the review */
	json_t *me = cfx_get(&f, "officer2", "/api/v1/me");
	const char *name = json_string_value(json_object_get(json_object_get(me, "user"), "display_name"));
	REQUIRE(name && *name);
	CHECK_CONTAINS(t, name);
	json_decref(me);
	free(t);

	REQUIRE(step(&f, "head1", id, "deliberation", 0, "\"minutes\":\"局务会审议通过\",\"adopted\":\"yes\"") > 0);
	REQUIRE(step(&f, "head1", id, "sign", 0, "") > 0);
	char eff[64];
	snprintf(eff, sizeof eff, "\"effective_on\":\"%s\"", cfx_day(&f, 30));
	REQUIRE(step(&f, "officer1", id, "number", 0, eff) > 0);
	REQUIRE(cfx_publication_of(&f, id, "prepared") > 0);
	REQUIRE(CFX_PUBLISH(&f, "reviewer1", id) > 0);
	latest_refused(&f, __LINE__, id, "filing_report", 409, "还没有备案报告");
	REQUIRE(step(&f, "officer1", id, "file", 0, "\"filed_with\":\"海原县人民政府\"") > 0);
	t = latest_text(&f, __LINE__, "officer1", id, "filing_report");
	REQUIRE(t);
	char docs[1024];
	cfx_documents(&f, id, docs, sizeof docs);
	const char *num = strstr(docs, "normative_text:");
	REQUIRE(num);
	char wenhao[128];
	size_t len = strcspn(num + strlen("normative_text:"), ";");
	snprintf(wenhao, sizeof wenhao, "%.*s", (int)len, num + strlen("normative_text:"));
	CHECK_CONTAINS(wenhao, "规〔");
	CHECK_CONTAINS(t, "备案报告");
	CHECK_CONTAINS(t, "海原县人民政府：");
	CHECK_CONTAINS(t, wenhao);
	CHECK_CONTAINS(t, "备案机关海原县人民政府");
	CHECK_CONTAINS(t, "在期限内报送");
	CHECK_CONTAINS(t, "公平竞争审查表");
	char day[40];
	int y, m, d;
	REQUIRE(date_parse(cfx_day(&f, 30), &y, &m, &d));
	snprintf(day, sizeof day, "施行日期%d年%d月%d日", y, m, d);
	CHECK_CONTAINS(t, day);
	free(t);
	cfx_stop(&f);
}
