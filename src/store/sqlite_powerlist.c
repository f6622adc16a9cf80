/* sqlite_powerlist.c - the power-and-responsibility list (权责清单) in
 * SQLite: versions and their powers. A draft's powers are replaced as a
 * whole; a published version is left alone by the triggers of
 * 017_power_lists.sql, whatever calls. Rows are unscoped: the app applies
 * the caller's scope. */
#include "store/sqlite_internal.h"

#include <string.h>

#define PL_COLS                                                                         \
	"l.id, l.agency_id, a.name, l.version, l.status, l.note, l.effective_on,"         \
	" l.published_on, l.published_at, l.backdate_reason, l.created_by, l.created_at," \
	" l.published_by, l.publisher"
#define PL_FROM " FROM power_lists l JOIN agencies a ON a.id = l.agency_id"

static void pl_read(struct sq_row *r, void *item)
{
	struct power_list *l = item;
	l->id = sq_col_int(r);
	l->agency_id = sq_col_int(r);
	l->agency = sq_col_text(r);
	l->version = sq_col_int(r);
	const char *st = sq_col_text(r);
	l->published = st && strcmp(st, "published") == 0;
	l->note = sq_col_text(r);
	sq_col_fixed(r, l->effective_on, sizeof l->effective_on);
	sq_col_fixed(r, l->published_on, sizeof l->published_on);
	l->published_at = sq_col_int(r);
	l->backdate_reason = sq_col_text(r);
	l->created_by = sq_col_int(r);
	l->created_at = sq_col_int(r);
	l->published_by = sq_col_int(r);
	l->publisher = sq_col_text(r);
}

static void item_read(struct sq_row *r, void *item)
{
	struct power_item *it = item;
	it->id = sq_col_int(r);
	it->list_id = sq_col_int(r);
	it->seq = sq_col_int(r);
	it->code = sq_col_text(r);
	it->name = sq_col_text(r);
	it->kind = sq_col_text(r);
	it->basis = sq_col_text(r);
	it->unit_id = sq_col_int(r);
	it->unit = sq_col_text(r);
	it->duty = sq_col_text(r);
	it->accountability = sq_col_text(r);
	it->guide = sq_col_text(r);
}

static const char *str(const char *s) { return s ? s : ""; }

enum fz_err sq_power_list_insert(struct store *st, struct power_list *pl, struct fz_error *e)
{
	struct sq_store *s = sq(st);
	sqlite3_stmt *stmt;
	enum fz_err err = sq_stmt(s, SQ_POWER_INSERT,
				  "INSERT INTO power_lists (agency_id, version, status, note,"
				  " created_by, created_at)"
				  " SELECT ?1, coalesce(max(version), 0) + 1, 'draft', ?2, ?3, ?4"
				  " FROM power_lists WHERE agency_id = ?1 RETURNING id, version",
				  &stmt, e);
	if (err)
		return err;
	int64_t now = sq_now_if_zero(pl->created_at);
	struct sq_args b = sq_args(stmt);
	sq_arg_int(&b, pl->agency_id);
	sq_arg_text(&b, str(pl->note));
	sq_arg_int(&b, pl->created_by);
	sq_arg_int(&b, now);
	int rc = b.rc != SQLITE_OK ? b.rc : sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		pl->id = sqlite3_column_int64(stmt, 0);
		pl->version = sqlite3_column_int64(stmt, 1);
		rc = sqlite3_step(stmt);
	}
	if (rc != SQLITE_DONE) {
		const struct sq_ref refs[] = { SQ_REF_AGENCY("agency_id", pl->agency_id) };
		err = sq_fail_refs(s, rc, refs, 1, e);
	}
	sq_done(stmt);
	if (!err) {
		pl->published = false;
		pl->created_at = now;
	}
	return err;
}

enum fz_err sq_power_items_replace(struct store *st, int64_t list_id,
				   const struct power_item *items, size_t n, struct fz_error *e)
{
	struct sq_store *s = sq(st);
	sqlite3_stmt *stmt;
	enum fz_err err = sq_savepoint(s, e);
	if (err)
		return err;
	if ((err = sq_stmt(s, SQ_POWER_ITEMS_DELETE, "DELETE FROM power_items WHERE list_id = ?1",
			   &stmt, e)))
		goto fail;
	struct sq_args b = sq_args(stmt);
	sq_arg_int(&b, list_id);
	if ((err = sq_write(s, stmt, &b, NULL, 0, NULL, e)))
		goto fail;
	for (size_t i = 0; i < n; i++) {
		const struct power_item *it = &items[i];
		if ((err = sq_stmt(s, SQ_POWER_ITEM_INSERT,
				   "INSERT INTO power_items (list_id, seq, code, name, kind, basis,"
				   " unit_id, unit, duty, accountability, guide)"
				   " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
				   &stmt, e)))
			goto fail;
		b = sq_args(stmt);
		sq_arg_int(&b, list_id);
		sq_arg_int(&b, (int64_t)i + 1);
		sq_arg_text(&b, str(it->code));
		sq_arg_text(&b, str(it->name));
		sq_arg_text(&b, str(it->kind));
		sq_arg_text(&b, str(it->basis));
		sq_arg_int(&b, it->unit_id);
		sq_arg_text(&b, str(it->unit));
		sq_arg_text(&b, str(it->duty));
		sq_arg_text(&b, str(it->accountability));
		sq_arg_text(&b, str(it->guide));
		if ((err = sq_write(s, stmt, &b, NULL, 0, NULL, e)))
			goto fail;
	}
	return sq_release(s, e);
fail:
	sq_rollback_to(s);
	return err;
}

enum fz_err sq_power_list_note_set(struct store *st, int64_t list_id, const char *note,
				   struct fz_error *e)
{
	struct sq_store *s = sq(st);
	sqlite3_stmt *stmt;
	enum fz_err err = sq_stmt(s, SQ_POWER_NOTE_SET,
				  "UPDATE power_lists SET note = ?2 WHERE id = ?1", &stmt, e);
	if (err)
		return err;
	struct sq_args b = sq_args(stmt);
	sq_arg_int(&b, list_id);
	sq_arg_text(&b, str(note));
	return sq_write(s, stmt, &b, NULL, 0, "权责清单版本不存在", e);
}

enum fz_err sq_power_list_publish(struct store *st, const struct power_list *pl,
				  struct fz_error *e)
{
	struct sq_store *s = sq(st);
	sqlite3_stmt *stmt;
	enum fz_err err = sq_stmt(s, SQ_POWER_PUBLISH,
				  "UPDATE power_lists SET status = 'published', effective_on = ?2,"
				  " published_on = ?3, published_at = ?4, backdate_reason = ?5,"
				  " published_by = ?6, publisher = ?7"
				  " WHERE id = ?1 AND status = 'draft'",
				  &stmt, e);
	if (err)
		return err;
	struct sq_args b = sq_args(stmt);
	sq_arg_int(&b, pl->id);
	sq_arg_text(&b, pl->effective_on);
	sq_arg_text(&b, pl->published_on);
	sq_arg_int(&b, pl->published_at);
	sq_arg_text(&b, str(pl->backdate_reason));
	sq_arg_int(&b, pl->published_by);
	sq_arg_text(&b, str(pl->publisher));
	err = sq_write(s, stmt, &b, NULL, 0, "", e);
	if (err == FZ_NOTFOUND)
		return fz_fail(e, FZ_FORBIDDEN, "id", "该版本已发布，不能再次发布；修改请起草新版本");
	return err;
}

static enum fz_err items_of(struct sq_store *s, struct arena *a, struct power_list *l,
			    struct fz_error *e)
{
	sqlite3_stmt *stmt;
	void *items;
	enum fz_err err = sq_stmt(s, SQ_POWER_ITEMS_OF,
				  "SELECT id, list_id, seq, code, name, kind, basis, unit_id, unit,"
				  " duty, accountability, guide FROM power_items WHERE list_id = ?1"
				  " ORDER BY seq",
				  &stmt, e);
	if (err)
		return err;
	struct sq_args b = sq_args(stmt);
	sq_arg_int(&b, l->id);
	if ((err = sq_collect(s, stmt, &b, a, sizeof *l->items, item_read, &items, &l->n_items,
			      e)))
		return err;
	l->items = items;
	return FZ_OK;
}

/* One version by a fixed statement with one or two arguments, and its
 * powers. */
static enum fz_err pl_one(struct sq_store *s, struct arena *a, enum sq_stmt_id id,
			  const char *sql, int64_t key, const char *text, struct power_list *out,
			  const char *notfound, struct fz_error *e)
{
	sqlite3_stmt *stmt;
	memset(out, 0, sizeof *out);
	enum fz_err err = sq_stmt(s, id, sql, &stmt, e);
	if (err)
		return err;
	struct sq_args b = sq_args(stmt);
	sq_arg_int(&b, key);
	if (text)
		sq_arg_text(&b, text);
	if ((err = sq_one(s, stmt, &b, a, out, pl_read, FZ_NOTFOUND, "id", notfound, e)))
		return err;
	return items_of(s, a, out, e);
}

enum fz_err sq_power_list_get(struct store *st, struct arena *a, int64_t id,
			      struct power_list *out, struct fz_error *e)
{
	return pl_one(sq(st), a, SQ_POWER_GET, "SELECT " PL_COLS PL_FROM " WHERE l.id = ?1", id,
		      NULL, out, "权责清单版本不存在", e);
}

enum fz_err sq_power_list_in_force(struct store *st, struct arena *a, int64_t agency_id,
				   const char *on, struct power_list *out, struct fz_error *e)
{
	return pl_one(sq(st), a, SQ_POWER_IN_FORCE,
		      "SELECT " PL_COLS PL_FROM " WHERE l.agency_id = ?1 AND l.status = 'published'"
		      " AND l.effective_on <= ?2 ORDER BY l.effective_on DESC LIMIT 1",
		      agency_id, on, out, "该日期没有生效的权责清单", e);
}

enum fz_err sq_power_list_draft_of(struct store *st, struct arena *a, int64_t agency_id,
				   struct power_list *out, struct fz_error *e)
{
	return pl_one(sq(st), a, SQ_POWER_DRAFT_OF,
		      "SELECT " PL_COLS PL_FROM " WHERE l.agency_id = ?1 AND l.status = 'draft'",
		      agency_id, NULL, out, "没有权责清单草稿", e);
}

enum fz_err sq_power_list_list(struct store *st, struct arena *a, int64_t agency_id,
			       bool published_only, struct page pg, struct power_list_list *out,
			       struct fz_error *e)
{
	struct sq_store *s = sq(st);
	sqlite3_stmt *stmt;
	void *items = NULL;
	memset(out, 0, sizeof *out);
	if (pg.limit < 1)
		pg.limit = 1;
	if (pg.limit > 200)
		pg.limit = 200;
	if (pg.offset < 0)
		pg.offset = 0;
	enum fz_err err = sq_savepoint(s, e);
	if (err)
		return err;
	if ((err = sq_stmt(s, SQ_POWER_COUNT,
			   "SELECT count(*) FROM power_lists WHERE agency_id = ?1"
			   " AND (?2 = 0 OR status = 'published')",
			   &stmt, e)))
		goto fail;
	struct sq_args b = sq_args(stmt);
	sq_arg_int(&b, agency_id);
	sq_arg_int(&b, published_only);
	if ((err = sq_one(s, stmt, &b, a, &out->total, sq_read_int, FZ_DB, "", "", e)))
		goto fail;
	if ((err = sq_stmt(s, SQ_POWER_LIST,
			   "SELECT " PL_COLS PL_FROM " WHERE l.agency_id = ?1"
			   " AND (?2 = 0 OR l.status = 'published')"
			   " ORDER BY l.version DESC LIMIT ?3 OFFSET ?4",
			   &stmt, e)))
		goto fail;
	b = sq_args(stmt);
	sq_arg_int(&b, agency_id);
	sq_arg_int(&b, published_only);
	sq_arg_int(&b, pg.limit);
	sq_arg_int(&b, pg.offset);
	if ((err = sq_collect(s, stmt, &b, a, sizeof *out->items, pl_read, &items, &out->n, e)))
		goto fail;
	if ((err = sq_release(s, e))) {
		out->n = 0;
		return err;
	}
	out->items = items;
	return FZ_OK;
fail:
	sq_rollback_to(s);
	out->n = 0;
	return err;
}

enum fz_err sq_agency_public_counts(struct store *st, int64_t agency_id, const char *today,
				    struct agency_public_counts *out, struct fz_error *e)
{
	struct sq_store *s = sq(st);
	sqlite3_stmt *stmt;
	memset(out, 0, sizeof *out);
	enum fz_err err = sq_stmt(s, SQ_POWER_PUBLIC_OFFICERS,
				  "SELECT count(DISTINCT person_id) FROM certificates"
				  " WHERE agency_id = ?1 AND status = 1 AND issued_on <= ?2"
				  " AND valid_until >= ?2",
				  &stmt, e);
	if (err)
		return err;
	struct sq_args b = sq_args(stmt);
	sq_arg_int(&b, agency_id);
	sq_arg_text(&b, today);
	int rc = b.rc != SQLITE_OK ? b.rc : sqlite3_step(stmt);
	if (rc == SQLITE_ROW)
		out->officers = sqlite3_column_int64(stmt, 0);
	else
		err = sq_fail(s, rc, e);
	sq_done(stmt);
	if (err)
		return err;
	if ((err = sq_stmt(s, SQ_POWER_PUBLIC_POWERS,
			   "SELECT l.version, (SELECT count(*) FROM power_items i WHERE i.list_id = l.id),"
			   " (SELECT count(*) FROM power_items i WHERE i.list_id = l.id AND i.guide <> '')"
			   " FROM power_lists l WHERE l.agency_id = ?1 AND l.status = 'published'"
			   " AND l.effective_on <= ?2 ORDER BY l.effective_on DESC LIMIT 1",
			   &stmt, e)))
		return err;
	b = sq_args(stmt);
	sq_arg_int(&b, agency_id);
	sq_arg_text(&b, today);
	rc = b.rc != SQLITE_OK ? b.rc : sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		out->power_version = sqlite3_column_int64(stmt, 0);
		out->powers = sqlite3_column_int64(stmt, 1);
		out->guides = sqlite3_column_int64(stmt, 2);
	} else if (rc != SQLITE_DONE) {
		err = sq_fail(s, rc, e);
	}
	sq_done(stmt);
	return err;
}
