/* store_document.h - generated documents (执法文书, 005_documents.sql):
 * their metadata and gapless numbers.
 * store.h includes this file twice: first for the types, then inside
 * struct store_ops for the operations; nothing else includes it. */
#ifndef FZ_STORE_STORE_DOCUMENT_H
#define FZ_STORE_STORE_DOCUMENT_H

#ifndef STORE_LIST
#error "include store/store.h, not store/store_document.h"
#endif

STORE_LIST(case_document_list, struct case_document);

#endif

#ifdef STORE_OPS_BODY
/* The operations: store.h includes this file a second time inside
 * struct store_ops (its conventions are at the top of store.h). */
	/* Generated documents (执法文书, 005_documents.sql): metadata, the
	 * bytes being a file in the data directory. document_number_next
	 * takes the next number of the series (agency, year, code: 1, 2, 3
	 * ...) and, like case_insert, gives it back when the caller's write
	 * transaction rolls back: call it inside that transaction, which
	 * serialises concurrent writers, and numbers have neither gaps nor
	 * duplicates. FZ_INVALID for a code "" or over 64 bytes or a year
	 * outside 1..9999; FZ_CONFLICT (agency_id) for a missing agency. */
	enum fz_err (*document_number_next)(struct store *st, int64_t agency_id, int year,
					    const char *code, int64_t *n, struct fz_error *e);
	/* The number document_number_next would take now, taking nothing:
	 * a guess to draw a document with before the write transaction
	 * (app/document_make.c checks it there). Same errors. */
	enum fz_err (*document_number_peek)(struct store *st, int64_t agency_id, int year,
					    const char *code, int64_t *n, struct fz_error *e);
	/* Stores d and sets d->id, d->agency_id (the case's) and created_at
	 * (0 = now). Append-only: the backend refuses UPDATE and DELETE.
	 * Required: kind, title, digest (lower-case hex), size >= 0, pages
	 * >= 1 (FZ_INVALID naming the field); number NULL is stored as "".
	 * FZ_CONFLICT naming case_id (no such case), event_id (not an event
	 * of that case), kind (the event already has one of this kind) or
	 * number (the agency already has a document with it). */
	enum fz_err (*document_insert)(struct store *st, struct case_document *d,
				       struct fz_error *e);
	/* Scoped through the case's agency, like the case. */
	enum fz_err (*document_get)(struct store *st, struct arena *a, const struct scope *sc,
				    int64_t id, struct case_document *out, struct fz_error *e);
	/* Every document of a case in id order; a case outside the scope
	 * (or missing) is FZ_NOTFOUND. */
	enum fz_err (*document_list)(struct store *st, struct arena *a, const struct scope *sc,
				     int64_t case_id, struct case_document_list *out,
				     struct fz_error *e);
#endif /* STORE_OPS_BODY */
