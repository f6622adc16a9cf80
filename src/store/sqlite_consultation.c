/* sqlite_consultation.c - public comment on drafts (公开征求意见) in
 * SQLite: the periods read from the case events (comment_open and the
 * comment_close after it), the comments and their append-only events,
 * and a comment's standing as the latest of its events. */
#include "store/sqlite_internal.h"

#include <string.h>

static const char *str(const char *s) { return s ? s : ""; }

/* Each matter's latest comment_open, the first comment_close after it
 * (0 while none), and whether the matter itself is closed. */
#define PERIODS                                                                           \
	"SELECT o.case_id AS case_id, o.id AS open_event, o.at AS opened_at,"               \
	" coalesce((SELECT min(x.id) FROM case_events x WHERE x.case_id = o.case_id"        \
	" AND x.step = 'comment_close' AND x.seq > o.seq), 0) AS close_event,"              \
	" k.closed AS matter_closed"                                                        \
	" FROM case_events o JOIN cases k ON k.id = o.case_id"                              \
	" WHERE o.step = 'comment_open' AND o.seq = (SELECT max(y.seq) FROM case_events y"  \
	" WHERE y.case_id = o.case_id AND y.step = 'comment_open')"
/* The periods as a list: open (no close, matter not closed) or closed
 * (with a close), newest opening first. */
enum { PF_OPEN, PF_CLOSED };
static const struct sq_query period_query = {
	.id = SQ_Q_CONSULTATION,
	.select = "SELECT case_id, open_event, opened_at, close_event",
	.from = " FROM (" PERIODS ")",
	.filters = {
		[PF_OPEN] = "close_event = 0 AND matter_closed = 0",
		[PF_CLOSED] = "close_event <> 0",
	},
	.order = " ORDER BY opened_at DESC, open_event DESC",
};

static void ref_read(struct sq_row *r, void *item)
{
	struct consultation_ref *c = item;
	c->case_id = sq_col_int(r);
	c->open_event = sq_col_int(r);
	c->opened_at = sq_col_int(r);
	c->close_event = sq_col_int(r);
}

enum fz_err sq_consultations(struct store *st, struct arena *a, bool open, struct page pg,
			     struct consultation_ref_list *out, struct fz_error *e)
{
	struct sq_list l;
	void *items;
	memset(out, 0, sizeof *out);
	enum fz_err err = sq_list_open(sq(st), &period_query, NULL,
				       1u << (open ? PF_OPEN : PF_CLOSED), pg, &l, e);
	if (err)
		return err;
	err = sq_list_run(&l, a, sizeof *out->items, ref_read, &items, &out->n, &out->total, e);
	out->items = items;
	return err;
}

enum fz_err sq_consultation_of(struct store *st, int64_t case_id, struct consultation_ref *out,
			       struct fz_error *e)
{
	struct sq_store *s = sq(st);
	sqlite3_stmt *stmt;
	memset(out, 0, sizeof *out);
	enum fz_err err = sq_stmt(s, SQ_CONSULT_OF,
				  "SELECT case_id, open_event, opened_at, close_event FROM (" PERIODS
				  ") WHERE case_id = ?1",
				  &stmt, e);
	if (err)
		return err;
	struct sq_args b = sq_args(stmt);
	sq_arg_int(&b, case_id);
	return sq_one(s, stmt, &b, NULL, out, ref_read, FZ_NOTFOUND, "id",
		      "没有这项公开征求意见", e);
}

enum fz_err sq_comment_insert(struct store *st, struct public_comment *c, struct fz_error *e)
{
	struct sq_store *s = sq(st);
	sqlite3_stmt *stmt;
	if (!c->body || !*c->body || !c->receipt[0])
		return fz_fail(e, FZ_INVALID, "body", "意见缺少内容或回执编号");
	enum fz_err err = sq_stmt(s, SQ_COMMENT_INSERT,
				  "INSERT INTO public_comments (case_id, open_event, receipt,"
				  " received_on, name, contact, body, client_key, at, kind, due_on)"
				  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
				  &stmt, e);
	if (err)
		return err;
	c->at = sq_now_if_zero(c->at);
	struct sq_args b = sq_args(stmt);
	sq_arg_id(&b, c->case_id);
	sq_arg_id(&b, c->open_event);
	sq_arg_text(&b, c->receipt);
	sq_arg_text(&b, c->received_on);
	sq_arg_text(&b, str(c->name));
	sq_arg_text(&b, str(c->contact));
	sq_arg_text(&b, c->body);
	sq_arg_text(&b, str(c->client_key));
	sq_arg_int(&b, c->at);
	sq_arg_text(&b, c->review ? "review" : "comment");
	sq_arg_text(&b, c->due_on);
	return sq_insert(s, stmt, &b, &c->id, e);
}

#define COMMENT_COLUMNS                                                                   \
	"SELECT c.id, c.case_id, c.open_event, c.receipt, c.received_on, c.name, c.contact,"  \
	" c.body, c.client_key, c.at, coalesce(h.action, ''), coalesce(h.text, ''),"         \
	" coalesce(h.actor, ''), coalesce(h.on_day, ''), coalesce(d.action, ''),"            \
	" coalesce(d.text, ''), c.kind, c.due_on, coalesce(w.text, ''), coalesce(w.on_day, ''),"  \
	" coalesce(w.actor, '')"
#define COMMENT_FROM                                                                      \
	" FROM public_comments c"                                                            \
	" LEFT JOIN public_comment_events w ON w.id = (SELECT max(id) FROM"                  \
	" public_comment_events WHERE comment_id = c.id AND action = 'answer')"              \
	" LEFT JOIN public_comment_events h ON h.id = (SELECT max(id) FROM"                  \
	" public_comment_events WHERE comment_id = c.id AND action IN ('hide', 'show'))"     \
	" LEFT JOIN public_comment_events d ON d.id = (SELECT max(id) FROM"                  \
	" public_comment_events WHERE comment_id = c.id"                                     \
	" AND action IN ('adopt', 'partly', 'not_adopt'))"
#define COMMENT_SELECT COMMENT_COLUMNS COMMENT_FROM

/* A draft's comments in order, all or those shown. */
enum { CF_OPEN_EVENT, CF_SHOWN };
static const struct sq_query comment_query = {
	.id = SQ_Q_COMMENT,
	.select = COMMENT_COLUMNS,
	.from = COMMENT_FROM,
	.filters = {
		[CF_OPEN_EVENT] = "c.open_event = :open_event",
		[CF_SHOWN] = "coalesce(h.action, '') <> 'hide'",
	},
	.order = " ORDER BY c.id",
};

static void comment_read(struct sq_row *r, void *item)
{
	struct public_comment *c = item;
	c->id = sq_col_int(r);
	c->case_id = sq_col_int(r);
	c->open_event = sq_col_int(r);
	sq_col_fixed(r, c->receipt, sizeof c->receipt);
	sq_col_fixed(r, c->received_on, sizeof c->received_on);
	c->name = sq_col_text(r);
	c->contact = sq_col_text(r);
	c->body = sq_col_text(r);
	c->client_key = sq_col_text(r);
	c->at = sq_col_int(r);
	const char *vis = sq_col_text(r);
	c->hidden = vis && strcmp(vis, "hide") == 0;
	const char *why = sq_col_text(r);
	const char *who = sq_col_text(r);
	c->hidden_reason = c->hidden ? why : "";
	c->hidden_by = c->hidden ? who : "";
	sq_col_fixed(r, c->hidden_on, sizeof c->hidden_on);
	if (!c->hidden)
		c->hidden_on[0] = '\0';
	c->adoption = comment_action_parse(sq_col_text(r));
	c->adoption_note = sq_col_text(r);
	const char *kind = sq_col_text(r);
	c->review = kind && strcmp(kind, "review") == 0;
	sq_col_fixed(r, c->due_on, sizeof c->due_on);
	c->answer = sq_col_text(r);
	sq_col_fixed(r, c->answered_on, sizeof c->answered_on);
	c->answered_by = sq_col_text(r);
}

enum fz_err sq_comment_get(struct store *st, struct arena *a, int64_t id,
			   struct public_comment *out, struct fz_error *e)
{
	struct sq_store *s = sq(st);
	sqlite3_stmt *stmt;
	memset(out, 0, sizeof *out);
	enum fz_err err = sq_stmt(s, SQ_COMMENT_GET, COMMENT_SELECT " WHERE c.id = ?1", &stmt, e);
	if (err)
		return err;
	struct sq_args b = sq_args(stmt);
	sq_arg_int(&b, id);
	return sq_one(s, stmt, &b, a, out, comment_read, FZ_NOTFOUND, "comment_id", "没有这条意见",
		      e);
}

enum fz_err sq_comments_of(struct store *st, struct arena *a, int64_t open_event, bool shown_only,
			   struct page pg, struct public_comment_list *out, struct fz_error *e)
{
	struct sq_list l;
	void *items;
	unsigned mask = 1u << CF_OPEN_EVENT | (shown_only ? 1u << CF_SHOWN : 0);
	memset(out, 0, sizeof *out);
	enum fz_err err = sq_list_open(sq(st), &comment_query, NULL, mask, pg, &l, e);
	if (err)
		return err;
	sq_list_int(&l, ":open_event", open_event);
	err = sq_list_run(&l, a, sizeof *out->items, comment_read, &items, &out->n, &out->total,
			  e);
	out->items = items;
	return err;
}

static void counts_read(struct sq_row *r, void *item)
{
	struct comment_counts *c = item;
	c->received = sq_col_int(r);
	c->hidden = sq_col_int(r);
	c->adopted = sq_col_int(r);
	c->partly = sq_col_int(r);
	c->not_adopted = sq_col_int(r);
	c->undecided = sq_col_int(r);
}

enum fz_err sq_comment_counts(struct store *st, struct arena *a, int64_t open_event,
			      struct comment_counts *out, struct fz_error *e)
{
	struct sq_store *s = sq(st);
	sqlite3_stmt *stmt;
	memset(out, 0, sizeof *out);
	enum fz_err err = sq_stmt(
		s, SQ_COMMENT_COUNTS,
		"SELECT count(*), coalesce(sum(vis = 'hide'), 0), coalesce(sum(dec = 'adopt'), 0),"
		" coalesce(sum(dec = 'partly'), 0), coalesce(sum(dec = 'not_adopt'), 0),"
		" coalesce(sum(vis <> 'hide' AND dec = ''), 0) FROM (SELECT"
		" coalesce(h.action, '') AS vis, coalesce(d.action, '') AS dec"
		" FROM public_comments c"
		" LEFT JOIN public_comment_events h ON h.id = (SELECT max(id) FROM"
		" public_comment_events WHERE comment_id = c.id AND action IN ('hide', 'show'))"
		" LEFT JOIN public_comment_events d ON d.id = (SELECT max(id) FROM"
		" public_comment_events WHERE comment_id = c.id"
		" AND action IN ('adopt', 'partly', 'not_adopt'))"
		" WHERE c.open_event = ?1)",
		&stmt, e);
	if (err)
		return err;
	struct sq_args b = sq_args(stmt);
	sq_arg_int(&b, open_event);
	return sq_one(s, stmt, &b, a, out, counts_read, FZ_DB, NULL, "计数失败", e);
}

enum fz_err sq_comment_recent(struct store *st, const char *client_key, int64_t since, int64_t *n,
			      struct fz_error *e)
{
	return sq_count_since(sq(st), SQ_COMMENT_RECENT,
			      "SELECT count(*) FROM public_comments WHERE client_key = ?1"
			      " AND at >= ?2",
			      client_key, since, n, e);
}

enum fz_err sq_comment_event_insert(struct store *st, struct comment_event *ev,
				    struct fz_error *e)
{
	struct sq_store *s = sq(st);
	sqlite3_stmt *stmt;
	enum fz_err err = sq_stmt(s, SQ_COMMENT_EVENT_INSERT,
				  "INSERT INTO public_comment_events (comment_id, case_id, action,"
				  " on_day, at, actor_id, actor, text)"
				  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
				  &stmt, e);
	if (err)
		return err;
	ev->at = sq_now_if_zero(ev->at);
	struct sq_args b = sq_args(stmt);
	sq_arg_id(&b, ev->comment_id);
	sq_arg_id(&b, ev->case_id);
	sq_arg_text(&b, str(ev->action));
	sq_arg_text(&b, ev->on);
	sq_arg_int(&b, ev->at);
	sq_arg_int(&b, ev->actor_id);
	sq_arg_text(&b, str(ev->actor));
	sq_arg_text(&b, str(ev->text));
	return sq_insert(s, stmt, &b, &ev->id, e);
}

#define EVENT_SELECT                                                                      \
	"SELECT id, comment_id, case_id, action, on_day, at, actor_id, actor, text"          \
	" FROM public_comment_events"

static void event_read(struct sq_row *r, void *item)
{
	struct comment_event *ev = item;
	ev->id = sq_col_int(r);
	ev->comment_id = sq_col_int(r);
	ev->case_id = sq_col_int(r);
	ev->action = sq_col_text(r);
	sq_col_fixed(r, ev->on, sizeof ev->on);
	ev->at = sq_col_int(r);
	ev->actor_id = sq_col_int(r);
	ev->actor = sq_col_text(r);
	ev->text = sq_col_text(r);
}

enum fz_err sq_comment_event_get(struct store *st, struct arena *a, int64_t id,
				 struct comment_event *out, struct fz_error *e)
{
	struct sq_store *s = sq(st);
	sqlite3_stmt *stmt;
	memset(out, 0, sizeof *out);
	enum fz_err err = sq_stmt(s, SQ_COMMENT_EVENT_GET, EVENT_SELECT " WHERE id = ?1", &stmt, e);
	if (err)
		return err;
	struct sq_args b = sq_args(stmt);
	sq_arg_int(&b, id);
	return sq_one(s, stmt, &b, a, out, event_read, FZ_NOTFOUND, "id",
		      "公众意见的处理记录不存在", e);
}

enum fz_err sq_comment_events_of(struct store *st, struct arena *a, int64_t comment_id,
				 struct comment_event **items, size_t *n, struct fz_error *e)
{
	struct sq_store *s = sq(st);
	void *got;
	enum fz_err err = sq_rows_of(s, SQ_COMMENT_EVENTS_OF,
				     EVENT_SELECT " WHERE comment_id = ?1 ORDER BY id", comment_id, a,
				     sizeof **items, event_read, &got, n, e);
	*items = got;
	return err;
}

enum fz_err sq_comment_by_receipt(struct store *st, struct arena *a, const char *receipt,
				  struct public_comment *out, struct fz_error *e)
{
	struct sq_store *s = sq(st);
	sqlite3_stmt *stmt;
	memset(out, 0, sizeof *out);
	enum fz_err err = sq_stmt(s, SQ_COMMENT_BY_RECEIPT, COMMENT_SELECT " WHERE c.receipt = ?1",
				  &stmt, e);
	if (err)
		return err;
	struct sq_args b = sq_args(stmt);
	sq_arg_text(&b, str(receipt));
	return sq_one(s, stmt, &b, a, out, comment_read, FZ_NOTFOUND, "receipt",
		      "没有这个回执编号", e);
}

/* Review requests about documents of agencies in scope: ?1 mode (0 all,
 * 1 agency, 2 division), ?2 agency, ?3 prefix; ?4 = 1: unanswered only. */
#define REVIEW_WHERE                                                                      \
	" JOIN cases k ON k.id = c.case_id JOIN agencies g ON g.id = k.agency_id"            \
	" WHERE c.kind = 'review' AND (?1 = 0 OR (?1 = 1 AND k.agency_id = ?2)"              \
	" OR (?1 = 2 AND g.division_code LIKE ?3 || '%'))"                                   \
	" AND (?4 = 0 OR w.id IS NULL)"

static void review_bind(struct sq_args *b, const struct scope *sc, bool open_only)
{
	int mode = sc->kind == SCOPE_ALL ? 0 : sc->kind == SCOPE_DIVISION ? 2 : 1;
	sq_arg_int(b, mode);
	sq_arg_int(b, sc->kind == SCOPE_AGENCY ? sc->agency_id : -1);
	sq_arg_text(b, sc->kind == SCOPE_DIVISION ? sc->division_prefix : "");
	sq_arg_int(b, open_only);
}

enum fz_err sq_review_list(struct store *st, struct arena *a, const struct scope *sc,
			   bool open_only, struct page pg, struct public_comment_list *out,
			   struct fz_error *e)
{
	struct sq_store *s = sq(st);
	sqlite3_stmt *stmt;
	void *items = NULL;
	memset(out, 0, sizeof *out);
	if (!sc || sc->kind == SCOPE_NONE)
		return FZ_OK;
	if (pg.limit < 1)
		pg.limit = 1;
	if (pg.limit > 200)
		pg.limit = 200;
	if (pg.offset < 0)
		pg.offset = 0;
	enum fz_err err = sq_savepoint(s, e);
	if (err)
		return err;
	if ((err = sq_stmt(s, SQ_REVREQ_COUNT,
			   "SELECT count(*) FROM (" COMMENT_SELECT REVIEW_WHERE ")", &stmt, e)))
		goto fail;
	struct sq_args b = sq_args(stmt);
	review_bind(&b, sc, open_only);
	if ((err = sq_one(s, stmt, &b, NULL, &out->total, sq_read_int, FZ_DB, NULL, "计数失败", e)))
		goto fail;
	if ((err = sq_stmt(s, SQ_REVREQ_LIST,
			   COMMENT_SELECT REVIEW_WHERE " ORDER BY c.due_on, c.id LIMIT ?5 OFFSET ?6",
			   &stmt, e)))
		goto fail;
	b = sq_args(stmt);
	review_bind(&b, sc, open_only);
	sq_arg_int(&b, pg.limit);
	sq_arg_int(&b, pg.offset);
	if ((err = sq_collect(s, stmt, &b, a, sizeof *out->items, comment_read, &items, &out->n,
			      e)))
		goto fail;
	if ((err = sq_release(s, e))) {
		out->n = 0;
		return err;
	}
	out->items = items;
	return FZ_OK;
fail:
	sq_rollback_to(s);
	(void)sq_release(s, NULL);
	out->n = 0;
	out->total = 0;
	return err;
}
