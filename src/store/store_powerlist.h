/* store_powerlist.h - the rows the store gives for the power-and-
 * responsibility list (权责清单, 017_power_lists.sql), and their
 * operations: store.h includes this file twice, first for the types,
 * then inside struct store_ops; nothing else includes it. */
#ifndef FZ_STORE_STORE_POWERLIST_H
#define FZ_STORE_STORE_POWERLIST_H

#include <stddef.h>
#include <stdint.h>

#include "domain/powerlist.h"

/* A page of versions (without their items), newest version first. */
struct power_list_list {
	struct power_list *items;
	size_t n;
	int64_t total;
};

/* One agency as the portal shows it: counts of what is public about it. */
struct agency_public_counts {
	int64_t officers;      /* holders of a certificate valid today */
	int64_t powers;        /* powers of the version in force today */
	int64_t power_version; /* that version's number, 0 when none */
	int64_t guides;        /* powers of that version with a service guide */
};

#endif

#ifdef STORE_OPS_BODY
/* The operations: store.h includes this file a second time inside
 * struct store_ops (its conventions are at the top of store.h). */
	/* 017_power_lists.sql, the power-and-responsibility list (权责清单).
	 * Unscoped rows: the app applies the caller's scope. insert makes a
	 * draft (the agency's next version number; a second draft of an
	 * agency is FZ_CONFLICT) and sets id and version; items_replace
	 * replaces a draft's powers (seq from 1) and note_set its note: a
	 * published version is FZ_FORBIDDEN (the triggers refuse it);
	 * publish turns a draft into a published version with pl's
	 * effective_on, published_on/at, backdate_reason and publisher
	 * (FZ_FORBIDDEN when it is no longer a draft). get reads one with
	 * its items (FZ_NOTFOUND); list pages an agency's versions newest
	 * first, drafts only with published_only false; in_force reads the
	 * published version with the latest effective_on on or before on,
	 * with its items (FZ_NOTFOUND when none); draft_of an agency's
	 * draft (FZ_NOTFOUND). */
	enum fz_err (*power_list_insert)(struct store *st, struct power_list *pl,
					 struct fz_error *e);
	enum fz_err (*power_items_replace)(struct store *st, int64_t list_id,
					   const struct power_item *items, size_t n,
					   struct fz_error *e);
	enum fz_err (*power_list_note_set)(struct store *st, int64_t list_id, const char *note,
					   struct fz_error *e);
	enum fz_err (*power_list_publish)(struct store *st, const struct power_list *pl,
					  struct fz_error *e);
	enum fz_err (*power_list_get)(struct store *st, struct arena *a, int64_t id,
				      struct power_list *out, struct fz_error *e);
	enum fz_err (*power_list_list)(struct store *st, struct arena *a, int64_t agency_id,
				       bool published_only, struct page pg,
				       struct power_list_list *out, struct fz_error *e);
	enum fz_err (*power_list_in_force)(struct store *st, struct arena *a, int64_t agency_id,
					   const char *on, struct power_list *out,
					   struct fz_error *e);
	enum fz_err (*power_list_draft_of)(struct store *st, struct arena *a, int64_t agency_id,
					   struct power_list *out, struct fz_error *e);
	/* What the portal counts for an agency on day today. */
	enum fz_err (*agency_public_counts)(struct store *st, int64_t agency_id,
					    const char *today, struct agency_public_counts *out,
					    struct fz_error *e);
#endif /* STORE_OPS_BODY */
