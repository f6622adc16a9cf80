/* sqlite_decision.c - decision catalogues (决策事项目录) in SQLite: the
 * catalogue of a year and its append-only entries (028_decisions.sql). The
 * approval is an entry; a catalogue's approval day is read from it. */
#include <string.h>

#include "store/sqlite_internal.h"

static const char *str(const char *s)
{
	return s ? s : "";
}

enum fz_err sq_decision_catalogue_insert(struct store *st, struct decision_catalogue *c,
					 struct fz_error *e)
{
	struct sq_store *s = sq(st);
	sqlite3_stmt *stmt;
	enum fz_err err = sq_stmt(s, SQ_DCAT_INSERT,
				  "INSERT INTO decision_catalogues (agency_id, year, title, created_by,"
				  " created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
				  &stmt, e);
	if (err)
		return err;
	c->created_at = sq_now_if_zero(c->created_at);
	struct sq_args b = sq_args(stmt);
	sq_arg_int(&b, c->agency_id);
	sq_arg_int(&b, c->year);
	sq_arg_text(&b, str(c->title));
	sq_arg_int(&b, c->created_by);
	sq_arg_int(&b, c->created_at);
	return sq_insert(s, stmt, &b, &c->id, e);
}

/* the day of the catalogue's approval, "" before it */
#define DCAT_APPROVED                                                                      \
	"COALESCE((SELECT x.on_day FROM decision_catalogue_entries x WHERE"                  \
	" x.catalogue_id = c.id AND x.action = 'approve'), '')"
#define DCAT_COLS                                                                          \
	"SELECT c.id, c.agency_id, c.year, c.title, c.created_by, c.created_at, a.name, "   \
	DCAT_APPROVED " FROM decision_catalogues c JOIN agencies a ON a.id = c.agency_id"

static void catalogue_read(struct sq_row *r, void *item)
{
	struct decision_catalogue *c = item;
	c->id = sq_col_int(r);
	c->agency_id = sq_col_int(r);
	c->year = (int)sq_col_int(r);
	c->title = sq_col_text(r);
	c->created_by = sq_col_int(r);
	c->created_at = sq_col_int(r);
	c->agency_name = sq_col_text(r);
	sq_col_fixed(r, c->approved_on, sizeof c->approved_on);
}

enum fz_err sq_decision_catalogue_get(struct store *st, struct arena *a, int64_t id,
				      struct decision_catalogue *out, struct fz_error *e)
{
	struct sq_store *s = sq(st);
	sqlite3_stmt *stmt;
	memset(out, 0, sizeof *out);
	enum fz_err err = sq_stmt(s, SQ_DCAT_GET, DCAT_COLS " WHERE c.id = ?1", &stmt, e);
	if (err)
		return err;
	struct sq_args b = sq_args(stmt);
	sq_arg_int(&b, id);
	return sq_one(s, stmt, &b, a, out, catalogue_read, FZ_NOTFOUND, "id", "决策事项目录不存在",
		      e);
}

/* ?1 agency (0 any), ?2 year (0 any), ?3 approved only, ?7 the ids as a
 * JSON array (NULL any) */
#define DCAT_WHERE                                                                         \
	" WHERE (?1 = 0 OR c.agency_id = ?1) AND (?2 = 0 OR c.year = ?2) AND (?3 = 0 OR"      \
	" EXISTS (SELECT 1 FROM decision_catalogue_entries x WHERE x.catalogue_id = c.id"     \
	" AND x.action = 'approve'))"                                                       \
	" AND (?4 = 0 OR (?4 = 1 AND c.agency_id = ?5)"                                      \
	" OR (?4 = 2 AND a.division_code LIKE ?6 || '%'))"                                  \
	" AND (?7 IS NULL OR c.id IN (SELECT value FROM json_each(?7)))"

/* ?4 mode (0 every agency, 1 one agency ?5, 2 a division ?6, 3 none). */
static void scope_bind(struct sq_args *b, const struct scope *sc)
{
	int mode = !sc || sc->kind == SCOPE_ALL ? 0
		   : sc->kind == SCOPE_AGENCY	? 1
		   : sc->kind == SCOPE_DIVISION ? 2
						: 3;
	sq_arg_int(b, mode);
	sq_arg_int(b, sc && sc->kind == SCOPE_AGENCY ? sc->agency_id : -1);
	sq_arg_text(b, sc && sc->kind == SCOPE_DIVISION ? sc->division_prefix : "");
}

/* The list in another order: whole statements from constants only. */
#define DCAT_SORTED(col, dir)                                                              \
	DCAT_COLS DCAT_WHERE " ORDER BY " col " " dir ", c.id " dir " LIMIT ?8 OFFSET ?9"
#define DCAT_SORT(key, col) [key] = { DCAT_SORTED(col, "ASC"), DCAT_SORTED(col, "DESC") }
static const char *const dcat_sorted[][2] = {
	DCAT_SORT(DCAT_SORT_TITLE, "c.title"),
	DCAT_SORT(DCAT_SORT_AGENCY, "a.name"),
	DCAT_SORT(DCAT_SORT_YEAR, "c.year"),
	DCAT_SORT(DCAT_SORT_APPROVED, DCAT_APPROVED),
};
_Static_assert(sizeof dcat_sorted / sizeof dcat_sorted[0] == DCAT_SORT_COUNT,
	       "every catalogue order has its statements");
_Static_assert(SQ_DCAT_LIST_SORTED + 2 * DCAT_SORT_COUNT <= SQ_DCAT_LIST_SORTED_END,
	       "the statement ids reserved for the orders suffice");

static void dcat_bind(struct sq_args *b, const struct decision_catalogue_filter *f,
		      const char *ids)
{
	sq_arg_int(b, f->agency_id);
	sq_arg_int(b, f->year);
	sq_arg_int(b, f->approved_only);
	scope_bind(b, f->scope);
	sq_arg_text(b, ids);
}

enum fz_err sq_decision_catalogue_list(struct store *st, struct arena *a,
				       const struct decision_catalogue_filter *f, struct page pg,
				       struct decision_catalogue_list *out, struct fz_error *e)
{
	struct sq_store *s = sq(st);
	sqlite3_stmt *stmt;
	void *items = NULL;
	memset(out, 0, sizeof *out);
	pg = sq_page_clamp(pg);
	const char *ids = f->only.ids ? sq_ids_json(a, f->only.ids, f->only.n) : NULL;
	if (f->only.ids && !ids)
		return fz_fail(e, FZ_NOMEM, "", NULL);
	enum fz_err err = sq_savepoint(s, e);
	if (err)
		return err;
	if ((err = sq_stmt(s, SQ_DCAT_COUNT,
			   "SELECT count(*) FROM decision_catalogues c"
			   " JOIN agencies a ON a.id = c.agency_id" DCAT_WHERE, &stmt, e)))
		goto fail;
	struct sq_args b = sq_args(stmt);
	dcat_bind(&b, f, ids);
	if ((err = sq_one(s, stmt, &b, a, &out->total, sq_read_int, FZ_DB, NULL, "计数失败", e)))
		goto fail;
	int key = f->sort.key, dir = f->sort.desc ? 1 : 0;
	if (key > 0 && key < DCAT_SORT_COUNT)
		err = sq_stmt(s, (enum sq_stmt_id)(SQ_DCAT_LIST_SORTED + 2 * key + dir),
			      dcat_sorted[key][dir], &stmt, e);
	else
		err = sq_stmt(s, SQ_DCAT_LIST,
			      DCAT_COLS DCAT_WHERE " ORDER BY c.year DESC, c.agency_id, c.id"
						  " LIMIT ?8 OFFSET ?9",
			      &stmt, e);
	if (err)
		goto fail;
	b = sq_args(stmt);
	dcat_bind(&b, f, ids);
	sq_arg_int(&b, pg.limit);
	sq_arg_int(&b, pg.offset);
	if ((err = sq_collect(s, stmt, &b, a, sizeof *out->items, catalogue_read, &items, &out->n,
			      e)))
		goto fail;
	out->items = items;
	return sq_release(s, e);
fail:
	sq_rollback_to(s);
	return err;
}

enum fz_err sq_decision_catalogue_entry_insert(struct store *st,
					       struct decision_catalogue_entry *en,
					       struct fz_error *e)
{
	struct sq_store *s = sq(st);
	sqlite3_stmt *stmt;
	enum fz_err err = sq_stmt(s, SQ_DCAT_ENTRY_INSERT,
				  "INSERT INTO decision_catalogue_entries (catalogue_id, action,"
				  " item_id, title, category, unit, reason, adjustment, on_day, at,"
				  " actor_id, actor) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10,"
				  " ?11, ?12)",
				  &stmt, e);
	if (err)
		return err;
	en->at = sq_now_if_zero(en->at);
	struct sq_args b = sq_args(stmt);
	sq_arg_int(&b, en->catalogue_id);
	sq_arg_text(&b, str(en->action));
	sq_arg_id(&b, en->item_id);
	sq_arg_text(&b, str(en->title));
	sq_arg_text(&b, str(en->category));
	sq_arg_text(&b, str(en->unit));
	sq_arg_text(&b, str(en->reason));
	sq_arg_int(&b, en->adjustment);
	sq_arg_text(&b, en->on);
	sq_arg_int(&b, en->at);
	sq_arg_int(&b, en->actor_id);
	sq_arg_text(&b, str(en->actor));
	return sq_insert(s, stmt, &b, &en->id, e);
}

#define ENTRY_COLS                                                                         \
	"SELECT id, catalogue_id, action, COALESCE(item_id, 0), title, category, unit,"     \
	" reason, adjustment, on_day, at, actor_id, actor FROM decision_catalogue_entries"

static void entry_read(struct sq_row *r, void *item)
{
	struct decision_catalogue_entry *x = item;
	x->id = sq_col_int(r);
	x->catalogue_id = sq_col_int(r);
	x->action = sq_col_text(r);
	x->item_id = sq_col_int(r);
	x->title = sq_col_text(r);
	x->category = sq_col_text(r);
	x->unit = sq_col_text(r);
	x->reason = sq_col_text(r);
	x->adjustment = sq_col_bool(r);
	sq_col_fixed(r, x->on, sizeof x->on);
	x->at = sq_col_int(r);
	x->actor_id = sq_col_int(r);
	x->actor = sq_col_text(r);
}

enum fz_err sq_decision_catalogue_entry_get(struct store *st, struct arena *a, int64_t id,
					    struct decision_catalogue_entry *out,
					    struct fz_error *e)
{
	struct sq_store *s = sq(st);
	sqlite3_stmt *stmt;
	memset(out, 0, sizeof *out);
	enum fz_err err = sq_stmt(s, SQ_DCAT_ENTRY_GET, ENTRY_COLS " WHERE id = ?1", &stmt, e);
	if (err)
		return err;
	struct sq_args b = sq_args(stmt);
	sq_arg_int(&b, id);
	return sq_one(s, stmt, &b, a, out, entry_read, FZ_NOTFOUND, "id", "目录记录不存在", e);
}

enum fz_err sq_decision_catalogue_entries(struct store *st, struct arena *a,
					  int64_t catalogue_id,
					  struct decision_catalogue_entry **items, size_t *n,
					  struct fz_error *e)
{
	void *got;
	enum fz_err err = sq_rows_of(sq(st), SQ_DCAT_ENTRIES,
				     ENTRY_COLS " WHERE catalogue_id = ?1 ORDER BY id LIMIT 2000",
				     catalogue_id, a, sizeof **items, entry_read, &got, n, e);
	*items = got;
	return err;
}

struct open_case {
	int64_t id;
	const char *number;
};

static void open_case_read(struct sq_row *r, void *item)
{
	struct open_case *x = item;
	x->id = sq_col_int(r);
	x->number = sq_col_text(r);
}

enum fz_err sq_decision_item_open_case(struct store *st, struct arena *a, int64_t item_id,
				       int64_t except_case, int64_t *case_id, const char **number,
				       struct fz_error *e)
{
	struct sq_store *s = sq(st);
	sqlite3_stmt *stmt;
	struct open_case oc = { 0 };
	/* the 立项 events (index case_events_step_on), their field by its key */
	enum fz_err err = sq_stmt(
		s, SQ_DCAT_ITEM_OPEN_CASE,
		"SELECT c.id, c.number FROM case_events ev"
		" JOIN case_event_fields f ON f.event_id = ev.id AND f.key = 'catalogue_item'"
		" JOIN cases c ON c.id = ev.case_id"
		" WHERE ev.step = 'propose' AND c.kind = 6 AND c.closed = 0 AND c.id <> ?2"
		" AND CAST(trim(f.value) AS INTEGER) = ?1 ORDER BY c.id LIMIT 1",
		&stmt, e);
	if (err)
		return err;
	struct sq_args b = sq_args(stmt);
	sq_arg_int(&b, item_id);
	sq_arg_int(&b, except_case);
	err = sq_one(s, stmt, &b, a, &oc, open_case_read, FZ_NOTFOUND, "item", "没有办理中的决策", e);
	*case_id = oc.id;
	*number = oc.number ? oc.number : "";
	return err;
}
