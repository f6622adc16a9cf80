/* api_case_fields_test.c - the fields of a step through the API: a field
 * the step does not accept is refused naming it as typed (the misspelt
 * waiver is not stored under another name), malformed dates, amounts and
 * choices are refused with the field's Chinese label, and every problem
 * of one request is reported at once in error.fields - nothing written. */
#include <stdio.h>

#include "api_case_fx.h"
#include "t.h"

/* A penalty case opened 20 days ago, investigated, noticed 10 days ago. */
static int64_t noticed_case(struct case_fx *f)
{
	char body[1024];
	snprintf(body, sizeof body,
		 "{\"procedure\":\"penalty_general\",\"domain\":\"土地管理\",\"title\":\"擅自挖砂\","
		 "\"act_date\":\"%s\",\"party\":{\"kind\":\"citizen\",\"name\":\"赵某\"},"
		 "\"on\":\"%s\",\"reason\":\"补录：测试数据按发生日期录入\",\"fields\":{\"facts\":\"河道挖砂\",\"source\":\"巡查\"},"
		 "\"officers\":[%lld,%lld]}",
		 cfx_day(f, -30), cfx_day(f, -20), (long long)f->p_officer1,
		 (long long)f->p_officer2);
	int64_t id = CFX_OPEN(f, "officer1", body);
	CFX_APPROVE(f, id, cfx_day(f, -20));
	snprintf(body, sizeof body,
		 "{\"step\":\"investigate\",\"on\":\"%s\",\"reason\":\"补录：测试数据按发生日期录入\",\"fields\":{\"record\":\"笔录\"},"
		 "\"officers\":[%lld,%lld]}",
		 cfx_day(f, -15), (long long)f->p_officer1, (long long)f->p_officer2);
	CFX_STEP(f, "officer1", id, body);
	snprintf(body, sizeof body,
		 "{\"step\":\"advance_notice\",\"on\":\"%s\",\"reason\":\"补录：测试数据按发生日期录入\",\"fields\":{\"facts\":\"f\","
		 "\"grounds\":\"g\",\"basis\":\"b\",\"penalty\":\"fine\",\"amount\":\"3000\","
		 "\"served_on\":\"%s\"}}",
		 cfx_day(f, -10), cfx_day(f, -10));
	CFX_STEP(f, "officer1", id, body);
	return id;
}

/* The refusal of body on case id as who: error.fields as a new reference
 * (NULL after t_fail unless the answer is 400 with fields). */
static json_t *refused_fields(struct case_fx *f, const char *who, int64_t id, const char *body)
{
	char path[64];
	snprintf(path, sizeof path, "/api/v1/cases/%lld/steps", (long long)id);
	struct http_resp r = t_api(&f->d, who, "POST", path, body);
	json_t *j = t_json(&r);
	json_t *fields = json_object_get(json_object_get(j, "error"), "fields");
	if (r.status != 400 || !json_is_array(fields))
		t_fail(__FILE__, __LINE__, "expected 400 with error.fields: %ld %s", r.status, r.body);
	json_incref(fields);
	json_decref(j);
	t_resp_free(&r);
	return fields;
}

/* The message error.fields holds for field, or NULL. */
static const char *message_for(json_t *fields, const char *field)
{
	size_t i;
	json_t *x;
	json_array_foreach(fields, i, x)
		if (!strcmp(json_string_value(json_object_get(x, "field")), field))
			return json_string_value(json_object_get(x, "message"));
	return NULL;
}

TEST(api_refuses_a_misspelt_waiver_naming_it_and_stores_nothing)
{
	struct case_fx f;
	char body[256];
	REQUIRE(cfx_start(&f));
	int64_t id = noticed_case(&f);
	REQUIRE(id > 0);
	snprintf(body, sizeof body,
		 "{\"step\":\"statement\",\"fields\":{\"content\":\"当事人放弃\",\"waivd\":\"1\"}}");
	/* the whole message, error.field the gate; events and state unchanged */
	CFX_BLOCKED(&f, "officer1", id, body, 400, "required_fields",
		    "「陈述、申辩」没有“waivd”这一项；可填写：陈述、申辩内容、当事人明确放弃陈述申辩和听证");
	json_t *fields = refused_fields(&f, "officer1", id, body);
	CHECK_INT(json_array_size(fields), 1);
	CHECK_CONTAINS(message_for(fields, "waivd"), "没有“waivd”这一项");
	json_decref(fields);
	/* spelt right, it is taken */
	snprintf(body, sizeof body,
		 "{\"step\":\"statement\",\"fields\":{\"content\":\"当事人放弃\",\"waived\":true}}");
	CFX_STEP(&f, "officer1", id, body);
	cfx_stop(&f);
}

TEST(api_reports_every_bad_field_at_once_by_its_label)
{
	struct case_fx f;
	char body[512];
	REQUIRE(cfx_start(&f));
	int64_t id = noticed_case(&f);
	REQUIRE(id > 0);
	int64_t before = cfx_event_count(&f, id);
	/* a re-issued notice with a bad date, amount and yes/no, no basis */
	snprintf(body, sizeof body,
		 "{\"step\":\"advance_notice\",\"fields\":{\"facts\":\"f\",\"grounds\":\"g\","
		 "\"penalty\":\"fine\",\"amount\":\"12.345\",\"served_on\":\"2026-02-30\","
		 "\"hearing_offered\":\"maybe\"}}");
	json_t *fields = refused_fields(&f, "officer1", id, body);
	CHECK_INT(json_array_size(fields), 4);
	CHECK_STR(message_for(fields, "served_on"), "“送达日期”应为 YYYY-MM-DD 格式的有效日期");
	CHECK_STR(message_for(fields, "amount"),
		  "“罚款金额（元）”应为元数，最多两位小数（如 5000 或 5000.50）");
	CHECK_STR(message_for(fields, "hearing_offered"),
		  "“已告知当事人要求听证的权利”应为“是”或“否”（1 或 0）");
	CHECK_STR(message_for(fields, "basis"), "「行政处罚事先告知」缺少必填项“法律依据”");
	json_decref(fields);
	/* a choice outside its options, by its label */
	snprintf(body, sizeof body,
		 "{\"step\":\"legal_review\",\"fields\":{\"opinion\":\"maybe\"},\"officers\":[%lld]}",
		 (long long)f.p_reviewer);
	fields = refused_fields(&f, "reviewer1", id, body);
	CHECK_STR(message_for(fields, "opinion"), "“审核意见”应为以下之一：同意（approve）、"
		  "同意，但须修改（approve_with_changes）、不同意（reject）");
	json_decref(fields);
	CHECK_INT(cfx_event_count(&f, id), before);
	cfx_stop(&f);
}
