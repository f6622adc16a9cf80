/* sqlite_stats_note.c - the statistics summary kept beside the record
 * (036_stats_summary.sql; sqlite_stats.c reads it). sq_stats_note_event()
 * is called by the event path for each event it appends, inside the event's savepoint, after its fields are written:
 * an event that is not a correction adds 1 to its cell (month and day);
 * a voiding step takes the case's standing decisions out of their cells;
 * a deciding step puts its decision in; a correction moves the event it
 * corrects to the cell its corrected fields now name. The same rules the
 * event-computed queries of sqlite_stats.c apply when they are read.
 * While the summary is being built (sqlite_stats_backfill.c), only for
 * the cases already filled. */
#include "store/sqlite_internal.h"

#include <stdlib.h>
#include <string.h>


static const char *const deciding[] = { "decision", "decide_on_spot" };
static const char *const voiding[] = { "decision", "decide_on_spot", "revoke_decision",
				       "remedy_set_aside" };

static bool among(const char *step, const char *const *set, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(step, set[i]) == 0)
			return true;
	return false;
}

/* The value of the event's field key: NULL when it has none. */
static const char *field_of(const struct case_event *ev, const char *key)
{
	for (size_t i = 0; i < ev->nfields; i++)
		if (strcmp(ev->fields[i].key, key) == 0)
			return ev->fields[i].value;
	return NULL;
}

static const char *or_blank(const char *s) { return s ? s : ""; }
/* A correction's value for key, NULL unless given and not empty (an
 * empty value corrects nothing, as FIELD() reads it). */
static const char *nonempty(const struct case_event *ev, const char *key)
{
	const char *v = field_of(ev, key);
	return v && *v ? v : NULL;
}

/* ?1-?5 of both statements below: the case, step, day, outcome, rkind. */
static struct sq_args cell_args(sqlite3_stmt *stmt, int64_t case_id, const char *step,
				const char *on, const char *outcome, const char *rkind)
{
	struct sq_args b = sq_args(stmt);
	sq_arg_int(&b, case_id);
	sq_arg_text(&b, step);
	sq_arg_text(&b, on);
	sq_arg_text(&b, outcome);
	sq_arg_text(&b, rkind);
	return b;
}

/* Adds delta to the event cells (month and day) of case_id's agency and
 * kind, step, date and field values. */
static enum fz_err event_cell(struct sq_store *s, int64_t case_id, const char *step,
			      const char *on, const char *outcome, const char *rkind, int delta,
			      struct fz_error *e)
{
	sqlite3_stmt *stmt;
	/* One row a statement, for the month and then the day: the rows of
	 * INSERT ... SELECT (over a VALUES list of spans) would pass through
	 * temporary B-trees, opened and dropped for every event. */
	enum fz_err err = sq_stmt(s, SQ_STATS_EVENT_CELL,
		"INSERT INTO stats_event_cells (agency_id, step, span, period, kind, outcome, rkind, n)"
		" VALUES ((SELECT agency_id FROM cases WHERE id = ?1), ?2, ?7,"
		" CASE ?7 WHEN 'M' THEN substr(?3, 1, 7) ELSE ?3 END,"
		" (SELECT kind FROM cases WHERE id = ?1), ?4, ?5, ?6)"
		" ON CONFLICT DO UPDATE SET n = n + excluded.n",
		&stmt, e);
	if (err)
		return err;
	static const char *const spans[] = { "M", "D" };
	for (size_t i = 0; i < 2; i++) {
		struct sq_args b = cell_args(stmt, case_id, step, on, outcome, rkind);
		sq_arg_int(&b, delta);
		sq_arg_text(&b, spans[i]);
		if ((err = sq_write(s, stmt, &b, NULL, 0, NULL, e)))
			return err;
	}
	if (delta > 0)
		return FZ_OK;
	/* a cell emptied goes: the summary holds only what counts */
	if ((err = sq_stmt(s, SQ_STATS_EVENT_CELL_ZERO,
		"DELETE FROM stats_event_cells WHERE n = 0"
		" AND agency_id = (SELECT agency_id FROM cases WHERE id = ?1) AND step = ?2"
		" AND span IN ('M', 'D') AND period IN (substr(?3, 1, 7), ?3)"
		" AND kind = (SELECT kind FROM cases WHERE id = ?1) AND outcome = ?4 AND rkind = ?5",
		&stmt, e)))
		return err;
	struct sq_args b = cell_args(stmt, case_id, step, on, outcome, rkind);
	return sq_write(s, stmt, &b, NULL, 0, NULL, e);
}

#define DEC_CELLS                                                                           \
	"INSERT INTO stats_decision_cells (agency_id, span, period, penalty, bucket, n, fine, conf)" \
	" SELECT d.agency_id, sp.column1,"                                                     \
	" CASE sp.column1 WHEN 'M' THEN substr(d.on_date, 1, 7) ELSE d.on_date END,"           \
	" d.penalty, d.bucket, ?1, ?1 * d.fine, ?1 * d.conf"                                   \
	" FROM stats_decisions d, (VALUES ('M'), ('D')) sp WHERE "
#define DEC_CELLS_UPSERT                                                                    \
	" ON CONFLICT DO UPDATE SET n = n + excluded.n, fine = fine + excluded.fine,"         \
	" conf = conf + excluded.conf"
#define DEC_ZERO                                                                            \
	"DELETE FROM stats_decision_cells WHERE n = 0"                                         \
	" AND (agency_id, span, period, penalty, bucket) IN (SELECT d.agency_id, sp.column1,"  \
	" CASE sp.column1 WHEN 'M' THEN substr(d.on_date, 1, 7) ELSE d.on_date END,"           \
	" d.penalty, d.bucket FROM stats_decisions d, (VALUES ('M'), ('D')) sp WHERE "

/* Adds (sign 1) or takes out (-1) the standing decisions of one event
 * (by_case false) or of a whole case to or from their cells. */
static enum fz_err decision_cells(struct sq_store *s, bool by_case, int64_t id, int sign,
				  struct fz_error *e)
{
	sqlite3_stmt *stmt;
	enum fz_err err = by_case ? sq_stmt(s, SQ_STATS_DEC_CELLS_CASE,
					    DEC_CELLS "d.case_id = ?2" DEC_CELLS_UPSERT, &stmt, e)
				  : sq_stmt(s, SQ_STATS_DEC_CELLS_EVENT,
					    DEC_CELLS "d.event_id = ?2" DEC_CELLS_UPSERT, &stmt, e);
	if (err)
		return err;
	struct sq_args b = sq_args(stmt);
	sq_arg_int(&b, sign);
	sq_arg_int(&b, id);
	if ((err = sq_write(s, stmt, &b, NULL, 0, NULL, e)) || sign > 0)
		return err;
	err = by_case ? sq_stmt(s, SQ_STATS_DEC_ZERO_CASE, DEC_ZERO "d.case_id = ?1)", &stmt, e)
		      : sq_stmt(s, SQ_STATS_DEC_ZERO_EVENT, DEC_ZERO "d.event_id = ?1)", &stmt, e);
	if (err)
		return err;
	b = sq_args(stmt);
	sq_arg_int(&b, id);
	return sq_write(s, stmt, &b, NULL, 0, NULL, e);
}

/* Every standing decision of the case leaves its cell and the list. */
static enum fz_err void_decisions(struct sq_store *s, int64_t case_id, struct fz_error *e)
{
	sqlite3_stmt *stmt;
	enum fz_err err = decision_cells(s, true, case_id, -1, e);
	if (err || (err = sq_stmt(s, SQ_STATS_DEC_DELETE_CASE,
				  "DELETE FROM stats_decisions WHERE case_id = ?1", &stmt, e)))
		return err;
	struct sq_args b = sq_args(stmt);
	sq_arg_int(&b, case_id);
	return sq_write(s, stmt, &b, NULL, 0, NULL, e);
}

/* Yuan as written to fen, as FEN() in sqlite_stats.c. */
#define FEN_PARAM(P) "coalesce(CAST(round(CAST(nullif(" P ", '') AS REAL) * 100) AS INTEGER), 0)"

static enum fz_err decision_add(struct sq_store *s, const struct case_event *ev, int64_t id,
				struct fz_error *e)
{
	sqlite3_stmt *stmt;
	enum fz_err err = sq_stmt(s, SQ_STATS_DEC_INSERT,
		"INSERT INTO stats_decisions (event_id, case_id, agency_id, on_date, penalty, fine, conf)"
		" SELECT ?1, c.id, c.agency_id, ?3, ?4, " FEN_PARAM("?5") ", " FEN_PARAM("?6")
		" FROM cases c WHERE c.id = ?2",
		&stmt, e);
	if (err)
		return err;
	struct sq_args b = sq_args(stmt);
	sq_arg_int(&b, id);
	sq_arg_int(&b, ev->case_id);
	sq_arg_text(&b, ev->on);
	sq_arg_text(&b, or_blank(field_of(ev, "penalty")));
	sq_arg_text(&b, or_blank(field_of(ev, "amount")));
	sq_arg_text(&b, or_blank(field_of(ev, "confiscation")));
	if ((err = sq_write(s, stmt, &b, NULL, 0, NULL, e)))
		return err;
	return decision_cells(s, false, id, 1, e);
}

/* The value of the target's field key as corrected by every correction
 * but the one being noted (its id: except), in *out (malloc'd; the
 * caller frees it). */
static enum fz_err field_before(struct sq_store *s, int64_t target, const char *key,
				int64_t except, char **out, struct fz_error *e)
{
	sqlite3_stmt *stmt;
	*out = NULL;
	enum fz_err err = sq_stmt(s, SQ_STATS_FIELD_BEFORE,
		"SELECT coalesce((SELECT f.value FROM case_events k JOIN case_event_fields f"
		" ON f.event_id = k.id AND f.key = ?2 AND f.value <> ''"
		" WHERE k.corrects = ?1 AND k.corrects IS NOT NULL AND k.id <> ?3"
		" ORDER BY k.seq DESC LIMIT 1),"
		" (SELECT f.value FROM case_event_fields f WHERE f.event_id = ?1 AND f.key = ?2), '')",
		&stmt, e);
	if (err)
		return err;
	struct sq_args b = sq_args(stmt);
	sq_arg_int(&b, target);
	sq_arg_text(&b, key);
	sq_arg_int(&b, except);
	int rc = b.rc != SQLITE_OK ? b.rc : sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		const char *v = (const char *)sqlite3_column_text(stmt, 0);
		size_t n = v ? (size_t)sqlite3_column_bytes(stmt, 0) : 0;
		*out = malloc(n + 1);
		if (!*out)
			err = fz_fail(e, FZ_NOMEM, "", NULL);
		else {
			if (n)
				memcpy(*out, v, n);
			(*out)[n] = '\0';
		}
	} else {
		err = sq_fail(s, rc, e);
	}
	sq_done(stmt);
	return err;
}

/* The event a correction corrects: its step and date, whether it is a
 * correction itself, whether it is a standing decision. */
struct target {
	char step[128], on[FZ_DATE_LEN];
	bool correction, standing;
};

static enum fz_err target_read(struct sq_store *s, int64_t id, struct target *t,
			       struct fz_error *e)
{
	sqlite3_stmt *stmt;
	enum fz_err err = sq_stmt(s, SQ_STATS_TARGET,
		"SELECT step, on_date, corrects IS NOT NULL,"
		" EXISTS (SELECT 1 FROM stats_decisions WHERE event_id = ?1)"
		" FROM case_events WHERE id = ?1",
		&stmt, e);
	if (err)
		return err;
	struct sq_args b = sq_args(stmt);
	sq_arg_int(&b, id);
	int rc = b.rc != SQLITE_OK ? b.rc : sqlite3_step(stmt);
	memset(t, 0, sizeof *t);
	if (rc == SQLITE_ROW) {
		const char *step = (const char *)sqlite3_column_text(stmt, 0);
		const char *on = (const char *)sqlite3_column_text(stmt, 1);
		if (!step || !on || strlen(step) >= sizeof t->step || strlen(on) >= sizeof t->on)
			err = fz_fail(e, FZ_INTERNAL, "corrects", "内部错误：被更正的记录无法统计");
		else {
			memcpy(t->step, step, strlen(step) + 1);
			memcpy(t->on, on, strlen(on) + 1);
		}
		t->correction = sqlite3_column_int(stmt, 2) != 0;
		t->standing = sqlite3_column_int(stmt, 3) != 0;
	} else {
		err = rc == SQLITE_DONE ? fz_fail(e, FZ_NOTFOUND, "corrects", "被更正的记录不存在")
					: sq_fail(s, rc, e);
	}
	sq_done(stmt);
	return err;
}

static enum fz_err correction_note(struct sq_store *s, const struct case_event *ev, int64_t id,
				   struct fz_error *e)
{
	struct target t;
	enum fz_err err = target_read(s, ev->corrects, &t, e);
	if (err || t.correction) /* a correction of a correction counts nowhere */
		return err;
	const char *outcome = nonempty(ev, "outcome"), *rkind = nonempty(ev, "kind");
	if (outcome || rkind) {
		char *old_outcome = NULL, *old_rkind = NULL;
		if (!(err = field_before(s, ev->corrects, "outcome", id, &old_outcome, e)) &&
		    !(err = field_before(s, ev->corrects, "kind", id, &old_rkind, e))) {
			const char *new_outcome = outcome ? outcome : old_outcome;
			const char *new_rkind = rkind ? rkind : old_rkind;
			if ((strcmp(new_outcome, old_outcome) != 0 ||
			     strcmp(new_rkind, old_rkind) != 0) &&
			    !(err = event_cell(s, ev->case_id, t.step, t.on, old_outcome, old_rkind,
					       -1, e)))
				err = event_cell(s, ev->case_id, t.step, t.on, new_outcome, new_rkind, 1,
						 e);
		}
		free(old_outcome);
		free(old_rkind);
		if (err)
			return err;
	}
	const char *penalty = nonempty(ev, "penalty"), *amount = nonempty(ev, "amount"),
		   *conf = nonempty(ev, "confiscation");
	if (!t.standing || !(penalty || amount || conf))
		return FZ_OK;
	sqlite3_stmt *stmt;
	if ((err = decision_cells(s, false, ev->corrects, -1, e)) ||
	    (err = sq_stmt(s, SQ_STATS_DEC_UPDATE,
			   "UPDATE stats_decisions SET penalty = coalesce(?2, penalty),"
			   " fine = CASE WHEN ?3 IS NULL THEN fine ELSE " FEN_PARAM("?3") " END,"
			   " conf = CASE WHEN ?4 IS NULL THEN conf ELSE " FEN_PARAM("?4") " END"
			   " WHERE event_id = ?1",
			   &stmt, e)))
		return err;
	struct sq_args b = sq_args(stmt);
	sq_arg_int(&b, ev->corrects);
	sq_arg_text(&b, penalty);
	sq_arg_text(&b, amount);
	sq_arg_text(&b, conf);
	if ((err = sq_write(s, stmt, &b, NULL, 0, NULL, e)))
		return err;
	return decision_cells(s, false, ev->corrects, 1, e);
}

enum fz_err sq_stats_note_event(struct sq_store *s, const struct case_event *ev, int64_t id,
				struct fz_error *e)
{
	bool keeps;
	/* a case the background backfill has not reached yet is counted
	 * whole, this event with it, when it does */
	enum fz_err err = sq_stats_summary_keeps(s, ev->case_id, &keeps, e);
	if (err || !keeps)
		return err;
	if (ev->corrects)
		return correction_note(s, ev, id, e);
	if ((err = event_cell(s, ev->case_id, ev->step, ev->on, or_blank(field_of(ev, "outcome")),
			      or_blank(field_of(ev, "kind")), 1, e)))
		return err;
	/* seq order, not dates: every decision recorded before a voiding
	 * step no longer stands, whatever dates they carry */
	if (among(ev->step, voiding, sizeof voiding / sizeof voiding[0]) &&
	    (err = void_decisions(s, ev->case_id, e)))
		return err;
	if (among(ev->step, deciding, sizeof deciding / sizeof deciding[0]))
		return decision_add(s, ev, id, e);
	return FZ_OK;
}
