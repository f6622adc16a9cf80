/* sqlite_case_status.c - the derived status of a case in SQLite (its row
 * and the duties that run or stand still, 024), the stale-status queue the
 * status job works through, and the workbench's to-do counts. The case
 * itself is in sqlite_case.c. */
#include "store/sqlite_internal.h"

#include <string.h>

#include "base/date.h"

static const char *or_empty(const char *s) { return s ? s : ""; }

static enum fz_err status_row_put(struct sq_store *s, const struct case_status *cs,
				  struct fz_error *e);
static enum fz_err duties_put(struct sq_store *s, const struct case_status *cs,
			      struct fz_error *e);

enum fz_err sq_case_status_put(struct store *st, const struct case_status *cs,
			       struct fz_error *e)
{
	struct sq_store *s = sq(st);
	enum fz_err err;
	for (size_t i = 0; i < cs->nduties; i++) {
		const struct case_duty *d = &cs->duties[i];
		if (!given(d->clock) || !date_parse(d->due, NULL, NULL, NULL))
			return fz_fail(e, FZ_INVALID, "due", "日期应为 YYYY-MM-DD 格式的有效日期");
	}
	/* the status and its duties are replaced together or not at all */
	if ((err = sq_savepoint(s, e)))
		return err;
	if ((err = status_row_put(s, cs, e)) || (err = duties_put(s, cs, e))) {
		sq_rollback_to(s);
		return err;
	}
	return sq_release(s, e);
}

/* Whether the case's stored duties are cs's, row for row (in ord order,
 * as status_compute lists them). */
static enum fz_err duties_same(struct sq_store *s, const struct case_status *cs, bool *same,
			       struct fz_error *e)
{
	sqlite3_stmt *stmt;
	enum fz_err err;
	*same = false;
	if ((err = sq_stmt(s, SQ_CASE_DUTIES_OF_ONE,
			   "SELECT ord, clock, due, running, overdue, provisional FROM case_duties"
			   " WHERE case_id = ?1 ORDER BY ord",
			   &stmt, e)))
		return err;
	struct sq_args b = sq_args(stmt);
	sq_arg_int(&b, cs->case_id);
	int rc = b.rc;
	size_t i = 0;
	bool differ = false;
	while (b.rc == SQLITE_OK && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		const struct case_duty *d = i < cs->nduties ? &cs->duties[i] : NULL;
		const char *clock = (const char *)sqlite3_column_text(stmt, 1);
		const char *due = (const char *)sqlite3_column_text(stmt, 2);
		i++;
		if (!d || sqlite3_column_int64(stmt, 0) != d->ord || !clock ||
		    strcmp(clock, d->clock) != 0 || !due || strcmp(due, d->due) != 0 ||
		    sqlite3_column_int64(stmt, 3) != d->running ||
		    sqlite3_column_int64(stmt, 4) != d->overdue ||
		    sqlite3_column_int64(stmt, 5) != d->provisional) {
			differ = true;
			break;
		}
	}
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		err = sq_fail(s, rc, e);
	else
		*same = !differ && i == cs->nduties;
	sq_done(stmt);
	return err;
}

/* The case's former duties deleted, cs's written; nothing written when
 * they are the ones stored (most steps move no clock: the rows and their
 * pages stay as they are). */
static enum fz_err duties_put(struct sq_store *s, const struct case_status *cs,
			      struct fz_error *e)
{
	sqlite3_stmt *stmt;
	enum fz_err err;
	bool same;
	if ((err = duties_same(s, cs, &same, e)) || same)
		return err;
	if ((err = sq_stmt(s, SQ_CASE_DUTIES_DELETE, "DELETE FROM case_duties WHERE case_id = ?1",
			   &stmt, e)))
		return err;
	struct sq_args b = sq_args(stmt);
	sq_arg_int(&b, cs->case_id);
	if ((err = sq_write(s, stmt, &b, NULL, 0, NULL, e)))
		return err;
	for (size_t i = 0; i < cs->nduties; i++) {
		const struct case_duty *d = &cs->duties[i];
		if ((err = sq_stmt(s, SQ_CASE_DUTY_INSERT,
				   "INSERT INTO case_duties (case_id, ord, clock, due, running, overdue,"
				   " provisional) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
				   &stmt, e)))
			return err;
		b = sq_args(stmt);
		sq_arg_int(&b, cs->case_id);
		sq_arg_int(&b, d->ord);
		sq_arg_text(&b, d->clock);
		sq_arg_text(&b, d->due);
		sq_arg_int(&b, d->running);
		sq_arg_int(&b, d->overdue);
		sq_arg_int(&b, d->provisional);
		const struct sq_ref refs[] = { SQ_REF_CASE("case_id", cs->case_id) };
		if ((err = sq_write(s, stmt, &b, refs, 1, NULL, e)))
			return err;
	}
	return FZ_OK;
}

static enum fz_err status_row_put(struct sq_store *s, const struct case_status *cs,
				  struct fz_error *e)
{
	sqlite3_stmt *stmt;
	enum fz_err err;
	if (!date_parse(cs->computed_on, NULL, NULL, NULL) ||
	    (*cs->next_due && !date_parse(cs->next_due, NULL, NULL, NULL)))
		return fz_fail(e, FZ_INVALID, "computed_on", "日期应为 YYYY-MM-DD 格式的有效日期");
	/* derived data, not the record: replacing the row is the point; a
	 * row that already says all this is left as it is (no page of the
	 * table or its indexes written: most steps change no status) */
	if ((err = sq_stmt(s, SQ_CASE_STATUS_PUT,
			   "INSERT INTO case_status (case_id, computed_on, next_due, next_due_clock,"
			   " overdue, awaits_roles, awaits_officer, awaits_reviewer, awaits_head,"
			   " awaits_supervisor, overdue_clock, overdue_due, acts_open, acts_due,"
			   " filing_due, review_due)"
			   " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15,"
			   " ?16)"
			   " ON CONFLICT (case_id) DO UPDATE SET computed_on = excluded.computed_on,"
			   " next_due = excluded.next_due, next_due_clock = excluded.next_due_clock,"
			   " overdue = excluded.overdue, awaits_roles = excluded.awaits_roles,"
			   " overdue_clock = excluded.overdue_clock, overdue_due = excluded.overdue_due,"
			   " awaits_officer = excluded.awaits_officer,"
			   " awaits_reviewer = excluded.awaits_reviewer,"
			   " awaits_head = excluded.awaits_head,"
			   " awaits_supervisor = excluded.awaits_supervisor,"
			   " acts_open = excluded.acts_open, acts_due = excluded.acts_due,"
			   " filing_due = excluded.filing_due, review_due = excluded.review_due"
			   " WHERE computed_on IS NOT excluded.computed_on"
			   " OR next_due IS NOT excluded.next_due"
			   " OR next_due_clock IS NOT excluded.next_due_clock"
			   " OR overdue IS NOT excluded.overdue"
			   " OR awaits_roles IS NOT excluded.awaits_roles"
			   " OR overdue_clock IS NOT excluded.overdue_clock"
			   " OR overdue_due IS NOT excluded.overdue_due"
			   " OR awaits_officer IS NOT excluded.awaits_officer"
			   " OR awaits_reviewer IS NOT excluded.awaits_reviewer"
			   " OR awaits_head IS NOT excluded.awaits_head"
			   " OR awaits_supervisor IS NOT excluded.awaits_supervisor"
			   " OR acts_open IS NOT excluded.acts_open OR acts_due IS NOT excluded.acts_due"
			   " OR filing_due IS NOT excluded.filing_due"
			   " OR review_due IS NOT excluded.review_due",
			   &stmt, e)))
		return err;
	struct sq_args b = sq_args(stmt);
	sq_arg_int(&b, cs->case_id);
	/* settled: it holds for every day (024), never stale again */
	sq_arg_text(&b, cs->settled ? STORE_STATUS_SETTLED : cs->computed_on);
	sq_arg_text(&b, cs->next_due);
	sq_arg_text(&b, or_empty(cs->next_due_clock));
	sq_arg_int(&b, cs->overdue);
	sq_arg_int(&b, cs->awaits_roles);
	for (int i = 0; i < CASE_STATUS_ROLES; i++)
		sq_arg_text(&b, or_empty(cs->awaits[i]));
	sq_arg_text(&b, or_empty(cs->overdue_clock));
	sq_arg_text(&b, cs->overdue_due);
	sq_arg_int(&b, cs->acts_open);
	sq_arg_text(&b, cs->acts_due);
	sq_arg_text(&b, cs->filing_due);
	sq_arg_text(&b, cs->review_due);
	const struct sq_ref refs[] = { SQ_REF_CASE("case_id", cs->case_id) };
	return sq_write(s, stmt, &b, refs, 1, NULL, e);
}

static void status_read(struct sq_row *r, void *item)
{
	struct case_status *cs = item;
	cs->case_id = sq_col_int(r);
	sq_col_fixed(r, cs->computed_on, sizeof cs->computed_on);
	sq_col_fixed(r, cs->next_due, sizeof cs->next_due);
	cs->next_due_clock = sq_col_text(r);
	cs->overdue = sq_col_bool(r);
	cs->awaits_roles = (unsigned)sq_col_int(r);
	for (int i = 0; i < CASE_STATUS_ROLES; i++)
		cs->awaits[i] = sq_col_text(r);
	cs->overdue_clock = sq_col_text(r);
	sq_col_fixed(r, cs->overdue_due, sizeof cs->overdue_due);
	cs->acts_open = (int)sq_col_int(r);
	sq_col_fixed(r, cs->acts_due, sizeof cs->acts_due);
	sq_col_fixed(r, cs->filing_due, sizeof cs->filing_due);
	sq_col_fixed(r, cs->review_due, sizeof cs->review_due);
}

enum fz_err sq_case_status_get(struct store *st, struct arena *a, int64_t case_id,
			       struct case_status *out, struct fz_error *e)
{
	struct sq_store *s = sq(st);
	sqlite3_stmt *stmt;
	enum fz_err err;
	void *items;
	size_t n;
	memset(out, 0, sizeof *out);
	if ((err = sq_stmt(s, SQ_CASE_STATUS_GET,
			   "SELECT case_id, computed_on, next_due, next_due_clock, overdue,"
			   " awaits_roles, awaits_officer, awaits_reviewer, awaits_head,"
			   " awaits_supervisor, overdue_clock, overdue_due, acts_open, acts_due,"
			   " filing_due, review_due FROM case_status"
			   " WHERE case_id = ?1",
			   &stmt, e)))
		return err;
	struct sq_args b = sq_args(stmt);
	sq_arg_int(&b, case_id);
	if ((err = sq_collect(s, stmt, &b, a, sizeof *out, status_read, &items, &n, e)))
		return err;
	if (!n)
		return fz_fail(e, FZ_NOTFOUND, "case_id", "案件状态尚未计算");
	*out = *(struct case_status *)items;
	return FZ_OK;
}

struct stale_row {
	int64_t id;
	char on[FZ_DATE_LEN];
};

static void stale_read(struct sq_row *r, void *item)
{
	struct stale_row *row = item;
	row->id = sq_col_int(r);
	sq_col_fixed(r, row->on, sizeof row->on);
}

/* Whether the agency has a status row of a day before today. */
static enum fz_err stale_agency_any(struct sq_store *s, const struct scope *sc,
				    const char *today, bool *any, struct fz_error *e)
{
	sqlite3_stmt *stmt;
	enum fz_err err = sq_stmt(s, SQ_CASE_STATUS_STALE_ANY,
				  "SELECT 1 FROM case_todo_cells WHERE computed_on < ?1"
				  " AND agency_id = ?2 LIMIT 1",
				  &stmt, e);
	if (err)
		return err;
	struct sq_args b = sq_args(stmt);
	sq_arg_text(&b, today);
	sq_arg_int(&b, sc->agency_id);
	return sq_exists(s, stmt, &b, any, e);
}

/* One agency's: its cases in id order (the index of cases by agency),
 * never the province's stale statuses. */
static enum fz_err stale_agency_stmt(struct sq_store *s, const struct scope *sc,
				     const char *today, const struct case_status_cursor *cur,
				     size_t max, sqlite3_stmt **stmt, struct sq_args *b,
				     struct fz_error *e)
{
	enum fz_err err = sq_stmt(s, SQ_CASE_STATUS_STALE_AGENCY,
				  "SELECT c.id, s.computed_on FROM cases c"
				  " JOIN case_status s ON s.case_id = c.id"
				  " WHERE c.agency_id = ?1 AND c.id > ?2 AND s.computed_on < ?3"
				  " ORDER BY c.id LIMIT ?4",
				  stmt, e);
	if (err)
		return err;
	*b = sq_args(*stmt);
	sq_arg_int(b, sc->agency_id);
	sq_arg_int(b, cur->id);
	sq_arg_text(b, today);
	sq_arg_int(b, (int64_t)max);
	return FZ_OK;
}

/* A division's or all: through the index of the statuses' days (a
 * settled one holds for every day), so that nothing is read when every
 * one is of today; after the cursor's day and case as two ranges merged
 * in order, since a day's rows are most of the stale ones. */
static enum fz_err stale_day_stmt(struct sq_store *s, const struct scope *sc, const char *today,
				  const struct case_status_cursor *cur, size_t max,
				  sqlite3_stmt **stmt, struct sq_args *b, struct fz_error *e)
{
#define STALE_FROM                                                                   \
	" FROM case_status s JOIN cases c ON c.id = s.case_id"                       \
	" JOIN agencies a ON a.id = c.agency_id"
#define STALE_SCOPE " AND (?4 = 0 OR a.division_code LIKE ?5 || '%')"
	enum fz_err err = sq_stmt(s, SQ_CASE_STATUS_STALE,
				  "SELECT s.case_id, s.computed_on" STALE_FROM
				  " WHERE s.computed_on = ?1 AND s.case_id > ?2" STALE_SCOPE
				  " UNION ALL SELECT s.case_id, s.computed_on" STALE_FROM
				  " WHERE s.computed_on > ?1 AND s.computed_on < ?3" STALE_SCOPE
				  " ORDER BY 2, 1 LIMIT ?6",
				  stmt, e);
#undef STALE_FROM
#undef STALE_SCOPE
	if (err)
		return err;
	*b = sq_args(*stmt);
	sq_arg_text(b, cur->on);
	sq_arg_int(b, cur->id);
	sq_arg_text(b, today);
	sq_arg_int(b, sc->kind == SCOPE_DIVISION);
	sq_arg_text(b, sc->kind == SCOPE_DIVISION ? sc->division_prefix : "");
	sq_arg_int(b, (int64_t)max);
	return FZ_OK;
}

enum fz_err sq_case_status_stale(struct store *st, const struct scope *sc, const char *today,
				 struct case_status_cursor *cur, int64_t *ids, size_t max, size_t *n,
				 struct fz_error *e)
{
	struct sq_store *s = sq(st);
	sqlite3_stmt *stmt;
	struct sq_args b;
	enum fz_err err;
	void *items;
	size_t got;
	struct arena *a;
	*n = 0;
	if (!date_parse(today, NULL, NULL, NULL))
		return fz_fail(e, FZ_INVALID, "today", "日期应为 YYYY-MM-DD 格式的有效日期");
	if (sc->kind == SCOPE_NONE || !max)
		return FZ_OK;
	/* An agency's walk goes through its cases; first asked of the cells
	 * (052_todo_cells.sql, a cell for each agency and status day) whether
	 * it has a status of an earlier day at all: when every one is of
	 * today (the usual case) nothing else is read, not the agency's 10^5
	 * cases one by one (11 ms for each workbench or list). */
	if (sc->kind == SCOPE_AGENCY) {
		bool any;
		if ((err = stale_agency_any(s, sc, today, &any, e)) || !any)
			return err;
	}
	err = sc->kind == SCOPE_AGENCY ? stale_agency_stmt(s, sc, today, cur, max, &stmt, &b, e)
				       : stale_day_stmt(s, sc, today, cur, max, &stmt, &b, e);
	if (err)
		return err;
	if (!(a = arena_new())) {
		sq_done(stmt);
		return fz_fail(e, FZ_NOMEM, "", NULL);
	}
	if ((err = sq_collect(s, stmt, &b, a, sizeof(struct stale_row), stale_read, &items, &got,
			      e))) {
		arena_free(a);
		return err;
	}
	const struct stale_row *rows = items;
	for (size_t i = 0; i < got; i++)
		ids[i] = rows[i].id;
	if (got) {
		cur->id = rows[got - 1].id;
		memcpy(cur->on, rows[got - 1].on, sizeof cur->on);
	}
	*n = got;
	arena_free(a);
	return FZ_OK;
}

static void duty_read(struct sq_row *r, void *item)
{
	struct case_duty *d = item;
	d->case_id = sq_col_int(r);
	d->ord = (int)sq_col_int(r);
	d->clock = sq_col_text(r);
	sq_col_fixed(r, d->due, sizeof d->due);
	d->running = sq_col_bool(r);
	d->overdue = sq_col_bool(r);
	d->provisional = sq_col_bool(r);
}

enum fz_err sq_case_duties_of(struct store *st, struct arena *a, const int64_t *ids, size_t n,
			      struct case_duty_list *out, struct fz_error *e)
{
	struct sq_store *s = sq(st);
	sqlite3_stmt *stmt;
	enum fz_err err;
	void *items;
	memset(out, 0, sizeof *out);
	if (n > STORE_DUTIES_IDS_MAX)
		return fz_fail(e, FZ_INVALID, "ids", "一次最多读取 %d 个案件的期限",
			       STORE_DUTIES_IDS_MAX);
	if (!n)
		return FZ_OK;
	/* the page's ids as one JSON array: one statement, one plan */
	const char *list = sq_ids_json(a, ids, n);
	if (!list)
		return fz_fail(e, FZ_NOMEM, "", NULL);
	if ((err = sq_stmt(s, SQ_CASE_DUTIES_OF,
			   "SELECT case_id, ord, clock, due, running, overdue, provisional"
			   " FROM case_duties WHERE case_id IN (SELECT value FROM json_each(?1))"
			   " ORDER BY case_id, ord",
			   &stmt, e)))
		return err;
	struct sq_args b = sq_args(stmt);
	sq_arg_text(&b, list);
	err = sq_collect(s, stmt, &b, a, sizeof *out->items, duty_read, &items, &out->n, e);
	out->items = items;
	return err;
}

enum fz_err sq_case_todo_counts(struct store *st, const struct scope *sc, const char *day,
				const char *soon, unsigned mine, struct case_todo_counts *out,
				struct fz_error *e)
{
	struct sq_store *s = sq(st);
	sqlite3_stmt *stmt;
	enum fz_err err;
	memset(out, 0, sizeof *out);
	if (!date_parse(day, NULL, NULL, NULL) || !date_parse(soon, NULL, NULL, NULL))
		return fz_fail(e, FZ_INVALID, "day", "日期应为 YYYY-MM-DD 格式的有效日期");
	if (sc->kind == SCOPE_NONE)
		return FZ_OK;
	/* the filters of case_query (KF_AWAITS, KF_DUE_BY, KF_OVERDUE,
	 * KF_ACTS_*, KF_FILING_OVERDUE) over the scope's cases whose status
	 * is of day, summed from the cells that 052_todo_cells.sql keeps
	 * with every status row and closing: per agency and day, not per
	 * case (one agency's 10^5 open cases: 77-94 ms of CPU summing their
	 * rows). The workbench links to those very filters. A statement per
	 * kind of scope, so that each seeks the day's cells of its agencies
	 * by the primary key. */
#define TODO_SUMS                                                                       \
	"SELECT"                                                                          \
	" coalesce(sum(CASE WHEN closed = 0 AND (awaits_roles & ?2) != 0 THEN n END), 0)," \
	" coalesce(sum(CASE WHEN closed = 0 AND (awaits_roles & ?3) != 0 THEN n END), 0)," \
	" coalesce(sum(CASE WHEN closed = 0 AND (awaits_roles & ?4) != 0 THEN n END), 0)," \
	" coalesce(sum(CASE WHEN closed = 0 AND next_due >= ?1 AND next_due <= ?5"        \
	" THEN n END), 0),"                                                               \
	" coalesce(sum(CASE WHEN overdue THEN n END), 0),"                                \
	" coalesce(sum(CASE WHEN acts THEN n END), 0),"                                   \
	" coalesce(sum(CASE WHEN acts_late THEN n END), 0),"                              \
	" coalesce(sum(CASE WHEN filing_late THEN n END), 0)"                             \
	" FROM case_todo_cells WHERE computed_on = ?1"
	/* ?6: the agency, or the division's prefix */
	if (sc->kind == SCOPE_AGENCY)
		err = sq_stmt(s, SQ_CASE_TODO_COUNTS_AGENCY, TODO_SUMS " AND agency_id = ?6",
			      &stmt, e);
	else if (sc->kind == SCOPE_DIVISION)
		err = sq_stmt(s, SQ_CASE_TODO_COUNTS_DIVISION,
			      TODO_SUMS " AND agency_id IN (SELECT id FROM agencies"
					" WHERE division_code LIKE ?6 || '%')",
			      &stmt, e);
	else
		err = sq_stmt(s, SQ_CASE_TODO_COUNTS, TODO_SUMS, &stmt, e);
#undef TODO_SUMS
	if (err)
		return err;
	struct sq_args b = sq_args(stmt);
	sq_arg_text(&b, day);
	sq_arg_int(&b, mine);
	sq_arg_int(&b, ROLE_REVIEWER);
	sq_arg_int(&b, ROLE_HEAD);
	sq_arg_text(&b, soon);
	if (sc->kind == SCOPE_AGENCY)
		sq_arg_int(&b, sc->agency_id);
	else if (sc->kind == SCOPE_DIVISION)
		sq_arg_text(&b, sc->division_prefix);
	int rc = b.rc != SQLITE_OK ? b.rc : sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		int64_t *v[] = { &out->mine, &out->review, &out->approval, &out->due_soon,
				 &out->overdue, &out->acts, &out->acts_overdue, &out->filing_overdue };
		for (int i = 0; i < 8; i++)
			*v[i] = sqlite3_column_int64(stmt, i);
		rc = sqlite3_step(stmt);
	}
	err = rc == SQLITE_DONE ? FZ_OK : sq_fail(s, rc, e);
	sq_done(stmt);
	return err;
}

enum fz_err sq_case_status_invalidate(struct store *st, struct fz_error *e)
{
	/* the day before any real one: every status is stale (see 024) */
	return sq_exec(sq(st), SQ_CASE_STATUS_INVALIDATE,
		       "UPDATE case_status SET computed_on = '0001-01-01'", e);
}
