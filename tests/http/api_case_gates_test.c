/* api_case_gates_test.c - issue 4 §2 gates not met by the end-to-end case,
 * each blocking through the API with its Chinese message and nothing
 * changed: limitation, two certified investigators, no decision before
 * notice or defence period, reviewer not a handler, the step's role. */
#include <stdio.h>

#include "api_case_fx.h"
#include "t.h"

static int64_t open_case(struct case_fx *f, int on, int64_t second_officer)
{
	char body[1024];
	snprintf(body, sizeof body,
		 "{\"procedure\":\"penalty_general\",\"domain\":\"土地管理\",\"title\":\"非法采砂\","
		 "\"act_date\":\"%s\",\"party\":{\"kind\":\"citizen\",\"name\":\"李某\"},"
		 "\"on\":\"%s\",\"reason\":\"补录：测试数据按发生日期录入\",\"fields\":{\"facts\":\"河道非法采砂\",\"source\":\"群众举报\"},"
		 "\"officers\":[%lld,%lld]}",
		 cfx_day(f, on - 10), cfx_day(f, on), (long long)f->p_officer1,
		 (long long)second_officer);
	int64_t id = CFX_OPEN(f, "officer1", body);
	CFX_APPROVE(f, id, cfx_day(f, on));
	return id;
}

static void investigate(struct case_fx *f, int64_t id, int on)
{
	char body[512];
	snprintf(body, sizeof body,
		 "{\"step\":\"investigate\",\"on\":\"%s\",\"reason\":\"补录：测试数据按发生日期录入\",\"fields\":{\"record\":\"现场检查笔录\"},"
		 "\"officers\":[%lld,%lld]}",
		 cfx_day(f, on), (long long)f->p_officer1, (long long)f->p_officer2);
	CFX_STEP(f, "officer1", id, body);
}

TEST(limitation_gate_refuses_a_case_opened_too_late)
{
	struct case_fx f;
	char body[1024];
	REQUIRE(cfx_start(&f));
	snprintf(body, sizeof body,
		 "{\"procedure\":\"penalty_general\",\"domain\":\"土地管理\",\"title\":\"非法占地\","
		 "\"act_date\":\"%s\",\"party\":{\"kind\":\"citizen\",\"name\":\"王某\"},"
		 "\"fields\":{\"facts\":\"三年前占地\",\"source\":\"巡查\"},\"officers\":[%lld,%lld]}",
		 cfx_day(&f, -3 * 366), (long long)f.p_officer1, (long long)f.p_officer2);
	CFX_BLOCKED(&f, "officer1", 0, body, 409, "limitation", "已超过行政处罚追责时效（2 年）");
	cfx_stop(&f);
}

/* A new officer of 自然资源局 whose certificate expired last month. */
static int64_t expired_officer(struct case_fx *f)
{
	char body[512];
	snprintf(body, sizeof body,
		 "{\"agency_id\":%lld,\"name\":\"杨过期\",\"resident_id\":\"640522199001011234\","
		 "\"kind\":\"officer\"}",
		 (long long)f->d.sum.agency_ids[1]);
	struct http_resp r = t_api(&f->d, "supervisor", "POST", "/api/v1/officers", body);
	int64_t pid = r.status == 201 ? t_json_int(&r, "id") : -1;
	t_resp_free(&r);
	snprintf(body, sizeof body,
		 "{\"number\":\"NX0522X001\",\"person_id\":%lld,\"issuer\":\"海原县人民政府\","
		 "\"domains\":\"自然资源,土地管理\",\"issued_on\":\"%s\",\"valid_until\":\"%s\"}",
		 (long long)pid, cfx_day(f, -2000), cfx_day(f, -30));
	r = t_api(&f->d, "supervisor", "POST", "/api/v1/certificates", body);
	if (r.status != 201)
		t_fail(__FILE__, __LINE__, "certificate: %ld %s", r.status, r.body);
	t_resp_free(&r);
	return pid;
}

TEST(investigation_needs_two_certified_officers)
{
	struct case_fx f;
	char body[512];
	REQUIRE(cfx_start(&f));
	int64_t id = open_case(&f, -20, f.p_officer2);
	int64_t expired = expired_officer(&f);
	REQUIRE(id > 0 && expired > 0);
#define INVESTIGATE "{\"step\":\"investigate\",\"on\":\"%s\",\"reason\":\"补录：测试数据按发生日期录入\",\"fields\":{\"record\":\"笔录\"}," \
		    "\"officers\":[%lld,%lld]}"
	snprintf(body, sizeof body, INVESTIGATE, cfx_day(&f, -19), (long long)f.p_officer1,
		 (long long)f.p_assistant);
	CFX_BLOCKED(&f, "officer1", id, body, 409, "certified_officers", "为执法辅助人员");
	snprintf(body, sizeof body, INVESTIGATE, cfx_day(&f, -19), (long long)f.p_officer1,
		 (long long)expired);
	CFX_BLOCKED(&f, "officer1", id, body, 409, "certified_officers", "杨过期的执法证已过期");
	/* One officer named twice is still one (the count of people is
	 * checked before their certificates). */
	snprintf(body, sizeof body, INVESTIGATE, cfx_day(&f, -19), (long long)f.p_officer1,
		 (long long)f.p_officer1);
	CFX_BLOCKED(&f, "officer1", id, body, 400, "officers_present", "须至少两名人员参与");
	snprintf(body, sizeof body, INVESTIGATE, cfx_day(&f, -19), (long long)f.p_officer1,
		 (long long)f.p_officer2);
	CFX_STEP(&f, "officer1", id, body);
#undef INVESTIGATE
	cfx_stop(&f);
}

static void notice(struct case_fx *f, int64_t id, int on, const char *amount)
{
	char body[1024];
	snprintf(body, sizeof body,
		 "{\"step\":\"advance_notice\",\"on\":\"%s\",\"reason\":\"补录：测试数据按发生日期录入\",\"fields\":{\"facts\":\"非法采砂\","
		 "\"grounds\":\"证据确凿\",\"basis\":\"矿产资源法\",\"penalty\":\"fine\","
		 "\"amount\":\"%s\",\"served_on\":\"%s\"}}",
		 cfx_day(f, on), amount, cfx_day(f, on));
	CFX_STEP(f, "officer1", id, body);
}

static void decision_body(char *body, size_t len)
{
	snprintf(body, len,
		 "{\"step\":\"decision\",\"fields\":{\"facts\":\"非法采砂\",\"grounds\":\"证据确凿\","
		 "\"basis\":\"矿产资源法\",\"penalty\":\"fine\",\"amount\":\"5000\"}}");
}

TEST(no_decision_before_the_notice_nor_before_the_defence_period)
{
	struct case_fx f;
	char body[1024];
	REQUIRE(cfx_start(&f));
	int64_t id = open_case(&f, -5, f.p_officer2);
	REQUIRE(id > 0);
	investigate(&f, id, -4);
	decision_body(body, sizeof body);
	CFX_BLOCKED(&f, "head1", id, body, 409, "requires_steps", "行政处罚事先告知");
	/* The officer may not decide at all: the role gate says so first. */
	CFX_BLOCKED(&f, "officer1", id, body, 403, "role_allowed", "须由机关负责人进行");

	notice(&f, id, -1, "5000");
	CFX_BLOCKED(&f, "head1", id, body, 409, "defence_period_elapsed", "陈述申辩期尚未届满");
	/* The case page says why the decision cannot be taken yet. */
	char path[96];
	snprintf(path, sizeof path, "/api/v1/cases/%lld", (long long)id);
	json_t *c = cfx_get(&f, "head1", path), *s;
	size_t i;
	bool seen = false;
	json_array_foreach(json_object_get(c, "steps"), i, s) {
		if (strcmp(json_string_value(json_object_get(s, "step")), "decision") != 0)
			continue;
		seen = true;
		CHECK(json_is_false(json_object_get(s, "available")));
		CHECK_STR(json_string_value(json_object_get(s, "gate")), "defence_period_elapsed");
		CHECK_CONTAINS(json_string_value(json_object_get(s, "reason")), "陈述申辩期");
	}
	CHECK(seen);
	json_decref(c);
	cfx_stop(&f);
}

TEST(reviewer_who_handled_the_case_may_not_review_it)
{
	struct case_fx f;
	char body[1024];
	REQUIRE(cfx_start(&f));
	/* The reviewer took part in opening the case: a handler. */
	int64_t id = open_case(&f, -10, f.p_reviewer);
	REQUIRE(id > 0);
	investigate(&f, id, -9);
	notice(&f, id, -8, "5000");
	snprintf(body, sizeof body,
		 "{\"step\":\"legal_review\",\"officers\":[%lld],\"fields\":{\"opinion\":\"approve\","
		 "\"check_body\":\"pass\",\"check_officers\":\"pass\",\"check_procedure\":\"pass\","
		 "\"check_facts\":\"pass\",\"check_law\":\"pass\",\"check_authority\":\"pass\","
		 "\"check_documents\":\"pass\",\"check_referral\":\"pass\"}}",
		 (long long)f.p_reviewer);
	CFX_BLOCKED(&f, "reviewer1", id, body, 409, "reviewer_not_handler",
		    "法制审核人员不能是本案承办人员");
	cfx_stop(&f);
}
