/* store_complaint.h - complaints (投诉举报, 018_complaints.sql) as the
 * store keeps them; the structs are domain/complaint.h's. With their
 * operations: store.h includes this file twice, first for the types,
 * then inside struct store_ops; nothing else includes it.
 *
 * Scope of a complaint: system-wide sees all; a division (the justice
 * bureau) sees those about an agency of its division; an agency sees
 * those assigned to it (handler_id), never those merely about it. */
#ifndef FZ_STORE_STORE_COMPLAINT_H
#define FZ_STORE_STORE_COMPLAINT_H

#ifndef STORE_LIST
#error "include store/store.h, not store/store_complaint.h"
#endif

#include "domain/complaint.h"

#endif

#ifdef STORE_OPS_BODY
/* The operations: store.h includes this file a second time inside
 * struct store_ops (its conventions are at the top of store.h). */
	/* Complaints (018_complaints.sql; scope in store_complaint.h).
	 * insert sets c->id (FZ_CONFLICT naming agency_id for an unknown
	 * agency, receipt for a receipt taken); update writes the mutable
	 * columns (state, handler, dates, reply, reason); get is scoped;
	 * by_receipt is unscoped (the app checks the phone); list pages with
	 * f, newest first; recent counts the filings of client_key at or
	 * after since. Events are append-only: insert sets ev->id; of gives a
	 * complaint's in order. */
	enum fz_err (*complaint_insert)(struct store *st, struct complaint *c, struct fz_error *e);
	enum fz_err (*complaint_update)(struct store *st, const struct complaint *c,
					struct fz_error *e);
	enum fz_err (*complaint_get)(struct store *st, struct arena *a, const struct scope *sc,
				     int64_t id, struct complaint *out, struct fz_error *e);
	enum fz_err (*complaint_by_receipt)(struct store *st, struct arena *a, const char *receipt,
					    struct complaint *out, struct fz_error *e);
	enum fz_err (*complaint_list)(struct store *st, struct arena *a,
				      const struct complaint_filter *f, const struct scope *sc,
				      struct page pg, struct complaint_list *out, struct fz_error *e);
	enum fz_err (*complaint_recent)(struct store *st, const char *client_key, int64_t since,
					int64_t *n, struct fz_error *e);
	enum fz_err (*complaint_event_insert)(struct store *st, struct complaint_event *ev,
					      struct fz_error *e);
	/* Failed receipt lookups (027): add one of client_key at `at`,
	 * pruning those before `before`; count those at or after since. */
	enum fz_err (*complaint_lookup_add)(struct store *st, const char *client_key, int64_t at,
					    int64_t before, struct fz_error *e);
	enum fz_err (*complaint_lookup_count)(struct store *st, const char *client_key,
					      int64_t since, int64_t *n, struct fz_error *e);
	/* Attachments of a filing (027), append-only: insert sets a->id;
	 * of gives a complaint's in order (the caller checked its scope). */
	enum fz_err (*complaint_attachment_insert)(struct store *st,
						   struct complaint_attachment *att,
						   struct fz_error *e);
	enum fz_err (*complaint_attachments_of)(struct store *st, struct arena *a,
						int64_t complaint_id,
						struct complaint_attachment **items, size_t *n,
						struct fz_error *e);
	enum fz_err (*complaint_event_get)(struct store *st, struct arena *a, int64_t id,
					   struct complaint_event *out, struct fz_error *e);
	enum fz_err (*complaint_events_of)(struct store *st, struct arena *a, int64_t complaint_id,
					   struct complaint_event **items, size_t *n,
					   struct fz_error *e);
#endif /* STORE_OPS_BODY */
