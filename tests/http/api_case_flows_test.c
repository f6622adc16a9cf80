/* api_case_flows_test.c - the other procedures to their end through the
 * API: a simplified-procedure penalty on the spot (refused above the
 * limit), a permit, and a random inspection drawn by the server, re-run
 * from its recorded seed, that binds who may inspect. */
#include <stdio.h>

#include "api_case_fx.h"
#include "domain/draw.h"
#include "t.h"

static void check_closed(struct case_fx *f, int64_t id, int nevents)
{
	char path[96];
	snprintf(path, sizeof path, "/api/v1/cases/%lld", (long long)id);
	json_t *c = cfx_get(f, "officer1", path);
	CHECK(json_is_true(json_object_get(c, "closed")));
	CHECK(json_is_false(json_object_get(c, "overdue")));
	CHECK_INT(json_array_size(json_object_get(c, "events")), nevents);
	json_decref(c);
}

TEST(simplified_procedure_penalty_on_the_spot)
{
	struct case_fx f;
	char body[1024];
	REQUIRE(cfx_start(&f));
#define OPEN_SIMPLE                                                                          \
	"{\"procedure\":\"penalty_simplified\",\"domain\":\"土地管理\",\"title\":\"乱堆建材\","  \
	"\"act_date\":\"%s\",\"party\":{\"kind\":\"citizen\",\"name\":\"张某\"},\"on\":\"%s\",\"reason\":\"补录：测试数据按发生日期录入\","   \
	"\"fields\":{\"facts\":\"占道堆放建材\",\"grounds\":\"当场查实\",\"basis\":\"某条例第十条\"," \
	"\"penalty\":\"fine\",\"amount\":\"%s\",\"place\":\"海原县城关镇\"},\"officers\":[%lld,%lld]}"
	snprintf(body, sizeof body, OPEN_SIMPLE, cfx_day(&f, -10), cfx_day(&f, -10), "500",
		 (long long)f.p_officer1, (long long)f.p_officer2);
	CFX_BLOCKED(&f, "officer1", 0, body, 409, "simplified_within_limits",
		    "当场处罚的罚款不能超过 200 元");
	snprintf(body, sizeof body, OPEN_SIMPLE, cfx_day(&f, -10), cfx_day(&f, -10), "100",
		 (long long)f.p_officer1, (long long)f.p_officer2);
#undef OPEN_SIMPLE
	int64_t id = CFX_OPEN(&f, "officer1", body);
	REQUIRE(id > 0);
	snprintf(body, sizeof body,
		 "{\"step\":\"payment\",\"on\":\"%s\",\"reason\":\"补录：测试数据按发生日期录入\",\"fields\":{\"amount\":\"100\"}}", cfx_day(&f, -9));
	CFX_STEP(&f, "officer1", id, body);
	snprintf(body, sizeof body, "{\"step\":\"file\",\"on\":\"%s\",\"reason\":\"补录：测试数据按发生日期录入\"}", cfx_day(&f, -8));
	CFX_STEP(&f, "officer1", id, body);
	snprintf(body, sizeof body, "{\"step\":\"close\",\"on\":\"%s\",\"reason\":\"补录：测试数据按发生日期录入\"}", cfx_day(&f, -8));
	CFX_STEP(&f, "officer1", id, body);
	check_closed(&f, id, 4);
	json_t *pay = cfx_clock(&f, id, "payment");
	CHECK_STR(json_string_value(json_object_get(pay, "state")), "stopped");
	CHECK(json_is_false(json_object_get(pay, "overdue")));
	json_decref(pay);
	cfx_stop(&f);
}

TEST(permit_runs_from_application_to_closing)
{
	struct case_fx f;
	char body[1024], path[96];
	REQUIRE(cfx_start(&f));
	/* The applicant: an organisation with a valid USCC (a demo agency's). */
	snprintf(path, sizeof path, "/api/v1/agencies/%lld", (long long)f.d.sum.agency_ids[3]);
	json_t *ag = cfx_get(&f, "supervisor", path);
	const char *uscc = json_string_value(json_object_get(ag, "uscc"));
	REQUIRE(uscc);
	snprintf(body, sizeof body,
		 "{\"procedure\":\"permit\",\"domain\":\"矿产资源\",\"title\":\"采矿许可申请\","
		 "\"act_date\":\"%s\",\"party\":{\"kind\":\"organisation\",\"name\":\"海原县某砂石有限公司\","
		 "\"id\":\"%s\"},\"on\":\"%s\",\"reason\":\"补录：测试数据按发生日期录入\",\"fields\":{\"applicant\":\"海原县某砂石有限公司\","
		 "\"matter\":\"采矿权新立\"}}",
		 cfx_day(&f, -40), uscc, cfx_day(&f, -40));
	json_decref(ag);
	int64_t id = CFX_OPEN(&f, "officer1", body);
	REQUIRE(id > 0);
	snprintf(body, sizeof body, "{\"step\":\"accept\",\"on\":\"%s\",\"reason\":\"补录：测试数据按发生日期录入\"}", cfx_day(&f, -39));
	CFX_STEP(&f, "officer1", id, body);
	snprintf(body, sizeof body,
		 "{\"step\":\"verify\",\"on\":\"%s\",\"reason\":\"补录：测试数据按发生日期录入\",\"fields\":{\"findings\":\"现场核查属实\"},"
		 "\"officers\":[%lld,%lld]}",
		 cfx_day(&f, -38), (long long)f.p_officer1, (long long)f.p_officer2);
	CFX_STEP(&f, "officer1", id, body);
	snprintf(body, sizeof body,
		 "{\"step\":\"decide\",\"on\":\"%s\",\"reason\":\"补录：测试数据按发生日期录入\",\"fields\":{\"outcome\":\"granted\"}}",
		 cfx_day(&f, -30));
	CFX_BLOCKED(&f, "officer1", id, body, 403, "role_allowed", "须由机关负责人进行");
	CFX_STEP(&f, "head1", id, body);
	snprintf(body, sizeof body,
		 "{\"step\":\"deliver\",\"on\":\"%s\",\"reason\":\"补录：测试数据按发生日期录入\",\"fields\":{\"served_on\":\"%s\"}}",
		 cfx_day(&f, -29), cfx_day(&f, -29));
	CFX_STEP(&f, "officer1", id, body);
	snprintf(body, sizeof body, "{\"step\":\"close\",\"on\":\"%s\",\"reason\":\"补录：测试数据按发生日期录入\"}", cfx_day(&f, -28));
	CFX_STEP(&f, "officer1", id, body);
	CFX_PUBLISH(&f, "reviewer1", id); /* late, after closing: still published */
	check_closed(&f, id, 7);
	json_t *dec = cfx_clock(&f, id, "decision");
	CHECK_STR(json_string_value(json_object_get(dec, "state")), "stopped");
	CHECK_STR(json_string_value(json_object_get(dec, "start")), cfx_day(&f, -39));
	CHECK_STR(json_string_value(json_object_get(json_object_get(dec, "budget"), "unit")),
		  "working_days");
	CHECK(json_is_false(json_object_get(dec, "overdue")));
	json_decref(dec);
	cfx_stop(&f);
}

/* The ids of 自然资源局's officers, as text for the draw. */
static size_t officer_ids(struct case_fx *f, char ids[][24], size_t max)
{
	char path[128];
	snprintf(path, sizeof path, "/api/v1/officers?agency_id=%lld&kind=officer&limit=50",
		 (long long)f->d.sum.agency_ids[1]);
	json_t *j = cfx_get(f, "officer1", path), *p;
	size_t i, n = 0;
	json_array_foreach(json_object_get(j, "items"), i, p)
		if (n < max)
			snprintf(ids[n++], 24, "%lld",
				 (long long)json_integer_value(json_object_get(p, "id")));
	json_decref(j);
	return n;
}

/* POST .../draw as officer1; the answer parsed, or NULL after t_fail. */
static json_t *server_draw(struct case_fx *f, int64_t id, const char *body, long status)
{
	char path[96];
	snprintf(path, sizeof path, "/api/v1/cases/%lld/draw", (long long)id);
	struct http_resp r = t_api(&f->d, "officer1", "POST", path, body);
	json_t *j = NULL;
	if (r.status != status)
		t_fail(__FILE__, __LINE__, "draw: %ld, expected %ld: %.400s", r.status, status,
		       r.body);
	else
		j = t_json(&r);
	t_resp_free(&r);
	return j;
}

TEST(random_inspection_draw_is_made_by_the_server_and_binds_the_inspection)
{
	static const char *const targets[] = { "海原县鑫盛砂场", "海原县福源石料厂",
					       "宁夏海原建材有限公司", "海原县三河采石场",
					       "海原县金源矿业有限公司" };
	struct case_fx f;
	char body[2048], ids[16][24], list[512] = "";
	const char *inspectors[16];
	struct fz_error e = { 0 };
	REQUIRE(cfx_start(&f));
	size_t n = officer_ids(&f, ids, 16);
	REQUIRE(n >= 4);
	for (size_t i = 0; i < n; i++) {
		inspectors[i] = ids[i];
		size_t len = strlen(list);
		snprintf(list + len, sizeof list - len, "%s%s", i ? "," : "", ids[i]);
	}
	snprintf(body, sizeof body,
		 "{\"procedure\":\"inspection\",\"domain\":\"矿产资源\",\"title\":\"砂石场安全生产双随机抽查\","
		 "\"act_date\":\"%s\",\"party\":{\"kind\":\"organisation\",\"name\":\"砂石场抽查名录\"},"
		 "\"on\":\"%s\",\"reason\":\"补录：测试数据按发生日期录入\",\"fields\":{\"subject\":\"砂石场\",\"basis\":\"矿产资源法\",\"random\":true}}",
		 cfx_day(&f, -20), cfx_day(&f, -20));
	int64_t id = CFX_OPEN(&f, "officer1", body);
	REQUIRE(id > 0);
#define INSPECT "{\"step\":\"inspect\",\"fields\":{\"findings\":\"未发现问题\"},\"officers\":[%s,%s]}"
	snprintf(body, sizeof body, INSPECT, ids[0], ids[1]);
	CFX_BLOCKED(&f, "officer1", id, body, 409, "drawn_inspectors", "须先随机抽取");

	/* A seed the client chose is refused: the server makes it. */
	char path[96];
	snprintf(path, sizeof path, "/api/v1/cases/%lld/steps", (long long)id);
	struct http_resp r = t_api(&f.d, "officer1", "POST", path,
				   "{\"step\":\"random_draw\",\"fields\":{\"seed\":\"00\","
				   "\"targets\":\"x\",\"inspectors\":\"1,2\"}}");
	CHECK_ERROR(r, 400, "invalid", "step");
	CHECK_CONTAINS(r.body, "系统生成随机种子");
	t_resp_free(&r);
	const char *tl = "\"海原县鑫盛砂场\",\"海原县福源石料厂\",\"宁夏海原建材有限公司\","
			 "\"海原县三河采石场\",\"海原县金源矿业有限公司\"";
	snprintf(body, sizeof body,
		 "{\"targets\":[%s],\"inspectors\":[%s],\"count\":1,\"per_target\":1}", tl, list);
	json_decref(server_draw(&f, id, body, 400));
	CHECK_INT(cfx_event_count(&f, id), 1);

	snprintf(body, sizeof body,
		 "{\"targets\":[%s],\"inspectors\":[%s],\"count\":1,\"per_target\":2}", tl, list);
	json_t *dj = server_draw(&f, id, body, 201);
	REQUIRE(dj);
	json_t *row = json_array_get(json_object_get(dj, "rows"), 0);
	const char *seed = json_string_value(json_object_get(dj, "seed"));
	const char *target = json_string_value(json_object_get(row, "target"));
	const char *d0 = json_string_value(json_array_get(json_object_get(row, "inspectors"), 0));
	const char *d1 = json_string_value(json_array_get(json_object_get(row, "inspectors"), 1));
	REQUIRE(seed && target && d0 && d1);
	CHECK_STR(json_string_value(json_object_get(json_object_get(dj, "case"), "state")),
		  "random_draw");

	/* Anyone re-runs it from the seed and the lists and gets the same. */
	struct draw_input in = {
		.seed_hex = seed, .targets = { targets, 5 }, .inspectors = { inspectors, n },
		.count = 1, .per_target = 2,
	};
	struct draw_result dr;
	REQUIRE(draw_run(f.d.ts.a, &in, &dr, &e) == FZ_OK);
	CHECK_STR(dr.rows[0].target, target);
	CHECK_STR(dr.rows[0].inspectors[0], d0);
	CHECK_STR(dr.rows[0].inspectors[1], d1);
	CHECK_STR(dr.lists_digest, json_string_value(json_object_get(dj, "lists_digest")));

	/* Someone not drawn may not inspect, even with a drawn colleague. */
	const char *other = NULL;
	for (size_t i = 0; i < n && !other; i++)
		if (strcmp(ids[i], d0) != 0 && strcmp(ids[i], d1) != 0)
			other = ids[i];
	snprintf(body, sizeof body, INSPECT, d0, other);
	CFX_BLOCKED(&f, "officer1", id, body, 409, "drawn_inspectors", "不在");
	snprintf(body, sizeof body, INSPECT, d0, d1);
#undef INSPECT
	json_decref(dj);
	CFX_STEP(&f, "officer1", id, body);
	CFX_STEP(&f, "officer1", id, "{\"step\":\"result\",\"fields\":{\"conclusion\":\"合格\"}}");
	CFX_PUBLISH(&f, "reviewer1", id);
	CFX_STEP(&f, "officer1", id, "{\"step\":\"close\"}");
	check_closed(&f, id, 6);
	cfx_stop(&f);
}
