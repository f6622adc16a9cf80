/* api_evaluation_test.c - case-file evaluation, supervision checks and
 * rectification notices (issue 12 §4, §6) over HTTP: the sample re-drawn
 * from the round's recorded seed and population gives the same files and
 * holds only closed cases of the period and agencies; an evaluator of the
 * evaluated agency is refused; a veto fails a file; a score for an item
 * outside the rubric, above an item's points, twice, or after the round
 * closed is refused; a notice answered before it was issued is refused, a
 * report returned with a reason, answered again and closed; accounts out
 * of scope neither act nor see. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api_case_fx.h"
#include "domain/evaluation.h"
#include "t.h"

/* A simplified penalty of 自然资源局, paid, filed and closed `back` days
 * ago. */
static int64_t closed_case(struct case_fx *f, int back)
{
	char body[1024];
	snprintf(body, sizeof body,
		 "{\"procedure\":\"penalty_simplified\",\"domain\":\"土地管理\",\"title\":\"乱堆建材\","
		 "\"act_date\":\"%s\",\"party\":{\"kind\":\"citizen\",\"name\":\"张某\"},\"on\":\"%s\","
		 "\"reason\":\"补录：测试数据按发生日期录入\",\"fields\":{\"facts\":\"占道堆放建材\","
		 "\"grounds\":\"当场查实\",\"basis\":\"某条例第十条\",\"penalty\":\"fine\","
		 "\"amount\":\"100\",\"place\":\"海原县城关镇\"},\"officers\":[%lld,%lld]}",
		 cfx_day(f, -back - 2), cfx_day(f, -back - 2), (long long)f->p_officer1,
		 (long long)f->p_officer2);
	int64_t id = CFX_OPEN(f, "officer1", body);
	if (id <= 0)
		return -1;
	static const char *const steps[] = { "payment", "file", "close" };
	for (int i = 0; i < 3; i++) {
		snprintf(body, sizeof body, "{\"step\":\"%s\",\"on\":\"%s\",\"reason\":\"补录\"%s}",
			 steps[i], cfx_day(f, -back - (i == 0)),
			 i == 0 ? ",\"fields\":{\"amount\":\"100\"}" : "");
		if (CFX_STEP(f, "officer1", id, body) < 0)
			return -1;
	}
	return id;
}

static int64_t me(struct case_fx *f, const char *who)
{
	json_t *j = cfx_get(f, who, "/api/v1/me");
	int64_t id = json_integer_value(json_object_get(json_object_get(j, "user"), "id"));
	json_decref(j);
	return id;
}

/* POST as who expecting status; the answer's id (or 0). */
static int64_t post(struct case_fx *f, const char *who, const char *path, const char *body,
		    long status)
{
	struct http_resp r = t_api(&f->d, who, "POST", path, body);
	if (r.status != status)
		t_fail(__FILE__, __LINE__, "POST %s as %s: %ld, expected %ld: %s", path, who,
		       r.status, status, r.body);
	int64_t id = r.status < 300 ? t_json_int(&r, "id") : 0;
	t_resp_free(&r);
	return id;
}

/* A round over 自然资源局 and 市场监督管理局 of the last `days` days. */
static int64_t round_of(struct case_fx *f, const char *sample, int from, int to)
{
	char body[512];
	snprintf(body, sizeof body,
		 "{\"year\":%.4s,\"title\":\"行政处罚案卷评查\",\"period_from\":\"%s\","
		 "\"period_to\":\"%s\",%s,\"agency_ids\":[%lld,%lld]}",
		 f->today, cfx_day(f, from), cfx_day(f, to), sample,
		 (long long)f->d.sum.agency_ids[1], (long long)f->d.sum.agency_ids[2]);
	return post(f, "supervisor", "/api/v1/evaluations", body, 201);
}

/* The files of a round as "agency:case/order " in list order. */
static void files_of(struct case_fx *f, int64_t round, char *out, size_t cap, json_t **keep)
{
	char path[96];
	snprintf(path, sizeof path, "/api/v1/evaluation-files?round_id=%lld&limit=200",
		 (long long)round);
	json_t *l = cfx_get(f, "supervisor", path), *it;
	size_t i, len = 0;
	out[0] = '\0';
	json_array_foreach(json_object_get(l, "items"), i, it)
		len += (size_t)snprintf(out + len, cap - len, "%lld:%lld/%lld ",
					(long long)json_integer_value(json_object_get(it, "agency_id")),
					(long long)json_integer_value(json_object_get(it, "case_id")),
					(long long)json_integer_value(json_object_get(it, "draw_order")));
	if (keep)
		*keep = l;
	else
		json_decref(l);
}

TEST(api_evaluation_sample_redrawn_from_recorded_seed_and_population_is_the_same)
{
	struct case_fx f;
	REQUIRE(cfx_start(&f));
	REQUIRE(closed_case(&f, 8) > 0);
	REQUIRE(closed_case(&f, 6) > 0);
	REQUIRE(closed_case(&f, 4) > 0);
	int64_t round = round_of(&f, "\"sample_size\":2", -400, 0);
	REQUIRE(round > 0);
	char path[96];
	snprintf(path, sizeof path, "/api/v1/evaluations/%lld/draw", (long long)round);
	post(&f, "supervisor", path, NULL, 200);
	post(&f, "supervisor", path, NULL, 409); /* once */
	snprintf(path, sizeof path, "/api/v1/evaluations/%lld", (long long)round);
	json_t *r = cfx_get(&f, "supervisor", path);
	REQUIRE(r);
	const char *seed = json_string_value(json_object_get(r, "seed"));
	const char *pop = json_string_value(json_object_get(r, "population"));
	REQUIRE(seed && pop);
	CHECK_INT(json_integer_value(json_object_get(r, "method")), EVAL_SAMPLE_VERSION);

	/* an outsider's re-draw from what the round shows */
	struct arena *a = arena_new();
	struct eval_case cases[400];
	struct eval_population g[4];
	size_t ng = 0, nc = 0;
	for (const char *p = pop; *p && nc < 400;) {
		long long ag, id;
		char *end;
		ag = strtoll(p, &end, 10);
		id = strtoll(end, &end, 10);
		const char *num = end + 1, *nl = strchr(num, '\n');
		cases[nc].id = id;
		cases[nc].number = arena_strndup(a, num, (size_t)(nl - num));
		if (!ng || g[ng - 1].agency_id != ag)
			g[ng++] = (struct eval_population){ ag, &cases[nc], 0 };
		g[ng - 1].n++;
		nc++;
		p = nl + 1;
	}
	CHECK(nc >= 3);
	struct eval_pick *picks;
	size_t np;
	struct fz_error e = { 0 };
	REQUIRE(eval_sample(a, seed, g, ng, 2, 0, &picks, &np, &e) == FZ_OK);
	char want[2048], got[2048];
	size_t len = 0;
	for (size_t i = 0; i < np; i++)
		len += (size_t)snprintf(want + len, sizeof want - len, "%lld:%lld/%d ",
					(long long)picks[i].agency_id, (long long)picks[i].case_id,
					picks[i].order);
	files_of(&f, round, got, sizeof got, NULL);
	CHECK_STR(got, want);
	arena_free(a);
	json_decref(r);
	cfx_stop(&f);
}

TEST(api_evaluation_samples_only_closed_cases_of_the_period_and_agencies)
{
	struct case_fx f;
	REQUIRE(cfx_start(&f));
	int64_t inside = closed_case(&f, 8);
	int64_t outside = closed_case(&f, 20); /* closed before the period */
	REQUIRE(inside > 0 && outside > 0);
	int64_t round = round_of(&f, "\"sample_rate\":100", -10, -1);
	char path[96];
	snprintf(path, sizeof path, "/api/v1/evaluations/%lld/draw", (long long)round);
	post(&f, "supervisor", path, NULL, 200);
	char got[4096];
	json_t *l;
	files_of(&f, round, got, sizeof got, &l);
	json_t *it;
	size_t i;
	bool saw_inside = false;
	json_array_foreach(json_object_get(l, "items"), i, it) {
		int64_t cid = json_integer_value(json_object_get(it, "case_id"));
		int64_t ag = json_integer_value(json_object_get(it, "agency_id"));
		CHECK(ag == f.d.sum.agency_ids[1] || ag == f.d.sum.agency_ids[2]);
		CHECK(cid != outside);
		saw_inside = saw_inside || cid == inside;
		char cp[64];
		snprintf(cp, sizeof cp, "/api/v1/cases/%lld", (long long)cid);
		json_t *c = cfx_get(&f, "supervisor", cp);
		CHECK(json_is_true(json_object_get(json_object_get(c, "case"), "closed")) ||
		      json_is_true(json_object_get(c, "closed")));
		json_decref(c);
	}
	CHECK(saw_inside);
	json_decref(l);
	/* a period with no closed case draws nothing and says so */
	int64_t empty = round_of(&f, "\"sample_size\":1", -1000, -999);
	snprintf(path, sizeof path, "/api/v1/evaluations/%lld/draw", (long long)empty);
	struct http_resp r = t_api(&f.d, "supervisor", "POST", path, NULL);
	CHECK_ERROR(r, 409, "conflict", "period_to");
	CHECK_CONTAINS(r.body, "没有已办结的案件");
	t_resp_free(&r);
	cfx_stop(&f);
}

/* A drawn round over the last days with one closed case: its file id. */
static int64_t drawn_file(struct case_fx *f, int64_t *round_out)
{
	if (closed_case(f, 3) <= 0)
		return -1;
	int64_t round = round_of(f, "\"sample_size\":1", -4, -2);
	char path[96];
	snprintf(path, sizeof path, "/api/v1/evaluations/%lld/draw", (long long)round);
	post(f, "supervisor", path, NULL, 200);
	json_t *l;
	char got[512];
	files_of(f, round, got, sizeof got, &l);
	json_t *first = json_array_get(json_object_get(l, "items"), 0);
	int64_t id = first ? json_integer_value(json_object_get(first, "id")) : -1;
	json_decref(l);
	*round_out = round;
	return id;
}

TEST(api_evaluation_evaluator_of_the_evaluated_agency_is_refused)
{
	struct case_fx f;
	int64_t round;
	REQUIRE(cfx_start(&f));
	int64_t file = drawn_file(&f, &round);
	REQUIRE(file > 0);
	char path[96], body[64];
	snprintf(path, sizeof path, "/api/v1/evaluation-files/%lld/assign", (long long)file);
	snprintf(body, sizeof body, "{\"evaluator_id\":%lld}", (long long)me(&f, "reviewer1"));
	struct http_resp r = t_api(&f.d, "supervisor", "POST", path, body);
	CHECK_ERROR(r, 403, "forbidden", "evaluator_id");
	CHECK_CONTAINS(r.body, "应当回避");
	t_resp_free(&r);
	/* an officer holds neither role */
	snprintf(body, sizeof body, "{\"evaluator_id\":%lld}", (long long)me(&f, "officer1"));
	r = t_api(&f.d, "supervisor", "POST", path, body);
	CHECK_ERROR(r, 400, "invalid", "evaluator_id");
	t_resp_free(&r);
	snprintf(path, sizeof path, "/api/v1/evaluation-files/%lld", (long long)file);
	json_t *x = cfx_get(&f, "supervisor", path);
	CHECK(json_is_null(json_object_get(x, "evaluator_id")));
	json_decref(x);
	/* the bureau's own staff may */
	snprintf(path, sizeof path, "/api/v1/evaluation-files/%lld/assign", (long long)file);
	snprintf(body, sizeof body, "{\"evaluator_id\":%lld}", (long long)me(&f, "supervisor"));
	post(&f, "supervisor", path, body, 200);
	cfx_stop(&f);
}

/* The file_pass indicator of agency today: numerator and denominator,
 * and whether case_id is on each side. */
static void file_pass(struct case_fx *f, int64_t agency, int64_t case_id, int64_t nd[2],
		      bool on[2])
{
	char path[160];
	snprintf(path, sizeof path, "/api/v1/indicators?from=%s&to=%s&agency=%lld", f->today,
		 f->today, (long long)agency);
	json_t *j = cfx_get(f, "supervisor", path), *it, *c;
	size_t i, k;
	nd[0] = nd[1] = -1;
	on[0] = on[1] = false;
	json_array_foreach(json_object_get(j, "items"), i, it) {
		if (strcmp(json_string_value(json_object_get(it, "id")), "file_pass") != 0)
			continue;
		nd[0] = json_integer_value(json_object_get(it, "numerator"));
		nd[1] = json_integer_value(json_object_get(it, "denominator"));
		json_array_foreach(json_object_get(it, "numerator_cases"), k, c)
			on[0] = on[0] || json_integer_value(c) == case_id;
		json_array_foreach(json_object_get(it, "denominator_cases"), k, c)
			on[1] = on[1] || json_integer_value(c) == case_id;
	}
	json_decref(j);
}

TEST(api_evaluation_scoring_rules_veto_rubric_once_and_closed_round)
{
	struct case_fx f;
	int64_t round;
	REQUIRE(cfx_start(&f));
	int64_t file = drawn_file(&f, &round);
	REQUIRE(file > 0);
	char path[96], body[512];
	snprintf(path, sizeof path, "/api/v1/evaluation-files/%lld/assign", (long long)file);
	snprintf(body, sizeof body, "{\"evaluator_id\":%lld}", (long long)me(&f, "supervisor"));
	post(&f, "supervisor", path, body, 200);
	snprintf(path, sizeof path, "/api/v1/evaluation-files/%lld/score", (long long)file);
	/* not the evaluator: a head of the agency may not score */
	struct http_resp r = t_api(&f.d, "head1", "POST", path, "{\"marks\":[]}");
	CHECK(r.status == 403);
	t_resp_free(&r);
	r = t_api(&f.d, "supervisor", "POST", path,
		  "{\"marks\":[{\"code\":\"Z99\",\"lost\":1,\"note\":\"x\"}]}");
	CHECK_ERROR(r, 400, "invalid", "marks");
	CHECK_CONTAINS(r.body, "评查标准中没有项目“Z99”");
	t_resp_free(&r);
	r = t_api(&f.d, "supervisor", "POST", path,
		  "{\"marks\":[{\"code\":\"F1\",\"lost\":4,\"note\":\"立案审批表缺审批意见\"}]}");
	CHECK_ERROR(r, 400, "invalid", "marks");
	CHECK_CONTAINS(r.body, "项目 F1 扣分应为 0–3 分");
	t_resp_free(&r);
	r = t_api(&f.d, "supervisor", "POST", path,
		  "{\"marks\":[{\"code\":\"C2\",\"lost\":2}]}");
	CHECK_ERROR(r, 400, "invalid", "marks");
	CHECK_CONTAINS(r.body, "须写明扣分理由");
	t_resp_free(&r);
	snprintf(body, sizeof body, "/api/v1/evaluation-files/%lld", (long long)file);
	json_t *x = cfx_get(&f, "supervisor", body);
	CHECK(json_is_null(json_object_get(x, "grade")));
	int64_t agency = json_integer_value(json_object_get(x, "agency_id"));
	int64_t case_id = json_integer_value(json_object_get(x, "case_id"));
	json_decref(x);
	int64_t before[2], after[2];
	bool on[2], was[2]; /* the case may have been scored in the demo's round too */
	file_pass(&f, agency, case_id, before, was);
	CHECK(before[1] >= 0);
	/* a veto fails the file with every point kept */
	r = t_api(&f.d, "supervisor", "POST", path,
		  "{\"marks\":[{\"code\":\"V2\",\"note\":\"询问笔录只有一名执法人员签名\"},"
		  "{\"code\":\"F1\",\"lost\":1,\"note\":\"审批日期缺失\"}]}");
	CHECK(r.status == 200);
	json_t *j = t_json(&r);
	CHECK_STR(json_string_value(json_object_get(j, "grade")), "fail");
	CHECK_INT(json_integer_value(json_object_get(j, "total")), 99);
	CHECK(json_is_true(json_object_get(j, "vetoed")));
	json_decref(j);
	t_resp_free(&r);
	/* the indicator counts the failed file on the denominator only */
	file_pass(&f, agency, case_id, after, on);
	CHECK_INT(after[0], before[0]);
	CHECK_INT(after[1], before[1] + 1);
	CHECK(on[1]);
	CHECK(on[0] == was[0]);
	r = t_api(&f.d, "supervisor", "POST", path,
		  "{\"marks\":[{\"code\":\"F1\",\"lost\":0}]}");
	CHECK_ERROR(r, 409, "conflict", "marks");
	t_resp_free(&r);
	/* close; then the side door: a score after the round closed */
	snprintf(body, sizeof body, "/api/v1/evaluations/%lld/close", (long long)round);
	post(&f, "supervisor", body, NULL, 200);
	/* the agency now sees its file and its results; the evaluator's
	 * notes are there */
	r = t_api(&f.d, "supervisor", "POST", path, "{\"marks\":[]}");
	CHECK_ERROR(r, 403, "forbidden", "status");
	CHECK_CONTAINS(r.body, "本次评查已经结束");
	t_resp_free(&r);
	/* results per agency */
	snprintf(body, sizeof body, "/api/v1/evaluations/%lld", (long long)round);
	x = cfx_get(&f, "supervisor", body);
	json_t *res = json_array_get(json_object_get(x, "results"), 0);
	CHECK_INT(json_integer_value(json_object_get(res, "failed")), 1);
	CHECK_INT(json_integer_value(json_object_get(res, "vetoed")), 1);
	CHECK_CONTAINS(json_string_value(json_object_get(res, "most_lost")), "F1 扣 1 分");
	json_decref(x);
	cfx_stop(&f);
}

TEST(api_evaluation_round_close_refused_while_files_unscored)
{
	struct case_fx f;
	int64_t round;
	REQUIRE(cfx_start(&f));
	REQUIRE(drawn_file(&f, &round) > 0);
	char path[96];
	snprintf(path, sizeof path, "/api/v1/evaluations/%lld/close", (long long)round);
	struct http_resp r = t_api(&f.d, "supervisor", "POST", path, NULL);
	CHECK_ERROR(r, 409, "conflict", "status");
	CHECK_CONTAINS(r.body, "未评分");
	t_resp_free(&r);
	cfx_stop(&f);
}

/* A notice to the demo agency k (1 自然资源局, 2 市场监督管理局) from a
 * check finding; its id. */
static int64_t notice_from_check(struct case_fx *f, int k)
{
	char body[512];
	snprintf(body, sizeof body,
		 "{\"year\":%.4s,\"title\":\"年度行政执法监督检查计划\",\"items\":["
		 "{\"agency_id\":%lld,\"subject\":\"行政处罚案件办理情况\",\"month\":5}]}",
		 f->today, (long long)f->d.sum.agency_ids[k]);
	struct http_resp r = t_api(&f->d, "supervisor", "POST", "/api/v1/check-plans", body);
	json_t *j = t_json(&r);
	int64_t item = json_integer_value(
		json_object_get(json_array_get(json_object_get(j, "items"), 0), "id"));
	json_decref(j);
	t_resp_free(&r);
	if (item <= 0)
		return -1;
	char path[96];
	snprintf(path, sizeof path, "/api/v1/check-items/%lld/finding", (long long)item);
	snprintf(body, sizeof body, "{\"finding\":\"送达回证不全\",\"on\":\"%s\"}", cfx_day(f, 1));
	r = t_api(&f->d, "supervisor", "POST", path, body);
	CHECK_ERROR(r, 400, "invalid", "on"); /* a finding dated tomorrow */
	t_resp_free(&r);
	post(f, "supervisor", path, "{\"finding\":\"送达回证不全\"}", 200);
	post(f, "supervisor", path, "{\"finding\":\"再登记\"}", 409);
	snprintf(body, sizeof body,
		 "{\"agency_id\":%lld,\"source\":\"check\",\"source_id\":%lld,"
		 "\"findings\":\"三份案卷缺送达回证\",\"budget\":15}",
		 (long long)f->d.sum.agency_ids[k], (long long)item);
	return post(f, "supervisor", "/api/v1/rectification-notices", body, 201);
}

TEST(api_rectification_notice_answered_returned_with_reason_and_closed)
{
	struct case_fx f;
	REQUIRE(cfx_start(&f));
	int64_t n = notice_from_check(&f, 1);
	int64_t other = notice_from_check(&f, 2);
	REQUIRE(n > 0 && other > 0);
	char path[128], body[256];
	snprintf(path, sizeof path, "/api/v1/rectification-notices/%lld/answer", (long long)n);
	/* a report dated before the notice */
	snprintf(body, sizeof body, "{\"report\":\"已补齐\",\"on\":\"%s\"}", cfx_day(&f, -1));
	struct http_resp r = t_api(&f.d, "head1", "POST", path, body);
	CHECK_ERROR(r, 400, "invalid", "on");
	CHECK_CONTAINS(r.body, "早于整改通知的发出日期");
	t_resp_free(&r);
	/* another agency's notice is not seen */
	snprintf(body, sizeof body, "/api/v1/rectification-notices/%lld/answer", (long long)other);
	r = t_api(&f.d, "head1", "POST", body, "{\"report\":\"x\"}");
	CHECK(r.status == 404);
	t_resp_free(&r);
	/* nothing to review yet */
	snprintf(body, sizeof body, "/api/v1/rectification-notices/%lld/close", (long long)n);
	post(&f, "supervisor", body, "{}", 409);
	post(&f, "head1", path, "{\"report\":\"已补齐三份送达回证\"}", 200);
	post(&f, "head1", path, "{\"report\":\"again\"}", 409);
	char ret[128];
	snprintf(ret, sizeof ret, "/api/v1/rectification-notices/%lld/return", (long long)n);
	r = t_api(&f.d, "supervisor", "POST", ret, "{\"reason\":\" \"}");
	CHECK_ERROR(r, 400, "invalid", "reason");
	t_resp_free(&r);
	post(&f, "supervisor", ret, "{\"reason\":\"未附补正后的送达回证复印件\"}", 200);
	snprintf(body, sizeof body, "/api/v1/rectification-notices/%lld", (long long)n);
	json_t *x = cfx_get(&f, "head1", body);
	CHECK_STR(json_string_value(json_object_get(x, "status")), "returned");
	CHECK_STR(json_string_value(json_object_get(x, "return_reason")), "未附补正后的送达回证复印件");
	CHECK_STR(json_string_value(json_object_get(x, "due_on")), cfx_day(&f, 15));
	json_decref(x);
	post(&f, "head1", path, "{\"report\":\"已附复印件\"}", 200);
	snprintf(path, sizeof path, "/api/v1/rectification-notices/%lld/close", (long long)n);
	post(&f, "supervisor", path, "{}", 200);
	x = cfx_get(&f, "supervisor", body);
	CHECK_STR(json_string_value(json_object_get(x, "status")), "closed");
	CHECK_STR(json_string_value(json_object_get(x, "closed_on")), f.today);
	json_decref(x);
	post(&f, "supervisor", path, "{}", 409);
	cfx_stop(&f);
}

TEST(api_evaluation_out_of_scope_accounts_neither_act_nor_see)
{
	struct case_fx f;
	REQUIRE(cfx_start(&f));
	struct http_resp r = t_api(&f.d, "officer1", "POST", "/api/v1/evaluations",
				   "{\"year\":2026,\"title\":\"x\",\"period_from\":\"2026-01-01\","
				   "\"period_to\":\"2026-01-02\",\"sample_size\":1,\"agency_ids\":[1]}");
	CHECK(r.status == 403);
	t_resp_free(&r);
	r = t_api(&f.d, "head1", "GET", "/api/v1/evaluations", NULL);
	CHECK(r.status == 403);
	t_resp_free(&r);
	r = t_api(&f.d, "auditor", "GET", "/api/v1/rectification-notices", NULL);
	CHECK(r.status == 403);
	t_resp_free(&r);
	int64_t other = notice_from_check(&f, 2);
	int64_t n = notice_from_check(&f, 1);
	REQUIRE(n > 0 && other > 0);
	char path[96];
	snprintf(path, sizeof path, "/api/v1/rectification-notices/%lld", (long long)other);
	r = t_api(&f.d, "head1", "GET", path, NULL);
	CHECK(r.status == 404);
	t_resp_free(&r);
	/* head1's list holds its agency's notices only, this one among them */
	json_t *l = cfx_get(&f, "head1", "/api/v1/rectification-notices?limit=200"), *it;
	size_t i;
	bool mine = false;
	json_array_foreach(json_object_get(l, "items"), i, it) {
		CHECK_INT(json_integer_value(json_object_get(it, "agency_id")), f.d.sum.agency_ids[1]);
		mine = mine || json_integer_value(json_object_get(it, "id")) == n;
	}
	CHECK(mine);
	json_decref(l);
	/* the agency answers, not the bureau */
	snprintf(path, sizeof path, "/api/v1/rectification-notices/%lld/answer", (long long)n);
	r = t_api(&f.d, "supervisor", "POST", path, "{\"report\":\"代为报送\"}");
	CHECK(r.status == 403);
	t_resp_free(&r);
	cfx_stop(&f);
}

static bool alerts_show(struct case_fx *f, const char *who, const char *section, int64_t id)
{
	struct http_resp r = t_api(&f->d, who, "GET", "/alerts", NULL);
	char link[96];
	snprintf(link, sizeof link, "/rectification-notices/%lld\"", (long long)id);
	const char *s = r.status == 200 ? strstr(r.body, section) : NULL;
	const char *end = s ? strstr(s, "</section>") : NULL;
	const char *at = s ? strstr(s, link) : NULL;
	bool yes = at && end && at < end;
	t_resp_free(&r);
	return yes;
}

TEST(api_rectification_alerts_appear_when_overdue_and_leave_when_the_fact_changes)
{
	struct case_fx f;
	REQUIRE(cfx_start(&f));
	/* a check found on a day ten days ago, its notice issued that day with
	 * three days to rectify: overdue now */
	char body[512];
	snprintf(body, sizeof body,
		 "{\"year\":%.4s,\"title\":\"专项检查\",\"items\":[{\"agency_id\":%lld,"
		 "\"subject\":\"执法公示\",\"month\":1}]}",
		 cfx_day(&f, -10), (long long)f.d.sum.agency_ids[1]);
	struct http_resp r = t_api(&f.d, "supervisor", "POST", "/api/v1/check-plans", body);
	json_t *j = t_json(&r);
	int64_t item = json_integer_value(
		json_object_get(json_array_get(json_object_get(j, "items"), 0), "id"));
	json_decref(j);
	t_resp_free(&r);
	REQUIRE(item > 0);
	char path[96];
	snprintf(path, sizeof path, "/api/v1/check-items/%lld/finding", (long long)item);
	snprintf(body, sizeof body, "{\"finding\":\"未公示执法主体\",\"on\":\"%s\"}", cfx_day(&f, -10));
	post(&f, "supervisor", path, body, 200);
	snprintf(body, sizeof body,
		 "{\"agency_id\":%lld,\"source\":\"check\",\"source_id\":%lld,\"findings\":\"补公示\","
		 "\"issued_on\":\"%s\",\"budget\":3}",
		 (long long)f.d.sum.agency_ids[1], (long long)item, cfx_day(&f, -10));
	int64_t n = post(&f, "supervisor", "/api/v1/rectification-notices", body, 201);
	REQUIRE(n > 0);
	CHECK(alerts_show(&f, "head1", "整改通知已逾期", n));
	CHECK(alerts_show(&f, "supervisor", "整改通知已逾期", n));
	CHECK(!alerts_show(&f, "supervisor", "整改报告待审核", n));
	snprintf(path, sizeof path, "/api/v1/rectification-notices/%lld/answer", (long long)n);
	post(&f, "head1", path, "{\"report\":\"已补公示\"}", 200);
	CHECK(!alerts_show(&f, "head1", "整改通知已逾期", n));
	CHECK(alerts_show(&f, "supervisor", "整改报告待审核", n));
	snprintf(path, sizeof path, "/api/v1/rectification-notices/%lld/close", (long long)n);
	post(&f, "supervisor", path, "{}", 200);
	CHECK(!alerts_show(&f, "supervisor", "整改报告待审核", n));
	CHECK(!alerts_show(&f, "supervisor", "整改通知已逾期", n));
	cfx_stop(&f);
}

/* A notice to demo agency k issued `back` days ago with `budget` calendar
 * days, from a check found that day; its id. */
static int64_t notice_at(struct case_fx *f, int k, int back, int budget)
{
	char body[512];
	snprintf(body, sizeof body,
		 "{\"year\":%.4s,\"title\":\"专项检查\",\"items\":[{\"agency_id\":%lld,"
		 "\"subject\":\"执法公示\",\"month\":1}]}",
		 cfx_day(f, -back), (long long)f->d.sum.agency_ids[k]);
	struct http_resp r = t_api(&f->d, "supervisor", "POST", "/api/v1/check-plans", body);
	json_t *j = t_json(&r);
	int64_t item = json_integer_value(
		json_object_get(json_array_get(json_object_get(j, "items"), 0), "id"));
	json_decref(j);
	t_resp_free(&r);
	if (item <= 0)
		return -1;
	char path[96];
	snprintf(path, sizeof path, "/api/v1/check-items/%lld/finding", (long long)item);
	snprintf(body, sizeof body, "{\"finding\":\"未公示\",\"on\":\"%s\"}", cfx_day(f, -back));
	post(f, "supervisor", path, body, 200);
	snprintf(body, sizeof body,
		 "{\"agency_id\":%lld,\"source\":\"check\",\"source_id\":%lld,\"findings\":\"补公示\","
		 "\"issued_on\":\"%s\",\"budget\":%d}",
		 (long long)f->d.sum.agency_ids[k], (long long)item, cfx_day(f, -back), budget);
	return post(f, "supervisor", "/api/v1/rectification-notices", body, 201);
}

/* The agency answers notice n on day `answer` and the bureau closes it
 * on day `close` (offsets from today). */
static void notice_done(struct case_fx *f, const char *head, int64_t n, int answer, int close)
{
	char path[96], body[128];
	snprintf(path, sizeof path, "/api/v1/rectification-notices/%lld/answer", (long long)n);
	snprintf(body, sizeof body, "{\"report\":\"已整改\",\"on\":\"%s\"}", cfx_day(f, answer));
	post(f, head, path, body, 200);
	snprintf(path, sizeof path, "/api/v1/rectification-notices/%lld/close", (long long)n);
	snprintf(body, sizeof body, "{\"on\":\"%s\"}", cfx_day(f, close));
	post(f, "supervisor", path, body, 200);
}

/* The rectification indicator as who sees it for the query: numerator,
 * denominator and whether id is on each side. */
static void rect_ind(struct case_fx *f, const char *who, const char *query, int64_t nd[2],
		     int64_t id, bool on[2])
{
	char path[200];
	snprintf(path, sizeof path, "/api/v1/indicators?%s", query);
	json_t *j = cfx_get(f, who, path), *it;
	size_t i;
	nd[0] = nd[1] = -1;
	on[0] = on[1] = false;
	json_array_foreach(json_object_get(j, "items"), i, it) {
		if (strcmp(json_string_value(json_object_get(it, "id")), "rectification") != 0)
			continue;
		nd[0] = json_integer_value(json_object_get(it, "numerator"));
		nd[1] = json_integer_value(json_object_get(it, "denominator"));
		const char *side[2] = { "numerator_cases", "denominator_cases" };
		for (int s = 0; s < 2; s++) {
			size_t k;
			json_t *x;
			json_array_foreach(json_object_get(it, side[s]), k, x)
				on[s] = on[s] || json_integer_value(x) == id;
		}
	}
	json_decref(j);
}

TEST(api_rectification_on_time_indicator_counts_notices_closed_by_their_due_day)
{
	struct case_fx f;
	REQUIRE(cfx_start(&f));
	/* agency 1: A closed well within 10 days; B closed 15 days after its
	 * 5 days ran out; C never answered, 3 days long past; D issued today
	 * with 30 days, open: not due yet. Agency 2: E closed in time. */
	int64_t a = notice_at(&f, 1, 40, 10), b = notice_at(&f, 1, 40, 5);
	int64_t c = notice_at(&f, 1, 40, 3), d = notice_at(&f, 1, 0, 30);
	int64_t x = notice_at(&f, 2, 40, 10);
	REQUIRE(a > 0 && b > 0 && c > 0 && d > 0 && x > 0);
	notice_done(&f, "head1", a, -39, -38);
	notice_done(&f, "head1", b, -39, -20);
	notice_done(&f, "head2", x, -39, -38);
	char q[160];
	int64_t nd[2];
	bool on[2];
	snprintf(q, sizeof q, "from=%s&to=%s&agency=%lld", cfx_day(&f, -60), cfx_day(&f, 60),
		 (long long)f.d.sum.agency_ids[1]);
	rect_ind(&f, "supervisor", q, nd, a, on);
	CHECK_INT(nd[0], 1);
	CHECK_INT(nd[1], 3);
	CHECK(on[0] && on[1]);
	rect_ind(&f, "supervisor", q, nd, b, on);
	CHECK(!on[0] && on[1]); /* closed late: denominator only */
	rect_ind(&f, "supervisor", q, nd, c, on);
	CHECK(!on[0] && on[1]); /* overdue, open */
	rect_ind(&f, "supervisor", q, nd, d, on);
	CHECK(!on[0] && !on[1]); /* not due yet */
	/* the whole division: agency 2's notice too; the agency sees its own */
	snprintf(q, sizeof q, "from=%s&to=%s", cfx_day(&f, -60), cfx_day(&f, 60));
	rect_ind(&f, "supervisor", q, nd, x, on);
	CHECK_INT(nd[0], 2);
	CHECK_INT(nd[1], 4);
	CHECK(on[0] && on[1]);
	rect_ind(&f, "head1", q, nd, x, on);
	CHECK_INT(nd[0], 1);
	CHECK_INT(nd[1], 3);
	CHECK(!on[0] && !on[1]);
	/* a period that ends before the due days holds none of them */
	snprintf(q, sizeof q, "from=%s&to=%s", cfx_day(&f, -60), cfx_day(&f, -39));
	rect_ind(&f, "supervisor", q, nd, a, on);
	CHECK_INT(nd[0], 0);
	CHECK_INT(nd[1], 0);
	/* D once overdue would count; closing C late leaves it off the
	 * numerator: the closing day, not the report's, decides */
	notice_done(&f, "head1", c, -1, 0);
	snprintf(q, sizeof q, "from=%s&to=%s", cfx_day(&f, -60), cfx_day(&f, 60));
	rect_ind(&f, "supervisor", q, nd, c, on);
	CHECK(!on[0] && on[1]);
	CHECK_INT(nd[0], 2);
	CHECK_INT(nd[1], 4);
	/* the drill-down lists the notices on each side */
	char path[200], link[96];
	snprintf(path, sizeof path, "/indicators/rectification?part=num&from=%s&to=%s",
		 cfx_day(&f, -60), cfx_day(&f, 60));
	struct http_resp r = t_api(&f.d, "supervisor", "GET", path, NULL);
	CHECK(r.status == 200);
	CHECK_CONTAINS(r.body, "整改按期销号率：分子");
	snprintf(link, sizeof link, "/rectification-notices/%lld\"", (long long)a);
	CHECK_CONTAINS(r.body, link);
	snprintf(link, sizeof link, "/rectification-notices/%lld\"", (long long)b);
	CHECK(!strstr(r.body, link));
	t_resp_free(&r);
	snprintf(path, sizeof path, "/indicators/rectification?part=den&from=%s&to=%s",
		 cfx_day(&f, -60), cfx_day(&f, 60));
	r = t_api(&f.d, "supervisor", "GET", path, NULL);
	CHECK(r.status == 200);
	CHECK_CONTAINS(r.body, link);
	t_resp_free(&r);
	cfx_stop(&f);
}
