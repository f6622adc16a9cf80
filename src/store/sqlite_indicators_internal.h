/* sqlite_indicators_internal.h - what the two files of the indicators'
 * kept facts share (sqlite_indicators_facts.c keeps them,
 * sqlite_indicators_sums.c sums them): the scope over the agencies.
 * Internal to src/store. */
#ifndef FZ_STORE_SQLITE_INDICATORS_INTERNAL_H
#define FZ_STORE_SQLITE_INDICATORS_INTERNAL_H

#include "store/sqlite_internal.h"

/* The scope over the agencies a (?1 0 all, 1 one agency ?2, 2 a
 * division ?3), and the one agency asked for (?4, 0 any). */
#define AGENCY_SCOPE_SQL                                                                   \
	" (?1 = 0 OR (?1 = 1 AND a.id = ?2) OR (?1 = 2 AND a.division_code LIKE ?3 || '%'))"    \
	" AND (?4 = 0 OR a.id = ?4)"

/* Binds ?1..?3 of AGENCY_SCOPE_SQL for sc. */
void sq_indicator_scope_args(struct sq_args *b, const struct scope *sc);

/* The ids the one-column statement (id, sql) gives, in its order, into
 * *ids (arena memory), *n of them; a statement with parameters is bound
 * ?1..?3 to sc and ?4 to agency_id (AGENCY_SCOPE_SQL). None for no
 * scope. */
enum fz_err sq_indicator_scoped_ids(struct sq_store *s, enum sq_stmt_id id, const char *sql,
				    struct arena *a, const struct scope *sc, int64_t agency_id,
				    int64_t **ids, size_t *n, struct fz_error *e);

#endif
