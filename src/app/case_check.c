/* case_check.c - what the gates of a step judge, gathered in the step's
 * transaction: the people the event names with their certificates, the
 * documents on file, a decision's catalogue item; then procedure_check.
 * case.c opens cases and takes steps with it. */
#include "app/case_internal.h"

#include <string.h>

#include "app/decision.h"
#include "app/document.h"
#include "base/date.h"
#include "base/num.h"

#define CASE_PEOPLE_MAX (CASE_OFFICERS_MAX + 3) /* + host, person, actor */
static const struct scope scope_all = { .kind = SCOPE_ALL };

/* Facts about one person for the gates, on day for domain. */
static enum fz_err person_fact(struct app_ctx *ctx, int64_t id, const char *day,
			       const char *domain, struct proc_person *out, struct fz_error *e)
{
	struct person p;
	enum fz_err rc = ctx->st->ops->person_get(ctx->st, ctx->a, &ctx->scope, id, &p, e);
	if (rc == FZ_NOTFOUND)
		return fz_fail(e, FZ_INVALID, "officers", "人员 %lld 不存在或不在本单位",
			       (long long)id);
	if (rc)
		return rc;
	struct certificate_filter f = { .person_id = id, .today = day };
	struct certificate_list certs;
	/* the gates read the certificates, never their number */
	struct page pg = { .offset = 0, .limit = 50, .no_total = true };
	if ((rc = ctx->st->ops->certificate_list(ctx->st, ctx->a, &scope_all, &f, pg, &certs, e)))
		return rc;
	proc_person_fill(&p, certs.items, certs.n, day, domain, out);
	return FZ_OK;
}

static bool have_person(const struct proc_person *people, size_t n, int64_t id)
{
	for (size_t i = 0; i < n; i++)
		if (people[i].id == id)
			return true;
	return false;
}

/* The people an event names: its officers, a hearing's host, and the
 * actor's own person record. */
static enum fz_err gather_people(struct app_ctx *ctx, const struct case_event *ev,
				 const char *domain, struct proc_person *people, size_t *n,
				 struct fz_error *e)
{
	int64_t ids[CASE_PEOPLE_MAX];
	size_t k = 0;
	/* Every named officer is checked by the gates: none may be left out. */
	if (ev->nofficers > CASE_OFFICERS_MAX)
		return fz_fail(e, FZ_INVALID, "officers", "一个步骤最多记录 %d 名参与人员",
			       CASE_OFFICERS_MAX);
	for (size_t i = 0; i < ev->nofficers; i++)
		ids[k++] = ev->officers[i];
	/* People named by a field: a hearing's host, the officer a recusal
	 * is about. */
	static const char *const named[] = { "host", "person" };
	for (size_t j = 0; j < 2; j++) {
		const char *v = case_event_field(ev, named[j]);
		int64_t pid = num_id(v);
		if (pid)
			ids[k++] = pid;
	}
	if (ctx->user && ctx->user->person_id)
		ids[k++] = ctx->user->person_id;
	*n = 0;
	for (size_t i = 0; i < k; i++) {
		if (have_person(people, *n, ids[i]))
			continue;
		enum fz_err rc = person_fact(ctx, ids[i], ev->on, domain, &people[*n], e);
		if (rc)
			return rc;
		(*n)++;
	}
	return FZ_OK;
}

enum fz_err case_check_event(struct app_ctx *ctx, const struct proc_def *def,
			     const struct calendar *cal, const struct enf_case *c,
			     const struct case_event *events, size_t nevents,
			     const struct case_event *ev, struct case_check *check,
			     struct case_document_list *docs, struct fz_error *e)
{
	struct proc_person people[CASE_PEOPLE_MAX];
	size_t npeople = 0;
	enum fz_err rc;

	if (!date_parse(ev->on, NULL, NULL, NULL))
		return fz_fail(e, FZ_INVALID, "on", "日期格式应为 YYYY-MM-DD");
	const struct proc_config *cfg = case_config(ctx, case_registry(ctx, NULL), c, e);
	if (!cfg)
		return e ? e->code : FZ_NOMEM;
	if ((rc = gather_people(ctx, ev, c->domain, people, &npeople, e)))
		return rc;
	struct proc_ctx pc = {
		.def = def,
		.cfg = cfg,
		.cal = cal,
		.kase = c,
		.events = events,
		.nevents = nevents,
		.proposed = ev,
		.people = people,
		.npeople = npeople,
		.actor_roles = ctx->user ? ctx->user->roles : 0,
		.actor_person = ctx->user ? ctx->user->person_id : 0,
		.actor_user = ctx->user ? ctx->user->id : 0,
		.today = ctx->today,
		.scratch = ctx->a,
	};
	memset(docs, 0, sizeof *docs);
	if (c->id && ((rc = app_case_documents(ctx, c->id, docs, e)) ||
		      (rc = app_case_filed_in(ctx, def, events, nevents, docs, &pc.filed,
					      &pc.nfiled, e))))
		return rc;
	/* a major decision's 立项 names an item of the decision catalogue: the
	 * gate in_catalogue judges it against the catalogue as recorded */
	if (def->kind == CASE_MAJOR_DECISION &&
	    (rc = app_dcat_item_fact(ctx, case_event_field(ev, "catalogue_item"), c->id, ctx->a,
				     &pc.catalogue_item, e)))
		return rc;
	/* not zeroed (96 results, 55 KiB): procedure_check copies each result it keeps
	 * whole into res[0..n), and nothing reads past n */
	struct gate_result *res = arena_calloc_raw(ctx->a, GATE_RESULTS_MAX, sizeof *res);
	if (!res)
		return fz_fail(e, FZ_NOMEM, NULL, NULL);
	size_t n = 0;
	rc = procedure_check(&pc, res, GATE_RESULTS_MAX, &n, e);
	if (check) {
		check->results = res;
		check->n = n;
	}
	return rc;
}

