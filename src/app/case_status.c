/* case_status.c - the derived status of a case that lists, work queues
 * and workbenches read without the case's record (store case_status):
 * the step each role is to take now (domain/awaits.h), the earliest due
 * date of a running duty and whether one is overdue. Written in the
 * transaction of every step, and again the first time a case is looked
 * at on a later day (a queue or a count refreshes what is stale first),
 * so a list costs what its page costs. */
#include "app/case_status.h"

#include <string.h>
#include <time.h>

#include "app/audit.h"
#include "app/calendar.h"
#include "app/authz.h"
#include "app/case_internal.h"
#include "app/document.h"
#include "app/publication.h"
#include "domain/awaits.h"
#include "domain/caseclock.h"
#include "domain/clock.h"

static const unsigned status_roles[CASE_STATUS_ROLES] = { ROLE_OFFICER, ROLE_REVIEWER,
							   ROLE_HEAD, ROLE_SUPERVISOR };

int case_status_role_index(unsigned role)
{
	for (int i = 0; i < CASE_STATUS_ROLES; i++)
		if (status_roles[i] == role)
			return i;
	return -1;
}

/* The last day a case waiting for the legal review since `since` (its
 * latest event: what put it in the queue) may wait before an alert: the
 * config's review_pending_alert counted from it. */
static enum fz_err review_due(struct app_ctx *ctx, const struct calendar *cal,
			      const struct proc_config *cfg, const char *since,
			      char out[FZ_DATE_LEN], struct fz_error *e)
{
	struct proc_period p;
	struct clock_input in;
	struct deadline d;
	if (!proc_config_period(cfg, "review_pending_alert", &p))
		return FZ_OK;
	clock_input_init(&in, since, p.unit, p.amount);
	enum fz_err rc = clock_compute(cal, &in, ctx->a, &d, e);
	if (!rc)
		memcpy(out, d.due, FZ_DATE_LEN);
	return rc;
}

/* The status of case c on ctx->today from its events: known (as the
 * caller holds them) or, when NULL, as read from the store. */
static enum fz_err status_compute(struct app_ctx *ctx, const struct proc_registry *reg,
				  const struct calendar *cal, const struct enf_case *c,
				  const struct case_event_list *known,
				  const struct case_document_list *docs, struct case_status *out,
				  struct fz_error *e)
{
	const struct scope all = { .kind = SCOPE_ALL };
	struct case_event_list ev;
	struct case_clock *clocks;
	enum fz_err rc;
	memset(out, 0, sizeof *out);
	out->case_id = c->id;
	memcpy(out->computed_on, ctx->today, FZ_DATE_LEN);
	const struct proc_def *def = proc_registry_find(reg, c->procedure);
	if (!def)
		return FZ_OK; /* a definition no longer served: nothing to wait for */
	if (known)
		ev = *known;
	else if ((rc = ctx->st->ops->case_events(ctx->st, ctx->a, &all, c->id, &ev, e)))
		return rc;
	struct proc_ctx pc = {
		.def = def, .cfg = case_config(ctx, reg, c, e), .cal = cal, .kase = c,
		.events = ev.items, .nevents = ev.n,
		/* every case role: the gates, not the role, say what is open */
		.actor_roles = ROLE_OFFICER | ROLE_REVIEWER | ROLE_HEAD | ROLE_SUPERVISOR,
		.today = ctx->today, .scratch = ctx->a,
	};
	bool *want = arena_calloc(ctx->a, def->nsteps + 1, sizeof *want);
	size_t n = 0, nwant = 0;
	if (!want || !pc.cfg)
		return fz_fail(e, FZ_NOMEM, NULL, NULL);
	/* only the steps case_awaits reads are judged (16 of the penalty
	 * procedure's 48): the same answer for less work in the step's write
	 * transaction */
	case_awaits_steps(def, want);
	for (size_t i = 0; i < def->nsteps; i++)
		nwant += want[i];
	struct proc_option *opts = arena_calloc(ctx->a, nwant + 1, sizeof *opts);
	if (!opts)
		return fz_fail(e, FZ_NOMEM, NULL, NULL);
	if ((rc = docs ? app_case_filed_in(ctx, def, ev.items, ev.n, docs, &pc.filed, &pc.nfiled,
					    e)
		       : app_case_filed(ctx, def, c->id, ev.items, ev.n, &pc.filed, &pc.nfiled, e)))
		return rc;
	/* the clocks once, for the gates and for the status; when one cannot
	 * be computed, the gates compute theirs and the first error is the
	 * one it always was */
	struct fz_error ce = { 0 };
	enum fz_err crc = case_clocks_compute(def, pc.cfg, cal, ev.items, ev.n, ctx->today, ctx->a,
					      &clocks, &ce);
	pc.clocks = crc ? NULL : clocks;
	if ((rc = procedure_available_among(&pc, want, opts, nwant + 1, &n, e)))
		return rc;
	if (crc) {
		if (e)
			*e = ce;
		return crc;
	}
	/* after the gates: they judge the clocks as the engine computes them */
	if ((rc = app_publication_clocks_adjust(ctx, def, clocks, e)))
		return rc;
	for (int i = 0; i < CASE_STATUS_ROLES; i++) {
		const struct proc_step *s = case_awaits(def, ev.items, ev.n, opts, n, clocks,
							status_roles[i]);
		out->awaits[i] = s ? s->id : "";
		if (s)
			out->awaits_roles |= status_roles[i];
	}
	if ((out->awaits_roles & ROLE_REVIEWER) && ev.n && !c->closed &&
	    (rc = review_due(ctx, cal, pc.cfg, ev.items[ev.n - 1].on, out->review_due, e)))
		return rc;
	struct case_duty *duties = arena_calloc(ctx->a, def->nclocks + 1, sizeof *duties);
	if (!duties)
		return fz_fail(e, FZ_NOMEM, NULL, NULL);
	out->duties = duties;
	for (size_t i = 0; i < def->nclocks; i++) {
		const struct case_clock *k = &clocks[i];
		bool runs = k->state == CASE_CLOCK_RUNNING || k->state == CASE_CLOCK_SUSPENDED;
		if (!runs || k->party_period || !k->started_by)
			continue;
		/* what the case page's badges read of a live duty
		 * (page_case_kit.c), for a list to draw the same ones */
		if (!c->closed && !k->stopped_by) {
			struct case_duty *d = &duties[out->nduties++];
			*d = (struct case_duty){ .case_id = c->id, .ord = (int)i, .clock = k->clock->id,
						 .running = k->state == CASE_CLOCK_RUNNING,
						 .overdue = k->overdue,
						 .provisional = k->deadline.provisional };
			memcpy(d->due, k->deadline.due, FZ_DATE_LEN);
		}
		/* a closed case owes only what outlives closing: answers to
		 * supervision, the filing of a major decision */
		if (c->closed && !proc_clock_outlives_close(def, k->clock))
			continue;
		if (k->clock->per_act && k->open_acts) {
			out->acts_open += k->open_acts;
			if (!*out->acts_due || strcmp(k->deadline.due, out->acts_due) < 0)
				memcpy(out->acts_due, k->deadline.due, FZ_DATE_LEN);
		}
		if (strcmp(k->clock->id, CASE_FILING_CLOCK) == 0)
			memcpy(out->filing_due, k->deadline.due, FZ_DATE_LEN);
		if (k->overdue && !out->overdue) {
			out->overdue_clock = k->clock->id;
			memcpy(out->overdue_due, k->deadline.due, FZ_DATE_LEN);
		}
		out->overdue = out->overdue || k->overdue;
		if (k->state == CASE_CLOCK_RUNNING &&
		    (!*out->next_due || strcmp(k->deadline.due, out->next_due) < 0)) {
			memcpy(out->next_due, k->deadline.due, FZ_DATE_LEN);
			out->next_due_clock = k->clock->id;
		}
	}
	/* nothing left that a later day can change: no daily refresh */
	out->settled = c->closed && !out->acts_open && !*out->filing_due;
	return FZ_OK;
}

/* Computes and writes c's status with the registry and calendar the
 * caller read once (for a batch of cases). */
static enum fz_err status_write(struct app_ctx *ctx, const struct proc_registry *reg,
				const struct calendar *cal, const struct enf_case *c,
				const struct case_event_list *known,
				const struct case_document_list *docs, struct fz_error *e)
{
	struct case_status cs;
	enum fz_err rc = status_compute(ctx, reg, cal, c, known, docs, &cs, e);
	if (rc)
		return rc;
	return ctx->st->ops->case_status_put(ctx->st, &cs, e);
}

enum fz_err app_case_status_write(struct app_ctx *ctx, const struct enf_case *c,
				  struct fz_error *e)
{
	const struct proc_registry *reg = case_registry(ctx, e);
	struct calendar cal;
	enum fz_err rc;
	if (!reg)
		return FZ_INTERNAL;
	if ((rc = app_calendar_get(ctx, &cal, e)))
		return rc;
	return status_write(ctx, reg, &cal, c, NULL, NULL, e);
}

enum fz_err app_case_status_write_cal(struct app_ctx *ctx, const struct calendar *cal,
				      const struct enf_case *c, struct fz_error *e)
{
	const struct proc_registry *reg = case_registry(ctx, e);
	if (!reg)
		return FZ_INTERNAL;
	return status_write(ctx, reg, cal, c, NULL, NULL, e);
}

enum fz_err app_case_status_write_events(struct app_ctx *ctx, const struct calendar *cal,
					 const struct enf_case *c,
					 const struct case_event_list *events,
					 const struct case_document_list *docs,
					 struct fz_error *e)
{
	const struct proc_registry *reg = case_registry(ctx, e);
	if (!reg)
		return FZ_INTERNAL;
	return status_write(ctx, reg, cal, c, events, docs, e);
}

enum fz_err app_case_batch(struct app_ctx *ctx, const int64_t *ids, size_t n, app_case_fn fn,
			   void *arg, struct fz_error *e)
{
	const struct scope all = { .kind = SCOPE_ALL };
	const struct proc_registry *reg = case_registry(ctx, e);
	struct calendar cal;
	enum fz_err rc;
	struct arena *outer = ctx->a, *batch;
	if (!reg)
		return FZ_INTERNAL;
	if (!(batch = arena_new()))
		return fz_fail(e, FZ_NOMEM, "", NULL);
	if ((rc = app_tx_begin(ctx, e))) {
		arena_free(batch);
		return rc;
	}
	ctx->a = batch;
	rc = app_calendar_get(ctx, &cal, e);
	for (size_t i = 0; i < n && !rc; i++) {
		struct enf_case c;
		rc = ctx->st->ops->case_get(ctx->st, ctx->a, &all, ids[i], &c, e);
		if (!rc)
			rc = fn(ctx, reg, &cal, &c, arg, e);
	}
	ctx->a = outer;
	arena_free(batch);
	if (rc) {
		app_tx_abort(ctx);
		return rc;
	}
	return app_tx_commit(ctx, e);
}

static enum fz_err status_one(struct app_ctx *ctx, const struct proc_registry *reg,
			      const struct calendar *cal, const struct enf_case *c, void *arg,
			      struct fz_error *e)
{
	(void)arg;
	return status_write(ctx, reg, cal, c, NULL, NULL, e);
}

/* The statuses of the cases ids[0..n), in one batch. */
static enum fz_err status_batch(struct app_ctx *ctx, const int64_t *ids, size_t n,
				struct fz_error *e)
{
	return app_case_batch(ctx, ids, n, status_one, NULL, e);
}

/* Cases refreshed per write transaction: short transactions leave room
 * for the steps people record meanwhile. */
#define STATUS_BATCH 50

enum fz_err app_case_status_refresh(struct app_ctx *ctx, int64_t *refreshed,
				    struct fz_error *e)
{
	int64_t ids[STATUS_BATCH];
	struct case_status_cursor cur = { "", 0 };
	size_t n;
	enum fz_err rc;
	if (refreshed)
		*refreshed = 0;
	for (;;) {
		/* a stopping server leaves the rest for its next start */
		if (ctx->stop_asked && atomic_load(ctx->stop_asked))
			return FZ_OK;
		if ((rc = ctx->st->ops->case_status_stale(ctx->st, &ctx->scope, ctx->today, &cur,
							  ids, STATUS_BATCH, &n, e)))
			return rc;
		if (!n)
			return FZ_OK;
		if ((rc = status_batch(ctx, ids, n, e)))
			return rc;
		if (refreshed)
			*refreshed += (int64_t)n;
		if (n < STATUS_BATCH)
			return FZ_OK;
	}
}

enum fz_err app_case_soon(struct app_ctx *ctx, int days, char out[FZ_DATE_LEN],
			  struct fz_error *e)
{
	struct calendar cal;
	struct clock_input in;
	struct deadline d;
	enum fz_err rc;
	if ((rc = app_calendar_get(ctx, &cal, e)))
		return rc;
	clock_input_init(&in, ctx->today, CLOCK_WORKING_DAYS, days > 0 ? days : 1);
	if ((rc = clock_compute(&cal, &in, ctx->a, &d, e)))
		return rc;
	memcpy(out, d.due, FZ_DATE_LEN);
	return FZ_OK;
}

unsigned app_case_todo_roles(const struct app_ctx *ctx)
{
	unsigned roles = 0;
	for (int i = 0; ctx->user && i < CASE_STATUS_ROLES; i++)
		roles |= ctx->user->roles & status_roles[i];
	return roles;
}

enum fz_err app_case_todo(struct app_ctx *ctx, int days, struct case_todo *out,
			  struct fz_error *e)
{
	enum fz_err rc = app_require(ctx, PERM_CASE_READ, "case.read", e);
	memset(out, 0, sizeof *out);
	if (rc || (rc = app_case_status_refresh(ctx, NULL, e)) ||
	    (rc = app_case_soon(ctx, days, out->soon, e)))
		return rc;
	/* one pass over the scope's statuses (refreshed above) */
	struct case_todo_counts n;
	if ((rc = ctx->st->ops->case_todo_counts(ctx->st, &ctx->scope, ctx->today, out->soon,
						 app_case_todo_roles(ctx), &n, e)))
		return rc;
	out->mine = n.mine;
	out->review = n.review;
	out->approval = n.approval;
	out->due_soon = n.due_soon;
	out->overdue = n.overdue;
	out->acts = n.acts;
	out->acts_overdue = n.acts_overdue;
	out->filing_overdue = n.filing_overdue;
	return FZ_OK;
}

enum fz_err app_case_status_job(struct app_ctx *ctx, int64_t *refreshed, struct fz_error *e)
{
	return app_job_timed(ctx, JOB_CASE_STATUS, app_case_status_refresh, refreshed, e);
}

enum fz_err app_job_timed(struct app_ctx *ctx, const char *job, app_job_fn work, int64_t *items,
			  struct fz_error *e)
{
	struct timespec t0, t1;
	int64_t n = 0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	enum fz_err rc = work(ctx, &n, e);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	if (items)
		*items = n;
	if (!rc && !n)
		return FZ_OK; /* nothing was done: not a run worth a row */
	struct job_run run = {
		.job = job, .started_at = ctx->now,
		.duration_ms = (t1.tv_sec - t0.tv_sec) * 1000 + (t1.tv_nsec - t0.tv_nsec) / 1000000,
		.items = n, .ok = rc == FZ_OK, .message = rc ? e->message : "",
	};
	struct fz_error we = { 0 };
	enum fz_err wrc = ctx->st->ops->job_run_insert(ctx->st, &run, &we);
	if (rc)
		return rc;
	if (wrc)
		*e = we;
	return wrc;
}

enum fz_err app_job_runs(struct app_ctx *ctx, struct job_run_list *out, struct fz_error *e)
{
	enum fz_err rc = app_require(ctx, PERM_SYSTEM_READ, "system.read", e);
	if (rc)
		return rc;
	return ctx->st->ops->job_runs_latest(ctx->st, ctx->a, out, e);
}

enum fz_err app_case_status(struct app_ctx *ctx, int64_t case_id, struct case_status *out,
			    struct fz_error *e)
{
	struct enf_case c;
	enum fz_err rc = app_require(ctx, PERM_CASE_READ, "case.read", e);
	if (rc || (rc = ctx->st->ops->case_get(ctx->st, ctx->a, &ctx->scope, case_id, &c, e)))
		return rc;
	return ctx->st->ops->case_status_get(ctx->st, ctx->a, case_id, out, e);
}

enum fz_err app_case_rows(struct app_ctx *ctx, const struct case_list *l, struct case_row **out,
			  struct fz_error *e)
{
	const struct proc_registry *reg = case_registry(ctx, e);
	struct case_duty_list duties;
	size_t nstale = 0, nopen = 0;
	enum fz_err rc = app_require(ctx, PERM_CASE_READ, "case.read", e);
	if (rc)
		return rc;
	if (!reg)
		return FZ_INTERNAL;
	*out = arena_calloc(ctx->a, l->n + 1, sizeof **out);
	int64_t *open = arena_calloc(ctx->a, l->n + 1, sizeof *open);
	int64_t *stale = arena_calloc(ctx->a, l->n + 1, sizeof *stale);
	if (!*out || !open || !stale)
		return fz_fail(e, FZ_NOMEM, NULL, NULL);
	/* only an open case shows its duties; one whose status is of an
	 * earlier day (the refresh job has not reached it yet) is computed
	 * now: at most a page of cases, in one transaction */
	for (size_t i = 0; i < l->n; i++) {
		const struct enf_case *c = &l->items[i];
		if (c->closed)
			continue;
		open[nopen++] = c->id;
		if (strcmp(c->status_on, ctx->today) != 0)
			stale[nstale++] = c->id;
	}
	for (size_t i = 0; i < nstale; i += STATUS_BATCH)
		if ((rc = status_batch(ctx, stale + i, nstale - i < STATUS_BATCH ? nstale - i
										   : STATUS_BATCH,
				       e)))
			return rc;
	for (size_t i = 0; i < nopen; i += STORE_DUTIES_IDS_MAX) {
		size_t k = nopen - i < STORE_DUTIES_IDS_MAX ? nopen - i : STORE_DUTIES_IDS_MAX;
		if ((rc = ctx->st->ops->case_duties_of(ctx->st, ctx->a, open + i, k, &duties, e)))
			return rc;
		/* the duties come by case id; the list is in its own order */
		for (size_t j = 0; j < l->n; j++) {
			struct case_row *row = &(*out)[j];
			for (size_t d = 0; d < duties.n; d++) {
				if (duties.items[d].case_id != l->items[j].id)
					continue;
				if (!row->duties)
					row->duties = &duties.items[d];
				row->nduties++;
				row->overdue = row->overdue || duties.items[d].overdue;
			}
		}
	}
	for (size_t i = 0; i < l->n; i++) {
		struct case_row *row = &(*out)[i];
		row->def = proc_registry_find(reg, l->items[i].procedure);
		row->state = row->def ? proc_step_find(row->def, l->items[i].state) : NULL;
	}
	return FZ_OK;
}
