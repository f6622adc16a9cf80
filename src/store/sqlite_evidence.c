/* sqlite_evidence.c - evidence metadata in SQLite: appended with the
 * case it belongs to, read back within the caller's scope through that
 * case's agency. The files themselves are the app layer's (data dir). */
#include "store/sqlite_internal.h"

#include <string.h>

enum { EF_ID, EF_CASE };

static const struct sq_query evidence_query = {
	.id = SQ_Q_EVIDENCE,
	.select = "SELECT e.id, e.case_id, e.digest, e.size, e.file_name, e.media_type,"
		  " e.record_kind, e.uploaded_by, e.uploaded_at",
	.from = " FROM evidence e JOIN cases c ON c.id = e.case_id"
		" JOIN agencies a ON a.id = c.agency_id",
	.scope_agency = "c.agency_id = :scope_agency",
	.scope_division = "a.division_code LIKE :scope_prefix || '%'",
	.filters = {
		[EF_ID] = "e.id = :id",
		[EF_CASE] = "e.case_id = :case_id",
	},
	.order = " ORDER BY e.id",
};

static void evidence_read(struct sq_row *r, void *item)
{
	struct evidence *ev = item;
	ev->id = sq_col_int(r);
	ev->case_id = sq_col_int(r);
	sq_col_fixed(r, ev->digest, sizeof ev->digest);
	ev->size = sq_col_int(r);
	ev->file_name = sq_col_text(r);
	ev->media_type = sq_col_text(r);
	ev->record_kind = sq_col_text(r);
	ev->uploaded_by = sq_col_int(r);
	ev->uploaded_at = sq_col_int(r);
}

enum fz_err sq_evidence_insert(struct store *st, struct evidence *ev, struct fz_error *e)
{
	struct sq_store *s = sq(st);
	sqlite3_stmt *stmt;
	size_t dlen = strlen(ev->digest);
	if (dlen < 32 || dlen >= sizeof ev->digest)
		return fz_fail(e, FZ_INVALID, "digest", "文件摘要无效");
	if (ev->size < 0)
		return fz_fail(e, FZ_INVALID, "size", "文件大小无效");
	enum fz_err err = evidence_meta_check(ev->file_name, ev->media_type, ev->record_kind, e);
	if (err)
		return err;
	int64_t at = sq_now_if_zero(ev->uploaded_at);
	if ((err = sq_stmt(s, SQ_EVIDENCE_INSERT,
			   "INSERT INTO evidence (case_id, digest, size, file_name, media_type,"
			   " record_kind, uploaded_by, uploaded_at)"
			   " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
			   &stmt, e)))
		return err;
	struct sq_args b = sq_args(stmt);
	sq_arg_id(&b, ev->case_id);
	sq_arg_text(&b, ev->digest);
	sq_arg_int(&b, ev->size);
	sq_arg_text(&b, ev->file_name);
	sq_arg_text(&b, ev->media_type);
	sq_arg_text(&b, ev->record_kind);
	sq_arg_id(&b, ev->uploaded_by);
	sq_arg_int(&b, at);
	const struct sq_ref refs[] = {
		SQ_REF_CASE("case_id", ev->case_id),
		SQ_REF_USER("uploaded_by", ev->uploaded_by),
	};
	if ((err = sq_write(s, stmt, &b, refs, 2, NULL, e)))
		return err;
	ev->id = sqlite3_last_insert_rowid(s->c->db);
	ev->uploaded_at = at;
	return FZ_OK;
}

enum fz_err sq_evidence_get(struct store *st, struct arena *a, const struct scope *sc,
			    int64_t id, struct evidence *out, struct fz_error *e)
{
	memset(out, 0, sizeof *out);
	return sq_query_get(sq(st), &evidence_query, sc, id, a, out, evidence_read,
			    "证据材料不存在", e);
}

enum fz_err sq_evidence_list(struct store *st, struct arena *a, const struct scope *sc,
			     int64_t case_id, struct page pg, struct evidence_list *out,
			     struct fz_error *e)
{
	struct sq_list l;
	void *items;
	memset(out, 0, sizeof *out);
	enum fz_err err = sq_list_open(sq(st), &evidence_query, sc, 1u << EF_CASE, pg, &l, e);
	if (err)
		return err;
	sq_list_int(&l, ":case_id", case_id);
	err = sq_list_run(&l, a, sizeof *out->items, evidence_read, &items, &out->n, &out->total,
			  e);
	out->items = items;
	return err;
}
