/* api_case_test.c - the case API's edges: procedure definitions, input
 * refused by name before anything runs, data scope (another agency's case
 * is 404, the 三员 get 403 on every case route, the supervisor reads but
 * does not act) and the list filters, overdue included. */
#include <stdio.h>

#include "api_case_fx.h"
#include "app/people.h"
#include "base/date.h"
#include "t.h"

TEST(procedures_list_steps_roles_fields_and_clocks)
{
	struct case_fx f;
	REQUIRE(cfx_start(&f));
	json_t *j = cfx_get(&f, "officer1", "/api/v1/procedures"), *d, *s, *c;
	size_t i, k;
	bool general = false;
	CHECK_INT(json_integer_value(json_object_get(j, "total")), 7);
	json_array_foreach(json_object_get(j, "items"), i, d) {
		if (strcmp(json_string_value(json_object_get(d, "id")), "penalty_general") != 0)
			continue;
		general = true;
		CHECK_STR(json_string_value(json_object_get(d, "label")), "行政处罚（普通程序）");
		CHECK_STR(json_string_value(json_object_get(d, "kind")), "penalty");
		json_array_foreach(json_object_get(d, "steps"), k, s) {
			if (strcmp(json_string_value(json_object_get(s, "id")), "investigate") != 0)
				continue;
			CHECK_STR(json_string_value(json_object_get(s, "label")), "调查取证");
			CHECK_STR(json_string_value(json_array_get(json_object_get(s, "roles"), 0)),
				  "officer");
			json_t *rec = json_array_get(json_object_get(s, "fields"), 0);
			CHECK_STR(json_string_value(json_object_get(rec, "id")), "record");
			CHECK_STR(json_string_value(json_object_get(rec, "type")), "textarea");
			CHECK_STR(json_string_value(json_object_get(rec, "label")), "调查取证记录");
			CHECK(json_is_true(json_object_get(rec, "required")));
			CHECK_INT(json_integer_value(json_object_get(s, "min_officers")), 2);
			CHECK_STR(json_string_value(json_object_get(
					  json_array_get(json_object_get(s, "gates"), 0), "gate")),
				  "certified_officers");
		}
		json_array_foreach(json_object_get(d, "clocks"), k, c) {
			if (strcmp(json_string_value(json_object_get(c, "id")), "defence") != 0)
				continue;
			json_t *b = json_object_get(c, "budget");
			CHECK_INT(json_integer_value(json_object_get(b, "amount")), 5);
			CHECK_STR(json_string_value(json_object_get(b, "unit")), "working_days");
			CHECK_STR(json_string_value(json_object_get(c, "budget_config")), "defence_period");
		}
	}
	CHECK(general);
	json_decref(j);
	cfx_stop(&f);
}

/* The field of step in a definition as GET /api/v1/procedures/{id} shows it. */
static json_t *step_field(json_t *def, const char *step, const char *field)
{
	size_t i, k;
	json_t *s, *x;
	json_array_foreach(json_object_get(def, "steps"), i, s) {
		if (strcmp(json_string_value(json_object_get(s, "id")), step) != 0)
			continue;
		json_array_foreach(json_object_get(s, "fields"), k, x)
			if (!strcmp(json_string_value(json_object_get(x, "id")), field))
				return x;
	}
	return NULL;
}

/* A text member of that field, or "" when the field is missing. */
static const char *field_text(json_t *def, const char *step, const char *field, const char *member)
{
	const char *v = json_string_value(json_object_get(step_field(def, step, field), member));
	return v ? v : "";
}

TEST(procedure_by_id_lists_each_steps_fields_with_type_label_and_options)
{
	struct case_fx f;
	REQUIRE(cfx_start(&f));
	json_t *d = cfx_get(&f, "reviewer1", "/api/v1/procedures/penalty_general");
	REQUIRE(d);
	CHECK_STR(json_string_value(json_object_get(d, "id")), "penalty_general");
	CHECK_STR(field_text(d, "statement", "waived", "type"), "yesno");
	CHECK_STR(field_text(d, "statement", "waived", "label"), "当事人明确放弃陈述申辩和听证");
	CHECK(json_is_false(json_object_get(step_field(d, "statement", "waived"), "required")));
	CHECK_STR(field_text(d, "hearing", "outcome", "label"), "听证情况");
	json_t *opt = json_array_get(json_object_get(step_field(d, "hearing", "outcome"), "options"), 0);
	CHECK_STR(json_string_value(json_object_get(opt, "value")), "held");
	CHECK_STR(json_string_value(json_object_get(opt, "label")), "已举行听证");
	/* the same id means another thing in another step */
	CHECK_STR(field_text(d, "head_resolution", "outcome", "label"), "负责人决定");
	CHECK_STR(field_text(d, "payment", "amount", "label"), "缴纳金额（元）");
	CHECK_STR(field_text(d, "payment", "amount", "type"), "money");
	CHECK(json_is_true(json_object_get(step_field(d, "hearing_notice", "hearing_on"), "future")));
	CHECK_STR(json_string_value(json_object_get(
			  json_array_get(json_object_get(d, "case_fields"), 0), "id")),
		  "serious_harm");
	json_decref(d);
	struct http_resp r = t_api(&f.d, "officer1", "GET", "/api/v1/procedures/no_such", NULL);
	CHECK_ERROR(r, 404, "not_found", "id");
	t_resp_free(&r);
	cfx_stop(&f);
}

/* A body for POST /api/v1/cases with one member replaced by extra. */
static void body_with(struct case_fx *f, const char *party, const char *extra, char *out,
		      size_t n)
{
	snprintf(out, n,
		 "{\"procedure\":\"penalty_general\",\"domain\":\"土地管理\",\"title\":\"非法占地\","
		 "\"act_date\":\"%s\",\"party\":%s,\"fields\":{\"facts\":\"占地\",\"source\":\"巡查\"},"
		 "\"officers\":[%lld,%lld]%s}",
		 cfx_day(f, -5), party, (long long)f->p_officer1, (long long)f->p_officer2, extra);
}

TEST(case_input_is_refused_by_name_and_nothing_is_written)
{
	struct case_fx f;
	char body[1024];
	REQUIRE(cfx_start(&f));
	static const struct {
		const char *party, *extra, *field;
	} bad[] = {
		{ "{\"kind\":\"citizen\",\"name\":\"王某\"}", ",\"colour\":\"red\"", "colour" },
		{ "{\"kind\":\"citizen\",\"name\":\"王某\",\"age\":3}", "", "party.age" },
		{ "{\"kind\":\"robot\",\"name\":\"王某\"}", "", "party.kind" },
		{ "{\"kind\":\"citizen\"}", "", "party.name" },
		{ "\"王某\"", "", "party" },
		{ "{\"kind\":\"citizen\",\"name\":\"王某\",\"id\":\"640522199001011235\"}", "",
		  "party.id" },
		{ "{\"kind\":\"organisation\",\"name\":\"某公司\",\"id\":\"91640522MA76Q8XK3X\"}", "",
		  "party.id" },
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		body_with(&f, bad[i].party, bad[i].extra, body, sizeof body);
		struct http_resp r = t_api(&f.d, "officer1", "POST", "/api/v1/cases", body);
		CHECK_ERROR(r, 400, "invalid", bad[i].field);
		t_resp_free(&r);
	}
	struct http_resp r = t_api(&f.d, "officer1", "POST", "/api/v1/cases",
				   "{\"procedure\":\"penalty_general\",\"domain\":\"土地管理\","
				   "\"title\":\"x\",\"act_date\":\"2026-01-01\","
				   "\"party\":{\"kind\":\"citizen\",\"name\":\"王某\"},"
				   "\"fields\":{\"Facts\":\"x\"}}");
	CHECK_ERROR(r, 400, "invalid", "fields");
	t_resp_free(&r);
	r = t_api(&f.d, "officer1", "POST", "/api/v1/cases",
		  "{\"procedure\":\"penalty_general\",\"domain\":\"土地管理\",\"title\":\"x\","
		  "\"act_date\":\"2026-01-01\",\"party\":{\"kind\":\"citizen\",\"name\":\"王某\"},"
		  "\"fields\":{\"facts\":[1]}}");
	CHECK_ERROR(r, 400, "invalid", "fields.facts");
	t_resp_free(&r);
	r = t_api(&f.d, "officer1", "POST", "/api/v1/cases",
		  "{\"procedure\":\"penalty_general\",\"domain\":\"土地管理\",\"title\":\"x\","
		  "\"act_date\":\"2026-01-01\",\"party\":{\"kind\":\"citizen\",\"name\":\"王某\"},"
		  "\"officers\":[\"5\"]}");
	CHECK_ERROR(r, 400, "invalid", "officers");
	t_resp_free(&r);
	body_with(&f, "{\"kind\":\"citizen\",\"name\":\"王某\"}", "", body, sizeof body);
	char *p = strstr(body, "penalty_general");
	REQUIRE(p);
	memcpy(p, "penalty_xxxxxxx", 15);
	r = t_api(&f.d, "officer1", "POST", "/api/v1/cases", body);
	CHECK_ERROR(r, 400, "invalid", "procedure");
	t_resp_free(&r);
	/* A domain the agency does not enforce. */
	body_with(&f, "{\"kind\":\"citizen\",\"name\":\"王某\"}", "", body, sizeof body);
	p = strstr(body, "土地管理");
	REQUIRE(p);
	memcpy(p, "食品安全", strlen("食品安全"));
	r = t_api(&f.d, "officer1", "POST", "/api/v1/cases", body);
	CHECK_ERROR(r, 400, "invalid", "domain");
	t_resp_free(&r);
	/* Missing required fields of the opening step: a gate. */
	snprintf(body, sizeof body,
		 "{\"procedure\":\"penalty_general\",\"domain\":\"土地管理\",\"title\":\"非法占地\","
		 "\"act_date\":\"%s\",\"party\":{\"kind\":\"citizen\",\"name\":\"王某\"},"
		 "\"officers\":[%lld,%lld]}",
		 cfx_day(&f, -5), (long long)f.p_officer1, (long long)f.p_officer2);
	CFX_BLOCKED(&f, "officer1", 0, body, 400, "required_fields", "缺少必填项“违法事实”");

	/* An unknown step of a case. */
	body_with(&f, "{\"kind\":\"citizen\",\"name\":\"王某\"}", "", body, sizeof body);
	int64_t id = CFX_OPEN(&f, "officer1", body);
	REQUIRE(id > 0);
	char path[96];
	snprintf(path, sizeof path, "/api/v1/cases/%lld/steps", (long long)id);
	r = t_api(&f.d, "officer1", "POST", path, "{\"step\":\"teleport\"}");
	CHECK_ERROR(r, 400, "invalid", "step");
	CHECK_CONTAINS(r.body, "\"gate\":\"known_step\"");
	t_resp_free(&r);
	r = t_api(&f.d, "officer1", "POST", path, "{\"step\":\"investigate\",\"on\":\"2026-13-01\"}");
	CHECK_ERROR(r, 400, "invalid", "on");
	t_resp_free(&r);
	CHECK_INT(cfx_event_count(&f, id), 1);
	cfx_stop(&f);
}

/* An officer account of 海原县市场监督管理局, signed in; its token. */
static bool market_officer(struct case_fx *f, char token[65], int64_t people[2])
{
	char path[128], csrf[65];
	struct app_ctx ctx;
	struct fz_error e = { 0 };
	snprintf(path, sizeof path, "/api/v1/officers?agency_id=%lld&kind=officer&limit=5",
		 (long long)f->d.sum.agency_ids[2]);
	json_t *j = cfx_get(f, "supervisor", path);
	for (int i = 0; i < 2; i++)
		people[i] = (int64_t)json_integer_value(
			json_object_get(json_array_get(json_object_get(j, "items"), (size_t)i + 1), "id"));
	json_decref(j);
	app_ctx_init(&ctx, f->d.ts.st, f->d.ts.a, &f->d.ts.cfg, "cli", time_now());
	app_ctx_as_cli(&ctx);
	struct user_input in = { .username = "market1", .display_name = "市场监管执法人员",
				 .password = DEMO_PASSWORD, .agency_id = f->d.sum.agency_ids[2],
				 .person_id = people[0], .roles = ROLE_OFFICER,
				 .must_change_password = 0 };
	if (app_user_create(&ctx, &in, NULL, &e) != FZ_OK) {
		t_fail(__FILE__, __LINE__, "market1: %s", e.message);
		return false;
	}
	return t_login(&f->d.ts, "market1", DEMO_PASSWORD, token, csrf);
}

TEST(cases_are_scoped_to_the_agency_and_hidden_from_the_three_administrators)
{
	struct case_fx f;
	char token[65], body[1024], path[128];
	int64_t people[2];
	REQUIRE(cfx_start(&f));
	REQUIRE(market_officer(&f, token, people));
	snprintf(body, sizeof body,
		 "{\"procedure\":\"penalty_general\",\"domain\":\"食品安全\",\"title\":\"销售过期食品\","
		 "\"act_date\":\"%s\",\"party\":{\"kind\":\"organisation\",\"name\":\"某超市\"},"
		 "\"fields\":{\"facts\":\"货架上有过期食品\",\"source\":\"抽检\"},\"officers\":[%lld,%lld]}",
		 cfx_day(&f, -3), (long long)people[0], (long long)people[1]);
	struct http_resp r = t_http(&f.d.ts, "POST", "/api/v1/cases", token, "application/json", body);
	CHECK_INT(r.status, 201);
	int64_t id = t_json_int(&r, "id");
	t_resp_free(&r);
	REQUIRE(id > 0);

	static const char *const reads[] = { "", "/events", "/deadlines" };
	for (size_t i = 0; i < 3; i++) {
		snprintf(path, sizeof path, "/api/v1/cases/%lld%s", (long long)id, reads[i]);
		r = t_api(&f.d, "officer1", "GET", path, NULL);
		CHECK_ERROR(r, 404, "not_found", "id");
		t_resp_free(&r);
		r = t_api(&f.d, "supervisor", "GET", path, NULL);
		CHECK_INT(r.status, 200);
		t_resp_free(&r);
	}
	snprintf(path, sizeof path, "/api/v1/cases/%lld/steps", (long long)id);
	r = t_api(&f.d, "officer1", "POST", path, "{\"step\":\"investigate\"}");
	CHECK_ERROR(r, 404, "not_found", "id");
	t_resp_free(&r);
	/* the supervisor takes only the steps of supervision */
	r = t_api(&f.d, "supervisor", "POST", path, "{\"step\":\"investigate\"}");
	CHECK_ERROR(r, 403, "forbidden", "role_allowed");
	t_resp_free(&r);
	json_t *l = cfx_get(&f, "officer1", "/api/v1/cases?q=过期食品");
	CHECK_INT(json_integer_value(json_object_get(l, "total")), 0);
	json_decref(l);
	l = cfx_get(&f, "supervisor", "/api/v1/cases?q=过期食品");
	CHECK_INT(json_integer_value(json_object_get(l, "total")), 1);
	json_decref(l);

	/* The 三员 see no case content at all. */
	static const char *const admins[] = { "sysadmin", "secadmin", "auditor" };
	static const struct {
		const char *method, *head, *tail; /* tail NULL: no case id */
	} routes[] = {
		{ "GET", "/api/v1/procedures", NULL },     { "GET", "/api/v1/cases", NULL },
		{ "POST", "/api/v1/cases", NULL },         { "GET", "/api/v1/cases/", "" },
		{ "GET", "/api/v1/cases/", "/events" },    { "GET", "/api/v1/cases/", "/deadlines" },
		{ "POST", "/api/v1/cases/", "/steps" },    { "GET", "/api/v1/queues/review", NULL },
		{ "GET", "/api/v1/queues/approval", NULL },
	};
	for (size_t a = 0; a < 3; a++)
		for (size_t i = 0; i < sizeof routes / sizeof routes[0]; i++) {
			if (routes[i].tail)
				snprintf(path, sizeof path, "%s%lld%s", routes[i].head, (long long)id,
					 routes[i].tail);
			else
				snprintf(path, sizeof path, "%s", routes[i].head);
			r = t_api(&f.d, admins[a], routes[i].method, path,
				  routes[i].method[0] == 'P' ? "{}" : NULL);
			CHECK_ERROR(r, 403, "forbidden", NULL);
			CHECK(!strstr(r.body, "过期食品"));
			t_resp_free(&r);
		}
	cfx_stop(&f);
}

TEST(case_list_filters_by_state_kind_mine_and_overdue)
{
	struct case_fx f;
	char body[1024];
	REQUIRE(cfx_start(&f));
	/* Opened 100 days ago and never decided: the 90-day case period has
	 * run out. Opened 3 days ago: in time. */
	static const int opened[] = { -100, -3 };
	int64_t ids[2];
	for (int i = 0; i < 2; i++) {
		snprintf(body, sizeof body,
			 "{\"procedure\":\"penalty_general\",\"domain\":\"土地管理\","
			 "\"title\":\"筛选测试%d\",\"act_date\":\"%s\",\"on\":\"%s\",\"reason\":\"补录：测试数据按发生日期录入\","
			 "\"party\":{\"kind\":\"citizen\",\"name\":\"丁某\"},"
			 "\"fields\":{\"facts\":\"占地\",\"source\":\"巡查\"},\"officers\":[%lld,%lld]}",
			 i, cfx_day(&f, opened[i] - 1), cfx_day(&f, opened[i]),
			 (long long)f.p_officer1, (long long)f.p_officer2);
		ids[i] = CFX_OPEN(&f, i ? "officer2" : "officer1", body);
		REQUIRE(ids[i] > 0);
		REQUIRE(CFX_APPROVE(&f, ids[i], cfx_day(&f, opened[i])) > 0);
	}
	json_t *l = cfx_get(&f, "officer1", "/api/v1/cases?q=筛选测试&overdue=1");
	CHECK_INT(json_integer_value(json_object_get(l, "total")), 1);
	json_t *first = json_array_get(json_object_get(l, "items"), 0);
	CHECK(json_integer_value(json_object_get(first, "id")) == ids[0]);
	CHECK(json_is_true(json_object_get(first, "overdue")));
	json_decref(l);
	l = cfx_get(&f, "officer1", "/api/v1/cases?q=筛选测试&mine=1");
	CHECK_INT(json_integer_value(json_object_get(l, "total")), 1);
	json_decref(l);
	l = cfx_get(&f, "officer1", "/api/v1/cases?q=筛选测试&state=approve_opening&kind=penalty&closed=false");
	CHECK_INT(json_integer_value(json_object_get(l, "total")), 2);
	json_decref(l);
	l = cfx_get(&f, "officer1", "/api/v1/cases?q=筛选测试&kind=permit");
	CHECK_INT(json_integer_value(json_object_get(l, "total")), 0);
	json_decref(l);
	l = cfx_get(&f, "officer1", "/api/v1/cases?q=筛选测试&overdue=1&closed=true");
	CHECK_INT(json_integer_value(json_object_get(l, "total")), 0);
	json_decref(l);
	static const char *const bad[] = { "/api/v1/cases?kind=robbery", "/api/v1/cases?mine=yes",
					   "/api/v1/cases?overdue=2", "/api/v1/cases?closed=1",
					   "/api/v1/cases?opened_from=2026-02-30" };
	static const char *const fields[] = { "kind", "mine", "overdue", "closed", "opened_from" };
	for (size_t i = 0; i < 5; i++) {
		struct http_resp r = t_api(&f.d, "officer1", "GET", bad[i], NULL);
		CHECK_ERROR(r, 400, "invalid", fields[i]);
		t_resp_free(&r);
	}
	/* The case's own view agrees, and says which clock ran out. */
	json_t *c = cfx_clock(&f, ids[0], "case_handling");
	CHECK(json_is_true(json_object_get(c, "overdue")));
	CHECK_STR(json_string_value(json_object_get(c, "state")), "running");
	CHECK_CONTAINS(json_string_value(json_array_get(json_object_get(c, "explanation"), 0)),
		       "已逾期");
	json_decref(c);
	cfx_stop(&f);
}
