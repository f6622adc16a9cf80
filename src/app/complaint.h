/* complaint.h - complaints about enforcement (投诉举报) as use cases: filed
 * by the public on the portal (no sign-in; rate-limited per address) or
 * entered by the justice bureau with its channel; accepted and assigned
 * to the responsible agency (or kept by the bureau), or refused with a
 * reason; answered by the agency's head or legal reviewer; returned by
 * the bureau with a reason or closed. Every change is an event (ledger
 * kind 9) and an audit record; the row's due dates come from the one
 * clock with the province's complaint periods (U, config.txt). The
 * public tracks a complaint with its receipt number (and the last four
 * digits of the phone it gave). docs/COMPLAINTS.md. */
#ifndef FZ_APP_COMPLAINT_H
#define FZ_APP_COMPLAINT_H

#include "app/app.h"
#include "domain/complaint.h"

/* Filings one client address may make in COMPLAINT_RATE_WINDOW seconds:
 * enough for a family behind one address, too few to flood the bureau. */
#define COMPLAINT_RATE_MAX 5
#define COMPLAINT_RATE_WINDOW 86400
/* Receipt lookups that found nothing one client address may make in
 * COMPLAINT_TRACK_WINDOW seconds: a person who mistypes retries a few
 * times; trying the 10 000 last-four-digit combinations of a phone would
 * take a thousand hours from one address. Our choice (no rule sets it). */
#define COMPLAINT_TRACK_FAIL_MAX 10
#define COMPLAINT_TRACK_WINDOW 3600

/* A complaint filed on the portal by anyone: in->channel and
 * in->received_on are ignored (portal, today). FZ_INVALID naming the
 * field with a Chinese message (an unknown agency: agency_id);
 * FZ_RATELIMIT past COMPLAINT_RATE_MAX filings of one address in a day.
 * Nothing is stored on any error. out: the stored complaint with its
 * receipt number and acceptance due date. */
enum fz_err app_complaint_file(struct app_ctx *ctx, const struct complaint_input *in,
			       struct complaint *out, struct fz_error *e) FZ_MUST_CHECK;

/* A file received with a filing (http/stream_form.c): the name as sent
 * (a path's last part is kept) and the finished upload (digest, size,
 * first bytes). */
struct evidence_upload;
struct complaint_file {
	const char *name;
	struct evidence_upload *up;
};
/* app_complaint_file with files attached: at most CMP_FILES_MAX, each
 * 1..CMP_FILE_MAX bytes, CMP_FILES_TOTAL_MAX in all, a JPEG, PNG or PDF
 * by its content with a name that fits it (complaint_attachment_name_check);
 * else FZ_INVALID or FZ_TOOLARGE naming "files", with nothing stored.
 * Each is stored content-addressed like evidence and listed, with its
 * digest, in the filing's event (so under its ledger leaf). The uploads'
 * temporary files are gone afterwards, whatever happened. */
enum fz_err app_complaint_file_with(struct app_ctx *ctx, const struct complaint_input *in,
				    struct complaint_file *files, size_t nfiles,
				    struct complaint *out, struct fz_error *e) FZ_MUST_CHECK;
/* FZ_RATELIMIT (with the Chinese answer) when ctx's address has filed
 * COMPLAINT_RATE_MAX complaints in the window: asked before a body with
 * files is read, so that nothing is received for nothing. */
enum fz_err app_complaint_rate_check(struct app_ctx *ctx, struct fz_error *e) FZ_MUST_CHECK;
/* The files of complaint id, in the caller's scope (app_complaint_get's:
 * the bureau and the responsible agency; FZ_NOTFOUND otherwise). */
enum fz_err app_complaint_attachments(struct app_ctx *ctx, int64_t id,
				      struct complaint_attachment **items, size_t *n,
				      struct fz_error *e) FZ_MUST_CHECK;
/* Opens attachment att_id of complaint id for reading (same scope): *fd
 * the file (the caller closes it), out its row. FZ_NOTFOUND for another
 * complaint's; FZ_IO when the stored file is missing. */
enum fz_err app_complaint_attachment_open(struct app_ctx *ctx, int64_t id, int64_t att_id,
					  struct complaint_attachment *out, int *fd,
					  struct fz_error *e) FZ_MUST_CHECK;

/* The agencies the public may complain about (their names are public:
 * 事前公开 of enforcement bodies): every active agency, up to 200. */
enum fz_err app_complaint_agencies(struct app_ctx *ctx, struct agency_list *out,
				   struct fz_error *e) FZ_MUST_CHECK;

/* A complaint received by phone, letter, the 12345 hotline or a visit,
 * entered by the justice bureau (supervisor) for an agency in its scope:
 * in->channel is required (not portal), in->received_on (default today)
 * not after today. */
enum fz_err app_complaint_enter(struct app_ctx *ctx, const struct complaint_input *in,
				struct complaint *out, struct fz_error *e) FZ_MUST_CHECK;

/* One complaint in the caller's scope (FZ_NOTFOUND outside it), with its
 * events (may be NULL). */
enum fz_err app_complaint_get(struct app_ctx *ctx, int64_t id, struct complaint *out,
			      struct complaint_event **events, size_t *nevents,
			      struct fz_error *e) FZ_MUST_CHECK;

/* A page of complaints in the caller's scope, newest first. */
enum fz_err app_complaint_list(struct app_ctx *ctx, const struct complaint_filter *f,
			       struct page pg, struct complaint_list *out, struct fz_error *e)
	FZ_MUST_CHECK;

/* The public's view of its complaint: receipt (as typed) and, when the
 * complaint gave a phone, its last four digits. Whatever does not match —
 * a receipt unknown, well-formed or not, or the wrong digits — is the same
 * FZ_NOTFOUND with the same message, so that an answer says nothing about
 * another person's complaint. A malformed receipt is FZ_INVALID
 * (receipt): a typo, told at once. Each such failure is counted for the
 * client address; past COMPLAINT_TRACK_FAIL_MAX of them in
 * COMPLAINT_TRACK_WINDOW the lookup is FZ_RATELIMIT (field "rate") before
 * anything is looked up, right receipt or not. */
enum fz_err app_complaint_track(struct app_ctx *ctx, const char *receipt, const char *phone4,
				struct complaint *out, struct fz_error *e) FZ_MUST_CHECK;

/* One handling action. on: the day it happened (default today; not
 * after today, not before the complaint was received or its last
 * action). agency_id: accept: the responsible agency (its own agency to
 * keep it). text: reject/return: the reason; reply: the answer. */
struct complaint_act {
	enum complaint_action action;
	const char *on;
	int64_t agency_id;
	const char *text;
};

/* Takes the action: the caller's role and agency must allow it
 * (complaint_role_may; FZ_FORBIDDEN), the state must allow it
 * (FZ_CONFLICT naming state), the input must be whole (FZ_INVALID naming
 * the field). One transaction: row, event, ledger leaf, audit. out (may
 * be NULL) gets the complaint after it. */
enum fz_err app_complaint_act(struct app_ctx *ctx, int64_t id, const struct complaint_act *in,
			      struct complaint *out, struct fz_error *e) FZ_MUST_CHECK;

/* Whether the signed-in user may take action a on c now (the pages offer
 * only these). */
bool app_complaint_may(const struct app_ctx *ctx, const struct complaint *c,
		       enum complaint_action a);

/* The workbench's and alerts' numbers for the caller: complaints waiting
 * for the caller's own action, and those of them overdue. */
struct complaint_counts {
	int64_t waiting;
	int64_t overdue;
	int64_t due_soon;   /* due within COMPLAINT_DUE_SOON_DAYS, not overdue */
};
#define COMPLAINT_DUE_SOON_DAYS 3
enum fz_err app_complaint_counts(struct app_ctx *ctx, struct complaint_counts *out,
				 struct fz_error *e) FZ_MUST_CHECK;

/* The filter of "waiting for me" for the caller: the bureau, what is
 * received or replied in its scope, and what it handles itself; an
 * agency, what is assigned to it. Sets f->bureau_turn or f->handler_id
 * and f->state accordingly. */
void app_complaint_mine(const struct app_ctx *ctx, struct complaint_filter *f);

#endif
