/* sqlite_account.c - account security in SQLite: lockout by sign-in name,
 * the history of password hashes, and evidence storage per agency. */
#include "store/sqlite_internal.h"

#include <string.h>

#define LOGIN_NAME_KEEP (24 * 3600)

enum fz_err sq_login_name_get(struct store *st, const char *username, struct login_name *out,
			      struct fz_error *e)
{
	struct sq_store *s = sq(st);
	sqlite3_stmt *stmt;
	memset(out, 0, sizeof *out);
	out->username = username;
	enum fz_err err = sq_stmt(s, SQ_LOGIN_NAME_GET,
				  "SELECT failures, locked_until, updated_at FROM login_names"
				  " WHERE username = ?1",
				  &stmt, e);
	if (err)
		return err;
	struct sq_args b = sq_args(stmt);
	sq_arg_text(&b, username ? username : "");
	int rc = b.rc != SQLITE_OK ? b.rc : sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		out->failures = sqlite3_column_int64(stmt, 0);
		out->locked_until = sqlite3_column_int64(stmt, 1);
		out->updated_at = sqlite3_column_int64(stmt, 2);
	} else if (rc != SQLITE_DONE) {
		err = sq_fail(s, rc, e);
	}
	sq_done(stmt);
	return err;
}

enum fz_err sq_login_name_put(struct store *st, const struct login_name *ln,
			      struct fz_error *e)
{
	struct sq_store *s = sq(st);
	sqlite3_stmt *prune, *stmt;
	int64_t now = sq_now_if_zero(ln->updated_at);
	enum fz_err err;
	if ((err = sq_stmt(s, SQ_LOGIN_NAME_PRUNE,
			   "DELETE FROM login_names WHERE updated_at < ?1 AND locked_until < ?2",
			   &prune, e)))
		return err;
	struct sq_args pb = sq_args(prune);
	sq_arg_int(&pb, now - LOGIN_NAME_KEEP);
	sq_arg_int(&pb, now);
	if ((err = sq_write(s, prune, &pb, NULL, 0, NULL, e)))
		return err;
	bool forget = ln->failures == 0 && ln->locked_until == 0;
	if (forget)
		err = sq_stmt(s, SQ_LOGIN_NAME_CLEAR, "DELETE FROM login_names WHERE username = ?1",
			      &stmt, e);
	else
		err = sq_stmt(s, SQ_LOGIN_NAME_PUT,
			      "INSERT INTO login_names (username, failures, locked_until, updated_at)"
			      " VALUES (?1, ?2, ?3, ?4) ON CONFLICT (username) DO UPDATE SET"
			      " failures = excluded.failures, locked_until = excluded.locked_until,"
			      " updated_at = excluded.updated_at",
			      &stmt, e);
	if (err)
		return err;
	struct sq_args b = sq_args(stmt);
	sq_arg_text(&b, ln->username ? ln->username : "");
	if (!forget) {
		sq_arg_int(&b, ln->failures);
		sq_arg_int(&b, ln->locked_until);
		sq_arg_int(&b, now);
	}
	return sq_write(s, stmt, &b, NULL, 0, NULL, e);
}

enum fz_err sq_password_history_add(struct store *st, int64_t user_id, const char *hash,
				    int64_t at, struct fz_error *e)
{
	struct sq_store *s = sq(st);
	sqlite3_stmt *stmt;
	enum fz_err err = sq_stmt(s, SQ_PASSWORD_HISTORY_ADD,
				  "INSERT INTO password_history (user_id, password_hash, set_at)"
				  " VALUES (?1, ?2, ?3)",
				  &stmt, e);
	if (err)
		return err;
	struct sq_args b = sq_args(stmt);
	sq_arg_id(&b, user_id);
	sq_arg_text(&b, hash);
	sq_arg_int(&b, sq_now_if_zero(at));
	const struct sq_ref refs[] = { SQ_REF_USER("user_id", user_id) };
	return sq_write(s, stmt, &b, refs, 1, NULL, e);
}

static void read_hash(struct sq_row *r, void *item)
{
	*(char **)item = sq_col_text(r);
}

enum fz_err sq_password_history_recent(struct store *st, struct arena *a, int64_t user_id,
				       int n, char ***hashes, size_t *count,
				       struct fz_error *e)
{
	struct sq_store *s = sq(st);
	sqlite3_stmt *stmt;
	*hashes = NULL;
	*count = 0;
	enum fz_err err = sq_stmt(s, SQ_PASSWORD_HISTORY_RECENT,
				  "SELECT password_hash FROM password_history WHERE user_id = ?1"
				  " ORDER BY id DESC LIMIT ?2",
				  &stmt, e);
	if (err)
		return err;
	struct sq_args b = sq_args(stmt);
	sq_arg_int(&b, user_id);
	sq_arg_int(&b, n > 0 ? n : 0);
	return sq_collect(s, stmt, &b, a, sizeof(char *), read_hash, (void **)hashes, count, e);
}

enum fz_err sq_agency_evidence_usage(struct store *st, int64_t agency_id, int64_t *used,
				     int64_t *quota, struct fz_error *e)
{
	struct sq_store *s = sq(st);
	sqlite3_stmt *stmt;
	*used = 0;
	*quota = -1;
	enum fz_err err = sq_stmt(s, SQ_EVIDENCE_USAGE,
				  "SELECT (SELECT coalesce(sum(ev.size), 0) FROM evidence ev"
				  " JOIN cases c ON c.id = ev.case_id WHERE c.agency_id = a.id),"
				  " coalesce(a.evidence_quota, -1) FROM agencies a WHERE a.id = ?1",
				  &stmt, e);
	if (err)
		return err;
	struct sq_args b = sq_args(stmt);
	sq_arg_int(&b, agency_id);
	int rc = b.rc != SQLITE_OK ? b.rc : sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		*used = sqlite3_column_int64(stmt, 0);
		*quota = sqlite3_column_int64(stmt, 1);
	} else if (rc == SQLITE_DONE) {
		err = fz_fail(e, FZ_NOTFOUND, "agency_id", "执法主体不存在");
	} else {
		err = sq_fail(s, rc, e);
	}
	sq_done(stmt);
	return err;
}
