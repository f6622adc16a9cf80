/* api_normcat_test.c - the catalogues of normative documents (双目录,
 * issue 13 §2) and the expiry alert: a document published and in force
 * is in the 现行有效目录 with its 文号, effective date and end of
 * validity; one repealed in a clean-up leaves it (and shows its history);
 * one still in drafting is only in the plan catalogue; both export as
 * XLSX. A document whose validity ends within the alert period shows on
 * the 预警 page until a clean-up evaluates it. */
#include <stdio.h>
#include <string.h>

#include "api_case_fx.h"
#include "t.h"

#define LATE ",\"reason\":\"补录：测试数据按发生日期录入\""

static int64_t step(struct case_fx *f, const char *who, int64_t id, const char *st, int day,
		    const char *fields)
{
	char body[2048];
	snprintf(body, sizeof body, "{\"step\":\"%s\",\"on\":\"%s\"%s,\"fields\":{%s}}", st,
		 cfx_day(f, day), day < -1 ? LATE : "", fields);
	return cfx_step(__FILE__, __LINE__, f, who, id, body);
}

/* A matter titled title opened on day d0; published when eff is not
 * INT_MIN (effective on day eff), else left in drafting. */
#define DRAFT_ONLY (-100000)
static int64_t document(struct case_fx *f, const char *title, bool provisional, int d0, int eff)
{
	char body[1024];
	snprintf(body, sizeof body,
		 "{\"procedure\":\"normative_document\",\"title\":\"%s\",\"on\":\"%s\"" LATE
		 ",\"fields\":{\"in_plan\":true,\"plan_ref\":\"计划第%d项\",\"provisional\":%s}}",
		 title, cfx_day(f, d0), -d0, provisional ? "true" : "false");
	int64_t id = CFX_OPEN(f, "officer1", body);
	if (id <= 0 || step(f, "officer1", id, "draft", d0 + 1, "\"text\":\"第一条 正文。\"") <= 0)
		return -1;
	if (eff == DRAFT_ONLY)
		return id;
	char e[64];
	snprintf(e, sizeof e, "\"effective_on\":\"%s\"", cfx_day(f, eff));
	if (step(f, "officer1", id, "submit_review", d0 + 2, "") <= 0 ||
	    step(f, "reviewer1", id, "legality_review", d0 + 3, "\"opinion\":\"pass\"") <= 0 ||
	    step(f, "head1", id, "deliberation", d0 + 4, "\"minutes\":\"审议通过\",\"adopted\":\"yes\"") <= 0 ||
	    step(f, "head1", id, "sign", d0 + 5, "") <= 0 ||
	    step(f, "officer1", id, "number", d0 + 5, e) <= 0 || CFX_PUBLISH(f, "reviewer1", id) <= 0)
		return -1;
	return id;
}

/* The item of list j with id, or NULL. */
static json_t *item(json_t *j, int64_t id)
{
	size_t i;
	json_t *v;
	json_array_foreach(json_object_get(j, "items"), i, v)
		if (json_integer_value(json_object_get(v, "id")) == id)
			return v;
	return NULL;
}

TEST(catalogue_shows_documents_in_force_and_not_repealed_ones_with_history_and_plan)
{
	struct case_fx f;
	REQUIRE(cfx_start(&f));
	int64_t in_force = document(&f, "关于在用地审批中推行告知承诺的通知", false, -40, -25);
	int64_t repealed = document(&f, "关于临时用地收费的规定", false, -40, -25);
	int64_t drafting = document(&f, "关于矿产资源管理的意见", false, -10, DRAFT_ONLY);
	REQUIRE(in_force > 0 && repealed > 0 && drafting > 0);
	REQUIRE(step(&f, "head1", repealed, "cleanup", 0, "\"cleanup_outcome\":\"repeal\",\"reasons\":\"上位法已修改\"") > 0);

	json_t *l = cfx_get(&f, NULL, "/api/v1/public/normative-documents?limit=200");
	REQUIRE(l);
	json_t *a = item(l, in_force);
	REQUIRE(a);
	CHECK_STR(json_string_value(json_object_get(a, "state")), "in_force");
	CHECK_CONTAINS(json_string_value(json_object_get(a, "number")), "规〔");
	CHECK_STR(json_string_value(json_object_get(a, "effective_on")), cfx_day(&f, -25));
	CHECK(json_string_length(json_object_get(a, "valid_until")) == 10);
	CHECK(item(l, repealed) == NULL);
	CHECK(item(l, drafting) == NULL);
	json_decref(l);
	/* every published one, with what became of it */
	l = cfx_get(&f, NULL, "/api/v1/public/normative-documents?view=all&limit=200");
	json_t *b = item(l, repealed);
	REQUIRE(b);
	CHECK_STR(json_string_value(json_object_get(b, "state")), "repealed");
	CHECK_STR(json_string_value(json_object_get(b, "ended_on")), cfx_day(&f, 0));
	CHECK(item(l, drafting) == NULL);
	json_decref(l);
	/* the history of the repealed one */
	char path[96];
	snprintf(path, sizeof path, "/public/normative-documents/%lld", (long long)repealed);
	struct http_resp r = t_http(&f.d.ts, "GET", path, NULL, NULL, NULL);
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, "已废止");
	CHECK_CONTAINS(r.body, "清理：废止");
	CHECK_CONTAINS(r.body, "公布");
	t_resp_free(&r);
	r = t_http(&f.d.ts, "GET", "/public/normative-documents", NULL, NULL, NULL);
	CHECK_CONTAINS(r.body, "关于在用地审批中推行告知承诺的通知");
	CHECK_LACKS(r.body, "关于临时用地收费的规定");
	t_resp_free(&r);
	/* the plan catalogue has every matter of the year, drafting ones too */
	char year[5];
	snprintf(year, sizeof year, "%.4s", cfx_day(&f, -10));
	snprintf(path, sizeof path, "/api/v1/public/normative-plan?year=%s", year);
	l = cfx_get(&f, NULL, path);
	json_t *c = item(l, drafting);
	REQUIRE(c);
	CHECK_STR(json_string_value(json_object_get(c, "plan_ref")), "计划第10项");
	CHECK_STR(json_string_value(json_object_get(c, "state")), "drafting");
	json_decref(l);
	r = t_http(&f.d.ts, "GET", "/api/v1/public/normative-plan?year=20x6", NULL, NULL, NULL);
	CHECK_ERROR(r, 400, "invalid", "year");
	t_resp_free(&r);
	/* both as XLSX (a zip) */
	r = t_http(&f.d.ts, "GET", "/api/v1/public/normative-documents.xlsx", NULL, NULL, NULL);
	CHECK_INT(r.status, 200);
	CHECK(r.body && r.body[0] == 'P' && r.body[1] == 'K');
	t_resp_free(&r);
	r = t_http(&f.d.ts, "GET", "/api/v1/public/normative-plan.xlsx", NULL, NULL, NULL);
	CHECK_INT(r.status, 200);
	CHECK(r.body && r.body[0] == 'P' && r.body[1] == 'K');
	t_resp_free(&r);
	/* a case that is not a normative document is no catalogue entry */
	r = t_http(&f.d.ts, "GET", "/api/v1/public/normative-documents/1", NULL, NULL, NULL);
	CHECK_INT(r.status, 404);
	t_resp_free(&r);
	cfx_stop(&f);
}

TEST(expiry_alert_shows_a_document_ending_within_six_months_until_a_cleanup_evaluates_it)
{
	struct case_fx f;
	REQUIRE(cfx_start(&f));
	/* 试行, two years from 23 months ago: ends in about a month */
	int64_t ending = document(&f, "关于宅基地管理的实施意见（试行）", true, -710, -700);
	int64_t fresh = document(&f, "关于耕地保护的通知", false, -40, -25);
	REQUIRE(ending > 0 && fresh > 0);
	struct http_resp r = t_api(&f.d, "officer1", "GET", "/alerts", NULL);
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, "有效期即将届满");
	CHECK_CONTAINS(r.body, "关于宅基地管理的实施意见（试行）");
	CHECK_LACKS(r.body, "关于耕地保护的通知");
	t_resp_free(&r);
	/* the evaluation recorded: the alert leaves */
	REQUIRE(step(&f, "head1", ending, "cleanup", 0, "\"cleanup_outcome\":\"keep\"") > 0);
	r = t_api(&f.d, "officer1", "GET", "/alerts", NULL);
	CHECK_LACKS(r.body, "关于宅基地管理的实施意见（试行）");
	t_resp_free(&r);
	/* it stays in force until its validity ends */
	json_t *l = cfx_get(&f, NULL, "/api/v1/public/normative-documents?limit=200");
	json_t *d = item(l, ending);
	REQUIRE(d);
	CHECK(json_is_true(json_object_get(d, "provisional")));
	json_decref(l);
	cfx_stop(&f);
}

TEST(review_request_gets_a_receipt_and_a_due_day_is_answered_by_the_bureau_and_tracked)
{
	struct case_fx f;
	REQUIRE(cfx_start(&f));
	int64_t doc = document(&f, "关于土地征收补偿标准的通知", false, -40, -25);
	int64_t gone = document(&f, "关于临时用地收费的规定", false, -40, -25);
	REQUIRE(doc > 0 && gone > 0);
	REQUIRE(step(&f, "head1", gone, "cleanup", 0, "\"cleanup_outcome\":\"repeal\"") > 0);
	char path[128];
	snprintf(path, sizeof path, "/api/v1/public/normative-documents/%lld/review-requests",
		 (long long)doc);
	/* bad input: refused in Chinese, nothing stored */
	struct http_resp r = t_api(&f.d, NULL, "POST", path, "{\"body\":\"  \"}");
	CHECK_ERROR(r, 400, "invalid", "body");
	CHECK_CONTAINS(r.body, "请写明建议审查的内容和理由");
	t_resp_free(&r);
	r = t_api(&f.d, NULL, "POST", path, "{\"body\":\"第三条\\u0000\"}");
	CHECK_INT(r.status, 400);
	t_resp_free(&r);
	json_t *in = cfx_get(&f, "supervisor", "/api/v1/review-requests");
	CHECK_INT(json_integer_value(json_object_get(in, "total")), 0);
	json_decref(in);
	/* a receipt and the day the answer is due (60 days, U) */
	r = t_api(&f.d, NULL, "POST", path, "{\"body\":\"第二条的补偿标准低于省里的规定，建议审查。\",\"contact\":\"13900000001\"}");
	CHECK_INT(r.status, 201);
	char receipt[40] = "", due[16] = "";
	t_json_str(&r, "receipt", receipt, sizeof receipt);
	t_json_str(&r, "due_on", due, sizeof due);
	t_resp_free(&r);
	CHECK(strncmp(receipt, "SC", 2) == 0);
	CHECK_STR(due, cfx_day(&f, 60));
	/* about a repealed document: refused, saying so */
	snprintf(path, sizeof path, "/api/v1/public/normative-documents/%lld/review-requests",
		 (long long)gone);
	r = t_api(&f.d, NULL, "POST", path, "{\"body\":\"建议审查。\"}");
	CHECK_INT(r.status, 409);
	CHECK_CONTAINS(r.body, "已废止");
	t_resp_free(&r);
	/* in the bureau's inbox, with the contact; not for others */
	in = cfx_get(&f, "supervisor", "/api/v1/review-requests");
	CHECK_INT(json_integer_value(json_object_get(in, "total")), 1);
	json_t *it = json_array_get(json_object_get(in, "items"), 0);
	CHECK_STR(json_string_value(json_object_get(it, "contact")), "13900000001");
	int64_t id = json_integer_value(json_object_get(it, "id"));
	json_decref(in);
	r = t_api(&f.d, "officer1", "GET", "/api/v1/review-requests", NULL);
	CHECK_INT(r.status, 403);
	t_resp_free(&r);
	r = t_api(&f.d, "supervisor", "GET", "/alerts", NULL);
	CHECK_CONTAINS(r.body, "待答复 1 件");
	t_resp_free(&r);
	/* tracked by receipt: still being handled, due on its day */
	char tpath[96];
	snprintf(tpath, sizeof tpath, "/public/review-requests?receipt=%s", receipt);
	r = t_http(&f.d.ts, "GET", tpath, NULL, NULL, NULL);
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, due);
	CHECK_LACKS(r.body, "13900000001");
	t_resp_free(&r);
	/* answered by the bureau: gone from the inbox, shown to the person */
	char apath[96];
	snprintf(apath, sizeof apath, "/api/v1/review-requests/%lld/answer", (long long)id);
	r = t_api(&f.d, "supervisor", "POST", apath, "{\"text\":\"\"}");
	CHECK_ERROR(r, 400, "invalid", "text");
	t_resp_free(&r);
	r = t_api(&f.d, "supervisor", "POST", apath, "{\"text\":\"经审查，第二条与省规定一致，不予纠正。\"}");
	CHECK_INT(r.status, 200);
	t_resp_free(&r);
	r = t_api(&f.d, "supervisor", "POST", apath, "{\"text\":\"再答复\"}");
	CHECK_INT(r.status, 409);
	t_resp_free(&r);
	in = cfx_get(&f, "supervisor", "/api/v1/review-requests");
	CHECK_INT(json_integer_value(json_object_get(in, "total")), 0);
	json_decref(in);
	snprintf(tpath, sizeof tpath, "/api/v1/public/review-requests/%s", receipt);
	json_t *t = cfx_get(&f, NULL, tpath);
	CHECK_STR(json_string_value(json_object_get(t, "answer")), "经审查，第二条与省规定一致，不予纠正。");
	json_decref(t);
	r = t_http(&f.d.ts, "GET", "/api/v1/public/review-requests/SC20260101-AAAAAAAA2", NULL, NULL, NULL);
	CHECK_INT(r.status, 400);
	t_resp_free(&r);
	cfx_stop(&f);
}
