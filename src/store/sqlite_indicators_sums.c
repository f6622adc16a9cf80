/* sqlite_indicators_sums.c - the supervision indicators read from the
 * sums kept per agency, month and day beside the judged facts
 * (048_indicator_sums.sql: a period reads its whole months and the days
 * of the months it cuts, so a page costs per agency and month, not per
 * case), the cases on one side of a figure listed from the facts only
 * when asked (the drill-down), and the matters to judge found by their
 * own index (048). The sums take what each fact contributes from 048's
 * view; the sides state the same conditions below; the app's per-case
 * counting (indicator_facts_count, the reference) states them in C, and
 * the tests compare all three. */
#include "store/sqlite_indicators_internal.h"

#include <stdlib.h>
#include <string.h>

#include "base/date.h"

/* The sides' conditions. ?5, ?6: the period; ?7: today. A figure that
 * waits for its clock counts once the clock stopped or its due day is
 * before today. */
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

/* An average's longest above 0 and the newest case among equals (the
 * app's count_days), packed in indicator_sums.longest as days * 2^40 +
 * id (048) so that one max() finds both. */
#define LONGEST_SHIFT 1099511627776LL
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

/* The spans of indicator_sums (048) a period reads: its whole months
 * ('mYYYY-MM') and the days of the months it cuts ('dYYYY-MM-DD'), as
 * three ranges of the key; an empty range has lo above hi. */
struct span_ranges {
	char lo[3][16], hi[3][16];
};

static void month_step(int *y, int *m, int by)
{
	*m += by;
	if (*m > 12) {
		*m = 1;
		++*y;
	} else if (*m < 1) {
		*m = 12;
		--*y;
	}
}

static void span_ranges_of(const char *from, const char *to, struct span_ranges *r)
{
	int y1 = 0, m1 = 0, d1 = 0, y2 = 0, m2 = 0, d2 = 0;
	(void)date_parse(from, &y1, &m1, &d1);
	(void)date_parse(to, &y2, &m2, &d2);
	for (int i = 0; i < 3; i++) { /* empty: 'x' sorts after 'd…' and 'm…' */
		snprintf(r->lo[i], sizeof r->lo[i], "x");
		snprintf(r->hi[i], sizeof r->hi[i], "a");
	}
	int fy = y1, fm = m1, ly = y2, lm = m2; /* the first and last whole month */
	if (d1 != 1)
		month_step(&fy, &fm, 1);
	if (d2 != date_days_in_month(y2, m2))
		month_step(&ly, &lm, -1);
	if (fy * 12 + fm > ly * 12 + lm) { /* no whole month: the days */
		snprintf(r->lo[0], sizeof r->lo[0], "d%.10s", from);
		snprintf(r->hi[0], sizeof r->hi[0], "d%.10s", to);
		return;
	}
	snprintf(r->lo[0], sizeof r->lo[0], "m%04d-%02d", fy, fm);
	snprintf(r->hi[0], sizeof r->hi[0], "m%04d-%02d", ly, lm);
	if (d1 != 1) { /* the days of the first month it cuts */
		snprintf(r->lo[1], sizeof r->lo[1], "d%.10s", from);
		snprintf(r->hi[1], sizeof r->hi[1], "d%04d-%02d-31", y1, m1);
	}
	if (d2 != date_days_in_month(y2, m2)) { /* ... and of the last */
		snprintf(r->lo[2], sizeof r->lo[2], "d%04d-%02d-01", y2, m2);
		snprintf(r->hi[2], sizeof r->hi[2], "d%.10s", to);
	}
}

/* One range of spans of the scope's agencies, the waiting clocks only
 * once today (?11) is after their due day. */
#define SUMS_ARM(lo, hi)                                                                   \
	" SELECT s.figure, s.den, s.num, s.days, s.longest"                                 \
	" FROM agencies a JOIN indicator_sums s ON s.agency_id = a.id WHERE" AGENCY_SCOPE_SQL \
	" AND s.span BETWEEN " lo " AND " hi " AND (s.due = '' OR s.due < ?11)"

struct figure_row {
	int64_t figure, den, num, days, longest;
};

static void figure_read(struct sq_row *r, void *item)
{
	struct figure_row *x = item;
	x->figure = sq_col_int(r);
	x->den = sq_col_int(r);
	x->num = sq_col_int(r);
	x->days = sq_col_int(r);
	x->longest = sq_col_int(r);
}

/* The VM steps stmt has run so far: the probe of how much a sum read. */
static int64_t vm_steps(sqlite3_stmt *stmt)
{
	return sqlite3_stmt_status(stmt, SQLITE_STMTSTATUS_VM_STEP, 0);
}

/* The statement's rows into items (n), its VM steps added to *work. */
static enum fz_err collect_counted(struct sq_store *s, sqlite3_stmt *stmt, struct sq_args *b,
				   struct arena *a, size_t size, sq_read_fn read, void **items,
				   size_t *n, int64_t *work, struct fz_error *e)
{
	int64_t before = vm_steps(stmt);
	enum fz_err err = sq_collect(s, stmt, b, a, size, read, items, n, e);
	if (work && !err)
		*work += vm_steps(stmt) - before;
	return err;
}

enum fz_err sq_indicator_sums(struct store *st, struct arena *a, const struct scope *sc,
			      const struct indicator_span *sp,
			      struct indicator_sum out[INDF_COUNT], int64_t *work,
			      struct fz_error *e)
{
	struct sq_store *s = sq(st);
	struct span_ranges r;
	sqlite3_stmt *stmt;
	enum fz_err err;
	void *items, *over;
	size_t n, nover;
	memset(out, 0, INDF_COUNT * sizeof *out);
	if (work)
		*work = 0;
	if (!date_parse(sp->from, NULL, NULL, NULL) || !date_parse(sp->to, NULL, NULL, NULL))
		return fz_fail(e, FZ_INVALID, "from", "日期应为 YYYY-MM-DD 格式的有效日期");
	if (!sc || sc->kind == SCOPE_NONE)
		return FZ_OK;
	span_ranges_of(sp->from, sp->to, &r);
	/* each range a seek per agency in the key (agency, span, ...); the
	 * open cases are span 'm' */
	if ((err = sq_stmt(s, SQ_INDICATOR_SUMS,
			   "SELECT figure, sum(den), sum(num), sum(days), max(longest) FROM ("
			   SUMS_ARM("?5", "?6") " UNION ALL" SUMS_ARM("?7", "?8")
			   " UNION ALL" SUMS_ARM("?9", "?10") " UNION ALL" SUMS_ARM("'m'", "'m'")
			   ") GROUP BY figure",
			   &stmt, e)))
		return err;
	struct sq_args b = sq_args(stmt);
	sq_indicator_scope_args(&b, sc);
	sq_arg_int(&b, sp->agency_id);
	for (int i = 0; i < 3; i++) {
		sq_arg_text(&b, r.lo[i]);
		sq_arg_text(&b, r.hi[i]);
	}
	sq_arg_text(&b, sp->today);
	if ((err = collect_counted(s, stmt, &b, a, sizeof(struct figure_row), figure_read, &items,
				   &n, work, e)))
		return err;
	/* the overdue ones by the partial index of overdue statuses: few,
	 * not every open case */
	if ((err = sq_stmt(s, SQ_INDICATOR_SUMS_OVERDUE,
			   "SELECT count(*)" OVERDUE_FROM NUM_OVERDUE " AND" AGENCY_SCOPE_SQL, &stmt,
			   e)))
		return err;
	b = sq_args(stmt);
	span_args(&b, sc, sp);
	if ((err = collect_counted(s, stmt, &b, a, sizeof(int64_t), sq_read_int, &over, &nover,
				   work, e)))
		return err;
	const struct figure_row *rows = items;
	for (size_t i = 0; i < n; i++) {
		const struct figure_row *x = &rows[i];
		if (x->figure < 0 || x->figure >= INDF_COUNT)
			continue;
		struct indicator_sum *o = &out[x->figure];
		o->den = x->den;
		/* an average's numerator is its days */
		o->num = x->figure == INDF_HANDLING || x->figure == INDF_WITHDRAWAL ? x->days : x->num;
		o->max = x->longest / LONGEST_SHIFT;
		o->max_case = o->max ? x->longest % LONGEST_SHIFT : 0;
	}
	out[INDF_OVERDUE].num = nover ? *(int64_t *)over : 0;
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
