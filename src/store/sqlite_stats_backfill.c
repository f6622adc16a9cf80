/* sqlite_stats_backfill.c - building the statistics' summary (036) from
 * the record in the background, in batches of cases, rather than in a
 * migration that holds the server's start (046_stats_summary_state.sql).
 * A batch counts its cases' events from the record as sqlite_stats.c's
 * reference queries do and adds them to the cells; the event path keeps
 * the summary only for the cases already filled (sq_stats_summary_keeps),
 * so that each case is counted once: by the batch that fills it, with
 * everything recorded before, and by the event path after. */
#include "store/sqlite_internal.h"

#include "store/sqlite_stats_sql.h"

/* One integer, always a row: the state's row may be missing only on a
 * database 046 has not reached, where the summary is taken as built. */
static enum fz_err one_int(struct sq_store *s, enum sq_stmt_id id, const char *sql,
			   int64_t arg, int64_t *out, struct fz_error *e)
{
	sqlite3_stmt *stmt;
	enum fz_err err = sq_stmt(s, id, sql, &stmt, e);
	if (err)
		return err;
	struct sq_args b = sq_args(stmt);
	sq_arg_int(&b, arg);
	return sq_one(s, stmt, &b, NULL, out, sq_read_int, FZ_DB, "", "内部错误：统计汇总状态无法读取",
		      e);
}

enum fz_err sq_stats_summary_keeps(struct sq_store *s, int64_t case_id, bool *yes,
				   struct fz_error *e)
{
	int64_t v = 1;
	enum fz_err err = one_int(s, SQ_STATS_KEEPS,
				  "SELECT coalesce((SELECT built OR ?1 <= upto"
				  " FROM stats_summary_state WHERE id = 1), 1)",
				  case_id, &v, e);
	*yes = v != 0;
	return err;
}

struct state_row {
	int64_t built, upto, done;
};

static void read_state(struct sq_row *r, void *item)
{
	struct state_row *t = item;
	t->built = sq_col_int(r);
	t->upto = sq_col_int(r);
	t->done = sq_col_int(r);
}

static enum fz_err state_read(struct sq_store *s, struct state_row *t, struct fz_error *e)
{
	sqlite3_stmt *stmt;
	enum fz_err err = sq_stmt(s, SQ_STATS_STATE,
		"SELECT coalesce(max(built), 1), coalesce(max(upto), 0), coalesce(max(cases_done), 0)"
		" FROM stats_summary_state WHERE id = 1",
		&stmt, e);
	if (err)
		return err;
	struct sq_args b = sq_args(stmt);
	return sq_one(s, stmt, &b, NULL, t, read_state, FZ_DB, "", "内部错误：统计汇总状态无法读取", e);
}

enum fz_err sq_stats_summary_built(struct sq_store *s, bool *yes, struct fz_error *e)
{
	struct state_row t;
	enum fz_err err = state_read(s, &t, e);
	*yes = err || t.built != 0;
	return err;
}

enum fz_err sq_stats_summary_state(struct store *st, struct stats_summary_state *out,
				   struct fz_error *e)
{
	struct sq_store *s = sq(st);
	struct state_row t;
	enum fz_err err = state_read(s, &t, e);
	*out = (struct stats_summary_state){ .built = true };
	if (err)
		return err;
	out->built = t.built != 0;
	out->cases_done = t.done;
	if (out->built)
		return FZ_OK;
	return one_int(s, SQ_STATS_LEFT, "SELECT count(*) FROM cases WHERE id > ?1", t.upto,
		       &out->cases_left, e);
}

/* The range of the next batch: the cases after upto, at most batch of
 * them, the highest in *hi and how many in *n. */
struct range {
	int64_t hi, n;
};

static void read_range(struct sq_row *r, void *item)
{
	struct range *g = item;
	g->hi = sq_col_int(r);
	g->n = sq_col_int(r);
}

/* Runs one statement of the batch with the range (?1, ?2] bound, and
 * the steps lists as ?3 and ?4 when it names them. */
static enum fz_err fill_run(struct sq_store *s, enum sq_stmt_id id, const char *sql, int64_t lo,
			    int64_t hi, bool steps, struct fz_error *e)
{
	sqlite3_stmt *stmt;
	enum fz_err err = sq_stmt(s, id, sql, &stmt, e);
	if (err)
		return err;
	struct sq_args b = sq_args(stmt);
	sq_arg_int(&b, lo);
	sq_arg_int(&b, hi);
	if (steps) {
		sq_arg_text(&b, STATS_DECIDING_JSON);
		sq_arg_text(&b, STATS_VOIDING_JSON);
	}
	return sq_write(s, stmt, &b, NULL, 0, NULL, e);
}

/* The cases (lo, hi] into the summary, counted from the record as the
 * reference queries count it: every event but corrections into its
 * month's and its day's cell, under its fields as corrected; each
 * decision no later deciding or voiding step in its case has left
 * standing into stats_decisions and its cells. MATERIALIZED: an event's
 * fields are read once for both of its cells. Added to what the cells
 * hold: other cases share them. */
static enum fz_err fill_cases(struct sq_store *s, int64_t lo, int64_t hi, struct fz_error *e)
{
	enum fz_err err = fill_run(s, SQ_STATS_FILL_EVENTS,
		"WITH v AS MATERIALIZED (SELECT c.agency_id AS agency_id, e.step AS step,"
		" e.on_date AS on_date, c.kind AS kind, " FIELD("outcome") " AS outcome,"
		" " FIELD("kind") " AS rkind"
		" FROM cases c JOIN case_events e ON e.case_id = c.id"
		" WHERE c.id > ?1 AND c.id <= ?2 AND e.corrects IS NULL)"
		" INSERT INTO stats_event_cells (agency_id, step, span, period, kind, outcome, rkind, n)"
		" SELECT v.agency_id, v.step, sp.column1,"
		" CASE sp.column1 WHEN 'M' THEN substr(v.on_date, 1, 7) ELSE v.on_date END,"
		" v.kind, v.outcome, v.rkind, count(*) FROM v, (VALUES ('M'), ('D')) sp WHERE 1"
		" GROUP BY 1, 2, 3, 4, 5, 6, 7 ON CONFLICT DO UPDATE SET n = n + excluded.n",
		lo, hi, false, e);
	if (err || (err = fill_run(s, SQ_STATS_FILL_DECISIONS,
		"INSERT INTO stats_decisions (event_id, case_id, agency_id, on_date, penalty, fine, conf)"
		" SELECT e.id, e.case_id, c.agency_id, e.on_date, " FIELD("penalty") ","
		" " FEN(FIELD("amount")) ", " FEN(FIELD("confiscation"))
		" FROM cases c JOIN case_events e ON e.case_id = c.id"
		" WHERE c.id > ?1 AND c.id <= ?2 AND e.corrects IS NULL"
		" AND e.step IN (SELECT value FROM json_each(?3))"
		" AND NOT EXISTS (SELECT 1 FROM case_events l WHERE l.case_id = e.case_id"
		" AND l.seq > e.seq AND l.corrects IS NULL"
		" AND l.step IN (SELECT value FROM json_each(?4)))",
		lo, hi, true, e)))
		return err;
	return fill_run(s, SQ_STATS_FILL_DEC_CELLS,
		"INSERT INTO stats_decision_cells (agency_id, span, period, penalty, bucket, n, fine, conf)"
		" SELECT d.agency_id, sp.column1,"
		" CASE sp.column1 WHEN 'M' THEN substr(d.on_date, 1, 7) ELSE d.on_date END,"
		" d.penalty, d.bucket, count(*), sum(d.fine), sum(d.conf)"
		" FROM stats_decisions d, (VALUES ('M'), ('D')) sp"
		" WHERE d.case_id > ?1 AND d.case_id <= ?2 GROUP BY 1, 2, 3, 4, 5"
		" ON CONFLICT DO UPDATE SET n = n + excluded.n, fine = fine + excluded.fine,"
		" conf = conf + excluded.conf",
		lo, hi, false, e);
}

enum fz_err sq_stats_summary_fill(struct store *st, int batch, int64_t *cases, bool *built,
				  struct fz_error *e)
{
	struct sq_store *s = sq(st);
	struct state_row t;
	struct range g = { 0, 0 };
	sqlite3_stmt *stmt;
	*cases = 0;
	*built = false;
	if (batch < 1)
		return fz_fail(e, FZ_INTERNAL, "", "内部错误：统计汇总的批量无效");
	enum fz_err err = state_read(s, &t, e);
	if (err)
		return err;
	if (t.built) {
		*built = true;
		return FZ_OK;
	}
	if ((err = sq_stmt(s, SQ_STATS_FILL_RANGE,
			   "SELECT coalesce(max(id), 0), count(*) FROM"
			   " (SELECT id FROM cases WHERE id > ?1 ORDER BY id LIMIT ?2)",
			   &stmt, e)))
		return err;
	struct sq_args b = sq_args(stmt);
	sq_arg_int(&b, t.upto);
	sq_arg_int(&b, batch);
	if ((err = sq_one(s, stmt, &b, NULL, &g, read_range, FZ_DB, "",
			  "内部错误：统计汇总状态无法读取", e)))
		return err;
	/* the cells and the state move together: a batch cut off leaves
	 * neither, and the next one starts where the state says */
	if ((err = sq_savepoint(s, e)))
		return err;
	if (g.n && (err = fill_cases(s, t.upto, g.hi, e)))
		goto fail;
	/* fewer than asked: no case is left (a case created from now on is
	 * kept by the event path, the summary being built) */
	if ((err = sq_stmt(s, SQ_STATS_FILL_DONE,
			   "UPDATE stats_summary_state SET upto = max(upto, ?1),"
			   " cases_done = cases_done + ?2, built = ?3 WHERE id = 1",
			   &stmt, e)))
		goto fail;
	b = sq_args(stmt);
	sq_arg_int(&b, g.hi);
	sq_arg_int(&b, g.n);
	sq_arg_int(&b, g.n < batch);
	if ((err = sq_write(s, stmt, &b, NULL, 0, NULL, e)))
		goto fail;
	if ((err = sq_release(s, e)))
		return err;
	*cases = g.n;
	*built = g.n < batch;
	return FZ_OK;
fail:
	sq_rollback_to(s);
	return err;
}

enum fz_err sq_stats_summary_reset(struct store *st, struct fz_error *e)
{
	struct sq_store *s = sq(st);
	enum fz_err err = sq_savepoint(s, e);
	if (err)
		return err;
	/* rarely run (an operator's stats-rebuild, the tests): prepared here */
	int rc = sqlite3_exec(s->c->db,
			      "DELETE FROM stats_event_cells; DELETE FROM stats_decision_cells;"
			      " DELETE FROM stats_decisions; DELETE FROM stats_event_years;"
			      " DELETE FROM stats_decision_years;"
			      " INSERT OR REPLACE INTO stats_summary_state (id, built, upto, cases_done)"
			      " VALUES (1, 0, 0, 0)",
			      NULL, NULL, NULL);
	if (rc != SQLITE_OK) {
		err = sq_fail(s, rc, e);
		sq_rollback_to(s);
		return err;
	}
	return sq_release(s, e);
}
