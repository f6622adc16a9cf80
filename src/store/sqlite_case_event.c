/* sqlite_case_event.c - the record of a case (执法全过程记录) in SQLite:
 * events appended with their fields and officers, numbered 1, 2, 3 ...
 * within the case, and read back whole. The triggers of 003_cases.sql
 * refuse any change or deletion whoever connects; this file only ever
 * inserts. */
#include "store/sqlite_internal.h"

#include <string.h>

#include "base/date.h"

static const char *or_empty(const char *s) { return s ? s : ""; }

static enum fz_err event_check(const struct case_event *ev, struct fz_error *e)
{
	if (!given(ev->step))
		return fz_fail(e, FZ_INVALID, "step", "缺少执法环节");
	if (!date_parse(ev->on, NULL, NULL, NULL))
		return fz_fail(e, FZ_INVALID, "on", "日期应为 YYYY-MM-DD 格式的有效日期");
	if ((ev->nfields && !ev->fields) || (ev->nofficers && !ev->officers))
		return fz_fail(e, FZ_INVALID, "", "内部错误：记录的字段或人员缺失");
	for (size_t i = 0; i < ev->nfields; i++) {
		if (!given(ev->fields[i].key))
			return fz_fail(e, FZ_INVALID, "fields", "字段名不能为空");
		if (!ev->fields[i].value)
			return fz_fail(e, FZ_INVALID, "fields", "字段 %s 缺少取值",
				       ev->fields[i].key);
	}
	for (size_t i = 0; i < ev->nofficers; i++)
		if (ev->officers[i] <= 0)
			return fz_fail(e, FZ_INVALID, "officers", "执法人员编号无效");
	return FZ_OK;
}

/* Inserts the event row with the next seq of its case, computed by the
 * same statement that writes it: the statement takes the write lock
 * before it reads, so two writers cannot both see the same max(seq).
 * VALUES with a subquery rather than INSERT ... SELECT ... RETURNING:
 * SQLite copies the rows of a SELECT that reads its own target (or feeds
 * a table with triggers) through a temporary B-tree first, and RETURNING
 * another, each opened and dropped for every step; the id is the rowid
 * written, the seq read back by it. */
static enum fz_err event_insert(struct sq_store *s, const struct case_event *ev, int64_t at,
				int64_t *id, int *seq, struct fz_error *e)
{
	sqlite3_stmt *stmt;
	enum fz_err err = sq_stmt(s, SQ_CASE_EVENT_INSERT,
				  "INSERT INTO case_events (case_id, seq, step, on_date, at, actor_id,"
				  " actor, corrects, reason) VALUES (?1, (SELECT coalesce(max(seq), 0)"
				  " + 1 FROM case_events WHERE case_id = ?1), ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
				  &stmt, e);
	if (err)
		return err;
	struct sq_args b = sq_args(stmt);
	sq_arg_id(&b, ev->case_id);
	sq_arg_text(&b, ev->step);
	sq_arg_text(&b, ev->on);
	sq_arg_int(&b, at);
	sq_arg_id(&b, ev->actor_id);
	sq_arg_text(&b, or_empty(ev->actor));
	sq_arg_id(&b, ev->corrects);
	sq_arg_text(&b, or_empty(ev->reason));
	const struct sq_ref refs[] = {
		SQ_REF_CASE("case_id", ev->case_id),
		SQ_REF_CASE_EVENT("corrects", ev->corrects, ev->case_id),
		SQ_REF_USER("actor_id", ev->actor_id),
	};
	if ((err = sq_write(s, stmt, &b, refs, 3, NULL, e)))
		return err;
	*id = sqlite3_last_insert_rowid(s->c->db);
	if ((err = sq_stmt(s, SQ_CASE_EVENT_SEQ, "SELECT seq FROM case_events WHERE id = ?1",
			   &stmt, e)))
		return err;
	b = sq_args(stmt);
	sq_arg_int(&b, *id);
	int64_t n = 0;
	err = sq_one(s, stmt, &b, NULL, &n, sq_read_int, FZ_DB, "", "刚写入的案件事件未能读回", e);
	*seq = (int)n;
	return err;
}

static enum fz_err event_details_insert(struct sq_store *s, const struct case_event *ev,
					int64_t id, struct fz_error *e)
{
	sqlite3_stmt *field, *officer;
	enum fz_err err;
	if ((err = sq_stmt(s, SQ_CASE_FIELD_INSERT,
			   "INSERT INTO case_event_fields (event_id, key, value) VALUES (?1, ?2, ?3)",
			   &field, e)) ||
	    (err = sq_stmt(s, SQ_CASE_OFFICER_INSERT,
			   "INSERT INTO case_event_officers (event_id, person_id) VALUES (?1, ?2)",
			   &officer, e)))
		return err;
	for (size_t i = 0; i < ev->nfields; i++) {
		struct sq_args b = sq_args(field);
		sq_arg_int(&b, id);
		sq_arg_text(&b, ev->fields[i].key);
		sq_arg_text(&b, ev->fields[i].value);
		if ((err = sq_write(s, field, &b, NULL, 0, NULL, e)))
			return err;
	}
	for (size_t i = 0; i < ev->nofficers; i++) {
		struct sq_args b = sq_args(officer);
		sq_arg_int(&b, id);
		sq_arg_int(&b, ev->officers[i]);
		const struct sq_ref refs[] = { SQ_REF_PERSON("officers", ev->officers[i]) };
		if ((err = sq_write(s, officer, &b, refs, 1, NULL, e)))
			return err;
	}
	return FZ_OK;
}

enum fz_err sq_case_event_append(struct store *st, struct case_event *ev, struct fz_error *e)
{
	struct sq_store *s = sq(st);
	enum fz_err err;
	int64_t id = 0;
	int seq = 0;
	if ((err = event_check(ev, e)))
		return err;
	int64_t at = sq_now_if_zero(ev->at);
	/* the event, its fields and its officers go in together or not at all */
	if ((err = sq_savepoint(s, e)))
		return err;
	if ((err = event_insert(s, ev, at, &id, &seq, e)) ||
	    (err = event_details_insert(s, ev, id, e)) ||
	    /* the statistics' summary, in the same savepoint (sqlite_stats.c) */
	    (err = sq_stats_note_event(s, ev, id, e))) {
		sq_rollback_to(s);
		return err;
	}
	if ((err = sq_release(s, e)))
		return err;
	ev->id = id;
	ev->seq = seq;
	ev->at = at;
	return FZ_OK;
}

/* --- reading the record --- */

static void event_read(struct sq_row *r, void *item)
{
	struct case_event *ev = item;
	ev->id = sq_col_int(r);
	ev->case_id = sq_col_int(r);
	ev->seq = (int)sq_col_int(r);
	ev->step = sq_col_text(r);
	sq_col_fixed(r, ev->on, sizeof ev->on);
	ev->at = sq_col_int(r);
	ev->actor_id = sq_col_int(r);
	ev->actor = sq_col_text(r);
	ev->corrects = sq_col_int(r);
	ev->reason = sq_col_text(r);
	ev->actor_name = sq_col_text(r);
}

/* A field or officer row with the event it belongs to, before the rows
 * are handed to their events. */
struct row_key {
	int64_t event_id;
	int64_t rowid; /* the order it was written in, within its event */
};

struct field_row {
	struct row_key k; /* first: within_event_in_order */
	struct case_field f;
};

struct officer_row {
	struct row_key k;
	int64_t person_id;
};

static void field_read(struct sq_row *r, void *item)
{
	struct field_row *fr = item;
	fr->k.event_id = sq_col_int(r);
	fr->f.key = sq_col_text(r);
	fr->f.value = sq_col_text(r);
	fr->k.rowid = sq_col_int(r);
}

static void officer_read(struct sq_row *r, void *item)
{
	struct officer_row *o = item;
	o->k.event_id = sq_col_int(r);
	o->person_id = sq_col_int(r);
	o->k.rowid = sq_col_int(r);
}

/* The rows come by their event's seq (one pass over the case's events,
 * no sorter); within an event they are put back in the order they were
 * written (a handful each: insertion sort). Each row begins with its
 * row_key; size is the row's. */
#define ROW_MAX 64
_Static_assert(sizeof(struct field_row) <= ROW_MAX && sizeof(struct officer_row) <= ROW_MAX,
	       "a row fits the insertion sort's buffer");

static void within_event_in_order(void *rows, size_t n, size_t size)
{
	unsigned char *r = rows, x[ROW_MAX];
	for (size_t i = 1; i < n; i++) {
		struct row_key k;
		memcpy(&k, r + i * size, sizeof k);
		size_t j = i;
		for (; j > 0; j--) {
			struct row_key p;
			memcpy(&p, r + (j - 1) * size, sizeof p);
			if (p.event_id != k.event_id || p.rowid < k.rowid)
				break;
		}
		if (j == i)
			continue;
		memcpy(x, r + i * size, size);
		memmove(r + (j + 1) * size, r + j * size, (i - j) * size);
		memcpy(r + j * size, x, size);
	}
}

/* The three reads of one case's record: events by seq, and the fields and
 * officers of all of them, ordered by their event's seq and then as they
 * were written. Three statements however many events the case has. */
static enum fz_err record_read(struct sq_store *s, struct arena *a, int64_t case_id,
			       struct case_event_list *out, struct field_row **fields,
			       size_t *nfields, struct officer_row **officers,
			       size_t *nofficers, struct fz_error *e)
{
	sqlite3_stmt *events, *frows, *orows;
	enum fz_err err;
	void *items;
	if ((err = sq_stmt(s, SQ_CASE_EVENTS,
			   "SELECT e.id, e.case_id, e.seq, e.step, e.on_date, e.at, e.actor_id,"
			   " e.actor, e.corrects, e.reason, coalesce(u.display_name, '')"
			   " FROM case_events e LEFT JOIN users u ON u.id = e.actor_id"
			   " WHERE e.case_id = ?1 ORDER BY e.seq",
			   &events, e)) ||
	    (err = sq_stmt(s, SQ_CASE_EVENT_FIELDS,
			   "SELECT f.event_id, f.key, f.value, f.rowid FROM case_event_fields f"
			   " JOIN case_events v ON v.id = f.event_id WHERE v.case_id = ?1"
			   " ORDER BY v.seq",
			   &frows, e)) ||
	    (err = sq_stmt(s, SQ_CASE_EVENT_OFFICERS,
			   "SELECT o.event_id, o.person_id, o.rowid FROM case_event_officers o"
			   " JOIN case_events v ON v.id = o.event_id WHERE v.case_id = ?1"
			   " ORDER BY v.seq",
			   &orows, e)))
		return err;
	struct sq_args b = sq_args(events);
	sq_arg_int(&b, case_id);
	if ((err = sq_collect(s, events, &b, a, sizeof *out->items, event_read, &items, &out->n,
			      e)))
		return err;
	out->items = items;
	b = sq_args(frows);
	sq_arg_int(&b, case_id);
	if ((err = sq_collect(s, frows, &b, a, sizeof **fields, field_read, &items, nfields, e)))
		return err;
	*fields = items;
	within_event_in_order(*fields, *nfields, sizeof **fields);
	b = sq_args(orows);
	sq_arg_int(&b, case_id);
	if ((err = sq_collect(s, orows, &b, a, sizeof **officers, officer_read, &items, nofficers,
			      e)))
		return err;
	*officers = items;
	within_event_in_order(*officers, *nofficers, sizeof **officers);
	return FZ_OK;
}

/* Hands each event its fields and officers: the rows come in the events'
 * order, so one pass over each suffices. */
static enum fz_err record_attach(struct arena *a, struct case_event_list *out,
				 const struct field_row *fields, size_t nfields,
				 const struct officer_row *officers, size_t nofficers,
				 struct fz_error *e)
{
	struct case_field *fa = nfields ? arena_calloc(a, nfields, sizeof *fa) : NULL;
	int64_t *oa = nofficers ? arena_calloc(a, nofficers, sizeof *oa) : NULL;
	if ((nfields && !fa) || (nofficers && !oa))
		return fz_fail(e, FZ_NOMEM, "", NULL);
	for (size_t i = 0; i < nfields; i++)
		fa[i] = fields[i].f;
	for (size_t i = 0; i < nofficers; i++)
		oa[i] = officers[i].person_id;

	size_t fi = 0, oi = 0;
	for (size_t i = 0; i < out->n; i++) {
		struct case_event *ev = &out->items[i];
		size_t f0 = fi, o0 = oi;
		while (fi < nfields && fields[fi].k.event_id == ev->id)
			fi++;
		while (oi < nofficers && officers[oi].k.event_id == ev->id)
			oi++;
		ev->fields = fi > f0 ? fa + f0 : NULL;
		ev->nfields = fi - f0;
		ev->officers = oi > o0 ? oa + o0 : NULL;
		ev->nofficers = oi - o0;
	}
	return FZ_OK;
}

enum fz_err sq_case_events(struct store *st, struct arena *a, const struct scope *sc,
			   int64_t case_id, struct case_event_list *out, struct fz_error *e)
{
	struct enf_case c;
	return sq_case_record(st, a, sc, case_id, &c, out, e);
}

enum fz_err sq_case_record(struct store *st, struct arena *a, const struct scope *sc,
			   int64_t case_id, struct enf_case *c, struct case_event_list *out,
			   struct fz_error *e)
{
	struct sq_store *s = sq(st);
	struct field_row *fields = NULL;
	struct officer_row *officers = NULL;
	size_t nfields = 0, nofficers = 0;
	memset(out, 0, sizeof *out);
	/* the case's visibility and its whole record from one snapshot */
	enum fz_err err = sq_savepoint(s, e);
	if (err)
		return err;
	if ((err = sq_case_get(st, a, sc, case_id, c, e)) ||
	    (err = record_read(s, a, case_id, out, &fields, &nfields, &officers, &nofficers,
			       e)) ||
	    (err = record_attach(a, out, fields, nfields, officers, nofficers, e))) {
		sq_rollback_to(s);
		memset(out, 0, sizeof *out);
		return err;
	}
	if ((err = sq_release(s, e))) {
		memset(out, 0, sizeof *out);
		return err;
	}
	out->total = (int64_t)out->n;
	return FZ_OK;
}

/* --- one event by id (verify re-serialises every logged event) --- */

enum fz_err sq_case_event_get(struct store *st, struct arena *a, int64_t id,
			      struct case_event *out, struct fz_error *e)
{
	struct sq_store *s = sq(st);
	sqlite3_stmt *ev, *frows, *orows;
	struct case_event_list one = { 0 };
	struct field_row *fields = NULL;
	struct officer_row *officers = NULL;
	size_t nfields = 0, nofficers = 0;
	void *items;
	enum fz_err err;
	memset(out, 0, sizeof *out);
	if ((err = sq_stmt(s, SQ_CASE_EVENT_GET,
			   "SELECT e.id, e.case_id, e.seq, e.step, e.on_date, e.at, e.actor_id,"
			   " e.actor, e.corrects, e.reason, coalesce(u.display_name, '')"
			   " FROM case_events e LEFT JOIN users u ON u.id = e.actor_id"
			   " WHERE e.id = ?1",
			   &ev, e)) ||
	    (err = sq_stmt(s, SQ_CASE_EVENT_GET_FIELDS,
			   "SELECT event_id, key, value FROM case_event_fields WHERE event_id = ?1"
			   " ORDER BY rowid",
			   &frows, e)) ||
	    (err = sq_stmt(s, SQ_CASE_EVENT_GET_OFFICERS,
			   "SELECT event_id, person_id FROM case_event_officers WHERE event_id = ?1"
			   " ORDER BY rowid",
			   &orows, e)))
		return err;
	if ((err = sq_savepoint(s, e)))
		return err;
	struct sq_args b = sq_args(ev);
	sq_arg_int(&b, id);
	if ((err = sq_collect(s, ev, &b, a, sizeof *one.items, event_read, &items, &one.n, e)))
		goto fail;
	one.items = items;
	if (one.n == 0) {
		err = fz_fail(e, FZ_NOTFOUND, "id", "记录不存在");
		goto fail;
	}
	b = sq_args(frows);
	sq_arg_int(&b, id);
	if ((err = sq_collect(s, frows, &b, a, sizeof *fields, field_read, &items, &nfields, e)))
		goto fail;
	fields = items;
	b = sq_args(orows);
	sq_arg_int(&b, id);
	if ((err = sq_collect(s, orows, &b, a, sizeof *officers, officer_read, &items,
			      &nofficers, e)))
		goto fail;
	officers = items;
	if ((err = record_attach(a, &one, fields, nfields, officers, nofficers, e)))
		goto fail;
	if ((err = sq_release(s, e)))
		return err;
	*out = one.items[0];
	return FZ_OK;
fail:
	sq_rollback_to(s);
	return err;
}

/* --- the random inspection draws, for the portal --- */

static void draw_ref_read(struct sq_row *r, void *item)
{
	struct draw_ref *d = item;
	d->event_id = sq_col_int(r);
	d->case_id = sq_col_int(r);
}

/* A draw is hidden while its embargo (field publish_at) is later than
 * ?N; a NULL ?N hides none. */
#define DRAW_VISIBLE(n)                                                          \
	" AND NOT EXISTS (SELECT 1 FROM case_event_fields f WHERE f.event_id = e.id" \
	" AND f.key = 'publish_at' AND f.value > ?" n ")"

enum fz_err sq_draw_events(struct store *st, struct arena *a, struct page pg,
			   const char *visible_at, struct draw_ref_list *out, struct fz_error *e)
{
	struct sq_store *s = sq(st);
	sqlite3_stmt *page, *count;
	void *items = NULL;
	enum fz_err err;
	memset(out, 0, sizeof *out);
	if ((err = sq_stmt(s, SQ_DRAW_EVENTS,
			   "SELECT id, case_id FROM case_events e WHERE step = 'random_draw'"
			   DRAW_VISIBLE("3")
			   " ORDER BY on_date DESC, id DESC LIMIT ?1 OFFSET ?2",
			   &page, e)) ||
	    (err = sq_stmt(s, SQ_DRAW_EVENTS_COUNT,
			   "SELECT count(*) FROM case_events e WHERE step = 'random_draw'"
			   DRAW_VISIBLE("1"), &count, e)))
		return err;
	if ((err = sq_savepoint(s, e)))
		return err;
	struct sq_args b = sq_args(page);
	sq_arg_int(&b, pg.limit);
	sq_arg_int(&b, pg.offset);
	sq_arg_text(&b, visible_at);
	struct sq_args cb = sq_args(count);
	sq_arg_text(&cb, visible_at);
	if (cb.rc != SQLITE_OK) {
		err = sq_fail(s, cb.rc, e);
		goto fail;
	}
	if ((err = sq_collect(s, page, &b, a, sizeof(struct draw_ref), draw_ref_read, &items,
			      &out->n, e)))
		goto fail;
	out->items = items;
	int rc = sqlite3_step(count);
	out->total = rc == SQLITE_ROW ? sqlite3_column_int64(count, 0) : 0;
	sq_done(count);
	if (rc != SQLITE_ROW) {
		err = sq_fail(s, rc, e);
		goto fail;
	}
	return sq_release(s, e);
fail:
	sq_done(count);
	sq_rollback_to(s);
	memset(out, 0, sizeof *out);
	return err;
}
