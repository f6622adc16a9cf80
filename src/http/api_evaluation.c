/* api_evaluation.c - case-file evaluation (案卷评查), supervision checks
 * (监督检查) and rectification notices (整改通知) over JSON
 * (docs/EVALUATION.md): rounds, their sample, assignment, scoring and
 * results; check plans and findings; notices issued, answered, accepted
 * or returned. */
#include <string.h>

#include "app/evaluation.h"
#include "http/api_evaluation.h"
#include "http/api_query.h"
#include "http/handlers.h"
#include "http/jsonin.h"
#include "http/jsonout_case.h"
#include "http/jsonout_org.h"
#include "http/paging.h"
#include "http/resp.h"

#define EVAL_API_AGENCIES_MAX 500
#define EVAL_API_MARKS_MAX 200
#define EVAL_API_ITEMS_MAX 500

static json_t *str_or_null(const char *s) { return s && *s ? json_text(s) : json_null(); }

json_t *json_eval_round(const struct eval_round *x, bool full)
{
	json_t *o = json_object();
	o = json_put(o, "id", json_integer(x->id));
	o = json_put(o, "year", json_integer(x->year));
	o = json_put(o, "title", json_text(x->title));
	o = json_put(o, "period_from", json_text(x->period_from));
	o = json_put(o, "period_to", json_text(x->period_to));
	o = json_put(o, "sample_size", json_integer(x->sample_size));
	o = json_put(o, "sample_rate", json_integer(x->sample_rate));
	o = json_put(o, "status", json_text(x->status));
	o = json_put(o, "seed", str_or_null(x->seed));
	o = json_put(o, "method", json_integer(x->method));
	if (full) {
		o = json_put(o, "rubric", json_text(x->rubric));
		o = json_put(o, "population", json_text(x->population));
	}
	return o;
}

json_t *json_eval_file(const struct eval_file *f)
{
	json_t *o = json_object();
	o = json_put(o, "id", json_integer(f->id));
	o = json_put(o, "round_id", json_integer(f->round_id));
	o = json_put(o, "agency_id", json_integer(f->agency_id));
	o = json_put(o, "agency", json_text(f->agency));
	o = json_put(o, "case_id", json_integer(f->case_id));
	o = json_put(o, "case_number", json_text(f->case_number));
	o = json_put(o, "case_title", json_text(f->case_title));
	o = json_put(o, "draw_order", json_integer(f->draw_order));
	o = json_put(o, "evaluator_id", f->evaluator_id ? json_integer(f->evaluator_id) : json_null());
	o = json_put(o, "evaluator", str_or_null(f->evaluator));
	bool scored = f->grade && f->grade[0];
	o = json_put(o, "grade", str_or_null(f->grade));
	o = json_put(o, "form", scored ? json_integer(f->form) : json_null());
	o = json_put(o, "content", scored ? json_integer(f->content) : json_null());
	o = json_put(o, "total", scored ? json_integer(f->total) : json_null());
	o = json_put(o, "vetoed", json_boolean(f->vetoed));
	o = json_put(o, "scored_on", str_or_null(f->scored_on));
	return o;
}

json_t *json_notice(struct req *r, const struct rect_notice *n)
{
	json_t *o = json_object();
	o = json_put(o, "id", json_integer(n->id));
	o = json_put(o, "agency_id", json_integer(n->agency_id));
	o = json_put(o, "agency", json_text(n->agency));
	o = json_put(o, "source", json_text(n->source));
	o = json_put(o, "source_id", json_integer(n->source_id));
	o = json_put(o, "findings", json_text(n->findings));
	o = json_put(o, "issued_on", json_text(n->issued_on));
	o = json_put(o, "budget", json_integer(n->budget));
	o = json_put(o, "unit", json_text(n->unit == CLOCK_WORKING_DAYS ? "working_days" : "days"));
	o = json_put(o, "status", json_text(notice_status_name(n->status)));
	o = json_put(o, "report", str_or_null(n->report));
	o = json_put(o, "answered_on", str_or_null(n->answered_on));
	o = json_put(o, "return_reason", str_or_null(n->return_reason));
	o = json_put(o, "closed_on", str_or_null(n->closed_on));
	struct deadline d;
	struct fz_error e = { 0 };
	if (app_notice_deadline(&r->ctx, n, &d, &e) == FZ_OK) {
		o = json_put(o, "due_on", json_text(d.due));
		o = json_put(o, "due_provisional", json_boolean(d.provisional));
		o = json_put(o, "overdue", json_boolean(n->status != NOTICE_CLOSED &&
							 strcmp(r->ctx.today, d.due) > 0));
	}
	return o;
}

/* --- rounds --- */

int api_eval_round_list(struct req *r)
{
	struct fz_error e = { 0 };
	struct page pg;
	struct eval_round_list l;
	enum fz_err rc;
	if ((rc = paging_from_query(r, &pg, &e)) || (rc = app_eval_round_list(&r->ctx, pg, &l, &e)))
		return resp_fail(r, rc, &e);
	json_t *items = json_array();
	for (size_t i = 0; i < l.n; i++)
		items = json_array_push(items, json_eval_round(&l.items[i], false));
	return resp_list(r, items, l.total, pg);
}

static int round_answer(struct req *r, int64_t id)
{
	struct fz_error e = { 0 };
	struct eval_round x;
	struct eval_agency_result *rows;
	size_t n;
	enum fz_err rc;
	if ((rc = app_eval_round_get(&r->ctx, id, &x, &e)) ||
	    (rc = app_eval_results(&r->ctx, id, &rows, &n, &e)))
		return resp_fail(r, rc, &e);
	json_t *o = json_eval_round(&x, true), *res = json_array();
	for (size_t i = 0; i < n; i++) {
		json_t *a = json_object();
		a = json_put(a, "agency_id", json_integer(rows[i].agency_id));
		a = json_put(a, "agency", json_text(rows[i].agency));
		a = json_put(a, "files", json_integer(rows[i].files));
		a = json_put(a, "scored", json_integer(rows[i].scored));
		a = json_put(a, "average", json_real(rows[i].average));
		a = json_put(a, "excellent", json_integer(rows[i].excellent));
		a = json_put(a, "passed", json_integer(rows[i].passed));
		a = json_put(a, "failed", json_integer(rows[i].failed));
		a = json_put(a, "vetoed", json_integer(rows[i].vetoed));
		a = json_put(a, "most_lost", json_text(rows[i].lost_codes));
		res = json_array_push(res, a);
	}
	o = json_put(o, "results", res);
	return resp_json(r, 200, o);
}

int api_eval_round_get(struct req *r) { return round_answer(r, req_param(r, "id")); }

int api_eval_round_create(struct req *r)
{
	struct jsonin in;
	struct fz_error e = { 0 };
	jsonin_begin(&in, r);
	struct eval_round_input ri = {
		.year = (int)jsonin_int(&in, "year", 2000, 9999),
		.title = jsonin_str(&in, "title", 200),
		.period_from = jsonin_str(&in, "period_from", 10),
		.period_to = jsonin_str(&in, "period_to", 10),
		.sample_size = (int)jsonin_int_opt(&in, "sample_size", 0, 1000, 0),
		.sample_rate = (int)jsonin_int_opt(&in, "sample_rate", 0, 100, 0),
		.rubric = jsonin_str_opt(&in, "rubric", 100000),
	};
	(void)jsonin_has(&in, "agency_ids");
	if (!jsonin_ok(&in))
		return jsonin_fail(&in);
	json_t *ids = json_object_get(in.root, "agency_ids");
	if (!json_is_array(ids) || json_array_size(ids) < 1 ||
	    json_array_size(ids) > EVAL_API_AGENCIES_MAX)
		return resp_error(r, FZ_INVALID, "agency_ids", "请选择被评查的执法主体（编号数组）");
	int64_t *ag = arena_calloc(r->a, json_array_size(ids) + 1, sizeof *ag);
	if (!ag)
		return resp_error(r, FZ_NOMEM, NULL, NULL);
	for (size_t i = 0; i < json_array_size(ids); i++) {
		json_t *v = json_array_get(ids, i);
		if (!json_is_integer(v) || json_integer_value(v) < 1)
			return resp_error(r, FZ_INVALID, "agency_ids", "执法主体应为编号（正整数）");
		ag[i] = (int64_t)json_integer_value(v);
	}
	ri.agency_ids = ag;
	ri.nagencies = json_array_size(ids);
	struct eval_round x;
	enum fz_err rc = app_eval_round_create(&r->ctx, &ri, &x, &e);
	if (rc)
		return resp_fail(r, rc, &e);
	return resp_json(r, 201, json_eval_round(&x, true));
}

int api_eval_round_draw(struct req *r)
{
	struct fz_error e = { 0 };
	struct eval_round x;
	enum fz_err rc = app_eval_round_draw(&r->ctx, req_param(r, "id"), &x, &e);
	return rc ? resp_fail(r, rc, &e) : round_answer(r, x.id);
}

int api_eval_round_close(struct req *r)
{
	struct fz_error e = { 0 };
	struct eval_round x;
	enum fz_err rc = app_eval_round_close(&r->ctx, req_param(r, "id"), &x, &e);
	return rc ? resp_fail(r, rc, &e) : round_answer(r, x.id);
}

/* --- files --- */

int api_eval_file_list(struct req *r)
{
	struct fz_error e = { 0 };
	struct page pg;
	struct eval_file_filter f = { .scored = -1 };
	struct eval_file_list l;
	enum fz_err rc;
	int mine = 0, scored = -1;
	if ((rc = paging_from_query(r, &pg, &e)) ||
	    (rc = query_int(r, "round_id", 1, INT64_MAX, 0, &f.round_id, &e)) ||
	    (rc = query_int(r, "agency_id", 1, INT64_MAX, 0, &f.agency_id, &e)) ||
	    (rc = query_bool(r, "mine", &mine, &e)) || (rc = query_bool(r, "scored", &scored, &e)))
		return resp_fail(r, rc, &e);
	f.scored = scored;
	if (mine == 1 && r->ctx.user)
		f.evaluator_id = r->ctx.user->id;
	if ((rc = app_eval_file_list(&r->ctx, &f, pg, &l, &e)))
		return resp_fail(r, rc, &e);
	json_t *items = json_array();
	for (size_t i = 0; i < l.n; i++)
		items = json_array_push(items, json_eval_file(&l.items[i]));
	return resp_list(r, items, l.total, pg);
}

static int file_answer(struct req *r, int64_t id, int status)
{
	struct fz_error e = { 0 };
	struct eval_file f;
	struct eval_mark_row *m;
	size_t n;
	enum fz_err rc = app_eval_file_get(&r->ctx, id, &f, &m, &n, &e);
	if (rc)
		return resp_fail(r, rc, &e);
	json_t *o = json_eval_file(&f), *marks = json_array();
	for (size_t i = 0; i < n; i++) {
		json_t *x = json_object();
		x = json_put(x, "code", json_text(m[i].code));
		x = json_put(x, "lost", json_integer(m[i].lost));
		x = json_put(x, "veto", json_boolean(m[i].veto));
		x = json_put(x, "note", json_text(m[i].note));
		marks = json_array_push(marks, x);
	}
	o = json_put(o, "marks", marks);
	return resp_json(r, status, o);
}

int api_eval_file_get(struct req *r) { return file_answer(r, req_param(r, "id"), 200); }

int api_eval_file_assign(struct req *r)
{
	struct jsonin in;
	struct fz_error e = { 0 };
	struct eval_file f;
	jsonin_begin(&in, r);
	int64_t user = jsonin_int(&in, "evaluator_id", 1, INT64_MAX);
	if (!jsonin_ok(&in))
		return jsonin_fail(&in);
	enum fz_err rc = app_eval_assign(&r->ctx, req_param(r, "id"), user, &f, &e);
	return rc ? resp_fail(r, rc, &e) : file_answer(r, f.id, 200);
}

enum fz_err eval_marks_read(struct req *r, json_t *arr, struct eval_mark **out, size_t *n,
			    struct fz_error *e)
{
	if (!json_is_array(arr) || json_array_size(arr) > EVAL_API_MARKS_MAX)
		return fz_fail(e, FZ_INVALID, "marks",
			       "评分应为项目数组：[{\"code\": \"F1\", \"lost\": 1, \"note\": \"…\"}]");
	size_t k = json_array_size(arr);
	struct eval_mark *m = arena_calloc(r->a, k + 1, sizeof *m);
	if (!m)
		return fz_fail(e, FZ_NOMEM, NULL, NULL);
	for (size_t i = 0; i < k; i++) {
		json_t *x = json_array_get(arr, i), *c, *l, *t;
		const char *key;
		json_t *v;
		if (!json_is_object(x))
			return fz_fail(e, FZ_INVALID, "marks", "第 %zu 项评分应为对象", i + 1);
		json_object_foreach(x, key, v)
			if (strcmp(key, "code") && strcmp(key, "lost") && strcmp(key, "note"))
				return fz_fail(e, FZ_INVALID, "marks", "第 %zu 项评分有未知字段 %.20s",
					       i + 1, key);
		c = json_object_get(x, "code");
		l = json_object_get(x, "lost");
		t = json_object_get(x, "note");
		if (!json_is_string(c) || (l && !json_is_integer(l)) || (t && !json_is_string(t) &&
									  !json_is_null(t)))
			return fz_fail(e, FZ_INVALID, "marks",
				       "第 %zu 项评分应有项目编号（code）、扣分（lost，整数）和理由（note）",
				       i + 1);
		if (l && (json_integer_value(l) < -1000 || json_integer_value(l) > 1000))
			return fz_fail(e, FZ_INVALID, "marks", "第 %zu 项扣分超出范围", i + 1);
		m[i].code = arena_strndup(r->a, json_string_value(c), json_string_length(c));
		m[i].lost = l ? (int)json_integer_value(l) : 0;
		m[i].note = json_is_string(t) ? arena_strndup(r->a, json_string_value(t),
							       json_string_length(t))
					      : NULL;
		if (!m[i].code || (json_is_string(t) && !m[i].note))
			return fz_fail(e, FZ_NOMEM, NULL, NULL);
	}
	*out = m;
	*n = k;
	return FZ_OK;
}

int api_eval_file_score(struct req *r)
{
	struct jsonin in;
	struct fz_error e = { 0 };
	struct eval_file f;
	struct eval_mark *m;
	size_t n;
	enum fz_err rc;
	jsonin_begin(&in, r);
	(void)jsonin_has(&in, "marks");
	if (!jsonin_ok(&in))
		return jsonin_fail(&in);
	if ((rc = eval_marks_read(r, json_object_get(in.root, "marks"), &m, &n, &e)) ||
	    (rc = app_eval_score(&r->ctx, req_param(r, "id"), m, n, &f, &e)))
		return resp_fail(r, rc, &e);
	return file_answer(r, f.id, 200);
}

/* --- checks --- */

static json_t *json_check_item(const struct check_item *it)
{
	json_t *o = json_object();
	o = json_put(o, "id", json_integer(it->id));
	o = json_put(o, "agency_id", json_integer(it->agency_id));
	o = json_put(o, "agency", json_text(it->agency));
	o = json_put(o, "subject", json_text(it->subject));
	o = json_put(o, "month", json_integer(it->month));
	o = json_put(o, "finding", str_or_null(it->finding));
	o = json_put(o, "found_on", str_or_null(it->found_on));
	return o;
}

static int plan_answer(struct req *r, int64_t id, int status)
{
	struct fz_error e = { 0 };
	struct check_plan p;
	struct check_item *items;
	size_t n;
	enum fz_err rc = app_check_plan_get(&r->ctx, id, &p, &items, &n, &e);
	if (rc)
		return resp_fail(r, rc, &e);
	json_t *o = json_object(), *arr = json_array();
	o = json_put(o, "id", json_integer(p.id));
	o = json_put(o, "year", json_integer(p.year));
	o = json_put(o, "title", json_text(p.title));
	for (size_t i = 0; i < n; i++)
		arr = json_array_push(arr, json_check_item(&items[i]));
	o = json_put(o, "items", arr);
	return resp_json(r, status, o);
}

int api_check_plan_get(struct req *r) { return plan_answer(r, req_param(r, "id"), 200); }

int api_check_plan_list(struct req *r)
{
	struct fz_error e = { 0 };
	struct page pg;
	struct check_plan_list l;
	enum fz_err rc;
	if ((rc = paging_from_query(r, &pg, &e)) || (rc = app_check_plan_list(&r->ctx, pg, &l, &e)))
		return resp_fail(r, rc, &e);
	json_t *items = json_array();
	for (size_t i = 0; i < l.n; i++) {
		json_t *o = json_object();
		o = json_put(o, "id", json_integer(l.items[i].id));
		o = json_put(o, "year", json_integer(l.items[i].year));
		o = json_put(o, "title", json_text(l.items[i].title));
		items = json_array_push(items, o);
	}
	return resp_list(r, items, l.total, pg);
}

int api_check_plan_create(struct req *r)
{
	struct jsonin in;
	struct fz_error e = { 0 };
	jsonin_begin(&in, r);
	int year = (int)jsonin_int(&in, "year", 2000, 9999);
	const char *title = jsonin_str(&in, "title", 200);
	(void)jsonin_has(&in, "items");
	if (!jsonin_ok(&in))
		return jsonin_fail(&in);
	json_t *arr = json_object_get(in.root, "items");
	if (!json_is_array(arr) || json_array_size(arr) < 1 ||
	    json_array_size(arr) > EVAL_API_ITEMS_MAX)
		return resp_error(r, FZ_INVALID, "items",
				  "检查事项应为数组：[{\"agency_id\": 1, \"subject\": \"…\", \"month\": 5}]");
	size_t n = json_array_size(arr);
	struct check_item_input *items = arena_calloc(r->a, n + 1, sizeof *items);
	if (!items)
		return resp_error(r, FZ_NOMEM, NULL, NULL);
	for (size_t i = 0; i < n; i++) {
		json_t *x = json_array_get(arr, i);
		json_t *ag = json_object_get(x, "agency_id"), *s = json_object_get(x, "subject"),
		       *m = json_object_get(x, "month");
		if (!json_is_object(x) || json_object_size(x) != 3 || !json_is_integer(ag) ||
		    !json_is_string(s) || !json_is_integer(m) || json_integer_value(m) < 1 ||
		    json_integer_value(m) > 12)
			return resp_error(r, FZ_INVALID, "items",
					  "每个检查事项应有执法主体（agency_id）、检查内容（subject）和月份（month，1–12）");
		items[i].agency_id = (int64_t)json_integer_value(ag);
		items[i].subject = arena_strndup(r->a, json_string_value(s), json_string_length(s));
		items[i].month = (int)json_integer_value(m);
	}
	struct check_plan p;
	enum fz_err rc = app_check_plan_create(&r->ctx, year, title, items, n, &p, &e);
	return rc ? resp_fail(r, rc, &e) : plan_answer(r, p.id, 201);
}

int api_check_item_finding(struct req *r)
{
	struct jsonin in;
	struct fz_error e = { 0 };
	struct check_item it;
	jsonin_begin(&in, r);
	const char *finding = jsonin_str(&in, "finding", 20000);
	const char *on = jsonin_str_opt(&in, "on", 10);
	if (!jsonin_ok(&in))
		return jsonin_fail(&in);
	enum fz_err rc = app_check_finding(&r->ctx, req_param(r, "id"), finding, on, &it, &e);
	return rc ? resp_fail(r, rc, &e) : resp_json(r, 200, json_check_item(&it));
}

/* --- notices --- */

int api_notice_list(struct req *r)
{
	static const char *const statuses[] = { "issued", "answered", "returned", "closed", NULL };
	static const char *const sources[] = { "evaluation", "check", NULL };
	struct fz_error e = { 0 };
	struct page pg;
	struct rect_notice_filter f = { 0 };
	struct rect_notice_list l;
	enum fz_err rc;
	int status, source, open = -1;
	if ((rc = paging_from_query(r, &pg, &e)) ||
	    (rc = query_int(r, "agency_id", 1, INT64_MAX, 0, &f.agency_id, &e)) ||
	    (rc = query_choice(r, "status", statuses, &status, &e)) ||
	    (rc = query_choice(r, "source", sources, &source, &e)) ||
	    (rc = query_bool(r, "open", &open, &e)))
		return resp_fail(r, rc, &e);
	f.status = status >= 0 ? status + 1 : 0;
	f.source = source >= 0 ? sources[source] : NULL;
	f.open_only = open == 1;
	if ((rc = app_notice_list(&r->ctx, &f, pg, &l, &e)))
		return resp_fail(r, rc, &e);
	json_t *items = json_array();
	for (size_t i = 0; i < l.n; i++)
		items = json_array_push(items, json_notice(r, &l.items[i]));
	return resp_list(r, items, l.total, pg);
}

static int notice_answer(struct req *r, const struct rect_notice *n, int status)
{
	return resp_json(r, status, json_notice(r, n));
}

int api_notice_get(struct req *r)
{
	struct fz_error e = { 0 };
	struct rect_notice n;
	enum fz_err rc = app_notice_get(&r->ctx, req_param(r, "id"), &n, &e);
	return rc ? resp_fail(r, rc, &e) : notice_answer(r, &n, 200);
}

int api_notice_issue(struct req *r)
{
	static const char *const units[] = { "days", "working_days", NULL };
	struct jsonin in;
	struct fz_error e = { 0 };
	struct rect_notice n;
	jsonin_begin(&in, r);
	struct notice_input ni = {
		.agency_id = jsonin_int(&in, "agency_id", 1, INT64_MAX),
		.source = jsonin_str(&in, "source", 20),
		.source_id = jsonin_int(&in, "source_id", 1, INT64_MAX),
		.findings = jsonin_str(&in, "findings", 20000),
		.issued_on = jsonin_str_opt(&in, "issued_on", 10),
		.budget = (int)jsonin_int_opt(&in, "budget", 1, 365, 0),
	};
	const char *unit = jsonin_str_opt(&in, "unit", 20);
	if (!jsonin_ok(&in))
		return jsonin_fail(&in);
	if (unit) {
		if (strcmp(unit, units[0]) == 0)
			ni.unit = CLOCK_DAYS;
		else if (strcmp(unit, units[1]) == 0)
			ni.unit = CLOCK_WORKING_DAYS;
		else
			return resp_error(r, FZ_INVALID, "unit", "整改期限应按日（days）或工作日（working_days）计算");
	}
	enum fz_err rc = app_notice_issue(&r->ctx, &ni, &n, &e);
	return rc ? resp_fail(r, rc, &e) : notice_answer(r, &n, 201);
}

int api_notice_answer(struct req *r)
{
	struct jsonin in;
	struct fz_error e = { 0 };
	struct rect_notice n;
	jsonin_begin(&in, r);
	const char *report = jsonin_str(&in, "report", 20000);
	const char *on = jsonin_str_opt(&in, "on", 10);
	if (!jsonin_ok(&in))
		return jsonin_fail(&in);
	enum fz_err rc = app_notice_answer(&r->ctx, req_param(r, "id"), report, on, &n, &e);
	return rc ? resp_fail(r, rc, &e) : notice_answer(r, &n, 200);
}

static int review(struct req *r, bool accept)
{
	struct jsonin in;
	struct fz_error e = { 0 };
	struct rect_notice n;
	jsonin_begin(&in, r);
	const char *reason = accept ? NULL : jsonin_str(&in, "reason", 5000);
	const char *on = jsonin_str_opt(&in, "on", 10);
	if (!jsonin_ok(&in))
		return jsonin_fail(&in);
	enum fz_err rc = app_notice_review(&r->ctx, req_param(r, "id"), accept, reason, on, &n, &e);
	return rc ? resp_fail(r, rc, &e) : notice_answer(r, &n, 200);
}

int api_notice_close(struct req *r) { return review(r, true); }
int api_notice_return(struct req *r) { return review(r, false); }
