/* publication.h - ex-post publicity (事后公开) as use cases: a decision
 * made public through one pipeline. When a decision that a `publishes`
 * step publishes is made, its publication is prepared in the same
 * transaction (app_publication_on_event, redacted by rule); the role the
 * publishes step names (the reviewer) previews it beside the original,
 * may adjust it, and confirms: it goes live and the case step 公示 is
 * recorded. A decision set aside (a `voids` step) starts the withdrawal:
 * the withdrawal clock runs (3 working days), and confirming the
 * withdrawal records 撤下公示 and leaves a public notice. Every
 * publication and withdrawal is a ledger leaf (kind 6). */
#ifndef FZ_APP_PUBLICATION_H
#define FZ_APP_PUBLICATION_H

#include "app/app.h"
#include "domain/caseclock.h"
#include "domain/publication.h"

/* The adjustable parts of a publication at confirmation: NULL keeps the
 * prepared value. */
struct publication_confirm {
	const char *title;
	const char *text;
	const char *end_on; /* YYYY-MM-DD or "" for none */
};

/* One publication. portal (anyone, signed in or not): only a public
 * one, and original_title/original_text are NULL. Otherwise in the
 * caller's scope (FZ_NOTFOUND outside it), with the original. */
enum fz_err app_publication_get(struct app_ctx *ctx, int64_t id, bool portal,
				struct publication *out, struct fz_error *e) FZ_MUST_CHECK;

/* A page of publications. portal: public ones only (f->public_only
 * forced), system-wide; otherwise the caller's scope. */
enum fz_err app_publication_list(struct app_ctx *ctx, const struct publication_filter *f,
				 bool portal, struct page pg, struct publication_list *out,
				 struct fz_error *e) FZ_MUST_CHECK;

/* Confirms a prepared publication: it goes live today (late when after
 * its due date; never refused for lateness), the case step that
 * publishes is recorded, a ledger leaf and an audit record are written.
 * Only the roles of that step (the reviewer) within scope. An adjusted
 * title or text that the redaction rules would still change (an ID
 * number, a phone ...) is FZ_INVALID naming what remains; so is one that
 * differs from the prepared text otherwise than by spans masked further
 * (domain/pub_adjust.h: the record is corrected instead); nothing is
 * changed. The spans masked further are kept (hand_masked) and audited.
 * FZ_CONFLICT when it is not waiting for confirmation. */
enum fz_err app_publication_confirm(struct app_ctx *ctx, int64_t id,
				    const struct publication_confirm *in, struct fz_error *e)
	FZ_MUST_CHECK;

/* Withdraws a publication whose decision was set aside: the public URL
 * then shows the notice (today, reason, basis), the case step that
 * withdraws is recorded (it stops the withdrawal clock), with a ledger
 * leaf and an audit record. reason NULL or "" keeps the prepared one.
 * FZ_CONFLICT when it is not waiting for withdrawal. */
enum fz_err app_publication_withdraw(struct app_ctx *ctx, int64_t id, const char *reason,
				     struct fz_error *e) FZ_MUST_CHECK;

/* A correction corr (not yet stored; events: the case's record before
 * it) that would change what a public publication shows — its text, or
 * a document its decision produced — is FZ_CONFLICT (field "corrects")
 * saying what to do instead: a live one is changed only by setting the
 * decision aside or changing it (withdrawn openly), one waiting for
 * withdrawal is withdrawn first. A correction that changes nothing
 * published passes; one that changes a text still waiting for
 * confirmation passes and the text is redrawn when it is recorded
 * (app_publication_on_event). The engine calls this for every
 * correction of every procedure. */
enum fz_err app_publication_correction_check(struct app_ctx *ctx, const struct proc_def *def,
					     const struct enf_case *c,
					     const struct case_event_list *events,
					     const struct case_event *corr, struct fz_error *e)
	FZ_MUST_CHECK;

/* A withheld publication (a minor party, 不予公开) is not due: the
 * publication clock its decision started is made CASE_CLOCK_NOT_APPLICABLE
 * (no due date, never overdue), so that it neither alerts (预警) nor counts
 * in the on-time indicator. clocks are case_clocks_compute's for def. */
enum fz_err app_publication_clocks_adjust(struct app_ctx *ctx, const struct proc_def *def,
					  struct case_clock *clocks, struct fz_error *e)
	FZ_MUST_CHECK;

#endif
