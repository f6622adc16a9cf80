/* indicators_people.c - who counts for 两名以上持有执法证件的执法人员
 * (行政处罚法 art 42; issue 12 §1): an officer, not an assistant, holding
 * on the step's day a certificate valid on that day that covers the
 * case's enforcement domain. The gate checked this when the step was
 * recorded; the indicator checks it again against the record as it
 * stands, so a certificate revoked with effect before the step no longer
 * counts. People and their certificates are read once per computation. */
#include "app/indicators_internal.h"

#include <string.h>

#include "domain/certificate.h"

struct indicator_person {
	int64_t id;
	bool officer;
	struct certificate *certs;
	size_t ncerts;
};

/* The person id, read on first use. */
static enum fz_err person_of(struct app_ctx *ctx, struct indicator_people *pp, int64_t id,
			     const struct indicator_person **out, struct fz_error *e)
{
	const struct scope all = { .kind = SCOPE_ALL };
	for (size_t i = 0; i < pp->n; i++)
		if (pp->items[i].id == id) {
			*out = &pp->items[i];
			return FZ_OK;
		}
	if (pp->n == pp->cap) {
		size_t cap = pp->cap ? 2 * pp->cap : 32;
		struct indicator_person *grown = arena_calloc(ctx->a, cap, sizeof *grown);
		if (!grown)
			return fz_fail(e, FZ_NOMEM, NULL, "内存不足");
		if (pp->n)
			memcpy(grown, pp->items, pp->n * sizeof *grown);
		pp->items = grown;
		pp->cap = cap;
	}
	struct indicator_person *p = &pp->items[pp->n];
	struct person who;
	struct fz_error ignored = { 0 };
	memset(p, 0, sizeof *p);
	p->id = id;
	/* someone the record no longer finds is no certified officer */
	if (ctx->st->ops->person_get(ctx->st, ctx->a, &all, id, &who, &ignored) == FZ_OK &&
	    who.kind == PERSON_OFFICER) {
		struct certificate_filter f = { .person_id = id };
		struct certificate_list certs;
		enum fz_err rc = ctx->st->ops->certificate_list(ctx->st, ctx->a, &all, &f,
								(struct page){ 0, 50 }, &certs, e);
		if (rc)
			return rc;
		p->officer = true;
		p->certs = certs.items;
		p->ncerts = certs.n;
	}
	pp->n++;
	*out = p;
	return FZ_OK;
}

enum fz_err indicator_certified_officers(struct app_ctx *ctx, struct indicator_people *pp,
					 const struct case_event *ev, const char *domain,
					 int *count, struct fz_error *e)
{
	*count = 0;
	for (size_t i = 0; i < ev->nofficers; i++) {
		bool dup = false;
		for (size_t j = 0; j < i; j++)
			dup = dup || ev->officers[j] == ev->officers[i];
		const struct indicator_person *p;
		enum fz_err rc;
		if (dup)
			continue;
		if ((rc = person_of(ctx, pp, ev->officers[i], &p, e)))
			return rc;
		bool held = false;
		for (size_t k = 0; p->officer && k < p->ncerts && !held; k++)
			held = certificate_valid_on(&p->certs[k], ev->on) &&
			       certificate_covers_domain(&p->certs[k], domain);
		*count += held;
	}
	return FZ_OK;
}
