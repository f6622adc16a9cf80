/* api_case_step.c - the record of a case and what is done to it: events,
 * deadlines with their explanation (every deadline explains itself),
 * POST .../steps (app_case_act, the one way to take a step or correct)
 * and POST .../draw (the 双随机 draw, seeded by the server). */
#include <string.h>

#include "app/case.h"
#include "app/authz.h"
#include "app/draw.h"
#include "http/api_case_input.h"
#include "http/handlers.h"
#include "http/jsonin.h"
#include "http/jsonout_case.h"
#include "http/jsonout_org.h"
#include "http/jsonw.h"
#include "http/paging.h"
#include "http/resp.h"

int api_case_events(struct req *r)
{
	struct fz_error e = { 0 };
	struct page pg;
	struct case_view v;
	enum fz_err rc;

	if ((rc = paging_from_query(r, &pg, &e)) ||
	    (rc = app_case_view(&r->ctx, req_param(r, "id"), &v, &e)))
		return resp_fail(r, rc, &e);
	json_t *items = json_array();
	int late = case_api_late_days(r);
	for (size_t i = (size_t)pg.offset;
	     i < v.events.n && i < (size_t)pg.offset + (size_t)pg.limit; i++)
		items = json_array_push(items, json_case_event_in(v.events.items, v.events.n, i, v.def,
								  late));
	return resp_list(r, items, (int64_t)v.events.n, pg);
}

int api_case_deadlines(struct req *r)
{
	struct fz_error e = { 0 };
	struct case_view v;
	enum fz_err rc = app_case_view(&r->ctx, req_param(r, "id"), &v, &e);
	if (rc)
		return resp_fail(r, rc, &e);
	json_t *clocks = json_array();
	for (size_t i = 0; i < v.nclocks; i++)
		clocks = json_array_push(clocks, json_case_clock(&v.clocks[i]));
	json_t *o = json_object();
	o = json_put(o, "case_id", json_integer(v.c.id));
	o = json_put(o, "number", json_text(v.c.number));
	o = json_put(o, "today", json_string(r->ctx.today));
	o = json_put(o, "overdue", json_boolean(case_view_overdue(&v)));
	o = json_put(o, "clocks", clocks);
	return resp_json(r, 200, o);
}

/* The case after an action, as the acting user sees it (null if it
 * cannot be read), and its definition in *def. */
static json_t *case_now(struct req *r, int64_t id, const struct proc_def **def)
{
	struct fz_error e = { 0 };
	struct enf_case c;
	*def = NULL;
	if (app_case_get(&r->ctx, id, &c, &e) != FZ_OK)
		return json_null();
	*def = case_api_def(r, c.procedure);
	return json_case(&c, *def, true);
}

int api_case_step(struct req *r)
{
	struct jsonin in;
	struct fz_error e = { 0 };
	struct case_step_input si;
	struct case_check check = { 0 };
	struct case_event ev;
	struct enf_case kase;
	enum fz_err rc;

	jsonin_begin(&in, r);
	case_step_read(&in, true, &si);
	if (!jsonin_ok(&in))
		return jsonin_fail(&in);
	if ((rc = case_step_finish(&in, &si, &e)))
		return resp_fail(r, rc, &e);
	int64_t id = req_param(r, "id");
	if ((rc = app_case_act_case(&r->ctx, id, &si, &ev, &kase, &check, &e)))
		return case_refused(r, rc, &e, &check);
	/* The event as recorded, the gates it passed, and where the case
	 * stands now: as the step wrote it, not read again (the same bytes
	 * as GET .../cases/{id}; a role that may not read cases gets null,
	 * its denial audited, as app_case_get would). Written straight into
	 * the answer, in the bytes jansson's tree gave (tests/http/
	 * jsonw_test.c): the tree and its dump were a sixth of a step's
	 * instructions (docs/PERFORMANCE.md). */
	const struct proc_def *def = NULL;
	bool shown = app_require(&r->ctx, PERM_CASE_READ, "case.read", NULL) == FZ_OK;
	if (shown)
		def = case_api_def(r, kase.procedure);
	struct buf b = BUF_INIT;
	struct jw w, now;
	jw_object(&w, &b);
	json_case_event_members(&w, &ev, 1, 0, def, case_api_late_days(r));
	json_gate_results_member(&w, "gates", check.results, check.n);
	if (shown) {
		jw_object_in(&w, "case", &now);
		json_case_members(&now, &kase, def, true);
		jw_end(&now);
	} else {
		jw_null(&w, "case");
	}
	jw_end(&w);
	return resp_json_buf(r, 201, &b);
}

static json_t *json_draw(const struct draw_result *d)
{
	json_t *rows = json_array();
	for (size_t i = 0; rows && i < d->nrows; i++) {
		json_t *who = json_array();
		for (size_t k = 0; who && k < d->per_target; k++)
			who = json_array_push(who, json_text(d->rows[i].inspectors[k]));
		json_t *row = json_object();
		row = json_put(row, "target", json_text(d->rows[i].target));
		row = json_put(row, "inspectors", who);
		rows = json_array_push(rows, row);
	}
	json_t *o = json_object();
	o = json_put(o, "seed", json_string(d->seed));
	o = json_put(o, "version", json_integer(d->version));
	o = json_put(o, "lists_digest", json_string(d->lists_digest));
	o = json_put(o, "targets_total", json_integer((json_int_t)d->ntargets));
	o = json_put(o, "inspectors_total", json_integer((json_int_t)d->ninspectors));
	o = json_put(o, "per_target", json_integer((json_int_t)d->per_target));
	return json_put(o, "rows", rows);
}

int api_case_draw(struct req *r)
{
	struct jsonin in;
	struct fz_error e = { 0 };
	struct case_check check = { 0 };
	struct draw_result d;
	enum fz_err rc;

	jsonin_begin(&in, r);
	struct case_draw_input di = {
		.count = (size_t)jsonin_int(&in, "count", 1, CASE_API_DRAW_LIST_MAX),
		.per_target = (size_t)jsonin_int(&in, "per_target", DRAW_PER_TARGET_MIN,
						 DRAW_PER_TARGET_MAX),
	};
	di.publish_at = jsonin_str_opt(&in, "publish_at", 16);
	(void)jsonin_has(&in, "targets");
	(void)jsonin_has(&in, "inspectors");
	if (!jsonin_ok(&in))
		return jsonin_fail(&in);
	if ((rc = case_draw_read(&in, &di, &e)))
		return resp_fail(r, rc, &e);
	int64_t id = req_param(r, "id");
	if ((rc = app_case_draw(&r->ctx, id, &di, &d, &check, &e)))
		return case_refused(r, rc, &e, &check);
	const struct proc_def *def;
	json_t *o = json_draw(&d);
	o = json_put(o, "gates", json_gate_results(check.results, check.n));
	o = json_put(o, "case", case_now(r, id, &def));
	return resp_json(r, 201, o);
}
