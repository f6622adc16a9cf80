/* sqlite_publication.c - publications (事后公开) in SQLite: the row of
 * each publication, kept up to date by the app, and the append-only
 * events of what the public saw. Rows are unscoped here: the app applies
 * the caller's scope, and the portal's filter shows public statuses only. */
#include "store/sqlite_internal.h"

#include <string.h>

#define PUB_COLS                                                                          \
	"p.id, p.case_id, p.event_id, p.agency_id, a.name, p.kind, p.status, p.title,"      \
	" p.text, p.original_title, p.original_text, p.number, p.decided_on, p.due_on,"     \
	" p.published_on, p.late, p.end_on, p.withheld_reason, p.set_aside_on,"             \
	" p.withdraw_due_on, p.withdrawn_on, p.withdraw_reason, p.withdraw_basis,"          \
	" p.created_at, p.updated_at, coalesce(h.spans, 0)"
#define PUB_FROM                                                                          \
	" FROM publications p JOIN agencies a ON a.id = p.agency_id"                        \
	" LEFT JOIN publication_hand_masked h ON h.publication_id = p.id"

static void pub_read(struct sq_row *r, void *item)
{
	struct publication *p = item;
	p->id = sq_col_int(r);
	p->case_id = sq_col_int(r);
	p->event_id = sq_col_int(r);
	p->agency_id = sq_col_int(r);
	p->agency = sq_col_text(r);
	p->kind = sq_col_text(r);
	const char *status = sq_col_text(r);
	int st = pub_status_parse(status);
	p->status = st < 0 ? PUB_PREPARED : (enum pub_status)st;
	p->title = sq_col_text(r);
	p->text = sq_col_text(r);
	p->original_title = sq_col_text(r);
	p->original_text = sq_col_text(r);
	p->number = sq_col_text(r);
	sq_col_fixed(r, p->decided_on, sizeof p->decided_on);
	sq_col_fixed(r, p->due_on, sizeof p->due_on);
	sq_col_fixed(r, p->published_on, sizeof p->published_on);
	p->late = sq_col_bool(r);
	sq_col_fixed(r, p->end_on, sizeof p->end_on);
	p->withheld_reason = sq_col_text(r);
	sq_col_fixed(r, p->set_aside_on, sizeof p->set_aside_on);
	sq_col_fixed(r, p->withdraw_due_on, sizeof p->withdraw_due_on);
	sq_col_fixed(r, p->withdrawn_on, sizeof p->withdrawn_on);
	p->withdraw_reason = sq_col_text(r);
	p->withdraw_basis = sq_col_text(r);
	p->created_at = sq_col_int(r);
	p->updated_at = sq_col_int(r);
	p->hand_masked = (int)sq_col_int(r);
}

static const char *str(const char *s) { return s ? s : ""; }

enum fz_err sq_publication_insert(struct store *st, struct publication *p, struct fz_error *e)
{
	struct sq_store *s = sq(st);
	sqlite3_stmt *stmt;
	const char *status = pub_status_name(p->status);
	if (!status || !p->title || !*p->title || !p->text || !p->kind)
		return fz_fail(e, FZ_INVALID, "title", "公示缺少标题、正文或类别");
	enum fz_err err = sq_stmt(s, SQ_PUB_INSERT,
				  "INSERT INTO publications (case_id, event_id, agency_id, kind,"
				  " status, title, text, original_title, original_text, number,"
				  " decided_on, due_on, withheld_reason, created_at, updated_at)"
				  " SELECT ?1, ?2, c.agency_id, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11,"
				  " ?12, ?13, ?13 FROM cases c WHERE c.id = ?1 RETURNING id, agency_id",
				  &stmt, e);
	if (err)
		return err;
	int64_t now = sq_now_if_zero(p->created_at);
	struct sq_args b = sq_args(stmt);
	sq_arg_id(&b, p->case_id);
	sq_arg_id(&b, p->event_id);
	sq_arg_text(&b, p->kind);
	sq_arg_text(&b, status);
	sq_arg_text(&b, p->title);
	sq_arg_text(&b, p->text);
	sq_arg_text(&b, str(p->original_title));
	sq_arg_text(&b, str(p->original_text));
	sq_arg_text(&b, str(p->number));
	sq_arg_text(&b, p->decided_on);
	sq_arg_text(&b, p->due_on);
	sq_arg_text(&b, str(p->withheld_reason));
	sq_arg_int(&b, now);
	int64_t id, agency;
	if ((err = sq_insert_case_row(s, stmt, &b, p->case_id, p->event_id, &id, &agency, e)))
		return err;
	p->id = id;
	p->agency_id = agency;
	p->created_at = p->updated_at = now;
	return FZ_OK;
}

enum fz_err sq_publication_update(struct store *st, const struct publication *p,
				  struct fz_error *e)
{
	struct sq_store *s = sq(st);
	sqlite3_stmt *stmt;
	const char *status = pub_status_name(p->status);
	if (!status || !p->title || !*p->title || !p->text)
		return fz_fail(e, FZ_INVALID, "title", "公示缺少标题或正文");
	enum fz_err err = sq_stmt(s, SQ_PUB_UPDATE,
				  "UPDATE publications SET status = ?2, title = ?3, text = ?4,"
				  " published_on = ?5, late = ?6, end_on = ?7, withheld_reason = ?8,"
				  " set_aside_on = ?9, withdraw_due_on = ?10, withdrawn_on = ?11,"
				  " withdraw_reason = ?12, withdraw_basis = ?13, updated_at = ?14,"
				  " original_title = coalesce(?15, original_title),"
				  " original_text = coalesce(?16, original_text)"
				  " WHERE id = ?1",
				  &stmt, e);
	if (err)
		return err;
	struct sq_args b = sq_args(stmt);
	sq_arg_int(&b, p->id);
	sq_arg_text(&b, status);
	sq_arg_text(&b, p->title);
	sq_arg_text(&b, p->text);
	sq_arg_text(&b, p->published_on);
	sq_arg_int(&b, p->late);
	sq_arg_text(&b, p->end_on);
	sq_arg_text(&b, str(p->withheld_reason));
	sq_arg_text(&b, p->set_aside_on);
	sq_arg_text(&b, p->withdraw_due_on);
	sq_arg_text(&b, p->withdrawn_on);
	sq_arg_text(&b, str(p->withdraw_reason));
	sq_arg_text(&b, str(p->withdraw_basis));
	sq_arg_int(&b, sq_now_if_zero(p->updated_at));
	sq_arg_text(&b, p->original_title);
	sq_arg_text(&b, p->original_text);
	if ((err = sq_write(s, stmt, &b, NULL, 0, "公示不存在", e)) || p->hand_masked <= 0)
		return err;
	/* the spans masked by hand at confirmation (set once, when it goes live) */
	if ((err = sq_stmt(s, SQ_PUB_HAND_MASKED,
			   "INSERT INTO publication_hand_masked (publication_id, spans) VALUES (?1, ?2)"
			   " ON CONFLICT (publication_id) DO UPDATE SET spans = excluded.spans",
			   &stmt, e)))
		return err;
	b = sq_args(stmt);
	sq_arg_int(&b, p->id);
	sq_arg_int(&b, p->hand_masked);
	return sq_write(s, stmt, &b, NULL, 0, NULL, e);
}

static enum fz_err pub_one(struct sq_store *s, enum sq_stmt_id id, const char *sql,
			   int64_t key, struct arena *a, struct publication *out,
			   struct fz_error *e)
{
	sqlite3_stmt *stmt;
	void *items;
	size_t n;
	memset(out, 0, sizeof *out);
	enum fz_err err = sq_stmt(s, id, sql, &stmt, e);
	if (err)
		return err;
	struct sq_args b = sq_args(stmt);
	sq_arg_int(&b, key);
	if ((err = sq_collect(s, stmt, &b, a, sizeof *out, pub_read, &items, &n, e)))
		return err;
	if (n == 0)
		return fz_fail(e, FZ_NOTFOUND, "id", "公示不存在");
	*out = *(struct publication *)items;
	return FZ_OK;
}

enum fz_err sq_publication_get(struct store *st, struct arena *a, int64_t id,
			       struct publication *out, struct fz_error *e)
{
	return pub_one(sq(st), SQ_PUB_GET, "SELECT " PUB_COLS PUB_FROM " WHERE p.id = ?1", id, a,
		       out, e);
}

enum fz_err sq_publication_by_event(struct store *st, struct arena *a, int64_t event_id,
				    struct publication *out, struct fz_error *e)
{
	return pub_one(sq(st), SQ_PUB_BY_EVENT,
		       "SELECT " PUB_COLS PUB_FROM " WHERE p.event_id = ?1", event_id, a, out, e);
}

enum {
	PF_ID,
	PF_STATUS,
	PF_PUBLIC,
	PF_LISTED,
	PF_WITHDRAWN,
	PF_AGENCY,
	PF_KIND,
	PF_FROM,
	PF_TO,
	PF_ASIDE_FROM,
	PF_ASIDE_TO,
	PF_CASE,
};

enum { PUB_SORT_PUBLISHED = 1, PUB_SORT_SET_ASIDE };

/* A clause per filter, so that each list is planned for what it asks: one
 * statement with every filter behind "?n IS NULL OR" read and sorted
 * every publication for each page (the portal's first page over 783,390
 * publications: 0.58 s of CPU). Newest first walks the index of the
 * publication day (049), one agency's its own. */
static const struct sq_query pub_query = {
	.id = SQ_Q_PUBLICATION,
	.select = "SELECT " PUB_COLS,
	.from = PUB_FROM,
	/* the count reads no other table: the division by its agencies */
	.count_from = " FROM publications p",
	.count_filters = ~0u,
	.scope_agency = "p.agency_id = :scope_agency",
	.scope_division = "a.division_code LIKE :scope_prefix || '%'",
	.count_scope_division = SQ_DIVISION_AGENCIES("p.agency_id"),
	.filters = {
		[PF_ID] = "p.id = :id",
		[PF_STATUS] = "p.status = :status",
		[PF_PUBLIC] = "p.status IN ('live', 'withdrawing', 'withdrawn')",
		/* still listed today: its listing period not over, or withdrawn
		 * (the withdrawal stays on the portal) */
		[PF_LISTED] = "(p.end_on = '' OR p.end_on >= :today OR p.status = 'withdrawn')",
		[PF_WITHDRAWN] = "p.status IN ('withdrawing', 'withdrawn')",
		[PF_AGENCY] = "p.agency_id = :agency",
		[PF_KIND] = "p.kind = :kind",
		[PF_FROM] = "p.published_on >= :from",
		[PF_TO] = "p.published_on <= :to",
		[PF_ASIDE_FROM] = "p.set_aside_on >= :from",
		[PF_ASIDE_TO] = "p.set_aside_on <= :to",
		[PF_CASE] = "p.case_id = :case_id",
	},
	.order = " ORDER BY p.id",
	.sorts = (const char *const[]){
		[PUB_SORT_PUBLISHED] = "p.published_on",
		[PUB_SORT_SET_ASIDE] = "p.set_aside_on",
	},
	.nsorts = PUB_SORT_SET_ASIDE + 1,
	.tiebreak = "p.id",
};

static unsigned pub_mask(const struct publication_filter *f)
{
	unsigned m = 0;
	if (f->status >= 0)
		m |= 1u << PF_STATUS;
	/* the withdrawn are public: their clause alone, so that SQLite reads
	 * them by their partial index and not every live one by the status */
	if (f->public_only && !f->withdrawn_only)
		m |= 1u << PF_PUBLIC;
	if (f->public_only && f->listed_on && given(f->today))
		m |= 1u << PF_LISTED;
	if (f->withdrawn_only)
		m |= 1u << PF_WITHDRAWN;
	if (f->agency_id > 0)
		m |= 1u << PF_AGENCY;
	if (given(f->kind))
		m |= 1u << PF_KIND;
	if (given(f->from))
		m |= 1u << (f->withdrawn_only ? PF_ASIDE_FROM : PF_FROM);
	if (given(f->to))
		m |= 1u << (f->withdrawn_only ? PF_ASIDE_TO : PF_TO);
	if (f->case_id > 0)
		m |= 1u << PF_CASE;
	return m;
}

enum fz_err sq_publication_list(struct store *st, struct arena *a,
				const struct publication_filter *f, const struct scope *sc,
				struct page pg, struct publication_list *out, struct fz_error *e)
{
	struct sq_list l;
	void *items = NULL;
	memset(out, 0, sizeof *out);
	if (!sc || sc->kind == SCOPE_NONE)
		return FZ_OK;
	struct list_sort sort = { 0, false };
	if (f->newest_first)
		sort = (struct list_sort){ f->withdrawn_only ? PUB_SORT_SET_ASIDE : PUB_SORT_PUBLISHED,
					   true };
	enum fz_err err = sq_list_open_sorted(sq(st), &pub_query, sc, pub_mask(f), sort, pg, &l, e);
	if (err)
		return err;
	sq_list_text(&l, ":status",
		     f->status >= 0 ? pub_status_name((enum pub_status)f->status) : NULL);
	sq_list_text(&l, ":today", f->today);
	sq_list_int(&l, ":agency", f->agency_id);
	sq_list_text(&l, ":kind", f->kind);
	sq_list_text(&l, ":from", f->from);
	sq_list_text(&l, ":to", f->to);
	sq_list_int(&l, ":case_id", f->case_id);
	err = sq_list_run(&l, a, sizeof *out->items, pub_read, &items, &out->n, &out->total, e);
	out->items = items;
	out->total_more = l.more;
	return err;
}

enum fz_err sq_publication_event_insert(struct store *st, struct publication_event *ev,
					struct fz_error *e)
{
	struct sq_store *s = sq(st);
	sqlite3_stmt *stmt;
	enum fz_err err = sq_stmt(s, SQ_PUB_EVENT_INSERT,
				  "INSERT INTO publication_events (publication_id, action, on_day, at,"
				  " actor_id, actor, title, text, reason, basis)"
				  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) RETURNING id",
				  &stmt, e);
	if (err)
		return err;
	ev->at = sq_now_if_zero(ev->at);
	struct sq_args b = sq_args(stmt);
	sq_arg_id(&b, ev->publication_id);
	sq_arg_text(&b, ev->action);
	sq_arg_text(&b, ev->on);
	sq_arg_int(&b, ev->at);
	sq_arg_int(&b, ev->actor_id);
	sq_arg_text(&b, str(ev->actor));
	sq_arg_text(&b, str(ev->title));
	sq_arg_text(&b, str(ev->text));
	sq_arg_text(&b, str(ev->reason));
	sq_arg_text(&b, str(ev->basis));
	int rc = b.rc != SQLITE_OK ? b.rc : sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		ev->id = sqlite3_column_int64(stmt, 0);
		rc = sqlite3_step(stmt);
	}
	if (rc != SQLITE_DONE)
		err = sq_fail(s, rc, e);
	sq_done(stmt);
	return err;
}

static void pub_event_read(struct sq_row *r, void *item)
{
	struct publication_event *ev = item;
	ev->id = sq_col_int(r);
	ev->publication_id = sq_col_int(r);
	ev->action = sq_col_text(r);
	sq_col_fixed(r, ev->on, sizeof ev->on);
	ev->at = sq_col_int(r);
	ev->actor_id = sq_col_int(r);
	ev->actor = sq_col_text(r);
	ev->title = sq_col_text(r);
	ev->text = sq_col_text(r);
	ev->reason = sq_col_text(r);
	ev->basis = sq_col_text(r);
}

#define PUB_EVENT_SELECT                                                               \
	"SELECT id, publication_id, action, on_day, at, actor_id, actor, title, text, reason," \
	" basis FROM publication_events"

enum fz_err sq_publication_event_get(struct store *st, struct arena *a, int64_t id,
				     struct publication_event *out, struct fz_error *e)
{
	struct sq_store *s = sq(st);
	sqlite3_stmt *stmt;
	void *items;
	size_t n;
	memset(out, 0, sizeof *out);
	enum fz_err err = sq_stmt(s, SQ_PUB_EVENT_GET, PUB_EVENT_SELECT " WHERE id = ?1", &stmt, e);
	if (err)
		return err;
	struct sq_args b = sq_args(stmt);
	sq_arg_int(&b, id);
	if ((err = sq_collect(s, stmt, &b, a, sizeof *out, pub_event_read, &items, &n, e)))
		return err;
	if (n == 0)
		return fz_fail(e, FZ_NOTFOUND, "id", "公示记录不存在");
	*out = *(struct publication_event *)items;
	return FZ_OK;
}

enum fz_err sq_publication_events_of(struct store *st, struct arena *a, int64_t publication_id,
				     struct publication_event **items, size_t *n,
				     struct fz_error *e)
{
	struct sq_store *s = sq(st);
	void *got;
	enum fz_err err = sq_rows_of(s, SQ_PUB_EVENTS_OF,
				     PUB_EVENT_SELECT " WHERE publication_id = ?1 ORDER BY id", publication_id,
				     a, sizeof **items, pub_event_read, &got, n, e);
	*items = got;
	return err;
}
