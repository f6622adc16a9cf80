/* sqlite_search.c - published items in the search index (014_search.sql):
 * put and remove (triggers keep the FTS5 index in step), and the query
 * that reads one page of matches newest first straight off the index in
 * rowid order, so that its cost is one page, not every match
 * (docs/SEARCH.md). */
#include "store/sqlite_internal.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

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
	it->id = sqlite3_last_insert_rowid(s->c->db);
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
	/* the year bounds each window's walk inside FTS5 (sq_search_query) */
	buf_addf(&tags, " y%.4s", it->date);
	if ((err = buf_status(&tags))) {
		buf_release(&tags);
		return fz_fail(e, err, "", NULL);
	}
	/* No savepoint: FTS5 flushes its pending terms into a new segment at
	 * every savepoint, which made bulk indexing ten times slower. Inside
	 * the caller's transaction a failure is the caller's to roll back;
	 * outside one, both statements run in a transaction of their own. */
	bool own = sqlite3_get_autocommit(s->c->db);
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

/* The rowid range of the query: its dates, below its cursor, within the
 * ids that exist (so that windows are not spent on empty years). */
static enum fz_err query_range(struct sq_store *s, const struct search_query *q, int64_t *lo,
			       int64_t *hi, struct fz_error *e)
{
	sqlite3_stmt *stmt;
	enum fz_err err = sq_stmt(s, SQ_SEARCH_BOUNDS,
				  "SELECT (SELECT min(id) FROM search_items),"
				  " (SELECT max(id) FROM search_items)", &stmt, e);
	if (err)
		return err;
	int rc = sqlite3_step(stmt);
	int64_t min = rc == SQLITE_ROW ? sqlite3_column_int64(stmt, 0) : 0;
	int64_t max = rc == SQLITE_ROW ? sqlite3_column_int64(stmt, 1) : 0;
	sq_done(stmt);
	if (rc != SQLITE_ROW)
		return sq_fail(s, rc, e);
	int64_t to = *q->to ? search_day_key(q->to) : 0;
	*lo = *q->from ? search_day_key(q->from) : 0;
	*hi = *q->to ? to + SEARCH_DAY_MASK : INT64_MAX;
	if (*lo < 0 || to < 0) /* a date the app let through unchecked: nothing */
		*hi = -1, *lo = 0;
	if (q->before > 0 && q->before - 1 < *hi)
		*hi = q->before - 1;
	if (*lo < min)
		*lo = min;
	if (*hi > max)
		*hi = max;
	return FZ_OK;
}

/* Microseconds on the query's clock: the monotonic clock, or a test's. */
static int64_t clock_us(const struct search_query *q)
{
	struct timespec t;
	if (q->probe && q->probe->now_us)
		return q->probe->now_us(q->probe->ctx);
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (int64_t)t.tv_sec * 1000000 + t.tv_nsec / 1000;
}

/* The end of the work bound, checked from inside SQLite while a window is
 * read: FTS5 reads its index pages through SQLite's own program, so the
 * progress handler runs during the walk of a doclist too (every
 * DEADLINE_STEPS steps; at 10^5 items the longest CPU time between two
 * calls every 100 steps was 0.8 ms, PROGRESS in bench/search.sh). */
#define DEADLINE_STEPS 16
/* The deadline is half the budget past it: the forecast aims at the
 * budget, and a window stopped is work thrown away, so a forecast a
 * little short (the cost per day varies by a few per cent between years)
 * must not cost the whole window; a window far past it is what the
 * deadline is for. 20 ms of budget: stopped at 30 ms. */
#define DEADLINE_PAST_BUDGET(b) ((b) / 2)
struct search_deadline {
	const struct search_query *q;
	int64_t at; /* on the query's clock */
	bool hit;
};

static int deadline_passed(void *ctx)
{
	struct search_deadline *d = ctx;
	d->hit = clock_us(d->q) >= d->at;
	return d->hit;
}

/* One window [bottom, top] of the query: up to want rows, appended. With
 * dl, stopped at its deadline: then nothing is appended, FZ_OK and
 * dl->hit, the window as if not read. */
static enum fz_err window_read(struct sq_store *s, struct arena *a, const char *expr,
			       int64_t bottom, int64_t top, int want, struct search_deadline *dl,
			       struct search_item *items, size_t *n, struct fz_error *e)
{
	sqlite3_stmt *stmt;
	void *got = NULL;
	size_t ngot = 0;
	/* search_fts drives: MATCH, the rowid range and ORDER BY rowid DESC
	 * are all answered inside FTS5, which stops after want rows. */
	enum fz_err err = sq_stmt(s, SQ_SEARCH_QUERY,
		      "SELECT s.id, s.kind, s.ref_id, s.agency_id, s.date, s.title, s.body"
		      " FROM search_fts JOIN search_items s ON s.id = search_fts.rowid"
		      " WHERE search_fts MATCH ?1 AND search_fts.rowid >= ?2"
		      " AND search_fts.rowid <= ?3"
		      " ORDER BY search_fts.rowid DESC LIMIT ?4",
		      &stmt, e);
	if (err)
		return err;
	struct sq_args b = sq_args(stmt);
	sq_arg_text(&b, expr);
	sq_arg_int(&b, bottom);
	sq_arg_int(&b, top);
	sq_arg_int(&b, want);
	if (dl)
		sqlite3_progress_handler(s->c->db, DEADLINE_STEPS, deadline_passed, dl);
	err = sq_collect(s, stmt, &b, a, sizeof(struct search_item), item_read, &got, &ngot, e);
	if (dl)
		sqlite3_progress_handler(s->c->db, 0, NULL, NULL);
	if (err && dl && dl->hit) { /* interrupted: the rows it gave are dropped */
		fz_error_clear(e);
		return FZ_OK;
	}
	if (err)
		return err;
	if (ngot)
		memcpy(items + *n, got, ngot * sizeof *items);
	*n += ngot;
	return FZ_OK;
}

/* The row id of 1 January of the year of key. */
static int64_t year_start(int64_t key, int *year)
{
	char date[11], jan1[11];
	search_key_date(key, date);
	snprintf(jan1, sizeof jan1, "%.4s-01-01", date);
	*year = (date[0] - '0') * 1000 + (date[1] - '0') * 100 + (date[2] - '0') * 10 +
		(date[3] - '0');
	return search_day_key(jan1);
}

/* The days from bottom to top, both ends counted. */
static int64_t key_days(int64_t bottom, int64_t top)
{
	return (top >> SEARCH_DAY_SHIFT) - (bottom >> SEARCH_DAY_SHIFT) + 1;
}

/* The next window from top down: whole calendar years, at most max_years
 * of them and max_days days in all, never below lo; each year's tag ORed
 * into tags ("y2019" OR "y2018"). Returns the years taken, 0 when not
 * even the first fits in max_days. */
static int window_plan(int64_t top, int64_t lo, int max_years, int64_t max_days,
		       struct buf *tags, int64_t *bottom)
{
	int year, k = 0;
	for (int64_t b = year_start(top, &year); k < max_years; b = year_start(b - 1, &year)) {
		int64_t edge = b < lo ? lo : b;
		if (key_days(edge, top) > max_days)
			break;
		buf_addf(tags, "%s\"y%04d\"", k++ ? " OR " : "", year);
		*bottom = edge;
		if (edge <= lo)
			break;
	}
	return k;
}

/* Windows are whole calendar years, newest first; each window's
 * expression carries its years' tags (tags : ("y2019" OR "y2018")). The
 * tags are what bound the work: FTS5 applies a rowid range only to the
 * rows an expression yields, so an AND of common terms that never meet
 * walked its doclists to their very end in every window, whatever the
 * range (the cause of the 100-170 ms p99, docs/PERFORMANCE.md); ANDed
 * with the years' doclists, the walk ends where the window does, and a
 * window costs in proportion to its days.
 *
 * Under a work bound the first window is the newest year, and the next
 * is the year before, also whole, when the newest had fewer than 365 days
 * in the range (early January; a range that ends mid-year), so that the
 * cost per day is measured over a year of items, not set-up over a few
 * days; a common term fills its page in the first, on one year's tag.
 * Each next window is as many years as are predicted to end within what
 * is left of the budget at the cost per day measured so far
 * (search_window_fit);
 * when not one more year fits, the page stops there with the window's
 * edge as its cursor. A window that the prediction let start and that
 * still runs past the bound (a year dearer than those before it, the
 * thread preempted) is stopped inside SQLite half the bound past it
 * (struct search_deadline) and counts as not read: the page ends with what the
 * windows before it found, and its cursor is the window's top. The
 * windows that measure are never stopped, so that every page moves on.
 * Without a bound windows grow one, two, four years, so that a rare term
 * does not pay one query's set-up per year. */
#define WINDOW_MAX_YEARS 4
#define WINDOW_MAX_YEARS_FIT 16 /* at most 16 tags ORed in one expression */
#define WINDOW_MEASURE_DAYS 365 /* read before the cost per day is trusted */
enum fz_err sq_search_query(struct store *st, struct arena *a, const struct search_query *q,
			    struct search_item_list *out, struct fz_error *e)
{
	struct sq_store *s = sq(st);
	struct buf expr = BUF_INIT, win = BUF_INIT;
	int64_t lo = 0, hi = -1, t0 = clock_us(q), budget_us = (int64_t)q->budget_ms * 1000;
	int64_t spent_us = 0, days_read = 0, max_days = INT64_MAX;
	int limit = q->limit < 1 ? 1 : q->limit > 100 ? 100 : q->limit;
	size_t n = 0;
	enum fz_err err;

	memset(out, 0, sizeof *out);
	if (!q->terms || !q->terms->n)
		return FZ_OK;
	if ((err = query_range(s, q, &lo, &hi, e)) || hi < lo)
		return err;
	struct search_item *items = arena_calloc(a, (size_t)limit + 1, sizeof *items);
	sq_search_expr(&expr, q->terms, q->agency_id, q->kind);
	if (!items || (err = buf_status(&expr))) {
		buf_release(&expr);
		return fz_fail(e, items ? err : FZ_NOMEM, "", NULL);
	}
	for (int64_t top = hi, span = 1;;) {
		int64_t bottom = lo;
		int max_years = (int)span;
		/* measuring: one year at a time until a year's days are read */
		bool measured = budget_us > 0 && days_read >= WINDOW_MEASURE_DAYS;
		if (budget_us > 0)
			max_years = measured ? WINDOW_MAX_YEARS_FIT : 1;
		buf_reset(&win);
		buf_addf(&win, "%s AND tags : (", buf_cstr(&expr));
		int years = window_plan(top, lo, max_years, measured ? max_days : INT64_MAX, &win,
					&bottom);
		if (!years) { /* not one more year fits in what is left */
			out->next_before = top + 1;
			break;
		}
		buf_addc(&win, ')');
		if ((err = buf_status(&win))) {
			fz_fail(e, err, "", NULL);
			break;
		}
		/* the windows that measure always end: every page moves on */
		struct search_deadline dl = { q, t0 + budget_us + DEADLINE_PAST_BUDGET(budget_us),
					      false };
		int64_t w0 = clock_us(q);
		if (q->probe && q->probe->window) /* a test charges its fake clock */
			q->probe->window(q->probe->ctx, bottom, top, years);
		if ((err = window_read(s, a, buf_cstr(&win), bottom, top, limit + 1 - (int)n,
				       measured ? &dl : NULL, items, &n, e)))
			break;
		if (dl.hit) { /* predicted to fit, it did not: read on from its top */
			out->next_before = top + 1;
			break;
		}
		if (n > (size_t)limit) {
			n = (size_t)limit;
			out->next_before = items[n - 1].id;
			break;
		}
		if (bottom <= lo)
			break;
		int64_t now = clock_us(q);
		spent_us += now - w0;
		days_read += key_days(bottom, top);
		top = bottom - 1;
		if (span < WINDOW_MAX_YEARS)
			span *= 2;
		if (budget_us > 0)
			max_days = search_window_fit(spent_us, days_read, budget_us - (now - t0));
	}
	buf_release(&win);
	buf_release(&expr);
	out->items = items;
	out->n = n;
	return err;
}
