/* api_decision.c - the decision catalogue (决策事项目录) over JSON: the
 * government's office drafts it and adjusts it with reasons, the head
 * records its approval, the public reads approved catalogues with their
 * adjustments (/api/v1/public/decision-catalogues); and the
 * lifelong-accountability record of a major decision
 * (GET /api/v1/cases/{id}/accountability). The decisions themselves are
 * cases: the case API runs them (docs/DECISIONS.md). */
#include <string.h>

#include "app/decision.h"
#include "http/api_query.h"
#include "http/handlers.h"
#include "http/jsonin.h"
#include "http/jsonout_case.h"
#include "http/jsonout_org.h"
#include "http/paging.h"
#include "http/resp.h"

static json_t *dcat_summary_json(const struct decision_catalogue *c)
{
	json_t *o = json_object();
	o = json_put(o, "id", json_integer(c->id));
	o = json_put(o, "agency_id", json_integer(c->agency_id));
	o = json_put(o, "agency", json_text(c->agency_name));
	o = json_put(o, "year", json_integer(c->year));
	o = json_put(o, "title", json_text(c->title));
	o = json_put(o, "approved", json_boolean(c->approved_on[0] != 0));
	return json_put(o, "approved_on", json_text(c->approved_on[0] ? c->approved_on : NULL));
}

static const char *action_label(const char *action, bool adjustment)
{
	if (strcmp(action, DCAT_APPROVE) == 0)
		return "批准公布";
	if (strcmp(action, DCAT_REMOVE) == 0)
		return adjustment ? "调整：调出目录" : "删除事项";
	return adjustment ? "调整：增列事项" : "列入事项";
}

/* The catalogue with its items and entries; public hides the accounts. */
static json_t *dcat_view_json(const struct dcat_view *v, bool public)
{
	json_t *o = dcat_summary_json(&v->cat);
	o = json_put(o, "approved_by", json_text(v->approved_by[0] ? v->approved_by : NULL));
	o = json_put(o, "approval_note", json_text(v->approval_note[0] ? v->approval_note : NULL));
	json_t *items = json_array();
	for (size_t i = 0; items && i < v->nitems; i++) {
		const struct dcat_item *it = &v->items[i];
		json_t *x = json_object();
		x = json_put(x, "id", json_integer(it->id));
		x = json_put(x, "title", json_text(it->title));
		x = json_put(x, "category", json_text(it->category));
		x = json_put(x, "category_label", json_text(dcat_category_label(it->category)));
		x = json_put(x, "unit", json_text(it->unit));
		x = json_put(x, "listed_on", json_text(it->added_on));
		x = json_put(x, "adjustment", json_boolean(it->adjustment));
		x = json_put(x, "reason", json_text(it->reason[0] ? it->reason : NULL));
		x = json_put(x, "in_catalogue", json_boolean(!it->removed_on[0]));
		x = json_put(x, "removed_on", json_text(it->removed_on[0] ? it->removed_on : NULL));
		x = json_put(x, "removed_reason",
			     json_text(it->removed_reason[0] ? it->removed_reason : NULL));
		items = json_array_push(items, x);
	}
	o = json_put(o, "items", items);
	json_t *hist = json_array();
	for (size_t i = 0; hist && i < v->nentries; i++) {
		const struct decision_catalogue_entry *en = &v->entries[i];
		json_t *x = json_object();
		x = json_put(x, "id", json_integer(en->id));
		x = json_put(x, "action", json_text(en->action));
		x = json_put(x, "label", json_text(action_label(en->action, en->adjustment)));
		x = json_put(x, "adjustment", json_boolean(en->adjustment));
		x = json_put(x, "item_id", json_integer(en->item_id ? en->item_id : en->id));
		x = json_put(x, "on", json_text(en->on));
		x = json_put(x, "reason", json_text(en->reason[0] ? en->reason : NULL));
		if (!public) {
			x = json_put(x, "actor", json_text(en->actor));
			x = json_put(x, "actor_name", json_text(en->actor_name));
		}
		hist = json_array_push(hist, x);
	}
	return json_put(o, "history", hist);
}

static int list(struct req *r, bool public)
{
	struct fz_error e = { 0 };
	struct page pg;
	struct decision_catalogue_list l;
	int64_t year = 0, agency = 0;
	enum fz_err rc;
	if ((rc = paging_from_query(r, &pg, &e)) ||
	    (rc = query_int(r, "year", 2000, 9999, 0, &year, &e)) ||
	    (rc = query_int(r, "agency_id", 1, INT64_MAX, 0, &agency, &e)) ||
	    (rc = app_dcat_list(&r->ctx, public, agency, (int)year, pg, &l, &e)))
		return resp_fail(r, rc, &e);
	json_t *items = json_array();
	for (size_t i = 0; items && i < l.n; i++)
		items = json_array_push(items, dcat_summary_json(&l.items[i]));
	return resp_list(r, items, l.total, pg);
}

int api_dcat_list(struct req *r)
{
	return list(r, false);
}

int api_public_dcat_list(struct req *r)
{
	return list(r, true);
}

static int answer(struct req *r, int64_t id, bool public, int status)
{
	struct fz_error e = { 0 };
	struct dcat_view v;
	enum fz_err rc = app_dcat_view(&r->ctx, id, public, &v, &e);
	return rc ? resp_fail(r, rc, &e) : resp_json(r, status, dcat_view_json(&v, public));
}

int api_dcat_get(struct req *r)
{
	return answer(r, req_param(r, "id"), false, 200);
}

int api_public_dcat_get(struct req *r)
{
	return answer(r, req_param(r, "id"), true, 200);
}

int api_dcat_create(struct req *r)
{
	struct jsonin in;
	struct fz_error e = { 0 };
	struct decision_catalogue c;
	jsonin_begin(&in, r);
	int year = (int)jsonin_int(&in, "year", 2000, 9999);
	const char *title = jsonin_str(&in, "title", 300);
	if (!jsonin_ok(&in))
		return jsonin_fail(&in);
	enum fz_err rc = app_dcat_create(&r->ctx, year, title, &c, &e);
	return rc ? resp_fail(r, rc, &e) : answer(r, c.id, false, 201);
}

int api_dcat_item_add(struct req *r)
{
	struct jsonin in;
	struct fz_error e = { 0 };
	int64_t item;
	jsonin_begin(&in, r);
	const char *title = jsonin_str(&in, "title", 300);
	const char *category = jsonin_str(&in, "category", 20);
	const char *unit = jsonin_str(&in, "unit", 200);
	const char *reason = jsonin_str_opt(&in, "reason", 2000);
	const char *on = jsonin_str_opt(&in, "on", 10);
	if (!jsonin_ok(&in))
		return jsonin_fail(&in);
	int64_t id = req_param(r, "id");
	enum fz_err rc =
		app_dcat_add_item(&r->ctx, id, title, category, unit, reason, on, &item, &e);
	return rc ? resp_fail(r, rc, &e) : answer(r, id, false, 201);
}

int api_dcat_item_remove(struct req *r)
{
	struct jsonin in;
	struct fz_error e = { 0 };
	jsonin_begin(&in, r);
	const char *reason = jsonin_str(&in, "reason", 2000);
	const char *on = jsonin_str_opt(&in, "on", 10);
	if (!jsonin_ok(&in))
		return jsonin_fail(&in);
	int64_t id = req_param(r, "id");
	enum fz_err rc =
		app_dcat_remove_item(&r->ctx, id, req_param(r, "item"), reason, on, &e);
	return rc ? resp_fail(r, rc, &e) : answer(r, id, false, 200);
}

int api_dcat_approve(struct req *r)
{
	struct jsonin in;
	struct fz_error e = { 0 };
	jsonin_begin(&in, r);
	const char *body = jsonin_str(&in, "approved_by", 200);
	const char *note = jsonin_str_opt(&in, "note", 2000);
	const char *on = jsonin_str_opt(&in, "on", 10);
	if (!jsonin_ok(&in))
		return jsonin_fail(&in);
	int64_t id = req_param(r, "id");
	enum fz_err rc = app_dcat_approve(&r->ctx, id, body, note, on, &e);
	return rc ? resp_fail(r, rc, &e) : answer(r, id, false, 200);
}

int api_case_accountability(struct req *r)
{
	struct fz_error e = { 0 };
	struct case_view v;
	struct dcat_account *acc;
	size_t n;
	enum fz_err rc = app_case_view(&r->ctx, req_param(r, "id"), &v, &e);
	if (rc)
		return resp_fail(r, rc, &e);
	if (v.def->kind != CASE_MAJOR_DECISION)
		return resp_error(r, FZ_NOTFOUND, "id", "只有重大行政决策有终身责任追究记录");
	app_decision_accountability(&v, r->a, &acc, &n);
	json_t *items = json_array();
	for (size_t i = 0; items && i < n; i++) {
		json_t *x = json_object();
		x = json_put(x, "role", json_text(acc[i].role));
		x = json_put(x, "step", json_text(acc[i].step));
		x = json_put(x, "seq", json_integer(acc[i].seq));
		x = json_put(x, "on", json_text(acc[i].on));
		x = json_put(x, "actor", json_text(acc[i].actor));
		x = json_put(x, "actor_name", json_text(acc[i].actor_name));
		x = json_put(x, "detail", json_text(acc[i].detail[0] ? acc[i].detail : NULL));
		items = json_array_push(items, x);
	}
	json_t *o = json_object();
	o = json_put(o, "case_id", json_integer(v.c.id));
	o = json_put(o, "title", json_text(v.c.title));
	return resp_json(r, 200, json_put(o, "items", items));
}
