/* store_org.h - divisions, agencies, units and people (officers and
 * assistants) as the store keeps them, with the reviewer ratio per agency
 * (001_init.sql). Scope applies through the agency.
 * store.h includes this file twice: first for the types, then inside
 * struct store_ops for the operations; nothing else includes it. */
#ifndef FZ_STORE_STORE_ORG_H
#define FZ_STORE_STORE_ORG_H

#ifndef STORE_LIST
#error "include store/store.h, not store/store_org.h"
#endif

/* The orders of the people list (struct list_sort is in domain/model.h). */
enum person_sort { PERSON_SORT_NAME = 1, PERSON_SORT_AGENCY, PERSON_SORT_KIND,
		   PERSON_SORT_REVIEWER, PERSON_SORT_ACTIVE };
STORE_LIST(division_list, struct division);
STORE_LIST(agency_list, struct agency);
STORE_LIST(unit_list, struct unit);
STORE_LIST(person_list, struct person);
/* Filters: a zero / NULL / "" member means "any". */
struct agency_filter {
	const char *division_code; /* exact */
	const char *kind;
	const char *q;             /* substring of name */
};

struct person_filter {
	int64_t agency_id;
	int64_t unit_id;
	int kind;                  /* enum person_kind or 0 */
	int is_reviewer;           /* 0 (or -1) any, 1 reviewers only,
	                            * 2 non-reviewers only */
	const char *q;             /* substring of name */
	struct list_sort sort;     /* enum person_sort */
};

/* Per-agency counts for the 5% reviewer check. */
struct reviewer_ratio {
	int64_t agency_id;
	char *agency_name;
	int64_t officers;  /* active persons of kind OFFICER */
	int64_t reviewers; /* active OFFICER persons marked is_reviewer */
};
STORE_LIST(reviewer_ratio_list, struct reviewer_ratio);

#endif

#ifdef STORE_OPS_BODY
/* The operations: store.h includes this file a second time inside
 * struct store_ops (its conventions are at the top of store.h). */
	/* Divisions: keyed by code. put inserts or updates; the parent must
	 * be put first (FZ_CONFLICT, field parent_code). */
	enum fz_err (*division_put)(struct store *st, const struct division *d,
				    struct fz_error *e);
	enum fz_err (*division_get)(struct store *st, struct arena *a, const char *code,
				    struct division *out, struct fz_error *e);
	/* parent "" lists provinces; NULL lists all. */
	enum fz_err (*division_list)(struct store *st, struct arena *a, const char *parent,
				     struct page pg, struct division_list *out,
				     struct fz_error *e);

	/* Agencies. insert and update write every field, the document
	 * settings (doc_code, court, payment_bank, payment_account,
	 * reconsideration) included: a NULL one is stored as "" (not set),
	 * and get and list return "" for it, never NULL. The backend checks
	 * no format: that is the app's (org_doc_code_check ...). */
	enum fz_err (*agency_insert)(struct store *st, struct agency *ag, struct fz_error *e);
	enum fz_err (*agency_update)(struct store *st, struct agency *ag, struct fz_error *e);
	enum fz_err (*agency_get)(struct store *st, struct arena *a, const struct scope *sc,
				  int64_t id, struct agency *out, struct fz_error *e);
	enum fz_err (*agency_list)(struct store *st, struct arena *a, const struct scope *sc,
				   const struct agency_filter *f, struct page pg,
				   struct agency_list *out, struct fz_error *e);

	/* Units: scope applies through the unit's agency. unit_list with
	 * agency_id 0 lists the units of every agency in scope. */
	enum fz_err (*unit_insert)(struct store *st, struct unit *u, struct fz_error *e);
	enum fz_err (*unit_update)(struct store *st, struct unit *u, struct fz_error *e);
	enum fz_err (*unit_get)(struct store *st, struct arena *a, const struct scope *sc,
				int64_t id, struct unit *out, struct fz_error *e);
	enum fz_err (*unit_list)(struct store *st, struct arena *a, const struct scope *sc,
				 int64_t agency_id, struct page pg, struct unit_list *out,
				 struct fz_error *e);

	/* People (officers and assistants) */
	enum fz_err (*person_insert)(struct store *st, struct person *p, struct fz_error *e);
	enum fz_err (*person_update)(struct store *st, struct person *p, struct fz_error *e);
	enum fz_err (*person_get)(struct store *st, struct arena *a, const struct scope *sc,
				  int64_t id, struct person *out, struct fz_error *e);
	enum fz_err (*person_list)(struct store *st, struct arena *a, const struct scope *sc,
				   const struct person_filter *f, struct page pg,
				   struct person_list *out, struct fz_error *e);
	enum fz_err (*reviewer_ratios)(struct store *st, struct arena *a,
				       const struct scope *sc, struct page pg,
				       struct reviewer_ratio_list *out, struct fz_error *e);
#endif /* STORE_OPS_BODY */
