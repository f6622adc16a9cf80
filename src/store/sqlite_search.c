/* sqlite_search.c - published items in the search index (014_search.sql):
 * put and remove (triggers keep the FTS5 index in step), and the query
 * that reads one page of matches newest first straight off the index in
 * rowid order, so that its cost is one page, not every match
 * (docs/SEARCH.md). */
#include "store/sqlite_internal.h"

#include <string.h>

#define SEARCH_DAY_MASK ((INT64_C(1) << SEARCH_DAY_SHIFT) - 1)

static enum fz_err item_check(const struct search_item *it, struct fz_error *e)
{
	if (!it->kind || !*it->kind || strlen(it->kind) > 32)
		return fz_fail(e, FZ_INVALID, "kind", "公开事项类别无效");
	if (it->ref_id < 1)
		return fz_fail(e, FZ_INVALID, "ref_id", "公开事项编号无效");
	if (it->agency_id < 1)
		return fz_fail(e, FZ_INVALID, "agency_id", "执法主体无效");
	if (search_day_key(it->date) < 0)
		return fz_fail(e, FZ_INVALID, "date", "公开日期无效（应为 1970 年以后的 YYYY-MM-DD）");
	if (!it->title || !*it->title)
		return fz_fail(e, FZ_INVALID, "title", "标题不能为空");
	if (!it->body)
		return fz_fail(e, FZ_INVALID, "body", "正文不能为空");
	return FZ_OK;
}

enum fz_err sq_search_remove(struct store *st, const char *kind, int64_t ref_id,
			     struct fz_error *e)
{
	struct sq_store *s = sq(st);
	sqlite3_stmt *stmt;
	enum fz_err err = sq_stmt(s, SQ_SEARCH_DELETE,
				  "DELETE FROM search_items WHERE kind = ?1 AND ref_id = ?2", &stmt, e);
	if (err)
		return err;
	struct sq_args b = sq_args(stmt);
	sq_arg_text(&b, kind ? kind : "");
	sq_arg_int(&b, ref_id);
	return sq_write(s, stmt, &b, NULL, 0, NULL, e);
}

/* Inserts it with the next id of its day, taken in the same statement. */
static enum fz_err item_insert(struct sq_store *s, struct search_item *it, const char *tags,
			       struct fz_error *e)
{
	sqlite3_stmt *stmt;
	int64_t lo = search_day_key(it->date), hi = lo + SEARCH_DAY_MASK;
	enum fz_err err = sq_stmt(
		s, SQ_SEARCH_INSERT,
		"INSERT INTO search_items (id, kind, ref_id, agency_id, date, title, body, tags)"
		" SELECT COALESCE(MAX(id), ?1) + 1, ?3, ?4, ?5, ?6, ?7, ?8, ?9"
		" FROM search_items WHERE id BETWEEN ?1 AND ?2",
		&stmt, e);
	if (err)
		return err;
	struct sq_args b = sq_args(stmt);
	sq_arg_int(&b, lo);
	sq_arg_int(&b, hi);
	sq_arg_text(&b, it->kind);
	sq_arg_int(&b, it->ref_id);
	sq_arg_int(&b, it->agency_id);
	sq_arg_text(&b, it->date);
	sq_arg_text(&b, it->title);
	sq_arg_text(&b, it->body);
	sq_arg_text(&b, tags);
	if ((err = sq_write(s, stmt, &b, NULL, 0, NULL, e)))
		return err;
	it->id = sqlite3_last_insert_rowid(s->db);
	/* 2^24 - 1 items on one day: the next would take the next day's key. */
	if (it->id >= hi)
		return fz_fail(e, FZ_CONFLICT, "date", "同一日期的公开事项过多");
	return FZ_OK;
}

enum fz_err sq_search_put(struct store *st, struct search_item *it, struct fz_error *e)
{
	struct sq_store *s = sq(st);
	struct buf tags = BUF_INIT;
	enum fz_err err = item_check(it, e);
	if (err)
		return err;
	buf_addf(&tags, "a%lld ", (long long)it->agency_id);
	sq_search_tag_kind(&tags, it->kind);
	if ((err = buf_status(&tags))) {
		buf_release(&tags);
		return fz_fail(e, err, "", NULL);
	}
	/* No savepoint: FTS5 flushes its pending terms into a new segment at
	 * every savepoint, which made bulk indexing ten times slower. Inside
	 * the caller's transaction a failure is the caller's to roll back;
	 * outside one, both statements run in a transaction of their own. */
	bool own = sqlite3_get_autocommit(s->db);
	if (own && (err = sq_begin(st, true, e)))
		goto done;
	if ((err = sq_search_remove(st, it->kind, it->ref_id, e)) ||
	    (err = item_insert(s, it, buf_cstr(&tags), e))) {
		if (own)
			sq_rollback(st);
		goto done;
	}
	if (own)
		err = sq_commit(st, e);
done:
	buf_release(&tags);
	return err;
}

static void item_read(struct sq_row *r, void *item)
{
	struct search_item *it = item;
	it->id = sq_col_int(r);
	it->kind = sq_col_text(r);
	it->ref_id = sq_col_int(r);
	it->agency_id = sq_col_int(r);
	sq_col_fixed(r, it->date, sizeof it->date);
	it->title = sq_col_text(r);
	it->body = sq_col_text(r);
}

/* The rowid range of the query: its dates, below its cursor. */
static bool query_range(const struct search_query *q, int64_t *lo, int64_t *hi)
{
	*lo = 0;
	*hi = INT64_MAX;
	if (*q->from)
		*lo = search_day_key(q->from);
	if (*q->to) {
		int64_t k = search_day_key(q->to);
		*hi = k < 0 ? -1 : k + SEARCH_DAY_MASK;
	}
	if (q->before > 0 && q->before - 1 < *hi)
		*hi = q->before - 1;
	return *lo >= 0 && *hi >= *lo;
}

enum fz_err sq_search_query(struct store *st, struct arena *a, const struct search_query *q,
			    struct search_item_list *out, struct fz_error *e)
{
	struct sq_store *s = sq(st);
	struct buf expr = BUF_INIT;
	sqlite3_stmt *stmt;
	int64_t lo, hi;
	int limit = q->limit < 1 ? 1 : q->limit > 100 ? 100 : q->limit;
	void *items = NULL;
	size_t n = 0;

	memset(out, 0, sizeof *out);
	if (!q->terms || !q->terms->n || !query_range(q, &lo, &hi))
		return FZ_OK;
	sq_search_expr(&expr, q->terms, q->agency_id, q->kind);
	enum fz_err err = buf_status(&expr);
	if (err) {
		buf_release(&expr);
		return fz_fail(e, err, "", NULL);
	}
	/* search_fts drives: MATCH, the rowid range and ORDER BY rowid DESC
	 * are all answered inside FTS5, which stops after limit + 1 rows. */
	err = sq_stmt(s, SQ_SEARCH_QUERY,
		      "SELECT s.id, s.kind, s.ref_id, s.agency_id, s.date, s.title, s.body"
		      " FROM search_fts JOIN search_items s ON s.id = search_fts.rowid"
		      " WHERE search_fts MATCH ?1 AND search_fts.rowid >= ?2"
		      " AND search_fts.rowid <= ?3"
		      " ORDER BY search_fts.rowid DESC LIMIT ?4",
		      &stmt, e);
	if (!err) {
		struct sq_args b = sq_args(stmt);
		sq_arg_text(&b, buf_cstr(&expr));
		sq_arg_int(&b, lo);
		sq_arg_int(&b, hi);
		sq_arg_int(&b, limit + 1);
		err = sq_collect(s, stmt, &b, a, sizeof(struct search_item), item_read, &items, &n,
				 e);
	}
	buf_release(&expr);
	if (err)
		return err;
	out->items = items;
	out->more = n > (size_t)limit;
	out->n = out->more ? (size_t)limit : n;
	return FZ_OK;
}
