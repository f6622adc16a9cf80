/* store_decision.h - filters the store takes for decision catalogues
 * (028_decisions.sql), and their operations: store.h includes this file
 * twice, first for the types, then inside struct store_ops; nothing else
 * includes it. */
#ifndef FZ_STORE_STORE_DECISION_H
#define FZ_STORE_STORE_DECISION_H

#include <stdbool.h>
#include <stdint.h>

#include "domain/decision_catalogue.h"

struct decision_catalogue_filter {
	int64_t agency_id;  /* 0: every agency */
	int year;           /* 0: every year */
	bool approved_only; /* the public sees approved catalogues only */
	/* Staff: only the catalogues of agencies in scope (NULL: every
	 * agency; SCOPE_NONE: none). */
	const struct scope *scope;
	struct id_set only;   /* these catalogues only (an indicator's side) */
	struct list_sort sort; /* enum dcat_sort; 0: newest year first */
};

enum dcat_sort { DCAT_SORT_TITLE = 1, DCAT_SORT_AGENCY, DCAT_SORT_YEAR, DCAT_SORT_APPROVED,
		 DCAT_SORT_COUNT };

#endif

#ifdef STORE_OPS_BODY
/* The operations: store.h includes this file a second time inside
 * struct store_ops (its conventions are at the top of store.h). */
	/* --- decision catalogues (决策事项目录, 028_decisions.sql) --- */
	/* Sets c->id; FZ_CONFLICT when the agency has one for the year. */
	enum fz_err (*decision_catalogue_insert)(struct store *st, struct decision_catalogue *c,
						 struct fz_error *e);
	/* With agency_name and approved_on; FZ_NOTFOUND. */
	enum fz_err (*decision_catalogue_get)(struct store *st, struct arena *a, int64_t id,
					      struct decision_catalogue *out, struct fz_error *e);
	/* Newest year first, then agency. */
	enum fz_err (*decision_catalogue_list)(struct store *st, struct arena *a,
					       const struct decision_catalogue_filter *f,
					       struct page pg, struct decision_catalogue_list *out,
					       struct fz_error *e);
	/* Append-only; sets en->id (en->at 0 = now). The schema refuses a
	 * second approval and an entry after it that is not an adjustment. */
	enum fz_err (*decision_catalogue_entry_insert)(struct store *st,
						       struct decision_catalogue_entry *en,
						       struct fz_error *e);
	enum fz_err (*decision_catalogue_entry_get)(struct store *st, struct arena *a, int64_t id,
						    struct decision_catalogue_entry *out,
						    struct fz_error *e);
	/* A catalogue's entries in the order recorded (at most 2000). */
	enum fz_err (*decision_catalogue_entries)(struct store *st, struct arena *a,
						  int64_t catalogue_id,
						  struct decision_catalogue_entry **items, size_t *n,
						  struct fz_error *e);
	/* The open major decision (not closed, other than except_case) whose
	 * 立项 names catalogue item item_id: its id and number; FZ_NOTFOUND
	 * when there is none (one item, one decision). */
	enum fz_err (*decision_item_open_case)(struct store *st, struct arena *a, int64_t item_id,
					       int64_t except_case, int64_t *case_id,
					       const char **number, struct fz_error *e);
#endif /* STORE_OPS_BODY */
