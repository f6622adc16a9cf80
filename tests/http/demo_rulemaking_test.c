/* demo_rulemaking_test.c - the demo county's rule-making (issue 13): its
 * normative documents and major decisions stand in every state a newcomer
 * should see — one in public comment now, one published and overdue for
 * filing, one expiring within six months (on the 预警 page), one repealed
 * in a clean-up, one in force, and a decision that reached its
 * post-evaluation — each recorded through the engine, so each is in the
 * ledger and audited; and the supervision page shows the rule-making
 * indicators with their definitions and drills down to the matters behind
 * each number, within the viewer's scope. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api_case_fx.h"
#include "app/ledger.h"
#include "store/store.h"
#include "t.h"

/* The item of the list whose title is title, or NULL. */
static json_t *titled(json_t *list, const char *title)
{
	size_t i;
	json_t *v;
	json_array_foreach(json_object_get(list, "items"), i, v) {
		const char *t = json_string_value(json_object_get(v, "title"));
		if (t && strcmp(t, title) == 0)
			return v;
	}
	return NULL;
}

static const char *str(json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));
	return s ? s : "";
}

/* Whether the case's events (as the supervisor reads them) include step;
 * every event must be a leaf of the ledger (recorded through the engine). */
static bool has_step(struct case_fx *f, int64_t id, const char *step)
{
	char path[96];
	snprintf(path, sizeof path, "/api/v1/cases/%lld", (long long)id);
	json_t *c = cfx_get(f, "supervisor", path), *ev;
	size_t i;
	bool found = false;
	json_array_foreach(json_object_get(c, "events"), i, ev) {
		struct ledger_leaf leaf;
		int64_t ev_id = json_integer_value(json_object_get(ev, "id"));
		if (f->d.ts.st->ops->ledger_leaf_find(f->d.ts.st, LEDGER_CASE_EVENT, ev_id, &leaf,
						       NULL) != FZ_OK)
			t_fail(__FILE__, __LINE__, "case %lld: event %lld (%s) has no ledger leaf",
			       (long long)id, (long long)ev_id, str(ev, "step"));
		if (!strcmp(str(ev, "step"), step))
			found = true;
	}
	json_decref(c);
	return found;
}

TEST(demo_county_has_normative_documents_and_decisions_in_every_state)
{
	struct case_fx f;
	REQUIRE(cfx_start(&f));
	/* in public comment now: a document and a decision */
	json_t *l = cfx_get(&f, NULL, "/api/v1/public/consultations?limit=200");
	REQUIRE(l);
	CHECK(titled(l, "海原县农村宅基地审批管理实施意见（试行）") != NULL);
	CHECK(titled(l, "海原县食品小作坊集中加工区建设方案") != NULL);
	json_decref(l);
	/* published: in force, expiring, repealed */
	l = cfx_get(&f, NULL, "/api/v1/public/normative-documents?view=all&limit=200");
	REQUIRE(l);
	json_t *in_force = titled(l, "海原县自然资源局关于进一步规范不动产登记办理流程的通知");
	json_t *expiring = titled(l, "海原县农村集体经营性建设用地入市管理办法（试行）");
	json_t *repealed = titled(l, "海原县自然资源局关于征收土地补偿费管理的暂行规定");
	json_t *unfiled = titled(l, "海原县自然资源局关于设施农业用地备案管理的通知");
	REQUIRE(in_force && expiring && repealed && unfiled);
	CHECK_STR(str(in_force, "state"), "in_force");
	CHECK_STR(str(unfiled, "state"), "in_force");
	CHECK_STR(str(expiring, "state"), "in_force");
	CHECK_STR(str(repealed, "state"), "repealed");
	CHECK_STR(str(repealed, "ended_on"), cfx_day(&f, -15));
	/* the expiring one ends within six months, the others later */
	CHECK(strcmp(str(expiring, "valid_until"), cfx_day(&f, 0)) > 0);
	CHECK(strcmp(str(expiring, "valid_until"), cfx_day(&f, 183)) < 0);
	CHECK(strcmp(str(in_force, "valid_until"), cfx_day(&f, 183)) > 0);
	int64_t unfiled_id = json_integer_value(json_object_get(unfiled, "id"));
	int64_t repealed_id = json_integer_value(json_object_get(repealed, "id"));
	int64_t in_force_id = json_integer_value(json_object_get(in_force, "id"));
	json_decref(l);
	/* overdue for filing: published 60 days ago, 30 days to file (U) */
	json_t *clock = cfx_clock(&f, unfiled_id, "filing");
	REQUIRE(clock);
	CHECK(json_is_true(json_object_get(clock, "overdue")));
	CHECK_STR(str(clock, "start"), cfx_day(&f, -60));
	json_decref(clock);
	clock = cfx_clock(&f, in_force_id, "filing");
	REQUIRE(clock);
	CHECK(json_is_false(json_object_get(clock, "overdue")));
	json_decref(clock);
	/* the repealed one was objected to, corrected and closed */
	CHECK(has_step(&f, repealed_id, "correct"));
	CHECK(has_step(&f, repealed_id, "terminate"));
	/* the expiry alert names the expiring one for its drafting unit */
	struct http_resp r = t_api(&f.d, "officer1", "GET", "/alerts", NULL);
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, "海原县农村集体经营性建设用地入市管理办法（试行）");
	t_resp_free(&r);
	/* a decision evaluated after its execution */
	int64_t dec = cfx_case_titled(&f, "海原县农贸市场升级改造实施方案");
	REQUIRE(dec > 0);
	CHECK(has_step(&f, dec, "post_evaluation"));
	CHECK(has_step(&f, in_force_id, "filing_review"));
	CHECK(has_step(&f, unfiled_id, "publish"));
	CHECK(!has_step(&f, unfiled_id, "file"));
	cfx_stop(&f);
}

/* The indicator of id in the JSON answer, or NULL. */
static json_t *indicator(json_t *j, const char *id)
{
	size_t i;
	json_t *v;
	json_array_foreach(json_object_get(j, "items"), i, v)
		if (!strcmp(str(v, "id"), id))
			return v;
	return NULL;
}

static bool lists(json_t *in, const char *side, int64_t id)
{
	size_t i;
	json_t *v;
	json_array_foreach(json_object_get(in, side), i, v)
		if (json_integer_value(v) == id)
			return true;
	return false;
}

TEST(indicators_page_shows_rulemaking_figures_with_definitions_and_drills_down_in_scope)
{
	struct case_fx f;
	char path[256];
	REQUIRE(cfx_start(&f));
	int64_t unfiled = cfx_case_titled(&f, "海原县自然资源局关于设施农业用地备案管理的通知");
	int64_t in_force = cfx_case_titled(&f, "海原县自然资源局关于进一步规范不动产登记办理流程的通知");
	REQUIRE(unfiled > 0 && in_force > 0);
	snprintf(path, sizeof path, "/api/v1/indicators?from=%s&to=%s", cfx_day(&f, -800),
		 cfx_day(&f, 0));
	json_t *j = cfx_get(&f, "supervisor", path);
	REQUIRE(j);
	json_t *filing = indicator(j, "norm_filing");
	REQUIRE(filing);
	CHECK_STR(str(filing, "subject"), "matter");
	CHECK_CONTAINS(str(filing, "numerator_definition"), "备案期限");
	CHECK(lists(filing, "denominator_cases", unfiled));
	CHECK(!lists(filing, "numerator_cases", unfiled));
	CHECK(lists(filing, "numerator_cases", in_force));
	json_t *legality = indicator(j, "norm_legality");
	REQUIRE(legality);
	CHECK(json_integer_value(json_object_get(legality, "denominator")) >= 4);
	CHECK_INT(json_integer_value(json_object_get(legality, "numerator")),
		  json_integer_value(json_object_get(legality, "denominator")));
	json_t *five = indicator(j, "decision_procedures");
	REQUIRE(five);
	CHECK(json_integer_value(json_object_get(five, "denominator")) >= 1);
	/* a matter closed in a clean-up is no enforcement case file: the
	 * case-file evaluation never draws it */
	int64_t repealed = cfx_case_titled(&f, "海原县自然资源局关于征收土地补偿费管理的暂行规定");
	REQUIRE(repealed > 0);
	json_t *fp = indicator(j, "file_pass");
	REQUIRE(fp);
	CHECK(!lists(fp, "denominator_cases", repealed));
	json_t *cat = indicator(j, "decision_catalogue");
	REQUIRE(cat);
	CHECK_STR(str(cat, "subject"), "catalogue");
	json_decref(j);
	/* another agency's head does not see 自然资源局's documents */
	j = cfx_get(&f, "head2", path);
	filing = indicator(j, "norm_filing");
	REQUIRE(filing);
	CHECK(!lists(filing, "denominator_cases", unfiled));
	CHECK_INT(json_integer_value(json_object_get(filing, "denominator")), 0);
	json_decref(j);

	/* the page: a section of its own, each figure with its definition */
	snprintf(path, sizeof path, "/indicators?from=%s&to=%s", cfx_day(&f, -800), cfx_day(&f, 0));
	struct http_resp r = t_api(&f.d, "supervisor", "GET", path, NULL);
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, "<h2>规范性文件和重大行政决策</h2>");
	CHECK_CONTAINS(r.body, "规范性文件按时备案率");
	CHECK_CONTAINS(r.body, "重大行政决策五项法定程序履行率");
	CHECK_CONTAINS(r.body, "决策事项目录按时公布率");
	CHECK_CONTAINS(r.body, "href=\"/indicators/norm_filing?part=den&amp;from=");
	t_resp_free(&r);
	/* drill-down: the matters behind the number */
	snprintf(path, sizeof path, "/indicators/norm_filing?part=den&from=%s&to=%s",
		 cfx_day(&f, -800), cfx_day(&f, 0));
	r = t_api(&f.d, "supervisor", "GET", path, NULL);
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, "海原县自然资源局关于设施农业用地备案管理的通知");
	t_resp_free(&r);
	r = t_api(&f.d, "head2", "GET", path, NULL);
	CHECK_INT(r.status, 200);
	CHECK_LACKS(r.body, "海原县自然资源局关于设施农业用地备案管理的通知");
	t_resp_free(&r);
	/* the catalogues behind their figure, with the day they were due */
	snprintf(path, sizeof path, "/indicators/decision_catalogue?part=den&from=%s&to=%s",
		 cfx_day(&f, -800), cfx_day(&f, 400));
	r = t_api(&f.d, "supervisor", "GET", path, NULL);
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, "海原县市场监督管理局");
	CHECK_CONTAINS(r.body, "按时公布的最后一日");
	CHECK_CONTAINS(r.body, "-03-31");
	t_resp_free(&r);
	cfx_stop(&f);
}

/* Issue 13 (review): the demo county's decision catalogue is approved
 * and published within the due months (config decision_catalogue_due,
 * by 03-31), as a county's is; one earlier year's catalogue is kept late
 * on purpose, its approval note saying so, so that the indicator
 * 决策事项目录按时公布率 shows a late one behind its figure. */
TEST(demo_decision_catalogue_is_on_time_and_one_earlier_year_is_late_on_purpose)
{
	struct case_fx f;
	char path[256];
	REQUIRE(cfx_start(&f));
	const char *d100 = cfx_day(&f, -100);
	int year = (d100[0] - '0') * 1000 + (d100[1] - '0') * 100 + (d100[2] - '0') * 10 +
		   (d100[3] - '0');
	json_t *l = cfx_get(&f, "supervisor", "/api/v1/decision-catalogues?limit=100");
	REQUIRE(l);
	size_t i;
	json_t *v;
	int on_time = 0, late = 0;
	bool current = false;
	json_array_foreach(json_object_get(l, "items"), i, v) {
		const char *on = str(v, "approved_on");
		char due[16];
		int y = (int)json_integer_value(json_object_get(v, "year"));
		snprintf(due, sizeof due, "%04d-03-31", y);
		REQUIRE(on);
		if (strcmp(on, due) <= 0)
			on_time++;
		else
			late++;
		if (y == year) {
			current = true;
			CHECK(strcmp(on, due) <= 0);
		}
		if (strcmp(on, due) > 0) {
			/* the late one says it is an example */
			snprintf(path, sizeof path, "/api/v1/decision-catalogues/%lld",
				 (long long)json_integer_value(json_object_get(v, "id")));
			json_t *c = cfx_get(&f, "supervisor", path);
			char *dump = c ? json_dumps(c, 0) : NULL;
			CHECK_CONTAINS(dump, "逾期公布的示例");
			free(dump);
			json_decref(c);
		}
	}
	json_decref(l);
	CHECK(current);
	CHECK(on_time >= 1);
	CHECK_INT(late, 1);
	snprintf(path, sizeof path, "/api/v1/indicators?from=%s&to=%s", cfx_day(&f, -800),
		 cfx_day(&f, 0));
	json_t *j = cfx_get(&f, "supervisor", path);
	json_t *cat = indicator(j, "decision_catalogue");
	REQUIRE(cat);
	json_int_t den = json_integer_value(json_object_get(cat, "denominator"));
	json_int_t num = json_integer_value(json_object_get(cat, "numerator"));
	CHECK(num >= 1);
	CHECK_INT(den - num, 1);
	json_decref(j);
	cfx_stop(&f);
}
