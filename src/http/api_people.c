/* api_people.c - officers and assistants (/api/v1/officers: list,
 * create, get, update) and the 5% reviewer check per agency. ID numbers
 * and phones are shown in full only to roles that manage people (head,
 * supervisor, sysadmin: PERM_PERSON_WRITE); other readers get them masked. */
#include <string.h>

#include "app/authz.h"
#include "app/people.h"
#include "http/api_query.h"
#include "http/handlers.h"
#include "http/jsonin.h"
#include "http/jsonout_org.h"
#include "http/paging.h"
#include "http/resp.h"

static const char *const kind_names[] = { "officer", "assistant", NULL };

static bool sees_personal_data(const struct req *r)
{
	return r->ctx.user && authz_allows(r->ctx.user->roles, PERM_PERSON_WRITE);
}

static int person_answer(struct req *r, int status, const struct person *p)
{
	return resp_json(r, status, json_person(p, sees_personal_data(r)));
}

int api_officer_list(struct req *r)
{
	struct fz_error e = { 0 };
	struct page pg;
	struct person_list l;
	struct person_filter f = { 0 };
	int kind, reviewer;
	enum fz_err rc;

	if ((rc = paging_from_query(r, &pg, &e)) ||
	    (rc = query_choice(r, "kind", kind_names, &kind, &e)) ||
	    (rc = query_int(r, "agency_id", 1, INT64_MAX, 0, &f.agency_id, &e)) ||
	    (rc = query_int(r, "unit_id", 1, INT64_MAX, 0, &f.unit_id, &e)) ||
	    (rc = query_bool(r, "reviewer", &reviewer, &e)) ||
	    (rc = query_text(r, "q", 30, &f.q, &e)))
		return resp_fail(r, rc, &e);
	f.kind = kind < 0 ? 0 : kind == 0 ? PERSON_OFFICER : PERSON_ASSISTANT;
	f.is_reviewer = reviewer < 0 ? 0 : reviewer ? 1 : 2;
	if ((rc = app_person_list(&r->ctx, &f, pg, &l, &e)))
		return resp_fail(r, rc, &e);
	bool personal = sees_personal_data(r);
	json_t *items = json_array();
	for (size_t i = 0; i < l.n; i++)
		items = json_array_push(items, json_person(&l.items[i], personal));
	return resp_list(r, items, l.total, pg);
}

/* The body of POST (agency_id, name, resident_id required) and PATCH
 * (all optional; "unit_id": 0 and "phone": "" clear those fields). */
static void person_read(struct jsonin *in, bool create, struct person_input *pi)
{
	memset(pi, 0, sizeof *pi);
	if (create)
		pi->agency_id = jsonin_int(in, "agency_id", 1, INT64_MAX);
	else
		pi->agency_id = jsonin_int_opt(in, "agency_id", 1, INT64_MAX, 0);
	int64_t unit = jsonin_int_opt(in, "unit_id", 0, INT64_MAX, -1);
	pi->unit_id = unit > 0 ? unit : unit == 0 ? (create ? 0 : -1) : 0;
	const char *(*text)(struct jsonin *, const char *, size_t) =
		create ? jsonin_str : jsonin_str_opt;
	pi->name = text(in, "name", 30);
	pi->resident_id = text(in, "resident_id", 32);
	pi->phone = jsonin_str_opt(in, "phone", 20);
	const char *kind = jsonin_str_opt(in, "kind", 16);
	if (kind && strcmp(kind, "officer") == 0)
		pi->kind = PERSON_OFFICER;
	else if (kind && strcmp(kind, "assistant") == 0)
		pi->kind = PERSON_ASSISTANT;
	else if (kind && in->err.code == FZ_OK)
		fz_fail(&in->err, FZ_INVALID, "kind",
			"字段 kind 应为 officer（执法人员）或 assistant（执法辅助人员）");
	pi->is_reviewer = jsonin_bool_tri(in, "is_reviewer");
	pi->active = jsonin_bool_tri(in, "active");
	if (create) {
		if (pi->is_reviewer < 0)
			pi->is_reviewer = 0;
		if (pi->active < 0)
			pi->active = 1;
	}
}

int api_officer_create(struct req *r)
{
	struct jsonin in;
	struct fz_error e = { 0 };
	struct person_input pi;
	struct person p;

	jsonin_begin(&in, r);
	person_read(&in, true, &pi);
	if (!jsonin_ok(&in))
		return jsonin_fail(&in);
	enum fz_err rc = app_person_create(&r->ctx, &pi, &p, &e);
	if (rc)
		return resp_fail(r, rc, &e);
	return person_answer(r, 201, &p);
}

int api_officer_get(struct req *r)
{
	struct fz_error e = { 0 };
	struct person p;
	enum fz_err rc = app_person_get(&r->ctx, req_param(r, "id"), &p, &e);
	if (rc)
		return resp_fail(r, rc, &e);
	return person_answer(r, 200, &p);
}

int api_officer_update(struct req *r)
{
	struct jsonin in;
	struct fz_error e = { 0 };
	struct person_input pi;
	struct person p;

	jsonin_begin(&in, r);
	person_read(&in, false, &pi);
	if (!jsonin_ok(&in))
		return jsonin_fail(&in);
	enum fz_err rc = app_person_update(&r->ctx, req_param(r, "id"), &pi, &p, &e);
	if (rc)
		return resp_fail(r, rc, &e);
	return person_answer(r, 200, &p);
}

int api_reviewer_ratios(struct req *r)
{
	struct fz_error e = { 0 };
	struct page pg;
	struct reviewer_ratio_list l;
	enum fz_err rc;

	if ((rc = paging_from_query(r, &pg, &e)) ||
	    (rc = app_reviewer_ratios(&r->ctx, pg, &l, &e)))
		return resp_fail(r, rc, &e);
	json_t *items = json_array();
	for (size_t i = 0; i < l.n; i++)
		items = json_array_push(items, json_reviewer_ratio(&l.items[i]));
	return resp_list(r, items, l.total, pg);
}
