/* pages_inspections_test.c - 双随机 on the portal, on the demo county: the
 * demo's draw is published with its seed, natural persons among the
 * targets masked and businesses named, and the published lists re-run
 * with `fazhi draw` (the binary, as an outsider would) print exactly the
 * published expected output. */
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>

#include "../cli/cli_run.h"
#include "api_fixture.h"
#include "base/date.h"
#include "t.h"

/* The id of the demo's first published draw, or 0. */
static int64_t first_draw(struct t_demo *d)
{
	struct http_resp r = t_api(d, NULL, "GET", "/api/v1/public/inspections", NULL);
	json_t *j = t_json(&r);
	json_t *it = j ? json_array_get(json_object_get(j, "items"), 0) : NULL;
	int64_t id = it ? json_integer_value(json_object_get(it, "id")) : 0;
	json_decref(j);
	t_resp_free(&r);
	return id;
}

static void check_no_person(const char *file, int line, const char *text)
{
	static const char *const names[] = { "马建国", "马文海", "李秀兰" };
	for (size_t i = 0; text && i < 3; i++)
		if (strstr(text, names[i]))
			t_fail(file, line, "a natural person's name is published: %s", names[i]);
}

TEST(public_inspections_publish_each_draw_with_persons_masked_and_businesses_named)
{
	struct t_demo d;
	REQUIRE(t_demo_start(&d));
	int64_t id = first_draw(&d);
	REQUIRE(id > 0);
	char path[128];
	snprintf(path, sizeof path, "/api/v1/public/inspections/%lld", (long long)id);
	struct http_resp r = t_api(&d, NULL, "GET", path, NULL);
	CHECK_INT(r.status, 200);
	check_no_person(__FILE__, __LINE__, r.body);
	json_t *j = t_json(&r);
	REQUIRE(j);
	CHECK(json_is_true(json_object_get(j, "reproduced")));
	CHECK_INT((long)json_integer_value(json_object_get(j, "targets_masked")), 3);
	CHECK_INT((long)json_array_size(json_object_get(j, "target_list")), 8);
	CHECK_INT((long)json_string_length(json_object_get(j, "seed")), 64);
	json_decref(j);
	CHECK_CONTAINS(r.body, "马某1");
	CHECK_CONTAINS(r.body, "李某");
	CHECK_CONTAINS(r.body, "海原县东方红小吃店");
	t_resp_free(&r);

	/* the page and the list say the same, with no name either */
	snprintf(path, sizeof path, "/public/inspections/%lld", (long long)id);
	r = t_api(&d, NULL, "GET", path, NULL);
	CHECK_INT(r.status, 200);
	check_no_person(__FILE__, __LINE__, r.body);
	CHECK_CONTAINS(r.body, "fazhi draw --seed ");
	CHECK_CONTAINS(r.body, "自己核对这次抽取");
	CHECK(!strstr(r.body ? r.body : "", "重新抽取的结果与记录不一致"));
	t_resp_free(&r);
	r = t_api(&d, NULL, "GET", "/public/inspections", NULL);
	CHECK_INT(r.status, 200);
	check_no_person(__FILE__, __LINE__, r.body);
	snprintf(path, sizeof path, "href=\"/public/inspections/%lld\"", (long long)id);
	CHECK_CONTAINS(r.body, path);
	t_resp_free(&r);
	snprintf(path, sizeof path, "/public/inspections/%lld/targets.txt", (long long)id);
	r = t_api(&d, NULL, "GET", path, NULL);
	CHECK_INT(r.status, 200);
	check_no_person(__FILE__, __LINE__, r.body);
	t_resp_free(&r);
	t_demo_stop(&d);
}

static bool save(const char *path, const char *text)
{
	FILE *f = fopen(path, "wb");
	if (!f)
		return false;
	bool ok = fputs(text ? text : "", f) >= 0;
	return fclose(f) == 0 && ok;
}

TEST(public_draw_reruns_with_fazhi_draw_to_exactly_the_published_result)
{
	struct t_demo d;
	REQUIRE(t_demo_start(&d));
	int64_t id = first_draw(&d);
	REQUIRE(id > 0);
	char path[128], tfile[512], ifile[512];
	snprintf(tfile, sizeof tfile, "%s/targets.txt", t_tmpdir());
	snprintf(ifile, sizeof ifile, "%s/inspectors.txt", t_tmpdir());
	/* the files the page offers */
	snprintf(path, sizeof path, "/public/inspections/%lld/targets.txt", (long long)id);
	struct http_resp r = t_api(&d, NULL, "GET", path, NULL);
	CHECK_INT(r.status, 200);
	REQUIRE(save(tfile, r.body));
	t_resp_free(&r);
	snprintf(path, sizeof path, "/public/inspections/%lld/inspectors.txt", (long long)id);
	r = t_api(&d, NULL, "GET", path, NULL);
	CHECK_INT(r.status, 200);
	REQUIRE(save(ifile, r.body));
	t_resp_free(&r);
	/* the seed, count and the expected output as published */
	snprintf(path, sizeof path, "/api/v1/public/inspections/%lld", (long long)id);
	r = t_api(&d, NULL, "GET", path, NULL);
	json_t *j = t_json(&r);
	REQUIRE(j);
	const char *seed = json_string_value(json_object_get(j, "seed"));
	const char *expected = json_string_value(json_object_get(j, "expected_output"));
	long count = (long)json_integer_value(json_object_get(j, "count"));
	long per = (long)json_integer_value(json_object_get(j, "per_target"));
	REQUIRE(seed && expected && count > 0 && per >= 2);
	/* and the published rows are the ones the expected output lists */
	json_t *rows = json_object_get(j, "assignment");
	CHECK_INT((long)json_array_size(rows), count);
	const char *t0 = json_string_value(json_object_get(json_array_get(rows, 0), "target"));
	REQUIRE(t0);
	char line[300];
	snprintf(line, sizeof line, "1\t%s\t", t0);
	CHECK_CONTAINS(expected, line);

	struct buf out = BUF_INIT, err = BUF_INIT;
	CHECK_INT(cli_run_split(&out, &err,
				"draw --seed %s --targets %s --inspectors %s --count %ld --per-target %ld",
				seed, tfile, ifile, count, per),
		  0);
	CHECK_STR(buf_cstr(&out), expected);
	buf_release(&out);
	buf_release(&err);
	json_decref(j);
	t_resp_free(&r);
	t_demo_stop(&d);
}

TEST(public_inspection_of_an_event_that_is_no_draw_is_not_found)
{
	struct t_demo d;
	REQUIRE(t_demo_start(&d));
	int64_t id = first_draw(&d);
	REQUIRE(id > 1);
	char path[128];
	/* the event before the draw is the plan's opening, not a draw */
	snprintf(path, sizeof path, "/api/v1/public/inspections/%lld", (long long)(id - 1));
	struct http_resp r = t_api(&d, NULL, "GET", path, NULL);
	CHECK_INT(r.status, 404);
	t_resp_free(&r);
	r = t_api(&d, NULL, "GET", "/public/inspections/99999999", NULL);
	CHECK_INT(r.status, 404);
	t_resp_free(&r);
	r = t_api(&d, NULL, "GET", "/public/inspections/0/targets.txt", NULL);
	CHECK_INT(r.status, 404);
	t_resp_free(&r);
	t_demo_stop(&d);
}

/* The server's clock for the embargo test: moved by the test, read by
 * every request (app_config.clock). */
static _Atomic int64_t fake_now;

static int64_t fake_clock(void)
{
	return atomic_load(&fake_now);
}

/* The total of the public JSON list, and whether its page or the HTML
 * list mentions text. */
static int64_t public_total(struct t_demo *d, const char *text, bool *seen)
{
	struct http_resp r = t_api(d, NULL, "GET", "/api/v1/public/inspections?limit=200", NULL);
	int64_t total = r.status == 200 ? t_json_int(&r, "total") : -1;
	*seen = r.body && strstr(r.body, text);
	t_resp_free(&r);
	r = t_api(d, NULL, "GET", "/public/inspections?size=100", NULL);
	if (r.status != 200)
		total = -1;
	*seen = *seen || (r.body && strstr(r.body, text));
	t_resp_free(&r);
	return total;
}

/* The status of each public view of draw id: JSON, page, lists. */
static void check_views(struct t_demo *d, int64_t id, long status, const char *page_text)
{
	static const char *const forms[][2] = { { "/api/v1/public/inspections/", "" },
						{ "/public/inspections/", "" },
						{ "/public/inspections/", "/targets.txt" },
						{ "/public/inspections/", "/inspectors.txt" } };
	for (size_t i = 0; i < 4; i++) {
		char path[128];
		snprintf(path, sizeof path, "%s%lld%s", forms[i][0], (long long)id, forms[i][1]);
		struct http_resp r = t_api(d, NULL, "GET", path, NULL);
		if (r.status != status)
			t_fail(__FILE__, __LINE__, "%s: %ld, expected %ld", path, r.status, status);
		if (page_text && i == 1)
			CHECK_CONTAINS(r.body, page_text);
		t_resp_free(&r);
	}
}

TEST(embargoed_draw_is_hidden_from_the_portal_page_and_json_until_its_minute)
{
	struct t_demo d;
	REQUIRE(t_demo_start(&d));
	const int64_t t0 = time_now();
	atomic_store(&fake_now, t0);
	d.ts.cfg.clock = fake_clock; /* read per request */
	d.ts.cfg.draw_embargo_max_days = 30;
	char today[11], at[20], too_late[20], body[2048], path[128];
	date_today(t0, today);
	const int64_t lift = t0 + 2 * 86400;
	time_format_local(lift, at);
	at[16] = '\0';
	time_format_local(t0 + 31 * 86400, too_late);
	too_late[16] = '\0';

	/* a plan of 自然资源局, opened today */
	snprintf(body, sizeof body,
		 "{\"procedure\":\"inspection\",\"domain\":\"自然资源\",\"title\":\"不事先通知的采砂点抽查\","
		 "\"act_date\":\"%s\",\"party\":{\"kind\":\"organisation\",\"name\":\"采砂点名录\"},"
		 "\"on\":\"%s\",\"fields\":{\"subject\":\"采砂点\",\"basis\":\"矿产资源法\",\"random\":true}}",
		 today, today);
	struct http_resp r = t_api(&d, "officer1", "POST", "/api/v1/cases", body);
	REQUIRE(r.status == 201);
	int64_t case_id = t_json_int(&r, "id");
	t_resp_free(&r);
	snprintf(path, sizeof path, "/api/v1/officers?agency_id=%lld&kind=officer&limit=50",
		 (long long)d.sum.agency_ids[1]);
	r = t_api(&d, "officer1", "GET", path, NULL);
	json_t *j = t_json(&r), *p;
	t_resp_free(&r);
	char people[256] = "";
	size_t i, n = 0;
	json_array_foreach(json_object_get(j, "items"), i, p) {
		size_t len = strlen(people);
		snprintf(people + len, sizeof people - len, "%s%lld", n++ ? "," : "",
			 (long long)json_integer_value(json_object_get(p, "id")));
	}
	json_decref(j);
	REQUIRE(n >= 2);
	bool seen;
	int64_t before = public_total(&d, "不事先通知的采砂点抽查", &seen);
	REQUIRE(before >= 1);
	CHECK(!seen);

	/* past the bound: refused, naming the field, nothing recorded */
	snprintf(path, sizeof path, "/api/v1/cases/%lld/draw", (long long)case_id);
#define DRAW_BODY                                                                              \
	"{\"targets\":[\"海原县兴旺采砂场\",\"海原县河东采砂点\",\"海原县永顺砂石厂\"],"            \
	"\"inspectors\":[%s],\"count\":1,\"per_target\":2,\"publish_at\":\"%s\"}"
	snprintf(body, sizeof body, DRAW_BODY, people, too_late);
	r = t_api(&d, "officer1", "POST", path, body);
	CHECK_ERROR(r, 400, "invalid", "publish_at");
	CHECK_CONTAINS(r.body, "30 天");
	t_resp_free(&r);
	/* with the embargo: recorded, and the portal knows nothing of it */
	snprintf(body, sizeof body, DRAW_BODY, people, at);
	r = t_api(&d, "officer1", "POST", path, body);
	CHECK_INT(r.status, 201);
	t_resp_free(&r);
	/* the staff see it, with its embargo, on the case */
	snprintf(path, sizeof path, "/cases/%lld", (long long)case_id);
	r = t_api(&d, "officer1", "GET", path, NULL);
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, at);
	CHECK_CONTAINS(r.body, "抽取结果公开时间");
	t_resp_free(&r);
	CHECK_INT(public_total(&d, "不事先通知的采砂点抽查", &seen), before);
	CHECK(!seen);

	/* from the minute on: listed, counted, its page says since when */
	atomic_store(&fake_now, lift);
	CHECK_INT(public_total(&d, "不事先通知的采砂点抽查", &seen), before + 1);
	CHECK(seen);
	r = t_api(&d, NULL, "GET", "/api/v1/public/inspections?limit=200", NULL);
	j = t_json(&r);
	t_resp_free(&r);
	int64_t id = 0;
	json_array_foreach(json_object_get(j, "items"), i, p)
		if (strcmp(json_string_value(json_object_get(p, "title")), "不事先通知的采砂点抽查") == 0) {
			id = json_integer_value(json_object_get(p, "id"));
			CHECK_STR(json_string_value(json_object_get(p, "publish_at")), at);
		}
	json_decref(j);
	REQUIRE(id > 0);
	char since[80];
	snprintf(since, sizeof since, "自 %s（北京时间）起公开", at);
	check_views(&d, id, 200, since);

	/* a second before it (the clock moved back): none of its views exist */
	atomic_store(&fake_now, lift - 61);
	check_views(&d, id, 404, NULL);
	CHECK_INT(public_total(&d, "不事先通知的采砂点抽查", &seen), before);
	CHECK(!seen);
	d.ts.cfg.clock = NULL;
	t_demo_stop(&d);
}
