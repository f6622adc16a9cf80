/* api_case_enforce_test.c - issue 8 §1 through the API and the page
 * forms: court enforcement only after a 催告 and the party's remedy
 * periods (the 催告 carrying the amounts the system computes), no decision
 * after the 90-day handling period, the five-year limitation only with a
 * reason in a configured domain, two officers on the spot and a form that
 * offers only the kinds and limits the law allows. Every refusal leaves
 * the case's events, state, documents and their numbers as they were. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "api_case_fx.h"
#include "base/buf.h"
#include "base/date.h"
#include "http/form.h"
#include "t.h"

/* What a refusal must leave unchanged. */
struct snap {
	int64_t events;
	char state[64];
	char docs[4096]; /* "id kind number;" per document */
};

static void snap_take(struct case_fx *f, int64_t id, struct snap *s)
{
	char path[96];
	struct buf b = BUF_INIT;
	s->events = cfx_event_count(f, id);
	cfx_state(f, id, s->state, sizeof s->state);
	snprintf(path, sizeof path, "/api/v1/cases/%lld/documents", (long long)id);
	json_t *j = cfx_get(f, "supervisor", path), *d;
	size_t i;
	json_array_foreach(json_object_get(j, "items"), i, d)
		buf_addf(&b, "%lld %s %s;", (long long)json_integer_value(json_object_get(d, "id")),
			 json_string_value(json_object_get(d, "kind")) ?: "",
			 json_string_value(json_object_get(d, "number")) ?: "");
	snprintf(s->docs, sizeof s->docs, "%s", buf_cstr(&b));
	buf_release(&b);
	json_decref(j);
}

static void snap_same(const char *file, int line, struct case_fx *f, int64_t id,
		      const struct snap *before)
{
	struct snap now;
	snap_take(f, id, &now);
	if (now.events != before->events || strcmp(now.state, before->state) ||
	    strcmp(now.docs, before->docs))
		t_fail(file, line, "case changed: %lld events %s [%s] -> %lld events %s [%s]",
		       (long long)before->events, before->state, before->docs, (long long)now.events,
		       now.state, now.docs);
}
#define SNAP_SAME(f, id, s) snap_same(__FILE__, __LINE__, (f), (id), (s))

/* A page as who sees it (GET when the form is NULL) or a form posted
 * with the session's CSRF token: name/value pairs ending in NULL. (post
 * is an int: va_start after a bool, which is promoted, is undefined.) */
static struct http_resp page(struct case_fx *f, const char *who, const char *path, int post,
			     ...)
{
	char token[65], csrf[65];
	struct buf body = BUF_INIT;
	va_list ap;
	if (!t_login(&f->d.ts, who, DEMO_PASSWORD, token, csrf))
		t_fail(__FILE__, __LINE__, "login %s", who);
	buf_adds(&body, "csrf=");
	url_encode(&body, csrf);
	va_start(ap, post);
	for (const char *name; (name = va_arg(ap, const char *));) {
		buf_addc(&body, '&');
		url_encode(&body, name);
		buf_addc(&body, '=');
		url_encode(&body, va_arg(ap, const char *));
	}
	va_end(ap);
	struct http_resp r = t_http_cookie(&f->d.ts, post ? "POST" : "GET", path, token,
					   post ? "application/x-www-form-urlencoded" : NULL,
					   post ? buf_cstr(&body) : NULL, NULL);
	buf_release(&body);
	return r;
}

/* A penalty case of 自然资源局 fined 5000 yuan: opened `open` days from
 * today, investigated, noticed 15 days later (served that day), decided
 * 28 days after opening; served `served` days from today unless 0. */
static int64_t fined_case(struct case_fx *f, int open, int served, const char *title)
{
	char body[1024];
	snprintf(body, sizeof body,
		 "{\"procedure\":\"penalty_general\",\"domain\":\"土地管理\",\"title\":\"%s\","
		 "\"act_date\":\"%s\",\"party\":{\"kind\":\"citizen\",\"name\":\"马某\"},\"on\":\"%s\",\"reason\":\"补录：测试数据按发生日期录入\","
		 "\"fields\":{\"facts\":\"非法占地\",\"source\":\"巡查\"},\"officers\":[%lld,%lld]}",
		 title, cfx_day(f, open - 10), cfx_day(f, open), (long long)f->p_officer1,
		 (long long)f->p_officer2);
	int64_t id = CFX_OPEN(f, "officer1", body);
	if (id <= 0 || CFX_APPROVE(f, id, cfx_day(f, open)) <= 0)
		return -1;
	snprintf(body, sizeof body,
		 "{\"step\":\"investigate\",\"on\":\"%s\",\"reason\":\"补录：测试数据按发生日期录入\",\"fields\":{\"record\":\"现场勘测笔录\"},"
		 "\"officers\":[%lld,%lld]}",
		 cfx_day(f, open + 1), (long long)f->p_officer1, (long long)f->p_officer2);
	CFX_STEP(f, "officer1", id, body);
	snprintf(body, sizeof body,
		 "{\"step\":\"advance_notice\",\"on\":\"%s\",\"reason\":\"补录：测试数据按发生日期录入\",\"fields\":{\"facts\":\"非法占地\","
		 "\"grounds\":\"证据确凿\",\"basis\":\"土地管理法第七十七条\",\"penalty\":\"fine\","
		 "\"amount\":\"5000\",\"served_on\":\"%s\"}}",
		 cfx_day(f, open + 15), cfx_day(f, open + 15));
	CFX_STEP(f, "officer1", id, body);
	if (!served)
		return id;
	snprintf(body, sizeof body,
		 "{\"step\":\"decision\",\"on\":\"%s\",\"reason\":\"补录：测试数据按发生日期录入\",\"fields\":{\"facts\":\"非法占地\","
		 "\"grounds\":\"证据确凿\",\"basis\":\"土地管理法第七十七条\",\"penalty\":\"fine\","
		 "\"amount\":\"5000\"}}",
		 cfx_day(f, open + 28));
	CFX_STEP(f, "head1", id, body);
	snprintf(body, sizeof body,
		 "{\"step\":\"service\",\"on\":\"%s\",\"reason\":\"补录：测试数据按发生日期录入\",\"fields\":{\"served_on\":\"%s\","
		 "\"method\":\"直接送达\"}}",
		 cfx_day(f, served), cfx_day(f, served));
	CFX_STEP(f, "officer1", id, body);
	return id;
}

/* The value of field key of the case's latest event of step, in out. */
static const char *event_field(struct case_fx *f, int64_t id, const char *step, const char *key,
			       char *out, size_t n)
{
	char path[96];
	snprintf(path, sizeof path, "/api/v1/cases/%lld", (long long)id);
	json_t *c = cfx_get(f, "supervisor", path), *ev;
	size_t i;
	out[0] = '\0';
	json_array_foreach(json_object_get(c, "events"), i, ev)
		if (!strcmp(json_string_value(json_object_get(ev, "step")) ?: "", step))
			snprintf(out, n, "%s", json_string_value(json_object_get(
					       json_object_get(ev, "fields"), key)) ?: "");
	json_decref(c);
	return out;
}

TEST(court_enforcement_waits_for_the_demand_and_the_remedy_periods_api_and_page)
{
	struct case_fx f;
	struct snap s;
	char body[512], path[96], v[64];
	REQUIRE(cfx_start(&f));
	int64_t id = fined_case(&f, -290, -260, "非法占地建房");
	REQUIRE(id > 0);
	snprintf(path, sizeof path, "/cases/%lld/steps/court_enforcement", (long long)id);

	/* No 催告 yet: refused through the API and through the form. */
	snap_take(&f, id, &s);
	snprintf(body, sizeof body,
		 "{\"step\":\"court_enforcement\",\"on\":\"%s\",\"reason\":\"补录：测试数据按发生日期录入\",\"fields\":{\"court\":\"海原县人民法院\"}}",
		 cfx_day(&f, -100));
	CFX_BLOCKED(&f, "head1", id, body, 409, "court_application_window", "本案尚未催告");
	struct http_resp r = page(&f, "head1", path, true, "on", cfx_day(&f, -100), "reason",
			  "补录：测试数据按发生日期录入", "court",
				  "海原县人民法院", NULL);
	CHECK_INT(r.status, 409);
	CHECK_CONTAINS(r.body, "本案尚未催告");
	t_resp_free(&r);
	SNAP_SAME(&f, id, &s);

	/* The 催告 carries what the case owes on its day, not what is typed. */
	json_t *pay = cfx_clock(&f, id, "payment");
	REQUIRE(pay);
	int late = date_diff_days(json_string_value(json_object_get(pay, "due")), cfx_day(&f, -230));
	json_decref(pay);
	REQUIRE(late > 0);
	snprintf(body, sizeof body,
		 "{\"step\":\"demand\",\"on\":\"%s\",\"reason\":\"补录：测试数据按发生日期录入\",\"fields\":{\"served_on\":\"%s\","
		 "\"perform_by\":\"%s\",\"amount\":\"1\",\"surcharge\":\"1\"}}",
		 cfx_day(&f, -230), cfx_day(&f, -230), cfx_day(&f, -220));
	CFX_STEP(&f, "officer1", id, body);
	CHECK_STR(event_field(&f, id, "demand", "amount", v, sizeof v), "5000");
	char want[32];
	snprintf(want, sizeof want, "%d", late * 150 < 5000 ? late * 150 : 5000);
	CHECK_STR(event_field(&f, id, "demand", "surcharge", v, sizeof v), want);

	/* Before the litigation period has run: refused with the first day. */
	snap_take(&f, id, &s);
	snprintf(body, sizeof body,
		 "{\"step\":\"court_enforcement\",\"on\":\"%s\",\"reason\":\"补录：测试数据按发生日期录入\",\"fields\":{\"court\":\"海原县人民法院\"}}",
		 cfx_day(&f, -100));
	CFX_BLOCKED(&f, "head1", id, body, 409, "court_application_window", "最早可于");
	r = page(&f, "head1", path, true, "on", cfx_day(&f, -100), "reason",
			  "补录：测试数据按发生日期录入", "court", "海原县人民法院", NULL);
	CHECK_INT(r.status, 409);
	CHECK_CONTAINS(r.body, "尚不能申请人民法院强制执行");
	CHECK_CONTAINS(r.body, "诉讼期限至");
	t_resp_free(&r);
	SNAP_SAME(&f, id, &s);

	/* The case shows the window as a deadline, and what is owed. */
	json_t *w = cfx_clock(&f, id, "court_application");
	REQUIRE(w);
	CHECK_STR(json_string_value(json_object_get(w, "state")), "running");
	json_decref(w);
	snprintf(path, sizeof path, "/api/v1/cases/%lld", (long long)id);
	json_t *c = cfx_get(&f, "head1", path);
	json_t *ar = json_object_get(c, "arrears");
	CHECK_STR(json_string_value(json_object_get(ar, "outstanding")), "5000");
	CHECK(json_is_true(json_object_get(ar, "late")));
	CHECK_STR(json_string_value(json_object_get(json_object_get(ar, "surcharge"), "amount")),
		  "5000"); /* capped at the fine */
	json_decref(c);
	snprintf(path, sizeof path, "/cases/%lld", (long long)id);
	r = page(&f, "head1", path, false, NULL);
	CHECK_CONTAINS(r.body, "<dt>加处罚款</dt>");
	CHECK_CONTAINS(r.body, "<strong>5000 元</strong>");
	CHECK_CONTAINS(r.body, "申请人民法院强制执行期限");
	t_resp_free(&r);

	/* Lawful: after the periods, within the three months. */
	snprintf(path, sizeof path, "/cases/%lld/steps/court_enforcement", (long long)id);
	r = page(&f, "head1", path, true, "on", cfx_day(&f, 0), "court", "海原县人民法院", NULL);
	CHECK_INT(r.status, 303);
	t_resp_free(&r);
	CHECK_STR(cfx_state(&f, id, v, sizeof v), "court_enforcement");
	cfx_stop(&f);
}

TEST(court_enforcement_after_the_three_month_window_is_refused_api_and_page)
{
	struct case_fx f;
	struct snap s;
	char body[512], path[96];
	REQUIRE(cfx_start(&f));
	/* Served 300 days ago: the litigation period ran out about four
	 * months ago, the window about a month ago. */
	int64_t id = fined_case(&f, -330, -300, "逾期未申请强制执行的占地案");
	REQUIRE(id > 0);
	snprintf(body, sizeof body,
		 "{\"step\":\"demand\",\"on\":\"%s\",\"reason\":\"补录：测试数据按发生日期录入\",\"fields\":{\"served_on\":\"%s\","
		 "\"perform_by\":\"%s\"}}",
		 cfx_day(&f, -280), cfx_day(&f, -280), cfx_day(&f, -270));
	CFX_STEP(&f, "officer1", id, body);
	json_t *w = cfx_clock(&f, id, "court_application");
	REQUIRE(w);
	char words[96];
	snprintf(words, sizeof words, "申请人民法院强制执行的期限已于 %s 届满",
		 json_string_value(json_object_get(w, "due")));
	CHECK(json_is_true(json_object_get(w, "overdue")));
	json_decref(w);
	snap_take(&f, id, &s);
	snprintf(body, sizeof body,
		 "{\"step\":\"court_enforcement\",\"fields\":{\"court\":\"海原县人民法院\"}}");
	CFX_BLOCKED(&f, "head1", id, body, 409, "court_application_window", words);
	snprintf(path, sizeof path, "/cases/%lld/steps/court_enforcement", (long long)id);
	struct http_resp r = page(&f, "head1", path, true, "on", cfx_day(&f, 0), "court",
				  "海原县人民法院", NULL);
	CHECK_INT(r.status, 409);
	CHECK_CONTAINS(r.body, words);
	CHECK_CONTAINS(r.body, "不能再申请");
	t_resp_free(&r);
	SNAP_SAME(&f, id, &s);
	cfx_stop(&f);
}

TEST(decision_after_the_90_day_period_is_refused_api_and_page_and_passes_when_extended)
{
	struct case_fx f;
	struct snap s;
	char body[512], path[96], v[64];
	REQUIRE(cfx_start(&f));
	int64_t late = fined_case(&f, -110, 0, "逾期未决的占地案");
	int64_t extended = fined_case(&f, -110, 0, "延长办案期限的占地案");
	REQUIRE(late > 0 && extended > 0);
	json_t *c = cfx_clock(&f, late, "case_handling");
	REQUIRE(c);
	char due[FZ_DATE_LEN];
	snprintf(due, sizeof due, "%s", json_string_value(json_object_get(c, "due")));
	json_decref(c);
	char words[128];
	snprintf(words, sizeof words, "办案期限已于 %s 届满", due);

	snap_take(&f, late, &s);
	const char *decide = "{\"step\":\"decision\",\"fields\":{\"facts\":\"非法占地\",\"grounds\":"
			     "\"证据确凿\",\"basis\":\"土地管理法第七十七条\",\"penalty\":\"fine\","
			     "\"amount\":\"5000\"}}";
	CFX_BLOCKED(&f, "head1", late, decide, 409, "within_case_period", words);
	CFX_BLOCKED(&f, "head1", late, "{\"step\":\"no_penalty\",\"fields\":{\"reasons\":\"证据不足\",\"ground\":"
		    "\"not_established\",\"facts\":\"非法占地\"}}",
		    409, "within_case_period", "延长须在届满前经负责人批准");
	snprintf(path, sizeof path, "/cases/%lld/steps/decision", (long long)late);
	struct http_resp r = page(&f, "head1", path, true, "on", cfx_day(&f, 0), "facts", "非法占地",
				  "grounds", "证据确凿", "basis", "土地管理法第七十七条", "penalty",
				  "fine", "amount", "5000", NULL);
	CHECK_INT(r.status, 409);
	CHECK_CONTAINS(r.body, words);
	CHECK_CONTAINS(r.body, "<strong>办案期限</strong>");
	t_resp_free(&r);
	SNAP_SAME(&f, late, &s);

	/* Extended before it ran out: the decision goes through. */
	snprintf(body, sizeof body,
		 "{\"step\":\"extend_case\",\"on\":\"%s\",\"reason\":\"需补充测绘\"}", cfx_day(&f, -25));
	CFX_STEP(&f, "head1", extended, body);
	snprintf(path, sizeof path, "/cases/%lld/steps/decision", (long long)extended);
	r = page(&f, "head1", path, true, "on", cfx_day(&f, 0), "facts", "非法占地", "grounds",
		 "证据确凿", "basis", "土地管理法第七十七条", "penalty", "fine", "amount", "5000",
		 NULL);
	CHECK_INT(r.status, 303);
	t_resp_free(&r);
	CHECK_STR(cfx_state(&f, extended, v, sizeof v), "decision");
	cfx_stop(&f);
}

/* An account outside the API fixture's eight: its bearer token. */
static void token_of(struct case_fx *f, const char *who, char token[65])
{
	char csrf[65];
	if (!t_login(&f->d.ts, who, DEMO_PASSWORD, token, csrf))
		t_fail(__FILE__, __LINE__, "login %s", who);
}

TEST(five_year_limitation_needs_its_reason_and_domain_api_and_page_and_the_reviewer_sees_it)
{
	struct case_fx f;
	char body[1024], token[65], o1[24];
	REQUIRE(cfx_start(&f));
	snprintf(o1, sizeof o1, "%lld", (long long)f.p_officer1);
#define OPEN_OLD "{\"procedure\":\"penalty_general\",\"domain\":\"%s\",\"title\":\"三年前的违法\"," \
		 "\"act_date\":\"%s\",\"party\":{\"kind\":\"citizen\",\"name\":\"苏某\"},"       \
		 "\"fields\":{\"facts\":\"f\",\"source\":\"s\",\"serious_harm\":\"1\"%s},"        \
		 "\"officers\":[%lld,%lld]}"
	snprintf(body, sizeof body, OPEN_OLD, "土地管理", cfx_day(&f, -1100), "",
		 (long long)f.p_officer1, (long long)f.p_officer2);
	CFX_BLOCKED(&f, "officer1", 0, body, 400, "serious_harm_grounds", "须写明理由");
	snprintf(body, sizeof body, OPEN_OLD, "土地管理", cfx_day(&f, -1100),
		 ",\"serious_harm_reason\":\"塌方致人受伤\"", (long long)f.p_officer1,
		 (long long)f.p_officer2);
	CFX_BLOCKED(&f, "officer1", 0, body, 409, "serious_harm_grounds",
		    "本案执法领域“土地管理”不在省级配置可适用五年追责时效的领域之内");
	json_t *cases = cfx_get(&f, "supervisor", "/api/v1/cases?limit=1");
	int64_t before = json_integer_value(json_object_get(cases, "total"));
	json_decref(cases);
	struct http_resp r = page(&f, "officer1", "/cases/new", true, "procedure", "penalty_general",
				  "domain", "土地管理", "title", "三年前的违法", "party_kind", "citizen",
				  "party_name", "苏某", "act_date", cfx_day(&f, -1100), "on",
				  cfx_day(&f, 0), "facts", "f", "source", "s", "serious_harm", "1",
				  "officers", o1, NULL);
	CHECK_INT(r.status, 400);
	CHECK_CONTAINS(r.body, "适用五年追责时效须写明理由");
	t_resp_free(&r);
	cases = cfx_get(&f, "supervisor", "/api/v1/cases?limit=1");
	CHECK_INT(json_integer_value(json_object_get(cases, "total")), before);
	json_decref(cases);

	/* Lawful: a food-safety case of 市场监督管理局 with its reason. */
	r = page(&f, "officer3", "/cases/new?procedure=penalty_general", false, NULL);
	CHECK_CONTAINS(r.body, "适用五年追责时效的理由");
	t_resp_free(&r);
	token_of(&f, "officer3", token);
	r = t_http(&f.d.ts, "GET", "/api/v1/me", token, NULL, NULL);
	json_t *j = t_json(&r);
	int64_t me = json_integer_value(json_object_get(json_object_get(j, "user"), "person_id"));
	json_decref(j);
	t_resp_free(&r);
	char list[128];
	snprintf(list, sizeof list, "/api/v1/officers?agency_id=%lld&kind=officer&limit=5",
		 (long long)f.d.sum.agency_ids[2]);
	j = cfx_get(&f, "supervisor", list);
	int64_t other = 0;
	json_t *p;
	size_t i;
	json_array_foreach(json_object_get(j, "items"), i, p) {
		int64_t pid = json_integer_value(json_object_get(p, "id"));
		if (!other && pid != me)
			other = pid;
	}
	json_decref(j);
	REQUIRE(me > 0 && other > 0);
	snprintf(body, sizeof body, OPEN_OLD, "食品安全", cfx_day(&f, -1100),
		 ",\"serious_harm_reason\":\"销售含非法添加物的食品致 3 人住院\"", (long long)me,
		 (long long)other);
#undef OPEN_OLD
	r = t_http(&f.d.ts, "POST", "/api/v1/cases", token, "application/json", body);
	CHECK_INT(r.status, 201);
	j = t_json(&r);
	CHECK_STR(json_string_value(json_object_get(j, "serious_harm_reason")),
		  "销售含非法添加物的食品致 3 人住院");
	int64_t id = json_integer_value(json_object_get(j, "id"));
	json_decref(j);
	t_resp_free(&r);
	char path[64];
	snprintf(path, sizeof path, "/cases/%lld", (long long)id);
	r = page(&f, "officer3", path, false, NULL);
	CHECK_CONTAINS(r.body, "<dt>适用五年追责时效的理由</dt><dd class=\"text\">销售含非法添加物的食品致 3 人住院</dd>");
	t_resp_free(&r);
	/* The legal review's form states it too. */
	snprintf(path, sizeof path, "/cases/%lld/steps/legal_review", (long long)id);
	r = page(&f, "officer3", path, false, NULL);
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, "销售含非法添加物的食品致 3 人住院");
	t_resp_free(&r);
	cfx_stop(&f);
}

TEST(on_the_spot_decision_needs_two_officers_and_the_form_offers_only_lawful_kinds)
{
	struct case_fx f;
	char body[1024], one[24], two[24];
	REQUIRE(cfx_start(&f));
	struct http_resp r = page(&f, "officer1", "/cases/new?procedure=penalty_simplified", false,
				  NULL);
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, "value=\"warning\"");
	CHECK_CONTAINS(r.body, "value=\"fine\"");
	CHECK(!strstr(r.body, "value=\"revoke_licence\""));
	CHECK(!strstr(r.body, "value=\"confiscate_gains\""));
	CHECK_CONTAINS(r.body, "罚款限额：法人或其他组织 3000 元以下（公民 200 元以下）");
	t_resp_free(&r);

#define OPEN_SPOT "{\"procedure\":\"penalty_simplified\",\"domain\":\"土地管理\",\"title\":\"乱堆建材\"," \
		  "\"act_date\":\"%s\",\"party\":{\"kind\":\"citizen\",\"name\":\"张某\"},"         \
		  "\"fields\":{\"facts\":\"占道堆放\",\"grounds\":\"当场查实\",\"basis\":\"某条例\","  \
		  "\"penalty\":\"warning\",\"place\":\"城关镇\"},\"officers\":[%s]}"
	snprintf(one, sizeof one, "%lld", (long long)f.p_officer1);
	snprintf(two, sizeof two, "%lld,%lld", (long long)f.p_officer1, (long long)f.p_officer2);
	snprintf(body, sizeof body, OPEN_SPOT, cfx_day(&f, 0), one);
	CFX_BLOCKED(&f, "officer1", 0, body, 409, "onsite_officers", "须由两名以上持有效执法证");
	json_t *cases = cfx_get(&f, "supervisor", "/api/v1/cases?limit=1");
	int64_t before = json_integer_value(json_object_get(cases, "total"));
	json_decref(cases);
	r = page(&f, "officer1", "/cases/new", true, "procedure", "penalty_simplified", "domain",
		 "土地管理", "title", "乱堆建材", "party_kind", "citizen", "party_name", "张某",
		 "act_date", cfx_day(&f, 0), "on", cfx_day(&f, 0), "facts", "占道堆放", "grounds",
		 "当场查实", "basis", "某条例", "penalty", "warning", "place", "城关镇", "officers",
		 one, NULL);
	CHECK_INT(r.status, 409);
	CHECK_CONTAINS(r.body, "当场处罚须由两名以上持有效执法证的执法人员作出（行政处罚法第四十二条）");
	CHECK_CONTAINS(r.body, "罚款限额：公民 200 元以下（法人或其他组织 3000 元以下）");
	t_resp_free(&r);
	cases = cfx_get(&f, "supervisor", "/api/v1/cases?limit=1");
	CHECK_INT(json_integer_value(json_object_get(cases, "total")), before);
	json_decref(cases);

	snprintf(body, sizeof body, OPEN_SPOT, cfx_day(&f, 0), two);
#undef OPEN_SPOT
	CHECK(CFX_OPEN(&f, "officer1", body) > 0);
	cfx_stop(&f);
}

TEST(deferment_shows_its_schedule_and_refuses_a_bad_or_second_one_api_and_page)
{
	struct case_fx f;
	struct snap s;
	char body[512], path[96];
	REQUIRE(cfx_start(&f));
	/* The demo's instalments: 60000 yuan in three, the first paid. */
	int64_t demo = cfx_case_titled(&f, "非法占用耕地挖塘养鱼");
	REQUIRE(demo > 0);
	snprintf(path, sizeof path, "/api/v1/cases/%lld", (long long)demo);
	json_t *c = cfx_get(&f, "officer1", path);
	json_t *ar = json_object_get(c, "arrears");
	json_t *sch = json_object_get(ar, "schedule");
	CHECK_INT(json_array_size(sch), 3);
	CHECK(json_is_true(json_object_get(json_array_get(sch, 0), "paid")));
	CHECK(json_is_false(json_object_get(json_array_get(sch, 1), "paid")));
	CHECK_STR(json_string_value(json_object_get(json_array_get(sch, 1), "amount")), "20000");
	CHECK_STR(json_string_value(json_object_get(ar, "payment_due")),
		  json_string_value(json_object_get(json_array_get(sch, 1), "due")));
	CHECK_STR(json_string_value(json_object_get(ar, "outstanding")), "40000");
	CHECK(json_is_false(json_object_get(ar, "late")));
	json_decref(c);
	char docs[2048];
	CHECK_CONTAINS(cfx_documents(&f, demo, docs, sizeof docs), ":deferment_approval:");
	CHECK_CONTAINS(docs, "罚缓");
	snprintf(path, sizeof path, "/cases/%lld", (long long)demo);
	struct http_resp r = page(&f, "officer1", path, false, NULL);
	CHECK_CONTAINS(r.body, "<dt>分期缴纳</dt>");
	CHECK_CONTAINS(r.body, "前缴纳 20000 元 <span class=\"badge ok\">已缴</span>");
	CHECK_CONTAINS(r.body, "本期缴款期限");
	t_resp_free(&r);
	/* Approved once: a second schedule is refused, through the page too. */
	snap_take(&f, demo, &s);
	snprintf(body, sizeof body,
		 "{\"step\":\"deferment\",\"fields\":{\"mode\":\"defer\",\"schedule\":\"%s 40000\","
		 "\"reasons\":\"再次申请\"}}",
		 cfx_day(&f, 200));
	CFX_BLOCKED(&f, "head1", demo, body, 409, "not_repeated", "不能重复");
	snprintf(path, sizeof path, "/cases/%lld/steps/deferment", (long long)demo);
	char sched[40];
	snprintf(sched, sizeof sched, "%s 40000", cfx_day(&f, 200));
	r = page(&f, "head1", path, true, "on", cfx_day(&f, 0), "mode", "defer", "schedule", sched,
		 "reasons", "再次申请", NULL);
	CHECK_INT(r.status, 409);
	t_resp_free(&r);
	SNAP_SAME(&f, demo, &s);

	/* A new case served yesterday: the schedule must add up to the fine. */
	int64_t id = fined_case(&f, -40, -1, "分期缴纳校验的占地案");
	REQUIRE(id > 0);
	snap_take(&f, id, &s);
	snprintf(body, sizeof body,
		 "{\"step\":\"deferment\",\"fields\":{\"mode\":\"instalments\",\"schedule\":"
		 "\"%s 2000\\n%s 2000\",\"reasons\":\"经济困难\"}}",
		 cfx_day(&f, 30), cfx_day(&f, 60));
	CFX_BLOCKED(&f, "head1", id, body, 400, "deferment_schedule",
		    "缴纳计划合计 4000 元，应等于未缴罚款 5000 元");
	CFX_BLOCKED(&f, "officer1", id, body, 403, "role_allowed", "机关负责人");
	SNAP_SAME(&f, id, &s);
	snprintf(body, sizeof body,
		 "{\"step\":\"deferment\",\"fields\":{\"mode\":\"instalments\",\"schedule\":"
		 "\"%s 2000\\n%s 3000\",\"reasons\":\"经济困难\"}}",
		 cfx_day(&f, 30), cfx_day(&f, 60));
	CHECK(CFX_STEP(&f, "head1", id, body) > 0);
	cfx_stop(&f);
}
