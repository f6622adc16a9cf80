/* api_complaint_test.c - complaints (投诉举报, issue 12 §5) over HTTP: a
 * person files on the portal's form (no sign-in) and gets a receipt; the
 * justice bureau accepts and assigns it; the agency answers; the bureau
 * returns the answer once and then closes; the person's tracking page
 * shows the answer. Bad input is refused in Chinese with nothing stored;
 * a receipt reveals nothing about other complaints; an agency neither
 * sees nor answers another agency's complaint; dates before the
 * complaint are refused. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api_fixture.h"
#include "base/date.h"
#include "app/complaint.h"
#include "base/buf.h"
#include "t.h"

/* Complaints in the whole database, through the store. */
static int64_t stored(struct t_demo *d)
{
	struct complaint_list l;
	struct scope all = { .kind = SCOPE_ALL };
	struct complaint_filter f = { 0 };
	if (d->ts.st->ops->complaint_list(d->ts.st, d->ts.a, &f, &all, (struct page){ 0, 1 }, &l,
					  NULL))
		return -1;
	return l.total;
}

/* The value of cookie name in the Set-Cookie headers of r. */
static bool cookie_of(const struct http_resp *r, const char *name, char *out, size_t n)
{
	char key[40];
	snprintf(key, sizeof key, "%s=", name);
	const char *p = strstr(r->headers, key);
	if (!p)
		return false;
	p += strlen(key);
	size_t k = strcspn(p, ";\r\n");
	snprintf(out, n, "%.*s", (int)k, p);
	return true;
}

/* The value="…" after marker in body. */
static bool value_after(const char *body, const char *marker, char *out, size_t n)
{
	const char *p = strstr(body, marker);
	p = p ? strstr(p, "value=\"") : NULL;
	if (!p)
		return false;
	p += 7;
	size_t k = strcspn(p, "\"");
	snprintf(out, n, "%.*s", (int)k, p);
	return true;
}

/* Posts the portal's form (fields url-encoded by the caller) with a
 * fresh form token, or with none when token is false. */
static struct http_resp portal_post(struct t_demo *d, const char *fields, bool token)
{
	char cookie[128] = "", tok[80] = "", body[4096], hdr[160];
	struct http_resp g = t_http(&d->ts, "GET", "/public/complaints/new", NULL, NULL, NULL);
	if (g.status != 200 || !cookie_of(&g, "fz_cmp", cookie, sizeof cookie) ||
	    !value_after(g.body, "name=\"form_token\"", tok, sizeof tok))
		t_fail(__FILE__, __LINE__, "form page: %ld", g.status);
	t_resp_free(&g);
	snprintf(body, sizeof body, "form_token=%s&%s", token ? tok : "", fields);
	snprintf(hdr, sizeof hdr, "fz_cmp=%s", cookie);
	struct t_req rq = { .method = "POST", .path = "/public/complaints/new",
			    .content_type = "application/x-www-form-urlencoded", .body = body,
			    .cookie = hdr };
	return t_http_req(&d->ts, &rq);
}

/* The receipt number on a page or in a JSON answer. */
static bool receipt_in(const char *body, char out[CMP_RECEIPT_LEN + 1])
{
	const char *p = strstr(body, "TS2");
	if (!p || strlen(p) < CMP_RECEIPT_LEN)
		return false;
	memcpy(out, p, CMP_RECEIPT_LEN);
	out[CMP_RECEIPT_LEN] = '\0';
	return complaint_receipt_normalize(out, out);
}

static struct http_resp track(struct t_demo *d, const char *receipt, const char *last4)
{
	char body[200];
	snprintf(body, sizeof body, "receipt=%s&phone_last4=%s", receipt, last4);
	return t_http(&d->ts, "POST", "/public/complaints/track", NULL,
		      "application/x-www-form-urlencoded", body);
}

/* The id of the complaint with receipt, as the supervisor lists it. */
static int64_t id_of(struct t_demo *d, const char *receipt)
{
	struct http_resp r = t_api(d, "supervisor", "GET", "/api/v1/complaints?limit=200", NULL);
	json_t *j = t_json(&r);
	int64_t id = 0;
	size_t i;
	json_t *it;
	json_array_foreach(json_object_get(j, "items"), i, it)
		if (strcmp(json_string_value(json_object_get(it, "receipt")), receipt) == 0)
			id = json_integer_value(json_object_get(it, "id"));
	json_decref(j);
	t_resp_free(&r);
	return id;
}

static struct http_resp act(struct t_demo *d, const char *who, int64_t id, const char *json)
{
	char path[64];
	snprintf(path, sizeof path, "/api/v1/complaints/%lld/actions", (long long)id);
	return t_api(d, who, "POST", path, json);
}

static const char *state_of(const struct http_resp *r, char *out, size_t n)
{
	return t_json_str(r, "state", out, n);
}

/* A whole filing for agency, url-encoded: 张三, a mobile phone, a
 * certificate number as people type it, what happened, what is asked. */
static const char *form_ok(char *out, size_t n, int64_t agency)
{
	snprintf(out, n, "%s%lld%s",
		 "name=%E5%BC%A0%E4%B8%89&phone=139-0955-1234&agency_id=", (long long)agency,
		 "&cert_number=nx%2005220001&facts=%E6%98%A8%E5%A4%A9%E4%B8%8A%E5%8D%88%E5%9C%A8"
		 "%E5%9F%8E%E5%85%B3%E9%95%87%E6%89%A7%E6%B3%95%E4%BA%BA%E5%91%98%E6%9C%AA%E5%87%BA"
		 "%E7%A4%BA%E8%AF%81%E4%BB%B6&request=%E8%AF%B7%E6%9F%A5%E5%A4%84");
	return out;
}

TEST(complaint_filed_on_the_portal_is_assigned_answered_and_tracked_with_the_reply)
{
	struct t_demo d;
	char receipt[CMP_RECEIPT_LEN + 1], st[32], fields[1024], json[512];
	REQUIRE(t_demo_start(&d));
	int64_t before = stored(&d);
	form_ok(fields, sizeof fields, d.sum.agency_ids[1]);
	struct http_resp r = portal_post(&d, fields, true);
	CHECK_INT(r.status, 201);
	CHECK_CONTAINS(r.body, "回执编号");
	REQUIRE(receipt_in(r.body, receipt));
	t_resp_free(&r);
	CHECK_INT(stored(&d), before + 1);

	/* the person sees it received; a tracking form needs the last four */
	r = track(&d, receipt, "1234");
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, "已收到，正在审查是否受理");
	CHECK_LACKS(r.body, "139"); /* who filed is not shown back */
	t_resp_free(&r);

	int64_t id = id_of(&d, receipt);
	REQUIRE(id > 0);
	char path[64];
	snprintf(path, sizeof path, "/api/v1/complaints/%lld", (long long)id);
	/* the agency sees nothing until it is assigned to it */
	r = t_api(&d, "head1", "GET", path, NULL);
	CHECK_INT(r.status, 404);
	t_resp_free(&r);
	r = t_api(&d, "supervisor", "GET", path, NULL);
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, "\"cert_number\":\"NX05220001\""); /* normalised */
	CHECK_CONTAINS(r.body, "\"actions\":[\"accept\",\"reject\"]");
	t_resp_free(&r);

	/* the agency cannot accept; the bureau accepts and assigns */
	snprintf(json, sizeof json, "{\"action\":\"accept\",\"agency_id\":%lld}",
		 (long long)d.sum.agency_ids[1]);
	r = act(&d, "supervisor", id, "{\"action\":\"reply\",\"text\":\"已处理\"}");
	CHECK_ERROR(r, 409, "conflict", "state");
	t_resp_free(&r);
	r = act(&d, "supervisor", id, json);
	CHECK_INT(r.status, 200);
	CHECK_STR(state_of(&r, st, sizeof st), "assigned");
	CHECK(t_json_str(&r, "due_on", st, sizeof st)[0] != '\0');
	t_resp_free(&r);

	/* a reply dated before the complaint is refused; an officer may not reply */
	char yesterday[11];
	date_today(time_now(), yesterday);
	REQUIRE(date_add_days(yesterday, -1, yesterday));
	snprintf(json, sizeof json, "{\"action\":\"reply\",\"text\":\"已核实\",\"on\":\"%s\"}",
		 yesterday);
	r = act(&d, "head1", id, json);
	CHECK_ERROR(r, 400, "invalid", "on");
	CHECK_CONTAINS(r.body, "日期不能早于收到投诉的日期");
	t_resp_free(&r);
	r = act(&d, "officer1", id, "{\"action\":\"reply\",\"text\":\"已核实\"}");
	CHECK_INT(r.status, 403);
	t_resp_free(&r);
	r = act(&d, "head1", id, "{\"action\":\"reply\",\"text\":\"\"}");
	CHECK_ERROR(r, 400, "invalid", "text");
	t_resp_free(&r);
	r = act(&d, "head1", id, "{\"action\":\"reply\",\"text\":\"已核实，执法人员当时未出示证件\"}");
	CHECK_INT(r.status, 200);
	CHECK_STR(state_of(&r, st, sizeof st), "replied");
	t_resp_free(&r);
	/* the answer is not public before the bureau accepts it */
	r = track(&d, receipt, "1234");
	CHECK_CONTAINS(r.body, "答复审核中");
	CHECK_LACKS(r.body, "未出示证件");
	t_resp_free(&r);

	/* the bureau returns it with a reason; the agency answers again */
	r = act(&d, "supervisor", id, "{\"action\":\"return\",\"text\":\"未说明处理结果\"}");
	CHECK_STR(state_of(&r, st, sizeof st), "assigned");
	t_resp_free(&r);
	r = act(&d, "reviewer1", id,
		"{\"action\":\"reply\",\"text\":\"已批评教育该执法人员，并责令其今后执法时主动出示证件\"}");
	CHECK_INT(r.status, 200);
	t_resp_free(&r);
	r = act(&d, "head1", id, "{\"action\":\"close\"}");
	CHECK_INT(r.status, 403);
	t_resp_free(&r);
	r = act(&d, "supervisor", id, "{\"action\":\"close\"}");
	CHECK_STR(state_of(&r, st, sizeof st), "closed");
	t_resp_free(&r);

	r = track(&d, receipt, "1234");
	CHECK_CONTAINS(r.body, "已办结");
	CHECK_CONTAINS(r.body, "责令其今后执法时主动出示证件");
	t_resp_free(&r);
	/* every step is an event with its ledger leaf */
	r = t_api(&d, "supervisor", "GET", path, NULL);
	json_t *j = t_json(&r);
	CHECK_INT(json_array_size(json_object_get(j, "events")), 6);
	json_decref(j);
	/* who did each step, by name as the audit log shows people (issue 10):
	 * the account stays in the record */
	CHECK_CONTAINS(r.body, "\"actor\":\"supervisor\",\"actor_name\":\"司法局执法监督员\"");
	t_resp_free(&r);
	snprintf(path, sizeof path, "/complaints/%lld", (long long)id);
	r = t_http(&d.ts, "GET", path, t_demo_token(&d, "supervisor"), NULL, NULL);
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, "（司法局执法监督员）");
	CHECK_CONTAINS(r.body, "（自然资源局局长）");
	CHECK_LACKS(r.body, "（supervisor）");
	CHECK_LACKS(r.body, "（head1）");
	t_resp_free(&r);
	int64_t *ids;
	size_t n;
	REQUIRE(d.ts.st->ops->ledger_unlogged(d.ts.st, d.ts.a, 9, 10, &ids, &n, NULL) == FZ_OK);
	CHECK_INT(n, 0);
	t_demo_stop(&d);
}

TEST(complaint_bad_input_is_refused_in_chinese_and_nothing_is_stored)
{
	struct t_demo d;
	char body[4096], fields[1024];
	REQUIRE(t_demo_start(&d));
	int64_t before = stored(&d);
	long long ag = (long long)d.sum.agency_ids[1];
	/* each: the body before agency_id's value, after it, the field, the words */
	static const struct { const char *head, *tail, *field, *msg; } bad[] = {
		{ "{\"name\":\"张三\",\"phone\":\"13909551234\",", ",\"facts\":\"\",\"request\":\"查处\"}",
		  "facts", "请填写投诉事项" },
		{ "{\"name\":\"张三\",\"phone\":\"13909551234\",", ",\"facts\":\"太短\",\"request\":\"查处\"}",
		  "facts", "至少 10 个字" },
		{ "{\"name\":\"张三\",\"phone\":\"12345\",", ",\"facts\":\"执法人员未出示证件就检查\",\"request\":\"查处\"}",
		  "phone", "联系电话格式不对" },
		{ "{\"phone\":\"13909551234\",", ",\"facts\":\"执法人员未出示证件就检查\",\"request\":\"查处\"}",
		  "name", "请填写您的姓名" },
		{ "{\"name\":\"张三\",\"phone\":\"13909551234\",", "999,\"facts\":\"执法人员未出示证件就检查\",\"request\":\"查处\"}",
		  "agency_id", "所选的执法机关不存在" },
		{ "{\"name\":\"张三\",\"phone\":\"13909551234\",", ",\"facts\":\"执法人员未出示证件就检查\",\"request\":\"查处\",\"cert_number\":\"NX05220001000000000000000000000000000\"}",
		  "cert_number", "执法证号格式不对" },
		{ "{\"name\":\"张三\",\"phone\":\"13909551234\",", ",\"facts\":\"执法人员未出示证件就检查\",\"request\":\"   \"}",
		  "request", "请填写投诉请求" },
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		snprintf(body, sizeof body, "%s\"agency_id\":%lld%s", bad[i].head, ag, bad[i].tail);
		struct http_resp r = t_api(&d, NULL, "POST", "/api/v1/public/complaints", body);
		CHECK_ERROR(r, 400, "invalid", bad[i].field);
		CHECK_CONTAINS(r.body, bad[i].msg);
		t_resp_free(&r);
	}
	/* too long: 2001 characters */
	struct buf big = BUF_INIT;
	buf_addf(&big, "{\"name\":\"张三\",\"phone\":\"13909551234\",\"agency_id\":%lld,\"facts\":\"", ag);
	for (int i = 0; i < 2001; i++)
		buf_adds(&big, "事");
	buf_adds(&big, "\",\"request\":\"查处\"}");
	struct http_resp r = t_api(&d, NULL, "POST", "/api/v1/public/complaints", buf_cstr(&big));
	CHECK_ERROR(r, 400, "invalid", "facts");
	t_resp_free(&r);
	buf_release(&big);
	CHECK_INT(stored(&d), before);

	/* the page keeps what was typed and says what is wrong, at the field */
	snprintf(fields, sizeof fields,
		 "name=%%E5%%BC%%A0%%E4%%B8%%89&phone=123&agency_id=%lld&facts=%%E6%%9C%%AA%%E5%%87%%BA"
		 "%%E7%%A4%%BA%%E8%%AF%%81%%E4%%BB%%B6%%E5%%B0%%B1%%E8%%BF%%9B%%E5%%BA%%97%%E6%%A3%%80%%E6%%9F%%A5"
		 "&request=%%E6%%9F%%A5%%E5%%A4%%84", ag);
	r = portal_post(&d, fields, true);
	CHECK_INT(r.status, 400);
	CHECK_CONTAINS(r.body, "联系电话格式不对");
	CHECK_CONTAINS(r.body, "未出示证件就进店检查");
	CHECK_CONTAINS(r.body, "aria-invalid=\"true\"");
	t_resp_free(&r);
	/* an empty account of what happened: the text area itself is marked,
	 * as an attribute, never printed as text */
	snprintf(fields, sizeof fields,
		 "name=%%E5%%BC%%A0%%E4%%B8%%89&phone=13800138000&agency_id=%lld&facts="
		 "&request=%%E6%%9F%%A5%%E5%%A4%%84", ag);
	r = portal_post(&d, fields, true);
	CHECK_INT(r.status, 400);
	CHECK_CONTAINS(r.body, "name=\"facts\" rows=\"5\"");
	CHECK_CONTAINS(r.body, " aria-invalid=\"true\">");
	CHECK(!strstr(r.body, "aria-invalid=&"));
	CHECK_INT(stored(&d), before);
	t_resp_free(&r);
	/* without the form's token (another site's form): refused, kept */
	form_ok(fields, sizeof fields, (int64_t)ag);
	r = portal_post(&d, fields, false);
	CHECK_INT(r.status, 400);
	CHECK_CONTAINS(r.body, "页面已过期或来源无法确认");
	CHECK_CONTAINS(r.body, "未出示证件");
	t_resp_free(&r);
	CHECK_INT(stored(&d), before);

	/* five a day from one address; the sixth is refused, not stored */
	for (int i = 0; i < COMPLAINT_RATE_MAX; i++) {
		r = portal_post(&d, fields, true);
		CHECK_INT(r.status, 201);
		t_resp_free(&r);
	}
	r = portal_post(&d, fields, true);
	CHECK_INT(r.status, 429);
	CHECK_CONTAINS(r.body, "一天内最多提交");
	t_resp_free(&r);
	CHECK_INT(stored(&d), before + COMPLAINT_RATE_MAX);
	t_demo_stop(&d);
}

TEST(complaint_receipt_reveals_nothing_about_other_complaints)
{
	struct t_demo d;
	char receipt[CMP_RECEIPT_LEN + 1], other[CMP_RECEIPT_LEN + 1], body[512];
	REQUIRE(t_demo_start(&d));
	snprintf(body, sizeof body,
		 "{\"name\":\"李四\",\"phone\":\"0955-4012345\",\"agency_id\":%lld,"
		 "\"facts\":\"执法人员在检查时态度粗暴\",\"request\":\"请调查\"}",
		 (long long)d.sum.agency_ids[2]);
	struct http_resp r = t_api(&d, NULL, "POST", "/api/v1/public/complaints", body);
	CHECK_INT(r.status, 201);
	REQUIRE(receipt_in(r.body, receipt));
	CHECK_LACKS(r.body, "李四");
	t_resp_free(&r);

	/* a well-formed receipt nobody holds, and the right receipt with the
	 * wrong digits: one answer, word for word */
	unsigned char rnd[CMP_RECEIPT_RANDOM] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 };
	char today[11];
	date_today(time_now(), today);
	complaint_receipt_make(today, rnd, other);
	struct http_resp a = track(&d, other, "2345");
	struct http_resp b = track(&d, receipt, "9999");
	struct http_resp c = track(&d, receipt, "");
	CHECK_INT(a.status, 404);
	CHECK_INT(b.status, 404);
	CHECK_INT(c.status, 404);
	CHECK_CONTAINS(a.body, "未查到与该回执编号和电话后四位相符的投诉");
	CHECK_STR(strstr(a.body, "<div class=\"flash"), strstr(b.body, "<div class=\"flash"));
	CHECK_LACKS(b.body, "执法人员在检查时态度粗暴");
	t_resp_free(&a);
	t_resp_free(&b);
	t_resp_free(&c);
	/* a mistyped receipt (its check character fails) is told as a typo */
	receipt[12] = receipt[12] == 'A' ? 'B' : 'A';
	r = track(&d, receipt, "2345");
	CHECK_INT(r.status, 400);
	CHECK_CONTAINS(r.body, "回执编号有误");
	t_resp_free(&r);
	/* the API says the same */
	snprintf(body, sizeof body, "{\"receipt\":\"%s\",\"phone_last4\":\"2345\"}", other);
	r = t_api(&d, NULL, "POST", "/api/v1/public/complaints/track", body);
	CHECK_ERROR(r, 404, "not_found", "receipt");
	t_resp_free(&r);
	t_demo_stop(&d);
}

/* Tracking is limited by lookups that found nothing, per address: a
 * person who knows a receipt cannot try the 10 000 last-four digits. */
TEST(complaint_tracking_lookups_that_find_nothing_are_limited_per_address)
{
	struct t_demo d;
	char receipt[CMP_RECEIPT_LEN + 1], body[512];
	REQUIRE(t_demo_start(&d));
	snprintf(body, sizeof body,
		 "{\"name\":\"李四\",\"phone\":\"13909551234\",\"agency_id\":%lld,"
		 "\"facts\":\"执法人员在检查时态度粗暴\",\"request\":\"请调查\"}",
		 (long long)d.sum.agency_ids[2]);
	struct http_resp r = t_api(&d, NULL, "POST", "/api/v1/public/complaints", body);
	CHECK_INT(r.status, 201);
	REQUIRE(receipt_in(r.body, receipt));
	t_resp_free(&r);
	/* lookups that find the complaint are not counted */
	for (int i = 0; i < COMPLAINT_TRACK_FAIL_MAX + 2; i++) {
		r = track(&d, receipt, "1234");
		CHECK_INT(r.status, 200);
		t_resp_free(&r);
	}
	/* wrong digits, up to the limit: each answered "not found" */
	for (int i = 0; i < COMPLAINT_TRACK_FAIL_MAX; i++) {
		char digits[5];
		snprintf(digits, sizeof digits, "%04d", 2000 + i);
		r = track(&d, receipt, digits);
		CHECK_INT(r.status, 404);
		t_resp_free(&r);
	}
	/* then even the right digits are refused for the hour, saying why */
	r = track(&d, receipt, "1234");
	CHECK_INT(r.status, 429);
	CHECK_CONTAINS(r.body, "查询未果的次数过多");
	CHECK_CONTAINS(r.headers, "Retry-After: 3600");
	CHECK_LACKS(r.body, "执法人员在检查时态度粗暴");
	CHECK_LACKS(r.body, "已收到");
	t_resp_free(&r);
	snprintf(body, sizeof body, "{\"receipt\":\"%s\",\"phone_last4\":\"1234\"}", receipt);
	r = t_api(&d, NULL, "POST", "/api/v1/public/complaints/track", body);
	CHECK_ERROR(r, 429, "rate_limited", "rate");
	CHECK_CONTAINS(r.body, "一小时内最多可查询未果 10 次");
	t_resp_free(&r);
	t_demo_stop(&d);
}

TEST(complaint_of_another_agency_is_neither_seen_nor_answered)
{
	struct t_demo d;
	char body[512], path[64], receipt[CMP_RECEIPT_LEN + 1];
	REQUIRE(t_demo_start(&d));
	snprintf(body, sizeof body,
		 "{\"channel\":\"hotline\",\"name\":\"王五\",\"phone\":\"13800001111\",\"agency_id\":%lld,"
		 "\"facts\":\"市场监管执法人员检查时未告知权利\",\"request\":\"请答复\"}",
		 (long long)d.sum.agency_ids[2]);
	/* only the bureau enters complaints */
	struct http_resp r = t_api(&d, "head1", "POST", "/api/v1/complaints", body);
	CHECK_INT(r.status, 403);
	t_resp_free(&r);
	r = t_api(&d, "supervisor", "POST", "/api/v1/complaints", body);
	CHECK_INT(r.status, 201);
	CHECK_CONTAINS(r.body, "\"channel\":\"hotline\"");
	REQUIRE(receipt_in(r.body, receipt));
	int64_t id = t_json_int(&r, "id");
	t_resp_free(&r);
	/* the bureau may not assign outside its division (中宁县): refused,
	 * the complaint still waits */
	snprintf(body, sizeof body, "{\"action\":\"accept\",\"agency_id\":%lld}",
		 (long long)d.sum.agency_ids[9]);
	r = act(&d, "supervisor", id, body);
	CHECK_ERROR(r, 400, "invalid", "agency_id");
	CHECK_CONTAINS(r.body, "本辖区");
	t_resp_free(&r);
	snprintf(body, sizeof body, "{\"action\":\"accept\",\"agency_id\":%lld}",
		 (long long)d.sum.agency_ids[2]);
	r = act(&d, "supervisor", id, body);
	CHECK_INT(r.status, 200);
	t_resp_free(&r);
	/* 自然资源局's head and reviewer: not found, cannot answer, not listed */
	snprintf(path, sizeof path, "/api/v1/complaints/%lld", (long long)id);
	r = t_api(&d, "head1", "GET", path, NULL);
	CHECK_INT(r.status, 404);
	t_resp_free(&r);
	r = act(&d, "head1", id, "{\"action\":\"reply\",\"text\":\"已处理\"}");
	CHECK_INT(r.status, 404);
	t_resp_free(&r);
	r = t_api(&d, "reviewer1", "GET", "/api/v1/complaints", NULL);
	CHECK_LACKS(r.body, receipt);
	t_resp_free(&r);
	snprintf(path, sizeof path, "/complaints/%lld", (long long)id);
	r = t_api(&d, "head1", "GET", path, NULL);
	CHECK_INT(r.status, 404);
	t_resp_free(&r);
	t_demo_stop(&d);
}

/* The indicator's numerator and denominator as the API gives them. */
static void complaint_indicator(struct t_demo *d, int64_t *num, int64_t *den)
{
	struct http_resp r = t_api(d, "supervisor", "GET", "/api/v1/indicators?from=2020-01-01", NULL);
	json_t *j = t_json(&r);
	size_t i;
	json_t *it;
	*num = *den = -1;
	json_array_foreach(json_object_get(j, "items"), i, it)
		if (strcmp(json_string_value(json_object_get(it, "id")), "complaints") == 0) {
			*num = json_integer_value(json_object_get(it, "numerator"));
			*den = json_integer_value(json_object_get(it, "denominator"));
		}
	json_decref(j);
	t_resp_free(&r);
}

/* The number on who's workbench tile labelled label (-1 when absent). */
static long tile(struct t_demo *d, const char *who, const char *label)
{
	char tail[96];
	long n = -1;
	snprintf(tail, sizeof tail, "</strong> %s<", label);
	struct http_resp r = t_api(d, who, "GET", "/workbench", NULL);
	const char *at = strstr(r.body, tail);
	if (at) {
		while (at > r.body && at[-1] >= '0' && at[-1] <= '9')
			at--;
		n = strtol(at, NULL, 10);
	}
	t_resp_free(&r);
	return n;
}

/* Enters a complaint received days_ago about agency, accepts it for that
 * agency the next day; returns its id. */
static int64_t accepted(struct t_demo *d, int64_t agency, int days_ago)
{
	char body[512], day[11], today[11];
	date_today(time_now(), today);
	if (!date_add_days(today, -days_ago, day))
		return -1;
	snprintf(body, sizeof body,
		 "{\"channel\":\"phone\",\"name\":\"孙某\",\"phone\":\"13800002222\",\"agency_id\":%lld,"
		 "\"facts\":\"执法人员检查后没有留下任何文书\",\"request\":\"请答复\",\"received_on\":\"%s\"}",
		 (long long)agency, day);
	struct http_resp r = t_api(d, "supervisor", "POST", "/api/v1/complaints", body);
	int64_t id = r.status == 201 ? t_json_int(&r, "id") : -1;
	t_resp_free(&r);
	if (id < 0 || !date_add_days(day, 1, day))
		return -1;
	snprintf(body, sizeof body, "{\"action\":\"accept\",\"agency_id\":%lld,\"on\":\"%s\"}",
		 (long long)agency, day);
	r = act(d, "supervisor", id, body);
	if (r.status != 200)
		id = -1;
	t_resp_free(&r);
	return id;
}

TEST(complaint_indicator_counts_closed_in_time_and_the_overdue_alert_leaves_when_answered)
{
	struct t_demo d;
	int64_t num0, den0, num, den;
	char day[11], body[256];
	REQUIRE(t_demo_start(&d));
	complaint_indicator(&d, &num0, &den0);
	REQUIRE(num0 >= 0 && den0 >= 0);
	long late0 = tile(&d, "head1", "件投诉已逾期");
	long mine0 = tile(&d, "head1", "件投诉待我办理");
	REQUIRE(late0 >= 0 && mine0 >= 0);

	/* three accepted 99 days ago for 自然资源局: the period (60 days) is over */
	int64_t a = accepted(&d, d.sum.agency_ids[1], 100);
	int64_t b = accepted(&d, d.sum.agency_ids[1], 100);
	int64_t c = accepted(&d, d.sum.agency_ids[1], 100);
	/* and one accepted today: within its period, not counted yet */
	int64_t fresh = accepted(&d, d.sum.agency_ids[1], 1);
	REQUIRE(a > 0 && b > 0 && c > 0 && fresh > 0);
	/* a: answered 80 days ago and closed then: in time */
	date_today(time_now(), day);
	REQUIRE(date_add_days(day, -80, day));
	snprintf(body, sizeof body, "{\"action\":\"reply\",\"text\":\"已补送文书\",\"on\":\"%s\"}", day);
	struct http_resp r = act(&d, "head1", a, body);
	CHECK_INT(r.status, 200);
	t_resp_free(&r);
	snprintf(body, sizeof body, "{\"action\":\"close\",\"on\":\"%s\"}", day);
	r = act(&d, "supervisor", a, body);
	CHECK_INT(r.status, 200);
	t_resp_free(&r);
	/* b: answered and closed today: late */
	r = act(&d, "head1", b, "{\"action\":\"reply\",\"text\":\"已补送文书\"}");
	t_resp_free(&r);
	r = act(&d, "supervisor", b, "{\"action\":\"close\"}");
	CHECK_INT(r.status, 200);
	t_resp_free(&r);
	/* c: still unanswered: counted, not met, and an alert for head1 */
	complaint_indicator(&d, &num, &den);
	CHECK_INT(den, den0 + 3);
	CHECK_INT(num, num0 + 1);
	CHECK_INT(tile(&d, "head1", "件投诉已逾期"), late0 + 1);
	CHECK_INT(tile(&d, "head1", "件投诉待我办理"), mine0 + 2); /* c and fresh */
	r = t_api(&d, "head1", "GET", "/complaints?overdue=true", NULL);
	char path[48];
	snprintf(path, sizeof path, "href=\"/complaints/%lld\"", (long long)c);
	CHECK_CONTAINS(r.body, path);
	t_resp_free(&r);
	/* the drill-down lists the complaints on each side */
	r = t_api(&d, "supervisor", "GET", "/indicators/complaints?part=num&from=2020-01-01", NULL);
	snprintf(path, sizeof path, "href=\"/complaints/%lld\"", (long long)a);
	CHECK_CONTAINS(r.body, path);
	snprintf(path, sizeof path, "href=\"/complaints/%lld\"", (long long)b);
	CHECK_LACKS(r.body, path);
	t_resp_free(&r);

	/* the agency answers: the alert leaves (the fact changed) */
	r = act(&d, "head1", c, "{\"action\":\"reply\",\"text\":\"已补送文书并向投诉人说明\"}");
	CHECK_INT(r.status, 200);
	t_resp_free(&r);
	CHECK_INT(tile(&d, "head1", "件投诉已逾期"), late0);
	CHECK_INT(tile(&d, "head1", "件投诉待我办理"), mine0 + 1);
	t_demo_stop(&d);
}

/* A page form post with a bearer token (no cookie: no CSRF field). */
static struct http_resp page_post(struct t_demo *d, const char *who, const char *path,
				  const char *body)
{
	return t_http(&d->ts, "POST", path, t_demo_token(d, who),
		      "application/x-www-form-urlencoded", body);
}

TEST(complaint_pages_offer_only_the_actions_possible_now)
{
	struct t_demo d;
	char path[64], body[600];
	REQUIRE(t_demo_start(&d));
	/* the bureau enters a letter on the page */
	snprintf(body, sizeof body,
		 "channel=letter&name=%%E5%%88%%98&phone=13900001111&agency_id=%lld"
		 "&facts=%%E6%%89%%A7%%E6%%B3%%95%%E4%%BA%%BA%%E5%%91%%98%%E6%%9C%%AA%%E5%%87%%BA%%E7%%A4%%BA%%E8%%AF%%81%%E4%%BB%%B6%%E5%%B0%%B1%%E6%%A3%%80%%E6%%9F%%A5"
		 "&request=%%E6%%9F%%A5%%E5%%A4%%84",
		 (long long)d.sum.agency_ids[1]);
	struct http_resp r = page_post(&d, "supervisor", "/complaints", body);
	CHECK_INT(r.status, 303);
	char loc[80];
	t_header(&r, "Location", loc, sizeof loc);
	t_resp_free(&r);
	int64_t id = strtoll(loc + strlen("/complaints/"), NULL, 10);
	REQUIRE(id > 0);
	snprintf(path, sizeof path, "/complaints/%lld", (long long)id);
	r = t_api(&d, "supervisor", "GET", path, NULL);
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, "来信");
	CHECK_CONTAINS(r.body, "value=\"accept\"");
	CHECK_CONTAINS(r.body, "value=\"reject\"");
	CHECK_LACKS(r.body, "value=\"reply\"");
	CHECK_LACKS(r.body, "value=\"close\"");
	t_resp_free(&r);
	/* refusing without a reason: the page says so, nothing changes */
	snprintf(path, sizeof path, "/complaints/%lld/act", (long long)id);
	r = page_post(&d, "supervisor", path, "action=reject&text=&on=");
	CHECK_INT(r.status, 400);
	CHECK_CONTAINS(r.body, "请填写不予受理的理由");
	CHECK_CONTAINS(r.body, "value=\"accept\""); /* still to decide */
	t_resp_free(&r);
	snprintf(body, sizeof body, "action=accept&agency_id=%lld&on=",
		 (long long)d.sum.agency_ids[1]);
	r = page_post(&d, "supervisor", path, body);
	CHECK_INT(r.status, 303);
	t_resp_free(&r);
	/* now the agency's head may answer, the bureau may not act */
	snprintf(path, sizeof path, "/complaints/%lld", (long long)id);
	r = t_api(&d, "head1", "GET", path, NULL);
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, "value=\"reply\"");
	CHECK_LACKS(r.body, "value=\"accept\"");
	t_resp_free(&r);
	r = t_api(&d, "supervisor", "GET", path, NULL);
	CHECK_LACKS(r.body, "value=\"reply\"");
	CHECK_LACKS(r.body, "value=\"close\"");
	t_resp_free(&r);
	/* the list filters by state, in the URL, and pages */
	r = t_api(&d, "supervisor", "GET", "/complaints?state=assigned&limit=1", NULL);
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, "办理中");
	CHECK_LACKS(r.body, "不予受理</td>");
	t_resp_free(&r);
	r = t_api(&d, "supervisor", "GET", "/complaints?state=nonsense", NULL);
	CHECK_INT(r.status, 400);
	t_resp_free(&r);
	t_demo_stop(&d);
}
