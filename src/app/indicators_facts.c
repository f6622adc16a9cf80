/* indicators_facts.c - what the engine's rules judge of one enforcement
 * case for the supervision indicators, split in two: the facts that do
 * not depend on today (the standing decision, its review, the filing and
 * publication clocks, handling days, withdrawal, the file at closing, the
 * steps that need two certified officers), and their counting into the
 * indicators of a period as of today. The reference (app_indicators_record)
 * judges every case in scope now and counts; the summary keeps the facts
 * beside the record (045_indicator_facts.sql), judges again only the cases
 * marked stale since, and counts the rows (docs/STATISTICS.md "How the
 * indicators are kept"). */
#include "app/indicators_internal.h"

#include <stdio.h>
#include <string.h>

#include "app/calendar.h"
#include "app/case_internal.h"
#include "app/case_status.h"
#include "app/document.h"
#include "app/publication.h"
#include "app/tx.h"
#include "base/date.h"
#include "domain/catalogue.h"
#include "domain/clock.h"
#include "domain/gate.h"
#include "domain/outcome.h"

/* A legal review that let the decision through: approved, or approved
 * with changes (any dispute resolved by the head, as the gate demands). */
static bool reviewed_before(const struct case_event *events, size_t d)
{
	for (size_t i = 0; i < d; i++) {
		if (!events[i].step || strcmp(events[i].step, "legal_review") != 0)
			continue;
		const char *o = case_event_field(&events[i], "opinion");
		if (o && (!strcmp(o, "approve") || !strcmp(o, "approve_with_changes")))
			return true;
	}
	return false;
}

const struct case_clock *indicator_clock_named(const struct proc_def *def,
					       const struct case_clock *clocks, const char *id)
{
	for (size_t i = 0; i < def->nclocks; i++)
		if (strcmp(def->clocks[i].id, id) == 0)
			return &clocks[i];
	return NULL;
}

static void day_copy(char out[FZ_DATE_LEN], const char *day)
{
	snprintf(out, FZ_DATE_LEN, "%s", day ? day : "");
}

enum fz_err indicator_case_load(struct app_ctx *ctx, const struct proc_registry *reg,
				const struct calendar *cal, const struct enf_case *c,
				struct indicator_case *out, struct fz_error *e)
{
	const struct scope all = { .kind = SCOPE_ALL };
	enum fz_err rc;
	memset(out, 0, sizeof *out);
	if (!(out->def = proc_registry_find(reg, c->procedure)))
		return FZ_OK;
	if (!(out->cfg = case_config(ctx, reg, c, e)))
		return FZ_NOMEM;
	if ((rc = ctx->st->ops->case_events(ctx->st, ctx->a, &all, c->id, &out->ev, e)) ||
	    (rc = case_clocks_compute(out->def, out->cfg, cal, out->ev.items, out->ev.n, ctx->today,
				      ctx->a, &out->clocks, e)))
		return rc;
	return app_publication_clocks_adjust(ctx, out->def, out->clocks, e);
}

/* The decision that stands, its review, filing clock and handling days. */
static void decision_facts(struct app_ctx *ctx, const struct calendar *cal,
			   const struct enf_case *c, const struct indicator_case *k, long d,
			   struct indicator_facts *f)
{
	const struct case_event *ev = k->ev.items;
	struct proc_ctx pc = { .def = k->def, .cfg = k->cfg, .cal = cal, .kase = c,
			       .events = ev, .nevents = (size_t)d,
			       .today = ctx->today, .scratch = ctx->a };
	char why[200];
	day_copy(f->decided_on, ev[d].on);
	if (gate_review_required(&pc, &ev[d], why, sizeof why)) {
		f->review_needed = true;
		f->reviewed = reviewed_before(ev, (size_t)d);
	}
	const struct case_clock *fl = indicator_clock_named(k->def, k->clocks, CASE_FILING_CLOCK);
	if (fl && fl->started_by && fl->state != CASE_CLOCK_NOT_APPLICABLE) {
		day_copy(f->filing_due, fl->deadline.due);
		f->filing_done = fl->stopped_by != NULL;
		f->filing_on_time = fl->stopped_by && !fl->overdue;
	}
	const struct case_clock *h = indicator_clock_named(k->def, k->clocks, "case_handling");
	if (h && h->started_by)
		f->handling_days = date_diff_days(h->input.start, ev[d].on);
}

enum fz_err indicator_case_facts(struct app_ctx *ctx, const struct calendar *cal,
				 const struct enf_case *c, const struct indicator_case *k,
				 struct indicator_people *pp, struct indicator_facts *f,
				 struct fz_error *e)
{
	const struct case_event *ev = k->ev.items;
	const struct proc_def *def = k->def;
	enum fz_err rc;
	memset(f, 0, sizeof *f);
	f->case_id = c->id;
	f->agency_id = c->agency_id;
	f->handling_days = -1;
	f->withdrawal_days = -1;
	f->open = !c->closed;
	long d = outcome_standing(def, ev, k->ev.n);
	const struct proc_step *ds = d >= 0 ? proc_step_find(def, ev[d].step) : NULL;
	bool decides = ds && (ds->flags & PROC_DECIDES);
	if (decides)
		decision_facts(ctx, cal, c, k, d, f);
	/* the publication of a penalty decision that stands, or of a permit
	 * decision (7 working days for both, 118号), counted by the day of
	 * the decision; a withheld one (a minor party) is not due and its
	 * clock does not run (app_publication_clocks_adjust): no day */
	const struct case_clock *pub = indicator_clock_named(def, k->clocks, "publication");
	if (pub && pub->started_by && pub->state != CASE_CLOCK_NOT_APPLICABLE) {
		day_copy(f->pub_on, c->kind == CASE_PERMIT ? pub->started_by->on
							  : decides ? ev[d].on : "");
		day_copy(f->pub_due, pub->deadline.due);
		f->pub_done = pub->stopped_by != NULL;
		f->pub_on_time = pub->stopped_by && !pub->overdue;
	}
	/* a publication withdrawn (行政处罚法 art 48 para 2): how long after
	 * the decision was set aside, in working days — the unit of its
	 * 3-day limit (art 85), counted as the clock counts */
	const struct case_clock *wd = indicator_clock_named(def, k->clocks, "withdrawal");
	if (wd && wd->started_by && wd->stopped_by) {
		day_copy(f->withdrawn_on, wd->stopped_by->on);
		f->withdrawal_days = clock_working_days_between(cal, wd->started_by->on,
								wd->stopped_by->on, NULL);
	}
	/* the steps that need two certified officers; the closing step */
	struct indicator_step_fact *steps = NULL;
	size_t nsteps = 0;
	long closing = -1;
	for (size_t i = 0; i < k->ev.n; i++) {
		const struct proc_step *s = proc_step_find(def, ev[i].step);
		if (s && (s->flags & PROC_CLOSES))
			closing = (long)i;
		int certified;
		if (!s || s->min_officers < 2)
			continue;
		if (!steps && !(steps = arena_calloc(ctx->a, k->ev.n, sizeof *steps)))
			return fz_fail(e, FZ_NOMEM, "", NULL);
		if ((rc = indicator_certified_officers(ctx, pp, &ev[i], c->domain, &certified, e)))
			return rc;
		struct indicator_step_fact *t = &steps[nsteps++];
		t->event_id = ev[i].id;
		t->case_id = c->id;
		day_copy(t->on, ev[i].on);
		t->certified = certified >= 2;
	}
	f->steps = steps;
	f->nsteps = nsteps;
	/* the file when the case closed */
	if (c->closed && closing >= 0) {
		const char *const *filed;
		size_t nfiled;
		if ((rc = app_case_filed(ctx, def, c->id, ev, k->ev.n, &filed, &nfiled, e)))
			return rc;
		const struct proc_doc *missing[1];
		day_copy(f->closed_on, ev[closing].on);
		f->complete = catalogue_missing(def, ev, k->ev.n, NULL, filed, nfiled, missing, 1) == 0;
	}
	return FZ_OK;
}

/* Adds days to an average's sum (count() added one) and keeps the longest. */
static bool count_days(struct app_ctx *ctx, struct indicator *in, int64_t case_id, int days)
{
	if (!indicator_count(ctx, in, case_id, true))
		return false;
	in->num += days - 1;
	/* the longest, the newest case among equals: the same whatever the
	 * order the cases come in */
	if (days > in->max || (days > 0 && days == in->max && case_id > in->max_case)) {
		in->max = days;
		in->max_case = case_id;
	}
	return true;
}

bool indicator_facts_count(struct app_ctx *ctx, const struct indicator_query *q,
			   const struct indicator_facts *f, struct indicator *out)
{
	bool ok = true;
	int64_t id = f->case_id;
	/* a figure that waits for its clock counts once it has stopped or
	 * its due day has passed */
	if (indicator_in_period(q, f->decided_on)) {
		if (f->review_needed)
			ok = ok && indicator_count(ctx, &out[IND_REVIEW], id, f->reviewed);
		if (*f->filing_due && (f->filing_done || strcmp(ctx->today, f->filing_due) > 0))
			ok = ok && indicator_count(ctx, &out[IND_FILING], id, f->filing_on_time);
		if (f->handling_days >= 0)
			ok = ok && count_days(ctx, &out[IND_HANDLING], id, f->handling_days);
	}
	if (indicator_in_period(q, f->pub_on) &&
	    (f->pub_done || strcmp(ctx->today, f->pub_due) > 0))
		ok = ok && indicator_count(ctx, &out[IND_PUBLICATION], id, f->pub_on_time);
	if (indicator_in_period(q, f->withdrawn_on))
		ok = ok && count_days(ctx, &out[IND_WITHDRAWAL], id, f->withdrawal_days);
	if (indicator_in_period(q, f->closed_on))
		ok = ok && indicator_count(ctx, &out[IND_RECORD], id, f->complete);
	/* open now: overdue by the derived status of today (refreshed first) */
	if (f->open)
		ok = ok && indicator_count(ctx, &out[IND_OVERDUE], id,
					   !strcmp(f->status_day, ctx->today) && f->status_overdue);
	return ok;
}

bool indicator_steps_count(struct app_ctx *ctx, const struct indicator_query *q,
			   const struct indicator_step_fact *t, size_t n, struct indicator *out)
{
	for (size_t i = 0; i < n; i++)
		if (indicator_in_period(q, t[i].on) &&
		    !indicator_count(ctx, &out[IND_TWO_OFFICERS], t[i].case_id, t[i].certified))
			return false;
	return true;
}

/* Judges case c and keeps its facts (none for a matter or a case of an
 * unknown procedure); the people (arg) are read once per batch. */
static enum fz_err judge_one(struct app_ctx *ctx, const struct proc_registry *reg,
			     const struct calendar *cal, const struct enf_case *c, void *arg,
			     struct fz_error *e)
{
	struct indicator_people *people = arg;
	struct indicator_case k;
	struct indicator_facts f;
	bool judged = false;
	enum fz_err rc = indicator_case_load(ctx, reg, cal, c, &k, e);
	if (rc)
		return rc;
	if (k.def && !case_kind_is_matter(c->kind)) {
		if ((rc = indicator_case_facts(ctx, cal, c, &k, people, &f, e)))
			return rc;
		judged = true;
	}
	return ctx->st->ops->indicator_facts_put(ctx->st, c->id, judged ? &f : NULL, e);
}

/* Cases judged per write transaction: short transactions leave room for
 * the steps people record meanwhile. */
#define JUDGE_BATCH 50

enum fz_err indicator_judge_stale(struct app_ctx *ctx, const struct scope *sc, int64_t *judged,
				  struct fz_error *e)
{
	int64_t *ids;
	size_t n;
	enum fz_err rc = FZ_OK;
	/* the ids once (a mark made meanwhile waits for the next read or
	 * round), then each batch in an arena of its own, emptied after it:
	 * a province's backfill reads millions of events */
	struct arena *list = arena_new();
	if (judged)
		*judged = 0;
	if (!list)
		return fz_fail(e, FZ_NOMEM, "", NULL);
	rc = ctx->st->ops->indicator_stale(ctx->st, list, sc, &ids, &n, e);
	for (size_t i = 0; !rc && i < n; i += JUDGE_BATCH) {
		/* a stopping server leaves the rest for its next start */
		if (ctx->stop_asked && atomic_load(ctx->stop_asked))
			break;
		size_t k = n - i < JUDGE_BATCH ? n - i : JUDGE_BATCH;
		/* read into the batch's arena: read again per batch */
		struct indicator_people people = { 0 };
		if ((rc = app_case_batch(ctx, ids + i, k, judge_one, &people, e)))
			break;
		if (judged)
			*judged += (int64_t)k;
	}
	arena_free(list);
	return rc;
}

/* Every stale case of the database (the scheduler's context). */
static enum fz_err judge_all(struct app_ctx *ctx, int64_t *judged, struct fz_error *e)
{
	const struct scope all = { .kind = SCOPE_ALL };
	return indicator_judge_stale(ctx, &all, judged, e);
}

enum fz_err app_indicators_job(struct app_ctx *ctx, int64_t *judged, struct fz_error *e)
{
	return app_job_timed(ctx, JOB_INDICATOR_FACTS, judge_all, judged, e);
}
