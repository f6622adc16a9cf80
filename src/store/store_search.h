/* store_search.h - full-text search over published items
 * (014_search.sql).
 * store.h includes this file twice: first for the types, then inside
 * struct store_ops for the operations; nothing else includes it. */
#ifndef FZ_STORE_STORE_SEARCH_H
#define FZ_STORE_STORE_SEARCH_H

#ifndef STORE_LIST
#error "include store/store.h, not store/store_search.h"
#endif

#endif

#ifdef STORE_OPS_BODY
/* The operations: store.h includes this file a second time inside
 * struct store_ops (its conventions are at the top of store.h). */
	/* Full-text search over published items (014_search.sql). put
	 * stores it (replacing the item of the same kind and ref_id) and sets
	 * it->id, which orders by date; FZ_INVALID naming the field for a
	 * missing kind, title or body, a ref_id or agency_id below 1 or a
	 * date before 1970; a failure inside the caller's transaction leaves
	 * it to roll back. remove is FZ_OK when there was none. query reads
	 * one page of matches newest first (q->limit, clamped to 1..100)
	 * and says whether more follow; strings in a. */
	enum fz_err (*search_put)(struct store *st, struct search_item *it, struct fz_error *e);
	enum fz_err (*search_remove)(struct store *st, const char *kind, int64_t ref_id,
				     struct fz_error *e);
	enum fz_err (*search_query)(struct store *st, struct arena *a,
				    const struct search_query *q, struct search_item_list *out,
				    struct fz_error *e);
#endif /* STORE_OPS_BODY */
