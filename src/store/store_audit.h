/* store_audit.h - the audit log: append-only records with their
 * field changes, kept for the retention the config sets.
 * store.h includes this file twice: first for the types, then inside
 * struct store_ops for the operations; nothing else includes it. */
#ifndef FZ_STORE_STORE_AUDIT_H
#define FZ_STORE_STORE_AUDIT_H

#ifndef STORE_LIST
#error "include store/store.h, not store/store_audit.h"
#endif

/* The orders of the audit log (struct list_sort is in domain/model.h). */
enum audit_sort { AUDIT_SORT_AT = 1, AUDIT_SORT_ACTOR, AUDIT_SORT_ACTION,
		  AUDIT_SORT_OBJECT, AUDIT_SORT_RESULT };
STORE_LIST(audit_list, struct audit_entry);
STORE_LIST(audit_change_list, struct audit_change);
/* Filters: a zero / NULL / "" member means "any". */
struct audit_filter {
	int64_t from;              /* at >= from, 0 = any */
	int64_t to;                /* at < to, 0 = any */
	int64_t actor_id;          /* 0 = any */
	const char *actor;         /* exact username or display name */
	const char *action;        /* exact, or prefix when it ends in '.' */
	const char *object_type;
	const char *object_id;
	const char *result;
	struct list_sort sort;     /* enum audit_sort */
};

#endif

#ifdef STORE_OPS_BODY
/* The operations: store.h includes this file a second time inside
 * struct store_ops (its conventions are at the top of store.h). */
	/* Audit log: append-only. The backend itself refuses UPDATE and any
	 * DELETE of records younger than the retention period. append writes
	 * the record and its changes atomically; action and result ("ok",
	 * "denied", "failed") are required, other NULL strings are stored as
	 * "". */
	enum fz_err (*audit_append)(struct store *st, struct audit_entry *ent,
				    const struct audit_change *changes, size_t nchanges,
				    struct fz_error *e);
	enum fz_err (*audit_list)(struct store *st, struct arena *a, const struct audit_filter *f,
				  struct page pg, struct audit_list *out, struct fz_error *e);
	enum fz_err (*audit_changes)(struct store *st, struct arena *a, int64_t audit_id,
				     struct audit_change_list *out, struct fz_error *e);
	/* Deletes records with at < before, with their changes; FZ_FORBIDDEN
	 * if before is inside the retention period: the longest of
	 * retention_days, the setting "audit_retention_days" and 180 days,
	 * counted back from now. */
	enum fz_err (*audit_purge)(struct store *st, int64_t before, int64_t now,
				   int retention_days, int64_t *deleted, struct fz_error *e);
#endif /* STORE_OPS_BODY */
