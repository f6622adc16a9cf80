/* api_complaint.c - complaints (投诉举报) over JSON: the public's filing
 * and tracking (/api/v1/public/complaints...), and the justice bureau's
 * and agencies' list, entry, detail and handling actions. Every page of
 * page_complaint*.c has its route here. */
#include <string.h>

#include "app/complaint.h"
#include "http/api_query.h"
#include "http/complaint_view.h"
#include "http/handlers.h"
#include "http/jsonin.h"
#include "http/jsonout.h"
#include "http/jsonout_case.h"
#include "http/paging.h"
#include "http/resp.h"

/* The public's view: what happens to the complaint, never who filed it. */
static json_t *json_complaint_public(const struct complaint *c)
{
	json_t *o = json_object();
	o = json_put(o, "receipt", json_text(c->receipt));
	o = json_put(o, "received_on", json_text(c->received_on));
	o = json_put(o, "agency", json_text(c->agency));
	o = json_put(o, "state", json_text(complaint_state_name(c->state)));
	o = json_put(o, "state_label", json_text(complaint_public_state(c)));
	o = json_put(o, "due_on", json_str_or_null(complaint_public_due(c)));
	o = json_put(o, "handler", json_str_or_null(c->handler_id ? c->handler : NULL));
	o = json_put(o, "reply", json_str_or_null(c->state == CMP_CLOSED ? c->reply : NULL));
	o = json_put(o, "replied_on", json_str_or_null(c->state == CMP_CLOSED ? c->replied_on
									      : NULL));
	o = json_put(o, "reason", json_str_or_null(c->state == CMP_NOT_ACCEPTED ? c->reason
										 : NULL));
	return o;
}

static json_t *json_complaint(struct req *r, const struct complaint *c)
{
	json_t *o = json_object();
	o = json_put(o, "id", json_integer(c->id));
	o = json_put(o, "receipt", json_text(c->receipt));
	o = json_put(o, "channel", json_text(complaint_channel_name(c->channel)));
	o = json_put(o, "received_on", json_text(c->received_on));
	o = json_put(o, "anonymous", json_boolean(c->anonymous));
	o = json_put(o, "name", json_text(c->name));
	o = json_put(o, "phone", json_text(c->phone));
	o = json_put(o, "agency_id", json_integer(c->agency_id));
	o = json_put(o, "agency", json_text(c->agency));
	o = json_put(o, "cert_number", json_text(c->cert_number));
	o = json_put(o, "officer_name", json_text(c->officer_name));
	o = json_put(o, "case_number", json_text(c->case_number));
	o = json_put(o, "facts", json_text(c->facts));
	o = json_put(o, "request", json_text(c->request));
	o = json_put(o, "state", json_text(complaint_state_name(c->state)));
	o = json_put(o, "handler_id", c->handler_id ? json_integer(c->handler_id) : json_null());
	o = json_put(o, "handler", json_str_or_null(c->handler_id ? c->handler : NULL));
	o = json_put(o, "accept_due", json_str_or_null(c->accept_due[0] ? c->accept_due : NULL));
	o = json_put(o, "accepted_on", json_str_or_null(c->accepted_on[0] ? c->accepted_on : NULL));
	o = json_put(o, "due_on", json_str_or_null(c->due_on[0] ? c->due_on : NULL));
	o = json_put(o, "provisional", json_boolean(c->provisional));
	o = json_put(o, "overdue", json_boolean(complaint_overdue(c, r->ctx.today)));
	o = json_put(o, "reply", json_str_or_null(c->reply[0] ? c->reply : NULL));
	o = json_put(o, "replied_on", json_str_or_null(c->replied_on[0] ? c->replied_on : NULL));
	o = json_put(o, "closed_on", json_str_or_null(c->closed_on[0] ? c->closed_on : NULL));
	o = json_put(o, "reason", json_str_or_null(c->reason[0] ? c->reason : NULL));
	json_t *acts = json_array();
	for (int a = CMP_ACT_ACCEPT; acts && a <= CMP_ACT_CLOSE; a++)
		if (app_complaint_may(&r->ctx, c, (enum complaint_action)a))
			json_array_append_new(acts, json_text(complaint_action_name(a)));
	o = json_put(o, "actions", acts);
	return o;
}

/* The filing's fields from a JSON body (staff: with channel and date). */
static bool read_input(struct jsonin *in, struct complaint_input *ci, bool staff)
{
	memset(ci, 0, sizeof *ci);
	/* generous bounds here: the domain's checks give the messages */
	ci->anonymous = jsonin_bool_opt(in, "anonymous", false);
	ci->name = jsonin_str_opt(in, "name", 1000);
	ci->phone = jsonin_str_opt(in, "phone", 1000);
	ci->agency_id = jsonin_int_opt(in, "agency_id", 1, INT64_MAX, 0);
	ci->cert_number = jsonin_str_opt(in, "cert_number", 1000);
	ci->officer_name = jsonin_str_opt(in, "officer_name", 1000);
	ci->case_number = jsonin_str_opt(in, "case_number", 1000);
	ci->facts = jsonin_str_opt(in, "facts", 20000);
	ci->request = jsonin_str_opt(in, "request", 20000);
	if (staff) {
		ci->channel = jsonin_str(in, "channel", 16);
		ci->received_on = jsonin_str_opt(in, "received_on", 10);
	}
	return jsonin_ok(in);
}

int api_public_complaint_file(struct req *r)
{
	struct jsonin in;
	struct fz_error e = { 0 };
	struct complaint_input ci;
	struct complaint c;
	jsonin_begin(&in, r);
	if (!read_input(&in, &ci, false))
		return jsonin_fail(&in);
	enum fz_err rc = app_complaint_file(&r->ctx, &ci, &c, &e);
	if (rc)
		return resp_fail(r, rc, &e);
	return resp_json(r, 201, json_complaint_public(&c));
}

int api_public_complaint_track(struct req *r)
{
	struct jsonin in;
	struct fz_error e = { 0 };
	struct complaint c;
	jsonin_begin(&in, r);
	const char *receipt = jsonin_str(&in, "receipt", 40);
	const char *phone4 = jsonin_str_opt(&in, "phone_last4", 4);
	if (!jsonin_ok(&in))
		return jsonin_fail(&in);
	enum fz_err rc = app_complaint_track(&r->ctx, receipt, phone4, &c, &e);
	if (rc == FZ_RATELIMIT)
		resp_header(r, "Retry-After", "3600");
	if (rc)
		return resp_fail(r, rc, &e);
	return resp_json(r, 200, json_complaint_public(&c));
}

enum fz_err complaint_filter_read(struct req *r, struct complaint_filter *f, struct fz_error *e)
{
	static const char *const states[] = { "received", "not_accepted", "assigned", "replied",
					      "closed", NULL };
	int state, overdue, mine;
	enum fz_err rc;
	memset(f, 0, sizeof *f);
	if ((rc = query_int(r, "agency_id", 1, INT64_MAX, 0, &f->agency_id, e)) ||
	    (rc = query_choice(r, "state", states, &state, e)) ||
	    (rc = query_bool(r, "overdue", &overdue, e)) ||
	    (rc = query_bool(r, "mine", &mine, e)))
		return rc;
	f->state = state >= 0 ? state + 1 : 0;
	f->overdue = overdue == 1;
	if (mine == 1)
		app_complaint_mine(&r->ctx, f);
	return FZ_OK;
}

int api_complaint_list(struct req *r)
{
	struct fz_error e = { 0 };
	struct complaint_filter f;
	struct complaint_list l;
	struct page pg;
	enum fz_err rc;
	if ((rc = paging_from_query(r, &pg, &e)) || (rc = complaint_filter_read(r, &f, &e)) ||
	    (rc = app_complaint_list(&r->ctx, &f, pg, &l, &e)))
		return resp_fail(r, rc, &e);
	json_t *items = json_array();
	for (size_t i = 0; items && i < l.n; i++)
		json_array_append_new(items, json_complaint(r, &l.items[i]));
	return resp_list(r, items, l.total, pg);
}

int api_complaint_create(struct req *r)
{
	struct jsonin in;
	struct fz_error e = { 0 };
	struct complaint_input ci;
	struct complaint c;
	jsonin_begin(&in, r);
	if (!read_input(&in, &ci, true))
		return jsonin_fail(&in);
	enum fz_err rc = app_complaint_enter(&r->ctx, &ci, &c, &e);
	if (rc)
		return resp_fail(r, rc, &e);
	return resp_json(r, 201, json_complaint(r, &c));
}

int api_complaint_get(struct req *r)
{
	struct fz_error e = { 0 };
	struct complaint c;
	struct complaint_event *evs;
	size_t n;
	enum fz_err rc = app_complaint_get(&r->ctx, req_param(r, "id"), &c, &evs, &n, &e);
	if (rc)
		return resp_fail(r, rc, &e);
	json_t *o = json_complaint(r, &c);
	json_t *a = json_array();
	for (size_t i = 0; a && i < n; i++) {
		json_t *x = json_object();
		x = json_put(x, "action", json_text(evs[i].action));
		x = json_put(x, "on", json_text(evs[i].on));
		x = json_put(x, "actor", json_text(evs[i].actor));
		x = json_put(x, "actor_name",
			     json_text(evs[i].actor_name && *evs[i].actor_name ? evs[i].actor_name
										: evs[i].actor));
		x = json_put(x, "agency_id", evs[i].agency_id ? json_integer(evs[i].agency_id)
							      : json_null());
		x = json_put(x, "text", json_text(evs[i].text));
		x = json_put(x, "state", json_text(evs[i].state));
		json_array_append_new(a, x);
	}
	o = json_put(o, "events", a);
	return resp_json(r, 200, o);
}

int api_complaint_act(struct req *r)
{
	struct jsonin in;
	struct fz_error e = { 0 };
	struct complaint c;
	jsonin_begin(&in, r);
	const char *action = jsonin_str(&in, "action", 16);
	struct complaint_act act = {
		.on = jsonin_str_opt(&in, "on", 10),
		.agency_id = jsonin_int_opt(&in, "agency_id", 1, INT64_MAX, 0),
		.text = jsonin_str_opt(&in, "text", 40000),
	};
	if (!jsonin_ok(&in))
		return jsonin_fail(&in);
	int a = complaint_action_parse(action);
	if (!a || a == CMP_ACT_FILE)
		return resp_error(r, FZ_INVALID, "action",
				  "action 应为 accept、reject、reply、return 或 close");
	act.action = (enum complaint_action)a;
	enum fz_err rc = app_complaint_act(&r->ctx, req_param(r, "id"), &act, &c, &e);
	if (rc)
		return resp_fail(r, rc, &e);
	return resp_json(r, 200, json_complaint(r, &c));
}
