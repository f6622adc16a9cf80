/* api_publication_correct_test.c - a correction never makes the record
 * and what the portal shows differ (issue 10 §3, found in review): on
 * the demo county's penalty decisions, a correction of a record the
 * decision's text was drawn from (the investigation record the decision
 * cites) redraws a text that waits for confirmation, and is refused —
 * with what to do instead, nothing changed — once the text is public; a
 * correction of a record the text was not drawn from (how the decision
 * was served) is taken as before. */
#include <stdio.h>
#include <string.h>

#include "api_case_fx.h"
#include "t.h"

/* The latest event of step st in case id (0 when none). */
static int64_t event_of(struct case_fx *f, int64_t id, const char *st)
{
	char path[96];
	snprintf(path, sizeof path, "/api/v1/cases/%lld", (long long)id);
	json_t *j = cfx_get(f, "head1", path);
	json_t *it;
	size_t i;
	int64_t ev = 0;
	json_array_foreach(json_object_get(j, "events"), i, it) {
		const char *s = json_string_value(json_object_get(it, "step"));
		if (s && strcmp(s, st) == 0)
			ev = json_integer_value(json_object_get(it, "id"));
	}
	json_decref(j);
	return ev;
}

/* The staff view of publication pub: its member key into out. */
static const char *pub_field(struct case_fx *f, int64_t pub, const char *key, char *out,
			     size_t n)
{
	char path[96];
	snprintf(path, sizeof path, "/api/v1/publications/%lld", (long long)pub);
	json_t *j = cfx_get(f, "officer1", path);
	const char *v = j ? json_string_value(json_object_get(j, key)) : NULL;
	snprintf(out, n, "%s", v ? v : "");
	json_decref(j);
	return out;
}

static void correct_body(char *body, size_t n, int64_t ev, const char *fields)
{
	snprintf(body, n, "{\"step\":\"correction\",\"corrects\":%lld,\"reason\":\"笔误\","
			  "\"fields\":{%s}}", (long long)ev, fields);
}

TEST(correction_of_a_record_the_prepared_decision_cites_redraws_the_waiting_text)
{
	struct case_fx f;
	char body[1024], text[16384];
	REQUIRE(cfx_start(&f));
	int64_t id = cfx_case_titled(&f, "未经批准临时用地逾期不归还");
	REQUIRE(id > 0);
	int64_t pub = cfx_publication_of(&f, id, "prepared");
	int64_t inv = event_of(&f, id, "investigate");
	REQUIRE(pub > 0 && inv > 0);
	CHECK_CONTAINS(pub_field(&f, pub, "text", text, sizeof text), "照片 12 张");
	correct_body(body, sizeof body, inv, "\"record\":\"询问笔录 1 份、现场勘测笔录 1 份、照片 21 张\"");
	REQUIRE(CFX_STEP(&f, "head1", id, body) > 0);
	CHECK_INT(cfx_publication_of(&f, id, "prepared"), pub);
	CHECK_CONTAINS(pub_field(&f, pub, "text", text, sizeof text), "照片 21 张");
	CHECK(!strstr(text, "照片 12 张"));
	CHECK_CONTAINS(pub_field(&f, pub, "original_text", text, sizeof text), "照片 21 张");
	cfx_stop(&f);
}

TEST(correction_of_a_record_a_published_decision_cites_is_refused_and_changes_nothing)
{
	struct case_fx f;
	char body[1024], path[96], text[16384], before[16384];
	REQUIRE(cfx_start(&f));
	int64_t id = cfx_case_titled(&f, "非法占地建设养殖场");
	REQUIRE(id > 0);
	int64_t pub = cfx_publication_of(&f, id, "live");
	int64_t inv = event_of(&f, id, "investigate");
	int64_t served = event_of(&f, id, "service");
	REQUIRE(pub > 0 && inv > 0 && served > 0);
	pub_field(&f, pub, "text", before, sizeof before);
	CHECK_CONTAINS(before, "照片 12 张");
	int64_t events = cfx_event_count(&f, id);
	correct_body(body, sizeof body, inv, "\"record\":\"询问笔录 1 份、现场勘测笔录 1 份、照片 21 张\"");
	snprintf(path, sizeof path, "/api/v1/cases/%lld/steps", (long long)id);
	struct http_resp r = t_api(&f.d, "head1", "POST", path, body);
	CHECK_ERROR(r, 409, "conflict", "corrects");
	CHECK_CONTAINS(r.body, "已经公示");
	CHECK_CONTAINS(r.body, "不能更正");
	CHECK_CONTAINS(r.body, "撤销或者变更原决定");
	CHECK(!strstr(r.body, "record"));
	t_resp_free(&r);
	CHECK_INT(cfx_event_count(&f, id), events);
	CHECK_INT(cfx_publication_of(&f, id, "live"), pub);
	CHECK_STR(pub_field(&f, pub, "text", text, sizeof text), before);

	/* how it was served is not in the published text: corrected as before */
	correct_body(body, sizeof body, served, "\"method\":\"留置送达\"");
	REQUIRE(CFX_STEP(&f, "head1", id, body) > 0);
	CHECK_INT(cfx_event_count(&f, id), events + 1);
	CHECK_INT(cfx_publication_of(&f, id, "live"), pub);
	CHECK_STR(pub_field(&f, pub, "text", text, sizeof text), before);
	cfx_stop(&f);
}

/* Set aside while public: the text is still shown until it is withdrawn,
 * so a correction that changes it waits for the withdrawal (refused,
 * saying so); once withdrawn the portal shows only the notice and the
 * record may be corrected. */
TEST(correction_of_a_decision_waiting_for_withdrawal_is_taken_only_after_the_withdrawal)
{
	struct case_fx f;
	char body[1024], path[96];
	REQUIRE(cfx_start(&f));
	int64_t id = cfx_case_titled(&f, "非法占地建设养殖场");
	REQUIRE(id > 0);
	int64_t pub = cfx_publication_of(&f, id, "live");
	int64_t inv = event_of(&f, id, "investigate");
	REQUIRE(pub > 0 && inv > 0);
	REQUIRE(CFX_STEP(&f, "head1", id,
			 "{\"step\":\"revoke_decision\",\"fields\":{\"mode\":\"revoke\","
			 "\"reasons\":\"经复查，占地系经批准的设施农业用地\"}}") > 0);
	REQUIRE(cfx_publication_of(&f, id, "withdrawing") == pub);
	int64_t events = cfx_event_count(&f, id);
	correct_body(body, sizeof body, inv, "\"record\":\"询问笔录 1 份、现场勘测笔录 1 份、照片 21 张\"");
	snprintf(path, sizeof path, "/api/v1/cases/%lld/steps", (long long)id);
	struct http_resp r = t_api(&f.d, "head1", "POST", path, body);
	CHECK_ERROR(r, 409, "conflict", "corrects");
	CHECK_CONTAINS(r.body, "请先在“公示审核”中撤下公示");
	t_resp_free(&r);
	CHECK_INT(cfx_event_count(&f, id), events);
	snprintf(path, sizeof path, "/api/v1/publications/%lld/withdraw", (long long)pub);
	r = t_api(&f.d, "reviewer1", "POST", path, "{}");
	CHECK_INT(r.status, 200);
	t_resp_free(&r);
	REQUIRE(CFX_STEP(&f, "head1", id, body) > 0);
	CHECK_INT(cfx_publication_of(&f, id, "withdrawn"), pub);
	cfx_stop(&f);
}
