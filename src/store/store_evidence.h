/* store_evidence.h - evidence metadata, append-only, and the bytes an
 * agency holds.
 * store.h includes this file twice: first for the types, then inside
 * struct store_ops for the operations; nothing else includes it. */
#ifndef FZ_STORE_STORE_EVIDENCE_H
#define FZ_STORE_STORE_EVIDENCE_H

#ifndef STORE_LIST
#error "include store/store.h, not store/store_evidence.h"
#endif

STORE_LIST(evidence_list, struct evidence);

#endif

#ifdef STORE_OPS_BODY
/* The operations: store.h includes this file a second time inside
 * struct store_ops (its conventions are at the top of store.h). */
	/* Bytes of evidence registered in the agency's cases, and its own
	 * quota in bytes (-1 when it has none: the configured default
	 * applies). */
	enum fz_err (*agency_evidence_usage)(struct store *st, int64_t agency_id, int64_t *used,
					     int64_t *quota, struct fz_error *e);

	/* Evidence metadata: append-only. insert sets ev->id (uploaded_at 0
	 * = now); a missing case or uploader is FZ_CONFLICT (case_id,
	 * uploaded_by). get and list are scoped through the case's agency;
	 * list gives one case's evidence in id order. */
	enum fz_err (*evidence_insert)(struct store *st, struct evidence *ev, struct fz_error *e);
	enum fz_err (*evidence_get)(struct store *st, struct arena *a, const struct scope *sc,
				    int64_t id, struct evidence *out, struct fz_error *e);
	enum fz_err (*evidence_list)(struct store *st, struct arena *a, const struct scope *sc,
				     int64_t case_id, struct page pg, struct evidence_list *out,
				     struct fz_error *e);
#endif /* STORE_OPS_BODY */
