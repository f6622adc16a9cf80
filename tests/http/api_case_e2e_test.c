/* api_case_e2e_test.c - a penalty case (普通程序) driven through the API
 * from opening to closing: investigation, notice, hearing, review rejected
 * then approved, decision, service, late payment with surcharge, closing,
 * correction; the gates met on the way block and change nothing. */
#include <stdio.h>

#include "api_case_fx.h"
#include "base/date.h"
#include "t.h"

#define B (-80) /* the case opens 80 days ago: its 90-day handling period still runs */

static const char *day(struct case_fx *f, int n)
{
	return cfx_day(f, B + n);
}

static const char *const checks_pass =
	"\"check_body\":\"pass\",\"check_officers\":\"pass\",\"check_procedure\":\"pass\","
	"\"check_law\":\"pass\",\"check_authority\":\"pass\",\"check_documents\":\"pass\","
	"\"check_referral\":\"pass\"";

/* The step case id waits for in the queue at path, as who sees it, in
 * out ("" when the case is not there). */
static const char *queued_for(struct case_fx *f, const char *who, const char *path, int64_t id,
			      char *out, size_t n)
{
	char p[128];
	snprintf(p, sizeof p, "%s?limit=200", path);
	json_t *q = cfx_get(f, who, p), *it;
	size_t i;
	out[0] = '\0';
	json_array_foreach(json_object_get(q, "items"), i, it)
		if (json_integer_value(json_object_get(it, "id")) == id)
			snprintf(out, n, "%s", json_string_value(json_object_get(it, "awaits_step")));
	json_decref(q);
	return out;
}

/* Whether case id is in the queue at path, as who sees it. */
static bool queued(struct case_fx *f, const char *who, const char *path, int64_t id)
{
	char step[64];
	return queued_for(f, who, path, id, step, sizeof step)[0] != '\0';
}

/* Opens the case and investigates it: returns the case id. */
static int64_t open_and_investigate(struct case_fx *f)
{
	char body[1024];
	snprintf(body, sizeof body,
		 "{\"procedure\":\"penalty_general\",\"domain\":\"土地管理\","
		 "\"title\":\"端到端：未经批准占用耕地建房\",\"act_date\":\"%s\","
		 "\"party\":{\"kind\":\"citizen\",\"name\":\"马某某\",\"id\":\"640522199001011234\","
		 "\"address\":\"海原县三河镇\"},\"on\":\"%s\",\"reason\":\"补录：测试数据按发生日期录入\","
		 "\"fields\":{\"facts\":\"巡查发现占用耕地约 300 平方米建房\",\"source\":\"日常巡查\"},"
		 "\"officers\":[%lld,%lld]}",
		 day(f, -30), day(f, 0), (long long)f->p_officer1, (long long)f->p_officer2);
	int64_t id = CFX_OPEN(f, "officer1", body);
	if (id <= 0 || CFX_APPROVE(f, id, day(f, 0)) <= 0)
		return -1;
	snprintf(body, sizeof body,
		 "{\"step\":\"investigate\",\"on\":\"%s\",\"reason\":\"补录：测试数据按发生日期录入\",\"fields\":{\"record\":\"现场检查笔录、询问笔录\"},"
		 "\"officers\":[%lld,%lld]}",
		 day(f, 1), (long long)f->p_officer1, (long long)f->p_officer2);
	CFX_STEP(f, "officer1", id, body);
	return id;
}

/* Advance notice of a 20000 yuan fine (a hearing is due: over 10000),
 * the party asks for a hearing, is notified, and the hearing is held by
 * an officer who did not investigate. */
static void notice_and_hearing(struct case_fx *f, int64_t id)
{
	char body[1024];
	snprintf(body, sizeof body,
		 "{\"step\":\"advance_notice\",\"on\":\"%s\",\"reason\":\"补录：测试数据按发生日期录入\",\"fields\":{\"facts\":\"占用耕地建房\","
		 "\"grounds\":\"证据确凿\",\"basis\":\"土地管理法第七十七条\",\"penalty\":\"fine\","
		 "\"amount\":\"20000\",\"hearing_offered\":true,\"served_on\":\"%s\"}}",
		 day(f, 2), day(f, 2));
	CFX_STEP(f, "officer1", id, body);

	/* A 20000 yuan fine is outside the review catalogue: nothing waits
	 * for the reviewer yet. */
	CHECK(!queued(f, "reviewer1", "/api/v1/queues/review", id));

	snprintf(body, sizeof body, "{\"step\":\"hearing_request\",\"on\":\"%s\",\"reason\":\"补录：测试数据按发生日期录入\"}", day(f, 4));
	CFX_STEP(f, "officer1", id, body);
	snprintf(body, sizeof body,
		 "{\"step\":\"hearing_notice\",\"on\":\"%s\",\"reason\":\"补录：测试数据按发生日期录入\",\"fields\":{\"hearing_on\":\"%s\",\"hearing_time\":\"09:30\","
		 "\"place\":\"局三楼听证室\",\"host\":%lld,\"served_on\":\"%s\"}}",
		 day(f, 5), day(f, 30), (long long)f->p_other, day(f, 5));
	CFX_STEP(f, "officer1", id, body);

	/* An investigator may not host the hearing. */
	snprintf(body, sizeof body,
		 "{\"step\":\"hearing\",\"on\":\"%s\",\"reason\":\"补录：测试数据按发生日期录入\",\"fields\":{\"host\":%lld,\"outcome\":\"held\"}}",
		 day(f, 30), (long long)f->p_officer1);
	CFX_BLOCKED(f, "officer1", id, body, 409, "hearing_host_not_investigator",
		    "听证主持人不能是本案调查人员");
	snprintf(body, sizeof body,
		 "{\"step\":\"hearing\",\"on\":\"%s\",\"reason\":\"补录：测试数据按发生日期录入\",\"fields\":{\"host\":%lld,\"outcome\":\"held\"}}",
		 day(f, 30), (long long)f->p_other);
	CFX_STEP(f, "officer1", id, body);
}

static void decide_body(struct case_fx *f, int n, const char *amount, char *body, size_t len)
{
	snprintf(body, len,
		 "{\"step\":\"decision\",\"on\":\"%s\",\"reason\":\"补录：测试数据按发生日期录入\",\"fields\":{\"facts\":\"占用耕地建房\","
		 "\"grounds\":\"证据确凿\",\"basis\":\"土地管理法第七十七条\",\"penalty\":\"fine\","
		 "\"amount\":\"%s\"}}",
		 day(f, n), amount);
}

/* The hearing puts the case in the review catalogue: no decision before
 * a reviewer approves; a rejection sends it back for revision. */
static void review_and_decide(struct case_fx *f, int64_t id)
{
	char body[1400];
	decide_body(f, 31, "20000", body, sizeof body);
	CFX_BLOCKED(f, "head1", id, body, 409, "review_required_and_passed",
		    "未经法制审核通过不能作出决定");
	/* The decision lacks the review: the reviewer's queue, not the head's. */
	char step[64];
	CHECK_STR(queued_for(f, "reviewer1", "/api/v1/queues/review", id, step, sizeof step),
		  "legal_review");
	CHECK(!queued(f, "head1", "/api/v1/queues/approval", id));

	snprintf(body, sizeof body,
		 "{\"step\":\"legal_review\",\"on\":\"%s\",\"reason\":\"补录：测试数据按发生日期录入\",\"officers\":[%lld],\"fields\":{"
		 "\"opinion\":\"reject\",\"reasons\":\"占地面积未经测绘，证据不足\","
		 "\"check_facts\":\"fail\",%s}}",
		 day(f, 32), (long long)f->p_reviewer, checks_pass);
	CFX_STEP(f, "reviewer1", id, body);
	decide_body(f, 33, "20000", body, sizeof body);
	CFX_BLOCKED(f, "head1", id, body, 409, "review_required_and_passed",
		    "法制审核未通过");
	/* Rejected: the case waits for the unit, in no queue. */
	CHECK(!queued(f, "reviewer1", "/api/v1/queues/review", id));
	CHECK(!queued(f, "head1", "/api/v1/queues/approval", id));

	/* Revision: the survey the reviewer asked for, then approval. */
	snprintf(body, sizeof body,
		 "{\"step\":\"investigate\",\"on\":\"%s\",\"reason\":\"补录：测试数据按发生日期录入\",\"fields\":{\"record\":\"测绘报告：占地 312 平方米\"},"
		 "\"officers\":[%lld,%lld]}",
		 day(f, 34), (long long)f->p_officer1, (long long)f->p_officer2);
	CFX_STEP(f, "officer1", id, body);
	CHECK(queued(f, "reviewer1", "/api/v1/queues/review", id)); /* revised: again */
	snprintf(body, sizeof body,
		 "{\"step\":\"legal_review\",\"on\":\"%s\",\"reason\":\"补录：测试数据按发生日期录入\",\"officers\":[%lld],\"fields\":{"
		 "\"opinion\":\"approve\",\"check_facts\":\"pass\",%s}}",
		 day(f, 35), (long long)f->p_reviewer, checks_pass);
	CFX_STEP(f, "reviewer1", id, body);

	/* Approved: the case waits for the head's decision, not the reviewer. */
	CHECK_STR(queued_for(f, "head1", "/api/v1/queues/approval", id, step, sizeof step),
		  "decision");
	CHECK(!queued(f, "reviewer1", "/api/v1/queues/review", id));
	decide_body(f, 36, "30000", body, sizeof body);
	CFX_BLOCKED(f, "head1", id, body, 409, "not_above_notified", "超过告知的 20000 元");
	decide_body(f, 36, "20000", body, sizeof body);
	CFX_STEP(f, "head1", id, body);
}

/* Service, publication, payment ten days late with the surcharge of 3% a
 * day (6000 yuan on 20000), and closing. */
static int64_t serve_pay_close(struct case_fx *f, int64_t id)
{
	char body[1024], pay_on[FZ_DATE_LEN];
	snprintf(body, sizeof body,
		 "{\"step\":\"service\",\"on\":\"%s\",\"reason\":\"补录：测试数据按发生日期录入\",\"fields\":{\"served_on\":\"%s\","
		 "\"method\":\"直接送达\"}}",
		 day(f, 37), day(f, 37));
	int64_t served = CFX_STEP(f, "officer1", id, body);

	json_t *pay = cfx_clock(f, id, "payment");
	const char *due = json_string_value(json_object_get(pay, "due"));
	CHECK_STR(json_string_value(json_object_get(pay, "state")), "running");
	CHECK(json_is_true(json_object_get(pay, "overdue")));
	if (!due || !date_add_days(due, 10, pay_on)) {
		t_fail(__FILE__, __LINE__, "no payment due date");
		json_decref(pay);
		return served;
	}
	json_decref(pay);

	snprintf(body, sizeof body,
		 "{\"step\":\"payment\",\"on\":\"%s\",\"reason\":\"补录：测试数据按发生日期录入\",\"fields\":{\"amount\":\"20000\"}}", pay_on);
	CFX_BLOCKED(f, "officer1", id, body, 409, "surcharge_when_late", "应加处罚款 6000 元");
	snprintf(body, sizeof body,
		 "{\"step\":\"payment\",\"on\":\"%s\",\"reason\":\"补录：测试数据按发生日期录入\",\"fields\":{\"amount\":\"20000\","
		 "\"surcharge\":\"6000\"}}",
		 pay_on);
	CFX_STEP(f, "officer1", id, body);
	snprintf(body, sizeof body,
		 "{\"step\":\"close\",\"on\":\"%s\",\"reason\":\"补录：测试数据按发生日期录入\",\"fields\":{\"summary\":\"罚款及加处罚款已缴清\"}}",
		 pay_on);
	CFX_STEP(f, "head1", id, body);
	return served;
}

/* A closed case is frozen: changes are corrections by the head, which
 * name the event they correct and say why. */
static void closed_case_takes_only_corrections(struct case_fx *f, int64_t id, int64_t served)
{
	char body[512];
	snprintf(body, sizeof body,
		 "{\"step\":\"investigate\",\"fields\":{\"record\":\"补充\"},\"officers\":[%lld,%lld]}",
		 (long long)f->p_officer1, (long long)f->p_officer2);
	CFX_BLOCKED(f, "officer1", id, body, 409, "closed_case_frozen", "案件已结案");
	snprintf(body, sizeof body,
		 "{\"step\":\"correction\",\"corrects\":%lld,\"reason\":\"送达方式记录有误\","
		 "\"fields\":{\"method\":\"邮寄送达\"}}",
		 (long long)served);
	CFX_BLOCKED(f, "officer1", id, body, 403, "role_allowed", "更正须由");
	int64_t ev = CFX_STEP(f, "head1", id, body);

	char path[96];
	snprintf(path, sizeof path, "/api/v1/cases/%lld/events?limit=100", (long long)id);
	json_t *j = cfx_get(f, "officer1", path);
	json_t *items = json_object_get(j, "items");
	json_t *last = json_array_get(items, json_array_size(items) - 1);
	CHECK(json_integer_value(json_object_get(last, "id")) == ev);
	CHECK_STR(json_string_value(json_object_get(last, "step")), "correction");
	CHECK_STR(json_string_value(json_object_get(last, "step_label")), "更正");
	CHECK(json_integer_value(json_object_get(last, "corrects")) == served);
	CHECK_STR(json_string_value(json_object_get(json_object_get(last, "fields"), "method")),
		  "邮寄送达");
	json_decref(j);
}

TEST(penalty_case_runs_from_opening_to_closing_through_the_api)
{
	struct case_fx f;
	char path[96];
	REQUIRE(cfx_start(&f));
	int64_t id = open_and_investigate(&f);
	REQUIRE(id > 0);
	notice_and_hearing(&f, id);
	review_and_decide(&f, id);
	int64_t served = serve_pay_close(&f, id);
	closed_case_takes_only_corrections(&f, id, served);
	/* published late, after closing: the pipeline is blocked for nobody */
	CFX_PUBLISH(&f, "reviewer1", id);
	CHECK(!queued(&f, "head1", "/api/v1/queues/approval", id));
	CHECK(!queued(&f, "reviewer1", "/api/v1/queues/review", id));

	/* The case as a client sees it at the end. */
	snprintf(path, sizeof path, "/api/v1/cases/%lld", (long long)id);
	json_t *c = cfx_get(&f, "officer1", path);
	CHECK(json_is_true(json_object_get(c, "closed")));
	CHECK_STR(json_string_value(json_object_get(c, "state")), "close");
	CHECK_STR(json_string_value(json_object_get(c, "state_label")), "结案");
	CHECK(json_is_false(json_object_get(c, "overdue")));
	CHECK_INT(json_array_size(json_object_get(c, "events")), 16);
	CHECK_STR(json_string_value(json_object_get(json_object_get(c, "party"), "id")),
		  "640522199001011234");
	json_t *s, *k;
	size_t i;
	/* only the filing with the justice bureau outlives closing: the
	 * decision followed a legal review (重大行政处罚备案) */
	json_array_foreach(json_object_get(c, "steps"), i, s)
		if (json_is_true(json_object_get(s, "available")) &&
		    strcmp(json_string_value(json_object_get(s, "step")), "filing") != 0)
			t_fail(__FILE__, __LINE__, "step %s available on a closed case",
			       json_string_value(json_object_get(s, "step")));
	json_decref(c);

	/* The supervisor reads it, with the citizen's id number masked. */
	c = cfx_get(&f, "supervisor", path);
	CHECK_STR(json_string_value(json_object_get(json_object_get(c, "party"), "id")),
		  "640522********1234");
	json_decref(c);

	/* Every clock explains itself; the case period stood still while the
	 * hearing was pending. */
	snprintf(path, sizeof path, "/api/v1/cases/%lld/deadlines", (long long)id);
	json_t *dl = cfx_get(&f, "officer1", path);
	json_array_foreach(json_object_get(dl, "clocks"), i, k) {
		const char *name = json_string_value(json_object_get(k, "clock"));
		json_t *lines = json_object_get(k, "explanation");
		CHECK(json_array_size(lines) > 0);
		if (strcmp(name, "case_handling") == 0) {
			CHECK_STR(json_string_value(json_object_get(k, "state")), "stopped");
			CHECK_INT(json_array_size(json_object_get(k, "suspensions")), 1);
			CHECK_STR(json_string_value(json_object_get(k, "start")), day(&f, 0));
			CHECK_INT(json_integer_value(json_object_get(json_object_get(k, "budget"),
								     "amount")),
				  90);
		}
		if (strcmp(name, "payment") == 0) {
			CHECK_STR(json_string_value(json_object_get(k, "state")), "stopped");
			CHECK(json_is_true(json_object_get(k, "overdue")));
			CHECK_CONTAINS(json_string_value(json_array_get(lines, 0)), "已逾期");
		}
		if (strcmp(name, "defence") == 0) {
			CHECK_STR(json_string_value(json_object_get(k, "start")), day(&f, 2));
			CHECK_STR(json_string_value(json_object_get(json_object_get(k, "budget"),
								    "unit")),
				  "working_days");
			CHECK(json_array_size(lines) >= 3);
		}
	}
	json_decref(dl);

	/* The officer's own cases, closed ones, by state. */
	json_t *l = cfx_get(&f, "officer1", "/api/v1/cases?mine=1&closed=true&state=close&q=端到端");
	CHECK_INT(json_integer_value(json_object_get(l, "total")), 1);
	json_decref(l);
	l = cfx_get(&f, "officer2", "/api/v1/cases?mine=1&procedure=penalty_general&q=端到端");
	CHECK_INT(json_integer_value(json_object_get(l, "total")), 0);
	json_decref(l);
	cfx_stop(&f);
}
