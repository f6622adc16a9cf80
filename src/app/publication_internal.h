/* publication_internal.h - what publication.c shares with
 * publication_correct.c and publication_adjust.c: finding a decision's
 * publisher, drawing a publication's text from a record, redacting and
 * adjusting it. Not for other modules. */
#ifndef FZ_APP_PUBLICATION_INTERNAL_H
#define FZ_APP_PUBLICATION_INTERNAL_H

#include "app/publication.h"
#include "base/buf.h"
#include "domain/case.h"
#include "domain/procedure.h"
#include "domain/redact.h"

/* The publishes step of def that requires `step`: that step's events are
 * published by it (penalty_general: decision → publish); NULL when none. */
const struct proc_step *pub_publisher_of(const struct proc_def *def, const char *step);

/* Draws ev's publication from the record into p: title and text redacted
 * by rule, the originals, the decision's number, and the status it waits
 * in (prepared, or withheld for a minor party). events: the whole record
 * (ev among it), NULL for the case's stored events; before: the events
 * before ev in that record. Strings are in ctx's arena. */
enum fz_err pub_draw(struct app_ctx *ctx, const struct proc_def *def, const struct enf_case *c,
		     const struct case_event_list *events, const struct case_event_list *before,
		     const struct case_event *ev, struct publication *p, struct fz_error *e)
	FZ_MUST_CHECK;

/* Everything of ev's publication drawn from the record, unredacted: its
 * original title and text and the text of every document ev's step
 * produces (an account of adopted opinions kept beside it too), appended
 * to out. Two records draw the same source exactly when a correction
 * between them leaves the publication as it is. */
enum fz_err pub_source_text(struct app_ctx *ctx, const struct proc_def *def,
			    const struct enf_case *c, const struct case_event_list *events,
			    const struct case_event_list *before, const struct case_event *ev,
			    struct buf *out, struct fz_error *e) FZ_MUST_CHECK;

/* The publication a voiding step sets aside when it voids `voided`: that
 * of the decision event, or (voided a publishes step) the one that step
 * put live. FZ_NOTFOUND when none. */
enum fz_err pub_of_voided(struct app_ctx *ctx, const struct proc_def *def,
			  const struct case_event *voided, struct publication *p, struct fz_error *e)
	FZ_MUST_CHECK;

/* The withdrawal reason prefilled from the voiding step st taken on `on`
 * with its reasons why (may be NULL); in ctx's arena. */
const char *pub_set_aside_reason(struct app_ctx *ctx, const struct proc_step *st, const char *on,
				 const char *why);

/* With the correction corr (not yet stored) appended to events (the
 * case's record before it): redraws every publication still waiting
 * (prepared, withheld) whose text corr changes, in place, audited
 * publication.redraw. Called by app_publication_on_event. */
enum fz_err pub_correction_redraw(struct app_ctx *ctx, const struct proc_def *def,
				  const struct enf_case *c, const struct case_event_list *events,
				  const struct case_event *corr, struct fz_error *e) FZ_MUST_CHECK;

/* The redaction of case c's publications: its party, and what stays
 * verbatim (the agency's name and its collection account) in keep. */
void pub_redact_setup(struct app_ctx *ctx, const struct enf_case *c, const char *keep[2],
		      struct redact_ctx *rc);

/* The reviewer's adjustment in (NULL fields keep p's) applied to the
 * prepared p: title and text (CRLF read as LF) must leave nothing the
 * rules would mask and may differ from p's automatic ones only by spans
 * masked further (pub_adjust_check); p->hand_masked is the number of
 * those spans. FZ_INVALID naming the field, p unchanged. */
enum fz_err pub_adjusted(struct app_ctx *ctx, const struct enf_case *c,
			 const struct publication_confirm *in, struct publication *p,
			 struct fz_error *e) FZ_MUST_CHECK;

#endif
