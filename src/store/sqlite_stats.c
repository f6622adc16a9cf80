/* sqlite_stats.c - the statistics queries (store_stats.h), one SELECT
 * per block, in two forms: read from the summary kept beside the record
 * (036_stats_summary.sql; agencies x months x cells rows, whatever the
 * number of cases), which sqlite_stats_note.c keeps up to date for the
 * event path; and counted from the record
 * itself (stats_query.from_record), the reference the summary is tested
 * against. Fields are read as corrected: the latest correction event
 * carrying the field wins over the event's own value (as
 * domain/case_events.c reads them). Statements are prepared per call: a
 * report runs a handful of them. */
#include "store/sqlite_internal.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/date.h"
#include "store/sqlite_stats_sql.h"

/* The scope, bound as :sk (enum scope_kind), :sa and :sp. */
#define SCOPE_SQL                                                                        \
	" AND (:sk = 1 OR (:sk = 2 AND c.agency_id = :sa)"                                \
	" OR (:sk = 3 AND a.division_code LIKE :sp || '%'))"

#define EVENTS_IN_PERIOD                                                                 \
	" FROM case_events e JOIN cases c ON c.id = e.case_id"                            \
	" JOIN agencies a ON a.id = c.agency_id"                                          \
	" WHERE e.step IN (SELECT value FROM json_each(:steps)) AND e.corrects IS NULL"  \
	" AND e.on_date BETWEEN :from AND :to" SCOPE_SQL

static enum fz_err prepare(struct sq_store *s, const char *sql, sqlite3_stmt **out,
			   struct fz_error *e)
{
	int rc = sqlite3_prepare_v2(s->c->db, sql, -1, out, NULL);
	return rc == SQLITE_OK ? FZ_OK : sq_fail(s, rc, e);
}

static bool scope_bind(struct sq_args *b, const struct scope *sc)
{
	if (!sc || sc->kind == SCOPE_NONE)
		return false;
	sq_arg_named_int(b, ":sk", sc->kind);
	sq_arg_named_int(b, ":sa", sc->kind == SCOPE_AGENCY ? sc->agency_id : 0);
	sq_arg_named_text(b, ":sp", sc->kind == SCOPE_DIVISION ? sc->division_prefix : "");
	return true;
}

static bool steps_ok(const char *json)
{
	return json && json[0] == '[';
}

/* Grows *items (n used, *cap allocated, arena a) by one zeroed item
 * (only that one zeroed: a province's lists run to 10^5 items). */
static void *grow(struct arena *a, void **items, size_t n, size_t *cap, size_t size)
{
	if (n == *cap) {
		size_t c = *cap ? 2 * *cap : 64;
		unsigned char *p = c <= SIZE_MAX / size ? arena_alloc(a, c * size) : NULL;
		if (!p)
			return NULL;
		if (n)
			memcpy(p, *items, n * size);
		*items = p;
		*cap = c;
	}
	unsigned char *it = (unsigned char *)*items + n * size;
	memset(it, 0, size);
	return it;
}

/* Steps stmt to the end, reading each row with read into a grown list. */
static enum fz_err run(struct sq_store *s, sqlite3_stmt *stmt, struct sq_args *b,
		       struct arena *a, size_t size, sq_read_fn read, void **items, size_t *n,
		       struct fz_error *e)
{
	size_t cap = 0;
	int rc = b->rc;
	*items = NULL;
	*n = 0;
	while (rc == SQLITE_OK && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		void *it = grow(a, items, *n, &cap, size);
		struct sq_row r = { stmt, a, 0, false };
		if (!it)
			return fz_fail(e, FZ_NOMEM, "", NULL);
		read(&r, it);
		if (r.nomem)
			return fz_fail(e, FZ_NOMEM, "", NULL);
		(*n)++;
		rc = SQLITE_OK;
	}
	return rc == SQLITE_DONE ? FZ_OK : sq_fail(s, rc, e);
}

/* run() for a statement bound for a scope that sees something
 * (scoped; otherwise no rows), then total = n and the statement
 * finalized: the end of every query of this file. */
static enum fz_err run_list(struct sq_store *s, sqlite3_stmt *stmt, struct sq_args *b,
			    bool scoped, struct arena *a, size_t size, sq_read_fn read, void **items,
			    size_t *n, int64_t *total, struct fz_error *e)
{
	enum fz_err err = scoped ? run(s, stmt, b, a, size, read, items, n, e) : FZ_OK;
	*total = (int64_t)*n;
	sqlite3_finalize(stmt);
	return err;
}

/* The statement of an event query for q->key: the field it splits by
 * (permit "outcome", remedy "kind"), or none (*sql left as it is). */
static enum fz_err by_key(const char *key, const char *outcome_sql, const char *kind_sql,
			  const char **sql, struct fz_error *e)
{
	if (key && strcmp(key, "outcome") == 0)
		*sql = outcome_sql;
	else if (key && strcmp(key, "kind") == 0)
		*sql = kind_sql;
	else if (key)
		return fz_fail(e, FZ_INVALID, "key", "统计不支持按该字段分类");
	return FZ_OK;
}

/* The band bounds :b0.. of q; those not given stay NULL (everything
 * above the last falls in the last band given). */
static void bounds_bind(struct sq_args *b, const struct stats_query *q)
{
	static const char *const names[STATS_BOUNDS_MAX] = { ":b0", ":b1", ":b2",
							     ":b3", ":b4", ":b5" };
	for (int i = 0; i < q->nbounds && i < STATS_BOUNDS_MAX; i++)
		sq_arg_named_int(b, names[i], q->bounds_fen[i]);
}

static void read_event_count(struct sq_row *r, void *item)
{
	struct stats_event_count *c = item;
	c->agency_id = sq_col_int(r);
	c->kind = (int)sq_col_int(r);
	c->step = sq_col_text(r);
	c->value = sq_col_text(r);
	sq_col_fixed(r, c->month, sizeof c->month);
	c->n = sq_col_int(r);
	if (!c->value)
		c->value = "";
}

static enum fz_err record_event_counts(struct store *st, struct arena *a, const struct scope *sc,
				       const struct stats_query *q,
				       struct stats_event_count_list *out, struct fz_error *e)
{
	static const char with_key[] =
		"SELECT c.agency_id, c.kind, e.step, " FIELD("outcome") ", substr(e.on_date, 1, 7),"
		" count(*)" EVENTS_IN_PERIOD " GROUP BY 1, 2, 3, 4, 5";
	static const char with_kind[] =
		"SELECT c.agency_id, c.kind, e.step, " FIELD("kind") ", substr(e.on_date, 1, 7),"
		" count(*)" EVENTS_IN_PERIOD " GROUP BY 1, 2, 3, 4, 5";
	static const char plain[] = "SELECT c.agency_id, c.kind, e.step, '', substr(e.on_date, 1, 7),"
				    " count(*)" EVENTS_IN_PERIOD " GROUP BY 1, 2, 3, 5";
	struct sq_store *s = sq(st);
	const char *sql = plain;
	sqlite3_stmt *stmt;
	memset(out, 0, sizeof *out);
	if (!steps_ok(q->steps_json))
		return fz_fail(e, FZ_INVALID, "steps", "统计的步骤列表无效");
	enum fz_err err = by_key(q->key, with_key, with_kind, &sql, e);
	if (err || (err = prepare(s, sql, &stmt, e)))
		return err;
	struct sq_args b = sq_args(stmt);
	bool scoped = scope_bind(&b, sc);
	sq_arg_named_text(&b, ":steps", q->steps_json);
	sq_arg_named_text(&b, ":from", q->from);
	sq_arg_named_text(&b, ":to", q->to);
	return run_list(s, stmt, &b, scoped, a, sizeof *out->items, read_event_count,
			(void **)&out->items, &out->n, &out->total, e);
}

static void read_decision_count(struct sq_row *r, void *item)
{
	struct stats_decision_count *c = item;
	c->agency_id = sq_col_int(r);
	c->penalty = sq_col_text(r);
	c->band = (int)sq_col_int(r);
	sq_col_fixed(r, c->month, sizeof c->month);
	c->n = sq_col_int(r);
	c->fine_fen = sq_col_int(r);
	c->confiscation_fen = sq_col_int(r);
	if (!c->penalty)
		c->penalty = "";
}

/* MATERIALIZED: each decision's fields are read once, not once for
 * every mention of them in the band's CASE. */
static enum fz_err record_decision_counts(struct store *st, struct arena *a,
					  const struct scope *sc, const struct stats_query *q,
					  struct stats_decision_count_list *out,
					  struct fz_error *e)
{
	static const char sql[] =
		"WITH d AS MATERIALIZED ("
		"SELECT c.agency_id AS agency_id, substr(e.on_date, 1, 7) AS m,"
		" " FIELD("penalty") " AS penalty,"
		" " FEN(FIELD("amount")) " AS fine,"
		" " FEN(FIELD("confiscation")) " AS conf" EVENTS_IN_PERIOD
		" AND NOT EXISTS (SELECT 1 FROM case_events l WHERE l.case_id = e.case_id"
		" AND l.seq > e.seq AND l.corrects IS NULL"
		" AND l.step IN (SELECT value FROM json_each(:later))))"
		" SELECT agency_id, penalty,"
		" CASE WHEN fine <= 0 THEN -1"
		" WHEN :b0 IS NULL OR fine < :b0 THEN 0 WHEN :b1 IS NULL OR fine < :b1 THEN 1"
		" WHEN :b2 IS NULL OR fine < :b2 THEN 2 WHEN :b3 IS NULL OR fine < :b3 THEN 3"
		" WHEN :b4 IS NULL OR fine < :b4 THEN 4 WHEN :b5 IS NULL OR fine < :b5 THEN 5"
		" ELSE 6 END AS band, m, count(*), sum(fine), sum(conf) FROM d"
		" GROUP BY 1, 2, 3, 4";
	struct sq_store *s = sq(st);
	sqlite3_stmt *stmt;
	memset(out, 0, sizeof *out);
	if (!steps_ok(q->steps_json) || !steps_ok(q->later_json))
		return fz_fail(e, FZ_INVALID, "steps", "统计的步骤列表无效");
	if (q->nbounds < 0 || q->nbounds > STATS_BOUNDS_MAX)
		return fz_fail(e, FZ_INVALID, "bands", "罚款金额分段过多");
	enum fz_err err = prepare(s, sql, &stmt, e);
	if (err)
		return err;
	struct sq_args b = sq_args(stmt);
	bool scoped = scope_bind(&b, sc);
	sq_arg_named_text(&b, ":steps", q->steps_json);
	sq_arg_named_text(&b, ":later", q->later_json);
	sq_arg_named_text(&b, ":from", q->from);
	sq_arg_named_text(&b, ":to", q->to);
	bounds_bind(&b, q);
	/* bounds not given stay NULL: everything above falls in the
	 * last band given */
	return run_list(s, stmt, &b, scoped, a, sizeof *out->items, read_decision_count,
			(void **)&out->items, &out->n, &out->total, e);
}

/* --- read from the summary (036_stats_summary.sql) --- */

/* The scope on the agency itself: the summary is read agency by agency
 * (agencies is small), each one's cells by their primary key. */
#define AGENCY_SCOPE_SQL                                                                 \
	" AND (:sk = 1 OR (:sk = 2 AND a.id = :sa)"                                       \
	" OR (:sk = 3 AND a.division_code LIKE :sp || '%'))"

/* A period as the summary reads it: the whole months m1..m2 from the
 * month cells, and the days h1..h2 before them and t1..t2 after them
 * from the day cells. An empty range is "1".."0". */
struct spans {
	char m1[8], m2[8], h1[FZ_DATE_LEN], h2[FZ_DATE_LEN], t1[FZ_DATE_LEN], t2[FZ_DATE_LEN];
};

static void ym(char out[8], int y, int m)
{
	snprintf(out, 8, "%04u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u);
}

static void ymd(char out[FZ_DATE_LEN], int y, int m, int d)
{
	snprintf(out, FZ_DATE_LEN, "%04u-%02u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u,
		 (unsigned)d % 100u);
}

static void empty_range(char *lo, char *hi)
{
	memcpy(lo, "1", 2);
	memcpy(hi, "0", 2);
}

static bool spans_of(const char *from, const char *to, struct spans *p)
{
	int fy, fm, fd, ty, tm, td;
	if (!date_parse(from, &fy, &fm, &fd) || !date_parse(to, &ty, &tm, &td))
		return false;
	/* the first whole month, and the last */
	int ay = fy, am = fm, zy = ty, zm = tm;
	if (fd != 1 && ++am > 12) {
		am = 1;
		ay++;
	}
	if (td != date_days_in_month(ty, tm) && --zm < 1) {
		zm = 12;
		zy--;
	}
	empty_range(p->m1, p->m2);
	empty_range(p->h1, p->h2);
	empty_range(p->t1, p->t2);
	if (ay * 12 + am > zy * 12 + zm) { /* no whole month: days only */
		memcpy(p->h1, from, FZ_DATE_LEN);
		memcpy(p->h2, to, FZ_DATE_LEN);
		return true;
	}
	ym(p->m1, ay, am);
	ym(p->m2, zy, zm);
	if (fd != 1) {
		memcpy(p->h1, from, FZ_DATE_LEN);
		ymd(p->h2, fy, fm, date_days_in_month(fy, fm));
	}
	if (td != date_days_in_month(ty, tm)) {
		ymd(p->t1, ty, tm, 1);
		memcpy(p->t2, to, FZ_DATE_LEN);
	}
	return true;
}

static void spans_bind(struct sq_args *b, const struct spans *p)
{
	sq_arg_named_text(b, ":m1", p->m1);
	sq_arg_named_text(b, ":m2", p->m2);
	sq_arg_named_text(b, ":h1", p->h1);
	sq_arg_named_text(b, ":h2", p->h2);
	sq_arg_named_text(b, ":t1", p->t1);
	sq_arg_named_text(b, ":t2", p->t2);
}

/* from..to as the whole calendar years y1..y2, or false. */
static bool years_of(const char *from, const char *to, char y1[5], char y2[5])
{
	int fy, fm, fd, ty, tm, td;
	if (!date_parse(from, &fy, &fm, &fd) || !date_parse(to, &ty, &tm, &td) || fm != 1 ||
	    fd != 1 || tm != 12 || td != 31)
		return false;
	snprintf(y1, 5, "%04u", (unsigned)fy % 10000u);
	snprintf(y2, 5, "%04u", (unsigned)ty % 10000u);
	return true;
}

/* One range of cells of one span, for every agency in scope; an empty
 * range ("1".."0") is skipped before any agency is read (LO <= HI does
 * not depend on a row: SQLite tests it once). The period
 * as stored (a day's "2025-03-31" too): the reader keeps its month, the
 * first seven characters (sq_col_fixed into char[8]). */
#define EVENT_ARM(SPAN, LO, HI)                                                           \
	"SELECT s.agency_id AS agency_id, s.kind AS kind, s.step AS step,"                 \
	" s.outcome AS outcome, s.rkind AS rkind, s.period AS m, s.n AS n"                \
	" FROM agencies a JOIN stats_event_cells s ON s.agency_id = a.id"                 \
	" AND s.step IN (SELECT value FROM json_each(:steps)) AND s.span = '" SPAN "'"    \
	" AND s.period BETWEEN " LO " AND " HI " WHERE " LO " <= " HI AGENCY_SCOPE_SQL
#define EVENT_CELLS                                                                       \
	" FROM (" EVENT_ARM("M", ":m1", ":m2") " UNION ALL " EVENT_ARM("D", ":h1", ":h2")   \
	" UNION ALL " EVENT_ARM("D", ":t1", ":t2") ")"

/* The year cells y1..y2 (046) of every agency in scope, month "". */
#define EVENT_YEARS(COL)                                                                  \
	"SELECT s.agency_id, s.kind, s.step, " COL ", '', s.n"                              \
	" FROM agencies a JOIN stats_event_years s ON s.agency_id = a.id"                  \
	" AND s.step IN (SELECT value FROM json_each(:steps))"                             \
	" AND s.year BETWEEN :y1 AND :y2 WHERE 1" AGENCY_SCOPE_SQL

static enum fz_err summary_event_years(struct store *st, struct arena *a,
				       const struct scope *sc, const struct stats_query *q,
				       const char *y1, const char *y2,
				       struct stats_event_count_list *out, struct fz_error *e)
{
	static const char with_outcome[] = EVENT_YEARS("s.outcome");
	static const char with_kind[] = EVENT_YEARS("s.rkind");
	static const char plain[] = EVENT_YEARS("''");
	struct sq_store *s = sq(st);
	const char *sql = plain;
	sqlite3_stmt *stmt;
	enum fz_err err = by_key(q->key, with_outcome, with_kind, &sql, e);
	if (err || (err = prepare(s, sql, &stmt, e)))
		return err;
	struct sq_args b = sq_args(stmt);
	bool scoped = scope_bind(&b, sc);
	sq_arg_named_text(&b, ":steps", q->steps_json);
	sq_arg_named_text(&b, ":y1", y1);
	sq_arg_named_text(&b, ":y2", y2);
	return run_list(s, stmt, &b, scoped, a, sizeof *out->items, read_event_count,
			(void **)&out->items, &out->n, &out->total, e);
}

static enum fz_err summary_event_counts(struct store *st, struct arena *a,
					const struct scope *sc, const struct stats_query *q,
					struct stats_event_count_list *out, struct fz_error *e)
{
	char y1[5], y2[5];
	if (q->years && years_of(q->from, q->to, y1, y2))
		return summary_event_years(st, a, sc, q, y1, y2, out, e);
	/* the cells as they are, not grouped again: a group may come in
	 * several rows (its days, its other field's values), each adding to
	 * it, as the caller adds every row (sorting them into groups cost
	 * more than reading them) */
	static const char with_outcome[] = "SELECT agency_id, kind, step, outcome, m, n" EVENT_CELLS;
	static const char with_kind[] = "SELECT agency_id, kind, step, rkind, m, n" EVENT_CELLS;
	static const char plain[] = "SELECT agency_id, kind, step, '', m, n" EVENT_CELLS;
	struct sq_store *s = sq(st);
	const char *sql = plain;
	struct spans p;
	sqlite3_stmt *stmt;
	enum fz_err err = by_key(q->key, with_outcome, with_kind, &sql, e);
	if (err)
		return err;
	if (!spans_of(q->from, q->to, &p))
		return fz_fail(e, FZ_INVALID, "from", "统计期间应为 YYYY-MM-DD 格式的有效日期");
	if ((err = prepare(s, sql, &stmt, e)))
		return err;
	struct sq_args b = sq_args(stmt);
	bool scoped = scope_bind(&b, sc);
	sq_arg_named_text(&b, ":steps", q->steps_json);
	spans_bind(&b, &p);
	return run_list(s, stmt, &b, scoped, a, sizeof *out->items, read_event_count,
			(void **)&out->items, &out->n, &out->total, e);
}

enum fz_err sq_stats_event_counts(struct store *st, struct arena *a, const struct scope *sc,
				  const struct stats_query *q, struct stats_event_count_list *out,
				  struct fz_error *e)
{
	bool built = true;
	memset(out, 0, sizeof *out);
	if (!steps_ok(q->steps_json))
		return fz_fail(e, FZ_INVALID, "steps", "统计的步骤列表无效");
	enum fz_err err = q->from_record ? FZ_OK : sq_stats_summary_built(sq(st), &built, e);
	if (err)
		return err;
	return q->from_record || !built ? record_event_counts(st, a, sc, q, out, e)
					: summary_event_counts(st, a, sc, q, out, e);
}

#define DECISION_ARM(SPAN, LO, HI)                                                        \
	"SELECT s.agency_id AS agency_id, s.penalty AS penalty, s.bucket AS bucket,"        \
	" s.period AS m, s.n AS n, s.fine AS fine, s.conf AS conf"                         \
	" FROM agencies a JOIN stats_decision_cells s ON s.agency_id = a.id"              \
	" AND s.span = '" SPAN "' AND s.period BETWEEN " LO " AND " HI                    \
	" WHERE " LO " <= " HI AGENCY_SCOPE_SQL

/* The same cells summed per agency and period (a month, or a day of
 * the day cells) in SQL: one row per group crosses into C instead of
 * one per penalty kinds and bucket. CROSS JOIN keeps the agencies, read
 * in id order, outside, so that the groups come in order without a
 * sorter and a county reads only its agencies' cells. */
#define TOTALS_ARM(SPAN, LO, HI)                                                          \
	"SELECT a.id AS agency_id, s.period AS m, sum(s.n) AS n, sum(s.fine) AS fine,"      \
	" sum(s.conf) AS conf FROM agencies a CROSS JOIN stats_decision_cells s"           \
	" ON s.agency_id = a.id AND s.span = '" SPAN "' AND s.period BETWEEN " LO " AND " HI \
	" WHERE " LO " <= " HI AGENCY_SCOPE_SQL " GROUP BY a.id, s.period"

/* The band of a bucket: bounds on the grid put every fine of a bucket in
 * the band of its lower end. */
#define BUCKET_BAND(B)                                                                    \
	"CASE WHEN " B " <= 0 THEN -1"                                                     \
	" WHEN :b0 IS NULL OR " B " < :b0 THEN 0 WHEN :b1 IS NULL OR " B " < :b1 THEN 1"   \
	" WHEN :b2 IS NULL OR " B " < :b2 THEN 2 WHEN :b3 IS NULL OR " B " < :b3 THEN 3"   \
	" WHEN :b4 IS NULL OR " B " < :b4 THEN 4 WHEN :b5 IS NULL OR " B " < :b5 THEN 5"   \
	" ELSE 6 END"

/* A bound the cells can split exactly: 1, 2 or 5 x 10^k fen (the grid
 * of stats_decisions.bucket). */
static bool on_grid(int64_t fen)
{
	if (fen <= 0)
		return false;
	while (fen % 10 == 0)
		fen /= 10;
	return fen == 1 || fen == 2 || fen == 5;
}

static enum fz_err summary_decision_counts(struct store *st, struct arena *a,
					   const struct scope *sc, const struct stats_query *q,
					   struct stats_decision_count_list *out,
					   struct fz_error *e)
{
	/* a bucket lies wholly within one band when the bounds are on the
	 * grid, so the band of its lower end is the band of every fine in
	 * it */
	static const char sql[] =
		"SELECT agency_id, penalty, " BUCKET_BAND("bucket") " AS band, m, n, fine, conf FROM ("
		DECISION_ARM("M", ":m1", ":m2") " UNION ALL " DECISION_ARM("D", ":h1", ":h2")
		" UNION ALL " DECISION_ARM("D", ":t1", ":t2") ")";
	static const char years[] =
		"SELECT s.agency_id, s.penalty, " BUCKET_BAND("s.bucket") ", '', s.n, s.fine, s.conf"
		" FROM agencies a JOIN stats_decision_years s ON s.agency_id = a.id"
		" AND s.year BETWEEN :m1 AND :m2 WHERE 1" AGENCY_SCOPE_SQL;
	char y1[5], y2[5];
	bool by_year = q->years && years_of(q->from, q->to, y1, y2);
	static const char totals[] =
		"SELECT agency_id, '', -1, m, n, fine, conf FROM ("
		TOTALS_ARM("M", ":m1", ":m2") " UNION ALL " TOTALS_ARM("D", ":h1", ":h2")
		" UNION ALL " TOTALS_ARM("D", ":t1", ":t2") ")";
	struct sq_store *s = sq(st);
	struct spans p;
	sqlite3_stmt *stmt;
	if (!spans_of(q->from, q->to, &p))
		return fz_fail(e, FZ_INVALID, "from", "统计期间应为 YYYY-MM-DD 格式的有效日期");
	enum fz_err err = prepare(s, by_year ? years : q->totals ? totals : sql, &stmt, e);
	if (err)
		return err;
	struct sq_args b = sq_args(stmt);
	bool scoped = scope_bind(&b, sc);
	if (by_year) {
		sq_arg_named_text(&b, ":m1", y1);
		sq_arg_named_text(&b, ":m2", y2);
	} else {
		spans_bind(&b, &p);
	}
	if (by_year || !q->totals) /* the totals split no band */
		bounds_bind(&b, q);
	return run_list(s, stmt, &b, scoped, a, sizeof *out->items, read_decision_count,
			(void **)&out->items, &out->n, &out->total, e);
}

/* Bands with a bound off the grid: a bucket may straddle it, so the
 * cells cannot say on which side each fine lies; the standing decisions
 * themselves (stats_decisions, one row each with its fine as corrected)
 * can, exactly, in one pass over them rather than over the events. */
static enum fz_err standing_decision_counts(struct store *st, struct arena *a,
					    const struct scope *sc, const struct stats_query *q,
					    struct stats_decision_count_list *out,
					    struct fz_error *e)
{
	static const char sql[] =
		"SELECT d.agency_id, d.penalty, " BUCKET_BAND("d.fine") ", substr(d.on_date, 1, 7),"
		" count(*), sum(d.fine), sum(d.conf)"
		" FROM stats_decisions d JOIN agencies a ON a.id = d.agency_id"
		" WHERE d.on_date BETWEEN :from AND :to" AGENCY_SCOPE_SQL " GROUP BY 1, 2, 3, 4";
	struct sq_store *s = sq(st);
	sqlite3_stmt *stmt;
	enum fz_err err = prepare(s, sql, &stmt, e);
	if (err)
		return err;
	struct sq_args b = sq_args(stmt);
	bool scoped = scope_bind(&b, sc);
	sq_arg_named_text(&b, ":from", q->from);
	sq_arg_named_text(&b, ":to", q->to);
	bounds_bind(&b, q);
	return run_list(s, stmt, &b, scoped, a, sizeof *out->items, read_decision_count,
			(void **)&out->items, &out->n, &out->total, e);
}

enum fz_err sq_stats_decision_counts(struct store *st, struct arena *a, const struct scope *sc,
				     const struct stats_query *q,
				     struct stats_decision_count_list *out, struct fz_error *e)
{
	bool kept = strcmp(q->steps_json ? q->steps_json : "", STATS_DECIDING_JSON) == 0 &&
		    strcmp(q->later_json ? q->later_json : "", STATS_VOIDING_JSON) == 0;
	bool grid = true;
	memset(out, 0, sizeof *out);
	if (!steps_ok(q->steps_json) || !steps_ok(q->later_json))
		return fz_fail(e, FZ_INVALID, "steps", "统计的步骤列表无效");
	if (q->nbounds < 0 || q->nbounds > STATS_BOUNDS_MAX)
		return fz_fail(e, FZ_INVALID, "bands", "罚款金额分段过多");
	for (int i = 0; i < q->nbounds && !q->totals; i++)
		grid = grid && on_grid(q->bounds_fen[i]);
	/* a summary still being built (046) has only some of the cases */
	enum fz_err err = q->from_record || !kept ? FZ_OK : sq_stats_summary_built(sq(st), &kept, e);
	if (err)
		return err;
	if (q->from_record || !kept)
		return record_decision_counts(st, a, sc, q, out, e);
	return grid ? summary_decision_counts(st, a, sc, q, out, e)
		    : standing_decision_counts(st, a, sc, q, out, e);
}

static void read_open_count(struct sq_row *r, void *item)
{
	struct stats_open_count *c = item;
	c->agency_id = sq_col_int(r);
	c->open = sq_col_int(r);
	c->overdue = sq_col_int(r);
}

enum fz_err sq_stats_open_counts(struct store *st, struct arena *a, const struct scope *sc,
				 struct stats_open_count_list *out, struct fz_error *e)
{
	/* from the agencies in scope, each one's open cases by the partial
	 * index cases_open_agency, and whether each is overdue by the small
	 * partial index case_status_overdue (both 036) rather than a probe
	 * into case_status's pages (overdue is a flag, 0 or 1) */
	static const char sql[] =
		"SELECT a.id, count(*), count(o.case_id)"
		" FROM agencies a JOIN cases c ON c.agency_id = a.id AND c.closed = 0"
		" LEFT JOIN case_status o INDEXED BY case_status_overdue"
		" ON o.case_id = c.id AND o.overdue <> 0"
		" WHERE 1" AGENCY_SCOPE_SQL " GROUP BY 1";
	struct sq_store *s = sq(st);
	sqlite3_stmt *stmt;
	memset(out, 0, sizeof *out);
	enum fz_err err = prepare(s, sql, &stmt, e);
	if (err)
		return err;
	struct sq_args b = sq_args(stmt);
	bool scoped = scope_bind(&b, sc);
	return run_list(s, stmt, &b, scoped, a, sizeof *out->items, read_open_count,
			(void **)&out->items, &out->n, &out->total, e);
}
