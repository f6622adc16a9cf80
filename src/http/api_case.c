/* api_case.c - the case API: procedure definitions, opening a case, the
 * case list with its filters, one case with its record, next steps and
 * clocks, and the work queues (reviewer, head). Every action goes to
 * app_case_open / app_case_act (api_case_step.c): no second path. */
#include "app/authz.h"
#include "app/case.h"
#include "app/case_status.h"
#include "domain/outcome.h"
#include "domain/money.h"
#include "http/api_case_input.h"
#include "http/api_query.h"
#include "http/handlers.h"
#include "http/jsonin.h"
#include "http/jsonout_case.h"
#include "http/jsonout_org.h"
#include "http/jsonw.h"
#include "http/paging.h"
#include "http/resp.h"

static bool may_act(struct req *r)
{
	return r->ctx.user && authz_allows(r->ctx.user->roles, PERM_CASE_ACT);
}

int api_procedure_list(struct req *r)
{
	struct fz_error e = { 0 };
	struct page pg;
	size_t n = 0;
	enum fz_err rc;

	if ((rc = paging_from_query(r, &pg, &e)) ||
	    (rc = app_require(&r->ctx, PERM_CASE_READ, "procedure.read", &e)))
		return resp_fail(r, rc, &e);
	const struct proc_def *defs = app_procedures(&r->ctx, &n);
	const struct proc_config *cfg = case_api_config(r);
	json_t *items = json_array();
	for (size_t i = (size_t)pg.offset; defs && i < n && i < (size_t)pg.offset + (size_t)pg.limit;
	     i++)
		items = json_array_push(items, json_proc_def(&defs[i], cfg));
	return resp_list(r, items, (int64_t)n, pg);
}

int api_procedure_get(struct req *r)
{
	struct fz_error e = { 0 };
	enum fz_err rc = app_require(&r->ctx, PERM_CASE_READ, "procedure.read", &e);
	if (rc)
		return resp_fail(r, rc, &e);
	const struct proc_def *d = case_api_def(r, req_param_str(r, "id"));
	if (!d)
		return resp_error(r, FZ_NOTFOUND, "id", "没有这个执法程序");
	return resp_json(r, 200, json_proc_def(d, case_api_config(r)));
}

/* A case of a list, with its overdue flag: from its derived status
 * (app_case_rows), as the list page draws it - no case viewed. Written
 * straight into the answer; a queue adds the step awaited (step given). */
static void list_item(struct req *r, struct buf *b, const struct enf_case *c, bool overdue,
		      bool queued, const struct proc_step *step)
{
	struct jw w;
	jw_object(&w, b);
	json_case_members(&w, c, case_api_def(r, c->procedure), false);
	jw_bool(&w, "overdue", overdue);
	if (queued) {
		jw_text(&w, "awaits_step", step ? step->id : "");
		jw_text(&w, "awaits_step_label", step ? step->label : "");
	}
	jw_end(&w);
}

/* The page asked (offset=, limit=) with the count's bound: a list of a
 * whole province's cases says "more than N" (total_more) rather than
 * counting every case for each page. */
static enum fz_err case_paging(struct req *r, struct page *pg, struct fz_error *e)
{
	enum fz_err rc = paging_from_query(r, pg, e);
	pg->count_max = app_case_count_max(r->ctx.cfg);
	return rc;
}

static int empty_list(struct req *r, struct page pg)
{
	struct buf b = BUF_INIT;
	jw_list_begin(&b);
	jw_list_end_bounded(&b, 0, false, pg);
	return resp_json_buf(r, 200, &b);
}

static int case_list_answer(struct req *r, const struct case_list *l, struct page pg,
			    const struct proc_step **steps)
{
	struct fz_error e = { 0 };
	struct case_row *rows;
	enum fz_err rc = app_case_rows(&r->ctx, l, &rows, &e);
	if (rc)
		return resp_fail(r, rc, &e);
	struct buf b = BUF_INIT;
	jw_list_begin(&b);
	for (size_t i = 0; i < l->n; i++) {
		jw_list_item(&b, i);
		list_item(r, &b, &l->items[i], rows[i].overdue, steps != NULL,
			  steps ? steps[i] : NULL);
	}
	jw_list_end_bounded(&b, l->total, l->total_more, pg);
	return resp_json_buf(r, 200, &b);
}

/* ?overdue=1: the cases whose derived status (app/case_status.c, as of
 * today) has a duty past its due date, a page read like any list. */
static int case_list_overdue(struct req *r, struct case_filter *f, struct page pg)
{
	struct fz_error e = { 0 };
	struct case_list l;
	f->overdue = true;
	enum fz_err rc = app_case_list(&r->ctx, f, pg, &l, &e);
	if (rc)
		return resp_fail(r, rc, &e);
	return case_list_answer(r, &l, pg, NULL);
}

/* ?mine=1, ?overdue=1: "1" or "true" turn it on, "0" or "false" off. */
static enum fz_err query_flag(struct req *r, const char *name, bool *out, struct fz_error *e)
{
	static const char *const values[] = { "0", "1", "false", "true", NULL };
	int k;
	enum fz_err rc = query_choice(r, name, values, &k, e);
	*out = !rc && k >= 0 && k % 2 == 1;
	return rc;
}

int api_case_list(struct req *r)
{
	static const char *const kinds[] = { "penalty", "inspection", "permit", "coercion",
					     "normative_document", "major_decision", NULL };
	struct fz_error e = { 0 };
	struct page pg;
	struct case_filter f = { 0 };
	struct case_list l;
	int kind, closed;
	bool mine, overdue;
	enum fz_err rc;

	if ((rc = case_paging(r, &pg, &e)) ||
	    (rc = query_text(r, "state", PROC_ID_MAX, &f.state, &e)) ||
	    (rc = query_text(r, "procedure", PROC_ID_MAX, &f.procedure, &e)) ||
	    (rc = query_choice(r, "kind", kinds, &kind, &e)) ||
	    (rc = query_bool(r, "closed", &closed, &e)) ||
	    (rc = query_text(r, "q", 32, &f.q, &e)) ||
	    (rc = query_text(r, "opened_from", 10, &f.opened_from, &e)) ||
	    (rc = query_text(r, "opened_to", 10, &f.opened_to, &e)) ||
	    (rc = query_flag(r, "mine", &mine, &e)) ||
	    (rc = query_flag(r, "overdue", &overdue, &e)))
		return resp_fail(r, rc, &e);
	f.kind = kind >= 0 ? proc_kind_from_name(kinds[kind]) : 0;
	f.closed = closed < 0 ? 0 : closed ? 1 : 2;
	if (mine && r->ctx.user)
		f.created_by = r->ctx.user->id;
	if (overdue) {
		if (closed == 1) /* only open cases run late */
			return empty_list(r, pg);
		f.closed = 2;
		return case_list_overdue(r, &f, pg);
	}
	if ((rc = app_case_list(&r->ctx, &f, pg, &l, &e)))
		return resp_fail(r, rc, &e);
	return case_list_answer(r, &l, pg, NULL);
}

/* A decided fine as owed today: {fine, paid, outstanding, payment_due,
 * schedule (instalments when deferred, else null),
 * late, surcharge{days, amount, capped, rate_permille_per_day,
 * cap_percent}}; null when the case decided no fine. */
static json_t *arrears_json(const struct case_arrears *a)
{
	char fine[MONEY_TEXT_MAX], paid[MONEY_TEXT_MAX], owed[MONEY_TEXT_MAX], sur[MONEY_TEXT_MAX];
	if (!a->fine_fen)
		return json_null();
	money_format_yuan(a->fine_fen, fine);
	money_format_yuan(a->paid_fen, paid);
	money_format_yuan(a->outstanding_fen, owed);
	money_format_yuan(a->surcharge.amount_fen, sur);
	json_t *s = json_object();
	s = json_put(s, "days", json_integer(a->surcharge.days));
	s = json_put(s, "amount", json_string(sur));
	s = json_put(s, "capped", json_boolean(a->surcharge.capped));
	s = json_put(s, "rate_permille_per_day", json_integer(a->rate_permille));
	s = json_put(s, "cap_percent", json_integer(a->cap_percent));
	json_t *o = json_object();
	o = json_put(o, "fine", json_string(fine));
	o = json_put(o, "paid", json_string(paid));
	o = json_put(o, "outstanding", json_string(owed));
	o = json_put(o, "payment_due", a->due[0] ? json_string(a->due) : json_null());
	o = json_put(o, "late", json_boolean(a->late));
	o = json_put(o, "surcharge", s);
	if (!a->deferred)
		return json_put(o, "schedule", json_null());
	/* 延期、分期缴纳: each instalment, and whether the payments cover it */
	json_t *sch = json_array();
	int64_t covered = 0;
	for (size_t i = 0; i < a->ninstalments; i++) {
		char amount[MONEY_TEXT_MAX];
		covered += a->instalments[i].fen;
		money_format_yuan(a->instalments[i].fen, amount);
		json_t *it = json_object();
		it = json_put(it, "due", json_string(a->instalments[i].due));
		it = json_put(it, "amount", json_string(amount));
		it = json_put(it, "paid", json_boolean(covered <= a->paid_fen));
		if (!sch || !it || json_array_append_new(sch, it) != 0) {
			json_decref(sch);
			json_decref(o);
			return NULL;
		}
	}
	return json_put(o, "schedule", sch);
}

/* The case with everything the case page shows. */
static json_t *case_view_json(struct req *r, const struct case_view *v)
{
	json_t *o = json_case(&v->c, v->def, may_act(r));
	json_t *events = json_array(), *steps = json_array(), *clocks = json_array();
	int late = case_api_late_days(r);
	for (size_t i = 0; events && i < v->events.n; i++)
		events = json_array_push(events, json_case_event_in(v->events.items, v->events.n, i,
								    v->def, late));
	o = json_put(o, "opened_late",
		     json_boolean(v->events.n && outcome_event_late(&v->events.items[0], late)));
	for (size_t i = 0; steps && i < v->noptions; i++)
		steps = json_array_push(steps, json_proc_option(&v->options[i]));
	for (size_t i = 0; clocks && i < v->nclocks; i++)
		clocks = json_array_push(clocks, json_case_clock(&v->clocks[i]));
	/* each supervision act with its own clock: seq and step of the act,
	 * started_by / stopped_by the act and its answer */
	json_t *acts = json_array();
	for (size_t i = 0; acts && i < v->nacts; i++) {
		json_t *k = json_case_clock(&v->acts[i]);
		k = json_put(k, "act_seq", json_integer(v->acts[i].started_by->seq));
		k = json_put(k, "act_step", json_text(v->acts[i].started_by->step));
		acts = json_array_push(acts, k);
	}
	o = json_put(o, "supervision_acts", acts);
	o = json_put(o, "overdue", json_boolean(case_view_overdue(v)));
	o = json_put(o, "arrears", arrears_json(&v->arrears));
	o = json_put(o, "serious_harm_reason", json_text(v->serious_harm_reason));
	if (v->def->matter) {
		/* a matter: the owning (drafting) unit and the co-drafting ones */
		json_t *co = json_array();
		for (size_t i = 0; co && i < v->nco_units; i++) {
			json_t *u = json_object();
			u = json_put(u, "id", json_integer(v->co_units[i].id));
			co = json_array_push(co, json_put(u, "name", json_text(v->co_units[i].name)));
		}
		json_t *units = json_object();
		json_t *owner = json_object();
		owner = json_put(owner, "id", json_integer(v->c.agency_id));
		owner = json_put(owner, "name", json_text(v->c.agency_name));
		units = json_put(units, "owner", owner);
		o = json_put(o, "units", json_put(units, "co_drafting", co));
	}
	o = json_put(o, "events", events);
	o = json_put(o, "steps", steps);
	return json_put(o, "clocks", clocks);
}

int api_case_get(struct req *r)
{
	struct fz_error e = { 0 };
	struct case_view v;
	enum fz_err rc = app_case_view(&r->ctx, req_param(r, "id"), &v, &e);
	if (rc)
		return resp_fail(r, rc, &e);
	return resp_json(r, 200, case_view_json(r, &v));
}

/* Whether procedure id runs matters (事项, no party): `subject matter`. */
static bool procedure_is_matter(struct req *r, const char *id)
{
	size_t n;
	const struct proc_def *defs = app_procedures(&r->ctx, &n);
	for (size_t i = 0; id && i < n; i++)
		if (strcmp(defs[i].id, id) == 0)
			return defs[i].matter;
	return false;
}

int api_case_create(struct req *r)
{
	struct jsonin in;
	struct fz_error e = { 0 };
	struct case_step_input open;
	struct case_check check = { 0 };
	struct case_view v;
	struct enf_case c;
	enum fz_err rc;

	jsonin_begin(&in, r);
	const char *procedure = jsonin_str(&in, "procedure", PROC_ID_MAX);
	/* A matter (a normative document) has a title and no party, act date
	 * or domain: the app refuses them when given. */
	bool matter = procedure_is_matter(r, procedure);
	struct case_input ci = {
		.procedure = procedure,
		.domain = matter ? jsonin_str_opt(&in, "domain", 30) : jsonin_str(&in, "domain", 30),
		.matter = jsonin_str_opt(&in, "matter", PROC_ID_MAX),
		.title = jsonin_str(&in, "title", 100),
		.act_date = matter ? jsonin_str_opt(&in, "act_date", 10)
				   : jsonin_str(&in, "act_date", 10),
	};
	bool party = jsonin_has(&in, "party");
	case_step_read(&in, false, &open);
	if (!jsonin_ok(&in))
		return jsonin_fail(&in);
	if ((!matter || party) && (rc = case_party_read(&in, &ci, &e)))
		return resp_fail(r, rc, &e);
	if ((rc = case_step_finish(&in, &open, &e)))
		return resp_fail(r, rc, &e);
	if ((rc = app_case_open(&r->ctx, &ci, &open, &c, &check, &e)))
		return case_refused(r, rc, &e, &check);
	/* The new case as GET shows it, with the gates its opening passed. */
	if ((rc = app_case_view(&r->ctx, c.id, &v, &e)))
		return resp_fail(r, rc, &e);
	return resp_json(r, 201, json_put(case_view_json(r, &v), "gates",
					  json_gate_results(check.results, check.n)));
}

/* A queue: the cases with the step each waits for. */
static int queue(struct req *r, unsigned role)
{
	struct fz_error e = { 0 };
	struct page pg;
	struct case_list l;
	const struct proc_step **steps;
	enum fz_err rc;
	if ((rc = case_paging(r, &pg, &e)) ||
	    (rc = app_case_queue(&r->ctx, role, pg, &l, &steps, &e)))
		return resp_fail(r, rc, &e);
	return case_list_answer(r, &l, pg, steps);
}

int api_queue_review(struct req *r)
{
	return queue(r, ROLE_REVIEWER);
}

int api_queue_approval(struct req *r)
{
	return queue(r, ROLE_HEAD);
}
