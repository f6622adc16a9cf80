/* sqlite_complaint.c - complaints (投诉举报) in SQLite: the row of each
 * complaint, kept up to date by the app, and its append-only events. The
 * scope is applied here (store_complaint.h): the justice bureau by the
 * complained agency's division, an agency by the complaints assigned to
 * it. */
#include "store/sqlite_internal.h"

#include <string.h>

#define CMP_COLS                                                                          \
	"c.id, c.receipt, c.channel, c.received_on, c.name, c.phone, c.anonymous,"          \
	" c.agency_id, a.name, a.division_code, c.cert_number, c.officer_name,"             \
	" c.case_number, c.facts, c.request, c.state, coalesce(c.handler_id, 0),"           \
	" coalesce(h.name, ''), c.accept_due, c.accepted_on, c.due_on, c.provisional,"      \
	" c.reply, c.replied_on, c.closed_on, c.reason, c.client_key, c.created_by,"        \
	" c.created_at, c.updated_at"
#define CMP_FROM                                                                          \
	" FROM complaints c JOIN agencies a ON a.id = c.agency_id"                          \
	" LEFT JOIN agencies h ON h.id = c.handler_id"
/* ?1 mode (0 all, 1 agency, 2 division), ?2 agency, ?3 prefix */
#define CMP_SCOPE                                                                         \
	" (?1 = 0 OR (?1 = 1 AND c.handler_id = ?2)"                                        \
	" OR (?1 = 2 AND a.division_code LIKE ?3 || '%'))"

static void cmp_read(struct sq_row *r, void *item)
{
	struct complaint *c = item;
	c->id = sq_col_int(r);
	sq_col_fixed(r, c->receipt, sizeof c->receipt);
	int ch = complaint_channel_parse(sq_col_text(r));
	c->channel = ch ? (enum complaint_channel)ch : CMP_CH_PORTAL;
	sq_col_fixed(r, c->received_on, sizeof c->received_on);
	c->name = sq_col_text(r);
	c->phone = sq_col_text(r);
	c->anonymous = sq_col_bool(r);
	c->agency_id = sq_col_int(r);
	c->agency = sq_col_text(r);
	c->division_code = sq_col_text(r);
	c->cert_number = sq_col_text(r);
	c->officer_name = sq_col_text(r);
	c->case_number = sq_col_text(r);
	c->facts = sq_col_text(r);
	c->request = sq_col_text(r);
	int stt = complaint_state_parse(sq_col_text(r));
	c->state = stt ? (enum complaint_state)stt : CMP_RECEIVED;
	c->handler_id = sq_col_int(r);
	c->handler = sq_col_text(r);
	sq_col_fixed(r, c->accept_due, sizeof c->accept_due);
	sq_col_fixed(r, c->accepted_on, sizeof c->accepted_on);
	sq_col_fixed(r, c->due_on, sizeof c->due_on);
	c->provisional = sq_col_bool(r);
	c->reply = sq_col_text(r);
	sq_col_fixed(r, c->replied_on, sizeof c->replied_on);
	sq_col_fixed(r, c->closed_on, sizeof c->closed_on);
	c->reason = sq_col_text(r);
	c->client_key = sq_col_text(r);
	c->created_by = sq_col_int(r);
	c->created_at = sq_col_int(r);
	c->updated_at = sq_col_int(r);
}

static const char *str(const char *s) { return s ? s : ""; }

enum fz_err sq_complaint_insert(struct store *st, struct complaint *c, struct fz_error *e)
{
	struct sq_store *s = sq(st);
	sqlite3_stmt *stmt;
	const char *state = complaint_state_name(c->state);
	const char *channel = complaint_channel_name(c->channel);
	if (!state || !channel || !c->facts || !*c->facts || !c->request || !*c->request ||
	    !c->receipt[0])
		return fz_fail(e, FZ_INVALID, "facts", "投诉缺少事项、请求或回执编号");
	enum fz_err err = sq_stmt(s, SQ_CMP_INSERT,
				  "INSERT INTO complaints (receipt, channel, received_on, name, phone,"
				  " anonymous, agency_id, cert_number, officer_name, case_number, facts,"
				  " request, state, accept_due, provisional, client_key, created_by,"
				  " created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9,"
				  " ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?18)",
				  &stmt, e);
	if (err)
		return err;
	int64_t now = sq_now_if_zero(c->created_at);
	struct sq_args b = sq_args(stmt);
	sq_arg_text(&b, c->receipt);
	sq_arg_text(&b, channel);
	sq_arg_text(&b, c->received_on);
	sq_arg_text(&b, str(c->name));
	sq_arg_text(&b, str(c->phone));
	sq_arg_int(&b, c->anonymous);
	sq_arg_id(&b, c->agency_id);
	sq_arg_text(&b, str(c->cert_number));
	sq_arg_text(&b, str(c->officer_name));
	sq_arg_text(&b, str(c->case_number));
	sq_arg_text(&b, c->facts);
	sq_arg_text(&b, c->request);
	sq_arg_text(&b, state);
	sq_arg_text(&b, c->accept_due);
	sq_arg_int(&b, c->provisional);
	sq_arg_text(&b, str(c->client_key));
	sq_arg_int(&b, c->created_by);
	sq_arg_int(&b, now);
	const struct sq_ref refs[] = { SQ_REF_AGENCY("agency_id", c->agency_id) };
	if ((err = sq_write(s, stmt, &b, refs, 1, NULL, e)))
		return err;
	c->id = sqlite3_last_insert_rowid(s->c->db);
	c->created_at = c->updated_at = now;
	return FZ_OK;
}

enum fz_err sq_complaint_update(struct store *st, const struct complaint *c, struct fz_error *e)
{
	struct sq_store *s = sq(st);
	sqlite3_stmt *stmt;
	const char *state = complaint_state_name(c->state);
	if (!state)
		return fz_fail(e, FZ_INVALID, "state", "投诉状态无效");
	enum fz_err err = sq_stmt(s, SQ_CMP_UPDATE,
				  "UPDATE complaints SET state = ?2, handler_id = ?3, accept_due = ?4,"
				  " accepted_on = ?5, due_on = ?6, provisional = ?7, reply = ?8,"
				  " replied_on = ?9, closed_on = ?10, reason = ?11, updated_at = ?12"
				  " WHERE id = ?1",
				  &stmt, e);
	if (err)
		return err;
	struct sq_args b = sq_args(stmt);
	sq_arg_int(&b, c->id);
	sq_arg_text(&b, state);
	sq_arg_id(&b, c->handler_id);
	sq_arg_text(&b, c->accept_due);
	sq_arg_text(&b, c->accepted_on);
	sq_arg_text(&b, c->due_on);
	sq_arg_int(&b, c->provisional);
	sq_arg_text(&b, str(c->reply));
	sq_arg_text(&b, c->replied_on);
	sq_arg_text(&b, c->closed_on);
	sq_arg_text(&b, str(c->reason));
	sq_arg_int(&b, sq_now_if_zero(c->updated_at));
	const struct sq_ref refs[] = { SQ_REF_AGENCY("handler_id", c->handler_id) };
	return sq_write(s, stmt, &b, refs, 1, "投诉不存在", e);
}

static void scope_bind(struct sq_args *b, const struct scope *sc)
{
	int mode = sc->kind == SCOPE_ALL ? 0 : sc->kind == SCOPE_DIVISION ? 2 : 1;
	sq_arg_int(b, mode);
	sq_arg_int(b, sc->kind == SCOPE_AGENCY ? sc->agency_id : -1);
	sq_arg_text(b, sc->kind == SCOPE_DIVISION ? sc->division_prefix : "");
}

enum fz_err sq_complaint_get(struct store *st, struct arena *a, const struct scope *sc, int64_t id,
			     struct complaint *out, struct fz_error *e)
{
	struct sq_store *s = sq(st);
	sqlite3_stmt *stmt;
	memset(out, 0, sizeof *out);
	if (!sc || sc->kind == SCOPE_NONE)
		return fz_fail(e, FZ_NOTFOUND, "id", "投诉不存在");
	enum fz_err err = sq_stmt(s, SQ_CMP_GET,
				  "SELECT " CMP_COLS CMP_FROM " WHERE" CMP_SCOPE " AND c.id = ?4",
				  &stmt, e);
	if (err)
		return err;
	struct sq_args b = sq_args(stmt);
	scope_bind(&b, sc);
	sq_arg_int(&b, id);
	return sq_one(s, stmt, &b, a, out, cmp_read, FZ_NOTFOUND, "id", "投诉不存在", e);
}

enum fz_err sq_complaint_by_receipt(struct store *st, struct arena *a, const char *receipt,
				    struct complaint *out, struct fz_error *e)
{
	struct sq_store *s = sq(st);
	sqlite3_stmt *stmt;
	memset(out, 0, sizeof *out);
	enum fz_err err = sq_stmt(s, SQ_CMP_BY_RECEIPT,
				  "SELECT " CMP_COLS CMP_FROM " WHERE c.receipt = ?1", &stmt, e);
	if (err)
		return err;
	struct sq_args b = sq_args(stmt);
	sq_arg_text(&b, str(receipt));
	return sq_one(s, stmt, &b, a, out, cmp_read, FZ_NOTFOUND, "receipt", "投诉不存在", e);
}

enum {
	KF_ID,
	KF_AGENCY,
	KF_STATE,
	KF_OVERDUE,
	KF_OPEN,
	KF_HANDLER,
	KF_BUREAU_TURN,
	KF_IDS,
};

/* A clause per filter, so that each list is planned for what it asks (one
 * statement with every filter and the scope behind "?n = 0 OR" read every
 * complaint for any agency's list). "Overdue" is complaint_overdue's rule
 * in SQL. */
static const struct sq_query cmp_query = {
	.id = SQ_Q_COMPLAINT,
	.select = "SELECT " CMP_COLS,
	.from = CMP_FROM,
	.count_from = " FROM complaints c",
	.count_filters = ~0u,
	/* an agency sees the complaints it is responsible for; the justice
	 * bureau those about its division's agencies */
	.scope_agency = "c.handler_id = :scope_agency",
	.scope_division = "a.division_code LIKE :scope_prefix || '%'",
	.count_scope_division = SQ_DIVISION_AGENCIES("c.agency_id"),
	.filters = {
		[KF_ID] = "c.id = :id",
		[KF_AGENCY] = "(c.agency_id = :agency OR c.handler_id = :agency)",
		[KF_STATE] = "c.state = :state",
		[KF_OVERDUE] = "((c.state = 'received' AND c.accept_due <> '' AND c.accept_due < :today)"
			       " OR (c.state = 'assigned' AND c.due_on <> '' AND c.due_on < :today))",
		[KF_OPEN] = "c.state IN ('received', 'assigned', 'replied')",
		[KF_HANDLER] = "c.handler_id = :handler",
		[KF_BUREAU_TURN] = "(c.state IN ('received', 'replied')"
				   " OR (c.state = 'assigned' AND c.handler_id = :bureau_agency))",
		[KF_IDS] = "c.id IN (SELECT value FROM json_each(:ids))",
	},
	.order = " ORDER BY c.id DESC",
	.sorts = (const char *const[]){
		[COMPLAINT_SORT_RECEIPT] = "c.receipt",
		[COMPLAINT_SORT_RECEIVED] = "c.received_on",
		[COMPLAINT_SORT_AGENCY] = "a.name",
		[COMPLAINT_SORT_STATE] = "c.state",
		[COMPLAINT_SORT_HANDLER] = "coalesce(h.name, '')",
		/* the date that runs now: acceptance while received, else the
		 * reply's */
		[COMPLAINT_SORT_DUE] = "CASE c.state WHEN 'received' THEN c.accept_due"
				       " WHEN 'assigned' THEN c.due_on ELSE '' END",
	},
	.nsorts = COMPLAINT_SORT_COUNT,
	.tiebreak = "c.id",
};

enum fz_err sq_complaint_list(struct store *st, struct arena *a, const struct complaint_filter *f,
			      const struct scope *sc, struct page pg, struct complaint_list *out,
			      struct fz_error *e)
{
	struct sq_list l;
	void *items = NULL;
	memset(out, 0, sizeof *out);
	if (!sc || sc->kind == SCOPE_NONE)
		return FZ_OK;
	const char *ids = f->only.ids ? sq_ids_json(a, f->only.ids, f->only.n) : NULL;
	if (f->only.ids && !ids)
		return fz_fail(e, FZ_NOMEM, "", NULL);
	unsigned mask = 0;
	if (f->agency_id > 0)
		mask |= 1u << KF_AGENCY;
	if (f->state)
		mask |= 1u << KF_STATE;
	if (f->overdue)
		mask |= 1u << KF_OVERDUE;
	if (f->open)
		mask |= 1u << KF_OPEN;
	if (f->handler_id > 0)
		mask |= 1u << KF_HANDLER;
	if (f->bureau_turn)
		mask |= 1u << KF_BUREAU_TURN;
	if (ids)
		mask |= 1u << KF_IDS;
	enum fz_err err = sq_list_open_sorted(sq(st), &cmp_query, sc, mask, f->sort, pg, &l, e);
	if (err)
		return err;
	sq_list_int(&l, ":agency", f->agency_id);
	sq_list_text(&l, ":state",
		     f->state ? complaint_state_name((enum complaint_state)f->state) : NULL);
	sq_list_text(&l, ":today", f->today);
	sq_list_int(&l, ":handler", f->handler_id);
	sq_list_int(&l, ":bureau_agency", f->bureau_agency);
	sq_list_text(&l, ":ids", ids);
	err = sq_list_run(&l, a, sizeof *out->items, cmp_read, &items, &out->n, &out->total, e);
	out->items = items;
	out->total_more = l.more;
	return err;
}

enum fz_err sq_complaint_recent(struct store *st, const char *client_key, int64_t since,
				int64_t *n, struct fz_error *e)
{
	return sq_count_since(sq(st), SQ_CMP_RECENT,
			      "SELECT count(*) FROM complaints WHERE client_key = ?1"
			      " AND created_at >= ?2",
			      client_key, since, n, e);
}

enum fz_err sq_complaint_attachment_insert(struct store *st, struct complaint_attachment *att,
					   struct fz_error *e)
{
	struct sq_store *s = sq(st);
	sqlite3_stmt *stmt;
	enum fz_err err = sq_stmt(s, SQ_CMP_ATT_INSERT,
				  "INSERT INTO complaint_attachments (complaint_id, digest, size,"
				  " file_name, media_type, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
				  &stmt, e);
	if (err)
		return err;
	att->created_at = sq_now_if_zero(att->created_at);
	struct sq_args b = sq_args(stmt);
	sq_arg_id(&b, att->complaint_id);
	sq_arg_text(&b, att->digest);
	sq_arg_int(&b, att->size);
	sq_arg_text(&b, str(att->file_name));
	sq_arg_text(&b, str(att->media_type));
	sq_arg_int(&b, att->created_at);
	return sq_insert(s, stmt, &b, &att->id, e);
}

static void attachment_read(struct sq_row *r, void *item)
{
	struct complaint_attachment *x = item;
	x->id = sq_col_int(r);
	x->complaint_id = sq_col_int(r);
	sq_col_fixed(r, x->digest, sizeof x->digest);
	x->size = sq_col_int(r);
	x->file_name = sq_col_text(r);
	x->media_type = sq_col_text(r);
	x->created_at = sq_col_int(r);
}

enum fz_err sq_complaint_attachments_of(struct store *st, struct arena *a, int64_t complaint_id,
					struct complaint_attachment **items, size_t *n,
					struct fz_error *e)
{
	struct sq_store *s = sq(st);
	void *got;
	enum fz_err err = sq_rows_of(s, SQ_CMP_ATTS_OF,
				     "SELECT id, complaint_id, digest, size, file_name, media_type,"
				     " created_at FROM complaint_attachments WHERE complaint_id = ?1"
				     " ORDER BY id",
				     complaint_id, a, sizeof **items, attachment_read, &got, n, e);
	*items = got;
	return err;
}

enum fz_err sq_complaint_lookup_add(struct store *st, const char *client_key, int64_t at,
				    int64_t before, struct fz_error *e)
{
	struct sq_store *s = sq(st);
	sqlite3_stmt *stmt;
	enum fz_err err = sq_stmt(s, SQ_CMP_LOOKUP_PRUNE,
				  "DELETE FROM complaint_lookups WHERE at < ?1", &stmt, e);
	if (err)
		return err;
	struct sq_args b = sq_args(stmt);
	sq_arg_int(&b, before);
	if ((err = sq_write(s, stmt, &b, NULL, 0, NULL, e)) ||
	    (err = sq_stmt(s, SQ_CMP_LOOKUP_INSERT,
			   "INSERT INTO complaint_lookups (client_key, at) VALUES (?1, ?2)", &stmt,
			   e)))
		return err;
	b = sq_args(stmt);
	sq_arg_text(&b, str(client_key));
	sq_arg_int(&b, at);
	return sq_write(s, stmt, &b, NULL, 0, NULL, e);
}

enum fz_err sq_complaint_lookup_count(struct store *st, const char *client_key, int64_t since,
				      int64_t *n, struct fz_error *e)
{
	return sq_count_since(sq(st), SQ_CMP_LOOKUP_COUNT,
			      "SELECT count(*) FROM complaint_lookups WHERE client_key = ?1"
			      " AND at >= ?2",
			      client_key, since, n, e);
}

enum fz_err sq_complaint_event_insert(struct store *st, struct complaint_event *ev,
				      struct fz_error *e)
{
	struct sq_store *s = sq(st);
	sqlite3_stmt *stmt;
	enum fz_err err = sq_stmt(s, SQ_CMP_EVENT_INSERT,
				  "INSERT INTO complaint_events (complaint_id, action, on_day, at,"
				  " actor_id, actor, agency_id, text, state)"
				  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
				  &stmt, e);
	if (err)
		return err;
	ev->at = sq_now_if_zero(ev->at);
	struct sq_args b = sq_args(stmt);
	sq_arg_id(&b, ev->complaint_id);
	sq_arg_text(&b, str(ev->action));
	sq_arg_text(&b, ev->on);
	sq_arg_int(&b, ev->at);
	sq_arg_int(&b, ev->actor_id);
	sq_arg_text(&b, str(ev->actor));
	sq_arg_int(&b, ev->agency_id);
	sq_arg_text(&b, str(ev->text));
	sq_arg_text(&b, str(ev->state));
	return sq_insert(s, stmt, &b, &ev->id, e);
}

static void event_read(struct sq_row *r, void *item)
{
	struct complaint_event *ev = item;
	ev->id = sq_col_int(r);
	ev->complaint_id = sq_col_int(r);
	ev->action = sq_col_text(r);
	sq_col_fixed(r, ev->on, sizeof ev->on);
	ev->at = sq_col_int(r);
	ev->actor_id = sq_col_int(r);
	ev->actor = sq_col_text(r);
	ev->agency_id = sq_col_int(r);
	ev->text = sq_col_text(r);
	ev->state = sq_col_text(r);
	ev->actor_name = sq_col_text(r);
}

/* With the display name of the account that recorded each event, for
 * the history people read (the username stays the record). */
#define EVENT_SELECT                                                                      \
	"SELECT e.id, e.complaint_id, e.action, e.on_day, e.at, e.actor_id, e.actor,"       \
	" e.agency_id, e.text, e.state, coalesce(u.display_name, '')"                       \
	" FROM complaint_events e LEFT JOIN users u ON u.id = e.actor_id"

enum fz_err sq_complaint_event_get(struct store *st, struct arena *a, int64_t id,
				   struct complaint_event *out, struct fz_error *e)
{
	struct sq_store *s = sq(st);
	sqlite3_stmt *stmt;
	memset(out, 0, sizeof *out);
	enum fz_err err = sq_stmt(s, SQ_CMP_EVENT_GET, EVENT_SELECT " WHERE e.id = ?1", &stmt, e);
	if (err)
		return err;
	struct sq_args b = sq_args(stmt);
	sq_arg_int(&b, id);
	return sq_one(s, stmt, &b, a, out, event_read, FZ_NOTFOUND, "id", "投诉办理记录不存在",
		      e);
}

enum fz_err sq_complaint_events_of(struct store *st, struct arena *a, int64_t complaint_id,
				   struct complaint_event **items, size_t *n, struct fz_error *e)
{
	struct sq_store *s = sq(st);
	void *got;
	enum fz_err err = sq_rows_of(s, SQ_CMP_EVENTS_OF,
				     EVENT_SELECT " WHERE e.complaint_id = ?1 ORDER BY e.id", complaint_id, a,
				     sizeof **items, event_read, &got, n, e);
	*items = got;
	return err;
}
