/* pages_inspections_test.c - 双随机 on the portal, on the demo county: the
 * demo's draw is published with its seed, natural persons among the
 * targets masked and businesses named, and the published lists re-run
 * with `fazhi draw` (the binary, as an outsider would) print exactly the
 * published expected output. */
#include <stdio.h>
#include <string.h>

#include "../cli/cli_run.h"
#include "api_fixture.h"
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
