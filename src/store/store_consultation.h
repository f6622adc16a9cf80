/* store_consultation.h - public comment on a draft (公开征求意见,
 * 029_public_comments.sql) as the store keeps it; the structs are
 * domain/consultation.h's. store.h includes this file twice, first
 * for the types, then inside struct store_ops for the operations;
 * nothing else includes it.
 *
 * Nothing here is scoped: a consultation is public once its comment_open
 * step is recorded; the app checks the case's scope before showing a
 * comment's sender to staff. */
#ifndef FZ_STORE_STORE_CONSULTATION_H
#define FZ_STORE_STORE_CONSULTATION_H

#ifndef STORE_LIST
#error "include store/store.h, not store/store_consultation.h"
#endif

#include "domain/consultation.h"

STORE_LIST(public_comment_list, struct public_comment);

/* One comment period of a matter: its comment_open event and, once
 * closed, the comment_close event after it (0 while open). */
struct consultation_ref {
	int64_t case_id;
	int64_t open_event;
	int64_t close_event;
	int64_t opened_at;
};
STORE_LIST(consultation_ref_list, struct consultation_ref);

#endif

#ifdef STORE_OPS_BODY
/* The operations: store.h includes this file a second time inside
 * struct store_ops (its conventions are at the top of store.h). */
	/* Public comment on drafts (029_public_comments.sql,
	 * store_consultation.h). consultations: the periods of every matter,
	 * open (a comment_open with no comment_close after it) or closed,
	 * the latest opened first; consultation_of: case_id's latest period
	 * (FZ_NOTFOUND when it never had one). Comments and their events are
	 * append-only: inserts set the id (FZ_CONFLICT naming receipt for a
	 * receipt taken). comments_of: a period's comments in order with
	 * their standing, only the shown ones when shown_only; counts over
	 * all of them. recent: comments sent from client_key at or after
	 * since. A review request (审查建议) is a comment of kind review
	 * whose open_event is the document's publish event: by_receipt finds
	 * one of either kind (unscoped: the app shows the public only what
	 * is theirs to see); review_list pages review requests about the
	 * documents of agencies in sc (unanswered only when open_only),
	 * earliest due first. */
	enum fz_err (*consultations)(struct store *st, struct arena *a, bool open, struct page pg,
				     struct consultation_ref_list *out, struct fz_error *e);
	enum fz_err (*consultation_of)(struct store *st, int64_t case_id,
				       struct consultation_ref *out, struct fz_error *e);
	enum fz_err (*comment_insert)(struct store *st, struct public_comment *c,
				      struct fz_error *e);
	enum fz_err (*comment_get)(struct store *st, struct arena *a, int64_t id,
				   struct public_comment *out, struct fz_error *e);
	enum fz_err (*comments_of)(struct store *st, struct arena *a, int64_t open_event,
				   bool shown_only, struct page pg, struct public_comment_list *out,
				   struct fz_error *e);
	enum fz_err (*comment_counts)(struct store *st, struct arena *a, int64_t open_event,
				      struct comment_counts *out, struct fz_error *e);
	enum fz_err (*comment_recent)(struct store *st, const char *client_key, int64_t since,
				      int64_t *n, struct fz_error *e);
	enum fz_err (*comment_event_insert)(struct store *st, struct comment_event *ev,
					    struct fz_error *e);
	enum fz_err (*comment_event_get)(struct store *st, struct arena *a, int64_t id,
					 struct comment_event *out, struct fz_error *e);
	enum fz_err (*comment_events_of)(struct store *st, struct arena *a, int64_t comment_id,
					 struct comment_event **items, size_t *n,
					 struct fz_error *e);
	enum fz_err (*comment_by_receipt)(struct store *st, struct arena *a, const char *receipt,
					  struct public_comment *out, struct fz_error *e);
	enum fz_err (*review_list)(struct store *st, struct arena *a, const struct scope *sc,
				   bool open_only, struct page pg, struct public_comment_list *out,
				   struct fz_error *e);
#endif /* STORE_OPS_BODY */
