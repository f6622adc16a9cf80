/* search_test.c - the public search over HTTP, without signing in: the
 * API pages with its cursor to the end without repeats, marks matches in
 * escaped HTML, prompts on an empty query, answers bad parameters with a
 * Chinese 400 naming them and hostile queries with 200; the page has a
 * label for every input and a 下一页 link that works without script. */
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "app/search.h"
#include "base/date.h"
#include "api_fixture.h"
#include "harness.h"
#include "t.h"

static bool start(struct t_server *ts)
{
	struct app_ctx ctx;
	struct fz_error e = { 0 };
	char title[128], date[11];
	if (!t_server_start(ts))
		return false;
	app_ctx_init(&ctx, ts->st, ts->a, &ts->cfg, "cli", time_now());
	app_ctx_as_cli(&ctx);
	for (int i = 1; i <= 25; i++) {
		snprintf(date, sizeof date, "2026-05-%02d", i);
		snprintf(title, sizeof title, "第%d号关于违法占用土地的处罚决定", i);
		if (app_search_index(&ctx, "penalty", i, 1, date, title, "决定处以罚款。", &e))
			return t_fail(__FILE__, __LINE__, "%s", e.message), false;
	}
	if (app_search_index(&ctx, "permit", 99, 2, "2026-01-01",
			     "<script>alert(1)</script>罚款 & \"引号\"", "<b>罚款</b>", &e))
		return t_fail(__FILE__, __LINE__, "%s", e.message), false;
	return true;
}

/* Percent-encodes every byte outside [A-Za-z0-9]. */
static const char *enc(const char *s)
{
	static char out[1024];
	size_t o = 0;
	for (; *s && o + 4 < sizeof out; s++) {
		unsigned char c = (unsigned char)*s;
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
			out[o++] = (char)c;
		else
			o += (size_t)snprintf(out + o, sizeof out - o, "%%%02X", c);
	}
	out[o] = '\0';
	return out;
}

TEST(public_search_api_pages_to_the_end_without_repeats)
{
	struct t_server ts;
	char path[2048], seen[26] = { 0 };
	REQUIRE(start(&ts));
	snprintf(path, sizeof path, "/api/v1/public/search?q=%s&limit=10&kind=penalty",
		 enc("土地"));
	int pages = 0, total = 0;
	for (;;) {
		struct http_resp r = t_http(&ts, "GET", path, NULL, NULL, NULL);
		CHECK_INT(r.status, 200);
		json_t *o = json_loads(r.body, 0, NULL);
		REQUIRE(o);
		json_t *items = json_object_get(o, "items"), *it;
		size_t i;
		json_array_foreach(items, i, it) {
			int64_t ref = json_integer_value(json_object_get(it, "ref_id"));
			CHECK(ref >= 1 && ref <= 25 && !seen[ref]);
			if (ref >= 1 && ref <= 25)
				seen[ref] = 1;
			total++;
			CHECK_CONTAINS(json_string_value(json_object_get(it, "title_html")),
				       "<mark>土地</mark>");
		}
		pages++;
		const char *next = json_string_value(json_object_get(o, "next_cursor"));
		if (next)
			snprintf(path, sizeof path,
				 "/api/v1/public/search?q=%s&limit=10&kind=penalty&cursor=%s",
				 enc("土地"), next);
		json_decref(o);
		t_resp_free(&r);
		if (!next || pages > 5)
			break;
	}
	CHECK_INT(pages, 3);
	CHECK_INT(total, 25);
	t_server_stop(&ts);
}

TEST(public_search_marks_matches_in_escaped_html)
{
	struct t_server ts;
	char path[2048];
	REQUIRE(start(&ts));
	snprintf(path, sizeof path, "/api/v1/public/search?q=%s&kind=permit", enc("罚款"));
	struct http_resp r = t_http(&ts, "GET", path, NULL, NULL, NULL);
	CHECK_INT(r.status, 200);
	json_t *o = json_loads(r.body, 0, NULL);
	REQUIRE(o);
	json_t *it = json_array_get(json_object_get(o, "items"), 0);
	CHECK_STR(json_string_value(json_object_get(it, "title_html")),
		  "&lt;script&gt;alert(1)&lt;/script&gt;<mark>罚款</mark> &amp; &quot;引号&quot;");
	CHECK_STR(json_string_value(json_object_get(it, "snippet_html")),
		  "&lt;b&gt;<mark>罚款</mark>&lt;/b&gt;");
	CHECK_STR(json_string_value(json_object_get(it, "title")),
		  "<script>alert(1)</script>罚款 & \"引号\"");
	json_decref(o);
	t_resp_free(&r);

	snprintf(path, sizeof path, "/public/search?q=%s&kind=permit", enc("罚款"));
	r = t_http(&ts, "GET", path, NULL, NULL, NULL);
	CHECK_INT(r.status, 200);
	CHECK(!strstr(r.body, "<script>alert"));
	CHECK_CONTAINS(r.body, "&lt;script&gt;alert(1)&lt;/script&gt;<mark>罚款</mark>");
	t_resp_free(&r);
	t_server_stop(&ts);
}

TEST(public_search_prompts_on_empty_query_and_names_bad_parameters)
{
	struct t_server ts;
	REQUIRE(start(&ts));
	struct http_resp r = t_http(&ts, "GET", "/api/v1/public/search", NULL, NULL, NULL);
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, "\"items\":[]");
	CHECK_CONTAINS(r.body, "请输入要搜索的词语");
	t_resp_free(&r);
	static const struct {
		const char *query, *field;
	} bad[] = {
		{ "q=x&agency=abc", "agency" }, { "q=x&agency=0", "agency" },
		{ "q=x&kind=poster", "kind" }, { "q=x&from=2026-02-30", "from" },
		{ "q=x&to=1960-01-01", "to" }, { "q=x&from=2026-05-02&to=2026-05-01", "from" },
		{ "q=x&cursor=zz", "cursor" }, { "q=x&cursor=%27%3B--", "cursor" },
		{ "q=x&limit=1000", "limit" },
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		char path[2048];
		snprintf(path, sizeof path, "/api/v1/public/search?%s", bad[i].query);
		r = t_http(&ts, "GET", path, NULL, NULL, NULL);
		CHECK_INT(r.status, 400);
		char field[64];
		snprintf(field, sizeof field, "\"field\":\"%s\"", bad[i].field);
		CHECK_CONTAINS(r.body, field);
		t_resp_free(&r);
		snprintf(path, sizeof path, "/public/search?%s", bad[i].query);
		r = t_http(&ts, "GET", path, NULL, NULL, NULL);
		CHECK_INT(r.status, 400);
		/* the form shows the error at its input; cursor and limit have none */
		if (strcmp(bad[i].field, "cursor") && strcmp(bad[i].field, "limit"))
			CHECK_CONTAINS(r.body, "aria-invalid");
		else
			CHECK_CONTAINS(r.body, bad[i].field[0] == 'c' ? "翻页参数无效" : "每页条数");
		t_resp_free(&r);
	}
	t_server_stop(&ts);
}

TEST(public_search_answers_hostile_queries_with_results_not_errors)
{
	static const char *hostile[] = {
		"\"", "\"罚款", "罚款 OR 土地", "NEAR(罚款 土地)", "title:罚款", "{title}:x",
		"罚*", "^罚款", "' OR 1=1; --", "((", "-", "tags:a1", "\\", "%", "_",
	};
	struct t_server ts;
	REQUIRE(start(&ts));
	for (size_t i = 0; i < sizeof hostile / sizeof hostile[0]; i++) {
		char path[2048];
		snprintf(path, sizeof path, "/api/v1/public/search?q=%s", enc(hostile[i]));
		struct http_resp r = t_http(&ts, "GET", path, NULL, NULL, NULL);
		CHECK_INT(r.status, 200);
		t_resp_free(&r);
		snprintf(path, sizeof path, "/public/search?q=%s", enc(hostile[i]));
		r = t_http(&ts, "GET", path, NULL, NULL, NULL);
		CHECK_INT(r.status, 200);
		t_resp_free(&r);
	}
	/* invalid UTF-8 is refused at the edge with a Chinese message, not a 500 */
	struct http_resp r = t_http(&ts, "GET", "/api/v1/public/search?q=%FF%FE", NULL, NULL, NULL);
	CHECK_INT(r.status, 400);
	t_resp_free(&r);
	t_server_stop(&ts);
}

TEST(public_search_page_has_labels_and_a_next_link_without_script)
{
	struct t_server ts;
	char path[2048];
	REQUIRE(start(&ts));
	snprintf(path, sizeof path, "/public/search?q=%s", enc("处罚"));
	struct http_resp r = t_http(&ts, "GET", path, NULL, NULL, NULL);
	CHECK_INT(r.status, 200);
	static const char *inputs[] = { "q", "agency", "kind", "from", "to" };
	for (size_t i = 0; i < 5; i++) {
		char label[64];
		snprintf(label, sizeof label, "<label for=\"%s\"", inputs[i]);
		CHECK_CONTAINS(r.body, label);
	}
	CHECK_CONTAINS(r.body, "role=\"search\"");
	CHECK_CONTAINS(r.body, "<mark>处罚</mark>");
	CHECK(!strstr(r.body, "<script"));
	const char *next = strstr(r.body, "cursor=");
	CHECK(next != NULL);
	/* follow the link as a browser would */
	if (next) {
		char cursor[32] = { 0 };
		sscanf(next, "cursor=%31[0-9a-f]", cursor);
		snprintf(path, sizeof path, "/public/search?q=%s&cursor=%s", enc("处罚"), cursor);
		t_resp_free(&r);
		r = t_http(&ts, "GET", path, NULL, NULL, NULL);
		CHECK_INT(r.status, 200);
		CHECK_CONTAINS(r.body, "回到第一页");
		CHECK_CONTAINS(r.body, "第5号");
	}
	t_resp_free(&r);
	r = t_http(&ts, "GET", "/public/search", NULL, NULL, NULL);
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, "请输入要搜索的词语");
	t_resp_free(&r);
	t_server_stop(&ts);
}

TEST(public_search_finds_the_demo_county_decisions)
{
	struct t_server ts;
	struct demo_summary sum;
	char path[2048];
	REQUIRE(t_demo_server_start(&ts, &sum));
	snprintf(path, sizeof path, "/public/search?q=%s", enc("土地"));
	struct http_resp r = t_http(&ts, "GET", path, NULL, NULL, NULL);
	CHECK_INT(r.status, 200);
	/* published by the pipeline, each linked to its decision page; the
	 * withdrawn 停车场 decision has left the index */
	CHECK_CONTAINS(r.body, "仓储设施");
	CHECK_CONTAINS(r.body, "<a href=\"/public/decisions/");
	CHECK(strstr(r.body, "停车场") == NULL);
	CHECK_CONTAINS(r.body, "海原县自然资源局");
	CHECK_CONTAINS(r.body, "<option value=\"");
	t_resp_free(&r);
	snprintf(path, sizeof path, "/api/v1/public/search?q=%s", enc("罚"));
	r = t_http(&ts, "GET", path, NULL, NULL, NULL);
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, "挖砂");
	CHECK_CONTAINS(r.body, "\"url\":\"/public/decisions/");
	t_resp_free(&r);
	t_server_stop(&ts);
}

/* to= is the last day searched, not the first one left out: a decision
 * made on that day is found, by the API and by the page; the day after is
 * not. */
TEST(public_search_date_range_includes_decisions_made_on_the_end_date)
{
	struct t_server ts;
	char path[2048];
	REQUIRE(start(&ts));
	snprintf(path, sizeof path,
		 "/api/v1/public/search?q=%s&from=2026-05-09&to=2026-05-10&limit=100", enc("土地"));
	struct http_resp r = t_http(&ts, "GET", path, NULL, NULL, NULL);
	CHECK_INT(r.status, 200);
	json_t *o = json_loads(r.body, 0, NULL);
	REQUIRE(o);
	json_t *items = json_object_get(o, "items");
	CHECK_INT((long long)json_array_size(items), 2);
	CHECK_INT(json_integer_value(json_object_get(json_array_get(items, 0), "ref_id")), 10);
	CHECK_INT(json_integer_value(json_object_get(json_array_get(items, 1), "ref_id")), 9);
	json_decref(o);
	t_resp_free(&r);

	snprintf(path, sizeof path, "/api/v1/public/search?q=%s&to=2026-05-01", enc("土地"));
	r = t_http(&ts, "GET", path, NULL, NULL, NULL);
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, "\"ref_id\":1");
	CHECK(strstr(r.body, "\"ref_id\":2,") == NULL);
	t_resp_free(&r);

	snprintf(path, sizeof path, "/public/search?q=%s&from=2026-05-10&to=2026-05-10",
		 enc("土地"));
	r = t_http(&ts, "GET", path, NULL, NULL, NULL);
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, "第10号");
	CHECK(strstr(r.body, "第9号") == NULL && strstr(r.body, "第11号") == NULL);
	t_resp_free(&r);
	t_server_stop(&ts);
}
