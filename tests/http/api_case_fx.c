/* api_case_fx.c - see api_case_fx.h. The calendar is loaded through the
 * app layer as `fazhi init` does; people are found through the API, as a
 * client would find them. */
#include "api_case_fx.h"

#include <stdio.h>
#include <string.h>

#include "app/calendar.h"
#include "app/org.h"
#include "app/people.h"
#include "base/date.h"
#include "store/store.h"
#include "t.h"

/* The person id of a demo account, from GET /api/v1/me. */
static int64_t person_of(struct case_fx *f, const char *who)
{
	json_t *j = cfx_get(f, who, "/api/v1/me");
	json_t *v = json_object_get(json_object_get(j, "user"), "person_id");
	int64_t id = json_is_integer(v) ? (int64_t)json_integer_value(v) : -1;
	json_decref(j);
	return id;
}

/* The first person of 自然资源局 of kind who is none of the accounts'. */
static int64_t another(struct case_fx *f, const char *kind)
{
	char path[128];
	snprintf(path, sizeof path, "/api/v1/officers?agency_id=%lld&kind=%s&limit=50",
		 (long long)f->d.sum.agency_ids[1], kind);
	json_t *j = cfx_get(f, "supervisor", path), *p;
	size_t i;
	int64_t found = -1;
	json_array_foreach(json_object_get(j, "items"), i, p) {
		int64_t id = (int64_t)json_integer_value(json_object_get(p, "id"));
		if (found < 0 && id != f->p_officer1 && id != f->p_officer2 && id != f->p_reviewer)
			found = id;
	}
	json_decref(j);
	return found;
}

bool cfx_start(struct case_fx *f)
{
	struct app_ctx ctx;
	struct fz_error e = { 0 };
	bool loaded;

	memset(f, 0, sizeof *f);
	if (!t_demo_start(&f->d))
		return false;
	app_ctx_init(&ctx, f->d.ts.st, f->d.ts.a, &f->d.ts.cfg, "cli", time_now());
	app_ctx_as_cli(&ctx);
	snprintf(f->today, sizeof f->today, "%s", ctx.today);
	if (app_calendar_load_default(&ctx, &loaded, NULL, &e) != FZ_OK) {
		t_fail(__FILE__, __LINE__, "calendar: %s", e.message);
		return false;
	}
	f->p_officer1 = person_of(f, "officer1");
	f->p_officer2 = person_of(f, "officer2");
	f->p_reviewer = person_of(f, "reviewer1");
	f->p_other = another(f, "officer");
	f->p_assistant = another(f, "assistant");
	if (f->p_officer1 <= 0 || f->p_officer2 <= 0 || f->p_reviewer <= 0 || f->p_other <= 0 ||
	    f->p_assistant <= 0) {
		t_fail(__FILE__, __LINE__, "demo people not found");
		return false;
	}
	return true;
}

void cfx_stop(struct case_fx *f)
{
	t_demo_stop(&f->d);
}

const char *cfx_day(struct case_fx *f, int offset)
{
	static char days[8][FZ_DATE_LEN];
	static int next;
	char *out = days[next++ % 8];
	if (!date_add_days(f->today, offset, out))
		snprintf(out, FZ_DATE_LEN, "%s", "bad-date");
	return out;
}

json_t *cfx_get(struct case_fx *f, const char *who, const char *path)
{
	struct http_resp r = t_api(&f->d, who, "GET", path, NULL);
	json_t *j = NULL;
	if (r.status != 200)
		t_fail(__FILE__, __LINE__, "GET %s as %s: %ld %.300s", path, who, r.status, r.body);
	else
		j = t_json(&r);
	t_resp_free(&r);
	return j;
}

int64_t cfx_event_count(struct case_fx *f, int64_t id)
{
	char path[96];
	snprintf(path, sizeof path, "/api/v1/cases/%lld/events", (long long)id);
	json_t *j = cfx_get(f, "supervisor", path);
	json_t *t = json_object_get(j, "total");
	int64_t n = json_is_integer(t) ? (int64_t)json_integer_value(t) : -1;
	json_decref(j);
	return n;
}

const char *cfx_state(struct case_fx *f, int64_t id, char *out, size_t n)
{
	char path[96];
	snprintf(path, sizeof path, "/api/v1/cases/%lld", (long long)id);
	json_t *j = cfx_get(f, "supervisor", path);
	const char *s = json_string_value(json_object_get(j, "state"));
	snprintf(out, n, "%s", s ? s : "");
	json_decref(j);
	return out;
}

json_t *cfx_clock(struct case_fx *f, int64_t id, const char *clock)
{
	char path[96];
	snprintf(path, sizeof path, "/api/v1/cases/%lld/deadlines", (long long)id);
	json_t *j = cfx_get(f, "supervisor", path), *c, *found = NULL;
	size_t i;
	json_array_foreach(json_object_get(j, "clocks"), i, c) {
		const char *name = json_string_value(json_object_get(c, "clock"));
		if (!found && name && strcmp(name, clock) == 0)
			found = json_incref(c);
	}
	json_decref(j);
	return found;
}

int64_t cfx_open(const char *file, int line, struct case_fx *f, const char *who,
		 const char *body)
{
	struct http_resp r = t_api(&f->d, who, "POST", "/api/v1/cases", body);
	int64_t id = r.status == 201 ? t_json_int(&r, "id") : -1;
	if (id <= 0)
		t_fail(file, line, "open as %s: %ld %.600s", who, r.status, r.body);
	t_resp_free(&r);
	return id;
}

int64_t cfx_open_simplified(const char *file, int line, struct case_fx *f, int on)
{
	char body[1024];
	snprintf(body, sizeof body,
		 "{\"procedure\":\"penalty_simplified\",\"domain\":\"土地管理\",\"title\":\"乱堆建材\","
		 "\"act_date\":\"%s\",\"party\":{\"kind\":\"citizen\",\"name\":\"张某\"},"
		 "\"on\":\"%s\",\"reason\":\"补录：测试数据按发生日期录入\",\"fields\":{\"facts\":"
		 "\"占道堆放建材\",\"grounds\":\"当场查实\",\"basis\":\"某条例第十条\",\"penalty\":"
		 "\"fine\",\"amount\":\"100\",\"place\":\"海原县城关镇\"},\"officers\":[%lld,%lld]}",
		 cfx_day(f, on), cfx_day(f, on), (long long)f->p_officer1, (long long)f->p_officer2);
	return cfx_open(file, line, f, "officer1", body);
}

int64_t cfx_approve(const char *file, int line, struct case_fx *f, int64_t id, const char *day)
{
	char body[256];
	snprintf(body, sizeof body,
		 "{\"step\":\"approve_opening\",\"on\":\"%s\",\"reason\":\"补录：纸质立案审批表\"}",
		 day);
	return id > 0 ? cfx_step(file, line, f, "head1", id, body) : -1;
}

int64_t cfx_step(const char *file, int line, struct case_fx *f, const char *who, int64_t id,
		 const char *body)
{
	char path[96];
	snprintf(path, sizeof path, "/api/v1/cases/%lld/steps", (long long)id);
	struct http_resp r = t_api(&f->d, who, "POST", path, body);
	int64_t ev = r.status == 201 ? t_json_int(&r, "id") : -1;
	if (ev <= 0)
		t_fail(file, line, "step as %s: %ld %.600s", who, r.status, r.body);
	t_resp_free(&r);
	return ev;
}

/* Cases in the whole database, read through the store. */
static int64_t case_count(struct case_fx *f)
{
	static const struct scope all = { .kind = SCOPE_ALL };
	struct case_filter none = { 0 };
	struct case_list l;
	struct page pg = { 0, 1 };
	struct fz_error e = { 0 };
	struct store *st = f->d.ts.st;
	if (st->ops->case_list(st, f->d.ts.a, &all, &none, pg, &l, &e)) {
		t_fail(__FILE__, __LINE__, "count cases: %s", e.message);
		return -1;
	}
	return l.total;
}

/* The "gates" member lists gate as not passed. */
static bool gate_blocked(json_t *j, const char *gate)
{
	json_t *g;
	size_t i;
	json_array_foreach(json_object_get(j, "gates"), i, g) {
		const char *name = json_string_value(json_object_get(g, "gate"));
		if (name && strcmp(name, gate) == 0 && json_is_false(json_object_get(g, "passed")))
			return true;
	}
	return false;
}

const char *cfx_documents(struct case_fx *f, int64_t id, char *out, size_t n)
{
	static const struct scope all = { .kind = SCOPE_ALL };
	struct case_document_list l;
	struct fz_error e = { 0 };
	size_t len = 0;
	out[0] = '\0';
	if (f->d.ts.st->ops->document_list(f->d.ts.st, f->d.ts.a, &all, id, &l, &e))
		return out;
	for (size_t i = 0; i < l.n && len + 1 < n; i++)
		len += (size_t)snprintf(out + len, n - len, "%lld:%s:%s;", (long long)l.items[i].id,
					l.items[i].kind, l.items[i].number);
	return out;
}

int64_t cfx_case_titled(struct case_fx *f, const char *title)
{
	static const struct scope all = { .kind = SCOPE_ALL };
	struct case_filter q = { .q = title };
	struct case_list l;
	struct fz_error e = { 0 };
	if (f->d.ts.st->ops->case_list(f->d.ts.st, f->d.ts.a, &all, &q, (struct page){ 0, 5 }, &l,
				       &e) ||
	    l.n != 1)
		return -1;
	return l.items[0].id;
}

void cfx_blocked(const char *file, int line, struct case_fx *f, const char *who, int64_t id,
		 const char *body, long status, const char *gate, const char *words)
{
	char path[96], before[64] = "", after[64] = "", docs[2048], docs_after[2048];
	int64_t n_before = id ? cfx_event_count(f, id) : case_count(f);
	cfx_documents(f, id, docs, sizeof docs);
	if (id) {
		cfx_state(f, id, before, sizeof before);
		snprintf(path, sizeof path, "/api/v1/cases/%lld/steps", (long long)id);
	} else {
		snprintf(path, sizeof path, "/api/v1/cases");
	}
	struct http_resp r = t_api(&f->d, who, "POST", path, body);
	const char *code = status == 400 ? "invalid" : status == 403 ? "forbidden" : "conflict";
	t_check_error(file, line, &r, status, code, gate);
	json_t *j = json_loads(r.body, 0, NULL);
	const char *msg = json_string_value(json_object_get(json_object_get(j, "error"), "message"));
	if (!msg || !strstr(msg, words))
		t_fail(file, line, "message \"%s\" lacks \"%s\"", msg ? msg : "(none)", words);
	if (!gate_blocked(j, gate))
		t_fail(file, line, "gates do not show %s blocking: %.400s", gate, r.body);
	json_decref(j);
	t_resp_free(&r);
	int64_t n_after = id ? cfx_event_count(f, id) : case_count(f);
	if (n_after != n_before)
		t_fail(file, line, "%s changed: %lld before, %lld after", id ? "events" : "cases",
		       (long long)n_before, (long long)n_after);
	if (id && strcmp(cfx_state(f, id, after, sizeof after), before) != 0)
		t_fail(file, line, "state changed: %s -> %s", before, after);
	if (strcmp(cfx_documents(f, id, docs_after, sizeof docs_after), docs) != 0)
		t_fail(file, line, "documents changed: %s -> %s", docs, docs_after);
}

int64_t cfx_publication_of(struct case_fx *f, int64_t case_id, const char *status)
{
	char path[128];
	snprintf(path, sizeof path, "/api/v1/publications?status=%s&limit=200", status);
	json_t *j = cfx_get(f, "supervisor", path);
	json_t *it;
	size_t i;
	int64_t id = 0;
	json_array_foreach(json_object_get(j, "items"), i, it) {
		if (json_integer_value(json_object_get(it, "case_id")) == case_id)
			id = json_integer_value(json_object_get(it, "id"));
	}
	json_decref(j);
	return id;
}

int64_t cfx_publish(const char *file, int line, struct case_fx *f, const char *who,
		    int64_t case_id)
{
	char path[96];
	int64_t pub = cfx_publication_of(f, case_id, "prepared");
	if (pub <= 0) {
		t_fail(file, line, "case %lld has no prepared publication", (long long)case_id);
		return -1;
	}
	snprintf(path, sizeof path, "/api/v1/publications/%lld/confirm", (long long)pub);
	struct http_resp r = t_api(&f->d, who, "POST", path, "{}");
	if (r.status != 200)
		t_fail(file, line, "confirm as %s: %ld %.600s", who, r.status, r.body);
	t_resp_free(&r);
	return pub;
}

bool cfx_other_division_supervisor(const char *file, int line, struct case_fx *f, char *token,
				   char *csrf)
{
	struct app_ctx ctx;
	struct agency bureau;
	struct fz_error e = { 0 };
	app_ctx_init(&ctx, f->d.ts.st, f->d.ts.a, &f->d.ts.cfg, "cli", time_now());
	app_ctx_as_cli(&ctx);
	struct agency_input ag = { .name = "中宁县司法局", .uscc = "116405221045566365",
				   .division_code = "640521", .kind = "justice_bureau",
				   .domains = "行政执法监督", .active = -1 };
	if (app_agency_create(&ctx, &ag, &bureau, &e) != FZ_OK) {
		t_fail(file, line, "bureau: %s", e.message);
		return false;
	}
	struct user_input in = { .username = "zn_supervisor", .display_name = "中宁县执法监督员",
				 .password = DEMO_PASSWORD, .agency_id = bureau.id,
				 .roles = ROLE_SUPERVISOR, .must_change_password = 0 };
	if (app_user_create(&ctx, &in, NULL, &e) != FZ_OK) {
		t_fail(file, line, "zn_supervisor: %s", e.message);
		return false;
	}
	if (!t_login(&f->d.ts, "zn_supervisor", DEMO_PASSWORD, token, csrf)) {
		t_fail(file, line, "zn_supervisor cannot sign in");
		return false;
	}
	return true;
}
