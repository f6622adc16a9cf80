/* sqlite_orgtree.c - the counts of the organisation tree in one grouped
 * SELECT (store_orgtree.h): agencies, units, people, valid certificates
 * and open cases of every agency in a scope, so that a division with
 * hundreds of agencies is counted by SQLite in one pass, not row by row
 * in C. The statement is prepared per call: a page runs it once. */
#include "store/sqlite_internal.h"

#include <string.h>

/* The scope through the agency a, bound as :sk (enum scope_kind), :sa
 * and :sp. */
#define ORG_SCOPE                                                                        \
	" (:sk = 1 OR (:sk = 2 AND a.id = :sa) OR (:sk = 3 AND a.division_code LIKE :sp || '%'))"

static void read_count(struct sq_row *r, void *item)
{
	struct org_count *c = item;
	sq_col_fixed(r, c->division_code, sizeof c->division_code);
	c->agency_id = sq_col_int(r);
	c->unit_id = sq_col_int(r);
	c->agencies = sq_col_int(r);
	c->units = sq_col_int(r);
	c->officers = sq_col_int(r);
	c->assistants = sq_col_int(r);
	c->valid_certs = sq_col_int(r);
	c->open_cases = sq_col_int(r);
}

enum fz_err sq_org_counts(struct store *st, struct arena *a, const struct scope *sc,
			  const char *today, struct org_count_list *out, struct fz_error *e)
{
	static const char sql[] =
		"SELECT a.division_code, a.id, 0, 1, 0, 0, 0, 0, 0 FROM agencies a"
		" WHERE" ORG_SCOPE
		" UNION ALL SELECT a.division_code, a.id, u.id, 0, 1, 0, 0, 0, 0"
		" FROM units u JOIN agencies a ON a.id = u.agency_id WHERE" ORG_SCOPE
		" UNION ALL SELECT a.division_code, a.id, coalesce(p.unit_id, 0), 0, 0,"
		" sum(p.kind = 1), sum(p.kind = 2), 0, 0"
		" FROM people p JOIN agencies a ON a.id = p.agency_id"
		" WHERE p.active = 1 AND" ORG_SCOPE " GROUP BY 1, 2, 3"
		" UNION ALL SELECT a.division_code, a.id, coalesce(p.unit_id, 0), 0, 0, 0, 0,"
		" count(*), 0 FROM certificates c JOIN people p ON p.id = c.person_id"
		" JOIN agencies a ON a.id = p.agency_id"
		" WHERE c.status = 1 AND c.issued_on <= :today AND c.valid_until >= :today"
		" AND p.active = 1 AND" ORG_SCOPE
		" GROUP BY 1, 2, 3"
		" UNION ALL SELECT a.division_code, a.id, 0, 0, 0, 0, 0, 0, count(*)"
		" FROM cases c JOIN agencies a ON a.id = c.agency_id"
		" WHERE c.closed = 0 AND" ORG_SCOPE " GROUP BY 1, 2";
	struct sq_store *s = sq(st);
	sqlite3_stmt *stmt;
	size_t cap = 0;
	memset(out, 0, sizeof *out);
	if (!sc || sc->kind == SCOPE_NONE)
		return FZ_OK;
	if (!today || strlen(today) != 10)
		return fz_fail(e, FZ_INVALID, "today", "统计日期无效");
	int rc = sqlite3_prepare_v2(s->c->db, sql, -1, &stmt, NULL);
	if (rc != SQLITE_OK)
		return sq_fail(s, rc, e);
	struct sq_args b = sq_args(stmt);
	sq_arg_named_int(&b, ":sk", sc->kind);
	sq_arg_named_int(&b, ":sa", sc->kind == SCOPE_AGENCY ? sc->agency_id : 0);
	sq_arg_named_text(&b, ":sp", sc->kind == SCOPE_DIVISION ? sc->division_prefix : "");
	sq_arg_named_text(&b, ":today", today);
	enum fz_err err = FZ_OK;
	rc = b.rc;
	while (rc == SQLITE_OK && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		if (out->n == cap) {
			size_t ncap = cap ? 2 * cap : 64;
			struct org_count *p = arena_calloc(a, ncap, sizeof *p);
			if (!p) {
				err = fz_fail(e, FZ_NOMEM, "", NULL);
				break;
			}
			if (out->n)
				memcpy(p, out->items, out->n * sizeof *p);
			out->items = p;
			cap = ncap;
		}
		struct sq_row r = { stmt, a, 0, false };
		read_count(&r, &out->items[out->n]);
		if (r.nomem) {
			err = fz_fail(e, FZ_NOMEM, "", NULL);
			break;
		}
		out->n++;
		rc = SQLITE_OK;
	}
	if (!err && rc != SQLITE_DONE)
		err = sq_fail(s, rc, e);
	sqlite3_finalize(stmt);
	out->total = (int64_t)out->n;
	return err;
}
