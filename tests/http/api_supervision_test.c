/* api_supervision_test.c - supervision (执法监督, issue 12 §3) end to end
 * over HTTP: the justice bureau urges an agency on a closed case, the
 * agency sees it waiting (case page, list, alerts, workbench) and answers,
 * the clock stops and the alert leaves; an agency account cannot issue a
 * supervision act, bad input is refused in Chinese with nothing changed,
 * and a supervisor of another division neither sees nor acts (404). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api_case_fx.h"
#include "app/org.h"
#include "app/people.h"
#include "base/date.h"
#include "t.h"

/* A simplified penalty of 自然资源局, paid, filed and closed 8 days ago. */
static int64_t closed_case(struct case_fx *f)
{
	char body[1024];
	snprintf(body, sizeof body,
		 "{\"procedure\":\"penalty_simplified\",\"domain\":\"土地管理\",\"title\":\"乱堆建材\","
		 "\"act_date\":\"%s\",\"party\":{\"kind\":\"citizen\",\"name\":\"张某\"},\"on\":\"%s\","
		 "\"reason\":\"补录：测试数据按发生日期录入\",\"fields\":{\"facts\":\"占道堆放建材\","
		 "\"grounds\":\"当场查实\",\"basis\":\"某条例第十条\",\"penalty\":\"fine\","
		 "\"amount\":\"100\",\"place\":\"海原县城关镇\"},\"officers\":[%lld,%lld]}",
		 cfx_day(f, -10), cfx_day(f, -10), (long long)f->p_officer1,
		 (long long)f->p_officer2);
	int64_t id = CFX_OPEN(f, "officer1", body);
	if (id <= 0)
		return -1;
	snprintf(body, sizeof body, "{\"step\":\"payment\",\"on\":\"%s\",\"reason\":\"补录\","
		 "\"fields\":{\"amount\":\"100\"}}", cfx_day(f, -9));
	if (CFX_STEP(f, "officer1", id, body) < 0)
		return -1;
	snprintf(body, sizeof body, "{\"step\":\"file\",\"on\":\"%s\",\"reason\":\"补录\"}",
		 cfx_day(f, -8));
	if (CFX_STEP(f, "officer1", id, body) < 0)
		return -1;
	snprintf(body, sizeof body, "{\"step\":\"close\",\"on\":\"%s\",\"reason\":\"补录\"}",
		 cfx_day(f, -8));
	if (CFX_STEP(f, "officer1", id, body) < 0)
		return -1;
	return id;
}

/* GET path as who: the body (free with t_resp_free), after checking 200. */
static struct http_resp page(struct case_fx *f, const char *who, const char *path)
{
	struct http_resp r = t_api(&f->d, who, "GET", path, NULL);
	if (r.status != 200)
		t_fail(__FILE__, __LINE__, "GET %s as %s: %ld", path, who, r.status);
	return r;
}

/* The number on who's workbench tile labelled label (-1 when absent). */
static long todo(struct case_fx *f, const char *who, const char *label)
{
	char tail[96];
	long n = -1;
	snprintf(tail, sizeof tail, "</strong> %s<", label);
	struct http_resp r = page(f, who, "/workbench");
	const char *at = r.body ? strstr(r.body, tail) : NULL;
	if (at) {
		while (at > r.body && at[-1] >= '0' && at[-1] <= '9')
			at--;
		n = strtol(at, NULL, 10);
	}
	t_resp_free(&r);
	return n;
}

static const char *clock_state(struct case_fx *f, int64_t id, char *out, size_t n)
{
	json_t *c = cfx_clock(f, id, "supervision_reply");
	snprintf(out, n, "%s", c ? json_string_value(json_object_get(c, "state")) : "");
	json_decref(c);
	return out;
}

TEST(supervisor_urges_the_agency_answers_the_clock_stops_and_the_alert_leaves)
{
	struct case_fx f;
	char body[512], link[96], path[96], st[32];
	REQUIRE(cfx_start(&f));
	int64_t id = closed_case(&f);
	REQUIRE(id > 0);
	snprintf(link, sizeof link, "<a href=\"/cases/%lld\">", (long long)id);
	snprintf(path, sizeof path, "/cases/%lld", (long long)id);

	/* the case page offers the supervisor the acts, even after closing */
	struct http_resp r = page(&f, "supervisor", path);
	snprintf(body, sizeof body, "href=\"/cases/%lld/steps/supervision_urge\"", (long long)id);
	CHECK_CONTAINS(r.body, body);
	CHECK_CONTAINS(r.body, "本案尚无督办、监督意见或纠错通知");
	t_resp_free(&r);
	snprintf(body, sizeof body, "/cases/%lld/steps/supervision_urge", (long long)id);
	r = page(&f, "supervisor", body);
	CHECK_CONTAINS(r.body, "监督事项");
	CHECK_CONTAINS(r.body, "办理期限");
	t_resp_free(&r);

#define URGE "{\"step\":\"supervision_urge\",\"fields\":{\"matters\":\"%s\",\"reply_by\":\"%s\"}}"
	/* an agency account cannot issue it; bad input is refused; nothing changes */
	snprintf(body, sizeof body, URGE, "裁量说理不足", cfx_day(&f, 10));
	CFX_BLOCKED(&f, "head1", id, body, 403, "role_allowed", "「督办」须由执法监督人员（司法局）进行");
	snprintf(body, sizeof body, URGE, "裁量说理不足", cfx_day(&f, -1));
	CFX_BLOCKED(&f, "supervisor", id, body, 400, "due_after_act", "“办理期限”应晚于本次记录的日期");
	snprintf(body, sizeof body, URGE, "", cfx_day(&f, 10));
	CFX_BLOCKED(&f, "supervisor", id, body, 400, "required_fields",
		    "「督办」缺少必填项“监督事项”");
	CHECK_STR(clock_state(&f, id, st, sizeof st), "not_started");

	/* the demo county has acts of its own: counts move by one */
	long head_acts = todo(&f, "head1", "件监督事项待答复");
	long bureau_acts = todo(&f, "supervisor", "件监督事项待机关答复");
	REQUIRE(head_acts >= 0 && bureau_acts >= 0);
	snprintf(body, sizeof body, URGE, "裁量说理不足", cfx_day(&f, 10));
	REQUIRE(CFX_STEP(&f, "supervisor", id, body) > 0);
	int64_t seq = cfx_event_count(&f, id);
	/* the 督办通知书: the bureau's own number series */
	char docs[1024];
	CHECK_CONTAINS(cfx_documents(&f, id, docs, sizeof docs), ":supervision_urge_notice:");
	CHECK_CONTAINS(docs, "海司督〔"); /* 海原县司法局: its 机关代字 */
	CHECK_STR(clock_state(&f, id, st, sizeof st), "running");
	CHECK_STR(cfx_state(&f, id, st, sizeof st), "close"); /* where the case stood */
	snprintf(body, sizeof body, "/api/v1/cases/%lld", (long long)id);
	json_t *c = cfx_get(&f, "officer1", body);
	json_t *act = json_array_get(json_object_get(c, "supervision_acts"), 0);
	CHECK_INT(json_integer_value(json_object_get(act, "act_seq")), seq);
	CHECK_STR(json_string_value(json_object_get(act, "state")), "running");
	/* the date set, or the next working day when it is a holiday */
	const char *due = json_string_value(json_object_get(act, "due"));
	CHECK(due && strcmp(due, cfx_day(&f, 10)) >= 0 && strcmp(due, cfx_day(&f, 20)) < 0);
	json_decref(c);

	/* the agency sees what awaits its answer */
	r = page(&f, "officer1", path);
	snprintf(body, sizeof body, "href=\"/cases/%lld/steps/supervision_reply?answers=%lld\"",
		 (long long)id, (long long)seq);
	CHECK_CONTAINS(r.body, body);
	CHECK_CONTAINS(r.body, "待答复：机关应于");
	t_resp_free(&r);
	r = page(&f, "officer1", "/alerts");
	CHECK_CONTAINS(r.body, "待本机关答复的监督事项");
	CHECK_CONTAINS(r.body, link);
	CHECK_CONTAINS(r.body, "1 项监督事项待答复");
	t_resp_free(&r);
	r = page(&f, "officer1", "/cases?alert=acts");
	CHECK_CONTAINS(r.body, link);
	t_resp_free(&r);
	CHECK_INT(todo(&f, "head1", "件监督事项待答复"), head_acts + 1);
	CHECK_INT(todo(&f, "supervisor", "件监督事项待机关答复"), bureau_acts + 1);

	/* the answer names an act awaiting one */
	CFX_BLOCKED(&f, "officer1", id,
		    "{\"step\":\"supervision_reply\",\"fields\":{\"answers\":\"1\",\"handling\":\"已整改\"}}",
		    400, "answers_open_act", "应为本案待答复事项的记录序号");
	snprintf(body, sizeof body,
		 "{\"step\":\"supervision_reply\",\"fields\":{\"answers\":\"%lld\","
		 "\"handling\":\"已补充裁量说理，报送整改报告\"}}", (long long)seq);
	REQUIRE(CFX_STEP(&f, "officer1", id, body) > 0);
	CHECK_STR(clock_state(&f, id, st, sizeof st), "stopped");

	/* the fact changed: the alert, the list entry and the count are gone */
	r = page(&f, "officer1", "/alerts");
	CHECK(!strstr(r.body, link));
	t_resp_free(&r);
	r = page(&f, "officer1", "/cases?alert=acts");
	CHECK(!strstr(r.body, link));
	t_resp_free(&r);
	CHECK_INT(todo(&f, "head1", "件监督事项待答复"), head_acts);
	r = page(&f, "supervisor", path);
	CHECK_CONTAINS(r.body, "已于 ");
	CHECK_CONTAINS(r.body, " 答复（<a href=\"#e");
	t_resp_free(&r);
#undef URGE
	cfx_stop(&f);
}

TEST(a_supervisor_of_another_division_neither_sees_nor_acts_on_the_case)
{
	struct case_fx f;
	char token[65], csrf[65], path[96], body[256];
	REQUIRE(cfx_start(&f));
	int64_t id = closed_case(&f);
	REQUIRE(id > 0);
	/* 中宁县's justice bureau (division 640521) and its supervisor */
	REQUIRE(CFX_OTHER_SUPERVISOR(&f, token, csrf));
	int64_t before = cfx_event_count(&f, id);
	snprintf(path, sizeof path, "/api/v1/cases/%lld", (long long)id);
	struct http_resp r = t_http(&f.d.ts, "GET", path, token, NULL, NULL);
	CHECK_ERROR(r, 404, "not_found", "id");
	t_resp_free(&r);
	snprintf(path, sizeof path, "/api/v1/cases/%lld/steps", (long long)id);
	snprintf(body, sizeof body,
		 "{\"step\":\"supervision_urge\",\"fields\":{\"matters\":\"x\",\"reply_by\":\"%s\"}}",
		 cfx_day(&f, 10));
	r = t_http(&f.d.ts, "POST", path, token, "application/json", body);
	CHECK_ERROR(r, 404, "not_found", "id");
	t_resp_free(&r);
	CHECK_INT(cfx_event_count(&f, id), before);
	cfx_stop(&f);
}

/* Whether GET /cases?alert=ALERT as who lists case id. */
static bool alerted(struct case_fx *f, const char *who, const char *alert, int64_t id)
{
	char path[96], link[64];
	snprintf(path, sizeof path, "/cases?alert=%s", alert);
	snprintf(link, sizeof link, "<a href=\"/cases/%lld\">", (long long)id);
	struct http_resp r = page(f, who, path);
	bool found = r.body && strstr(r.body, link) != NULL;
	t_resp_free(&r);
	return found;
}

/* Sets every certificate of person to status by POST .../{action}. */
static void certificates(struct case_fx *f, int64_t person, const char *action)
{
	char path[96];
	snprintf(path, sizeof path, "/api/v1/certificates?person_id=%lld", (long long)person);
	json_t *l = cfx_get(f, "supervisor", path), *c;
	size_t i;
	json_array_foreach(json_object_get(l, "items"), i, c) {
		snprintf(path, sizeof path, "/api/v1/certificates/%lld/%s",
			 (long long)json_integer_value(json_object_get(c, "id")), action);
		struct http_resp r = t_api(&f->d, "supervisor", "POST", path,
					   "{\"reason\":\"涉嫌违法执法，暂扣待查\"}");
		t_resp_free(&r);
	}
	json_decref(l);
}

TEST(alerts_for_a_review_waiting_too_long_a_late_filing_and_an_uncertified_officer_leave_with_the_fact)
{
	struct case_fx f;
	char body[1024];
	REQUIRE(cfx_start(&f));
#define LATE "\"reason\":\"补录：测试数据按发生日期录入\""
	snprintf(body, sizeof body,
		 "{\"procedure\":\"penalty_general\",\"domain\":\"土地管理\",\"title\":\"非法采砂\","
		 "\"act_date\":\"%s\",\"party\":{\"kind\":\"citizen\",\"name\":\"李某\"},\"on\":\"%s\","
		 LATE ",\"fields\":{\"facts\":\"河道非法采砂\",\"source\":\"群众举报\"},"
		 "\"officers\":[%lld,%lld]}",
		 cfx_day(&f, -50), cfx_day(&f, -40), (long long)f.p_officer1,
		 (long long)f.p_officer2);
	int64_t id = CFX_OPEN(&f, "officer1", body);
	REQUIRE(id > 0);
	CFX_APPROVE(&f, id, cfx_day(&f, -40));
	snprintf(body, sizeof body,
		 "{\"step\":\"investigate\",\"on\":\"%s\"," LATE ",\"fields\":{\"record\":\"笔录\"},"
		 "\"officers\":[%lld,%lld]}", cfx_day(&f, -39), (long long)f.p_officer1,
		 (long long)f.p_officer2);
	CFX_STEP(&f, "officer1", id, body);
	snprintf(body, sizeof body,
		 "{\"step\":\"advance_notice\",\"on\":\"%s\"," LATE ",\"fields\":{\"facts\":\"非法采砂\","
		 "\"grounds\":\"证据确凿\",\"basis\":\"矿产资源法\",\"penalty\":\"fine\","
		 "\"amount\":\"60000\",\"served_on\":\"%s\",\"hearing_offered\":\"1\"}}",
		 cfx_day(&f, -38), cfx_day(&f, -38));
	CFX_STEP(&f, "officer1", id, body);

	/* 待审核 since day -38, beyond review_pending_alert (5 working days) */
	CHECK(alerted(&f, "reviewer1", "review_late", id));
	snprintf(body, sizeof body,
		 "{\"step\":\"legal_review\",\"on\":\"%s\"," LATE ",\"officers\":[%lld],"
		 "\"fields\":{\"opinion\":\"approve\",\"check_body\":\"pass\",\"check_officers\":\"pass\","
		 "\"check_procedure\":\"pass\",\"check_facts\":\"pass\",\"check_law\":\"pass\","
		 "\"check_authority\":\"pass\",\"check_documents\":\"pass\",\"check_referral\":\"pass\"}}",
		 cfx_day(&f, -20), (long long)f.p_reviewer);
	CFX_STEP(&f, "reviewer1", id, body);
	CHECK(!alerted(&f, "reviewer1", "review_late", id));

	/* decided on day -18: a major decision, its filing due on day -3 */
	snprintf(body, sizeof body,
		 "{\"step\":\"decision\",\"on\":\"%s\"," LATE ",\"fields\":{\"facts\":\"非法采砂\","
		 "\"grounds\":\"证据确凿\",\"basis\":\"矿产资源法\",\"penalty\":\"fine\","
		 "\"amount\":\"60000\"}}", cfx_day(&f, -18));
	CFX_STEP(&f, "head1", id, body);
	CHECK(alerted(&f, "supervisor", "filing_overdue", id));
	CHECK(alerted(&f, "officer1", "filing_overdue", id));
	struct http_resp r = page(&f, "officer1", "/alerts");
	CHECK_CONTAINS(r.body, "重大行政处罚备案已逾期");
	t_resp_free(&r);
	CFX_BLOCKED(&f, "officer1", id, "{\"step\":\"filing\",\"fields\":{\"filing_materials\":\"\"}}",
		    400, "required_fields", "「重大行政处罚备案」缺少必填项“报送备案的材料”");
	CFX_STEP(&f, "officer1", id,
		 "{\"step\":\"filing\",\"fields\":{\"filing_materials\":\"决定书、法制审核意见书\"}}");
	CHECK(!alerted(&f, "supervisor", "filing_overdue", id));
	json_t *c = cfx_clock(&f, id, "filing");
	REQUIRE(c);
	CHECK_STR(json_string_value(json_object_get(c, "state")), "stopped");
	CHECK(json_is_true(json_object_get(c, "overdue"))); /* filed late: counted late */
	json_decref(c);
	/* the supervisor reviews the filing: an objection needs its reasons */
	CFX_BLOCKED(&f, "supervisor", id,
		    "{\"step\":\"filing_review\",\"fields\":{\"filing_opinion\":\"objection\"}}", 400,
		    "objection_reasons", "备案审查有异议的，须写明“理由”");
	CFX_STEP(&f, "supervisor", id,
		 "{\"step\":\"filing_review\",\"fields\":{\"filing_opinion\":\"no_objection\"}}");

	/* an officer of the case loses a valid certificate, then has it back */
	CHECK(!alerted(&f, "head1", "uncertified", id));
	certificates(&f, f.p_officer2, "suspend");
	CHECK(alerted(&f, "head1", "uncertified", id));
	r = page(&f, "supervisor", "/alerts");
	CHECK_CONTAINS(r.body, "有执法证失效的人员参与的办理中案件");
	t_resp_free(&r);
	certificates(&f, f.p_officer2, "resume");
	CHECK(!alerted(&f, "head1", "uncertified", id));
#undef LATE
	cfx_stop(&f);
}
