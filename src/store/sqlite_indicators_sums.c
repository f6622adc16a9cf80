/* sqlite_indicators_sums.c - the supervision indicators summed from the
 * facts kept beside the record (045_indicator_facts.sql) inside SQLite,
 * the cases on one side of a figure listed only when asked (the
 * drill-down), and the matters to judge found by their own index (048). A page of figures costs three statements whose result is
 * one row each, whatever the number of cases: no fact row crosses into C.
 * Each side's condition is written once below and serves both the sum
 * and the list; the app's per-case counting (indicator_facts_count, the
 * reference) states the same rules in C, and the tests compare the two. */
#include "store/sqlite_indicators_internal.h"

#include <stdlib.h>
#include <string.h>

#include "base/date.h"

/* ?5, ?6: the period; ?7: today. A figure that waits for its clock
 * counts once the clock stopped or its due day is before today. */
#define DECIDED_IN " f.decided_on BETWEEN ?5 AND ?6"
#define DEN_REVIEW DECIDED_IN " AND f.review_needed"
#define NUM_REVIEW DEN_REVIEW " AND f.reviewed"
#define DEN_RECORD " f.closed_on BETWEEN ?5 AND ?6"
#define NUM_RECORD DEN_RECORD " AND f.complete"
#define DEN_PUBLICATION " f.pub_on BETWEEN ?5 AND ?6 AND (f.pub_done OR f.pub_due < ?7)"
#define NUM_PUBLICATION DEN_PUBLICATION " AND f.pub_on_time"
#define DEN_FILING DECIDED_IN " AND f.filing_due <> '' AND (f.filing_done OR f.filing_due < ?7)"
#define NUM_FILING DEN_FILING " AND f.filing_on_time"
#define DEN_HANDLING DECIDED_IN " AND f.handling_days >= 0"
#define DEN_OVERDUE " f.open"
#define DEN_WITHDRAWAL " f.withdrawn_on BETWEEN ?5 AND ?6"
/* the steps of two_officers */
#define DEN_STEPS " t.on_date BETWEEN ?5 AND ?6"
#define NUM_STEPS DEN_STEPS " AND t.certified"
/* overdue: open, and overdue by the derived status computed today */
#define NUM_OVERDUE " f.open AND s.overdue <> 0 AND s.computed_on = ?7"

#define FACTS_FROM " FROM agencies a JOIN indicator_cases f ON f.agency_id = a.id WHERE"
#define STEPS_FROM " FROM agencies a JOIN indicator_steps t ON t.agency_id = a.id WHERE"
#define OVERDUE_FROM                                                                       \
	" FROM agencies a JOIN indicator_cases f ON f.agency_id = a.id"                     \
	" JOIN case_status s ON s.case_id = f.case_id WHERE"

/* An average's days and its longest: the longest above 0, the newest
 * case among equals (the app's count_days), packed as days * 2^40 + id
 * so that one max() finds both. */
#define LONGEST_SHIFT 1099511627776LL
#define LONGEST_SHIFT_SQL "1099511627776"
#define AVERAGE(den, days)                                                                 \
	" count(*) FILTER (WHERE" den "), coalesce(sum(" days ") FILTER (WHERE" den "), 0),"   \
	" coalesce(max(" days " * " LONGEST_SHIFT_SQL " + f.case_id) FILTER (WHERE" den " AND" \
	days " > 0), 0)"
#define RATE(den, num) " count(*) FILTER (WHERE" den "), count(*) FILTER (WHERE" num ")"

/* Binds the scope, the agency and as much of the period and today as
 * the statement names (?1..?7). */
static void span_args(struct sq_args *b, const struct scope *sc, const struct indicator_span *sp)
{
	int n = sqlite3_bind_parameter_count(b->stmt);
	sq_indicator_scope_args(b, sc);
	sq_arg_int(b, sp->agency_id);
	const char *rest[3] = { sp->from, sp->to, sp->today };
	for (int i = 0; i < 3 && 5 + i <= n; i++)
		sq_arg_text(b, rest[i]);
}

struct sums_row {
	int64_t v[15]; /* the columns of the facts' sum, in order */
};

static void sums_read(struct sq_row *r, void *item)
{
	struct sums_row *x = item;
	for (size_t i = 0; i < sizeof x->v / sizeof x->v[0]; i++)
		x->v[i] = sq_col_int(r);
}

static void rate_of(struct indicator_sum *s, const int64_t *v)
{
	s->den = v[0];
	s->num = v[1];
}

static void average_of(struct indicator_sum *s, const int64_t *v)
{
	s->den = v[0];
	s->num = v[1];
	s->max = v[2] / LONGEST_SHIFT;
	s->max_case = s->max ? v[2] % LONGEST_SHIFT : 0;
}

/* Runs one of the three sums (one row) into row. */
static enum fz_err sum_one(struct sq_store *s, enum sq_stmt_id id, const char *sql,
			   const struct scope *sc, const struct indicator_span *sp,
			   struct sums_row *row, struct fz_error *e)
{
	sqlite3_stmt *stmt;
	enum fz_err err = sq_stmt(s, id, sql, &stmt, e);
	if (err)
		return err;
	struct sq_args b = sq_args(stmt);
	span_args(&b, sc, sp);
	memset(row, 0, sizeof *row);
	return sq_one(s, stmt, &b, NULL, row, sums_read, FZ_DB, "", "指标汇总没有结果", e);
}

enum fz_err sq_indicator_sums(struct store *st, const struct scope *sc,
			      const struct indicator_span *sp,
			      struct indicator_sum out[INDF_COUNT], int64_t *rows,
			      struct fz_error *e)
{
	struct sq_store *s = sq(st);
	struct sums_row facts, steps, overdue;
	enum fz_err err;
	memset(out, 0, INDF_COUNT * sizeof *out);
	if (rows)
		*rows = 0;
	if (!date_parse(sp->from, NULL, NULL, NULL) || !date_parse(sp->to, NULL, NULL, NULL))
		return fz_fail(e, FZ_INVALID, "from", "日期应为 YYYY-MM-DD 格式的有效日期");
	if (!sc || sc->kind == SCOPE_NONE)
		return FZ_OK;
	/* the scope's agencies, each one's rows a range of the table
	 * (clustered by agency), the days compared in the row; no ORDER
	 * BY, which made the planner walk the index by case and look up
	 * every row */
	if ((err = sum_one(s, SQ_INDICATOR_SUMS,
			   "SELECT" RATE(DEN_REVIEW, NUM_REVIEW) "," RATE(DEN_RECORD, NUM_RECORD) ","
			   RATE(DEN_PUBLICATION, NUM_PUBLICATION) "," RATE(DEN_FILING, NUM_FILING)
			   "," AVERAGE(DEN_HANDLING, " f.handling_days") ","
			   " count(*) FILTER (WHERE" DEN_OVERDUE "),"
			   AVERAGE(DEN_WITHDRAWAL, " f.withdrawal_days")
			   FACTS_FROM AGENCY_SCOPE_SQL
			   " AND (f.open OR f.decided_on BETWEEN ?5 AND ?6"
			   "  OR f.pub_on BETWEEN ?5 AND ?6 OR f.withdrawn_on BETWEEN ?5 AND ?6"
			   "  OR f.closed_on BETWEEN ?5 AND ?6)",
			   sc, sp, &facts, e)) ||
	    (err = sum_one(s, SQ_INDICATOR_SUMS_STEPS,
			   "SELECT" RATE(DEN_STEPS, NUM_STEPS) STEPS_FROM AGENCY_SCOPE_SQL, sc, sp,
			   &steps, e)) ||
	    /* the overdue ones by the partial index of overdue statuses:
	     * few, not every open case */
	    (err = sum_one(s, SQ_INDICATOR_SUMS_OVERDUE,
			   "SELECT count(*)" OVERDUE_FROM NUM_OVERDUE " AND" AGENCY_SCOPE_SQL, sc,
			   sp, &overdue, e)))
		return err;
	if (rows)
		*rows = 3;
	rate_of(&out[INDF_REVIEW], &facts.v[0]);
	rate_of(&out[INDF_RECORD], &facts.v[2]);
	rate_of(&out[INDF_PUBLICATION], &facts.v[4]);
	rate_of(&out[INDF_FILING], &facts.v[6]);
	average_of(&out[INDF_HANDLING], &facts.v[8]);
	out[INDF_OVERDUE].den = facts.v[11];
	out[INDF_OVERDUE].num = overdue.v[0];
	average_of(&out[INDF_WITHDRAWAL], &facts.v[12]);
	rate_of(&out[INDF_TWO_OFFICERS], steps.v);
	return FZ_OK;
}

/* Each side's list: the same conditions as the sums. */
#define FACT_SIDE(cond) "SELECT f.case_id" FACTS_FROM AGENCY_SCOPE_SQL " AND" cond
#define STEP_SIDE(cond) "SELECT DISTINCT t.case_id" STEPS_FROM AGENCY_SCOPE_SQL " AND" cond
static const char *const side_sql[INDF_COUNT][2] = {
	[INDF_REVIEW] = { FACT_SIDE(DEN_REVIEW), FACT_SIDE(NUM_REVIEW) },
	[INDF_RECORD] = { FACT_SIDE(DEN_RECORD), FACT_SIDE(NUM_RECORD) },
	[INDF_PUBLICATION] = { FACT_SIDE(DEN_PUBLICATION), FACT_SIDE(NUM_PUBLICATION) },
	[INDF_FILING] = { FACT_SIDE(DEN_FILING), FACT_SIDE(NUM_FILING) },
	[INDF_TWO_OFFICERS] = { STEP_SIDE(DEN_STEPS), STEP_SIDE(NUM_STEPS) },
	/* an average's numerator counts the days of the same cases */
	[INDF_HANDLING] = { FACT_SIDE(DEN_HANDLING), FACT_SIDE(DEN_HANDLING) },
	[INDF_OVERDUE] = { FACT_SIDE(DEN_OVERDUE),
			   "SELECT f.case_id" OVERDUE_FROM AGENCY_SCOPE_SQL " AND" NUM_OVERDUE },
	[INDF_WITHDRAWAL] = { FACT_SIDE(DEN_WITHDRAWAL), FACT_SIDE(DEN_WITHDRAWAL) },
};

static int newest_first(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x < y) - (x > y);
}

enum fz_err sq_indicator_side(struct store *st, struct arena *a, const struct scope *sc,
			      const struct indicator_span *sp, enum indicator_figure figure,
			      bool num, int64_t **ids, size_t *n, struct fz_error *e)
{
	struct sq_store *s = sq(st);
	sqlite3_stmt *stmt;
	enum fz_err err;
	void *items = NULL;
	*ids = NULL;
	*n = 0;
	if ((unsigned)figure >= INDF_COUNT)
		return fz_fail(e, FZ_INVALID, "figure", "没有这项指标");
	if (!date_parse(sp->from, NULL, NULL, NULL) || !date_parse(sp->to, NULL, NULL, NULL))
		return fz_fail(e, FZ_INVALID, "from", "日期应为 YYYY-MM-DD 格式的有效日期");
	if (!sc || sc->kind == SCOPE_NONE)
		return FZ_OK;
	if ((err = sq_stmt(s, (enum sq_stmt_id)(SQ_INDICATOR_SIDE + 2 * figure + num),
			   side_sql[figure][num], &stmt, e)))
		return err;
	struct sq_args b = sq_args(stmt);
	span_args(&b, sc, sp);
	if ((err = sq_collect(s, stmt, &b, a, sizeof(int64_t), sq_read_int, &items, n, e)))
		return err;
	/* read by agency (the table's order), sorted here: an ORDER BY
	 * would walk the index by case and look up every row */
	if (*n > 1)
		qsort(items, *n, sizeof(int64_t), newest_first);
	*ids = items;
	return FZ_OK;
}

enum fz_err sq_indicator_matters(struct store *st, struct arena *a, const struct scope *sc,
				 int64_t agency_id, int64_t **ids, size_t *n, struct fz_error *e)
{
	/* "kind IN (5, 6)" as written in 048's partial index, which SQLite
	 * uses only for the very same condition */
	enum fz_err err = sq_indicator_scoped_ids(
		sq(st), SQ_INDICATOR_MATTERS,
		"SELECT c.id FROM agencies a JOIN cases c ON c.agency_id = a.id"
		" WHERE c.kind IN (5, 6) AND" AGENCY_SCOPE_SQL,
		a, sc, agency_id, ids, n, e);
	if (!err && *n > 1)
		qsort(*ids, *n, sizeof(int64_t), newest_first);
	return err;
}
