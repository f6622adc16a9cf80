/* orgtree.c - the organisation tree: one grouped count over the whole
 * scope (store_orgtree.h) gives every total, then a page of agencies is
 * filled in with its units and people. Counts a role may not read are
 * left out rather than shown as zero: the page says which it shows. */
#include "app/orgtree.h"

#include <stdlib.h>
#include <string.h>

#include "app/authz.h"

static bool may(const struct app_ctx *ctx, enum perm p)
{
	return ctx->cli || (ctx->user && authz_allows(ctx->user->roles, p));
}

static void counts_add(struct org_tree_counts *to, const struct org_count *c)
{
	to->agencies += c->agencies;
	to->units += c->units;
	to->officers += c->officers;
	to->assistants += c->assistants;
	to->valid_certs += c->valid_certs;
	to->open_cases += c->open_cases;
}

/* Zeroes in every row what the viewer may not read, so that no sum can
 * carry it. */
static void counts_mask(const struct org_tree *t, struct org_count_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		struct org_count *c = &l->items[i];
		if (!t->show_units)
			c->units = 0;
		if (!t->show_people)
			c->officers = c->assistants = 0;
		if (!t->show_certs)
			c->valid_certs = 0;
		if (!t->show_cases)
			c->open_cases = 0;
	}
}

static int cmp_agency(const void *x, const void *y)
{
	const struct org_tree_agency *a = x, *b = y;
	int c = strcmp(a->ag->division_code, b->ag->division_code);
	if (c)
		return c;
	return (a->ag->id > b->ag->id) - (a->ag->id < b->ag->id);
}

/* Every unit of agency (ascending id), and the pseudo-unit 0 last. */
static enum fz_err load_units(struct app_ctx *ctx, struct org_tree_agency *ta,
			      struct fz_error *e)
{
	struct unit *all = NULL;
	size_t n = 0;
	for (int64_t off = 0;; off += 200) {
		struct unit_list l;
		enum fz_err rc = ctx->st->ops->unit_list(ctx->st, ctx->a, &ctx->scope, ta->ag->id,
							 (struct page){ off, 200 }, &l, e);
		if (rc)
			return rc;
		struct unit *grown = arena_calloc(ctx->a, n + l.n + 1, sizeof *grown);
		if (!grown)
			return fz_fail(e, FZ_NOMEM, "", NULL);
		if (n)
			memcpy(grown, all, n * sizeof *all);
		if (l.n)
			memcpy(grown + n, l.items, l.n * sizeof *l.items);
		all = grown;
		n += l.n;
		if (l.n < 200)
			break;
	}
	ta->units = arena_calloc(ctx->a, n + 1, sizeof *ta->units);
	if (!ta->units)
		return fz_fail(e, FZ_NOMEM, "", NULL);
	for (size_t i = 0; i < n; i++)
		ta->units[i] = (struct org_tree_unit){ .id = all[i].id, .name = all[i].name };
	ta->units[n] = (struct org_tree_unit){ .id = 0, .name = "" };
	ta->nunits = n + 1;
	return FZ_OK;
}

static struct org_tree_unit *unit_of(struct org_tree_agency *ta, int64_t unit_id)
{
	for (size_t i = 0; i < ta->nunits; i++)
		if (ta->units[i].id == unit_id)
			return &ta->units[i];
	return ta->nunits ? &ta->units[ta->nunits - 1] : NULL; /* a unit not in scope */
}

/* The holders of a certificate valid today among the agency's. */
static enum fz_err load_valid(struct app_ctx *ctx, int64_t agency_id, int64_t **ids, size_t *n,
			      struct fz_error *e)
{
	struct certificate_filter f = { .agency_id = agency_id, .status = CERT_VALID,
					.today = ctx->today };
	*ids = NULL;
	*n = 0;
	for (int64_t off = 0; off < ORG_TREE_PEOPLE_MAX; off += 200) {
		struct certificate_list l;
		enum fz_err rc = ctx->st->ops->certificate_list(ctx->st, ctx->a, &ctx->scope, &f,
								(struct page){ off, 200 }, &l, e);
		if (rc)
			return rc;
		int64_t *grown = arena_calloc(ctx->a, *n + l.n + 1, sizeof *grown);
		if (!grown)
			return fz_fail(e, FZ_NOMEM, "", NULL);
		if (*n)
			memcpy(grown, *ids, *n * sizeof **ids);
		for (size_t i = 0; i < l.n; i++)
			grown[(*n)++] = l.items[i].person_id;
		*ids = grown;
		if (l.n < 200)
			break;
	}
	return FZ_OK;
}

/* The agency's active people, each under its unit. */
static enum fz_err load_people(struct app_ctx *ctx, const struct org_tree *t,
			       struct org_tree_agency *ta, struct fz_error *e)
{
	int64_t *valid = NULL;
	size_t nvalid = 0;
	enum fz_err rc;
	if (t->show_certs && (rc = load_valid(ctx, ta->ag->id, &valid, &nvalid, e)))
		return rc;
	struct person_filter f = { .agency_id = ta->ag->id };
	for (int64_t off = 0; off < ORG_TREE_PEOPLE_MAX; off += 200) {
		struct person_list l;
		if ((rc = ctx->st->ops->person_list(ctx->st, ctx->a, &ctx->scope, &f,
						    (struct page){ off, 200 }, &l, e)))
			return rc;
		for (size_t i = 0; i < l.n; i++) {
			const struct person *p = &l.items[i];
			struct org_tree_unit *u = p->active ? unit_of(ta, p->unit_id) : NULL;
			if (!u)
				continue;
			struct org_tree_person *grown =
				arena_calloc(ctx->a, u->npeople + 1, sizeof *grown);
			if (!grown)
				return fz_fail(e, FZ_NOMEM, "", NULL);
			if (u->npeople)
				memcpy(grown, u->people, u->npeople * sizeof *grown);
			grown[u->npeople].p = p;
			for (size_t k = 0; k < nvalid && !grown[u->npeople].valid_cert; k++)
				grown[u->npeople].valid_cert = valid[k] == p->id;
			u->people = grown;
			u->npeople++;
		}
		if (l.n < 200)
			break;
	}
	return FZ_OK;
}

static struct org_tree_division *division_of(struct org_tree *t, const char *code)
{
	for (size_t i = 0; i < t->ndivisions; i++)
		if (strcmp(t->divisions[i].code, code) == 0)
			return &t->divisions[i];
	return NULL;
}

enum fz_err app_org_tree(struct app_ctx *ctx, struct page pg, struct org_tree *out,
			 struct fz_error *e)
{
	struct org_count_list counts;
	struct agency_list ags;
	enum fz_err rc;
	memset(out, 0, sizeof *out);
	if ((rc = app_require(ctx, PERM_AGENCY_READ, "org.tree", e)))
		return rc;
	out->show_units = may(ctx, PERM_UNIT_READ);
	out->show_people = may(ctx, PERM_PERSON_READ);
	out->show_certs = may(ctx, PERM_CERT_READ);
	out->show_cases = may(ctx, PERM_CASE_READ);
	if ((rc = ctx->st->ops->org_counts(ctx->st, ctx->a, &ctx->scope, ctx->today, &counts, e)) ||
	    (rc = ctx->st->ops->agency_list(ctx->st, ctx->a, &ctx->scope, NULL, pg, &ags, e)))
		return rc;
	counts_mask(out, &counts);
	out->agency_total = ags.total;
	for (size_t i = 0; i < counts.n; i++)
		counts_add(&out->total, &counts.items[i]);

	struct org_tree_agency *tas = arena_calloc(ctx->a, ags.n + 1, sizeof *tas);
	out->divisions = arena_calloc(ctx->a, ags.n + 1, sizeof *out->divisions);
	if (!tas || !out->divisions)
		return fz_fail(e, FZ_NOMEM, "", NULL);
	for (size_t i = 0; i < ags.n; i++)
		tas[i].ag = &ags.items[i];
	qsort(tas, ags.n, sizeof *tas, cmp_agency);
	for (size_t i = 0; i < ags.n; i++) {
		struct org_tree_agency *ta = &tas[i];
		if ((out->show_units || out->show_people) && (rc = load_units(ctx, ta, e)))
			return rc;
		if (out->show_people && (rc = load_people(ctx, out, ta, e)))
			return rc;
		struct org_tree_division *d = division_of(out, ta->ag->division_code);
		if (!d) {
			struct division div;
			struct fz_error de = { 0 };
			d = &out->divisions[out->ndivisions++];
			memcpy(d->code, ta->ag->division_code, sizeof d->code);
			d->name = ctx->st->ops->division_get(ctx->st, ctx->a, d->code, &div, &de) == FZ_OK
					  ? div.name
					  : d->code;
			d->agencies = ta;
		}
		d->nagencies++;
	}
	/* Sums: the divisions over the whole scope, the page's agencies and
	 * units from their own rows. */
	for (size_t i = 0; i < counts.n; i++) {
		const struct org_count *c = &counts.items[i];
		struct org_tree_division *d = division_of(out, c->division_code);
		if (!d)
			continue;
		counts_add(&d->n, c);
		for (size_t k = 0; k < d->nagencies; k++) {
			struct org_tree_agency *ta = &d->agencies[k];
			if (ta->ag->id != c->agency_id)
				continue;
			counts_add(&ta->n, c);
			for (size_t u = 0; u < ta->nunits; u++)
				if (ta->units[u].id == c->unit_id)
					counts_add(&ta->units[u].n, c);
		}
	}
	/* The pseudo-unit is shown only when somebody is in it. */
	for (size_t i = 0; i < ags.n; i++) {
		struct org_tree_agency *ta = &tas[i];
		if (ta->nunits && !ta->units[ta->nunits - 1].npeople &&
		    !ta->units[ta->nunits - 1].n.officers && !ta->units[ta->nunits - 1].n.assistants)
			ta->nunits--;
		if (!out->show_units && ta->nunits)
			ta->nunits = 0;
	}
	return FZ_OK;
}
