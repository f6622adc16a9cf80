/* api_powerlist.c - the power-and-responsibility list (权责清单) over
 * JSON: drafting and publishing a version (the agency's reviewer or head;
 * the head publishes), and the portal's public API: the version in force
 * on a day, the history, one version, the comparison of two, and the
 * agencies with their officers (事前公开). */
#include <string.h>

#include <jansson.h>

#include "app/powerlist.h"
#include "domain/certificate.h"
#include "http/api_query.h"
#include "http/handlers.h"
#include "http/jsonin.h"
#include "http/jsonout.h"
#include "http/jsonout_case.h"
#include "http/jsonout_org.h"
#include "http/paging.h"
#include "http/resp.h"

static json_t *json_power_item(const struct power_item *it)
{
	json_t *o = json_object();
	o = json_put(o, "code", json_text(it->code));
	o = json_put(o, "name", json_text(it->name));
	o = json_put(o, "kind", json_text(it->kind));
	o = json_put(o, "kind_label", json_text(power_kind_label(it->kind)));
	o = json_put(o, "basis", json_text(it->basis));
	o = json_put(o, "unit_id", it->unit_id ? json_integer(it->unit_id) : json_null());
	o = json_put(o, "unit", json_text(it->unit));
	o = json_put(o, "duty", json_text(it->duty));
	o = json_put(o, "accountability", json_text(it->accountability));
	o = json_put(o, "guide", json_str_or_null(it->guide && *it->guide ? it->guide : NULL));
	return o;
}

static json_t *json_power_list(const struct power_list *l, bool items)
{
	json_t *o = json_object();
	o = json_put(o, "id", json_integer(l->id));
	o = json_put(o, "agency_id", json_integer(l->agency_id));
	o = json_put(o, "agency", json_text(l->agency));
	o = json_put(o, "version", json_integer(l->version));
	o = json_put(o, "status", json_text(l->published ? "published" : "draft"));
	o = json_put(o, "note", json_text(l->note));
	o = json_put(o, "effective_on", json_str_or_null(l->published ? l->effective_on : NULL));
	o = json_put(o, "published_on", json_str_or_null(l->published ? l->published_on : NULL));
	o = json_put(o, "backdate_reason",
		     json_str_or_null(l->backdate_reason && *l->backdate_reason ? l->backdate_reason
										: NULL));
	if (items) {
		json_t *a = json_array();
		for (size_t i = 0; i < l->n_items; i++)
			a = json_array_push(a, json_power_item(&l->items[i]));
		o = json_put(o, "items", a);
	}
	return o;
}

/* --- reading the powers of a request body --- */

static const char *item_keys[] = { "code", "name", "kind", "basis", "unit_id",
				   "duty", "accountability", "guide", NULL };

static enum fz_err item_str(json_t *o, size_t i, const char *key, const char *label,
			    struct arena *a, const char **out, struct fz_error *e)
{
	json_t *v = json_object_get(o, key);
	*out = NULL;
	if (!v || json_is_null(v))
		return FZ_OK;
	if (!json_is_string(v))
		return fz_fail(e, FZ_INVALID, "items", "第 %zu 项的%s应为文字", i + 1, label);
	*out = arena_strdup(a, json_string_value(v));
	return *out ? FZ_OK : fz_fail(e, FZ_NOMEM, NULL, NULL);
}

/* The powers of the body's "items" array, each checked for type and unknown keys. */
static enum fz_err items_read(struct req *r, json_t *arr, struct power_item **out, size_t *n,
			      struct fz_error *e)
{
	*out = NULL;
	*n = 0;
	if (!json_is_array(arr))
		return fz_fail(e, FZ_INVALID, "items", "职权事项（items）应为列表");
	size_t len = json_array_size(arr);
	if (len > POWER_ITEMS_MAX)
		return fz_fail(e, FZ_INVALID, "items", "一个版本最多 %d 项职权", POWER_ITEMS_MAX);
	struct power_item *v = arena_calloc(r->ctx.a, len + 1, sizeof *v);
	if (!v)
		return fz_fail(e, FZ_NOMEM, NULL, NULL);
	for (size_t i = 0; i < len; i++) {
		json_t *o = json_array_get(arr, i);
		const char *k;
		json_t *val;
		enum fz_err rc;
		if (!json_is_object(o))
			return fz_fail(e, FZ_INVALID, "items", "第 %zu 项应为对象", i + 1);
		json_object_foreach(o, k, val)
		{
			bool known = false;
			for (size_t j = 0; item_keys[j]; j++)
				known = known || strcmp(k, item_keys[j]) == 0;
			if (!known)
				return fz_fail(e, FZ_INVALID, "items", "第 %zu 项有未知字段 %s", i + 1,
					       k);
		}
		if ((rc = item_str(o, i, "code", "事项编码", r->ctx.a, &v[i].code, e)) ||
		    (rc = item_str(o, i, "name", "事项名称", r->ctx.a, &v[i].name, e)) ||
		    (rc = item_str(o, i, "kind", "职权类别", r->ctx.a, &v[i].kind, e)) ||
		    (rc = item_str(o, i, "basis", "设定依据", r->ctx.a, &v[i].basis, e)) ||
		    (rc = item_str(o, i, "duty", "责任事项", r->ctx.a, &v[i].duty, e)) ||
		    (rc = item_str(o, i, "accountability", "追责情形及依据", r->ctx.a,
				   &v[i].accountability, e)) ||
		    (rc = item_str(o, i, "guide", "办事指南", r->ctx.a, &v[i].guide, e)))
			return rc;
		json_t *u = json_object_get(o, "unit_id");
		if (u && !json_is_null(u)) {
			if (!json_is_integer(u) || json_integer_value(u) < 1)
				return fz_fail(e, FZ_INVALID, "items",
					       "第 %zu 项的实施机构（unit_id）应为内设机构编号", i + 1);
			v[i].unit_id = json_integer_value(u);
		}
		if (!v[i].code)
			v[i].code = "";
	}
	*out = v;
	*n = len;
	return FZ_OK;
}

/* The body of a draft: note and items (each optional). */
static bool draft_body(struct req *r, struct jsonin *in, const char **note,
		       struct power_item **items, size_t *n, bool *has_items, int *status)
{
	struct fz_error e = { 0 };
	*note = jsonin_str_opt(in, "note", 2000);
	*has_items = jsonin_has(in, "items");
	if (!jsonin_ok(in)) {
		*status = jsonin_fail(in);
		return false;
	}
	if (*has_items) {
		enum fz_err rc = items_read(r, json_object_get(in->root, "items"), items, n, &e);
		if (rc) {
			*status = resp_fail(r, rc, &e);
			return false;
		}
	}
	return true;
}

int api_power_list_create(struct req *r)
{
	struct jsonin in;
	struct fz_error e = { 0 };
	struct power_list out;
	struct power_item *items = NULL;
	size_t n = 0;
	bool has;
	const char *note;
	int status;
	jsonin_begin(&in, r);
	int64_t agency = jsonin_int(&in, "agency_id", 1, INT64_MAX);
	if (!draft_body(r, &in, &note, &items, &n, &has, &status))
		return status;
	enum fz_err rc = app_power_draft_create(&r->ctx, agency, note, has ? items : NULL, n,
						&out, &e);
	if (rc)
		return resp_fail(r, rc, &e);
	return resp_json(r, 201, json_power_list(&out, true));
}

int api_power_list_update(struct req *r)
{
	struct jsonin in;
	struct fz_error e = { 0 };
	struct power_list out;
	struct power_item *items = NULL;
	size_t n = 0;
	bool has;
	const char *note;
	int status;
	jsonin_begin(&in, r);
	if (!draft_body(r, &in, &note, &items, &n, &has, &status))
		return status;
	enum fz_err rc = app_power_draft_update(&r->ctx, req_param(r, "id"), note,
						has ? items : NULL, n, &out, &e);
	if (rc)
		return resp_fail(r, rc, &e);
	return resp_json(r, 200, json_power_list(&out, true));
}

int api_power_list_publish(struct req *r)
{
	struct jsonin in;
	struct fz_error e = { 0 };
	struct power_list out;
	jsonin_begin(&in, r);
	const char *on = jsonin_str(&in, "effective_on", 10);
	const char *reason = jsonin_str_opt(&in, "reason", 2000);
	if (!jsonin_ok(&in))
		return jsonin_fail(&in);
	enum fz_err rc = app_power_publish(&r->ctx, req_param(r, "id"), on, reason, &out, &e);
	if (rc)
		return resp_fail(r, rc, &e);
	return resp_json(r, 200, json_power_list(&out, true));
}

static int get_answer(struct req *r, bool public)
{
	struct fz_error e = { 0 };
	struct power_list l;
	enum fz_err rc = app_power_list_get(&r->ctx, req_param(r, "id"), public, &l, &e);
	if (rc)
		return resp_fail(r, rc, &e);
	return resp_json(r, 200, json_power_list(&l, true));
}

int api_power_list_get(struct req *r) { return get_answer(r, false); }
int api_public_power_list_get(struct req *r) { return get_answer(r, true); }

static int versions_answer(struct req *r, int64_t agency, bool public)
{
	struct fz_error e = { 0 };
	struct page pg;
	struct power_list_list l;
	enum fz_err rc;
	if ((rc = paging_from_query(r, &pg, &e)) ||
	    (rc = app_power_list_versions(&r->ctx, agency, public, pg, &l, &e)))
		return resp_fail(r, rc, &e);
	json_t *items = json_array();
	for (size_t i = 0; i < l.n; i++)
		items = json_array_push(items, json_power_list(&l.items[i], false));
	return resp_list(r, items, l.total, pg);
}

int api_power_list_list(struct req *r)
{
	struct fz_error e = { 0 };
	int64_t agency;
	enum fz_err rc = query_int(r, "agency_id", 1, INT64_MAX, 0, &agency, &e);
	if (!rc && !agency)
		rc = fz_fail(&e, FZ_INVALID, "agency_id", "请指定执法主体（agency_id）");
	if (rc)
		return resp_fail(r, rc, &e);
	return versions_answer(r, agency, false);
}

int api_public_power_history(struct req *r) { return versions_answer(r, req_param(r, "id"), true); }

int api_public_powers_in_force(struct req *r)
{
	struct fz_error e = { 0 };
	struct power_list l;
	struct public_agency ag;
	const char *on = NULL;
	enum fz_err rc;
	if ((rc = app_public_agency(&r->ctx, req_param(r, "id"), &ag, &e)) ||
	    (rc = query_text(r, "on", 10, &on, &e)) ||
	    (rc = app_power_in_force(&r->ctx, ag.agency.id, on, &l, &e)))
		return resp_fail(r, rc, &e);
	return resp_json(r, 200, json_power_list(&l, true));
}

static json_t *json_side(const struct power_item *it)
{
	return it ? json_power_item(it) : json_null();
}

int api_public_power_compare(struct req *r)
{
	struct fz_error e = { 0 };
	int64_t from, to;
	struct power_list a, b;
	struct power_diff d;
	enum fz_err rc;
	if ((rc = query_int(r, "from", 1, INT64_MAX, 0, &from, &e)) ||
	    (rc = query_int(r, "to", 1, INT64_MAX, 0, &to, &e)))
		return resp_fail(r, rc, &e);
	if (!from || !to) {
		rc = fz_fail(&e, FZ_INVALID, from ? "to" : "from", "请指定要比较的两个版本（from、to）");
		return resp_fail(r, rc, &e);
	}
	if ((rc = app_power_compare(&r->ctx, from, to, &a, &b, &d, &e)))
		return resp_fail(r, rc, &e);
	static const char *const change[] = { "", "added", "removed", "changed" };
	json_t *entries = json_array();
	for (size_t i = 0; i < d.n; i++) {
		const struct power_diff_entry *x = &d.entries[i];
		json_t *o = json_object();
		o = json_put(o, "change", json_text(change[x->change]));
		o = json_put(o, "code", json_text(x->code));
		o = json_put(o, "name", json_text(x->name));
		json_t *fields = json_array();
		for (size_t j = 0; j < x->n_fields; j++) {
			json_t *f = json_object();
			f = json_put(f, "field", json_text(x->fields[j].field));
			f = json_put(f, "label", json_text(x->fields[j].label));
			f = json_put(f, "before", json_text(x->fields[j].before));
			f = json_put(f, "after", json_text(x->fields[j].after));
			fields = json_array_push(fields, f);
		}
		o = json_put(o, "fields", fields);
		o = json_put(o, "before", json_side(x->before));
		o = json_put(o, "after", json_side(x->after));
		entries = json_array_push(entries, o);
	}
	json_t *o = json_object();
	o = json_put(o, "from", json_power_list(&a, false));
	o = json_put(o, "to", json_power_list(&b, false));
	o = json_put(o, "added", json_integer((json_int_t)d.added));
	o = json_put(o, "removed", json_integer((json_int_t)d.removed));
	o = json_put(o, "changed", json_integer((json_int_t)d.changed));
	o = json_put(o, "changes", entries);
	return resp_json(r, 200, o);
}

/* --- agencies and officers --- */

static json_t *json_public_agency(const struct public_agency *p)
{
	json_t *o = json_object();
	o = json_put(o, "id", json_integer(p->agency.id));
	o = json_put(o, "name", json_text(p->agency.name));
	o = json_put(o, "uscc", json_text(p->agency.uscc));
	o = json_put(o, "division_code", json_text(p->agency.division_code));
	o = json_put(o, "kind", json_text(p->agency.kind));
	o = json_put(o, "domains", json_text(p->agency.domains));
	o = json_put(o, "officers", json_integer(p->counts.officers));
	o = json_put(o, "powers", json_integer(p->counts.powers));
	o = json_put(o, "power_list_version",
		     p->counts.power_version ? json_integer(p->counts.power_version) : json_null());
	o = json_put(o, "service_guides", json_integer(p->counts.guides));
	return o;
}

int api_public_agency_list(struct req *r)
{
	struct fz_error e = { 0 };
	struct page pg;
	struct public_agency_list l;
	enum fz_err rc;
	if ((rc = paging_from_query(r, &pg, &e)) || (rc = app_public_agencies(&r->ctx, pg, &l, &e)))
		return resp_fail(r, rc, &e);
	json_t *items = json_array();
	for (size_t i = 0; i < l.n; i++)
		items = json_array_push(items, json_public_agency(&l.items[i]));
	return resp_list(r, items, l.total, pg);
}

int api_public_agency_get(struct req *r)
{
	struct fz_error e = { 0 };
	struct public_agency p;
	enum fz_err rc = app_public_agency(&r->ctx, req_param(r, "id"), &p, &e);
	if (rc)
		return resp_fail(r, rc, &e);
	return resp_json(r, 200, json_public_agency(&p));
}

int api_public_agency_officers(struct req *r)
{
	struct fz_error e = { 0 };
	struct page pg;
	struct public_agency p;
	struct certificate_list l;
	enum fz_err rc;
	if ((rc = paging_from_query(r, &pg, &e)) ||
	    (rc = app_public_agency(&r->ctx, req_param(r, "id"), &p, &e)) ||
	    (rc = app_public_officers(&r->ctx, p.agency.id, pg, &l, &e)))
		return resp_fail(r, rc, &e);
	json_t *items = json_array();
	for (size_t i = 0; i < l.n; i++) {
		const struct certificate *c = &l.items[i];
		json_t *o = json_object();
		o = json_put(o, "name", json_text(c->holder_name));
		o = json_put(o, "certificate_number", json_text(c->number));
		o = json_put(o, "agency", json_text(c->agency_name));
		o = json_put(o, "domains", json_text(c->domains));
		o = json_put(o, "valid_until", json_text(c->valid_until));
		items = json_array_push(items, o);
	}
	return resp_list(r, items, l.total, pg);
}
