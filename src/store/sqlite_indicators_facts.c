/* sqlite_indicators_facts.c - the supervision indicators' judged facts in
 * SQLite (045_indicator_facts.sql): the stale cases to judge, a case's
 * facts replaced with its stale mark cleared (the sums and the sides
 * read back: sqlite_indicators_sums.c). The triggers of 045 mark a case stale
 * in the statement that changes its record; the app judges it
 * (app/indicators_facts.c). */
#include "store/sqlite_indicators_internal.h"

#include <string.h>

#include "base/date.h"

enum fz_err sq_indicator_scoped_ids(struct sq_store *s, enum sq_stmt_id id, const char *sql,
				    struct arena *a, const struct scope *sc, int64_t agency_id,
				    int64_t **ids, size_t *n, struct fz_error *e)
{
	sqlite3_stmt *stmt;
	enum fz_err err;
	void *items = NULL;
	*ids = NULL;
	*n = 0;
	if (!sc || sc->kind == SCOPE_NONE)
		return FZ_OK;
	if ((err = sq_stmt(s, id, sql, &stmt, e)))
		return err;
	struct sq_args b = sq_args(stmt);
	if (sqlite3_bind_parameter_count(stmt) >= 4) {
		sq_indicator_scope_args(&b, sc);
		sq_arg_int(&b, agency_id);
	}
	if ((err = sq_collect(s, stmt, &b, a, sizeof(int64_t), sq_read_int, &items, n, e)))
		return err;
	*ids = items;
	return FZ_OK;
}

/* Below this many marks in the whole database, a scope's are found by
 * walking the marks (a case looked up each); from it on, by walking the
 * scope's cases (after 045 or a calendar load every case is marked, and
 * a county must not walk a province's marks). */
#define STALE_FEW 1024

enum fz_err sq_indicator_stale(struct store *st, struct arena *a, const struct scope *sc,
			       int64_t **ids, size_t *n, struct fz_error *e)
{
	struct sq_store *s = sq(st);
	sqlite3_stmt *stmt;
	int64_t marks = 0;
	enum fz_err err;
	/* all: the marks themselves */
	if (sc && sc->kind == SCOPE_ALL)
		return sq_indicator_scoped_ids(s, SQ_INDICATOR_STALE,
					       "SELECT case_id FROM indicator_stale", a, sc, 0, ids,
					       n, e);
	if ((err = sq_stmt(s, SQ_INDICATOR_STALE_COUNT,
			   "SELECT count(*) FROM (SELECT 1 FROM indicator_stale LIMIT ?1)", &stmt, e)))
		return err;
	struct sq_args b = sq_args(stmt);
	sq_arg_int(&b, STALE_FEW);
	if ((err = sq_one(s, stmt, &b, a, &marks, sq_read_int, FZ_DB, "", "无法读取待重新判定的案件数",
			  e)))
		return err;
	/* few (the usual case: what was written since the last round of
	 * the job): each mark's case and agency looked up, in that order */
	if (marks < STALE_FEW)
		return sq_indicator_scoped_ids(
			s, SQ_INDICATOR_STALE_FEW,
			"SELECT x.case_id FROM indicator_stale x CROSS JOIN cases c ON c.id = x.case_id"
			" CROSS JOIN agencies a ON a.id = c.agency_id WHERE" AGENCY_SCOPE_SQL,
			a, sc, 0, ids, n, e);
	/* many: the scope's agencies, their cases by the index of cases by
	 * agency, each probed in the marks - never a walk over every mark
	 * of the province looking up each case */
	return sq_indicator_scoped_ids(s, SQ_INDICATOR_STALE_SCOPED,
				       "SELECT c.id FROM agencies a JOIN cases c ON c.agency_id = a.id"
				       " JOIN indicator_stale x ON x.case_id = c.id"
				       " WHERE" AGENCY_SCOPE_SQL,
				       a, sc, 0, ids, n, e);
}

enum fz_err sq_indicator_stale_all(struct store *st, struct fz_error *e)
{
	return sq_exec(sq(st), SQ_INDICATOR_STALE_ALL,
		       "INSERT OR IGNORE INTO indicator_stale (case_id) SELECT id FROM cases", e);
}

static bool date_or_empty(const char *d)
{
	return !*d || date_parse(d, NULL, NULL, NULL);
}

/* ?1..?18 of a facts row, in the order of indicator_cases' INSERT below
 * (and of the comparison in facts_same). */
static void facts_args(struct sq_args *b, int64_t case_id, const struct indicator_facts *f)
{
	sq_arg_int(b, case_id);
	sq_arg_text(b, f->decided_on);
	sq_arg_int(b, f->review_needed);
	sq_arg_int(b, f->reviewed);
	sq_arg_text(b, f->filing_due);
	sq_arg_int(b, f->filing_done);
	sq_arg_int(b, f->filing_on_time);
	sq_arg_int(b, f->handling_days);
	sq_arg_text(b, f->pub_on);
	sq_arg_text(b, f->pub_due);
	sq_arg_int(b, f->pub_done);
	sq_arg_int(b, f->pub_on_time);
	sq_arg_text(b, f->withdrawn_on);
	sq_arg_int(b, f->withdrawal_days);
	sq_arg_text(b, f->closed_on);
	sq_arg_int(b, f->complete);
	sq_arg_int(b, f->agency_id);
	sq_arg_int(b, f->open);
}

/* A count(*) statement (id, sql) bound by bind(b, arg) into *n. */
static enum fz_err count_of(struct sq_store *s, enum sq_stmt_id id, const char *sql,
			    void (*bind)(struct sq_args *, const void *), const void *arg,
			    int64_t *n, struct fz_error *e)
{
	sqlite3_stmt *stmt;
	enum fz_err err = sq_stmt(s, id, sql, &stmt, e);
	if (err)
		return err;
	struct sq_args b = sq_args(stmt);
	bind(&b, arg);
	return sq_one(s, stmt, &b, NULL, n, sq_read_int, FZ_DB, "", "无法比较监督指标的判定", e);
}

struct facts_key {
	int64_t case_id;
	const struct indicator_facts *f;
};

static void bind_facts(struct sq_args *b, const void *arg)
{
	const struct facts_key *k = arg;
	facts_args(b, k->case_id, k->f);
}

static void bind_case(struct sq_args *b, const void *arg)
{
	sq_arg_int(b, *(const int64_t *)arg);
}

static void bind_step(struct sq_args *b, const void *arg)
{
	const struct indicator_step_fact *t = arg;
	sq_arg_int(b, t->event_id);
	sq_arg_int(b, t->case_id);
	sq_arg_text(b, t->on);
	sq_arg_int(b, t->certified);
}

/* Whether case_id's kept rows are already f's (NULL: none): judging a
 * case again often changes nothing (a step that moves no figure, every
 * case after a calendar load), and rewriting the rows would rewrite the
 * sums of 048 through their triggers for nothing. */
static enum fz_err facts_same(struct sq_store *s, int64_t case_id, const struct indicator_facts *f,
			      bool *same, struct fz_error *e)
{
	const struct facts_key k = { case_id, f };
	int64_t rows = 0, steps = 0, n;
	enum fz_err err;
	*same = false;
	if ((err = count_of(s, SQ_INDICATOR_STEPS_COUNT,
			    "SELECT count(*) FROM indicator_steps WHERE case_id = ?1", bind_case,
			    &case_id, &steps, e)))
		return err;
	if (!f) {
		if ((err = count_of(s, SQ_INDICATOR_FACTS_COUNT,
				    "SELECT count(*) FROM indicator_cases WHERE case_id = ?1",
				    bind_case, &case_id, &rows, e)))
			return err;
		*same = rows == 0 && steps == 0;
		return FZ_OK;
	}
	if (steps != (int64_t)f->nsteps)
		return FZ_OK;
	if ((err = count_of(s, SQ_INDICATOR_FACTS_SAME,
			    "SELECT count(*) FROM indicator_cases WHERE case_id = ?1"
			    " AND decided_on = ?2 AND review_needed = ?3 AND reviewed = ?4"
			    " AND filing_due = ?5 AND filing_done = ?6 AND filing_on_time = ?7"
			    " AND handling_days = ?8 AND pub_on = ?9 AND pub_due = ?10"
			    " AND pub_done = ?11 AND pub_on_time = ?12 AND withdrawn_on = ?13"
			    " AND withdrawal_days = ?14 AND closed_on = ?15 AND complete = ?16"
			    " AND agency_id = ?17 AND open = ?18",
			    bind_facts, &k, &rows, e)) ||
	    rows != 1)
		return err;
	for (size_t i = 0; i < f->nsteps; i++) {
		if ((err = count_of(s, SQ_INDICATOR_STEP_SAME,
				    "SELECT count(*) FROM indicator_steps WHERE event_id = ?1"
				    " AND case_id = ?2 AND on_date = ?3 AND certified = ?4",
				    bind_step, &f->steps[i], &n, e)) ||
		    n != 1)
			return err;
	}
	*same = true;
	return FZ_OK;
}

static enum fz_err facts_row_put(struct sq_store *s, int64_t case_id,
				 const struct indicator_facts *f, struct fz_error *e)
{
	sqlite3_stmt *stmt;
	enum fz_err err;
	if ((err = sq_stmt(s, SQ_INDICATOR_FACTS_PUT,
			   "INSERT INTO indicator_cases (case_id, decided_on, review_needed,"
			   " reviewed, filing_due, filing_done, filing_on_time, handling_days, pub_on,"
			   " pub_due, pub_done, pub_on_time, withdrawn_on, withdrawal_days, closed_on,"
			   " complete, agency_id, open) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10,"
			   " ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)",
			   &stmt, e)))
		return err;
	struct sq_args b = sq_args(stmt);
	facts_args(&b, case_id, f);
	const struct sq_ref refs[] = { SQ_REF_CASE("case_id", case_id) };
	if ((err = sq_write(s, stmt, &b, refs, 1, NULL, e)))
		return err;
	for (size_t i = 0; i < f->nsteps; i++) {
		const struct indicator_step_fact *t = &f->steps[i];
		if ((err = sq_stmt(s, SQ_INDICATOR_STEP_INSERT,
				   "INSERT INTO indicator_steps (event_id, case_id, on_date, certified,"
				   " agency_id) VALUES (?1, ?2, ?3, ?4, ?5)",
				   &stmt, e)))
			return err;
		b = sq_args(stmt);
		sq_arg_int(&b, t->event_id);
		sq_arg_int(&b, case_id);
		sq_arg_text(&b, t->on);
		sq_arg_int(&b, t->certified);
		sq_arg_int(&b, f->agency_id);
		if ((err = sq_write(s, stmt, &b, refs, 1, NULL, e)))
			return err;
	}
	return FZ_OK;
}

/* Runs one of the three per-case deletes (facts, steps, stale mark). */
static enum fz_err case_delete(struct sq_store *s, enum sq_stmt_id id, const char *sql,
			       int64_t case_id, struct fz_error *e)
{
	sqlite3_stmt *stmt;
	enum fz_err err;
	if ((err = sq_stmt(s, id, sql, &stmt, e)))
		return err;
	struct sq_args b = sq_args(stmt);
	sq_arg_int(&b, case_id);
	return sq_write(s, stmt, &b, NULL, 0, NULL, e);
}

enum fz_err sq_indicator_facts_put(struct store *st, int64_t case_id,
				   const struct indicator_facts *f, struct fz_error *e)
{
	struct sq_store *s = sq(st);
	enum fz_err err;
	if (f) {
		bool dates = date_or_empty(f->decided_on) && date_or_empty(f->filing_due) &&
			     date_or_empty(f->pub_on) && date_or_empty(f->pub_due) &&
			     date_or_empty(f->withdrawn_on) && date_or_empty(f->closed_on);
		for (size_t i = 0; dates && i < f->nsteps; i++)
			dates = date_parse(f->steps[i].on, NULL, NULL, NULL);
		if (!dates)
			return fz_fail(e, FZ_INVALID, "date", "日期应为 YYYY-MM-DD 格式的有效日期");
	}
	/* derived data, not the record: replaced whole, with the mark;
	 * when already so, only the mark goes */
	bool same = false;
	if ((err = sq_savepoint(s, e)))
		return err;
	if ((err = facts_same(s, case_id, f, &same, e)) ||
	    (!same && (err = case_delete(s, SQ_INDICATOR_FACTS_DELETE,
					 "DELETE FROM indicator_cases WHERE case_id = ?1", case_id,
					 e))) ||
	    (!same && (err = case_delete(s, SQ_INDICATOR_STEPS_DELETE,
					 "DELETE FROM indicator_steps WHERE case_id = ?1", case_id,
					 e))) ||
	    (!same && f && (err = facts_row_put(s, case_id, f, e))) ||
	    (err = case_delete(s, SQ_INDICATOR_STALE_CLEAR,
			       "DELETE FROM indicator_stale WHERE case_id = ?1", case_id, e))) {
		sq_rollback_to(s);
		return err;
	}
	return sq_release(s, e);
}

void sq_indicator_scope_args(struct sq_args *b, const struct scope *sc)
{
	sq_arg_int(b, sc->kind == SCOPE_AGENCY ? 1 : sc->kind == SCOPE_DIVISION ? 2 : 0);
	sq_arg_int(b, sc->agency_id);
	sq_arg_text(b, sc->kind == SCOPE_DIVISION ? sc->division_prefix : "");
}
