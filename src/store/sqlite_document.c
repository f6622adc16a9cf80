/* sqlite_document.c - generated documents (执法文书) in SQLite: the gapless
 * number series (文号) per agency, year and code, and the append-only
 * metadata rows, scoped through the case's agency. The PDF bytes are
 * files in the data directory, not rows. */
#include "store/sqlite_internal.h"

#include <string.h>

#define DOC_SELECT                                                                        \
	"SELECT d.id, d.case_id, d.event_id, d.agency_id, d.kind, d.title, d.number,"       \
	" d.digest, d.size, d.pages, d.created_at"
#define DOC_FROM " FROM documents d JOIN agencies a ON a.id = d.agency_id"

static const struct sq_query document_query = {
	.id = SQ_Q_DOCUMENT,
	.select = DOC_SELECT,
	.from = DOC_FROM,
	.scope_agency = "d.agency_id = :scope_agency",
	.scope_division = "a.division_code LIKE :scope_prefix || '%'",
	.filters = { "d.id = :id" },
	.order = " ORDER BY d.id",
};

static void document_read(struct sq_row *r, void *item)
{
	struct case_document *d = item;
	d->id = sq_col_int(r);
	d->case_id = sq_col_int(r);
	d->event_id = sq_col_int(r);
	d->agency_id = sq_col_int(r);
	d->kind = sq_col_text(r);
	d->title = sq_col_text(r);
	d->number = sq_col_text(r);
	d->digest = sq_col_text(r);
	d->size = sq_col_int(r);
	d->pages = (int)sq_col_int(r);
	d->created_at = sq_col_int(r);
}

static bool hex_lower(const char *s)
{
	size_t n = strlen(s);
	if (n < 32 || n > 128)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return false;
	return true;
}

/* Same shape as the case number series (sqlite_case.c): the first
 * statement writes, so outside a transaction it waits for the lock. */
/* next (INSERT ... RETURNING, inside the caller's write transaction) or
 * peek (SELECT, anywhere): the series' last number plus one. */
static enum fz_err number_step(struct store *st, bool take, int64_t agency_id, int year,
			       const char *code, int64_t *n, struct fz_error *e)
{
	struct sq_store *s = sq(st);
	sqlite3_stmt *stmt;
	if (!given(code) || strlen(code) > 64)
		return fz_fail(e, FZ_INVALID, "code", "文书类别代字应为 1 到 64 个字节");
	if (year < 1 || year > 9999)
		return fz_fail(e, FZ_INVALID, "year", "年份应在 1 到 9999 之间");
	enum fz_err err =
		take ? sq_stmt(s, SQ_DOC_NUMBER_NEXT,
			       "INSERT INTO document_number_seq (agency_id, year, code, last)"
			       " VALUES (?1, ?2, ?3, 1)"
			       " ON CONFLICT (agency_id, year, code)"
			       " DO UPDATE SET last = last + 1 RETURNING last",
			       &stmt, e)
		     : sq_stmt(s, SQ_DOC_NUMBER_PEEK,
			       "SELECT coalesce((SELECT last FROM document_number_seq"
			       " WHERE agency_id = ?1 AND year = ?2 AND code = ?3), 0) + 1",
			       &stmt, e);
	if (err)
		return err;
	struct sq_args b = sq_args(stmt);
	sq_arg_id(&b, agency_id);
	sq_arg_int(&b, year);
	sq_arg_text(&b, code);
	int rc = b.rc != SQLITE_OK ? b.rc : sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		*n = sqlite3_column_int64(stmt, 0);
		rc = sqlite3_step(stmt);
	}
	if (rc != SQLITE_DONE) {
		const struct sq_ref refs[] = { SQ_REF_AGENCY("agency_id", agency_id) };
		err = sq_fail_refs(s, rc, refs, 1, e);
	}
	sq_done(stmt);
	return err;
}

enum fz_err sq_document_number_next(struct store *st, int64_t agency_id, int year,
				    const char *code, int64_t *n, struct fz_error *e)
{
	return number_step(st, true, agency_id, year, code, n, e);
}

enum fz_err sq_document_number_peek(struct store *st, int64_t agency_id, int year,
				    const char *code, int64_t *n, struct fz_error *e)
{
	return number_step(st, false, agency_id, year, code, n, e);
}

static enum fz_err document_check(const struct case_document *d, struct fz_error *e)
{
	if (!given(d->kind))
		return fz_fail(e, FZ_INVALID, "kind", "缺少文书种类");
	if (!given(d->title))
		return fz_fail(e, FZ_INVALID, "title", "缺少文书名称");
	if (!d->digest || !hex_lower(d->digest))
		return fz_fail(e, FZ_INVALID, "digest", "文书摘要应为 32 到 128 位小写十六进制");
	if (d->size < 0)
		return fz_fail(e, FZ_INVALID, "size", "文书大小不能为负数");
	if (d->pages < 1)
		return fz_fail(e, FZ_INVALID, "pages", "文书至少一页");
	return FZ_OK;
}

/* The agency is the case's, read by the statement itself: a document
 * can only be filed where its case is. */
/* Runs an "INSERT ... SELECT ... FROM cases c WHERE c.id = ?1 RETURNING
 * id, agency_id" of a row that belongs to a case's event (a document, a
 * publication): the new id and the case's agency, FZ_CONFLICT when the
 * case is not there (no row), the case or event named when a reference
 * fails. Gives the statement back. */
enum fz_err sq_insert_case_row(struct sq_store *s, sqlite3_stmt *stmt, const struct sq_args *b,
			       int64_t case_id, int64_t event_id, int64_t *id, int64_t *agency,
			       struct fz_error *e)
{
	enum fz_err err = FZ_OK;
	int rc = b->rc != SQLITE_OK ? b->rc : sqlite3_step(stmt);
	*id = *agency = 0;
	if (rc == SQLITE_ROW) {
		*id = sqlite3_column_int64(stmt, 0);
		*agency = sqlite3_column_int64(stmt, 1);
		rc = sqlite3_step(stmt);
	}
	if (rc != SQLITE_DONE) {
		const struct sq_ref refs[] = {
			SQ_REF_CASE("case_id", case_id),
			SQ_REF_CASE_EVENT("event_id", event_id, case_id),
		};
		err = sq_fail_refs(s, rc, refs, 2, e);
	} else if (!*id) {
		err = fz_fail(e, FZ_CONFLICT, "case_id", "案件不存在");
	}
	sq_done(stmt);
	return err;
}

enum fz_err sq_document_insert(struct store *st, struct case_document *d, struct fz_error *e)
{
	struct sq_store *s = sq(st);
	sqlite3_stmt *stmt;
	enum fz_err err;
	if ((err = document_check(d, e)))
		return err;
	if ((err = sq_stmt(s, SQ_DOC_INSERT,
			   "INSERT INTO documents (case_id, event_id, agency_id, kind, title, number,"
			   " digest, size, pages, created_at)"
			   " SELECT ?1, ?2, c.agency_id, ?3, ?4, ?5, ?6, ?7, ?8, ?9"
			   " FROM cases c WHERE c.id = ?1"
			   " RETURNING id, agency_id",
			   &stmt, e)))
		return err;
	int64_t created = sq_now_if_zero(d->created_at);
	struct sq_args b = sq_args(stmt);
	sq_arg_id(&b, d->case_id);
	sq_arg_id(&b, d->event_id);
	sq_arg_text(&b, d->kind);
	sq_arg_text(&b, d->title);
	sq_arg_text(&b, d->number ? d->number : "");
	sq_arg_text(&b, d->digest);
	sq_arg_int(&b, d->size);
	sq_arg_int(&b, d->pages);
	sq_arg_int(&b, created);
	int64_t id, agency;
	if ((err = sq_insert_case_row(s, stmt, &b, d->case_id, d->event_id, &id, &agency, e)))
		return err;
	d->id = id;
	d->agency_id = agency;
	d->created_at = created;
	return FZ_OK;
}

enum fz_err sq_document_get(struct store *st, struct arena *a, const struct scope *sc,
			    int64_t id, struct case_document *out, struct fz_error *e)
{
	memset(out, 0, sizeof *out);
	return sq_query_get(sq(st), &document_query, sc, id, a, out, document_read,
			    "文书不存在", e);
}

enum fz_err sq_document_list(struct store *st, struct arena *a, const struct scope *sc,
			     int64_t case_id, struct case_document_list *out, struct fz_error *e)
{
	struct sq_store *s = sq(st);
	struct enf_case c;
	sqlite3_stmt *stmt;
	void *items = NULL;
	memset(out, 0, sizeof *out);
	/* the case's visibility and its documents from one snapshot */
	enum fz_err err = sq_savepoint(s, e);
	if (err)
		return err;
	if ((err = sq_case_get(st, a, sc, case_id, &c, e)) ||
	    (err = sq_stmt(s, SQ_DOC_LIST,
			   DOC_SELECT " FROM documents d WHERE d.case_id = ?1 ORDER BY d.id", &stmt,
			   e))) {
		sq_rollback_to(s);
		return err;
	}
	struct sq_args b = sq_args(stmt);
	sq_arg_id(&b, case_id);
	if ((err = sq_collect(s, stmt, &b, a, sizeof *out->items, document_read, &items, &out->n,
			      e))) {
		sq_rollback_to(s);
		out->n = 0;
		return err;
	}
	if ((err = sq_release(s, e))) {
		out->n = 0;
		return err;
	}
	out->items = items;
	out->total = (int64_t)out->n;
	return FZ_OK;
}
