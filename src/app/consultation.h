/* consultation.h - public comment on a draft (公开征求意见) as use cases.
 * A matter's comment period is open while it has a comment_open step and
 * no comment_close after it (keyed by those step names, never by
 * procedure: every definition that names them gets the portal). While
 * open, the portal shows the draft and its explanation as they stood at
 * comment_open, and anyone may send a comment (no sign-in; size and
 * per-address limits; a receipt number). The drafting unit sees every
 * comment with its sender, hides one from the portal with a reason
 * (never deletes it), shows it again, and records whether each was
 * adopted; comment_close is refused while a shown comment has no
 * adoption decision, and the account of adoption it records
 * (comment_summary, 采纳情况说明) is published with the counts. Each
 * comment and each handling action is an event: a ledger leaf (kind 12)
 * and an audit record. docs/RULEMAKING.md, "Public comment". */
#ifndef FZ_APP_CONSULTATION_H
#define FZ_APP_CONSULTATION_H

#include "app/app.h"
#include "domain/case.h"
#include "domain/consultation.h"

/* Comments one address may send in COMMENT_RATE_WINDOW seconds, over
 * every consultation: enough for an office behind one address, too few
 * to flood a drafting unit. */
#define COMMENT_RATE_MAX 10
#define COMMENT_RATE_WINDOW 86400

/* One comment period of a matter as the public sees it. Strings in the
 * arena; "" when absent. */
struct consultation {
	int64_t case_id;
	int64_t open_event;
	const char *title;       /* the matter's title (the document's name) */
	const char *agency;      /* the drafting unit */
	const char *number;      /* the matter's number (规草…) */
	char opened_on[FZ_DATE_LEN];
	char ends_on[FZ_DATE_LEN];   /* the period's last day by its clock ("" if
	                              * it has none) — the least it runs; it is
	                              * open until comment_close */
	bool ends_provisional;
	const char *period_label;    /* the clock's label */
	bool open;
	char closed_on[FZ_DATE_LEN]; /* comment_close's day, "" while open */
	const char *channel;         /* comment_channel */
	const char *draft;           /* the draft version at comment_open */
	const char *explanation;     /* its explanation (起草说明) */
	int version;                 /* its number (1, 2 ...) */
	const char *summary;         /* comment_summary (采纳情况说明), once closed */
	struct comment_counts counts;
};
STORE_LIST(consultation_list, struct consultation);

/* The open (open true) or closed periods, the latest first. Public. */
enum fz_err app_consultation_list(struct app_ctx *ctx, bool open, struct page pg,
				  struct consultation_list *out, struct fz_error *e)
	FZ_MUST_CHECK;

/* Matter case_id's latest period. Public; FZ_NOTFOUND when the matter
 * never opened one (or does not exist). */
enum fz_err app_consultation_get(struct app_ctx *ctx, int64_t case_id, struct consultation *out,
				 struct fz_error *e) FZ_MUST_CHECK;

/* A comment from anyone on matter case_id's open period: FZ_INVALID
 * naming the field (domain/consultation.h's checks); FZ_CONFLICT naming
 * case_id when the period is closed (with the day it closed) or the
 * matter ended; FZ_NOTFOUND when it never opened; FZ_RATELIMIT past
 * COMMENT_RATE_MAX comments of one address in a day. Nothing is stored on
 * any error. out: the stored comment with its receipt. */
enum fz_err app_comment_submit(struct app_ctx *ctx, int64_t case_id, const struct comment_input *in,
			       struct public_comment *out, struct fz_error *e) FZ_MUST_CHECK;

/* A page of the period's comments in the order received. staff false:
 * the public's view — only those shown, without name or contact, by
 * anyone. staff true: every comment with its sender and standing, for
 * an account that may read the matter (its scope; FZ_NOTFOUND outside
 * it). counts (may be NULL) gets the counts over all of them. */
enum fz_err app_comment_list(struct app_ctx *ctx, int64_t case_id, bool staff, struct page pg,
			     struct public_comment_list *out, struct comment_counts *counts,
			     struct fz_error *e) FZ_MUST_CHECK;

/* One comment with its events (the staff view). */
enum fz_err app_comment_get(struct app_ctx *ctx, int64_t case_id, int64_t comment_id,
			    struct public_comment *out, struct comment_event **events,
			    size_t *nevents, struct fz_error *e) FZ_MUST_CHECK;

/* Whether the signed-in account may handle the matter's comments: an
 * officer or head (the roles of comment_open) whose scope holds it. */
bool app_comment_may_handle(const struct app_ctx *ctx);

/* A handling action on a comment of case_id: hide (with a reason; it
 * stays in the record, shown to staff with who hid it and why), show
 * again (with a reason), adopt, partly or not_adopt (a reason required
 * for not_adopt). FZ_FORBIDDEN for an account that may not handle
 * comments; FZ_NOTFOUND outside scope; FZ_CONFLICT naming action for
 * what the comment's standing makes pointless (hiding a hidden one,
 * showing a shown one), and for an adoption after comment_close.
 * FZ_INVALID naming the field. One transaction: event, leaf, audit. */
enum fz_err app_comment_act(struct app_ctx *ctx, int64_t case_id, int64_t comment_id,
			    enum comment_action action, const char *reason,
			    struct public_comment *out, struct fz_error *e) FZ_MUST_CHECK;

/* Called by the engine's step transaction (app/case.c) before a
 * comment_close of case_id is recorded: FZ_CONFLICT while a comment
 * shown on the portal has no adoption decision, naming how many. */
enum fz_err app_comment_close_check(struct app_ctx *ctx, int64_t case_id, struct fz_error *e)
	FZ_MUST_CHECK;

/* --- review requests (审查建议) --- */

/* A member of the public asks for published normative document case_id
 * to be reviewed: in->body says what and why (REVIEW_BODY_MAX), name and
 * contact optional. The document must be published and not repealed,
 * declared invalid or expired (FZ_CONFLICT naming case_id), else
 * FZ_NOTFOUND. The same per-address limit as comments. out gets the
 * receipt ("SC…") and the day the answer is due: review_request_period
 * from config.txt (60 days, U) on the clock. One transaction: row,
 * event, leaf (kind 12), audit. */
enum fz_err app_review_request_submit(struct app_ctx *ctx, int64_t case_id,
				      const struct comment_input *in, struct public_comment *out,
				      struct fz_error *e) FZ_MUST_CHECK;

/* The justice bureau's inbox: review requests about the documents of
 * agencies in the caller's scope, unanswered only when open_only,
 * earliest due first. FZ_FORBIDDEN unless a supervisor. */
enum fz_err app_review_request_list(struct app_ctx *ctx, bool open_only, struct page pg,
				    struct public_comment_list *out, struct fz_error *e)
	FZ_MUST_CHECK;

/* The supervisor answers request id (in scope, FZ_NOTFOUND outside;
 * FZ_CONFLICT when already answered); text required. */
enum fz_err app_review_request_answer(struct app_ctx *ctx, int64_t id, const char *text,
				      struct public_comment *out, struct fz_error *e)
	FZ_MUST_CHECK;

/* The public's view by receipt (as typed): the request with its due day
 * and answer, without name or contact. FZ_INVALID (receipt) for a
 * malformed one, FZ_NOTFOUND for one unknown. */
enum fz_err app_review_request_track(struct app_ctx *ctx, const char *receipt,
				     struct public_comment *out, struct fz_error *e)
	FZ_MUST_CHECK;

#endif
