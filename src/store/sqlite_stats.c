/* sqlite_stats.c - the statistics queries (store_stats.h): one grouped
 * SELECT per block, so that a province's year is counted by SQLite in
 * one pass over an index range per step, not case by case in C. Fields
 * are read as corrected: the latest correction event carrying the field
 * wins over the event's own value (as domain/case_events.c reads them).
 * Statements are prepared per call: a report runs a handful of them. */
#include "store/sqlite_internal.h"

#include <string.h>

/* The value of field K of event e as later corrections set it. K is a
 * constant of this file, never input. */
#define FIELD(K)                                                                          \
	"coalesce((SELECT f.value FROM case_events k JOIN case_event_fields f"             \
	" ON f.event_id = k.id AND f.key = '" K "' AND f.value <> ''"                     \
	" WHERE k.corrects = e.id AND k.corrects IS NOT NULL ORDER BY k.seq DESC LIMIT 1),"  \
	" (SELECT f.value FROM case_event_fields f WHERE f.event_id = e.id AND f.key = '" K "'), '')"

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
	int rc = sqlite3_prepare_v2(s->db, sql, -1, out, NULL);
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

/* Grows *items (n used, *cap allocated, arena a) by one zeroed item. */
static void *grow(struct arena *a, void **items, size_t n, size_t *cap, size_t size)
{
	if (n == *cap) {
		size_t c = *cap ? 2 * *cap : 64;
		unsigned char *p = arena_calloc(a, c, size);
		if (!p)
			return NULL;
		if (n)
			memcpy(p, *items, n * size);
		*items = p;
		*cap = c;
	}
	return (unsigned char *)*items + n * size;
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

enum fz_err sq_stats_event_counts(struct store *st, struct arena *a, const struct scope *sc,
				  const struct stats_query *q, struct stats_event_count_list *out,
				  struct fz_error *e)
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
	if (q->key && strcmp(q->key, "outcome") == 0)
		sql = with_key;
	else if (q->key && strcmp(q->key, "kind") == 0)
		sql = with_kind;
	else if (q->key)
		return fz_fail(e, FZ_INVALID, "key", "统计不支持按该字段分类");
	enum fz_err err = prepare(s, sql, &stmt, e);
	if (err)
		return err;
	struct sq_args b = sq_args(stmt);
	if (scope_bind(&b, sc)) {
		sq_arg_named_text(&b, ":steps", q->steps_json);
		sq_arg_named_text(&b, ":from", q->from);
		sq_arg_named_text(&b, ":to", q->to);
		err = run(s, stmt, &b, a, sizeof *out->items, read_event_count,
			  (void **)&out->items, &out->n, e);
		out->total = (int64_t)out->n;
	}
	sqlite3_finalize(stmt);
	return err;
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
/* Yuan as written ("5000", "5000.5") to whole fen; '' and NULL to 0. */
#define FEN(X) "coalesce(CAST(round(CAST(nullif(" X ", '') AS REAL) * 100) AS INTEGER), 0)"

enum fz_err sq_stats_decision_counts(struct store *st, struct arena *a, const struct scope *sc,
				     const struct stats_query *q,
				     struct stats_decision_count_list *out, struct fz_error *e)
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
	if (scope_bind(&b, sc)) {
		static const char *const names[STATS_BOUNDS_MAX] = { ":b0", ":b1", ":b2",
								     ":b3", ":b4", ":b5" };
		sq_arg_named_text(&b, ":steps", q->steps_json);
		sq_arg_named_text(&b, ":later", q->later_json);
		sq_arg_named_text(&b, ":from", q->from);
		sq_arg_named_text(&b, ":to", q->to);
		for (int i = 0; i < q->nbounds; i++)
			sq_arg_named_int(&b, names[i], q->bounds_fen[i]);
		/* bounds not given stay NULL: everything above falls in the
		 * last band given */
		err = run(s, stmt, &b, a, sizeof *out->items, read_decision_count,
			  (void **)&out->items, &out->n, e);
		out->total = (int64_t)out->n;
	}
	sqlite3_finalize(stmt);
	return err;
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
	static const char sql[] =
		"SELECT c.agency_id, count(*), coalesce(sum(s.overdue), 0)"
		" FROM cases c JOIN agencies a ON a.id = c.agency_id"
		" LEFT JOIN case_status s ON s.case_id = c.id"
		" WHERE c.closed = 0" SCOPE_SQL " GROUP BY 1";
	struct sq_store *s = sq(st);
	sqlite3_stmt *stmt;
	memset(out, 0, sizeof *out);
	enum fz_err err = prepare(s, sql, &stmt, e);
	if (err)
		return err;
	struct sq_args b = sq_args(stmt);
	if (scope_bind(&b, sc)) {
		err = run(s, stmt, &b, a, sizeof *out->items, read_open_count, (void **)&out->items,
			  &out->n, e);
		out->total = (int64_t)out->n;
	}
	sqlite3_finalize(stmt);
	return err;
}
