/* api_case_sidedoors_test.c - issue 8 §1 through the API, on the demo
 * county's cases: a decided fine cannot be rewritten as a correction, a
 * case carries one outcome, the statutory way to change a decision is
 * revocation and then a new notice, a review binds to the notice it saw,
 * a service date may not precede the decision, a late entry needs a
 * reason and is marked, and a hearing notice is checked when issued. Each
 * refusal leaves the case's events, state and documents unchanged. */
#include <stdio.h>
#include <string.h>

#include "api_case_fx.h"
#include "t.h"

/* The decided-not-served demo case (田学军, fine 5000, decided 3 days
 * ago) and the id of its latest event of step. */
#define DECIDED "未经批准临时用地逾期不归还"

static int64_t event_of(struct case_fx *f, int64_t id, const char *step)
{
	char path[64];
	int64_t found = -1;
	snprintf(path, sizeof path, "/api/v1/cases/%lld", (long long)id);
	json_t *c = cfx_get(f, "supervisor", path);
	json_t *ev;
	size_t i;
	json_array_foreach(json_object_get(c, "events"), i, ev)
		if (!strcmp(json_string_value(json_object_get(ev, "step")), step))
			found = json_integer_value(json_object_get(ev, "id"));
	json_decref(c);
	return found;
}

TEST(api_correction_may_not_rewrite_a_decided_fine)
{
	struct case_fx f;
	char body[512];
	REQUIRE(cfx_start(&f));
	int64_t id = cfx_case_titled(&f, DECIDED);
	int64_t dec = event_of(&f, id, "decision");
	REQUIRE(id > 0 && dec > 0);
	snprintf(body, sizeof body,
		 "{\"step\":\"correction\",\"corrects\":%lld,\"reason\":\"金额笔误\","
		 "\"fields\":{\"amount\":\"500\"}}",
		 (long long)dec);
	CFX_BLOCKED(&f, "head1", id, body, 409, "correction_clerical",
		    "更正只能改正笔误等文字错误，不能改变「作出行政处罚决定」的实质内容");
	snprintf(body, sizeof body,
		 "{\"step\":\"correction\",\"corrects\":%lld,\"reason\":\"笔误\","
		 "\"fields\":{\"facts\":\"另一事实\"}}",
		 (long long)dec);
	CFX_BLOCKED(&f, "head1", id, body, 409, "correction_clerical", "须依法撤销或变更原决定");
	cfx_stop(&f);
}

TEST(api_case_carries_one_outcome_and_changes_it_by_revocation)
{
	struct case_fx f;
	char body[512], path[64];
	REQUIRE(cfx_start(&f));
	int64_t id = cfx_case_titled(&f, DECIDED);
	REQUIRE(id > 0);
	CFX_BLOCKED(&f, "head1", id, "{\"step\":\"no_penalty\",\"fields\":{\"reasons\":\"轻微\",\"ground\":\"minor\",\"facts\":\"f\",\"education\":\"当场教育\"}}",
		    409, "one_outcome", "一个案件只能有一个有效的处理结果");
	CFX_BLOCKED(&f, "head1", id, "{\"step\":\"withdraw\",\"fields\":{\"reasons\":\"撤案\"}}",
		    409, "one_outcome", "改变结果须先「撤销或变更行政处罚决定」");
	/* The statutory way: revoke with a reason, then notify again. */
	int64_t rev = CFX_STEP(&f, "head1", id,
			       "{\"step\":\"revoke_decision\",\"fields\":{\"mode\":\"change\","
			       "\"reasons\":\"罚款数额适用裁量基准错误\"}}");
	REQUIRE(rev > 0);
	snprintf(path, sizeof path, "/api/v1/cases/%lld", (long long)id);
	json_t *c = cfx_get(&f, "supervisor", path);
	json_t *ev;
	size_t i;
	bool voided = false;
	json_array_foreach(json_object_get(c, "events"), i, ev)
		if (!strcmp(json_string_value(json_object_get(ev, "step")), "decision"))
			voided = json_is_integer(json_object_get(ev, "voided_by"));
	CHECK(voided);
	json_decref(c);
	snprintf(body, sizeof body,
		 "{\"step\":\"service\",\"fields\":{\"served_on\":\"%s\",\"method\":\"直接送达\"}}",
		 cfx_day(&f, 0));
	CFX_BLOCKED(&f, "officer1", id, body, 409, "one_outcome", "已被撤销");
	snprintf(body, sizeof body,
		 "{\"step\":\"decision\",\"fields\":{\"facts\":\"f\",\"grounds\":\"g\",\"basis\":\"b\","
		 "\"penalty\":\"fine\",\"amount\":\"3000\"}}");
	CFX_BLOCKED(&f, "head1", id, body, 409, "one_outcome", "重新作出决定前须重新告知当事人");
	cfx_stop(&f);
}

TEST(api_service_date_may_not_precede_the_decision)
{
	struct case_fx f;
	char body[512];
	REQUIRE(cfx_start(&f));
	int64_t id = cfx_case_titled(&f, DECIDED);
	REQUIRE(id > 0);
	snprintf(body, sizeof body,
		 "{\"step\":\"service\",\"fields\":{\"served_on\":\"%s\",\"method\":\"直接送达\"}}",
		 cfx_day(&f, -5));
	CFX_BLOCKED(&f, "officer1", id, body, 409, "dates_in_order", "文书不能在作出前送达");
	cfx_stop(&f);
}

TEST(api_late_entry_needs_a_reason_and_is_marked)
{
	struct case_fx f;
	char body[512], path[80];
	REQUIRE(cfx_start(&f));
	int64_t id = cfx_case_titled(&f, DECIDED);
	REQUIRE(id > 0);
	snprintf(body, sizeof body,
		 "{\"step\":\"service\",\"on\":\"%s\",\"fields\":{\"served_on\":\"%s\","
		 "\"method\":\"直接送达\"}}",
		 cfx_day(&f, -2), cfx_day(&f, -2));
	CFX_BLOCKED(&f, "officer1", id, body, 400, "late_entry", "属于补录：须说明补录理由");
	snprintf(body, sizeof body,
		 "{\"step\":\"service\",\"on\":\"%s\",\"reason\":\"送达回证当日未录入\","
		 "\"fields\":{\"served_on\":\"%s\",\"method\":\"直接送达\"}}",
		 cfx_day(&f, -2), cfx_day(&f, -2));
	REQUIRE(CFX_STEP(&f, "officer1", id, body) > 0);
	snprintf(path, sizeof path, "/api/v1/cases/%lld/events", (long long)id);
	json_t *l = cfx_get(&f, "supervisor", path);
	json_t *items = json_object_get(l, "items");
	json_t *last = json_array_get(items, json_array_size(items) - 1);
	CHECK_STR(json_string_value(json_object_get(last, "step")), "service");
	CHECK(json_is_true(json_object_get(last, "late_entry")));
	json_decref(l);
	cfx_stop(&f);
}

TEST(api_review_covers_only_the_notice_it_saw)
{
	struct case_fx f;
	char body[1024];
	REQUIRE(cfx_start(&f));
	/* Noticed 30 days ago at 250 000 yuan: in the review catalogue. */
	int64_t id = cfx_case_titled(&f, "越界开采矿产资源");
	REQUIRE(id > 0);
	snprintf(body, sizeof body,
		 "{\"step\":\"legal_review\",\"fields\":{\"opinion\":\"approve\",\"check_body\":\"pass\","
		 "\"check_officers\":\"pass\",\"check_procedure\":\"pass\",\"check_facts\":\"pass\","
		 "\"check_law\":\"pass\",\"check_authority\":\"pass\",\"check_documents\":\"pass\","
		 "\"check_referral\":\"pass\"},\"officers\":[%lld]}",
		 (long long)f.p_reviewer);
	REQUIRE(CFX_STEP(&f, "reviewer1", id, body) > 0);
	CFX_BLOCKED(&f, "head1", id,
		    "{\"step\":\"decision\",\"fields\":{\"facts\":\"当事人越界开采，情节严重。\","
		    "\"grounds\":\"g\",\"basis\":\"《中华人民共和国矿产资源法》第三十九条\","
		    "\"penalty\":\"fine\",\"amount\":\"250000\"}}",
		    409, "review_required_and_passed", "与法制审核时");
	cfx_stop(&f);
}

TEST(api_hearing_notice_is_checked_when_issued)
{
	struct case_fx f;
	char body[1024];
	REQUIRE(cfx_start(&f));
	/* The party asked for a hearing 10 days ago. */
	int64_t id = cfx_case_titled(&f, "擅自改变土地用途");
	REQUIRE(id > 0);
	snprintf(body, sizeof body,
		 "{\"step\":\"hearing_notice\",\"fields\":{\"hearing_on\":\"%s\",\"hearing_time\":\"09:30\","
		 "\"place\":\"第一听证室\",\"host\":\"%lld\",\"served_on\":\"%s\"}}",
		 cfx_day(&f, 3), (long long)f.p_other, cfx_day(&f, 0));
	CFX_BLOCKED(&f, "officer1", id, body, 409, "hearing_notice_valid",
		    "听证通知应在举行听证 7 个工作日前送达");
	snprintf(body, sizeof body,
		 "{\"step\":\"hearing_notice\",\"fields\":{\"hearing_on\":\"%s\",\"hearing_time\":\"09:30\","
		 "\"place\":\"第一听证室\",\"host\":\"%lld\",\"served_on\":\"%s\"}}",
		 cfx_day(&f, 20), (long long)f.p_officer1, cfx_day(&f, 0));
	CFX_BLOCKED(&f, "officer1", id, body, 409, "hearing_notice_valid", "不能是本案调查人员");
	snprintf(body, sizeof body,
		 "{\"step\":\"hearing_notice\",\"fields\":{\"hearing_on\":\"%s\",\"hearing_time\":\"09:30\","
		 "\"place\":\"第一听证室\",\"host\":\"%lld\",\"served_on\":\"%s\"}}",
		 cfx_day(&f, 20), (long long)f.p_other, cfx_day(&f, 0));
	REQUIRE(CFX_STEP(&f, "officer1", id, body) > 0);
	cfx_stop(&f);
}

TEST(api_refuses_more_officers_than_the_gates_check)
{
	struct case_fx f;
	REQUIRE(cfx_start(&f));
	int64_t id = cfx_case_titled(&f, DECIDED);
	REQUIRE(id > 0);
	char before[64];
	snprintf(before, sizeof before, "%lld", (long long)cfx_event_count(&f, id));
	char path[64];
	snprintf(path, sizeof path, "/api/v1/cases/%lld/steps", (long long)id);
	struct http_resp r = t_api(&f.d, "officer1", "POST", path,
		  "{\"step\":\"investigate\",\"fields\":{\"record\":\"询问笔录\"},"
		  "\"officers\":[1,2,3,4,5,6,7,8,9,10,11,12,13]}");
	CHECK_INT(r.status, 400);
	CHECK_CONTAINS(r.body, "一个步骤最多记录 12 名参与人员");
	t_resp_free(&r);
	char after[64];
	snprintf(after, sizeof after, "%lld", (long long)cfx_event_count(&f, id));
	CHECK_STR(after, before);
	cfx_stop(&f);
}
