/* api_consultation.c - public comment on drafts (公开征求意见) over JSON:
 * the portal's consultations, their shown comments and the public's
 * comment (/api/v1/public/consultations...), and the drafting unit's
 * list of a matter's comments with their senders and its handling
 * actions (/api/v1/cases/{id}/comments...). Every page of
 * page_consultation.c has its route here. */
#include <string.h>

#include "app/consultation.h"
#include "http/handlers.h"
#include "http/jsonin.h"
#include "http/jsonout.h"
#include "http/jsonout_case.h"
#include "http/jsonout_org.h"
#include "http/paging.h"
#include "http/resp.h"

static json_t *json_counts(const struct comment_counts *n)
{
	json_t *o = json_object();
	o = json_put(o, "received", json_integer(n->received));
	o = json_put(o, "adopted", json_integer(n->adopted));
	o = json_put(o, "partly_adopted", json_integer(n->partly));
	o = json_put(o, "not_adopted", json_integer(n->not_adopted));
	o = json_put(o, "hidden", json_integer(n->hidden));
	o = json_put(o, "undecided", json_integer(n->undecided));
	return o;
}

static json_t *json_consultation(const struct consultation *c, bool whole)
{
	json_t *o = json_object();
	o = json_put(o, "id", json_integer(c->case_id));
	o = json_put(o, "title", json_text(c->title));
	o = json_put(o, "agency", json_text(c->agency));
	o = json_put(o, "state", json_text(c->open ? "open" : "closed"));
	o = json_put(o, "opened_on", json_text(c->opened_on));
	o = json_put(o, "ends_on", json_str_or_null(c->ends_on[0] ? c->ends_on : NULL));
	o = json_put(o, "closed_on", json_str_or_null(c->closed_on[0] ? c->closed_on : NULL));
	o = json_put(o, "channel", json_str_or_null(c->channel[0] ? c->channel : NULL));
	o = json_put(o, "counts", json_counts(&c->counts));
	o = json_put(o, "adoption_account",
		     json_str_or_null(!c->open && c->summary[0] ? c->summary : NULL));
	if (whole) {
		o = json_put(o, "version", json_integer(c->version));
		o = json_put(o, "draft", json_text(c->draft));
		o = json_put(o, "explanation", json_str_or_null(c->explanation[0] ? c->explanation
										   : NULL));
	}
	return o;
}

static json_t *json_comment(const struct public_comment *pc, bool staff)
{
	json_t *o = json_object();
	if (staff)
		o = json_put(o, "id", json_integer(pc->id));
	o = json_put(o, "receipt", json_text(pc->receipt));
	o = json_put(o, "received_on", json_text(pc->received_on));
	o = json_put(o, "body", json_text(pc->body));
	const char *adoption = pc->adoption ? comment_action_name((enum comment_action)pc->adoption)
					    : NULL;
	o = json_put(o, "adoption", json_str_or_null(adoption));
	o = json_put(o, "adoption_note",
		     json_str_or_null(pc->adoption && pc->adoption_note[0] ? pc->adoption_note : NULL));
	if (staff) {
		o = json_put(o, "name", json_str_or_null(pc->name[0] ? pc->name : NULL));
		o = json_put(o, "contact", json_str_or_null(pc->contact[0] ? pc->contact : NULL));
		o = json_put(o, "hidden", json_boolean(pc->hidden));
		o = json_put(o, "hidden_reason", json_str_or_null(pc->hidden ? pc->hidden_reason : NULL));
		o = json_put(o, "hidden_by", json_str_or_null(pc->hidden ? pc->hidden_by : NULL));
		o = json_put(o, "hidden_on", json_str_or_null(pc->hidden ? pc->hidden_on : NULL));
	}
	return o;
}

int api_public_consultation_list(struct req *r)
{
	struct fz_error e = { 0 };
	struct consultation_list l;
	struct page pg;
	enum fz_err rc;
	const char *state = req_query(r, "state");
	if (state && strcmp(state, "open") != 0 && strcmp(state, "closed") != 0)
		return resp_error(r, FZ_INVALID, "state", "state 只能是 open（正在征求意见）或 closed（已结束）");
	if ((rc = paging_from_query(r, &pg, &e)) ||
	    (rc = app_consultation_list(&r->ctx, !(state && strcmp(state, "closed") == 0), pg, &l,
					&e)))
		return resp_fail(r, rc, &e);
	json_t *items = json_array();
	for (size_t i = 0; i < l.n; i++)
		items = json_array_push(items, json_consultation(&l.items[i], false));
	return resp_list(r, items, l.total, pg);
}

int api_public_consultation_get(struct req *r)
{
	struct fz_error e = { 0 };
	struct consultation c;
	enum fz_err rc = app_consultation_get(&r->ctx, req_param(r, "id"), &c, &e);
	if (rc)
		return resp_fail(r, rc, &e);
	return resp_json(r, 200, json_consultation(&c, true));
}

static int comments_answer(struct req *r, bool staff)
{
	struct fz_error e = { 0 };
	struct public_comment_list l;
	struct page pg;
	enum fz_err rc;
	if ((rc = paging_from_query(r, &pg, &e)) ||
	    (rc = app_comment_list(&r->ctx, req_param(r, "id"), staff, pg, &l, NULL, &e)))
		return resp_fail(r, rc, &e);
	json_t *items = json_array();
	for (size_t i = 0; i < l.n; i++)
		items = json_array_push(items, json_comment(&l.items[i], staff));
	return resp_list(r, items, l.total, pg);
}

int api_public_consultation_comments(struct req *r) { return comments_answer(r, false); }
int api_case_comments(struct req *r) { return comments_answer(r, true); }

int api_public_comment_submit(struct req *r)
{
	struct jsonin in;
	struct fz_error e = { 0 };
	struct public_comment pc;
	jsonin_begin(&in, r);
	/* generous bounds here: the domain's checks give the messages */
	struct comment_input ci = {
		.body = jsonin_str_opt(&in, "body", 100000),
		.name = jsonin_str_opt(&in, "name", 10000),
		.contact = jsonin_str_opt(&in, "contact", 10000),
	};
	if (!jsonin_ok(&in))
		return jsonin_fail(&in);
	enum fz_err rc = app_comment_submit(&r->ctx, req_param(r, "id"), &ci, &pc, &e);
	if (rc)
		return resp_fail(r, rc, &e);
	json_t *o = json_object();
	o = json_put(o, "receipt", json_text(pc.receipt));
	o = json_put(o, "received_on", json_text(pc.received_on));
	return resp_json(r, 201, o);
}

int api_case_comment_act(struct req *r)
{
	struct jsonin in;
	struct fz_error e = { 0 };
	struct public_comment pc;
	jsonin_begin(&in, r);
	const char *action = jsonin_str(&in, "action", 20);
	const char *reason = jsonin_str_opt(&in, "reason", 10000);
	if (!jsonin_ok(&in))
		return jsonin_fail(&in);
	enum fz_err rc = app_comment_act(&r->ctx, req_param(r, "id"), req_param(r, "comment_id"),
					 (enum comment_action)comment_action_parse(action), reason,
					 &pc, &e);
	if (rc)
		return resp_fail(r, rc, &e);
	return resp_json(r, 200, json_comment(&pc, true));
}
