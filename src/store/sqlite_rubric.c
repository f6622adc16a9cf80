/* sqlite_rubric.c - the versions of a division's rubric (评查标准) in
 * SQLite: appended, numbered per division, never changed (triggers of
 * 035_rubric_versions.sql). */
#include "store/sqlite_internal.h"

#include <string.h>

enum fz_err sq_rubric_version_insert(struct store *st, struct rubric_version *v,
				     struct fz_error *e)
{
	struct sq_store *s = sq(st);
	sqlite3_stmt *stmt;
	if (!v->text || !*v->text)
		return fz_fail(e, FZ_INVALID, "text", "评查标准不能为空");
	enum fz_err err = sq_stmt(s, SQ_RUBRIC_INSERT,
				  "INSERT INTO rubric_versions (division, version, text, created_by,"
				  " created_at) SELECT ?1, coalesce(max(version), 0) + 1, ?2,"
				  " nullif(?3, 0), ?4 FROM rubric_versions WHERE division = ?1"
				  " RETURNING id, version",
				  &stmt, e);
	if (err)
		return err;
	v->created_at = sq_now_if_zero(v->created_at);
	struct sq_args b = sq_args(stmt);
	sq_arg_text(&b, v->division ? v->division : "");
	sq_arg_text(&b, v->text);
	sq_arg_int(&b, v->created_by);
	sq_arg_int(&b, v->created_at);
	int rc = b.rc != SQLITE_OK ? b.rc : sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		v->id = sqlite3_column_int64(stmt, 0);
		v->version = (int)sqlite3_column_int64(stmt, 1);
		rc = sqlite3_step(stmt);
	}
	if (rc != SQLITE_DONE) {
		const struct sq_ref refs[] = { SQ_REF_USER("created_by", v->created_by) };
		err = sq_fail_refs(s, rc, refs, 1, e);
	}
	sq_done(stmt);
	return err;
}

static void version_read(struct sq_row *r, void *item)
{
	struct rubric_version *v = item;
	v->id = sq_col_int(r);
	v->division = sq_col_text(r);
	v->version = (int)sq_col_int(r);
	v->text = sq_col_text(r);
	v->created_by = sq_col_int(r);
	v->created_at = sq_col_int(r);
}

enum fz_err sq_rubric_version_latest(struct store *st, struct arena *a, const char *division,
				     struct rubric_version *out, struct fz_error *e)
{
	struct sq_store *s = sq(st);
	sqlite3_stmt *stmt;
	memset(out, 0, sizeof *out);
	enum fz_err err = sq_stmt(s, SQ_RUBRIC_LATEST,
				  "SELECT id, division, version, text, coalesce(created_by, 0),"
				  " created_at FROM rubric_versions WHERE division = ?1"
				  " ORDER BY version DESC LIMIT 1",
				  &stmt, e);
	if (err)
		return err;
	struct sq_args b = sq_args(stmt);
	sq_arg_text(&b, division ? division : "");
	return sq_one(s, stmt, &b, a, out, version_read, FZ_NOTFOUND, "division",
		      "还没有保存过评查标准", e);
}
