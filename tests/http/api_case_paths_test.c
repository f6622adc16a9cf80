/* api_case_paths_test.c - issue 8 §2: the statutory paths beside the main
 * line run end to end through the API on the demo county - recusal with
 * the withdrawn officer kept out, 先行登记保存 approved and decided in
 * time, statements answered and a no-penalty decision served and closed,
 * reconsideration pausing the payment clock, an emergency seizure
 * approved afterwards - each refusal on the way changing nothing. */
#include <stdio.h>
#include <string.h>

#include "api_case_fx.h"
#include "t.h"

/* A case opened today by officer1 and officer2. */
static int64_t open_today(struct case_fx *f, const char *procedure, const char *title,
			  const char *fields)
{
	char body[1024];
	snprintf(body, sizeof body,
		 "{\"procedure\":\"%s\",\"domain\":\"土地管理\",\"title\":\"%s\",\"act_date\":\"%s\","
		 "\"party\":{\"kind\":\"organisation\",\"name\":\"海原县某建材有限公司\"},"
		 "\"fields\":%s,\"officers\":[%lld,%lld]}",
		 procedure, title, cfx_day(f, -10), fields, (long long)f->p_officer1,
		 (long long)f->p_officer2);
	int64_t id = CFX_OPEN(f, "officer1", body);
	if (id > 0 && !strcmp(procedure, "penalty_general"))
		CFX_APPROVE(f, id, cfx_day(f, 0));
	return id;
}

TEST(api_recusal_and_preservation_run_end_to_end)
{
	struct case_fx f;
	char body[1024];
	REQUIRE(cfx_start(&f));
	int64_t id = open_today(&f, "penalty_general", "路径：非法占地堆放建材",
				"{\"facts\":\"占地堆放建材\",\"source\":\"巡查\"}");
	REQUIRE(id > 0);
	/* 回避: the party asks that officer2 withdraw; the head decides. */
	snprintf(body, sizeof body,
		 "{\"step\":\"recusal_request\",\"fields\":{\"applicant\":\"party\",\"person\":\"%lld\","
		 "\"reasons\":\"与当事人有利害关系\"}}",
		 (long long)f.p_officer2);
	REQUIRE(CFX_STEP(&f, "officer1", id, body) > 0);
	snprintf(body, sizeof body,
		 "{\"step\":\"recusal_decision\",\"fields\":{\"person\":\"%lld\",\"outcome\":\"withdraw\","
		 "\"reasons\":\"经核实存在利害关系\"}}",
		 (long long)f.p_officer2);
	REQUIRE(CFX_STEP(&f, "head1", id, body) > 0);
	snprintf(body, sizeof body,
		 "{\"step\":\"investigate\",\"fields\":{\"record\":\"笔录\"},\"officers\":[%lld,%lld]}",
		 (long long)f.p_officer1, (long long)f.p_officer2);
	CFX_BLOCKED(&f, "officer1", id, body, 409, "recused_excluded", "决定回避，不能再参与本案");
	snprintf(body, sizeof body,
		 "{\"step\":\"investigate\",\"fields\":{\"record\":\"笔录\"},\"officers\":[%lld,%lld]}",
		 (long long)f.p_officer1, (long long)f.p_other);
	REQUIRE(CFX_STEP(&f, "officer1", id, body) > 0);
	/* 先行登记保存: approval first, then two officers, then the decision. */
	snprintf(body, sizeof body,
		 "{\"step\":\"preservation\",\"fields\":{\"items\":\"建材 20 吨\",\"place\":\"证据室\"},"
		 "\"officers\":[%lld,%lld]}",
		 (long long)f.p_officer1, (long long)f.p_other);
	CFX_BLOCKED(&f, "officer1", id, body, 409, "requires_steps", "先行登记保存审批");
	REQUIRE(CFX_STEP(&f, "head1", id,
			 "{\"step\":\"preservation_approval\",\"fields\":{\"items\":\"建材 20 吨\","
			 "\"reasons\":\"证据可能灭失\"}}") > 0);
	REQUIRE(CFX_STEP(&f, "officer1", id, body) > 0);
	json_t *c = cfx_clock(&f, id, "preservation");
	REQUIRE(c);
	CHECK_STR(json_string_value(json_object_get(c, "state")), "running");
	json_decref(c);
	REQUIRE(CFX_STEP(&f, "head1", id,
			 "{\"step\":\"preservation_decision\",\"fields\":{\"measure\":\"解除保存，退还当事人\"}}") > 0);
	c = cfx_clock(&f, id, "preservation");
	REQUIRE(c);
	CHECK_STR(json_string_value(json_object_get(c, "state")), "stopped");
	json_decref(c);
	cfx_stop(&f);
}

TEST(api_statement_answered_then_no_penalty_served_and_closed)
{
	struct case_fx f;
	char body[1024];
	REQUIRE(cfx_start(&f));
	int64_t id = open_today(&f, "penalty_general", "路径：轻微违法不予处罚",
				"{\"facts\":\"临时占地 20 平方米\",\"source\":\"巡查\"}");
	REQUIRE(id > 0);
	snprintf(body, sizeof body,
		 "{\"step\":\"investigate\",\"fields\":{\"record\":\"笔录\"},\"officers\":[%lld,%lld]}",
		 (long long)f.p_officer1, (long long)f.p_officer2);
	REQUIRE(CFX_STEP(&f, "officer1", id, body) > 0);
	snprintf(body, sizeof body,
		 "{\"step\":\"advance_notice\",\"fields\":{\"facts\":\"临时占地 20 平方米\",\"grounds\":\"笔录\","
		 "\"basis\":\"土地管理法第七十七条\",\"penalty\":\"warning\",\"served_on\":\"%s\"}}",
		 cfx_day(&f, 0));
	REQUIRE(CFX_STEP(&f, "officer1", id, body) > 0);
	REQUIRE(CFX_STEP(&f, "officer1", id,
			 "{\"step\":\"statement\",\"fields\":{\"content\":\"已于当日自行清理，系初次违法\"}}") > 0);
	const char *np = "{\"step\":\"no_penalty\",\"fields\":{\"ground\":\"minor\",\"facts\":\"临时占地\","
			 "\"reasons\":\"轻微并及时改正\",\"education\":\"宣讲土地管理法，责令书面承诺\"}}";
	CFX_BLOCKED(&f, "head1", id, np, 409, "statements_answered", "尚未复核");
	REQUIRE(CFX_STEP(&f, "officer1", id,
			 "{\"step\":\"statement_review\",\"fields\":{\"adopted\":\"yes\","
			 "\"answer\":\"经核实已清理，采纳\"}}") > 0);
	CFX_BLOCKED(&f, "head1", id,
		    "{\"step\":\"no_penalty\",\"fields\":{\"ground\":\"minor\",\"facts\":\"临时占地\","
		    "\"reasons\":\"轻微\"}}",
		    400, "no_penalty_ground", "应当对当事人进行教育");
	REQUIRE(CFX_STEP(&f, "head1", id, np) > 0);
	CFX_BLOCKED(&f, "head1", id, "{\"step\":\"close\",\"fields\":{\"summary\":\"结案\"}}", 409,
		    "requires_steps", "送达不予行政处罚决定书");
	snprintf(body, sizeof body,
		 "{\"step\":\"no_penalty_service\",\"fields\":{\"served_on\":\"%s\",\"method\":\"直接送达\"}}",
		 cfx_day(&f, 0));
	REQUIRE(CFX_STEP(&f, "officer1", id, body) > 0);
	char state[40];
	CHECK_STR(cfx_state(&f, id, state, sizeof state), "no_penalty_service");
	cfx_stop(&f);
}

TEST(api_reconsideration_pauses_the_payment_clock_until_decided)
{
	struct case_fx f;
	char body[512];
	REQUIRE(cfx_start(&f));
	/* Served 78 days ago, reconsideration filed 70 days ago, pending. */
	int64_t id = cfx_case_titled(&f, "非法开采黏土");
	REQUIRE(id > 0);
	json_t *c = cfx_clock(&f, id, "payment");
	REQUIRE(c);
	CHECK_STR(json_string_value(json_object_get(c, "state")), "suspended");
	json_decref(c);
	snprintf(body, sizeof body,
		 "{\"step\":\"remedy_filed\",\"fields\":{\"kind\":\"litigation\",\"body\":\"海原县人民法院\","
		 "\"filed_on\":\"%s\"}}",
		 cfx_day(&f, 0));
	CFX_BLOCKED(&f, "officer1", id, body, 409, "remedy_none_pending", "尚未审结");
	CFX_BLOCKED(&f, "head1", id,
		    "{\"step\":\"court_enforcement\",\"fields\":{\"court\":\"海原县人民法院\"}}", 409,
		    "court_application_window", "尚未审结");
	snprintf(body, sizeof body,
		 "{\"step\":\"remedy_upheld\",\"fields\":{\"outcome\":\"upheld\",\"decided_on\":\"%s\"}}",
		 cfx_day(&f, 0));
	REQUIRE(CFX_STEP(&f, "officer1", id, body) > 0);
	c = cfx_clock(&f, id, "payment");
	REQUIRE(c);
	CHECK_STR(json_string_value(json_object_get(c, "state")), "running");
	json_decref(c);
	cfx_stop(&f);
}

TEST(api_emergency_seizure_is_approved_afterwards)
{
	struct case_fx f;
	char body[1024];
	REQUIRE(cfx_start(&f));
	int64_t id = open_today(&f, "coercion", "路径：紧急扣押倾倒车辆",
				"{\"facts\":\"正在向耕地倾倒建筑垃圾\",\"grounds\":\"情况紧急\"}");
	REQUIRE(id > 0);
	snprintf(body, sizeof body,
		 "{\"step\":\"emergency_seize\",\"fields\":{\"items\":\"自卸货车 1 辆\",\"party_present\":\"1\","
		 "\"urgency\":\"正在倾倒，无法事先报批\",\"seized_time\":\"00:10\"},\"officers\":[%lld,%lld]}",
		 (long long)f.p_officer1, (long long)f.p_officer2);
	REQUIRE(CFX_STEP(&f, "officer1", id, body) > 0);
	CFX_BLOCKED(&f, "head1", id, "{\"step\":\"handle\",\"fields\":{\"outcome\":\"没收\"}}", 409,
		    "requires_steps", "负责人补办批准");
	/* An approval said to come before the measure is refused. */
	CFX_BLOCKED(&f, "head1", id,
		    "{\"step\":\"emergency_approval\",\"fields\":{\"measure\":\"扣押自卸货车 1 辆\","
		    "\"approved_time\":\"00:05\"}}",
		    409, "emergency_reported", "早于措施实施时间 00:10");
	REQUIRE(CFX_STEP(&f, "head1", id,
			 "{\"step\":\"emergency_approval\",\"fields\":{\"measure\":\"扣押自卸货车 1 辆\","
			 "\"approved_time\":\"00:20\"}}") > 0);
	REQUIRE(CFX_STEP(&f, "head1", id, "{\"step\":\"handle\",\"fields\":{\"outcome\":\"没收\"}}") > 0);
	cfx_stop(&f);
}

TEST(api_opening_is_declined_by_the_head_with_reasons_and_the_matter_ends)
{
	struct case_fx f;
	char state[64];
	REQUIRE(cfx_start(&f));
	char body[1024];
	snprintf(body, sizeof body,
		 "{\"procedure\":\"penalty_general\",\"domain\":\"土地管理\",\"title\":\"路径：线索核查不予立案\","
		 "\"act_date\":\"%s\",\"party\":{\"kind\":\"citizen\",\"name\":\"孙某\"},"
		 "\"fields\":{\"facts\":\"举报称占地建房\",\"source\":\"群众举报\"},"
		 "\"officers\":[%lld,%lld]}",
		 cfx_day(&f, -10), (long long)f.p_officer1, (long long)f.p_officer2);
	int64_t id = CFX_OPEN(&f, "officer1", body);
	REQUIRE(id > 0);
	/* Only the head answers, and a refusal states its reasons. */
	CFX_BLOCKED(&f, "officer1", id, "{\"step\":\"decline_opening\",\"fields\":{\"reasons\":\"r\"}}",
		    403, "role_allowed", "机关负责人");
	CFX_BLOCKED(&f, "head1", id, "{\"step\":\"decline_opening\",\"fields\":{}}", 400,
		    "required_fields", "不予立案的理由");
	REQUIRE(CFX_STEP(&f, "head1", id,
			 "{\"step\":\"decline_opening\",\"fields\":{\"reasons\":\"经核查，建房系经批准的"
			 "宅基地，违法事实不成立\"}}") > 0);
	CHECK_STR(cfx_state(&f, id, state, sizeof state), "decline_opening");
	char path[64];
	snprintf(path, sizeof path, "/api/v1/cases/%lld", (long long)id);
	json_t *c = cfx_get(&f, "officer1", path);
	CHECK(json_is_true(json_object_get(c, "closed")));
	json_decref(c);
	/* Declined is declined: no approval, no investigation after it. */
	CFX_BLOCKED(&f, "head1", id, "{\"step\":\"approve_opening\"}", 409, "closed_case_frozen",
		    "已结案");
	json_t *h = cfx_clock(&f, id, "case_handling");
	CHECK_STR(json_string_value(json_object_get(h, "state")), "not_started");
	json_decref(h);
	cfx_stop(&f);
}
