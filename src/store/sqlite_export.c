/* sqlite_export.c - long exports' rows (027 export_jobs): a job as it is
 * queued, claimed by the server's export worker, advanced stage by stage
 * and finished with its file or a reason; read back only by its owner.
 * The worker has a connection of its own and writes outside any request's
 * transaction, one statement at a time. */
#include "store/sqlite_internal.h"

#include <string.h>

#define EXPORT_COLS                                                                        \
	"SELECT id, kind, year, user_id, username, roles, agency_id, scope_kind,"           \
	" scope_agency, scope_prefix, status, stage, message, created_at, updated_at"

static void job_read(struct sq_row *r, void *item)
{
	struct export_job *j = item;
	j->id = sq_col_int(r);
	j->kind = sq_col_text(r);
	j->year = sq_col_int(r);
	j->user_id = sq_col_int(r);
	j->username = sq_col_text(r);
	j->roles = (unsigned)sq_col_int(r);
	j->agency_id = sq_col_int(r);
	j->scope.kind = (enum scope_kind)sq_col_int(r);
	j->scope.agency_id = sq_col_int(r);
	sq_col_fixed(r, j->scope.division_prefix, sizeof j->scope.division_prefix);
	j->status = sq_col_text(r);
	j->stage = (int)sq_col_int(r);
	j->message = sq_col_text(r);
	j->created_at = sq_col_int(r);
	j->updated_at = sq_col_int(r);
}

/* job_read, then the file (the last column) copied into the arena. */
static void job_read_file(struct sq_row *r, void *item)
{
	struct export_job *j = item;
	job_read(r, item);
	const void *p = sqlite3_column_blob(r->stmt, r->col);
	int n = sqlite3_column_bytes(r->stmt, r->col);
	r->col++;
	if (!p || n <= 0)
		return;
	unsigned char *copy = arena_alloc(r->a, (size_t)n);
	if (!copy) {
		r->nomem = true;
		return;
	}
	memcpy(copy, p, (size_t)n);
	j->file = copy;
	j->file_len = (size_t)n;
}

enum fz_err sq_export_job_insert(struct store *st, struct export_job *j, struct fz_error *e)
{
	struct sq_store *s = sq(st);
	sqlite3_stmt *stmt;
	enum fz_err err = sq_stmt(s, SQ_EXPORT_INSERT,
				  "INSERT INTO export_jobs (kind, year, user_id, username, roles,"
				  " agency_id, scope_kind, scope_agency, scope_prefix, status, stage,"
				  " created_at, updated_at)"
				  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 'queued', 0, ?10, ?10)",
				  &stmt, e);
	if (err)
		return err;
	j->created_at = j->updated_at = sq_now_if_zero(j->created_at);
	struct sq_args b = sq_args(stmt);
	sq_arg_text(&b, j->kind);
	sq_arg_int(&b, j->year);
	sq_arg_id(&b, j->user_id);
	sq_arg_text(&b, j->username ? j->username : "");
	sq_arg_int(&b, j->roles);
	sq_arg_int(&b, j->agency_id);
	sq_arg_int(&b, j->scope.kind);
	sq_arg_int(&b, j->scope.agency_id);
	sq_arg_text(&b, j->scope.division_prefix);
	sq_arg_int(&b, j->created_at);
	if ((err = sq_insert(s, stmt, &b, &j->id, e)))
		return err;
	j->status = "queued";
	j->stage = 0;
	return FZ_OK;
}

enum fz_err sq_export_job_get(struct store *st, struct arena *a, int64_t id, int64_t user_id,
			      bool with_file, struct export_job *out, struct fz_error *e)
{
	struct sq_store *s = sq(st);
	sqlite3_stmt *stmt;
	memset(out, 0, sizeof *out);
	enum fz_err err = with_file
				  ? sq_stmt(s, SQ_EXPORT_GET_FILE,
					    EXPORT_COLS ", file FROM export_jobs"
							" WHERE id = ?1 AND user_id = ?2",
					    &stmt, e)
				  : sq_stmt(s, SQ_EXPORT_GET,
					    EXPORT_COLS " FROM export_jobs WHERE id = ?1 AND user_id = ?2",
					    &stmt, e);
	if (err)
		return err;
	struct sq_args b = sq_args(stmt);
	sq_arg_int(&b, id);
	sq_arg_int(&b, user_id);
	return sq_one(s, stmt, &b, a, out, with_file ? job_read_file : job_read, FZ_NOTFOUND,
		      "id", "没有这个导出任务", e);
}

enum fz_err sq_export_job_claim(struct store *st, struct arena *a, struct export_job *out,
				struct fz_error *e)
{
	struct sq_store *s = sq(st);
	sqlite3_stmt *stmt;
	int64_t id = 0;
	memset(out, 0, sizeof *out);
	enum fz_err err = sq_stmt(s, SQ_EXPORT_NEXT,
				  "SELECT id FROM export_jobs WHERE status = 'queued'"
				  " ORDER BY id LIMIT 1",
				  &stmt, e);
	if (err)
		return err;
	struct sq_args b = sq_args(stmt);
	if ((err = sq_one(s, stmt, &b, NULL, &id, sq_read_int, FZ_NOTFOUND, "id",
			  "没有排队的导出任务", e)))
		return err;
	if ((err = sq_stmt(s, SQ_EXPORT_CLAIM,
			   "UPDATE export_jobs SET status = 'running', stage = 1, updated_at = ?2"
			   " WHERE id = ?1 AND status = 'queued'",
			   &stmt, e)))
		return err;
	b = sq_args(stmt);
	sq_arg_int(&b, id);
	sq_arg_int(&b, sq_now_if_zero(0));
	if ((err = sq_write(s, stmt, &b, NULL, 0, "没有排队的导出任务", e)))
		return err;
	if ((err = sq_stmt(s, SQ_EXPORT_BY_ID, EXPORT_COLS " FROM export_jobs WHERE id = ?1", &stmt,
			   e)))
		return err;
	b = sq_args(stmt);
	sq_arg_int(&b, id);
	return sq_one(s, stmt, &b, a, out, job_read, FZ_NOTFOUND, "id", "没有这个导出任务", e);
}

enum fz_err sq_export_job_progress(struct store *st, int64_t id, int stage, struct fz_error *e)
{
	struct sq_store *s = sq(st);
	sqlite3_stmt *stmt;
	enum fz_err err = sq_stmt(s, SQ_EXPORT_PROGRESS,
				  "UPDATE export_jobs SET stage = ?2, updated_at = ?3"
				  " WHERE id = ?1 AND status = 'running'",
				  &stmt, e);
	if (err)
		return err;
	struct sq_args b = sq_args(stmt);
	sq_arg_int(&b, id);
	sq_arg_int(&b, stage);
	sq_arg_int(&b, sq_now_if_zero(0));
	return sq_write(s, stmt, &b, NULL, 0, "导出任务不在进行中", e);
}

enum fz_err sq_export_job_finish(struct store *st, int64_t id, bool ok, const char *message,
				 const void *file, size_t len, struct fz_error *e)
{
	struct sq_store *s = sq(st);
	sqlite3_stmt *stmt;
	if (len > (size_t)1 << 30)
		return fz_fail(e, FZ_TOOLARGE, "file", "导出的文件过大");
	enum fz_err err = sq_stmt(s, SQ_EXPORT_FINISH,
				  "UPDATE export_jobs SET status = ?2, stage = CASE WHEN ?2 = 'done'"
				  " THEN 3 ELSE stage END, message = ?3, file = ?4, updated_at = ?5"
				  " WHERE id = ?1 AND status = 'running'",
				  &stmt, e);
	if (err)
		return err;
	struct sq_args b = sq_args(stmt);
	sq_arg_int(&b, id);
	sq_arg_text(&b, ok ? "done" : "failed");
	sq_arg_text(&b, ok || !message ? "" : message);
	if (ok)
		sq_arg_blob(&b, file ? file : "", (int)len);
	else
		sq_arg_text(&b, NULL);
	sq_arg_int(&b, sq_now_if_zero(0));
	return sq_write(s, stmt, &b, NULL, 0, "导出任务不在进行中", e);
}

enum fz_err sq_export_job_interrupt(struct store *st, const char *message, int64_t *n,
				    struct fz_error *e)
{
	struct sq_store *s = sq(st);
	sqlite3_stmt *stmt;
	*n = 0;
	enum fz_err err = sq_stmt(s, SQ_EXPORT_INTERRUPT,
				  "UPDATE export_jobs SET status = 'failed', message = ?1,"
				  " updated_at = ?2 WHERE status IN ('queued', 'running')",
				  &stmt, e);
	if (err)
		return err;
	struct sq_args b = sq_args(stmt);
	sq_arg_text(&b, message);
	sq_arg_int(&b, sq_now_if_zero(0));
	if ((err = sq_write(s, stmt, &b, NULL, 0, NULL, e)))
		return err;
	*n = sqlite3_changes(s->c->db);
	return FZ_OK;
}

enum fz_err sq_export_job_unfinished(struct store *st, int64_t *n, struct fz_error *e)
{
	struct sq_store *s = sq(st);
	sqlite3_stmt *stmt;
	*n = 0;
	enum fz_err err = sq_stmt(s, SQ_EXPORT_UNFINISHED,
				  "SELECT count(*) FROM export_jobs WHERE status IN ('queued', 'running')",
				  &stmt, e);
	if (err)
		return err;
	struct sq_args b = sq_args(stmt);
	return sq_one(s, stmt, &b, NULL, n, sq_read_int, FZ_DB, NULL, "计数失败", e);
}
