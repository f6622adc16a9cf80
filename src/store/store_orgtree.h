/* store_orgtree.h - the rows of the organisation tree's counts
 * (sqlite_orgtree.c): one grouped query over agencies, units, people,
 * certificates and open cases in a scope, summed by app/orgtree.c into
 * division, agency and unit totals. store.h includes this file twice,
 * first for the types, then inside struct store_ops for the operations;
 * nothing else includes it. */
#ifndef FZ_STORE_STORE_ORGTREE_H
#define FZ_STORE_STORE_ORGTREE_H

#ifndef STORE_LIST
#error "include store/store.h, not store/store_orgtree.h"
#endif

/* What one agency (unit_id 0: the agency itself, or its people without a
 * unit) or one of its units holds. Each row counts one kind of thing;
 * the app adds the rows up. */
struct org_count {
	char division_code[7];
	int64_t agency_id;
	int64_t unit_id;      /* 0 = none */
	int64_t agencies;     /* 1 on the agency's own row */
	int64_t units;        /* 1 on a unit's own row */
	int64_t officers;     /* active people of kind officer */
	int64_t assistants;   /* active people of kind assistant */
	int64_t valid_certs;  /* certificates stored valid, issued_on <= today
	                       * <= valid_until, held by an active person */
	int64_t open_cases;   /* cases not closed (unit_id 0) */
};
STORE_LIST(org_count_list, struct org_count);

#endif

#ifdef STORE_OPS_BODY
/* The operations: store.h includes this file a second time inside
 * struct store_ops (its conventions are at the top of store.h). */
	/* The organisation tree's counts (store_orgtree.h): one row per
	 * agency, unit, and (agency, unit) of active people, of valid
	 * certificates (stored valid, valid_until >= today, an active
	 * holder; placed by the holder's agency and unit) and of open cases
	 * (by agency), every agency in scope, in no particular order. Not
	 * paged: a few rows per unit. NULL or SCOPE_NONE sees nothing. */
	enum fz_err (*org_counts)(struct store *st, struct arena *a, const struct scope *sc,
				  const char *today, struct org_count_list *out,
				  struct fz_error *e);
#endif /* STORE_OPS_BODY */
