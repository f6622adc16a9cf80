/* api_case_step_answer_test.c - the case a step's answer shows (built from
 * what the step wrote, not read again after the commit) is the case a
 * following GET /api/v1/cases/{id} shows, member for member, as the case
 * moves, waits and closes. */
#include <stdio.h>

#include "api_case_fx.h"
#include "t.h"

/* Takes the step body on case id as officer1 and checks that the answer's
 * "case" has exactly the members of GET's case, with the same values. */
static void step_matches_get(struct case_fx *f, int64_t id, const char *body)
{
	char path[96];
	snprintf(path, sizeof path, "/api/v1/cases/%lld/steps", (long long)id);
	struct http_resp r = t_api(&f->d, "officer1", "POST", path, body);
	CHECK_INT(r.status, 201);
	json_t *answer = json_loads(r.body, 0, NULL);
	t_resp_free(&r);
	json_t *now = json_object_get(answer, "case");
	REQUIRE(json_is_object(now));
	snprintf(path, sizeof path, "/api/v1/cases/%lld", (long long)id);
	json_t *got = cfx_get(f, "officer1", path);
	REQUIRE(got);
	const char *key;
	json_t *v;
	size_t n = 0;
	json_object_foreach(now, key, v) {
		json_t *g = json_object_get(got, key);
		if (!g || !json_equal(v, g))
			t_fail(__FILE__, __LINE__, "case member %s: step answer %s, GET %s", key,
			       json_dumps(v, JSON_ENCODE_ANY), g ? json_dumps(g, JSON_ENCODE_ANY) : "-");
		n++;
	}
	/* every member json_case writes: id ... updated_at */
	CHECK_INT((int64_t)n, 19);
	CHECK(json_integer_value(json_object_get(now, "updated_at")) > 0);
	json_decref(got);
	json_decref(answer);
}

TEST(step_answer_shows_the_case_as_a_following_get_does)
{
	struct case_fx f;
	char body[512];
	REQUIRE(cfx_start(&f));
	int64_t id = CFX_OPEN_SIMPLIFIED(&f, -10);
	REQUIRE(id > 0);
	/* the state moves, then the case closes: entered late, each on its day */
	static const struct {
		const char *step, *fields;
		int on;
	} steps[] = {
		{ "payment", ",\"fields\":{\"amount\":\"100\"}", -9 },
		{ "file", "", -8 },
		{ "close", "", -8 },
	};
	for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
		snprintf(body, sizeof body,
			 "{\"step\":\"%s\",\"on\":\"%s\",\"reason\":\"补录：测试数据按发生日期录入\"%s}",
			 steps[i].step, cfx_day(&f, steps[i].on), steps[i].fields);
		step_matches_get(&f, id, body);
	}
	char state[64];
	CHECK_STR(cfx_state(&f, id, state, sizeof state), "close");
	cfx_stop(&f);
}

/* A repeatable step leaves the state where it is and moves updated_at
 * only: the answer still matches GET. */
TEST(step_answer_matches_get_for_a_repeated_step)
{
	struct case_fx f;
	char body[1024];
	REQUIRE(cfx_start(&f));
	snprintf(body, sizeof body,
		 "{\"procedure\":\"penalty_general\",\"domain\":\"土地管理\",\"title\":\"非法采砂\","
		 "\"act_date\":\"%s\",\"party\":{\"kind\":\"citizen\",\"name\":\"李某\"},"
		 "\"fields\":{\"facts\":\"河道非法采砂\",\"source\":\"群众举报\"},"
		 "\"officers\":[%lld,%lld]}",
		 cfx_day(&f, -10), (long long)f.p_officer1, (long long)f.p_officer2);
	int64_t id = CFX_OPEN(&f, "officer1", body);
	REQUIRE(id > 0);
	CFX_APPROVE(&f, id, f.today);
	snprintf(body, sizeof body,
		 "{\"step\":\"investigate\",\"fields\":{\"record\":\"询问笔录 1 份\"},"
		 "\"officers\":[%lld,%lld]}",
		 (long long)f.p_officer1, (long long)f.p_officer2);
	step_matches_get(&f, id, body);
	step_matches_get(&f, id, body);
	cfx_stop(&f);
}
