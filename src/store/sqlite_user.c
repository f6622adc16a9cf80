/* sqlite_user.c - accounts and settings in SQLite. Usernames compare
 * without regard to ASCII case (the column is COLLATE NOCASE), so "Admin"
 * and "admin" are one account. System-wide accounts have no agency and are
 * seen only with SCOPE_ALL. */
#include "store/sqlite_internal.h"

#include <string.h>

/* --- settings --- */

enum fz_err sq_setting_get(struct store *st, struct arena *a, const char *key, char **value,
			   struct fz_error *e)
{
	struct sq_store *s = sq(st);
	sqlite3_stmt *stmt;
	*value = NULL;
	enum fz_err err = sq_stmt(s, SQ_SETTING_GET, "SELECT value FROM settings WHERE key = ?1",
				  &stmt, e);
	if (err)
		return err;
	struct sq_args b = sq_args(stmt);
	sq_arg_text(&b, key);
	int rc = b.rc != SQLITE_OK ? b.rc : sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		struct sq_row r = { stmt, a, 0, false };
		*value = sq_col_text(&r);
		if (r.nomem)
			err = fz_fail(e, FZ_NOMEM, "", NULL);
	} else if (rc == SQLITE_DONE) {
		err = fz_fail(e, FZ_NOTFOUND, "key", "设置项不存在");
	} else {
		err = sq_fail(s, rc, e);
	}
	sq_done(stmt);
	return err;
}

enum fz_err sq_setting_set(struct store *st, const char *key, const char *value,
			   struct fz_error *e)
{
	struct sq_store *s = sq(st);
	sqlite3_stmt *stmt;
	enum fz_err err = sq_stmt(s, SQ_SETTING_SET,
				  "INSERT INTO settings (key, value) VALUES (?1, ?2)"
				  " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
				  &stmt, e);
	if (err)
		return err;
	struct sq_args b = sq_args(stmt);
	sq_arg_text(&b, key);
	sq_arg_text(&b, value);
	return sq_write(s, stmt, &b, NULL, 0, NULL, e);
}

/* --- users --- */

/* Sign-in failures and the lock are kept per name in login_names
 * (009_accounts.sql); the users columns of the same name are no longer
 * read. */
#define USER_COLUMNS                                                                 \
	"u.id, u.username, u.display_name, u.agency_id, u.person_id, u.roles,"       \
	" u.disabled, u.must_change_password, u.password_hash,"                     \
	" coalesce((SELECT l.failures FROM login_names l WHERE l.username = u.username), 0),"\
	" coalesce((SELECT l.locked_until FROM login_names l"                       \
	" WHERE l.username = u.username), 0),"                                      \
	" u.password_changed_at, u.created_at, u.updated_at"

static const struct sq_query user_query = {
	.id = SQ_Q_USER,
	.select = "SELECT " USER_COLUMNS,
	.from = " FROM users u LEFT JOIN agencies a ON a.id = u.agency_id",
	.scope_agency = "u.agency_id = :scope_agency",
	.scope_division = "a.division_code LIKE :scope_prefix || '%'",
	.filters = {
		[0] = "u.id = :id",
		[1] = "u.agency_id = :agency",
		[2] = "(u.roles & :role) != 0",
		/* lower() folds ASCII only: enough for usernames */
		[3] = "instr(lower(u.username), lower(:q)) > 0 OR instr(u.display_name, :q) > 0",
	},
	.order = " ORDER BY u.id",
	.sorts = (const char *const[]){
		[USER_SORT_USERNAME] = "u.username",
		[USER_SORT_NAME] = "u.display_name",
		[USER_SORT_AGENCY] = "a.name",
		[USER_SORT_DISABLED] = "u.disabled",
	},
	.nsorts = USER_SORT_DISABLED + 1,
	.tiebreak = "u.id",
};

static void user_read(struct sq_row *r, void *item)
{
	struct user *u = item;
	u->id = sq_col_int(r);
	u->username = sq_col_text(r);
	u->display_name = sq_col_text(r);
	u->agency_id = sq_col_int(r);
	u->person_id = sq_col_int(r);
	u->roles = (unsigned)sq_col_int(r);
	u->disabled = sq_col_bool(r);
	u->must_change_password = sq_col_bool(r);
	u->password_hash = sq_col_text(r);
	u->failed_logins = (int)sq_col_int(r);
	u->locked_until = sq_col_int(r);
	u->password_changed_at = sq_col_int(r);
	u->created_at = sq_col_int(r);
	u->updated_at = sq_col_int(r);
}

/* Binds every column but id and created_at, in the order both the INSERT
 * and the UPDATE name them (?1 .. ?11). */
static void user_bind(struct sq_args *b, const struct user *u, int64_t updated)
{
	sq_arg_text(b, u->username);
	sq_arg_text(b, u->display_name);
	sq_arg_id(b, u->agency_id);
	sq_arg_id(b, u->person_id);
	sq_arg_int(b, u->roles);
	sq_arg_int(b, u->disabled);
	sq_arg_int(b, u->must_change_password);
	sq_arg_text(b, u->password_hash);
	sq_arg_int(b, u->failed_logins);
	sq_arg_int(b, u->locked_until);
	sq_arg_int(b, u->password_changed_at);
	sq_arg_int(b, updated);
}

enum fz_err sq_user_insert(struct store *st, struct user *u, struct fz_error *e)
{
	struct sq_store *s = sq(st);
	sqlite3_stmt *stmt;
	enum fz_err err = sq_stmt(s, SQ_USER_INSERT,
				  "INSERT INTO users (username, display_name, agency_id, person_id,"
				  " roles, disabled, must_change_password, password_hash,"
				  " failed_logins, locked_until, password_changed_at, updated_at,"
				  " created_at)"
				  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
				  &stmt, e);
	if (err)
		return err;
	int64_t created = sq_now_if_zero(u->created_at);
	int64_t updated = u->updated_at ? u->updated_at : created;
	struct sq_args b = sq_args(stmt);
	user_bind(&b, u, updated);
	sq_arg_int(&b, created);
	const struct sq_ref refs[] = {
		SQ_REF_AGENCY("agency_id", u->agency_id),
		SQ_REF_PERSON("person_id", u->person_id),
	};
	if ((err = sq_write(s, stmt, &b, refs, 2, NULL, e)))
		return err;
	u->id = sqlite3_last_insert_rowid(s->c->db);
	u->created_at = created;
	u->updated_at = updated;
	return FZ_OK;
}

enum fz_err sq_user_update(struct store *st, struct user *u, struct fz_error *e)
{
	struct sq_store *s = sq(st);
	sqlite3_stmt *stmt;
	enum fz_err err = sq_stmt(s, SQ_USER_UPDATE,
				  "UPDATE users SET username = ?1, display_name = ?2, agency_id = ?3,"
				  " person_id = ?4, roles = ?5, disabled = ?6,"
				  " must_change_password = ?7, password_hash = ?8,"
				  " failed_logins = ?9, locked_until = ?10,"
				  " password_changed_at = ?11, updated_at = ?12 WHERE id = ?13",
				  &stmt, e);
	if (err)
		return err;
	int64_t updated = sq_now_if_zero(u->updated_at);
	struct sq_args b = sq_args(stmt);
	user_bind(&b, u, updated);
	sq_arg_int(&b, u->id);
	const struct sq_ref refs[] = {
		SQ_REF_AGENCY("agency_id", u->agency_id),
		SQ_REF_PERSON("person_id", u->person_id),
	};
	if ((err = sq_write(s, stmt, &b, refs, 2, "用户不存在", e)))
		return err;
	u->updated_at = updated;
	return FZ_OK;
}

enum fz_err sq_user_get(struct store *st, struct arena *a, const struct scope *sc, int64_t id,
			struct user *out, struct fz_error *e)
{
	memset(out, 0, sizeof *out);
	return sq_query_get(sq(st), &user_query, sc, id, a, out, user_read, "用户不存在", e);
}

enum fz_err sq_user_get_by_name(struct store *st, struct arena *a, const char *username,
				struct user *out, struct fz_error *e)
{
	struct sq_store *s = sq(st);
	sqlite3_stmt *stmt;
	memset(out, 0, sizeof *out);
	enum fz_err err = sq_stmt(s, SQ_USER_GET_BY_NAME,
				  "SELECT " USER_COLUMNS " FROM users u WHERE u.username = ?1",
				  &stmt, e);
	if (err)
		return err;
	struct sq_args b = sq_args(stmt);
	sq_arg_text(&b, username);
	int rc = b.rc != SQLITE_OK ? b.rc : sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		struct sq_row r = { stmt, a, 0, false };
		user_read(&r, out);
		if (r.nomem)
			err = fz_fail(e, FZ_NOMEM, "", NULL);
	} else if (rc == SQLITE_DONE) {
		err = fz_fail(e, FZ_NOTFOUND, "username", "用户不存在");
	} else {
		err = sq_fail(s, rc, e);
	}
	sq_done(stmt);
	return err;
}

enum fz_err sq_user_list(struct store *st, struct arena *a, const struct scope *sc,
			 const struct user_filter *f, struct page pg, struct user_list *out,
			 struct fz_error *e)
{
	static const struct user_filter any;
	struct sq_list l;
	unsigned mask = 0;
	if (!f)
		f = &any;
	if (f->agency_id)
		mask |= 1u << 1;
	if (f->role)
		mask |= 1u << 2;
	if (f->q && *f->q)
		mask |= 1u << 3;
	memset(out, 0, sizeof *out);
	enum fz_err err = sq_list_open_sorted(sq(st), &user_query, sc, mask, f->sort, pg, &l, e);
	if (err)
		return err;
	sq_list_int(&l, ":agency", f->agency_id);
	sq_list_int(&l, ":role", f->role);
	sq_list_text(&l, ":q", f->q);
	void *items;
	err = sq_list_run(&l, a, sizeof *out->items, user_read, &items, &out->n, &out->total, e);
	out->items = items;
	/* A list is for showing accounts; no screen needs their hashes. */
	for (size_t i = 0; i < out->n; i++)
		out->items[i].password_hash = NULL;
	return err;
}
