/* sqlite_audit.c - the audit log in SQLite. Records are only appended; the
 * triggers of 001_init.sql refuse any UPDATE and any DELETE of a record
 * younger than the retention period whoever connects, and audit_purge
 * checks the same rule first so that the caller gets a clear answer. */
#include "store/sqlite_internal.h"

#include <string.h>

/* The floor of the retention period, in days, whatever the settings say. */
#define AUDIT_RETENTION_MIN 180
/* Longer than any record will live; keeps days * 86400 from overflowing. */
#define AUDIT_RETENTION_MAX 1000000

static const char *or_empty(const char *s) { return s ? s : ""; }

enum fz_err sq_audit_append(struct store *st, struct audit_entry *ent,
			    const struct audit_change *changes, size_t nchanges,
			    struct fz_error *e)
{
	struct sq_store *s = sq(st);
	sqlite3_stmt *stmt, *change;
	enum fz_err err;
	if ((err = sq_stmt(s, SQ_AUDIT_INSERT,
			   "INSERT INTO audit_log (at, actor_id, actor, client_addr, action,"
			   " object_type, object_id, result, message)"
			   " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
			   &stmt, e)) ||
	    (err = sq_stmt(s, SQ_AUDIT_CHANGE_INSERT,
			   "INSERT INTO audit_changes (audit_id, field, before_value, after_value)"
			   " VALUES (?1, ?2, ?3, ?4)",
			   &change, e)))
		return err;

	int64_t at = sq_now_if_zero(ent->at);
	/* the record and its changes go in together or not at all */
	if ((err = sq_savepoint(s, e)))
		return err;
	struct sq_args b = sq_args(stmt);
	sq_arg_int(&b, at);
	sq_arg_int(&b, ent->actor_id);
	sq_arg_text(&b, or_empty(ent->actor));
	sq_arg_text(&b, or_empty(ent->client_addr));
	sq_arg_text(&b, ent->action);
	sq_arg_text(&b, or_empty(ent->object_type));
	sq_arg_text(&b, or_empty(ent->object_id));
	sq_arg_text(&b, ent->result);
	sq_arg_text(&b, or_empty(ent->message));
	if ((err = sq_write(s, stmt, &b, NULL, 0, NULL, e)))
		goto fail;
	int64_t id = sqlite3_last_insert_rowid(s->c->db);
	for (size_t i = 0; i < nchanges; i++) {
		struct sq_args cb = sq_args(change);
		sq_arg_int(&cb, id);
		sq_arg_text(&cb, changes[i].field);
		sq_arg_text(&cb, changes[i].before);
		sq_arg_text(&cb, changes[i].after);
		if ((err = sq_write(s, change, &cb, NULL, 0, NULL, e)))
			goto fail;
	}
	if ((err = sq_release(s, e)))
		return err;
	ent->id = id;
	ent->at = at;
	return FZ_OK;
fail:
	sq_rollback_to(s);
	return err;
}

enum {
	AF_ID,
	AF_FROM,
	AF_TO,
	AF_ACTOR_ID,
	AF_ACTOR,
	AF_ACTION,
	AF_ACTION_PREFIX,
	AF_OBJECT_TYPE,
	AF_OBJECT_ID,
	AF_RESULT,
};

static const struct sq_query audit_query = {
	.id = SQ_Q_AUDIT,
	.select = "SELECT l.id, l.at, l.actor_id, l.actor, l.client_addr, l.action,"
		  " l.object_type, l.object_id, l.result, l.message,"
		  " coalesce(u.display_name, '')",
	.from = " FROM audit_log l LEFT JOIN users u ON u.id = l.actor_id",
	.filters = {
		[AF_ID] = "l.id = :id",
		[AF_FROM] = "l.at >= :from",
		[AF_TO] = "l.at < :to",
		[AF_ACTOR_ID] = "l.actor_id = :actor_id",
		[AF_ACTOR] = "l.actor = :actor OR u.display_name = :actor",
		[AF_ACTION] = "l.action = :action",
		/* a range rather than LIKE: '_' in action names is no wildcard,
		 * and the range uses the action index */
		[AF_ACTION_PREFIX] = "l.action >= :action AND l.action < :action_end",
		[AF_OBJECT_TYPE] = "l.object_type = :object_type",
		[AF_OBJECT_ID] = "l.object_id = :object_id",
		[AF_RESULT] = "l.result = :result",
	},
	.order = " ORDER BY l.id DESC",
	.sorts = (const char *const[]){
		[AUDIT_SORT_AT] = "l.at",
		[AUDIT_SORT_ACTOR] = "coalesce(u.display_name, l.actor)",
		[AUDIT_SORT_ACTION] = "l.action",
		[AUDIT_SORT_OBJECT] = "l.object_type",
		[AUDIT_SORT_RESULT] = "l.result",
	},
	.nsorts = AUDIT_SORT_RESULT + 1,
	.tiebreak = "l.id",
};

static void audit_read(struct sq_row *r, void *item)
{
	struct audit_entry *ent = item;
	ent->id = sq_col_int(r);
	ent->at = sq_col_int(r);
	ent->actor_id = sq_col_int(r);
	ent->actor = sq_col_text(r);
	ent->client_addr = sq_col_text(r);
	ent->action = sq_col_text(r);
	ent->object_type = sq_col_text(r);
	ent->object_id = sq_col_text(r);
	ent->result = sq_col_text(r);
	ent->message = sq_col_text(r);
	ent->actor_name = sq_col_text(r);
}

enum fz_err sq_audit_list(struct store *st, struct arena *a, const struct audit_filter *f,
			  struct page pg, struct audit_list *out, struct fz_error *e)
{
	static const struct audit_filter any;
	struct sq_list l;
	unsigned mask = 0;
	char *action_end = NULL;
	if (!f)
		f = &any;
	memset(out, 0, sizeof *out);
	if (f->from)
		mask |= 1u << AF_FROM;
	if (f->to)
		mask |= 1u << AF_TO;
	if (f->actor_id)
		mask |= 1u << AF_ACTOR_ID;
	if (given(f->actor))
		mask |= 1u << AF_ACTOR;
	if (given(f->action)) {
		size_t n = strlen(f->action);
		if (f->action[n - 1] == '.') {
			/* "case." .. "case/": every action that starts "case." */
			if (!(action_end = arena_strdup(a, f->action)))
				return fz_fail(e, FZ_NOMEM, "", NULL);
			action_end[n - 1] = '.' + 1;
			mask |= 1u << AF_ACTION_PREFIX;
		} else {
			mask |= 1u << AF_ACTION;
		}
	}
	if (given(f->object_type))
		mask |= 1u << AF_OBJECT_TYPE;
	if (given(f->object_id))
		mask |= 1u << AF_OBJECT_ID;
	if (given(f->result))
		mask |= 1u << AF_RESULT;

	enum fz_err err = sq_list_open_sorted(sq(st), &audit_query, NULL, mask, f->sort, pg, &l, e);
	if (err)
		return err;
	sq_list_int(&l, ":from", f->from);
	sq_list_int(&l, ":to", f->to);
	sq_list_int(&l, ":actor_id", f->actor_id);
	sq_list_text(&l, ":actor", f->actor);
	sq_list_text(&l, ":action", f->action);
	sq_list_text(&l, ":action_end", action_end);
	sq_list_text(&l, ":object_type", f->object_type);
	sq_list_text(&l, ":object_id", f->object_id);
	sq_list_text(&l, ":result", f->result);
	void *items;
	err = sq_list_run(&l, a, sizeof *out->items, audit_read, &items, &out->n, &out->total, e);
	out->items = items;
	return err;
}

static void change_read(struct sq_row *r, void *item)
{
	struct audit_change *c = item;
	c->field = sq_col_text(r);
	c->before = sq_col_text(r);
	c->after = sq_col_text(r);
}

enum fz_err sq_audit_changes(struct store *st, struct arena *a, int64_t audit_id,
			     struct audit_change_list *out, struct fz_error *e)
{
	void *items;
	memset(out, 0, sizeof *out);
	enum fz_err err = sq_rows_of(sq(st), SQ_AUDIT_CHANGES,
				     "SELECT field, before_value, after_value FROM audit_changes"
				     " WHERE audit_id = ?1 ORDER BY rowid",
				     audit_id, a, sizeof *out->items, change_read, &items, &out->n, e);
	out->items = items;
	out->total = (int64_t)out->n;
	return err;
}

/* The retention the database itself enforces, in days. */
static enum fz_err retention_setting(struct sq_store *s, int64_t *days, struct fz_error *e)
{
	sqlite3_stmt *stmt;
	*days = AUDIT_RETENTION_MIN;
	enum fz_err err = sq_stmt(s, SQ_AUDIT_RETENTION,
				  "SELECT CAST(value AS INTEGER) FROM settings"
				  " WHERE key = 'audit_retention_days'",
				  &stmt, e);
	if (err)
		return err;
	int rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW)
		*days = sqlite3_column_int64(stmt, 0);
	else if (rc != SQLITE_DONE)
		err = sq_fail(s, rc, e);
	sq_done(stmt);
	return err;
}

enum fz_err sq_audit_purge(struct store *st, int64_t before, int64_t now, int retention_days,
			   int64_t *deleted, struct fz_error *e)
{
	struct sq_store *s = sq(st);
	sqlite3_stmt *stmt;
	int64_t days;
	*deleted = 0;
	enum fz_err err = retention_setting(s, &days, e);
	if (err)
		return err;
	/* the longest of what the caller, the settings and the law ask */
	if (days < retention_days)
		days = retention_days;
	if (days < AUDIT_RETENTION_MIN)
		days = AUDIT_RETENTION_MIN;
	if (days > AUDIT_RETENTION_MAX)
		days = AUDIT_RETENTION_MAX;
	now = sq_now_if_zero(now);
	if (before > now - days * 86400)
		return fz_fail(e, FZ_FORBIDDEN, "before", "审计记录保存期限未满 %lld 天，不能清除",
			       (long long)days);

	if ((err = sq_stmt(s, SQ_AUDIT_PURGE, "DELETE FROM audit_log WHERE at < ?1", &stmt, e)))
		return err;
	struct sq_args b = sq_args(stmt);
	sq_arg_int(&b, before);
	/* the changes of each record go with it (ON DELETE CASCADE) */
	if ((err = sq_write(s, stmt, &b, NULL, 0, NULL, e)))
		return err;
	*deleted = sqlite3_changes(s->c->db);
	return FZ_OK;
}
