/* sqlite_session.c - sign-in sessions and failed sign-ins in SQLite.
 * Sessions live in the database (not in a server's memory) so that any
 * node can serve any request; a session is found by the SHA-256 of its
 * token, and the token itself is never stored. */
#include "store/sqlite_internal.h"

#include <string.h>

enum fz_err sq_session_insert(struct store *st, struct session *ss, struct fz_error *e)
{
	struct sq_store *s = sq(st);
	sqlite3_stmt *stmt;
	enum fz_err err = sq_stmt(s, SQ_SESSION_INSERT,
				  "INSERT INTO sessions (digest, user_id, created_at, last_seen_at,"
				  " client_addr) VALUES (?1, ?2, ?3, ?4, ?5)",
				  &stmt, e);
	if (err)
		return err;
	int64_t created = sq_now_if_zero(ss->created_at);
	int64_t seen = ss->last_seen_at ? ss->last_seen_at : created;
	struct sq_args b = sq_args(stmt);
	sq_arg_blob(&b, ss->digest, (int)sizeof ss->digest);
	sq_arg_id(&b, ss->user_id);
	sq_arg_int(&b, created);
	sq_arg_int(&b, seen);
	sq_arg_text(&b, ss->client_addr);
	const struct sq_ref refs[] = { SQ_REF_USER("user_id", ss->user_id) };
	if ((err = sq_write(s, stmt, &b, refs, 1, NULL, e)))
		return err;
	ss->id = sqlite3_last_insert_rowid(s->c->db);
	ss->created_at = created;
	ss->last_seen_at = seen;
	return FZ_OK;
}

enum fz_err sq_session_get(struct store *st, struct arena *a, const unsigned char digest[32],
			   struct session *out, struct fz_error *e)
{
	struct sq_store *s = sq(st);
	sqlite3_stmt *stmt;
	memset(out, 0, sizeof *out);
	enum fz_err err = sq_stmt(s, SQ_SESSION_GET,
				  "SELECT id, digest, user_id, created_at, last_seen_at, client_addr"
				  " FROM sessions WHERE digest = ?1",
				  &stmt, e);
	if (err)
		return err;
	struct sq_args b = sq_args(stmt);
	sq_arg_blob(&b, digest, 32);
	int rc = b.rc != SQLITE_OK ? b.rc : sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		struct sq_row r = { stmt, a, 0, false };
		out->id = sq_col_int(&r);
		/* the row matched digest, which is exactly 32 bytes */
		memcpy(out->digest, digest, sizeof out->digest);
		r.col++;
		out->user_id = sq_col_int(&r);
		out->created_at = sq_col_int(&r);
		out->last_seen_at = sq_col_int(&r);
		out->client_addr = sq_col_text(&r);
		if (r.nomem)
			err = fz_fail(e, FZ_NOMEM, "", NULL);
	} else if (rc == SQLITE_DONE) {
		err = fz_fail(e, FZ_NOTFOUND, "", "会话不存在或已过期");
	} else {
		err = sq_fail(s, rc, e);
	}
	sq_done(stmt);
	return err;
}

enum fz_err sq_session_touch(struct store *st, int64_t id, int64_t now, struct fz_error *e)
{
	struct sq_store *s = sq(st);
	sqlite3_stmt *stmt;
	enum fz_err err = sq_stmt(s, SQ_SESSION_TOUCH,
				  "UPDATE sessions SET last_seen_at = ?1 WHERE id = ?2", &stmt, e);
	if (err)
		return err;
	struct sq_args b = sq_args(stmt);
	sq_arg_int(&b, sq_now_if_zero(now));
	sq_arg_int(&b, id);
	return sq_write(s, stmt, &b, NULL, 0, "会话不存在或已过期", e);
}

enum fz_err sq_session_delete(struct store *st, int64_t id, struct fz_error *e)
{
	struct sq_store *s = sq(st);
	sqlite3_stmt *stmt;
	enum fz_err err = sq_stmt(s, SQ_SESSION_DELETE, "DELETE FROM sessions WHERE id = ?1",
				  &stmt, e);
	if (err)
		return err;
	struct sq_args b = sq_args(stmt);
	sq_arg_int(&b, id);
	return sq_write(s, stmt, &b, NULL, 0, "会话不存在或已过期", e);
}

enum fz_err sq_session_delete_user(struct store *st, int64_t user_id, struct fz_error *e)
{
	struct sq_store *s = sq(st);
	sqlite3_stmt *stmt;
	enum fz_err err = sq_stmt(s, SQ_SESSION_DELETE_USER,
				  "DELETE FROM sessions WHERE user_id = ?1", &stmt, e);
	if (err)
		return err;
	struct sq_args b = sq_args(stmt);
	sq_arg_int(&b, user_id);
	return sq_write(s, stmt, &b, NULL, 0, NULL, e);
}

enum fz_err sq_session_expire(struct store *st, int64_t idle_before, int64_t created_before,
			      struct fz_error *e)
{
	struct sq_store *s = sq(st);
	sqlite3_stmt *stmt;
	enum fz_err err = sq_stmt(s, SQ_SESSION_EXPIRE,
				  "DELETE FROM sessions WHERE last_seen_at < ?1 OR created_at < ?2",
				  &stmt, e);
	if (err)
		return err;
	struct sq_args b = sq_args(stmt);
	sq_arg_int(&b, idle_before);
	sq_arg_int(&b, created_before);
	return sq_write(s, stmt, &b, NULL, 0, NULL, e);
}

/* --- failed sign-ins --- */

/* How long a failed sign-in is remembered; rate-limit windows are shorter. */
#define LOGIN_FAILURE_KEEP (24 * 3600)

enum fz_err sq_login_failure_add(struct store *st, const char *client_addr, int64_t at,
				 struct fz_error *e)
{
	struct sq_store *s = sq(st);
	sqlite3_stmt *add, *prune;
	enum fz_err err;
	at = sq_now_if_zero(at);
	if ((err = sq_stmt(s, SQ_LOGIN_FAILURE_ADD,
			   "INSERT INTO login_failures (client_addr, at) VALUES (?1, ?2)", &add,
			   e)) ||
	    (err = sq_stmt(s, SQ_LOGIN_FAILURE_PRUNE, "DELETE FROM login_failures WHERE at < ?1",
			   &prune, e)))
		return err;
	/* Dropping what is older than a day keeps the table small even under
	 * a password-guessing flood. */
	struct sq_args pb = sq_args(prune);
	sq_arg_int(&pb, at - LOGIN_FAILURE_KEEP);
	if ((err = sq_write(s, prune, &pb, NULL, 0, NULL, e)))
		return err;
	struct sq_args b = sq_args(add);
	sq_arg_text(&b, client_addr ? client_addr : "");
	sq_arg_int(&b, at);
	return sq_write(s, add, &b, NULL, 0, NULL, e);
}

enum fz_err sq_login_failure_count(struct store *st, const char *client_addr, int64_t since,
				   int64_t *count, struct fz_error *e)
{
	struct sq_store *s = sq(st);
	sqlite3_stmt *stmt;
	*count = 0;
	enum fz_err err = sq_stmt(s, SQ_LOGIN_FAILURE_COUNT,
				  "SELECT count(*) FROM login_failures"
				  " WHERE client_addr = ?1 AND at >= ?2",
				  &stmt, e);
	if (err)
		return err;
	struct sq_args b = sq_args(stmt);
	sq_arg_text(&b, client_addr ? client_addr : "");
	sq_arg_int(&b, since);
	int rc = b.rc != SQLITE_OK ? b.rc : sqlite3_step(stmt);
	if (rc == SQLITE_ROW)
		*count = sqlite3_column_int64(stmt, 0);
	else
		err = sq_fail(s, rc, e);
	sq_done(stmt);
	return err;
}
