/* api_rulemaking_test.c - a normative document (行政规范性文件, issue 13
 * §1–2) run by the one procedure engine over the case API: a matter with
 * no party, drafted in versions, put to public comment for its full
 * period, reviewed for legality by someone who did not draft it and for
 * fair competition, deliberated, signed, numbered from the gapless series
 * 规, published through the publication pipeline, filed, reviewed on
 * filing and corrected. Every gate is shown blocking with its Chinese
 * message and nothing changed, then allowing; the side doors (a
 * correction of the market-actor flag, a signing dated before the
 * review, a drafter as legality reviewer) are refused. */
#include <stdio.h>
#include <string.h>

#include "api_case_fx.h"
#include "t.h"

#define LATE ",\"reason\":\"补录：测试数据按发生日期录入\""

/* A step on day offset as who, with fields (a JSON object's inside). */
static int64_t step(struct case_fx *f, const char *who, int64_t id, const char *st, int day,
		    const char *fields)
{
	char body[4096];
	snprintf(body, sizeof body, "{\"step\":\"%s\",\"on\":\"%s\"%s,\"fields\":{%s}}", st,
		 cfx_day(f, day), day < -1 ? LATE : "", fields);
	return cfx_step(__FILE__, __LINE__, f, who, id, body);
}

/* The same step expected to be refused by gate with words. */
static void blocked(struct case_fx *f, const char *who, int64_t id, const char *st, int day,
		    const char *fields, long status, const char *gate, const char *words)
{
	char body[4096];
	snprintf(body, sizeof body, "{\"step\":\"%s\",\"on\":\"%s\"%s,\"fields\":{%s}}", st,
		 cfx_day(f, day), day < -1 ? LATE : "", fields);
	cfx_blocked(__FILE__, __LINE__, f, who, id, body, status, gate, words);
}

/* Opens a document matter of 自然资源局 on day -60 with extra fields. */
static int64_t open_matter(struct case_fx *f, const char *fields)
{
	char body[2048];
	snprintf(body, sizeof body,
		 "{\"procedure\":\"normative_document\",\"title\":\"关于规范临时用地管理的通知\","
		 "\"on\":\"%s\"" LATE ",\"fields\":{%s}}",
		 cfx_day(f, -60), fields);
	return CFX_OPEN(f, "officer1", body);
}

/* The number of cases officer1 sees. */
static int64_t cases_total(struct case_fx *f)
{
	json_t *j = cfx_get(f, "officer1", "/api/v1/cases?limit=1");
	int64_t n = j ? json_integer_value(json_object_get(j, "total")) : -1;
	json_decref(j);
	return n;
}

/* POST /api/v1/cases refused with 400 on field, the message holding
 * words, and no case added. */
static void open_refused(struct case_fx *f, int line, const char *body, const char *field,
			 const char *words)
{
	int64_t before = cases_total(f);
	struct http_resp r = t_api(&f->d, "officer1", "POST", "/api/v1/cases", body);
	t_check_error(__FILE__, line, &r, 400, "invalid", field);
	if (!r.body || !strstr(r.body, words))
		t_fail(__FILE__, line, "message lacks \"%s\": %s", words, r.body ? r.body : "");
	t_resp_free(&r);
	if (cases_total(f) != before)
		t_fail(__FILE__, line, "a case was added");
}

TEST(normative_document_is_a_matter_without_a_party_with_its_drafting_units)
{
	struct case_fx f;
	REQUIRE(cfx_start(&f));
	char fields[256];
	snprintf(fields, sizeof fields, "\"in_plan\":true,\"plan_ref\":\"2026年计划第3项\","
		 "\"co_units\":\"%lld\"", (long long)f.d.sum.agency_ids[2]);
	int64_t id = open_matter(&f, fields);
	REQUIRE(id > 0);
	char path[96];
	snprintf(path, sizeof path, "/api/v1/cases/%lld", (long long)id);
	json_t *j = cfx_get(&f, "officer1", path);
	REQUIRE(j);
	CHECK(json_is_null(json_object_get(j, "party")));
	CHECK_STR(json_string_value(json_object_get(j, "kind")), "normative_document");
	CHECK_STR(json_string_value(json_object_get(j, "title")), "关于规范临时用地管理的通知");
	CHECK_CONTAINS(json_string_value(json_object_get(j, "number")), "规草〔");
	json_t *units = json_object_get(j, "units");
	CHECK_INT(json_integer_value(json_object_get(json_object_get(units, "owner"), "id")),
		  f.d.sum.agency_ids[1]);
	json_t *co = json_array_get(json_object_get(units, "co_drafting"), 0);
	CHECK_INT(json_integer_value(json_object_get(co, "id")), f.d.sum.agency_ids[2]);
	CHECK(json_string_length(json_object_get(co, "name")) > 0);
	json_decref(j);

	/* a party, an act date or a domain is refused: a matter has none */
	char body[1024];
	snprintf(body, sizeof body,
		 "{\"procedure\":\"normative_document\",\"title\":\"另一文件\",\"party\":{\"kind\":"
		 "\"citizen\",\"name\":\"张某\"},\"fields\":{\"in_plan\":true,\"plan_ref\":\"x\"}}");
	open_refused(&f, __LINE__, body, "party.name", "没有当事人");
	/* a co-drafting unit must exist and not be the owning unit */
	snprintf(body, sizeof body,
		 "{\"procedure\":\"normative_document\",\"title\":\"另一文件\",\"fields\":{\"in_plan\""
		 ":true,\"plan_ref\":\"x\",\"co_units\":\"%lld\"}}", (long long)f.d.sum.agency_ids[1]);
	open_refused(&f, __LINE__, body, "co_units", "牵头起草单位");
	snprintf(body, sizeof body,
		 "{\"procedure\":\"normative_document\",\"title\":\"另一文件\",\"fields\":{\"in_plan\""
		 ":true,\"plan_ref\":\"x\",\"co_units\":\"999999\"}}");
	open_refused(&f, __LINE__, body, "co_units", "不是本系统中的单位");
	/* outside the plan: a stated reason, else refused */
	snprintf(body, sizeof body,
		 "{\"procedure\":\"normative_document\",\"title\":\"另一文件\",\"fields\":{\"in_plan\""
		 ":false}}");
	cfx_blocked(__FILE__, __LINE__, &f, "officer1", 0, body, 400, "plan_or_reason",
		    "未列入年度制定计划的规范性文件，须写明“未列入计划的理由”");
	snprintf(body, sizeof body,
		 "{\"procedure\":\"normative_document\",\"title\":\"另一文件\",\"fields\":{\"in_plan\""
		 ":true}}");
	cfx_blocked(__FILE__, __LINE__, &f, "officer1", 0, body, 400, "plan_or_reason",
		    "制定计划项目");
	snprintf(body, sizeof body,
		 "{\"procedure\":\"normative_document\",\"title\":\"另一文件\",\"fields\":{\"in_plan\""
		 ":false,\"plan_reason\":\"上级部署的专项整治需要\"}}");
	CHECK(CFX_OPEN(&f, "officer1", body) > 0);
	cfx_stop(&f);
}

TEST(normative_document_runs_from_plan_through_comment_reviews_and_publication_to_filing)
{
	struct case_fx f;
	REQUIRE(cfx_start(&f));
	int64_t id = open_matter(&f, "\"in_plan\":true,\"plan_ref\":\"2026年计划第3项\","
				     "\"major_effect\":true,\"market_actors\":true");
	REQUIRE(id > 0);
	REQUIRE(step(&f, "officer1", id, "draft", -59, "\"text\":\"第一条 为规范临时用地管理。\\n第二条 本通知适用于本县。\"") > 0);
	REQUIRE(step(&f, "officer1", id, "draft", -58, "\"text\":\"第一条 为规范临时用地管理，制定本通知。\\n第二条 本通知适用于本县。\\n第三条 临时用地期限一般不超过二年。\",\"explanation\":\"依据土地管理法\"") > 0);

	/* every version kept, any two compared */
	char vpath[128];
	snprintf(vpath, sizeof vpath, "/api/v1/cases/%lld/versions", (long long)id);
	json_t *vj = cfx_get(&f, "reviewer1", vpath);
	CHECK_INT(json_integer_value(json_object_get(vj, "total")), 2);
	CHECK_CONTAINS(json_string_value(json_object_get(json_array_get(json_object_get(vj, "items"), 0), "text")), "第一条 为规范临时用地管理。");
	json_decref(vj);
	snprintf(vpath, sizeof vpath, "/api/v1/cases/%lld/versions/diff?a=1&b=2", (long long)id);
	vj = cfx_get(&f, "reviewer1", vpath);
	json_t *sum = json_object_get(vj, "summary");
	CHECK_INT(json_integer_value(json_object_get(sum, "changed")), 1);
	CHECK_INT(json_integer_value(json_object_get(sum, "same")), 1);
	CHECK_INT(json_integer_value(json_object_get(sum, "added")), 1);
	json_t *p0 = json_array_get(json_object_get(vj, "paragraphs"), 0);
	CHECK_STR(json_string_value(json_object_get(p0, "op")), "changed");
	CHECK_STR(json_string_value(json_object_get(json_array_get(json_object_get(p0, "spans"), 1), "text")), "，制定本通知");
	json_decref(vj);
	snprintf(vpath, sizeof vpath, "/api/v1/cases/%lld/versions/diff?a=1&b=9", (long long)id);
	struct http_resp vr = t_api(&f.d, "reviewer1", "GET", vpath, NULL);
	CHECK_ERROR(vr, 404, "not_found", "b");
	CHECK_CONTAINS(vr.body, "没有第 9 版草案");
	t_resp_free(&vr);

	/* public comment is required (major effect): review waits for it */
	blocked(&f, "officer1", id, "submit_review", -58, "", 409, "comment_when_required",
		"须先公开征求意见且征求意见期满");
	REQUIRE(step(&f, "officer1", id, "comment_open", -57, "\"comment_channel\":\"县政府门户网站意见征集栏目\"") > 0);
	/* not before its seven working days have run */
	blocked(&f, "officer1", id, "comment_close", -56, "\"comment_summary\":\"无\"", 409,
		"period_run", "届满后方可「征求意见结束」");
	REQUIRE(step(&f, "officer1", id, "comment_close", -40, "\"comment_summary\":\"收到意见3条，采纳2条\"") > 0);
	REQUIRE(step(&f, "officer1", id, "submit_review", -39, "") > 0);
	/* the legal unit finds it in its queue */
	json_t *q = cfx_get(&f, "reviewer1", "/api/v1/queues/review?limit=200");
	size_t qi;
	json_t *qc;
	bool queued = false;
	json_array_foreach(json_object_get(q, "items"), qi, qc)
		if (json_integer_value(json_object_get(qc, "id")) == id)
			queued = !strcmp(json_string_value(json_object_get(qc, "awaits_step")),
					 "legality_review");
	CHECK(queued);
	json_decref(q);

	/* a review that finds problems says what they are, and sends the
	 * draft back: no deliberation on it */
	blocked(&f, "reviewer1", id, "legality_review", -38, "\"opinion\":\"problems\"", 400,
		"opinion_reasons", "须写明“理由”");
	REQUIRE(step(&f, "reviewer1", id, "legality_review", -38, "\"opinion\":\"problems\",\"reasons\":\"第三条缺少上位法依据\"") > 0);
	blocked(&f, "head1", id, "deliberation", -37, "\"minutes\":\"审议\",\"adopted\":\"yes\"", 409,
		"legality_passed", "合法性审核发现问题");
	REQUIRE(step(&f, "officer1", id, "draft", -37, "\"text\":\"第一条 为规范临时用地管理，根据《中华人民共和国土地管理法》，制定本通知。\\n第二条 本通知适用于本县。\\n第三条 临时用地期限一般不超过二年。\"") > 0);
	/* the earlier passing review would not cover the new version either */
	blocked(&f, "head1", id, "deliberation", -37, "\"minutes\":\"审议\",\"adopted\":\"yes\"", 409,
		"legality_passed", "尚未经合法性审核");
	REQUIRE(step(&f, "officer1", id, "submit_review", -37, "") > 0);
	REQUIRE(step(&f, "reviewer1", id, "legality_review", -36, "\"opinion\":\"pass\"") > 0);

	/* market actors affected: no deliberation without fair-competition review */
	blocked(&f, "head1", id, "deliberation", -35, "\"minutes\":\"审议\",\"adopted\":\"yes\"", 409,
		"fair_competition_passed", "尚未经公平竞争审查");
	/* the side door: the flag is a fact of the draft, not corrected away */
	char body[512];
	json_t *j;
	char path[96];
	snprintf(path, sizeof path, "/api/v1/cases/%lld", (long long)id);
	j = cfx_get(&f, "head1", path);
	int64_t first = json_integer_value(json_object_get(json_array_get(json_object_get(j, "events"), 0), "id"));
	json_decref(j);
	snprintf(body, sizeof body, "{\"step\":\"correction\",\"corrects\":%lld,\"reason\":\"改为不涉及市场主体\","
		 "\"fields\":{\"market_actors\":false}}", (long long)first);
	cfx_blocked(__FILE__, __LINE__, &f, "head1", id, body, 409, "correction_clerical", "");
	/* nor restated away by a new version */
	blocked(&f, "officer1", id, "draft", -35, "\"text\":\"第一条 同上。\",\"market_actors\":false",
		409, "facts_not_lowered", "本文件已认定“涉及市场主体经济活动”，修改草案不能改为否");
	REQUIRE(step(&f, "officer2", id, "fair_competition_review", -35, "\"opinion\":\"pass\"") > 0);
	REQUIRE(step(&f, "head1", id, "deliberation", -34, "\"minutes\":\"局务会审议通过\",\"adopted\":\"yes\"") > 0);
	/* a signing date typed before the review it depends on */
	blocked(&f, "head1", id, "sign", -37, "", 409, "event_day", "早于上一事件的日期");
	REQUIRE(step(&f, "head1", id, "sign", -33, "") > 0);
	char eff[64];
	snprintf(eff, sizeof eff, "\"effective_on\":\"%s\"", cfx_day(&f, 30));
	REQUIRE(step(&f, "officer1", id, "number", -33, eff) > 0);

	/* the 文号 from the series 规, and the publication prepared from it */
	char docs[1024];
	CHECK_CONTAINS(cfx_documents(&f, id, docs, sizeof docs), "normative_text:");
	CHECK_CONTAINS(docs, "规〔");
	/* publication only through the pipeline */
	int64_t events = cfx_event_count(&f, id);
	snprintf(body, sizeof body, "/api/v1/cases/%lld/steps", (long long)id);
	struct http_resp pr = t_api(&f.d, "reviewer1", "POST", body, "{\"step\":\"publish\",\"fields\":{\"publication\":1}}");
	CHECK_ERROR(pr, 400, "invalid", "step");
	CHECK_CONTAINS(pr.body, "公示流程");
	t_resp_free(&pr);
	CHECK_INT(cfx_event_count(&f, id), events);
	REQUIRE(cfx_publication_of(&f, id, "prepared") > 0);
	REQUIRE(CFX_PUBLISH(&f, "reviewer1", id) > 0);
	json_t *c = cfx_clock(&f, id, "filing");
	REQUIRE(c);
	CHECK_STR(json_string_value(json_object_get(c, "state")), "running");
	json_decref(c);
	c = cfx_clock(&f, id, "validity");
	REQUIRE(c);
	/* five years from the day it takes effect */
	CHECK_STR(json_string_value(json_object_get(c, "start")), cfx_day(&f, 30));
	CHECK_INT(json_integer_value(json_object_get(json_object_get(c, "budget"), "amount")), 60);
	json_decref(c);

	/* filing, the filing review's objection, the correction */
	blocked(&f, "officer1", id, "correct", 0, "\"handling\":\"x\"", 409, "requires_steps", "");
	REQUIRE(step(&f, "officer1", id, "file", 0, "\"filed_with\":\"海原县人民政府\"") > 0);
	c = cfx_clock(&f, id, "filing");
	CHECK_STR(json_string_value(json_object_get(c, "state")), "stopped");
	CHECK(!json_is_true(json_object_get(c, "overdue")));
	json_decref(c);
	blocked(&f, "supervisor", id, "filing_review", 0, "\"filing_opinion\":\"objection\"", 400,
		"objection_reasons", "理由");
	REQUIRE(step(&f, "supervisor", id, "filing_review", 0, "\"filing_opinion\":\"no_objection\"") > 0);
	blocked(&f, "officer1", id, "correct", 0, "\"handling\":\"x\"", 409, "after_objection",
		"备案审查没有提出异议");
	REQUIRE(step(&f, "supervisor", id, "filing_review", 0, "\"filing_opinion\":\"objection\",\"reasons\":\"第三条期限与上位法不一致\"") > 0);
	REQUIRE(step(&f, "officer1", id, "correct", 0, "\"handling\":\"已按意见修改第三条并重新公布\"") > 0);
	REQUIRE(step(&f, "head1", id, "cleanup", 0, "\"cleanup_outcome\":\"keep\"") > 0);
	cfx_stop(&f);
}

TEST(normative_document_legality_review_is_never_by_a_drafter)
{
	struct case_fx f;
	REQUIRE(cfx_start(&f));
	char fields[160];
	snprintf(fields, sizeof fields, "\"in_plan\":true,\"plan_ref\":\"第5项\"");
	int64_t id = open_matter(&f, fields);
	REQUIRE(id > 0);
	REQUIRE(step(&f, "officer1", id, "draft", -50, "\"text\":\"第一条 草案。\"") > 0);
	REQUIRE(step(&f, "officer1", id, "submit_review", -49, "") > 0);
	/* naming a drafter as the one who reviews */
	char body[512];
	snprintf(body, sizeof body, "{\"step\":\"draft\",\"on\":\"%s\"" LATE ",\"fields\":{\"text\":"
		 "\"第一条 草案（修改）。\"},\"officers\":[%lld]}", cfx_day(&f, -48),
		 (long long)f.p_officer2);
	REQUIRE(CFX_STEP(&f, "officer1", id, body) > 0);
	REQUIRE(step(&f, "officer1", id, "submit_review", -48, "") > 0);
	snprintf(body, sizeof body, "{\"step\":\"legality_review\",\"on\":\"%s\"" LATE ",\"fields\":"
		 "{\"opinion\":\"pass\"},\"officers\":[%lld]}", cfx_day(&f, -47),
		 (long long)f.p_officer2);
	cfx_blocked(__FILE__, __LINE__, &f, "reviewer1", id, body, 409, "reviewer_not_drafter",
		    "参与了本文件的起草");
	/* an account that drafted and is also a reviewer */
	json_t *me = cfx_get(&f, "reviewer1", "/api/v1/me");
	int64_t uid = json_integer_value(json_object_get(json_object_get(me, "user"), "id"));
	json_decref(me);
	char path[96];
	snprintf(path, sizeof path, "/api/v1/users/%lld/roles", (long long)uid);
	struct http_resp r = t_api(&f.d, "secadmin", "PUT", path,
				   "{\"roles\":[\"reviewer\",\"officer\"]}");
	CHECK_INT(r.status, 200);
	t_resp_free(&r);
	t_demo_forget(&f.d, "reviewer1"); /* a change of roles ends the sessions */
	REQUIRE(step(&f, "reviewer1", id, "draft", -46, "\"text\":\"第一条 草案（再修改）。\"") > 0);
	REQUIRE(step(&f, "officer1", id, "submit_review", -46, "") > 0);
	blocked(&f, "reviewer1", id, "legality_review", -45, "\"opinion\":\"pass\"", 409,
		"reviewer_not_drafter", "本账号参与了本文件的起草");
	/* someone else may */
	REQUIRE(step(&f, "supervisor", id, "legality_review", -45, "\"opinion\":\"pass\"") > 0);
	cfx_stop(&f);
}

TEST(normative_document_is_signed_only_after_a_deliberation_that_adopted_it)
{
	struct case_fx f;
	REQUIRE(cfx_start(&f));
	int64_t id = open_matter(&f, "\"in_plan\":true,\"plan_ref\":\"第7项\"");
	REQUIRE(id > 0);
	REQUIRE(step(&f, "officer1", id, "draft", -50, "\"text\":\"第一条 草案。\"") > 0);
	/* no public comment needed here: neither major effect nor business */
	REQUIRE(step(&f, "officer1", id, "submit_review", -49, "") > 0);
	REQUIRE(step(&f, "reviewer1", id, "legality_review", -48, "\"opinion\":\"pass\"") > 0);
	/* no market actors: no fair-competition review needed either */
	REQUIRE(step(&f, "head1", id, "deliberation", -47, "\"minutes\":\"暂缓\",\"adopted\":\"no\"") > 0);
	blocked(&f, "head1", id, "sign", -46, "", 409, "deliberated_current", "集体审议（");
	REQUIRE(step(&f, "head1", id, "deliberation", -45, "\"minutes\":\"审议通过\",\"adopted\":\"yes\"") > 0);
	REQUIRE(step(&f, "head1", id, "sign", -45, "") > 0);
	cfx_stop(&f);
}

TEST(normative_document_business_related_comment_runs_thirty_days)
{
	struct case_fx f;
	REQUIRE(cfx_start(&f));
	int64_t id = open_matter(&f, "\"in_plan\":true,\"plan_ref\":\"第6项\","
				     "\"business_related\":true");
	REQUIRE(id > 0);
	REQUIRE(step(&f, "officer1", id, "draft", -59, "\"text\":\"第一条 草案。\"") > 0);
	REQUIRE(step(&f, "officer1", id, "comment_open", -50, "\"comment_channel\":\"门户网站\"") > 0);
	json_t *c = cfx_clock(&f, id, "comment");
	CHECK_STR(json_string_value(json_object_get(c, "state")), "not_applicable");
	json_decref(c);
	/* 15 days is enough for 7 working days, not for 30 days */
	blocked(&f, "officer1", id, "comment_close", -35, "\"comment_summary\":\"无\"", 409,
		"period_run", "公开征求意见期间（涉及经营活动）");
	REQUIRE(step(&f, "officer1", id, "comment_close", -19, "\"comment_summary\":\"无意见\"") > 0);
	cfx_stop(&f);
}

/* A field the step does not take (here a mistyped 草案 text, and a party
 * a matter has none of) is refused naming it, and nothing is recorded. */
TEST(normative_document_step_refuses_a_field_it_does_not_take)
{
	struct case_fx f;
	REQUIRE(cfx_start(&f));
	int64_t id = open_matter(&f, "\"in_plan\":true,\"plan_ref\":\"2026年计划第4项\"");
	REQUIRE(id > 0);
	blocked(&f, "officer1", id, "draft", -59, "\"txet\":\"第一条\"", 400, "required_fields",
		"没有“txet”这一项");
	blocked(&f, "officer1", id, "draft", -59, "\"text\":\"第一条\",\"fine\":\"500\"", 400,
		"required_fields", "没有“fine”这一项");
	REQUIRE(step(&f, "officer1", id, "draft", -59, "\"text\":\"第一条 本通知适用于本县。\"") > 0);
	cfx_stop(&f);
}
