/* case_read.c - reading cases: one case, lists, the work queues (what
 * waits for a role now, domain/awaits.h), the case view with its
 * options and clocks, and recomputing deadlines after the holiday
 * calendar changed. Writing is in case.c. */
#include "app/case.h"
#include "app/case_internal.h"
#include "app/case_status.h"

#include <stdio.h>
#include <string.h>

#include "app/audit.h"
#include "app/authz.h"
#include "app/calendar.h"
#include "app/document.h"
#include "app/procreg.h"
#include "app/publication.h"
#include "base/num.h"
#include "domain/awaits.h"
#include "domain/case_events.h"
#include "domain/textdiff.h"

enum fz_err app_case_get(struct app_ctx *ctx, int64_t id, struct enf_case *out,
			 struct fz_error *e)
{
	enum fz_err rc = app_require(ctx, PERM_CASE_READ, "case.read", e);
	if (rc)
		return rc;
	return ctx->st->ops->case_get(ctx->st, ctx->a, &ctx->scope, id, out, e);
}

enum fz_err app_case_list(struct app_ctx *ctx, const struct case_filter *f, struct page pg,
			  struct case_list *out, struct fz_error *e)
{
	enum fz_err rc = app_require(ctx, PERM_CASE_READ, "case.read", e);
	if (rc)
		return rc;
	struct case_filter g = { 0 };
	if (f)
		g = *f;
	/* the derived status as of today, refreshed where it is older */
	if (g.awaits || g.overdue || (g.due_by && *g.due_by) || g.acts_open || g.acts_overdue ||
	    (g.filing_due_by && *g.filing_due_by) || g.filing_overdue || g.review_late ||
	    g.handler_uncertified || g.sort.key == CASE_SORT_DUE) {
		g.status_day = ctx->today;
		if ((rc = app_case_status_refresh(ctx, NULL, e)))
			return rc;
	}
	return ctx->st->ops->case_list(ctx->st, ctx->a, &ctx->scope, &g, pg, out, e);
}

enum fz_err app_case_queue(struct app_ctx *ctx, unsigned role, struct page pg,
			   struct case_list *out, const struct proc_step ***awaited,
			   struct fz_error *e)
{
	return app_case_queue_sorted(ctx, role, (struct list_sort){ 0, false }, pg, out, awaited,
				     e);
}

enum fz_err app_case_queue_sorted(struct app_ctx *ctx, unsigned role, struct list_sort sort,
				  struct page pg, struct case_list *out,
				  const struct proc_step ***awaited, struct fz_error *e)
{
	/* The derived status says which cases wait for role today
	 * (app/case_status.c): refreshed first where it is of an earlier day,
	 * then read a page at a time like any list. */
	const struct proc_registry *reg;
	enum fz_err rc = app_require(ctx, PERM_CASE_READ, "case.read", e);
	int slot = case_status_role_index(role);
	if (rc)
		return rc;
	if (slot < 0)
		return fz_fail(e, FZ_INVALID, "role", "没有这种工作队列");
	if (!(reg = case_registry(ctx, e)))
		return FZ_INTERNAL;
	if ((rc = app_case_status_refresh(ctx, NULL, e)))
		return rc;
	struct case_filter f = { .closed = 2, .status_day = ctx->today, .awaits = role,
				 .sort = sort };
	if ((rc = ctx->st->ops->case_list(ctx->st, ctx->a, &ctx->scope, &f, pg, out, e)))
		return rc;
	const struct proc_step **steps = arena_calloc(ctx->a, out->n + 1, sizeof *steps);
	if (!steps)
		return fz_fail(e, FZ_NOMEM, NULL, NULL);
	for (size_t i = 0; i < out->n; i++) {
		struct case_status cs;
		const struct proc_def *def = proc_registry_find(reg, out->items[i].procedure);
		if ((rc = ctx->st->ops->case_status_get(ctx->st, ctx->a, out->items[i].id, &cs, e)))
			return rc;
		steps[i] = def ? proc_step_find(def, cs.awaits[slot]) : NULL;
	}
	if (awaited)
		*awaited = steps;
	return FZ_OK;
}

/* The reason given for the five-year limitation (serious_harm=1) by the
 * latest event that sets the flag, corrections applied; NULL if none. */
static const char *case_serious_harm_reason(const struct case_event *events, size_t n)
{
	for (size_t i = n; i-- > 0;) {
		const char *flag = case_events_field(events, n, &events[i], "serious_harm");
		if (!flag || strcmp(events[i].step, PROC_CORRECTION) == 0)
			continue;
		if (strcmp(flag, "1") != 0 && strcmp(flag, "yes") != 0 && strcmp(flag, "true") != 0)
			return NULL;
		return case_events_field(events, n, &events[i], "serious_harm_reason");
	}
	return NULL;
}

/* A matter's co-drafting units: the ids the latest event naming them
 * gave (checked when recorded: app/case.c), with their names. */
static enum fz_err matter_units(struct app_ctx *ctx, struct case_view *v, struct fz_error *e)
{
	static const struct scope all = { .kind = SCOPE_ALL };
	const char *ids = NULL;
	for (size_t i = v->events.n; i-- > 0 && !ids;) {
		const struct case_event *ev = &v->events.items[i];
		if (strcmp(ev->step, PROC_CORRECTION) != 0)
			ids = case_event_field(ev, PROC_CO_UNITS);
	}
	if (!ids || !*ids)
		return FZ_OK;
	v->co_units = arena_calloc(ctx->a, strlen(ids) / 2 + 1, sizeof *v->co_units);
	if (!v->co_units)
		return fz_fail(e, FZ_NOMEM, NULL, NULL);
	for (const char *p = ids; *p;) {
		size_t n = strcspn(p, ", ，");
		if (!n) {
			p += strncmp(p, "，", 3) == 0 ? 3 : 1;
			continue;
		}
		char item[24];
		snprintf(item, sizeof item, "%.*s", (int)(n < 23 ? n : 23), p);
		struct agency ag;
		int64_t id = num_id(item);
		enum fz_err rc = id ? ctx->st->ops->agency_get(ctx->st, ctx->a, &all, id, &ag, e)
				    : FZ_NOTFOUND;
		if (rc && rc != FZ_NOTFOUND)
			return rc;
		v->co_units[v->nco_units].id = id;
		v->co_units[v->nco_units++].name = rc ? item : ag.name;
		p += n;
	}
	return FZ_OK;
}

enum fz_err app_case_view(struct app_ctx *ctx, int64_t id, struct case_view *out,
			  struct fz_error *e)
{
	const struct proc_registry *reg;
	struct calendar cal;
	enum fz_err rc = app_require(ctx, PERM_CASE_READ, "case.read", e);
	if (rc)
		return rc;
	if (!(reg = case_registry(ctx, e)))
		return FZ_INTERNAL;
	memset(out, 0, sizeof *out);
	if ((rc = ctx->st->ops->case_get(ctx->st, ctx->a, &ctx->scope, id, &out->c, e)) ||
	    (rc = ctx->st->ops->case_events(ctx->st, ctx->a, &ctx->scope, id, &out->events, e)) ||
	    (rc = app_calendar_get(ctx, &cal, e)))
		return rc;
	out->def = proc_registry_find(reg, out->c.procedure);
	if (!out->def)
		return fz_fail(e, FZ_INTERNAL, NULL, "本案的执法程序“%s”未加载", out->c.procedure);
	const struct proc_config *cfg = case_config(ctx, reg, &out->c, e);
	if (!cfg)
		return FZ_NOMEM;
	struct proc_ctx pc = {
		.def = out->def,
		.cfg = cfg,
		.cal = &cal,
		.kase = &out->c,
		.events = out->events.items,
		.nevents = out->events.n,
		.actor_roles = ctx->user ? ctx->user->roles : 0,
		.actor_person = ctx->user ? ctx->user->person_id : 0,
		.actor_user = ctx->user ? ctx->user->id : 0,
		.today = ctx->today,
		.scratch = ctx->a,
	};
	out->options = arena_calloc(ctx->a, out->def->nsteps + 1, sizeof *out->options);
	if (!out->options)
		return fz_fail(e, FZ_NOMEM, NULL, NULL);
	if ((rc = app_case_filed(ctx, out->def, id, out->events.items, out->events.n, &pc.filed,
				 &pc.nfiled, e)))
		return rc;
	if ((rc = procedure_available_steps(&pc, out->options, out->def->nsteps + 1,
					    &out->noptions, e)))
		return rc;
	if ((rc = case_clocks_compute(out->def, cfg, &cal, out->events.items, out->events.n,
				      ctx->today, ctx->a, &out->clocks, e)) ||
	    (rc = app_publication_clocks_adjust(ctx, out->def, out->clocks, e)) ||
	    (rc = case_arrears_compute(out->def, cfg, &cal, out->events.items, out->events.n,
				       ctx->today, ctx->today, ctx->a, &out->arrears, e)))
		return rc;
	out->nclocks = out->def->nclocks;
	for (size_t i = 0; i < out->def->nclocks && !out->acts; i++)
		if (out->def->clocks[i].per_act &&
		    (rc = case_clock_acts(out->def, cfg, &cal, out->events.items, out->events.n,
					  &out->def->clocks[i], ctx->today, ctx->a, &out->acts,
					  &out->nacts, e)))
			return rc;
	out->serious_harm_reason = case_serious_harm_reason(out->events.items, out->events.n);
	if (out->def->matter)
		return matter_units(ctx, out, e);
	return FZ_OK;
}

/* The moves found so far (a growing array in the arena a, which outlives
 * the walk's batches); NULL when the caller audits them instead. */
struct moves {
	struct arena *a;
	struct deadline_move *items;
	size_t n, cap;
};

static enum fz_err move_add(struct moves *m, const struct enf_case *c,
			    const struct case_clock *b, const struct case_clock *a,
			    struct fz_error *e)
{
	if (m->n == m->cap) {
		size_t cap = m->cap ? 2 * m->cap : 32;
		struct deadline_move *p = arena_calloc(m->a, cap, sizeof *p);
		if (!p)
			return fz_fail(e, FZ_NOMEM, "", NULL);
		if (m->n)
			memcpy(p, m->items, m->n * sizeof *p);
		m->items = p;
		m->cap = cap;
	}
	struct deadline_move *d = &m->items[m->n];
	/* the case was read into the batch's arena: its number is copied */
	if (!(d->case_number = arena_strdup(m->a, c->number)))
		return fz_fail(e, FZ_NOMEM, "", NULL);
	m->n++;
	d->case_id = c->id;
	d->agency_id = c->agency_id;
	d->clock_label = a->clock->label;
	memcpy(d->due_before, b->deadline.due, FZ_DATE_LEN);
	memcpy(d->due_after, a->deadline.due, FZ_DATE_LEN);
	d->provisional_before = b->deadline.provisional;
	d->provisional_after = a->deadline.provisional;
	return FZ_OK;
}

/* The clocks of one case whose due date moved between the two calendars:
 * collected into m, or (m NULL) audited, and the case's derived status
 * written again over the calendar now stored. */
static enum fz_err case_recompute_one(struct app_ctx *ctx, const struct proc_registry *reg,
				      const struct proc_def *def, const struct enf_case *c,
				      const struct case_event_list *ev, const struct calendar *old,
				      const struct calendar *now, int *changed, struct moves *m,
				      struct fz_error *e)
{
	struct case_clock *before, *after;
	enum fz_err rc;
	bool moved = false;
	const struct proc_config *cfg = case_config(ctx, reg, c, e);
	if (!cfg)
		return FZ_NOMEM;
	if ((rc = case_clocks_compute(def, cfg, old, ev->items, ev->n, ctx->today, ctx->a,
				      &before, e)) ||
	    (rc = case_clocks_compute(def, cfg, now, ev->items, ev->n, ctx->today, ctx->a,
				      &after, e)))
		return rc;
	for (size_t i = 0; i < def->nclocks; i++) {
		const struct case_clock *b = &before[i], *a = &after[i];
		if (!b->started_by || !a->started_by)
			continue;
		if (strcmp(b->deadline.due, a->deadline.due) == 0 &&
		    b->deadline.provisional == a->deadline.provisional)
			continue;
		(*changed)++;
		moved = true;
		if (m) {
			if ((rc = move_add(m, c, b, a, e)))
				return rc;
			continue;
		}
		struct audit_diff d = { .n = 0 };
		const char *key = arena_printf(ctx->a, "%s.due", a->clock->id);
		audit_diff_str(ctx, &d, key, arena_printf(ctx->a, "%s%s", b->deadline.due,
							  b->deadline.provisional ? "（暂定）" : ""),
			       arena_printf(ctx->a, "%s%s", a->deadline.due,
					    a->deadline.provisional ? "（暂定）" : ""));
		const char *msg = arena_printf(ctx->a, "%s %s：节假日安排更新后重新计算",
					       c->number, a->clock->label);
		if ((rc = app_audit(ctx, "case.deadline", "case", c->id, "ok", msg, &d, e)))
			return rc;
	}
	/* The lists read due dates from the derived status: written again
	 * now, not on the next day's refresh. */
	if (moved && !m)
		return app_case_status_write(ctx, c, e);
	return FZ_OK;
}

/* Cases read per batch of the walk. */
#define WALK_BATCH 200

/* Every open case, newest first, in batches: each batch by keyset (ids
 * below the last one read, never an offset, which would read again all
 * the rows before it: quadratic in a province's 10^6 cases) and without a
 * total, its cases and events in an arena of its own that is emptied
 * before the next batch, so that memory stays one batch's whatever the
 * number of cases (the demo over a province's file grew by gigabytes). */
static enum fz_err deadlines_walk(struct app_ctx *ctx, const struct calendar *old,
				  const struct calendar *now, int *changed, struct moves *m,
				  struct fz_error *e)
{
	const struct proc_registry *reg = case_registry(ctx, e);
	const struct scope all = { .kind = SCOPE_ALL };
	struct case_filter open_only = { .closed = 2 };
	struct arena *outer = ctx->a, *batch;
	enum fz_err rc = FZ_OK;
	*changed = 0;
	if (!reg)
		return FZ_INTERNAL;
	if (!(batch = arena_new()))
		return fz_fail(e, FZ_NOMEM, "", NULL);
	ctx->a = batch;
	for (;;) {
		struct case_list list;
		struct page pg = { .limit = WALK_BATCH, .no_total = true };
		arena_reset(batch);
		if ((rc = ctx->st->ops->case_list(ctx->st, batch, &all, &open_only, pg, &list, e)))
			break;
		for (size_t i = 0; i < list.n && !rc; i++) {
			const struct enf_case *c = &list.items[i];
			const struct proc_def *def = proc_registry_find(reg, c->procedure);
			struct case_event_list ev;
			if (!def)
				continue;
			if (!(rc = ctx->st->ops->case_events(ctx->st, batch, &all, c->id, &ev, e)))
				rc = case_recompute_one(ctx, reg, def, c, &ev, old, now, changed, m,
							e);
		}
		if (rc || list.n < WALK_BATCH)
			break;
		open_only.id_below = list.items[list.n - 1].id;
	}
	ctx->a = outer;
	arena_free(batch);
	return rc;
}

enum fz_err app_case_deadlines_recompute(struct app_ctx *ctx, const struct calendar *old,
					 const struct calendar *now, int *changed,
					 struct fz_error *e)
{
	return deadlines_walk(ctx, old, now, changed, NULL, e);
}

enum fz_err app_case_deadlines_moved(struct app_ctx *ctx, const struct calendar *old,
				     const struct calendar *now, struct deadline_move **out,
				     size_t *n, struct fz_error *e)
{
	struct moves m = { .a = ctx->a };
	int changed;
	enum fz_err rc = deadlines_walk(ctx, old, now, &changed, &m, e);
	*out = rc ? NULL : m.items;
	*n = rc ? 0 : m.n;
	return rc;
}

enum fz_err app_case_versions(struct app_ctx *ctx, const struct case_view *v,
			      struct case_version **out, size_t *n, struct fz_error *e)
{
	*n = 0;
	*out = arena_calloc(ctx->a, v->events.n + 1, sizeof **out);
	if (!*out)
		return fz_fail(e, FZ_NOMEM, NULL, NULL);
	for (size_t i = 0; i < v->events.n; i++) {
		const struct case_event *ev = &v->events.items[i];
		const char *t = strcmp(ev->step, PROC_CORRECTION) ? case_event_field(ev, CASE_VERSION_FIELD)
								  : NULL;
		if (!t)
			continue;
		(*out)[*n] = (struct case_version){ (int)*n + 1, ev, t };
		(*n)++;
	}
	return FZ_OK;
}

enum fz_err app_case_version_diff(struct app_ctx *ctx, int64_t id, int a, int b,
				  struct case_view *v, struct case_version *va,
				  struct case_version *vb, struct textdiff *out, struct fz_error *e)
{
	struct case_version *all;
	size_t n;
	enum fz_err rc;
	if ((rc = app_case_view(ctx, id, v, e)) || (rc = app_case_versions(ctx, v, &all, &n, e)))
		return rc;
	if (!n)
		return fz_fail(e, FZ_NOTFOUND, "a", "本案没有草案版本");
	if (a < 1 || (size_t)a > n)
		return fz_fail(e, FZ_NOTFOUND, "a", "没有第 %d 版草案（共 %zu 版）", a, n);
	if (b < 1 || (size_t)b > n)
		return fz_fail(e, FZ_NOTFOUND, "b", "没有第 %d 版草案（共 %zu 版）", b, n);
	*va = all[a - 1];
	*vb = all[b - 1];
	return textdiff_compute(va->text, vb->text, ctx->a, out, e);
}
