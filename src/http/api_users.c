/* api_users.c - accounts: sysadmin lists, creates and updates them
 * (display name, agency, person, disabled, password reset); secadmin
 * assigns roles with PUT /api/v1/users/{id}/roles (三员分立 is checked by
 * the app layer). Password hashes never leave through json_user. */
#include <string.h>

#include "app/people.h"
#include "domain/roles.h"
#include "http/api_query.h"
#include "http/handlers.h"
#include "http/jsonin.h"
#include "http/jsonout.h"
#include "http/jsonout_org.h"
#include "http/paging.h"
#include "http/resp.h"

static const char *const role_names[] = { "officer",  "reviewer", "head",    "supervisor",
					  "sysadmin", "secadmin", "auditor", NULL };

int api_user_list(struct req *r)
{
	struct fz_error e = { 0 };
	struct page pg;
	struct user_list l;
	struct user_filter f = { 0 };
	int role;
	enum fz_err rc;

	if ((rc = paging_from_query(r, &pg, &e)) ||
	    (rc = query_int(r, "agency_id", 1, INT64_MAX, 0, &f.agency_id, &e)) ||
	    (rc = query_choice(r, "role", role_names, &role, &e)) ||
	    (rc = query_text(r, "q", 32, &f.q, &e)))
		return resp_fail(r, rc, &e);
	f.role = role >= 0 ? roles_from_name(role_names[role]) : 0;
	if ((rc = app_user_list(&r->ctx, &f, pg, &l, &e)))
		return resp_fail(r, rc, &e);
	json_t *items = json_array();
	for (size_t i = 0; i < l.n; i++)
		items = json_array_push(items, json_user(&l.items[i]));
	return resp_list(r, items, l.total, pg);
}

int api_user_create(struct req *r)
{
	struct jsonin in;
	struct fz_error e = { 0 };
	struct user u;

	jsonin_begin(&in, r);
	struct user_input ui = {
		.username = jsonin_str(&in, "username", 64),
		.display_name = jsonin_str(&in, "display_name", 30),
		.password = jsonin_str(&in, "password", 256),
		.agency_id = jsonin_int_opt(&in, "agency_id", 1, INT64_MAX, 0),
		.person_id = jsonin_int_opt(&in, "person_id", 1, INT64_MAX, 0),
		.disabled = 0,
		.must_change_password = -1,
	};
	if (!jsonin_ok(&in))
		return jsonin_fail(&in);
	enum fz_err rc = app_user_create(&r->ctx, &ui, &u, &e);
	if (rc)
		return resp_fail(r, rc, &e);
	return resp_json(r, 201, json_user(&u));
}

int api_user_get(struct req *r)
{
	struct fz_error e = { 0 };
	struct user u;
	enum fz_err rc = app_user_get(&r->ctx, req_param(r, "id"), &u, &e);
	if (rc)
		return resp_fail(r, rc, &e);
	return resp_json(r, 200, json_user(&u));
}

/* 0 in the body clears a link; absent leaves it; see user_input. */
static int64_t link_read(struct jsonin *in, const char *name)
{
	int64_t v = jsonin_int_opt(in, name, 0, INT64_MAX, -1);
	return v > 0 ? v : v == 0 ? -1 : 0;
}

int api_user_update(struct req *r)
{
	struct jsonin in;
	struct fz_error e = { 0 };
	struct user u;

	jsonin_begin(&in, r);
	struct user_input ui = {
		.display_name = jsonin_str_opt(&in, "display_name", 30),
		.password = jsonin_str_opt(&in, "password", 256),
		.agency_id = link_read(&in, "agency_id"),
		.person_id = link_read(&in, "person_id"),
		.disabled = jsonin_bool_tri(&in, "disabled"),
	};
	if (!jsonin_ok(&in))
		return jsonin_fail(&in);
	enum fz_err rc = app_user_update(&r->ctx, req_param(r, "id"), &ui, &u, &e);
	if (rc)
		return resp_fail(r, rc, &e);
	return resp_json(r, 200, json_user(&u));
}

/* {"roles": ["officer", "reviewer"]}: an array of role names, [] for
 * none. jsonin has no array getter, so the array is read here, with the
 * same error style. */
static unsigned roles_read(struct jsonin *in)
{
	unsigned bits = 0;
	if (!jsonin_has(in, "roles")) {
		if (in->err.code == FZ_OK)
			fz_fail(&in->err, FZ_INVALID, "roles", "缺少字段 roles");
		return 0;
	}
	json_t *arr = json_object_get(in->root, "roles");
	if (!json_is_array(arr)) {
		fz_fail(&in->err, FZ_INVALID, "roles", "字段 roles 应为角色名称的数组");
		return 0;
	}
	size_t i;
	json_t *v;
	json_array_foreach(arr, i, v) {
		unsigned bit = json_is_string(v) ? roles_from_name(json_string_value(v)) : 0;
		if (!bit) {
			fz_fail(&in->err, FZ_INVALID, "roles",
				"未知角色（可用：officer、reviewer、head、supervisor、sysadmin、"
				"secadmin、auditor）");
			return 0;
		}
		bits |= bit;
	}
	return bits;
}

int api_user_roles(struct req *r)
{
	struct jsonin in;
	struct fz_error e = { 0 };
	struct user u;

	jsonin_begin(&in, r);
	unsigned roles = roles_read(&in);
	if (!jsonin_ok(&in))
		return jsonin_fail(&in);
	enum fz_err rc = app_user_set_roles(&r->ctx, req_param(r, "id"), roles, &u, &e);
	if (rc)
		return resp_fail(r, rc, &e);
	return resp_json(r, 200, json_user(&u));
}

/* The temporary password is in this answer only: shown once to the
 * sysadmin, who hands it over; it opens nothing but the password change. */
int api_user_reset(struct req *r)
{
	struct fz_error e = { 0 };
	char pw[USER_TEMP_PASSWORD_LEN + 1];
	enum fz_err rc = app_user_reset_password(&r->ctx, req_param(r, "id"), pw, &e);
	if (rc)
		return resp_fail(r, rc, &e);
	json_t *o = json_object();
	json_object_set_new(o, "temporary_password", json_string(pw));
	json_object_set_new(o, "must_change_password", json_true());
	return resp_json(r, 200, o);
}
