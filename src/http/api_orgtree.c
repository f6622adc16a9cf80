/* api_orgtree.c - GET /api/v1/org/tree: the organisation tree in the
 * caller's scope (app/orgtree.h), a page of agencies at a time, grouped
 * under their divisions, each with its units and active people. A count
 * the caller's roles may not read is absent, not 0; people carry no ID
 * number or phone. */
#include "app/orgtree.h"
#include "domain/org.h"
#include "http/handlers.h"
#include "http/jsonout_org.h"
#include "http/paging.h"
#include "http/resp.h"

static json_t *counts_json(const struct org_tree *t, const struct org_tree_counts *n,
			   bool agency_level)
{
	json_t *o = json_object();
	if (!o)
		return NULL;
	if (agency_level)
		json_object_set_new(o, "agencies", json_integer(n->agencies));
	if (t->show_units && agency_level)
		json_object_set_new(o, "units", json_integer(n->units));
	if (t->show_people) {
		json_object_set_new(o, "officers", json_integer(n->officers));
		json_object_set_new(o, "assistants", json_integer(n->assistants));
	}
	if (t->show_certs)
		json_object_set_new(o, "valid_certificates", json_integer(n->valid_certs));
	if (t->show_cases && agency_level)
		json_object_set_new(o, "open_cases", json_integer(n->open_cases));
	return o;
}

static json_t *person_json(const struct org_tree *t, const struct org_tree_person *tp)
{
	json_t *o = json_pack("{s:I, s:s, s:s, s:b}", "id", (json_int_t)tp->p->id, "name",
			      tp->p->name, "kind",
			      tp->p->kind == PERSON_OFFICER ? "officer" : "assistant", "is_reviewer",
			      tp->p->is_reviewer);
	if (o && t->show_certs)
		json_object_set_new(o, "valid_certificate", json_boolean(tp->valid_cert));
	return o;
}

static json_t *unit_json(const struct org_tree *t, const struct org_tree_unit *u)
{
	json_t *people = json_array();
	for (size_t i = 0; i < u->npeople; i++)
		people = json_array_push(people, person_json(t, &u->people[i]));
	if (!people)
		return NULL;
	return json_pack("{s:o, s:s?, s:o, s:o}", "id",
			 u->id ? json_integer(u->id) : json_null(), "name", u->id ? u->name : NULL,
			 "counts", counts_json(t, &u->n, false), "people", people);
}

static json_t *agency_json(const struct org_tree *t, const struct org_tree_agency *ta)
{
	json_t *units = json_array();
	for (size_t i = 0; i < ta->nunits; i++)
		units = json_array_push(units, unit_json(t, &ta->units[i]));
	if (!units)
		return NULL;
	return json_pack("{s:I, s:s, s:s, s:b, s:o, s:o}", "id", (json_int_t)ta->ag->id, "name",
			 ta->ag->name, "kind", ta->ag->kind, "active", ta->ag->active, "counts",
			 counts_json(t, &ta->n, true), "units", units);
}

int api_org_tree(struct req *r)
{
	struct fz_error e = { 0 };
	struct page pg;
	struct org_tree t;
	enum fz_err rc;
	if ((rc = paging_from_query(r, &pg, &e)) || (rc = app_org_tree(&r->ctx, pg, &t, &e)))
		return resp_fail(r, rc, &e);
	json_t *divs = json_array();
	for (size_t i = 0; i < t.ndivisions; i++) {
		const struct org_tree_division *d = &t.divisions[i];
		json_t *ags = json_array();
		for (size_t k = 0; k < d->nagencies; k++)
			ags = json_array_push(ags, agency_json(&t, &d->agencies[k]));
		divs = json_array_push(divs, ags ? json_pack("{s:s, s:s, s:o, s:o}", "code", d->code,
							     "name", d->name, "counts",
							     counts_json(&t, &d->n, true),
							     "agencies", ags)
						 : NULL);
	}
	if (!divs)
		return resp_fail(r, FZ_NOMEM, NULL);
	json_t *o = json_pack("{s:o, s:o, s:I, s:I, s:I}", "counts", counts_json(&t, &t.total, true),
			      "divisions", divs, "total", (json_int_t)t.agency_total, "offset",
			      (json_int_t)pg.offset, "limit", (json_int_t)pg.limit);
	return resp_json(r, 200, o);
}
