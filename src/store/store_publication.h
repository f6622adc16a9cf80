/* store_publication.h - publications (012_publications.sql): unscoped
 * rows with their publish and withdraw records.
 * store.h includes this file twice: first for the types, then inside
 * struct store_ops for the operations; nothing else includes it. */
#ifndef FZ_STORE_STORE_PUBLICATION_H
#define FZ_STORE_STORE_PUBLICATION_H

#ifndef STORE_LIST
#error "include store/store.h, not store/store_publication.h"
#endif

#endif

#ifdef STORE_OPS_BODY
/* The operations: store.h includes this file a second time inside
 * struct store_ops (its conventions are at the top of store.h). */
	/* 012_publications.sql. Publications are unscoped rows: the app
	 * applies the caller's scope (app/publication.c) and the portal
	 * shows only public statuses. publication_insert sets p->id;
	 * publication_update writes the mutable columns (status, title, text,
	 * dates, withdrawal; the original title and text when not NULL: a
	 * waiting text redrawn after a correction); publication_by_event finds the publication of a
	 * decision's event (FZ_NOTFOUND when none); publication_list pages
	 * with f (ordered by published_on, or withdrawn_on when
	 * f->withdrawn_only, then id); publication_event_insert appends what
	 * the public saw (kind 7 leaves) and sets ev->id. */
	enum fz_err (*publication_insert)(struct store *st, struct publication *p,
					  struct fz_error *e);
	enum fz_err (*publication_update)(struct store *st, const struct publication *p,
					  struct fz_error *e);
	enum fz_err (*publication_get)(struct store *st, struct arena *a, int64_t id,
				       struct publication *out, struct fz_error *e);
	enum fz_err (*publication_by_event)(struct store *st, struct arena *a, int64_t event_id,
					    struct publication *out, struct fz_error *e);
	enum fz_err (*publication_list)(struct store *st, struct arena *a,
					const struct publication_filter *f, const struct scope *sc,
					struct page pg, struct publication_list *out,
					struct fz_error *e);
	enum fz_err (*publication_event_insert)(struct store *st, struct publication_event *ev,
						struct fz_error *e);
	enum fz_err (*publication_event_get)(struct store *st, struct arena *a, int64_t id,
					     struct publication_event *out, struct fz_error *e);
	/* Every publish and withdraw record of a publication, in order. */
	enum fz_err (*publication_events_of)(struct store *st, struct arena *a,
					     int64_t publication_id,
					     struct publication_event **items, size_t *n,
					     struct fz_error *e);
#endif /* STORE_OPS_BODY */
