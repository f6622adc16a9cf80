/* api_consultation_test.c - public comment on a draft (公开征求意见,
 * issue 13 §2) over HTTP: while a normative document's comment period is
 * open the portal lists it with the draft and explanation of comment_open
 * and takes comments from anyone (a receipt, size and per-address limits,
 * bad input refused in Chinese with nothing stored, a form token against
 * other sites); the drafting unit sees every comment with its sender,
 * hides one with a reason (kept in the record, with who hid it) and
 * records each one's adoption; comment_close is refused while a shown
 * comment is unanswered and without the account; once closed the portal
 * shows the account and the counts, and a late comment is refused with
 * the day it closed. */
#include <stdio.h>
#include <string.h>

#include "api_case_fx.h"
#include "app/consultation.h"
#include "base/buf.h"
#include "t.h"

#define LATE ",\"reason\":\"补录：测试数据按发生日期录入\""

/* A normative document matter with two draft versions and its comment
 * period opened on day -20; its id. */
static int64_t matter_in_comment(struct case_fx *f)
{
	char body[2048];
	snprintf(body, sizeof body,
		 "{\"procedure\":\"normative_document\",\"title\":\"关于加强农村供水管理的通知\","
		 "\"on\":\"%s\"" LATE ",\"fields\":{\"in_plan\":true,\"plan_ref\":\"2026年计划第5项\","
		 "\"major_effect\":true}}",
		 cfx_day(f, -30));
	int64_t id = CFX_OPEN(f, "officer1", body);
	if (id <= 0)
		return -1;
	snprintf(body, sizeof body,
		 "{\"step\":\"draft\",\"on\":\"%s\"" LATE ",\"fields\":{\"text\":\"第一条 旧稿。\"}}",
		 cfx_day(f, -29));
	if (CFX_STEP(f, "officer1", id, body) <= 0)
		return -1;
	snprintf(body, sizeof body,
		 "{\"step\":\"draft\",\"on\":\"%s\"" LATE ",\"fields\":{\"text\":\"第一条 为保障农村"
		 "供水安全，制定本通知。\\n第二条 供水单位应当定期检测水质。\",\"explanation\":"
		 "\"依据水法和本县实际起草\"}}",
		 cfx_day(f, -28));
	if (CFX_STEP(f, "officer1", id, body) <= 0)
		return -1;
	snprintf(body, sizeof body,
		 "{\"step\":\"comment_open\",\"on\":\"%s\"" LATE ",\"fields\":{\"comment_channel\":"
		 "\"县政府门户网站\"}}",
		 cfx_day(f, -20));
	if (CFX_STEP(f, "officer1", id, body) <= 0)
		return -1;
	return id;
}

/* POST a comment as JSON (no sign-in) from source (NULL: 127.0.0.1). */
static struct http_resp send_json(struct case_fx *f, int64_t id, const char *json,
				  const char *source)
{
	char path[96];
	snprintf(path, sizeof path, "/api/v1/public/consultations/%lld/comments", (long long)id);
	struct t_req rq = { .method = "POST", .path = path, .content_type = "application/json",
			    .body = json, .source = source };
	return t_http_req(&f->d.ts, &rq);
}

/* Comments of matter id as its drafting unit sees them (every one). */
static int64_t stored(struct case_fx *f, int64_t id)
{
	char path[96];
	snprintf(path, sizeof path, "/api/v1/cases/%lld/comments?limit=200", (long long)id);
	json_t *j = cfx_get(f, "officer1", path);
	int64_t n = j ? json_integer_value(json_object_get(j, "total")) : -1;
	json_decref(j);
	return n;
}

static bool cookie_of(const struct http_resp *r, const char *name, char *out, size_t n)
{
	char key[40];
	snprintf(key, sizeof key, "%s=", name);
	const char *p = r->headers ? strstr(r->headers, key) : NULL;
	if (!p)
		return false;
	p += strlen(key);
	size_t k = strcspn(p, ";\r\n");
	snprintf(out, n, "%.*s", (int)k, p);
	return true;
}

static bool value_after(const char *body, const char *marker, char *out, size_t n)
{
	const char *p = body ? strstr(body, marker) : NULL;
	p = p ? strstr(p, "value=\"") : NULL;
	if (!p)
		return false;
	p += 7;
	size_t k = strcspn(p, "\"");
	snprintf(out, n, "%.*s", (int)k, p);
	return true;
}

/* Percent-encodes s into b. */
static void urlenc(struct buf *b, const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9'))
			buf_addf(b, "%c", *p);
		else
			buf_addf(b, "%%%02X", *p);
	}
}

/* Posts the portal's form with body text, with the page's token or none. */
static struct http_resp portal_post(struct case_fx *f, int64_t id, const char *text, bool token)
{
	char cookie[128] = "", tok[80] = "", path[96], hdr[160];
	snprintf(path, sizeof path, "/public/consultations/%lld", (long long)id);
	struct http_resp g = t_http(&f->d.ts, "GET", path, NULL, NULL, NULL);
	if (g.status != 200 || !cookie_of(&g, "fz_cmt", cookie, sizeof cookie) ||
	    !value_after(g.body, "name=\"form_token\"", tok, sizeof tok))
		t_fail(__FILE__, __LINE__, "form page: %ld", g.status);
	t_resp_free(&g);
	struct buf body = BUF_INIT;
	buf_addf(&body, "form_token=%s&name=%s&body=", token ? tok : "", "%E7%8E%8B%E4%BA%94");
	urlenc(&body, text);
	snprintf(hdr, sizeof hdr, "fz_cmt=%s", cookie);
	snprintf(path, sizeof path, "/public/consultations/%lld/comments", (long long)id);
	struct t_req rq = { .method = "POST", .path = path,
			    .content_type = "application/x-www-form-urlencoded",
			    .body = buf_cstr(&body), .cookie = hdr };
	struct http_resp r = t_http_req(&f->d.ts, &rq);
	buf_release(&body);
	return r;
}

static struct http_resp act(struct case_fx *f, const char *who, int64_t id, int64_t cid,
			    const char *json)
{
	char path[128];
	snprintf(path, sizeof path, "/api/v1/cases/%lld/comments/%lld/actions", (long long)id,
		 (long long)cid);
	return t_api(&f->d, who, "POST", path, json);
}

/* The id of the nth (0-based) comment of matter id, as staff list them. */
static int64_t comment_id(struct case_fx *f, int64_t id, size_t nth)
{
	char path[96];
	snprintf(path, sizeof path, "/api/v1/cases/%lld/comments?limit=200", (long long)id);
	json_t *j = cfx_get(f, "officer1", path);
	int64_t c = json_integer_value(json_object_get(json_array_get(json_object_get(j, "items"), nth), "id"));
	json_decref(j);
	return c;
}

TEST(public_comment_is_received_with_a_receipt_listed_and_counted_on_the_portal)
{
	struct case_fx f;
	REQUIRE(cfx_start(&f));
	int64_t id = matter_in_comment(&f);
	REQUIRE(id > 0);

	/* listed while open, with the draft and explanation of comment_open */
	json_t *l = cfx_get(&f, NULL, "/api/v1/public/consultations");
	REQUIRE(l);
	/* the latest opened first */
	json_t *it = json_array_get(json_object_get(l, "items"), 0);
	CHECK_INT(json_integer_value(json_object_get(it, "id")), id);
	CHECK_STR(json_string_value(json_object_get(it, "state")), "open");
	CHECK_STR(json_string_value(json_object_get(it, "opened_on")), cfx_day(&f, -20));
	CHECK(json_string_length(json_object_get(it, "ends_on")) == 10);
	json_decref(l);
	char path[96];
	snprintf(path, sizeof path, "/api/v1/public/consultations/%lld", (long long)id);
	json_t *c = cfx_get(&f, NULL, path);
	CHECK_CONTAINS(json_string_value(json_object_get(c, "draft")), "定期检测水质");
	CHECK_STR(json_string_value(json_object_get(c, "explanation")), "依据水法和本县实际起草");
	CHECK_INT(json_integer_value(json_object_get(c, "version")), 2);
	json_decref(c);

	/* a comment through the phone-sized form: a receipt */
	struct http_resp r = portal_post(&f, id, "建议第二条写明检测频次，例如每季度一次。", true);
	CHECK_INT(r.status, 201);
	CHECK_CONTAINS(r.body, "回执编号");
	const char *yj = r.body ? strstr(r.body, "YJ") : NULL;
	char receipt[COMMENT_RECEIPT_LEN + 1] = "";
	if (yj)
		snprintf(receipt, sizeof receipt, "%.*s", COMMENT_RECEIPT_LEN, yj);
	CHECK(comment_receipt_valid(receipt));
	t_resp_free(&r);
	/* and one through the API, with a contact */
	r = send_json(&f, id, "{\"body\":\"希望明确水费公示办法。\",\"contact\":\"13900000000\"}", NULL);
	CHECK_INT(r.status, 201);
	CHECK_CONTAINS(r.body, "\"receipt\":\"YJ");
	t_resp_free(&r);

	/* the public sees both, by receipt, without name or contact */
	snprintf(path, sizeof path, "/public/consultations/%lld", (long long)id);
	r = t_http(&f.d.ts, "GET", path, NULL, NULL, NULL);
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, receipt);
	CHECK_CONTAINS(r.body, "每季度一次");
	CHECK_CONTAINS(r.body, "收到意见 2 条");
	CHECK_LACKS(r.body, "13900000000");
	CHECK_LACKS(r.body, "王五");
	t_resp_free(&r);
	snprintf(path, sizeof path, "/api/v1/public/consultations/%lld/comments", (long long)id);
	r = t_http(&f.d.ts, "GET", path, NULL, NULL, NULL);
	CHECK_LACKS(r.body, "13900000000");
	CHECK_LACKS(r.body, "\"name\"");
	t_resp_free(&r);
	/* the drafting unit sees who sent them */
	snprintf(path, sizeof path, "/api/v1/cases/%lld/comments", (long long)id);
	json_t *s = cfx_get(&f, "officer1", path);
	CHECK_INT(json_integer_value(json_object_get(s, "total")), 2);
	CHECK_STR(json_string_value(json_object_get(json_array_get(json_object_get(s, "items"), 0), "name")), "王五");
	CHECK_STR(json_string_value(json_object_get(json_array_get(json_object_get(s, "items"), 1), "contact")), "13900000000");
	json_decref(s);
	/* each comment is a leaf of the ledger and audited */
	json_t *v = cfx_get(&f, "auditor", "/api/v1/audit?action=comment.submit&limit=5");
	CHECK_INT(json_integer_value(json_object_get(v, "total")), 2);
	json_decref(v);
	cfx_stop(&f);
}

TEST(public_comment_bad_input_is_refused_in_chinese_and_nothing_is_stored)
{
	struct case_fx f;
	REQUIRE(cfx_start(&f));
	int64_t id = matter_in_comment(&f);
	REQUIRE(id > 0);
	static const struct { const char *json, *field, *words; } bad[] = {
		{ "{\"body\":\"\"}", "body", "请填写意见内容" },
		{ "{\"body\":\"  \\n \"}", "body", "请填写意见内容" },
		{ "{\"name\":\"张三\"}", "body", "请填写意见内容" },
		{ "{\"body\":\"第一条\\u0007响铃\"}", "body", "无法识别的字符" },
		{ "{\"body\":\"好\",\"name\":\"张\\u001b三\"}", "name", "无法识别的字符" },
		{ "{\"body\":\"好\",\"contact\":\"12345678901234567890123456789012345678901234567890"
		  "12345678901234567890123456789012345678901234567890x\"}", "contact", "不能超过 100 个字" },
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct http_resp r = send_json(&f, id, bad[i].json, NULL);
		CHECK_ERROR(r, 400, "invalid", bad[i].field);
		CHECK_CONTAINS(r.body, bad[i].words);
		t_resp_free(&r);
	}
	/* too long: one character over */
	struct buf big = BUF_INIT;
	buf_adds(&big, "{\"body\":\"");
	for (int i = 0; i <= COMMENT_BODY_MAX; i++)
		buf_adds(&big, "意");
	buf_adds(&big, "\"}");
	struct http_resp r = send_json(&f, id, buf_cstr(&big), NULL);
	CHECK_ERROR(r, 400, "invalid", "body");
	CHECK_CONTAINS(r.body, "不能超过 3000 个字");
	t_resp_free(&r);
	buf_release(&big);
	/* the form: the message at the field, what was typed kept */
	r = portal_post(&f, id, "", true);
	CHECK_INT(r.status, 400);
	CHECK_CONTAINS(r.body, "请填写意见内容");
	CHECK_CONTAINS(r.body, "aria-invalid=\"true\"");
	t_resp_free(&r);
	r = portal_post(&f, id, "含有\x01控制字符", true);
	CHECK_INT(r.status, 400);
	CHECK_CONTAINS(r.body, "无法识别的字符");
	t_resp_free(&r);
	/* without the page's token (another site's form): refused, text kept */
	r = portal_post(&f, id, "来自别的网站的表单", false);
	CHECK_INT(r.status, 400);
	CHECK_CONTAINS(r.body, "页面已过期或来源无法确认");
	CHECK_CONTAINS(r.body, "来自别的网站的表单");
	t_resp_free(&r);
	/* a matter with no comment period: not found */
	r = send_json(&f, 999999, "{\"body\":\"意见\"}", NULL);
	CHECK_INT(r.status, 404);
	CHECK_CONTAINS(r.body, "没有这项公开征求意见");
	t_resp_free(&r);
	CHECK_INT(stored(&f, id), 0);
	cfx_stop(&f);
}

TEST(public_comment_rate_limit_per_address_refuses_past_the_limit_and_stores_nothing)
{
	struct case_fx f;
	REQUIRE(cfx_start(&f));
	int64_t id = matter_in_comment(&f);
	REQUIRE(id > 0);
	for (int i = 0; i < COMMENT_RATE_MAX; i++) {
		struct http_resp r = send_json(&f, id, "{\"body\":\"同意。\"}", NULL);
		CHECK_INT(r.status, 201);
		t_resp_free(&r);
	}
	struct http_resp r = send_json(&f, id, "{\"body\":\"再来一条。\"}", NULL);
	CHECK_INT(r.status, 429);
	CHECK_CONTAINS(r.body, "一天内最多提交 10 条意见");
	t_resp_free(&r);
	CHECK_INT(stored(&f, id), COMMENT_RATE_MAX);
	/* another address is not held back by this one */
	r = send_json(&f, id, "{\"body\":\"另一个地址的意见。\"}", "127.0.0.2");
	CHECK_INT(r.status, 201);
	t_resp_free(&r);
	CHECK_INT(stored(&f, id), COMMENT_RATE_MAX + 1);
	cfx_stop(&f);
}

TEST(public_comment_hidden_keeps_its_record_with_reason_and_who_hid_it)
{
	struct case_fx f;
	REQUIRE(cfx_start(&f));
	int64_t id = matter_in_comment(&f);
	REQUIRE(id > 0);
	struct http_resp r = send_json(&f, id, "{\"body\":\"广告：低价出售水泵，电话 139…\"}", NULL);
	CHECK_INT(r.status, 201);
	t_resp_free(&r);
	int64_t cid = comment_id(&f, id, 0);
	REQUIRE(cid > 0);
	/* hiding needs a reason; nothing recorded without one */
	r = act(&f, "officer1", id, cid, "{\"action\":\"hide\"}");
	CHECK_ERROR(r, 400, "invalid", "reason");
	CHECK_CONTAINS(r.body, "请填写理由");
	t_resp_free(&r);
	/* an account of another role may not handle comments */
	r = act(&f, "reviewer1", id, cid, "{\"action\":\"hide\",\"reason\":\"广告\"}");
	CHECK_INT(r.status, 403);
	t_resp_free(&r);
	r = act(&f, "officer1", id, cid, "{\"action\":\"hide\",\"reason\":\"与征求意见无关的广告\"}");
	CHECK_INT(r.status, 200);
	t_resp_free(&r);
	/* hiding twice is refused, saying when and by whom */
	r = act(&f, "officer1", id, cid, "{\"action\":\"hide\",\"reason\":\"再隐藏\"}");
	CHECK_INT(r.status, 409);
	CHECK_CONTAINS(r.body, "officer1");
	t_resp_free(&r);
	/* gone from the portal, kept in the record with why and who */
	char path[96];
	snprintf(path, sizeof path, "/public/consultations/%lld", (long long)id);
	r = t_http(&f.d.ts, "GET", path, NULL, NULL, NULL);
	CHECK_LACKS(r.body, "低价出售水泵");
	CHECK_CONTAINS(r.body, "其中 1 条因不宜公开未在网站显示");
	t_resp_free(&r);
	snprintf(path, sizeof path, "/api/v1/cases/%lld/comments", (long long)id);
	json_t *s = cfx_get(&f, "head1", path);
	json_t *c = json_array_get(json_object_get(s, "items"), 0);
	CHECK(json_is_true(json_object_get(c, "hidden")));
	CHECK_CONTAINS(json_string_value(json_object_get(c, "body")), "低价出售水泵");
	CHECK_STR(json_string_value(json_object_get(c, "hidden_reason")), "与征求意见无关的广告");
	CHECK_STR(json_string_value(json_object_get(c, "hidden_by")), "officer1");
	json_decref(s);
	CHECK_INT(stored(&f, id), 1);
	/* the matter's page shows it to the drafting unit, with the form */
	snprintf(path, sizeof path, "/cases/%lld", (long long)id);
	r = t_api(&f.d, "officer1", "GET", path, NULL);
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, "公众意见");
	CHECK_CONTAINS(r.body, "低价出售水泵");
	CHECK_CONTAINS(r.body, "不在网站显示</strong>：与征求意见无关的广告（officer1，");
	CHECK_CONTAINS(r.body, "<option value=\"show\">恢复显示</option>");
	t_resp_free(&r);
	/* shown again with a reason */
	r = act(&f, "officer1", id, cid, "{\"action\":\"show\",\"reason\":\"复核后认为可以公开\"}");
	CHECK_INT(r.status, 200);
	t_resp_free(&r);
	snprintf(path, sizeof path, "/public/consultations/%lld", (long long)id);
	r = t_http(&f.d.ts, "GET", path, NULL, NULL, NULL);
	CHECK_CONTAINS(r.body, "低价出售水泵");
	t_resp_free(&r);
	cfx_stop(&f);
}

TEST(comment_close_needs_every_shown_comment_answered_and_the_account_then_portal_shows_it)
{
	struct case_fx f;
	REQUIRE(cfx_start(&f));
	int64_t id = matter_in_comment(&f);
	REQUIRE(id > 0);
	struct http_resp r = send_json(&f, id, "{\"body\":\"建议写明检测频次。\"}", NULL);
	t_resp_free(&r);
	r = send_json(&f, id, "{\"body\":\"建议取消收费。\"}", NULL);
	t_resp_free(&r);
	r = send_json(&f, id, "{\"body\":\"垃圾信息\"}", NULL);
	t_resp_free(&r);
	int64_t c1 = comment_id(&f, id, 0), c2 = comment_id(&f, id, 1), c3 = comment_id(&f, id, 2);
	char close[512];
	snprintf(close, sizeof close, "{\"step\":\"comment_close\",\"on\":\"%s\",\"fields\":"
		 "{\"comment_summary\":\"共收到意见3条，采纳1条，未采纳1条。\"}}", cfx_day(&f, 0));
	char path[96];
	snprintf(path, sizeof path, "/api/v1/cases/%lld/steps", (long long)id);
	int64_t before = cfx_event_count(&f, id);
	/* three unanswered: refused, naming how many, nothing recorded */
	r = t_api(&f.d, "officer1", "POST", path, close);
	CHECK_INT(r.status, 409);
	CHECK_CONTAINS(r.body, "还有 3 条公众意见没有写明是否采纳");
	t_resp_free(&r);
	CHECK_INT(cfx_event_count(&f, id), before);
	r = act(&f, "officer1", id, c1, "{\"action\":\"adopt\",\"reason\":\"已在第二条写明每季度检测\"}");
	CHECK_INT(r.status, 200);
	t_resp_free(&r);
	/* not adopting needs a reason */
	r = act(&f, "officer1", id, c2, "{\"action\":\"not_adopt\"}");
	CHECK_ERROR(r, 400, "invalid", "reason");
	t_resp_free(&r);
	r = act(&f, "officer1", id, c2, "{\"action\":\"not_adopt\",\"reason\":\"收费标准由物价部门另行规定\"}");
	CHECK_INT(r.status, 200);
	t_resp_free(&r);
	r = t_api(&f.d, "officer1", "POST", path, close);
	CHECK_INT(r.status, 409);
	CHECK_CONTAINS(r.body, "还有 1 条公众意见");
	t_resp_free(&r);
	/* a hidden comment needs no adoption decision */
	r = act(&f, "officer1", id, c3, "{\"action\":\"hide\",\"reason\":\"无实际内容\"}");
	CHECK_INT(r.status, 200);
	t_resp_free(&r);
	/* without the account: refused by the step's own required field */
	char empty[256];
	snprintf(empty, sizeof empty, "{\"step\":\"comment_close\",\"on\":\"%s\",\"fields\":{}}",
		 cfx_day(&f, 0));
	r = t_api(&f.d, "officer1", "POST", path, empty);
	CHECK_INT(r.status, 400);
	CHECK_CONTAINS(r.body, "意见采纳情况");
	t_resp_free(&r);
	CHECK_INT(cfx_event_count(&f, id), before);
	CHECK(CFX_STEP(&f, "officer1", id, close) > 0);

	/* closed: the account and the counts on the portal, listed as closed */
	char ppath[96];
	snprintf(ppath, sizeof ppath, "/public/consultations/%lld", (long long)id);
	r = t_http(&f.d.ts, "GET", ppath, NULL, NULL, NULL);
	CHECK_CONTAINS(r.body, "征求意见采纳情况说明");
	CHECK_CONTAINS(r.body, "共收到意见3条，采纳1条，未采纳1条。");
	CHECK_CONTAINS(r.body, "收到意见 3 条，采纳 1 条，部分采纳 0 条，未采纳 1 条");
	CHECK_CONTAINS(r.body, "已在第二条写明每季度检测");
	CHECK_LACKS(r.body, "name=\"form_token\"");
	t_resp_free(&r);
	/* no longer among the open ones (the demo county has its own) */
	json_t *l = cfx_get(&f, NULL, "/api/v1/public/consultations?limit=200");
	size_t li;
	json_t *lv;
	json_array_foreach(json_object_get(l, "items"), li, lv)
		CHECK(json_integer_value(json_object_get(lv, "id")) != id);
	json_decref(l);
	l = cfx_get(&f, NULL, "/api/v1/public/consultations?state=closed");
	json_t *it = json_array_get(json_object_get(l, "items"), 0);
	CHECK_INT(json_integer_value(json_object_get(it, "id")), id);
	CHECK_INT(json_integer_value(json_object_get(json_object_get(it, "counts"), "adopted")), 1);
	CHECK_STR(json_string_value(json_object_get(it, "adoption_account")), "共收到意见3条，采纳1条，未采纳1条。");
	json_decref(l);

	/* a comment after the close: refused with the day it closed */
	int64_t n = stored(&f, id);
	r = send_json(&f, id, "{\"body\":\"迟到的意见\"}", NULL);
	CHECK_INT(r.status, 409);
	char words[80];
	snprintf(words, sizeof words, "已于 %s 结束", cfx_day(&f, 0));
	CHECK_CONTAINS(r.body, words);
	t_resp_free(&r);
	CHECK_INT(stored(&f, id), n);
	/* and the adoption recorded in the account is not changed afterwards */
	r = act(&f, "officer1", id, c2, "{\"action\":\"adopt\"}");
	CHECK_INT(r.status, 409);
	CHECK_CONTAINS(r.body, "采纳情况说明已经公布");
	t_resp_free(&r);
	cfx_stop(&f);
}
