/* normcat.c - the catalogues of normative documents (双目录) read from
 * the matters' events: which documents are in force today, the plan
 * items by year and unit, each document's public history, and which
 * documents reach the expiry alert. A matter's state is derived here from
 * its 编号 (文号, effective date, validity clock), 公布 and 清理 /
 * 终止 events, with corrections applied; nothing is kept twice. */
#include "app/normcat.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/authz.h"
#include "app/calendar.h"
#include "app/case_internal.h"
#include "base/date.h"
#include "domain/case_events.h"
#include "domain/caseclock.h"

static const struct scope scope_all = { .kind = SCOPE_ALL };

static const char *const state_names[] = {
	[NORMDOC_DRAFTING] = "drafting", [NORMDOC_PENDING] = "pending",
	[NORMDOC_IN_FORCE] = "in_force", [NORMDOC_EXPIRED] = "expired",
	[NORMDOC_REPEALED] = "repealed", [NORMDOC_INVALID] = "invalid",
	[NORMDOC_STOPPED] = "stopped",
};
static const char *const state_labels[] = {
	[NORMDOC_DRAFTING] = "制定中", [NORMDOC_PENDING] = "已公布，尚未施行",
	[NORMDOC_IN_FORCE] = "现行有效", [NORMDOC_EXPIRED] = "有效期届满",
	[NORMDOC_REPEALED] = "已废止", [NORMDOC_INVALID] = "已宣布失效",
	[NORMDOC_STOPPED] = "已停止制定",
};

const char *normdoc_state_name(enum normdoc_state s)
{
	return s >= NORMDOC_DRAFTING && s <= NORMDOC_STOPPED ? state_names[s] : "";
}

const char *normdoc_state_label(enum normdoc_state s)
{
	return s >= NORMDOC_DRAFTING && s <= NORMDOC_STOPPED ? state_labels[s] : "";
}

static const char *str(const char *s) { return s ? s : ""; }

static const char *outcome_label(const char *v)
{
	if (!v)
		return "";
	if (strcmp(v, "keep") == 0)
		return "继续有效";
	if (strcmp(v, "amend") == 0)
		return "修改";
	if (strcmp(v, "repeal") == 0)
		return "废止";
	if (strcmp(v, "invalid") == 0)
		return "宣布失效";
	return v;
}

/* day minus k months, the day of month kept where the month has it,
 * else its last day; "" for a bad day. */
static void months_before(const char *day, int k, char out[FZ_DATE_LEN])
{
	int y, m, d;
	out[0] = '\0';
	if (!date_parse(day, &y, &m, &d))
		return;
	int total = y * 12 + (m - 1) - k;
	y = total / 12;
	m = total % 12 + 1;
	while (d > 28 && !date_valid(y, m, d))
		d--;
	if (date_valid(y, m, d))
		snprintf(out, FZ_DATE_LEN, "%04d-%02d-%02d", y, m, d);
}

/* The public steps of a document's history. */
static bool public_step(const char *step)
{
	static const char *const steps[] = { "propose", "comment_open", "comment_close", "number",
					     "publish", "file", "filing_review", "correct",
					     "cleanup", "terminate" };
	for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++)
		if (strcmp(step, steps[i]) == 0)
			return true;
	return false;
}

struct normcat_env {
	const struct proc_registry *reg;
	struct calendar cal;
	int alert_months;
};

static enum fz_err env_init(struct app_ctx *ctx, struct normcat_env *env, struct fz_error *e)
{
	if (!(env->reg = case_registry(ctx, e)))
		return FZ_INTERNAL;
	const struct proc_config *cfg = proc_registry_config(env->reg);
	struct proc_period p = cfg ? cfg->periods[PROC_PERIOD_VALIDITY_ALERT]
				   : (struct proc_period){ 6, CLOCK_MONTHS };
	env->alert_months = p.unit == CLOCK_MONTHS ? p.amount : 6;
	return app_calendar_get(ctx, &env->cal, e);
}

static enum fz_err compute(struct app_ctx *ctx, const struct normcat_env *env,
			   const struct enf_case *c, struct normdoc *out, struct fz_error *e)
{
	struct case_event_list ev;
	struct case_document_list docs;
	enum fz_err rc;
	memset(out, 0, sizeof *out);
	if ((rc = ctx->st->ops->case_events(ctx->st, ctx->a, &scope_all, c->id, &ev, e)) ||
	    (rc = ctx->st->ops->document_list(ctx->st, ctx->a, &scope_all, c->id, &docs, e)))
		return rc;
	const struct proc_def *def = proc_registry_find(env->reg, c->procedure);
	out->case_id = c->id;
	out->title = str(c->title);
	out->agency_id = c->agency_id;
	out->agency = str(c->agency_name);
	out->number = "";
	out->plan_ref = out->plan_reason = "";
	for (size_t i = 0; i < docs.n; i++)
		if (strcmp(docs.items[i].kind, "normative_text") == 0 && docs.items[i].number)
			out->number = docs.items[i].number;
	const struct case_event *items = ev.items;
	size_t n = ev.n;
	const struct case_event *propose = case_events_last(items, n, "propose");
	if (propose) {
		snprintf(out->proposed_on, sizeof out->proposed_on, "%s", propose->on);
		int y, m, d;
		out->plan_year = date_parse(propose->on, &y, &m, &d) ? y : 0;
		const char *inp = case_events_field(items, n, propose, "in_plan");
		out->in_plan = inp && (strcmp(inp, "yes") == 0 || strcmp(inp, "true") == 0);
		out->plan_ref = str(case_events_field(items, n, propose, "plan_ref"));
		out->plan_reason = str(case_events_field(items, n, propose, "plan_reason"));
		const char *prov = case_events_field(items, n, propose, "provisional");
		out->provisional = prov && (strcmp(prov, "yes") == 0 || strcmp(prov, "true") == 0);
	}
	const struct case_event *number = case_events_last(items, n, "number");
	const struct case_event *publish = case_events_last(items, n, "publish");
	if (number)
		snprintf(out->effective_on, sizeof out->effective_on, "%s",
			 str(case_events_field(items, n, number, "effective_on")));
	if (publish)
		snprintf(out->published_on, sizeof out->published_on, "%s", publish->on);
	/* the validity clock the 编号 started */
	if (number && def) {
		const struct proc_config *cfg = case_config(ctx, env->reg, c, e);
		struct case_clock *clocks;
		if (!cfg)
			return FZ_NOMEM;
		if ((rc = case_clocks_compute(def, cfg, &env->cal, items, n, ctx->today, ctx->a,
					      &clocks, e)))
			return rc;
		for (size_t i = 0; i < def->nclocks; i++)
			if (clocks[i].started_by && clocks[i].started_by->id == number->id &&
			    strncmp(clocks[i].clock->id, "validity", 8) == 0) {
				snprintf(out->valid_until, sizeof out->valid_until, "%s",
					 clocks[i].deadline.due);
				out->provisional = strcmp(clocks[i].clock->id, "validity") != 0;
			}
	}
	if (out->valid_until[0])
		months_before(out->valid_until, env->alert_months, out->alert_from);
	/* the history, and what ended it */
	const char *ended = NULL;
	out->history = n ? arena_calloc(ctx->a, n, sizeof *out->history) : NULL;
	if (n && !out->history)
		return fz_fail(e, FZ_NOMEM, NULL, NULL);
	out->stage = "";
	for (size_t i = 0; i < n; i++) {
		const struct case_event *x = &items[i];
		if (strcmp(x->step, PROC_CORRECTION) == 0)
			continue;
		const struct proc_step *st = def ? proc_step_find(def, x->step) : NULL;
		out->stage = st ? st->label : x->step;
		if (strcmp(x->step, "cleanup") == 0) {
			snprintf(out->cleanup_on, sizeof out->cleanup_on, "%s", x->on);
			const char *o = case_events_field(items, n, x, "cleanup_outcome");
			if (o && (strcmp(o, "repeal") == 0 || strcmp(o, "invalid") == 0)) {
				ended = o;
				snprintf(out->ended_on, sizeof out->ended_on, "%s", x->on);
			}
		}
		if (strcmp(x->step, "terminate") == 0 && !ended) {
			ended = "terminate";
			snprintf(out->ended_on, sizeof out->ended_on, "%s", x->on);
		}
		if (!public_step(x->step))
			continue;
		struct normdoc_step *h = &out->history[out->nhistory++];
		snprintf(h->on, sizeof h->on, "%s", x->on);
		h->what = st ? st->label : x->step;
		h->detail = "";
		if (strcmp(x->step, "cleanup") == 0) {
			h->detail = outcome_label(case_events_field(items, n, x, "cleanup_outcome"));
		} else if (strcmp(x->step, "number") == 0 && out->effective_on[0]) {
			size_t len = strlen(out->number) + 64;
			char *d = arena_alloc(ctx->a, len);
			if (!d)
				return fz_fail(e, FZ_NOMEM, NULL, NULL);
			snprintf(d, len, "%s%s施行日期 %s", out->number, out->number[0] ? "，" : "",
				 out->effective_on);
			h->detail = d;
		} else if (strcmp(x->step, "file") == 0) {
			h->detail = str(case_events_field(items, n, x, "filed_with"));
		} else if (strcmp(x->step, "propose") == 0) {
			h->detail = out->in_plan ? out->plan_ref : "未列入年度制定计划";
		}
	}
	if (!publish)
		out->state = ended ? NORMDOC_STOPPED : NORMDOC_DRAFTING;
	else if (ended)
		out->state = strcmp(ended, "invalid") == 0 ? NORMDOC_INVALID : NORMDOC_REPEALED;
	else if (out->effective_on[0] && strcmp(ctx->today, out->effective_on) < 0)
		out->state = NORMDOC_PENDING;
	else if (out->valid_until[0] && strcmp(ctx->today, out->valid_until) > 0) {
		out->state = NORMDOC_EXPIRED;
		date_add_days(out->valid_until, 1, out->ended_on);
	} else
		out->state = NORMDOC_IN_FORCE;
	return FZ_OK;
}

static bool wanted(const struct app_ctx *ctx, const struct normcat_filter *f,
		   const struct normdoc *d)
{
	if (f->agency_id && d->agency_id != f->agency_id)
		return false;
	switch (f->view) {
	case NORMCAT_IN_FORCE:
		return d->state == NORMDOC_IN_FORCE;
	case NORMCAT_PUBLISHED:
		return d->published_on[0] != '\0';
	case NORMCAT_PLAN:
		return !f->year || d->plan_year == f->year;
	case NORMCAT_EXPIRING:
		return d->state == NORMDOC_IN_FORCE && d->alert_from[0] &&
		       strcmp(ctx->today, d->alert_from) >= 0 &&
		       strcmp(d->cleanup_on, d->alert_from) < 0;
	}
	return false;
}

/* Orders: the catalogues by effective date (newest first), the plan by
 * year (newest first) then unit, the alert by end of validity; ties by id. */
static int by_id(const struct normdoc *a, const struct normdoc *b)
{
	return a->case_id < b->case_id ? -1 : a->case_id > b->case_id;
}

static int by_effective(const void *pa, const void *pb)
{
	const struct normdoc *a = pa, *b = pb;
	int c = strcmp(b->effective_on, a->effective_on);
	return c ? c : by_id(a, b);
}

static int by_plan(const void *pa, const void *pb)
{
	const struct normdoc *a = pa, *b = pb;
	int c = b->plan_year - a->plan_year;
	if (!c)
		c = strcmp(a->agency, b->agency);
	if (!c)
		c = strcmp(a->proposed_on, b->proposed_on);
	return c ? c : by_id(a, b);
}

static int by_end(const void *pa, const void *pb)
{
	const struct normdoc *a = pa, *b = pb;
	int c = strcmp(a->valid_until, b->valid_until);
	return c ? c : by_id(a, b);
}

enum fz_err app_normcat_list(struct app_ctx *ctx, const struct normcat_filter *f, struct page pg,
			     struct normdoc_list *out, struct fz_error *e)
{
	struct normcat_env env;
	enum fz_err rc;
	const struct scope *sc = &scope_all;
	memset(out, 0, sizeof *out);
	if (f->view == NORMCAT_EXPIRING) {
		if ((rc = app_require(ctx, PERM_CASE_READ, "case.read", e)))
			return rc;
		sc = &ctx->scope;
	}
	if ((rc = env_init(ctx, &env, e)))
		return rc;
	struct case_filter cf = { .procedure = NORMCAT_PROCEDURE };
	size_t cap = 0, n = 0;
	struct normdoc *all = NULL;
	for (int64_t off = 0;; off += 200) {
		struct case_list l;
		if ((rc = ctx->st->ops->case_list(ctx->st, ctx->a, sc, &cf, (struct page){ off, 200 },
						  &l, e)))
			return rc;
		for (size_t i = 0; i < l.n; i++) {
			if (n == cap) {
				size_t ncap = cap ? cap * 2 : 32;
				struct normdoc *g = arena_calloc(ctx->a, ncap, sizeof *g);
				if (!g)
					return fz_fail(e, FZ_NOMEM, NULL, NULL);
				if (n)
					memcpy(g, all, n * sizeof *g);
				all = g;
				cap = ncap;
			}
			if ((rc = compute(ctx, &env, &l.items[i], &all[n], e)))
				return rc;
			if (wanted(ctx, f, &all[n]))
				n++;
		}
		if (l.n < 200 || off + 200 >= l.total)
			break;
	}
	if (n > 1) {
		qsort(all, n, sizeof *all,
		      f->view == NORMCAT_PLAN ? by_plan : f->view == NORMCAT_EXPIRING ? by_end
										 : by_effective);
	}
	if (pg.limit < 1 || pg.limit > 200)
		pg.limit = 200;
	if (pg.offset < 0)
		pg.offset = 0;
	out->total = (int64_t)n;
	size_t from = (size_t)pg.offset < n ? (size_t)pg.offset : n;
	size_t k = n - from < (size_t)pg.limit ? n - from : (size_t)pg.limit;
	out->items = all ? all + from : NULL;
	out->n = k;
	return FZ_OK;
}

enum fz_err app_normcat_get(struct app_ctx *ctx, int64_t case_id, struct normdoc *out,
			    struct fz_error *e)
{
	struct normcat_env env;
	struct enf_case c;
	enum fz_err rc = ctx->st->ops->case_get(ctx->st, ctx->a, &scope_all, case_id, &c, e);
	if (rc == FZ_NOTFOUND || (!rc && strcmp(c.procedure, NORMCAT_PROCEDURE) != 0))
		return fz_fail(e, FZ_NOTFOUND, "id", "没有这件规范性文件");
	if (rc || (rc = env_init(ctx, &env, e)))
		return rc;
	return compute(ctx, &env, &c, out, e);
}
