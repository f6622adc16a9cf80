/* api_org.c - the organisation API: divisions (GET list and one, PUT by
 * code), agencies and units (list, create, get, update). Each handler
 * parses its input once, calls one app_* function (which re-checks the
 * permission and applies the data scope) and shows the result. */
#include "app/org.h"
#include "base/ident.h"
#include "domain/org.h"
#include "http/api_query.h"
#include "http/handlers.h"
#include "http/jsonin.h"
#include "http/jsonout_org.h"
#include "http/paging.h"
#include "http/resp.h"

/* ---- divisions ---- */

int api_division_list(struct req *r)
{
	struct fz_error e = { 0 };
	struct page pg;
	struct division_list l;
	const char *parent = req_query(r, "parent");
	enum fz_err rc;

	if ((rc = paging_from_query(r, &pg, &e)))
		return resp_fail(r, rc, &e);
	/* ?parent= (empty) lists the provinces; no parent lists all. */
	if (parent && *parent && (rc = ident_division_code_check(parent, "parent", &e)))
		return resp_fail(r, rc, &e);
	if ((rc = app_division_list(&r->ctx, parent ? parent : NULL, pg, &l, &e)))
		return resp_fail(r, rc, &e);
	json_t *items = json_array();
	for (size_t i = 0; i < l.n; i++)
		items = json_array_push(items, json_division(&l.items[i]));
	return resp_list(r, items, l.total, pg);
}

int api_division_get(struct req *r)
{
	struct fz_error e = { 0 };
	struct division d;
	const char *code = req_param_str(r, "code");
	enum fz_err rc;

	if ((rc = ident_division_code_check(code, "code", &e)) ||
	    (rc = app_division_get(&r->ctx, code, &d, &e)))
		return resp_fail(r, rc, &e);
	return resp_json(r, 200, json_division(&d));
}

int api_division_put(struct req *r)
{
	struct jsonin in;
	struct fz_error e = { 0 };
	struct division d, old;

	jsonin_begin(&in, r);
	struct division_input di = {
		.code = jsonin_str(&in, "code", 12),
		.name = jsonin_str(&in, "name", 60),
	};
	if (!jsonin_ok(&in))
		return jsonin_fail(&in);
	/* 201 for a new code, 200 for a renamed one. */
	bool existed = app_division_get(&r->ctx, di.code, &old, NULL) == FZ_OK;
	enum fz_err rc = app_division_put(&r->ctx, &di, &d, &e);
	if (rc)
		return resp_fail(r, rc, &e);
	return resp_json(r, existed ? 200 : 201, json_division(&d));
}

/* ---- agencies ---- */

int api_agency_list(struct req *r)
{
	struct fz_error e = { 0 };
	struct page pg;
	struct agency_list l;
	struct agency_filter f = { 0 };
	int kind;
	enum fz_err rc;

	if ((rc = paging_from_query(r, &pg, &e)) ||
	    (rc = query_text(r, "division_code", 6, &f.division_code, &e)) ||
	    (rc = query_choice(r, "kind", agency_kinds, &kind, &e)) ||
	    (rc = query_text(r, "q", 60, &f.q, &e)))
		return resp_fail(r, rc, &e);
	f.kind = kind >= 0 ? agency_kinds[kind] : NULL;
	if ((rc = app_agency_list(&r->ctx, &f, pg, &l, &e)))
		return resp_fail(r, rc, &e);
	json_t *items = json_array();
	for (size_t i = 0; i < l.n; i++)
		items = json_array_push(items, json_agency(&l.items[i]));
	return resp_list(r, items, l.total, pg);
}

/* The body of POST (create: name, uscc, division_code, kind and domains
 * required) and PATCH (every field optional). The document settings are
 * optional in both; "" clears one. */
static void agency_read(struct jsonin *in, bool create, struct agency_input *ai)
{
	const char *(*text)(struct jsonin *, const char *, size_t) =
		create ? jsonin_str : jsonin_str_opt;
	ai->name = text(in, "name", 60);
	ai->uscc = text(in, "uscc", 32);
	ai->division_code = text(in, "division_code", 12);
	ai->kind = text(in, "kind", 32);
	ai->domains = text(in, "domains", 640);
	ai->active = jsonin_bool_tri(in, "active");
	ai->doc_code = jsonin_str_opt(in, "doc_code", 8);
	ai->court = jsonin_str_opt(in, "court", 40);
	ai->payment_bank = jsonin_str_opt(in, "payment_bank", 60);
	ai->payment_account = jsonin_str_opt(in, "payment_account", 40);
	ai->reconsideration = jsonin_str_opt(in, "reconsideration", 40);
	if (create && ai->active < 0)
		ai->active = 1;
}

int api_agency_create(struct req *r)
{
	struct jsonin in;
	struct fz_error e = { 0 };
	struct agency_input ai;
	struct agency ag;

	jsonin_begin(&in, r);
	agency_read(&in, true, &ai);
	if (!jsonin_ok(&in))
		return jsonin_fail(&in);
	enum fz_err rc = app_agency_create(&r->ctx, &ai, &ag, &e);
	if (rc)
		return resp_fail(r, rc, &e);
	return resp_json(r, 201, json_agency(&ag));
}

int api_agency_get(struct req *r)
{
	struct fz_error e = { 0 };
	struct agency ag;
	enum fz_err rc = app_agency_get(&r->ctx, req_param(r, "id"), &ag, &e);
	if (rc)
		return resp_fail(r, rc, &e);
	return resp_json(r, 200, json_agency(&ag));
}

int api_agency_update(struct req *r)
{
	struct jsonin in;
	struct fz_error e = { 0 };
	struct agency_input ai;
	struct agency ag;

	jsonin_begin(&in, r);
	agency_read(&in, false, &ai);
	if (!jsonin_ok(&in))
		return jsonin_fail(&in);
	enum fz_err rc = app_agency_update(&r->ctx, req_param(r, "id"), &ai, &ag, &e);
	if (rc)
		return resp_fail(r, rc, &e);
	return resp_json(r, 200, json_agency(&ag));
}

/* ---- units ---- */

int api_unit_list(struct req *r)
{
	struct fz_error e = { 0 };
	struct page pg;
	struct unit_list l;
	int64_t agency_id;
	enum fz_err rc;

	if ((rc = paging_from_query(r, &pg, &e)) ||
	    (rc = query_int(r, "agency_id", 1, INT64_MAX, 0, &agency_id, &e)) ||
	    (rc = app_unit_list(&r->ctx, agency_id, pg, &l, &e)))
		return resp_fail(r, rc, &e);
	json_t *items = json_array();
	for (size_t i = 0; i < l.n; i++)
		items = json_array_push(items, json_unit(&l.items[i]));
	return resp_list(r, items, l.total, pg);
}

int api_unit_create(struct req *r)
{
	struct jsonin in;
	struct fz_error e = { 0 };
	struct unit u;

	jsonin_begin(&in, r);
	struct unit_input ui = {
		.agency_id = jsonin_int(&in, "agency_id", 1, INT64_MAX),
		.name = jsonin_str(&in, "name", 40),
	};
	if (!jsonin_ok(&in))
		return jsonin_fail(&in);
	enum fz_err rc = app_unit_create(&r->ctx, &ui, &u, &e);
	if (rc)
		return resp_fail(r, rc, &e);
	return resp_json(r, 201, json_unit(&u));
}

int api_unit_get(struct req *r)
{
	struct fz_error e = { 0 };
	struct unit u;
	enum fz_err rc = app_unit_get(&r->ctx, req_param(r, "id"), &u, &e);
	if (rc)
		return resp_fail(r, rc, &e);
	return resp_json(r, 200, json_unit(&u));
}

int api_unit_update(struct req *r)
{
	struct jsonin in;
	struct fz_error e = { 0 };
	struct unit u;

	jsonin_begin(&in, r);
	struct unit_input ui = { .name = jsonin_str_opt(&in, "name", 40) };
	if (!jsonin_ok(&in))
		return jsonin_fail(&in);
	enum fz_err rc = app_unit_update(&r->ctx, req_param(r, "id"), &ui, &u, &e);
	if (rc)
		return resp_fail(r, rc, &e);
	return resp_json(r, 200, json_unit(&u));
}
