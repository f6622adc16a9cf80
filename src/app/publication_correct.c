/* publication_correct.c - a correction never makes the record and the
 * portal differ (issue 10 §3). Whether a correction touches a
 * publication is decided by drawing the publication's source (its text,
 * and the documents its decision produced) from the record without and
 * with the correction: different means the correction changes it. A
 * publication still waiting for confirmation is redrawn from the
 * corrected record (and confirmed as usual); a public one is never
 * changed behind the reader's back: the correction is refused, naming
 * the lawful way (set the decision aside or change it, which withdraws
 * the publication openly, and publish the new decision). This is the
 * one place for every procedure: the engine calls it for each
 * correction. */
#include "app/publication.h"
#include "app/publication_internal.h"

#include <string.h>

#include "app/audit.h"
#include "domain/case_events.h"

/* The record with every correction applied to the event it corrects and
 * the corrections themselves left out: what the documents are drawn
 * from. extra (may be NULL) is a correction not yet stored, taken last. */
static enum fz_err fold(struct app_ctx *ctx, const struct case_event_list *events,
			const struct case_event *extra, struct case_event_list *out,
			struct fz_error *e)
{
	size_t n = events->n + (extra ? 1 : 0);
	struct case_event *all = arena_calloc(ctx->a, n + 1, sizeof *all);
	out->items = arena_calloc(ctx->a, n + 1, sizeof *out->items);
	out->n = 0;
	if (!all || !out->items)
		return fz_fail(e, FZ_NOMEM, NULL, NULL);
	if (events->n)
		memcpy(all, events->items, events->n * sizeof *all);
	if (extra)
		all[events->n] = *extra;
	for (size_t i = 0; i < n; i++) {
		const struct case_event *ev = &all[i];
		if (strcmp(ev->step, PROC_CORRECTION) == 0)
			continue;
		struct case_event *x = &out->items[out->n++];
		*x = *ev;
		if (!ev->nfields)
			continue;
		struct case_field *f = arena_calloc(ctx->a, ev->nfields, sizeof *f);
		if (!f)
			return fz_fail(e, FZ_NOMEM, NULL, NULL);
		for (size_t k = 0; k < ev->nfields; k++) {
			const char *v = case_events_field(all, n, ev, ev->fields[k].key);
			f[k].key = ev->fields[k].key;
			f[k].value = v ? v : ev->fields[k].value;
		}
		x->fields = f;
	}
	return FZ_OK;
}

static long index_of(const struct case_event_list *l, int64_t id)
{
	for (size_t i = 0; i < l->n; i++)
		if (l->items[i].id == id)
			return (long)i;
	return -1;
}

/* The source of the publication of the event with id `id` as record r
 * draws it, into out. */
static enum fz_err source_in(struct app_ctx *ctx, const struct proc_def *def,
			     const struct enf_case *c, const struct case_event_list *r, int64_t id,
			     struct buf *out, struct fz_error *e)
{
	long i = index_of(r, id);
	if (i < 0)
		return fz_fail(e, FZ_INTERNAL, NULL, "找不到公示的决定");
	struct case_event_list before = { .items = r->items, .n = (size_t)i };
	return pub_source_text(ctx, def, c, r, &before, &r->items[i], out, e);
}

/* What one publication does with a correction. */
enum effect { EFFECT_NONE, EFFECT_CHANGES };

static enum fz_err effect_on(struct app_ctx *ctx, const struct proc_def *def,
			     const struct enf_case *c, const struct case_event_list *was,
			     const struct case_event_list *will, int64_t event_id, enum effect *out,
			     struct fz_error *e)
{
	struct buf a = BUF_INIT, b = BUF_INIT;
	enum fz_err rc = source_in(ctx, def, c, was, event_id, &a, e);
	if (!rc)
		rc = source_in(ctx, def, c, will, event_id, &b, e);
	if (!rc && (buf_status(&a) || buf_status(&b)))
		rc = fz_fail(e, FZ_NOMEM, NULL, NULL);
	*out = !rc && (a.len != b.len || memcmp(buf_cstr(&a), buf_cstr(&b), a.len) != 0)
		       ? EFFECT_CHANGES : EFFECT_NONE;
	buf_release(&a);
	buf_release(&b);
	return rc;
}

/* Calls fn for each publication of a decision at or after the corrected
 * event (a text is drawn only from what came before it) that corr
 * changes. */
typedef enum fz_err (*touched_fn)(struct app_ctx *ctx, const struct proc_def *def,
				  const struct enf_case *c, const struct case_event *target,
				  const struct case_event *decision, const struct case_event_list *will,
				  struct publication *p, struct fz_error *e);

static enum fz_err each_touched(struct app_ctx *ctx, const struct proc_def *def,
				const struct enf_case *c, const struct case_event_list *events,
				const struct case_event *corr, touched_fn fn, struct fz_error *e)
{
	long t = index_of(events, corr->corrects);
	struct case_event_list was, will;
	enum fz_err rc;
	bool folded = false;
	if (t < 0)
		return FZ_OK; /* the engine's correction_valid says why */
	for (size_t i = (size_t)t; i < events->n; i++) {
		const struct case_event *d = &events->items[i];
		struct publication p;
		if (strcmp(d->step, PROC_CORRECTION) == 0 || !pub_publisher_of(def, d->step))
			continue;
		rc = ctx->st->ops->publication_by_event(ctx->st, ctx->a, d->id, &p, e);
		if (rc == FZ_NOTFOUND)
			continue;
		if (rc)
			return rc;
		if (p.status == PUB_WITHDRAWN || p.status == PUB_CANCELLED)
			continue; /* nothing of its text is shown any more */
		if (!folded && ((rc = fold(ctx, events, NULL, &was, e)) ||
				(rc = fold(ctx, events, corr, &will, e))))
			return rc;
		folded = true;
		enum effect eff;
		if ((rc = effect_on(ctx, def, c, &was, &will, d->id, &eff, e)))
			return rc;
		if (eff == EFFECT_CHANGES &&
		    (rc = fn(ctx, def, c, &events->items[t], d, &will, &p, e)))
			return rc;
	}
	return FZ_OK;
}

static enum fz_err refuse_public(struct app_ctx *ctx, const struct proc_def *def,
				 const struct enf_case *c, const struct case_event *target,
				 const struct case_event *decision,
				 const struct case_event_list *will, struct publication *p,
				 struct fz_error *e)
{
	const struct proc_step *ds = proc_step_find(def, decision->step);
	(void)ctx;
	(void)c;
	(void)target;
	(void)will;
	if (p->status == PUB_WITHDRAWING)
		return fz_fail(e, FZ_CONFLICT, "corrects",
			       "更正会改变「%s」公示的文本，该公示正等待撤下：请先在“公示审核”中"
			       "撤下公示，再更正",
			       ds ? ds->label : decision->step);
	if (p->status != PUB_LIVE)
		return FZ_OK;
	/* fz_error holds 255 bytes: the message is kept short */
	if (def->kind == CASE_MAJOR_DECISION)
		return fz_fail(e, FZ_CONFLICT, "corrects",
			       "更正会改变%s已经公示的决策文本，记录与公示将不一致，不能更正；确有错误的，"
			       "依《重大行政决策程序暂行条例》第三十七条停止执行或者变更该决策，原公示随之撤下",
			       p->published_on);
	return fz_fail(e, FZ_CONFLICT, "corrects",
		       "更正会改变%s已经公示的「%s」的文本，记录与公示将不一致，不能更正；"
		       "确有错误的，须依法撤销或者变更原决定，原公示随之撤下并说明理由",
		       p->published_on, ds ? ds->label : decision->step);
}

/* A withdrawal notice says why the decision was set aside, from the
 * voiding step's reasons. A correction of those reasons changes the
 * reason still waiting to be published (withdrawing: redrawn when apply)
 * and is refused once the notice is public (withdrawn). */
static enum fz_err notice_effect(struct app_ctx *ctx, const struct proc_def *def,
				 const struct case_event_list *events,
				 const struct case_event *corr, bool apply, struct fz_error *e)
{
	long t = index_of(events, corr->corrects);
	const struct case_event *target = t >= 0 ? &events->items[t] : NULL;
	const struct proc_step *ts = target ? proc_step_find(def, target->step) : NULL;
	const char *now = target ? case_events_field(events->items, events->n, target, "reasons")
				 : NULL;
	const char *then = case_event_field(corr, "reasons");
	if (!ts || !ts->voids.n || !then || !*then || (now && strcmp(now, then) == 0))
		return FZ_OK;
	for (size_t i = 0; i < ts->voids.n; i++) {
		const struct case_event *voided = NULL;
		for (long k = t; k-- > 0 && !voided;)
			if (strcmp(events->items[k].step, ts->voids.items[i].id) == 0)
				voided = &events->items[k];
		struct publication p;
		if (!voided)
			continue;
		enum fz_err rc = pub_of_voided(ctx, def, voided, &p, e);
		if (rc == FZ_NOTFOUND)
			continue;
		if (rc)
			return rc;
		if (strcmp(p.set_aside_on, target->on) != 0)
			continue; /* set aside by another step */
		if (p.status == PUB_WITHDRAWN && !apply)
			return fz_fail(e, FZ_CONFLICT, "corrects",
				       "「%s」的理由已写入 %s 公布的撤下说明，更正会使记录与撤下说明不一致，"
				       "不能更正",
				       ts->label, p.withdrawn_on);
		if (p.status != PUB_WITHDRAWING || !apply)
			continue;
		/* the reason prefilled from the record (the reviewer may still
		 * adjust it when withdrawing) */
		p.withdraw_reason = pub_set_aside_reason(ctx, ts, target->on, then);
		p.updated_at = ctx->now;
		if (!p.withdraw_reason)
			return fz_fail(e, FZ_NOMEM, NULL, NULL);
		if ((rc = ctx->st->ops->publication_update(ctx->st, &p, e)))
			return rc;
		struct audit_diff d = { .n = 0 };
		audit_diff_int(ctx, &d, "corrects", 0, target->id);
		if ((rc = app_audit(ctx, "publication.redraw", "publication", p.id, "ok", NULL, &d,
				    e)))
			return rc;
	}
	return FZ_OK;
}

enum fz_err app_publication_correction_check(struct app_ctx *ctx, const struct proc_def *def,
					     const struct enf_case *c,
					     const struct case_event_list *events,
					     const struct case_event *corr, struct fz_error *e)
{
	enum fz_err rc = each_touched(ctx, def, c, events, corr, refuse_public, e);
	return rc ? rc : notice_effect(ctx, def, events, corr, false, e);
}

static enum fz_err redraw(struct app_ctx *ctx, const struct proc_def *def,
			  const struct enf_case *c, const struct case_event *target,
			  const struct case_event *decision, const struct case_event_list *will,
			  struct publication *p, struct fz_error *e)
{
	if (p->status != PUB_PREPARED && p->status != PUB_WITHHELD)
		return FZ_OK; /* a public one was refused by the check */
	long i = index_of(will, decision->id);
	if (i < 0)
		return fz_fail(e, FZ_INTERNAL, NULL, "找不到公示的决定");
	struct case_event_list before = { .items = will->items, .n = (size_t)i };
	enum pub_status was = p->status;
	enum fz_err rc = pub_draw(ctx, def, c, will, &before, &will->items[i], p, e);
	if (rc)
		return rc;
	p->updated_at = ctx->now;
	if ((rc = ctx->st->ops->publication_update(ctx->st, p, e)))
		return rc;
	struct audit_diff d = { .n = 0 };
	audit_diff_str(ctx, &d, "status", pub_status_name(was), pub_status_name(p->status));
	/* the corrected event, not the text: the audit log holds no case content */
	audit_diff_int(ctx, &d, "corrects", 0, target->id);
	return app_audit(ctx, "publication.redraw", "publication", p->id, "ok", NULL, &d, e);
}

enum fz_err pub_correction_redraw(struct app_ctx *ctx, const struct proc_def *def,
				  const struct enf_case *c, const struct case_event_list *events,
				  const struct case_event *corr, struct fz_error *e)
{
	enum fz_err rc = each_touched(ctx, def, c, events, corr, redraw, e);
	return rc ? rc : notice_effect(ctx, def, events, corr, true, e);
}
